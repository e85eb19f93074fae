/* main.c — the riffscope executable: everything else is in the app
 * library so the tests run the same code. */
#include <glib/gi18n.h>
#include <locale.h>

#include "rs-application.h"

int
main (int argc, char **argv)
{
  g_autoptr(RsApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Riffscope"));

  app = rs_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
