/* formats.c — the format registry queries (OS/2): mmioQueryFormatCount,
 * mmioGetFormats and mmioGetFormatName over the MMFORMATINFO records the
 * IOProc table keeps from install time.
 *
 * Records come newest first, one per installed entry (an IOProc shadowing
 * another is listed before it). The one thing of a record that can change
 * after install is the length of the translated name, when the program
 * switches language: it is asked again each time records are handed out,
 * so a caller sizing its buffer by lNameLength gets the whole name. */
#include "mmio-private.h"
#include "registry-private.h"

#include <string.h>

/* Longest format name asked for when refreshing lNameLength. */
#define NAME_PROBE_LEN 1024

static gboolean
criteria_match (const MMFORMATINFO *c, const MMFORMATINFO *f)
{
  if (c == NULL)
    return TRUE;
  if (c->fccIOProc != 0 && c->fccIOProc != f->fccIOProc)
    return FALSE;
  /* Types are bit values: a criterion with several bits means "any of". */
  if (c->ulIOProcType != 0 && (c->ulIOProcType & f->ulIOProcType) == 0)
    return FALSE;
  if (c->ulMediaType != 0 && (c->ulMediaType & f->ulMediaType) == 0)
    return FALSE;
  if ((c->ulFlags & f->ulFlags) != c->ulFlags)
    return FALSE;
  return TRUE;
}

void
mmio_format_record (const MmioProcEntry *snap, MMFORMATINFO *out)
{
  MmioProcEntry *e;

  *out = snap->format;
  if (!snap->has_format)
    return;
  e = mmio_registry_acquire_proc (snap->fcc, snap->proc);
  if (e != NULL)
    {
      char *buf = g_malloc (NAME_PROBE_LEN);
      LRESULT n = mmio_registry_send (e, MMIOM_GETFORMATNAME, (LPARAM) buf,
                                      NAME_PROBE_LEN);
      if (n >= 0 && n <= NAME_PROBE_LEN)
        out->lNameLength = (int32_t) n;
      g_free (buf);
      mmio_registry_release (e);
    }
}

ULONG
mmioQueryFormatCount (PMMFORMATINFO pCriteria, PLONG plNumFormats,
                      ULONG ulReserved, ULONG ulFlags)
{
  GPtrArray *all;
  LONG n = 0;

  (void) ulReserved;
  (void) ulFlags;
  if (plNumFormats == NULL)
    return MMIOERR_INVALID_PARAMETER;
  all = mmio_registry_snapshot ();
  for (guint i = 0; i < all->len; i++)
    {
      const MmioProcEntry *e = g_ptr_array_index (all, i);
      if (criteria_match (pCriteria, &e->format))
        n++;
    }
  g_ptr_array_unref (all);
  *plNumFormats = n;
  return MMIO_SUCCESS;
}

ULONG
mmioGetFormats (PMMFORMATINFO pCriteria, LONG lNumFormats,
                PVOID pFormatInfoList, PLONG plFormatsRead, ULONG ulReserved,
                ULONG ulFlags)
{
  MMFORMATINFO *list = pFormatInfoList;
  GPtrArray *all;
  LONG n = 0;

  (void) ulReserved;
  (void) ulFlags;
  if (plFormatsRead == NULL || lNumFormats < 0
      || (list == NULL && lNumFormats > 0))
    return MMIOERR_INVALID_PARAMETER;
  all = mmio_registry_snapshot ();
  for (guint i = 0; i < all->len && n < lNumFormats; i++)
    {
      const MmioProcEntry *e = g_ptr_array_index (all, i);
      if (criteria_match (pCriteria, &e->format))
        mmio_format_record (e, &list[n++]);
    }
  g_ptr_array_unref (all);
  *plFormatsRead = n;
  return MMIO_SUCCESS;
}

ULONG
mmioGetFormatName (PMMFORMATINFO pmmformatinfo, PSZ pszFormatName,
                   PLONG plBytesRead, ULONG ulReserved, ULONG ulFlags)
{
  MmioProcEntry *e;
  LRESULT n;
  LONG size;

  (void) ulReserved;
  (void) ulFlags;
  if (pmmformatinfo == NULL || plBytesRead == NULL)
    return MMIOERR_INVALID_PARAMETER;
  *plBytesRead = 0;
  size = pmmformatinfo->lNameLength;
  if (size > 0 && pszFormatName == NULL)
    return MMIOERR_INVALID_PARAMETER;
  mmio_ensure_init ();
  e = mmio_registry_acquire (pmmformatinfo->fccIOProc, FALSE);
  if (e == NULL)
    return MMIOERR_IOPROC_NOT_FOUND;
  if (size > 0)
    {
      n = mmio_registry_send (e, MMIOM_GETFORMATNAME, (LPARAM) pszFormatName,
                              size);
      /* An IOProc without a name (or one that answers nonsense) gives an
       * empty name, as OS/2's "0 bytes copied". */
      if (n > 0)
        *plBytesRead = n > size ? size : n;
    }
  mmio_registry_release (e);
  return MMIO_SUCCESS;
}
