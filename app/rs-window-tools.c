/* rs-window-tools.c — the IOProcs page, the trace and the MCI panel in
 * the window (see the header). Their state lives beside the window, not
 * in it, so the window's own file only calls the hooks. The actions are
 * stateful GActions of the window (win.show-ioprocs, win.toggle-trace,
 * win.show-trace, win.show-mci, win.mci-*), so buttons show their state. */
#include "rs-window-tools.h"

#include <glib/gi18n.h>
#include "rs-dialogs.h"
#include "rs-document.h"
#include "rs-ioprocs-page.h"
#include "rs-mci-panel.h"
#include "rs-page.h"
#include "rs-trace.h"
#include "rs-trace-view.h"

typedef struct {
  GSettings *settings;
  RsTrace *trace;          /* kept after switching off, to read */
  gboolean tracing;
  gboolean showing_ioprocs;
} Tools;

static Tools *
tools (RsWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "rs-window-tools");
}

static void
tools_free (gpointer p)
{
  Tools *t = p;
  g_clear_object (&t->settings);
  g_clear_object (&t->trace);
  g_free (t);
}

static GtkWidget *
child (RsWindow *self, const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), RS_TYPE_WINDOW, name));
}

RsIOProcsPage *rs_window_get_ioprocs_page (RsWindow *self) { return RS_IOPROCS_PAGE (child (self, "ioprocs_page")); }
RsTraceView *rs_window_get_trace_view (RsWindow *self) { return RS_TRACE_VIEW (child (self, "trace_view")); }
RsMciPanel *rs_window_get_mci_panel (RsWindow *self) { return RS_MCI_PANEL (child (self, "mci_panel")); }

RsTrace *
rs_window_get_trace (RsWindow *self)
{
  Tools *t = tools (self);
  return t ? t->trace : NULL;
}

gboolean
rs_window_tools_showing_ioprocs (RsWindow *self)
{
  Tools *t = tools (self);
  return t && t->showing_ioprocs;
}

static void
each_document (RsWindow *self, void (*fn) (RsDocument *doc, gpointer data), gpointer data)
{
  AdwTabView *view = rs_window_get_tab_view (self);

  for (int i = 0; i < adw_tab_view_get_n_pages (view); i++)
    fn (rs_page_get_document (RS_PAGE (adw_tab_page_get_child (adw_tab_view_get_nth_page (view, i)))), data);
}

static void
set_doc_trace (RsDocument *doc, gpointer trace)
{
  rs_document_set_trace (doc, trace);
}

void
rs_window_tools_document_opened (RsWindow *self, RsDocument *doc)
{
  Tools *t = tools (self);

  if (t && t->tracing)
    rs_document_set_trace (doc, t->trace);
}

void
rs_window_tools_update (RsWindow *self, RsPage *page)
{
  RsMciPanel *panel = rs_window_get_mci_panel (self);

  if (panel)
    rs_mci_panel_set_target (panel, page ? rs_document_get_name (rs_page_get_document (page)) : NULL);
}

/* ---- showing -------------------------------------------------------------------- */

static void
show_tool (RsWindow *self, const char *name)
{
  GtkStack *stack = GTK_STACK (child (self, "tool_stack"));
  GAction *trace = g_action_map_lookup_action (G_ACTION_MAP (self), "show-trace");
  GAction *mci = g_action_map_lookup_action (G_ACTION_MAP (self), "show-mci");

  gtk_widget_set_visible (GTK_WIDGET (stack), name != NULL);
  if (name)
    gtk_stack_set_visible_child_name (stack, name);
  g_simple_action_set_state (G_SIMPLE_ACTION (trace), g_variant_new_boolean (g_strcmp0 (name, "trace") == 0));
  g_simple_action_set_state (G_SIMPLE_ACTION (mci), g_variant_new_boolean (g_strcmp0 (name, "mci") == 0));
}

static void
show_trace_changed (GSimpleAction *action, GVariant *state, gpointer data)
{
  show_tool (data, g_variant_get_boolean (state) ? "trace" : NULL);
}

static void
show_mci_changed (GSimpleAction *action, GVariant *state, gpointer data)
{
  show_tool (data, g_variant_get_boolean (state) ? "mci" : NULL);
}

static void
show_ioprocs_changed (GSimpleAction *action, GVariant *state, gpointer data)
{
  RsWindow *self = data;
  Tools *t = tools (self);
  GtkStack *stack = GTK_STACK (child (self, "main_stack"));

  t->showing_ioprocs = g_variant_get_boolean (state);
  g_simple_action_set_state (action, state);
  if (t->showing_ioprocs)
    {
      rs_ioprocs_page_refresh (rs_window_get_ioprocs_page (self));
      gtk_stack_set_visible_child_name (stack, "ioprocs");
    }
  else
    gtk_stack_set_visible_child_name (stack, rs_window_get_current_page (self) ? "tabs" : "empty");
}

static void
toggle_trace_changed (GSimpleAction *action, GVariant *state, gpointer data)
{
  RsWindow *self = data;
  Tools *t = tools (self);
  gboolean on = g_variant_get_boolean (state);
  RsPage *page = rs_window_get_current_page (self);

  g_simple_action_set_state (action, state);
  if (on == t->tracing)
    return;
  t->tracing = on;
  if (on)
    {
      g_clear_object (&t->trace);
      t->trace = rs_trace_new (g_settings_get_uint (t->settings, "trace-buffer-size"));
      rs_trace_set_live (t->trace, TRUE);
      rs_trace_view_set_trace (rs_window_get_trace_view (self), t->trace);
      show_tool (self, "trace");
    }
  each_document (self, set_doc_trace, on ? t->trace : NULL);
  if (!on && t->trace)
    rs_trace_set_live (t->trace, FALSE);
  /* The open file is read again with the trace on: its open and walk. */
  if (on && page)
    rs_document_load (rs_page_get_document (page));
}

static void
toggle_bool (GSimpleAction *action, GVariant *param, gpointer data)
{
  GVariant *state = g_action_get_state (G_ACTION (action));
  g_action_change_state (G_ACTION (action), g_variant_new_boolean (!g_variant_get_boolean (state)));
  g_variant_unref (state);
}

static void
mci_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  RsWindow *self = data;
  /* "mci-play" -> the panel's "mci.play" */
  char *name = g_strdup (g_action_get_name (G_ACTION (action)));

  name[3] = '.';
  show_tool (self, "mci");
  gtk_widget_activate_action (GTK_WIDGET (rs_window_get_mci_panel (self)), name, NULL);
  g_free (name);
}

/* Bytes [start, end) of the file, as the audio's byte positions: the part
 * inside the 'data' chunk, scaled from stored to translated bytes (the
 * same for PCM). */
static gboolean
audio_range (RsPage *page, guint32 audio_len, guint32 *from, guint32 *to)
{
  MmioTree *tree = rs_document_get_tree (rs_page_get_document (page));
  gint64 s, e, d0 = -1, d1 = -1;

  if (tree == NULL || audio_len == 0 || !rs_page_get_target_range (page, &s, &e))
    return FALSE;
  for (ULONG i = 0; i < mmio_tree_n_nodes (tree); i++)
    {
      MmioNode n;
      if (mmio_tree_get_node (tree, i, &n) && n.ckid == mmioFOURCC ('d', 'a', 't', 'a'))
        {
          d0 = n.lDataOffset;
          d1 = n.lDataOffset + n.lClampedSize;
          break;
        }
    }
  s = MAX (s, d0);
  e = MIN (e, d1);
  if (d0 < 0 || e <= s)
    return FALSE;
  *from = (guint32) ((s - d0) * audio_len / (d1 - d0));
  *to = (guint32) ((e - d0) * audio_len / (d1 - d0));
  return *to > *from;
}

static void
play_selection_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  RsWindow *self = data;
  RsMciPanel *panel = rs_window_get_mci_panel (self);
  RsPage *page = rs_window_get_current_page (self);
  GError *error = NULL;
  guint32 from, to;

  if (page == NULL)
    return;
  show_tool (self, "mci");
  if (!rs_mci_panel_is_open (panel) && !rs_mci_panel_open (panel, &error))
    {
      rs_window_add_toast (self, error->message);
      g_error_free (error);
      return;
    }
  if (!audio_range (page, rs_mci_panel_get_length_bytes (panel), &from, &to))
    {
      rs_window_add_toast (self, _("Select a chunk or bytes inside the audio data first"));
      return;
    }
  if (!rs_mci_panel_play_bytes (panel, from, to, &error))
    {
      rs_window_add_toast (self, error->message);
      g_error_free (error);
    }
}

typedef struct {
  RsWindow *self;
  char *container;
} RecordJob;

static void
record_named (const char *text, gpointer data)
{
  RecordJob *job = data;
  GError *error = NULL;

  if (text && !rs_mci_panel_start_recording (rs_window_get_mci_panel (job->self), job->container,
                                             text, &error))
    {
      rs_window_add_toast (job->self, error->message);
      g_error_free (error);
    }
  g_object_unref (job->self);
  g_free (job->container);
  g_free (job);
}

static void
record_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  RsWindow *self = data;
  RsPage *page = rs_window_get_current_page (self);
  RecordJob *job;

  if (page == NULL || !rs_page_is_container (page))
    {
      rs_window_add_toast (self, _("Open a compound file to record into a new element of it"));
      return;
    }
  show_tool (self, "mci");
  job = g_new0 (RecordJob, 1);
  job->self = g_object_ref (self);
  job->container = g_strdup (rs_document_get_name (rs_page_get_document (page)));
  rs_dialogs_ask_text (GTK_WINDOW (self), _("Record into a New Element"),
                       _("Recording starts when you press Record and ends with Stop; it is then saved as this element"),
                       "recording.wav", _("_Record"), record_named, job);
}

static void
time_format_changed (GSettings *settings, const char *key, gpointer data)
{
  RsWindow *self = data;
  char *fmt = g_settings_get_string (settings, "time-format");
  rs_mci_panel_set_time_format (rs_window_get_mci_panel (self), fmt);
  g_free (fmt);
}

void
rs_window_tools_init (RsWindow *self, GSettings *settings)
{
  const GActionEntry entries[] = {
    { "show-ioprocs", toggle_bool, NULL, "false", show_ioprocs_changed },
    { "show-trace", toggle_bool, NULL, "false", show_trace_changed },
    { "show-mci", toggle_bool, NULL, "false", show_mci_changed },
    { "toggle-trace", toggle_bool, NULL, "false", toggle_trace_changed },
    { "mci-open", mci_action },
    { "mci-play", mci_action },
    { "mci-pause", mci_action },
    { "mci-resume", mci_action },
    { "mci-stop", mci_action },
    { "mci-close", mci_action },
    { "mci-play-selection", play_selection_action },
    { "mci-record", record_action },
  };
  Tools *t = g_new0 (Tools, 1);

  t->settings = g_object_ref (settings);
  g_object_set_data_full (G_OBJECT (self), "rs-window-tools", t, tools_free);
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  g_signal_connect_object (settings, "changed::time-format", G_CALLBACK (time_format_changed), self, 0);
  time_format_changed (settings, "time-format", self);
  gtk_widget_set_visible (child (self, "tool_stack"), FALSE);
}

void
rs_window_tools_class_init (GtkWidgetClass *widget_class)
{
  static const char *const bound[] = {
    "ioprocs_page", "trace_view", "mci_panel", "tool_stack",
  };

  g_type_ensure (RS_TYPE_IOPROCS_PAGE);
  g_type_ensure (RS_TYPE_TRACE_VIEW);
  g_type_ensure (RS_TYPE_MCI_PANEL);
  /* Named so rs_window_get_*() find them; no field in RsWindow holds them. */
  for (guint i = 0; i < G_N_ELEMENTS (bound); i++)
    gtk_widget_class_bind_template_child_full (widget_class, bound[i], FALSE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.toggle-trace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.show-ioprocs", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.show-mci", NULL);
}
