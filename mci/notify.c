/* notify.c — callback windows and MM_MCINOTIFY delivery.
 *
 * A callback window is what dwCallback / hwndCallback carry: a function
 * and the GMainContext it runs on. mciDriverNotify may be called from any
 * thread (a driver's player thread, the manager); it only queues an idle
 * source on the window's context, so the application's function runs on
 * its own context, in order, and never on an audio thread. Handles are
 * checked against the set of live windows, so a stale or made-up value
 * is ignored instead of followed. Also here: the one-element pending slot
 * drivers keep per device (SUPERSEDED / ABORTED / SUCCESSFUL / FAILURE). */
#include "mci-private.h"

struct MCI_CALLBACK_WINDOW__
{
  gint           refs;
  GMainContext  *context;
  MCINOTIFYPROC  proc;
  void          *user;
  GDestroyNotify destroy;
  gboolean       destroyed;
};

typedef struct
{
  HWND        win;
  MCIDEVICEID id;
  UINT        status;
} Delivery;

static GMutex win_lock;
static GHashTable *live;     /* HWND set */

static void
win_unref (HWND w)
{
  if (g_atomic_int_dec_and_test (&w->refs))
    {
      if (w->destroy)
        w->destroy (w->user);
      g_main_context_unref (w->context);
      g_free (w);
    }
}

HWND
mciCreateCallbackWindow (GMainContext *context, MCINOTIFYPROC proc,
                         void *pUser, GDestroyNotify destroy)
{
  HWND w;

  if (proc == NULL)
    return NULL;
  w = g_new0 (struct MCI_CALLBACK_WINDOW__, 1);
  w->refs = 1;
  w->context = context ? g_main_context_ref (context)
                       : g_main_context_ref (g_main_context_default ());
  w->proc = proc;
  w->user = pUser;
  w->destroy = destroy;
  g_mutex_lock (&win_lock);
  if (live == NULL)
    live = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_hash_table_add (live, w);
  g_mutex_unlock (&win_lock);
  return w;
}

void
mciDestroyCallbackWindow (HWND hwnd)
{
  gboolean found;

  g_mutex_lock (&win_lock);
  found = live && g_hash_table_remove (live, hwnd);
  if (found)
    hwnd->destroyed = TRUE;
  if (live && g_hash_table_size (live) == 0)
    {
      g_hash_table_unref (live);
      live = NULL;
    }
  g_mutex_unlock (&win_lock);
  if (found)
    win_unref (hwnd);
}

gboolean
mci_callback_window_valid (HWND hwnd)
{
  gboolean r;

  g_mutex_lock (&win_lock);
  r = hwnd && live && g_hash_table_contains (live, hwnd);
  g_mutex_unlock (&win_lock);
  return r;
}

static gboolean
deliver (gpointer data)
{
  Delivery *d = data;
  gboolean alive;

  g_mutex_lock (&win_lock);
  alive = !d->win->destroyed;
  g_mutex_unlock (&win_lock);
  if (alive)
    d->win->proc (d->win, MM_MCINOTIFY, d->status, (LPARAM) d->id, d->win->user);
  return G_SOURCE_REMOVE;
}

static void
delivery_free (gpointer data)
{
  Delivery *d = data;
  win_unref (d->win);
  g_free (d);
}

BOOL
mciDriverNotify (HWND hwndCallback, MCIDEVICEID wDeviceID, UINT uStatus)
{
  Delivery *d;
  GSource *src;

  if (hwndCallback == NULL)
    return FALSE;
  g_mutex_lock (&win_lock);
  if (live == NULL || !g_hash_table_contains (live, hwndCallback))
    {
      g_mutex_unlock (&win_lock);
      return FALSE;
    }
  g_atomic_int_inc (&hwndCallback->refs);
  g_mutex_unlock (&win_lock);

  d = g_new0 (Delivery, 1);
  d->win = hwndCallback;
  d->id = wDeviceID;
  d->status = uStatus;
  src = g_idle_source_new ();
  g_source_set_priority (src, G_PRIORITY_DEFAULT);
  g_source_set_name (src, "mci-notify");
  g_source_set_callback (src, deliver, d, delivery_free);
  g_source_attach (src, hwndCallback->context);
  g_source_unref (src);
  return TRUE;
}

/* ---- the manager's own context, for auto-close ---- */

static GMainContext *manager_ctx;

static gpointer
manager_thread (gpointer data)
{
  GMainLoop *loop = g_main_loop_new (manager_ctx, FALSE);
  g_main_loop_run (loop);
  return NULL;
}

HWND
mci_internal_window (MCINOTIFYPROC proc, void *user)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      manager_ctx = g_main_context_new ();
      g_thread_unref (g_thread_new ("mci-manager", manager_thread, NULL));
      g_once_init_leave (&done, 1);
    }
  return mciCreateCallbackWindow (manager_ctx, proc, user, NULL);
}

/* ---- pending slot ---- */

void
mci_slot_supersede (MciNotifySlot *slot, MCIDEVICEID id)
{
  if (slot->pending)
    {
      slot->pending = FALSE;
      mciDriverNotify (slot->hwnd, id, MCI_NOTIFY_SUPERSEDED);
    }
}

void
mci_slot_arm (MciNotifySlot *slot, HWND hwnd)
{
  slot->pending = TRUE;
  slot->hwnd = hwnd;
}

void
mci_slot_post (MciNotifySlot *slot, MCIDEVICEID id, UINT code)
{
  if (slot->pending)
    {
      slot->pending = FALSE;
      mciDriverNotify (slot->hwnd, id, code);
    }
}
