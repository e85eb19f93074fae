/* identify.c — mmioIdentifyFile and identification on mmioOpen (OS/2,
 * reference 9.5 and 9.7).
 *
 * The storage system is found first, the way mmioOpen finds it; a handle
 * is opened on it and every file-format IOProc, newest first and one per
 * FOURCC (the one mmioOpen would use), is sent MMIOM_IDENTIFYFILE with the
 * name and that handle. An IOProc must leave the position where it found
 * it; the manager checks and puts it back, so a careless IOProc cannot
 * blind the ones asked after it. Data nobody claims is described by the
 * storage system's own record: that is an answer, not an error. */
#include "mmio-private.h"
#include "registry-private.h"

#include <string.h>

/* Ask the file-format IOProcs about the data behind hmmio. Returns the
 * claiming entry, acquired, or NULL. */
static MmioProcEntry *
ask_file_formats (const char *name, HMMIO hmmio)
{
  GPtrArray *all = mmio_registry_snapshot ();
  GHashTable *seen = g_hash_table_new (NULL, NULL);
  MmioProcEntry *claimed = NULL;

  for (guint i = 0; i < all->len && claimed == NULL; i++)
    {
      const MmioProcEntry *snap = g_ptr_array_index (all, i);
      MmioProcEntry *e;
      LONG before, after;
      LRESULT r;

      if (g_hash_table_contains (seen, GUINT_TO_POINTER (snap->fcc)))
        continue;
      g_hash_table_add (seen, GUINT_TO_POINTER (snap->fcc));
      if (!snap->has_format
          || !(snap->format.ulIOProcType & MMIO_IOPROC_FILEFORMAT))
        continue;
      e = mmio_registry_acquire_proc (snap->fcc, snap->proc);
      if (e == NULL)
        continue;                 /* removed since the snapshot */
      before = mmioSeek (hmmio, 0, SEEK_CUR);
      r = mmio_registry_send (e, MMIOM_IDENTIFYFILE, (LPARAM) name,
                              (LPARAM) hmmio);
      after = mmioSeek (hmmio, 0, SEEK_CUR);
      if (before >= 0 && after != before)
        {
          g_debug ("IOProc '%.4s' moved the position while identifying",
                   (const char *) &snap->fcc);
          mmioSeek (hmmio, before, SEEK_SET);
        }
      if (r == MMIO_SUCCESS)
        claimed = e;
      else
        mmio_registry_release (e);
    }
  g_hash_table_unref (seen);
  g_ptr_array_unref (all);
  return claimed;
}

static gboolean
record_of (FOURCC fcc, LPMMIOPROC proc, MMFORMATINFO *out)
{
  GPtrArray *all = mmio_registry_snapshot ();
  gboolean found = FALSE;

  for (guint i = 0; i < all->len && !found; i++)
    {
      const MmioProcEntry *snap = g_ptr_array_index (all, i);
      if (snap->fcc == fcc && (proc == NULL || snap->proc == proc))
        {
          mmio_format_record (snap, out);
          found = TRUE;
        }
    }
  g_ptr_array_unref (all);
  return found;
}

static void
blank_record (FOURCC fcc, MMFORMATINFO *out)
{
  memset (out, 0, sizeof *out);
  out->ulStructLen = sizeof *out;
  out->fccIOProc = fcc;
}

MmioProcEntry *
mmio_identify_for_open (const char *name, MmioProcEntry *storage,
                        DWORD open_flags, FOURCC *ss)
{
  MMIOINFO si = { 0 };
  MmioProcEntry *claimed;
  HMMIO h;

  *ss = 0;
  if (name == NULL || storage == NULL || (open_flags & MMIO_CREATE))
    return NULL;
  si.fccIOProc = mmio_entry_fourcc (storage);
  h = mmioOpen ((LPSTR) name, &si,
                MMIO_READ | MMIO_ALLOCBUF | (open_flags & MMIO_VERTBAR));
  if (h == NULL)
    return NULL;                /* the real open will report why */
  claimed = ask_file_formats (name, h);
  mmioClose (h, 0);
  if (claimed != NULL)
    *ss = si.fccIOProc;
  return claimed;
}

/* The storage system an identification runs over: pmmioinfo's child or
 * IOProc when it names one, else the name's extension before the compound
 * separator, else DOS. */
static FOURCC
storage_for (const char *name, const MMIOINFO *info, MMFORMATINFO *named_ff,
             gboolean *have_named_ff, ULONG flags)
{
  char sep = (info && (info->dwFlags & MMIO_VERTBAR)) ? CFSEPCHAR_VERTBAR
                                                       : CFSEPCHAR;
  FOURCC fcc;

  *have_named_ff = FALSE;
  if (info != NULL && info->fccIOProc != 0 && info->pIOProc == NULL)
    {
      MMFORMATINFO fi;
      if (record_of (info->fccIOProc, NULL, &fi))
        {
          if (fi.ulIOProcType & MMIO_IOPROC_FILEFORMAT)
            {
              /* Already named: that is the answer unless re-identifying. */
              if (!(flags & MMIO_FORCE_IDENTIFY_FF))
                {
                  *named_ff = fi;
                  *have_named_ff = TRUE;
                }
            }
          else if (!(flags & MMIO_FORCE_IDENTIFY_SS))
            return info->fccIOProc;
        }
    }
  if (info != NULL && info->pIOProc != NULL && !(flags & MMIO_FORCE_IDENTIFY_SS))
    return info->fccIOProc;
  if (info != NULL && info->fccChildIOProc != 0)
    return info->fccChildIOProc;
  if (name == NULL)
    return (info != NULL && info->fccIOProc == FOURCC_MEM) ? FOURCC_MEM
                                                           : FOURCC_DOS;
  fcc = mmio_fourcc_from_name (name, sep);
  if (fcc != 0 && mmioInstallIOProc (fcc, NULL, MMIO_FINDPROC) != NULL)
    return fcc;
  return FOURCC_DOS;
}

ULONG
mmioIdentifyFile (PSZ pszFileName, PMMIOINFO pmmioinfo,
                  PMMFORMATINFO pmmformatinfo, PFOURCC pfccStorageSystem,
                  ULONG ulReserved, ULONG ulFlags)
{
  MMIOINFO si = { 0 };
  MMFORMATINFO named;
  gboolean have_named;
  MmioProcEntry *claimed;
  FOURCC ss;
  LONG start = 0;
  HMMIO h;

  (void) ulReserved;
  mmio_ensure_init ();
  if (pmmformatinfo == NULL || (pszFileName == NULL && pmmioinfo == NULL))
    return MMIOERR_INVALID_PARAMETER;

  ss = storage_for (pszFileName, pmmioinfo, &named, &have_named, ulFlags);
  if (pfccStorageSystem != NULL)
    *pfccStorageSystem = ss;
  if (have_named)
    {
      *pmmformatinfo = named;
      return MMIO_SUCCESS;
    }

  si.fccIOProc = ss;
  if (pmmioinfo != NULL)
    {
      if (pmmioinfo->pIOProc != NULL && pmmioinfo->fccIOProc == ss)
        si.pIOProc = pmmioinfo->pIOProc;
      memcpy (si.adwInfo, pmmioinfo->adwInfo, sizeof si.adwInfo);
      si.pExtraInfoStruct = pmmioinfo->pExtraInfoStruct;
      if (ss == FOURCC_MEM)
        {
          si.pchBuffer = pmmioinfo->pchBuffer;
          si.cchBuffer = pmmioinfo->cchBuffer;
        }
    }
  /* No buffer over memory (it is the buffer) nor over an inherited
   * descriptor (seeking back must reach the descriptor itself). */
  h = mmioOpen (pszFileName, &si,
                MMIO_READ | (pszFileName == NULL ? 0 : MMIO_ALLOCBUF)
                | (pmmioinfo ? pmmioinfo->dwFlags & MMIO_VERTBAR : 0));
  if (h == NULL)
    return si.wErrorRet != 0 ? si.wErrorRet : MMIOERR_CANNOTOPEN;
  /* An inherited descriptor is read from where it stands and left there. */
  start = mmioSeek (h, 0, SEEK_CUR);

  claimed = ask_file_formats (pszFileName, h);
  if (claimed != NULL)
    {
      if (!record_of (mmio_entry_fourcc (claimed), mmio_entry_proc (claimed),
                      pmmformatinfo))
        blank_record (mmio_entry_fourcc (claimed), pmmformatinfo);
      mmio_registry_release (claimed);
    }
  else if (!record_of (ss, si.pIOProc, pmmformatinfo))
    blank_record (ss, pmmformatinfo);

  if (pszFileName == NULL && ss != FOURCC_MEM)
    {
      if (start >= 0)
        mmioSeek (h, start, SEEK_SET);
      mmioClose (h, MMIO_FHOPEN);
    }
  else
    mmioClose (h, 0);
  return MMIO_SUCCESS;
}
