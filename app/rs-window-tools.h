/* rs-window-tools.h — the window's part-2 tools: the IOProcs page, the
 * message trace and the MCI panel, their win.* actions, and what they
 * follow of the current tab. rs-window.c calls these hooks. */
#pragma once

#include "rs-window.h"
#include "rs-types.h"

G_BEGIN_DECLS

/* From class_init, after the template is set: types the template uses,
 * its children these tools look up, shortcuts. */
void     rs_window_tools_class_init (GtkWidgetClass *widget_class);
/* From rs_window_new, once the settings are there: the actions. */
void     rs_window_tools_init       (RsWindow *self, GSettings *settings);
/* A document about to load in a new tab: traced when the trace is on. */
void     rs_window_tools_document_opened (RsWindow *self, RsDocument *doc);
/* The current tab changed or its state did. */
void     rs_window_tools_update     (RsWindow *self, RsPage *page);
/* TRUE while the IOProcs page covers the tabs. */
gboolean rs_window_tools_showing_ioprocs (RsWindow *self);

RsIOProcsPage *rs_window_get_ioprocs_page (RsWindow *self);
RsTraceView   *rs_window_get_trace_view   (RsWindow *self);
RsMciPanel    *rs_window_get_mci_panel    (RsWindow *self);
/* The trace the window feeds (NULL before it was first switched on). */
RsTrace       *rs_window_get_trace        (RsWindow *self);

G_END_DECLS
