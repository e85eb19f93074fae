/* i18n.c — binds the project's gettext domain for libmci without touching
 * the program's own textdomain. */
#include "mci-private.h"

void
mci_i18n_init (void)
{
  static gsize done = 0;
  if (g_once_init_enter (&done))
    {
      const char *dir = g_getenv ("RIFFSCOPE_LOCALEDIR");
      bindtextdomain (GETTEXT_PACKAGE, dir && dir[0] ? dir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&done, 1);
    }
}
