/* rs-dialogs.c — file choosers (GtkFileChooserNative: portals where there
 * are some), AdwMessageDialog for confirmations and short text. */
#include "rs-dialogs.h"

#include <adwaita.h>
#include <glib/gi18n.h>

static RsDialogsResponder test_responder;
static gpointer test_responder_data;

void
rs_dialogs_set_responder (RsDialogsResponder responder, gpointer user_data)
{
  test_responder = responder;
  test_responder_data = user_data;
}

typedef struct {
  RsFileCallback file_cb;
  RsConfirmCallback confirm_cb;
  RsTextCallback text_cb;
  gpointer user_data;
  GtkWidget *entry;
} Pending;

static void
file_response (GtkNativeDialog *dialog, int response, gpointer data)
{
  Pending *p = data;
  char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file)
        {
          path = g_file_get_path (file);
          g_object_unref (file);
        }
    }
  p->file_cb (path, p->user_data);
  g_free (path);
  g_free (p);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static gboolean
answer_file (const char *kind, const char *title, RsFileCallback cb, gpointer user_data)
{
  char *answer;

  if (test_responder == NULL)
    return FALSE;
  answer = test_responder (kind, title, test_responder_data);
  cb (answer, user_data);
  g_free (answer);
  return TRUE;
}

static void
add_filters (GtkFileChooser *chooser)
{
  GtkFileFilter *all = gtk_file_filter_new ();
  GtkFileFilter *media = gtk_file_filter_new ();
  static const char *patterns[] = { "*.wav", "*.avi", "*.rmi", "*.mid", "*.midi", "*.bnd",
                                    "*.rdi", "*.ani", "*.riff", "*.rif", "*.WAV", "*.AVI",
                                    "*.BND", "*.MID" };

  gtk_file_filter_set_name (media, _("Media and compound files"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (media, patterns[i]);
  gtk_file_filter_add_mime_type (media, "audio/*");
  gtk_file_filter_add_mime_type (media, "video/*");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, media);
  gtk_file_chooser_add_filter (chooser, all);
  g_object_unref (media);
  g_object_unref (all);
}

void
rs_dialogs_choose_open (GtkWindow *parent, const char *title,
                        RsFileCallback callback, gpointer user_data)
{
  GtkFileChooserNative *native;
  Pending *p;

  if (answer_file ("open", title, callback, user_data))
    return;
  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  add_filters (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  p = g_new0 (Pending, 1);
  p->file_cb = callback;
  p->user_data = user_data;
  g_signal_connect (native, "response", G_CALLBACK (file_response), p);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
rs_dialogs_choose_save (GtkWindow *parent, const char *title, const char *suggested_name,
                        RsFileCallback callback, gpointer user_data)
{
  GtkFileChooserNative *native;
  Pending *p;

  if (answer_file ("save", title, callback, user_data))
    return;
  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  if (suggested_name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  p = g_new0 (Pending, 1);
  p->file_cb = callback;
  p->user_data = user_data;
  g_signal_connect (native, "response", G_CALLBACK (file_response), p);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
message_response (AdwMessageDialog *dialog, const char *response, gpointer data)
{
  Pending *p = data;
  gboolean ok = g_strcmp0 (response, "accept") == 0;

  if (p->confirm_cb)
    p->confirm_cb (ok, p->user_data);
  else if (p->text_cb)
    p->text_cb (ok ? gtk_editable_get_text (GTK_EDITABLE (p->entry)) : NULL, p->user_data);
  g_free (p);
}

static AdwMessageDialog *
message_new (GtkWindow *parent, const char *heading, const char *body,
             const char *accept_label, gboolean destructive, Pending *p)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "accept", accept_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "accept",
      destructive ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, destructive ? "cancel" : "accept");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (message_response), p);
  return dialog;
}

void
rs_dialogs_confirm (GtkWindow *parent, const char *heading, const char *body,
                    const char *accept_label, gboolean destructive,
                    RsConfirmCallback callback, gpointer user_data)
{
  Pending *p;

  if (test_responder)
    {
      char *answer = test_responder ("confirm", heading, test_responder_data);
      callback (answer != NULL, user_data);
      g_free (answer);
      return;
    }
  p = g_new0 (Pending, 1);
  p->confirm_cb = callback;
  p->user_data = user_data;
  gtk_window_present (GTK_WINDOW (message_new (parent, heading, body, accept_label, destructive, p)));
}

static void
entry_activate (GtkEntry *entry, AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "accept");
  gtk_window_close (GTK_WINDOW (dialog));
}

void
rs_dialogs_ask_text (GtkWindow *parent, const char *heading, const char *body,
                     const char *initial, const char *accept_label,
                     RsTextCallback callback, gpointer user_data)
{
  AdwMessageDialog *dialog;
  Pending *p;

  if (test_responder)
    {
      char *answer = test_responder ("text", heading, test_responder_data);
      callback (answer, user_data);
      g_free (answer);
      return;
    }
  p = g_new0 (Pending, 1);
  p->text_cb = callback;
  p->user_data = user_data;
  p->entry = gtk_entry_new ();
  if (initial)
    gtk_editable_set_text (GTK_EDITABLE (p->entry), initial);
  dialog = message_new (parent, heading, body, accept_label, FALSE, p);
  g_signal_connect (p->entry, "activate", G_CALLBACK (entry_activate), dialog);
  adw_message_dialog_set_extra_child (dialog, p->entry);
  gtk_window_present (GTK_WINDOW (dialog));
}
