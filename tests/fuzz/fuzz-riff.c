/* fuzz-riff.c — libFuzzer target: mmioDescend/mmioAscend over arbitrary
 * bytes in a memory file, the way a reader walks an unknown RIFF tree, plus
 * keyed searches. The engine must return error codes, never read outside
 * the memory block, hang, or leak. */
#include <mmio/mmio.h>
#include <stdlib.h>
#include <string.h>

static unsigned steps;

static void
walk (HMMIO h, const MMCKINFO *parent, int depth)
{
  MMCKINFO ck;

  while (steps++ < 20000)
    {
      memset (&ck, 0, sizeof ck);
      MMRESULT r = mmioDescend (h, &ck, parent, 0);
      if (r != 0 && r != MMIOERR_INVALIDFILE)
        return;
      if (r == 0 && depth < 32 && (ck.ckid == FOURCC_RIFF || ck.ckid == FOURCC_LIST))
        walk (h, &ck, depth + 1);
      if (mmioAscend (h, &ck, 0) != 0)
        return;
    }
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  MMIOINFO info;
  HMMIO h;
  MMCKINFO ck, parent;
  char *copy;

  if (size == 0)
    return 0;
  /* A private copy: the engine may write pad bytes into memory files. */
  copy = malloc (size);
  memcpy (copy, data, size);
  memset (&info, 0, sizeof info);
  info.fccIOProc = FOURCC_MEM;
  info.pchBuffer = copy;
  info.cchBuffer = (LONG) size;
  h = mmioOpen (NULL, &info, MMIO_READ);
  if (h == NULL)
    {
      free (copy);
      return 0;
    }

  steps = 0;
  walk (h, NULL, 0);

  /* Keyed searches with keys taken from the input. */
  mmioSeek (h, 0, SEEK_SET);
  memset (&parent, 0, sizeof parent);
  if (size >= 12)
    memcpy (&parent.fccType, data + 8, 4);
  if (mmioDescend (h, &parent, NULL, MMIO_FINDRIFF) == 0)
    {
      memset (&ck, 0, sizeof ck);
      if (size >= 16)
        memcpy (&ck.ckid, data + 12, 4);
      if (mmioDescend (h, &ck, &parent, MMIO_FINDCHUNK) == 0)
        mmioAscend (h, &ck, 0);
      mmioSeek (h, parent.dwDataOffset + 4, SEEK_SET);
      memset (&ck, 0, sizeof ck);
      if (mmioDescend (h, &ck, &parent, MMIO_FINDLIST) == 0)
        mmioAscend (h, &ck, 0);
    }
  mmioClose (h, 0);
  free (copy);
  return 0;
}
