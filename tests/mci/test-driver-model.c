/* test-driver-model.c — the manager's side of MCI through a recording
 * driver: the DRV_* / MCI_OPEN_DRIVER sequence, device IDs and aliases,
 * type resolution, custom command tables, loadable driver modules,
 * sysinfo, notification delivery and error strings. */
#include "mci-test-util.h"

#include <string.h>

typedef struct { DWORD_PTR inst; UINT msg; } Seen;
static GArray *seen;
static gboolean refuse_drv_open, refuse_open_driver;
static gboolean can_share = TRUE;

static const MCI_COMMAND_ENTRY fake_table[] = {
  { "frob", DRV_USER + 1, MCI_COMMAND_HEAD },
  { "", MCI_INTEGER, MCI_RETURN },
  { "notify", MCI_NOTIFY, MCI_FLAG },
  { "wait", MCI_WAIT, MCI_FLAG },
  { "times", 0x10000, MCI_INTEGER },
  { "", 0, MCI_END_COMMAND },
  { "", 0, MCI_END_COMMAND_LIST },
};
static UINT fake_table_id = MCI_NO_COMMAND_TABLE;

typedef struct { DWORD_PTR dwCallback; DWORD dwReturn; DWORD dwTimes; } FROB_PARMS;

static LRESULT
fake_proc (DWORD_PTR id, HDRVR h, UINT msg, LPARAM p1, LPARAM p2)
{
  Seen s = { id, msg };
  g_array_append_val (seen, s);
  switch (msg)
    {
    case DRV_LOAD: case DRV_ENABLE: case DRV_DISABLE: case DRV_FREE: case DRV_CLOSE:
      return 1;
    case DRV_OPEN:
      {
        MCI_OPEN_DRIVER_PARMS *odp = (MCI_OPEN_DRIVER_PARMS *) p2;
        static DWORD_PTR next = 100;
        if (refuse_drv_open)
          return 0;
        g_assert_nonnull (odp);
        g_assert_cmpuint (odp->wDeviceID, >=, 1);
        g_assert_cmpstr (odp->lpstrParams, ==, "fake-params");
        odp->wType = MCI_DEVTYPE_OTHER;
        odp->wCustomCommandTable = fake_table_id;
        return ++next;
      }
    case MCI_OPEN_DRIVER:
      if (refuse_open_driver)
        return MCIERR_FILE_NOT_FOUND;
      if ((p1 & MCI_OPEN_SHAREABLE) && !can_share)
        return MCIERR_MUST_USE_SHAREABLE;
      if (p1 & MCI_OPEN_ELEMENT_ID)   /* the ID reaches the driver as given */
        g_assert_cmpuint ((DWORD_PTR) ((MCI_OPEN_PARMS *) p2)->lpstrElementName, ==, 1234);
      if ((p1 & MCI_NOTIFY) && p2)
        mciDriverNotify ((HWND) ((MCI_OPEN_PARMS *) p2)->dwCallback,
                         ((MCI_OPEN_PARMS *) p2)->wDeviceID, MCI_NOTIFY_SUCCESSFUL);
      return 0;
    case MCI_CLOSE_DRIVER:
      return 0;
    case DRV_USER + 1:
      {
        FROB_PARMS *f = (FROB_PARMS *) p2;
        f->dwReturn = f->dwTimes * 2;
        return 0;
      }
    case MCI_STATUS:
      {
        MCI_STATUS_PARMS *sp = (MCI_STATUS_PARMS *) p2;
        sp->dwReturn = MAKEMCIRESOURCE (MCI_MODE_STOP, MCI_MODE_STOP);
        return MCI_RESOURCE_RETURNED;
      }
    default:
      return MCIERR_UNRECOGNIZED_COMMAND;
    }
}

static void
setup (void)
{
  static gboolean done;
  if (done)
    return;
  done = TRUE;
  seen = g_array_new (FALSE, FALSE, sizeof (Seen));
  fake_table_id = mciLoadCommandTable (fake_table);
  g_assert_cmpuint (fake_table_id, !=, MCI_NO_COMMAND_TABLE);
  g_assert_true (mciInstallDriver ("fakedev", fake_proc, "fake-params"));
  g_assert_false (mciInstallDriver ("FakeDev", fake_proc, NULL));
  g_assert_true (mciSetExtensionType ("fak", "fakedev"));
}

static guint
count_msg (UINT msg)
{
  guint n = 0;
  for (guint i = 0; i < seen->len; i++)
    if (g_array_index (seen, Seen, i).msg == msg)
      n++;
  return n;
}

static void
test_open_close_sequence (void)
{
  MCI_OPEN_PARMS op = { 0 };
  UINT expect_open[] = { DRV_LOAD, DRV_ENABLE, DRV_OPEN, MCI_OPEN_DRIVER };
  UINT expect_close[] = { MCI_CLOSE_DRIVER, DRV_CLOSE, DRV_DISABLE, DRV_FREE };
  DWORD_PTR inst;

  setup ();
  g_array_set_size (seen, 0);
  op.lpstrDeviceType = "fakedev";
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE, (DWORD_PTR) &op), ==, 0);
  g_assert_cmpuint (op.wDeviceID, ==, 1);
  g_assert_cmpuint (seen->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (g_array_index (seen, Seen, i).msg, ==, expect_open[i]);
  inst = g_array_index (seen, Seen, 3).inst;
  g_assert_cmpuint (inst, >, 100);     /* DRV_OPEN's answer comes back */

  g_array_set_size (seen, 0);
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_CLOSE, 0, 0), ==, 0);
  g_assert_cmpuint (seen->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (g_array_index (seen, Seen, i).msg, ==, expect_close[i]);
  g_assert_cmpuint (count_msg (MCI_OPEN) + count_msg (MCI_CLOSE), ==, 0);
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_STATUS, 0, 0), ==,
                    MCIERR_INVALID_DEVICE_ID);
}

static void
test_ids_and_aliases (void)
{
  MCI_OPEN_PARMS a = { 0 }, b = { 0 }, c = { 0 };

  setup ();
  g_array_set_size (seen, 0);
  a.lpstrDeviceType = "fakedev";
  a.lpstrAlias = "First";
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE | MCI_OPEN_ALIAS, (DWORD_PTR) &a), ==, 0);
  b.lpstrDeviceType = "fakedev";
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE, (DWORD_PTR) &b), ==, 0);
  g_assert_cmpuint (a.wDeviceID, ==, 1);
  g_assert_cmpuint (b.wDeviceID, ==, 2);
  /* one DRV_LOAD for two instances */
  g_assert_cmpuint (count_msg (DRV_LOAD), ==, 1);
  g_assert_cmpuint (mciGetDeviceID ("first"), ==, 1);
  g_assert_cmpuint (mciGetDeviceID ("fakedev"), ==, 2);   /* default alias = type */
  g_assert_cmpuint (mciGetDeviceID ("all"), ==, MCI_ALL_DEVICE_ID);
  g_assert_cmpuint (mciGetDeviceID ("nobody"), ==, 0);

  /* explicit alias taken vs default alias taken */
  c.lpstrDeviceType = "fakedev";
  c.lpstrAlias = "FIRST";
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE | MCI_OPEN_ALIAS, (DWORD_PTR) &c), ==,
                    MCIERR_DUPLICATE_ALIAS);
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE, (DWORD_PTR) &c), ==,
                    MCIERR_DEVICE_OPEN);

  /* the lowest free ID is reused */
  g_assert_cmpuint (mciSendCommand (1, MCI_CLOSE, 0, 0), ==, 0);
  c.lpstrAlias = "third";
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE | MCI_OPEN_ALIAS, (DWORD_PTR) &c), ==, 0);
  g_assert_cmpuint (c.wDeviceID, ==, 1);

  g_array_set_size (seen, 0);
  g_assert_cmpuint (mciSendCommand (MCI_ALL_DEVICE_ID, MCI_CLOSE, MCI_WAIT, 0), ==, 0);
  g_assert_cmpuint (count_msg (DRV_CLOSE), ==, 2);
  g_assert_cmpuint (count_msg (DRV_FREE), ==, 1);
  /* close all with nothing open is fine */
  g_assert_cmpuint (mciSendCommand (MCI_ALL_DEVICE_ID, MCI_CLOSE, MCI_NOTIFY, 0), ==, 0);
}

static void
test_type_resolution (void)
{
  MCI_OPEN_PARMS op = { 0 };
  char *path = tu_path ("thing.fak");

  setup ();
  /* by extension, through the user-extended table */
  op.lpstrElementName = path;
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_ELEMENT, (DWORD_PTR) &op), ==, 0);
  g_assert_cmpuint (mciGetDeviceID (path), ==, op.wDeviceID);
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_CLOSE, 0, 0), ==, 0);
  /* a file name given as the type (3D Pinball) */
  op.lpstrDeviceType = "PINBALL.FAK";
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE, (DWORD_PTR) &op), ==, 0);
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_CLOSE, 0, 0), ==, 0);
  /* type!element */
  op.lpstrElementName = "fakedev!whatever.xyz";
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_ELEMENT, (DWORD_PTR) &op), ==, 0);
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_CLOSE, 0, 0), ==, 0);
  op.lpstrElementName = "!";
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_ELEMENT, (DWORD_PTR) &op), ==,
                    MCIERR_INVALID_DEVICE_NAME);
  op.lpstrElementName = "x.unknownext";
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_ELEMENT, (DWORD_PTR) &op), ==,
                    MCIERR_EXTENSION_NOT_FOUND);
  op.lpstrElementName = "noextension";
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_ELEMENT, (DWORD_PTR) &op), ==,
                    MCIERR_INVALID_DEVICE_NAME);
  /* type IDs: in range but no driver, out of range */
  op.lpstrDeviceType = (LPCSTR) (DWORD_PTR) MCI_DEVTYPE_CD_AUDIO;
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE_ID, (DWORD_PTR) &op), ==,
                    MCIERR_DEVICE_NOT_INSTALLED);
  op.lpstrDeviceType = (LPCSTR) (DWORD_PTR) 600;
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE_ID, (DWORD_PTR) &op), ==,
                    MCIERR_BAD_INTEGER);
  op.lpstrDeviceType = (LPCSTR) (DWORD_PTR) MCI_DEVTYPE_WAVEFORM_AUDIO;
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE_ID, (DWORD_PTR) &op), ==, 0);
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_CLOSE, 0, 0), ==, 0);
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, 0, 0), ==, MCIERR_NULL_PARAMETER_BLOCK);
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, 0, (DWORD_PTR) &op), ==,
                    MCIERR_INVALID_DEVICE_NAME);
  /* the extension table can be changed back */
  g_assert_true (mciSetExtensionType ("zzz", "fakedev"));
  {
    char buf[32];
    g_assert_true (mciGetExtensionType (".ZZZ", buf, sizeof buf));
    g_assert_cmpstr (buf, ==, "fakedev");
    g_assert_true (mciSetExtensionType ("zzz", NULL));
    g_assert_false (mciGetExtensionType ("zzz", buf, sizeof buf));
    g_assert_true (mciGetExtensionType ("WAV", buf, sizeof buf));
    g_assert_cmpstr (buf, ==, "waveaudio");
    g_assert_true (mciGetExtensionType ("rmi", buf, sizeof buf));
    g_assert_cmpstr (buf, ==, "sequencer");
  }
  g_free (path);
}

static void
test_driver_errors (void)
{
  MCI_OPEN_PARMS op = { 0 };

  setup ();
  op.lpstrDeviceType = "fakedev";
  refuse_drv_open = TRUE;
  g_array_set_size (seen, 0);
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE, (DWORD_PTR) &op), ==,
                    MCIERR_CANNOT_LOAD_DRIVER);
  g_assert_cmpuint (count_msg (DRV_FREE), ==, 1);
  refuse_drv_open = FALSE;
  refuse_open_driver = TRUE;
  g_array_set_size (seen, 0);
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE, (DWORD_PTR) &op), ==,
                    MCIERR_FILE_NOT_FOUND);
  g_assert_cmpuint (count_msg (DRV_CLOSE), ==, 1);
  refuse_open_driver = FALSE;
  /* the failed opens left no ID behind */
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE, (DWORD_PTR) &op), ==, 0);
  g_assert_cmpuint (op.wDeviceID, ==, 1);
  /* shareable: the driver decides */
  {
    MCI_OPEN_PARMS s = { 0 };
    s.lpstrDeviceType = "fakedev";
    s.lpstrAlias = "shared";
    can_share = FALSE;
    g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE | MCI_OPEN_ALIAS | MCI_OPEN_SHAREABLE,
                                      (DWORD_PTR) &s), ==, MCIERR_MUST_USE_SHAREABLE);
    can_share = TRUE;
    g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE | MCI_OPEN_ALIAS | MCI_OPEN_SHAREABLE,
                                      (DWORD_PTR) &s), ==, 0);
    g_assert_cmpuint (mciSendCommand (s.wDeviceID, MCI_CLOSE, 0, 0), ==, 0);
  }
  /* element IDs: passed to the driver, found again by the manager */
  {
    MCI_OPEN_PARMS e = { 0 };
    e.lpstrDeviceType = "fakedev";
    e.lpstrElementName = (LPCSTR) (DWORD_PTR) 1234;
    e.lpstrAlias = "byid";
    g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE | MCI_OPEN_ELEMENT_ID | MCI_OPEN_ALIAS,
                                      (DWORD_PTR) &e), ==, 0);
    g_assert_cmpuint (mciGetDeviceIDFromElementID (1234, "fakedev"), ==, e.wDeviceID);
    g_assert_cmpuint (mciGetDeviceIDFromElementID (1234, NULL), ==, e.wDeviceID);
    g_assert_cmpuint (mciGetDeviceIDFromElementID (1235, "fakedev"), ==, 0);
    g_assert_cmpuint (mciGetDeviceIDFromElementID (1234, "waveaudio"), ==, 0);
    g_assert_cmpuint (mciSendCommand (e.wDeviceID, MCI_CLOSE, 0, 0), ==, 0);
    g_assert_cmpuint (mciGetDeviceIDFromElementID (1234, "fakedev"), ==, 0);
  }
  /* driver data slot */
  g_assert_true (mciSetDriverData (op.wDeviceID, 0xABCD));
  g_assert_cmpuint (mciGetDriverData (op.wDeviceID), ==, 0xABCD);
  g_assert_false (mciSetDriverData (999, 1));
  /* messages the application may not send */
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_OPEN_DRIVER, 0, 0), ==,
                    MCIERR_UNRECOGNIZED_COMMAND);
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, 5, 0, 0), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_CLOSE, 0, 0), ==, 0);
}

static void
test_custom_table_and_resources (void)
{
  char buf[64];

  setup ();
  g_assert_cmpuint (mciSendString ("open fakedev alias fk", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpstr (buf, ==, "1");
  /* a verb only the driver's own table knows */
  g_assert_cmpuint (mciSendString ("frob fk times 21", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpstr (buf, ==, "42");
  g_assert_cmpuint (mciSendString ("frob fk times 0x15", buf, sizeof buf, NULL), ==,
                    MCIERR_BAD_INTEGER);
  /* resource returns: text through strings, the value through commands */
  g_assert_cmpuint (mciSendString ("status fk mode", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpstr (buf, ==, "stopped");
  {
    MCI_STATUS_PARMS sp = { 0 };
    sp.dwItem = MCI_STATUS_MODE;
    g_assert_cmpuint (mciSendCommand (1, MCI_STATUS, MCI_STATUS_ITEM, (DWORD_PTR) &sp), ==, 0);
    g_assert_cmpuint (sp.dwReturn, ==, MCI_MODE_STOP);
  }
  g_assert_cmpuint (mciSendString ("frob nosuch times 1", buf, sizeof buf, NULL), ==,
                    MCIERR_UNRECOGNIZED_COMMAND);
  g_assert_cmpuint (mciSendString ("close fk", buf, sizeof buf, NULL), ==, 0);
}

static void
test_sysinfo (void)
{
  MCI_SYSINFO_PARMS sp = { 0 };
  char buf[64];
  DWORD n = 0;
  NotifyRec rec;

  setup ();
  notify_rec_init (&rec);
  MT_CMD ("open fakedev alias one", 0);
  MT_CMD ("open new type waveaudio alias two", 0);
  g_assert_cmpuint (mciSendString ("sysinfo waveaudio quantity open", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpstr (buf, ==, "1");
  g_assert_cmpuint (mciSendString ("sysinfo all quantity open", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpstr (buf, ==, "2");
  g_assert_cmpuint (mciSendString ("sysinfo waveaudio quantity", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpstr (buf, ==, "1");
  g_assert_cmpuint (mciSendString ("sysinfo cdaudio quantity", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpstr (buf, ==, "0");
  g_assert_cmpuint (mciSendString ("sysinfo waveaudio name 1 open", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpstr (buf, ==, "two");
  g_assert_cmpuint (mciSendString ("sysinfo waveaudio name 2 open", buf, sizeof buf, NULL), ==,
                    MCIERR_OUTOFRANGE);
  g_assert_cmpuint (mciSendString ("sysinfo two installname", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpstr (buf, ==, "waveaudio");
  g_assert_cmpuint (mciSendString ("sysinfo all installname", buf, sizeof buf, NULL), ==,
                    MCIERR_CANNOT_USE_ALL);
  g_assert_cmpuint (mciSendString ("sysinfo nosuch installname", buf, sizeof buf, NULL), ==,
                    MCIERR_INVALID_DEVICE_NAME);
  g_assert_cmpuint (mciSendString ("sysinfo fakedev quantity", buf, sizeof buf, NULL), ==,
                    MCIERR_DEVICE_TYPE_REQUIRED);
  g_assert_cmpuint (mciSendString ("sysinfo waveaudio quantity open", NULL, 0, NULL), ==,
                    MCIERR_PARAM_OVERFLOW);

  /* command form: a binary DWORD, sizes in characters, untouched on overflow */
  sp.lpstrReturn = (LPSTR) &n;
  sp.dwRetSize = 3;
  sp.wDeviceType = MCI_DEVTYPE_WAVEFORM_AUDIO;
  g_assert_cmpuint (mciSendCommand (0, MCI_SYSINFO, MCI_SYSINFO_QUANTITY | MCI_SYSINFO_OPEN,
                                    (DWORD_PTR) &sp), ==, MCIERR_PARAM_OVERFLOW);
  sp.dwRetSize = 4;
  g_assert_cmpuint (mciSendCommand (0, MCI_SYSINFO, MCI_SYSINFO_QUANTITY | MCI_SYSINFO_OPEN,
                                    (DWORD_PTR) &sp), ==, 0);
  g_assert_cmpuint (n, ==, 1);
  memset (buf, 'x', sizeof buf);
  sp.lpstrReturn = buf;
  sp.dwRetSize = 3;   /* "two" needs 4 */
  sp.dwNumber = 1;
  sp.dwCallback = (DWORD_PTR) rec.hwnd;
  g_assert_cmpuint (mciSendCommand (0, MCI_SYSINFO, MCI_SYSINFO_NAME | MCI_SYSINFO_OPEN | MCI_NOTIFY,
                                    (DWORD_PTR) &sp), ==, MCIERR_PARAM_OVERFLOW);
  g_assert_cmpint (buf[0], ==, 'x');
  sp.dwRetSize = 4;
  g_assert_cmpuint (mciSendCommand (0, MCI_SYSINFO, MCI_SYSINFO_NAME | MCI_SYSINFO_OPEN | MCI_NOTIFY,
                                    (DWORD_PTR) &sp), ==, 0);
  g_assert_cmpstr (buf, ==, "two");
  sp.dwRetSize = sizeof buf;
  g_assert_cmpuint (mciSendCommand (24000, MCI_SYSINFO, MCI_SYSINFO_INSTALLNAME,
                                    (DWORD_PTR) &sp), ==, MCIERR_INVALID_DEVICE_NAME);
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 1);   /* only the successful one */
  g_assert_cmpuint (notify_rec_count (&rec, MCI_NOTIFY_SUCCESSFUL), ==, 1);
  MT_CMD ("close all", 0);
  notify_rec_clear (&rec);
}

typedef struct { NotifyRec *rec; MCIDEVICEID id; } PostArgs;

static gpointer
post_from_thread (gpointer data)
{
  PostArgs *a = data;
  g_assert_true (mciDriverNotify (a->rec->hwnd, a->id, MCI_NOTIFY_ABORTED));
  return NULL;
}

static void
test_notify_delivery (void)
{
  NotifyRec rec;
  PostArgs args;
  MCI_OPEN_PARMS op = { 0 };

  setup ();
  notify_rec_init (&rec);
  /* an open with notify: exactly one SUCCESSFUL, carrying the device ID,
   * delivered only when the recorder's context runs */
  op.dwCallback = (DWORD_PTR) rec.hwnd;
  op.lpstrDeviceType = "fakedev";
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE | MCI_NOTIFY, (DWORD_PTR) &op), ==, 0);
  g_assert_cmpuint (rec.codes->len, ==, 0);
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 1);
  g_assert_cmpuint (g_array_index (rec.codes, UINT, 0), ==, MCI_NOTIFY_SUCCESSFUL);
  g_assert_cmpuint (g_array_index (rec.ids, MCIDEVICEID, 0), ==, op.wDeviceID);

  /* posted from another thread, run on ours */
  args.rec = &rec;
  args.id = op.wDeviceID;
  g_thread_join (g_thread_new ("poster", post_from_thread, &args));
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 2);
  g_assert_cmpuint (g_array_index (rec.codes, UINT, 1), ==, MCI_NOTIFY_ABORTED);

  /* no window, a made-up window: ignored */
  g_assert_false (mciDriverNotify (NULL, 1, MCI_NOTIFY_SUCCESSFUL));
  g_assert_false (mciDriverNotify ((HWND) (DWORD_PTR) 0x1234, 1, MCI_NOTIFY_SUCCESSFUL));
  /* a destroyed window drops what is still queued */
  {
    NotifyRec gone;
    notify_rec_init (&gone);
    g_assert_true (mciDriverNotify (gone.hwnd, 1, MCI_NOTIFY_SUCCESSFUL));
    mciDestroyCallbackWindow (gone.hwnd);
    g_assert_false (mciDriverNotify (gone.hwnd, 1, MCI_NOTIFY_SUCCESSFUL));
    notify_rec_drain (&gone);
    g_assert_cmpuint (gone.codes->len, ==, 0);
    g_main_context_unref (gone.ctx);
    g_array_free (gone.codes, TRUE);
    g_array_free (gone.ids, TRUE);
  }
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_CLOSE, 0, 0), ==, 0);
  notify_rec_clear (&rec);
}

static gpointer
other_thread (gpointer data)
{
  char buf[32];
  MCIERROR e1 = mciSendString ("status mine mode", buf, sizeof buf, NULL);
  MCIERROR e2 = mciSendString ("close mine", buf, sizeof buf, NULL);
  g_assert_cmpuint (mciGetDeviceID ("mine"), ==, 0);
  return GUINT_TO_POINTER (e1 == MCIERR_INVALID_DEVICE_NAME
                           && e2 == MCIERR_INVALID_DEVICE_NAME);
}

static void
test_threads (void)
{
  setup ();
  MT_CMD ("open fakedev alias mine", 0);
  g_assert_true (GPOINTER_TO_UINT (g_thread_join (g_thread_new ("other", other_thread, NULL))));
  MT_CMD ("close mine", 0);
}

static void
test_module (void)
{
  const char *path = g_getenv ("MCI_TEST_MODULE");
  char buf[64];

  setup ();
  g_assert_nonnull (path);
  g_assert_cmpuint (mciInstallDriverModule ("moddev", "/nonexistent/mod.so", NULL), ==,
                    MCIERR_CANNOT_LOAD_DRIVER);
  g_assert_cmpuint (mciInstallDriverModule ("moddev", path, "hello"), ==, 0);
  g_assert_cmpuint (mciInstallDriverModule ("moddev", path, NULL), ==, MCIERR_DUPLICATE_ALIAS);
  g_assert_cmpuint (mciSendString ("open moddev alias m", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpuint (mciSendString ("info m product", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpstr (buf, ==, "module:hello");
  g_assert_false (mciRemoveDriver ("moddev"));   /* in use */
  MT_CMD ("close m", 0);
  g_assert_true (mciRemoveDriver ("moddev"));
  g_assert_cmpuint (mciSendString ("open moddev", buf, sizeof buf, NULL), ==,
                    MCIERR_INVALID_DEVICE_NAME);
}

static void
test_error_strings (void)
{
  char buf[MAXERRORLENGTH];
  char small[8];

  for (MCIERROR e = MCIERR_BASE + 1; e < MCIERR_CUSTOM_DRIVER_BASE; e++)
    if (mciGetErrorString (e, buf, sizeof buf))
      {
        g_assert_cmpuint (strlen (buf), >, 0);
        g_assert_true (g_utf8_validate (buf, -1, NULL));
      }
  g_assert_true (mciGetErrorString (MCIERR_FILE_NOT_FOUND, buf, sizeof buf));
  g_assert_true (mciGetErrorString (MCIERR_NOTIFY_ON_AUTO_OPEN, buf, sizeof buf));
  g_assert_false (mciGetErrorString (MCIERR_BASE + 2, buf, sizeof buf));
  g_assert_false (mciGetErrorString (9999, buf, sizeof buf));
  g_assert_false (mciGetErrorString (MCIERR_FILE_NOT_FOUND, NULL, 10));
  g_assert_false (mciGetErrorString (MCIERR_FILE_NOT_FOUND, buf, 0));
  g_assert_true (mciGetErrorString (MCIERR_FILE_NOT_FOUND, small, sizeof small));
  g_assert_cmpuint (strlen (small), ==, sizeof small - 1);
}

int
main (int argc, char **argv)
{
  g_setenv ("SDL_AUDIODRIVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/driver-model/open-close-sequence", test_open_close_sequence);
  g_test_add_func ("/driver-model/ids-and-aliases", test_ids_and_aliases);
  g_test_add_func ("/driver-model/type-resolution", test_type_resolution);
  g_test_add_func ("/driver-model/driver-errors", test_driver_errors);
  g_test_add_func ("/driver-model/custom-table", test_custom_table_and_resources);
  g_test_add_func ("/driver-model/sysinfo", test_sysinfo);
  g_test_add_func ("/driver-model/notify-delivery", test_notify_delivery);
  g_test_add_func ("/driver-model/threads", test_threads);
  g_test_add_func ("/driver-model/module", test_module);
  g_test_add_func ("/driver-model/error-strings", test_error_strings);
  return g_test_run ();
}
