/* inifile.c — the persistent IOProc registry (OS/2 mmioIniFileHandler):
 * a key file under $XDG_CONFIG_HOME/riffscope/ naming, per FOURCC, the
 * module and procedure that provide it.
 *
 * The file is the only state: every call reads it (a parsed copy is kept
 * while the file's identity and time stamp stay the same), every change
 * rewrites it whole through a temporary file and a rename, so a crash
 * leaves the old or the new registry, never half of one. Modules are named
 * by absolute path only, as the user installed them; nothing is looked up
 * in the current directory or a search path. The registry loads an entry's
 * module the first time its FOURCC is looked up (registry.c asks here
 * before falling back to the built-ins). */
#include "mmio-private.h"
#include "mmio-i18n.h"
#include "plugin-private.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#define GROUP_PREFIX "IOProc "

typedef struct
{
  FOURCC fcc;
  char  *dll;
  char  *proc;
  ULONG  flags;
  ULONG  media;
  ULONG  type;
  char   ext[5];
} IniEntry;

static void
ini_entry_free (gpointer p)
{
  IniEntry *e = p;
  g_free (e->dll);
  g_free (e->proc);
  g_free (e);
}

char *
mmioIniFilePath (void)
{
  const char *xdg = g_getenv ("XDG_CONFIG_HOME");
  const char *base = (xdg != NULL && g_path_is_absolute (xdg))
                     ? xdg : g_get_user_config_dir ();
  return g_build_filename (base, "riffscope", "ioprocs.ini", NULL);
}

/* ---- Reading and writing the key file ----------------------------------- */

static ULONG
read_entries (const char *path, GPtrArray **out)
{
  GKeyFile *kf = g_key_file_new ();
  GError *error = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func (ini_entry_free);
  char **groups;

  *out = list;
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error))
    {
      gboolean missing = g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      g_error_free (error);
      g_key_file_unref (kf);
      return missing ? MMIO_SUCCESS : MMIOERR_INI_READ;
    }
  groups = g_key_file_get_groups (kf, NULL);
  for (char **g = groups; *g != NULL; g++)
    {
      IniEntry *e;
      char *ext, *end = NULL;
      guint64 fcc;

      if (!g_str_has_prefix (*g, GROUP_PREFIX))
        continue;
      fcc = g_ascii_strtoull (*g + strlen (GROUP_PREFIX), &end, 16);
      if (end == NULL || *end != 0 || fcc == 0 || fcc > G_MAXUINT32)
        continue;
      e = g_new0 (IniEntry, 1);
      e->fcc = (FOURCC) fcc;
      e->dll = g_key_file_get_string (kf, *g, "Module", NULL);
      e->proc = g_key_file_get_string (kf, *g, "Procedure", NULL);
      e->flags = (ULONG) g_key_file_get_uint64 (kf, *g, "Flags", NULL);
      e->media = (ULONG) g_key_file_get_uint64 (kf, *g, "MediaType", NULL);
      e->type = (ULONG) g_key_file_get_uint64 (kf, *g, "IOProcType", NULL);
      ext = g_key_file_get_string (kf, *g, "DefaultExt", NULL);
      g_strlcpy (e->ext, ext ? ext : "", sizeof e->ext);
      g_free (ext);
      if (e->dll == NULL || !g_path_is_absolute (e->dll))
        {
          /* Never load a module from a relative name, whoever wrote it. */
          ini_entry_free (e);
          continue;
        }
      if (e->proc == NULL)
        e->proc = g_strdup ("");
      g_ptr_array_add (list, e);
    }
  g_strfreev (groups);
  g_key_file_unref (kf);
  return MMIO_SUCCESS;
}

static ULONG
write_entries (const char *path, GPtrArray *list)
{
  GKeyFile *kf = g_key_file_new ();
  char *dir = g_path_get_dirname (path);
  char *data;
  gsize len;
  ULONG rc = MMIO_SUCCESS;

  for (guint i = 0; i < list->len; i++)
    {
      IniEntry *e = g_ptr_array_index (list, i);
      char group[32], fcc[5];

      g_snprintf (group, sizeof group, GROUP_PREFIX "%08X", (unsigned) e->fcc);
      mmio_trace_fourcc_text (e->fcc, fcc);
      g_key_file_set_string (kf, group, "FOURCC", fcc);
      g_key_file_set_string (kf, group, "Module", e->dll);
      g_key_file_set_string (kf, group, "Procedure", e->proc);
      g_key_file_set_uint64 (kf, group, "IOProcType", e->type);
      g_key_file_set_uint64 (kf, group, "MediaType", e->media);
      g_key_file_set_uint64 (kf, group, "Flags", e->flags);
      g_key_file_set_string (kf, group, "DefaultExt", e->ext);
    }
  g_key_file_set_comment (kf, NULL, NULL,
                          " Riffscope persistent IOProc registry. Managed by"
                          " riffscope-cli ioprocs install/remove.", NULL);
  data = g_key_file_to_data (kf, &len, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    rc = MMIOERR_INI_OPEN;
  /* Temporary file in the same folder, flushed, renamed over the old one. */
  else if (!g_file_set_contents (path, data, (gssize) len, NULL))
    rc = MMIOERR_INI_OPEN;
  g_free (data);
  g_free (dir);
  g_key_file_unref (kf);
  return rc;
}

/* ---- The parsed copy the registry consults ------------------------------ */

static GMutex cache_lock;
static GPtrArray *cache;
static char *cache_path;
static struct stat cache_st;
static gboolean cache_present;

static gboolean
same_stat (const struct stat *a, const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino
         && a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec
         && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* A copy of the entry for fcc (or every entry when fcc is 0) as of now. */
static GPtrArray *
cached_lookup (FOURCC fcc)
{
  char *path = mmioIniFilePath ();
  struct stat st;
  gboolean present = g_stat (path, &st) == 0;
  GPtrArray *out = g_ptr_array_new_with_free_func (ini_entry_free);

  g_mutex_lock (&cache_lock);
  if (cache == NULL || g_strcmp0 (path, cache_path) != 0
      || present != cache_present || (present && !same_stat (&st, &cache_st)))
    {
      g_clear_pointer (&cache, g_ptr_array_unref);
      g_free (cache_path);
      cache_path = g_strdup (path);
      cache_present = present;
      if (present)
        cache_st = st;
      if (!present || read_entries (path, &cache) != MMIO_SUCCESS)
        {
          g_clear_pointer (&cache, g_ptr_array_unref);
          cache = g_ptr_array_new_with_free_func (ini_entry_free);
        }
    }
  for (guint i = 0; i < cache->len; i++)
    {
      IniEntry *e = g_ptr_array_index (cache, i), *c;
      if (fcc != 0 && e->fcc != fcc)
        continue;
      c = g_memdup2 (e, sizeof *e);
      c->dll = g_strdup (e->dll);
      c->proc = g_strdup (e->proc);
      g_ptr_array_add (out, c);
    }
  g_mutex_unlock (&cache_lock);
  g_free (path);
  return out;
}

static const MMIOPLUGINPROC *
load_entry (const IniEntry *e, MMIOPLUGINERROR *err)
{
  MMIOPLUGIN *plugin = mmioPluginLoad (e->dll, err);
  const MMIOPLUGINPROC *p;
  char fcc[5];

  if (plugin == NULL)
    return NULL;
  p = mmio_plugin_find_proc (plugin, e->fcc, e->proc);
  if (p == NULL)
    {
      mmio_trace_fourcc_text (e->fcc, fcc);
      err->ulReason = MMIO_PLUGIN_E_NO_SUCH_IOPROC;
      g_snprintf (err->szMessage, sizeof err->szMessage,
                  _("“%s” provides no IOProc “%s” named “%s”"),
                  e->dll, fcc, e->proc);
      mmio_plugin_remember_error (err);
    }
  return p;
}

LPMMIOPROC
mmio_inifile_resolve (FOURCC fcc)
{
  GPtrArray *found = cached_lookup (fcc);
  LPMMIOPROC proc = NULL;

  if (found->len > 0)
    {
      MMIOPLUGINERROR err = { 0 };
      const MMIOPLUGINPROC *p;

      mmio_i18n_init ();
      p = load_entry (g_ptr_array_index (found, 0), &err);
      proc = p ? p->pIOProc : NULL;
    }
  g_ptr_array_unref (found);
  return proc;
}

extern void mmio_registry_ensure_ini (FOURCC fcc);

void
mmio_inifile_load_all (void)
{
  GPtrArray *all = cached_lookup (0);

  for (guint i = 0; i < all->len; i++)
    mmio_registry_ensure_ini (((IniEntry *) g_ptr_array_index (all, i))->fcc);
  g_ptr_array_unref (all);
}

/* ---- mmioIniFileHandler -------------------------------------------------- */

static gboolean
entry_matches (const IniEntry *e, const MMINIFILEINFO *p, ULONG quals)
{
  if ((quals & MMIO_MATCHFOURCC) && e->fcc != p->fccIOProc)
    return FALSE;
  if (quals & MMIO_MATCHDLL)
    {
      gboolean ok;
      if (strchr (p->szDLLName, '/') != NULL)
        ok = strcmp (e->dll, p->szDLLName) == 0;
      else
        {
          char *base = g_path_get_basename (e->dll);
          ok = strcmp (base, p->szDLLName) == 0;
          g_free (base);
        }
      if (!ok)
        return FALSE;
    }
  if ((quals & MMIO_MATCHPROCEDURENAME)
      && strcmp (e->proc, p->szProcName) != 0)
    return FALSE;
  return TRUE;
}

static void
fill_info (MMINIFILEINFO *p, const IniEntry *e, gboolean full_path)
{
  char *base = full_path ? NULL : g_path_get_basename (e->dll);

  p->fccIOProc = e->fcc;
  g_strlcpy (p->szDLLName, full_path ? e->dll : base, sizeof p->szDLLName);
  g_strlcpy (p->szProcName, e->proc, sizeof p->szProcName);
  p->ulFlags = e->flags;
  p->ulExtendLen = 0;
  p->ulMediaType = e->media;
  p->ulIOProcType = e->type;
  g_strlcpy (p->szDefExt, e->ext, sizeof p->szDefExt);
  g_free (base);
}

static ULONG
verify_and_describe (IniEntry *e)
{
  MMIOPLUGINERROR err = { 0 };
  const MMIOPLUGINPROC *p = load_entry (e, &err);
  MMIOINFO dummy = { 0 };
  MMFORMATINFO fi = { 0 };

  if (p == NULL)
    {
      switch (err.ulReason)
        {
        case MMIO_PLUGIN_E_NOT_FOUND:
        case MMIO_PLUGIN_E_NOT_ABSOLUTE:
          return MMIOERR_INVALID_DLLNAME;
        case MMIO_PLUGIN_E_NO_SUCH_IOPROC:
          return MMIOERR_INVALID_PROCEDURENAME;
        default:
          return MMIOERR_PLUGIN_LOAD_FAILED;
        }
    }
  if (e->proc[0] == 0 && p->pszProcName != NULL)
    {
      g_free (e->proc);
      e->proc = g_strndup (p->pszProcName, MMIO_MAX_PROCNAME - 1);
    }
  /* Describe it as the registry would: ask for its MMFORMATINFO. */
  fi.ulStructLen = sizeof fi;
  fi.fccIOProc = e->fcc;
  dummy.fccIOProc = e->fcc;
  dummy.pIOProc = p->pIOProc;
  if (p->pIOProc ((LPSTR) &dummy, MMIOM_GETFORMATINFO, (LPARAM) &fi, 0)
      == MMIO_SUCCESS)
    {
      e->flags = fi.ulFlags;
      e->media = fi.ulMediaType;
      e->type = fi.ulIOProcType;
      fi.szDefaultFormatExt[sizeof fi.szDefaultFormatExt - 1] = 0;
      g_strlcpy (e->ext, fi.szDefaultFormatExt, sizeof e->ext);
    }
  else
    e->type = p->ulIOProcType;
  return MMIO_SUCCESS;
}

extern void mmio_registry_forget_ini (FOURCC fcc);

static ULONG
do_install (GPtrArray *list, const char *path, const MMINIFILEINFO *p,
            ULONG flags)
{
  IniEntry *e;
  ULONG rc;

  if (p->fccIOProc == 0)
    return MMIOERR_INVALID_PARAMETER;
  if (memchr (p->szDLLName, 0, sizeof p->szDLLName) == NULL
      || memchr (p->szProcName, 0, sizeof p->szProcName) == NULL
      || !g_path_is_absolute (p->szDLLName))
    {
      MMIOPLUGINERROR err = { MMIO_PLUGIN_E_NOT_ABSOLUTE, { 0 } };
      g_snprintf (err.szMessage, sizeof err.szMessage, "%s",
                  _("Modules are installed by absolute path only"));
      mmio_plugin_remember_error (&err);
      return MMIOERR_INVALID_DLLNAME;
    }
  e = g_new0 (IniEntry, 1);
  e->fcc = p->fccIOProc;
  e->dll = g_strdup (p->szDLLName);
  e->proc = g_strdup (p->szProcName);
  e->flags = p->ulFlags;
  e->media = p->ulMediaType;
  e->type = p->ulIOProcType;
  g_strlcpy (e->ext, p->szDefExt, sizeof e->ext);
  if (!(flags & MMIO_NOVERIFY) && (rc = verify_and_describe (e)) != MMIO_SUCCESS)
    {
      ini_entry_free (e);
      return rc;
    }
  /* An entry with the same FOURCC is replaced, in its place. */
  for (guint i = 0; i < list->len; i++)
    if (((IniEntry *) g_ptr_array_index (list, i))->fcc == e->fcc)
      {
        ini_entry_free (list->pdata[i]);
        list->pdata[i] = e;
        e = NULL;
        break;
      }
  if (e != NULL)
    g_ptr_array_add (list, e);
  rc = write_entries (path, list);
  if (rc == MMIO_SUCCESS)
    mmio_registry_forget_ini (p->fccIOProc);
  return rc;
}

ULONG
mmioIniFileHandler (PMMINIFILEINFO p, ULONG ulFlags)
{
  char *path;
  GPtrArray *list = NULL;
  ULONG rc, quals;
  ULONG op = ulFlags & (MMIO_INSTALLPROC | MMIO_REMOVEPROC | MMIO_FINDPROC);

  mmio_ensure_init ();
  mmio_i18n_init ();
  if (p == NULL || (op != MMIO_INSTALLPROC && op != MMIO_REMOVEPROC
                    && op != MMIO_FINDPROC))
    return MMIOERR_INVALID_PARAMETER;
  path = mmioIniFilePath ();
  rc = read_entries (path, &list);
  if (rc != MMIO_SUCCESS)
    goto out;

  quals = ulFlags & (MMIO_MATCHFOURCC | MMIO_MATCHDLL | MMIO_MATCHPROCEDURENAME);
  switch (op)
    {
    case MMIO_INSTALLPROC:
      rc = do_install (list, path, p, ulFlags);
      break;

    case MMIO_FINDPROC:
      {
        guint start = 0;
        rc = MMIOERR_MATCH_NOT_FOUND;
        if (ulFlags & (MMIO_MATCHFIRST | MMIO_MATCHNEXT))
          {
            /* Enumeration: the FOURCC in p is the cursor for NEXT. */
            quals &= ~MMIO_MATCHFOURCC;
            if (ulFlags & MMIO_MATCHNEXT)
              {
                start = list->len;
                for (guint i = 0; i < list->len; i++)
                  if (((IniEntry *) g_ptr_array_index (list, i))->fcc == p->fccIOProc)
                    start = i + 1;
              }
          }
        else if (quals == 0)
          quals = MMIO_MATCHFOURCC;
        for (guint i = start; i < list->len; i++)
          {
            IniEntry *e = g_ptr_array_index (list, i);
            if (entry_matches (e, p, quals))
              {
                fill_info (p, e, (ulFlags & MMIO_FULLPATH) != 0);
                rc = MMIO_SUCCESS;
                break;
              }
          }
        break;
      }

    case MMIO_REMOVEPROC:
      {
        GArray *gone = g_array_new (FALSE, FALSE, sizeof (FOURCC));
        if (quals == 0)
          quals = MMIO_MATCHFOURCC;
        for (guint i = list->len; i-- > 0;)
          {
            IniEntry *e = g_ptr_array_index (list, i);
            if (entry_matches (e, p, quals))
              {
                g_array_append_val (gone, e->fcc);
                g_ptr_array_remove_index (list, i);
              }
          }
        if (gone->len == 0)
          rc = MMIOERR_MATCH_NOT_FOUND;
        else
          rc = write_entries (path, list);
        for (guint i = 0; rc == MMIO_SUCCESS && i < gone->len; i++)
          mmio_registry_forget_ini (g_array_index (gone, FOURCC, i));
        g_array_unref (gone);
        break;
      }
    }

out:
  if (list)
    g_ptr_array_unref (list);
  g_free (path);
  return rc;
}
