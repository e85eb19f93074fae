/* rs-window.h — the main window: tabs of opened files and the commands
 * (win.* actions) that act on the current one. */
#pragma once

#include <adwaita.h>
#include "rs-types.h"

G_BEGIN_DECLS

#define RS_TYPE_WINDOW (rs_window_get_type ())
G_DECLARE_FINAL_TYPE (RsWindow, rs_window, RS, WINDOW, AdwApplicationWindow)

RsWindow   *rs_window_new              (RsApplication *app);
/* Opens a file or "file+element" in a new tab (or selects its tab). */
RsPage     *rs_window_open             (RsWindow *self, const char *name);
RsPage     *rs_window_get_current_page (RsWindow *self);
AdwTabView *rs_window_get_tab_view     (RsWindow *self);
void        rs_window_show_open_dialog (RsWindow *self);
void        rs_window_add_toast        (RsWindow *self, const char *message);
/* The last toast's text, for tests. */
const char *rs_window_get_last_toast   (RsWindow *self);

G_END_DECLS
