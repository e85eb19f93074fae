/* riff.c — RIFF chunk navigation: mmioDescend, mmioAscend,
 * mmioCreateChunk (reference sections 6.11–6.13 and 7).
 *
 * Sizes read from a file are hostile. Offsets are 64-bit, so a size of
 * 0xFFFFFFFF cannot wrap; a search stops at the parent's end (the
 * documented bound, not Wine's run to end of file) and at the end of the
 * file, so zero-size chunks cannot loop. A chunk that is found but whose
 * size runs past its parent or the file is reported as MMIOERR_INVALIDFILE
 * with lpck filled in and the position inside the chunk, so a tolerant
 * reader can still look at it. */
#include "mmio-private.h"

static inline DWORD
get_le32 (const guchar *p)
{
  return (DWORD) p[0] | ((DWORD) p[1] << 8) | ((DWORD) p[2] << 16)
         | ((DWORD) p[3] << 24);
}

static inline void
put_le32 (guchar *p, DWORD v)
{
  p[0] = (guchar) v;
  p[1] = (guchar) (v >> 8);
  p[2] = (guchar) (v >> 16);
  p[3] = (guchar) (v >> 24);
}

static inline LONG
padded (DWORD size)
{
  return ((LONG) size + 1) & ~(LONG) 1;
}

MMRESULT
mmioDescend (HMMIO hmmio, LPMMCKINFO lpck, const MMCKINFO *lpckParent,
             UINT uFlags)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);
  FOURCC want_id = 0, want_type = 0;
  LONG start, pos, limit, parent_end = -1, file_size;
  guchar hdr[12];
  LONG n;

  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  if (lpck == NULL)
    return MMSYSERR_INVALPARAM;

  start = mmioSeek (hmmio, 0, SEEK_CUR);
  if (start < 0)
    return MMIOERR_CANNOTSEEK;
  if (lpckParent != NULL)
    {
      parent_end = lpckParent->dwDataOffset + (LONG) lpckParent->cksize;
      if (start < lpckParent->dwDataOffset || start >= parent_end)
        return MMIOERR_CHUNKNOTFOUND;
    }

  /* The keys come from lpck before the scan overwrites it. Later flags win,
   * as in Windows: RIFF over LIST over CHUNK. */
  if (uFlags & MMIO_FINDCHUNK)
    want_id = lpck->ckid;
  if (uFlags & MMIO_FINDLIST)
    {
      want_id = FOURCC_LIST;
      want_type = lpck->fccType;
    }
  if (uFlags & MMIO_FINDRIFF)
    {
      want_id = FOURCC_RIFF;
      want_type = lpck->fccType;
    }

  file_size = mmio_query_size (h);
  limit = parent_end;
  if (file_size >= 0 && (limit < 0 || file_size < limit))
    limit = file_size;

  pos = start;
  for (;;)
    {
      gboolean is_list;

      if ((limit >= 0 && pos + 8 > limit) || (parent_end >= 0 && pos >= parent_end))
        goto not_found;
      if (mmioSeek (hmmio, pos, SEEK_SET) != pos)
        goto not_found;
      n = mmioRead (hmmio, (HPSTR) hdr, sizeof hdr);
      if (n < 8)
        goto not_found;
      lpck->ckid = get_le32 (hdr);
      lpck->cksize = get_le32 (hdr + 4);
      is_list = lpck->ckid == FOURCC_RIFF || lpck->ckid == FOURCC_LIST;
      lpck->fccType = (n >= 12 && is_list) ? get_le32 (hdr + 8) : 0;
      lpck->dwDataOffset = pos + 8;

      if ((want_id == 0 || lpck->ckid == want_id)
          && (want_type == 0 || lpck->fccType == want_type))
        break;
      pos = lpck->dwDataOffset + padded (lpck->cksize);
    }

  lpck->dwFlags = 0;
  {
    gboolean is_list = lpck->ckid == FOURCC_RIFF || lpck->ckid == FOURCC_LIST;
    LONG data_pos = lpck->dwDataOffset + (is_list ? 4 : 0);
    LONG end = lpck->dwDataOffset + (LONG) lpck->cksize;
    LONG bound = parent_end;

    if (file_size >= 0 && (bound < 0 || file_size < bound))
      bound = file_size;
    /* A list header cut short has no type to step over: stay at the data,
     * which is inside the file (a memory file refuses seeks past its end). */
    if (is_list && n < 12)
      data_pos = lpck->dwDataOffset;
    if (mmioSeek (hmmio, data_pos, SEEK_SET) != data_pos)
      return MMIOERR_CANNOTSEEK;
    if (is_list && (n < 12 || lpck->cksize < 4))
      {
        mmio_set_error (h, MMIOERR_INVALIDFILE);
        return MMIOERR_INVALIDFILE;
      }
    if (bound >= 0 && end > bound)
      {
        mmio_set_error (h, MMIOERR_INVALIDFILE);
        return MMIOERR_INVALIDFILE;
      }
  }
  return 0;

not_found:
  mmioSeek (hmmio, start, SEEK_SET);
  mmio_set_error (h, MMIOERR_CHUNKNOTFOUND);
  return MMIOERR_CHUNKNOTFOUND;
}

MMRESULT
mmioAscend (HMMIO hmmio, LPMMCKINFO lpck, UINT uFlags)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);
  LONG target;

  (void) uFlags;
  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  if (lpck == NULL)
    return MMSYSERR_INVALPARAM;

  if (lpck->dwFlags & MMIO_DIRTY)
    {
      LONG pos = mmioSeek (hmmio, 0, SEEK_CUR);
      LONG newsize = pos - lpck->dwDataOffset;
      guchar b[4];

      if (pos < 0 || lpck->dwDataOffset < 8)
        return MMIOERR_CANNOTSEEK;
      if (newsize < 0 || newsize > (LONG) G_MAXUINT32)
        {
          mmio_set_error (h, MMIOERR_CANNOTWRITE);
          return MMIOERR_CANNOTWRITE;
        }
      if (newsize & 1)
        {
          /* The pad byte is written whenever the final size is odd and the
           * file does not already have a byte there. */
          LONG size = mmio_query_size (h);
          if (size < 0 || size <= pos)
            {
              b[0] = 0;
              if (mmioWrite (hmmio, (HPCSTR) b, 1) != 1)
                {
                  mmio_set_error (h, MMIOERR_CANNOTWRITE);
                  return MMIOERR_CANNOTWRITE;
                }
            }
        }
      if ((DWORD) newsize != lpck->cksize)
        {
          lpck->cksize = (DWORD) newsize;
          put_le32 (b, lpck->cksize);
          if (mmioSeek (hmmio, lpck->dwDataOffset - 4, SEEK_SET) == -1)
            return MMIOERR_CANNOTSEEK;
          if (mmioWrite (hmmio, (HPCSTR) b, 4) != 4)
            {
              mmio_set_error (h, MMIOERR_CANNOTWRITE);
              return MMIOERR_CANNOTWRITE;
            }
        }
      lpck->dwFlags = 0;
    }

  target = lpck->dwDataOffset + padded (lpck->cksize);
  if (mmioSeek (hmmio, target, SEEK_SET) == -1)
    {
      mmio_set_error (h, MMIOERR_CANNOTSEEK);
      return MMIOERR_CANNOTSEEK;
    }
  return 0;
}

MMRESULT
mmioCreateChunk (HMMIO hmmio, LPMMCKINFO lpck, UINT uFlags)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);
  guchar hdr[12];
  LONG pos, len;

  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  if (lpck == NULL)
    return MMSYSERR_INVALPARAM;

  pos = mmioSeek (hmmio, 0, SEEK_CUR);
  if (pos < 0)
    return MMIOERR_CANNOTSEEK;
  /* As Windows: the flags count only when given alone. */
  if (uFlags == MMIO_CREATERIFF)
    lpck->ckid = FOURCC_RIFF;
  else if (uFlags == MMIO_CREATELIST)
    lpck->ckid = FOURCC_LIST;
  len = (uFlags == MMIO_CREATERIFF || uFlags == MMIO_CREATELIST) ? 12 : 8;

  lpck->dwDataOffset = pos + 8;
  lpck->dwFlags = MMIO_DIRTY;
  put_le32 (hdr, lpck->ckid);
  put_le32 (hdr + 4, lpck->cksize);
  put_le32 (hdr + 8, lpck->fccType);
  if (mmioWrite (hmmio, (HPCSTR) hdr, len) != len)
    {
      mmioSeek (hmmio, pos, SEEK_SET);
      mmio_set_error (h, MMIOERR_CANNOTWRITE);
      return MMIOERR_CANNOTWRITE;
    }
  return 0;
}
