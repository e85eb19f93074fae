/* header.c — mmioQueryHeaderLength, mmioGetHeader, mmioSetHeader (OS/2):
 * the calls that carry a file's header, native or translated (with
 * MMIO_TRANSLATEHEADER the IOProc exchanges a standard one such as
 * MMAUDIOHEADER), as messages to the handle's IOProc.
 *
 * The IOProc answers with a byte count or MMIO_ERROR; an error comes back
 * as the handle's last error (which may have arisen in a child handle), an
 * IOProc that knows no headers as MMSYSERR_NOTSUPPORTED. */
#include "mmio-private.h"

static ULONG
header_call (HMMIO hmmio, UINT msg, PVOID buf, LONG len, PLONG out)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);
  LRESULT r;

  if (out != NULL)
    *out = 0;
  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  if (out == NULL || len < 0 || (buf == NULL && len > 0))
    return MMIOERR_INVALID_PARAMETER;
  r = mmio_send (h, msg, (LPARAM) buf, len);
  if (r == MMIOERR_UNSUPPORTED_MESSAGE)
    return MMSYSERR_NOTSUPPORTED;
  if (r < 0)
    {
      mmio_set_error (h, msg == MMIOM_SETHEADER ? MMIOERR_CANNOTWRITE
                                                : MMIOERR_CANNOTREAD);
      return h->info.ulErrorRet;
    }
  /* QUERYHEADERLENGTH has no buffer: its answer is the length itself. */
  *out = (msg != MMIOM_QUERYHEADERLENGTH && r > len) ? len : r;
  return MMIO_SUCCESS;
}

ULONG
mmioQueryHeaderLength (HMMIO hmmio, PLONG plHeaderLength, ULONG ulReserved,
                       ULONG ulFlags)
{
  (void) ulReserved;
  (void) ulFlags;
  return header_call (hmmio, MMIOM_QUERYHEADERLENGTH, NULL, 0, plHeaderLength);
}

ULONG
mmioGetHeader (HMMIO hmmio, PVOID pHeader, LONG lHeaderLength,
               PLONG plBytesRead, ULONG ulReserved, ULONG ulFlags)
{
  (void) ulReserved;
  (void) ulFlags;
  return header_call (hmmio, MMIOM_GETHEADER, pHeader, lHeaderLength,
                      plBytesRead);
}

ULONG
mmioSetHeader (HMMIO hmmio, PVOID pHeader, LONG lHeaderLength,
               PLONG plBytesWritten, ULONG ulReserved, ULONG ulFlags)
{
  (void) ulReserved;
  (void) ulFlags;
  return header_call (hmmio, MMIOM_SETHEADER, pHeader, lHeaderLength,
                      plBytesWritten);
}
