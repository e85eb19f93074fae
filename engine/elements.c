/* elements.c — mmioListElements: the one way the app and the command line
 * list what a container holds (compound files, archives, a user's storage
 * IOProc). The container is opened by its own storage IOProc, chosen by the
 * extension of its last component, on the name with a trailing separator
 * (which means "the container itself"), and asked MMIOM_LISTELEMENTS. */
#include "mmio-private.h"

#include <mmio/mmio-cf.h>
#include <string.h>

MMRESULT
mmioListElementsOf (HMMIO hmmio, MMIOELEMENTSINK *pSink, ULONG ulFlags)
{
  LRESULT r;

  if (pSink == NULL || pSink->AddElement == NULL)
    return MMSYSERR_INVALPARAM;
  r = mmioSendMessage (hmmio, MMIOM_LISTELEMENTS, (LPARAM) pSink,
                       (LPARAM) ulFlags);
  if (r == MMIOERR_UNSUPPORTED_MESSAGE || r == MMIO_ERROR)
    return MMSYSERR_NOTSUPPORTED;
  return (MMRESULT) r;
}

MMRESULT
mmioListElements (LPCSTR szContainer, MMIOELEMENTSINK *pSink, ULONG ulFlags)
{
  MMIOINFO mi = { 0 };
  MMRESULT r;
  char *name;
  FOURCC fcc;
  HMMIO h;
  MmioProcEntry *entry;

  mmio_ensure_init ();
  if (szContainer == NULL || *szContainer == 0 || pSink == NULL
      || pSink->AddElement == NULL)
    return MMSYSERR_INVALPARAM;
  name = g_str_has_suffix (szContainer, "+")
         ? g_strdup (szContainer) : g_strconcat (szContainer, "+", NULL);
  fcc = mmio_fourcc_from_name (name, CFSEPCHAR);
  if (fcc == 0 || mmioInstallIOProc (fcc, NULL, MMIO_FINDPROC) == NULL)
    {
      g_free (name);
      return MMIOERR_IOPROC_NOT_FOUND;
    }
  /* The same rule as for opening names: only a storage system holds
   * elements. "clip.avi" names a file format, which is an answer (not a
   * container), not a failed open. */
  if ((entry = mmio_registry_acquire_storage (fcc)) == NULL)
    {
      g_free (name);
      return MMSYSERR_NOTSUPPORTED;
    }
  mmio_registry_release (entry);
  mi.fccIOProc = fcc;
  h = mmioOpen (name, &mi, MMIO_READ | MMIO_DENYNONE);
  g_free (name);
  if (h == NULL)
    return mi.wErrorRet ? mi.wErrorRet : MMIOERR_CANNOTOPEN;
  r = mmioListElementsOf (h, pSink, ulFlags);
  mmioClose (h, 0);
  return r;
}
