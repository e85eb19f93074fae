/* broken-undef.c — a plugin that calls a function no library provides.
 * Modules are bound at load time, so the loader must fail with the
 * dynamic loader's "undefined symbol" message, naming the symbol. */
#include <mmio/mmio-plugin.h>

extern int riffscope_test_symbol_nobody_defines (int);

static LRESULT
undef_ioproc (LPSTR info, UINT msg, LPARAM p1, LPARAM p2)
{
  (void) info; (void) p1; (void) p2;
  return riffscope_test_symbol_nobody_defines ((int) msg);
}

static const MMIOPLUGINPROC procs[] = {
  { mmioFOURCC ('U', 'N', 'D', 'F'), undef_ioproc, MMIO_IOPROC_FILEFORMAT, "undef_ioproc" },
};

MMIO_PLUGIN_EXPORT const MMIOPLUGINDESC *mmioPluginEntry (void);

MMIO_PLUGIN_EXPORT const MMIOPLUGINDESC *
mmioPluginEntry (void)
{
  static const MMIOPLUGINDESC d = { sizeof d, MMIO_PLUGIN_ABI_VERSION, "undef", 1, procs };
  return &d;
}
