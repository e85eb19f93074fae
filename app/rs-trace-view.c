/* rs-trace-view.c — the live message trace (see the header). Rows arrive
 * in batches from RsTrace; the list follows the newest row while it is
 * scrolled to the bottom, and stays put once someone scrolls up to read. */
#include "rs-trace-view.h"
#include "rs-column.h"

#include <glib/gi18n.h>
#include <string.h>
#include "rs-dialogs.h"
#include "rs-hex-view.h"
#include "rs-trace.h"
#include "rs-trace-record.h"
#include "rs-window.h"

struct _RsTraceView
{
  AdwBin parent_instance;

  RsTrace *trace;
  GtkFilterListModel *filtered;
  GtkCustomFilter *filter;
  GtkSingleSelection *selection;
  char *filter_text;
  char *caption;
  gboolean follow;
  guint follow_id;

  GtkColumnView *column_view;
  GtkScrolledWindow *scroller;
  GtkStack *list_stack;
  GtkSearchEntry *filter_entry;
  GtkLabel *count_label;
  GtkLabel *bytes_caption;
  RsHexView *hex_view;
};

G_DEFINE_FINAL_TYPE (RsTraceView, rs_trace_view, ADW_TYPE_BIN)

typedef enum { COL_SEQ, COL_IOPROC, COL_MESSAGE, COL_PARAMS, COL_RESULT, COL_DISK, COL_TIME } Col;

/* ---- cells ------------------------------------------------------------------ */

static void
setup_cell (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);
  Col col = GPOINTER_TO_INT (data);

  gtk_label_set_xalign (GTK_LABEL (label), col == COL_SEQ || col == COL_RESULT || col == COL_TIME ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (col != COL_MESSAGE)
    gtk_widget_add_css_class (label, "numeric");
  if (col == COL_TIME || col == COL_SEQ)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  RsTraceRecord *r = gtk_list_item_get_item (item);
  const MMIOTRACEREC *rec = rs_trace_record_get_rec (r);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  char *text = NULL;

  switch ((Col) GPOINTER_TO_INT (data))
    {
    case COL_SEQ:
      text = g_strdup_printf ("%u", (unsigned) rec->ulSeq);
      break;
    case COL_IOPROC:
      /* Child handles are indented under the handle that opened them. */
      text = g_strdup_printf ("%*s%s", (int) MIN (rec->ulDepth, 8u) * 2, "", rs_trace_record_get_ioproc (r));
      break;
    case COL_MESSAGE:
      gtk_label_set_text (label, rec->szMsgName);
      return;
    case COL_PARAMS:
      gtk_label_set_text (label, rec->szParams);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), rec->szParams);
      return;
    case COL_RESULT:
      text = rs_trace_record_dup_result (r);
      break;
    case COL_DISK:
      text = rs_trace_record_dup_disk (r);
      break;
    case COL_TIME:
      text = rs_trace_record_dup_time (r);
      break;
    }
  gtk_label_set_text (label, text);
  g_free (text);
}

static void
add_column (RsTraceView *self, const char *title, Col col, gboolean expand, int width)
{
  rs_column_view_add (self->column_view, title, G_CALLBACK (setup_cell),
                      G_CALLBACK (bind_cell), GINT_TO_POINTER (col), expand, width);
}

/* ---- state ------------------------------------------------------------------ */

static void
update_count (RsTraceView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = self->trace ? g_list_model_get_n_items (rs_trace_get_model (self->trace)) : 0;
  guint dropped = self->trace ? rs_trace_get_dropped (self->trace) : 0;
  char *text;

  if (dropped > 0)
    /* Translators: messages shown, messages kept, messages let go of */
    text = g_strdup_printf (_("%u of %u messages (%u older dropped)"), shown, total, dropped);
  else if (shown != total)
    text = g_strdup_printf (_("%u of %u messages"), shown, total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message", "%u messages", total), total);
  gtk_label_set_text (self->count_label, text);
  g_free (text);
  gtk_stack_set_visible_child_name (self->list_stack, total > 0 ? "list" : "empty");
}

static gboolean
follow_cb (gpointer data)
{
  RsTraceView *self = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);

  self->follow_id = 0;
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  return G_SOURCE_REMOVE;
}

static void
rows_changed (GListModel *model, guint pos, guint removed, guint added, RsTraceView *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);

  /* Following when at (or near) the bottom before the new rows came. */
  self->follow = gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj)
                 >= gtk_adjustment_get_upper (adj) - 40;
  update_count (self);
  if (self->follow && added > 0 && self->follow_id == 0)
    self->follow_id = g_timeout_add (50, follow_cb, self);
}

static gboolean
filter_func (gpointer item, gpointer data)
{
  RsTraceView *self = data;
  return rs_trace_record_matches (RS_TRACE_RECORD (item), self->filter_text);
}

static gssize
read_bytes (gpointer data, gint64 offset, guint8 *buf, gsize len)
{
  gsize size;
  const guint8 *d = g_bytes_get_data (data, &size);

  if (offset < 0 || (guint64) offset >= size)
    return offset == (gint64) size ? 0 : -1;
  len = MIN (len, size - (gsize) offset);
  memcpy (buf, d + offset, len);
  return (gssize) len;
}

static void
set_caption (RsTraceView *self, const char *text)
{
  g_free (self->caption);
  self->caption = g_strdup (text);
  gtk_label_set_text (self->bytes_caption, text);
}

static void
selection_changed (GtkSingleSelection *sel, GParamSpec *pspec, RsTraceView *self)
{
  RsTraceRecord *r = gtk_single_selection_get_selected_item (sel);
  char *from = NULL;
  GBytes *b = r && self->trace ? rs_trace_dup_bytes (self->trace, rs_trace_record_get_rec (r), &from) : NULL;
  char *text;

  if (b == NULL)
    {
      rs_hex_view_set_source (self->hex_view, NULL, NULL, NULL, 0);
      set_caption (self, r == NULL ? _("Select a read to see its bytes")
                         : rs_trace_record_get_rec (r)->uMsg == MMIOM_READ && rs_trace_record_get_rec (r)->lResult > 0
                         ? _("The file this handle read from is no longer known")
                         : _("This message carried no bytes"));
      return;
    }
  rs_hex_view_set_source (self->hex_view, read_bytes, b,
                          (GDestroyNotify) g_bytes_unref, (gint64) g_bytes_get_size (b));
  {
    const MMIOTRACEREC *rec = rs_trace_record_get_rec (r);
    gsize n = g_bytes_get_size (b);
    char *base = g_path_get_basename (from);
    /* Translators: message name, byte count, file offset, IOProc FOURCC,
     * file name; the bytes are read again from the file */
    text = g_strdup_printf (_("%s: %lu bytes at offset 0x%lX through ‘%s’, from %s%s"),
                            rec->szMsgName, (unsigned long) n, (unsigned long) rec->lDiskBefore,
                            rs_trace_record_get_ioproc (r), base,
                            (gint64) n < (gint64) rec->lResult ? _(" (first bytes only)") : "");
    g_free (base);
  }
  set_caption (self, text);
  g_free (text);
  g_free (from);
}

static void
filter_changed (GtkSearchEntry *entry, RsTraceView *self)
{
  rs_trace_view_set_filter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* ---- API -------------------------------------------------------------------- */

void
rs_trace_view_set_trace (RsTraceView *self, RsTrace *trace)
{
  g_return_if_fail (RS_IS_TRACE_VIEW (self));
  if (self->trace == trace)
    return;
  if (self->trace)
    g_signal_handlers_disconnect_by_data (rs_trace_get_model (self->trace), self);
  g_set_object (&self->trace, trace);
  gtk_filter_list_model_set_model (self->filtered, trace ? rs_trace_get_model (trace) : NULL);
  if (trace)
    g_signal_connect_object (rs_trace_get_model (trace), "items-changed", G_CALLBACK (rows_changed), self, 0);
  update_count (self);
}

RsTrace *
rs_trace_view_get_trace (RsTraceView *self)
{
  return self->trace;
}

void
rs_trace_view_set_filter (RsTraceView *self, const char *filter)
{
  g_return_if_fail (RS_IS_TRACE_VIEW (self));
  g_free (self->filter_text);
  self->filter_text = filter && *filter ? g_utf8_strdown (filter, -1) : NULL;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)), filter ? filter : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), filter ? filter : "");
  /* No function at all when nothing filters: the filter model then passes
   * the rows through without making one object per record. */
  if (self->filter_text)
    gtk_custom_filter_set_filter_func (self->filter, filter_func, self, NULL);
  else
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  update_count (self);
}

GListModel *
rs_trace_view_get_shown (RsTraceView *self)
{
  return G_LIST_MODEL (self->filtered);
}

void
rs_trace_view_select (RsTraceView *self, guint i)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  gtk_single_selection_set_selected (self->selection, i);
  /* GTK 4.8 has no scroll-to for a column view: rows are of one height,
   * so the row's share of the list is its share of the scroll range. */
  if (n > 0 && i < n)
    {
      self->follow = FALSE;
      g_clear_handle_id (&self->follow_id, g_source_remove);
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) * i / n
                                     - gtk_adjustment_get_page_size (adj) / 3);
    }
}

RsHexView *
rs_trace_view_get_hex_view (RsTraceView *self)
{
  return self->hex_view;
}

const char *
rs_trace_view_get_bytes_caption (RsTraceView *self)
{
  return self->caption;
}

gboolean
rs_trace_view_export (RsTraceView *self, const char *dest, GError **error)
{
  if (self->trace == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no trace to export"));
      return FALSE;
    }
  return rs_trace_export (self->trace, dest, error);
}

/* ---- actions ---------------------------------------------------------------- */

static void
toast (RsTraceView *self, const char *text)
{
  GtkWidget *win = gtk_widget_get_ancestor (GTK_WIDGET (self), RS_TYPE_WINDOW);

  if (win)
    rs_window_add_toast (RS_WINDOW (win), text);
}

static void
export_chosen (const char *path, gpointer data)
{
  RsTraceView *self = data;
  GError *error = NULL;

  if (path)
    {
      if (rs_trace_view_export (self, path, &error))
        {
          char *base = g_path_get_basename (path);
          char *msg = g_strdup_printf (_("Saved “%s”"), base);
          toast (self, msg);
          g_free (msg);
          g_free (base);
        }
      else
        {
          toast (self, error->message);
          g_error_free (error);
        }
    }
  g_object_unref (self);
}

static void
export_action (GtkWidget *w, const char *name, GVariant *param)
{
  GtkRoot *root = gtk_widget_get_root (w);

  rs_dialogs_choose_save (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Export Trace"),
                          "trace.txt", export_chosen, g_object_ref (w));
}

static void
clear_action (GtkWidget *w, const char *name, GVariant *param)
{
  RsTraceView *self = RS_TRACE_VIEW (w);

  if (self->trace)
    rs_trace_clear (self->trace);
  update_count (self);
}

/* ---- object ----------------------------------------------------------------- */

static void
rs_trace_view_dispose (GObject *object)
{
  RsTraceView *self = RS_TRACE_VIEW (object);

  g_clear_handle_id (&self->follow_id, g_source_remove);
  if (self->trace)
    g_signal_handlers_disconnect_by_data (rs_trace_get_model (self->trace), self);
  g_clear_object (&self->trace);
  if (self->column_view)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  gtk_widget_dispose_template (GTK_WIDGET (self), RS_TYPE_TRACE_VIEW);
  G_OBJECT_CLASS (rs_trace_view_parent_class)->dispose (object);
}

static void
rs_trace_view_finalize (GObject *object)
{
  RsTraceView *self = RS_TRACE_VIEW (object);

  g_free (self->filter_text);
  g_free (self->caption);
  G_OBJECT_CLASS (rs_trace_view_parent_class)->finalize (object);
}

static void
rs_trace_view_class_init (RsTraceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rs_trace_view_dispose;
  object_class->finalize = rs_trace_view_finalize;
  g_type_ensure (RS_TYPE_HEX_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/riffscope/Riffscope/rs-trace-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RsTraceView, column_view);
  gtk_widget_class_bind_template_child (widget_class, RsTraceView, scroller);
  gtk_widget_class_bind_template_child (widget_class, RsTraceView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RsTraceView, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, RsTraceView, count_label);
  gtk_widget_class_bind_template_child (widget_class, RsTraceView, bytes_caption);
  gtk_widget_class_bind_template_child (widget_class, RsTraceView, hex_view);
  gtk_widget_class_install_action (widget_class, "trace.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "trace.clear", NULL, clear_action);
}

static void
rs_trace_view_init (RsTraceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_column (self, _("#"), COL_SEQ, FALSE, 60);
  add_column (self, _("IOProc"), COL_IOPROC, FALSE, 80);
  add_column (self, _("Message"), COL_MESSAGE, FALSE, 190);
  add_column (self, _("Parameters"), COL_PARAMS, TRUE, -1);
  add_column (self, _("Result"), COL_RESULT, FALSE, 80);
  add_column (self, _("Disk offset"), COL_DISK, FALSE, 120);
  add_column (self, _("Time"), COL_TIME, FALSE, 80);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed), self);
  g_signal_connect (self->filter_entry, "search-changed", G_CALLBACK (filter_changed), self);
  /* Eight bytes a row: the pane beside the list is narrow. */
  rs_hex_view_set_columns (self->hex_view, 8);
  update_count (self);
}

GtkWidget *
rs_trace_view_new (void)
{
  return g_object_new (RS_TYPE_TRACE_VIEW, NULL);
}
