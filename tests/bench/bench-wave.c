/* bench-wave.c — the WAVE IOProc's translated reading against libsndfile
 * reading the same file directly (the baseline, same run): what layering
 * costs (the WAVE handle, its storage child, virtual I/O, the copy out).
 * Files: 16-bit stereo PCM and IMA ADPCM, 60 s at 44.1 kHz each (set
 * RIFFSCOPE_BENCH_SECONDS for another length). Reads of 16 KiB unbuffered
 * (an audio driver's way) and of 1 KiB through an 8 KiB MMIO buffer. */
#include "test-util.h"

#include <mmio/mmio-ioproc.h>
#include <sndfile.h>
#include <math.h>

static char *
make_file (const char *name, int format, gsize frames)
{
  char *path = tu_path (name);
  SF_INFO si = { 0 };
  SNDFILE *sf;
  short *buf = g_new (short, 2 * 4096);

  si.samplerate = 44100;
  si.channels = 2;
  si.format = format;
  sf = sf_open (path, SFM_WRITE, &si);
  g_assert_nonnull (sf);
  for (gsize done = 0; done < frames; done += 4096)
    {
      gsize n = MIN (4096, frames - done);
      for (gsize i = 0; i < n; i++)
        {
          buf[2 * i] = (short) (12000 * sin ((done + i) * 0.031));
          buf[2 * i + 1] = (short) (9000 * sin ((done + i) * 0.017));
        }
      sf_writef_short (sf, buf, (sf_count_t) n);
    }
  sf_close (sf);
  g_free (buf);
  return path;
}

static guint64
run_sndfile (const char *path, gsize *bytes)
{
  SF_INFO si = { 0 };
  SNDFILE *sf = sf_open (path, SFM_READ, &si);
  short *buf = g_new (short, 2 * 4096);
  guint64 sum = 0;
  sf_count_t n;

  g_assert_nonnull (sf);
  *bytes = 0;
  while ((n = sf_readf_short (sf, buf, 4096)) > 0)
    {
      sum += (guint16) buf[0] + (guint16) buf[2 * n - 1];
      *bytes += (gsize) n * 4;
    }
  sf_close (sf);
  g_free (buf);
  return sum;
}

static guint64
run_mmio (const char *path, DWORD flags, LONG piece, gsize *bytes)
{
  MMIOINFO mi = { 0 };
  char *buf = g_malloc ((gsize) piece);
  guint64 sum = 0;
  LONG r;
  HMMIO h;

  mi.ulTranslate = MMIO_TRANSLATEDATA | MMIO_TRANSLATEHEADER;
  h = mmioOpen ((LPSTR) path, &mi, MMIO_READ | flags);
  g_assert_nonnull (h);
  *bytes = 0;
  while ((r = mmioRead (h, buf, piece)) > 0)
    {
      sum += (guchar) buf[0] + (guchar) buf[r - 1];
      *bytes += (gsize) r;
    }
  g_assert_cmpint (r, ==, 0);
  mmioClose (h, 0);
  g_free (buf);
  return sum;
}

typedef guint64 (*Runner) (const char *path, gsize *bytes, gpointer data);

static double
best_seconds (const char *path, int which, gsize *bytes)
{
  double best = 1e30;
  for (int rep = 0; rep < 3; rep++)
    {
      gint64 t0 = g_get_monotonic_time ();
      volatile guint64 sink;
      switch (which)
        {
        case 0: sink = run_sndfile (path, bytes); break;
        case 1: sink = run_mmio (path, 0, 16384, bytes); break;
        default: sink = run_mmio (path, MMIO_ALLOCBUF, 1024, bytes); break;
        }
      (void) sink;
      best = MIN (best, (g_get_monotonic_time () - t0) / 1e6);
    }
  return best;
}

static void
bench (const char *label, const char *path)
{
  gsize b0, b1, b2;
  double base = best_seconds (path, 0, &b0);
  double unbuf = best_seconds (path, 1, &b1);
  double buf = best_seconds (path, 2, &b2);

  g_assert_cmpuint (b0, ==, b1);
  g_assert_cmpuint (b0, ==, b2);
  g_print ("%-10s libsndfile direct        %8.1f MB/s (baseline)\n", label,
           b0 / base / 1e6);
  g_print ("%-10s mmioRead 16 KiB          %8.1f MB/s  ratio %.2f\n", label,
           b1 / unbuf / 1e6, base / unbuf);
  g_print ("%-10s mmioRead 1 KiB, buffered %8.1f MB/s  ratio %.2f\n", label,
           b2 / buf / 1e6, base / buf);
}

int
main (int argc, char **argv)
{
  const char *env = g_getenv ("RIFFSCOPE_BENCH_SECONDS");
  gsize seconds = env ? (gsize) g_ascii_strtoull (env, NULL, 10) : 60;
  gsize frames = MAX (seconds, 1) * 44100;
  char *pcm, *ima;

  g_test_init (&argc, &argv, NULL);
  pcm = make_file ("bench-pcm16.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, frames);
  ima = make_file ("bench-ima.wav", SF_FORMAT_WAV | SF_FORMAT_IMA_ADPCM, frames);
  g_print ("WAVE translation, %" G_GSIZE_FORMAT " s of 16-bit stereo "
           "(ratio = libsndfile time / MMIO time; 1.00 = no cost)\n", seconds);
  bench ("PCM 16", pcm);
  bench ("IMA ADPCM", ima);
  g_free (pcm);
  g_free (ima);
  return 0;
}
