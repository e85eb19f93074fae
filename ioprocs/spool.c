/* spool.c — the bytes of an element while it is open: kept in memory up to
 * a limit (16 MiB, or MMIO_ELEMENT_CACHE_LIMIT bytes from the environment),
 * moved to an unlinked temporary file beyond it. The compound-file IOProc
 * spools elements being written; the archive IOProc spools the element it
 * decompressed so reads can seek. Nothing here ever uses an element's name
 * as a path: the temporary file's name is random and removed at once. */
#include "cf-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct _MmioSpool
{
  GByteArray *mem;     /* NULL once in the file */
  int         fd;      /* -1 while in memory */
  gint64      size;
};

gsize
mmio_spool_limit (void)
{
  static gsize limit = 0;
  if (g_once_init_enter (&limit))
    {
      const char *env = g_getenv ("MMIO_ELEMENT_CACHE_LIMIT");
      guint64 v = MMIO_SPOOL_DEFAULT_LIMIT;
      if (env != NULL && *env)
        {
          char *end = NULL;
          guint64 e = g_ascii_strtoull (env, &end, 10);
          if (end != NULL && *end == 0)
            v = e;
        }
      /* 0 would mean "not initialised" to g_once; a GByteArray caps the top. */
      v = CLAMP (v, 1, (guint64) 1 << 30);
      g_once_init_leave (&limit, (gsize) v);
    }
  return limit;
}

MmioSpool *
mmio_spool_new (void)
{
  MmioSpool *s = g_new0 (MmioSpool, 1);
  s->mem = g_byte_array_new ();
  s->fd = -1;
  return s;
}

void
mmio_spool_free (MmioSpool *s)
{
  if (s == NULL)
    return;
  if (s->mem)
    g_byte_array_unref (s->mem);
  if (s->fd >= 0)
    close (s->fd);
  g_free (s);
}

gint64
mmio_spool_size (MmioSpool *s)
{
  return s->size;
}

static gboolean
spill (MmioSpool *s)
{
  char *path = NULL;
  int fd = g_file_open_tmp ("riffscope-element-XXXXXX", &path, NULL);
  gsize done = 0;

  if (fd < 0)
    return FALSE;
  g_unlink (path);
  g_free (path);
  while (done < s->mem->len)
    {
      ssize_t n = write (fd, s->mem->data + done, s->mem->len - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          close (fd);
          return FALSE;
        }
      done += (gsize) n;
    }
  g_byte_array_unref (s->mem);
  s->mem = NULL;
  s->fd = fd;
  return TRUE;
}

gint64
mmio_spool_write_at (MmioSpool *s, gint64 pos, const void *buf, gsize n)
{
  gsize done = 0;

  if (pos < 0)
    return -1;
  if (s->mem != NULL && (guint64) pos + n > mmio_spool_limit ()
      && !spill (s))
    return -1;
  if (s->mem != NULL)
    {
      if ((gsize) pos + n > s->mem->len)
        {
          gsize old = s->mem->len;
          g_byte_array_set_size (s->mem, (guint) (pos + n));
          if ((gsize) pos > old)
            memset (s->mem->data + old, 0, (gsize) pos - old);
        }
      memcpy (s->mem->data + pos, buf, n);
    }
  else
    while (done < n)
      {
        ssize_t w = pwrite (s->fd, (const char *) buf + done, n - done,
                            pos + (off_t) done);
        if (w < 0 && errno == EINTR)
          continue;
        if (w <= 0)
          return done > 0 ? (gint64) done : -1;
        done += (gsize) w;
      }
  if (pos + (gint64) n > s->size)
    s->size = pos + (gint64) n;
  return (gint64) n;
}

gint64
mmio_spool_read_at (MmioSpool *s, gint64 pos, void *buf, gsize n)
{
  gsize done = 0;

  if (pos < 0)
    return -1;
  if (pos >= s->size)
    return 0;
  if ((guint64) pos + n > (guint64) s->size)
    n = (gsize) (s->size - pos);
  if (s->mem != NULL)
    {
      memcpy (buf, s->mem->data + pos, n);
      return (gint64) n;
    }
  while (done < n)
    {
      ssize_t r = pread (s->fd, (char *) buf + done, n - done, pos + (off_t) done);
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        return done > 0 ? (gint64) done : -1;
      if (r == 0)
        {
          /* A gap never written reads as zeros. */
          memset ((char *) buf + done, 0, n - done);
          done = n;
          break;
        }
      done += (gsize) r;
    }
  return (gint64) done;
}
