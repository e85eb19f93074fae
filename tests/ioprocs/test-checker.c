/* test-checker.c — the conformance checker: a correct IOProc gets no
 * findings; small deliberately faulty ones, one per rule, each get the
 * finding for their rule with the message that broke it; one that crashes
 * and one that hangs are reported (signal, timeout, last messages) while
 * this process carries on; the example plugins pass when checked from
 * their module files; a module that does not load is refused with why.
 *
 * All the IOProcs here are one file-backed storage IOProc whose FOURCC
 * selects the fault it commits. */
#include "test-util.h"
#include "ar-builder.h"

#include <mmio/mmio-plugin.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define F(s) mmioFOURCC (s[0], s[1], s[2], s[3])

static const char format_name[] = "Checker test storage";

static gboolean
is (MMIOINFO *info, const char *code)
{
  return info->fccIOProc == F (code);
}

static LONG
file_size (int fd)
{
  struct stat st;
  return fstat (fd, &st) == 0 ? (LONG) st.st_size : -1;
}

static LRESULT
faulty_proc (LPSTR lpinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *info = (MMIOINFO *) lpinfo;
  int fd = (int) info->adwInfo[0];
  HMMIO child;
  LONG n, target;

  memcpy (&child, &info->adwInfo[2], sizeof child);
  switch (msg)
    {
    case MMIOM_OPEN:
      if (is (info, "UNOP"))
        return MMIOERR_CANNOTOPEN;         /* so only unopened rules apply */
      if (is (info, "OLEK") || is (info, "CLEK"))
        {
          /* Opens a child handle it never closes. */
          child = mmioOpen ((LPSTR) p1, NULL, MMIO_READ);
          memcpy (&info->adwInfo[2], &child, sizeof child);
          if (is (info, "OLEK"))
            return MMIOERR_CANNOTOPEN;
        }
      fd = open ((const char *) p1,
                 (info->dwFlags & MMIO_RWMODE) == MMIO_READ ? O_RDONLY : O_RDWR);
      if (fd < 0)
        return MMIOERR_FILENOTFOUND;
      info->adwInfo[0] = (DWORD) fd;
      return 0;
    case MMIOM_CLOSE:
      close (fd);
      return is (info, "CLRS") ? 7 : 0;
    case MMIOM_READ:
      if (is (info, "CRSH"))
        {
          volatile int *nowhere = NULL;
          raise (SIGSEGV);
          return *nowhere;
        }
      if (is (info, "HANG"))
        for (;;)
          g_usleep (100000);
      n = pread (fd, (void *) p1, (size_t) p2, info->lDiskOffset);
      if (n < 0)
        return -1;
      if (n == 0 && is (info, "REOF"))
        return -1;
      if (!is (info, "RDOF"))
        info->lDiskOffset += n;
      if (is (info, "RDRS") && n > 0)
        return n + 1;
      return n;
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
      if (is (info, "WRRB"))
        n = (LONG) p2;                     /* claims it, writes nothing */
      else
        n = pwrite (fd, (const void *) p1, (size_t) p2, info->lDiskOffset);
      if (n < 0)
        return -1;
      if (!is (info, "WROF"))
        info->lDiskOffset += n;
      if (is (info, "WRRS"))
        return n + 3;                      /* claims more than it was given */
      return n;
    case MMIOM_SEEK:
      switch (p2)
        {
        case SEEK_SET: target = p1; break;
        case SEEK_CUR: target = is (info, "SKRS") ? info->lDiskOffset : info->lDiskOffset + p1; break;
        case SEEK_END: target = is (info, "SKEN") ? file_size (fd) + p1 : file_size (fd) - p1; break;
        default: return -1;
        }
      if (target < 0)
        return -1;
      if (!is (info, "SKOF"))
        info->lDiskOffset = target;
      return target;
    case MMIOM_GETFORMATINFO:
      {
        MMFORMATINFO *fi = (MMFORMATINFO *) p1;
        if (is (info, "FIRS"))
          return 5;
        memset (fi, 0, sizeof *fi);
        fi->ulStructLen = is (info, "FILN") ? 20 : sizeof *fi;
        fi->fccIOProc = is (info, "FIFC") ? F ("XXXX") : info->fccIOProc;
        fi->ulIOProcType = is (info, "FITY") ? 9
                           : is (info, "IDPS") ? MMIO_IOPROC_FILEFORMAT
                           : MMIO_IOPROC_STORAGESYSTEM;
        fi->ulMediaType = is (info, "FIMT") ? 0 : MMIO_MEDIATYPE_OTHER;
        fi->ulFlags = MMIO_CANREADWRITEUNTRANSLATED | MMIO_CANSEEKUNTRANSLATED;
        if (is (info, "FIEX"))
          memset (fi->szDefaultFormatExt, 'X', sizeof fi->szDefaultFormatExt);
        else
          strcpy (fi->szDefaultFormatExt, "TST");
        fi->lNameLength = is (info, "FINL") ? 3 : (int32_t) strlen (format_name);
        return 0;
      }
    case MMIOM_GETFORMATNAME:
      n = (LONG) strlen (format_name);
      if (is (info, "FNTR"))
        {
          memcpy ((char *) p1, format_name, (size_t) MIN (n, (LONG) p2));
          return n;                        /* claims the whole name */
        }
      n = MIN (n, (LONG) p2);
      memcpy ((char *) p1, format_name, (size_t) n);
      return n;
    case MMIOM_IDENTIFYFILE:
      if (p2 != 0)
        {
          char b[2];
          mmioRead ((HMMIO) p2, b, is (info, "IDPS") ? 2 : 0);
        }
      return MMIO_ERROR;
    default:
      if (is (info, "USYS") && msg < MMIOM_USER)
        return 1;
      if (is (info, "UUSR") && msg >= MMIOM_USER)
        return 5;
      if (is (info, "UNOP"))
        return 9;
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

static MMIOCHECKREPORT *
run_check (const char *code, const char *plugin, const char *sample,
           ULONG timeout)
{
  MMIOCHECKPARAMS p = { sizeof p, 0, plugin, sample, timeout };
  MMIOCHECKREPORT *rep = NULL;

  if (code != NULL)
    p.fccIOProc = F (code);
  g_assert_cmpuint (mmioCheckIOProc (&p, &rep), ==, MMIO_SUCCESS);
  g_assert_nonnull (rep);
  for (ULONG i = 0; i < rep->cFindings; i++)
    g_test_message ("%s: [%s] %s — %s", code ? code : plugin,
                    rep->pFindings[i].pszRule, rep->pFindings[i].pszMessage,
                    rep->pFindings[i].pszCall);
  for (ULONG i = 0; i < rep->cNotes; i++)
    g_test_message ("note: %s", rep->ppszNotes[i]);
  return rep;
}

static const MMIOCHECKFINDING *
find_rule (MMIOCHECKREPORT *rep, const char *rule)
{
  for (ULONG i = 0; i < rep->cFindings; i++)
    if (strcmp (rep->pFindings[i].pszRule, rule) == 0)
      return &rep->pFindings[i];
  return NULL;
}

static void
test_correct (void)
{
  MMIOCHECKREPORT *rep = run_check ("GOOD", NULL, NULL, 0);
  g_assert_cmpuint (rep->cFindings, ==, 0);
  g_assert_cmpuint (rep->cRulesChecked, >, 20);
  g_assert_cmpint (rep->iSignal, ==, 0);
  g_assert_false (rep->fTimedOut);
  mmioCheckReportFree (rep);
}

typedef struct
{
  const char *code;
  const char *rule;
  const char *call;     /* the message the finding names, or NULL */
} Fault;

static const Fault faults[] = {
  { "RDOF", "read-offset", "MMIOM_READ" },
  { "RDRS", "read-result", "MMIOM_READ" },
  { "REOF", "read-eof", "MMIOM_READ" },
  { "WROF", "write-offset", "MMIOM_WRITE" },
  { "WRRB", "write-readback", NULL },
  { "WRRS", "write-result", "MMIOM_WRITE" },
  { "SKOF", "seek-offset", "MMIOM_SEEK" },
  { "SKRS", "seek-result", "MMIOM_SEEK(3, SEEK_CUR)" },
  { "SKEN", "seek-end", "MMIOM_SEEK(4, SEEK_END)" },
  { "USYS", "unknown-system-message", "0x0EF0" },
  { "UUSR", "unknown-user-message", "MMIOM_USER+0x7123" },
  { "UNOP", "unknown-system-message", "0x0EF0(0, 0) = 9" },
  { "OLEK", "open-leak", NULL },
  { "CLEK", "close-leak", NULL },
  { "CLRS", "close-result", "MMIOM_CLOSE" },
  { "FIRS", "formatinfo-result", "MMIOM_GETFORMATINFO" },
  { "FILN", "formatinfo-length", "MMIOM_GETFORMATINFO" },
  { "FIFC", "formatinfo-fourcc", "MMIOM_GETFORMATINFO" },
  { "FITY", "formatinfo-type", "MMIOM_GETFORMATINFO" },
  { "FIMT", "formatinfo-mediatype", "MMIOM_GETFORMATINFO" },
  { "FIEX", "formatinfo-ext", "MMIOM_GETFORMATINFO" },
  { "FINL", "formatinfo-namelength", "MMIOM_GETFORMATNAME" },
  { "FNTR", "formatname-truncate", "MMIOM_GETFORMATNAME" },
  { "IDPS", "identify-position", "MMIOM_IDENTIFYFILE" },
};

static void
test_fault (gconstpointer data)
{
  const Fault *f = data;
  MMIOCHECKREPORT *rep = run_check (f->code, NULL, NULL, 0);
  const MMIOCHECKFINDING *found = find_rule (rep, f->rule);

  g_assert_nonnull (found);
  g_assert_cmpstr (found->pszMessage, !=, "");
  if (f->call != NULL)
    g_assert_nonnull (strstr (found->pszCall, f->call));
  g_assert_null (find_rule (rep, "crash"));
  g_assert_null (find_rule (rep, "hang"));
  /* A rule broken in a loop is reported a few times, not thousands (an
   * IOProc whose reads never advance once ran into the hang timeout). */
  for (ULONG i = 0; i < rep->cFindings; i++)
    {
      guint same = 0;
      for (ULONG j = 0; j < rep->cFindings; j++)
        same += strcmp (rep->pFindings[i].pszRule, rep->pFindings[j].pszRule) == 0;
      g_assert_cmpuint (same, <=, 8);
    }
  mmioCheckReportFree (rep);
}

static void
test_crash (void)
{
  MMIOCHECKREPORT *rep = run_check ("CRSH", NULL, NULL, 0);
  const MMIOCHECKFINDING *f = find_rule (rep, "crash");

  g_assert_nonnull (f);
  g_assert_cmpint (rep->iSignal, ==, SIGSEGV);
  g_assert_nonnull (strstr (f->pszCall, "MMIOM_READ"));
  /* The last messages end with the one in flight. */
  g_assert_cmpuint (rep->cLastCalls, >=, 2);
  g_assert_nonnull (strstr (rep->ppszLastCalls[rep->cLastCalls - 1], "MMIOM_READ"));
  g_assert_nonnull (strstr (rep->ppszLastCalls[rep->cLastCalls - 2], "MMIOM_SEEK"));
  mmioCheckReportFree (rep);
}

static void
test_hang (void)
{
  MMIOCHECKREPORT *rep = run_check ("HANG", NULL, NULL, 1500);
  const MMIOCHECKFINDING *f = find_rule (rep, "hang");

  g_assert_nonnull (f);
  g_assert_true (rep->fTimedOut);
  g_assert_nonnull (strstr (f->pszCall, "MMIOM_READ"));
  g_assert_cmpuint (rep->cLastCalls, >=, 1);
  mmioCheckReportFree (rep);
}

static void
test_not_installed (void)
{
  MMIOCHECKPARAMS p = { sizeof p, F ("NONE"), NULL, NULL, 0 };
  MMIOCHECKREPORT *rep = NULL;
  g_assert_cmpuint (mmioCheckIOProc (&p, &rep), ==, MMIOERR_IOPROC_NOT_FOUND);
  g_assert_null (rep);
}

static void
test_plugin_files (void)
{
  GByteArray *a = ar_sample ();
  char *lib = tu_path ("check.a"), *sample;
  MMIOCHECKREPORT *rep;

  tu_write_file (lib, a->data, a->len);
  sample = g_strconcat (lib, "+a-very-long-member-name.data", NULL);
  rep = run_check (NULL, g_getenv ("RIFFSCOPE_AR_PLUGIN"), sample, 0);
  g_assert_cmpuint (rep->fccIOProc, ==, F ("A   "));
  g_assert_cmpuint (rep->cFindings, ==, 0);
  g_assert_cmpuint (rep->cRulesChecked, >, 20);
  mmioCheckReportFree (rep);
  g_free (sample);

  /* The au plugin on a small .au file. */
  {
    static const guint8 au[] = {
      '.', 's', 'n', 'd', 0, 0, 0, 24, 0, 0, 0, 8, 0, 0, 0, 3,
      0, 0, 0x1f, 0x40, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8 };
    char *path = tu_path ("check.au");
    tu_write_file (path, au, sizeof au);
    rep = run_check (NULL, g_getenv ("RIFFSCOPE_AU_PLUGIN"), path, 0);
    g_assert_cmpuint (rep->cFindings, ==, 0);
    mmioCheckReportFree (rep);
    g_free (path);
  }

  /* A module that does not load: refused, with the reason kept. */
  {
    MMIOCHECKPARAMS p = { sizeof p, 0, g_getenv ("RIFFSCOPE_BROKEN_NOSYM"), NULL, 0 };
    MMIOPLUGINERROR err;
    rep = NULL;
    g_assert_cmpuint (mmioCheckIOProc (&p, &rep), ==, MMIOERR_PLUGIN_LOAD_FAILED);
    g_assert_null (rep);
    mmioIniFileLastError (&err);
    g_assert_cmpuint (err.ulReason, ==, MMIO_PLUGIN_E_MISSING_SYMBOL);
  }
  g_byte_array_unref (a);
  g_free (lib);
}

static void
test_rules_listed (void)
{
  const char *const *r = mmioCheckRules ();
  guint n = 0;
  for (; r[n] != NULL; n += 2)
    g_assert_nonnull (r[n + 1]);
  g_assert_cmpuint (n / 2, ==, 25);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      gboolean listed = FALSE;
      for (guint j = 0; r[j] != NULL; j += 2)
        listed |= strcmp (r[j], faults[i].rule) == 0;
      g_assert_true (listed);
    }
}

int
main (int argc, char **argv)
{
  const char *codes[] = { "GOOD", "CRSH", "HANG" };

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    mmioInstallIOProc (F (codes[i]), faulty_proc, MMIO_INSTALLPROC);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      char *path = g_strdup_printf ("/checker/fault/%s/%s", faults[i].rule, faults[i].code);
      mmioInstallIOProc (F (faults[i].code), faulty_proc, MMIO_INSTALLPROC);
      g_test_add_data_func (path, &faults[i], test_fault);
      g_free (path);
    }
  g_test_add_func ("/checker/correct", test_correct);
  g_test_add_func ("/checker/crash", test_crash);
  g_test_add_func ("/checker/hang", test_hang);
  g_test_add_func ("/checker/not-installed", test_not_installed);
  g_test_add_func ("/checker/plugin-files", test_plugin_files);
  g_test_add_func ("/checker/rules", test_rules_listed);
  return g_test_run ();
}
