/* mci-test-util.c — see mci-test-util.h. */
#include "mci-test-util.h"

#include <string.h>

static void
on_notify (HWND hwnd, UINT msg, WPARAM wParam, LPARAM lParam, void *user)
{
  NotifyRec *r = user;
  UINT code = (UINT) wParam;
  MCIDEVICEID id = (MCIDEVICEID) lParam;

  g_assert_cmpuint (msg, ==, MM_MCINOTIFY);
  if (g_thread_self () != r->thread)
    r->wrong_thread = TRUE;
  g_array_append_val (r->codes, code);
  g_array_append_val (r->ids, id);
}

void
notify_rec_init (NotifyRec *r)
{
  memset (r, 0, sizeof *r);
  r->ctx = g_main_context_new ();
  r->codes = g_array_new (FALSE, FALSE, sizeof (UINT));
  r->ids = g_array_new (FALSE, FALSE, sizeof (MCIDEVICEID));
  r->thread = g_thread_self ();
  r->hwnd = mciCreateCallbackWindow (r->ctx, on_notify, r, NULL);
  g_assert_nonnull (r->hwnd);
}

void
notify_rec_clear (NotifyRec *r)
{
  notify_rec_drain (r);
  mciDestroyCallbackWindow (r->hwnd);
  notify_rec_drain (r);
  g_main_context_unref (r->ctx);
  g_array_free (r->codes, TRUE);
  g_array_free (r->ids, TRUE);
  g_assert_false (r->wrong_thread);
}

void
notify_rec_drain (NotifyRec *r)
{
  while (g_main_context_iteration (r->ctx, FALSE))
    ;
}

void
notify_rec_wait (NotifyRec *r, guint n)
{
  gint64 limit = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (r->codes->len < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, limit);
      g_main_context_iteration (r->ctx, FALSE);
      g_usleep (1000);
    }
}

guint
notify_rec_count (NotifyRec *r, UINT code)
{
  guint n = 0;
  for (guint i = 0; i < r->codes->len; i++)
    if (g_array_index (r->codes, UINT, i) == code)
      n++;
  return n;
}

void
mt_sdl_disk (const char *out_name, const char *in_path, const char *delay)
{
  char *out = tu_path (out_name);
  g_setenv ("SDL_AUDIODRIVER", "disk", TRUE);
  g_setenv ("SDL_DISKAUDIOFILE", out, TRUE);
  if (in_path)
    g_setenv ("SDL_DISKAUDIOFILEIN", in_path, TRUE);
  if (delay)
    g_setenv ("SDL_DISKAUDIODELAY", delay, TRUE);
  else
    g_unsetenv ("SDL_DISKAUDIODELAY");
  g_free (out);
}

char *
mt_sdl_out_path (void)
{
  return g_strdup (g_getenv ("SDL_DISKAUDIOFILE"));
}

GByteArray *
mt_wave (guint16 tag, guint16 ch, guint32 rate, guint16 bits,
         const void *data, gsize len)
{
  GByteArray *a = g_byte_array_new ();
  guint16 align = ch * bits / 8;
  guint8 w16[2];
  gboolean ext = tag != 1;

  tu_fourcc (a, "RIFF");
  tu_le32 (a, 4 + 8 + (ext ? 18 : 16) + 8 + len + (len & 1));
  tu_fourcc (a, "WAVE");
  tu_fourcc (a, "fmt ");
  tu_le32 (a, ext ? 18 : 16);
  w16[0] = tag; w16[1] = tag >> 8; tu_bytes (a, w16, 2);
  w16[0] = ch; w16[1] = ch >> 8; tu_bytes (a, w16, 2);
  tu_le32 (a, rate);
  tu_le32 (a, rate * align);
  w16[0] = align; w16[1] = align >> 8; tu_bytes (a, w16, 2);
  w16[0] = bits; w16[1] = bits >> 8; tu_bytes (a, w16, 2);
  if (ext)
    {
      w16[0] = w16[1] = 0;
      tu_bytes (a, w16, 2);
    }
  tu_fourcc (a, "data");
  tu_le32 (a, len);
  tu_bytes (a, data, len);
  if (len & 1)
    tu_bytes (a, "\0", 1);
  return a;
}

GByteArray *
mt_pattern (gsize len, guint seed)
{
  GByteArray *a = g_byte_array_sized_new (len);
  guint32 x = seed * 2654435761u + 12345;
  for (gsize i = 0; i < len; i++)
    {
      guint8 b;
      x = x * 1103515245u + 12345;
      b = (guint8) (x >> 16);
      if (b == 0 || b == 0x80 || b == 0xFF || b == 0x7F)
        b = 0x55;
      g_byte_array_append (a, &b, 1);
    }
  return a;
}

char *
mt_query (const char *cmd)
{
  char buf[512];
  MCIERROR e = mciSendString (cmd, buf, sizeof buf, NULL);
  if (e != 0)
    g_error ("%s: error %u", cmd, (unsigned) e);
  return g_strdup (buf);
}
