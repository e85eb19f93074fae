/* rs-preferences-window.c — binds the preference rows to GSettings; the
 * window and its pages listen to the settings, not to this window. */
#include "rs-preferences-window.h"

#include <glib/gi18n.h>

struct _RsPreferencesWindow
{
  AdwPreferencesWindow parent_instance;
  GSettings *settings;
  GtkSpinButton *columns_spin;
  GtkSwitch *strict_switch;
  GtkSpinButton *trace_size_spin;
  AdwComboRow *time_format_row;
};

static const char *const time_formats[] = { "milliseconds", "samples", "bytes" };

static gboolean
time_format_get (GValue *value, GVariant *variant, gpointer data)
{
  const char *s = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (time_formats); i++)
    if (g_strcmp0 (s, time_formats[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
time_format_set (const GValue *value, const GVariantType *type, gpointer data)
{
  guint i = g_value_get_uint (value);
  return g_variant_new_string (time_formats[i < G_N_ELEMENTS (time_formats) ? i : 0]);
}

G_DEFINE_FINAL_TYPE (RsPreferencesWindow, rs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
strict_get (GValue *value, GVariant *variant, gpointer data)
{
  g_value_set_boolean (value, g_strcmp0 (g_variant_get_string (variant, NULL), "strict") == 0);
  return TRUE;
}

static GVariant *
strict_set (const GValue *value, const GVariantType *type, gpointer data)
{
  return g_variant_new_string (g_value_get_boolean (value) ? "strict" : "tolerant");
}

static void
rs_preferences_window_dispose (GObject *object)
{
  g_clear_object (&RS_PREFERENCES_WINDOW (object)->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), RS_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (rs_preferences_window_parent_class)->dispose (object);
}

static void
rs_preferences_window_class_init (RsPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rs_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/riffscope/Riffscope/rs-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RsPreferencesWindow, columns_spin);
  gtk_widget_class_bind_template_child (widget_class, RsPreferencesWindow, strict_switch);
  gtk_widget_class_bind_template_child (widget_class, RsPreferencesWindow, trace_size_spin);
  gtk_widget_class_bind_template_child (widget_class, RsPreferencesWindow, time_format_row);
}

static void
rs_preferences_window_init (RsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RsPreferencesWindow *
rs_preferences_window_new (GSettings *settings)
{
  RsPreferencesWindow *self = g_object_new (RS_TYPE_PREFERENCES_WINDOW, NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "hex-columns", gtk_spin_button_get_adjustment (self->columns_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "parse-mode", self->strict_switch, "active",
                                G_SETTINGS_BIND_DEFAULT, strict_get, strict_set, NULL, NULL);
  g_settings_bind (settings, "trace-buffer-size", gtk_spin_button_get_adjustment (self->trace_size_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "time-format", self->time_format_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, time_format_get, time_format_set, NULL, NULL);
  return self;
}
