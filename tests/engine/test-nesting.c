/* test-nesting.c — names choose storage systems, and IOProcs that open
 * themselves as their own child are stopped instead of recursing. */
#include "test-util.h"
#include <mmio/mmio-ioproc.h>
#include <mmio/mmio-cf.h>
#include <string.h>

#define FCC_LOOP mmioFOURCC ('L', 'O', 'O', 'P')
#define FCC_FMT  mmioFOURCC ('F', 'M', 'T', 'X')

static int loop_opens;

/* Opens its child with its own FOURCC: a cycle only the manager can end. */
static LRESULT
loop_proc (LPSTR lpmmioinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *info = (MMIOINFO *) lpmmioinfo;
  (void) p2;
  switch (msg)
    {
    case MMIOM_OPEN:
      {
        MMIOINFO child = { 0 };
        HMMIO h;
        loop_opens++;
        child.fccIOProc = FCC_LOOP;
        h = mmioOpen ((LPSTR) p1, &child, MMIO_READ);
        if (h == NULL)
          return child.wErrorRet;
        info->pExtraInfoStruct = h;
        return 0;
      }
    case MMIOM_CLOSE:
      return mmioClose ((HMMIO) info->pExtraInfoStruct, 0);
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

/* A file-format IOProc that opens its child by the name it was given, the
 * way OS/2 format IOProcs do. */
static LRESULT
fmt_proc (LPSTR lpmmioinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *info = (MMIOINFO *) lpmmioinfo;
  (void) p2;
  switch (msg)
    {
    case MMIOM_GETFORMATINFO:
      {
        MMFORMATINFO *fi = (MMFORMATINFO *) p1;
        fi->fccIOProc = FCC_FMT;
        fi->ulIOProcType = MMIO_IOPROC_FILEFORMAT;
        fi->ulMediaType = MMIO_MEDIATYPE_OTHER;
        return MMIO_SUCCESS;
      }
    case MMIOM_OPEN:
      {
        MMIOINFO child = { 0 };
        HMMIO h = mmioOpen ((LPSTR) p1, &child, info->dwFlags & MMIO_RWMODE);
        if (h == NULL)
          return child.wErrorRet;
        info->pExtraInfoStruct = h;
        return 0;
      }
    case MMIOM_CLOSE:
      return mmioClose ((HMMIO) info->pExtraInfoStruct, 0);
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

static BOOL
no_element (MMIOELEMENTSINK *sink, const MMIOELEMENT *e)
{
  (void) sink;
  (void) e;
  g_assert_not_reached ();
  return FALSE;
}

static void
test_self_opening_ioproc_is_stopped (void)
{
  MMIOINFO info = { 0 };
  char *path = tu_path ("loop.bin");
  HMMIO h;

  tu_write_file (path, "data", 4);
  g_assert_nonnull (mmioInstallIOProc (FCC_LOOP, loop_proc, MMIO_INSTALLPROC));
  info.fccIOProc = FCC_LOOP;
  loop_opens = 0;
  h = mmioOpen (path, &info, MMIO_READ);
  g_assert_null (h);
  g_assert_cmpuint (info.wErrorRet, ==, MMIOERR_CANNOTOPEN);
  g_assert_cmpint (loop_opens, >, 1);
  g_assert_cmpint (loop_opens, <=, 40);
  g_assert_nonnull (mmioInstallIOProc (FCC_LOOP, loop_proc, MMIO_REMOVEPROC));
  g_free (path);
}

static void
test_extension_never_selects_a_file_format (void)
{
  char *base = tu_path ("a.fmtx");
  char *name = g_strconcat (base, "+elem", NULL);
  MMIOINFO info = { 0 };
  HMMIO h;

  tu_write_file (base, "abcd", 4);
  g_assert_nonnull (mmioInstallIOProc (FCC_FMT, fmt_proc, MMIO_INSTALLPROC));
  /* ".fmtx+" names a file format, not a storage system: the built-in DOS
   * IOProc gets the whole name, which is no file. */
  h = mmioOpen (name, &info, MMIO_READ);
  g_assert_null (h);
  g_assert_cmpuint (info.wErrorRet, ==, MMIOERR_FILENOTFOUND);

  /* Asked for by FOURCC it opens, its child landing on DOS by the name. */
  memset (&info, 0, sizeof info);
  info.fccIOProc = FCC_FMT;
  h = mmioOpen (base, &info, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);

  /* The same for the built-in WAVE IOProc, which once recursed here. */
  g_free (name);
  name = g_strconcat (tu_tmpdir (), "/nothing.wave+x.wav", NULL);
  memset (&info, 0, sizeof info);
  g_assert_null (mmioOpen (name, &info, MMIO_READ));
  g_assert_cmpuint (info.wErrorRet, ==, MMIOERR_FILENOTFOUND);

  /* Listing elements follows the same rule: a file format is no container. */
  {
    MMIOELEMENTSINK sink = { no_element, NULL, NULL };
    char *other = tu_path ("b.nosuchext");
    g_assert_cmpuint (mmioListElements (base, &sink, 0), ==, MMSYSERR_NOTSUPPORTED);
    g_assert_cmpuint (mmioListElements (other, &sink, 0), ==, MMIOERR_IOPROC_NOT_FOUND);
    g_free (other);
  }

  g_assert_nonnull (mmioInstallIOProc (FCC_FMT, fmt_proc, MMIO_REMOVEPROC));
  g_free (name);
  g_free (base);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nesting/self-opening-ioproc", test_self_opening_ioproc_is_stopped);
  g_test_add_func ("/nesting/extension-selects-storage", test_extension_never_selects_a_file_format);
  return g_test_run ();
}
