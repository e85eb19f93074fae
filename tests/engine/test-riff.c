/* test-riff.c — RIFF navigation (reference 6.11–6.13, 7): the AVI descent
 * of 7.1 and the 48-byte WAVE of 7.2, FINDCHUNK / FINDRIFF / FINDLIST with
 * and without a parent, pad bytes, failed searches, mmioAscend fixing
 * sizes, mmioCreateChunk, and hostile input (absurd sizes, endless
 * zero-size chunks, truncated files, chunks overrunning their parent). */
#include "test-util.h"

#include <stdio.h>
#include <string.h>

#define FCC(s) mmioStringToFOURCC (s, 0)

typedef enum { STORE_MEM, STORE_DOS, STORE_DOS_BUFFERED } Store;

typedef struct
{
  Store  store;
  HMMIO  h;
  char  *path;
  guint8 *block;
} Opened;

/* Open bytes for reading on one of the storage kinds. */
static void
open_bytes (Opened *o, Store store, const guint8 *data, gsize len)
{
  MMIOINFO in = { 0 };

  memset (o, 0, sizeof *o);
  o->store = store;
  if (store == STORE_MEM)
    {
      o->block = g_memdup2 (data, len ? len : 1);
      in.fccIOProc = FOURCC_MEM;
      in.pchBuffer = (HPSTR) o->block;
      in.cchBuffer = (LONG) len;
      o->h = mmioOpen (NULL, &in, MMIO_READ);
    }
  else
    {
      FILE *f;
      o->path = tu_path ("riff-input.bin");
      /* Plain stdio, no fsync: many small files are written here. */
      f = fopen (o->path, "wb");
      g_assert_nonnull (f);
      g_assert_cmpuint (fwrite (data, 1, len, f), ==, len);
      g_assert_cmpint (fclose (f), ==, 0);
      /* A small buffer so chunk headers straddle buffer ends. */
      in.cchBuffer = store == STORE_DOS_BUFFERED ? 10 : 0;
      o->h = mmioOpen (o->path, &in, MMIO_READ);
    }
  g_assert_nonnull (o->h);
}

static void
close_opened (Opened *o)
{
  g_assert_cmpuint (mmioClose (o->h, 0), ==, 0);
  g_free (o->block);
  g_free (o->path);
}

static LONG
pos (HMMIO h)
{
  return mmioSeek (h, 0, SEEK_CUR);
}

/* ---- 7.1: the AVI descent ------------------------------------------- */

static void
test_avi_descent (gconstpointer data)
{
  GByteArray *avi = tu_avi_sample ();
  Opened o;
  MMCKINFO riff = { 0 }, hdrl = { 0 }, avih = { 0 }, strl = { 0 }, strh = { 0 };
  HMMIO h;

  open_bytes (&o, GPOINTER_TO_INT (data), avi->data, avi->len);
  h = o.h;

  g_assert_cmpuint (mmioDescend (h, &riff, NULL, 0), ==, 0);
  g_assert_cmphex (riff.ckid, ==, FOURCC_RIFF);
  g_assert_cmphex (riff.fccType, ==, FCC ("AVI "));
  g_assert_cmpuint (riff.cksize, ==, avi->len - 8);
  g_assert_cmpint (riff.dwDataOffset, ==, 8);
  g_assert_cmpuint (riff.dwFlags, ==, 0);
  g_assert_cmpint (pos (h), ==, 12);

  g_assert_cmpuint (mmioDescend (h, &hdrl, &riff, 0), ==, 0);
  g_assert_cmphex (hdrl.ckid, ==, FOURCC_LIST);
  g_assert_cmphex (hdrl.fccType, ==, FCC ("hdrl"));
  g_assert_cmpint (hdrl.dwDataOffset, ==, 20);
  g_assert_cmpint (pos (h), ==, 24);

  avih.fccType = 0xdeadbeef;            /* cleared for a plain chunk */
  g_assert_cmpuint (mmioDescend (h, &avih, &hdrl, 0), ==, 0);
  g_assert_cmphex (avih.ckid, ==, FCC ("avih"));
  g_assert_cmpuint (avih.cksize, ==, 56);
  g_assert_cmphex (avih.fccType, ==, 0);
  g_assert_cmpint (avih.dwDataOffset, ==, 32);
  g_assert_cmpint (pos (h), ==, 32);

  g_assert_cmpint (mmioSeek (h, 56, SEEK_CUR), ==, 88);

  strl.fccType = FCC ("strl");
  g_assert_cmpuint (mmioDescend (h, &strl, &hdrl, MMIO_FINDLIST), ==, 0);
  g_assert_cmphex (strl.ckid, ==, FOURCC_LIST);
  g_assert_cmpint (strl.dwDataOffset, ==, 96);
  g_assert_cmpint (pos (h), ==, 100);

  strh.ckid = FCC ("strh");
  g_assert_cmpuint (mmioDescend (h, &strh, &strl, MMIO_FINDCHUNK), ==, 0);
  g_assert_cmpint (strh.dwDataOffset, ==, 108);
  g_assert_cmpint (pos (h), ==, 108);

  /* Ascending out of each lands after it. */
  g_assert_cmpuint (mmioAscend (h, &strh, 0), ==, 0);
  g_assert_cmpint (pos (h), ==, 164);
  g_assert_cmpuint (mmioAscend (h, &strl, 0), ==, 0);
  g_assert_cmpint (pos (h), ==, 164);
  g_assert_cmpuint (mmioAscend (h, &hdrl, 0), ==, 0);
  g_assert_cmpint (pos (h), ==, 164);
  g_assert_cmpuint (mmioAscend (h, &riff, 0), ==, 0);
  g_assert_cmpint (pos (h), ==, 164);
  g_assert_cmpint (avi->len, ==, 164);

  /* Ascend from avih without reading it: straight past its data. */
  g_assert_cmpint (mmioSeek (h, 32, SEEK_SET), ==, 32);
  g_assert_cmpuint (mmioAscend (h, &avih, 0), ==, 0);
  g_assert_cmpint (pos (h), ==, 88);

  close_opened (&o);
  g_byte_array_unref (avi);
}

static void
test_find_flags (void)
{
  GByteArray *avi = tu_avi_sample ();
  Opened o;
  MMCKINFO riff = { 0 }, ck = { 0 }, hdrl = { 0 };
  HMMIO h;

  open_bytes (&o, STORE_MEM, avi->data, avi->len);
  h = o.h;

  /* FINDRIFF by form type; a wrong type runs out of file. */
  riff.fccType = FCC ("WAVE");
  g_assert_cmpuint (mmioDescend (h, &riff, NULL, MMIO_FINDRIFF), ==, MMIOERR_CHUNKNOTFOUND);
  g_assert_cmpint (pos (h), ==, 0);
  riff.fccType = FCC ("AVI ");
  g_assert_cmpuint (mmioDescend (h, &riff, NULL, MMIO_FINDRIFF), ==, 0);
  g_assert_cmpint (pos (h), ==, 12);
  /* FINDRIFF with a 0 type is a wildcard. */
  g_assert_cmpint (mmioSeek (h, 0, SEEK_SET), ==, 0);
  memset (&ck, 0, sizeof ck);
  g_assert_cmpuint (mmioDescend (h, &ck, NULL, MMIO_FINDRIFF), ==, 0);
  g_assert_cmphex (ck.fccType, ==, FCC ("AVI "));
  /* FINDLIST: the first LIST with a 0 type, or the one named. */
  memset (&ck, 0, sizeof ck);
  g_assert_cmpuint (mmioDescend (h, &ck, &riff, MMIO_FINDLIST), ==, 0);
  g_assert_cmphex (ck.fccType, ==, FCC ("hdrl"));
  hdrl = ck;
  /* FINDCHUNK ignores fccType. */
  memset (&ck, 0, sizeof ck);
  ck.ckid = FCC ("avih");
  ck.fccType = FCC ("nope");
  g_assert_cmpuint (mmioDescend (h, &ck, &hdrl, MMIO_FINDCHUNK), ==, 0);
  g_assert_cmpint (ck.dwDataOffset, ==, 32);
  /* FINDCHUNK does not look inside lists: 'strh' is inside LIST 'strl',
   * so searching for it at the 'hdrl' level fails... */
  g_assert_cmpint (mmioSeek (h, 88, SEEK_SET), ==, 88);
  memset (&ck, 0, sizeof ck);
  ck.ckid = FCC ("strh");
  g_assert_cmpuint (mmioDescend (h, &ck, &hdrl, MMIO_FINDCHUNK), ==, MMIOERR_CHUNKNOTFOUND);
  /* ...the position is restored, and lpck holds what was read last. */
  g_assert_cmpint (pos (h), ==, 88);
  g_assert_cmphex (ck.ckid, ==, FOURCC_LIST);
  g_assert_cmphex (ck.fccType, ==, FCC ("strl"));
  g_assert_cmpint (ck.dwDataOffset, ==, 96);
  /* FINDLIST with a type nobody has. */
  memset (&ck, 0, sizeof ck);
  ck.fccType = FCC ("movi");
  g_assert_cmpint (mmioSeek (h, 12, SEEK_SET), ==, 12);
  g_assert_cmpuint (mmioDescend (h, &ck, &riff, MMIO_FINDLIST), ==, MMIOERR_CHUNKNOTFOUND);
  g_assert_cmpint (pos (h), ==, 12);

  /* Bad arguments. */
  g_assert_cmpuint (mmioDescend (h, NULL, NULL, 0), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpuint (mmioDescend (NULL, &ck, NULL, 0), ==, MMSYSERR_INVALHANDLE);
  g_assert_cmpuint (mmioAscend (h, NULL, 0), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpuint (mmioAscend (NULL, &ck, 0), ==, MMSYSERR_INVALHANDLE);
  g_assert_cmpuint (mmioCreateChunk (h, NULL, 0), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpuint (mmioCreateChunk (NULL, &ck, 0), ==, MMSYSERR_INVALHANDLE);
  close_opened (&o);
  g_byte_array_unref (avi);
}

/* RIFF 'TEST' { LIST 'aaaa' { 'xxxx' (2) }, 'yyyy' (4) } */
static GByteArray *
nested_sample (void)
{
  GByteArray *a = g_byte_array_new ();
  tu_fourcc (a, "RIFF");
  tu_le32 (a, 4 + 22 + 12);
  tu_fourcc (a, "TEST");
  tu_fourcc (a, "LIST");            /* 12 */
  tu_le32 (a, 14);
  tu_fourcc (a, "aaaa");            /* 20 */
  tu_fourcc (a, "xxxx");            /* 24 */
  tu_le32 (a, 2);
  tu_bytes (a, "xx", 2);            /* 32 .. 34 */
  tu_fourcc (a, "yyyy");            /* 34 */
  tu_le32 (a, 4);
  tu_bytes (a, "yyyy", 4);          /* 42 .. 46 */
  return a;
}

static void
test_parent_bound (void)
{
  GByteArray *a = nested_sample ();
  Opened o;
  MMCKINFO riff = { 0 }, list = { 0 }, ck = { 0 };
  HMMIO h;

  open_bytes (&o, STORE_DOS, a->data, a->len);
  h = o.h;
  g_assert_cmpuint (mmioDescend (h, &riff, NULL, 0), ==, 0);
  g_assert_cmpuint (mmioDescend (h, &list, &riff, 0), ==, 0);
  g_assert_cmpint (pos (h), ==, 24);
  /* 'yyyy' exists, but after the parent's end: the search stops there. */
  ck.ckid = FCC ("yyyy");
  g_assert_cmpuint (mmioDescend (h, &ck, &list, MMIO_FINDCHUNK), ==, MMIOERR_CHUNKNOTFOUND);
  g_assert_cmpint (pos (h), ==, 24);
  /* Without a parent the search goes on to the end of the file. */
  ck.ckid = FCC ("yyyy");
  g_assert_cmpuint (mmioDescend (h, &ck, NULL, MMIO_FINDCHUNK), ==, 0);
  g_assert_cmpint (ck.dwDataOffset, ==, 42);
  /* A position outside the parent: not found, and nothing moves. */
  memset (&ck, 0, sizeof ck);
  g_assert_cmpuint (mmioDescend (h, &ck, &list, 0), ==, MMIOERR_CHUNKNOTFOUND);
  g_assert_cmpint (pos (h), ==, 42);
  g_assert_cmphex (ck.ckid, ==, 0);
  /* At the parent's very end: nothing left inside. */
  g_assert_cmpint (mmioSeek (h, 34, SEEK_SET), ==, 34);
  g_assert_cmpuint (mmioDescend (h, &ck, &list, 0), ==, MMIOERR_CHUNKNOTFOUND);
  g_assert_cmpint (pos (h), ==, 34);
  /* The RIFF parent covers 'yyyy'. */
  ck.ckid = FCC ("yyyy");
  g_assert_cmpuint (mmioDescend (h, &ck, &riff, MMIO_FINDCHUNK), ==, 0);
  close_opened (&o);
  g_byte_array_unref (a);
}

static void
test_pad_bytes (gconstpointer data)
{
  GByteArray *a = g_byte_array_new ();
  Opened o;
  MMCKINFO riff = { 0 }, ck = { 0 };

  tu_fourcc (a, "RIFF");
  tu_le32 (a, 4 + 12 + 10 + 12);
  tu_fourcc (a, "PADS");
  tu_fourcc (a, "odd3");            /* 12 */
  tu_le32 (a, 3);
  tu_bytes (a, "abc\0", 4);         /* data and pad */
  tu_fourcc (a, "odd1");            /* 24 */
  tu_le32 (a, 1);
  tu_bytes (a, "z\0", 2);
  tu_fourcc (a, "tgt ");            /* 34 */
  tu_le32 (a, 4);
  tu_bytes (a, "TTTT", 4);          /* 42 */

  open_bytes (&o, GPOINTER_TO_INT (data), a->data, a->len);
  g_assert_cmpuint (mmioDescend (o.h, &riff, NULL, MMIO_FINDRIFF), ==, 0);
  ck.ckid = FCC ("tgt ");
  g_assert_cmpuint (mmioDescend (o.h, &ck, &riff, MMIO_FINDCHUNK), ==, 0);
  g_assert_cmpint (ck.dwDataOffset, ==, 42);
  g_assert_cmpuint (ck.cksize, ==, 4);
  /* Ascend from an odd chunk skips its pad. */
  g_assert_cmpint (mmioSeek (o.h, 12, SEEK_SET), ==, 12);
  memset (&ck, 0, sizeof ck);
  g_assert_cmpuint (mmioDescend (o.h, &ck, &riff, 0), ==, 0);
  g_assert_cmpuint (ck.cksize, ==, 3);
  g_assert_cmpuint (mmioAscend (o.h, &ck, 0), ==, 0);
  g_assert_cmpint (pos (o.h), ==, 24);
  close_opened (&o);
  g_byte_array_unref (a);
}

/* ---- 7.2: writing a WAVE file --------------------------------------- */

static void
test_wave_write (void)
{
  char *path = tu_path ("test_write.wav");
  MMCKINFO ck[2];
  char buf[27];
  GByteArray *expected = g_byte_array_new ();
  GBytes *bytes;
  HMMIO h;

  memset (ck, 0, sizeof ck);
  h = mmioOpen (path, NULL, MMIO_ALLOCBUF | MMIO_CREATE | MMIO_READWRITE);
  g_assert_nonnull (h);

  ck[0].fccType = FCC ("WAVE");
  g_assert_cmpuint (mmioCreateChunk (h, &ck[0], MMIO_CREATERIFF), ==, 0);
  g_assert_cmphex (ck[0].ckid, ==, FOURCC_RIFF);
  g_assert_cmpuint (ck[0].cksize, ==, 0);
  g_assert_cmpint (ck[0].dwDataOffset, ==, 8);
  g_assert_cmphex (ck[0].dwFlags, ==, MMIO_DIRTY);
  g_assert_cmpint (pos (h), ==, 12);

  ck[1].ckid = FCC ("data");
  g_assert_cmpuint (mmioCreateChunk (h, &ck[1], 0), ==, 0);
  g_assert_cmphex (ck[1].ckid, ==, FCC ("data"));
  g_assert_cmpuint (ck[1].cksize, ==, 0);
  g_assert_cmpint (ck[1].dwDataOffset, ==, 20);
  g_assert_cmphex (ck[1].dwFlags, ==, MMIO_DIRTY);
  g_assert_cmpint (pos (h), ==, 20);

  memset (buf, 0xde, sizeof buf);
  g_assert_cmpint (mmioWrite (h, buf, 27), ==, 27);

  g_assert_cmpuint (mmioAscend (h, &ck[1], 0), ==, 0);
  g_assert_cmpuint (ck[1].cksize, ==, 0x1b);
  g_assert_cmpuint (ck[1].dwFlags, ==, 0);
  g_assert_cmpint (pos (h), ==, 48);            /* past the pad at 47 */
  g_assert_cmpuint (mmioAscend (h, &ck[0], 0), ==, 0);
  g_assert_cmpuint (ck[0].cksize, ==, 0x28);
  g_assert_cmpint (pos (h), ==, 48);
  /* Before anything is flushed, the same handle navigates what it wrote. */
  {
    MMCKINFO r = { 0 }, d = { 0 };
    g_assert_cmpint (mmioSeek (h, 0, SEEK_SET), ==, 0);
    r.fccType = FCC ("WAVE");
    g_assert_cmpuint (mmioDescend (h, &r, NULL, MMIO_FINDRIFF), ==, 0);
    g_assert_cmpuint (r.cksize, ==, 0x28);
    d.ckid = FCC ("data");
    g_assert_cmpuint (mmioDescend (h, &d, &r, MMIO_FINDCHUNK), ==, 0);
    g_assert_cmpuint (d.cksize, ==, 27);
    g_assert_cmpuint (mmioAscend (h, &d, 0), ==, 0);
    g_assert_cmpint (pos (h), ==, 48);
  }
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  tu_fourcc (expected, "RIFF");
  tu_le32 (expected, 0x28);
  tu_fourcc (expected, "WAVE");
  tu_fourcc (expected, "data");
  tu_le32 (expected, 0x1b);
  tu_bytes (expected, buf, 27);
  tu_bytes (expected, "\0", 1);
  g_assert_cmpuint (expected->len, ==, 48);
  bytes = tu_read_file (path);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   expected->data, expected->len);
  g_bytes_unref (bytes);

  /* Read it back with the same calls. */
  h = mmioOpen (path, NULL, MMIO_READ);
  memset (ck, 0, sizeof ck);
  ck[0].fccType = FCC ("WAVE");
  g_assert_cmpuint (mmioDescend (h, &ck[0], NULL, MMIO_FINDRIFF), ==, 0);
  ck[1].ckid = FCC ("data");
  g_assert_cmpuint (mmioDescend (h, &ck[1], &ck[0], MMIO_FINDCHUNK), ==, 0);
  g_assert_cmpuint (ck[1].cksize, ==, 27);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_byte_array_unref (expected);
  g_free (path);
}

static void
test_create_list_nested (void)
{
  /* RIFF 'TEST' { LIST 'INFO' { 'INAM' "ab" } 'odd ' "xyz" }, written into
   * a growing memory file. */
  MMIOINFO in = { 0 }, info;
  MMCKINFO riff = { 0 }, list = { 0 }, ck = { 0 };
  GByteArray *e = g_byte_array_new ();
  HMMIO h;

  in.fccIOProc = FOURCC_MEM;
  in.cchBuffer = 16;
  in.adwInfo[0] = 16;
  h = mmioOpen (NULL, &in, MMIO_CREATE | MMIO_READWRITE);
  g_assert_nonnull (h);
  riff.fccType = FCC ("TEST");
  g_assert_cmpuint (mmioCreateChunk (h, &riff, MMIO_CREATERIFF), ==, 0);
  list.fccType = FCC ("INFO");
  g_assert_cmpuint (mmioCreateChunk (h, &list, MMIO_CREATELIST), ==, 0);
  g_assert_cmphex (list.ckid, ==, FOURCC_LIST);
  g_assert_cmpint (list.dwDataOffset, ==, 20);
  g_assert_cmpint (pos (h), ==, 24);
  ck.ckid = FCC ("INAM");
  g_assert_cmpuint (mmioCreateChunk (h, &ck, 0), ==, 0);
  g_assert_cmpint (mmioWrite (h, "ab", 2), ==, 2);
  g_assert_cmpuint (mmioAscend (h, &ck, 0), ==, 0);
  g_assert_cmpuint (mmioAscend (h, &list, 0), ==, 0);
  g_assert_cmpuint (list.cksize, ==, 14);
  memset (&ck, 0, sizeof ck);
  ck.ckid = FCC ("odd ");
  g_assert_cmpuint (mmioCreateChunk (h, &ck, 0), ==, 0);
  g_assert_cmpint (mmioWrite (h, "xyz", 3), ==, 3);
  g_assert_cmpuint (mmioAscend (h, &ck, 0), ==, 0);
  g_assert_cmpint (pos (h), ==, 46);
  g_assert_cmpuint (mmioAscend (h, &riff, 0), ==, 0);
  g_assert_cmpuint (riff.cksize, ==, 38);

  tu_fourcc (e, "RIFF"); tu_le32 (e, 38); tu_fourcc (e, "TEST");
  tu_fourcc (e, "LIST"); tu_le32 (e, 14); tu_fourcc (e, "INFO");
  tu_fourcc (e, "INAM"); tu_le32 (e, 2); tu_bytes (e, "ab", 2);
  tu_fourcc (e, "odd "); tu_le32 (e, 3); tu_bytes (e, "xyz\0", 4);
  tu_get_info (h, &info);
  g_assert_cmpint (info.pchEndRead - info.pchBuffer, ==, 46);
  g_assert_cmpmem (info.pchBuffer, 46, e->data, e->len);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_byte_array_unref (e);
}

static void
test_create_flags (void)
{
  MMIOINFO in = { 0 }, info;
  MMCKINFO ck = { 0 };
  char block[64];
  HMMIO h;

  memset (block, '.', sizeof block);
  in.fccIOProc = FOURCC_MEM;
  in.pchBuffer = block;
  in.cchBuffer = sizeof block;
  h = mmioOpen (NULL, &in, MMIO_CREATE | MMIO_READWRITE);
  /* Both flags at once count as neither: the caller's ckid, 8 bytes. */
  ck.ckid = FCC ("both");
  ck.cksize = 0x11223344;
  ck.fccType = FCC ("type");
  g_assert_cmpuint (mmioCreateChunk (h, &ck, MMIO_CREATERIFF | MMIO_CREATELIST), ==, 0);
  g_assert_cmphex (ck.ckid, ==, FCC ("both"));
  g_assert_cmpint (pos (h), ==, 8);
  g_assert_cmpmem (block, 8, "both\x44\x33\x22\x11", 8);
  g_assert_cmpint (block[8], ==, '.');
  /* Creating in the middle overwrites: no insertion. */
  g_assert_cmpint (mmioSeek (h, 0, SEEK_SET), ==, 0);
  memset (&ck, 0, sizeof ck);
  ck.fccType = FCC ("LLLL");
  g_assert_cmpuint (mmioCreateChunk (h, &ck, MMIO_CREATELIST), ==, 0);
  g_assert_cmpmem (block, 12, "LIST\0\0\0\0LLLL", 12);
  tu_get_info (h, &info);
  g_assert_cmpint (info.pchEndRead - info.pchBuffer, ==, 12);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* A short write: CANNOTWRITE and the position goes back. */
  memset (&in, 0, sizeof in);
  in.fccIOProc = FOURCC_MEM;
  in.pchBuffer = block;
  in.cchBuffer = 10;
  h = mmioOpen (NULL, &in, MMIO_CREATE | MMIO_READWRITE);
  g_assert_cmpint (mmioSeek (h, 4, SEEK_SET), ==, 4);
  memset (&ck, 0, sizeof ck);
  g_assert_cmpuint (mmioCreateChunk (h, &ck, MMIO_CREATERIFF), ==, MMIOERR_CANNOTWRITE);
  g_assert_cmpint (pos (h), ==, 4);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
}

static void
test_write_read_only (void)
{
  /* Creating or fixing chunks on a handle that cannot write: errors, the
   * position back where it was, the file untouched. */
  GByteArray *a = nested_sample ();
  char *path = tu_path ("riff-ro.bin");
  MMCKINFO ck = { 0 }, riff = { 0 };
  GBytes *bytes;
  HMMIO h;

  tu_write_file (path, a->data, a->len);
  h = mmioOpen (path, NULL, MMIO_READ | MMIO_ALLOCBUF);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, a->len);
  ck.ckid = FCC ("new ");
  g_assert_cmpuint (mmioCreateChunk (h, &ck, 0), ==, MMIOERR_CANNOTWRITE);
  g_assert_cmpint (pos (h), ==, a->len);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_SET), ==, 0);
  g_assert_cmpuint (mmioDescend (h, &riff, NULL, 0), ==, 0);
  g_assert_cmpint (mmioSeek (h, 3, SEEK_CUR), ==, 15);
  riff.dwFlags = MMIO_DIRTY;
  g_assert_cmpuint (mmioAscend (h, &riff, 0), ==, MMIOERR_CANNOTWRITE);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  bytes = tu_read_file (path);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), a->data, a->len);
  g_bytes_unref (bytes);
  g_byte_array_unref (a);
  g_free (path);
}

static void
test_ascend_dirty (void)
{
  char *path = tu_path ("ascend-dirty.bin");
  MMCKINFO ck = { 0 }, riff = { 0 };
  GBytes *bytes;
  const guint8 *d;
  HMMIO h;

  /* A size guessed right and odd: no size patch, but the pad is still
   * written. */
  h = mmioOpen (path, NULL, MMIO_CREATE | MMIO_READWRITE | MMIO_ALLOCBUF);
  ck.ckid = FCC ("gues");
  ck.cksize = 5;
  g_assert_cmpuint (mmioCreateChunk (h, &ck, 0), ==, 0);
  g_assert_cmpint (mmioWrite (h, "12345", 5), ==, 5);
  g_assert_cmpuint (mmioAscend (h, &ck, 0), ==, 0);
  g_assert_cmpuint (ck.cksize, ==, 5);
  g_assert_cmpuint (ck.dwFlags, ==, 0);
  g_assert_cmpint (pos (h), ==, 14);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  bytes = tu_read_file (path);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   "gues\x05\0\0\0" "12345\0", 14);
  g_bytes_unref (bytes);

  /* The app marks an existing chunk dirty to shrink it: the size becomes
   * position - dwDataOffset; the pad goes in when the byte is missing. */
  {
    GByteArray *a = g_byte_array_new ();
    tu_fourcc (a, "RIFF"); tu_le32 (a, 4 + 8 + 10); tu_fourcc (a, "SHRK");
    tu_fourcc (a, "body"); tu_le32 (a, 10); tu_bytes (a, "0123456789", 10);
    tu_write_file (path, a->data, a->len);
    g_byte_array_unref (a);
  }
  h = mmioOpen (path, NULL, MMIO_READWRITE);
  g_assert_cmpuint (mmioDescend (h, &riff, NULL, 0), ==, 0);
  memset (&ck, 0, sizeof ck);
  g_assert_cmpuint (mmioDescend (h, &ck, &riff, 0), ==, 0);
  g_assert_cmpint (mmioSeek (h, 7, SEEK_CUR), ==, 27);
  ck.dwFlags = MMIO_DIRTY;
  g_assert_cmpuint (mmioAscend (h, &ck, 0), ==, 0);
  g_assert_cmpuint (ck.cksize, ==, 7);
  g_assert_cmpint (pos (h), ==, 28);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  bytes = tu_read_file (path);
  d = g_bytes_get_data (bytes, NULL);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 30);
  g_assert_cmpmem (d + 12, 8, "body\x07\0\0\0", 8);
  /* Byte 27 already existed ('7'): the file is not extended by a pad. */
  g_assert_cmpmem (d + 20, 10, "0123456789", 10);
  g_bytes_unref (bytes);

  /* DIRTY with a bogus dwDataOffset cannot be fixed. */
  h = mmioOpen (path, NULL, MMIO_READWRITE);
  memset (&ck, 0, sizeof ck);
  ck.dwFlags = MMIO_DIRTY;
  ck.dwDataOffset = 4;
  g_assert_cmpuint (mmioAscend (h, &ck, 0), ==, MMIOERR_CANNOTSEEK);
  /* DIRTY with the position before dwDataOffset: a negative size. */
  ck.dwDataOffset = 20;
  g_assert_cmpint (mmioSeek (h, 10, SEEK_SET), ==, 10);
  g_assert_cmpuint (mmioAscend (h, &ck, 0), ==, MMIOERR_CANNOTWRITE);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_free (path);
}

/* ---- hostile input --------------------------------------------------- */

static void
test_hostile_huge_size (gconstpointer data)
{
  GByteArray *a = g_byte_array_new ();
  Opened o;
  MMCKINFO ck = { 0 }, riff = { 0 };

  /* A RIFF whose size is 0xFFFFFFFF: found, but it overruns the file. */
  tu_fourcc (a, "RIFF"); tu_le32 (a, 0xFFFFFFFF); tu_fourcc (a, "WAVE");
  tu_fourcc (a, "fmt "); tu_le32 (a, 0xFFFFFFFF); tu_bytes (a, "abcd", 4);
  open_bytes (&o, GPOINTER_TO_INT (data), a->data, a->len);
  g_assert_cmpuint (mmioDescend (o.h, &riff, NULL, 0), ==, MMIOERR_INVALIDFILE);
  g_assert_cmphex (riff.ckid, ==, FOURCC_RIFF);
  g_assert_cmpuint (riff.cksize, ==, 0xFFFFFFFF);
  g_assert_cmphex (riff.fccType, ==, FCC ("WAVE"));
  g_assert_cmpint (riff.dwDataOffset, ==, 8);
  g_assert_cmpint (pos (o.h), ==, 12);          /* inside, for a tolerant reader */
  g_assert_cmpuint (mmioGetLastError (o.h), ==, MMIOERR_INVALIDFILE);
  /* The same inside: the 'fmt ' child overruns too. */
  g_assert_cmpuint (mmioDescend (o.h, &ck, &riff, 0), ==, MMIOERR_INVALIDFILE);
  g_assert_cmpint (ck.dwDataOffset, ==, 20);
  /* Searching past it: its size leads beyond the file, not found. */
  g_assert_cmpint (mmioSeek (o.h, 12, SEEK_SET), ==, 12);
  ck.ckid = FCC ("data");
  g_assert_cmpuint (mmioDescend (o.h, &ck, &riff, MMIO_FINDCHUNK), ==, MMIOERR_CHUNKNOTFOUND);
  g_assert_cmpint (pos (o.h), ==, 12);
  /* Ascending out of the huge chunk: memory files refuse, DOS seeks far
   * past the end where reads find nothing. */
  if (o.store == STORE_MEM)
    g_assert_cmpuint (mmioAscend (o.h, &riff, 0), ==, MMIOERR_CANNOTSEEK);
  else
    {
      char b[4];
      g_assert_cmpuint (mmioAscend (o.h, &riff, 0), ==, 0);
      g_assert_cmpint (pos (o.h), ==, 8 + (LONG) 0x100000000);
      g_assert_cmpint (mmioRead (o.h, b, 4), ==, 0);
    }
  close_opened (&o);
  g_byte_array_unref (a);
}

static void
test_hostile_zero_chunks (gconstpointer data)
{
  const guint n = 100000;
  GByteArray *a = g_byte_array_sized_new (12 + n * 8 + 12);
  Opened o;
  MMCKINFO riff = { 0 }, ck = { 0 };

  tu_fourcc (a, "RIFF"); tu_le32 (a, 4 + n * 8 + 12); tu_fourcc (a, "ZERO");
  for (guint i = 0; i < n; i++)
    {
      tu_fourcc (a, "zero");
      tu_le32 (a, 0);
    }
  tu_fourcc (a, "last"); tu_le32 (a, 4); tu_bytes (a, "LAST", 4);
  open_bytes (&o, GPOINTER_TO_INT (data), a->data, a->len);
  g_assert_cmpuint (mmioDescend (o.h, &riff, NULL, 0), ==, 0);
  /* A search through all of them ends, at the last chunk... */
  ck.ckid = FCC ("last");
  g_assert_cmpuint (mmioDescend (o.h, &ck, &riff, MMIO_FINDCHUNK), ==, 0);
  g_assert_cmpint (ck.dwDataOffset, ==, 12 + (LONG) n * 8 + 8);
  /* ...or at the end. */
  g_assert_cmpint (mmioSeek (o.h, 12, SEEK_SET), ==, 12);
  ck.ckid = FCC ("none");
  g_assert_cmpuint (mmioDescend (o.h, &ck, &riff, MMIO_FINDCHUNK), ==, MMIOERR_CHUNKNOTFOUND);
  g_assert_cmpint (pos (o.h), ==, 12);
  /* A zero-size chunk descends and ascends to the next header. */
  memset (&ck, 0, sizeof ck);
  g_assert_cmpuint (mmioDescend (o.h, &ck, &riff, 0), ==, 0);
  g_assert_cmpuint (ck.cksize, ==, 0);
  g_assert_cmpuint (mmioAscend (o.h, &ck, 0), ==, 0);
  g_assert_cmpint (pos (o.h), ==, 20);
  close_opened (&o);
  g_byte_array_unref (a);
}

static void
test_hostile_truncated (gconstpointer data)
{
  Opened o;
  MMCKINFO ck = { 0 };

  /* A 10-byte file: a RIFF header cut inside its form type. */
  open_bytes (&o, GPOINTER_TO_INT (data), (const guint8 *) "RIFF\x20\0\0\0WA", 10);
  g_assert_cmpuint (mmioDescend (o.h, &ck, NULL, 0), ==, MMIOERR_INVALIDFILE);
  g_assert_cmphex (ck.ckid, ==, FOURCC_RIFF);
  g_assert_cmpint (ck.dwDataOffset, ==, 8);
  g_assert_cmpint (pos (o.h), <=, 10);
  g_assert_cmpint (mmioSeek (o.h, 0, SEEK_SET), ==, 0);
  ck.ckid = FCC ("fmt ");
  g_assert_cmpuint (mmioDescend (o.h, &ck, NULL, MMIO_FINDCHUNK), ==, MMIOERR_CHUNKNOTFOUND);
  g_assert_cmpint (pos (o.h), ==, 0);
  memset (&ck, 0, sizeof ck);
  ck.fccType = FCC ("WAVE");
  g_assert_cmpuint (mmioDescend (o.h, &ck, NULL, MMIO_FINDRIFF), ==, MMIOERR_CHUNKNOTFOUND);
  close_opened (&o);

  /* Fewer than 8 bytes: no chunk at all. */
  open_bytes (&o, GPOINTER_TO_INT (data), (const guint8 *) "RIFF\x20\0", 6);
  memset (&ck, 0, sizeof ck);
  g_assert_cmpuint (mmioDescend (o.h, &ck, NULL, 0), ==, MMIOERR_CHUNKNOTFOUND);
  g_assert_cmpint (pos (o.h), ==, 0);
  close_opened (&o);

  /* An empty file. */
  open_bytes (&o, GPOINTER_TO_INT (data), (const guint8 *) "", 0);
  g_assert_cmpuint (mmioDescend (o.h, &ck, NULL, 0), ==, MMIOERR_CHUNKNOTFOUND);
  close_opened (&o);

  /* A LIST whose size cannot even hold its type. */
  open_bytes (&o, GPOINTER_TO_INT (data),
              (const guint8 *) "LIST\x02\0\0\0abcdLIST", 16);
  memset (&ck, 0, sizeof ck);
  g_assert_cmpuint (mmioDescend (o.h, &ck, NULL, 0), ==, MMIOERR_INVALIDFILE);
  close_opened (&o);
}

static void
test_hostile_overrun_parent (gconstpointer data)
{
  GByteArray *a = g_byte_array_new ();
  Opened o;
  MMCKINFO riff = { 0 }, ck = { 0 };

  /* RIFF of 4 + 8 + 8 bytes holding a chunk that says it has 100. */
  tu_fourcc (a, "RIFF"); tu_le32 (a, 20); tu_fourcc (a, "OVER");
  tu_fourcc (a, "big "); tu_le32 (a, 100); tu_bytes (a, "12345678", 8);
  tu_fourcc (a, "past"); tu_le32 (a, 200);
  tu_bytes (a, "................................................................", 64);
  tu_bytes (a, "................................................................", 64);
  tu_bytes (a, "................................................................", 64);
  tu_bytes (a, "........", 8);
  open_bytes (&o, GPOINTER_TO_INT (data), a->data, a->len);
  g_assert_cmpuint (mmioDescend (o.h, &riff, NULL, 0), ==, 0);
  g_assert_cmpuint (mmioDescend (o.h, &ck, &riff, 0), ==, MMIOERR_INVALIDFILE);
  g_assert_cmphex (ck.ckid, ==, FCC ("big "));
  g_assert_cmpuint (ck.cksize, ==, 100);
  g_assert_cmpint (ck.dwDataOffset, ==, 20);
  g_assert_cmpint (pos (o.h), ==, 20);
  /* A search jumps past it, out of the parent: not found. */
  g_assert_cmpint (mmioSeek (o.h, 12, SEEK_SET), ==, 12);
  ck.ckid = FCC ("past");
  g_assert_cmpuint (mmioDescend (o.h, &ck, &riff, MMIO_FINDCHUNK), ==, MMIOERR_CHUNKNOTFOUND);
  /* A parent claiming more than the file holds is bounded by the file. */
  riff.cksize = 0x7FFFFFF0;
  g_assert_cmpint (mmioSeek (o.h, 12, SEEK_SET), ==, 12);
  ck.ckid = FCC ("none");
  g_assert_cmpuint (mmioDescend (o.h, &ck, &riff, MMIO_FINDCHUNK), ==, MMIOERR_CHUNKNOTFOUND);
  close_opened (&o);
  g_byte_array_unref (a);
}

/* Walk every chunk with descend/ascend; counts steps so a loop fails. */
static void
walk (HMMIO h, const MMCKINFO *parent, int depth, int *budget)
{
  for (;;)
    {
      MMCKINFO ck = { 0 };
      LONG before = pos (h);
      MMRESULT r;

      if (--*budget < 0)
        g_error ("the walk does not end");
      r = mmioDescend (h, &ck, parent, 0);
      if (r != 0)
        {
          g_assert_true (r == MMIOERR_CHUNKNOTFOUND || r == MMIOERR_INVALIDFILE
                         || r == MMIOERR_CANNOTSEEK);
          return;
        }
      if ((ck.ckid == FOURCC_RIFF || ck.ckid == FOURCC_LIST) && depth < 16)
        walk (h, &ck, depth + 1, budget);
      if (mmioAscend (h, &ck, 0) != 0)
        return;
      g_assert_cmpint (pos (h), >, before);
    }
}

static void
test_hostile_mutations (gconstpointer data)
{
  GByteArray *avi = tu_avi_sample ();
  GRand *rand = g_rand_new_with_seed (20261123);

  int rounds = GPOINTER_TO_INT (data) == STORE_MEM ? 400 : 150;

  for (int round = 0; round < rounds; round++)
    {
      guint8 *d = g_memdup2 (avi->data, avi->len);
      gsize len = avi->len;
      int flips = g_rand_int_range (rand, 1, 8);
      Opened o;
      int budget = 10000;

      for (int i = 0; i < flips; i++)
        {
          gsize at = g_rand_int_range (rand, 0, (gint32) len);
          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0: d[at] = (guint8) g_rand_int (rand); break;
            case 1: d[at] = 0xff; break;
            default: d[at] = 0; break;
            }
        }
      if (round % 3 == 0)
        len = g_rand_int_range (rand, 0, (gint32) len);   /* truncate */
      open_bytes (&o, GPOINTER_TO_INT (data), d, len);
      walk (o.h, NULL, 0, &budget);
      close_opened (&o);
      g_free (d);
    }
  g_rand_free (rand);
  g_byte_array_unref (avi);
}

int
main (int argc, char **argv)
{
  static const struct { const char *name; Store store; } stores[] = {
    { "mem", STORE_MEM }, { "dos", STORE_DOS }, { "dos-buffered", STORE_DOS_BUFFERED },
  };

  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      gconstpointer s = GINT_TO_POINTER (stores[i].store);
      char *p;
#define ADD(path, fn) \
      p = g_strdup_printf ("/riff/" path "/%s", stores[i].name); \
      g_test_add_data_func (p, s, fn); \
      g_free (p)
      ADD ("avi-descent", test_avi_descent);
      ADD ("pad-bytes", test_pad_bytes);
      ADD ("hostile/huge-size", test_hostile_huge_size);
      ADD ("hostile/zero-size-chunks", test_hostile_zero_chunks);
      ADD ("hostile/truncated", test_hostile_truncated);
      ADD ("hostile/overrun-parent", test_hostile_overrun_parent);
      ADD ("hostile/mutations", test_hostile_mutations);
#undef ADD
    }
  g_test_add_func ("/riff/find-flags", test_find_flags);
  g_test_add_func ("/riff/parent-bound", test_parent_bound);
  g_test_add_func ("/riff/wave-write", test_wave_write);
  g_test_add_func ("/riff/create-list-nested", test_create_list_nested);
  g_test_add_func ("/riff/create-flags", test_create_flags);
  g_test_add_func ("/riff/ascend-dirty", test_ascend_dirty);
  g_test_add_func ("/riff/write-read-only", test_write_read_only);
  return g_test_run ();
}
