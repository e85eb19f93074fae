/* rs-trace-view.h — the live message trace: every message the traced
 * handles' IOProcs got, filterable, with a read's bytes in a hex view and
 * export to a file. */
#pragma once

#include <adwaita.h>
#include "rs-types.h"

G_BEGIN_DECLS

#define RS_TYPE_TRACE_VIEW (rs_trace_view_get_type ())
G_DECLARE_FINAL_TYPE (RsTraceView, rs_trace_view, RS, TRACE_VIEW, AdwBin)

GtkWidget  *rs_trace_view_new           (void);
/* The trace shown (NULL: none). */
void        rs_trace_view_set_trace     (RsTraceView *self, RsTrace *trace);
RsTrace    *rs_trace_view_get_trace     (RsTraceView *self);
/* Words that every shown line contains ("read dos"). */
void        rs_trace_view_set_filter    (RsTraceView *self, const char *filter);
/* The rows shown (after the filter), for tests. */
GListModel *rs_trace_view_get_shown     (RsTraceView *self);
/* Selects the shown row i; a read's bytes go to the hex view. */
void        rs_trace_view_select        (RsTraceView *self, guint i);
RsHexView  *rs_trace_view_get_hex_view  (RsTraceView *self);
/* The sentence above the hex view ("MMIOM_READ: 12 bytes at 0x2C"). */
const char *rs_trace_view_get_bytes_caption (RsTraceView *self);
/* Writes the trace to dest (what trace.export asks for). */
gboolean    rs_trace_view_export        (RsTraceView *self, const char *dest, GError **error);

G_END_DECLS
