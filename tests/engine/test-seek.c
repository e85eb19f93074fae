/* test-seek.c — mmioSeek (reference 5.8, 6.5): inside and outside the
 * buffer, SEEK_CUR, subtractive SEEK_END for memory files, unbuffered and
 * buffered DOS files, invalid origins, seeks before the start. */
#include "test-util.h"

#include <string.h>

#define FILE_LEN 1000
#define BUF 100

static void
check_state (HMMIO h, LONG buf_off, LONG next, LONG end_read, LONG disk)
{
  MMIOINFO info;

  tu_get_info (h, &info);
  g_assert_cmpint (info.lBufOffset, ==, buf_off);
  g_assert_cmpint (info.pchNext - info.pchBuffer, ==, next);
  g_assert_cmpint (info.pchEndRead - info.pchBuffer, ==, end_read);
  g_assert_cmpint (info.lDiskOffset, ==, disk);
}

static HMMIO
open_pattern (const char *name, LONG cch, DWORD flags, char **path_out)
{
  MMIOINFO in = { 0 };
  char *path = tu_pattern_file (name, FILE_LEN);
  HMMIO h;

  in.cchBuffer = cch;
  in.fccIOProc = FOURCC_DOS;
  h = mmioOpen (path, &in, flags);
  g_assert_nonnull (h);
  if (path_out)
    *path_out = path;
  else
    g_free (path);
  return h;
}

static guint8
read_byte (HMMIO h)
{
  guint8 b = 0;
  g_assert_cmpint (mmioRead (h, (HPSTR) &b, 1), ==, 1);
  return b;
}

static void
test_buffered_inside_outside (void)
{
  HMMIO h = open_pattern ("seek-buf.bin", BUF, MMIO_READ, NULL);

  g_assert_cmpint (read_byte (h), ==, tu_pattern_byte (0));
  check_state (h, 0, 1, BUF, BUF);
  /* Inside the loaded buffer: only pchNext moves, the contents stay. */
  g_assert_cmpint (mmioSeek (h, 50, SEEK_SET), ==, 50);
  check_state (h, 0, 50, BUF, BUF);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_SET), ==, 0);
  check_state (h, 0, 0, BUF, BUF);
  g_assert_cmpint (mmioSeek (h, BUF, SEEK_SET), ==, BUF);   /* its end */
  check_state (h, 0, BUF, BUF, BUF);
  g_assert_cmpint (mmioSeek (h, 70, SEEK_SET), ==, 70);
  g_assert_cmpint (read_byte (h), ==, tu_pattern_byte (70));
  check_state (h, 0, 71, BUF, BUF);

  /* Outside: the IOProc is sent there, the buffer is empty at the target. */
  g_assert_cmpint (mmioSeek (h, 350, SEEK_SET), ==, 350);
  check_state (h, 350, 0, 0, 350);
  g_assert_cmpint (read_byte (h), ==, tu_pattern_byte (350));
  check_state (h, 350, 1, BUF, 450);
  /* Before lBufOffset is outside too. */
  g_assert_cmpint (mmioSeek (h, 349, SEEK_SET), ==, 349);
  check_state (h, 349, 0, 0, 349);
  g_assert_cmpint (read_byte (h), ==, tu_pattern_byte (349));

  /* Past the loaded part of the buffer: outside. */
  g_assert_cmpint (mmioSeek (h, 360, SEEK_SET), ==, 360);
  g_assert_cmpint (mmioSeek (h, 360 + BUF + 1, SEEK_SET), ==, 461);
  check_state (h, 461, 0, 0, 461);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_buffered_unloaded (void)
{
  /* A fresh buffer is not loaded: even a target inside its span goes to
   * the IOProc (T-MMIO-52 shape). */
  HMMIO h = open_pattern ("seek-unloaded.bin", 5, MMIO_READ, NULL);
  char data[16];

  g_assert_cmpint (mmioSeek (h, 2, SEEK_SET), ==, 2);
  check_state (h, 2, 0, 0, 2);
  g_assert_cmpuint (mmioAdvance (h, NULL, MMIO_READ), ==, 0);
  check_state (h, 2, 0, 5, 7);
  g_assert_cmpint (mmioSeek (h, 4, SEEK_SET), ==, 4);
  check_state (h, 2, 2, 5, 7);
  g_assert_cmpint (mmioSeek (h, 17, SEEK_SET), ==, 17);
  check_state (h, 17, 0, 0, 17);
  /* Reading more than the buffer holds leaves it empty at the new place
   * (T-MMIO-53 shape). */
  g_assert_cmpint (mmioRead (h, data, sizeof data), ==, sizeof data);
  check_state (h, 17 + sizeof data, 0, 0, 17 + sizeof data);
  for (gsize i = 0; i < sizeof data; i++)
    g_assert_cmpuint ((guint8) data[i], ==, tu_pattern_byte (17 + i));
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_seek_cur (void)
{
  HMMIO h = open_pattern ("seek-cur.bin", BUF, MMIO_READ, NULL);

  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 0);
  check_state (h, 0, 0, 0, 0);
  g_assert_cmpint (mmioSeek (h, 40, SEEK_CUR), ==, 40);
  g_assert_cmpint (read_byte (h), ==, tu_pattern_byte (40));
  check_state (h, 40, 1, BUF, 140);
  /* Relative to the logical position, not to lDiskOffset. */
  g_assert_cmpint (mmioSeek (h, 9, SEEK_CUR), ==, 50);
  check_state (h, 40, 10, BUF, 140);
  g_assert_cmpint (mmioSeek (h, -5, SEEK_CUR), ==, 45);
  g_assert_cmpint (read_byte (h), ==, tu_pattern_byte (45));
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 46);
  check_state (h, 40, 6, BUF, 140);
  g_assert_cmpint (mmioSeek (h, -20, SEEK_CUR), ==, 26);
  check_state (h, 26, 0, 0, 26);
  g_assert_cmpint (read_byte (h), ==, tu_pattern_byte (26));
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  h = open_pattern ("seek-cur-u.bin", 0, MMIO_READ, NULL);
  g_assert_cmpint (mmioSeek (h, 30, SEEK_CUR), ==, 30);
  g_assert_cmpint (mmioSeek (h, -10, SEEK_CUR), ==, 20);
  check_state (h, 20, 0, 0, 20);
  g_assert_cmpint (read_byte (h), ==, tu_pattern_byte (20));
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_seek_end_unbuffered_dos (void)
{
  HMMIO h = open_pattern ("seek-end-u.bin", 0, MMIO_READ, NULL);

  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, FILE_LEN);
  check_state (h, FILE_LEN, 0, 0, FILE_LEN);
  /* Subtractive: a positive offset moves back from the end. */
  g_assert_cmpint (mmioSeek (h, 16, SEEK_END), ==, FILE_LEN - 16);
  check_state (h, FILE_LEN - 16, 0, 0, FILE_LEN - 16);
  g_assert_cmpint (read_byte (h), ==, tu_pattern_byte (FILE_LEN - 16));
  g_assert_cmpint (mmioSeek (h, FILE_LEN, SEEK_END), ==, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_seek_end_buffered_dos (void)
{
  HMMIO h = open_pattern ("seek-end-b.bin", 0, MMIO_READ | MMIO_ALLOCBUF, NULL);
  MMIOINFO info;

  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, FILE_LEN);
  tu_get_info (h, &info);
  g_assert_cmpint (info.cchBuffer, ==, MMIO_DEFAULTBUFFER);
  g_assert_true (info.pchNext == info.pchBuffer);
  g_assert_true (info.pchEndRead == info.pchBuffer);
  g_assert_true (info.pchEndWrite == info.pchBuffer + info.cchBuffer);
  g_assert_cmpint (info.lBufOffset, ==, FILE_LEN);
  g_assert_cmpint (info.lDiskOffset, ==, FILE_LEN);
  g_assert_cmpint (mmioSeek (h, 16, SEEK_END), ==, FILE_LEN - 16);
  g_assert_cmpint (read_byte (h), ==, tu_pattern_byte (FILE_LEN - 16));
  /* With the whole file in the buffer, SEEK_END inside it only moves
   * pchNext. */
  g_assert_cmpint (mmioSeek (h, 0, SEEK_SET), ==, 0);
  g_assert_cmpint (read_byte (h), ==, tu_pattern_byte (0));
  check_state (h, 0, 1, FILE_LEN, FILE_LEN);
  g_assert_cmpint (mmioSeek (h, 100, SEEK_END), ==, FILE_LEN - 100);
  check_state (h, 0, FILE_LEN - 100, FILE_LEN, FILE_LEN);
  g_assert_cmpint (read_byte (h), ==, tu_pattern_byte (FILE_LEN - 100));
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_seek_end_after_writes (void)
{
  /* The size SEEK_END uses includes what is still in the buffer. */
  char *path = tu_path ("seek-end-w.bin");
  MMIOINFO in = { 0 };
  HMMIO h;

  in.cchBuffer = BUF;
  h = mmioOpen (path, &in, MMIO_CREATE | MMIO_READWRITE);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioWrite (h, "0123456789", 10), ==, 10);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, 10);
  g_assert_cmpint (mmioSeek (h, 4, SEEK_END), ==, 6);
  g_assert_cmpint (mmioWrite (h, "abcdefgh", 8), ==, 8);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, 14);
  /* Across a flush. */
  g_assert_cmpuint (mmioFlush (h, MMIO_EMPTYBUF), ==, 0);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, 14);
  g_assert_cmpint (mmioSeek (h, 14, SEEK_END), ==, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_free (path);
}

static void
test_seek_end_memory (void)
{
  static char block[64];
  MMIOINFO in = { 0 }, info;
  HMMIO h;

  for (gsize i = 0; i < sizeof block; i++)
    block[i] = (char) i;
  in.fccIOProc = FOURCC_MEM;
  in.pchBuffer = block;
  in.cchBuffer = sizeof block;
  h = mmioOpen (NULL, &in, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, sizeof block);
  tu_get_info (h, &info);
  g_assert_true (info.pchNext == block + sizeof block);
  g_assert_true (info.pchEndRead == block + sizeof block);
  g_assert_true (info.pchEndWrite == block + sizeof block);
  g_assert_cmpint (info.lBufOffset, ==, 0);
  g_assert_cmpint (info.lDiskOffset, ==, 0);
  g_assert_cmpint (mmioSeek (h, 16, SEEK_END), ==, sizeof block - 16);
  g_assert_cmpint (read_byte (h), ==, sizeof block - 16);
  g_assert_cmpint (mmioSeek (h, sizeof block, SEEK_END), ==, 0);
  g_assert_cmpint (mmioSeek (h, sizeof block + 1, SEEK_END), ==, -1);
  g_assert_cmpint (mmioSeek (h, -1, SEEK_END), ==, -1);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_invalid_origin (void)
{
  static const LONG cchs[] = { 0, BUF };
  for (gsize i = 0; i < G_N_ELEMENTS (cchs); i++)
    {
      HMMIO h = open_pattern ("seek-origin.bin", cchs[i], MMIO_READ, NULL);
      MMIOINFO before, after;

      g_assert_cmpint (mmioSeek (h, 10, SEEK_SET), ==, 10);
      tu_get_info (h, &before);
      g_assert_cmpint (mmioSeek (h, 0, 3), ==, -1);
      g_assert_cmpint (mmioSeek (h, 5, -1), ==, -1);
      g_assert_cmpint (mmioSeek (h, 5, 1000), ==, -1);
      tu_get_info (h, &after);
      g_assert_cmpint (after.lBufOffset, ==, before.lBufOffset);
      g_assert_cmpint (after.lDiskOffset, ==, before.lDiskOffset);
      g_assert_true (after.pchNext == before.pchNext);
      g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 10);
      g_assert_cmpuint (mmioClose (h, 0), ==, 0);
    }
  {
    char block[8] = { 0 };
    MMIOINFO in = { 0 };
    HMMIO h;
    in.fccIOProc = FOURCC_MEM;
    in.pchBuffer = block;
    in.cchBuffer = sizeof block;
    h = mmioOpen (NULL, &in, MMIO_READ);
    g_assert_cmpint (mmioSeek (h, 0, 7), ==, -1);
    g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  }
  g_assert_cmpint (mmioSeek (NULL, 0, SEEK_SET), ==, -1);
}

static void
test_before_start (void)
{
  static const LONG cchs[] = { 0, BUF };
  for (gsize i = 0; i < G_N_ELEMENTS (cchs); i++)
    {
      HMMIO h = open_pattern ("seek-before.bin", cchs[i], MMIO_READ, NULL);

      g_assert_cmpint (mmioSeek (h, 20, SEEK_SET), ==, 20);
      g_assert_cmpint (mmioSeek (h, -1, SEEK_SET), ==, -1);
      g_assert_cmpint (mmioSeek (h, -21, SEEK_CUR), ==, -1);
      g_assert_cmpint (mmioSeek (h, FILE_LEN + 1, SEEK_END), ==, -1);
      /* The position is where it was. */
      g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 20);
      g_assert_cmpint (read_byte (h), ==, tu_pattern_byte (20));
      g_assert_cmpint (mmioSeek (h, -21, SEEK_CUR), ==, 0);
      g_assert_cmpuint (mmioClose (h, 0), ==, 0);
    }
}

static void
test_past_end (void)
{
  /* Seeking past the end succeeds; reading there finds nothing, writing
   * there extends the file. */
  char *path = NULL;
  HMMIO h = open_pattern ("seek-past.bin", BUF, MMIO_READWRITE, &path);
  char b[4];
  GBytes *bytes;

  g_assert_cmpint (mmioSeek (h, FILE_LEN + 50, SEEK_SET), ==, FILE_LEN + 50);
  g_assert_cmpint (mmioRead (h, b, 4), ==, 0);
  g_assert_cmpint (mmioWrite (h, "end", 3), ==, 3);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, FILE_LEN + 53);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  bytes = tu_read_file (path);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, FILE_LEN + 53);
  g_assert_cmpmem ((const char *) g_bytes_get_data (bytes, NULL) + FILE_LEN + 50, 3,
                   "end", 3);
  g_bytes_unref (bytes);
  g_free (path);
}

static void
test_dirty_buffer_survives_inner_seek (void)
{
  char *path = tu_path ("seek-dirty.bin");
  MMIOINFO in = { 0 };
  HMMIO h;
  GBytes *bytes;

  in.cchBuffer = BUF;
  h = mmioOpen (path, &in, MMIO_CREATE | MMIO_READWRITE);
  g_assert_cmpint (mmioWrite (h, "abcdefghij", 10), ==, 10);
  /* Inside: nothing is written yet. */
  g_assert_cmpint (mmioSeek (h, 2, SEEK_SET), ==, 2);
  check_state (h, 0, 2, 0, 0);
  g_assert_cmpint (mmioWrite (h, "XY", 2), ==, 2);
  /* Outside: the dirty buffer is flushed first, all 10 bytes. */
  g_assert_cmpint (mmioSeek (h, 500, SEEK_SET), ==, 500);
  check_state (h, 500, 0, 0, 500);
  bytes = tu_read_file (path);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   "abXYefghij", 10);
  g_bytes_unref (bytes);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_free (path);
}

static void
test_extreme_offsets (void)
{
  /* Offsets at the ends of the 64-bit range: refused or served, never an
   * overflow (UndefinedBehaviorSanitizer watches). */
  static const LONG cchs[] = { 0, BUF };
  static const LONG offs[] = { G_MININT64, G_MININT64 + 1, G_MAXINT64, G_MAXINT64 - 1 };
  char block[16] = { 0 };

  for (gsize m = 0; m < G_N_ELEMENTS (cchs) + 1; m++)
    {
      HMMIO h;
      if (m < G_N_ELEMENTS (cchs))
        h = open_pattern ("seek-extreme.bin", cchs[m], MMIO_READ, NULL);
      else
        {
          MMIOINFO in = { 0 };
          in.fccIOProc = FOURCC_MEM;
          in.pchBuffer = block;
          in.cchBuffer = sizeof block;
          h = mmioOpen (NULL, &in, MMIO_READ);
        }
      g_assert_cmpint (mmioSeek (h, 10, SEEK_SET), ==, 10);
      for (gsize i = 0; i < G_N_ELEMENTS (offs); i++)
        {
          g_assert_cmpint (mmioSeek (h, offs[i], SEEK_CUR), ==, -1);
          g_assert_cmpint (mmioSeek (h, offs[i], SEEK_END), ==, -1);
          if (offs[i] < 0)
            g_assert_cmpint (mmioSeek (h, offs[i], SEEK_SET), ==, -1);
          else
            g_assert_cmpint (mmioSeek (h, 10, SEEK_SET), ==, 10);
        }
      g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 10);
      g_assert_cmpuint (mmioClose (h, 0), ==, 0);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/seek/buffered/inside-outside", test_buffered_inside_outside);
  g_test_add_func ("/seek/buffered/unloaded", test_buffered_unloaded);
  g_test_add_func ("/seek/cur", test_seek_cur);
  g_test_add_func ("/seek/end/unbuffered-dos", test_seek_end_unbuffered_dos);
  g_test_add_func ("/seek/end/buffered-dos", test_seek_end_buffered_dos);
  g_test_add_func ("/seek/end/after-writes", test_seek_end_after_writes);
  g_test_add_func ("/seek/end/memory", test_seek_end_memory);
  g_test_add_func ("/seek/invalid-origin", test_invalid_origin);
  g_test_add_func ("/seek/before-start", test_before_start);
  g_test_add_func ("/seek/past-end", test_past_end);
  g_test_add_func ("/seek/dirty-buffer", test_dirty_buffer_survives_inner_seek);
  g_test_add_func ("/seek/extreme-offsets", test_extreme_offsets);
  return g_test_run ();
}
