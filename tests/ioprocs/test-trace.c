/* test-trace.c — the message trace: a known sequence on a traced handle is
 * recorded message by message (names, parameters, results, lDiskOffset
 * before and after), the child handles an IOProc opens are traced with
 * their depth, the ring keeps the newest records and counts the rest, the
 * callback sees every record, attaching and detaching work on open
 * handles, and destroying a trace switches it off on handles still open. */
#include "test-util.h"

#include <mmio/mmio-plugin.h>
#include <string.h>

#define FCC_STORE mmioFOURCC ('T', 'R', 'S', 'T')
#define FCC_FORMAT mmioFOURCC ('T', 'R', 'F', 'M')

/* A storage IOProc over a fixed 100-byte block of memory. */
static const char block[101] =
  "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
  "0123456789abcdefghijklmnopqrstuvwxyz!?";

static LRESULT
store_proc (LPSTR lpinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *info = (MMIOINFO *) lpinfo;
  LONG n, target;

  switch (msg)
    {
    case MMIOM_OPEN:
      return p1 && strstr ((const char *) p1, "missing") ? MMIOERR_FILENOTFOUND : 0;
    case MMIOM_CLOSE:
      return 0;
    case MMIOM_READ:
      n = MIN ((LONG) p2, 100 - info->lDiskOffset);
      if (n < 0)
        n = 0;
      memcpy ((char *) p1, block + info->lDiskOffset, (size_t) n);
      info->lDiskOffset += n;
      return n;
    case MMIOM_SEEK:
      target = p2 == SEEK_SET ? p1 : p2 == SEEK_CUR ? info->lDiskOffset + p1 : 100 - p1;
      if (target < 0)
        return -1;
      return info->lDiskOffset = target;
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

/* A file-format IOProc that reads through a child handle on the store. */
static LRESULT
format_proc (LPSTR lpinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *info = (MMIOINFO *) lpinfo;
  HMMIO child;
  LONG n;

  memcpy (&child, info->adwInfo, sizeof child);
  switch (msg)
    {
    case MMIOM_OPEN:
      {
        MMIOINFO ci = { 0 };
        ci.fccIOProc = FCC_STORE;
        child = mmioOpen ((LPSTR) p1, &ci, MMIO_READ);
        if (child == NULL)
          return ci.wErrorRet;
        memcpy (info->adwInfo, &child, sizeof child);
        return 0;
      }
    case MMIOM_CLOSE:
      return mmioClose (child, 0);
    case MMIOM_READ:
      n = mmioRead (child, (HPSTR) p1, (LONG) p2);
      if (n > 0)
        info->lDiskOffset += n;
      return n;
    case MMIOM_SEEK:
      n = mmioSeek (child, (LONG) p1, (int) p2);
      if (n >= 0)
        info->lDiskOffset = n;
      return n;
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

typedef struct
{
  ULONG depth;
  const char *name;
  const char *params;
  LONG result;
  LONG before;
  LONG after;
} Expect;

static void
check_records (MMIOTRACE *t, const Expect *e, guint n)
{
  g_assert_cmpuint (mmioTraceCount (t), ==, n);
  for (guint i = 0; i < n; i++)
    {
      MMIOTRACEREC r;
      char line[512];
      g_assert_true (mmioTraceGet (t, i, &r));
      mmioTraceFormat (&r, line, sizeof line);
      g_test_message ("%s", line);
      g_assert_cmpuint (r.ulSeq, ==, i);
      g_assert_cmpuint (r.ulDepth, ==, e[i].depth);
      g_assert_cmpstr (r.szMsgName, ==, e[i].name);
      g_assert_cmpstr (r.szParams, ==, e[i].params);
      g_assert_cmpint (r.lResult, ==, e[i].result);
      g_assert_cmpint (r.lDiskBefore, ==, e[i].before);
      g_assert_cmpint (r.lDiskAfter, ==, e[i].after);
      g_assert_cmpint (r.usDuration, >=, 0);
    }
  g_assert_false (mmioTraceGet (t, n, &(MMIOTRACEREC) { 0 }));
}

static void
test_known_sequence (void)
{
  static const Expect expect[] = {
    { 0, "MMIOM_OPEN", "\"block.tst\"", 0, 0, 0 },
    { 0, "MMIOM_READ", "buffer[10], 10", 10, 0, 10 },
    { 0, "MMIOM_SEEK", "5, SEEK_SET", 5, 10, 5 },
    { 0, "MMIOM_READ", "buffer[200], 200", 95, 5, 100 },
    { 0, "MMIOM_READ", "buffer[4], 4", 0, 100, 100 },
    { 0, "MMIOM_SEEK", "3, SEEK_END", 97, 100, 97 },
    { 0, "MMIOM_USER+0x5", "0x11, 0x22", MMIOERR_UNSUPPORTED_MESSAGE, 97, 97 },
    { 0, "MMIOM_CLOSE", "0x0", 0, 97, 97 },
  };
  MMIOTRACE *t = mmioTraceCreate (64);
  MMIOINFO info = { 0 };
  char buf[200];
  HMMIO h;

  info.fccIOProc = FCC_STORE;
  h = mmioTraceOpen (t, "block.tst", &info, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, buf, 10), ==, 10);
  g_assert_cmpint (mmioSeek (h, 5, SEEK_SET), ==, 5);
  g_assert_cmpint (mmioRead (h, buf, 200), ==, 95);
  g_assert_cmpint (mmioRead (h, buf, 4), ==, 0);
  g_assert_cmpint (mmioSeek (h, 3, SEEK_END), ==, 97);
  g_assert_cmpint (mmioSendMessage (h, MMIOM_USER + 5, 0x11, 0x22), ==, MMIOERR_UNSUPPORTED_MESSAGE);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  check_records (t, expect, G_N_ELEMENTS (expect));
  {
    MMIOTRACEREC r;
    g_assert_true (mmioTraceGet (t, 1, &r));
    g_assert_cmpuint (r.fccIOProc, ==, FCC_STORE);
    g_assert_cmpuint (r.uMsg, ==, MMIOM_READ);
    g_assert_cmpint (r.lParam2, ==, 10);
  }
  mmioTraceDestroy (t);
}

static void
test_children (void)
{
  static const Expect expect[] = {
    { 1, "MMIOM_OPEN", "\"block.tst\"", 0, 0, 0 },
    { 0, "MMIOM_OPEN", "\"block.tst\"", 0, 0, 0 },
    { 1, "MMIOM_READ", "buffer[16], 16", 16, 0, 16 },
    { 0, "MMIOM_READ", "buffer[16], 16", 16, 0, 16 },
    { 1, "MMIOM_SEEK", "90, SEEK_SET", 90, 16, 90 },
    { 0, "MMIOM_SEEK", "90, SEEK_SET", 90, 16, 90 },
    { 1, "MMIOM_CLOSE", "0x0", 0, 90, 90 },
    { 0, "MMIOM_CLOSE", "0x0", 0, 90, 90 },
  };
  MMIOTRACE *t = mmioTraceCreate (64);
  MMIOINFO info = { 0 };
  char buf[16];
  HMMIO h;

  info.fccIOProc = FCC_FORMAT;
  h = mmioTraceOpen (t, "block.tst", &info, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, buf, 16), ==, 16);
  g_assert_cmpint (mmioSeek (h, 90, SEEK_SET), ==, 90);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  check_records (t, expect, G_N_ELEMENTS (expect));
  mmioTraceDestroy (t);
}

static void
test_failed_open (void)
{
  static const Expect expect[] = {
    { 1, "MMIOM_OPEN", "\"missing.tst\"", MMIOERR_FILENOTFOUND, 0, 0 },
    { 0, "MMIOM_OPEN", "\"missing.tst\"", MMIOERR_FILENOTFOUND, 0, 0 },
  };
  MMIOTRACE *t = mmioTraceCreate (8);
  MMIOINFO info = { 0 };

  info.fccIOProc = FCC_FORMAT;
  g_assert_null (mmioTraceOpen (t, "missing.tst", &info, MMIO_READ));
  check_records (t, expect, G_N_ELEMENTS (expect));
  mmioTraceDestroy (t);
}

static void
test_ring (void)
{
  MMIOTRACE *t = mmioTraceCreate (4);
  MMIOINFO info = { 0 };
  MMIOTRACEREC r;
  char c;
  HMMIO h;

  info.fccIOProc = FCC_STORE;
  h = mmioTraceOpen (t, "block.tst", &info, MMIO_READ);
  for (int i = 0; i < 9; i++)
    mmioRead (h, &c, 1);
  /* 1 open + 9 reads: the last 4 kept, 6 dropped. */
  g_assert_cmpuint (mmioTraceCount (t), ==, 4);
  g_assert_cmpuint (mmioTraceDropped (t), ==, 6);
  g_assert_true (mmioTraceGet (t, 0, &r));
  g_assert_cmpuint (r.ulSeq, ==, 6);
  g_assert_cmpint (r.lDiskBefore, ==, 5);
  g_assert_true (mmioTraceGet (t, 3, &r));
  g_assert_cmpuint (r.ulSeq, ==, 9);
  g_assert_cmpint (r.lDiskAfter, ==, 9);
  mmioTraceClear (t);
  g_assert_cmpuint (mmioTraceCount (t), ==, 0);
  mmioClose (h, 0);
  mmioTraceDestroy (t);
}

static void
count_cb (const MMIOTRACEREC *rec, void *user)
{
  GString *s = user;
  g_string_append_printf (s, "%s=%ld;", rec->szMsgName, (long) rec->lResult);
}

static void
test_callback_attach (void)
{
  MMIOTRACE *t = mmioTraceCreate (16);
  GString *s = g_string_new (NULL);
  MMIOINFO info = { 0 };
  char buf[4];
  HMMIO h;

  mmioTraceSetCallback (t, count_cb, s);
  info.fccIOProc = FCC_STORE;
  h = mmioOpen ("block.tst", &info, MMIO_READ);       /* not traced */
  g_assert_cmpint (mmioRead (h, buf, 4), ==, 4);
  g_assert_cmpuint (mmioTraceAttach (h, t), ==, 0);
  g_assert_cmpint (mmioRead (h, buf, 4), ==, 4);
  g_assert_cmpuint (mmioTraceAttach (h, NULL), ==, 0);
  g_assert_cmpint (mmioRead (h, buf, 4), ==, 4);    /* off again */
  g_assert_cmpuint (mmioTraceAttach (h, t), ==, 0);
  /* Destroying the trace switches it off on the open handle. */
  mmioTraceDestroy (t);
  g_assert_cmpint (mmioRead (h, buf, 4), ==, 4);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  g_assert_cmpstr (s->str, ==, "MMIOM_READ=4;");
  g_assert_cmpuint (mmioTraceAttach ((HMMIO) (uintptr_t) 12345, NULL), ==, MMSYSERR_INVALHANDLE);
  g_string_free (s, TRUE);
}

static void
test_names (void)
{
  g_assert_cmpstr (mmioMessageName (MMIOM_READ), ==, "MMIOM_READ");
  g_assert_cmpstr (mmioMessageName (MMIOM_GETFORMATINFO), ==, "MMIOM_GETFORMATINFO");
  g_assert_null (mmioMessageName (0x7777));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mmioInstallIOProc (FCC_STORE, store_proc, MMIO_INSTALLPROC);
  mmioInstallIOProc (FCC_FORMAT, format_proc, MMIO_INSTALLPROC);
  g_test_add_func ("/trace/known-sequence", test_known_sequence);
  g_test_add_func ("/trace/children", test_children);
  g_test_add_func ("/trace/failed-open", test_failed_open);
  g_test_add_func ("/trace/ring", test_ring);
  g_test_add_func ("/trace/callback-attach", test_callback_attach);
  g_test_add_func ("/trace/names", test_names);
  return g_test_run ();
}
