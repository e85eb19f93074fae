/* test-inifile.c — the persistent IOProc registry (mmioIniFileHandler):
 * install both example plugins, use them through mmioOpen (by extension
 * and by FOURCC, loaded on demand), find them by FOURCC, module and
 * procedure name, enumerate with MATCHFIRST/MATCHNEXT, remove them; and
 * refuse what must be refused (relative paths, modules that do not load,
 * FOURCCs a module does not provide). XDG_CONFIG_HOME points at a
 * temporary folder. */
#include "test-util.h"
#include "ar-builder.h"

#include <mmio/mmio-plugin.h>
#include <glib/gstdio.h>
#include <string.h>

#define FCC_AR mmioFOURCC ('A', ' ', ' ', ' ')
#define FCC_AU mmioFOURCC ('A', 'U', ' ', ' ')

static char *archive;

static ULONG
install (FOURCC fcc, const char *dll, const char *proc, ULONG flags)
{
  MMINIFILEINFO info;
  memset (&info, 0, sizeof info);
  info.fccIOProc = fcc;
  g_strlcpy (info.szDLLName, dll, sizeof info.szDLLName);
  g_strlcpy (info.szProcName, proc ? proc : "", sizeof info.szProcName);
  return mmioIniFileHandler (&info, MMIO_INSTALLPROC | flags);
}

static ULONG
count_entries_rc (void)
{
  MMINIFILEINFO info;
  memset (&info, 0, sizeof info);
  return mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHFIRST);
}

static guint
count_entries (void)
{
  MMINIFILEINFO info;
  guint n = 0;
  ULONG rc;

  memset (&info, 0, sizeof info);
  for (rc = mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHFIRST);
       rc == MMIO_SUCCESS;
       rc = mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHNEXT))
    n++;
  g_assert_cmpuint (rc, ==, MMIOERR_MATCH_NOT_FOUND);
  return n;
}

static void
read_member (const char *member, const char *expect)
{
  char *name = g_strconcat (archive, "+", member, NULL);
  char buf[64] = { 0 };
  HMMIO h = mmioOpen (name, NULL, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, buf, sizeof buf), ==, (LONG) strlen (expect));
  g_assert_cmpstr (buf, ==, expect);
  mmioClose (h, 0);
  g_free (name);
}

static void
test_install_use_find_remove (void)
{
  const char *ar = g_getenv ("RIFFSCOPE_AR_PLUGIN");
  const char *au = g_getenv ("RIFFSCOPE_AU_PLUGIN");
  MMINIFILEINFO info;
  char *ini = mmioIniFilePath (), *base;
  char *name;

  g_assert_true (g_str_has_prefix (ini, tu_tmpdir ()));
  g_assert_false (g_file_test (ini, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (), ==, 0);

  /* Before installation the archive name goes to DOS, which finds no such
   * file. */
  name = g_strconcat (archive, "+hello.txt", NULL);
  g_assert_null (mmioOpen (name, NULL, MMIO_READ));

  g_assert_cmpuint (install (FCC_AR, ar, NULL, 0), ==, MMIO_SUCCESS);
  g_assert_cmpuint (install (FCC_AU, au, "au_ioproc", 0), ==, MMIO_SUCCESS);
  g_assert_true (g_file_test (ini, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_entries (), ==, 2);

  /* Use: the extension picks the INI-installed storage IOProc. */
  read_member ("hello.txt", "Hello, world\n");
  read_member ("a-very-long-member-name.data", "abcdefghijklmnopqrstuvwxyz");

  /* Find by FOURCC: described from its MMIOM_GETFORMATINFO. */
  memset (&info, 0, sizeof info);
  info.fccIOProc = FCC_AR;
  g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHFOURCC), ==, MMIO_SUCCESS);
  base = g_path_get_basename (ar);
  g_assert_cmpstr (info.szDLLName, ==, base);
  g_assert_cmpstr (info.szProcName, ==, "ar_ioproc");
  g_assert_cmpuint (info.ulIOProcType, ==, MMIO_IOPROC_STORAGESYSTEM);
  g_assert_cmpuint (info.ulMediaType, ==, MMIO_MEDIATYPE_COMPOUND);
  g_assert_cmpstr (info.szDefExt, ==, "A");
  /* FULLPATH gives the path as installed. */
  g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHFOURCC | MMIO_FULLPATH), ==, MMIO_SUCCESS);
  g_assert_cmpstr (info.szDLLName, ==, ar);

  /* Find by module (file name or full path) and by procedure name. */
  memset (&info, 0, sizeof info);
  g_strlcpy (info.szDLLName, "riffscope-au.so", sizeof info.szDLLName);
  g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHDLL), ==, MMIO_SUCCESS);
  g_assert_cmpuint (info.fccIOProc, ==, FCC_AU);
  g_assert_cmpuint (info.ulMediaType, ==, MMIO_MEDIATYPE_AUDIO);
  memset (&info, 0, sizeof info);
  g_strlcpy (info.szProcName, "ar_ioproc", sizeof info.szProcName);
  g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHPROCEDURENAME), ==, MMIO_SUCCESS);
  g_assert_cmpuint (info.fccIOProc, ==, FCC_AR);
  memset (&info, 0, sizeof info);
  g_strlcpy (info.szProcName, "nobody", sizeof info.szProcName);
  g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHPROCEDURENAME), ==, MMIOERR_MATCH_NOT_FOUND);

  /* Enumerate in installation order. */
  memset (&info, 0, sizeof info);
  g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHFIRST), ==, MMIO_SUCCESS);
  g_assert_cmpuint (info.fccIOProc, ==, FCC_AR);
  g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHNEXT), ==, MMIO_SUCCESS);
  g_assert_cmpuint (info.fccIOProc, ==, FCC_AU);
  g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHNEXT), ==, MMIOERR_MATCH_NOT_FOUND);

  /* Installing the same FOURCC again replaces the entry. */
  g_assert_cmpuint (install (FCC_AR, ar, "ar_ioproc", 0), ==, MMIO_SUCCESS);
  g_assert_cmpuint (count_entries (), ==, 2);

  /* Remove by FOURCC: the archive name goes back to DOS. */
  memset (&info, 0, sizeof info);
  info.fccIOProc = FCC_AR;
  g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_REMOVEPROC | MMIO_MATCHFOURCC), ==, MMIO_SUCCESS);
  g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHFOURCC), ==, MMIOERR_MATCH_NOT_FOUND);
  g_assert_null (mmioOpen (name, NULL, MMIO_READ));
  g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_REMOVEPROC), ==, MMIOERR_MATCH_NOT_FOUND);

  /* Remove by module. */
  memset (&info, 0, sizeof info);
  g_strlcpy (info.szDLLName, au, sizeof info.szDLLName);
  g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_REMOVEPROC | MMIO_MATCHDLL), ==, MMIO_SUCCESS);
  g_assert_cmpuint (count_entries (), ==, 0);

  g_free (base);
  g_free (name);
  g_free (ini);
}

static void
test_atomic_file (void)
{
  char *ini = mmioIniFilePath ();
  char *dir = g_path_get_dirname (ini);
  GDir *d;
  const char *n;
  GKeyFile *kf = g_key_file_new ();

  g_assert_cmpuint (install (FCC_AR, g_getenv ("RIFFSCOPE_AR_PLUGIN"), NULL, 0), ==, MMIO_SUCCESS);
  /* Only the key file itself is left in the folder: no temporaries. */
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((n = g_dir_read_name (d)) != NULL)
    g_assert_cmpstr (n, ==, "ioprocs.ini");
  g_dir_close (d);
  g_assert_true (g_key_file_load_from_file (kf, ini, G_KEY_FILE_NONE, NULL));
  g_assert_true (g_key_file_has_group (kf, "IOProc 20202041"));
  g_key_file_unref (kf);
  {
    MMINIFILEINFO info = { 0 };
    info.fccIOProc = FCC_AR;
    g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_REMOVEPROC), ==, MMIO_SUCCESS);
  }
  g_free (dir);
  g_free (ini);
}

static void
test_refusals (void)
{
  const char *ar = g_getenv ("RIFFSCOPE_AR_PLUGIN");
  MMIOPLUGINERROR err;
  char *ini = mmioIniFilePath ();
  char *plugdir = g_path_get_dirname (ar);
  char *cwd = g_get_current_dir ();
  char *name;

  /* A relative module name is refused, even from the folder holding it. */
  g_assert_cmpint (g_chdir (plugdir), ==, 0);
  g_assert_cmpuint (install (FCC_AR, "riffscope-ar.so", NULL, 0), ==, MMIOERR_INVALID_DLLNAME);
  g_assert_cmpuint (install (FCC_AR, "riffscope-ar.so", NULL, MMIO_NOVERIFY), ==, MMIOERR_INVALID_DLLNAME);
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  /* A module that does not exist, or does not load: the reason is kept. */
  name = tu_path ("missing.so");
  g_assert_cmpuint (install (FCC_AR, name, NULL, 0), ==, MMIOERR_INVALID_DLLNAME);
  mmioIniFileLastError (&err);
  g_assert_cmpuint (err.ulReason, ==, MMIO_PLUGIN_E_NOT_FOUND);
  g_free (name);
  g_assert_cmpuint (install (mmioFOURCC ('A', 'B', 'I', ' '), g_getenv ("RIFFSCOPE_BROKEN_ABI"), NULL, 0),
                    ==, MMIOERR_PLUGIN_LOAD_FAILED);
  mmioIniFileLastError (&err);
  g_assert_cmpuint (err.ulReason, ==, MMIO_PLUGIN_E_ABI_VERSION);
  g_assert_cmpuint (install (mmioFOURCC ('U', 'N', 'D', 'F'), g_getenv ("RIFFSCOPE_BROKEN_UNDEF"), NULL, 0),
                    ==, MMIOERR_PLUGIN_LOAD_FAILED);
  mmioIniFileLastError (&err);
  g_assert_cmpuint (err.ulReason, ==, MMIO_PLUGIN_E_UNDEFINED_SYMBOL);

  /* A FOURCC or procedure the module does not provide. */
  g_assert_cmpuint (install (mmioFOURCC ('Z', 'Z', 'Z', 'Z'), ar, NULL, 0), ==, MMIOERR_INVALID_PROCEDURENAME);
  mmioIniFileLastError (&err);
  g_assert_cmpuint (err.ulReason, ==, MMIO_PLUGIN_E_NO_SUCH_IOPROC);
  g_assert_cmpuint (install (FCC_AR, ar, "not_the_name", 0), ==, MMIOERR_INVALID_PROCEDURENAME);
  g_assert_cmpuint (count_entries (), ==, 0);

  /* NOVERIFY stores without loading; a lookup then loads on demand and
   * fails cleanly, recording why. */
  name = tu_path ("later.so");
  g_assert_cmpuint (install (mmioFOURCC ('L', 'A', 'T', 'R'), name, "x", MMIO_NOVERIFY), ==, MMIO_SUCCESS);
  g_assert_null (mmioOpen ("file.latr+x", NULL, MMIO_READ));
  mmioIniFileLastError (&err);
  g_assert_cmpuint (err.ulReason, ==, MMIO_PLUGIN_E_NOT_FOUND);
  {
    MMINIFILEINFO info = { 0 };
    info.fccIOProc = mmioFOURCC ('L', 'A', 'T', 'R');
    g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_REMOVEPROC), ==, MMIO_SUCCESS);
  }
  g_free (name);

  /* A key file edited by hand to name a relative module: ignored. */
  {
    const char *text = "[IOProc 20202041]\nFOURCC=A\nModule=riffscope-ar.so\nProcedure=ar_ioproc\n";
    MMINIFILEINFO info = { 0 };
    g_assert_true (g_file_set_contents (ini, text, -1, NULL));
    g_assert_cmpint (g_chdir (plugdir), ==, 0);
    info.fccIOProc = FCC_AR;
    g_assert_cmpuint (mmioIniFileHandler (&info, MMIO_FINDPROC), ==, MMIOERR_MATCH_NOT_FOUND);
    name = g_strconcat (archive, "+hello.txt", NULL);
    g_assert_null (mmioOpen (name, NULL, MMIO_READ));
    g_free (name);
    g_assert_cmpint (g_chdir (cwd), ==, 0);
    g_unlink (ini);
  }
  /* A key file that is not one is an INI_READ error, not a crash. */
  g_assert_true (g_file_set_contents (ini, "[broken\n\x01\x02", -1, NULL));
  g_assert_cmpuint (count_entries_rc (), ==, MMIOERR_INI_READ);
  g_unlink (ini);

  g_free (cwd);
  g_free (plugdir);
  g_free (ini);
}

int
main (int argc, char **argv)
{
  GByteArray *a;
  char *config;

  g_test_init (&argc, &argv, NULL);
  config = g_build_filename (tu_tmpdir (), "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  archive = tu_path ("libx.a");
  a = ar_sample ();
  tu_write_file (archive, a->data, a->len);
  g_byte_array_unref (a);

  g_test_add_func ("/inifile/install-use-find-remove", test_install_use_find_remove);
  g_test_add_func ("/inifile/atomic-file", test_atomic_file);
  g_test_add_func ("/inifile/refusals", test_refusals);
  {
    int rc = g_test_run ();
    g_free (config);
    g_free (archive);
    return rc;
  }
}
