/* rs-preferences-window.h — the preferences: hex columns and parsing mode,
 * bound to GSettings. */
#pragma once

#include <adwaita.h>
#include "rs-types.h"

G_BEGIN_DECLS

#define RS_TYPE_PREFERENCES_WINDOW (rs_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RsPreferencesWindow, rs_preferences_window, RS, PREFERENCES_WINDOW, AdwPreferencesWindow)

RsPreferencesWindow *rs_preferences_window_new (GSettings *settings);

G_END_DECLS
