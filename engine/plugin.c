/* plugin.c — loading IOProc modules with GModule, and saying exactly why
 * one did not load.
 *
 * The dynamic loader's own errors are terse and sometimes misleading (a
 * truncated object may be reported as "file too short" or as a bad ELF
 * class), so the file is examined first: existence, ELF magic, class and
 * machine against the running program's, and whether the file reaches the
 * end of every header table and loadable segment it declares. Only then is
 * it handed to the loader, with every symbol bound at once, so an
 * unresolved symbol is a load failure now rather than a crash later.
 * Modules stay loaded until exit: IOProc pointers from them may be in any
 * registry entry or open handle. */
#include "mmio-private.h"
#include "mmio-i18n.h"
#include "plugin-private.h"

#include <elf.h>
#include <errno.h>
#include <gmodule.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

struct _MMIOPLUGIN
{
  char                 *path;
  GModule              *module;
  const MMIOPLUGINDESC *desc;
};

static GMutex plugins_lock;
static GHashTable *plugins_by_path;   /* path -> MMIOPLUGIN* */
static GPrivate tls_last_error = G_PRIVATE_INIT (g_free);

static void
set_error (MMIOPLUGINERROR *err, ULONG reason, const char *fmt, ...)
  G_GNUC_PRINTF (3, 4);

static void
set_error (MMIOPLUGINERROR *err, ULONG reason, const char *fmt, ...)
{
  va_list ap;

  if (err == NULL)
    return;
  err->ulReason = reason;
  va_start (ap, fmt);
  g_vsnprintf (err->szMessage, sizeof err->szMessage, fmt, ap);
  va_end (ap);
}

void
mmio_plugin_remember_error (const MMIOPLUGINERROR *err)
{
  MMIOPLUGINERROR *slot = g_private_get (&tls_last_error);

  if (slot == NULL)
    {
      slot = g_new0 (MMIOPLUGINERROR, 1);
      g_private_set (&tls_last_error, slot);
    }
  *slot = *err;
}

void
mmioIniFileLastError (MMIOPLUGINERROR *pError)
{
  MMIOPLUGINERROR *slot = g_private_get (&tls_last_error);

  if (pError == NULL)
    return;
  if (slot != NULL)
    *pError = *slot;
  else
    memset (pError, 0, sizeof *pError);
}

const char *
mmioPluginReasonId (ULONG reason)
{
  static const char *const ids[] = {
    "none", "not-found", "not-absolute", "not-elf", "wrong-machine",
    "truncated", "undefined-symbol", "load-failed", "missing-symbol",
    "bad-descriptor", "abi-version", "fourcc-conflict", "no-such-ioproc",
  };
  return reason < G_N_ELEMENTS (ids) ? ids[reason] : "unknown";
}

const char *
mmioPluginReasonString (ULONG reason)
{
  mmio_i18n_init ();
  switch (reason)
    {
    case MMIO_PLUGIN_E_NONE: return _("No error");
    case MMIO_PLUGIN_E_NOT_FOUND: return _("The module file does not exist");
    case MMIO_PLUGIN_E_NOT_ABSOLUTE: return _("Modules are loaded from absolute paths only");
    case MMIO_PLUGIN_E_NOT_ELF: return _("The file is not an ELF shared object");
    case MMIO_PLUGIN_E_WRONG_MACHINE: return _("The module was built for another kind of machine");
    case MMIO_PLUGIN_E_TRUNCATED: return _("The module file is truncated");
    case MMIO_PLUGIN_E_UNDEFINED_SYMBOL: return _("The module needs a symbol nothing provides");
    case MMIO_PLUGIN_E_LOAD_FAILED: return _("The dynamic loader refused the module");
    case MMIO_PLUGIN_E_MISSING_SYMBOL: return _("The module does not export the plugin entry point");
    case MMIO_PLUGIN_E_BAD_DESCRIPTOR: return _("The module's descriptor is malformed");
    case MMIO_PLUGIN_E_ABI_VERSION: return _("The module was built for another plugin ABI version");
    case MMIO_PLUGIN_E_FOURCC_CONFLICT: return _("The module claims a FOURCC another module already provides");
    case MMIO_PLUGIN_E_NO_SUCH_IOPROC: return _("The module does not provide the IOProc asked for");
    default: return _("Unknown plugin error");
    }
}

/* ---- ELF examination ---------------------------------------------------- */

typedef struct
{
  unsigned char cls;
  unsigned char data;
  guint16 machine;
} ElfIdent;

static gboolean
read_ident (const char *path, ElfIdent *id)
{
  unsigned char h[EI_NIDENT + 16];
  FILE *f = fopen (path, "rb");
  size_t n;

  if (f == NULL)
    return FALSE;
  n = fread (h, 1, sizeof h, f);
  fclose (f);
  if (n < sizeof h || memcmp (h, ELFMAG, SELFMAG) != 0)
    return FALSE;
  id->cls = h[EI_CLASS];
  id->data = h[EI_DATA];
  /* e_machine follows e_type, right after e_ident, in both classes. */
  if (id->data == ELFDATA2LSB)
    id->machine = (guint16) (h[EI_NIDENT + 2] | (h[EI_NIDENT + 3] << 8));
  else
    id->machine = (guint16) ((h[EI_NIDENT + 2] << 8) | h[EI_NIDENT + 3]);
  return TRUE;
}

static const ElfIdent *
own_ident (void)
{
  static ElfIdent self;
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      if (!read_ident ("/proc/self/exe", &self))
        {
          self.cls = sizeof (void *) == 8 ? ELFCLASS64 : ELFCLASS32;
          self.data = G_BYTE_ORDER == G_LITTLE_ENDIAN ? ELFDATA2LSB : ELFDATA2MSB;
          self.machine = 0;
        }
      g_once_init_leave (&done, 1);
    }
  return &self;
}

/* Whether every table and loadable segment the header declares lies
 * inside the file. Only this machine's class and byte order get here. */
static gboolean
elf_is_complete (const char *path, goffset file_size)
{
  FILE *f = fopen (path, "rb");
  gboolean ok = FALSE;
#if GLIB_SIZEOF_VOID_P == 8
  Elf64_Ehdr eh;
  Elf64_Phdr ph;
#else
  Elf32_Ehdr eh;
  Elf32_Phdr ph;
#endif
  guint64 end;

  if (f == NULL)
    return FALSE;
  if (fread (&eh, sizeof eh, 1, f) != 1)
    goto out;
  end = (guint64) eh.e_phoff + (guint64) eh.e_phnum * eh.e_phentsize;
  if (end > (guint64) file_size)
    goto out;
  end = (guint64) eh.e_shoff + (guint64) eh.e_shnum * eh.e_shentsize;
  if (eh.e_shoff != 0 && end > (guint64) file_size)
    goto out;
  if (eh.e_phentsize < sizeof ph)
    goto out;
  for (guint i = 0; i < eh.e_phnum; i++)
    {
      if (fseeko (f, (off_t) (eh.e_phoff + (guint64) i * eh.e_phentsize), SEEK_SET) != 0
          || fread (&ph, sizeof ph, 1, f) != 1)
        goto out;
      if (ph.p_type == PT_LOAD
          && (guint64) ph.p_offset + ph.p_filesz > (guint64) file_size)
        goto out;
    }
  ok = TRUE;
out:
  fclose (f);
  return ok;
}

static gboolean
examine_file (const char *path, MMIOPLUGINERROR *err)
{
  struct stat st;
  ElfIdent id;
  const ElfIdent *self = own_ident ();

  mmio_i18n_init ();
  if (!g_path_is_absolute (path))
    {
      set_error (err, MMIO_PLUGIN_E_NOT_ABSOLUTE,
                 _("“%s” is not an absolute path; plugins are never searched for"),
                 path);
      return FALSE;
    }
  if (stat (path, &st) != 0)
    {
      int e = errno;
      set_error (err, MMIO_PLUGIN_E_NOT_FOUND, _("“%s”: %s"), path,
                 g_strerror (e));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      set_error (err, MMIO_PLUGIN_E_NOT_FOUND,
                 _("“%s” is not a regular file"), path);
      return FALSE;
    }
  if (!read_ident (path, &id))
    {
      set_error (err, MMIO_PLUGIN_E_NOT_ELF,
                 _("“%s” is not an ELF shared object"), path);
      return FALSE;
    }
  if (id.cls != self->cls || id.data != self->data
      || (self->machine != 0 && id.machine != self->machine))
    {
      set_error (err, MMIO_PLUGIN_E_WRONG_MACHINE,
                 _("“%s” is an ELF object for machine %u (%d-bit), this program is for machine %u (%d-bit)"),
                 path, id.machine, id.cls == ELFCLASS64 ? 64 : 32,
                 self->machine, self->cls == ELFCLASS64 ? 64 : 32);
      return FALSE;
    }
  if (!elf_is_complete (path, (goffset) st.st_size))
    {
      set_error (err, MMIO_PLUGIN_E_TRUNCATED,
                 _("“%s” is truncated: it ends before the headers it declares (%lld bytes)"),
                 path, (long long) st.st_size);
      return FALSE;
    }
  return TRUE;
}

/* ---- Loading ------------------------------------------------------------- */

static gboolean
fourcc_taken_elsewhere (FOURCC fcc, const char *path, char **other)
{
  GHashTableIter it;
  gpointer key, value;

  g_hash_table_iter_init (&it, plugins_by_path);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      MMIOPLUGIN *p = value;
      if (strcmp (p->path, path) == 0)
        continue;
      for (ULONG i = 0; i < p->desc->cProcs; i++)
        if (p->desc->pProcs[i].fccIOProc == fcc)
          {
            *other = p->path;
            return TRUE;
          }
    }
  return FALSE;
}

static gboolean
validate_descriptor (const MMIOPLUGINDESC *d, const char *path,
                     MMIOPLUGINERROR *err)
{
  char a[5];

  if (d == NULL || d->ulStructLen < sizeof (MMIOPLUGINDESC))
    {
      set_error (err, MMIO_PLUGIN_E_BAD_DESCRIPTOR,
                 _("“%s”: the descriptor is missing or too short (%u bytes, %u expected)"),
                 path, d ? (unsigned) d->ulStructLen : 0u,
                 (unsigned) sizeof (MMIOPLUGINDESC));
      return FALSE;
    }
  if (d->ulAbiVersion != MMIO_PLUGIN_ABI_VERSION)
    {
      set_error (err, MMIO_PLUGIN_E_ABI_VERSION,
                 _("“%s” was built for plugin ABI version %u; this program uses version %u"),
                 path, (unsigned) d->ulAbiVersion, MMIO_PLUGIN_ABI_VERSION);
      return FALSE;
    }
  if (d->cProcs == 0 || d->cProcs > 1024 || d->pProcs == NULL)
    {
      set_error (err, MMIO_PLUGIN_E_BAD_DESCRIPTOR,
                 _("“%s”: the descriptor lists no IOProcs"), path);
      return FALSE;
    }
  for (ULONG i = 0; i < d->cProcs; i++)
    {
      const MMIOPLUGINPROC *p = &d->pProcs[i];
      char *other = NULL;

      mmio_trace_fourcc_text (p->fccIOProc, a);
      if (p->fccIOProc == 0 || p->pIOProc == NULL)
        {
          set_error (err, MMIO_PLUGIN_E_BAD_DESCRIPTOR,
                     _("“%s”: IOProc %u has no FOURCC or no procedure"),
                     path, (unsigned) i);
          return FALSE;
        }
      for (ULONG j = 0; j < i; j++)
        if (d->pProcs[j].fccIOProc == p->fccIOProc)
          {
            set_error (err, MMIO_PLUGIN_E_FOURCC_CONFLICT,
                       _("“%s” claims the FOURCC “%s” twice"), path, a);
            return FALSE;
          }
      if (fourcc_taken_elsewhere (p->fccIOProc, path, &other))
        {
          set_error (err, MMIO_PLUGIN_E_FOURCC_CONFLICT,
                     _("“%s” claims the FOURCC “%s”, which the loaded module “%s” already provides"),
                     path, a, other);
          return FALSE;
        }
    }
  return TRUE;
}

MMIOPLUGIN *
mmioPluginLoad (const char *pszPath, MMIOPLUGINERROR *pError)
{
  MMIOPLUGINERROR local;
  MMIOPLUGINERROR *err = pError ? pError : &local;
  MMIOPLUGIN *plugin = NULL;
  GModule *module;
  MMIOPLUGINENTRY entry = NULL;
  const MMIOPLUGINDESC *desc;

  mmio_ensure_init ();
  mmio_i18n_init ();
  memset (err, 0, sizeof *err);
  if (pszPath == NULL || pszPath[0] == 0)
    {
      set_error (err, MMIO_PLUGIN_E_NOT_FOUND, _("No module file was named"));
      mmio_plugin_remember_error (err);
      return NULL;
    }

  g_mutex_lock (&plugins_lock);
  if (plugins_by_path == NULL)
    plugins_by_path = g_hash_table_new (g_str_hash, g_str_equal);
  plugin = g_hash_table_lookup (plugins_by_path, pszPath);
  if (plugin != NULL)
    goto out;

  if (!examine_file (pszPath, err))
    goto out;

  /* No LAZY flag: every symbol is bound now. LOCAL: a plugin's symbols
   * never satisfy another plugin's. */
  module = g_module_open (pszPath, G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      const char *why = g_module_error ();
      if (why != NULL && strstr (why, "undefined symbol") != NULL)
        set_error (err, MMIO_PLUGIN_E_UNDEFINED_SYMBOL, "%s", why);
      else if (why != NULL && (strstr (why, "too short") != NULL
                               || strstr (why, "past end") != NULL))
        set_error (err, MMIO_PLUGIN_E_TRUNCATED, "%s", why);
      else
        set_error (err, MMIO_PLUGIN_E_LOAD_FAILED, "%s",
                   why ? why : _("unknown loader error"));
      goto out;
    }
  if (!g_module_symbol (module, MMIO_PLUGIN_ENTRY_NAME, (gpointer *) &entry)
      || entry == NULL)
    {
      set_error (err, MMIO_PLUGIN_E_MISSING_SYMBOL,
                 _("“%s” does not export “%s”"), pszPath,
                 MMIO_PLUGIN_ENTRY_NAME);
      g_module_close (module);
      goto out;
    }
  desc = entry ();
  if (!validate_descriptor (desc, pszPath, err))
    {
      g_module_close (module);
      goto out;
    }
  g_module_make_resident (module);
  plugin = g_new0 (MMIOPLUGIN, 1);
  plugin->path = g_strdup (pszPath);
  plugin->module = module;
  plugin->desc = desc;
  g_hash_table_insert (plugins_by_path, plugin->path, plugin);

out:
  g_mutex_unlock (&plugins_lock);
  if (plugin == NULL)
    mmio_plugin_remember_error (err);
  return plugin;
}

const MMIOPLUGINDESC *
mmioPluginDescriptor (MMIOPLUGIN *plugin)
{
  return plugin ? plugin->desc : NULL;
}

const char *
mmioPluginPath (MMIOPLUGIN *plugin)
{
  return plugin ? plugin->path : NULL;
}

const MMIOPLUGINPROC *
mmio_plugin_find_proc (MMIOPLUGIN *plugin, FOURCC fcc, const char *proc_name)
{
  for (ULONG i = 0; plugin && i < plugin->desc->cProcs; i++)
    {
      const MMIOPLUGINPROC *p = &plugin->desc->pProcs[i];
      if (fcc != 0 && p->fccIOProc != fcc)
        continue;
      if (proc_name != NULL && proc_name[0] != 0
          && g_strcmp0 (p->pszProcName, proc_name) != 0)
        continue;
      return p;
    }
  return NULL;
}
