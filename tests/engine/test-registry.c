/* test-registry.c — mmioInstallIOProc (reference 4): install newest first
 * with duplicates, find, remove by FOURCC and by address, refusal while a
 * handle uses an entry and for the built-ins, MMIOM_GETFORMATINFO at
 * install. */
#include "test-util.h"

#include <mmio/mmio-ioproc.h>
#include <string.h>

#define FCC(s) mmioStringToFOURCC (s, 0)

static guint formatinfo_asked;
static UINT opened_by;        /* which proc answered the last MMIOM_OPEN */

static LRESULT
proc_common (UINT id, LPSTR lpmmioinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *info = (MMIOINFO *) lpmmioinfo;
  switch (msg)
    {
    case MMIOM_OPEN:
      opened_by = id;
      return 0;
    case MMIOM_CLOSE:
      return 0;
    case MMIOM_READ:
      memset ((void *) p1, (int) id, (size_t) p2);
      info->lDiskOffset += p2;
      return p2;
    case MMIOM_SEEK:
      info->lDiskOffset = p1;
      return p1;
    case MMIOM_GETFORMATINFO:
      formatinfo_asked++;
      return MMIOERR_UNSUPPORTED_MESSAGE;
    case MMIOM_USER:
      return id;
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

static LRESULT proc_a (LPSTR i, UINT m, LPARAM a, LPARAM b) { return proc_common ('a', i, m, a, b); }
static LRESULT proc_b (LPSTR i, UINT m, LPARAM a, LPARAM b) { return proc_common ('b', i, m, a, b); }
static LRESULT proc_c (LPSTR i, UINT m, LPARAM a, LPARAM b) { return proc_common ('c', i, m, a, b); }

static UINT
open_and_ask (FOURCC fcc)
{
  MMIOINFO in = { 0 };
  HMMIO h;
  LRESULT r;

  in.fccIOProc = fcc;
  h = mmioOpen ((LPSTR) "x", &in, MMIO_READ);
  if (h == NULL)
    return 0;
  r = mmioSendMessage (h, MMIOM_USER, 0, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  return (UINT) r;
}

static void
test_install_find_remove (void)
{
  FOURCC f = FCC ("REG1");

  g_assert_null (mmioInstallIOProc (f, NULL, MMIO_FINDPROC));
  formatinfo_asked = 0;
  g_assert_true (mmioInstallIOProc (f, proc_a, MMIO_INSTALLPROC) == proc_a);
  /* The manager asked the new IOProc to describe itself. */
  g_assert_cmpuint (formatinfo_asked, ==, 1);
  g_assert_true (mmioInstallIOProc (f, NULL, MMIO_FINDPROC) == proc_a);
  g_assert_cmpuint (open_and_ask (f), ==, 'a');

  /* Newest first; the same FOURCC again is allowed, even the same proc. */
  g_assert_true (mmioInstallIOProc (f, proc_b, MMIO_INSTALLPROC | MMIO_GLOBALPROC) == proc_b);
  g_assert_true (mmioInstallIOProc (f, NULL, MMIO_FINDPROC) == proc_b);
  g_assert_cmpuint (open_and_ask (f), ==, 'b');
  g_assert_true (mmioInstallIOProc (f, proc_a, MMIO_INSTALLPROC) == proc_a);
  g_assert_true (mmioInstallIOProc (f, NULL, MMIO_FINDPROC) == proc_a);

  /* Remove by FOURCC takes the newest: a, then b, then the older a. */
  g_assert_true (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC) == proc_a);
  g_assert_true (mmioInstallIOProc (f, NULL, MMIO_FINDPROC) == proc_b);
  g_assert_true (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC) == proc_b);
  g_assert_true (mmioInstallIOProc (f, NULL, MMIO_FINDPROC) == proc_a);
  g_assert_true (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC) == proc_a);
  g_assert_null (mmioInstallIOProc (f, NULL, MMIO_FINDPROC));
  g_assert_null (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC));
  g_assert_cmpuint (open_and_ask (f), ==, 0);
}

static void
test_remove_by_proc (void)
{
  FOURCC f1 = FCC ("REG2"), f2 = FCC ("REG3");

  g_assert_nonnull (mmioInstallIOProc (f1, proc_c, MMIO_INSTALLPROC));
  g_assert_nonnull (mmioInstallIOProc (f2, proc_b, MMIO_INSTALLPROC));
  g_assert_nonnull (mmioInstallIOProc (f2, proc_c, MMIO_INSTALLPROC));
  /* FOURCC 0: the newest entry with that address, whatever its FOURCC. */
  g_assert_true (mmioInstallIOProc (0, proc_c, MMIO_REMOVEPROC) == proc_c);
  g_assert_true (mmioInstallIOProc (f2, NULL, MMIO_FINDPROC) == proc_b);
  g_assert_true (mmioInstallIOProc (f1, NULL, MMIO_FINDPROC) == proc_c);
  g_assert_true (mmioInstallIOProc (0, proc_c, MMIO_REMOVEPROC) == proc_c);
  g_assert_null (mmioInstallIOProc (f1, NULL, MMIO_FINDPROC));
  g_assert_null (mmioInstallIOProc (0, proc_c, MMIO_REMOVEPROC));
  g_assert_true (mmioInstallIOProc (0, proc_b, MMIO_REMOVEPROC) == proc_b);
  g_assert_null (mmioInstallIOProc (f2, NULL, MMIO_FINDPROC));
  /* With a FOURCC the address is not looked at. */
  g_assert_nonnull (mmioInstallIOProc (f2, proc_a, MMIO_INSTALLPROC));
  g_assert_true (mmioInstallIOProc (f2, proc_b, MMIO_REMOVEPROC) == proc_a);
}

static void
test_remove_in_use (void)
{
  FOURCC f = FCC ("REG4");
  MMIOINFO in = { 0 };
  HMMIO h, h2;

  g_assert_nonnull (mmioInstallIOProc (f, proc_a, MMIO_INSTALLPROC));
  in.fccIOProc = f;
  h = mmioOpen ((LPSTR) "x", &in, MMIO_READ);
  g_assert_nonnull (h);
  h2 = mmioOpen ((LPSTR) "y", &in, MMIO_READ);
  g_assert_nonnull (h2);
  g_assert_null (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC));
  g_assert_null (mmioInstallIOProc (0, proc_a, MMIO_REMOVEPROC));
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_assert_null (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC));
  g_assert_cmpuint (mmioClose (h2, 0), ==, 0);
  g_assert_true (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC) == proc_a);

  /* A newer entry shadows the busy one: the newest is what removal sees,
   * and it is free. */
  g_assert_nonnull (mmioInstallIOProc (f, proc_a, MMIO_INSTALLPROC));
  h = mmioOpen ((LPSTR) "x", &in, MMIO_READ);
  g_assert_nonnull (mmioInstallIOProc (f, proc_b, MMIO_INSTALLPROC));
  g_assert_true (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC) == proc_b);
  g_assert_null (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC));
  /* The open handle still works with its entry. */
  g_assert_cmpint (mmioSendMessage (h, MMIOM_USER, 0, 0), ==, 'a');
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_assert_true (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC) == proc_a);
}

static void
test_builtins (void)
{
  LPMMIOPROC dos = mmioInstallIOProc (FOURCC_DOS, NULL, MMIO_FINDPROC);
  LPMMIOPROC mem = mmioInstallIOProc (FOURCC_MEM, NULL, MMIO_FINDPROC);

  g_assert_nonnull (dos);
  g_assert_nonnull (mem);
  g_assert_true (dos != mem);
  g_assert_null (mmioInstallIOProc (FOURCC_DOS, NULL, MMIO_REMOVEPROC));
  g_assert_null (mmioInstallIOProc (FOURCC_MEM, NULL, MMIO_REMOVEPROC));
  g_assert_null (mmioInstallIOProc (0, dos, MMIO_REMOVEPROC));
  g_assert_true (mmioInstallIOProc (FOURCC_DOS, NULL, MMIO_FINDPROC) == dos);

  /* Shadowing is allowed, and removing the shadow works; the built-in
   * underneath still cannot be removed. */
  g_assert_nonnull (mmioInstallIOProc (FOURCC_MEM, proc_c, MMIO_INSTALLPROC));
  g_assert_true (mmioInstallIOProc (FOURCC_MEM, NULL, MMIO_FINDPROC) == proc_c);
  g_assert_true (mmioInstallIOProc (FOURCC_MEM, NULL, MMIO_REMOVEPROC) == proc_c);
  g_assert_null (mmioInstallIOProc (FOURCC_MEM, NULL, MMIO_REMOVEPROC));
  g_assert_true (mmioInstallIOProc (FOURCC_MEM, NULL, MMIO_FINDPROC) == mem);
}

static void
test_bad_calls (void)
{
  FOURCC f = FCC ("REG5");

  g_assert_null (mmioInstallIOProc (f, NULL, MMIO_INSTALLPROC));
  g_assert_null (mmioInstallIOProc (f, NULL, MMIO_FINDPROC));
  g_assert_null (mmioInstallIOProc (f, proc_a, 0));
  g_assert_null (mmioInstallIOProc (f, proc_a, MMIO_INSTALLPROC | MMIO_REMOVEPROC));
  g_assert_null (mmioInstallIOProc (f, proc_a, MMIO_INSTALLPROC | MMIO_FINDPROC));
  g_assert_null (mmioInstallIOProc (f, NULL, MMIO_FINDPROC));
  /* GLOBALPROC alone is not an action. */
  g_assert_null (mmioInstallIOProc (f, proc_a, MMIO_GLOBALPROC));
  g_assert_null (mmioInstallIOProc (f, NULL, MMIO_FINDPROC));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/registry/install-find-remove", test_install_find_remove);
  g_test_add_func ("/registry/remove-by-proc", test_remove_by_proc);
  g_test_add_func ("/registry/remove-in-use", test_remove_in_use);
  g_test_add_func ("/registry/builtins", test_builtins);
  g_test_add_func ("/registry/bad-calls", test_bad_calls);
  return g_test_run ();
}
