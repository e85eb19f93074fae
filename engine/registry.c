/* registry.c — the IOProc table behind mmioInstallIOProc.
 *
 * Newest first, duplicates allowed (Windows and OS/2 agree). Entries made
 * while the library initialises are the built-ins: they can be shadowed but
 * not removed, and mmioOpen falls back to the built-in 'DOS ' when a
 * compound name's extension has no IOProc. A per-entry use count stops
 * removal while an open handle uses the entry. On install the manager asks
 * the IOProc for its MMFORMATINFO (OS/2), keeping a blank record holding
 * only the FOURCC when it does not answer. */
#include "mmio-private.h"
#include "registry-private.h"
#include "plugin-private.h"

extern void mmio_ioprocs_register_builtins (void);

static GMutex reg_lock;
static GList *entries;                 /* MmioProcEntry*, newest first */
static GPrivate tls_initialising;

static void
query_format_info (MmioProcEntry *e)
{
  MMIOINFO dummy = { 0 };
  MMFORMATINFO fi = { 0 };
  LRESULT r;

  fi.ulStructLen = sizeof fi;
  fi.fccIOProc = e->fcc;
  dummy.fccIOProc = e->fcc;
  dummy.pIOProc = e->proc;
  r = e->proc ((LPSTR) &dummy, MMIOM_GETFORMATINFO, (LPARAM) &fi, 0);
  memset (&e->format, 0, sizeof e->format);
  e->format.ulStructLen = sizeof e->format;
  e->format.fccIOProc = e->fcc;
  if (r == MMIO_SUCCESS)
    {
      e->format = fi;
      /* The FOURCC and length are the manager's to keep straight. */
      e->format.ulStructLen = sizeof e->format;
      e->format.fccIOProc = e->fcc;
      e->format.szDefaultFormatExt[sizeof e->format.szDefaultFormatExt - 1] = 0;
      if (e->format.lNameLength < 0)
        e->format.lNameLength = 0;
    }
  e->has_format = (r == MMIO_SUCCESS);
}

void
mmio_ensure_init (void)
{
  static gsize done = 0;

  if (g_private_get (&tls_initialising))
    return;
  if (g_once_init_enter (&done))
    {
      g_private_set (&tls_initialising, GINT_TO_POINTER (1));
      mmio_ioprocs_register_builtins ();
      g_private_set (&tls_initialising, NULL);
      g_once_init_leave (&done, 1);
    }
}

static MmioProcEntry *
entry_new (FOURCC fcc, LPMMIOPROC proc, gboolean builtin, gboolean temp)
{
  MmioProcEntry *e = g_new0 (MmioProcEntry, 1);
  e->fcc = fcc;
  e->proc = proc;
  e->builtin = builtin;
  e->temp = temp;
  query_format_info (e);
  return e;
}

static LPMMIOPROC
install (FOURCC fcc, LPMMIOPROC proc)
{
  gboolean builtin = g_private_get (&tls_initialising) != NULL;
  MmioProcEntry *e;

  if (proc == NULL)
    return NULL;
  e = entry_new (fcc, proc, builtin, FALSE);
  g_mutex_lock (&reg_lock);
  entries = g_list_prepend (entries, e);
  g_mutex_unlock (&reg_lock);
  return proc;
}

static LPMMIOPROC
remove_proc (FOURCC fcc, LPMMIOPROC proc)
{
  LPMMIOPROC removed = NULL;

  g_mutex_lock (&reg_lock);
  for (GList *l = entries; l != NULL; l = l->next)
    {
      MmioProcEntry *e = l->data;
      gboolean match = fcc != 0 ? e->fcc == fcc : e->proc == proc;
      if (!match || e->temp)
        continue;
      /* Only the newest match is considered: it is the one lookups see. */
      if (e->builtin || e->in_use > 0)
        break;
      removed = e->proc;
      entries = g_list_delete_link (entries, l);
      g_free (e);
      break;
    }
  g_mutex_unlock (&reg_lock);
  return removed;
}

void mmio_registry_ensure_ini (FOURCC fcc);

static LPMMIOPROC
find_proc (FOURCC fcc)
{
  LPMMIOPROC found = NULL;

  /* An IOProc of the persistent registry is found (and loaded) too: it is
   * in the search order every lookup uses. */
  if (fcc != 0)
    mmio_registry_ensure_ini (fcc);
  g_mutex_lock (&reg_lock);
  for (GList *l = entries; l != NULL; l = l->next)
    {
      MmioProcEntry *e = l->data;
      if (e->fcc == fcc && !e->temp)
        {
          found = e->proc;
          break;
        }
    }
  g_mutex_unlock (&reg_lock);
  return found;
}

LPMMIOPROC
mmioInstallIOProc (FOURCC fccIOProc, LPMMIOPROC pIOProc, DWORD dwFlags)
{
  mmio_ensure_init ();
  switch (dwFlags & (MMIO_INSTALLPROC | MMIO_REMOVEPROC | MMIO_FINDPROC))
    {
    case MMIO_INSTALLPROC:
      return install (fccIOProc, pIOProc);
    case MMIO_REMOVEPROC:
      return remove_proc (fccIOProc, pIOProc);
    case MMIO_FINDPROC:
      return find_proc (fccIOProc);
    default:
      return NULL;
    }
}

/* The persistent registry's IOProcs (inifile.c) are loaded the first time
 * their FOURCC is looked up and placed after the per-process entries but
 * before the built-ins: per-app installed, then INI, then built-in, as
 * OS/2 orders them (reference 9.8). */
void
mmio_registry_ensure_ini (FOURCC fcc)
{
  LPMMIOPROC proc;
  MmioProcEntry *e;
  GList *l;
  gboolean have = FALSE;

  if (g_private_get (&tls_initialising))
    return;
  g_mutex_lock (&reg_lock);
  for (l = entries; l != NULL && !have; l = l->next)
    {
      MmioProcEntry *x = l->data;
      have = x->fcc == fcc && !x->builtin && !x->temp;
    }
  g_mutex_unlock (&reg_lock);
  if (have || (proc = mmio_inifile_resolve (fcc)) == NULL)
    return;
  e = entry_new (fcc, proc, FALSE, FALSE);
  e->ini = TRUE;
  g_mutex_lock (&reg_lock);
  for (l = entries; l != NULL; l = l->next)
    {
      MmioProcEntry *x = l->data;
      if (x->fcc == fcc && x->ini)
        break;                        /* another thread was quicker */
      if (x->builtin)
        {
          entries = g_list_insert_before (entries, l, e);
          e = NULL;
          break;
        }
    }
  if (e != NULL && l == NULL)
    {
      entries = g_list_append (entries, e);
      e = NULL;
    }
  g_mutex_unlock (&reg_lock);
  g_free (e);
}

/* The key file's entry for fcc changed or went: drop the loaded copy
 * unless an open handle uses it. */
void
mmio_registry_forget_ini (FOURCC fcc)
{
  g_mutex_lock (&reg_lock);
  for (GList *l = entries; l != NULL; l = l->next)
    {
      MmioProcEntry *e = l->data;
      if (e->fcc == fcc && e->ini && e->in_use == 0)
        {
          entries = g_list_delete_link (entries, l);
          g_free (e);
          break;
        }
    }
  g_mutex_unlock (&reg_lock);
}

MmioProcEntry *
mmio_registry_acquire (FOURCC fcc, gboolean builtin_only)
{
  MmioProcEntry *found = NULL;

  if (!builtin_only && fcc != 0)
    mmio_registry_ensure_ini (fcc);

  g_mutex_lock (&reg_lock);
  for (GList *l = entries; l != NULL; l = l->next)
    {
      MmioProcEntry *e = l->data;
      if (e->fcc == fcc && (!builtin_only || e->builtin))
        {
          found = e;
          found->in_use++;
          break;
        }
    }
  g_mutex_unlock (&reg_lock);
  return found;
}

/* The IOProc a compound name's extension selects. Names choose storage
 * systems (OS/2 parses them right to left for exactly that): an IOProc that
 * says it is a file format is passed over, or "x.wave+y" would hand the
 * WAVE IOProc its own name and it would open itself as its child forever.
 * IOProcs that do not describe themselves (Windows ones) still qualify. */
MmioProcEntry *
mmio_registry_acquire_storage (FOURCC fcc)
{
  MmioProcEntry *found = NULL;

  if (fcc == 0)
    return NULL;
  mmio_registry_ensure_ini (fcc);
  g_mutex_lock (&reg_lock);
  for (GList *l = entries; l != NULL; l = l->next)
    {
      MmioProcEntry *e = l->data;
      if (e->fcc != fcc)
        continue;
      if (e->has_format
          && (e->format.ulIOProcType & (MMIO_IOPROC_FILEFORMAT | MMIO_IOPROC_DATAFORMAT))
          && !(e->format.ulIOProcType & MMIO_IOPROC_STORAGESYSTEM))
        continue;
      found = e;
      found->in_use++;
      break;
    }
  g_mutex_unlock (&reg_lock);
  return found;
}

MmioProcEntry *
mmio_registry_acquire_proc (FOURCC fcc, LPMMIOPROC proc)
{
  MmioProcEntry *found = NULL;

  g_mutex_lock (&reg_lock);
  for (GList *l = entries; l != NULL; l = l->next)
    {
      MmioProcEntry *e = l->data;
      if (e->fcc == fcc && e->proc == proc)
        {
          found = e;
          found->in_use++;
          break;
        }
    }
  g_mutex_unlock (&reg_lock);
  return found;
}

MmioProcEntry *
mmio_registry_install_temp (FOURCC fcc, LPMMIOPROC proc)
{
  MmioProcEntry *e = entry_new (fcc, proc, FALSE, TRUE);
  e->in_use = 1;
  g_mutex_lock (&reg_lock);
  entries = g_list_prepend (entries, e);
  g_mutex_unlock (&reg_lock);
  return e;
}

void
mmio_registry_release (MmioProcEntry *e)
{
  if (e == NULL)
    return;
  g_mutex_lock (&reg_lock);
  e->in_use--;
  if (e->temp && e->in_use == 0)
    {
      entries = g_list_remove (entries, e);
      g_free (e);
    }
  g_mutex_unlock (&reg_lock);
}

LPMMIOPROC
mmio_entry_proc (MmioProcEntry *e)
{
  return e->proc;
}

FOURCC
mmio_entry_fourcc (MmioProcEntry *e)
{
  return e->fcc;
}

static void
orphan_child (MmioHandle *c, gpointer parent)
{
  if (c->parent == parent)
    c->parent = NULL;
}

LRESULT
mmio_registry_send (MmioProcEntry *e, UINT msg, LPARAM p1, LPARAM p2)
{
  MmioHandle h = { 0 };
  LRESULT r;

  h.info.fccIOProc = e->fcc;
  h.info.pIOProc = e->proc;
  h.entry = e;
  r = mmio_send (&h, msg, p1, p2);
  /* A handle the IOProc opened and kept must not point at this frame. */
  if (h.n_children > 0)
    mmio_handle_foreach (orphan_child, &h);
  return r;
}

gboolean
mmio_entry_is_builtin (MmioProcEntry *e)
{
  return e != NULL && e->builtin;
}

GPtrArray *
mmio_registry_snapshot (void)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  mmio_ensure_init ();
  mmio_inifile_load_all ();
  g_mutex_lock (&reg_lock);
  for (GList *l = entries; l != NULL; l = l->next)
    {
      MmioProcEntry *e = l->data;
      if (!e->temp)
        g_ptr_array_add (out, g_memdup2 (e, sizeof *e));
    }
  g_mutex_unlock (&reg_lock);
  return out;
}
