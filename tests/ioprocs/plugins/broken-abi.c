/* broken-abi.c — a plugin built against a future ABI: its descriptor says
 * version 999. The loader must refuse it as an ABI mismatch. */
#include <mmio/mmio-plugin.h>

static LRESULT
abi_ioproc (LPSTR info, UINT msg, LPARAM p1, LPARAM p2)
{
  (void) info; (void) msg; (void) p1; (void) p2;
  return MMIOERR_UNSUPPORTED_MESSAGE;
}

static const MMIOPLUGINPROC procs[] = {
  { mmioFOURCC ('A', 'B', 'I', ' '), abi_ioproc, MMIO_IOPROC_FILEFORMAT, "abi_ioproc" },
};

MMIO_PLUGIN_EXPORT const MMIOPLUGINDESC *mmioPluginEntry (void);

MMIO_PLUGIN_EXPORT const MMIOPLUGINDESC *
mmioPluginEntry (void)
{
  static const MMIOPLUGINDESC d = { sizeof d, 999, "abi", 1, procs };
  return &d;
}
