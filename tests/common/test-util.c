/* test-util.c — see test-util.h. */
#include "test-util.h"

#include <glib/gstdio.h>
#include <string.h>

static char *tmpdir;

static void
remove_tree (const char *path)
{
  GDir *d = g_dir_open (path, 0, NULL);
  const char *n;
  if (d != NULL)
    {
      while ((n = g_dir_read_name (d)) != NULL)
        {
          char *p = g_build_filename (path, n, NULL);
          if (g_file_test (p, G_FILE_TEST_IS_DIR))
            remove_tree (p);
          else
            g_unlink (p);
          g_free (p);
        }
      g_dir_close (d);
    }
  g_rmdir (path);
}

static void
cleanup (void)
{
  if (tmpdir)
    remove_tree (tmpdir);
  g_free (tmpdir);
  tmpdir = NULL;
}

const char *
tu_tmpdir (void)
{
  if (tmpdir == NULL)
    {
      tmpdir = g_dir_make_tmp ("riffscope-test-XXXXXX", NULL);
      g_assert_nonnull (tmpdir);
      atexit (cleanup);
    }
  return tmpdir;
}

char *
tu_path (const char *name)
{
  return g_build_filename (tu_tmpdir (), name, NULL);
}

void
tu_write_file (const char *path, const void *data, gsize len)
{
  GError *err = NULL;
  g_file_set_contents (path, data, (gssize) len, &err);
  g_assert_no_error (err);
}

GBytes *
tu_read_file (const char *path)
{
  char *data;
  gsize len;
  GError *err = NULL;
  g_file_get_contents (path, &data, &len, &err);
  g_assert_no_error (err);
  return g_bytes_new_take (data, len);
}

void
tu_le32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v, v >> 8, v >> 16, v >> 24 };
  g_byte_array_append (a, b, 4);
}

void
tu_fourcc (GByteArray *a, const char *fcc)
{
  guint8 b[4] = { ' ', ' ', ' ', ' ' };
  memcpy (b, fcc, MIN (strlen (fcc), 4));
  g_byte_array_append (a, b, 4);
}

void
tu_bytes (GByteArray *a, const void *p, gsize n)
{
  g_byte_array_append (a, p, (guint) n);
}

guint8
tu_pattern_byte (gsize i)
{
  return (guint8) ((i * 7 + i / 251 + 3) & 0xff);
}

char *
tu_pattern_file (const char *name, gsize len)
{
  char *path = tu_path (name);
  guint8 *data = g_malloc (len ? len : 1);
  for (gsize i = 0; i < len; i++)
    data[i] = tu_pattern_byte (i);
  tu_write_file (path, data, len);
  g_free (data);
  return path;
}

void
tu_get_info (HMMIO h, MMIOINFO *info)
{
  memset (info, 0x5a, sizeof *info);
  g_assert_cmpuint (mmioGetInfo (h, info, 0), ==, MMSYSERR_NOERROR);
}

GByteArray *
tu_avi_sample (void)
{
  GByteArray *a = g_byte_array_new ();
  guint8 zero[56] = { 0 };

  tu_fourcc (a, "RIFF");
  tu_le32 (a, 0);                       /* patched below */
  tu_fourcc (a, "AVI ");
  tu_fourcc (a, "LIST");                /* offset 12 */
  tu_le32 (a, 4 + 8 + 56 + 8 + 4 + 8 + 56);
  tu_fourcc (a, "hdrl");                /* 20 */
  tu_fourcc (a, "avih");                /* 24 */
  tu_le32 (a, 56);
  tu_bytes (a, zero, 56);               /* 32 .. 88 */
  tu_fourcc (a, "LIST");                /* 88 */
  tu_le32 (a, 4 + 8 + 56);
  tu_fourcc (a, "strl");                /* 96 */
  tu_fourcc (a, "strh");                /* 100 */
  tu_le32 (a, 56);
  tu_bytes (a, zero, 56);               /* 108 .. 164 */
  a->data[4] = (guint8) (a->len - 8);
  a->data[5] = (guint8) ((a->len - 8) >> 8);
  return a;
}
