/* broken-conflict.c — a plugin that claims 'AU  ', which the au example
 * plugin provides. Loaded after it, the loader must report the conflict
 * and name the module that has the FOURCC. */
#include <mmio/mmio-plugin.h>

static LRESULT
conflict_ioproc (LPSTR info, UINT msg, LPARAM p1, LPARAM p2)
{
  (void) info; (void) msg; (void) p1; (void) p2;
  return MMIOERR_UNSUPPORTED_MESSAGE;
}

static const MMIOPLUGINPROC procs[] = {
  { mmioFOURCC ('A', 'U', ' ', ' '), conflict_ioproc, MMIO_IOPROC_FILEFORMAT, "conflict_ioproc" },
};

MMIO_PLUGIN_EXPORT const MMIOPLUGINDESC *mmioPluginEntry (void);

MMIO_PLUGIN_EXPORT const MMIOPLUGINDESC *
mmioPluginEntry (void)
{
  static const MMIOPLUGINDESC d = { sizeof d, MMIO_PLUGIN_ABI_VERSION, "conflict", 1, procs };
  return &d;
}
