/* rs-elements-view.c — the elements browser. Edits go through
 * rs-compound (the engine's CF calls, which rewrite the file safely); a
 * delete can be undone until the file is compacted, and compacting asks
 * first because it makes deletions final. */
#include "rs-elements-view.h"
#include "rs-column.h"

#include <glib/gi18n.h>
#include "rs-compound.h"
#include "rs-dialogs.h"
#include "rs-element.h"
#include "rs-format.h"

struct _RsElementsView
{
  AdwBin parent_instance;

  char *path;
  gboolean editable;
  GListStore *store;
  GtkSingleSelection *selection;
  char *last_deleted;

  GtkColumnView *column_view;
  GtkWidget *add_button;
  GtkWidget *replace_button;
  GtkWidget *rename_button;
  GtkWidget *delete_button;
  GtkWidget *compact_button;
};

enum { SIGNAL_OPEN_ELEMENT, SIGNAL_TOAST, SIGNAL_CHANGED, SIGNAL_SELECTION_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RsElementsView, rs_elements_view, ADW_TYPE_BIN)

typedef enum { COL_NAME, COL_SIZE, COL_KIND, COL_NOTES } Col;

static void
setup_cell (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);
  Col col = GPOINTER_TO_INT (data);

  gtk_label_set_xalign (GTK_LABEL (label), col == COL_SIZE ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  if (col == COL_SIZE)
    gtk_widget_add_css_class (label, "numeric");
  if (col == COL_NOTES)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (item, label);
}

static char *
notes_text (guint32 flags)
{
  GPtrArray *p = g_ptr_array_new ();
  char *out;

  if (flags & MMIO_ELEMENT_COMPRESSED) g_ptr_array_add (p, (gpointer) _("compressed"));
  if (flags & MMIO_ELEMENT_ENCRYPTED) g_ptr_array_add (p, (gpointer) _("encrypted"));
  if (flags & MMIO_ELEMENT_DAMAGED) g_ptr_array_add (p, (gpointer) _("outside the file"));
  if (flags & MMIO_ELEMENT_OVERLAPS) g_ptr_array_add (p, (gpointer) _("overlaps another element"));
  if (flags & MMIO_ELEMENT_DUPLICATE) g_ptr_array_add (p, (gpointer) _("duplicate name"));
  if (flags & MMIO_ELEMENT_UNSAFE_NAME) g_ptr_array_add (p, (gpointer) _("unsafe name"));
  if (flags & MMIO_ELEMENT_LINK) g_ptr_array_add (p, (gpointer) _("link"));
  g_ptr_array_add (p, NULL);
  out = g_strjoinv (_(", "), (char **) p->pdata);
  g_ptr_array_unref (p);
  return out;
}

static void
bind_cell (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  RsElement *el = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  char *text = NULL;

  switch ((Col) GPOINTER_TO_INT (data))
    {
    case COL_NAME: text = g_strdup (rs_element_get_name (el)); break;
    case COL_SIZE: text = rs_format_size (rs_element_get_size (el)); break;
    case COL_KIND: text = rs_element_dup_kind (el); break;
    case COL_NOTES: text = notes_text (rs_element_get_flags (el)); break;
    }
  gtk_label_set_text (label, text);
  g_free (text);
}

static void
add_column (RsElementsView *self, const char *title, Col col, gboolean expand)
{
  rs_column_view_add (self->column_view, title, G_CALLBACK (setup_cell),
                      G_CALLBACK (bind_cell), GINT_TO_POINTER (col), expand, 0);
}

static void
activate_row (GtkColumnView *view, guint position, RsElementsView *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  rs_elements_view_open_selected (self);
}

static void
toast (RsElementsView *self, const char *message)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

static void
report (RsElementsView *self, GError *error)
{
  toast (self, error->message);
  g_error_free (error);
}

static void
changed (RsElementsView *self)
{
  rs_elements_view_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static GtkWindow *
parent_window (RsElementsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---- commands ------------------------------------------------------------- */

void
rs_elements_view_open_selected (RsElementsView *self)
{
  RsElement *el = rs_elements_view_get_selected (self);
  char *name;

  if (el == NULL)
    return;
  name = g_strdup_printf ("%s%c%s", self->path, CFSEPCHAR, rs_element_get_name (el));
  g_signal_emit (self, signals[SIGNAL_OPEN_ELEMENT], 0, name);
  g_free (name);
}

typedef struct {
  RsElementsView *self;
  char *element;
  char *source;
} Op;

static Op *
op_new (RsElementsView *self, const char *element)
{
  Op *op = g_new0 (Op, 1);
  op->self = g_object_ref (self);
  op->element = g_strdup (element);
  return op;
}

static void
op_free (Op *op)
{
  g_object_unref (op->self);
  g_free (op->element);
  g_free (op->source);
  g_free (op);
}

static void
extract_chosen (const char *dest, gpointer data)
{
  Op *op = data;
  GError *error = NULL;

  if (dest)
    {
      if (rs_compound_extract (op->self->path, op->element, dest, &error))
        {
          char *base = g_path_get_basename (dest);
          char *msg = g_strdup_printf (_("Saved “%s”"), base);
          toast (op->self, msg);
          g_free (msg);
          g_free (base);
        }
      else
        report (op->self, error);
    }
  op_free (op);
}

void
rs_elements_view_extract_selected (RsElementsView *self)
{
  RsElement *el = rs_elements_view_get_selected (self);
  char *suggested;

  if (el == NULL)
    return;
  suggested = g_path_get_basename (rs_element_get_name (el));
  rs_dialogs_choose_save (parent_window (self), _("Extract Element"), suggested,
                          extract_chosen, op_new (self, rs_element_get_name (el)));
  g_free (suggested);
}

static void
add_confirmed (gboolean confirmed, gpointer data)
{
  Op *op = data;
  GError *error = NULL;

  if (confirmed)
    {
      if (rs_compound_add_file (op->self->path, op->element, op->source, TRUE, &error))
        changed (op->self);
      else
        report (op->self, error);
    }
  op_free (op);
}

static void
add_or_replace (Op *op)
{
  GError *error = NULL;

  if (rs_compound_has_element (op->self->path, op->element))
    {
      char *body = g_strdup_printf (_("The compound file already holds an element called “%s”. "
                                      "Replacing it keeps the old bytes until the file is compacted."),
                                    op->element);
      rs_dialogs_confirm (parent_window (op->self), _("Replace Element?"), body, _("_Replace"),
                          TRUE, add_confirmed, op);
      g_free (body);
      return;
    }
  if (rs_compound_add_file (op->self->path, op->element, op->source, FALSE, &error))
    {
      char *msg = g_strdup_printf (_("Added “%s”"), op->element);
      changed (op->self);
      rs_elements_view_select (op->self, op->element);
      toast (op->self, msg);
      g_free (msg);
    }
  else
    report (op->self, error);
  op_free (op);
}

static void
add_chosen (const char *source, gpointer data)
{
  Op *op = data;

  if (source == NULL)
    {
      op_free (op);
      return;
    }
  op->source = g_strdup (source);
  if (op->element == NULL)
    op->element = g_path_get_basename (source);
  add_or_replace (op);
}

void
rs_elements_view_add (RsElementsView *self)
{
  if (!self->editable)
    return;
  rs_dialogs_choose_open (parent_window (self), _("Add Element"), add_chosen, op_new (self, NULL));
}

void
rs_elements_view_replace_selected (RsElementsView *self)
{
  RsElement *el = rs_elements_view_get_selected (self);

  if (!self->editable || el == NULL)
    return;
  rs_dialogs_choose_open (parent_window (self), _("Replace Element"), add_chosen,
                          op_new (self, rs_element_get_name (el)));
}

static void
rename_entered (const char *text, gpointer data)
{
  Op *op = data;
  GError *error = NULL;

  if (text && g_strcmp0 (text, op->element) != 0)
    {
      if (rs_compound_rename (op->self->path, op->element, text, &error))
        {
          changed (op->self);
          rs_elements_view_select (op->self, text);
        }
      else
        report (op->self, error);
    }
  op_free (op);
}

void
rs_elements_view_rename_selected (RsElementsView *self)
{
  RsElement *el = rs_elements_view_get_selected (self);

  if (!self->editable || el == NULL)
    return;
  rs_dialogs_ask_text (parent_window (self), _("Rename Element"), NULL, rs_element_get_name (el),
                       _("_Rename"), rename_entered, op_new (self, rs_element_get_name (el)));
}

static void
undo_clicked (AdwToast *t, RsElementsView *self)
{
  rs_elements_view_undo_delete (self);
}

void
rs_elements_view_delete_selected (RsElementsView *self)
{
  RsElement *el = rs_elements_view_get_selected (self);
  GError *error = NULL;
  char *name;

  if (!self->editable || el == NULL)
    return;
  name = g_strdup (rs_element_get_name (el));
  if (!rs_compound_delete (self->path, name, &error))
    {
      report (self, error);
      g_free (name);
      return;
    }
  g_free (self->last_deleted);
  self->last_deleted = name;
  changed (self);
  {
    GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
    char *msg = g_strdup_printf (_("Deleted “%s”"), name);
    if (overlay)
      {
        AdwToast *t = adw_toast_new (msg);
        adw_toast_set_button_label (t, _("_Undo"));
        adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
        g_signal_connect_object (t, "button-clicked", G_CALLBACK (undo_clicked), self, 0);
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
      }
    g_free (msg);
  }
}

gboolean
rs_elements_view_undo_delete (RsElementsView *self)
{
  GError *error = NULL;
  char *name = g_steal_pointer (&self->last_deleted);
  gboolean ok;

  if (name == NULL)
    return FALSE;
  ok = rs_compound_undelete (self->path, name, &error);
  if (ok)
    {
      changed (self);
      rs_elements_view_select (self, name);
    }
  else
    report (self, error);
  g_free (name);
  return ok;
}

static void
compact_confirmed (gboolean confirmed, gpointer data)
{
  RsElementsView *self = data;
  GError *error = NULL;

  if (confirmed)
    {
      if (rs_compound_compact (self->path, &error))
        {
          g_clear_pointer (&self->last_deleted, g_free);
          changed (self);
          toast (self, _("Compacted"));
        }
      else
        report (self, error);
    }
  g_object_unref (self);
}

void
rs_elements_view_compact (RsElementsView *self)
{
  if (!self->editable)
    return;
  rs_dialogs_confirm (parent_window (self), _("Compact Compound File?"),
                      _("Compacting removes the bytes of deleted and replaced elements for good: "
                        "they can no longer be restored."),
                      _("_Compact"), TRUE, compact_confirmed, g_object_ref (self));
}

/* ---- state ---------------------------------------------------------------- */

void
rs_elements_view_reload (RsElementsView *self)
{
  GError *error = NULL;
  GListStore *store;
  char *keep = NULL;
  RsElement *sel = rs_elements_view_get_selected (self);

  if (sel)
    keep = g_strdup (rs_element_get_name (sel));
  g_list_store_remove_all (self->store);
  if (self->path == NULL)
    return;
  store = rs_compound_list (self->path, &error);
  if (store == NULL)
    {
      report (self, error);
      g_free (keep);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      GObject *o = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_list_store_append (self->store, o);
      g_object_unref (o);
    }
  g_object_unref (store);
  if (keep)
    rs_elements_view_select (self, keep);
  g_free (keep);
}

void
rs_elements_view_set_container (RsElementsView *self, const char *path, gboolean editable)
{
  g_return_if_fail (RS_IS_ELEMENTS_VIEW (self));
  if (g_strcmp0 (self->path, path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      g_clear_pointer (&self->last_deleted, g_free);
    }
  self->editable = editable;
  gtk_widget_set_visible (self->add_button, editable);
  gtk_widget_set_visible (self->replace_button, editable);
  gtk_widget_set_visible (self->rename_button, editable);
  gtk_widget_set_visible (self->delete_button, editable);
  gtk_widget_set_visible (self->compact_button, editable);
  rs_elements_view_reload (self);
}

const char *rs_elements_view_get_container (RsElementsView *self) { return self->path; }
gboolean rs_elements_view_is_editable (RsElementsView *self) { return self->editable; }
GListModel *rs_elements_view_get_model (RsElementsView *self) { return G_LIST_MODEL (self->store); }

RsElement *
rs_elements_view_get_selected (RsElementsView *self)
{
  g_return_val_if_fail (RS_IS_ELEMENTS_VIEW (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

gboolean
rs_elements_view_select (RsElementsView *self, const char *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RsElement) el = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      if (g_strcmp0 (rs_element_get_name (el), name) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
rs_elements_view_dispose (GObject *object)
{
  RsElementsView *self = RS_ELEMENTS_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RS_TYPE_ELEMENTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rs_elements_view_parent_class)->dispose (object);
}

static void
rs_elements_view_finalize (GObject *object)
{
  RsElementsView *self = RS_ELEMENTS_VIEW (object);

  g_free (self->path);
  g_free (self->last_deleted);
  G_OBJECT_CLASS (rs_elements_view_parent_class)->finalize (object);
}

static void
selection_notify (RsElementsView *self)
{
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

static void
rs_elements_view_class_init (RsElementsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rs_elements_view_dispose;
  object_class->finalize = rs_elements_view_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/riffscope/Riffscope/rs-elements-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RsElementsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, RsElementsView, add_button);
  gtk_widget_class_bind_template_child (widget_class, RsElementsView, replace_button);
  gtk_widget_class_bind_template_child (widget_class, RsElementsView, rename_button);
  gtk_widget_class_bind_template_child (widget_class, RsElementsView, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RsElementsView, compact_button);

  signals[SIGNAL_OPEN_ELEMENT] = g_signal_new ("open-element", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The container's file was rewritten. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  signals[SIGNAL_SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                    G_TYPE_NONE, 0);
}

static void
rs_elements_view_init (RsElementsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->store = g_list_store_new (RS_TYPE_ELEMENT);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_column (self, _("Name"), COL_NAME, TRUE);
  add_column (self, _("Size"), COL_SIZE, FALSE);
  add_column (self, _("Media type"), COL_KIND, FALSE);
  add_column (self, _("Notes"), COL_NOTES, FALSE);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (activate_row), self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_notify), self);
}
