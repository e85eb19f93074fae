/* command.c — mciSendCommand: the messages the manager handles itself
 * (MCI_OPEN, MCI_CLOSE, MCI_SYSINFO, MCI_BREAK, MCI_SOUND), the open and
 * close sequences with the installable-driver messages (DRV_LOAD,
 * DRV_ENABLE, DRV_OPEN, MCI_OPEN_DRIVER … MCI_CLOSE_DRIVER, DRV_CLOSE,
 * DRV_DISABLE, DRV_FREE; drivers never see MCI_OPEN or MCI_CLOSE),
 * broadcasts to MCI_ALL_DEVICE_ID, and the clean-up of driver answers
 * (resource pairs reduced to their value, only the LOWORD returned). */
#include "mci-private.h"

#include <string.h>

static DWORD
drv_send (MciDevice *d, UINT msg, LPARAM p1, LPARAM p2)
{
  return (DWORD) d->driver->proc (d->driver_id, mci_device_hdrvr (d), msg,
                                  p1, p2);
}

static void
driver_unload_if_last (MciDriver *drv, DWORD_PTR driver_id, HDRVR h)
{
  if (mci_driver_release (drv))
    {
      drv->proc (driver_id, h, DRV_DISABLE, 0, 0);
      drv->proc (driver_id, h, DRV_FREE, 0, 0);
    }
}

/* Work out the driver type and the element the driver gets. */
static DWORD
resolve_open (DWORD *flags, MCI_OPEN_PARMS *p, char **type_out,
              const char **element_out)
{
  const char *element = NULL;
  char *type = NULL;

  if (*flags & MCI_OPEN_TYPE_ID)
    {
      UINT t = LOWORD ((DWORD_PTR) p->lpstrDeviceType);
      if (t < MCI_DEVTYPE_FIRST || t > MCI_DEVTYPE_LAST)
        return MCIERR_BAD_INTEGER;
      type = g_strdup (mci_devtype_name (t));
    }
  else if (*flags & MCI_OPEN_TYPE)
    {
      if (p->lpstrDeviceType == NULL || p->lpstrDeviceType[0] == 0)
        return MCIERR_INVALID_DEVICE_NAME;
      if (!mci_driver_exists (p->lpstrDeviceType)
          && strchr (p->lpstrDeviceType, '.') != NULL
          && !(*flags & (MCI_OPEN_ELEMENT | MCI_OPEN_ELEMENT_ID)))
        {
          /* A file name passed as the type (3D Pinball does this):
           * resolve it as an element by its extension. */
          element = p->lpstrDeviceType;
          *flags |= MCI_OPEN_ELEMENT;
        }
      else
        type = g_strdup (p->lpstrDeviceType);
    }

  if ((*flags & MCI_OPEN_ELEMENT) && !(*flags & MCI_OPEN_ELEMENT_ID))
    {
      if (element == NULL)
        element = p->lpstrElementName ? p->lpstrElementName : "";
      if (type == NULL)
        {
          const char *bang = strchr (element, '!');
          gboolean has_ext;

          if (bang != NULL)
            {
              char *tp;
              if (bang == element)
                return bang[1] == 0 ? MCIERR_INVALID_DEVICE_NAME
                                    : MCIERR_FILE_NOT_FOUND;
              tp = g_strndup (element, bang - element);
              if (mci_driver_exists (tp))
                {
                  type = tp;
                  element = bang + 1;
                }
              else
                g_free (tp);   /* NT: the whole string is an element */
            }
          if (type == NULL)
            {
              if (element[0] == 0)
                return MCIERR_INVALID_DEVICE_NAME;
              type = mci_type_for_file (element, &has_ext);
              if (type == NULL)
                return has_ext ? MCIERR_EXTENSION_NOT_FOUND
                               : MCIERR_INVALID_DEVICE_NAME;
            }
        }
    }

  if (type == NULL)
    return MCIERR_INVALID_DEVICE_NAME;
  if (!mci_driver_exists (type))
    {
      DWORD err = mci_is_devtype_name (type, NULL)
                  ? MCIERR_DEVICE_NOT_INSTALLED : MCIERR_INVALID_DEVICE_NAME;
      g_free (type);
      return err;
    }
  *type_out = type;
  *element_out = element;
  return 0;
}

DWORD
mci_open_device (DWORD flags, MCI_OPEN_PARMS *p, gboolean auto_open)
{
  const char *element = NULL;
  const char *saved_element;
  char *type = NULL;
  const char *alias;
  gboolean explicit_alias, first = FALSE;
  MciDevice *dev;
  MciDriver *drv;
  MCI_OPEN_DRIVER_PARMS odp = { 0 };
  DWORD err, r;
  HDRVR h;

  if (p == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  err = resolve_open (&flags, p, &type, &element);
  if (err)
    return err;

  explicit_alias = (flags & MCI_OPEN_ALIAS) && p->lpstrAlias && p->lpstrAlias[0];
  if (explicit_alias)
    alias = p->lpstrAlias;
  else if ((flags & MCI_OPEN_ELEMENT) && !(flags & MCI_OPEN_ELEMENT_ID)
           && p->lpstrElementName && p->lpstrElementName[0])
    alias = p->lpstrElementName;
  else if (element && element[0])
    alias = element;
  else
    alias = type;

  dev = g_new0 (MciDevice, 1);
  dev->alias = g_strdup (alias);
  dev->element = g_strdup (element);
  dev->owner = g_thread_self ();
  dev->auto_open = auto_open;
  dev->closing = TRUE;             /* invisible until the driver agreed */
  dev->users = 1;
  dev->custom_table = MCI_NO_COMMAND_TABLE;
  if (flags & MCI_OPEN_ELEMENT_ID)
    {
      dev->has_element_id = TRUE;
      dev->element_id = (DWORD) (DWORD_PTR) p->lpstrElementName;
    }

  mci_devices_lock ();
  if (mci_devices_find_alias (alias, dev->owner) != NULL)
    {
      mci_devices_unlock ();
      mci_device_free (dev);
      g_free (type);
      return explicit_alias ? MCIERR_DUPLICATE_ALIAS : MCIERR_DEVICE_OPEN;
    }
  mci_devices_insert (dev);
  mci_devices_unlock ();

  drv = mci_driver_acquire (type, &first);
  g_free (type);
  if (drv == NULL)
    {
      mci_devices_remove (dev);
      mci_device_free (dev);
      return MCIERR_DEVICE_NOT_INSTALLED;
    }
  dev->driver = drv;
  h = mci_device_hdrvr (dev);
  if (first)
    {
      if (drv->proc (0, h, DRV_LOAD, 0, 0) == 0
          || drv->proc (0, h, DRV_ENABLE, 0, 0) == 0)
        {
          mci_driver_release (drv);
          drv->proc (0, h, DRV_FREE, 0, 0);
          mci_devices_remove (dev);
          mci_device_free (dev);
          return MCIERR_CANNOT_LOAD_DRIVER;
        }
    }
  odp.wDeviceID = dev->id;
  odp.lpstrParams = drv->params;
  odp.wCustomCommandTable = MCI_NO_COMMAND_TABLE;
  odp.wType = MCI_DEVTYPE_OTHER;
  dev->driver_id = (DWORD_PTR) drv->proc (0, h, DRV_OPEN,
                                          (LPARAM) drv->params, (LPARAM) &odp);
  if (dev->driver_id == 0)
    {
      driver_unload_if_last (drv, 0, h);
      mci_devices_remove (dev);
      mci_device_free (dev);
      return MCIERR_CANNOT_LOAD_DRIVER;
    }
  dev->type = odp.wType;
  dev->custom_table = mci_table_valid (odp.wCustomCommandTable)
                      ? odp.wCustomCommandTable : MCI_NO_COMMAND_TABLE;

  /* The driver sees the element it must open ("x.wav" for
   * "waveaudio!x.wav"), the rest of the block unchanged. */
  saved_element = p->lpstrElementName;
  if ((flags & MCI_OPEN_ELEMENT) && !(flags & MCI_OPEN_ELEMENT_ID))
    p->lpstrElementName = element;
  p->wDeviceID = dev->id;
  r = drv_send (dev, MCI_OPEN_DRIVER, (LPARAM) flags, (LPARAM) p);
  p->lpstrElementName = saved_element;
  if (LOWORD (r) != 0)
    {
      p->wDeviceID = 0;
      drv_send (dev, DRV_CLOSE, 0, 0);
      driver_unload_if_last (drv, dev->driver_id, h);
      mci_devices_remove (dev);
      mci_device_free (dev);
      return LOWORD (r);
    }
  mci_devices_lock ();
  dev->closing = FALSE;
  dev->users = 0;
  mci_devices_unlock ();
  return 0;
}

DWORD
mci_close_device (MCIDEVICEID id, DWORD flags, DWORD_PTR parms)
{
  MciDevice *dev = mci_device_acquire (id);
  MciDriver *drv;
  DWORD r;
  HDRVR h;

  if (dev == NULL)
    return MCIERR_INVALID_DEVICE_ID;
  mci_device_begin_close (dev);
  r = drv_send (dev, MCI_CLOSE_DRIVER, (LPARAM) flags, (LPARAM) parms);
  mci_devices_remove (dev);
  drv = dev->driver;
  h = mci_device_hdrvr (dev);
  drv_send (dev, DRV_CLOSE, 0, 0);
  driver_unload_if_last (drv, dev->driver_id, h);
  mci_device_free (dev);
  return LOWORD (r);
}

static DWORD
close_all (DWORD flags, DWORD_PTR parms)
{
  GPtrArray *devs;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (MCIDEVICEID));

  mci_devices_lock ();
  devs = mci_devices_snapshot (g_thread_self ());
  for (guint i = 0; i < devs->len; i++)
    g_array_append_val (ids, ((MciDevice *) g_ptr_array_index (devs, i))->id);
  g_ptr_array_free (devs, TRUE);
  mci_devices_unlock ();
  for (guint i = 0; i < ids->len; i++)
    mci_close_device (g_array_index (ids, MCIDEVICEID, i), flags,
                      parms ? parms : 0);
  g_array_free (ids, TRUE);
  return 0;
}

/* ---- auto-close: devices the manager opened for one command ---- */

static void
autoclose_proc (HWND w, UINT msg, WPARAM code, LPARAM lparam, void *user)
{
  MCIDEVICEID id = (MCIDEVICEID) lparam;
  guint serial = GPOINTER_TO_UINT (user);
  MciDevice *d;
  gboolean ours;

  mci_devices_lock ();
  d = mci_devices_lookup (id);
  ours = d && !d->closing && d->auto_open && d->serial == serial;
  mci_devices_unlock ();
  if (ours)
    mci_close_device (id, 0, 0);
  mciDestroyCallbackWindow (w);
}

HWND
mci_autoclose_window (MCIDEVICEID id)
{
  MciDevice *d;
  guint serial = 0;

  mci_devices_lock ();
  d = mci_devices_lookup (id);
  if (d)
    {
      d->auto_busy = TRUE;
      serial = d->serial;
    }
  mci_devices_unlock ();
  return mci_internal_window (autoclose_proc, GUINT_TO_POINTER (serial));
}

/* MCI_SOUND: the named system sound ([sounds] in the configuration file)
 * played through the driver its extension names, on a device of its own
 * that closes itself afterwards. */
static DWORD
play_sound (DWORD flags, MCI_SOUND_PARMS *p)
{
  const char *name = (flags & MCI_SOUND_NAME) && p && p->lpstrSoundName
                     ? p->lpstrSoundName : "SystemDefault";
  char *path = mci_sound_path (name);
  MCI_OPEN_PARMS op = { 0 };
  MCI_PLAY_PARMS pp = { 0 };
  DWORD r;

  if (path == NULL)
    return MCIERR_HARDWARE;
  op.lpstrElementName = path;
  r = mci_open_device (MCI_OPEN_ELEMENT, &op, TRUE);
  g_free (path);
  if (r)
    return r;
  if (flags & MCI_WAIT)
    {
      r = LOWORD (mci_send_command_raw (op.wDeviceID, MCI_PLAY, MCI_WAIT,
                                        (DWORD_PTR) &pp));
      mci_close_device (op.wDeviceID, 0, 0);
    }
  else
    {
      pp.dwCallback = (DWORD_PTR) mci_autoclose_window (op.wDeviceID);
      r = LOWORD (mci_send_command_raw (op.wDeviceID, MCI_PLAY, MCI_NOTIFY,
                                        (DWORD_PTR) &pp));
      if (r)
        {
          mciDestroyCallbackWindow ((HWND) pp.dwCallback);
          mci_close_device (op.wDeviceID, 0, 0);
        }
    }
  if (r == 0 && (flags & MCI_NOTIFY) && p)
    mciDriverNotify ((HWND) p->dwCallback, 0, MCI_NOTIFY_SUCCESSFUL);
  return r;
}

static DWORD
copy_out (LPSTR dst, DWORD cch, const char *s)
{
  gsize len = strlen (s);
  if (dst == NULL || cch < len + 1)
    return MCIERR_PARAM_OVERFLOW;
  memcpy (dst, s, len + 1);
  return 0;
}

static gboolean
device_matches (MciDevice *d, MCIDEVICEID id, UINT type)
{
  return id == MCI_ALL_DEVICE_ID || d->type == type;
}

static DWORD
sysinfo (MCIDEVICEID id, DWORD flags, MCI_SYSINFO_PARMS *p)
{
  DWORD r = 0;
  const char *tname;

  if (p == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  tname = mci_devtype_name (p->wDeviceType);

  if (flags & MCI_SYSINFO_INSTALLNAME)
    {
      MciDevice *d;
      char *name = NULL;
      if (id == MCI_ALL_DEVICE_ID)
        return MCIERR_CANNOT_USE_ALL;
      mci_devices_lock ();
      d = mci_devices_lookup (id);
      if (d && !d->closing)
        name = g_strdup (d->driver->name);
      mci_devices_unlock ();
      if (name == NULL)
        return MCIERR_INVALID_DEVICE_NAME;
      r = copy_out (p->lpstrReturn, p->dwRetSize, name);
      g_free (name);
    }
  else if (flags & MCI_SYSINFO_QUANTITY)
    {
      DWORD n = 0;
      if (flags & MCI_SYSINFO_OPEN)
        {
          GPtrArray *devs;
          mci_devices_lock ();
          devs = mci_devices_snapshot (g_thread_self ());
          for (guint i = 0; i < devs->len; i++)
            if (device_matches (g_ptr_array_index (devs, i), id, p->wDeviceType))
              n++;
          g_ptr_array_free (devs, TRUE);
          mci_devices_unlock ();
        }
      else if (id == MCI_ALL_DEVICE_ID)
        n = mci_driver_count ();
      else
        n = (tname && mci_driver_exists (tname)) ? 1 : 0;
      if (p->lpstrReturn == NULL || p->dwRetSize < sizeof (DWORD))
        return MCIERR_PARAM_OVERFLOW;
      memcpy (p->lpstrReturn, &n, sizeof n);
      r = MCI_INTEGER_RETURNED;
    }
  else if (flags & MCI_SYSINFO_NAME)
    {
      char *name = NULL;
      if (p->dwNumber == 0)
        return MCIERR_OUTOFRANGE;
      if (flags & MCI_SYSINFO_OPEN)
        {
          GPtrArray *devs;
          DWORD k = 0;
          mci_devices_lock ();
          devs = mci_devices_snapshot (g_thread_self ());
          for (guint i = 0; i < devs->len && name == NULL; i++)
            {
              MciDevice *d = g_ptr_array_index (devs, i);
              if (device_matches (d, id, p->wDeviceType) && ++k == p->dwNumber)
                name = g_strdup (d->alias);
            }
          g_ptr_array_free (devs, TRUE);
          mci_devices_unlock ();
        }
      else if (id == MCI_ALL_DEVICE_ID)
        name = mci_driver_nth_name (p->dwNumber - 1);
      else if (p->dwNumber == 1 && tname && mci_driver_exists (tname))
        name = g_strdup (tname);
      if (name == NULL)
        return MCIERR_OUTOFRANGE;
      r = copy_out (p->lpstrReturn, p->dwRetSize, name);
      g_free (name);
    }
  else
    return MCIERR_MISSING_PARAMETER;

  if (LOWORD (r) == 0 && (flags & MCI_NOTIFY))
    mciDriverNotify ((HWND) p->dwCallback, id, MCI_NOTIFY_SUCCESSFUL);
  return r;
}

static DWORD
send_one (MciDevice *dev, UINT msg, DWORD_PTR flags, DWORD_PTR parms)
{
  return drv_send (dev, msg, (LPARAM) flags, (LPARAM) parms);
}

static DWORD
broadcast (UINT msg, DWORD_PTR flags, DWORD_PTR parms)
{
  GPtrArray *devs;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (MCIDEVICEID));
  DWORD common = 0;
  gboolean first = TRUE;

  mci_devices_lock ();
  devs = mci_devices_snapshot (g_thread_self ());
  for (guint i = 0; i < devs->len; i++)
    g_array_append_val (ids, ((MciDevice *) g_ptr_array_index (devs, i))->id);
  g_ptr_array_free (devs, TRUE);
  mci_devices_unlock ();

  for (guint i = 0; i < ids->len; i++)
    {
      MciDevice *d = mci_device_acquire (g_array_index (ids, MCIDEVICEID, i));
      DWORD r;
      if (d == NULL)
        continue;
      r = LOWORD (send_one (d, msg, flags, parms));
      mci_device_release (d);
      if (first)
        common = r;
      else if (r != common)
        common = MCIERR_MULTIPLE;
      first = FALSE;
    }
  g_array_free (ids, TRUE);
  return common;
}

DWORD
mci_send_command_raw (MCIDEVICEID id, UINT msg, DWORD_PTR flags,
                      DWORD_PTR parms)
{
  MciDevice *dev;
  DWORD r;

  mci_ensure_init ();
  switch (msg)
    {
    case MCI_OPEN:
      return mci_open_device ((DWORD) flags, (MCI_OPEN_PARMS *) parms, FALSE);
    case MCI_CLOSE:
      if (id == MCI_ALL_DEVICE_ID)
        return close_all ((DWORD) flags, parms);
      return mci_close_device (id, (DWORD) flags, parms);
    case MCI_SYSINFO:
      return sysinfo (id, (DWORD) flags, (MCI_SYSINFO_PARMS *) parms);
    case MCI_BREAK:
      if (id != MCI_ALL_DEVICE_ID)
        {
          dev = mci_device_acquire (id);
          if (dev == NULL)
            return MCIERR_INVALID_DEVICE_ID;
          mci_device_release (dev);
        }
      /* There is no keyboard to watch: the break settings are accepted
       * and have no effect. */
      if ((flags & MCI_NOTIFY) && parms)
        mciDriverNotify ((HWND) ((MCI_GENERIC_PARMS *) parms)->dwCallback,
                         id, MCI_NOTIFY_SUCCESSFUL);
      return 0;
    case MCI_SOUND:
      return play_sound ((DWORD) flags, (MCI_SOUND_PARMS *) parms);
    case MCI_OPEN_DRIVER:
    case MCI_CLOSE_DRIVER:
      return MCIERR_UNRECOGNIZED_COMMAND;
    default:
      break;
    }
  if (msg < DRV_MCI_FIRST)
    return MMSYSERR_INVALPARAM;
  if (id == MCI_ALL_DEVICE_ID)
    return broadcast (msg, flags, parms);
  dev = mci_device_acquire (id);
  if (dev == NULL)
    return MCIERR_INVALID_DEVICE_ID;
  r = send_one (dev, msg, flags, parms);
  mci_device_release (dev);
  return r;
}

MCIERROR
mciSendCommand (MCIDEVICEID wDeviceID, UINT uMsg, DWORD_PTR dwParam1,
                DWORD_PTR dwParam2)
{
  DWORD r = mci_send_command_raw (wDeviceID, uMsg, dwParam1, dwParam2);

  if (LOWORD (r) == 0 && (r & MCI_RESOURCE_RETURNED) && dwParam2 != 0)
    {
      if (uMsg == MCI_STATUS)
        {
          MCI_STATUS_PARMS *p = (MCI_STATUS_PARMS *) dwParam2;
          p->dwReturn = LOWORD (p->dwReturn);
        }
      else if (uMsg == MCI_GETDEVCAPS)
        {
          MCI_GETDEVCAPS_PARMS *p = (MCI_GETDEVCAPS_PARMS *) dwParam2;
          p->dwReturn = LOWORD (p->dwReturn);
        }
    }
  return LOWORD (r);
}

BOOL
mciExecute (LPCSTR pszCommand)
{
  MCIERROR e = mciSendString (pszCommand, NULL, 0, NULL);
  if (e != 0)
    {
      char buf[MAXERRORLENGTH * 4];
      if (mciGetErrorString (e, buf, sizeof buf))
        g_printerr ("%s\n", buf);
    }
  return e == 0;
}
