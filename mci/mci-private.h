/* mci-private.h — what libmci's files share and nothing outside sees: the
 * device record, the driver registry entry, the command-table lookups,
 * the resource strings and the pending-notify slot drivers use. */
#ifndef MCI_PRIVATE_H
#define MCI_PRIVATE_H

#include <mci/mci.h>
#include <gmodule.h>
#include <glib/gi18n-lib.h>

/* ---- i18n.c ---- */
void mci_i18n_init (void);

/* ---- registry.c ---- */
typedef struct _MciDriver MciDriver;
struct _MciDriver
{
  char       *name;       /* install name: the device-type name */
  DRIVERPROC  proc;
  char       *params;
  GModule    *module;     /* NULL for built-ins */
  guint       instances;  /* open devices; DRV_LOAD at 0 -> 1 */
  gboolean    builtin;
};

void       mci_ensure_init (void);
/* A driver by install name (case-insensitive), with its instance count
 * raised; NULL if none. mci_driver_release lowers it. */
MciDriver *mci_driver_acquire (const char *name, gboolean *first);
gboolean   mci_driver_release (MciDriver *d);   /* TRUE when it was the last */
gboolean   mci_driver_exists (const char *name);
/* Type for a file extension taken from name (the part after the last '.'
 * of the last path component); NULL, with *has_ext telling why. */
char      *mci_type_for_file (const char *name, gboolean *has_ext);
guint      mci_driver_count (void);
char      *mci_driver_nth_name (guint n);       /* 0-based, sorted */
gboolean   mci_is_devtype_name (const char *name, UINT *type);
/* The file of a named system sound ([sounds]); NULL if none. */
char      *mci_sound_path (const char *name);

/* ---- devices.c ---- */
typedef struct _MciDevice MciDevice;
struct _MciDevice
{
  MCIDEVICEID  id;
  char        *alias;
  char        *element;
  MciDriver   *driver;
  DWORD_PTR    driver_id;      /* DRV_OPEN's answer */
  UINT         type;           /* MCI_DEVTYPE_* from DRV_OPEN */
  UINT         custom_table;
  DWORD_PTR    driver_data;
  GThread     *owner;
  gboolean     auto_open;
  gboolean     auto_busy;      /* auto-opened and playing: notify refused */
  guint        serial;         /* unique per open, unlike the reused ID */
  DWORD        element_id;
  gboolean     has_element_id;
  YIELDPROC    yield;
  DWORD        yield_data;
  /* manager bookkeeping, under the table lock */
  gboolean     closing;
  int          users;
};

void        mci_devices_lock (void);
void        mci_devices_unlock (void);
/* Under the lock: */
MCIDEVICEID mci_devices_insert (MciDevice *dev);       /* lowest free ID */
MciDevice  *mci_devices_lookup (MCIDEVICEID id);
MciDevice  *mci_devices_find_alias (const char *alias, GThread *owner);
GPtrArray  *mci_devices_snapshot (GThread *owner);     /* MciDevice*, NULL = all */
/* Take / drop a use of an open device (not closing); NULL if none. */
MciDevice  *mci_device_acquire (MCIDEVICEID id);
void        mci_device_release (MciDevice *dev);
/* Mark closing and wait until only the caller's use is left; then the
 * caller owns dev and removes it with mci_devices_remove. */
void        mci_device_begin_close (MciDevice *dev);
void        mci_devices_remove (MciDevice *dev);
/* Wait until the device with this ID and serial has left the table. */
void        mci_devices_wait_gone (MCIDEVICEID id, guint serial);
void        mci_device_free (MciDevice *dev);
HDRVR       mci_device_hdrvr (MciDevice *dev);

/* ---- command.c ---- */
/* mciSendCommand without the clean-up: returns the driver's full answer
 * (LOWORD error, HIWORD return flags). */
DWORD mci_send_command_raw (MCIDEVICEID id, UINT msg, DWORD_PTR flags,
                            DWORD_PTR parms);
/* Open for the string interface: type_name may be NULL. */
DWORD mci_open_device (DWORD flags, MCI_OPEN_PARMS *p, gboolean auto_open);
DWORD mci_close_device (MCIDEVICEID id, DWORD flags, DWORD_PTR parms);
/* A one-shot callback window that closes the auto-opened device id when
 * its notification (any code) arrives; marks the device busy. */
HWND  mci_autoclose_window (MCIDEVICEID id);

/* ---- cmdtable.c ---- */
#define MCI_TABLE_CORE       0
#define MCI_TABLE_WAVEAUDIO  1
#define MCI_TABLE_SEQUENCER  2
/* The command list of a verb in a table (pointer to its MCI_COMMAND_HEAD),
 * or NULL. Verbs compare case-insensitively. */
const MCI_COMMAND_ENTRY *mci_table_find_verb (UINT table, const char *verb,
                                              gsize len);
UINT     mci_table_for_devtype (UINT devtype);     /* MCI_NO_COMMAND_TABLE if none */
gboolean mci_table_valid (UINT table);

/* ---- strings.c ---- */
/* The word for a resource ID (stopped, true, milliseconds, waveaudio…),
 * or NULL. Not translated: the string interface's words are its grammar. */
const char *mci_resource_string (UINT id);
const char *mci_devtype_name (UINT devtype);

/* ---- notify.c ---- */
/* The one pending notification a device may have. Drivers keep it under
 * their own lock. */
typedef struct
{
  HWND     hwnd;
  gboolean pending;
} MciNotifySlot;

/* A new MCI_NOTIFY request: the pending one (if any) is SUPERSEDED. */
void mci_slot_supersede (MciNotifySlot *slot, MCIDEVICEID id);
void mci_slot_arm (MciNotifySlot *slot, HWND hwnd);
/* Post code to the pending notification (if any) and clear it. */
void mci_slot_post (MciNotifySlot *slot, MCIDEVICEID id, UINT code);
gboolean mci_callback_window_valid (HWND hwnd);
/* A callback window whose function runs on libmci's own worker thread:
 * the manager uses it to auto-close devices it auto-opened. */
HWND mci_internal_window (MCINOTIFYPROC proc, void *user);

/* ---- drivers/ ---- */
LRESULT mci_waveaudio_driver_proc (DWORD_PTR id, HDRVR h, UINT msg,
                                   LPARAM p1, LPARAM p2);
LRESULT mci_sequencer_driver_proc (DWORD_PTR id, HDRVR h, UINT msg,
                                   LPARAM p1, LPARAM p2);

/* Shared helpers for drivers (drivers/common.c) */
DWORD mci_copy_string (LPSTR dst, DWORD cch, const char *src);
DWORD mci_time_round (guint64 value, guint64 mul, guint64 div);
void  mci_wait_finished (GMutex *lock, GCond *cond, const guint *finished,
                         guint gen, MCIDEVICEID id);

#endif
