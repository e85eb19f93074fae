/* test-memfile.c — memory files ('MEM ', reference 3.4): open with and
 * without MMIO_CREATE, growth by adwInfo[0] when MMIO owns the block,
 * MMIOERR_CANNOTEXPAND and short writes otherwise, seeks outside the
 * block, direct access. */
#include "test-util.h"

#include <string.h>

static HMMIO
open_mem (char *block, LONG cch, DWORD grow, DWORD flags)
{
  MMIOINFO in = { 0 };
  HMMIO h;

  in.fccIOProc = FOURCC_MEM;
  in.pchBuffer = block;
  in.cchBuffer = cch;
  in.adwInfo[0] = grow;
  h = mmioOpen (NULL, &in, flags);
  g_assert_nonnull (h);
  g_assert_cmpuint (in.wErrorRet, ==, 0);
  return h;
}

static void
test_open_existing_data (void)
{
  char block[32], b[40];
  MMIOINFO info;
  HMMIO h;

  for (int i = 0; i < 32; i++)
    block[i] = (char) ('a' + i % 26);
  h = open_mem (block, sizeof block, 0, MMIO_READ);
  tu_get_info (h, &info);
  /* The whole block is data. */
  g_assert_true (info.pchBuffer == block);
  g_assert_cmpint (info.cchBuffer, ==, 32);
  g_assert_true (info.pchNext == block);
  g_assert_true (info.pchEndRead == block + 32);
  g_assert_true (info.pchEndWrite == block + 32);
  g_assert_cmphex (info.fccIOProc, ==, FOURCC_MEM);
  g_assert_false (info.dwFlags & MMIO_ALLOCBUF);
  g_assert_cmpint (info.lBufOffset, ==, 0);
  g_assert_cmpint (info.lDiskOffset, ==, 0);

  g_assert_cmpint (mmioRead (h, b, 10), ==, 10);
  g_assert_cmpmem (b, 10, block, 10);
  /* A read past the end returns what is there. */
  g_assert_cmpint (mmioRead (h, b, 40), ==, 22);
  g_assert_cmpmem (b, 22, block + 10, 22);
  g_assert_cmpint (mmioRead (h, b, 1), ==, 0);
  tu_get_info (h, &info);
  g_assert_true (info.pchNext == block + 32);
  g_assert_cmpint (info.lDiskOffset, ==, 0);   /* the IOProc never moved */
  g_assert_cmpuint (mmioFlush (h, 0), ==, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_open_create (void)
{
  char block[32];
  char b[8];
  MMIOINFO info;
  HMMIO h;

  memset (block, 'z', sizeof block);
  h = open_mem (block, sizeof block, 0, MMIO_CREATE | MMIO_READWRITE);
  tu_get_info (h, &info);
  /* Starts empty. */
  g_assert_true (info.pchEndRead == block);
  g_assert_cmpint (mmioRead (h, b, 8), ==, 0);
  g_assert_cmpint (mmioWrite (h, "hello", 5), ==, 5);
  tu_get_info (h, &info);
  g_assert_true (info.pchNext == block + 5);
  g_assert_true (info.pchEndRead == block + 5);
  g_assert_cmpmem (block, 5, "hello", 5);      /* written in place */
  g_assert_cmpint (mmioSeek (h, 1, SEEK_SET), ==, 1);
  g_assert_cmpint (mmioRead (h, b, 8), ==, 4);
  g_assert_cmpmem (b, 4, "ello", 4);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_grow_owned (void)
{
  MMIOINFO info;
  HMMIO h;
  char data[100], back[100];

  for (int i = 0; i < 100; i++)
    data[i] = (char) i;
  /* MMIO allocates 32 bytes; it may grow by multiples of 16. */
  h = open_mem (NULL, 32, 16, MMIO_CREATE | MMIO_READWRITE);
  tu_get_info (h, &info);
  g_assert_true (info.dwFlags & MMIO_ALLOCBUF);
  g_assert_cmpint (info.cchBuffer, ==, 32);
  g_assert_cmpint (mmioWrite (h, data, 30), ==, 30);
  tu_get_info (h, &info);
  g_assert_cmpint (info.cchBuffer, ==, 32);
  g_assert_cmpint (mmioWrite (h, data + 30, 70), ==, 70);
  tu_get_info (h, &info);
  g_assert_cmpint (info.cchBuffer, ==, 112);     /* 32 + 5 * 16 >= 100 */
  g_assert_true (info.pchEndWrite == info.pchBuffer + 112);
  g_assert_true (info.pchNext == info.pchBuffer + 100);
  g_assert_true (info.pchEndRead == info.pchBuffer + 100);
  g_assert_cmpmem (info.pchBuffer, 100, data, 100);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_SET), ==, 0);
  g_assert_cmpint (mmioRead (h, back, 100), ==, 100);
  g_assert_cmpmem (back, 100, data, 100);
  /* The grown block can be sought in. */
  g_assert_cmpint (mmioSeek (h, 112, SEEK_SET), ==, 112);
  g_assert_cmpint (mmioSeek (h, 113, SEEK_SET), ==, -1);
  /* One byte more grows by one increment. */
  g_assert_cmpint (mmioWrite (h, "!", 1), ==, 1);
  tu_get_info (h, &info);
  g_assert_cmpint (info.cchBuffer, ==, 128);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_grow_direct_access (void)
{
  MMIOINFO info;
  HMMIO h;
  char back[24];

  h = open_mem (NULL, 16, 8, MMIO_CREATE | MMIO_READWRITE);
  tu_get_info (h, &info);
  for (int i = 0; i < 16; i++)
    *info.pchNext++ = (char) ('A' + i);
  info.dwFlags |= MMIO_DIRTY;
  /* Advancing at the end of an MMIO-owned block grows it by the
   * increment; the data and the position stay. */
  g_assert_cmpuint (mmioAdvance (h, &info, MMIO_WRITE), ==, 0);
  g_assert_cmpint (info.cchBuffer, ==, 24);
  g_assert_true (info.pchNext == info.pchBuffer + 16);
  g_assert_true (info.pchEndWrite == info.pchBuffer + 24);
  g_assert_false (info.dwFlags & MMIO_DIRTY);
  g_assert_cmpmem (info.pchBuffer, 16, "ABCDEFGHIJKLMNOP", 16);
  for (int i = 0; i < 8; i++)
    *info.pchNext++ = (char) ('a' + i);
  info.dwFlags |= MMIO_DIRTY;
  g_assert_cmpuint (mmioSetInfo (h, &info, 0), ==, 0);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_SET), ==, 0);
  g_assert_cmpint (mmioRead (h, back, 24), ==, 24);
  g_assert_cmpmem (back, 24, "ABCDEFGHIJKLMNOPabcdefgh", 24);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* An increment of 1 and a large write: grown to exactly what is needed. */
  {
    gsize big = 3 * 1024 * 1024;
    char *data = g_malloc0 (big);
    h = open_mem (NULL, 1, 1, MMIO_CREATE | MMIO_READWRITE);
    g_assert_cmpint (mmioWrite (h, data, big), ==, big);
    tu_get_info (h, &info);
    g_assert_cmpint (info.cchBuffer, ==, big);
    g_assert_cmpuint (mmioClose (h, 0), ==, 0);
    g_free (data);
  }
}

static void
test_cannot_expand_user_block (void)
{
  char block[16];
  MMIOINFO info;
  HMMIO h;

  /* The caller's block never grows, even with an increment. */
  h = open_mem (block, sizeof block, 64, MMIO_CREATE | MMIO_READWRITE);
  g_assert_cmpint (mmioWrite (h, "0123456789", 10), ==, 10);
  g_assert_cmpint (mmioWrite (h, "abcdefghij", 10), ==, 6);   /* short write */
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_CANNOTEXPAND);
  g_assert_cmpint (mmioWrite (h, "x", 1), ==, 0);
  g_assert_cmpmem (block, 16, "0123456789abcdef", 16);
  tu_get_info (h, &info);
  g_assert_cmpint (info.cchBuffer, ==, 16);
  g_assert_true (info.pchBuffer == block);
  /* Direct access cannot grow it either. */
  info.pchNext = info.pchEndWrite;
  g_assert_cmpuint (mmioAdvance (h, &info, MMIO_WRITE), ==, MMIOERR_CANNOTEXPAND);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_cannot_expand_zero_increment (void)
{
  MMIOINFO info;
  HMMIO h;

  /* MMIO owns the block but adwInfo[0] is 0: no growth. */
  h = open_mem (NULL, 8, 0, MMIO_CREATE | MMIO_READWRITE);
  g_assert_cmpint (mmioWrite (h, "0123456789", 10), ==, 8);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_CANNOTEXPAND);
  tu_get_info (h, &info);
  g_assert_cmpint (info.cchBuffer, ==, 8);
  g_assert_cmpmem (info.pchBuffer, 8, "01234567", 8);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_seeks (void)
{
  char block[64] = { 0 };
  HMMIO h = open_mem (block, sizeof block, 0, MMIO_READ);
  MMIOINFO info;

  g_assert_cmpint (mmioSeek (h, 10, SEEK_SET), ==, 10);
  g_assert_cmpint (mmioSeek (h, 5, SEEK_CUR), ==, 15);
  g_assert_cmpint (mmioSeek (h, -15, SEEK_CUR), ==, 0);
  g_assert_cmpint (mmioSeek (h, 64, SEEK_SET), ==, 64);
  /* Outside [0, cchBuffer]: -1, position unchanged. */
  g_assert_cmpint (mmioSeek (h, 65, SEEK_SET), ==, -1);
  g_assert_cmpint (mmioSeek (h, -1, SEEK_SET), ==, -1);
  g_assert_cmpint (mmioSeek (h, 1, SEEK_CUR), ==, -1);
  g_assert_cmpint (mmioSeek (h, -65, SEEK_CUR), ==, -1);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 64);
  tu_get_info (h, &info);
  g_assert_true (info.pchNext == block + 64);
  g_assert_cmpint (info.lBufOffset, ==, 0);
  g_assert_cmpint (info.lDiskOffset, ==, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_direct_access (void)
{
  char block[16];
  MMIOINFO info;
  HMMIO h;

  memcpy (block, "ABCDEFGHIJKLMNOP", 16);
  h = open_mem (block, sizeof block, 0, MMIO_READWRITE);
  tu_get_info (h, &info);
  /* Reading directly: the data is already there. */
  g_assert_cmpuint (mmioAdvance (h, &info, MMIO_READ), ==, 0);
  g_assert_true (info.pchBuffer == block);
  g_assert_true (info.pchEndRead == block + 16);
  info.pchNext += 4;
  g_assert_cmpuint (mmioSetInfo (h, &info, 0), ==, 0);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 4);
  {
    char b[2];
    g_assert_cmpint (mmioRead (h, b, 2), ==, 2);
    g_assert_cmpmem (b, 2, "EF", 2);
  }
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_setbuffer_memory (void)
{
  char a[16], b[8];
  MMIOINFO info;
  HMMIO h;

  memset (a, 'a', sizeof a);
  memset (b, 'b', sizeof b);
  h = open_mem (a, sizeof a, 0, MMIO_READ);
  g_assert_cmpint (mmioSeek (h, 4, SEEK_SET), ==, 4);
  /* The new block starts empty, for memory files too. */
  g_assert_cmpuint (mmioSetBuffer (h, b, sizeof b, 0), ==, 0);
  tu_get_info (h, &info);
  g_assert_true (info.pchBuffer == b);
  g_assert_true (info.pchNext == b);
  g_assert_true (info.pchEndRead == b);
  g_assert_true (info.pchEndWrite == b + sizeof b);
  g_assert_cmpint (info.lBufOffset, ==, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/memfile/open-existing-data", test_open_existing_data);
  g_test_add_func ("/memfile/open-create", test_open_create);
  g_test_add_func ("/memfile/grow-owned", test_grow_owned);
  g_test_add_func ("/memfile/grow-direct-access", test_grow_direct_access);
  g_test_add_func ("/memfile/cannot-expand/user-block", test_cannot_expand_user_block);
  g_test_add_func ("/memfile/cannot-expand/zero-increment", test_cannot_expand_zero_increment);
  g_test_add_func ("/memfile/seeks", test_seeks);
  g_test_add_func ("/memfile/direct-access", test_direct_access);
  g_test_add_func ("/memfile/setbuffer", test_setbuffer_memory);
  return g_test_run ();
}
