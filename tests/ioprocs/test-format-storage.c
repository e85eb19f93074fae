/* test-format-storage.c — the storage half every built-in file-format
 * IOProc ('AVI ', 'MIDI', 'sfbk', 'WEBP', 'ACON', 'RIFF') shares through
 * fu_format_message: the child storage handle it opens (name, open flags,
 * fccChildIOProc, the child's error), READ/WRITE/WRITEFLUSH/SEEK passed
 * through with lDiskOffset following the child, system and user messages
 * forwarded with their parameters, CLOSE passing its flags down; and over
 * the DOS storage system a file created, written and read back. */
#include "test-util.h"

#include <mmio/mmio-ioproc.h>

#include <string.h>

#define FCC(s) mmioStringToFOURCC (s, 0)
#define FCC_TSTS mmioFOURCC ('T', 'S', 'T', 'S')
#define USER_MSG (MMIOM_USER + 7)

static const char *const formats[] = { "AVI ", "MIDI", "sfbk", "WEBP",
                                       "ACON", "RIFF" };

/* ---- a recording storage IOProc ------------------------------------------ */

static struct
{
  GByteArray *data;
  LONG pos;
  char *open_name;
  DWORD open_flags;
  guint opens, closes;
  UINT close_flags;
  LPARAM user_p1, user_p2;
  guint user_calls;
  LRESULT open_error;       /* what MMIOM_OPEN answers */
} tsts;

static void
tsts_reset (void)
{
  if (tsts.data != NULL)
    g_byte_array_unref (tsts.data);
  g_free (tsts.open_name);
  memset (&tsts, 0, sizeof tsts);
  tsts.data = g_byte_array_new ();
}

static LONG
tsts_put (const void *p, LONG n)
{
  if (n < 0)
    return -1;
  if ((guint) (tsts.pos + n) > tsts.data->len)
    g_byte_array_set_size (tsts.data, (guint) (tsts.pos + n));
  memcpy (tsts.data->data + tsts.pos, p, (size_t) n);
  tsts.pos += n;
  return n;
}

static LRESULT
tsts_proc (LPSTR lpinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *info = (MMIOINFO *) lpinfo;
  LONG n, to;

  switch (msg)
    {
    case MMIOM_OPEN:
      tsts.opens++;
      g_free (tsts.open_name);
      tsts.open_name = g_strdup ((const char *) p1);
      tsts.open_flags = info->dwFlags;
      tsts.pos = 0;
      return tsts.open_error;
    case MMIOM_CLOSE:
      tsts.closes++;
      tsts.close_flags = (UINT) p1;
      return 0;
    case MMIOM_READ:
      n = MIN ((LONG) p2, (LONG) tsts.data->len - tsts.pos);
      if (n < 0)
        n = 0;
      memcpy ((void *) p1, tsts.data->data + tsts.pos, (size_t) n);
      tsts.pos += n;
      return n;
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
      return tsts_put ((const void *) p1, (LONG) p2);
    case MMIOM_SEEK:
      to = (LONG) p1 + (p2 == SEEK_CUR ? tsts.pos
                        : p2 == SEEK_END ? (LONG) tsts.data->len : 0);
      if (to < 0)
        return -1;
      tsts.pos = to;
      return to;
    case MMIOM_GETHEADER:
      return 77;
    case USER_MSG:
      tsts.user_calls++;
      tsts.user_p1 = p1;
      tsts.user_p2 = p2;
      return 0x1234;
    case MMIOM_GETFORMATINFO:
      {
        MMFORMATINFO *fi = (MMFORMATINFO *) p1;
        memset (fi, 0, sizeof *fi);
        fi->ulStructLen = sizeof *fi;
        fi->fccIOProc = FCC_TSTS;
        fi->ulIOProcType = MMIO_IOPROC_STORAGESYSTEM;
        fi->ulMediaType = MMIO_MEDIATYPE_OTHER;
        fi->ulFlags = MMIO_CANREADUNTRANSLATED | MMIO_CANWRITEUNTRANSLATED
                      | MMIO_CANSEEKUNTRANSLATED;
        return MMIO_SUCCESS;
      }
    case MMIOM_IDENTIFYFILE:
      return MMIO_ERROR;
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

static LONG
disk_offset (HMMIO h)
{
  MMIOINFO info;
  tu_get_info (h, &info);
  return info.lDiskOffset;
}

static HMMIO
open_over_tsts (const char *fcc, const char *name, DWORD flags)
{
  MMIOINFO info;
  memset (&info, 0, sizeof info);
  info.fccIOProc = FCC (fcc);
  info.fccChildIOProc = FCC_TSTS;
  return mmioOpen ((LPSTR) name, &info, flags);
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_child_passthrough (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      guint8 buf[16];
      HMMIO h;

      tsts_reset ();
      g_test_message ("IOProc '%s'", formats[i]);
      h = open_over_tsts (formats[i], "child-name",
                          MMIO_READWRITE | MMIO_CREATE | MMIO_DENYWRITE);
      g_assert_nonnull (h);
      g_assert_cmpuint (tsts.opens, ==, 1);
      g_assert_cmpstr (tsts.open_name, ==, "child-name");
      g_assert_cmpuint (tsts.open_flags & (MMIO_RWMODE | MMIO_SHAREMODE
                                           | MMIO_CREATE),
                        ==, MMIO_READWRITE | MMIO_CREATE | MMIO_DENYWRITE);
      g_assert_cmpint (disk_offset (h), ==, 0);

      g_assert_cmpint (mmioWrite (h, "0123456789", 10), ==, 10);
      g_assert_cmpint (disk_offset (h), ==, 10);
      g_assert_cmpint (mmioWrite (h, "abcdef", 6), ==, 6);
      g_assert_cmpint (disk_offset (h), ==, 16);
      g_assert_cmpmem (tsts.data->data, tsts.data->len, "0123456789abcdef", 16);

      g_assert_cmpint (mmioSeek (h, 4, SEEK_SET), ==, 4);
      g_assert_cmpint (disk_offset (h), ==, 4);
      g_assert_cmpint (mmioRead (h, (HPSTR) buf, 8), ==, 8);
      g_assert_cmpmem (buf, 8, "456789ab", 8);
      g_assert_cmpint (disk_offset (h), ==, 12);
      g_assert_cmpint (mmioSeek (h, -2, SEEK_END), ==, 14);
      g_assert_cmpint (mmioRead (h, (HPSTR) buf, 8), ==, 2);
      g_assert_cmpmem (buf, 2, "ef", 2);
      g_assert_cmpint (disk_offset (h), ==, 16);
      /* A failed seek leaves the position where it was. */
      g_assert_cmpint (mmioSeek (h, -100, SEEK_SET), ==, -1);
      g_assert_cmpint (disk_offset (h), ==, 16);

      /* System and user messages the format does not answer go down with
       * their parameters, and the child's answer comes back. */
      g_assert_cmpint (mmioSendMessage (h, USER_MSG, 11, 22), ==, 0x1234);
      g_assert_cmpuint (tsts.user_calls, ==, 1);
      g_assert_cmpint (tsts.user_p1, ==, 11);
      g_assert_cmpint (tsts.user_p2, ==, 22);
      g_assert_cmpint (mmioSendMessage (h, MMIOM_GETHEADER, 0, 0), ==, 77);

      g_assert_cmpuint (mmioClose (h, MMIO_FHOPEN), ==, 0);
      g_assert_cmpuint (tsts.closes, ==, 1);
      g_assert_cmpuint (tsts.close_flags, ==, MMIO_FHOPEN);
    }
}

/* MMIOM_WRITEFLUSH cannot be sent through mmioSendMessage: the IOProc is
 * called directly, as the engine would, on a copy of the handle's
 * MMIOINFO. The bytes reach the child and the offset follows. */
static void
test_writeflush (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      LPMMIOPROC proc = mmioInstallIOProc (FCC (formats[i]), NULL,
                                           MMIO_FINDPROC);
      MMIOINFO info;
      HMMIO h;

      tsts_reset ();
      g_assert_nonnull (proc);
      h = open_over_tsts (formats[i], "flush", MMIO_WRITE | MMIO_CREATE);
      g_assert_nonnull (h);
      g_assert_cmpint (mmioWrite (h, "xy", 2), ==, 2);
      tu_get_info (h, &info);
      g_assert_cmpint (proc ((LPSTR) &info, MMIOM_WRITEFLUSH, (LPARAM) "zzz",
                             3), ==, 3);
      g_assert_cmpint (info.lDiskOffset, ==, 5);
      g_assert_cmpmem (tsts.data->data, tsts.data->len, "xyzzz", 5);
      g_assert_cmpuint (mmioClose (h, 0), ==, 0);
    }
}

static void
test_child_open_error (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      MMIOINFO info;

      tsts_reset ();
      tsts.open_error = MMIOERR_ACCESSDENIED;
      memset (&info, 0, sizeof info);
      info.fccIOProc = FCC (formats[i]);
      info.fccChildIOProc = FCC_TSTS;
      g_assert_null (mmioOpen ((LPSTR) "denied", &info, MMIO_READ));
      g_assert_cmpuint (info.wErrorRet, ==, MMIOERR_ACCESSDENIED);
      g_assert_cmpuint (tsts.opens, ==, 1);
    }
}

/* Over the DOS storage system (no fccChildIOProc: the name decides): a new
 * file written through the format IOProc holds exactly those bytes. */
static void
test_dos_create (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      char *name = g_strdup_printf ("create-%u.bin", i);
      char *path = tu_path (name);
      MMIOINFO info;
      HMMIO h;
      GBytes *back;
      guint8 buf[4];

      memset (&info, 0, sizeof info);
      info.fccIOProc = FCC (formats[i]);
      h = mmioOpen (path, &info, MMIO_READWRITE | MMIO_CREATE);
      g_assert_nonnull (h);
      g_assert_cmpint (mmioWrite (h, "RIFF\4\0\0\0TEST", 12), ==, 12);
      g_assert_cmpint (disk_offset (h), ==, 12);
      g_assert_cmpint (mmioSeek (h, 8, SEEK_SET), ==, 8);
      g_assert_cmpint (mmioRead (h, (HPSTR) buf, 4), ==, 4);
      g_assert_cmpmem (buf, 4, "TEST", 4);
      g_assert_cmpuint (mmioClose (h, 0), ==, 0);
      back = tu_read_file (path);
      g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back),
                       "RIFF\4\0\0\0TEST", 12);
      g_bytes_unref (back);
      g_free (path);
      g_free (name);
    }
}

int
main (int argc, char **argv)
{
  int r;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (mmioInstallIOProc (FCC_TSTS, tsts_proc, MMIO_INSTALLPROC));
  g_test_add_func ("/format-storage/child-passthrough", test_child_passthrough);
  g_test_add_func ("/format-storage/writeflush", test_writeflush);
  g_test_add_func ("/format-storage/child-open-error", test_child_open_error);
  g_test_add_func ("/format-storage/dos-create", test_dos_create);
  r = g_test_run ();
  mmioInstallIOProc (FCC_TSTS, NULL, MMIO_REMOVEPROC);
  tsts_reset ();
  g_byte_array_unref (tsts.data);
  return r;
}
