/* rs-trace.h — a message trace as the app uses it: the engine's trace,
 * fed from whatever thread does the I/O, delivered in batches on the main
 * context as a list of RsTraceRecord, capped at its capacity. No widgets. */
#pragma once

#include <gio/gio.h>
#include <mmio/mmio-plugin.h>
#include "rs-types.h"

G_BEGIN_DECLS

#define RS_TYPE_TRACE (rs_trace_get_type ())
G_DECLARE_FINAL_TYPE (RsTrace, rs_trace, RS, TRACE, GObject)

/* Bytes of a read or write kept with its record. */
#define RS_TRACE_MAX_BYTES 4096

RsTrace    *rs_trace_new          (guint capacity);
/* The engine trace to attach to handles (mmioTraceOpen/mmioTraceAttach).
 * Whoever attaches it to a handle used in a worker holds a reference to
 * this object until that handle is closed. */
MMIOTRACE  *rs_trace_get_engine   (RsTrace *self);
/* Records delivered so far (oldest first; the oldest go beyond the
 * capacity). */
GListModel *rs_trace_get_model    (RsTrace *self);
guint       rs_trace_get_capacity (RsTrace *self);
/* Records the list let go of, to keep within the capacity. */
guint       rs_trace_get_dropped  (RsTrace *self);
/* Delivers what the I/O threads recorded but the main loop has not yet
 * shown (the idle that does it may still be queued). */
void        rs_trace_flush        (RsTrace *self);
void        rs_trace_clear        (RsTrace *self);
/* Writes every record, one line each, replacing dest atomically. */
gboolean    rs_trace_export       (RsTrace *self, const char *dest, GError **error);

G_END_DECLS
