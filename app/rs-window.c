/* rs-window.c — the main window. Its win.* actions are installed on the
 * class and act on the current tab through RsPage and RsElementsView, so
 * menus, shortcuts, buttons and tests reach them the same way. */
#include "rs-window.h"

#include <glib/gi18n.h>
#include <string.h>
#include "rs-application.h"
#include "rs-dialogs.h"
#include "rs-document.h"
#include "rs-elements-view.h"
#include "rs-format.h"
#include "rs-hex-view.h"
#include "rs-page.h"
#include "rs-window-tools.h"

struct _RsWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  char *last_toast;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  AdwTabView *tab_view;
  GtkStack *main_stack;
  GMenu *recent_section;
};

G_DEFINE_FINAL_TYPE (RsWindow, rs_window, ADW_TYPE_APPLICATION_WINDOW)

void
rs_window_add_toast (RsWindow *self, const char *message)
{
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

const char *
rs_window_get_last_toast (RsWindow *self)
{
  return self->last_toast;
}

RsPage *
rs_window_get_current_page (RsWindow *self)
{
  AdwTabPage *tp = adw_tab_view_get_selected_page (self->tab_view);
  return tp ? RS_PAGE (adw_tab_page_get_child (tp)) : NULL;
}

AdwTabView *
rs_window_get_tab_view (RsWindow *self)
{
  return self->tab_view;
}

/* ---- action state ------------------------------------------------------- */

static void
update_actions (RsWindow *self)
{
  RsPage *page = rs_window_get_current_page (self);
  GtkWidget *w = GTK_WIDGET (self);
  gboolean has_page = page != NULL;
  gboolean loading = page && rs_document_get_loading (rs_page_get_document (page));
  gboolean has_bytes = page && rs_page_get_target_range (page, NULL, NULL);
  gboolean chunk = page && rs_page_get_selected_node (page) != MMIO_NODE_NONE;
  RsElementsView *ev = page ? rs_page_get_elements_view (page) : NULL;
  gboolean container = page && rs_page_is_container (page);
  gboolean element = container && rs_elements_view_get_selected (ev) != NULL;
  gboolean editable = container && rs_elements_view_is_editable (ev);

  gtk_widget_action_set_enabled (w, "win.close-tab", has_page);
  gtk_widget_action_set_enabled (w, "win.goto-offset", has_page);
  gtk_widget_action_set_enabled (w, "win.reload", has_page);
  gtk_widget_action_set_enabled (w, "win.cancel-load", loading);
  gtk_widget_action_set_enabled (w, "win.copy-hex", has_bytes);
  gtk_widget_action_set_enabled (w, "win.copy-c-array", has_bytes);
  gtk_widget_action_set_enabled (w, "win.copy-base64", has_bytes);
  gtk_widget_action_set_enabled (w, "win.extract-selection", has_bytes);
  gtk_widget_action_set_enabled (w, "win.extract-chunk", chunk);
  gtk_widget_action_set_enabled (w, "win.open-element", element);
  gtk_widget_action_set_enabled (w, "win.extract-element", element);
  gtk_widget_action_set_enabled (w, "win.add-element", editable);
  gtk_widget_action_set_enabled (w, "win.replace-element", editable && element);
  gtk_widget_action_set_enabled (w, "win.rename-element", editable && element);
  gtk_widget_action_set_enabled (w, "win.delete-element", editable && element);
  gtk_widget_action_set_enabled (w, "win.compact", editable);

  if (page)
    {
      RsDocument *doc = rs_page_get_document (page);
      adw_window_title_set_title (self->window_title, rs_document_get_title (doc));
      const char *path = rs_document_get_path (doc);
      const char *home = g_get_home_dir ();
      gsize hl = strlen (home);
      /* "~/Music/tone.wav", as GNOME apps show paths. */
      if (hl > 1 && strncmp (path, home, hl) == 0 && path[hl] == '/')
        {
          char *t = g_strconcat ("~", path + hl, NULL);
          adw_window_title_set_subtitle (self->window_title, t);
          g_free (t);
        }
      else
        adw_window_title_set_subtitle (self->window_title, path);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Riffscope"));
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
  if (!rs_window_tools_showing_ioprocs (self))
    gtk_stack_set_visible_child_name (self->main_stack, has_page ? "tabs" : "empty");
  rs_window_tools_update (self, page);
}

static void
page_state_changed (RsPage *page, RsWindow *self)
{
  if (page == rs_window_get_current_page (self))
    update_actions (self);
}

/* ---- recent files --------------------------------------------------------- */

static void
update_recent_menu (RsWindow *self)
{
  GtkRecentManager *rm = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (rm);
  guint n = 0;

  g_menu_remove_all (self->recent_section);
  for (GList *l = items; l && n < 10; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      char *path;
      GMenuItem *item;

      if (!gtk_recent_info_has_application (info, g_get_application_name ()))
        continue;
      path = g_filename_from_uri (gtk_recent_info_get_uri (info), NULL, NULL);
      if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_free (path);
          continue;
        }
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (path));
      g_menu_append_item (self->recent_section, item);
      g_object_unref (item);
      g_free (path);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
remember_recent (RsWindow *self, const char *path)
{
  char *uri = g_filename_to_uri (path, NULL, NULL);

  if (uri)
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  g_free (uri);
}

/* ---- opening ---------------------------------------------------------------- */

static void
page_open_element (RsPage *page, const char *name, RsWindow *self)
{
  rs_window_open (self, name);
}

static void
page_toast (RsPage *page, const char *message, RsWindow *self)
{
  rs_window_add_toast (self, message);
}

static void
apply_columns (RsWindow *self, RsPage *page)
{
  rs_hex_view_set_columns (rs_page_get_hex_view (page), g_settings_get_uint (self->settings, "hex-columns"));
}

RsPage *
rs_window_open (RsWindow *self, const char *name)
{
  RsDocument *doc;
  RsPage *page;
  AdwTabPage *tp;
  char *abs;

  g_return_val_if_fail (RS_IS_WINDOW (self), NULL);
  abs = g_path_is_absolute (name) ? g_strdup (name) : g_canonicalize_filename (name, NULL);

  /* An already open file gets its tab shown rather than a second one. */
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *p = adw_tab_view_get_nth_page (self->tab_view, i);
      RsPage *rp = RS_PAGE (adw_tab_page_get_child (p));
      if (g_strcmp0 (rs_document_get_name (rs_page_get_document (rp)), abs) == 0)
        {
          adw_tab_view_set_selected_page (self->tab_view, p);
          g_free (abs);
          return rp;
        }
    }

  doc = rs_document_new (abs);
  rs_document_set_strict (doc, g_settings_get_enum (self->settings, "parse-mode") == 1);
  rs_window_tools_document_opened (self, doc);
  page = rs_page_new (doc);
  apply_columns (self, page);
  g_signal_connect_object (page, "open-element", G_CALLBACK (page_open_element), self, 0);
  g_signal_connect_object (page, "toast", G_CALLBACK (page_toast), self, 0);
  g_signal_connect_object (page, "state-changed", G_CALLBACK (page_state_changed), self, 0);

  tp = adw_tab_view_append (self->tab_view, GTK_WIDGET (page));
  adw_tab_page_set_title (tp, rs_document_get_title (doc));
  adw_tab_page_set_tooltip (tp, rs_document_get_name (doc));
  g_object_bind_property (doc, "loading", tp, "loading", G_BINDING_SYNC_CREATE);
  adw_tab_view_set_selected_page (self->tab_view, tp);

  rs_document_set_watch (doc, TRUE);
  rs_document_load (doc);
  remember_recent (self, rs_document_get_path (doc));
  update_recent_menu (self);
  update_actions (self);
  g_object_unref (doc);
  g_free (abs);
  return page;
}

static void
open_chosen (const char *path, gpointer data)
{
  RsWindow *self = data;

  if (path)
    rs_window_open (self, path);
  g_object_unref (self);
}

void
rs_window_show_open_dialog (RsWindow *self)
{
  rs_dialogs_choose_open (GTK_WINDOW (self), _("Open File"), open_chosen, g_object_ref (self));
}

static gboolean
drop_files (GtkDropTarget *target, const GValue *value, double x, double y, RsWindow *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l; l = l->next)
    {
      char *path = g_file_get_path (l->data);
      if (path)
        rs_window_open (self, path);
      g_free (path);
    }
  return files != NULL;
}

/* ---- actions --------------------------------------------------------------- */

#define CURRENT_PAGE_OR_RETURN(self, page) \
  RsPage *page = rs_window_get_current_page (self); \
  if (page == NULL) return

static void
close_tab_action (GtkWidget *w, const char *name, GVariant *param)
{
  RsWindow *self = RS_WINDOW (w);
  AdwTabPage *tp = adw_tab_view_get_selected_page (self->tab_view);

  if (tp)
    adw_tab_view_close_page (self->tab_view, tp);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
reload_action (GtkWidget *w, const char *name, GVariant *param)
{
  CURRENT_PAGE_OR_RETURN (RS_WINDOW (w), page);
  rs_document_load (rs_page_get_document (page));
}

static void
cancel_load_action (GtkWidget *w, const char *name, GVariant *param)
{
  CURRENT_PAGE_OR_RETURN (RS_WINDOW (w), page);
  rs_document_cancel (rs_page_get_document (page));
}

static void
goto_entered (const char *text, gpointer data)
{
  RsWindow *self = data;
  RsPage *page = rs_window_get_current_page (self);
  gint64 off;

  if (text && page)
    {
      if (rs_parse_offset (text, &off))
        rs_page_goto_offset (page, off);
      else
        rs_window_add_toast (self, _("Enter an offset such as 0x1A2B or 6699"));
    }
  g_object_unref (self);
}

static void
goto_offset_action (GtkWidget *w, const char *name, GVariant *param)
{
  RsWindow *self = RS_WINDOW (w);
  CURRENT_PAGE_OR_RETURN (self, page);
  rs_dialogs_ask_text (GTK_WINDOW (self), _("Go to Offset"),
                       _("A decimal offset, or hexadecimal with 0x in front"),
                       NULL, _("_Go"), goto_entered, g_object_ref (self));
}

static void
copy_action (GtkWidget *w, const char *name, GVariant *param)
{
  RsWindow *self = RS_WINDOW (w);
  RsCopyFormat fmt = g_str_equal (name, "win.copy-c-array") ? RS_COPY_C_ARRAY
                     : g_str_equal (name, "win.copy-base64") ? RS_COPY_BASE64 : RS_COPY_HEX;
  GError *error = NULL;
  char *text;
  CURRENT_PAGE_OR_RETURN (self, page);

  text = rs_page_dup_copy_text (page, fmt, &error);
  if (text == NULL)
    {
      rs_window_add_toast (self, error->message);
      g_error_free (error);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (w), text);
  rs_window_add_toast (self, _("Copied"));
  g_free (text);
}

typedef struct {
  RsWindow *self;
  gint64 start, end;
} ExtractJob;

static void
extract_chosen (const char *dest, gpointer data)
{
  ExtractJob *job = data;
  RsPage *page = rs_window_get_current_page (job->self);
  GError *error = NULL;

  if (dest && page)
    {
      if (rs_page_extract_range (page, job->start, job->end, dest, &error))
        {
          char *base = g_path_get_basename (dest);
          char *msg = g_strdup_printf (_("Saved “%s”"), base);
          rs_window_add_toast (job->self, msg);
          g_free (msg);
          g_free (base);
        }
      else
        {
          rs_window_add_toast (job->self, error->message);
          g_error_free (error);
        }
    }
  g_object_unref (job->self);
  g_free (job);
}

static void
extract_action (GtkWidget *w, const char *name, GVariant *param)
{
  RsWindow *self = RS_WINDOW (w);
  gboolean chunk = g_str_equal (name, "win.extract-chunk");
  ExtractJob *job;
  char *suggested;
  CURRENT_PAGE_OR_RETURN (self, page);

  job = g_new0 (ExtractJob, 1);
  if (chunk)
    {
      MmioNode n;
      if (!mmio_tree_get_node (rs_document_get_tree (rs_page_get_document (page)),
                               rs_page_get_selected_node (page), &n))
        {
          g_free (job);
          return;
        }
      job->start = n.lOffset;
      job->end = n.lDataOffset + n.lClampedSize;
    }
  else if (!rs_page_get_target_range (page, &job->start, &job->end))
    {
      g_free (job);
      return;
    }
  job->self = g_object_ref (self);
  suggested = rs_page_dup_suggested_name (page, chunk);
  rs_dialogs_choose_save (GTK_WINDOW (self), chunk ? _("Extract Chunk") : _("Extract Selection"),
                          suggested, extract_chosen, job);
  g_free (suggested);
}

static void
element_action (GtkWidget *w, const char *name, GVariant *param)
{
  RsElementsView *ev;
  CURRENT_PAGE_OR_RETURN (RS_WINDOW (w), page);

  ev = rs_page_get_elements_view (page);
  if (g_str_equal (name, "win.open-element"))
    rs_elements_view_open_selected (ev);
  else if (g_str_equal (name, "win.extract-element"))
    rs_elements_view_extract_selected (ev);
  else if (g_str_equal (name, "win.add-element"))
    rs_elements_view_add (ev);
  else if (g_str_equal (name, "win.replace-element"))
    rs_elements_view_replace_selected (ev);
  else if (g_str_equal (name, "win.rename-element"))
    rs_elements_view_rename_selected (ev);
  else if (g_str_equal (name, "win.delete-element"))
    rs_elements_view_delete_selected (ev);
  else if (g_str_equal (name, "win.undo-delete"))
    rs_elements_view_undo_delete (ev);
  else if (g_str_equal (name, "win.compact"))
    rs_elements_view_compact (ev);
  update_actions (RS_WINDOW (w));
}

static void
open_recent_action (GtkWidget *w, const char *name, GVariant *param)
{
  rs_window_open (RS_WINDOW (w), g_variant_get_string (param, NULL));
}

static void
show_view_action (GtkWidget *w, const char *name, GVariant *param)
{
  CURRENT_PAGE_OR_RETURN (RS_WINDOW (w), page);
  rs_page_show_view (page, g_variant_get_string (param, NULL));
}

/* ---- tabs ------------------------------------------------------------------ */

static void
selected_page_changed (AdwTabView *view, GParamSpec *pspec, RsWindow *self)
{
  update_actions (self);
}

static void
pages_changed (AdwTabView *view, AdwTabPage *page, int position, RsWindow *self)
{
  update_actions (self);
}

static void
hex_columns_changed (GSettings *settings, const char *key, RsWindow *self)
{
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    apply_columns (self, RS_PAGE (adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view, i))));
}

static gboolean
rs_window_close_request (GtkWindow *window)
{
  RsWindow *self = RS_WINDOW (window);
  int w, h;

  gtk_window_get_default_size (window, &w, &h);
  g_settings_set_int (self->settings, "window-width", w);
  g_settings_set_int (self->settings, "window-height", h);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (rs_window_parent_class)->close_request (window);
}

static void
rs_window_dispose (GObject *object)
{
  RsWindow *self = RS_WINDOW (object);

  if (self->settings)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  /* Closing the tabs while the template goes must not update actions. */
  if (self->tab_view)
    g_signal_handlers_disconnect_by_data (self->tab_view, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), RS_TYPE_WINDOW);
  G_OBJECT_CLASS (rs_window_parent_class)->dispose (object);
}

static void
rs_window_finalize (GObject *object)
{
  g_free (RS_WINDOW (object)->last_toast);
  G_OBJECT_CLASS (rs_window_parent_class)->finalize (object);
}

static void
rs_window_class_init (RsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const char *element_actions[] = {
    "win.open-element", "win.extract-element", "win.add-element", "win.replace-element",
    "win.rename-element", "win.delete-element", "win.undo-delete", "win.compact",
  };

  object_class->dispose = rs_window_dispose;
  object_class->finalize = rs_window_finalize;
  window_class->close_request = rs_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/riffscope/Riffscope/rs-window.ui");
  rs_window_tools_class_init (widget_class);
  gtk_widget_class_bind_template_child (widget_class, RsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RsWindow, tab_view);
  gtk_widget_class_bind_template_child (widget_class, RsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RsWindow, recent_section);

  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, close_tab_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.goto-offset", NULL, goto_offset_action);
  gtk_widget_class_install_action (widget_class, "win.copy-hex", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-c-array", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-base64", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.extract-chunk", NULL, extract_action);
  gtk_widget_class_install_action (widget_class, "win.extract-selection", NULL, extract_action);
  for (guint i = 0; i < G_N_ELEMENTS (element_actions); i++)
    gtk_widget_class_install_action (widget_class, element_actions[i], NULL, element_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.goto-offset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-hex", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.copy-c-array", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-base64", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.extract-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.extract-chunk", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.rename-element", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo-delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "structure");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "elements");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "problems");
}

static void
rs_window_init (RsWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_files), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  g_signal_connect (self->tab_view, "notify::selected-page", G_CALLBACK (selected_page_changed), self);
  g_signal_connect (self->tab_view, "page-attached", G_CALLBACK (pages_changed), self);
  g_signal_connect (self->tab_view, "page-detached", G_CALLBACK (pages_changed), self);
}

RsWindow *
rs_window_new (RsApplication *app)
{
  RsWindow *self = g_object_new (RS_TYPE_WINDOW, "application", app, NULL);

  self->settings = g_object_ref (rs_application_get_settings (app));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_signal_connect (self->settings, "changed::hex-columns", G_CALLBACK (hex_columns_changed), self);
  rs_window_tools_init (self, self->settings);
  update_recent_menu (self);
  update_actions (self);
  return self;
}
