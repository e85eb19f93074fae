/* rs-hex-view.h — a hex/ASCII view that draws only its visible rows and
 * reads bytes on demand, for files of any size. */
#pragma once

#include <gtk/gtk.h>
#include "rs-types.h"

G_BEGIN_DECLS

#define RS_TYPE_HEX_VIEW (rs_hex_view_get_type ())
G_DECLARE_FINAL_TYPE (RsHexView, rs_hex_view, RS, HEX_VIEW, GtkWidget)

/* Reads up to len bytes at offset into buf; returns the count read, or -1. */
typedef gssize (*RsHexReadFunc) (gpointer user_data, gint64 offset,
                                 guint8 *buf, gsize len);

GtkWidget *rs_hex_view_new            (void);
void       rs_hex_view_set_source     (RsHexView     *self,
                                       RsHexReadFunc  read,
                                       gpointer       user_data,
                                       GDestroyNotify destroy,
                                       gint64         size);
gint64     rs_hex_view_get_size       (RsHexView *self);
void       rs_hex_view_invalidate     (RsHexView *self);
guint      rs_hex_view_get_columns    (RsHexView *self);
void       rs_hex_view_set_columns    (RsHexView *self, guint columns);
/* Selection is [start, end): end == start means nothing selected. */
void       rs_hex_view_set_selection  (RsHexView *self, gint64 start, gint64 end);
/* Selects as the user does (mouse or keyboard): emits "bytes-selected". */
void       rs_hex_view_select_bytes   (RsHexView *self, gint64 start, gint64 end);
gboolean   rs_hex_view_get_selection  (RsHexView *self, gint64 *start, gint64 *end);
void       rs_hex_view_scroll_to      (RsHexView *self, gint64 offset);
/* The first byte shown in the top row. */
gint64     rs_hex_view_get_top_offset (RsHexView *self);
/* The byte under a point in widget coordinates, or -1. */
gint64     rs_hex_view_offset_at      (RsHexView *self, double x, double y);
/* Reads bytes through the source; for copy and extract. */
GBytes    *rs_hex_view_read_range     (RsHexView *self, gint64 start, gint64 end);

G_END_DECLS
