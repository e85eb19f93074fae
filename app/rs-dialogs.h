/* rs-dialogs.h — the questions the app asks a person: which file to open,
 * where to save, "are you sure", a line of text. One place, so tests can
 * answer them without a dialog on screen. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the chosen path, or NULL when the person cancelled. */
typedef void (*RsFileCallback)   (const char *path, gpointer user_data);
/* Called with TRUE when the person confirmed. */
typedef void (*RsConfirmCallback) (gboolean confirmed, gpointer user_data);
/* Called with the text entered, or NULL when cancelled. */
typedef void (*RsTextCallback)   (const char *text, gpointer user_data);

void rs_dialogs_choose_open  (GtkWindow *parent, const char *title,
                              RsFileCallback callback, gpointer user_data);
void rs_dialogs_choose_save  (GtkWindow *parent, const char *title,
                              const char *suggested_name,
                              RsFileCallback callback, gpointer user_data);
void rs_dialogs_confirm      (GtkWindow *parent, const char *heading,
                              const char *body, const char *accept_label,
                              gboolean destructive,
                              RsConfirmCallback callback, gpointer user_data);
void rs_dialogs_ask_text     (GtkWindow *parent, const char *heading,
                              const char *body, const char *initial,
                              const char *accept_label,
                              RsTextCallback callback, gpointer user_data);

/* Tests: answer every question from these functions instead. The answer
 * for a file question is a path (or NULL), for a confirmation "yes" or
 * NULL, for a text question the text (or NULL). `kind` is "open", "save",
 * "confirm" or "text"; `title` is the dialog's heading. */
typedef char *(*RsDialogsResponder) (const char *kind, const char *title,
                                     gpointer user_data);
void rs_dialogs_set_responder (RsDialogsResponder responder, gpointer user_data);

G_END_DECLS
