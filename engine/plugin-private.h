/* plugin-private.h — what the plugin loader, the persistent registry, the
 * trace and the checker share inside the engine. */
#ifndef MMIO_PLUGIN_PRIVATE_H
#define MMIO_PLUGIN_PRIVATE_H

#include <mmio/mmio-plugin.h>

/* plugin.c */
void mmio_plugin_remember_error (const MMIOPLUGINERROR *err);
const MMIOPLUGINPROC *mmio_plugin_find_proc (MMIOPLUGIN *plugin, FOURCC fcc,
                                             const char *proc_name);

/* inifile.c: the procedure installed in the key file for fcc, loading its
 * module on first use; NULL when there is none or it does not load. */
LPMMIOPROC mmio_inifile_resolve (FOURCC fcc);
/* Load every IOProc the key file lists (for format enumeration). */
void       mmio_inifile_load_all (void);

/* trace.c */
void mmio_trace_fourcc_text (FOURCC fcc, char out[5]);

#endif
