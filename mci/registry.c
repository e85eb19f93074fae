/* registry.c — the installed MCI drivers by device-type name (what the
 * MCI32 registry key is on Windows) and the extension -> type table (the
 * "MCI Extensions" key). Built-in drivers are installed on first use;
 * loadable drivers are shared modules exporting DriverProc, loaded with
 * GModule. Names and extensions compare case-insensitively.
 *
 * The user extends both in a key file read once at start-up, shaped like
 * the [mci] and [mci extensions] sections of the old system.ini/win.ini:
 *   [mci]              name=/path/to/module.so [parameters]
 *   [mci extensions]   ext=type
 *   [sounds]           SystemExclamation=/path/to/file.wav   (MCI_SOUND)
 * It is $RIFFSCOPE_MCI_CONFIG, else <user config dir>/riffscope/mci.ini.
 * Lines that do not load are skipped with a warning; the rest apply. */
#include "mci-private.h"

#include <string.h>

static GMutex reg_lock;
static GPtrArray *drivers;          /* MciDriver* */
static GHashTable *extensions;      /* casefolded ext -> type name */
static GHashTable *sounds;          /* casefolded sound name -> file */

static const char *const devtype_names[] = {
  "vcr", "videodisc", "overlay", "cdaudio", "dat", "scanner", "animation",
  "digitalvideo", "other", "waveaudio", "sequencer",
};

static MciDriver *
find_locked (const char *name)
{
  if (drivers == NULL || name == NULL)
    return NULL;
  for (guint i = 0; i < drivers->len; i++)
    {
      MciDriver *d = g_ptr_array_index (drivers, i);
      if (g_ascii_strcasecmp (d->name, name) == 0)
        return d;
    }
  return NULL;
}

static gboolean
install_locked (const char *name, DRIVERPROC proc, const char *params,
                GModule *module, gboolean builtin)
{
  MciDriver *d;

  if (find_locked (name) != NULL)
    return FALSE;
  d = g_new0 (MciDriver, 1);
  d->name = g_ascii_strdown (name, -1);
  d->proc = proc;
  d->params = g_strdup (params ? params : "");
  d->module = module;
  d->builtin = builtin;
  g_ptr_array_add (drivers, d);
  return TRUE;
}

static void load_config (void);

void
mci_ensure_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      mci_i18n_init ();
      g_mutex_lock (&reg_lock);
      drivers = g_ptr_array_new ();
      extensions = g_hash_table_new_full (g_str_hash, g_str_equal,
                                          g_free, g_free);
      sounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      install_locked ("waveaudio", mci_waveaudio_driver_proc, "", NULL, TRUE);
      install_locked ("sequencer", mci_sequencer_driver_proc, "", NULL, TRUE);
      g_hash_table_insert (extensions, g_strdup ("wav"), g_strdup ("waveaudio"));
      g_hash_table_insert (extensions, g_strdup ("mid"), g_strdup ("sequencer"));
      g_hash_table_insert (extensions, g_strdup ("rmi"), g_strdup ("sequencer"));
      g_mutex_unlock (&reg_lock);
      /* Inside the once: no command may run before the user's table. */
      load_config ();
      g_once_init_leave (&done, 1);
    }
}

BOOL
mciInstallDriver (LPCSTR lpstrName, DRIVERPROC proc, LPCSTR lpstrParams)
{
  gboolean ok;

  mci_ensure_init ();
  if (lpstrName == NULL || lpstrName[0] == 0 || proc == NULL)
    return FALSE;
  g_mutex_lock (&reg_lock);
  ok = install_locked (lpstrName, proc, lpstrParams, NULL, FALSE);
  g_mutex_unlock (&reg_lock);
  return ok;
}

static MCIERROR
install_module (LPCSTR lpstrName, LPCSTR lpstrPath, LPCSTR lpstrParams)
{
  GModule *module;
  gpointer sym = NULL;
  gboolean ok;

  if (lpstrName == NULL || lpstrName[0] == 0 || lpstrPath == NULL)
    return MCIERR_CANNOT_LOAD_DRIVER;
  g_mutex_lock (&reg_lock);
  ok = find_locked (lpstrName) == NULL;
  g_mutex_unlock (&reg_lock);
  if (!ok)
    return MCIERR_DUPLICATE_ALIAS;
  module = g_module_open (lpstrPath, G_MODULE_BIND_LOCAL);
  if (module == NULL)
    return MCIERR_CANNOT_LOAD_DRIVER;
  if (!g_module_symbol (module, "DriverProc", &sym) || sym == NULL)
    {
      g_module_close (module);
      return MCIERR_CANNOT_LOAD_DRIVER;
    }
  g_mutex_lock (&reg_lock);
  ok = install_locked (lpstrName, (DRIVERPROC) sym, lpstrParams, module, FALSE);
  g_mutex_unlock (&reg_lock);
  if (!ok)
    {
      g_module_close (module);
      return MCIERR_DUPLICATE_ALIAS;
    }
  return 0;
}

MCIERROR
mciInstallDriverModule (LPCSTR lpstrName, LPCSTR lpstrPath, LPCSTR lpstrParams)
{
  mci_ensure_init ();
  return install_module (lpstrName, lpstrPath, lpstrParams);
}

BOOL
mciRemoveDriver (LPCSTR lpstrName)
{
  MciDriver *d;

  mci_ensure_init ();
  g_mutex_lock (&reg_lock);
  d = find_locked (lpstrName);
  if (d == NULL || d->instances > 0)
    {
      g_mutex_unlock (&reg_lock);
      return FALSE;
    }
  g_ptr_array_remove (drivers, d);
  g_mutex_unlock (&reg_lock);
  if (d->module)
    g_module_close (d->module);
  g_free (d->name);
  g_free (d->params);
  g_free (d);
  return TRUE;
}

MciDriver *
mci_driver_acquire (const char *name, gboolean *first)
{
  MciDriver *d;

  mci_ensure_init ();
  g_mutex_lock (&reg_lock);
  d = find_locked (name);
  if (d != NULL)
    {
      *first = (d->instances == 0);
      d->instances++;
    }
  g_mutex_unlock (&reg_lock);
  return d;
}

gboolean
mci_driver_release (MciDriver *d)
{
  gboolean last;

  g_mutex_lock (&reg_lock);
  last = (--d->instances == 0);
  g_mutex_unlock (&reg_lock);
  return last;
}

gboolean
mci_driver_exists (const char *name)
{
  gboolean r;

  mci_ensure_init ();
  g_mutex_lock (&reg_lock);
  r = find_locked (name) != NULL;
  g_mutex_unlock (&reg_lock);
  return r;
}

guint
mci_driver_count (void)
{
  guint n;

  mci_ensure_init ();
  g_mutex_lock (&reg_lock);
  n = drivers->len;
  g_mutex_unlock (&reg_lock);
  return n;
}

char *
mci_driver_nth_name (guint n)
{
  char *r = NULL;

  mci_ensure_init ();
  g_mutex_lock (&reg_lock);
  if (n < drivers->len)
    r = g_strdup (((MciDriver *) g_ptr_array_index (drivers, n))->name);
  g_mutex_unlock (&reg_lock);
  return r;
}

gboolean
mci_is_devtype_name (const char *name, UINT *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (devtype_names); i++)
    if (name && g_ascii_strcasecmp (name, devtype_names[i]) == 0)
      {
        if (type)
          *type = MCI_DEVTYPE_FIRST + i;
        return TRUE;
      }
  return FALSE;
}

static char *
ext_key (const char *ext)
{
  if (ext == NULL || ext[0] == 0 || strlen (ext) > 32)
    return NULL;
  if (ext[0] == '.')
    ext++;
  if (ext[0] == 0)
    return NULL;
  return g_ascii_strdown (ext, -1);
}

static BOOL
set_extension (LPCSTR lpstrExt, LPCSTR lpstrType)
{
  char *key = ext_key (lpstrExt);

  if (key == NULL)
    return FALSE;
  g_mutex_lock (&reg_lock);
  if (lpstrType == NULL || lpstrType[0] == 0)
    {
      g_hash_table_remove (extensions, key);
      g_free (key);
    }
  else
    g_hash_table_replace (extensions, key, g_ascii_strdown (lpstrType, -1));
  g_mutex_unlock (&reg_lock);
  return TRUE;
}

BOOL
mciSetExtensionType (LPCSTR lpstrExt, LPCSTR lpstrType)
{
  mci_ensure_init ();
  return set_extension (lpstrExt, lpstrType);
}

BOOL
mciGetExtensionType (LPCSTR lpstrExt, LPSTR buf, UINT cch)
{
  char *key = ext_key (lpstrExt);
  const char *type;
  gboolean ok = FALSE;

  mci_ensure_init ();
  if (key == NULL)
    return FALSE;
  g_mutex_lock (&reg_lock);
  type = g_hash_table_lookup (extensions, key);
  if (type != NULL && buf != NULL && cch > strlen (type))
    {
      strcpy (buf, type);
      ok = TRUE;
    }
  g_mutex_unlock (&reg_lock);
  g_free (key);
  return ok;
}

char *
mci_type_for_file (const char *name, gboolean *has_ext)
{
  const char *base, *dot, *plus;
  char *key, *r = NULL;

  mci_ensure_init ();
  *has_ext = FALSE;
  if (name == NULL)
    return NULL;
  /* For "sounds.bnd+ding.wav" the element's own extension decides. */
  plus = strrchr (name, '+');
  base = plus ? plus + 1 : name;
  {
    const char *slash = strrchr (base, '/');
    if (slash)
      base = slash + 1;
  }
  dot = strrchr (base, '.');
  if (dot == NULL || dot[1] == 0)
    return NULL;
  *has_ext = TRUE;
  key = ext_key (dot + 1);
  if (key == NULL)
    return NULL;
  g_mutex_lock (&reg_lock);
  r = g_strdup (g_hash_table_lookup (extensions, key));
  g_mutex_unlock (&reg_lock);
  g_free (key);
  return r;
}

static void
load_config (void)
{
  const char *env = g_getenv ("RIFFSCOPE_MCI_CONFIG");
  char *path = env && env[0] ? g_strdup (env)
                             : g_build_filename (g_get_user_config_dir (),
                                                 "riffscope", "mci.ini", NULL);
  GKeyFile *kf = g_key_file_new ();
  char **keys;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    goto out;
  keys = g_key_file_get_keys (kf, "mci", NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++)
    {
      char *value = g_key_file_get_string (kf, "mci", keys[i], NULL);
      char *module, *params;
      MCIERROR e;
      if (value == NULL)
        continue;
      g_strstrip (value);
      /* "path [parameters]": the first space ends the path */
      params = strchr (value, ' ');
      module = params ? g_strndup (value, params - value) : g_strdup (value);
      e = install_module (keys[i], module, params ? g_strchug (params) : NULL);
      if (e != 0)
        g_warning (_("MCI driver \"%s\" from %s was not installed (%s, error %u)"),
                   keys[i], path, module, (unsigned) e);
      g_free (module);
      g_free (value);
    }
  g_strfreev (keys);
  keys = g_key_file_get_keys (kf, "mci extensions", NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++)
    {
      char *type = g_key_file_get_string (kf, "mci extensions", keys[i], NULL);
      if (type)
        set_extension (keys[i], g_strstrip (type));
      g_free (type);
    }
  g_strfreev (keys);
  keys = g_key_file_get_keys (kf, "sounds", NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++)
    {
      char *file = g_key_file_get_string (kf, "sounds", keys[i], NULL);
      if (file)
        g_hash_table_replace (sounds, g_ascii_strdown (keys[i], -1),
                              g_strdup (g_strstrip (file)));
      g_free (file);
    }
  g_strfreev (keys);
out:
  g_key_file_unref (kf);
  g_free (path);
}

char *
mci_sound_path (const char *name)
{
  char *key, *r;

  mci_ensure_init ();
  if (name == NULL)
    return NULL;
  key = g_ascii_strdown (name, -1);
  g_mutex_lock (&reg_lock);
  r = g_strdup (g_hash_table_lookup (sounds, key));
  g_mutex_unlock (&reg_lock);
  g_free (key);
  return r;
}
