/* dispatch.c — the single point every IOProc message passes through
 * (mmio_send() in mmio-private.h is its inline fast path), and
 * mmioSendMessage.
 *
 * The slow path keeps a per-thread stack of the handles whose IOProc is
 * running, so a handle opened from inside an IOProc knows its parent (the
 * trace follows child handles, mmioGetLastError reports a child's error),
 * and calls the observer hook when one is set. READ, WRITE and SEEK with no
 * hook skip all of it: that is the cost of the hook when unused. */
#include "mmio-private.h"

typedef struct
{
  MmioHandle *h;
  gpointer    prev;
} SenderFrame;

static GPrivate tls_sender;            /* SenderFrame* */

MmioHandle *
mmio_current_sender (void)
{
  SenderFrame *f = g_private_get (&tls_sender);
  return f ? f->h : NULL;
}

LRESULT
mmio_send_slow (MmioHandle *h, UINT msg, LPARAM p1, LPARAM p2)
{
  SenderFrame frame = { h, g_private_get (&tls_sender) };
  LONG disk_before = h->info.lDiskOffset;
  gint64 t0 = h->hook ? g_get_monotonic_time () : 0;
  LRESULT r;

  g_private_set (&tls_sender, &frame);
  r = h->info.pIOProc ((LPSTR) &h->info, msg, p1, p2);
  g_private_set (&tls_sender, frame.prev);
  if (h->hook)
    h->hook (h, msg, p1, p2, r, disk_before, g_get_monotonic_time () - t0,
             h->hook_data);
  return r;
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
  return mmio_send (h, uMsg, lParam1, lParam2);
}
