/* devices.c — the table of open MCI devices: IDs from 1 (the lowest free
 * one, reused after close), aliases (per opening thread, case-insensitive),
 * and the use count that lets close wait for commands still running on a
 * device before its driver instance goes away. */
#include "mci-private.h"

static GMutex dev_lock;
static GCond dev_cond;
static GPtrArray *table;    /* index id-1 -> MciDevice* or NULL */
static guint serial_counter;

void
mci_devices_lock (void)
{
  g_mutex_lock (&dev_lock);
}

void
mci_devices_unlock (void)
{
  g_mutex_unlock (&dev_lock);
}

MCIDEVICEID
mci_devices_insert (MciDevice *dev)
{
  guint i;

  if (table == NULL)
    table = g_ptr_array_new ();
  for (i = 0; i < table->len; i++)
    if (g_ptr_array_index (table, i) == NULL)
      break;
  if (i == table->len)
    g_ptr_array_add (table, NULL);
  table->pdata[i] = dev;
  dev->id = i + 1;
  dev->serial = ++serial_counter;
  return dev->id;
}

MciDevice *
mci_devices_lookup (MCIDEVICEID id)
{
  if (table == NULL || id == 0 || id > table->len)
    return NULL;
  return g_ptr_array_index (table, id - 1);
}

MciDevice *
mci_devices_find_alias (const char *alias, GThread *owner)
{
  if (table == NULL || alias == NULL)
    return NULL;
  for (guint i = 0; i < table->len; i++)
    {
      MciDevice *d = g_ptr_array_index (table, i);
      if (d && !d->closing && d->alias && (owner == NULL || d->owner == owner)
          && g_ascii_strcasecmp (d->alias, alias) == 0)
        return d;
    }
  return NULL;
}

GPtrArray *
mci_devices_snapshot (GThread *owner)
{
  GPtrArray *r = g_ptr_array_new ();

  if (table != NULL)
    for (guint i = 0; i < table->len; i++)
      {
        MciDevice *d = g_ptr_array_index (table, i);
        if (d && !d->closing && (owner == NULL || d->owner == owner))
          g_ptr_array_add (r, d);
      }
  return r;
}

MciDevice *
mci_device_acquire (MCIDEVICEID id)
{
  MciDevice *d;

  g_mutex_lock (&dev_lock);
  d = mci_devices_lookup (id);
  if (d != NULL && d->closing)
    d = NULL;
  if (d != NULL)
    d->users++;
  g_mutex_unlock (&dev_lock);
  return d;
}

void
mci_device_release (MciDevice *dev)
{
  g_mutex_lock (&dev_lock);
  dev->users--;
  g_cond_broadcast (&dev_cond);
  g_mutex_unlock (&dev_lock);
}

void
mci_device_begin_close (MciDevice *dev)
{
  g_mutex_lock (&dev_lock);
  dev->closing = TRUE;
  g_mutex_unlock (&dev_lock);
}

void
mci_devices_remove (MciDevice *dev)
{
  g_mutex_lock (&dev_lock);
  /* Commands that were already inside the driver finish first (the
   * driver's close made any wait they were in return). */
  while (dev->users > 1)
    g_cond_wait (&dev_cond, &dev_lock);
  if (table && dev->id >= 1 && dev->id <= table->len
      && g_ptr_array_index (table, dev->id - 1) == dev)
    table->pdata[dev->id - 1] = NULL;
  g_cond_broadcast (&dev_cond);
  if (table)
    {
      while (table->len > 0 && g_ptr_array_index (table, table->len - 1) == NULL)
        g_ptr_array_set_size (table, table->len - 1);
      if (table->len == 0)
        {
          g_ptr_array_free (table, TRUE);
          table = NULL;
        }
    }
  g_mutex_unlock (&dev_lock);
}

void
mci_devices_wait_gone (MCIDEVICEID id, guint serial)
{
  MciDevice *d;

  g_mutex_lock (&dev_lock);
  while ((d = mci_devices_lookup (id)) != NULL && d->serial == serial)
    g_cond_wait (&dev_cond, &dev_lock);
  g_mutex_unlock (&dev_lock);
}

void
mci_device_free (MciDevice *dev)
{
  g_free (dev->alias);
  g_free (dev->element);
  g_free (dev);
}

HDRVR
mci_device_hdrvr (MciDevice *dev)
{
  /* The driver handle is the device ID: drivers may use it to find their
   * device, nothing dereferences it. */
  return (HDRVR) (uintptr_t) dev->id;
}

DWORD_PTR
mciGetDriverData (MCIDEVICEID wDeviceID)
{
  DWORD_PTR r = 0;
  MciDevice *d;

  g_mutex_lock (&dev_lock);
  d = mci_devices_lookup (wDeviceID);
  if (d)
    r = d->driver_data;
  g_mutex_unlock (&dev_lock);
  return r;
}

BOOL
mciSetDriverData (MCIDEVICEID wDeviceID, DWORD_PTR dwData)
{
  MciDevice *d;

  g_mutex_lock (&dev_lock);
  d = mci_devices_lookup (wDeviceID);
  if (d)
    d->driver_data = dwData;
  g_mutex_unlock (&dev_lock);
  return d != NULL;
}

MCIDEVICEID
mciGetDeviceID (LPCSTR pszDevice)
{
  MciDevice *d;
  MCIDEVICEID id = 0;

  if (pszDevice == NULL)
    return 0;
  if (g_ascii_strcasecmp (pszDevice, "all") == 0)
    return MCI_ALL_DEVICE_ID;
  g_mutex_lock (&dev_lock);
  d = mci_devices_find_alias (pszDevice, g_thread_self ());
  if (d)
    id = d->id;
  g_mutex_unlock (&dev_lock);
  return id;
}

MCIDEVICEID
mciGetDeviceIDFromElementID (DWORD dwElementID, LPCSTR lpstrType)
{
  MCIDEVICEID id = 0;

  g_mutex_lock (&dev_lock);
  if (table)
    for (guint i = 0; i < table->len && id == 0; i++)
      {
        MciDevice *d = g_ptr_array_index (table, i);
        if (d && !d->closing && d->has_element_id
            && d->element_id == dwElementID
            && (lpstrType == NULL
                || g_ascii_strcasecmp (lpstrType, d->driver->name) == 0))
          id = d->id;
      }
  g_mutex_unlock (&dev_lock);
  return id;
}

BOOL
mciSetYieldProc (MCIDEVICEID mciId, YIELDPROC fpYieldProc, DWORD dwYieldData)
{
  MciDevice *d;

  g_mutex_lock (&dev_lock);
  d = mci_devices_lookup (mciId);
  if (d)
    {
      d->yield = fpYieldProc;
      d->yield_data = dwYieldData;
    }
  g_mutex_unlock (&dev_lock);
  return d != NULL;
}

YIELDPROC
mciGetYieldProc (MCIDEVICEID mciId, DWORD *pdwYieldData)
{
  MciDevice *d;
  YIELDPROC p = NULL;

  g_mutex_lock (&dev_lock);
  d = mci_devices_lookup (mciId);
  if (d)
    {
      p = d->yield;
      if (pdwYieldData)
        *pdwYieldData = d->yield_data;
    }
  g_mutex_unlock (&dev_lock);
  return p;
}

UINT
mciDriverYield (MCIDEVICEID wDeviceID)
{
  YIELDPROC p;
  DWORD data = 0;

  p = mciGetYieldProc (wDeviceID, &data);
  return p ? p (wDeviceID, data) : 0;
}
