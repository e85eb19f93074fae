/* broken-nosym.c — a plugin that forgot its entry point: it exports an
 * IOProc but no mmioPluginEntry. The loader must say "missing symbol". */
#include <mmio/mmio-plugin.h>

MMIO_PLUGIN_EXPORT LRESULT nosym_ioproc (LPSTR, UINT, LPARAM, LPARAM);

MMIO_PLUGIN_EXPORT LRESULT
nosym_ioproc (LPSTR info, UINT msg, LPARAM p1, LPARAM p2)
{
  (void) info; (void) msg; (void) p1; (void) p2;
  return MMIOERR_UNSUPPORTED_MESSAGE;
}
