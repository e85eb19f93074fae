/* rs-trace.h — a message trace as the app uses it: the engine's trace,
 * fed from whatever thread does the I/O, shown as a list of RsTraceRecord
 * that follows it in batches on the main context, capped at its capacity.
 * No widgets. */
#pragma once

#include <gio/gio.h>
#include <mmio/mmio-plugin.h>
#include "rs-types.h"

G_BEGIN_DECLS

#define RS_TYPE_TRACE (rs_trace_get_type ())
G_DECLARE_FINAL_TYPE (RsTrace, rs_trace, RS, TRACE, GObject)

/* Most bytes of a read or write shown. */
#define RS_TRACE_MAX_BYTES 4096

RsTrace    *rs_trace_new          (guint capacity);
/* The engine trace to attach to handles (mmioTraceOpen/mmioTraceAttach).
 * Whoever attaches it to a handle used in a worker holds a reference to
 * this object until that handle is closed. */
MMIOTRACE  *rs_trace_get_engine   (RsTrace *self);
/* Records delivered so far, oldest first, as RsTraceRecord items made on
 * demand (the trace is itself the list model); the oldest go beyond the
 * capacity. */
GListModel *rs_trace_get_model    (RsTrace *self);
guint       rs_trace_get_capacity (RsTrace *self);
/* Records the list let go of, to keep within the capacity. */
guint       rs_trace_get_dropped  (RsTrace *self);
/* Brings the list up to what the I/O threads recorded (while live, a
 * timer does it a few times a second). */
void        rs_trace_flush        (RsTrace *self);
void        rs_trace_set_live     (RsTrace *self, gboolean live);
/* Names the file a handle traced from after its open was read from (the
 * open records name the others); any thread. */
void        rs_trace_name_handle  (RsTrace *self, HMMIO hmmio, const char *name);
/* A read's or write's bytes (at most RS_TRACE_MAX_BYTES), read again
 * through the same IOProc from the file its handle opened; NULL for other
 * messages or when that file is not known. *name_out (may be NULL)
 * receives the file's name. */
GBytes     *rs_trace_dup_bytes    (RsTrace *self, const MMIOTRACEREC *rec, char **name_out);
void        rs_trace_clear        (RsTrace *self);
/* Writes every record, one line each, replacing dest atomically. */
gboolean    rs_trace_export       (RsTrace *self, const char *dest, GError **error);

G_END_DECLS
