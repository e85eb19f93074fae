/* rs-trace-record.h — one traced IOProc message as a list item: a copy
 * of the engine's record, and its column texts. */
#pragma once

#include <glib-object.h>
#include <mmio/mmio-plugin.h>

G_BEGIN_DECLS

#define RS_TYPE_TRACE_RECORD (rs_trace_record_get_type ())
G_DECLARE_FINAL_TYPE (RsTraceRecord, rs_trace_record, RS, TRACE_RECORD, GObject)

/* Copies rec. */
RsTraceRecord      *rs_trace_record_new        (const MMIOTRACEREC *rec);
const MMIOTRACEREC *rs_trace_record_get_rec    (RsTraceRecord *self);
/* Column texts, made when first asked for. */
const char         *rs_trace_record_get_ioproc (RsTraceRecord *self);
char               *rs_trace_record_dup_result (RsTraceRecord *self);
char               *rs_trace_record_dup_disk   (RsTraceRecord *self);
char               *rs_trace_record_dup_time   (RsTraceRecord *self);
/* The whole record on one line, as exported. */
char               *rs_trace_record_dup_line   (RsTraceRecord *self);
/* TRUE when every word of the (lower-case) filter occurs in the line. */
gboolean            rs_trace_record_matches    (RsTraceRecord *self, const char *filter);

G_END_DECLS
