/* builtins.c — registers the IOProcs that ship inside libmmio, through the
 * public mmioInstallIOProc like any user's IOProc, and the helpers they
 * share for describing themselves. */
#include "ioprocs.h"
#include "../engine/mmio-i18n.h"

#include <string.h>

void mmio_ioprocs_register_builtins (void);

const char *
mmio_dos_format_name (void)
{
  mmio_i18n_init ();
  return _("File system (DOS)");
}

const char *
mmio_mem_format_name (void)
{
  mmio_i18n_init ();
  return _("Memory file");
}

LRESULT
mmio_ioprocs_fill_format (MMFORMATINFO *fi, FOURCC fcc, ULONG type,
                          ULONG media, ULONG caps, const char *ext,
                          const char *name)
{
  if (fi == NULL)
    return MMIO_ERROR;
  memset (fi, 0, sizeof *fi);
  fi->ulStructLen = sizeof *fi;
  fi->fccIOProc = fcc;
  fi->ulIOProcType = type;
  fi->ulMediaType = media;
  fi->ulFlags = caps;
  g_strlcpy (fi->szDefaultFormatExt, ext, sizeof fi->szDefaultFormatExt);
  fi->ulCodePage = 1208;        /* UTF-8, as OS/2 numbers it */
  fi->ulLanguage = 0;
  fi->lNameLength = (int32_t) strlen (name);
  return MMIO_SUCCESS;
}

LRESULT
mmio_ioprocs_copy_name (char *buf, LONG size, const char *name)
{
  LONG len = (LONG) strlen (name);
  if (buf == NULL || size <= 0)
    return 0;
  if (len > size)
    len = size;
  memcpy (buf, name, (size_t) len);
  if (len < size)
    buf[len] = 0;
  return len;
}

void
mmio_ioprocs_register_builtins (void)
{
  /* Installed oldest first: the list is searched newest first. */
  mmioInstallIOProc (FOURCC_MEM, mmio_mem_ioproc, MMIO_INSTALLPROC | MMIO_GLOBALPROC);
  mmioInstallIOProc (FOURCC_DOS, mmio_dos_ioproc, MMIO_INSTALLPROC | MMIO_GLOBALPROC);
  /* Container storage systems: compound files, and archives per extension. */
  mmioInstallIOProc (FOURCC_BND, mmio_cf_ioproc, MMIO_INSTALLPROC | MMIO_GLOBALPROC);
  mmioInstallIOProc (FOURCC_CF, mmio_cf_ioproc, MMIO_INSTALLPROC | MMIO_GLOBALPROC);
  mmio_archive_register ();
  /* The generic RIFF describer before every other file format: asked last. */
  mmioInstallIOProc (FOURCC_RIFF, mmio_riffgeneric_ioproc, MMIO_INSTALLPROC | MMIO_GLOBALPROC);
  mmioInstallIOProc (mmioFOURCC ('A', 'V', 'I', ' '), mmio_avi_ioproc, MMIO_INSTALLPROC | MMIO_GLOBALPROC);
  mmioInstallIOProc (mmioFOURCC ('M', 'I', 'D', 'I'), mmio_midi_ioproc, MMIO_INSTALLPROC | MMIO_GLOBALPROC);
  mmioInstallIOProc (mmioFOURCC ('s', 'f', 'b', 'k'), mmio_sfbk_ioproc, MMIO_INSTALLPROC | MMIO_GLOBALPROC);
  mmioInstallIOProc (mmioFOURCC ('W', 'E', 'B', 'P'), mmio_webp_ioproc, MMIO_INSTALLPROC | MMIO_GLOBALPROC);
  mmioInstallIOProc (mmioFOURCC ('A', 'C', 'O', 'N'), mmio_acon_ioproc, MMIO_INSTALLPROC | MMIO_GLOBALPROC);
  mmioInstallIOProc (mmioFOURCC ('W', 'A', 'V', 'E'), mmio_wave_ioproc, MMIO_INSTALLPROC | MMIO_GLOBALPROC);
}
