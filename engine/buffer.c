/* buffer.c — the buffering model (reference section 5): mmioRead,
 * mmioWrite, mmioSeek, mmioFlush, mmioSetBuffer, mmioGetInfo, mmioSetInfo,
 * mmioAdvance, and memory files.
 *
 * Beyond the public MMIOINFO fields the handle keeps two private marks:
 * valid_end (the buffer mirrors the file up to here, whether the bytes were
 * read or written) and dirty_end (unflushed writes reach up to here). They
 * let a read that follows a write see the written bytes, and a flush write
 * what was written even after the app seeked back inside the buffer, while
 * pchEndRead keeps the values Windows shows. */
#include "mmio-private.h"

#include <string.h>

#define BUF_LEN(h, p) ((LONG) ((p) - (h)->info.pchBuffer))

static inline gboolean
is_buffered (MmioHandle *h)
{
  return h->info.cchBuffer > 0 && h->info.pchBuffer != NULL;
}

LONG
mmio_logical_pos (MmioHandle *h)
{
  if (h->info.pchBuffer != NULL)
    return h->info.lBufOffset + BUF_LEN (h, h->info.pchNext);
  return h->info.lBufOffset;
}

static void
note_disk_extent (MmioHandle *h)
{
  if (h->knows_size && h->info.lDiskOffset > h->file_size)
    h->file_size = h->info.lDiskOffset;
}

/* Size of the file as the handle sees it, unflushed data included. */
static LONG
effective_size (MmioHandle *h)
{
  LONG s = h->file_size;
  if (h->info.pchBuffer != NULL)
    {
      LONG b = h->info.lBufOffset + BUF_LEN (h, h->valid_end);
      if (b > s)
        s = b;
    }
  return s;
}

LONG
mmio_query_size (MmioHandle *h)
{
  LONG save, end, buffered;

  if (h->is_mem)
    return h->info.pchBuffer ? BUF_LEN (h, h->info.pchEndRead) : 0;
  if (h->knows_size)
    return effective_size (h);
  save = h->info.lDiskOffset;
  end = mmio_send (h, MMIOM_SEEK, 0, SEEK_END);
  if (mmio_send (h, MMIOM_SEEK, save, SEEK_SET) < 0 || end < 0)
    return -1;
  buffered = h->info.pchBuffer
    ? h->info.lBufOffset + BUF_LEN (h, h->valid_end) : 0;
  return MAX (end, buffered);
}

/* An empty buffer at the IOProc's position. */
static void
empty_buffer_at_disk (MmioHandle *h)
{
  h->info.lBufOffset = h->info.lDiskOffset;
  h->info.pchNext = h->info.pchBuffer;
  h->info.pchEndRead = h->info.pchBuffer;
  h->info.pchEndWrite = h->info.pchBuffer
    ? h->info.pchBuffer + h->info.cchBuffer : NULL;
  h->valid_end = h->info.pchBuffer;
  h->dirty_end = h->info.pchBuffer;
}

/* Start a new buffer at lDiskOffset; for reading, fill it. Returns what the
 * IOProc's READ returned (or cchBuffer for writing). */
static LONG
grab_buffer (MmioHandle *h, gboolean for_read)
{
  LONG n;

  empty_buffer_at_disk (h);
  if (!for_read)
    return h->info.cchBuffer;
  n = mmio_send (h, MMIOM_READ, (LPARAM) h->info.pchBuffer, h->info.cchBuffer);
  if (n > 0)
    {
      if (n > h->info.cchBuffer)
        n = h->info.cchBuffer;   /* an IOProc that overstates is clamped */
      h->info.pchEndRead += n;
      h->valid_end = h->info.pchEndRead;
    }
  return n;
}

MMRESULT
mmio_flush_internal (MmioHandle *h, UINT flags)
{
  MMRESULT ret = 0;

  if (is_buffered (h) && !h->is_mem)
    {
      if (h->info.dwFlags & MMIO_DIRTY)
        {
          HPSTR end = MAX (h->info.pchNext, h->dirty_end);
          LONG n = BUF_LEN (h, end);
          if (n > 0)
            {
              if (h->info.lDiskOffset != h->info.lBufOffset
                  && mmio_send (h, MMIOM_SEEK, h->info.lBufOffset, SEEK_SET) < 0)
                ret = MMIOERR_CANNOTWRITE;
              else if (mmio_send (h, MMIOM_WRITE, (LPARAM) h->info.pchBuffer, n) != n)
                ret = MMIOERR_CANNOTWRITE;
              note_disk_extent (h);
            }
          if (ret == 0)
            {
              if (end > h->valid_end)
                h->valid_end = end;
              h->dirty_end = h->info.pchBuffer;
            }
        }
      if (ret == 0 && (flags & MMIO_EMPTYBUF))
        {
          /* Keep the logical position: the empty buffer starts there. */
          h->info.lBufOffset = mmio_logical_pos (h);
          h->info.pchNext = h->info.pchEndRead = h->info.pchBuffer;
          h->valid_end = h->dirty_end = h->info.pchBuffer;
        }
    }
  if (ret == 0)
    h->info.dwFlags &= ~MMIO_DIRTY;
  else
    mmio_set_error (h, ret);
  return ret;
}

MMRESULT
mmioFlush (HMMIO hmmio, UINT uFlags)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);
  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  return mmio_flush_internal (h, uFlags);
}

/* base + off, or FALSE when that leaves the 64-bit range (hostile
 * offsets are refused, not wrapped). SEEK_END subtracts: pass -off, which
 * the caller checks exists. */
static gboolean
add_offset (LONG base, LONG off, LONG *out)
{
  if ((off > 0 && base > G_MAXINT64 - off) || (off < 0 && base < G_MININT64 - off))
    return FALSE;
  *out = base + off;
  return TRUE;
}

/* Bring the IOProc to the logical position before talking to it directly. */
static gboolean
sync_disk_to_logical (MmioHandle *h)
{
  LONG pos = mmio_logical_pos (h);
  if (h->info.lDiskOffset == pos)
    return TRUE;
  return mmio_send (h, MMIOM_SEEK, pos, SEEK_SET) >= 0;
}

LONG
mmioRead (HMMIO hmmio, HPSTR pch, LONG cch)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);
  LONG avail, count, remaining;

  if (h == NULL || cch < 0 || (pch == NULL && cch > 0))
    return -1;
  if (cch == 0)
    return 0;                     /* does not fill the buffer */

  if (G_LIKELY (h->info.pchBuffer != NULL))
    {
      HPSTR limit = h->is_mem ? h->info.pchEndRead : h->valid_end;
      avail = (LONG) (limit - h->info.pchNext);
      if (G_LIKELY (avail >= cch))
        {
          memcpy (pch, h->info.pchNext, (size_t) cch);
          h->info.pchNext += cch;
          return cch;
        }
    }
  else
    avail = 0;

  if (h->is_mem)
    {
      HPSTR end = h->info.pchEndRead;
      avail = h->info.pchBuffer ? BUF_LEN (h, end) - BUF_LEN (h, h->info.pchNext) : 0;
      if (avail <= 0)
        return 0;
      count = MIN (avail, cch);
      memcpy (pch, h->info.pchNext, (size_t) count);
      h->info.pchNext += count;
      return count;
    }

  if (!is_buffered (h))
    {
      /* Any negative answer (OS/2 IOProcs say -2 for "unsupported") is
       * an error, reported as -1. */
      count = mmio_send (h, MMIOM_READ, (LPARAM) pch, cch);
      if (count >= 0)
        h->info.lBufOffset = h->info.lDiskOffset;
      else
        {
          mmio_set_error (h, MMIOERR_CANNOTREAD);
          count = -1;
        }
      return count;
    }

  count = 0;
  if (avail > 0)
    {
      memcpy (pch, h->info.pchNext, (size_t) avail);
      h->info.pchNext += avail;
      count = avail;
    }
  remaining = cch - count;

  if (mmio_flush_internal (h, 0) != 0 || !sync_disk_to_logical (h))
    return count > 0 ? count : -1;

  if (cch > h->info.cchBuffer)
    {
      /* A large read goes straight to the caller and leaves the buffer
       * empty at the new position. */
      while (remaining > 0)
        {
          LONG n = mmio_send (h, MMIOM_READ, (LPARAM) (pch + count), remaining);
          if (n <= 0)
            {
              if (n < 0 && count == 0)
                count = -1;
              break;
            }
          if (n > remaining)
            n = remaining;
          count += n;
          remaining -= n;
        }
      empty_buffer_at_disk (h);
      if (count < 0)
        mmio_set_error (h, MMIOERR_CANNOTREAD);
      return count;
    }

  while (remaining > 0)
    {
      LONG n = grab_buffer (h, TRUE), c;
      if (n <= 0)
        {
          if (n < 0)
            {
              mmio_set_error (h, MMIOERR_CANNOTREAD);
              if (count == 0)
                count = -1;
            }
          break;
        }
      c = MIN (n, remaining);
      memcpy (pch + count, h->info.pchNext, (size_t) c);
      h->info.pchNext += c;
      count += c;
      remaining -= c;
    }
  return count;
}

/* Grow an MMIO-owned memory file so that `need` bytes fit, by multiples of
 * the increment in adwInfo[0]. */
static gboolean
mem_grow (MmioHandle *h, LONG need)
{
  LONG inc = h->info.adwInfo[0], newsize;
  HPSTR nb, old = h->info.pchBuffer;

  if (!(h->info.dwFlags & MMIO_ALLOCBUF) || inc == 0 || old == NULL)
    return FALSE;
  newsize = h->info.cchBuffer;
  if (newsize < need)
    {
      LONG steps = (need - newsize + inc - 1) / inc;   /* no loop: inc may be 1 */
      if (steps > (G_MAXINT64 - newsize) / inc)
        return FALSE;
      newsize += steps * inc;
    }
  nb = g_try_realloc (old, (gsize) newsize);
  if (nb == NULL)
    return FALSE;
  memset (nb + h->info.cchBuffer, 0, (size_t) (newsize - h->info.cchBuffer));
  h->info.pchNext = nb + (h->info.pchNext - old);
  h->info.pchEndRead = nb + (h->info.pchEndRead - old);
  h->valid_end = nb + (h->valid_end - old);
  h->dirty_end = nb + (h->dirty_end - old);
  h->info.pchBuffer = nb;
  h->info.cchBuffer = newsize;
  h->info.pchEndWrite = nb + newsize;
  return TRUE;
}

static LONG
mem_write (MmioHandle *h, HPCSTR pch, LONG cch)
{
  LONG space = h->info.pchBuffer ? BUF_LEN (h, h->info.pchEndWrite) - BUF_LEN (h, h->info.pchNext) : 0;

  if (cch > space)
    {
      if (h->info.pchBuffer && mem_grow (h, BUF_LEN (h, h->info.pchNext) + cch))
        space = cch;
      else
        {
          mmio_set_error (h, MMIOERR_CANNOTEXPAND);
          cch = space;              /* write what fits */
        }
    }
  if (cch <= 0)
    return 0;
  memcpy (h->info.pchNext, pch, (size_t) cch);
  h->info.pchNext += cch;
  if (h->info.pchNext > h->info.pchEndRead)
    h->info.pchEndRead = h->info.pchNext;
  if (h->info.pchNext > h->valid_end)
    h->valid_end = h->info.pchNext;
  h->info.dwFlags |= MMIO_DIRTY;
  return cch;
}

static gboolean
may_write (MmioHandle *h)
{
  return h->is_mem || (h->info.dwFlags & MMIO_RWMODE) != MMIO_READ
         || (h->info.dwFlags & MMIO_CREATE);
}

LONG
mmioWrite (HMMIO hmmio, HPCSTR pch, LONG cch)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);
  LONG count = 0;

  if (h == NULL || cch < 0 || (pch == NULL && cch > 0))
    return -1;
  if (!may_write (h))
    {
      mmio_set_error (h, MMIOERR_READ_ONLY_FILE);
      return -1;
    }
  if (cch == 0)
    return 0;
  if (h->is_mem)
    return mem_write (h, pch, cch);

  if (!is_buffered (h))
    {
      count = mmio_send (h, MMIOM_WRITE, (LPARAM) pch, cch);
      if (count >= 0)
        {
          h->info.lBufOffset = h->info.lDiskOffset;
          note_disk_extent (h);
        }
      else
        {
          mmio_set_error (h, MMIOERR_CANNOTWRITE);
          count = -1;
        }
      return count;
    }

  while (cch > 0)
    {
      LONG space = BUF_LEN (h, h->info.pchEndWrite) - BUF_LEN (h, h->info.pchNext);
      LONG c;

      if (space <= 0)
        {
          /* Full: write it out and continue in a fresh buffer. */
          if (mmio_flush_internal (h, 0) != 0 || !sync_disk_to_logical (h))
            return count > 0 ? count : -1;
          grab_buffer (h, FALSE);
          continue;
        }
      c = MIN (space, cch);
      memcpy (h->info.pchNext, pch + count, (size_t) c);
      h->info.pchNext += c;
      if (h->info.pchNext > h->dirty_end)
        h->dirty_end = h->info.pchNext;
      if (h->info.pchNext > h->valid_end)
        h->valid_end = h->info.pchNext;
      h->info.dwFlags |= MMIO_DIRTY;
      count += c;
      cch -= c;
    }
  if (h->info.pchNext == h->info.pchEndWrite)
    {
      /* As Windows does: a buffer filled to the end goes out at once. */
      if (mmio_flush_internal (h, 0) == 0 && sync_disk_to_logical (h))
        grab_buffer (h, FALSE);
    }
  return count;
}

LONG
mmioSeek (HMMIO hmmio, LONG lOffset, int iOrigin)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);
  LONG target, r;

  if (h == NULL)
    return -1;
  if (iOrigin != SEEK_SET && iOrigin != SEEK_CUR && iOrigin != SEEK_END)
    return -1;
  if (iOrigin == SEEK_END && lOffset == G_MININT64)
    {
      mmio_set_error (h, MMIOERR_CANNOTSEEK);
      return -1;
    }

  if (h->is_mem)
    {
      LONG size = h->info.pchBuffer ? h->info.cchBuffer : 0;
      gboolean ok = TRUE;
      switch (iOrigin)
        {
        case SEEK_SET: target = lOffset; break;
        case SEEK_CUR: ok = add_offset (mmio_logical_pos (h), lOffset, &target); break;
        default: ok = add_offset (size, -lOffset, &target); break;   /* subtractive */
        }
      if (!ok || target < 0 || target > size || h->info.pchBuffer == NULL)
        {
          mmio_set_error (h, MMIOERR_CANNOTSEEK);
          return -1;
        }
      h->info.pchNext = h->info.pchBuffer + (target - h->info.lBufOffset);
      return target;
    }

  if (!is_buffered (h))
    {
      r = mmio_send (h, MMIOM_SEEK, lOffset, iOrigin);
      if (r < 0)
        {
          mmio_set_error (h, MMIOERR_CANNOTSEEK);
          return -1;
        }
      h->info.lBufOffset = h->info.lDiskOffset;
      return r;
    }

  switch (iOrigin)
    {
    case SEEK_SET:
      target = lOffset;
      break;
    case SEEK_CUR:
      if (!add_offset (mmio_logical_pos (h), lOffset, &target))
        target = -1;
      break;
    default:
      if (!h->knows_size)
        {
          /* A custom IOProc decides what SEEK_END means. */
          if (mmio_flush_internal (h, 0) != 0)
            return -1;
          r = mmio_send (h, MMIOM_SEEK, lOffset, SEEK_END);
          if (r < 0)
            {
              mmio_set_error (h, MMIOERR_CANNOTSEEK);
              return -1;
            }
          empty_buffer_at_disk (h);
          return r;
        }
      if (!add_offset (effective_size (h), -lOffset, &target))   /* subtractive */
        target = -1;
      break;
    }
  if (target < 0)
    {
      mmio_set_error (h, MMIOERR_SEEK_BEFORE_BEGINNING);
      return -1;
    }

  /* "Not beyond the known size" includes the end itself, so asking for
   * the position (SEEK_CUR 0) after writing does not flush the buffer. */
  if (target >= h->info.lBufOffset
      && target <= h->info.lBufOffset + BUF_LEN (h, h->valid_end)
      && (!h->knows_size || target <= effective_size (h)))
    {
      h->info.pchNext = h->info.pchBuffer + (target - h->info.lBufOffset);
      return target;
    }

  if (mmio_flush_internal (h, 0) != 0)
    return -1;
  r = mmio_send (h, MMIOM_SEEK, target, SEEK_SET);
  if (r < 0)
    {
      mmio_set_error (h, MMIOERR_CANNOTSEEK);
      return -1;
    }
  empty_buffer_at_disk (h);
  return r;
}

MMRESULT
mmioGetInfo (HMMIO hmmio, LPMMIOINFO lpmmioinfo, UINT uFlags)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);

  (void) uFlags;
  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  if (lpmmioinfo == NULL)
    return MMSYSERR_INVALPARAM;
  *lpmmioinfo = h->info;
  return 0;
}

static gboolean
in_buffer (MmioHandle *h, HPSTR p)
{
  if (h->info.pchBuffer == NULL)
    return p == NULL;
  return p >= h->info.pchBuffer && p <= h->info.pchBuffer + h->info.cchBuffer;
}

MMRESULT
mmioSetInfo (HMMIO hmmio, LPCMMIOINFO lpmmioinfo, UINT uFlags)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);

  (void) uFlags;
  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  if (lpmmioinfo == NULL)
    return MMSYSERR_INVALPARAM;
  if (!in_buffer (h, lpmmioinfo->pchNext) || !in_buffer (h, lpmmioinfo->pchEndRead)
      || !in_buffer (h, lpmmioinfo->pchEndWrite))
    return MMSYSERR_INVALPARAM;

  h->info.pchNext = lpmmioinfo->pchNext;
  h->info.pchEndRead = lpmmioinfo->pchEndRead;
  if (h->info.pchEndRead > h->valid_end)
    h->valid_end = h->info.pchEndRead;
  if (lpmmioinfo->dwFlags & MMIO_DIRTY)
    {
      /* The app wrote into the buffer directly, up to pchNext. */
      h->info.dwFlags |= MMIO_DIRTY;
      if (h->info.pchNext > h->dirty_end)
        h->dirty_end = h->info.pchNext;
      if (h->info.pchNext > h->valid_end)
        h->valid_end = h->info.pchNext;
      if (h->is_mem && h->info.pchNext > h->info.pchEndRead)
        h->info.pchEndRead = h->info.pchNext;
    }
  return 0;
}

MMRESULT
mmioSetBuffer (HMMIO hmmio, LPSTR pchBuffer, LONG cchBuffer, UINT uFlags)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);
  HPSTR nb = pchBuffer;
  LONG pos;

  (void) uFlags;
  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  if (cchBuffer < 0)
    return MMSYSERR_INVALPARAM;
  if (mmio_flush_internal (h, 0) != 0)
    return MMIOERR_CANNOTWRITE;
  pos = mmio_logical_pos (h);

  if (nb == NULL && cchBuffer > 0)
    {
      nb = g_try_malloc0 ((gsize) cchBuffer);
      if (nb == NULL)
        return MMIOERR_OUTOFMEMORY;   /* the old buffer is still in place */
    }
  if ((h->info.dwFlags & MMIO_ALLOCBUF) && h->info.pchBuffer)
    g_free (h->info.pchBuffer);
  if (pchBuffer == NULL && cchBuffer > 0)
    h->info.dwFlags |= MMIO_ALLOCBUF;
  else
    h->info.dwFlags &= ~MMIO_ALLOCBUF;
  h->info.pchBuffer = nb;
  h->info.cchBuffer = cchBuffer;

  /* Keep the logical position (Windows jumps to lDiskOffset; nobody wants
   * that, and the two agree whenever nothing was read ahead). */
  if (!h->is_mem && h->info.lDiskOffset != pos)
    mmio_send (h, MMIOM_SEEK, pos, SEEK_SET);
  empty_buffer_at_disk (h);
  if (nb == NULL)
    h->info.pchEndWrite = NULL;
  return 0;
}

MMRESULT
mmioAdvance (HMMIO hmmio, LPMMIOINFO lpmmioinfo, UINT uFlags)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);

  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  if (h->info.cchBuffer == 0 || h->info.pchBuffer == NULL)
    return MMIOERR_UNBUFFERED;
  if (uFlags != MMIO_READ && uFlags != MMIO_WRITE)
    return MMSYSERR_INVALPARAM;

  if (h->is_mem)
    {
      if (lpmmioinfo != NULL)
        {
          if (!in_buffer (h, lpmmioinfo->pchNext))
            return MMSYSERR_INVALPARAM;
          h->info.pchNext = lpmmioinfo->pchNext;
          if (lpmmioinfo->dwFlags & MMIO_DIRTY)
            {
              h->info.dwFlags |= MMIO_DIRTY;
              if (h->info.pchNext > h->info.pchEndRead)
                h->info.pchEndRead = h->valid_end = h->info.pchNext;
              lpmmioinfo->dwFlags &= ~MMIO_DIRTY;
            }
        }
      if (uFlags == MMIO_WRITE && h->info.pchNext >= h->info.pchEndWrite
          && !mem_grow (h, h->info.cchBuffer + 1))
        {
          mmio_set_error (h, MMIOERR_CANNOTEXPAND);
          return MMIOERR_CANNOTEXPAND;
        }
    }
  else
    {
      if (mmio_flush_internal (h, 0) != 0)
        return MMIOERR_CANNOTWRITE;
      if (uFlags == MMIO_WRITE && lpmmioinfo != NULL
          && (lpmmioinfo->dwFlags & MMIO_DIRTY))
        {
          LONG n;
          if (!in_buffer (h, lpmmioinfo->pchNext))
            return MMSYSERR_INVALPARAM;
          n = BUF_LEN (h, lpmmioinfo->pchNext);
          if (h->info.lDiskOffset != lpmmioinfo->lBufOffset
              && mmio_send (h, MMIOM_SEEK, lpmmioinfo->lBufOffset, SEEK_SET) < 0)
            {
              mmio_set_error (h, MMIOERR_CANNOTWRITE);
              return MMIOERR_CANNOTWRITE;
            }
          if (n > 0 && mmio_send (h, MMIOM_WRITE, (LPARAM) h->info.pchBuffer, n) != n)
            {
              mmio_set_error (h, MMIOERR_CANNOTWRITE);
              return MMIOERR_CANNOTWRITE;
            }
          note_disk_extent (h);
          lpmmioinfo->dwFlags &= ~MMIO_DIRTY;
        }
      if (grab_buffer (h, uFlags == MMIO_READ) < 0)
        {
          mmio_set_error (h, MMIOERR_CANNOTREAD);
          return MMIOERR_CANNOTREAD;
        }
    }

  if (lpmmioinfo != NULL)
    {
      lpmmioinfo->pchBuffer = h->info.pchBuffer;
      lpmmioinfo->cchBuffer = h->info.cchBuffer;
      lpmmioinfo->pchNext = h->info.pchNext;
      lpmmioinfo->pchEndRead = h->info.pchEndRead;
      lpmmioinfo->pchEndWrite = h->info.pchEndWrite;
      lpmmioinfo->lDiskOffset = h->info.lDiskOffset;
      lpmmioinfo->lBufOffset = h->info.lBufOffset;
    }
  return 0;
}
