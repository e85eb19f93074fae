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
