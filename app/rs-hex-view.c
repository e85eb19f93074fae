/* rs-hex-view.c — the hex view: offsets, hex and ASCII columns, drawn for
 * the visible rows only and fed by a read callback through a small cache,
 * so a multi-gigabyte file costs no more than a tiny one. Mouse drags and
 * shift+arrows select bytes; the owner hears about it through
 * "bytes-selected" and sets highlights with rs_hex_view_set_selection(). */
#include "rs-hex-view.h"

#include <glib/gi18n.h>
#include <string.h>

#define CACHE_SIZE (64 * 1024)

struct _RsHexView
{
  GtkWidget parent_instance;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint hscroll_policy : 1;
  guint vscroll_policy : 1;

  RsHexReadFunc read;
  gpointer read_data;
  GDestroyNotify read_destroy;
  gint64 size;

  guint8 *cache;
  gint64 cache_offset;
  gsize cache_len;

  guint columns;
  gint64 sel_start;
  gint64 sel_end;
  gint64 anchor;
  gint64 cursor;

  double char_width;
  double line_height;
  double ascent;
};

enum {
  PROP_0,
  PROP_COLUMNS,
  PROP_SELECTION_START,
  PROP_SELECTION_END,
  PROP_SIZE,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum { SIGNAL_BYTES_SELECTED, N_SIGNALS };

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (RsHexView, rs_hex_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

#define PAD 8.0

static guint
offset_digits (RsHexView *self)
{
  return self->size > G_MAXUINT32 ? 12 : 8;
}

/* Character columns: offset, two spaces, "xx " per byte plus one extra
 * space every 8 bytes, one space, ASCII. */
static guint
hex_col_of (RsHexView *self, guint i)
{
  return offset_digits (self) + 2 + i * 3 + i / 8;
}

static guint
ascii_col_of (RsHexView *self, guint i)
{
  return hex_col_of (self, self->columns) + 1 + i;
}

static gint64
n_rows (RsHexView *self)
{
  return (self->size + self->columns - 1) / self->columns;
}

static void
measure_font (RsHexView *self)
{
  PangoContext *ctx = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontDescription *desc = pango_font_description_from_string ("Monospace 10");
  PangoFontMetrics *m;

  pango_context_set_font_description (ctx, desc);
  m = pango_context_get_metrics (ctx, desc, NULL);
  self->char_width = pango_font_metrics_get_approximate_digit_width (m) / (double) PANGO_SCALE;
  self->ascent = pango_font_metrics_get_ascent (m) / (double) PANGO_SCALE;
  self->line_height = (pango_font_metrics_get_ascent (m) +
                       pango_font_metrics_get_descent (m)) / (double) PANGO_SCALE + 3;
  if (self->char_width < 1)
    self->char_width = 8;
  if (self->line_height < 4)
    self->line_height = 16;
  pango_font_metrics_unref (m);
  pango_font_description_free (desc);
}

static gboolean
fill_cache (RsHexView *self, gint64 offset, gsize len)
{
  gssize got;

  if (self->read == NULL)
    return FALSE;
  if (offset >= self->cache_offset &&
      offset + (gint64) len <= self->cache_offset + (gint64) self->cache_len)
    return TRUE;
  if (self->cache == NULL)
    self->cache = g_malloc (CACHE_SIZE);
  /* Start a little before the request so scrolling up hits the cache too. */
  self->cache_offset = MAX (0, offset - CACHE_SIZE / 4);
  got = self->read (self->read_data, self->cache_offset, self->cache, CACHE_SIZE);
  self->cache_len = got > 0 ? (gsize) got : 0;
  return offset >= self->cache_offset &&
         offset < self->cache_offset + (gint64) self->cache_len;
}

static void
update_adjustments (RsHexView *self)
{
  double page = gtk_widget_get_height (GTK_WIDGET (self));
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double total = n_rows (self) * self->line_height + 2 * PAD;
  double content_w = (ascii_col_of (self, self->columns)) * self->char_width + 2 * PAD;

  if (self->vadjustment)
    {
      double value = gtk_adjustment_get_value (self->vadjustment);
      double upper = MAX (total, page);
      gtk_adjustment_configure (self->vadjustment, CLAMP (value, 0, upper - page),
                                0, upper, self->line_height,
                                MAX (page - self->line_height, self->line_height), page);
    }
  if (self->hadjustment)
    {
      double value = gtk_adjustment_get_value (self->hadjustment);
      double upper = MAX (content_w, width);
      gtk_adjustment_configure (self->hadjustment, CLAMP (value, 0, upper - width),
                                0, upper, self->char_width, width, width);
    }
}

static void
adjustment_changed (GtkAdjustment *adj, RsHexView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (RsHexView *self, GtkAdjustment **slot, GtkAdjustment *adj)
{
  if (*slot == adj)
    return;
  if (*slot)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_changed, self);
      g_object_unref (*slot);
    }
  if (adj == NULL)
    adj = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adj);
  g_signal_connect (adj, "value-changed", G_CALLBACK (adjustment_changed), self);
  update_adjustments (self);
}

static void
lookup_color (RsHexView *self, const char *name, GdkRGBA *out, const char *fallback)
{
  GtkStyleContext *sc;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  sc = gtk_widget_get_style_context (GTK_WIDGET (self));
  if (!gtk_style_context_lookup_color (sc, name, out))
    gdk_rgba_parse (out, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
append_text (GtkSnapshot *snapshot, PangoLayout *layout, const char *text,
             double x, double y, const GdkRGBA *color)
{
  pango_layout_set_text (layout, text, -1);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
rs_hex_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  RsHexView *self = RS_HEX_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double vy = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
  double hx = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
  gint64 first = MAX (0, (gint64) ((vy - PAD) / self->line_height));
  gint64 last = MIN (n_rows (self), (gint64) ((vy + height) / self->line_height) + 1);
  GString *offs = g_string_new (NULL);
  GString *hex = g_string_new (NULL);
  GString *ascii = g_string_new (NULL);
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA fg, dim, sel, cursor_c;
  double y0 = PAD + first * self->line_height - vy;
  double x0 = PAD - hx;
  guint digits = offset_digits (self);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = fg;
  dim.alpha *= 0.55;
  lookup_color (self, "accent_bg_color", &sel, "#3584e4");
  sel.alpha = 0.35;
  cursor_c = sel;
  cursor_c.alpha = 0.8;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->read == NULL || self->size == 0)
    {
      gtk_snapshot_pop (snapshot);
      g_string_free (offs, TRUE);
      g_string_free (hex, TRUE);
      g_string_free (ascii, TRUE);
      g_object_unref (layout);
      return;
    }

  if (last > first)
    fill_cache (self, first * self->columns,
                MIN ((gsize) ((last - first) * self->columns), (gsize) CACHE_SIZE / 2));

  /* Selection backgrounds first, row by row. */
  if (self->sel_end > self->sel_start)
    {
      gint64 r;
      for (r = first; r < last; r++)
        {
          gint64 rs = r * self->columns, re = rs + self->columns;
          gint64 a = MAX (rs, self->sel_start), b = MIN (re, self->sel_end);
          double y = y0 + (r - first) * self->line_height;
          if (a >= b)
            continue;
          gtk_snapshot_append_color (snapshot, &sel, &GRAPHENE_RECT_INIT (
              x0 + hex_col_of (self, a - rs) * self->char_width - self->char_width / 2, y,
              ((hex_col_of (self, b - 1 - rs) + 2) - hex_col_of (self, a - rs) + 1) * self->char_width,
              self->line_height));
          gtk_snapshot_append_color (snapshot, &sel, &GRAPHENE_RECT_INIT (
              x0 + ascii_col_of (self, a - rs) * self->char_width, y,
              (b - a) * self->char_width, self->line_height));
        }
    }
  if (self->cursor >= first * (gint64) self->columns && self->cursor < last * (gint64) self->columns &&
      gtk_widget_has_focus (widget))
    {
      gint64 r = self->cursor / self->columns;
      guint c = self->cursor % self->columns;
      double y = y0 + (r - first) * self->line_height;
      gtk_snapshot_append_color (snapshot, &cursor_c, &GRAPHENE_RECT_INIT (
          x0 + hex_col_of (self, c) * self->char_width, y + self->line_height - 2,
          2 * self->char_width, 2));
    }

  for (gint64 r = first; r < last; r++)
    {
      gint64 rs = r * self->columns;
      guint c;

      if (r > first)
        {
          g_string_append_c (offs, '\n');
          g_string_append_c (hex, '\n');
          g_string_append_c (ascii, '\n');
        }
      g_string_append_printf (offs, "%0*" G_GINT64_MODIFIER "X", digits, rs);
      fill_cache (self, rs, self->columns);
      for (c = 0; c < self->columns; c++)
        {
          gint64 o = rs + c;
          gboolean have = o < self->size && o >= self->cache_offset &&
                          o < self->cache_offset + (gint64) self->cache_len;
          if (c > 0)
            g_string_append_c (hex, ' ');
          if (c > 0 && c % 8 == 0)
            g_string_append_c (hex, ' ');
          if (have)
            {
              guint8 b = self->cache[o - self->cache_offset];
              g_string_append_printf (hex, "%02X", b);
              g_string_append_c (ascii, (b >= 0x20 && b < 0x7f) ? (char) b : '.');
            }
          else if (o < self->size)
            {
              g_string_append (hex, "??");
              g_string_append_c (ascii, '?');
            }
          else
            g_string_append (hex, "  ");
        }
    }

  append_text (snapshot, layout, offs->str, x0, y0, &dim);
  append_text (snapshot, layout, hex->str, x0 + hex_col_of (self, 0) * self->char_width, y0, &fg);
  append_text (snapshot, layout, ascii->str, x0 + ascii_col_of (self, 0) * self->char_width, y0, &fg);

  gtk_snapshot_pop (snapshot);
  g_string_free (offs, TRUE);
  g_string_free (hex, TRUE);
  g_string_free (ascii, TRUE);
  g_object_unref (layout);
}

static void
rs_hex_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                     int *minimum, int *natural, int *min_baseline, int *nat_baseline)
{
  RsHexView *self = RS_HEX_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 10 * self->char_width;
      *natural = ascii_col_of (self, self->columns) * self->char_width + 2 * PAD;
    }
  else
    {
      *minimum = self->line_height * 2;
      *natural = MAX (*minimum, MIN (n_rows (self), 24) * self->line_height + 2 * PAD);
    }
}

static void
rs_hex_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  update_adjustments (RS_HEX_VIEW (widget));
}

gint64
rs_hex_view_offset_at (RsHexView *self, double x, double y)
{
  double vy = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
  double hx = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
  gint64 row;
  double col;
  gint64 c = -1;

  g_return_val_if_fail (RS_IS_HEX_VIEW (self), -1);
  if (self->size == 0)
    return -1;
  row = (gint64) ((y + vy - PAD) / self->line_height);
  col = (x + hx - PAD) / self->char_width;
  if (row < 0 || row >= n_rows (self))
    return -1;
  if (col >= ascii_col_of (self, 0))
    c = (gint64) (col - ascii_col_of (self, 0));
  else if (col >= hex_col_of (self, 0) - 0.5)
    {
      for (guint i = self->columns; i-- > 0;)
        if (col >= hex_col_of (self, i) - 0.5)
          {
            c = i;
            break;
          }
    }
  if (c < 0)
    c = 0;
  if (c >= self->columns)
    c = self->columns - 1;
  return MIN (row * self->columns + c, self->size - 1);
}

static void
user_select (RsHexView *self, gint64 a, gint64 b)
{
  gint64 s = MIN (a, b), e = MAX (a, b) + 1;
  rs_hex_view_set_selection (self, s, e);
  g_signal_emit (self, signals[SIGNAL_BYTES_SELECTED], 0, s, e);
}

static void
drag_begin (GtkGestureDrag *g, double x, double y, RsHexView *self)
{
  gint64 o = rs_hex_view_offset_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (o < 0)
    return;
  self->anchor = self->cursor = o;
  user_select (self, o, o);
}

static void
drag_update (GtkGestureDrag *g, double dx, double dy, RsHexView *self)
{
  double sx, sy;
  gint64 o;

  if (self->anchor < 0)
    return;
  gtk_gesture_drag_get_start_point (g, &sx, &sy);
  o = rs_hex_view_offset_at (self, sx + dx, sy + dy);
  if (o < 0)
    return;
  self->cursor = o;
  user_select (self, self->anchor, o);
}

static gboolean
key_pressed (GtkEventControllerKey *k, guint keyval, guint keycode,
             GdkModifierType state, RsHexView *self)
{
  gint64 page_rows = MAX (1, (gint64) (gtk_widget_get_height (GTK_WIDGET (self)) / self->line_height) - 1);
  gint64 o = self->cursor < 0 ? 0 : self->cursor;
  gint64 step;

  switch (keyval)
    {
    case GDK_KEY_Left: step = -1; break;
    case GDK_KEY_Right: step = 1; break;
    case GDK_KEY_Up: step = -(gint64) self->columns; break;
    case GDK_KEY_Down: step = self->columns; break;
    case GDK_KEY_Page_Up: step = -page_rows * self->columns; break;
    case GDK_KEY_Page_Down: step = page_rows * self->columns; break;
    case GDK_KEY_Home: step = -o; break;
    case GDK_KEY_End: step = self->size - 1 - o; break;
    default: return FALSE;
    }
  if (self->size == 0)
    return TRUE;
  o = CLAMP (o + step, 0, self->size - 1);
  if (!(state & GDK_SHIFT_MASK) || self->anchor < 0)
    self->anchor = o;
  self->cursor = o;
  user_select (self, self->anchor, o);
  rs_hex_view_scroll_to (self, o);
  return TRUE;
}

static void
rs_hex_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RsHexView *self = RS_HEX_VIEW (object);

  switch (prop_id)
    {
    case PROP_COLUMNS: g_value_set_uint (value, self->columns); break;
    case PROP_SELECTION_START: g_value_set_int64 (value, self->sel_start); break;
    case PROP_SELECTION_END: g_value_set_int64 (value, self->sel_end); break;
    case PROP_SIZE: g_value_set_int64 (value, self->size); break;
    case PROP_HADJUSTMENT: g_value_set_object (value, self->hadjustment); break;
    case PROP_VADJUSTMENT: g_value_set_object (value, self->vadjustment); break;
    case PROP_HSCROLL_POLICY: g_value_set_enum (value, self->hscroll_policy); break;
    case PROP_VSCROLL_POLICY: g_value_set_enum (value, self->vscroll_policy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_hex_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RsHexView *self = RS_HEX_VIEW (object);

  switch (prop_id)
    {
    case PROP_COLUMNS: rs_hex_view_set_columns (self, g_value_get_uint (value)); break;
    case PROP_HADJUSTMENT: set_adjustment (self, &self->hadjustment, g_value_get_object (value)); break;
    case PROP_VADJUSTMENT: set_adjustment (self, &self->vadjustment, g_value_get_object (value)); break;
    case PROP_HSCROLL_POLICY: self->hscroll_policy = g_value_get_enum (value); break;
    case PROP_VSCROLL_POLICY: self->vscroll_policy = g_value_get_enum (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_hex_view_dispose (GObject *object)
{
  RsHexView *self = RS_HEX_VIEW (object);

  rs_hex_view_set_source (self, NULL, NULL, NULL, 0);
  if (self->hadjustment)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_changed, self);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->cache, g_free);
  G_OBJECT_CLASS (rs_hex_view_parent_class)->dispose (object);
}

static void
rs_hex_view_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rs_hex_view_parent_class)->css_changed (widget, change);
  measure_font (RS_HEX_VIEW (widget));
  gtk_widget_queue_resize (widget);
}

static void
rs_hex_view_class_init (RsHexViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rs_hex_view_get_property;
  object_class->set_property = rs_hex_view_set_property;
  object_class->dispose = rs_hex_view_dispose;
  widget_class->snapshot = rs_hex_view_snapshot;
  widget_class->measure = rs_hex_view_measure;
  widget_class->size_allocate = rs_hex_view_size_allocate;
  widget_class->css_changed = rs_hex_view_css_changed;

  props[PROP_COLUMNS] = g_param_spec_uint ("columns", NULL, NULL, 4, 64, 16,
                                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_SELECTION_START] = g_param_spec_int64 ("selection-start", NULL, NULL, 0, G_MAXINT64, 0,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_SELECTION_END] = g_param_spec_int64 ("selection-end", NULL, NULL, 0, G_MAXINT64, 0,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /* The user selected bytes [start, end) with the mouse or keyboard. */
  signals[SIGNAL_BYTES_SELECTED] =
    g_signal_new ("bytes-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "hexview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
rs_hex_view_init (RsHexView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->columns = 16;
  self->anchor = -1;
  self->cursor = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  measure_font (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("File bytes"), -1);
}

GtkWidget *
rs_hex_view_new (void)
{
  return g_object_new (RS_TYPE_HEX_VIEW, NULL);
}

void
rs_hex_view_set_source (RsHexView *self, RsHexReadFunc read, gpointer user_data,
                        GDestroyNotify destroy, gint64 size)
{
  g_return_if_fail (RS_IS_HEX_VIEW (self));

  if (self->read_destroy)
    self->read_destroy (self->read_data);
  self->read = read;
  self->read_data = user_data;
  self->read_destroy = destroy;
  self->size = read ? MAX (size, 0) : 0;
  self->cache_len = 0;
  self->cache_offset = 0;
  self->sel_start = self->sel_end = 0;
  self->anchor = self->cursor = -1;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SIZE]);
  update_adjustments (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gint64
rs_hex_view_get_size (RsHexView *self)
{
  g_return_val_if_fail (RS_IS_HEX_VIEW (self), 0);
  return self->size;
}

void
rs_hex_view_invalidate (RsHexView *self)
{
  g_return_if_fail (RS_IS_HEX_VIEW (self));
  self->cache_len = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
rs_hex_view_get_columns (RsHexView *self)
{
  g_return_val_if_fail (RS_IS_HEX_VIEW (self), 16);
  return self->columns;
}

void
rs_hex_view_set_columns (RsHexView *self, guint columns)
{
  gint64 top;

  g_return_if_fail (RS_IS_HEX_VIEW (self));
  columns = CLAMP (columns, 4, 64);
  if (columns == self->columns)
    return;
  top = rs_hex_view_get_top_offset (self);
  self->columns = columns;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_COLUMNS]);
  update_adjustments (self);
  rs_hex_view_scroll_to (self, top);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
rs_hex_view_set_selection (RsHexView *self, gint64 start, gint64 end)
{
  g_return_if_fail (RS_IS_HEX_VIEW (self));

  start = CLAMP (start, 0, self->size);
  end = CLAMP (end, start, self->size);
  if (start == self->sel_start && end == self->sel_end)
    return;
  self->sel_start = start;
  self->sel_end = end;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SELECTION_START]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SELECTION_END]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
rs_hex_view_get_selection (RsHexView *self, gint64 *start, gint64 *end)
{
  g_return_val_if_fail (RS_IS_HEX_VIEW (self), FALSE);
  if (start)
    *start = self->sel_start;
  if (end)
    *end = self->sel_end;
  return self->sel_end > self->sel_start;
}

void
rs_hex_view_scroll_to (RsHexView *self, gint64 offset)
{
  double y, page, value;

  g_return_if_fail (RS_IS_HEX_VIEW (self));
  if (self->vadjustment == NULL)
    return;
  update_adjustments (self);
  y = PAD + (offset / self->columns) * self->line_height;
  page = gtk_adjustment_get_page_size (self->vadjustment);
  value = gtk_adjustment_get_value (self->vadjustment);
  /* Only move when the row is out of sight; then put it near the top. */
  if (y < value || y + self->line_height + 2 * PAD > value + page || page <= 0)
    gtk_adjustment_set_value (self->vadjustment, MAX (0, y - PAD - 2 * self->line_height));
}

gint64
rs_hex_view_get_top_offset (RsHexView *self)
{
  double vy;

  g_return_val_if_fail (RS_IS_HEX_VIEW (self), 0);
  vy = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
  return MIN ((gint64) (MAX (0, vy - PAD) / self->line_height) * self->columns,
              MAX (self->size - 1, 0));
}

GBytes *
rs_hex_view_read_range (RsHexView *self, gint64 start, gint64 end)
{
  guint8 *buf;
  gssize got;

  g_return_val_if_fail (RS_IS_HEX_VIEW (self), NULL);
  start = CLAMP (start, 0, self->size);
  end = CLAMP (end, start, self->size);
  if (self->read == NULL)
    return NULL;
  buf = g_malloc (end - start + 1);
  got = end > start ? self->read (self->read_data, start, buf, end - start) : 0;
  if (got < 0)
    {
      g_free (buf);
      return NULL;
    }
  return g_bytes_new_take (buf, got);
}

void
rs_hex_view_select_bytes (RsHexView *self, gint64 start, gint64 end)
{
  g_return_if_fail (RS_IS_HEX_VIEW (self));
  if (end <= start || self->size == 0)
    return;
  self->anchor = start;
  self->cursor = end - 1;
  user_select (self, start, end - 1);
  rs_hex_view_scroll_to (self, start);
}
