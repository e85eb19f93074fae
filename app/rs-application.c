/* rs-application.c — the application object: app.* actions and their
 * shortcuts, the settings, and opening the files the command line names
 * (`riffscope FILE [FILE+ELEMENT ...]`). */
#include "rs-application.h"

#include <glib/gi18n.h>
#include <mmio/mmio.h>
#include "rs-format.h"
#include "rs-page.h"
#include "rs-preferences-window.h"
#include "rs-window.h"

#include "rs-resources.h"

struct _RsApplication
{
  AdwApplication parent_instance;
  GSettings *settings;
  char *initial_view;
  gint64 initial_offset;
};

G_DEFINE_FINAL_TYPE (RsApplication, rs_application, ADW_TYPE_APPLICATION)

void
rs_application_register_resources (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      rs_register_resource ();
      g_once_init_leave (&done, 1);
    }
}

static GSettings *
settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema = source ? g_settings_schema_source_lookup (source, RS_APP_ID, TRUE) : NULL;
  GSettings *settings;

  /* Run from the build tree (tools/run-app.sh) the schema is not
   * installed: take the one compiled next to the sources. */
  if (schema == NULL)
    {
      GSettingsSchemaSource *local =
        g_settings_schema_source_new_from_directory (RS_SCHEMA_BUILD_DIR, source, FALSE, NULL);
      if (local)
        {
          schema = g_settings_schema_source_lookup (local, RS_APP_ID, FALSE);
          g_settings_schema_source_unref (local);
        }
    }
  if (schema == NULL)
    g_error ("The settings schema %s is not installed", RS_APP_ID);
  settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_schema_unref (schema);
  return settings;
}

GSettings *
rs_application_get_settings (RsApplication *self)
{
  g_return_val_if_fail (RS_IS_APPLICATION (self), NULL);
  if (self->settings == NULL)
    self->settings = settings_new ();
  return self->settings;
}

RsWindow *
rs_application_new_window (RsApplication *self)
{
  RsWindow *win = rs_window_new (self);
  gtk_window_present (GTK_WINDOW (win));
  return win;
}

static RsWindow *
current_window (RsApplication *self)
{
  GtkWindow *w = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (RS_IS_WINDOW (w))
    return RS_WINDOW (w);
  return rs_application_new_window (self);
}

static void
open_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  rs_window_show_open_dialog (current_window (RS_APPLICATION (data)));
}

static void
new_window_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  rs_application_new_window (RS_APPLICATION (data));
}

static void
quit_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (data));

  /* Closing each window lets it save its size. */
  for (GList *l = g_list_copy (windows), *i = l; i; i = i->next)
    {
      gtk_window_close (i->data);
      if (i->next == NULL)
        g_list_free (l);
    }
}

static void
preferences_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  RsApplication *self = data;
  GtkWindow *prefs = GTK_WINDOW (rs_preferences_window_new (rs_application_get_settings (self)));

  gtk_window_set_transient_for (prefs, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (prefs);
}

static void
about_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  static const char *developers[] = { "The Riffscope authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (data));
  GtkWidget *about = adw_about_window_new ();

  g_object_set (about,
                "application-name", _("Riffscope"),
                "application-icon", RS_APP_ID,
                "developer-name", _("The Riffscope authors"),
                "version", RS_VERSION,
                "website", "https://github.com/riffscope/riffscope",
                "issue-url", "https://github.com/riffscope/riffscope/issues",
                "license-type", GTK_LICENSE_GPL_3_0,
                "developers", developers,
                /* Translators: your names, one per line */
                "translator-credits", _("translator-credits"),
                "comments", _("See how media files and compound files are built: their chunks, "
                              "fields, problems and bytes, through a reimplementation of the "
                              "Windows and OS/2 multimedia I/O services."),
                NULL);
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "open", open_action },
  { "new-window", new_window_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
rs_application_startup (GApplication *app)
{
  RsApplication *self = RS_APPLICATION (app);
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *new_window_accels[] = { "<Control>n", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  rs_application_register_resources ();
  G_APPLICATION_CLASS (rs_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  /* Dark mode follows the system: AdwStyleManager's default. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
rs_application_activate (GApplication *app)
{
  GtkWindow *w = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (w)
    gtk_window_present (w);
  else
    rs_application_new_window (RS_APPLICATION (app));
}

static void
rs_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  RsWindow *win = current_window (RS_APPLICATION (app));

  for (int i = 0; i < n_files; i++)
    {
      /* "sounds.bnd+ding.wav" arrives as a GFile of that path: the
       * document splits off the element. */
      char *path = g_file_get_path (files[i]);
      if (path)
        {
          RsPage *page = rs_window_open (win, path);
          RsApplication *self = RS_APPLICATION (app);
          if (page && (self->initial_view || self->initial_offset >= 0))
            rs_page_set_initial (page, self->initial_view, self->initial_offset);
        }
      g_free (path);
    }
  gtk_window_present (GTK_WINDOW (win));
}

static int
rs_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  RsApplication *self = RS_APPLICATION (app);
  const char *view = NULL, *offset = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("riffscope %s\n", RS_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "view", "&s", &view))
    {
      if (!g_str_equal (view, "structure") && !g_str_equal (view, "elements") &&
          !g_str_equal (view, "problems"))
        {
          g_printerr (_("Unknown view “%s”: use structure, elements or problems\n"), view);
          return 2;
        }
      self->initial_view = g_strdup (view);
    }
  if (g_variant_dict_lookup (options, "goto", "&s", &offset) &&
      !rs_parse_offset (offset, &self->initial_offset))
    {
      g_printerr (_("Not an offset: “%s”\n"), offset);
      return 2;
    }
  return -1;
}

static void
rs_application_dispose (GObject *object)
{
  g_clear_object (&RS_APPLICATION (object)->settings);
  g_clear_pointer (&RS_APPLICATION (object)->initial_view, g_free);
  G_OBJECT_CLASS (rs_application_parent_class)->dispose (object);
}

static void
rs_application_class_init (RsApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rs_application_dispose;
  app_class->startup = rs_application_startup;
  app_class->activate = rs_application_activate;
  app_class->open = rs_application_open;
  app_class->handle_local_options = rs_application_handle_local_options;
}

static void
rs_application_init (RsApplication *self)
{
  static const GOptionEntry entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Show this view of the files opened: structure, elements or problems"), N_("VIEW") },
    { "goto", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Select the bytes at this offset (decimal, or 0x…) and the chunk holding them"), N_("OFFSET") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  self->initial_offset = -1;
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("FILE[+ELEMENT]…"));
}

RsApplication *
rs_application_new (void)
{
  return g_object_new (RS_TYPE_APPLICATION,
                       "application-id", RS_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/riffscope/Riffscope",
                       NULL);
}
