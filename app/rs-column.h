/* rs-column.h — adding a column to a GtkColumnView from a setup and a bind
 * callback, the way every list in the window builds its columns. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Appends a resizable column whose cells come from a signal factory with
 * setup and bind (both receive data); fixed_width <= 0 leaves the width
 * to GTK. */
void rs_column_view_add (GtkColumnView *view, const char *title,
                         GCallback setup, GCallback bind, gpointer data,
                         gboolean expand, int fixed_width);

G_END_DECLS
