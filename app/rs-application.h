/* rs-application.h — the Riffscope application: app.* actions, windows,
 * settings, and opening the files named on the command line. */
#pragma once

#include <adwaita.h>
#include "rs-types.h"

G_BEGIN_DECLS

#define RS_TYPE_APPLICATION (rs_application_get_type ())
G_DECLARE_FINAL_TYPE (RsApplication, rs_application, RS, APPLICATION, AdwApplication)

RsApplication *rs_application_new          (void);
/* The app's settings; never NULL (falls back to the schema in the build
 * tree, then to an in-memory copy of the defaults). */
GSettings     *rs_application_get_settings (RsApplication *self);
RsWindow      *rs_application_new_window   (RsApplication *self);
/* Registers the bundled resources; idempotent. Tests call it too. */
void           rs_application_register_resources (void);

G_END_DECLS
