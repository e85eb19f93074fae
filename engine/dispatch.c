/* dispatch.c — the single point every IOProc message passes through
 * (mmio_send() in mmio-private.h is its inline fast path), and
 * mmioSendMessage.
 *
 * The slow path keeps a per-thread stack of the handles whose IOProc is
 * running, so a handle opened from inside an IOProc knows its parent (the
 * trace follows child handles, mmioGetLastError reports a child's error),
 * and calls the observer hook when one is set. READ, WRITE and SEEK with no
 * hook skip all of it: that is the cost of the hook when unused (a handle
 * with children never skips it: see below).
 *
 * Errors in a chain of handles (a file-format IOProc over its storage
 * child): an error recorded on any handle is also noted in every frame of
 * the sender stack above it, first one wins, since the first error is
 * where the trouble arose. When the IOProc's call then fails, the handle
 * keeps that error as its origin_error, and the generic code the engine
 * records next (CANNOTREAD …) is replaced by it, so mmioGetLastError on the
 * top handle tells what went wrong at the bottom. An IOProc that stores
 * its own ulErrorRet while failing is honoured the same way. A call that
 * succeeds clears the origin: recovered errors are not reported later. */
#include "mmio-private.h"

typedef struct _SenderFrame SenderFrame;
struct _SenderFrame
{
  MmioHandle  *h;
  SenderFrame *prev;
  UINT         below;           /* first error recorded during this call */
};

static GPrivate tls_sender;            /* SenderFrame* */

MmioHandle *
mmio_current_sender (void)
{
  SenderFrame *f = g_private_get (&tls_sender);
  return f ? f->h : NULL;
}

static gboolean
call_failed (UINT msg, LRESULT r)
{
  if (msg == MMIOM_OPEN || msg == MMIOM_CLOSE)
    return r != 0;
  return r == MMIO_ERROR;
}

void
mmio_set_error (MmioHandle *h, UINT code)
{
  if (h->origin_error != 0)
    {
      code = h->origin_error;
      h->origin_error = 0;
    }
  h->info.ulErrorRet = code;
  for (SenderFrame *f = g_private_get (&tls_sender); f != NULL; f = f->prev)
    if (f->h != h && f->below == 0)
      f->below = code;
}

LRESULT
mmio_send_slow (MmioHandle *h, UINT msg, LPARAM p1, LPARAM p2)
{
  SenderFrame frame = { h, g_private_get (&tls_sender), 0 };
  LONG disk_before = h->info.lDiskOffset;
  DWORD err_before = h->info.ulErrorRet;
  gint64 t0 = h->hook ? g_get_monotonic_time () : 0;
  LRESULT r;

  g_private_set (&tls_sender, &frame);
  r = h->info.pIOProc ((LPSTR) &h->info, msg, p1, p2);
  g_private_set (&tls_sender, frame.prev);
  if (call_failed (msg, r))
    {
      UINT origin = frame.below;
      if (origin == 0 && h->info.ulErrorRet != err_before)
        origin = h->info.ulErrorRet;
      h->origin_error = origin;
      /* The failure reaches the callers' frames through this handle. */
      if (origin != 0)
        for (SenderFrame *f = frame.prev; f != NULL; f = f->prev)
          if (f->below == 0)
            f->below = origin;
    }
  else
    h->origin_error = 0;
  if (h->hook)
    h->hook (h, msg, p1, p2, r, disk_before, g_get_monotonic_time () - t0,
             h->hook_data);
  return r;
}

/* trace.c's mmioTraceOpen: run fn while h counts as the running sender, so
 * a handle opened meanwhile takes h as its parent and inherits its hook
 * before its MMIOM_OPEN is sent. */
void
mmio_with_sender (MmioHandle *h, void (*fn) (gpointer), gpointer data)
{
  SenderFrame frame = { h, g_private_get (&tls_sender), 0 };

  g_private_set (&tls_sender, &frame);
  fn (data);
  g_private_set (&tls_sender, frame.prev);
}

static gboolean
message_may_be_sent (UINT msg)
{
  if (msg >= MMIOM_USER)
    return TRUE;
  /* The OS/2 system range: format info, identification, headers, CF … */
  return msg > MMIOM_START && msg <= MMIOM_SYSTEM_LAST;
}

LRESULT
mmioSendMessage (HMMIO hmmio, UINT uMsg, LPARAM lParam1, LPARAM lParam2)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);

  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  if (!message_may_be_sent (uMsg))
    return MMSYSERR_INVALPARAM;
  if (h->info.pIOProc == NULL)
    return MMIO_ERROR;
  {
    LONG disk_before = h->info.lDiskOffset;
    LRESULT r = mmio_send (h, uMsg, lParam1, lParam2);
    /* A message that moved the IOProc (MMIOM_SEEKBYTIME …) moves the
     * handle: what the buffer holds was read elsewhere, so it starts
     * empty at the new position. Unwritten data stays where it belongs
     * (it is flushed from lBufOffset) and keeps the buffer as it is. */
    if (h->info.lDiskOffset != disk_before && !h->is_mem
        && !(h->info.dwFlags & MMIO_DIRTY))
      {
        h->info.lBufOffset = h->info.lDiskOffset;
        h->info.pchNext = h->info.pchEndRead = h->info.pchBuffer;
        h->valid_end = h->dirty_end = h->info.pchBuffer;
      }
    return r;
  }
}
