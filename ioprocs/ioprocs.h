/* ioprocs.h — what the built-in IOProcs share: their entry points (for the
 * registration list) and helpers for answering the format messages. */
#ifndef MMIO_IOPROCS_H
#define MMIO_IOPROCS_H

#include <mmio/mmio-ioproc.h>

LRESULT mmio_dos_ioproc (LPSTR, UINT, LPARAM, LPARAM);
LRESULT mmio_mem_ioproc (LPSTR, UINT, LPARAM, LPARAM);
/* Compound files ('BND ', 'CF  ') and archives (one FOURCC per extension,
 * installed by mmio_archive_register). */
LRESULT mmio_cf_ioproc (LPSTR, UINT, LPARAM, LPARAM);
LRESULT mmio_archive_ioproc (LPSTR, UINT, LPARAM, LPARAM);
void    mmio_archive_register (void);
LRESULT mmio_wave_ioproc (LPSTR, UINT, LPARAM, LPARAM);
/* File formats with a chunk describer (format-util.h has their helpers). */
LRESULT mmio_riffgeneric_ioproc (LPSTR, UINT, LPARAM, LPARAM);
LRESULT mmio_avi_ioproc (LPSTR, UINT, LPARAM, LPARAM);
LRESULT mmio_midi_ioproc (LPSTR, UINT, LPARAM, LPARAM);
LRESULT mmio_sfbk_ioproc (LPSTR, UINT, LPARAM, LPARAM);
LRESULT mmio_webp_ioproc (LPSTR, UINT, LPARAM, LPARAM);
LRESULT mmio_acon_ioproc (LPSTR, UINT, LPARAM, LPARAM);

const char *mmio_dos_format_name (void);
const char *mmio_mem_format_name (void);

/* Fill an MMFORMATINFO for MMIOM_GETFORMATINFO; returns MMIO_SUCCESS, or
 * MMIO_ERROR for a NULL or too short record. */
LRESULT mmio_ioprocs_fill_format (MMFORMATINFO *fi, FOURCC fcc, ULONG type,
                                  ULONG media, ULONG caps, const char *ext,
                                  const char *name);
/* MMIOM_GETFORMATNAME: copy up to size bytes (no NUL promised), return the
 * count. */
LRESULT mmio_ioprocs_copy_name (char *buf, LONG size, const char *name);

#endif
