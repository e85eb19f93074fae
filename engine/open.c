/* open.c — mmioOpen, mmioClose, mmioRename: choosing the IOProc from the
 * name or the MMIOINFO, the no-handle modes (PARSE, EXIST, DELETE,
 * GETTEMP), and setting up the buffer as the reference's table says. */
#include "mmio-private.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

/* Windows writes PARSE/EXIST/GETTEMP results into the caller's name buffer,
 * which must hold at least 128 characters; a longer result is an error. */
#define NAME_BUFFER_MIN 128

/* Handles opened from inside IOProcs, nested deeper than this, fail. */
#define MAX_NESTING 32

static const char *
find_separator (const char *name, char sep)
{
  return strrchr (name, sep);
}

FOURCC
mmio_fourcc_from_name (const char *name, char sep)
{
  const char *plus, *dot;
  char ext[5] = { 0 };
  size_t len;

  if (name == NULL || (plus = find_separator (name, sep)) == NULL)
    return 0;
  /* Scan back from the separator to the extension's dot. A path separator
   * ends the scan: "dir.d/file+x" has no extension. */
  for (dot = plus; dot > name; dot--)
    {
      if (dot[-1] == '.')
        break;
      if (dot[-1] == '/')
        return 0;
    }
  if (dot == name)
    return 0;
  len = (size_t) (plus - dot);
  if (len == 0)
    return 0;
  if (len > 4)
    len = 4;
  memcpy (ext, dot, len);
  return mmioStringToFOURCC (ext, MMIO_TOUPPER);
}

static void
copy_name_result (LPSTR buf, const char *result, MMIOINFO *info,
                  gboolean *ok)
{
  size_t len = strlen (result);
  if (len >= NAME_BUFFER_MIN)
    {
      memcpy (buf, result, NAME_BUFFER_MIN - 1);
      buf[NAME_BUFFER_MIN - 1] = 0;
      info->wErrorRet = MMIOERR_OUTOFMEMORY;
      *ok = FALSE;
      return;
    }
  memcpy (buf, result, len + 1);
  *ok = TRUE;
}

static UINT
errno_to_mmioerr (int e)
{
  switch (e)
    {
    case ENOENT: return MMIOERR_FILENOTFOUND;
    case ENOTDIR: return MMIOERR_PATHNOTFOUND;
    case EACCES: case EPERM: case EROFS: return MMIOERR_ACCESSDENIED;
    case EMFILE: case ENFILE: return MMIOERR_TOOMANYOPENFILES;
    case ENOMEM: return MMIOERR_OUTOFMEMORY;
    case EBUSY: case ETXTBSY: case EWOULDBLOCK: return MMIOERR_SHARINGVIOLATION;
    default: return MMIOERR_CANNOTOPEN;
    }
}

/* The modes that build or remove a name and return no real handle. The
 * result is (HMMIO) 1 for TRUE, NULL for FALSE (GETTEMP: NULL, with
 * wErrorRet telling success from failure). */
static HMMIO
open_no_handle (LPSTR name, MMIOINFO *info, DWORD flags)
{
  gboolean ok = FALSE;

  if (name == NULL)
    {
      info->wErrorRet = MMSYSERR_INVALPARAM;
      return NULL;
    }
  if (flags & (MMIO_PARSE | MMIO_EXIST))
    {
      char *full = g_canonicalize_filename (name, NULL);
      if ((flags & MMIO_EXIST) && !g_file_test (full, G_FILE_TEST_EXISTS))
        {
          info->wErrorRet = MMIOERR_FILENOTFOUND;
          g_free (full);
          return NULL;
        }
      copy_name_result (name, full, info, &ok);
      g_free (full);
      if (ok)
        info->wErrorRet = 0;
      return ok ? (HMMIO) (uintptr_t) 1 : NULL;
    }
  if (flags & MMIO_DELETE)
    {
      if (g_unlink (name) != 0)
        {
          info->wErrorRet = errno_to_mmioerr (errno);
          return NULL;
        }
      info->wErrorRet = 0;
      return (HMMIO) (uintptr_t) 1;
    }
  /* MMIO_GETTEMP: the buffer may hold a prefix; the file is created (so the
   * name cannot be taken by someone else) and its path written back. */
  {
    GError *err = NULL;
    char *base = name[0] ? g_path_get_basename (name) : g_strdup ("mmio");
    char *tmpl = g_strdup_printf ("%.16sXXXXXX", base[0] == '.' ? "mmio" : base);
    char *path = NULL;
    int fd = g_file_open_tmp (tmpl, &path, &err);
    g_free (base);
    g_free (tmpl);
    if (fd < 0)
      {
        g_clear_error (&err);
        info->wErrorRet = MMIOERR_FILENOTFOUND;
        return NULL;
      }
    close (fd);
    copy_name_result (name, path, info, &ok);
    if (!ok)
      g_unlink (path);
    else
      info->wErrorRet = 0;
    g_free (path);
    return NULL;
  }
}

/* Buffer setup, row by row as in the reference (section 6.1). */
static UINT
setup_buffer (MmioHandle *h, const MMIOINFO *in, DWORD flags)
{
  gboolean allocbuf = (flags & MMIO_ALLOCBUF) != 0;
  HPSTR user = in->pchBuffer;
  LONG cch = in->cchBuffer;

  if (cch < 0)
    return MMSYSERR_INVALPARAM;
  if (user != NULL)
    {
      if (allocbuf && cch == 0)
        cch = MMIO_DEFAULTBUFFER;
      h->info.dwFlags &= ~MMIO_ALLOCBUF;
    }
  else if (cch > 0 || allocbuf)
    {
      if (cch == 0)
        cch = MMIO_DEFAULTBUFFER;
      user = g_try_malloc0 ((gsize) cch);
      if (user == NULL)
        return MMIOERR_OUTOFMEMORY;
      h->info.dwFlags |= MMIO_ALLOCBUF;
    }
  else
    h->info.dwFlags &= ~MMIO_ALLOCBUF;

  h->info.cchBuffer = cch;
  h->info.pchBuffer = user;
  h->info.pchNext = user;
  h->info.pchEndRead = user;
  h->info.pchEndWrite = user ? user + cch : NULL;
  if (h->is_mem && !(flags & MMIO_CREATE) && user != NULL)
    h->info.pchEndRead = user + cch;
  h->valid_end = h->info.pchEndRead;
  h->dirty_end = user;
  return 0;
}

static void
orphan_child (MmioHandle *c, gpointer parent)
{
  if (c->parent == parent)
    c->parent = NULL;
}

static void
free_handle (MmioHandle *h)
{
  if ((h->info.dwFlags & MMIO_ALLOCBUF) && h->info.pchBuffer)
    g_free (h->info.pchBuffer);
  if (h->entry)
    mmio_registry_release (h->entry);
  if (h->parent != NULL)
    h->parent->n_children--;
  if (h->n_children > 0)
    mmio_handle_foreach (orphan_child, h);   /* an IOProc leaked a child */
  g_free (h);
}

HMMIO
mmioOpen (LPSTR szFilename, LPMMIOINFO lpmmioinfo, DWORD dwOpenFlags)
{
  MMIOINFO local = { 0 };
  MMIOINFO *in = lpmmioinfo ? lpmmioinfo : &local;
  char sep = (dwOpenFlags & MMIO_VERTBAR) ? CFSEPCHAR_VERTBAR : CFSEPCHAR;
  MmioHandle *h;
  FOURCC fcc = in->fccIOProc;
  FOURCC child_fcc = in->fccChildIOProc;
  MmioProcEntry *entry = NULL;
  gboolean temp = FALSE;
  LRESULT r;
  UINT err;

  mmio_ensure_init ();

  if (dwOpenFlags & (MMIO_PARSE | MMIO_EXIST | MMIO_DELETE | MMIO_GETTEMP))
    return open_no_handle (szFilename, in, dwOpenFlags);
  /* No name and no MMIOINFO names nothing: the DOS IOProc would take the
   * zeroed adwInfo[0] as a descriptor (stdin) and close it. */
  if (szFilename == NULL && lpmmioinfo == NULL)
    return NULL;

  if (in->pIOProc != NULL)
    {
      entry = mmio_registry_install_temp (fcc, in->pIOProc);
      temp = TRUE;
    }
  else if (fcc != 0)
    {
      entry = mmio_registry_acquire (fcc, FALSE);
      if (entry == NULL)
        {
          in->wErrorRet = MMIOERR_IOPROC_NOT_FOUND;
          return NULL;
        }
    }
  else
    {
      fcc = mmio_fourcc_from_name (szFilename, sep);
      entry = mmio_registry_acquire_storage (fcc);
      if (entry == NULL)
        {
          /* The real built-in DOS IOProc, never a user override; the
           * extension's FOURCC is kept in fccIOProc as Windows does. */
          entry = mmio_registry_acquire (FOURCC_DOS, TRUE);
          if (fcc == 0)
            fcc = FOURCC_DOS;
        }
      if (szFilename != NULL && !(dwOpenFlags & MMIO_NOIDENTIFY)
          && ((dwOpenFlags & MMIO_IDENTIFY) || in->ulTranslate != 0))
        {
          /* OS/2 behaviour on request (see MMIO_IDENTIFY in mmio.h): a
           * file-format IOProc that claims the file becomes the handle's
           * IOProc and opens the storage system beneath it itself. */
          FOURCC ss = 0;
          MmioProcEntry *ff = mmio_identify_for_open (szFilename, entry,
                                                      dwOpenFlags, &ss);
          if (ff != NULL)
            {
              mmio_registry_release (entry);
              entry = ff;
              fcc = mmio_entry_fourcc (ff);
              if (in->fccChildIOProc == 0)
                child_fcc = ss;
            }
        }
    }

  h = g_new0 (MmioHandle, 1);
  h->entry = entry;
  h->temp_proc = temp;
  h->info.dwFlags = dwOpenFlags;
  h->info.fccIOProc = fcc;
  h->info.pIOProc = mmio_entry_proc (entry);
  h->info.hTask = in->hTask;
  memcpy (h->info.adwInfo, in->adwInfo, sizeof h->info.adwInfo);
  h->info.ulTranslate = in->ulTranslate;
  h->info.fccChildIOProc = child_fcc;
  h->info.pExtraInfoStruct = in->pExtraInfoStruct;
  h->is_mem = (fcc == FOURCC_MEM);
  h->knows_size = mmio_entry_is_builtin (entry) && fcc == FOURCC_DOS;
  h->parent = mmio_current_sender ();
  if (h->parent != NULL)
    h->parent->n_children++;
  if (h->parent != NULL && h->parent->hook != NULL)
    {
      /* Tracing follows the handles an IOProc opens for itself. */
      h->hook = h->parent->hook;
      h->hook_data = h->parent->hook_data;
    }

  {
    /* An IOProc that opens itself as its own child (directly or in a
     * cycle) would recurse until the stack runs out; real nesting
     * (outer.bnd+inner.bnd+x.wav) is a handful of levels. */
    guint depth = 0;
    for (MmioHandle *p = h->parent; p != NULL && depth <= MAX_NESTING; p = p->parent)
      depth++;
    if (depth > MAX_NESTING)
      {
        in->wErrorRet = MMIOERR_CANNOTOPEN;
        free_handle (h);
        return NULL;
      }
  }

  err = setup_buffer (h, in, dwOpenFlags);
  if (err != 0)
    {
      in->wErrorRet = err;
      free_handle (h);
      return NULL;
    }
  if (mmio_handle_register (h) == NULL)
    {
      in->wErrorRet = MMIOERR_TOOMANYOPENFILES;
      free_handle (h);
      return NULL;
    }

  r = mmio_send (h, MMIOM_OPEN, (LPARAM) szFilename, 0);
  if (r != 0)
    {
      in->wErrorRet = (UINT) r;
      mmio_handle_unregister (h->self);
      free_handle (h);
      return NULL;
    }

  if (h->knows_size)
    {
      /* Learn the size once, as Windows does for its DOS IOProc only, so
       * SEEK_END can be resolved inside the buffer. */
      LONG here = mmio_send (h, MMIOM_SEEK, 0, SEEK_CUR);
      LONG end = mmio_send (h, MMIOM_SEEK, 0, SEEK_END);
      mmio_send (h, MMIOM_SEEK, here < 0 ? 0 : here, SEEK_SET);
      if (here < 0 || end < 0)
        h->knows_size = FALSE;
      h->file_size = end < 0 ? 0 : end;
    }
  h->info.lBufOffset = h->info.lDiskOffset;
  h->info.wErrorRet = 0;
  in->wErrorRet = 0;
  in->hmmio = h->self;
  return h->self;
}

MMRESULT
mmioClose (HMMIO hmmio, UINT uFlags)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);
  LRESULT r;

  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  if (mmio_flush_internal (h, 0) != 0)
    {
      /* The close is aborted and reported; the unwritten data is dropped so
       * the next mmioClose can succeed instead of failing forever. */
      h->info.dwFlags &= ~MMIO_DIRTY;
      h->dirty_end = h->info.pchBuffer;
      mmio_set_error (h, MMIOERR_CANNOTWRITE);
      return MMIOERR_CANNOTWRITE;
    }
  r = mmio_send (h, MMIOM_CLOSE, (LPARAM) uFlags, 0);
  mmio_handle_unregister (hmmio);
  free_handle (h);
  return (MMRESULT) r;
}

MMRESULT
mmioRename (LPCSTR szFileName, LPCSTR szNewFileName, LPCMMIOINFO lpmmioinfo,
            DWORD dwRenameFlags)
{
  MmioHandle h = { 0 };
  MmioProcEntry *entry = NULL;
  FOURCC fcc = 0;
  LRESULT r;

  (void) dwRenameFlags;
  mmio_ensure_init ();
  if (szFileName == NULL || szNewFileName == NULL)
    return MMSYSERR_INVALPARAM;

  if (lpmmioinfo != NULL && lpmmioinfo->pIOProc != NULL)
    {
      /* Used directly, not installed. */
      h.info.pIOProc = lpmmioinfo->pIOProc;
      fcc = lpmmioinfo->fccIOProc;
    }
  else
    {
      if (lpmmioinfo != NULL && lpmmioinfo->fccIOProc != 0)
        {
          fcc = lpmmioinfo->fccIOProc;
          entry = mmio_registry_acquire (fcc, FALSE);
          if (entry == NULL)
            return MMIOERR_IOPROC_NOT_FOUND;
        }
      else if (lpmmioinfo != NULL)
        {
          fcc = mmio_fourcc_from_name (szFileName, CFSEPCHAR);
          entry = mmio_registry_acquire_storage (fcc);
        }
      if (entry == NULL)
        {
          entry = mmio_registry_acquire (FOURCC_DOS, TRUE);
          fcc = FOURCC_DOS;
        }
      h.info.pIOProc = mmio_entry_proc (entry);
    }
  if (lpmmioinfo != NULL)
    {
      memcpy (h.info.adwInfo, lpmmioinfo->adwInfo, sizeof h.info.adwInfo);
      h.info.pExtraInfoStruct = lpmmioinfo->pExtraInfoStruct;
    }
  h.info.fccIOProc = fcc;
  h.parent = mmio_current_sender ();
  r = mmio_send (&h, MMIOM_RENAME, (LPARAM) szFileName, (LPARAM) szNewFileName);
  if (entry)
    mmio_registry_release (entry);
  return (MMRESULT) r;
}

ULONG
mmioGetLastError (HMMIO hmmio)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);
  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  return h->info.ulErrorRet;
}
