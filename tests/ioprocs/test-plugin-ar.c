/* test-plugin-ar.c — the ar storage IOProc example plugin, loaded from its
 * module and installed for this process: members by GNU short and long
 * names and BSD names, reads and seeks inside a member (SEEK_END
 * subtracts), end of member, missing members, things that are not
 * archives, damaged headers, listing, and agreement with the system's
 * `ar` tool when it is installed. */
#include "test-util.h"
#include "ar-builder.h"

#include <mmio/mmio-plugin.h>
#include <mmio/mmio-cf.h>
#include <stdio.h>
#include <string.h>

#define FCC_AR mmioFOURCC ('A', ' ', ' ', ' ')

static char *archive;

static HMMIO
open_member (const char *member)
{
  char *name = g_strconcat (archive, "+", member, NULL);
  HMMIO h = mmioOpen (name, NULL, MMIO_READ);
  g_free (name);
  return h;
}

static void
expect_member (const char *member, const char *content)
{
  HMMIO h = open_member (member);
  char buf[64] = { 0 };
  LONG len = (LONG) strlen (content);

  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, buf, sizeof buf), ==, len);
  g_assert_cmpmem (buf, len, content, len);
  g_assert_cmpint (mmioRead (h, buf, sizeof buf), ==, 0);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
}

static void
test_members (void)
{
  expect_member ("hello.txt", "Hello, world\n");
  expect_member ("a-very-long-member-name.data", "abcdefghijklmnopqrstuvwxyz");
  expect_member ("bsd-name.bin", "12345");
  expect_member ("odd.dat", "xyz");
}

static void
test_seek (void)
{
  HMMIO h = open_member ("a-very-long-member-name.data");
  MMIOINFO info;
  char c = 0;

  g_assert_nonnull (h);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, 26);
  g_assert_cmpint (mmioSeek (h, 3, SEEK_END), ==, 23);      /* subtracts */
  g_assert_cmpint (mmioRead (h, &c, 1), ==, 1);
  g_assert_cmpint (c, ==, 'x');
  g_assert_cmpint (mmioSeek (h, 2, SEEK_SET), ==, 2);
  g_assert_cmpint (mmioSeek (h, 1, SEEK_CUR), ==, 3);
  g_assert_cmpint (mmioRead (h, &c, 1), ==, 1);
  g_assert_cmpint (c, ==, 'd');
  tu_get_info (h, &info);
  g_assert_cmpint (info.lDiskOffset, ==, 4);              /* member-relative */
  g_assert_cmpint (mmioSeek (h, -10, SEEK_SET), ==, -1);
  mmioClose (h, 0);
}

static void
test_errors (void)
{
  MMIOINFO info;
  char *name;

  memset (&info, 0, sizeof info);
  name = g_strconcat (archive, "+no-such-member", NULL);
  g_assert_null (mmioOpen (name, &info, MMIO_READ));
  g_assert_cmpuint (info.wErrorRet, ==, MMIOERR_FILENOTFOUND);
  g_free (name);

  /* Not an archive. */
  {
    char *path = tu_path ("plain.a");
    tu_write_file (path, "this is not an archive", 22);
    name = g_strconcat (path, "+x", NULL);
    memset (&info, 0, sizeof info);
    g_assert_null (mmioOpen (name, &info, MMIO_READ));
    g_assert_cmpuint (info.wErrorRet, ==, MMIOERR_INVALIDFILE);
    g_free (name);
    g_free (path);
  }
  /* A damaged header before the member: not found, no crash. */
  {
    GByteArray *a = ar_sample ();
    char *path = tu_path ("damaged.a");
    a->data[8 + 58] = '!';                     /* first header's magic */
    tu_write_file (path, a->data, a->len);
    name = g_strconcat (path, "+hello.txt", NULL);
    memset (&info, 0, sizeof info);
    g_assert_null (mmioOpen (name, &info, MMIO_READ));
    g_assert_cmpuint (info.wErrorRet, ==, MMIOERR_INVALIDFILE);
    g_free (name);
    g_free (path);
    g_byte_array_unref (a);
  }
  /* A member whose size overruns the file is cut to what is there. */
  {
    GByteArray *a = g_byte_array_new ();
    char *path = tu_path ("cut.a");
    HMMIO h;
    char buf[32];
    g_byte_array_append (a, (guint8 *) "!<arch>\n", 8);
    ar_header (a, "big/", 1000000);
    g_byte_array_append (a, (guint8 *) "only this", 9);
    tu_write_file (path, a->data, a->len);
    name = g_strconcat (path, "+big", NULL);
    h = mmioOpen (name, NULL, MMIO_READ);
    g_assert_nonnull (h);
    g_assert_cmpint (mmioRead (h, buf, sizeof buf), ==, 9);
    mmioClose (h, 0);
    g_free (name);
    g_free (path);
    g_byte_array_unref (a);
  }
  /* Read-only. */
  name = g_strconcat (archive, "+hello.txt", NULL);
  memset (&info, 0, sizeof info);
  g_assert_null (mmioOpen (name, &info, MMIO_READWRITE));
  g_assert_cmpuint (info.wErrorRet, ==, MMIOERR_ACCESSDENIED);
  g_free (name);
}

static BOOL
add_element (MMIOELEMENTSINK *sink, const MMIOELEMENT *e)
{
  GString *s = sink->pUser;
  g_string_append_printf (s, "%s:%ld;", e->pszName, (long) e->lSize);
  return TRUE;
}

static void
test_list (void)
{
  GString *s = g_string_new (NULL);
  MMIOELEMENTSINK sink = { add_element, NULL, s };

  g_assert_cmpuint (mmioListElements (archive, &sink, 0), ==, 0);
  g_assert_cmpstr (s->str, ==,
                   "hello.txt:13;a-very-long-member-name.data:26;bsd-name.bin:5;odd.dat:3;");
  g_string_free (s, TRUE);
}

/* An archive made by the system's ar (binutils) reads the same. */
static void
test_system_ar (void)
{
  char *ar = g_find_program_in_path ("ar");
  char *dir, *lib, *argv[6];
  int status = -1;
  const char *names[] = { "one.txt", "a-long-member-file-name.txt" };
  const char *bodies[] = { "first member\n", "second, with a long name\n" };

  if (ar == NULL)
    {
      g_test_skip ("ar (binutils) is not installed");
      return;
    }
  dir = g_build_filename (tu_tmpdir (), "sys", NULL);
  g_mkdir_with_parents (dir, 0700);
  lib = g_build_filename (dir, "libsys.a", NULL);
  for (guint i = 0; i < 2; i++)
    {
      char *p = g_build_filename (dir, names[i], NULL);
      tu_write_file (p, bodies[i], strlen (bodies[i]));
      g_free (p);
    }
  argv[0] = ar; argv[1] = (char *) "rcD"; argv[2] = lib;
  argv[3] = (char *) names[0]; argv[4] = (char *) names[1]; argv[5] = NULL;
  g_assert_true (g_spawn_sync (dir, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      char *name = g_strconcat (lib, "+", names[i], NULL);
      HMMIO h = mmioOpen (name, NULL, MMIO_READ);
      char buf[64] = { 0 };
      g_assert_nonnull (h);
      g_assert_cmpint (mmioRead (h, buf, sizeof buf), ==, (LONG) strlen (bodies[i]));
      g_assert_cmpstr (buf, ==, bodies[i]);
      mmioClose (h, 0);
      g_free (name);
    }
  g_free (lib);
  g_free (dir);
  g_free (ar);
}

static BOOL
count_element (MMIOELEMENTSINK *sink, const MMIOELEMENT *e)
{
  (*(guint *) sink->pUser)++;
  return TRUE;
}

/* Mutants are written without the fsync tu_write_file does: hundreds of
 * them would otherwise spend the test's time waiting on the disk. */
static void
write_quick (const char *path, const guint8 *data, gsize len)
{
  FILE *f = fopen (path, "wb");
  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (data, 1, len, f), ==, len);
  g_assert_cmpint (fclose (f), ==, 0);
}

/* Hostile input: damaged copies of the sample (bytes changed, cut short)
 * are opened, read and listed; every call must return, with a result or
 * an error (the sanitizer build checks every byte touched). Seeded, so
 * the same copies each run. */
static void
test_mutations (void)
{
  GByteArray *good = ar_sample ();
  GRand *rand = g_rand_new_with_seed (20261123);
  char *path = tu_path ("mutant.a");
  const char *members[] = { "hello.txt", "a-very-long-member-name.data", "bsd-name.bin", "odd.dat", "" };

  for (guint round = 0; round < 600; round++)
    {
      GByteArray *a = g_byte_array_sized_new (good->len);
      guint flips = g_rand_int_range (rand, 1, 6);
      guint listed = 0;
      MMIOELEMENTSINK sink = { count_element, NULL, &listed };

      g_byte_array_append (a, good->data, good->len);
      for (guint i = 0; i < flips; i++)
        {
          guint at = g_rand_int_range (rand, 0, (gint32) a->len);
          /* Digits and spaces make size fields say other (large) numbers. */
          const char pool[] = "0123456789 /#`\n\xff";
          a->data[at] = g_rand_boolean (rand) ? (guint8) pool[g_rand_int_range (rand, 0, sizeof pool - 1)]
                                              : (guint8) g_rand_int_range (rand, 0, 256);
        }
      if (g_rand_int_range (rand, 0, 4) == 0)
        g_byte_array_set_size (a, g_rand_int_range (rand, 0, (gint32) a->len));
      write_quick (path, a->data, a->len);
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        {
          char *name = g_strconcat (path, "+", members[m], NULL);
          HMMIO h = mmioOpen (name, NULL, MMIO_READ);
          if (h != NULL)
            {
              char buf[64];
              while (mmioRead (h, buf, sizeof buf) > 0)
                ;
              g_assert_cmpint (mmioSeek (h, 5, SEEK_END), >=, -1);
              mmioClose (h, 0);
            }
          g_free (name);
        }
      mmioListElements (path, &sink, 0);
      g_byte_array_unref (a);
    }
  g_free (path);
  g_rand_free (rand);
  g_byte_array_unref (good);
}

int
main (int argc, char **argv)
{
  MMIOPLUGINERROR err;
  MMIOPLUGIN *plugin;
  GByteArray *a;

  g_test_init (&argc, &argv, NULL);
  plugin = mmioPluginLoad (g_getenv ("RIFFSCOPE_AR_PLUGIN"), &err);
  if (plugin == NULL)
    g_error ("%s", err.szMessage);
  g_assert_nonnull (mmioInstallIOProc (FCC_AR, mmioPluginDescriptor (plugin)->pProcs[0].pIOProc,
                                       MMIO_INSTALLPROC));
  archive = tu_path ("libx.a");
  a = ar_sample ();
  tu_write_file (archive, a->data, a->len);
  g_byte_array_unref (a);

  g_test_add_func ("/plugin/ar/members", test_members);
  g_test_add_func ("/plugin/ar/seek", test_seek);
  g_test_add_func ("/plugin/ar/errors", test_errors);
  g_test_add_func ("/plugin/ar/list", test_list);
  g_test_add_func ("/plugin/ar/system-ar", test_system_ar);
  g_test_add_func ("/plugin/ar/mutations", test_mutations);
  {
    int rc = g_test_run ();
    g_free (archive);
    return rc;
  }
}
