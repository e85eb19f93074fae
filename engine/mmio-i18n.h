/* mmio-i18n.h — gettext for the engine and the built-in IOProcs. They
 * translate through the project's domain without touching the program's
 * textdomain, so an application that embeds libmmio keeps its own. */
#ifndef MMIO_I18N_H
#define MMIO_I18N_H

#include <glib.h>
#include <glib/gi18n-lib.h>

void mmio_i18n_init (void);

#endif
