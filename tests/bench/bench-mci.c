/* bench-mci.c — waveaudio latency on SDL's disk driver (no pacing delay):
 *  - from the MCI_PLAY call to the first buffer SDL asks the driver for,
 *    against a baseline of opening and starting an SDL device directly
 *    with the same format and waiting for its first callback;
 *  - from the end of playback (SDL's request after the last data) to the
 *    MM_MCINOTIFY callback running on the application's main context,
 *    against a baseline of a bare cross-thread g_idle source on a context.
 * Median and 90th percentile of RIFFSCOPE_BENCH_RUNS runs (default 40). */
#include "test-util.h"
#include <mci/mci.h>
#include <SDL.h>
#include <string.h>

typedef struct { GMainContext *ctx; gint64 t_cb; gboolean got; } Waiter;

static void
on_notify (HWND h, UINT msg, WPARAM code, LPARAM id, void *user)
{
  Waiter *w = user;
  w->t_cb = g_get_monotonic_time ();
  w->got = TRUE;
}

static gint
cmp64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static void
stats (GArray *v, gint64 *median, gint64 *p90)
{
  g_array_sort (v, cmp64);
  *median = g_array_index (v, gint64, v->len / 2);
  *p90 = g_array_index (v, gint64, (v->len * 9) / 10);
}

/* ---- baselines ---- */

static gint64 base_first_cb;
static gint base_done;
static void
sdl_cb (void *u, Uint8 *s, int len)
{
  memset (s, 0, len);
  if (!g_atomic_int_get (&base_done))
    {
      base_first_cb = g_get_monotonic_time ();
      g_atomic_int_set (&base_done, 1);
    }
}

static gint64
baseline_sdl_first_buffer (void)
{
  SDL_AudioSpec want = { 0 };
  SDL_AudioDeviceID dev;
  gint64 t0;

  want.freq = 44100;
  want.format = AUDIO_S16LSB;
  want.channels = 2;
  want.samples = 1024;
  want.callback = sdl_cb;
  base_first_cb = 0;
  g_atomic_int_set (&base_done, 0);
  t0 = g_get_monotonic_time ();
  dev = SDL_OpenAudioDevice (NULL, 0, &want, NULL, 0);
  g_assert_cmpuint (dev, !=, 0);
  SDL_PauseAudioDevice (dev, 0);
  while (!g_atomic_int_get (&base_done))
    g_usleep (10);
  SDL_CloseAudioDevice (dev);
  return base_first_cb - t0;
}

typedef struct { GMainContext *ctx; gint64 t_post, t_run; } IdleProbe;

static gboolean
idle_run (gpointer data)
{
  ((IdleProbe *) data)->t_run = g_get_monotonic_time ();
  return G_SOURCE_REMOVE;
}

static gpointer
idle_post (gpointer data)
{
  IdleProbe *p = data;
  GSource *s = g_idle_source_new ();
  g_source_set_callback (s, idle_run, p, NULL);
  p->t_post = g_get_monotonic_time ();
  g_source_attach (s, p->ctx);
  g_source_unref (s);
  return NULL;
}

static gint64
baseline_cross_thread_idle (GMainContext *ctx)
{
  IdleProbe p = { ctx, 0, 0 };
  GThread *t = g_thread_new ("poster", idle_post, &p);
  while (p.t_run == 0)
    g_main_context_iteration (ctx, TRUE);
  g_thread_join (t);
  return p.t_run - p.t_post;
}

int
main (int argc, char **argv)
{
  const char *runs_env = g_getenv ("RIFFSCOPE_BENCH_RUNS");
  guint runs = runs_env ? (guint) atoi (runs_env) : 40;
  GByteArray *pcm = g_byte_array_new (), *w;
  char *path = tu_path ("bench.wav"), *out = tu_path ("bench-out.raw");
  char *cmd;
  Waiter waiter = { 0 };
  HWND hwnd;
  GArray *first = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *notify = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *bfirst = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *bnotify = g_array_new (FALSE, FALSE, sizeof (gint64));
  MCIDEVICEID id;
  gint64 m1, p1, m2, p2, bm1, bp1, bm2, bp2;

  if (runs < 5)
    runs = 5;
  g_setenv ("SDL_AUDIODRIVER", "disk", TRUE);
  g_setenv ("SDL_DISKAUDIOFILE", out, TRUE);
  g_setenv ("SDL_DISKAUDIODELAY", "0", TRUE);
  g_byte_array_set_size (pcm, 44100 * 4 / 5);          /* 0.2 s stereo 16-bit */
  for (guint i = 0; i < pcm->len; i++)
    pcm->data[i] = (guint8) (i * 7 + 1);
  w = g_byte_array_new ();
  tu_fourcc (w, "RIFF"); tu_le32 (w, 36 + pcm->len); tu_fourcc (w, "WAVE");
  tu_fourcc (w, "fmt "); tu_le32 (w, 16);
  tu_bytes (w, "\x01\x00\x02\x00\x44\xac\x00\x00\x10\xb1\x02\x00\x04\x00\x10\x00", 16);
  tu_fourcc (w, "data"); tu_le32 (w, pcm->len); tu_bytes (w, pcm->data, pcm->len);
  tu_write_file (path, w->data, w->len);

  waiter.ctx = g_main_context_new ();
  hwnd = mciCreateCallbackWindow (waiter.ctx, on_notify, &waiter, NULL);
  cmd = g_strdup_printf ("open %s alias b", path);
  if (mciSendString (cmd, NULL, 0, NULL) != 0)
    g_error ("cannot open the bench file");
  id = mciGetDeviceID ("b");
  SDL_InitSubSystem (SDL_INIT_AUDIO);

  for (guint r = 0; r < runs; r++)
    {
      MCI_PLAY_PARMS pp = { 0 };
      MCI_STATUS_PARMS st = { 0 };
      gint64 t_start, t_first, t_end;

      waiter.got = FALSE;
      pp.dwCallback = (DWORD_PTR) hwnd;
      pp.dwFrom = 0;
      if (mciSendCommand (id, MCI_PLAY, MCI_FROM | MCI_NOTIFY, (DWORD_PTR) &pp) != 0)
        g_error ("play failed");
      while (!waiter.got)
        g_main_context_iteration (waiter.ctx, TRUE);
      st.dwItem = MCI_STATUS_PLAY_START_TIME;
      mciSendCommand (id, MCI_STATUS, MCI_STATUS_ITEM, (DWORD_PTR) &st);
      t_start = (gint64) st.dwReturn;
      st.dwItem = MCI_STATUS_FIRST_BUFFER_TIME;
      mciSendCommand (id, MCI_STATUS, MCI_STATUS_ITEM, (DWORD_PTR) &st);
      t_first = (gint64) st.dwReturn;
      st.dwItem = MCI_STATUS_PLAY_END_TIME;
      mciSendCommand (id, MCI_STATUS, MCI_STATUS_ITEM, (DWORD_PTR) &st);
      t_end = (gint64) st.dwReturn;
      {
        gint64 a = t_first - t_start, b = waiter.t_cb - t_end;
        g_array_append_val (first, a);
        g_array_append_val (notify, b);
      }
      {
        gint64 a = baseline_sdl_first_buffer ();
        gint64 b = baseline_cross_thread_idle (waiter.ctx);
        g_array_append_val (bfirst, a);
        g_array_append_val (bnotify, b);
      }
    }
  mciSendString ("close b", NULL, 0, NULL);
  mciDestroyCallbackWindow (hwnd);
  while (g_main_context_iteration (waiter.ctx, FALSE))
    ;

  stats (first, &m1, &p1);
  stats (notify, &m2, &p2);
  stats (bfirst, &bm1, &bp1);
  stats (bnotify, &bm2, &bp2);
  g_print ("runs: %u (SDL disk driver, no pacing delay, 0.2 s 44.1 kHz stereo)\n", runs);
  g_print ("play -> first SDL buffer:   median %6" G_GINT64_FORMAT " us, p90 %6" G_GINT64_FORMAT " us\n", m1, p1);
  g_print ("  baseline (SDL directly):  median %6" G_GINT64_FORMAT " us, p90 %6" G_GINT64_FORMAT " us, ratio %.2f\n",
           bm1, bp1, bm1 > 0 ? (double) m1 / bm1 : 0.0);
  g_print ("end of playback -> notify:  median %6" G_GINT64_FORMAT " us, p90 %6" G_GINT64_FORMAT " us\n", m2, p2);
  g_print ("  baseline (g_idle x-thread): median %4" G_GINT64_FORMAT " us, p90 %6" G_GINT64_FORMAT " us, ratio %.2f\n",
           bm2, bp2, bm2 > 0 ? (double) m2 / bm2 : 0.0);

  SDL_QuitSubSystem (SDL_INIT_AUDIO);
  g_main_context_unref (waiter.ctx);
  g_array_free (first, TRUE); g_array_free (notify, TRUE);
  g_array_free (bfirst, TRUE); g_array_free (bnotify, TRUE);
  g_byte_array_free (pcm, TRUE);
  g_byte_array_free (w, TRUE);
  g_free (cmd);
  g_free (path);
  g_free (out);
  return 0;
}
