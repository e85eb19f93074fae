/* test-archive.c — archives as read-only storage systems: zip and tar.gz
 * built by the zip/tar tools at test time (skipped when a tool is
 * missing), hostile entry names written through libarchive, an archive
 * inside a compound file, damaged archives. The element cache limit is set
 * to 4 KiB so both the in-memory and the temporary-file spool are used. */
#include "cf-test-util.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

static GBytes *ding, *big;
static char *tree;

static void
make_tree (void)
{
  char *bells, *p;

  if (tree != NULL)
    return;
  tree = tu_path ("tree");
  bells = g_build_filename (tree, "bells", NULL);
  g_mkdir_with_parents (bells, 0755);
  ding = make_bytes (7, 3000, TRUE);
  big = make_bytes (8, 50000, FALSE);
  p = g_build_filename (bells, "ding.wav", NULL);
  tu_write_file (p, g_bytes_get_data (ding, NULL), g_bytes_get_size (ding));
  g_free (p);
  p = g_build_filename (tree, "big.bin", NULL);
  tu_write_file (p, g_bytes_get_data (big, NULL), g_bytes_get_size (big));
  g_free (p);
  p = g_build_filename (tree, "readme.txt", NULL);
  tu_write_file (p, "hello\n", 6);
  g_free (p);
  g_free (bells);
}

static gboolean
run_tool (const char *tool, const char *const *args, const char *cwd)
{
  char *prog = g_find_program_in_path (tool);
  GPtrArray *argv;
  int status = 0;
  GError *err = NULL;
  gboolean ok;

  if (prog == NULL)
    return FALSE;
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, prog);
  for (const char *const *a = args; *a; a++)
    g_ptr_array_add (argv, (gpointer) *a);
  g_ptr_array_add (argv, NULL);
  ok = g_spawn_sync (cwd, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &err);
  g_assert_no_error (err);
  g_assert_true (ok);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_ptr_array_unref (argv);
  g_free (prog);
  return TRUE;
}

static void
check_archive (const char *archive)
{
  char *name = g_strdup_printf ("%s+bells/ding.wav", archive);
  char *bigname = g_strdup_printf ("%s+big.bin", archive);
  const MMIOELEMENT *e;
  MMIOINFO mi = { 0 };
  Listing l;
  HMMIO h;
  char buf[64];

  listing_init (&l);
  g_assert_cmpuint (mmioListElements (archive, &l.sink, 0), ==, 0);
  e = listing_find (&l, "bells/ding.wav");
  g_assert_nonnull (e);
  g_assert_cmpint (e->lSize, ==, 3000);
  g_assert_cmpuint (e->fccMedType, ==, mmioFOURCC ('W', 'A', 'V', 'E'));
  g_assert_false (e->ulFlags & (MMIO_ELEMENT_UNSAFE_NAME | MMIO_ELEMENT_DIRECTORY));
  e = listing_find (&l, "big.bin");
  g_assert_nonnull (e);
  g_assert_cmpint (e->lSize, ==, 50000);
  g_assert_cmpuint (e->fccMedType, ==, 0);
  g_assert_nonnull (listing_find (&l, "readme.txt"));
  g_assert_cmpuint (l.rules->len, ==, 0);
  listing_clear (&l);

  assert_element (archive, "bells/ding.wav", g_bytes_get_data (ding, NULL), 3000);
  assert_element (archive, "./readme.txt", "hello\n", 6);

  /* Seeks in a spooled element (50000 bytes: in the temporary file). */
  h = mmioOpen (bigname, &mi, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, 50000);
  g_assert_cmpint (mmioSeek (h, 10, SEEK_END), ==, 49990);
  g_assert_cmpint (mmioRead (h, buf, sizeof buf), ==, 10);
  g_assert_cmpmem (buf, 10, (const char *) g_bytes_get_data (big, NULL) + 49990, 10);
  g_assert_cmpint (mmioSeek (h, 1234, SEEK_SET), ==, 1234);
  g_assert_cmpint (mmioRead (h, buf, 16), ==, 16);
  g_assert_cmpmem (buf, 16, (const char *) g_bytes_get_data (big, NULL) + 1234, 16);
  mmioGetInfo (h, &mi, 0);
  g_assert_cmpint (mi.lDiskOffset, ==, 1250);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  assert_element (archive, "big.bin", g_bytes_get_data (big, NULL), 50000);

  /* Read-only; missing elements; directories are not elements. */
  memset (&mi, 0, sizeof mi);
  g_assert_null (mmioOpen (name, &mi, MMIO_CREATE | MMIO_WRITE));
  g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_ACCESSDENIED);
  g_free (name);
  name = g_strdup_printf ("%s+bells/nothing.wav", archive);
  memset (&mi, 0, sizeof mi);
  g_assert_null (mmioOpen (name, &mi, MMIO_READ));
  g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_CF_ENTRY_NOT_FOUND);
  g_free (name);
  g_free (bigname);
}

static void
test_zip (void)
{
  const char *args[] = { "-q", "-r", "../sounds.zip", "bells", "readme.txt", "big.bin", NULL };
  char *zip;

  make_tree ();
  if (!run_tool ("zip", args, tree))
    {
      g_test_skip ("the zip tool is not installed");
      return;
    }
  zip = tu_path ("sounds.zip");
  check_archive (zip);
  {
    /* zip lists the folder too. */
    Listing l;
    const MMIOELEMENT *e;
    listing_init (&l);
    g_assert_cmpuint (mmioListElements (zip, &l.sink, 0), ==, 0);
    e = listing_find (&l, "bells/");
    g_assert_nonnull (e);
    g_assert_true (e->ulFlags & MMIO_ELEMENT_DIRECTORY);
    listing_clear (&l);
  }
  g_free (zip);
}

static void
test_tar_gz (void)
{
  char *tgz = tu_path ("sounds.tar.gz");
  const char *args[] = { "-czf", tgz, "-C", NULL, "bells", "readme.txt", "big.bin", NULL };

  make_tree ();
  args[3] = tree;
  if (!run_tool ("tar", args, NULL))
    {
      g_test_skip ("the tar tool is not installed");
      g_free (tgz);
      return;
    }
  check_archive (tgz);
  {
    char *copy = tu_path ("sounds.tgz");
    GBytes *b = tu_read_file (tgz);
    tu_write_file (copy, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
    g_bytes_unref (b);
    check_archive (copy);
    g_free (copy);
  }
  g_free (tgz);
}

static void
test_gzip_single (void)
{
  char *src = tu_path ("single.txt");
  char *gz = tu_path ("single.txt.gz");
  char *q = g_strdup_printf ("%s", src);
  const char *args[] = { "-k", "-f", q, NULL };
  Listing l;

  tu_write_file (src, "just one stream", 15);
  if (!run_tool ("gzip", args, NULL))
    {
      g_test_skip ("the gzip tool is not installed");
      goto out;
    }
  listing_init (&l);
  g_assert_cmpuint (mmioListElements (gz, &l.sink, 0), ==, 0);
  g_assert_cmpuint (l.elements->len, ==, 1);
  {
    const char *n = g_array_index (l.elements, MMIOELEMENT, 0).pszName;
    assert_element (gz, n, "just one stream", 15);
  }
  listing_clear (&l);
out:
  g_free (q);
  g_free (src);
  g_free (gz);
}

static void
add_entry (struct archive *a, const char *name, const char *data)
{
  struct archive_entry *e = archive_entry_new ();
  archive_entry_set_pathname (e, name);
  archive_entry_set_size (e, (la_int64_t) strlen (data));
  archive_entry_set_filetype (e, AE_IFREG);
  archive_entry_set_perm (e, 0644);
  g_assert_cmpint (archive_write_header (a, e), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (a, data, strlen (data)), ==, (la_ssize_t) strlen (data));
  archive_entry_free (e);
}

static GBytes *
hostile_tar (void)
{
  struct archive *a = archive_write_new ();
  gsize cap = 64 * 1024, used = 0;
  guint8 *buf = g_malloc0 (cap);

  archive_write_set_format_pax_restricted (a);
  g_assert_cmpint (archive_write_open_memory (a, buf, cap, &used), ==, ARCHIVE_OK);
  add_entry (a, "../x", "dotdot");
  add_entry (a, "/etc/x", "absolute");
  add_entry (a, "ok.txt", "first");
  add_entry (a, "ok.txt", "second");
  add_entry (a, "dir/../../y", "sneaky");
  archive_write_close (a);
  archive_write_free (a);
  return g_bytes_new_take (g_realloc (buf, used), used);
}

static void
test_hostile_names (void)
{
  GBytes *t = hostile_tar ();
  char *path = tu_path ("evil.tar");
  char *outside = g_build_filename (tu_tmpdir (), "..", "x", NULL);
  gboolean existed = g_file_test (outside, G_FILE_TEST_EXISTS);
  Listing l;

  tu_write_file (path, g_bytes_get_data (t, NULL), g_bytes_get_size (t));
  listing_init (&l);
  g_assert_cmpuint (mmioListElements (path, &l.sink, 0), ==, 0);
  g_assert_cmpuint (l.elements->len, ==, 5);
  g_assert_true (listing_find (&l, "../x")->ulFlags & MMIO_ELEMENT_UNSAFE_NAME);
  g_assert_true (listing_find (&l, "/etc/x")->ulFlags & MMIO_ELEMENT_UNSAFE_NAME);
  g_assert_true (listing_find (&l, "dir/../../y")->ulFlags & MMIO_ELEMENT_UNSAFE_NAME);
  g_assert_false (listing_find (&l, "ok.txt")->ulFlags & MMIO_ELEMENT_UNSAFE_NAME);
  g_assert_true (g_array_index (l.elements, MMIOELEMENT, 3).ulFlags & MMIO_ELEMENT_DUPLICATE);
  g_assert_true (listing_has_rule (&l, "archive-unsafe-name"));
  listing_clear (&l);

  /* Reading them is harmless: the name is only compared. */
  assert_element (path, "../x", "dotdot", 6);
  assert_element (path, "/etc/x", "absolute", 8);
  assert_element (path, "ok.txt", "first", 5);
  g_assert_cmpint (g_file_test (outside, G_FILE_TEST_EXISTS), ==, existed);
  g_bytes_unref (t);
  g_free (outside);
  g_free (path);
}

/* outer.bnd+hostile.tar+ok.txt: an archive stored in a compound file. */
static void
test_nested_in_bnd (void)
{
  GBytes *t = hostile_tar ();
  char *outer = tu_path ("holder.bnd");
  char *inner = g_strdup_printf ("%s+inner.tar", outer);
  HMMCF cf = mmioCFOpen (outer, NULL, NULL, MMIO_CREATE);
  Listing l;

  g_assert_nonnull (cf);
  g_assert_cmpuint (mmioCFAddElement (cf, "inner.tar", 0,
                                      (PCHAR) g_bytes_get_data (t, NULL),
                                      (LONG) g_bytes_get_size (t), 0), ==, 0);
  mmioCFClose (cf, 0);
  assert_element (inner, "ok.txt", "first", 5);
  listing_init (&l);
  g_assert_cmpuint (mmioListElements (inner, &l.sink, 0), ==, 0);
  g_assert_cmpuint (l.elements->len, ==, 5);
  listing_clear (&l);
  g_bytes_unref (t);
  g_free (inner);
  g_free (outer);
}

/* The other formats, written through libarchive, chosen by extension. */
static void
test_formats (void)
{
  static const struct { const char *file; int format; int filter; } cases[] = {
    { "f.7z", ARCHIVE_FORMAT_7ZIP, ARCHIVE_FILTER_NONE },
    { "f.cpio", ARCHIVE_FORMAT_CPIO_POSIX, ARCHIVE_FILTER_NONE },
    { "f.iso", ARCHIVE_FORMAT_ISO9660, ARCHIVE_FILTER_NONE },
    { "f.tar", ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_NONE },
    { "f.tar.xz", ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_XZ },
    { "f.tar.bz2", ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_BZIP2 },
    { "f.txz", ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_XZ },
  };
  GBytes *wav = make_bytes (11, 6000, TRUE);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      struct archive *a = archive_write_new ();
      struct archive_entry *e = archive_entry_new ();
      char *path = tu_path (cases[i].file);
      Listing l;

      g_assert_cmpint (archive_write_set_format (a, cases[i].format), ==, ARCHIVE_OK);
      if (cases[i].filter != ARCHIVE_FILTER_NONE
          && archive_write_add_filter (a, cases[i].filter) != ARCHIVE_OK)
        {
          g_test_message ("libarchive cannot write %s here", cases[i].file);
          archive_write_free (a);
          archive_entry_free (e);
          g_free (path);
          continue;
        }
      g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
      archive_entry_set_pathname (e, "snd/x.wav");
      archive_entry_set_size (e, 6000);
      archive_entry_set_filetype (e, AE_IFREG);
      archive_entry_set_perm (e, 0644);
      g_assert_cmpint (archive_write_header (a, e), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (a, g_bytes_get_data (wav, NULL), 6000), ==, 6000);
      archive_entry_free (e);
      g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
      archive_write_free (a);

      listing_init (&l);
      g_assert_cmpuint (mmioListElements (path, &l.sink, 0), ==, 0);
      g_assert_nonnull (listing_find (&l, "snd/x.wav"));
      g_assert_cmpuint (listing_find (&l, "snd/x.wav")->fccMedType, ==,
                        mmioFOURCC ('W', 'A', 'V', 'E'));
      listing_clear (&l);
      assert_element (path, "snd/x.wav", g_bytes_get_data (wav, NULL), 6000);
      g_free (path);
    }
  g_bytes_unref (wav);
}

/* A compound file inside an archive reads, but cannot be written. */
static void
test_bnd_in_archive (void)
{
  char *bnd = tu_path ("in-zip.bnd");
  char *zip = tu_path ("holds-bnd.zip");
  char *inner = g_strdup_printf ("%s+in-zip.bnd", zip);
  char *el = g_strdup_printf ("%s+in-zip.bnd+new", zip);
  HMMCF cf = mmioCFOpen (bnd, NULL, NULL, MMIO_CREATE);
  struct archive *a = archive_write_new ();
  struct archive_entry *e = archive_entry_new ();
  GBytes *b;
  MMIOINFO mi = { 0 };

  g_assert_cmpuint (mmioCFAddElement (cf, "inside", 0, "zipped bnd", 10, 0), ==, 0);
  mmioCFClose (cf, 0);
  b = tu_read_file (bnd);
  archive_write_set_format_zip (a);
  g_assert_cmpint (archive_write_open_filename (a, zip), ==, ARCHIVE_OK);
  archive_entry_set_pathname (e, "in-zip.bnd");
  archive_entry_set_size (e, (la_int64_t) g_bytes_get_size (b));
  archive_entry_set_filetype (e, AE_IFREG);
  archive_entry_set_perm (e, 0644);
  archive_write_header (a, e);
  archive_write_data (a, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  archive_write_close (a);
  archive_write_free (a);
  archive_entry_free (e);

  assert_element (inner, "inside", "zipped bnd", 10);
  /* The write is refused when it is committed, on close: the archive
   * cannot take the new compound file. */
  {
    HMMIO h = mmioOpen (el, &mi, MMIO_CREATE | MMIO_WRITE);
    g_assert_nonnull (h);
    g_assert_cmpint (mmioWrite (h, "lost", 4), ==, 4);
    g_assert_cmpuint (mmioClose (h, 0), ==, MMIOERR_ACCESSDENIED);
    memset (&mi, 0, sizeof mi);
    g_assert_null (mmioOpen (el, &mi, MMIO_READ));
    g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_CF_ENTRY_NOT_FOUND);
  }
  assert_element (inner, "inside", "zipped bnd", 10);
  g_bytes_unref (b);
  g_free (el);
  g_free (inner);
  g_free (zip);
  g_free (bnd);
}

static void
test_damaged (void)
{
  GBytes *t = hostile_tar ();
  char *path = tu_path ("cut.tar");
  char *gz = tu_path ("junk.zip");
  char *name;
  Listing l;
  MMIOINFO mi = { 0 };
  gsize cut = 512 + 512 + 600;    /* two entries and part of the third header */

  tu_write_file (path, g_bytes_get_data (t, NULL), cut);
  listing_init (&l);
  mmioListElements (path, &l.sink, 0);     /* error or finding: no crash */
  g_assert_cmpuint (l.elements->len, <=, 2);
  listing_clear (&l);

  tu_write_file (gz, "PK\003\004 this is no zip at all", 27);
  listing_init (&l);
  g_assert_cmpuint (mmioListElements (gz, &l.sink, 0), !=, 0);
  listing_clear (&l);
  name = g_strdup_printf ("%s+x", gz);
  g_assert_null (mmioOpen (name, &mi, MMIO_READ));
  g_assert_cmpuint (mi.wErrorRet, !=, 0);
  g_free (name);
  g_bytes_unref (t);
  g_free (gz);
  g_free (path);
}

int
main (int argc, char **argv)
{
  int r;

  /* Before the library reads it: spool elements over 4 KiB to a file. */
  g_setenv ("MMIO_ELEMENT_CACHE_LIMIT", "4096", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/archive/zip", test_zip);
  g_test_add_func ("/archive/tar-gz", test_tar_gz);
  g_test_add_func ("/archive/gzip-single", test_gzip_single);
  g_test_add_func ("/archive/hostile-names", test_hostile_names);
  g_test_add_func ("/archive/nested-in-bnd", test_nested_in_bnd);
  g_test_add_func ("/archive/formats", test_formats);
  g_test_add_func ("/archive/bnd-in-archive", test_bnd_in_archive);
  g_test_add_func ("/archive/damaged", test_damaged);
  r = g_test_run ();
  g_clear_pointer (&ding, g_bytes_unref);
  g_clear_pointer (&big, g_bytes_unref);
  g_free (tree);
  return r;
}
