/* test-formats.c — the format registry (mmioQueryFormatCount,
 * mmioGetFormats, mmioGetFormatName), mmioIdentifyFile, identification on
 * mmioOpen, layering and mmioGetLastError across a chain of handles. */
#include "test-util.h"

#include <mmio/mmio-ioproc.h>
#include <string.h>

#define FCC_BLNK mmioFOURCC ('B', 'L', 'N', 'K')
#define FCC_ZZZZ mmioFOURCC ('Z', 'Z', 'Z', 'Z')
#define FCC_LAYR mmioFOURCC ('L', 'A', 'Y', 'R')
#define FCC_FAIL mmioFOURCC ('F', 'A', 'I', 'L')

/* ---- IOProcs the tests install ------------------------------------------ */

static LRESULT
blank_proc (LPSTR info, UINT msg, LPARAM p1, LPARAM p2)
{
  (void) info; (void) p1; (void) p2;
  if (msg == MMIOM_OPEN || msg == MMIOM_CLOSE)
    return 0;
  return MMIOERR_UNSUPPORTED_MESSAGE;
}

static int zzzz_identify_calls;

/* A file format claiming data that starts with "ZZZZ". It reads through
 * the handle it is given and, badly behaved, leaves the position moved. */
static LRESULT
zzzz_proc (LPSTR info, UINT msg, LPARAM p1, LPARAM p2)
{
  (void) info;
  switch (msg)
    {
    case MMIOM_GETFORMATINFO:
      {
        MMFORMATINFO *fi = (MMFORMATINFO *) p1;
        memset (fi, 0, sizeof *fi);
        fi->ulStructLen = sizeof *fi;
        fi->fccIOProc = FCC_ZZZZ;
        fi->ulIOProcType = MMIO_IOPROC_FILEFORMAT;
        fi->ulMediaType = MMIO_MEDIATYPE_OTHER;
        fi->ulFlags = MMIO_CANREADUNTRANSLATED | MMIO_CANSEEKUNTRANSLATED;
        strcpy (fi->szDefaultFormatExt, "ZZZ");
        fi->ulCodePage = 1208;
        fi->lNameLength = 8;
        return MMIO_SUCCESS;
      }
    case MMIOM_GETFORMATNAME:
      {
        LONG n = MIN (p2, 8);
        memcpy ((char *) p1, "Zed file", (size_t) n);
        return n;
      }
    case MMIOM_IDENTIFYFILE:
      {
        char magic[4];
        zzzz_identify_calls++;
        if (mmioRead ((HMMIO) p2, magic, 4) != 4)
          return MMIO_ERROR;
        return memcmp (magic, "ZZZZ", 4) == 0 ? MMIO_SUCCESS : MMIO_ERROR;
      }
    case MMIOM_OPEN:
    case MMIOM_CLOSE:
      return 0;
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

/* A storage system whose reads fail with a specific error of its own. */
static LRESULT
fail_proc (LPSTR info, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *mi = (MMIOINFO *) info;
  (void) p1; (void) p2;
  switch (msg)
    {
    case MMIOM_OPEN:
      if (p1 != 0 && strstr ((const char *) p1, "missing") != NULL)
        return MMIOERR_CF_ENTRY_NOT_FOUND;
      mi->lDiskOffset = 0;
      return 0;
    case MMIOM_CLOSE:
      return 0;
    case MMIOM_READ:
      mi->ulErrorRet = MMIOERR_NETWORKERROR;
      return -1;
    case MMIOM_SEEK:
      return mi->lDiskOffset = p1;
    case MMIOM_GETFORMATINFO:
      {
        MMFORMATINFO *fi = (MMFORMATINFO *) p1;
        memset (fi, 0, sizeof *fi);
        fi->ulStructLen = sizeof *fi;
        fi->fccIOProc = FCC_FAIL;
        fi->ulIOProcType = MMIO_IOPROC_STORAGESYSTEM;
        return MMIO_SUCCESS;
      }
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

/* A file format layered over a child storage handle: the child comes from
 * fccChildIOProc, else from the name as mmioOpen finds it. READ goes to the
 * child; unknown messages are forwarded down. */
static LRESULT
layr_proc (LPSTR info, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *mi = (MMIOINFO *) info;
  HMMIO child = (HMMIO) mi->pExtraInfoStruct;
  switch (msg)
    {
    case MMIOM_OPEN:
      {
        MMIOINFO ci = { 0 };
        ci.fccIOProc = mi->fccChildIOProc;
        child = mmioOpen ((LPSTR) p1, &ci, MMIO_READ);
        if (child == NULL)
          return ci.wErrorRet;
        mi->pExtraInfoStruct = child;
        mi->lDiskOffset = 0;
        return 0;
      }
    case MMIOM_CLOSE:
      return mmioClose (child, 0);
    case MMIOM_READ:
      {
        LONG n = mmioRead (child, (HPSTR) p1, (LONG) p2);
        if (n > 0)
          mi->lDiskOffset += n;
        return n;
      }
    case MMIOM_SEEK:
      {
        LONG r = mmioSeek (child, (LONG) p1, (int) p2);
        if (r >= 0)
          mi->lDiskOffset = r;
        return r;
      }
    case MMIOM_GETFORMATINFO:
      {
        MMFORMATINFO *fi = (MMFORMATINFO *) p1;
        memset (fi, 0, sizeof *fi);
        fi->ulStructLen = sizeof *fi;
        fi->fccIOProc = FCC_LAYR;
        fi->ulIOProcType = MMIO_IOPROC_FILEFORMAT;
        fi->ulMediaType = MMIO_MEDIATYPE_OTHER;
        return MMIO_SUCCESS;
      }
    case MMIOM_IDENTIFYFILE:
      return MMIO_ERROR;
    default:
      if (child != NULL)
        return mmioSendMessage (child, msg, p1, p2);
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

/* ---- helpers -------------------------------------------------------------- */

static char *
write_temp (const char *name, const void *data, gsize len)
{
  char *path = tu_path (name);
  tu_write_file (path, data, len);
  return path;
}

static LONG
count_matching (MMFORMATINFO *crit)
{
  LONG n = -1;
  g_assert_cmpuint (mmioQueryFormatCount (crit, &n, 0, 0), ==, MMIO_SUCCESS);
  return n;
}

static gboolean
find_record (FOURCC fcc, MMFORMATINFO *out)
{
  MMFORMATINFO crit = { 0 };
  LONG read = 0;
  crit.ulStructLen = sizeof crit;
  crit.fccIOProc = fcc;
  g_assert_cmpuint (mmioGetFormats (&crit, 1, out, &read, 0, 0), ==, MMIO_SUCCESS);
  return read == 1;
}

static void
check_storage_record (FOURCC fcc, const char *name)
{
  MMFORMATINFO fi;
  char buf[64] = { 0 };
  LONG got = -1;

  g_assert_true (find_record (fcc, &fi));
  g_assert_cmpuint (fi.ulStructLen, ==, sizeof (MMFORMATINFO));
  g_assert_cmpuint (fi.fccIOProc, ==, fcc);
  g_assert_cmpuint (fi.ulIOProcType, ==, MMIO_IOPROC_STORAGESYSTEM);
  g_assert_cmpuint (fi.ulMediaType, ==, MMIO_MEDIATYPE_UNKNOWN);
  g_assert_cmpuint (fi.ulFlags, ==, MMIO_CANREADUNTRANSLATED
                    | MMIO_CANWRITEUNTRANSLATED | MMIO_CANREADWRITEUNTRANSLATED
                    | MMIO_CANSEEKUNTRANSLATED);
  g_assert_cmpstr (fi.szDefaultFormatExt, ==, "");
  g_assert_cmpuint (fi.ulCodePage, ==, 1208);
  g_assert_cmpuint (fi.ulLanguage, ==, 0);
  g_assert_cmpint (fi.lNameLength, ==, (int32_t) strlen (name));
  g_assert_cmpuint (mmioGetFormatName (&fi, buf, &got, 0, 0), ==, MMIO_SUCCESS);
  g_assert_cmpint (got, ==, fi.lNameLength);
  g_assert_cmpstr (buf, ==, name);
}

/* ---- tests ------------------------------------------------------------- */

static void
test_storage_records (void)
{
  check_storage_record (FOURCC_DOS, "File system (DOS)");
  check_storage_record (FOURCC_MEM, "Memory file");
}

static void
test_criteria (void)
{
  MMFORMATINFO crit = { 0 };
  LONG all = count_matching (NULL), n, read = 0;
  MMFORMATINFO *list;

  g_assert_cmpint (all, >=, 2);
  g_assert_cmpint (count_matching (&crit), ==, all);   /* zero = wildcard */

  crit.ulIOProcType = MMIO_IOPROC_STORAGESYSTEM;
  n = count_matching (&crit);
  g_assert_cmpint (n, >=, 2);
  list = g_new0 (MMFORMATINFO, n);
  g_assert_cmpuint (mmioGetFormats (&crit, n, list, &read, 0, 0), ==, 0);
  g_assert_cmpint (read, ==, n);
  for (LONG i = 0; i < n; i++)
    g_assert_cmpuint (list[i].ulIOProcType & MMIO_IOPROC_STORAGESYSTEM, !=, 0);
  g_free (list);

  /* Capability bits: every bit asked for must be present. */
  memset (&crit, 0, sizeof crit);
  crit.fccIOProc = FOURCC_DOS;
  crit.ulFlags = MMIO_CANSEEKUNTRANSLATED | MMIO_CANREADUNTRANSLATED;
  g_assert_cmpint (count_matching (&crit), ==, 1);
  crit.ulFlags |= MMIO_CANREADTRANSLATED;
  g_assert_cmpint (count_matching (&crit), ==, 0);

  memset (&crit, 0, sizeof crit);
  crit.ulMediaType = MMIO_MEDIATYPE_MIDI | MMIO_MEDIATYPE_UNKNOWN;
  g_assert_cmpint (count_matching (&crit), >=, 2);     /* "any of" */
  crit.fccIOProc = mmioFOURCC ('N', 'O', 'N', 'E');
  g_assert_cmpint (count_matching (&crit), ==, 0);

  /* Fewer slots than matches: only that many are written. */
  {
    MMFORMATINFO two[2];
    memset (two, 0xAB, sizeof two);
    g_assert_cmpuint (mmioGetFormats (NULL, 1, two, &read, 0, 0), ==, 0);
    g_assert_cmpint (read, ==, 1);
    g_assert_cmpuint (two[1].ulStructLen, ==, 0xABABABAB);
  }
  g_assert_cmpuint (mmioQueryFormatCount (NULL, NULL, 0, 0), ==,
                    MMIOERR_INVALID_PARAMETER);
  g_assert_cmpuint (mmioGetFormats (NULL, 3, NULL, &read, 0, 0), ==,
                    MMIOERR_INVALID_PARAMETER);
}

static void
test_blank_record (void)
{
  MMFORMATINFO fi, first;
  MMFORMATINFO blank = { 0 };
  char buf[8];
  LONG all, got = -1, read = 0;

  all = count_matching (NULL);
  g_assert_nonnull (mmioInstallIOProc (FCC_BLNK, blank_proc, MMIO_INSTALLPROC));
  g_assert_cmpint (count_matching (NULL), ==, all + 1);
  /* Newest first. */
  g_assert_cmpuint (mmioGetFormats (NULL, 1, &first, &read, 0, 0), ==, 0);
  g_assert_cmpuint (first.fccIOProc, ==, FCC_BLNK);
  g_assert_true (find_record (FCC_BLNK, &fi));
  blank.ulStructLen = sizeof blank;
  blank.fccIOProc = FCC_BLNK;
  g_assert_cmpmem (&fi, sizeof fi, &blank, sizeof blank);
  g_assert_cmpuint (mmioGetFormatName (&fi, buf, &got, 0, 0), ==, MMIO_SUCCESS);
  g_assert_cmpint (got, ==, 0);
  g_assert_true (mmioInstallIOProc (FCC_BLNK, blank_proc, MMIO_REMOVEPROC) == blank_proc);
  g_assert_cmpint (count_matching (NULL), ==, all);
  fi.fccIOProc = FCC_BLNK;
  g_assert_cmpuint (mmioGetFormatName (&fi, buf, &got, 0, 0), ==,
                    MMIOERR_IOPROC_NOT_FOUND);
}

static void
test_format_name_truncates (void)
{
  MMFORMATINFO fi;
  char buf[8];
  LONG got = -1;

  g_assert_true (find_record (FOURCC_DOS, &fi));
  memset (buf, '#', sizeof buf);
  fi.lNameLength = 4;
  g_assert_cmpuint (mmioGetFormatName (&fi, buf, &got, 0, 0), ==, MMIO_SUCCESS);
  g_assert_cmpint (got, ==, 4);
  g_assert_cmpmem (buf, 5, "File#", 5);              /* no NUL promised */
}

static void
test_identify_custom (void)
{
  char *zed = write_temp ("a.zed", "ZZZZ and more", 13);
  char *plain = write_temp ("plain.bin", "nothing here", 12);
  char *missing = tu_path ("missing.bin");
  MMFORMATINFO fi, dos;
  FOURCC ss = 0;

  g_assert_nonnull (mmioInstallIOProc (FCC_ZZZZ, zzzz_proc, MMIO_INSTALLPROC));
  /* Installed twice over: the blank one is newer and must not hide it,
   * nor be asked (it is no file format). */
  g_assert_nonnull (mmioInstallIOProc (FCC_BLNK, blank_proc, MMIO_INSTALLPROC));

  zzzz_identify_calls = 0;
  g_assert_cmpuint (mmioIdentifyFile (zed, NULL, &fi, &ss, 0, 0), ==, MMIO_SUCCESS);
  g_assert_cmpuint (fi.fccIOProc, ==, FCC_ZZZZ);
  g_assert_cmpuint (fi.ulIOProcType, ==, MMIO_IOPROC_FILEFORMAT);
  g_assert_cmpstr (fi.szDefaultFormatExt, ==, "ZZZ");
  g_assert_cmpuint (ss, ==, FOURCC_DOS);
  g_assert_cmpint (zzzz_identify_calls, ==, 1);

  /* Nobody claims it: the storage system's own record, not an error. */
  g_assert_cmpuint (mmioIdentifyFile (plain, NULL, &fi, &ss, 0, 0), ==, MMIO_SUCCESS);
  g_assert_true (find_record (FOURCC_DOS, &dos));
  g_assert_cmpmem (&fi, sizeof fi, &dos, sizeof dos);
  g_assert_cmpuint (ss, ==, FOURCC_DOS);

  g_assert_cmpuint (mmioIdentifyFile (missing, NULL, &fi, &ss, 0, 0), ==,
                    MMIOERR_FILENOTFOUND);
  g_assert_cmpuint (mmioIdentifyFile (NULL, NULL, &fi, &ss, 0, 0), ==,
                    MMIOERR_INVALID_PARAMETER);

  /* A memory file. */
  {
    MMIOINFO mi = { 0 };
    char data[] = "ZZZZ in memory";
    mi.fccIOProc = FOURCC_MEM;
    mi.pchBuffer = data;
    mi.cchBuffer = sizeof data;
    g_assert_cmpuint (mmioIdentifyFile (NULL, &mi, &fi, &ss, 0, 0), ==, 0);
    g_assert_cmpuint (fi.fccIOProc, ==, FCC_ZZZZ);
    g_assert_cmpuint (ss, ==, FOURCC_MEM);
    data[0] = 'Y';
    g_assert_cmpuint (mmioIdentifyFile (NULL, &mi, &fi, &ss, 0, 0), ==, 0);
    g_assert_cmpuint (fi.fccIOProc, ==, FOURCC_MEM);
  }

  /* An MMIOINFO naming a file format answers with it unless forced. */
  {
    MMIOINFO mi = { 0 };
    mi.fccIOProc = FCC_ZZZZ;
    zzzz_identify_calls = 0;
    g_assert_cmpuint (mmioIdentifyFile (plain, &mi, &fi, &ss, 0, 0), ==, 0);
    g_assert_cmpuint (fi.fccIOProc, ==, FCC_ZZZZ);
    g_assert_cmpint (zzzz_identify_calls, ==, 0);
    g_assert_cmpuint (mmioIdentifyFile (plain, &mi, &fi, &ss, 0,
                                        MMIO_FORCE_IDENTIFY_FF), ==, 0);
    g_assert_cmpuint (fi.fccIOProc, ==, FOURCC_DOS);
    g_assert_cmpint (zzzz_identify_calls, ==, 1);
  }

  /* An MMIOINFO naming a storage system is used unless forced to look at
   * the name. */
  {
    MMIOINFO mi = { 0 };
    mi.fccIOProc = FOURCC_MEM;
    mi.pchBuffer = (HPSTR) "plain memory";
    mi.cchBuffer = 12;
    g_assert_cmpuint (mmioIdentifyFile (zed, &mi, &fi, &ss, 0, 0), ==, 0);
    g_assert_cmpuint (ss, ==, FOURCC_MEM);
    g_assert_cmpuint (fi.fccIOProc, ==, FOURCC_MEM);
    g_assert_cmpuint (mmioIdentifyFile (zed, &mi, &fi, &ss, 0,
                                        MMIO_FORCE_IDENTIFY_SS), ==, 0);
    g_assert_cmpuint (ss, ==, FOURCC_DOS);
    g_assert_cmpuint (fi.fccIOProc, ==, FCC_ZZZZ);
  }

  g_assert_true (mmioInstallIOProc (FCC_BLNK, blank_proc, MMIO_REMOVEPROC) == blank_proc);
  g_assert_true (mmioInstallIOProc (FCC_ZZZZ, zzzz_proc, MMIO_REMOVEPROC) == zzzz_proc);
  g_free (zed);
  g_free (plain);
  g_free (missing);
}

/* An inherited descriptor: identified from where it stands, left there. */
static void
test_identify_position_kept (void)
{
  char *zed = write_temp ("pos.zed", "xxZZZZ", 6);
  MMIOINFO mi = { 0 };
  MMFORMATINFO fi;
  HMMIO h;

  g_assert_nonnull (mmioInstallIOProc (FCC_ZZZZ, zzzz_proc, MMIO_INSTALLPROC));
  h = mmioOpen (zed, NULL, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioSeek (h, 2, SEEK_SET), ==, 2);
  {
    MMIOINFO got;
    g_assert_cmpuint (mmioGetInfo (h, &got, 0), ==, 0);
    mi.adwInfo[0] = got.adwInfo[0];          /* the DOS descriptor */
  }
  g_assert_cmpuint (mmioIdentifyFile (NULL, &mi, &fi, NULL, 0, 0), ==, 0);
  g_assert_cmpuint (fi.fccIOProc, ==, FCC_ZZZZ);
  /* zzzz_proc read 4 bytes and left them read: the manager seeked back. */
  {
    char c;
    g_assert_cmpint (mmioRead (h, &c, 1), ==, 1);
    g_assert_cmpint (c, ==, 'Z');
  }
  mmioClose (h, 0);
  g_assert_true (mmioInstallIOProc (FCC_ZZZZ, zzzz_proc, MMIO_REMOVEPROC) == zzzz_proc);
  g_free (zed);
}

static void
test_open_identifies_on_request (void)
{
  char *zed = write_temp ("open.zed", "ZZZZ payload", 12);
  MMIOINFO mi = { 0 }, got;
  HMMIO h;
  char buf[4];

  g_assert_nonnull (mmioInstallIOProc (FCC_ZZZZ, zzzz_proc, MMIO_INSTALLPROC));
  /* Windows behaviour by default: no identification. */
  h = mmioOpen (zed, NULL, MMIO_READ);
  g_assert_nonnull (h);
  mmioGetInfo (h, &got, 0);
  g_assert_cmpuint (got.fccIOProc, ==, FOURCC_DOS);
  mmioClose (h, 0);

  h = mmioOpen (zed, &mi, MMIO_READ | MMIO_IDENTIFY);
  g_assert_nonnull (h);
  mmioGetInfo (h, &got, 0);
  g_assert_cmpuint (got.fccIOProc, ==, FCC_ZZZZ);
  g_assert_cmpuint (got.fccChildIOProc, ==, FOURCC_DOS);
  mmioClose (h, 0);

  /* Asking for translation implies identification; NOIDENTIFY wins. */
  memset (&mi, 0, sizeof mi);
  mi.ulTranslate = MMIO_TRANSLATEHEADER;
  h = mmioOpen (zed, &mi, MMIO_READ | MMIO_NOIDENTIFY);
  g_assert_nonnull (h);
  mmioGetInfo (h, &got, 0);
  g_assert_cmpuint (got.fccIOProc, ==, FOURCC_DOS);
  g_assert_cmpint (mmioRead (h, buf, 4), ==, 4);
  mmioClose (h, 0);
  h = mmioOpen (zed, &mi, MMIO_READ);
  g_assert_nonnull (h);
  mmioGetInfo (h, &got, 0);
  g_assert_cmpuint (got.fccIOProc, ==, FCC_ZZZZ);
  mmioClose (h, 0);

  g_assert_true (mmioInstallIOProc (FCC_ZZZZ, zzzz_proc, MMIO_REMOVEPROC) == zzzz_proc);
  g_free (zed);
}

static void
test_layering_and_last_error (void)
{
  char *data = write_temp ("layer.bin", "layered bytes", 13);
  char *missing = tu_path ("missing.bin");
  MMIOINFO mi = { 0 };
  HMMIO h;
  char buf[16] = { 0 };

  g_assert_nonnull (mmioInstallIOProc (FCC_LAYR, layr_proc, MMIO_INSTALLPROC));
  g_assert_nonnull (mmioInstallIOProc (FCC_FAIL, fail_proc, MMIO_INSTALLPROC));

  /* Over DOS, parsed from the name: bytes come through the child. */
  mi.fccIOProc = FCC_LAYR;
  h = mmioOpen (data, &mi, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, buf, 7), ==, 7);
  g_assert_cmpstr (buf, ==, "layered");
  g_assert_cmpuint (mmioGetLastError (h), ==, 0);
  /* A message the format IOProc does not know goes down the chain and
   * comes back unsupported from the bottom. */
  g_assert_cmpint (mmioSendMessage (h, MMIOM_USER + 7, 0, 0), ==,
                   MMIOERR_UNSUPPORTED_MESSAGE);
  mmioClose (h, 0);

  /* The child's open error is the open's error. */
  memset (&mi, 0, sizeof mi);
  mi.fccIOProc = FCC_LAYR;
  g_assert_null (mmioOpen (missing, &mi, MMIO_READ));
  g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_FILENOTFOUND);
  memset (&mi, 0, sizeof mi);
  mi.fccIOProc = FCC_LAYR;
  mi.fccChildIOProc = FCC_FAIL;
  g_assert_null (mmioOpen ((LPSTR) "missing-element", &mi, MMIO_READ));
  g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_CF_ENTRY_NOT_FOUND);

  /* A read failing two handles down reports the error where it arose,
   * not the generic MMIOERR_CANNOTREAD of each level. */
  memset (&mi, 0, sizeof mi);
  mi.fccIOProc = FCC_LAYR;
  mi.fccChildIOProc = FCC_FAIL;
  h = mmioOpen ((LPSTR) "anything", &mi, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, buf, 4), ==, -1);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_NETWORKERROR);
  /* A later error of the top handle's own is its own again. */
  g_assert_cmpint (mmioWrite (h, "x", 1), ==, -1);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_READ_ONLY_FILE);
  mmioClose (h, 0);

  /* Buffered the same. */
  memset (&mi, 0, sizeof mi);
  mi.fccIOProc = FCC_LAYR;
  mi.fccChildIOProc = FCC_FAIL;
  h = mmioOpen ((LPSTR) "anything", &mi, MMIO_READ | MMIO_ALLOCBUF);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, buf, 4), ==, -1);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_NETWORKERROR);
  mmioClose (h, 0);

  g_assert_true (mmioInstallIOProc (FCC_FAIL, fail_proc, MMIO_REMOVEPROC) == fail_proc);
  g_assert_true (mmioInstallIOProc (FCC_LAYR, layr_proc, MMIO_REMOVEPROC) == layr_proc);
  g_free (data);
  g_free (missing);
}

static void
test_header_calls_unsupported (void)
{
  char *plain = write_temp ("hdr.bin", "abc", 3);
  HMMIO h = mmioOpen (plain, NULL, MMIO_READ);
  LONG n = -1;
  char buf[4];

  g_assert_nonnull (h);
  g_assert_cmpuint (mmioQueryHeaderLength (h, &n, 0, 0), ==, MMSYSERR_NOTSUPPORTED);
  g_assert_cmpuint (mmioGetHeader (h, buf, 4, &n, 0, 0), ==, MMSYSERR_NOTSUPPORTED);
  g_assert_cmpuint (mmioGetHeader (h, NULL, 4, &n, 0, 0), ==, MMIOERR_INVALID_PARAMETER);
  mmioClose (h, 0);
  g_assert_cmpuint (mmioQueryHeaderLength (h, &n, 0, 0), ==, MMSYSERR_INVALHANDLE);
  g_free (plain);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_add_func ("/formats/storage-records", test_storage_records);
  g_test_add_func ("/formats/criteria", test_criteria);
  g_test_add_func ("/formats/blank-record", test_blank_record);
  g_test_add_func ("/formats/name-truncates", test_format_name_truncates);
  g_test_add_func ("/identify/custom", test_identify_custom);
  g_test_add_func ("/identify/position-kept", test_identify_position_kept);
  g_test_add_func ("/identify/on-open", test_open_identifies_on_request);
  g_test_add_func ("/layering/last-error", test_layering_and_last_error);
  g_test_add_func ("/header/unsupported", test_header_calls_unsupported);
  return g_test_run ();
}
