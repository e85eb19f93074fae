/* rs-ioproc-info.h — one installed IOProc as a list item: its
 * MMFORMATINFO, translated name, and where it comes from. */
#pragma once

#include <glib-object.h>
#include <mmio/mmio-plugin.h>

G_BEGIN_DECLS

typedef enum {
  RS_IOPROC_BUILTIN,     /* compiled into libmmio */
  RS_IOPROC_REGISTRY,    /* the persistent registry (ioprocs.ini) names it */
  RS_IOPROC_PLUGIN,      /* a plugin file loaded for this session only */
  RS_IOPROC_PROGRAM,     /* installed by this program's own code */
} RsIOProcOrigin;

#define RS_TYPE_IOPROC_INFO (rs_ioproc_info_get_type ())
G_DECLARE_FINAL_TYPE (RsIOProcInfo, rs_ioproc_info, RS, IOPROC_INFO, GObject)

RsIOProcInfo        *rs_ioproc_info_new        (const MMFORMATINFO *info, const char *name,
                                                RsIOProcOrigin origin, const char *module,
                                                gboolean shadowed);
const MMFORMATINFO  *rs_ioproc_info_get_format (RsIOProcInfo *self);
const char          *rs_ioproc_info_get_name   (RsIOProcInfo *self);
RsIOProcOrigin       rs_ioproc_info_get_origin (RsIOProcInfo *self);
/* The module file for a registry or plugin entry, else NULL. */
const char          *rs_ioproc_info_get_module (RsIOProcInfo *self);
/* TRUE when a newer entry with the same FOURCC hides this one. */
gboolean             rs_ioproc_info_get_shadowed (RsIOProcInfo *self);
/* "WAVE" (unprintable bytes as '.'), newly allocated. */
char                *rs_ioproc_info_dup_fourcc (RsIOProcInfo *self);
/* Translated texts for the table. */
const char          *rs_ioproc_type_text       (ULONG type);
const char          *rs_media_type_text        (ULONG media);
char                *rs_capabilities_text      (ULONG flags);
char                *rs_ioproc_info_dup_origin_text (RsIOProcInfo *self);

G_END_DECLS
