/* rs-page.c — the inspector tab. It shows what its RsDocument holds and
 * keeps the tree, the details pane and the hex view pointing at the same
 * chunk: choosing a row highlights its bytes, selecting bytes chooses the
 * deepest chunk that holds them. */
#include "rs-page.h"
#include "rs-column.h"

#include <glib/gi18n.h>
#include <string.h>
#include "rs-document.h"
#include "rs-elements-view.h"
#include "rs-format.h"
#include "rs-hex-view.h"
#include "rs-node.h"
#include "rs-node-list.h"
#include "rs-compound.h"

struct _RsPage
{
  AdwBin parent_instance;

  RsDocument *document;
  GtkTreeListModel *tree_model;
  GtkSingleSelection *selection;
  MmioNodeId selected;
  gboolean from_hex;
  gboolean container;
  guint scroll_target;
  guint scroll_tick;
  guint scroll_frames;
  char *format_title;
  char *initial_view;
  gint64 initial_offset;

  GtkRevealer *loading_revealer;
  GtkLabel *loading_label;
  GtkProgressBar *progress_bar;
  GtkImage *format_icon;
  GtkLabel *format_title_label;
  GtkLabel *format_subtitle;
  GtkBox *facts_box;
  GtkButton *findings_button;
  AdwViewStack *view_stack;
  AdwViewStackPage *elements_page;
  AdwViewStackPage *problems_page;
  GtkColumnView *tree_view;
  GtkLabel *details_title;
  GtkListBox *fields_list;
  GtkListBox *findings_list;
  GtkListBox *problems_list;
  RsHexView *hex_view;
  RsElementsView *elements_view;
  GMenuModel *bytes_menu;
  GtkWidget *context_popover;
};

enum { SIGNAL_OPEN_ELEMENT, SIGNAL_TOAST, SIGNAL_STATE_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RsPage, rs_page, ADW_TYPE_BIN)

/* ---- words for findings -------------------------------------------------- */

static const struct {
  const char *rule;
  const char *explanation;
} rule_words[] = {
  { MMIO_RULE_SIZE_PAST_PARENT, N_("A chunk may not reach past the end of the list or form that holds it. Its size was cut to fit, so the bytes after it were read as the parent’s next chunks.") },
  { MMIO_RULE_SIZE_PAST_EOF, N_("The chunk says it is longer than what is left of the file; the file was probably cut short. Only the bytes present are shown.") },
  { MMIO_RULE_TRUNCATED_FILE, N_("The file ends before the form it starts is complete, as when a download or a recording was interrupted.") },
  { MMIO_RULE_TRUNCATED_HEADER, N_("Fewer than eight bytes are left where a chunk header should be: the file ends in the middle of a header.") },
  { MMIO_RULE_MISSING_PAD, N_("A chunk with an odd size must be followed by one pad byte so the next chunk starts on an even offset. The pad byte is missing.") },
  { MMIO_RULE_ODD_SIZE, N_("A RIFF or LIST chunk holds whole chunks, so its size should be even.") },
  { MMIO_RULE_LIST_TOO_SMALL, N_("A RIFF or LIST chunk needs at least four bytes for its type.") },
  { MMIO_RULE_FMT_AFTER_DATA, N_("A WAVE file should describe its sound format (‘fmt ’) before the samples (‘data’); streaming readers need it first.") },
  { MMIO_RULE_DUPLICATE_RIFF, N_("A second top-level form follows the first. Most readers stop after the first one.") },
  { MMIO_RULE_UNKNOWN_TOP_LEVEL, N_("The file does not start with a RIFF form or a MIDI header; it may be another kind of file.") },
  { MMIO_RULE_FACT_MISMATCH, N_("The sample count in the ‘fact’ chunk does not agree with the length of the ‘data’ chunk.") },
  { MMIO_RULE_BAD_FOURCC, N_("A chunk ID should be four printable ASCII characters; this one is not, which usually means the reader lost its place.") },
  { MMIO_RULE_DS64, N_("An RF64 file keeps its real sizes in a ‘ds64’ chunk right after the header; it is missing or unusable.") },
  { MMIO_RULE_SMF_TRACKS, N_("The MIDI header announces a different number of tracks than the file holds.") },
  { MMIO_RULE_DEPTH_LIMIT, N_("Lists are nested deeper than the inspector follows; the deepest ones are not opened.") },
  { MMIO_RULE_NODE_LIMIT, N_("The file has more chunks than the inspector lists; the rest are not shown.") },
  { MMIO_RULE_NOT_RIFF, N_("No chunk structure was found at all: this is not a RIFF file.") },
  { MMIO_RULE_SUPPRESSED, N_("The same problem occurs many more times; only the first ones are listed.") },
};

static const char *
explain_rule (const char *rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_words); i++)
    if (g_strcmp0 (rule_words[i].rule, rule) == 0)
      return _(rule_words[i].explanation);
  return NULL;
}

static const char *
level_icon (MmioFindingLevel level)
{
  switch (level)
    {
    case MMIO_FINDING_ERROR: return "dialog-error-symbolic";
    case MMIO_FINDING_WARNING: return "dialog-warning-symbolic";
    default: return "dialog-information-symbolic";
    }
}

static const char *
level_class (MmioFindingLevel level)
{
  switch (level)
    {
    case MMIO_FINDING_ERROR: return "error";
    case MMIO_FINDING_WARNING: return "warning";
    default: return "accent";
    }
}

/* ---- small helpers -------------------------------------------------------- */

static void
list_box_clear (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_list_box_remove (box, child);
}

static void
box_clear (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_box_remove (box, child);
}

static GtkWidget *
field_row (const char *label, const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *val = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_label_set_selectable (GTK_LABEL (val), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (val), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (val), 1);
  gtk_label_set_width_chars (GTK_LABEL (val), MIN (g_utf8_strlen (value, -1), 28));
  gtk_label_set_max_width_chars (GTK_LABEL (val), 48);
  gtk_widget_set_tooltip_text (val, value);
  gtk_widget_add_css_class (val, "field-value");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), val);
  return row;
}

static GtkWidget *
finding_row (const MmioFinding *f, gboolean with_place, MmioTree *tree)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (level_icon (f->level));
  const char *words = explain_rule (f->rule);
  char *off = rs_format_offset (f->lOffset);
  char *sub;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->message ? f->message : f->rule);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (with_place && f->node != MMIO_NODE_NONE)
    {
      MmioNode n;
      char *fcc = mmio_tree_get_node (tree, f->node, &n) ? rs_format_fourcc (n.ckid) : g_strdup ("?");
      /* Translators: where a problem is: chunk, offset, rule id */
      sub = g_strdup_printf (_("‘%s’ at %s · %s"), fcc, off, f->rule);
      g_free (fcc);
    }
  else
    /* Translators: where a problem is: offset, rule id */
    sub = g_strdup_printf (_("At %s · %s"), off, f->rule);
  if (words)
    {
      char *both = g_strdup_printf ("%s\n%s", words, sub);
      g_free (sub);
      sub = both;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
  gtk_widget_add_css_class (icon, level_class (f->level));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "rs-node", GUINT_TO_POINTER (f->node));
  g_object_set_data (G_OBJECT (row), "rs-rule", (gpointer) g_intern_string (f->rule));
  g_free (off);
  g_free (sub);
  return row;
}

static MmioTree *
page_tree (RsPage *self)
{
  return self->document ? rs_document_get_tree (self->document) : NULL;
}

/* ---- tree columns ---------------------------------------------------------- */

static GListModel *
create_children (gpointer item, gpointer user_data)
{
  return rs_node_create_children (RS_NODE (item));
}

static RsNode *
row_node (GtkListItem *item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  return row ? gtk_tree_list_row_get_item (row) : NULL;
}

static void
setup_name (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *badge = gtk_image_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "fourcc");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);
}

static void
bind_name (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *badge = gtk_widget_get_last_child (box);
  RsNode *node = row_node (item);
  char *name = rs_node_dup_name (node);
  int level = rs_node_get_finding_level (node);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), gtk_list_item_get_item (item));
  gtk_label_set_text (GTK_LABEL (label), name);
  if (rs_node_is_group (node))
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
  gtk_widget_set_visible (badge, level >= 0);
  gtk_widget_remove_css_class (badge, "error");
  gtk_widget_remove_css_class (badge, "warning");
  gtk_widget_remove_css_class (badge, "accent");
  if (level >= 0)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (badge), level_icon (level));
      gtk_widget_add_css_class (badge, level_class (level));
      gtk_widget_set_tooltip_text (badge, level == MMIO_FINDING_ERROR ? _("This chunk has errors")
                                   : _("This chunk has warnings"));
    }
  g_free (name);
}

typedef enum { COL_TYPE, COL_OFFSET, COL_SIZE, COL_SUMMARY } Col;

static void
setup_text (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);
  Col col = GPOINTER_TO_INT (data);

  gtk_label_set_xalign (GTK_LABEL (label), col == COL_OFFSET || col == COL_SIZE ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (col != COL_SUMMARY)
    gtk_widget_add_css_class (label, "numeric");
  if (col == COL_TYPE)
    gtk_widget_add_css_class (label, "fourcc");
  if (col == COL_SUMMARY)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (item, label);
}

static void
bind_text (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  RsNode *node = row_node (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  char *text = NULL;
  gint64 s, e;
  MmioNode n;

  switch ((Col) GPOINTER_TO_INT (data))
    {
    case COL_TYPE:
      text = rs_node_dup_type (node);
      break;
    case COL_OFFSET:
      rs_node_get_span (node, &s, &e);
      text = rs_format_offset (s);
      break;
    case COL_SIZE:
      if (rs_node_get_node (node, &n))
        text = g_strdup_printf ("%'" G_GINT64_FORMAT, (gint64) n.lSize);
      else
        {
          rs_node_get_span (node, &s, &e);
          text = g_strdup_printf ("%'" G_GINT64_FORMAT, e - s);
        }
      break;
    case COL_SUMMARY:
      text = rs_node_dup_summary (node);
      break;
    }
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text && text[0] ? text : NULL);
  g_free (text);
}

static void
add_column (RsPage *self, const char *title, GCallback setup, GCallback bind,
            gpointer data, gboolean expand, int fixed)
{
  rs_column_view_add (self->tree_view, title, setup, bind, data, expand, fixed);
}

/* ---- details ------------------------------------------------------------ */

static void
show_details (RsPage *self, RsNode *node)
{
  MmioTree *tree = page_tree (self);
  MmioNode n;
  gint64 s, e;
  char *t;

  list_box_clear (self->fields_list);
  list_box_clear (self->findings_list);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), FALSE);

  if (node == NULL)
    {
      gtk_label_set_text (self->details_title, _("Select a chunk to see its fields"));
      gtk_widget_set_visible (GTK_WIDGET (self->fields_list), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->fields_list), TRUE);
  rs_node_get_span (node, &s, &e);
  if (rs_node_is_group (node))
    {
      char *name = rs_node_dup_name (node);
      gtk_label_set_text (self->details_title, name);
      t = rs_format_offset (s);
      gtk_list_box_append (self->fields_list, field_row (_("First byte"), t));
      g_free (t);
      t = rs_format_size (e - s);
      gtk_list_box_append (self->fields_list, field_row (_("Span"), t));
      g_free (t);
      g_free (name);
      return;
    }
  if (!rs_node_get_node (node, &n))
    return;
  rs_tree_ref_describe (rs_node_get_tree_ref (node), rs_node_get_id (node));

  {
    char *fcc = rs_format_fourcc (n.ckid);
    char *type = (n.dwFlags & MMIO_NODE_CONTAINER) ? rs_format_fourcc (n.fccType) : NULL;
    /* Translators: details heading: "'LIST' chunk, type 'INFO'" */
    t = type ? g_strdup_printf (_("‘%s’ chunk, type ‘%s’"), fcc, type)
             : g_strdup_printf (_("‘%s’ chunk"), fcc);
    gtk_label_set_text (self->details_title, t);
    g_free (t);
    g_free (fcc);
    g_free (type);
  }
  t = rs_format_offset (n.lOffset);
  gtk_list_box_append (self->fields_list, field_row (_("Offset"), t));
  g_free (t);
  t = rs_format_size (n.lSize);
  gtk_list_box_append (self->fields_list, field_row (_("Declared size"), t));
  g_free (t);
  if (n.dwFlags & MMIO_NODE_CLAMPED)
    {
      t = rs_format_size (n.lClampedSize);
      gtk_list_box_append (self->fields_list, field_row (_("Size in file"), t));
      g_free (t);
    }
  if (n.dwFlags & MMIO_NODE_CONTAINER)
    {
      t = g_strdup_printf ("%u", (guint) n.ulChildren);
      gtk_list_box_append (self->fields_list, field_row (_("Chunks inside"), t));
      g_free (t);
    }
  for (ULONG i = 0; i < mmio_tree_n_fields (tree, rs_node_get_id (node)); i++)
    {
      MmioField f;
      if (!mmio_tree_get_field (tree, rs_node_get_id (node), i, &f))
        continue;
      t = f.unit && f.unit[0] ? g_strdup_printf ("%s %s", f.value ? f.value : "", f.unit)
                              : g_strdup (f.value ? f.value : "");
      {
        GtkWidget *row = field_row (f.label ? f.label : f.key, t);
        g_object_set_data_full (G_OBJECT (row), "rs-key", g_strdup (f.key), g_free);
        gtk_list_box_append (self->fields_list, row);
      }
      g_free (t);
    }
  {
    ULONG nf = rs_tree_ref_is_preview (rs_node_get_tree_ref (node))
               ? 0 : mmio_tree_node_n_findings (tree, rs_node_get_id (node));
    for (ULONG i = 0; i < nf; i++)
      {
        MmioFinding f;
        if (mmio_tree_node_get_finding (tree, rs_node_get_id (node), i, &f))
          gtk_list_box_append (self->findings_list, finding_row (&f, FALSE, tree));
      }
    gtk_widget_set_visible (GTK_WIDGET (self->findings_list), nf > 0);
  }
}

static void
selection_changed (GtkSingleSelection *selection, GParamSpec *pspec, RsPage *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  RsNode *node = row ? gtk_tree_list_row_get_item (row) : NULL;

  self->selected = node ? rs_node_get_id (node) : MMIO_NODE_NONE;
  show_details (self, node);
  if (node && !self->from_hex)
    {
      gint64 s, e;
      rs_node_get_span (node, &s, &e);
      rs_hex_view_set_selection (self->hex_view, s, e);
      rs_hex_view_scroll_to (self->hex_view, s);
    }
  g_clear_object (&node);
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0);
}

/* ---- selecting by node id ---------------------------------------------------- */

static guint
child_index (MmioTree *tree, MmioNodeId parent, MmioNodeId id)
{
  /* Children are in file order and ids are pre-order: ids grow with the
   * index, so a binary search finds it. */
  guint lo = 0, hi = mmio_tree_n_children (tree, parent);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      MmioNodeId c = mmio_tree_child (tree, parent, mid);
      if (c == id)
        return mid;
      if (c < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static GtkTreeListRow *
child_row (RsPage *self, GtkTreeListRow *parent, guint pos)
{
  if (parent == NULL)
    return gtk_tree_list_model_get_child_row (self->tree_model, pos);
  gtk_tree_list_row_set_expanded (parent, TRUE);
  return gtk_tree_list_row_get_child_row (parent, pos);
}

static GtkTreeListRow *
descend (RsPage *self, GtkTreeListRow *parent, guint index)
{
  GListModel *list = parent ? gtk_tree_list_row_get_children (parent)
                            : gtk_tree_list_model_get_model (self->tree_model);
  gboolean grouped = FALSE;
  guint pos;
  GtkTreeListRow *row;

  if (parent && list == NULL)
    {
      gtk_tree_list_row_set_expanded (parent, TRUE);
      list = gtk_tree_list_row_get_children (parent);
    }
  if (!RS_IS_NODE_LIST (list))
    return NULL;
  pos = rs_node_list_locate (RS_NODE_LIST (list), index, &grouped);
  row = child_row (self, parent, pos);
  if (row && grouped)
    {
      GtkTreeListRow *inner;
      gtk_tree_list_row_set_expanded (row, TRUE);
      list = gtk_tree_list_row_get_children (row);
      inner = RS_IS_NODE_LIST (list)
              ? child_row (self, row, rs_node_list_locate (RS_NODE_LIST (list), index, NULL))
              : NULL;
      g_object_unref (row);
      row = inner;
    }
  return row;
}

static double
row_height (RsPage *self)
{
  /* The height of a row on screen: rows are all one line high. */
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->tree_view)); c;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_VIEW (c))
      for (GtkWidget *r = gtk_widget_get_first_child (c); r; r = gtk_widget_get_next_sibling (r))
        if (gtk_widget_get_height (r) > 0)
          return gtk_widget_get_height (r);
  return 0;
}

static gboolean
scroll_tree_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  RsPage *self = RS_PAGE (data);
  GtkWidget *sw = gtk_widget_get_ancestor (GTK_WIDGET (self->tree_view), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = sw ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw)) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint position = self->scroll_target;
  double upper, page, row = row_height (self), y, value;

  if (adj == NULL || n == 0 || position >= n || self->scroll_frames++ > 60)
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  /* Rows not laid out yet (the window is still being shown). */
  if (row <= 0)
    return G_SOURCE_CONTINUE;
  upper = gtk_adjustment_get_upper (adj);
  page = gtk_adjustment_get_page_size (adj);
  y = position * row;
  /* Wait until the list has grown to hold the rows just expanded. */
  if (upper < y + row)
    return G_SOURCE_CONTINUE;
  value = gtk_adjustment_get_value (adj);
  if (y < value || y + row > value + page)
    gtk_adjustment_set_value (adj, CLAMP (y - page / 3, 0, MAX (0, upper - page)));
  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
scroll_tree_to (RsPage *self, guint position)
{
  /* GTK 4.8 has no gtk_column_view_scroll_to(), and its inner
   * list.scroll-to-item lays out every row in between — seconds in a
   * list of thousands. Scroll on the next frame, once the list has
   * measured the rows just expanded. */
  self->scroll_target = position;
  self->scroll_frames = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->tree_view), scroll_tree_tick,
                                                      self, NULL);
}

gboolean
rs_page_select_node (RsPage *self, MmioNodeId id)
{
  MmioTree *tree = page_tree (self);
  GArray *chain;
  GtkTreeListRow *row = NULL;
  MmioNode n;
  guint position;

  g_return_val_if_fail (RS_IS_PAGE (self), FALSE);
  if (tree == NULL || self->tree_model == NULL || !mmio_tree_get_node (tree, id, &n))
    return FALSE;

  chain = g_array_new (FALSE, FALSE, sizeof (MmioNodeId));
  for (MmioNodeId c = id; c != MMIO_NODE_NONE; )
    {
      g_array_prepend_val (chain, c);
      if (!mmio_tree_get_node (tree, c, &n))
        break;
      c = n.parent;
    }
  for (guint i = 0; i < chain->len; i++)
    {
      MmioNodeId c = g_array_index (chain, MmioNodeId, i);
      MmioNodeId p = i ? g_array_index (chain, MmioNodeId, i - 1) : MMIO_NODE_NONE;
      GtkTreeListRow *next = descend (self, row, child_index (tree, p, c));
      g_clear_object (&row);
      row = next;
      if (row == NULL)
        break;
    }
  g_array_unref (chain);
  if (row == NULL)
    return FALSE;
  position = gtk_tree_list_row_get_position (row);
  g_object_unref (row);
  gtk_single_selection_set_selected (self->selection, position);
  scroll_tree_to (self, position);
  return TRUE;
}

MmioNodeId
rs_page_get_selected_node (RsPage *self)
{
  g_return_val_if_fail (RS_IS_PAGE (self), MMIO_NODE_NONE);
  return self->selected;
}

static void
bytes_selected (RsHexView *hex, gint64 start, gint64 end, RsPage *self)
{
  MmioTree *tree = page_tree (self);
  MmioNodeId id;

  if (tree == NULL)
    return;
  id = mmio_tree_node_at_offset (tree, start);
  if (id == MMIO_NODE_NONE || id == self->selected)
    return;
  self->from_hex = TRUE;
  rs_page_select_node (self, id);
  self->from_hex = FALSE;
}

void
rs_page_goto_offset (RsPage *self, gint64 offset)
{
  gint64 size = rs_hex_view_get_size (self->hex_view);

  if (size <= 0)
    return;
  offset = CLAMP (offset, 0, size - 1);
  rs_page_show_view (self, "structure");
  rs_hex_view_set_selection (self->hex_view, offset, offset + 1);
  rs_hex_view_scroll_to (self->hex_view, offset);
  bytes_selected (self->hex_view, offset, offset + 1, self);
}

/* ---- summary ---------------------------------------------------------------- */

static const char *
media_type_name (ULONG media)
{
  if (media & MMIO_MEDIATYPE_AUDIO) return _("Audio");
  if (media & MMIO_MEDIATYPE_MIDI) return _("MIDI");
  if (media & MMIO_MEDIATYPE_MOVIE) return _("Movie");
  if (media & MMIO_MEDIATYPE_DIGITALVIDEO) return _("Digital video");
  if (media & MMIO_MEDIATYPE_ANIMATION) return _("Animation");
  if (media & MMIO_MEDIATYPE_IMAGE) return _("Image");
  if (media & MMIO_MEDIATYPE_COMPOUND) return _("Compound file");
  if (media & MMIO_MEDIATYPE_OTHER) return _("Other data");
  return _("Unknown media");
}

static const char *
media_type_icon (ULONG media)
{
  if (media & MMIO_MEDIATYPE_AUDIO) return "audio-x-generic-symbolic";
  if (media & MMIO_MEDIATYPE_MIDI) return "audio-x-generic-symbolic";
  if (media & (MMIO_MEDIATYPE_MOVIE | MMIO_MEDIATYPE_DIGITALVIDEO | MMIO_MEDIATYPE_ANIMATION))
    return "video-x-generic-symbolic";
  if (media & MMIO_MEDIATYPE_IMAGE) return "image-x-generic-symbolic";
  if (media & MMIO_MEDIATYPE_COMPOUND) return "package-x-generic-symbolic";
  return "text-x-generic-symbolic";
}

static const char *
ioproc_type_name (ULONG type)
{
  if (type & MMIO_IOPROC_FILEFORMAT) return _("file-format IOProc");
  if (type & MMIO_IOPROC_STORAGESYSTEM) return _("storage-system IOProc");
  if (type & MMIO_IOPROC_DATAFORMAT) return _("data-format IOProc");
  return _("IOProc");
}

static char *
capabilities_text (ULONG flags)
{
  GPtrArray *parts = g_ptr_array_new ();
  char *out;

  if (flags & (MMIO_CANREADTRANSLATED | MMIO_CANREADUNTRANSLATED))
    g_ptr_array_add (parts, (gpointer) _("reads"));
  if (flags & (MMIO_CANWRITETRANSLATED | MMIO_CANWRITEUNTRANSLATED))
    g_ptr_array_add (parts, (gpointer) _("writes"));
  if (flags & (MMIO_CANSEEKTRANSLATED | MMIO_CANSEEKUNTRANSLATED))
    g_ptr_array_add (parts, (gpointer) _("seeks"));
  if (flags & (MMIO_CANREADTRANSLATED | MMIO_CANWRITETRANSLATED))
    g_ptr_array_add (parts, (gpointer) _("translates"));
  g_ptr_array_add (parts, NULL);
  /* Translators: separator in a list of capabilities */
  out = g_strjoinv (_(", "), (char **) parts->pdata);
  g_ptr_array_unref (parts);
  return out;
}

static void
fact_clicked (GtkButton *button, RsPage *self)
{
  rs_page_show_view (self, "structure");
  rs_page_select_node (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "rs-node")));
}

static void
update_summary (RsPage *self)
{
  MMFORMATINFO fi;
  gboolean known = rs_document_get_format (self->document, &fi);
  const char *name = rs_document_get_format_name (self->document);
  GPtrArray *facts = rs_document_get_facts (self->document);
  GString *sub = g_string_new (NULL);
  char *size = rs_format_size (rs_document_get_size (self->document));
  MmioTree *tree = page_tree (self);

  g_free (self->format_title);
  if (self->container)
    {
      guint n = g_list_model_get_n_items (rs_elements_view_get_model (self->elements_view));
      gboolean editable = rs_elements_view_is_editable (self->elements_view);
      self->format_title = g_strdup (editable ? _("Compound file") : _("Archive"));
      g_string_append_printf (sub, g_dngettext (GETTEXT_PACKAGE, "%u element", "%u elements", n), n);
      if (known && fi.ulIOProcType == MMIO_IOPROC_FILEFORMAT)
        {
          char *fcc = rs_format_fourcc (fi.fccIOProc);
          /* Translators: which IOProc describes the chunks of a compound file */
          g_string_append (sub, " · ");
          g_string_append_printf (sub, _("chunks described by ‘%s’"), fcc);
          g_free (fcc);
        }
      gtk_image_set_from_icon_name (self->format_icon, "package-x-generic-symbolic");
    }
  else if (known && fi.ulIOProcType == MMIO_IOPROC_FILEFORMAT)
    {
      char *fcc = rs_format_fourcc (fi.fccIOProc);
      char *caps = capabilities_text (fi.ulFlags);
      self->format_title = g_strdup (name && name[0] ? name : fcc);
      /* Translators: "Audio · 'WAVE' file-format IOProc · reads, seeks" */
      g_string_append_printf (sub, _("%s · ‘%s’ %s"), media_type_name (fi.ulMediaType), fcc,
                              ioproc_type_name (fi.ulIOProcType));
      if (caps[0])
        g_string_append_printf (sub, " · %s", caps);
      gtk_image_set_from_icon_name (self->format_icon, media_type_icon (fi.ulMediaType));
      g_free (fcc);
      g_free (caps);
    }
  else if (tree && mmio_tree_n_nodes (tree) > 0 && mmio_tree_count_rule (tree, MMIO_RULE_NOT_RIFF) == 0)
    {
      MmioNode n;
      char *form = NULL;
      if (mmio_tree_get_node (tree, 0, &n) && (n.dwFlags & MMIO_NODE_CONTAINER))
        form = rs_format_fourcc (n.fccType);
      /* Translators: a RIFF file no installed IOProc claimed; %s is its form type */
      self->format_title = form ? g_strdup_printf (_("RIFF ‘%s’ form"), form)
                                : g_strdup (_("Chunk file"));
      g_string_append (sub, _("No installed IOProc claims this file"));
      gtk_image_set_from_icon_name (self->format_icon, self->container
                                    ? "package-x-generic-symbolic" : "text-x-generic-symbolic");
      g_free (form);
    }
  else
    {
      self->format_title = g_strdup (rs_document_get_loading (self->document)
                                     ? _("Reading…") : _("Unidentified data"));
      gtk_image_set_from_icon_name (self->format_icon, "text-x-generic-symbolic");
    }
  if (rs_document_get_storage (self->document))
    {
      char *ss = rs_format_fourcc (rs_document_get_storage (self->document));
      if (sub->len)
        g_string_append (sub, " · ");
      /* Translators: the storage system IOProc, e.g. "stored by 'BND '" */
      g_string_append_printf (sub, _("stored by ‘%s’"), ss);
      g_free (ss);
    }
  g_string_append_printf (sub, "%s%s", sub->len ? " · " : "", size);
  gtk_label_set_text (self->format_title_label, self->format_title);
  gtk_label_set_text (self->format_subtitle, sub->str);

  box_clear (self->facts_box);
  for (guint i = 0; i < facts->len; i++)
    {
      RsFact *f = g_ptr_array_index (facts, i);
      char *text = g_strdup_printf ("%s: %s", f->label, f->value);
      char *tip;
      MmioNode n;
      GtkWidget *b = gtk_button_new_with_label (text);
      char *fcc = mmio_tree_get_node (tree, f->node, &n) ? rs_format_fourcc (n.ckid) : g_strdup ("");
      /* Translators: tooltip of a fact in the summary; %s is a chunk id */
      tip = g_strdup_printf (_("Said by the ‘%s’ chunk — click to select it"), fcc);
      gtk_widget_set_tooltip_text (b, tip);
      gtk_widget_add_css_class (b, "fact");
      gtk_widget_add_css_class (b, "flat");
      g_object_set_data (G_OBJECT (b), "rs-node", GUINT_TO_POINTER (f->node));
      g_signal_connect (b, "clicked", G_CALLBACK (fact_clicked), self);
      gtk_box_append (self->facts_box, b);
      g_free (text);
      g_free (tip);
      g_free (fcc);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->facts_box), facts->len > 0);
  g_string_free (sub, TRUE);
  g_free (size);
}

static void
problem_activated (GtkListBox *box, GtkListBoxRow *row, RsPage *self)
{
  MmioNodeId id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "rs-node"));

  rs_page_show_view (self, "structure");
  if (id != MMIO_NODE_NONE)
    rs_page_select_node (self, id);
}

static void
update_problems (RsPage *self)
{
  MmioTree *tree = page_tree (self);
  ULONG n = tree && !rs_tree_ref_is_preview (rs_document_get_tree_ref (self->document))
            ? mmio_tree_n_findings (tree) : 0;

  /* An archive is no chunk file: that its bytes break RIFF rules is no
   * problem of the archive. */
  if (self->container && tree && mmio_tree_count_rule (tree, MMIO_RULE_NOT_RIFF) > 0)
    n = 0;
  const char *error = rs_document_get_error (self->document);
  int worst = -1;

  list_box_clear (self->problems_list);
  for (ULONG i = 0; i < n && i < 2000; i++)
    {
      MmioFinding f;
      GtkWidget *row;
      if (!mmio_tree_get_finding (tree, i, &f))
        continue;
      row = finding_row (&f, TRUE, tree);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->problems_list, row);
      worst = MAX (worst, (int) f.level);
    }
  if (error)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-error-symbolic"));
      gtk_list_box_prepend (self->problems_list, row);
      worst = MMIO_FINDING_ERROR;
      n++;
    }
  adw_view_stack_page_set_visible (self->problems_page, n > 0);
  adw_view_stack_page_set_badge_number (self->problems_page, n);
  adw_view_stack_page_set_needs_attention (self->problems_page, worst >= MMIO_FINDING_WARNING);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_button), n > 0);
  if (n > 0)
    {
      char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem", "%u problems", n), (guint) n);
      GtkWidget *content = adw_button_content_new ();
      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), level_icon (MAX (worst, 0)));
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
      gtk_button_set_child (self->findings_button, content);
      gtk_widget_remove_css_class (GTK_WIDGET (self->findings_button), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->findings_button), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->findings_button), level_class (MAX (worst, 0)));
      g_free (label);
    }
}

static void
findings_button_clicked (GtkButton *button, RsPage *self)
{
  rs_page_show_view (self, "problems");
}

/* ---- loading ------------------------------------------------------------------ */

static gssize
hex_read (gpointer data, gint64 offset, guint8 *buf, gsize len)
{
  return rs_tree_ref_read (data, offset, buf, len);
}

static void
document_loaded (RsDocument *doc, gboolean preview, RsPage *self)
{
  RsTreeRef *ref = rs_document_get_tree_ref (doc);
  MmioTree *tree = rs_tree_ref_get_tree (ref);
  gint64 keep_offset = -1;
  FOURCC keep_id = 0;
  GListModel *root;

  /* Remember the selected chunk by place and id, to find it again in the
   * new tree after a reload. */
  if (self->selected != MMIO_NODE_NONE)
    {
      GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
      RsNode *node = row ? gtk_tree_list_row_get_item (row) : NULL;
      MmioNode n;
      if (node && rs_node_get_node (node, &n))
        {
          keep_offset = n.lOffset;
          keep_id = n.ckid;
        }
      g_clear_object (&node);
    }

  root = rs_document_create_root_model (doc);
  self->tree_model = gtk_tree_list_model_new (root, FALSE, FALSE, create_children, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree_model));
  g_object_unref (self->tree_model);
  self->selected = MMIO_NODE_NONE;

  if (ref)
    rs_hex_view_set_source (self->hex_view, hex_read, rs_tree_ref_ref (ref),
                            (GDestroyNotify) rs_tree_ref_unref, rs_document_get_size (doc));
  else
    rs_hex_view_set_source (self->hex_view, NULL, NULL, NULL, 0);

  /* Open the top-level form: that is what everybody wants to see first. */
  if (tree && mmio_tree_n_children (tree, MMIO_NODE_NONE) > 0)
    {
      GtkTreeListRow *first = gtk_tree_list_model_get_child_row (self->tree_model, 0);
      if (first)
        {
          gtk_tree_list_row_set_expanded (first, TRUE);
          g_object_unref (first);
        }
    }
  if (keep_offset >= 0 && tree)
    {
      MmioNodeId id = mmio_tree_node_at_offset (tree, keep_offset);
      MmioNode n;
      /* node_at_offset gives the deepest; climb to the one that starts there. */
      while (id != MMIO_NODE_NONE && mmio_tree_get_node (tree, id, &n) &&
             !(n.lOffset == keep_offset && n.ckid == keep_id))
        id = n.parent;
      if (id != MMIO_NODE_NONE)
        rs_page_select_node (self, id);
    }
  if (self->selected == MMIO_NODE_NONE)
    show_details (self, NULL);

  if (!preview)
    {
      self->container = rs_compound_can_list (rs_document_get_name (doc));
      adw_view_stack_page_set_visible (self->elements_page, self->container);
      if (self->container)
        {
          rs_elements_view_set_container (self->elements_view, rs_document_get_name (doc),
                                          rs_compound_is_editable (rs_document_get_name (doc)));
          /* For an archive the elements are all there is to see. */
          if (tree && mmio_tree_count_rule (tree, MMIO_RULE_NOT_RIFF) > 0)
            rs_page_show_view (self, "elements");
        }
    }
  update_summary (self);
  update_problems (self);
  if (!preview && (self->initial_view || self->initial_offset >= 0))
    {
      if (self->initial_offset >= 0)
        rs_page_goto_offset (self, self->initial_offset);
      if (self->initial_view)
        rs_page_show_view (self, self->initial_view);
      g_clear_pointer (&self->initial_view, g_free);
      self->initial_offset = -1;
    }
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0);
}

void
rs_page_set_initial (RsPage *self, const char *view, gint64 offset)
{
  g_return_if_fail (RS_IS_PAGE (self));
  g_free (self->initial_view);
  self->initial_view = g_strdup (view);
  self->initial_offset = offset;
}

static void
loading_changed (RsDocument *doc, GParamSpec *pspec, RsPage *self)
{
  gboolean loading = rs_document_get_loading (doc);

  gtk_revealer_set_reveal_child (self->loading_revealer, loading);
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0);
}

static void
progress_changed (RsDocument *doc, GParamSpec *pspec, RsPage *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, rs_document_get_progress (doc));
}

/* ---- elements ---------------------------------------------------------------- */

static void
element_open (RsElementsView *view, const char *name, RsPage *self)
{
  g_signal_emit (self, signals[SIGNAL_OPEN_ELEMENT], 0, name);
}

static void
element_toast (RsElementsView *view, const char *message, RsPage *self)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

static void
elements_changed (RsElementsView *view, RsPage *self)
{
  update_summary (self);
  /* The container was rewritten: its chunks moved. The file monitor
   * would notice too; reloading now keeps the tree honest at once. */
  rs_document_load (self->document);
}

/* ---- copy and extract --------------------------------------------------------- */

gboolean
rs_page_get_target_range (RsPage *self, gint64 *start, gint64 *end)
{
  g_return_val_if_fail (RS_IS_PAGE (self), FALSE);
  if (rs_hex_view_get_selection (self->hex_view, start, end))
    return TRUE;
  return FALSE;
}

char *
rs_page_dup_copy_text (RsPage *self, RsCopyFormat format, GError **error)
{
  gint64 s, e;
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data;
  gsize len;

  if (!rs_page_get_target_range (self, &s, &e))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Select a chunk or some bytes first"));
      return NULL;
    }
  if (e - s > 16 * 1024 * 1024)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("The selection is too large to copy; extract it to a file instead"));
      return NULL;
    }
  bytes = rs_hex_view_read_range (self->hex_view, s, e);
  if (bytes == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The bytes could not be read"));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &len);
  switch (format)
    {
    case RS_COPY_HEX: return rs_format_hex (data, len);
    case RS_COPY_C_ARRAY: return rs_format_c_array (data, len, "data");
    case RS_COPY_BASE64: return rs_format_base64 (data, len);
    default: return NULL;
    }
}

gboolean
rs_page_extract_range (RsPage *self, gint64 start, gint64 end, const char *dest, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (dest);
  g_autoptr(GFileOutputStream) out = NULL;
  RsTreeRef *ref = rs_document_get_tree_ref (self->document);
  guint8 *buf;
  gboolean ok = TRUE;

  /* GIO writes a replaced file to a temporary one and renames it on close. */
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (out == NULL)
    return FALSE;
  buf = g_malloc (1 << 20);
  for (gint64 o = start; ok && o < end;)
    {
      gssize got = rs_tree_ref_read (ref, o, buf, MIN ((gint64) (1 << 20), end - o));
      if (got <= 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The bytes could not be read"));
          ok = FALSE;
          break;
        }
      ok = g_output_stream_write_all (G_OUTPUT_STREAM (out), buf, got, NULL, NULL, error);
      o += got;
    }
  g_free (buf);
  if (!ok)
    {
      g_autoptr(GCancellable) c = g_cancellable_new ();
      /* Closing a cancelled replace leaves the old file as it was. */
      g_cancellable_cancel (c);
      g_output_stream_close (G_OUTPUT_STREAM (out), c, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

char *
rs_page_dup_suggested_name (RsPage *self, gboolean chunk)
{
  char *base = g_path_get_basename (rs_document_get_title (self->document));
  char *dot = strrchr (base, '.');
  char *out;
  MmioNode n;

  if (dot)
    *dot = '\0';
  g_strdelimit (base, "+/", '-');
  if (chunk && self->selected != MMIO_NODE_NONE &&
      mmio_tree_get_node (page_tree (self), self->selected, &n))
    {
      char *fcc = rs_format_fourcc (n.ckid);
      g_strstrip (fcc);
      g_strdelimit (fcc, "/\\ ", '_');
      out = g_strdup_printf ("%s-%s.bin", base, fcc);
      g_free (fcc);
    }
  else
    {
      gint64 s = 0, e = 0;
      rs_hex_view_get_selection (self->hex_view, &s, &e);
      out = g_strdup_printf ("%s-%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x.bin", base, s, e);
    }
  g_free (base);
  return out;
}

/* ---- GObject ------------------------------------------------------------------ */

static void
rs_page_dispose (GObject *object)
{
  RsPage *self = RS_PAGE (object);

  if (self->scroll_tick)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->tree_view), self->scroll_tick);
  self->scroll_tick = 0;
  if (self->document)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      rs_document_cancel (self->document);
      rs_document_set_watch (self->document, FALSE);
    }
  g_clear_object (&self->document);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->context_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), RS_TYPE_PAGE);
  G_OBJECT_CLASS (rs_page_parent_class)->dispose (object);
}

static void
rs_page_finalize (GObject *object)
{
  g_free (RS_PAGE (object)->format_title);
  g_free (RS_PAGE (object)->initial_view);
  G_OBJECT_CLASS (rs_page_parent_class)->finalize (object);
}

static void
context_pressed (GtkGestureClick *gesture, int n_press, double x, double y, RsPage *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  graphene_point_t p;

  /* A right click on bytes outside the selection selects the one under
   * the pointer first, as text views do. */
  if (RS_IS_HEX_VIEW (widget))
    {
      gint64 o = rs_hex_view_offset_at (RS_HEX_VIEW (widget), x, y), s, e;
      if (o >= 0 && (!rs_hex_view_get_selection (RS_HEX_VIEW (widget), &s, &e) || o < s || o >= e))
        rs_hex_view_select_bytes (RS_HEX_VIEW (widget), o, o + 1);
    }
  if (!gtk_widget_compute_point (widget, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &p))
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_popover),
                               &(GdkRectangle) { (int) p.x, (int) p.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_popover));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
add_context_menu (RsPage *self, GtkWidget *widget)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (context_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
}

static void
emit_state_changed (RsPage *self)
{
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0);
}

static void
rs_page_class_init (RsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rs_page_dispose;
  object_class->finalize = rs_page_finalize;

  g_type_ensure (RS_TYPE_HEX_VIEW);
  g_type_ensure (RS_TYPE_ELEMENTS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/riffscope/Riffscope/rs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RsPage, loading_revealer);
  gtk_widget_class_bind_template_child (widget_class, RsPage, loading_label);
  gtk_widget_class_bind_template_child (widget_class, RsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RsPage, format_icon);
  gtk_widget_class_bind_template_child_full (widget_class, "format_title", FALSE,
                                             G_STRUCT_OFFSET (RsPage, format_title_label));
  gtk_widget_class_bind_template_child (widget_class, RsPage, format_subtitle);
  gtk_widget_class_bind_template_child (widget_class, RsPage, facts_box);
  gtk_widget_class_bind_template_child (widget_class, RsPage, findings_button);
  gtk_widget_class_bind_template_child (widget_class, RsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RsPage, elements_page);
  gtk_widget_class_bind_template_child (widget_class, RsPage, problems_page);
  gtk_widget_class_bind_template_child (widget_class, RsPage, tree_view);
  gtk_widget_class_bind_template_child (widget_class, RsPage, details_title);
  gtk_widget_class_bind_template_child (widget_class, RsPage, fields_list);
  gtk_widget_class_bind_template_child (widget_class, RsPage, findings_list);
  gtk_widget_class_bind_template_child (widget_class, RsPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, RsPage, hex_view);
  gtk_widget_class_bind_template_child (widget_class, RsPage, elements_view);
  gtk_widget_class_bind_template_child (widget_class, RsPage, bytes_menu);

  /* The user asked to open an element (its full "file+element" name). */
  signals[SIGNAL_OPEN_ELEMENT] = g_signal_new ("open-element", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Something worth a toast happened. */
  signals[SIGNAL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Selection, loading or kind changed: actions may need updating. */
  signals[SIGNAL_STATE_CHANGED] = g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 0);
}

static void
rs_page_init (RsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->selected = MMIO_NODE_NONE;
  self->initial_offset = -1;

  add_column (self, _("Chunk"), G_CALLBACK (setup_name), G_CALLBACK (bind_name), NULL, FALSE, 150);
  add_column (self, _("Type"), G_CALLBACK (setup_text), G_CALLBACK (bind_text),
              GINT_TO_POINTER (COL_TYPE), FALSE, 56);
  add_column (self, _("Offset"), G_CALLBACK (setup_text), G_CALLBACK (bind_text),
              GINT_TO_POINTER (COL_OFFSET), FALSE, 96);
  add_column (self, _("Size"), G_CALLBACK (setup_text), G_CALLBACK (bind_text),
              GINT_TO_POINTER (COL_SIZE), FALSE, 72);
  add_column (self, _("Summary"), G_CALLBACK (setup_text), G_CALLBACK (bind_text),
              GINT_TO_POINTER (COL_SUMMARY), TRUE, -1);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed), self);
  gtk_column_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (self->hex_view, "bytes-selected", G_CALLBACK (bytes_selected), self);
  g_signal_connect (self->findings_button, "clicked", G_CALLBACK (findings_button_clicked), self);
  g_signal_connect (self->problems_list, "row-activated", G_CALLBACK (problem_activated), self);
  g_signal_connect (self->elements_view, "open-element", G_CALLBACK (element_open), self);
  g_signal_connect (self->elements_view, "toast", G_CALLBACK (element_toast), self);
  g_signal_connect (self->elements_view, "changed", G_CALLBACK (elements_changed), self);
  g_signal_connect_swapped (self->elements_view, "selection-changed", G_CALLBACK (emit_state_changed), self);
  g_signal_connect_swapped (self->hex_view, "notify::selection-end", G_CALLBACK (emit_state_changed), self);
  show_details (self, NULL);

  self->context_popover = gtk_popover_menu_new_from_model (self->bytes_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_popover), FALSE);
  gtk_widget_set_halign (self->context_popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_popover, GTK_WIDGET (self));
  add_context_menu (self, GTK_WIDGET (self->hex_view));
  add_context_menu (self, GTK_WIDGET (self->tree_view));
}

RsPage *
rs_page_new (RsDocument *document)
{
  RsPage *self = g_object_new (RS_TYPE_PAGE, NULL);

  self->document = g_object_ref (document);
  g_signal_connect (document, "loaded", G_CALLBACK (document_loaded), self);
  g_signal_connect (document, "notify::loading", G_CALLBACK (loading_changed), self);
  g_signal_connect (document, "notify::progress", G_CALLBACK (progress_changed), self);
  gtk_revealer_set_reveal_child (self->loading_revealer, rs_document_get_loading (document));
  update_summary (self);
  return self;
}

RsDocument *rs_page_get_document (RsPage *self) { return self->document; }
RsHexView *rs_page_get_hex_view (RsPage *self) { return self->hex_view; }
RsElementsView *rs_page_get_elements_view (RsPage *self) { return self->elements_view; }
GtkListBox *rs_page_get_fields_list (RsPage *self) { return self->fields_list; }
GtkListBox *rs_page_get_findings_list (RsPage *self) { return self->findings_list; }
GtkListBox *rs_page_get_problems_list (RsPage *self) { return self->problems_list; }
GtkWidget *rs_page_get_facts_box (RsPage *self) { return GTK_WIDGET (self->facts_box); }
const char *rs_page_get_format_title (RsPage *self) { return self->format_title; }
gboolean rs_page_is_container (RsPage *self) { return self->container; }

void
rs_page_show_view (RsPage *self, const char *name)
{
  g_return_if_fail (RS_IS_PAGE (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}
