/* test-advance.c — mmioAdvance and direct buffer access (reference 6.9):
 * reading and writing through mmioGetInfo / mmioAdvance / mmioSetInfo,
 * the lBufOffset progression, EOF, bad flags, unbuffered handles, a NULL
 * MMIOINFO. */
#include "test-util.h"

#include <string.h>

#define BUF 100

static void
test_bad_calls (void)
{
  char *path = tu_pattern_file ("adv-bad.bin", 300);
  MMIOINFO in = { 0 }, info;
  HMMIO h;

  /* Unbuffered: MMIOERR_UNBUFFERED, whatever the flags. */
  h = mmioOpen (path, NULL, MMIO_READ);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  g_assert_cmpuint (mmioAdvance (h, &info, MMIO_READ), ==, MMIOERR_UNBUFFERED);
  g_assert_cmpuint (mmioAdvance (h, &info, MMIO_WRITE), ==, MMIOERR_UNBUFFERED);
  g_assert_cmpuint (mmioAdvance (h, NULL, MMIO_READ), ==, MMIOERR_UNBUFFERED);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* Flags other than exactly MMIO_READ or MMIO_WRITE. */
  in.cchBuffer = BUF;
  h = mmioOpen (path, &in, MMIO_READ);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  g_assert_cmpuint (mmioAdvance (h, &info, MMIO_READWRITE), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpuint (mmioAdvance (h, &info, 0x10), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpuint (mmioAdvance (h, &info, MMIO_WRITE | 0x100), ==, MMSYSERR_INVALPARAM);
  /* Nothing happened. */
  tu_get_info (h, &info);
  g_assert_true (info.pchEndRead == info.pchBuffer);
  g_assert_cmpint (info.lDiskOffset, ==, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_assert_cmpuint (mmioAdvance (h, &info, MMIO_READ), ==, MMSYSERR_INVALHANDLE);
  g_free (path);
}

static void
test_read_through_file (void)
{
  char *path = tu_pattern_file ("adv-read.bin", 250);
  MMIOINFO in = { 0 }, info;
  HMMIO h;
  gsize seen = 0;
  LONG expect_off = 0;

  in.cchBuffer = BUF;
  h = mmioOpen (path, &in, MMIO_READ);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  /* Zero-length read first: the buffer is still empty (T-MMIO-49). */
  g_assert_cmpint (mmioRead (h, info.pchBuffer, 0), ==, 0);
  tu_get_info (h, &info);
  g_assert_true (info.pchNext == info.pchEndRead);

  for (;;)
    {
      if (info.pchNext >= info.pchEndRead)
        {
          g_assert_cmpuint (mmioAdvance (h, &info, MMIO_READ), ==, 0);
          g_assert_cmpint (info.lBufOffset, ==, expect_off);
          g_assert_true (info.pchNext == info.pchBuffer);
          g_assert_true (info.pchEndWrite == info.pchBuffer + BUF);
          g_assert_cmpint (info.lDiskOffset, ==,
                           expect_off + (info.pchEndRead - info.pchBuffer));
          if (info.pchEndRead == info.pchNext)
            break;               /* EOF: an empty buffer (T-MMIO-48) */
          expect_off += info.pchEndRead - info.pchBuffer;
        }
      g_assert_cmpuint ((guint8) *info.pchNext, ==, tu_pattern_byte (seen));
      info.pchNext++;
      seen++;
    }
  g_assert_cmpuint (seen, ==, 250);
  g_assert_cmpint (expect_off, ==, 250);
  g_assert_cmpuint (mmioSetInfo (h, &info, 0), ==, 0);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 250);
  /* Advancing at EOF again is still an empty success. */
  g_assert_cmpuint (mmioAdvance (h, &info, MMIO_READ), ==, 0);
  g_assert_true (info.pchEndRead == info.pchBuffer);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_free (path);
}

static void
test_eof_after_seek_end (void)
{
  /* T-MMIO-48 shape: at the end a read gives 0 and advancing for reading
   * succeeds with an empty buffer. */
  char *path = tu_pattern_file ("adv-eof.bin", 120);
  MMIOINFO in = { 0 }, info;
  HMMIO h;
  char b[16];

  in.cchBuffer = BUF;
  h = mmioOpen (path, &in, MMIO_READ);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, 120);
  g_assert_cmpint (mmioRead (h, b, sizeof b), ==, 0);
  tu_get_info (h, &info);
  g_assert_cmpuint (mmioAdvance (h, &info, MMIO_READ), ==, 0);
  g_assert_true (info.pchNext == info.pchEndRead);
  g_assert_cmpint (info.lBufOffset, ==, 120);
  g_assert_cmpint (info.lDiskOffset, ==, 120);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_free (path);
}

static void
test_read_null_info (void)
{
  char *path = tu_pattern_file ("adv-null.bin", 250);
  MMIOINFO in = { 0 }, info;
  HMMIO h;

  in.cchBuffer = BUF;
  h = mmioOpen (path, &in, MMIO_READ);
  g_assert_cmpuint (mmioAdvance (h, NULL, MMIO_READ), ==, 0);
  tu_get_info (h, &info);
  g_assert_cmpint (info.lBufOffset, ==, 0);
  g_assert_cmpint (info.pchEndRead - info.pchBuffer, ==, BUF);
  g_assert_cmpint (info.lDiskOffset, ==, BUF);
  g_assert_cmpuint (mmioAdvance (h, NULL, MMIO_READ), ==, 0);
  tu_get_info (h, &info);
  g_assert_cmpint (info.lBufOffset, ==, BUF);
  g_assert_cmpuint ((guint8) info.pchBuffer[0], ==, tu_pattern_byte (BUF));
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, BUF);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_free (path);
}

static void
test_write_progression (void)
{
  char *path = tu_path ("adv-write.bin");
  MMIOINFO in = { 0 }, info;
  HMMIO h;
  GBytes *bytes;
  gsize k = 0;

  in.cchBuffer = BUF;
  h = mmioOpen (path, &in, MMIO_CREATE | MMIO_READWRITE);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  for (int round = 1; round <= 3; round++)
    {
      while (info.pchNext < info.pchEndWrite)
        *info.pchNext++ = (char) tu_pattern_byte (k++);
      info.dwFlags |= MMIO_DIRTY;
      g_assert_cmpuint (mmioAdvance (h, &info, MMIO_WRITE), ==, 0);
      /* The caller's buffer went out at its lBufOffset; the new one starts
       * where the IOProc now is (T-MMIO-56). */
      g_assert_false (info.dwFlags & MMIO_DIRTY);
      g_assert_cmpint (info.lBufOffset, ==, round * BUF);
      g_assert_cmpint (info.lDiskOffset, ==, round * BUF);
      g_assert_true (info.pchNext == info.pchBuffer);
      g_assert_true (info.pchEndRead == info.pchBuffer);
      g_assert_true (info.pchEndWrite == info.pchBuffer + BUF);
    }
  /* A partial last buffer, handed back with mmioSetInfo and DIRTY. */
  for (int i = 0; i < 30; i++)
    *info.pchNext++ = (char) tu_pattern_byte (k++);
  info.dwFlags |= MMIO_DIRTY;
  g_assert_cmpuint (mmioSetInfo (h, &info, 0), ==, 0);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 330);
  /* The size counts what went out directly and what is still buffered. */
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, 330);
  g_assert_cmpint (mmioSeek (h, 30, SEEK_END), ==, 300);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  bytes = tu_read_file (path);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 330);
  for (gsize i = 0; i < 330; i++)
    g_assert_cmpuint (((const guint8 *) g_bytes_get_data (bytes, NULL))[i], ==,
                      tu_pattern_byte (i));
  g_bytes_unref (bytes);
  g_free (path);
}

static void
test_write_clean_caller (void)
{
  /* A caller's copy without MMIO_DIRTY writes nothing. */
  char *path = tu_path ("adv-clean.bin");
  MMIOINFO in = { 0 }, info;
  HMMIO h;
  GBytes *bytes;

  in.cchBuffer = BUF;
  h = mmioOpen (path, &in, MMIO_CREATE | MMIO_READWRITE);
  tu_get_info (h, &info);
  memset (info.pchBuffer, 'x', BUF);
  info.pchNext = info.pchEndWrite;
  g_assert_cmpuint (mmioAdvance (h, &info, MMIO_WRITE), ==, 0);
  g_assert_cmpint (info.lBufOffset, ==, 0);
  g_assert_true (info.pchNext == info.pchBuffer);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  bytes = tu_read_file (path);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
  g_bytes_unref (bytes);
  g_free (path);
}

static void
test_flushes_own_data (void)
{
  /* MMIO's own dirty data goes out before the advance. */
  char *path = tu_path ("adv-own.bin");
  MMIOINFO in = { 0 }, info;
  HMMIO h;
  GBytes *bytes;

  in.cchBuffer = BUF;
  h = mmioOpen (path, &in, MMIO_CREATE | MMIO_READWRITE);
  g_assert_cmpint (mmioWrite (h, "written", 7), ==, 7);
  g_assert_cmpuint (mmioAdvance (h, NULL, MMIO_READ), ==, 0);
  bytes = tu_read_file (path);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "written", 7);
  g_bytes_unref (bytes);
  tu_get_info (h, &info);
  g_assert_false (info.dwFlags & MMIO_DIRTY);
  g_assert_cmpint (info.lBufOffset, ==, 7);
  g_assert_true (info.pchEndRead == info.pchBuffer);   /* EOF */
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_free (path);
}

static void
test_read_then_write_mixed (void)
{
  /* Read a buffer directly, change it, write it back in place. */
  char *path = tu_pattern_file ("adv-mixed.bin", 200);
  MMIOINFO in = { 0 }, info;
  HMMIO h;
  GBytes *bytes;
  const guint8 *d;

  in.cchBuffer = BUF;
  h = mmioOpen (path, &in, MMIO_READWRITE);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  g_assert_cmpuint (mmioAdvance (h, &info, MMIO_READ), ==, 0);
  g_assert_cmpint (info.lBufOffset, ==, 0);
  info.pchBuffer[0] = 'M';
  info.pchNext = info.pchEndRead;
  info.dwFlags |= MMIO_DIRTY;
  g_assert_cmpuint (mmioAdvance (h, &info, MMIO_WRITE), ==, 0);
  g_assert_cmpint (info.lBufOffset, ==, BUF);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  bytes = tu_read_file (path);
  d = g_bytes_get_data (bytes, NULL);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 200);
  g_assert_cmpuint (d[0], ==, 'M');
  for (gsize i = 1; i < 200; i++)
    g_assert_cmpuint (d[i], ==, tu_pattern_byte (i));
  g_bytes_unref (bytes);
  g_free (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/advance/bad-calls", test_bad_calls);
  g_test_add_func ("/advance/read-through-file", test_read_through_file);
  g_test_add_func ("/advance/read-null-info", test_read_null_info);
  g_test_add_func ("/advance/eof-after-seek-end", test_eof_after_seek_end);
  g_test_add_func ("/advance/write-progression", test_write_progression);
  g_test_add_func ("/advance/write-clean-caller", test_write_clean_caller);
  g_test_add_func ("/advance/flushes-own-data", test_flushes_own_data);
  g_test_add_func ("/advance/read-modify-write", test_read_then_write_mixed);
  return g_test_run ();
}
