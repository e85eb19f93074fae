/* registry-private.h — the IOProc table's entry record, for the engine files
 * that enumerate it (format queries, the command line's listing). */
#ifndef MMIO_REGISTRY_PRIVATE_H
#define MMIO_REGISTRY_PRIVATE_H

#include "mmio-private.h"

struct _MmioProcEntry
{
  FOURCC       fcc;
  LPMMIOPROC   proc;
  gboolean     builtin;     /* installed while the library initialised */
  gboolean     temp;        /* pIOProc given to mmioOpen: lives with the handle */
  gboolean     ini;         /* loaded from the persistent registry (inifile.c) */
  guint        in_use;      /* open handles using it */
  gboolean     has_format;  /* the IOProc answered MMIOM_GETFORMATINFO */
  MMFORMATINFO format;
};

/* formats.c: the record of a snapshot entry as handed out, with the name
 * length in today's language. */
void mmio_format_record (const MmioProcEntry *snap, MMFORMATINFO *out);

#endif
