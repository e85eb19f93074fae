/* test-buffer.c — the buffering model (reference 5, 6.3, 6.4, 6.6–6.8):
 * lDiskOffset / lBufOffset / pchNext / pchEndRead after each kind of read
 * and write, mmioFlush, mmioSetBuffer, mmioGetInfo and mmioSetInfo. */
#include "test-util.h"

#include <string.h>

#define FILE_LEN 1000
#define BUF 100

typedef struct
{
  char    *path;
  HMMIO    h;
  MMIOINFO info;
} Fixture;

/* The expected window: buffer at `buf_off`, pchNext at `next`, pchEndRead
 * at `end_read` (both relative to pchBuffer), IOProc at `disk`. */
static void
check_state (HMMIO h, LONG buf_off, LONG next, LONG end_read, LONG disk)
{
  MMIOINFO info;

  tu_get_info (h, &info);
  g_assert_cmpint (info.lBufOffset, ==, buf_off);
  g_assert_cmpint (info.pchNext - info.pchBuffer, ==, next);
  g_assert_cmpint (info.pchEndRead - info.pchBuffer, ==, end_read);
  g_assert_cmpint (info.lDiskOffset, ==, disk);
  if (info.pchBuffer != NULL)
    g_assert_true (info.pchEndWrite == info.pchBuffer + info.cchBuffer);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, buf_off + next);
}

static void
check_pattern (const char *b, gsize from, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if ((guint8) b[i] != tu_pattern_byte (from + i))
      g_error ("byte %" G_GSIZE_FORMAT ": %02x, expected %02x", from + i,
               (guint8) b[i], tu_pattern_byte (from + i));
}

static void
fixture_read_setup (Fixture *f, gconstpointer data)
{
  MMIOINFO in = { 0 };
  f->path = tu_pattern_file ("read.bin", FILE_LEN);
  in.cchBuffer = GPOINTER_TO_INT (data);
  f->h = mmioOpen (f->path, &in, MMIO_READ);
  g_assert_nonnull (f->h);
}

static void
fixture_write_setup (Fixture *f, gconstpointer data)
{
  MMIOINFO in = { 0 };
  f->path = tu_path ("write.bin");
  in.cchBuffer = GPOINTER_TO_INT (data);
  f->h = mmioOpen (f->path, &in, MMIO_CREATE | MMIO_READWRITE);
  g_assert_nonnull (f->h);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->h)
    g_assert_cmpuint (mmioClose (f->h, 0), ==, 0);
  g_free (f->path);
}

static GBytes *
file_bytes (Fixture *f)
{
  return tu_read_file (f->path);
}

/* ---- reads ---------------------------------------------------------- */

static void
test_read_zero_length (Fixture *f, gconstpointer data)
{
  char b[1];
  g_assert_cmpint (mmioRead (f->h, b, 0), ==, 0);
  /* Does not fill the buffer. */
  check_state (f->h, 0, 0, 0, 0);
  g_assert_cmpint (mmioRead (f->h, NULL, 0), ==, 0);
  check_state (f->h, 0, 0, 0, 0);
}

static void
test_read_buffered (Fixture *f, gconstpointer data)
{
  char b[BUF];
  g_assert_cmpint (mmioRead (f->h, b, 10), ==, 10);
  check_pattern (b, 0, 10);
  /* One fill of the whole buffer at 0. */
  check_state (f->h, 0, 10, BUF, BUF);
  g_assert_cmpint (mmioRead (f->h, b, 30), ==, 30);
  check_pattern (b, 10, 30);
  check_state (f->h, 0, 40, BUF, BUF);
  /* Exactly the rest of the buffer: no new fill. */
  g_assert_cmpint (mmioRead (f->h, b, 60), ==, 60);
  check_pattern (b, 40, 60);
  check_state (f->h, 0, BUF, BUF, BUF);
  /* The next byte refills at lDiskOffset. */
  g_assert_cmpint (mmioRead (f->h, b, 1), ==, 1);
  check_pattern (b, 100, 1);
  check_state (f->h, BUF, 1, BUF, 2 * BUF);
}

static void
test_read_across_end (Fixture *f, gconstpointer data)
{
  char b[BUF];
  g_assert_cmpint (mmioRead (f->h, b, 95), ==, 95);
  check_state (f->h, 0, 95, BUF, BUF);
  /* 5 from this buffer, 5 from the next one, which stays loaded. */
  g_assert_cmpint (mmioRead (f->h, b, 10), ==, 10);
  check_pattern (b, 95, 10);
  check_state (f->h, BUF, 5, BUF, 2 * BUF);
  /* A read the size of the buffer, not larger: still buffered. */
  g_assert_cmpint (mmioRead (f->h, b, BUF), ==, BUF);
  check_pattern (b, 105, BUF);
  check_state (f->h, 2 * BUF, 5, BUF, 3 * BUF);
}

static void
test_read_large (Fixture *f, gconstpointer data)
{
  char b[400];
  g_assert_cmpint (mmioRead (f->h, b, 10), ==, 10);
  /* Larger than the buffer: straight to the caller, buffer left empty at
   * the new position. */
  g_assert_cmpint (mmioRead (f->h, b, 250), ==, 250);
  check_pattern (b, 10, 250);
  check_state (f->h, 260, 0, 0, 260);
  g_assert_cmpint (mmioRead (f->h, b, 400), ==, 400);
  check_pattern (b, 260, 400);
  check_state (f->h, 660, 0, 0, 660);
  /* The buffer works normally afterwards. */
  g_assert_cmpint (mmioRead (f->h, b, 3), ==, 3);
  check_pattern (b, 660, 3);
  check_state (f->h, 660, 3, BUF, 760);
  /* A large read from a fresh position after a seek. */
  g_assert_cmpint (mmioSeek (f->h, 17, SEEK_SET), ==, 17);
  g_assert_cmpint (mmioRead (f->h, b, 160), ==, 160);
  check_pattern (b, 17, 160);
  check_state (f->h, 177, 0, 0, 177);
}

static void
test_read_eof (Fixture *f, gconstpointer data)
{
  char b[400];
  g_assert_cmpint (mmioSeek (f->h, 995, SEEK_SET), ==, 995);
  g_assert_cmpint (mmioRead (f->h, b, 10), ==, 5);
  check_pattern (b, 995, 5);
  /* The second fill found nothing: an empty buffer at the end. */
  check_state (f->h, FILE_LEN, 0, 0, FILE_LEN);
  g_assert_cmpint (mmioRead (f->h, b, 10), ==, 0);
  g_assert_cmpint (mmioSeek (f->h, 0, SEEK_CUR), ==, FILE_LEN);
  /* Large read at EOF. */
  g_assert_cmpint (mmioRead (f->h, b, 400), ==, 0);
  g_assert_cmpint (mmioSeek (f->h, 0, SEEK_CUR), ==, FILE_LEN);
  /* A large read that ends early returns the short count. */
  g_assert_cmpint (mmioSeek (f->h, 900, SEEK_SET), ==, 900);
  g_assert_cmpint (mmioRead (f->h, b, 400), ==, 100);
  check_pattern (b, 900, 100);
  check_state (f->h, FILE_LEN, 0, 0, FILE_LEN);
}

static void
test_read_unbuffered (Fixture *f, gconstpointer data)
{
  char b[300];
  MMIOINFO info;

  tu_get_info (f->h, &info);
  g_assert_null (info.pchBuffer);
  g_assert_cmpint (mmioRead (f->h, b, 0), ==, 0);
  check_state (f->h, 0, 0, 0, 0);
  g_assert_cmpint (mmioRead (f->h, b, 10), ==, 10);
  check_pattern (b, 0, 10);
  /* lBufOffset follows lDiskOffset; the pointers stay NULL. */
  check_state (f->h, 10, 0, 0, 10);
  tu_get_info (f->h, &info);
  g_assert_null (info.pchNext);
  g_assert_null (info.pchEndRead);
  g_assert_null (info.pchEndWrite);
  g_assert_cmpint (mmioRead (f->h, b, 300), ==, 300);
  check_pattern (b, 10, 300);
  check_state (f->h, 310, 0, 0, 310);
  g_assert_cmpint (mmioSeek (f->h, 990, SEEK_SET), ==, 990);
  g_assert_cmpint (mmioRead (f->h, b, 300), ==, 10);
  check_state (f->h, FILE_LEN, 0, 0, FILE_LEN);
  g_assert_cmpint (mmioRead (f->h, b, 300), ==, 0);
}

static void
test_read_bad_args (Fixture *f, gconstpointer data)
{
  char b[4];
  g_assert_cmpint (mmioRead (f->h, b, -1), ==, -1);
  g_assert_cmpint (mmioRead (f->h, NULL, 4), ==, -1);
  g_assert_cmpint (mmioRead (NULL, b, 4), ==, -1);
  check_state (f->h, 0, 0, 0, 0);
}

/* ---- writes --------------------------------------------------------- */

static void
test_write_buffered (Fixture *f, gconstpointer data)
{
  MMIOINFO info;
  GBytes *bytes;

  g_assert_cmpint (mmioWrite (f->h, "0123456789", 10), ==, 10);
  /* Into the buffer only: DIRTY, the IOProc has not moved, pchEndRead is
   * not a write mark. */
  check_state (f->h, 0, 10, 0, 0);
  tu_get_info (f->h, &info);
  g_assert_true (info.dwFlags & MMIO_DIRTY);
  g_assert_cmpmem (info.pchBuffer, 10, "0123456789", 10);
  bytes = file_bytes (f);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
  g_bytes_unref (bytes);

  /* What was written reads back through the buffer. */
  {
    char b[10];
    g_assert_cmpint (mmioSeek (f->h, 2, SEEK_SET), ==, 2);
    g_assert_cmpint (mmioRead (f->h, b, 5), ==, 5);
    g_assert_cmpmem (b, 5, "23456", 5);
    g_assert_cmpint (mmioSeek (f->h, 10, SEEK_SET), ==, 10);
  }

  /* Flush writes pchNext - pchBuffer bytes at lBufOffset. */
  g_assert_cmpuint (mmioFlush (f->h, 0), ==, 0);
  check_state (f->h, 0, 10, 0, 10);
  tu_get_info (f->h, &info);
  g_assert_false (info.dwFlags & MMIO_DIRTY);
  bytes = file_bytes (f);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   "0123456789", 10);
  g_bytes_unref (bytes);
}

static void
test_write_fill (Fixture *f, gconstpointer data)
{
  char src[350];
  MMIOINFO info;
  GBytes *bytes;

  for (gsize i = 0; i < sizeof src; i++)
    src[i] = (char) tu_pattern_byte (i);
  /* Filling the buffer exactly sends it out at once and starts a new empty
   * buffer at lBufOffset = lDiskOffset. */
  g_assert_cmpint (mmioWrite (f->h, src, BUF), ==, BUF);
  check_state (f->h, BUF, 0, 0, BUF);
  tu_get_info (f->h, &info);
  g_assert_false (info.dwFlags & MMIO_DIRTY);
  /* More than a buffer: full buffers go out, the tail stays. */
  g_assert_cmpint (mmioWrite (f->h, src + BUF, 250), ==, 250);
  check_state (f->h, 3 * BUF, 50, 0, 3 * BUF);
  tu_get_info (f->h, &info);
  g_assert_true (info.dwFlags & MMIO_DIRTY);
  bytes = file_bytes (f);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 3 * BUF);
  check_pattern (g_bytes_get_data (bytes, NULL), 0, 3 * BUF);
  g_bytes_unref (bytes);
  g_assert_cmpuint (mmioClose (f->h, 0), ==, 0);
  f->h = NULL;
  bytes = file_bytes (f);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 350);
  check_pattern (g_bytes_get_data (bytes, NULL), 0, 350);
  g_bytes_unref (bytes);
}

static void
test_write_unbuffered (Fixture *f, gconstpointer data)
{
  GBytes *bytes;

  g_assert_cmpint (mmioWrite (f->h, "abc", 3), ==, 3);
  check_state (f->h, 3, 0, 0, 3);
  bytes = file_bytes (f);                 /* already in the file */
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "abc", 3);
  g_bytes_unref (bytes);
  g_assert_cmpint (mmioWrite (f->h, "defg", 4), ==, 4);
  check_state (f->h, 7, 0, 0, 7);
  g_assert_cmpint (mmioWrite (f->h, "x", 0), ==, 0);
  g_assert_cmpint (mmioWrite (f->h, "x", -1), ==, -1);
  g_assert_cmpint (mmioWrite (f->h, NULL, 1), ==, -1);
  check_state (f->h, 7, 0, 0, 7);
  g_assert_cmpint (mmioSeek (f->h, 1, SEEK_SET), ==, 1);
  g_assert_cmpint (mmioWrite (f->h, "Z", 1), ==, 1);
  check_state (f->h, 2, 0, 0, 2);
  bytes = file_bytes (f);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "aZcdefg", 7);
  g_bytes_unref (bytes);
}

static void
test_write_after_seek_back (Fixture *f, gconstpointer data)
{
  GBytes *bytes;

  /* Writing, seeking back inside the buffer and flushing still writes
   * everything that was written, not just up to pchNext. */
  g_assert_cmpint (mmioWrite (f->h, "0123456789", 10), ==, 10);
  g_assert_cmpint (mmioSeek (f->h, 3, SEEK_SET), ==, 3);
  g_assert_cmpint (mmioWrite (f->h, "ab", 2), ==, 2);
  g_assert_cmpuint (mmioFlush (f->h, 0), ==, 0);
  bytes = file_bytes (f);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   "012ab56789", 10);
  g_bytes_unref (bytes);
  g_assert_cmpint (mmioSeek (f->h, 0, SEEK_CUR), ==, 5);
}

/* ---- flush ---------------------------------------------------------- */

static void
test_flush_emptybuf (Fixture *f, gconstpointer data)
{
  MMIOINFO info;
  char b[4];

  g_assert_cmpint (mmioWrite (f->h, "0123456789", 10), ==, 10);
  g_assert_cmpuint (mmioFlush (f->h, MMIO_EMPTYBUF), ==, 0);
  /* Written, the buffer emptied; the engine keeps the logical position
   * (lBufOffset moves to it) where Windows would fall back to lBufOffset. */
  check_state (f->h, 10, 0, 0, 10);
  tu_get_info (f->h, &info);
  g_assert_false (info.dwFlags & MMIO_DIRTY);
  /* Nothing left to write: a second flush changes nothing. */
  g_assert_cmpuint (mmioFlush (f->h, 0), ==, 0);
  check_state (f->h, 10, 0, 0, 10);

  /* EMPTYBUF after a seek back: the position is kept, the next read goes
   * to the file at that position. */
  g_assert_cmpint (mmioWrite (f->h, "abcdef", 6), ==, 6);
  g_assert_cmpint (mmioSeek (f->h, 12, SEEK_SET), ==, 12);
  g_assert_cmpuint (mmioFlush (f->h, MMIO_EMPTYBUF), ==, 0);
  tu_get_info (f->h, &info);
  g_assert_cmpint (info.lBufOffset, ==, 12);
  g_assert_true (info.pchNext == info.pchBuffer);
  g_assert_true (info.pchEndRead == info.pchBuffer);
  g_assert_cmpint (info.lDiskOffset, ==, 16);
  g_assert_cmpint (mmioRead (f->h, b, 4), ==, 4);
  g_assert_cmpmem (b, 4, "cdef", 4);
}

static void
test_flush_clean_and_unbuffered (void)
{
  char *path = tu_pattern_file ("flush-clean.bin", 300);
  MMIOINFO in = { 0 };
  HMMIO h;
  char b[4];

  /* A clean, loaded buffer: flush writes nothing (the file is read-only
   * here, a write would fail), EMPTYBUF empties it. */
  in.cchBuffer = BUF;
  h = mmioOpen (path, &in, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, b, 4), ==, 4);
  g_assert_cmpuint (mmioFlush (h, 0), ==, 0);
  check_state (h, 0, 4, BUF, BUF);
  g_assert_cmpuint (mmioFlush (h, MMIO_EMPTYBUF), ==, 0);
  check_state (h, 4, 0, 0, BUF);
  g_assert_cmpint (mmioRead (h, b, 4), ==, 4);
  check_pattern (b, 4, 4);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* Unbuffered: nothing to do. */
  h = mmioOpen (path, NULL, MMIO_READ);
  g_assert_cmpuint (mmioFlush (h, 0), ==, 0);
  g_assert_cmpuint (mmioFlush (h, MMIO_EMPTYBUF), ==, 0);
  check_state (h, 0, 0, 0, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_assert_cmpuint (mmioFlush (h, 0), ==, MMSYSERR_INVALHANDLE);
  g_free (path);
}

/* ---- an IOProc whose writes can be made to fail --------------------- */

#define FCC_FAIL mmioFOURCC ('F', 'A', 'I', 'L')
static gboolean fail_writes;

static LRESULT
failing_ioproc (LPSTR lpmmioinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  LPMMIOPROC dos = mmioInstallIOProc (FOURCC_DOS, NULL, MMIO_FINDPROC);
  if ((msg == MMIOM_WRITE || msg == MMIOM_WRITEFLUSH) && fail_writes)
    return -1;
  return dos (lpmmioinfo, msg, p1, p2);
}

static HMMIO
open_failing (const char *path, LONG cch)
{
  MMIOINFO in = { 0 };
  in.fccIOProc = FCC_FAIL;
  in.pIOProc = failing_ioproc;
  in.cchBuffer = cch;
  return mmioOpen ((LPSTR) path, &in, MMIO_CREATE | MMIO_READWRITE);
}

static void
test_close_after_failed_flush (void)
{
  char *path = tu_path ("fail-close.bin");
  HMMIO h = open_failing (path, BUF);
  GBytes *bytes;

  g_assert_nonnull (h);
  g_assert_cmpint (mmioWrite (h, "lost", 4), ==, 4);
  fail_writes = TRUE;
  g_assert_cmpuint (mmioFlush (h, 0), ==, MMIOERR_CANNOTWRITE);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_CANNOTWRITE);
  /* The close reports the failed flush and keeps the handle; the data is
   * dropped (documented engine choice), so the next close succeeds. */
  g_assert_cmpuint (mmioClose (h, 0), ==, MMIOERR_CANNOTWRITE);
  fail_writes = FALSE;
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, MMSYSERR_INVALHANDLE);
  bytes = tu_read_file (path);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
  g_bytes_unref (bytes);
  g_free (path);
}

static void
test_setbuffer_failed_flush (void)
{
  char *path = tu_path ("fail-setbuffer.bin");
  HMMIO h = open_failing (path, BUF);
  MMIOINFO before, after;
  char other[50];

  g_assert_nonnull (h);
  g_assert_cmpint (mmioWrite (h, "keep", 4), ==, 4);
  tu_get_info (h, &before);
  fail_writes = TRUE;
  g_assert_cmpuint (mmioSetBuffer (h, other, sizeof other, 0), ==, MMIOERR_CANNOTWRITE);
  /* Aborted: the old buffer and its data are still in place. */
  tu_get_info (h, &after);
  g_assert_true (after.pchBuffer == before.pchBuffer);
  g_assert_cmpint (after.cchBuffer, ==, BUF);
  g_assert_true (after.pchNext == before.pchNext);
  g_assert_true (after.dwFlags & MMIO_DIRTY);
  fail_writes = FALSE;
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  {
    GBytes *bytes = tu_read_file (path);
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "keep", 4);
    g_bytes_unref (bytes);
  }
  g_free (path);
}

static void
test_write_fails_unbuffered (void)
{
  char *path = tu_path ("fail-write.bin");
  HMMIO h = open_failing (path, 0);

  g_assert_nonnull (h);
  fail_writes = TRUE;
  g_assert_cmpint (mmioWrite (h, "x", 1), ==, -1);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_CANNOTWRITE);
  fail_writes = FALSE;
  check_state (h, 0, 0, 0, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_free (path);
}

/* ---- mmioSetBuffer -------------------------------------------------- */

static void
test_setbuffer_cases (void)
{
  char *path = tu_pattern_file ("setbuffer.bin", FILE_LEN);
  char user[64], user2[16];
  MMIOINFO in = { 0 }, info;
  HMMIO h;
  char b[16];

  in.cchBuffer = BUF;
  h = mmioOpen (path, &in, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, b, 10), ==, 10);
  check_state (h, 0, 10, BUF, BUF);

  /* Caller's memory: empty buffer at the logical position (the engine
   * keeps it; Windows would jump to lDiskOffset), no ALLOCBUF. */
  g_assert_cmpuint (mmioSetBuffer (h, user, sizeof user, 0), ==, 0);
  tu_get_info (h, &info);
  g_assert_true (info.pchBuffer == user);
  g_assert_cmpint (info.cchBuffer, ==, sizeof user);
  g_assert_false (info.dwFlags & MMIO_ALLOCBUF);
  check_state (h, 10, 0, 0, 10);
  g_assert_cmpint (mmioRead (h, b, 4), ==, 4);
  check_pattern (b, 10, 4);
  check_state (h, 10, 4, sizeof user, 10 + sizeof user);

  /* uFlags is ignored. */
  g_assert_cmpuint (mmioSetBuffer (h, user2, sizeof user2, 0xffff), ==, 0);
  tu_get_info (h, &info);
  g_assert_true (info.pchBuffer == user2);
  check_state (h, 14, 0, 0, 14);

  /* NULL with a size: MMIO allocates and owns it. */
  g_assert_cmpuint (mmioSetBuffer (h, NULL, 200, 0), ==, 0);
  tu_get_info (h, &info);
  g_assert_nonnull (info.pchBuffer);
  g_assert_true (info.pchBuffer != user && info.pchBuffer != user2);
  g_assert_cmpint (info.cchBuffer, ==, 200);
  g_assert_true (info.dwFlags & MMIO_ALLOCBUF);
  check_state (h, 14, 0, 0, 14);
  g_assert_cmpint (mmioRead (h, b, 1), ==, 1);
  check_state (h, 14, 1, 200, 214);

  /* Resizing an MMIO-owned buffer (the old one is freed: ASan watches). */
  g_assert_cmpuint (mmioSetBuffer (h, NULL, 50, 0), ==, 0);
  tu_get_info (h, &info);
  g_assert_cmpint (info.cchBuffer, ==, 50);
  g_assert_true (info.dwFlags & MMIO_ALLOCBUF);
  check_state (h, 15, 0, 0, 15);

  /* Caller's pointer with size 0: the pointer is stored, I/O unbuffered. */
  g_assert_cmpuint (mmioSetBuffer (h, user, 0, 0), ==, 0);
  tu_get_info (h, &info);
  g_assert_true (info.pchBuffer == user);
  g_assert_cmpint (info.cchBuffer, ==, 0);
  g_assert_false (info.dwFlags & MMIO_ALLOCBUF);
  g_assert_true (info.pchNext == user && info.pchEndRead == user);
  g_assert_cmpint (mmioRead (h, b, 2), ==, 2);
  check_pattern (b, 15, 2);
  tu_get_info (h, &info);
  g_assert_cmpint (info.lBufOffset, ==, 17);
  g_assert_cmpint (info.lDiskOffset, ==, 17);
  g_assert_cmpuint (mmioAdvance (h, NULL, MMIO_READ), ==, MMIOERR_UNBUFFERED);

  /* NULL, 0: unbuffered, even when uFlags says MMIO_ALLOCBUF (ignored). */
  g_assert_cmpuint (mmioSetBuffer (h, NULL, 0, MMIO_ALLOCBUF), ==, 0);
  tu_get_info (h, &info);
  g_assert_null (info.pchBuffer);
  g_assert_false (info.dwFlags & MMIO_ALLOCBUF);
  g_assert_cmpuint (mmioSetBuffer (h, NULL, 0, 0), ==, 0);
  tu_get_info (h, &info);
  g_assert_null (info.pchBuffer);
  g_assert_null (info.pchEndWrite);
  g_assert_cmpint (info.cchBuffer, ==, 0);
  check_state (h, 17, 0, 0, 17);

  g_assert_cmpuint (mmioSetBuffer (h, NULL, -1, 0), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_assert_cmpuint (mmioSetBuffer (h, NULL, 10, 0), ==, MMSYSERR_INVALHANDLE);
  g_free (path);
}

static void
test_setbuffer_flushes (Fixture *f, gconstpointer data)
{
  GBytes *bytes;

  g_assert_cmpint (mmioWrite (f->h, "dirty", 5), ==, 5);
  g_assert_cmpuint (mmioSetBuffer (f->h, NULL, 30, 0), ==, 0);
  bytes = file_bytes (f);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "dirty", 5);
  g_bytes_unref (bytes);
  check_state (f->h, 5, 0, 0, 5);
}

/* ---- mmioGetInfo / mmioSetInfo -------------------------------------- */

static void
test_getinfo_setinfo (Fixture *f, gconstpointer data)
{
  MMIOINFO info, bad;
  char b[4];

  g_assert_cmpuint (mmioGetInfo (f->h, NULL, 0), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpuint (mmioGetInfo (NULL, &info, 0), ==, MMSYSERR_INVALHANDLE);
  g_assert_cmpuint (mmioSetInfo (NULL, &info, 0), ==, MMSYSERR_INVALHANDLE);
  g_assert_cmpuint (mmioSetInfo (f->h, NULL, 0), ==, MMSYSERR_INVALPARAM);

  g_assert_cmpint (mmioRead (f->h, b, 1), ==, 1);
  tu_get_info (f->h, &info);
  g_assert_true (info.hmmio == f->h);

  /* Pointers outside [pchBuffer, pchBuffer + cchBuffer] are refused and
   * change nothing. */
  bad = info;
  bad.pchNext = info.pchBuffer - 1;
  g_assert_cmpuint (mmioSetInfo (f->h, &bad, 0), ==, MMSYSERR_INVALPARAM);
  bad = info;
  bad.pchNext = info.pchBuffer + BUF + 1;
  g_assert_cmpuint (mmioSetInfo (f->h, &bad, 0), ==, MMSYSERR_INVALPARAM);
  bad = info;
  bad.pchEndRead = info.pchBuffer + BUF + 1;
  g_assert_cmpuint (mmioSetInfo (f->h, &bad, 0), ==, MMSYSERR_INVALPARAM);
  bad = info;
  bad.pchEndWrite = info.pchBuffer - 5;
  g_assert_cmpuint (mmioSetInfo (f->h, &bad, 0), ==, MMSYSERR_INVALPARAM);
  bad = info;
  bad.pchNext = NULL;
  g_assert_cmpuint (mmioSetInfo (f->h, &bad, 0), ==, MMSYSERR_INVALPARAM);
  check_state (f->h, 0, 1, BUF, BUF);

  /* Moving pchNext by hand moves the logical position. */
  info.pchNext = info.pchBuffer + 20;
  g_assert_cmpuint (mmioSetInfo (f->h, &info, 0), ==, 0);
  check_state (f->h, 0, 20, BUF, BUF);
  g_assert_cmpint (mmioRead (f->h, b, 2), ==, 2);
  check_pattern (b, 20, 2);
  /* The end of the buffer itself is a valid pchNext. */
  info.pchNext = info.pchBuffer + BUF;
  g_assert_cmpuint (mmioSetInfo (f->h, &info, 0), ==, 0);
  check_state (f->h, 0, BUF, BUF, BUF);
}

static void
test_setinfo_dirty (void)
{
  char *path = tu_path ("setinfo-dirty.bin");
  char *path2 = tu_path ("setinfo-clean.bin");
  MMIOINFO in = { 0 }, info;
  HMMIO h;
  GBytes *bytes;

  /* Direct writes with MMIO_DIRTY reach the file. */
  in.cchBuffer = BUF;
  h = mmioOpen (path, &in, MMIO_CREATE | MMIO_READWRITE);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  memcpy (info.pchNext, "direct", 6);
  info.pchNext += 6;
  info.dwFlags |= MMIO_DIRTY;
  g_assert_cmpuint (mmioSetInfo (h, &info, 0), ==, 0);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 6);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  bytes = tu_read_file (path);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "direct", 6);
  g_bytes_unref (bytes);

  /* Without MMIO_DIRTY nothing is written. */
  memset (&in, 0, sizeof in);
  in.cchBuffer = BUF;
  h = mmioOpen (path2, &in, MMIO_CREATE | MMIO_READWRITE);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  memcpy (info.pchNext, "ignored", 7);
  info.pchNext += 7;
  g_assert_cmpuint (mmioSetInfo (h, &info, 0), ==, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  bytes = tu_read_file (path2);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
  g_bytes_unref (bytes);
  g_free (path);
  g_free (path2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define RD(name, fn, cch) \
  g_test_add ("/buffer/" name, Fixture, GINT_TO_POINTER (cch), \
              fixture_read_setup, fn, fixture_teardown)
#define WR(name, fn, cch) \
  g_test_add ("/buffer/" name, Fixture, GINT_TO_POINTER (cch), \
              fixture_write_setup, fn, fixture_teardown)
  RD ("read/zero-length", test_read_zero_length, BUF);
  RD ("read/buffered", test_read_buffered, BUF);
  RD ("read/across-buffer-end", test_read_across_end, BUF);
  RD ("read/large", test_read_large, BUF);
  RD ("read/eof", test_read_eof, BUF);
  RD ("read/unbuffered", test_read_unbuffered, 0);
  RD ("read/bad-args", test_read_bad_args, BUF);
  WR ("write/buffered", test_write_buffered, BUF);
  WR ("write/fill", test_write_fill, BUF);
  WR ("write/unbuffered", test_write_unbuffered, 0);
  WR ("write/seek-back", test_write_after_seek_back, BUF);
  WR ("flush/emptybuf", test_flush_emptybuf, BUF);
  g_test_add_func ("/buffer/flush/clean-and-unbuffered", test_flush_clean_and_unbuffered);
  g_test_add_func ("/buffer/flush/close-after-failure", test_close_after_failed_flush);
  g_test_add_func ("/buffer/write/fails-unbuffered", test_write_fails_unbuffered);
  g_test_add_func ("/buffer/setbuffer/cases", test_setbuffer_cases);
  g_test_add_func ("/buffer/setbuffer/failed-flush", test_setbuffer_failed_flush);
  WR ("setbuffer/flushes", test_setbuffer_flushes, BUF);
  RD ("info/get-set", test_getinfo_setinfo, BUF);
  g_test_add_func ("/buffer/info/set-dirty", test_setinfo_dirty);
  return g_test_run ();
}
