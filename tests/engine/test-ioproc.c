/* test-ioproc.c — custom IOProcs: one installed by FOURCC and reached
 * through "name.ext+element", the choice of IOProc from a name, temporary
 * IOProcs passed in pIOProc, mmioSendMessage, mmioGetLastError, and a
 * file-format IOProc written the OS/2 way (a child handle on a storage
 * IOProc, kept in pExtraInfoStruct, unknown messages forwarded to it). */
#include "test-util.h"

#include <mmio/mmio-ioproc.h>
#include <string.h>
#include <glib/gstdio.h>

#define FCC(s) mmioStringToFOURCC (s, 0)
#define VFILE_LEN 5000

/* ---- a recording IOProc serving a virtual file of pattern bytes ------ */

typedef struct
{
  UINT    msg;
  LPARAM  p1, p2;
  char   *name;        /* MMIOM_OPEN / RENAME: a copy of lParam1 */
  char   *name2;
  DWORD   adw[4];      /* adwInfo as the IOProc saw it */
  LONG    disk;        /* lDiskOffset on entry */
  DWORD   flags;       /* dwFlags on entry */
} Call;

static GArray *calls;     /* Call, for the IOProc below */
static GMutex calls_lock;

static void
calls_reset (void)
{
  g_mutex_lock (&calls_lock);
  if (calls == NULL)
    calls = g_array_new (FALSE, TRUE, sizeof (Call));
  for (guint i = 0; i < calls->len; i++)
    {
      g_free (g_array_index (calls, Call, i).name);
      g_free (g_array_index (calls, Call, i).name2);
    }
  g_array_set_size (calls, 0);
  g_mutex_unlock (&calls_lock);
}

static guint
count_calls (UINT msg)
{
  guint n = 0;
  for (guint i = 0; i < calls->len; i++)
    if (g_array_index (calls, Call, i).msg == msg)
      n++;
  return n;
}

static const Call *
find_call (UINT msg)
{
  for (guint i = 0; i < calls->len; i++)
    if (g_array_index (calls, Call, i).msg == msg)
      return &g_array_index (calls, Call, i);
  return NULL;
}

static LRESULT
vfile_ioproc (LPSTR lpmmioinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *info = (MMIOINFO *) lpmmioinfo;
  Call c = { msg, p1, p2, NULL, NULL, { 0 }, info->lDiskOffset, info->dwFlags };

  memcpy (c.adw, info->adwInfo, sizeof c.adw);
  if ((msg == MMIOM_OPEN || msg == MMIOM_RENAME) && p1)
    c.name = g_strdup ((const char *) p1);
  if (msg == MMIOM_RENAME && p2)
    c.name2 = g_strdup ((const char *) p2);
  g_mutex_lock (&calls_lock);
  if (calls == NULL)
    calls = g_array_new (FALSE, TRUE, sizeof (Call));
  g_array_append_val (calls, c);
  g_mutex_unlock (&calls_lock);

  switch (msg)
    {
    case MMIOM_OPEN:
      return 0;
    case MMIOM_CLOSE:
      return 0;
    case MMIOM_READ:
      {
        LONG n = MIN ((LONG) p2, VFILE_LEN - info->lDiskOffset);
        if (n < 0)
          n = 0;
        for (LONG i = 0; i < n; i++)
          ((char *) p1)[i] = (char) tu_pattern_byte (info->lDiskOffset + i);
        info->lDiskOffset += n;
        return n;
      }
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
      info->lDiskOffset += p2;
      return p2;
    case MMIOM_SEEK:
      {
        LONG t;
        switch (p2)
          {
          case SEEK_SET: t = p1; break;
          case SEEK_CUR: t = info->lDiskOffset + p1; break;
          case SEEK_END: t = VFILE_LEN - p1; break;    /* this proc's choice */
          default: return -1;
          }
        if (t < 0)
          return -1;
        info->lDiskOffset = t;
        return t;
      }
    case MMIOM_RENAME:
      return 0;
    case MMIOM_USER + 1:
      return (LRESULT) (p1 * 1000 + p2);
    case MMIOM_USER + 2:
      info->ulErrorRet = MMIOERR_NETWORKERROR;
      return MMIO_ERROR;
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

#define FCC_XYZ mmioFOURCC ('X', 'Y', 'Z', ' ')

static void
test_installed_by_extension (void)
{
  char name[] = "archive.xyz+element.wav";
  MMIOINFO info;
  const Call *open;
  HMMIO h;
  char b[16];

  g_assert_true (mmioInstallIOProc (FCC_XYZ, vfile_ioproc, MMIO_INSTALLPROC)
                 == vfile_ioproc);
  calls_reset ();
  h = mmioOpen (name, NULL, MMIO_READ);
  g_assert_nonnull (h);

  /* The IOProc got the whole name, saw lDiskOffset 0, adwInfo zero, the
   * open flags; opening sent it no SEEK. */
  open = find_call (MMIOM_OPEN);
  g_assert_nonnull (open);
  g_assert_cmpstr (open->name, ==, "archive.xyz+element.wav");
  g_assert_cmpint (open->disk, ==, 0);
  for (int i = 0; i < 4; i++)
    g_assert_cmpuint (open->adw[i], ==, 0);
  g_assert_cmphex (open->flags & MMIO_RWMODE, ==, MMIO_READ);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpuint (count_calls (MMIOM_SEEK), ==, 0);

  tu_get_info (h, &info);
  g_assert_cmphex (info.fccIOProc, ==, FCC_XYZ);
  g_assert_true (info.pIOProc == vfile_ioproc);

  g_assert_cmpint (mmioRead (h, b, 16), ==, 16);
  for (int i = 0; i < 16; i++)
    g_assert_cmpuint ((guint8) b[i], ==, tu_pattern_byte (i));
  /* SEEK_END goes to the IOProc as given: it decides. */
  calls_reset ();
  g_assert_cmpint (mmioSeek (h, 100, SEEK_END), ==, VFILE_LEN - 100);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpint (find_call (MMIOM_SEEK)->p1, ==, 100);
  g_assert_cmpint (find_call (MMIOM_SEEK)->p2, ==, SEEK_END);
  calls_reset ();
  g_assert_cmpuint (mmioClose (h, MMIO_FHOPEN), ==, 0);
  g_assert_cmpuint (count_calls (MMIOM_CLOSE), ==, 1);
  g_assert_cmpint (find_call (MMIOM_CLOSE)->p1, ==, MMIO_FHOPEN);

  /* Buffered: the same, through the buffer; SEEK_END forwarded too. */
  {
    MMIOINFO in = { 0 };
    in.adwInfo[1] = 77;
    in.cchBuffer = 64;
    calls_reset ();
    h = mmioOpen (name, &in, MMIO_READ);
    g_assert_nonnull (h);
    g_assert_cmpuint (find_call (MMIOM_OPEN)->adw[1], ==, 77);   /* given: seen */
    g_assert_cmpuint (count_calls (MMIOM_SEEK), ==, 0);
    g_assert_cmpint (mmioSeek (h, 10, SEEK_END), ==, VFILE_LEN - 10);
    g_assert_cmpint (mmioRead (h, b, 16), ==, 10);
    for (int i = 0; i < 10; i++)
      g_assert_cmpuint ((guint8) b[i], ==, tu_pattern_byte (VFILE_LEN - 10 + i));
    g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  }

  /* Upper-cased; the last '+' counts and the
   * extension before it. */
  {
    char n2[] = "DIR/file+name.xYz+one.two";
    calls_reset ();
    h = mmioOpen (n2, NULL, MMIO_READ);
    g_assert_nonnull (h);
    g_assert_cmpstr (find_call (MMIOM_OPEN)->name, ==, n2);
    g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  }
  /* A longer extension is cut to four characters. */
  {
    char n3[] = "x.wxyzq+e";
    FOURCC f = mmioFOURCC ('W', 'X', 'Y', 'Z');
    g_assert_nonnull (mmioInstallIOProc (f, vfile_ioproc, MMIO_INSTALLPROC));
    h = mmioOpen (n3, NULL, MMIO_READ);
    g_assert_nonnull (h);
    tu_get_info (h, &info);
    g_assert_cmphex (info.fccIOProc, ==, f);
    g_assert_cmpuint (mmioClose (h, 0), ==, 0);
    g_assert_true (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC) == vfile_ioproc);
  }

  /* OS/2's MMIO_VERTBAR: '|' separates instead of '+'. */
  {
    char n4[] = "archive.xyz|element.wav";
    MMIOINFO in = { 0 };
    calls_reset ();
    h = mmioOpen (n4, NULL, MMIO_READ | MMIO_VERTBAR);
    g_assert_nonnull (h);
    g_assert_cmpstr (find_call (MMIOM_OPEN)->name, ==, n4);
    g_assert_cmpuint (mmioClose (h, 0), ==, 0);
    /* Without the flag '|' is an ordinary character: a DOS name. */
    calls_reset ();
    g_assert_null (mmioOpen (n4, &in, MMIO_READ));
    g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_FILENOTFOUND);
    g_assert_cmpuint (calls->len, ==, 0);
  }

  g_assert_true (mmioInstallIOProc (FCC_XYZ, NULL, MMIO_REMOVEPROC) == vfile_ioproc);
  calls_reset ();
  /* Removed: the name now goes to the DOS IOProc, which finds no file. */
  {
    MMIOINFO in = { 0 };
    g_assert_null (mmioOpen (name, &in, MMIO_READ));
    g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_FILENOTFOUND);
    g_assert_cmpuint (calls->len, ==, 0);
  }
}

static void
test_name_without_ioproc (void)
{
  char *real = tu_path ("plain.qqq+elem");
  char *nodot = tu_path ("nodot+elem");
  char *slash = g_build_filename (tu_tmpdir (), "dir.xyz", "file+elem", NULL);
  char *dir = g_build_filename (tu_tmpdir (), "dir.xyz", NULL);
  MMIOINFO in = { 0 }, info;
  HMMIO h;

  /* No IOProc for 'QQQ ': the built-in DOS IOProc opens the whole name;
   * fccIOProc keeps the extension's code. */
  tu_write_file (real, "qqq", 3);
  h = mmioOpen (real, NULL, MMIO_READ);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  g_assert_cmphex (info.fccIOProc, ==, FCC ("QQQ "));
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* No '.' before the '+': DOS. */
  tu_write_file (nodot, "n", 1);
  h = mmioOpen (nodot, NULL, MMIO_READ);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  g_assert_cmphex (info.fccIOProc, ==, FOURCC_DOS);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* A '/' ends the scan for the extension (engine rule): even with 'XYZ '
   * installed, "dir.xyz/file+elem" is a DOS name. */
  g_assert_nonnull (mmioInstallIOProc (FCC_XYZ, vfile_ioproc, MMIO_INSTALLPROC));
  g_mkdir (dir, 0700);
  tu_write_file (slash, "s", 1);
  calls_reset ();
  h = mmioOpen (slash, &in, MMIO_READ);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  g_assert_cmphex (info.fccIOProc, ==, FOURCC_DOS);
  g_assert_cmpuint (calls->len, ==, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_assert_nonnull (mmioInstallIOProc (FCC_XYZ, NULL, MMIO_REMOVEPROC));

  g_free (real);
  g_free (nodot);
  g_free (slash);
  g_free (dir);
}

static LRESULT
fake_dos_ioproc (LPSTR lpmmioinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  return vfile_ioproc (lpmmioinfo, msg, p1, p2);
}

static void
test_dos_override (void)
{
  char *real = tu_path ("override.bin");
  char *ext = tu_path ("over.zzq+x");
  MMIOINFO in = { 0 }, info;
  HMMIO h;
  char b[4];

  tu_write_file (real, "real", 4);
  tu_write_file (ext, "extn", 4);
  g_assert_nonnull (mmioInstallIOProc (FOURCC_DOS, fake_dos_ioproc, MMIO_INSTALLPROC));
  g_assert_true (mmioInstallIOProc (FOURCC_DOS, NULL, MMIO_FINDPROC) == fake_dos_ioproc);

  /* An explicit 'DOS ' finds the override. */
  in.fccIOProc = FOURCC_DOS;
  calls_reset ();
  h = mmioOpen (real, &in, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpuint (count_calls (MMIOM_OPEN), ==, 1);
  g_assert_cmpint (mmioRead (h, b, 4), ==, 4);
  g_assert_cmpuint ((guint8) b[0], ==, tu_pattern_byte (0));   /* virtual data */
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* The fallback for an unknown extension is the real one. */
  calls_reset ();
  h = mmioOpen (ext, NULL, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpuint (calls->len, ==, 0);
  tu_get_info (h, &info);
  g_assert_true (info.pIOProc != fake_dos_ioproc);
  g_assert_cmpint (mmioRead (h, b, 4), ==, 4);
  g_assert_cmpmem (b, 4, "extn", 4);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* So is the IOProc for a plain name. */
  h = mmioOpen (real, NULL, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpuint (calls->len, ==, 0);
  g_assert_cmpint (mmioRead (h, b, 4), ==, 4);
  g_assert_cmpmem (b, 4, "real", 4);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  g_assert_true (mmioInstallIOProc (FOURCC_DOS, NULL, MMIO_REMOVEPROC) == fake_dos_ioproc);
  g_assert_true (mmioInstallIOProc (FOURCC_DOS, NULL, MMIO_FINDPROC) != fake_dos_ioproc);
  g_free (real);
  g_free (ext);
}

#define FCC_TMP mmioFOURCC ('T', 'M', 'P', '1')

static void
test_temporary_ioproc (void)
{
  MMIOINFO in = { 0 }, in2 = { 0 }, info;
  HMMIO h, h2;
  char b[8];

  in.fccIOProc = FCC_TMP;
  in.pIOProc = vfile_ioproc;
  calls_reset ();
  h = mmioOpen ((LPSTR) "anything", &in, MMIO_READ);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  g_assert_cmphex (info.fccIOProc, ==, FCC_TMP);
  g_assert_true (info.pIOProc == vfile_ioproc);
  g_assert_cmpstr (find_call (MMIOM_OPEN)->name, ==, "anything");

  /* While the handle lives the IOProc is installed under its FOURCC. */
  in2.fccIOProc = FCC_TMP;
  h2 = mmioOpen ((LPSTR) "second", &in2, MMIO_READ);
  g_assert_nonnull (h2);
  /* It is not a user installation: REMOVEPROC cannot take it away. */
  g_assert_null (mmioInstallIOProc (FCC_TMP, NULL, MMIO_REMOVEPROC));
  g_assert_null (mmioInstallIOProc (0, vfile_ioproc, MMIO_REMOVEPROC));
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  /* Still in use by the second handle. */
  g_assert_cmpint (mmioRead (h2, b, 8), ==, 8);
  g_assert_cmpuint (mmioClose (h2, 0), ==, 0);

  /* Gone with the last handle. */
  memset (&in2, 0, sizeof in2);
  in2.fccIOProc = FCC_TMP;
  g_assert_null (mmioOpen ((LPSTR) "third", &in2, MMIO_READ));
  g_assert_cmpuint (in2.wErrorRet, ==, MMIOERR_IOPROC_NOT_FOUND);

  /* A failed open does not leave it behind either. */
  {
    MMIOINFO in3 = { 0 };
    in3.fccIOProc = FCC ("TMP2");
    in3.pIOProc = mmioInstallIOProc (FOURCC_DOS, NULL, MMIO_FINDPROC);
    g_assert_null (mmioOpen ((LPSTR) "/nonexistent/dir/file", &in3, MMIO_READ));
    memset (&in3, 0, sizeof in3);
    in3.fccIOProc = FCC ("TMP2");
    g_assert_null (mmioOpen ((LPSTR) "x", &in3, MMIO_READ));
    g_assert_cmpuint (in3.wErrorRet, ==, MMIOERR_IOPROC_NOT_FOUND);
  }
}

static void
test_send_message (void)
{
  MMIOINFO in = { 0 };
  HMMIO h;

  in.fccIOProc = FCC ("SEND");
  in.pIOProc = vfile_ioproc;
  h = mmioOpen ((LPSTR) "msg", &in, MMIO_READ);
  g_assert_nonnull (h);

  /* User messages reach the IOProc with their parameters. */
  calls_reset ();
  g_assert_cmpint (mmioSendMessage (h, MMIOM_USER + 1, 7, 3), ==, 7003);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpint (find_call (MMIOM_USER + 1)->p1, ==, 7);
  /* An IOProc that does not know a message says so. */
  g_assert_cmpint (mmioSendMessage (h, MMIOM_USER + 99, 0, 0), ==, MMIOERR_UNSUPPORTED_MESSAGE);
  g_assert_cmpint (mmioSendMessage (h, 0xFFFF, 0, 0), ==, MMIOERR_UNSUPPORTED_MESSAGE);
  /* The OS/2 system range passes too. */
  g_assert_cmpint (mmioSendMessage (h, MMIOM_GETHEADER, 0, 0), ==, MMIOERR_UNSUPPORTED_MESSAGE);
  g_assert_cmpuint (count_calls (MMIOM_GETHEADER), ==, 1);

  /* Core messages (their own calls) and other numbers below MMIOM_USER
   * are refused before reaching the IOProc. */
  calls_reset ();
  for (UINT m = 0; m <= MMIOM_RENAME; m++)
    g_assert_cmpint (mmioSendMessage (h, m, 0, 0), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpint (mmioSendMessage (h, 7, 0, 0), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpint (mmioSendMessage (h, 0x100, 0, 0), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpint (mmioSendMessage (h, MMIOM_START, 0, 0), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpint (mmioSendMessage (h, MMIOM_SYSTEM_LAST + 1, 0, 0), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpint (mmioSendMessage (h, MMIOM_USER - 1, 0, 0), ==, MMSYSERR_INVALPARAM);
  g_assert_cmpuint (calls->len, ==, 0);

  /* An IOProc's own error is what mmioGetLastError reports. */
  g_assert_cmpint (mmioSendMessage (h, MMIOM_USER + 2, 0, 0), ==, MMIO_ERROR);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_NETWORKERROR);

  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_assert_cmpint (mmioSendMessage (h, MMIOM_USER + 1, 0, 0), ==, MMSYSERR_INVALHANDLE);
  g_assert_cmpint (mmioSendMessage (NULL, MMIOM_USER + 1, 0, 0), ==, MMSYSERR_INVALHANDLE);
}

static void
test_last_error (void)
{
  char *path = tu_pattern_file ("lasterr.bin", 10);
  char block[8];
  MMIOINFO in = { 0 };
  HMMIO h = mmioOpen (path, NULL, MMIO_READ);

  g_assert_cmpuint (mmioGetLastError (h), ==, 0);
  g_assert_cmpint (mmioWrite (h, "x", 1), ==, -1);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_READ_ONLY_FILE);
  g_assert_cmpint (mmioSeek (h, -5, SEEK_SET), ==, -1);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_CANNOTSEEK);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMSYSERR_INVALHANDLE);

  in.fccIOProc = FOURCC_MEM;
  in.pchBuffer = block;
  in.cchBuffer = sizeof block;
  h = mmioOpen (NULL, &in, MMIO_READ);
  g_assert_cmpint (mmioSeek (h, 9, SEEK_SET), ==, -1);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_CANNOTSEEK);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_free (path);
}

static void
test_rename_through_ioproc (void)
{
  MMIOINFO in = { 0 };

  /* pIOProc: used directly, without being installed. */
  in.fccIOProc = FCC ("RNM1");
  in.pIOProc = vfile_ioproc;
  calls_reset ();
  g_assert_cmpuint (mmioRename ("old.name", "new.name", &in, 0), ==, 0);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpstr (find_call (MMIOM_RENAME)->name, ==, "old.name");
  g_assert_cmpstr (find_call (MMIOM_RENAME)->name2, ==, "new.name");
  g_assert_null (mmioInstallIOProc (FCC ("RNM1"), NULL, MMIO_FINDPROC));

  /* By installed FOURCC, and by the extension of a '+' name. */
  g_assert_nonnull (mmioInstallIOProc (FCC_XYZ, vfile_ioproc, MMIO_INSTALLPROC));
  memset (&in, 0, sizeof in);
  in.fccIOProc = FCC_XYZ;
  calls_reset ();
  g_assert_cmpuint (mmioRename ("a", "b", &in, 0), ==, 0);
  g_assert_cmpuint (count_calls (MMIOM_RENAME), ==, 1);
  memset (&in, 0, sizeof in);
  calls_reset ();
  g_assert_cmpuint (mmioRename ("f.xyz+a", "f.xyz+b", &in, 0), ==, 0);
  g_assert_cmpstr (find_call (MMIOM_RENAME)->name, ==, "f.xyz+a");
  g_assert_nonnull (mmioInstallIOProc (FCC_XYZ, NULL, MMIO_REMOVEPROC));
}

/* ---- IOProcs that fail ------------------------------------------------ */

static LRESULT close_result;

/* Opens, then answers everything as unsupported (-2), as an OS/2 IOProc
 * does for a message it has no code for. */
static LRESULT
nope_ioproc (LPSTR lpmmioinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  if (msg == MMIOM_OPEN)
    return p1 && strcmp ((const char *) p1, "refuse") == 0 ? MMIOERR_ACCESSDENIED : 0;
  if (msg == MMIOM_CLOSE)
    return close_result;
  return MMIOERR_UNSUPPORTED_MESSAGE;
}

static HMMIO
open_nope (LONG cch)
{
  MMIOINFO in = { 0 };
  HMMIO h;
  in.fccIOProc = FCC ("NOPE");
  in.pIOProc = nope_ioproc;
  in.cchBuffer = cch;
  h = mmioOpen ((LPSTR) "nope", &in, MMIO_READWRITE);
  g_assert_nonnull (h);
  return h;
}

static void
test_unsupported_answers (void)
{
  HMMIO h;
  MMIOINFO info;
  MMCKINFO ck = { 0 };
  char b[64];

  /* Whatever negative value the IOProc answers, the calls say -1. */
  h = open_nope (0);
  g_assert_cmpint (mmioRead (h, b, 4), ==, -1);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_CANNOTREAD);
  g_assert_cmpint (mmioWrite (h, b, 4), ==, -1);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_CANNOTWRITE);
  g_assert_cmpint (mmioSeek (h, 5, SEEK_SET), ==, -1);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, -1);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, -1);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_CANNOTSEEK);
  tu_get_info (h, &info);
  g_assert_cmpint (info.lBufOffset, ==, 0);
  g_assert_cmpint (info.lDiskOffset, ==, 0);
  g_assert_cmpuint (mmioDescend (h, &ck, NULL, 0), !=, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  h = open_nope (16);
  g_assert_cmpint (mmioRead (h, b, 4), ==, -1);
  g_assert_cmpint (mmioRead (h, b, 64), ==, -1);        /* larger than the buffer */
  g_assert_cmpint (mmioSeek (h, 40, SEEK_SET), ==, -1);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, -1);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 0);    /* served by the buffer */
  g_assert_cmpuint (mmioAdvance (h, NULL, MMIO_READ), ==, MMIOERR_CANNOTREAD);
  g_assert_cmpuint (mmioDescend (h, &ck, NULL, 0), !=, 0);
  /* A write lands in the buffer; sending it out fails. */
  g_assert_cmpint (mmioWrite (h, "abcd", 4), ==, 4);
  g_assert_cmpint (mmioSeek (h, 40, SEEK_SET), ==, -1);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 4);
  g_assert_cmpuint (mmioFlush (h, 0), ==, MMIOERR_CANNOTWRITE);
  g_assert_cmpuint (mmioClose (h, 0), ==, MMIOERR_CANNOTWRITE);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* The IOProc's close result is mmioClose's; the handle is gone anyway. */
  close_result = MMIOERR_CANNOTCLOSE;
  h = open_nope (0);
  g_assert_cmpuint (mmioClose (h, 0), ==, MMIOERR_CANNOTCLOSE);
  g_assert_cmpuint (mmioClose (h, 0), ==, MMSYSERR_INVALHANDLE);
  close_result = 0;

  /* A refused MMIOM_OPEN: its code in wErrorRet, no handle, and an
   * installed IOProc is not left marked in use. */
  {
    MMIOINFO in = { 0 };
    FOURCC f = FCC ("NOP2");
    g_assert_nonnull (mmioInstallIOProc (f, nope_ioproc, MMIO_INSTALLPROC));
    in.fccIOProc = f;
    g_assert_null (mmioOpen ((LPSTR) "refuse", &in, MMIO_READ));
    g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_ACCESSDENIED);
    g_assert_true (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC) == nope_ioproc);
  }
}

/* ---- a file-format IOProc written the OS/2 way ---------------------- */

#define FCC_FMT  mmioFOURCC ('F', 'M', 'T', 'X')
#define FCC_STOR mmioFOURCC ('S', 'T', 'O', 'R')
#define MSG_STORAGE_ONLY (MMIOM_USER + 10)

/* The storage IOProc under it: DOS, plus one message of its own. */
static LRESULT
storage_ioproc (LPSTR lpmmioinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  static LPMMIOPROC dos;
  if (dos == NULL)
    dos = mmioInstallIOProc (FOURCC_DOS, NULL, MMIO_FINDPROC);
  if (msg == MSG_STORAGE_ONLY)
    return 4242 + p1;
  return dos (lpmmioinfo, msg, p1, p2);
}

static HMMIO last_child;

static LRESULT
format_ioproc (LPSTR lpmmioinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *info = (MMIOINFO *) lpmmioinfo;
  HMMIO child = info->pExtraInfoStruct;

  switch (msg)
    {
    case MMIOM_OPEN:
      {
        MMIOINFO ci = { 0 };
        if (p1 == 0)
          return 0;                    /* no storage: a bare handle */
        ci.fccIOProc = info->fccChildIOProc ? info->fccChildIOProc : FOURCC_DOS;
        child = mmioOpen ((LPSTR) p1, &ci, info->dwFlags & MMIO_RWMODE);
        if (child == NULL)
          return ci.wErrorRet ? ci.wErrorRet : MMIOERR_CANNOTOPEN;
        info->pExtraInfoStruct = child;
        info->lDiskOffset = 0;
        last_child = child;
        return 0;
      }
    case MMIOM_CLOSE:
      if (child != NULL)
        {
          info->pExtraInfoStruct = NULL;
          return mmioClose (child, 0);
        }
      return 0;
    case MMIOM_READ:
      {
        LONG n;
        if (child == NULL)
          return -1;
        n = mmioRead (child, (HPSTR) p1, (LONG) p2);
        if (n > 0)
          info->lDiskOffset += n;
        return n;
      }
    case MMIOM_SEEK:
      {
        LONG r;
        if (child == NULL)
          return -1;
        r = mmioSeek (child, (LONG) p1, (int) p2);
        if (r >= 0)
          info->lDiskOffset = r;
        return r;
      }
    case MMIOM_GETFORMATINFO:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    default:
      if (child != NULL)
        return mmioSendMessage (child, msg, p1, p2);
      info->ulErrorRet = (ULONG) MMIOERR_UNSUPPORTED_MESSAGE;
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

static void
test_os2_format_ioproc (void)
{
  GByteArray *avi = tu_avi_sample ();
  char *path = tu_path ("layered.avi");
  MMIOINFO in = { 0 }, info;
  MMCKINFO riff = { 0 }, hdrl = { 0 }, avih = { 0 };
  HMMIO h;
  char b[4];

  tu_write_file (path, avi->data, avi->len);
  g_assert_nonnull (mmioInstallIOProc (FCC_FMT, format_ioproc, MMIO_INSTALLPROC));
  g_assert_nonnull (mmioInstallIOProc (FCC_STOR, storage_ioproc, MMIO_INSTALLPROC));

  in.fccIOProc = FCC_FMT;
  in.fccChildIOProc = FCC_STOR;
  in.cchBuffer = 32;
  last_child = NULL;
  h = mmioOpen (path, &in, MMIO_READ);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  g_assert_true (info.pExtraInfoStruct == last_child);
  g_assert_cmphex (info.fccChildIOProc, ==, FCC_STOR);
  /* The child is a real handle of its own. */
  {
    MMIOINFO ci;
    tu_get_info (last_child, &ci);
    g_assert_cmphex (ci.fccIOProc, ==, FCC_STOR);
  }
  /* While a handle uses them, neither IOProc can be removed. */
  g_assert_null (mmioInstallIOProc (FCC_FMT, NULL, MMIO_REMOVEPROC));
  g_assert_null (mmioInstallIOProc (FCC_STOR, NULL, MMIO_REMOVEPROC));

  /* Reads and seeks go through the child: the AVI descent works. */
  g_assert_cmpuint (mmioDescend (h, &riff, NULL, 0), ==, 0);
  g_assert_cmpint (riff.dwDataOffset, ==, 8);
  g_assert_cmpuint (mmioDescend (h, &hdrl, &riff, 0), ==, 0);
  g_assert_cmpint (hdrl.dwDataOffset, ==, 20);
  g_assert_cmpuint (mmioDescend (h, &avih, &hdrl, 0), ==, 0);
  g_assert_cmpint (avih.dwDataOffset, ==, 32);
  g_assert_cmpint (mmioSeek (h, 56, SEEK_CUR), ==, 88);
  g_assert_cmpint (mmioRead (h, b, 4), ==, 4);
  g_assert_cmpmem (b, 4, "LIST", 4);

  /* Unknown messages are forwarded to the storage child. */
  g_assert_cmpint (mmioSendMessage (h, MSG_STORAGE_ONLY, 8, 0), ==, 4250);
  /* The child's own answer for what nobody knows. */
  g_assert_cmpint (mmioSendMessage (h, MMIOM_USER + 11, 0, 0), ==, MMIOERR_UNSUPPORTED_MESSAGE);

  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  /* Closing the format handle closed its child. */
  g_assert_cmpuint (mmioGetInfo (last_child, &info, 0), ==, MMSYSERR_INVALHANDLE);

  /* Without a child the format IOProc answers for itself. */
  memset (&in, 0, sizeof in);
  in.fccIOProc = FCC_FMT;
  h = mmioOpen (NULL, &in, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioSendMessage (h, MSG_STORAGE_ONLY, 8, 0), ==, MMIOERR_UNSUPPORTED_MESSAGE);
  g_assert_cmpuint (mmioGetLastError (h), ==, (ULONG) MMIOERR_UNSUPPORTED_MESSAGE);
  g_assert_cmpint (mmioRead (h, b, 4), ==, -1);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* A child that cannot open fails the parent's open with its reason. */
  memset (&in, 0, sizeof in);
  in.fccIOProc = FCC_FMT;
  {
    char *missing = tu_path ("missing.avi");
    g_assert_null (mmioOpen (missing, &in, MMIO_READ));
    g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_FILENOTFOUND);
    g_free (missing);
  }

  g_assert_nonnull (mmioInstallIOProc (FCC_FMT, NULL, MMIO_REMOVEPROC));
  g_assert_nonnull (mmioInstallIOProc (FCC_STOR, NULL, MMIO_REMOVEPROC));
  g_byte_array_unref (avi);
  g_free (path);
}

int
main (int argc, char **argv)
{
  int r;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ioproc/installed-by-extension", test_installed_by_extension);
  g_test_add_func ("/ioproc/name-without-ioproc", test_name_without_ioproc);
  g_test_add_func ("/ioproc/dos-override", test_dos_override);
  g_test_add_func ("/ioproc/temporary", test_temporary_ioproc);
  g_test_add_func ("/ioproc/send-message", test_send_message);
  g_test_add_func ("/ioproc/last-error", test_last_error);
  g_test_add_func ("/ioproc/rename", test_rename_through_ioproc);
  g_test_add_func ("/ioproc/unsupported-answers", test_unsupported_answers);
  g_test_add_func ("/ioproc/os2-format-ioproc", test_os2_format_ioproc);
  r = g_test_run ();
  calls_reset ();
  g_array_unref (calls);
  return r;
}
