/* test-special-modes.c — the mmioOpen modes that return no real handle
 * (MMIO_PARSE, MMIO_EXIST, MMIO_DELETE, MMIO_GETTEMP) and mmioRename. */
#include "test-util.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

/* The name buffer a caller hands to the no-handle modes: 128 chars at
 * least; ours is larger so an overrun would show. */
typedef struct
{
  char name[256];
} NameBuf;

static char *cwd_before;

static void
enter_tmpdir (void)
{
  cwd_before = g_get_current_dir ();
  g_assert_cmpint (g_chdir (tu_tmpdir ()), ==, 0);
}

static void
leave_tmpdir (void)
{
  g_assert_cmpint (g_chdir (cwd_before), ==, 0);
  g_clear_pointer (&cwd_before, g_free);
}

static void
test_parse_relative (void)
{
  NameBuf b;
  MMIOINFO in = { 0 };
  char *cwd, *expected;
  HMMIO r;

  enter_tmpdir ();
  cwd = g_get_current_dir ();
  expected = g_build_filename (cwd, "rel.bin", NULL);

  strcpy (b.name, "rel.bin");
  in.wErrorRet = 77;
  r = mmioOpen (b.name, &in, MMIO_PARSE);
  g_assert_true (r == (HMMIO) (uintptr_t) TRUE);
  g_assert_cmpuint (in.wErrorRet, ==, 0);
  g_assert_cmpstr (b.name, ==, expected);
  /* Nothing was opened or created. */
  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));

  /* Dots are resolved; the file need not exist. */
  strcpy (b.name, "./sub/../rel.bin");
  g_assert_true (mmioOpen (b.name, NULL, MMIO_PARSE) == (HMMIO) (uintptr_t) TRUE);
  g_assert_cmpstr (b.name, ==, expected);

  /* An absolute name stays as it is. */
  strcpy (b.name, "/usr/../usr/share");
  g_assert_true (mmioOpen (b.name, NULL, MMIO_PARSE) == (HMMIO) (uintptr_t) TRUE);
  g_assert_cmpstr (b.name, ==, "/usr/share");

  g_free (expected);
  g_free (cwd);
  leave_tmpdir ();
}

static void
test_parse_too_long (void)
{
  NameBuf b;
  MMIOINFO in = { 0 };
  char *cwd, *full;

  enter_tmpdir ();
  cwd = g_get_current_dir ();
  memset (b.name, 'q', 140);
  b.name[140] = 0;
  full = g_build_filename (cwd, b.name, NULL);
  g_assert_cmpuint (strlen (full), >, 127);

  memset (b.name + 141, '#', sizeof b.name - 141);
  g_assert_null (mmioOpen (b.name, &in, MMIO_PARSE));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_OUTOFMEMORY);
  /* The buffer holds the path cut to 127 characters... */
  g_assert_cmpuint (strlen (b.name), ==, 127);
  g_assert_cmpint (strncmp (b.name, full, 127), ==, 0);
  /* ...and nothing past its 128 characters was touched. */
  for (gsize i = 141; i < sizeof b.name; i++)
    g_assert_cmpint (b.name[i], ==, '#');

  /* A name that fits exactly (127 characters) is fine. */
  {
    gsize room = 127 - strlen (cwd) - 1;
    memset (b.name, 'r', room);
    b.name[room] = 0;
    memset (&in, 0, sizeof in);
    g_assert_nonnull (mmioOpen (b.name, &in, MMIO_PARSE));
    g_assert_cmpuint (strlen (b.name), ==, 127);
    g_assert_cmpuint (in.wErrorRet, ==, 0);
  }
  g_free (full);
  g_free (cwd);
  leave_tmpdir ();
}

static void
test_exist (void)
{
  NameBuf b;
  MMIOINFO in = { 0 };
  char *cwd, *expected;

  enter_tmpdir ();
  cwd = g_get_current_dir ();
  expected = g_build_filename (cwd, "exists.bin", NULL);
  tu_write_file (expected, "x", 1);

  strcpy (b.name, "exists.bin");
  g_assert_true (mmioOpen (b.name, &in, MMIO_EXIST) == (HMMIO) (uintptr_t) TRUE);
  g_assert_cmpuint (in.wErrorRet, ==, 0);
  g_assert_cmpstr (b.name, ==, expected);

  strcpy (b.name, "missing.bin");
  g_assert_null (mmioOpen (b.name, &in, MMIO_EXIST));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_FILENOTFOUND);

  /* Existence is tested against the resolved path only: the same name in
   * another folder (here the parent of the current one) does not count. */
  {
    char *sub = g_build_filename (cwd, "sub", NULL);
    g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
    g_assert_cmpint (g_chdir (sub), ==, 0);
    memset (&in, 0, sizeof in);
    strcpy (b.name, "exists.bin");
    g_assert_null (mmioOpen (b.name, &in, MMIO_EXIST));
    g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_FILENOTFOUND);
    strcpy (b.name, "../exists.bin");
    g_assert_nonnull (mmioOpen (b.name, &in, MMIO_EXIST));
    g_assert_cmpstr (b.name, ==, expected);
    g_free (sub);
  }
  leave_tmpdir ();
  g_unlink (expected);
  g_free (expected);
  g_free (cwd);
}

static void
test_delete (void)
{
  char *path = tu_path ("delete-me.bin");
  NameBuf b;
  MMIOINFO in = { 0 };

  tu_write_file (path, "data", 4);
  g_strlcpy (b.name, path, sizeof b.name);
  /* Other flags are ignored: this does not create or truncate. */
  g_assert_true (mmioOpen (b.name, &in, MMIO_DELETE | MMIO_CREATE | MMIO_ALLOCBUF)
                 == (HMMIO) (uintptr_t) TRUE);
  g_assert_cmpuint (in.wErrorRet, ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_null (mmioOpen (b.name, &in, MMIO_DELETE));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_FILENOTFOUND);

  memset (&in, 0, sizeof in);
  g_assert_null (mmioOpen (NULL, &in, MMIO_DELETE));
  g_assert_cmpuint (in.wErrorRet, ==, MMSYSERR_INVALPARAM);
  g_free (path);
}

static void
test_gettemp (void)
{
  NameBuf a, b;
  MMIOINFO in = { 0 };
  char *base;

  strcpy (a.name, "rsx");
  in.wErrorRet = 99;
  g_assert_null (mmioOpen (a.name, &in, MMIO_GETTEMP));
  g_assert_cmpuint (in.wErrorRet, ==, 0);
  g_assert_true (g_path_is_absolute (a.name));
  g_assert_cmpuint (strlen (a.name), <, 128);
  base = g_path_get_basename (a.name);
  g_assert_true (g_str_has_prefix (base, "rsx"));
  g_free (base);
  /* The name is taken (the file exists, empty), so it cannot be handed out
   * twice. */
  g_assert_true (g_file_test (a.name, G_FILE_TEST_IS_REGULAR));

  strcpy (b.name, "rsx");
  g_assert_null (mmioOpen (b.name, &in, MMIO_GETTEMP));
  g_assert_cmpuint (in.wErrorRet, ==, 0);
  g_assert_cmpstr (a.name, !=, b.name);

  /* The name opens like any other. */
  {
    HMMIO h = mmioOpen (a.name, NULL, MMIO_WRITE);
    g_assert_nonnull (h);
    g_assert_cmpint (mmioWrite (h, "t", 1), ==, 1);
    g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  }
  g_assert_cmpint (g_unlink (a.name), ==, 0);
  g_assert_cmpint (g_unlink (b.name), ==, 0);

  /* An empty prefix works too. */
  a.name[0] = 0;
  g_assert_null (mmioOpen (a.name, &in, MMIO_GETTEMP));
  g_assert_cmpuint (in.wErrorRet, ==, 0);
  g_assert_true (g_file_test (a.name, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_unlink (a.name), ==, 0);
}

static void
test_rename (void)
{
  char *a = tu_path ("ren-a.bin");
  char *b = tu_path ("ren-b.bin");
  char *c = tu_path ("ren-c.bin");
  char *missing = tu_path ("ren-missing.bin");
  MMIOINFO info = { 0 };
  GBytes *bytes;

  tu_write_file (a, "AAAA", 4);
  g_assert_cmpuint (mmioRename (a, b, NULL, 0), ==, 0);
  g_assert_false (g_file_test (a, G_FILE_TEST_EXISTS));
  bytes = tu_read_file (b);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "AAAA", 4);
  g_bytes_unref (bytes);

  /* The destination is never replaced: both files stay as they were. */
  tu_write_file (c, "CC", 2);
  g_assert_cmpuint (mmioRename (c, b, NULL, 0), ==, MMIOERR_ACCESSDENIED);
  bytes = tu_read_file (b);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "AAAA", 4);
  g_bytes_unref (bytes);
  bytes = tu_read_file (c);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "CC", 2);
  g_bytes_unref (bytes);

  g_assert_cmpuint (mmioRename (missing, a, NULL, 0), ==, MMIOERR_FILENOTFOUND);
  g_assert_cmpuint (mmioRename (NULL, a, NULL, 0), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpuint (mmioRename (c, NULL, NULL, 0), ==, MMSYSERR_INVALPARAM);

  /* Zeroed info: the name's extension picks the IOProc; none is installed
   * for it, so the built-in DOS one renames. */
  g_assert_cmpuint (mmioRename (c, a, &info, 0), ==, 0);
  g_assert_true (g_file_test (a, G_FILE_TEST_EXISTS));
  /* An explicit FOURCC nobody installed fails. */
  info.fccIOProc = mmioFOURCC ('N', 'O', 'N', 'E');
  g_assert_cmpuint (mmioRename (a, c, &info, 0), ==, MMIOERR_IOPROC_NOT_FOUND);
  g_assert_true (g_file_test (a, G_FILE_TEST_EXISTS));
  g_free (a);
  g_free (b);
  g_free (c);
  g_free (missing);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/special-modes/parse-relative", test_parse_relative);
  g_test_add_func ("/special-modes/parse-too-long", test_parse_too_long);
  g_test_add_func ("/special-modes/exist", test_exist);
  g_test_add_func ("/special-modes/delete", test_delete);
  g_test_add_func ("/special-modes/gettemp", test_gettemp);
  g_test_add_func ("/special-modes/rename", test_rename);
  return g_test_run ();
}
