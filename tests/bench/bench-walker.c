/* bench-walker.c — the chunk-tree walker on a synthetic AVI of a million
 * frame chunks ('movi') and its million-entry 'idx1', against the plain
 * header walk a program would write with mmioDescend/mmioAscend, in the
 * same run: time (best of seven interleaved rounds) and memory (peak
 * resident growth and the heap the tree keeps), with the ratios. Set
 * RIFFSCOPE_BENCH_CHUNKS for another chunk count. */
#include "test-util.h"

#include <mmio/mmio-inspect.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#define FRAME_BYTES 16
#define ROUNDS 7

static void
put32 (FILE *f, guint32 v)
{
  guint8 b[4] = { v, v >> 8, v >> 16, v >> 24 };
  fwrite (b, 1, 4, f);
}

static void
put_id (FILE *f, const char *id)
{
  fwrite (id, 1, 4, f);
}

/* RIFF 'AVI ' { LIST hdrl { avih, LIST strl { strh, strf } },
 *              LIST movi { n × '00dc' }, idx1 (n × 16) } */
static char *
make_avi (guint n)
{
  char *path = tu_path ("million.avi");
  FILE *f = fopen (path, "wb");
  guint8 zero[64] = { 0 };
  guint32 hdrl = 4 + (8 + 56) + (8 + 4 + (8 + 56) + (8 + 40));
  guint32 movi = 4 + n * (8 + FRAME_BYTES);
  guint32 idx1 = n * 16;

  g_assert_nonnull (f);
  put_id (f, "RIFF");
  put32 (f, 4 + (8 + hdrl) + (8 + movi) + (8 + idx1));
  put_id (f, "AVI ");
  put_id (f, "LIST"); put32 (f, hdrl); put_id (f, "hdrl");
  put_id (f, "avih"); put32 (f, 56);
  put32 (f, 40000); fwrite (zero, 1, 12, f); put32 (f, n);
  put32 (f, 0); put32 (f, 1); fwrite (zero, 1, 28, f);
  put_id (f, "LIST"); put32 (f, 4 + (8 + 56) + (8 + 40)); put_id (f, "strl");
  put_id (f, "strh"); put32 (f, 56); put_id (f, "vids"); put_id (f, "MJPG");
  fwrite (zero, 1, 48, f);
  put_id (f, "strf"); put32 (f, 40); put32 (f, 40); put32 (f, 320);
  put32 (f, 240); fwrite (zero, 1, 28, f);
  put_id (f, "LIST"); put32 (f, movi); put_id (f, "movi");
  for (guint i = 0; i < n; i++)
    {
      put_id (f, "00dc");
      put32 (f, FRAME_BYTES);
      put32 (f, i);
      fwrite (zero, 1, FRAME_BYTES - 4, f);
    }
  put_id (f, "idx1"); put32 (f, idx1);
  for (guint i = 0; i < n; i++)
    {
      put_id (f, "00dc");
      put32 (f, 0x10);
      put32 (f, 4 + i * (8 + FRAME_BYTES));
      put32 (f, FRAME_BYTES);
    }
  g_assert_cmpint (fclose (f), ==, 0);
  return path;
}

/* The plain walk: descend into every list, count every chunk. */
static guint
count_chunks (HMMIO h, const MMCKINFO *parent)
{
  guint n = 0;
  MMCKINFO ck;

  for (;;)
    {
      memset (&ck, 0, sizeof ck);
      if (mmioDescend (h, &ck, parent, 0) != 0)
        return n;
      n++;
      if (ck.ckid == FOURCC_RIFF || ck.ckid == FOURCC_LIST)
        n += count_chunks (h, &ck);
      if (mmioAscend (h, &ck, 0) != 0)
        return n;
    }
}

static guint
run_plain (const char *path)
{
  HMMIO h = mmioOpen ((LPSTR) path, NULL, MMIO_READ | MMIO_ALLOCBUF);
  guint n;
  g_assert_nonnull (h);
  n = count_chunks (h, NULL);
  mmioClose (h, 0);
  return n;
}

static guint
run_walker (const char *path, DWORD flags, gsize *kept)
{
  HMMIO h = mmioOpen ((LPSTR) path, NULL, MMIO_READ | MMIO_ALLOCBUF);
  MmioTreeOptions o = { sizeof o };
  MmioTree *t;
  struct mallinfo2 before, after;
  guint n;

  g_assert_nonnull (h);
  o.dwFlags = flags;
  before = mallinfo2 ();
  g_assert_cmpint (mmio_tree_walk (h, &o, &t), ==, MMSYSERR_NOERROR);
  after = mallinfo2 ();
  n = mmio_tree_n_nodes (t);
  /* The lazy part: the n-th frame of 'movi' is one lookup away. */
  g_assert_cmpuint (mmio_tree_n_children (t, 6), ==, n - 8);
  if (kept)
    *kept = after.uordblks + after.hblkhd - before.uordblks - before.hblkhd;
  mmio_tree_free (t);
  mmioClose (h, 0);
  return n;
}

static long
peak_rss_kib (void)
{
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

int
main (int argc, char **argv)
{
  const char *env = g_getenv ("RIFFSCOPE_BENCH_CHUNKS");
  guint n = env ? (guint) atoi (env) : 1000000;
  char *path;
  gint64 best_plain = G_MAXINT64, best_walk = G_MAXINT64, best_nodesc = G_MAXINT64;
  guint chunks_plain = 0, chunks_walk = 0;
  long rss0, rss_plain, rss_walk;
  gsize kept = 0;

  g_test_init (&argc, &argv, NULL);
  path = make_avi (n);

  /* Interleaved rounds, best of each: a busy machine slows all three. */
  rss0 = peak_rss_kib ();
  for (int round = 0; round < ROUNDS; round++)
    {
      gint64 t0 = g_get_monotonic_time ();
      chunks_plain = run_plain (path);
      best_plain = MIN (best_plain, g_get_monotonic_time () - t0);
      if (round == 0)
        rss_plain = peak_rss_kib ();
      t0 = g_get_monotonic_time ();
      chunks_walk = run_walker (path, 0, round == 0 ? &kept : NULL);
      best_walk = MIN (best_walk, g_get_monotonic_time () - t0);
      t0 = g_get_monotonic_time ();
      run_walker (path, MMIO_TREE_NODESCRIBE, NULL);
      best_nodesc = MIN (best_nodesc, g_get_monotonic_time () - t0);
    }
  rss_walk = peak_rss_kib ();
  g_assert_cmpuint (chunks_walk, ==, chunks_plain);

  printf ("# synthetic AVI: %u frame chunks, %u chunks in all\n", n, chunks_plain);
  printf ("plain mmioDescend/mmioAscend walk: %8.1f ms  (%.0f ns/chunk)\n",
          best_plain / 1e3, best_plain * 1e3 / chunks_plain);
  printf ("mmio_tree_walk (describing):       %8.1f ms  (%.0f ns/chunk)  ratio %.2f\n",
          best_walk / 1e3, best_walk * 1e3 / chunks_walk,
          (double) best_walk / best_plain);
  printf ("mmio_tree_walk (NODESCRIBE):       %8.1f ms  (%.0f ns/chunk)  ratio %.2f\n",
          best_nodesc / 1e3, best_nodesc * 1e3 / chunks_walk,
          (double) best_nodesc / best_plain);
  printf ("tree kept on the heap: %.1f MiB (%.1f bytes/chunk)\n",
          kept / 1048576.0, (double) kept / chunks_walk);
  printf ("peak RSS: %ld KiB before, %ld KiB after the plain walks (+%ld), "
          "%ld KiB after the tree walks (+%ld)\n", rss0, rss_plain,
          rss_plain - rss0, rss_walk, rss_walk - rss_plain);
  g_free (path);
  return 0;
}
