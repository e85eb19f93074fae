/* checker.c — mmioCheckIOProc: runs the conformance rules (checker-rules.c)
 * against one IOProc in a child process, so an IOProc that crashes or
 * hangs is reported — with the signal, or the timeout, and the messages
 * traced just before — while the caller carries on.
 *
 * The child is a fork of the caller: it inherits the IOProc table, so an
 * IOProc installed in this process is checked as it is. The sample is
 * copied to a private folder first: the write rules change the copy, never
 * the user's file. The child reports over a pipe as it goes (see
 * checker-private.h), so what it said before dying is not lost.
 *
 * fork() in a process with other threads only copies the calling thread;
 * a lock another thread held at that moment stays held in the child. The
 * checker then reports a hang, never hangs the caller. */
#include "checker-private.h"
#include "mmio-i18n.h"
#include "plugin-private.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#define LAST_CALLS 16
#define DEFAULT_TIMEOUT_MS 20000

const char *const *
mmioCheckRules (void)
{
  static const char *rules[2 * 32 + 1];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      const char *r[] = {
        "read-result", N_("A read returns the bytes read, 0 at the end, or -1"),
        "read-offset", N_("lDiskOffset moves by the bytes read"),
        "read-eof", N_("A read at the end of the file returns 0"),
        "write-result", N_("A write returns the bytes written or -1"),
        "write-offset", N_("lDiskOffset moves by the bytes written"),
        "write-readback", N_("Written bytes read back unchanged"),
        "seek-offset", N_("After a seek lDiskOffset holds the new position"),
        "seek-result", N_("SEEK_SET and SEEK_CUR return the position they reach"),
        "seek-end", N_("SEEK_END subtracts the offset from the file size"),
        "unknown-system-message", N_("Unknown system messages are answered 0 or MMIOERR_UNSUPPORTED_MESSAGE"),
        "unknown-user-message", N_("Unknown user messages are answered 0 or MMIOERR_UNSUPPORTED_MESSAGE"),
        "open-leak", N_("A failed open leaves no child handle open"),
        "close-result", N_("Closing a successfully opened file returns 0"),
        "close-leak", N_("Closing closes every child handle the IOProc opened"),
        "formatinfo-result", N_("MMIOM_GETFORMATINFO answers MMIO_SUCCESS or MMIOERR_UNSUPPORTED_MESSAGE"),
        "formatinfo-length", N_("MMFORMATINFO.ulStructLen is the structure's size"),
        "formatinfo-fourcc", N_("MMFORMATINFO.fccIOProc is the IOProc's FOURCC"),
        "formatinfo-type", N_("MMFORMATINFO.ulIOProcType is a known IOProc type"),
        "formatinfo-mediatype", N_("MMFORMATINFO.ulMediaType is made of MMIO_MEDIATYPE_* bits"),
        "formatinfo-ext", N_("MMFORMATINFO.szDefaultFormatExt is NUL-terminated"),
        "formatinfo-namelength", N_("lNameLength matches what MMIOM_GETFORMATNAME copies"),
        "formatname-truncate", N_("MMIOM_GETFORMATNAME never copies more than the buffer holds"),
        "identify-position", N_("MMIOM_IDENTIFYFILE leaves the file position unchanged"),
        "crash", N_("The IOProc does not crash"),
        "hang", N_("The IOProc answers within the time limit"),
        NULL,
      };
      mmio_i18n_init ();
      for (guint i = 0; r[i] != NULL && i + 1 < G_N_ELEMENTS (rules); i += 2)
        {
          rules[i] = r[i];
          rules[i + 1] = _(r[i + 1]);
        }
      g_once_init_leave (&done, 1);
    }
  return rules;
}

/* ---- Preparing the sample ------------------------------------------------- */

/* Streamed, so a sample of any size costs a buffer, not its size. */
static gboolean
copy_file (const char *from, const char *to)
{
  FILE *in = fopen (from, "rb"), *out;
  char buf[65536];
  gboolean ok = in != NULL;
  size_t n;

  if (!ok)
    return FALSE;
  out = fopen (to, "wb");
  ok = out != NULL;
  while (ok && (n = fread (buf, 1, sizeof buf, in)) > 0)
    ok = fwrite (buf, 1, n, out) == n;
  ok = ok && !ferror (in);
  if (out != NULL && fclose (out) != 0)
    ok = FALSE;
  fclose (in);
  return ok;
}

/* Copies the physical file of sample (the part before the last '+' when
 * the whole name is not a file) into dir under base, and returns the name
 * to open, with the element part kept. */
static char *
copy_sample (const char *sample, const char *dir, const char *base)
{
  const char *plus = strrchr (sample, '+');
  char *phys, *to, *name = NULL;
  const char *element = NULL;

  if (g_file_test (sample, G_FILE_TEST_IS_REGULAR) || plus == NULL)
    phys = g_strdup (sample);
  else
    {
      phys = g_strndup (sample, (gsize) (plus - sample));
      element = plus;
    }
  {
    char *b = g_path_get_basename (phys);
    char *n = g_strconcat (base, "-", b, NULL);
    to = g_build_filename (dir, n, NULL);
    g_free (n);
    g_free (b);
  }
  if (copy_file (phys, to))
    name = element ? g_strconcat (to, element, NULL) : g_strdup (to);
  g_free (to);
  g_free (phys);
  return name;
}

static void
remove_dir (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *n;

  if (d != NULL)
    {
      while ((n = g_dir_read_name (d)) != NULL)
        {
          char *p = g_build_filename (dir, n, NULL);
          g_unlink (p);
          g_free (p);
        }
      g_dir_close (d);
    }
  g_rmdir (dir);
}

/* ---- Collecting the child's report ---------------------------------------- */

typedef struct
{
  GPtrArray *findings;     /* MMIOCHECKFINDING* */
  GPtrArray *notes;        /* char* */
  GQueue     last;         /* char*, at most LAST_CALLS */
  char      *in_flight;
  ULONG      checked;
  gboolean   done;
  GString   *partial;
} Collect;

static void
push_last (Collect *col, char *call)
{
  g_queue_push_tail (&col->last, call);
  while (col->last.length > LAST_CALLS)
    g_free (g_queue_pop_head (&col->last));
}

static void
add_finding (Collect *col, const char *rule, const char *msg, const char *call)
{
  MMIOCHECKFINDING *f = g_new0 (MMIOCHECKFINDING, 1);
  f->pszRule = g_strdup (rule);
  f->pszMessage = g_strdup (msg);
  f->pszCall = g_strdup (call ? call : "");
  g_ptr_array_add (col->findings, f);
}

static void
handle_line (Collect *col, const char *line)
{
  char **f = g_strsplit (line, "\t", 4);
  guint n = g_strv_length (f);

  for (guint i = 1; i < n; i++)
    {
      char *u = g_strcompress (f[i]);
      g_free (f[i]);
      f[i] = u;
    }
  if (n >= 2 && strcmp (f[0], "S") == 0)
    {
      g_free (col->in_flight);
      col->in_flight = g_strdup (f[1]);
    }
  else if (n >= 2 && strcmp (f[0], "T") == 0)
    {
      push_last (col, g_strdup (f[1]));
      g_clear_pointer (&col->in_flight, g_free);
    }
  else if (n >= 4 && strcmp (f[0], "F") == 0)
    add_finding (col, f[1], f[2], f[3]);
  else if (n >= 2 && strcmp (f[0], "N") == 0)
    g_ptr_array_add (col->notes, g_strdup (f[1]));
  else if (n >= 2 && strcmp (f[0], "C") == 0)
    col->checked = (ULONG) g_ascii_strtoull (f[1], NULL, 10);
  else if (strcmp (f[0], "D") == 0)
    col->done = TRUE;
  g_strfreev (f);
}

static void
feed (Collect *col, const char *buf, gsize len)
{
  char *nl;

  g_string_append_len (col->partial, buf, (gssize) len);
  while ((nl = memchr (col->partial->str, '\n', col->partial->len)) != NULL)
    {
      *nl = 0;
      handle_line (col, col->partial->str);
      g_string_erase (col->partial, 0, nl - col->partial->str + 1);
    }
}

/* Reads until the child closes the pipe or the deadline passes. */
static gboolean
collect (int fd, gint64 deadline, Collect *col)
{
  char buf[4096];

  for (;;)
    {
      struct pollfd p = { fd, POLLIN, 0 };
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      int r;
      ssize_t n;

      if (left <= 0)
        return FALSE;
      r = poll (&p, 1, (int) MIN (left, 1000));
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        return FALSE;
      if (r == 0)
        continue;
      n = read (fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return TRUE;
      feed (col, buf, (gsize) n);
    }
}

static void
child_main (const MmioCheckRun *run)
{
  static const int deadly[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS };
  struct rlimit no_core = { 0, 0 };
  struct sigaction dfl;

  /* Die of the signal itself, not of a sanitizer's or the app's handler,
   * so the parent sees which one; and leave no core file behind. */
  memset (&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  for (guint i = 0; i < G_N_ELEMENTS (deadly); i++)
    sigaction (deadly[i], &dfl, NULL);
  setrlimit (RLIMIT_CORE, &no_core);
  mmio_check_run (run);
}

/* ---- mmioCheckIOProc ------------------------------------------------------- */

static LPMMIOPROC
resolve (const MMIOCHECKPARAMS *p, FOURCC *fcc)
{
  MMIOPLUGINERROR err;
  MMIOPLUGIN *plugin;
  const MMIOPLUGINPROC *pp;

  if (p->pszPlugin == NULL)
    return NULL;
  plugin = mmioPluginLoad (p->pszPlugin, &err);
  if (plugin == NULL)
    return NULL;
  pp = mmio_plugin_find_proc (plugin, p->fccIOProc, NULL);
  if (pp == NULL)
    {
      err.ulReason = MMIO_PLUGIN_E_NO_SUCH_IOPROC;
      g_snprintf (err.szMessage, sizeof err.szMessage, "%s",
                  mmioPluginReasonString (MMIO_PLUGIN_E_NO_SUCH_IOPROC));
      mmio_plugin_remember_error (&err);
      return NULL;
    }
  *fcc = pp->fccIOProc;
  return pp->pIOProc;
}

static MMIOCHECKREPORT *
build_report (FOURCC fcc, Collect *col)
{
  MMIOCHECKREPORT *rep = g_new0 (MMIOCHECKREPORT, 1);
  guint i = 0;

  rep->ulStructLen = sizeof *rep;
  rep->fccIOProc = fcc;
  rep->cRulesChecked = col->checked;
  rep->cFindings = col->findings->len;
  rep->pFindings = g_new0 (MMIOCHECKFINDING, col->findings->len + 1);
  for (i = 0; i < col->findings->len; i++)
    {
      MMIOCHECKFINDING *f = g_ptr_array_index (col->findings, i);
      rep->pFindings[i] = *f;
      g_free (f);
    }
  rep->cNotes = col->notes->len;
  g_ptr_array_add (col->notes, NULL);
  rep->ppszNotes = (const char **) g_ptr_array_free (col->notes, FALSE);
  rep->cLastCalls = col->last.length;
  rep->ppszLastCalls = g_new0 (const char *, col->last.length + 1);
  i = 0;
  for (GList *l = col->last.head; l != NULL; l = l->next)
    rep->ppszLastCalls[i++] = l->data;
  g_queue_clear (&col->last);
  g_ptr_array_free (col->findings, TRUE);
  return rep;
}

ULONG
mmioCheckIOProc (const MMIOCHECKPARAMS *p, MMIOCHECKREPORT **ppReport)
{
  MmioCheckRun run = { 0 };
  Collect col = { 0 };
  char *dir, *sample = NULL, *write_copy = NULL;
  int fds[2];
  pid_t pid;
  int status = 0;
  gboolean finished;
  gint64 deadline;
  ULONG timeout;
  FOURCC fcc;

  mmio_ensure_init ();
  mmio_i18n_init ();
  if (ppReport == NULL || p == NULL || p->ulStructLen < sizeof *p)
    return MMIOERR_INVALID_PARAMETER;
  *ppReport = NULL;
  fcc = p->fccIOProc;
  if (p->pszPlugin != NULL)
    {
      run.proc = resolve (p, &fcc);
      if (run.proc == NULL)
        return MMIOERR_PLUGIN_LOAD_FAILED;
    }
  else
    {
      MmioProcEntry *e = fcc ? mmio_registry_acquire (fcc, FALSE) : NULL;
      if (e == NULL)
        return MMIOERR_IOPROC_NOT_FOUND;
      mmio_registry_release (e);
    }
  run.fcc = fcc;

  dir = g_dir_make_tmp ("riffscope-check-XXXXXX", NULL);
  if (dir == NULL)
    return MMIOERR_CANNOTOPEN;
  if (p->pszSample != NULL)
    {
      sample = copy_sample (p->pszSample, dir, "read");
      write_copy = copy_sample (p->pszSample, dir, "write");
      if (sample == NULL)
        {
          remove_dir (dir);
          g_free (dir);
          g_free (write_copy);
          return MMIOERR_FILENOTFOUND;
        }
    }
  else
    {
      /* No sample: a file of distinct bytes, which storage IOProcs that
       * take plain names can open. */
      guint8 pattern[4099];
      for (guint i = 0; i < sizeof pattern; i++)
        pattern[i] = (guint8) (i * 7 + i / 256);
      sample = g_build_filename (dir, "sample.bin", NULL);
      write_copy = g_build_filename (dir, "sample-write.bin", NULL);
      g_file_set_contents (sample, (char *) pattern, sizeof pattern, NULL);
      g_file_set_contents (write_copy, (char *) pattern, sizeof pattern, NULL);
    }
  run.sample = sample;
  run.write_copy = write_copy;

  if (pipe (fds) != 0)
    {
      remove_dir (dir);
      g_free (dir);
      g_free (sample);
      g_free (write_copy);
      return MMIOERR_INTERNAL_SYSTEM;
    }
  fflush (NULL);
  pid = fork ();
  if (pid < 0)
    {
      close (fds[0]);
      close (fds[1]);
      remove_dir (dir);
      g_free (dir);
      g_free (sample);
      g_free (write_copy);
      return MMIOERR_INTERNAL_SYSTEM;
    }
  if (pid == 0)
    {
      close (fds[0]);
      run.fd = fds[1];
      child_main (&run);
      _exit (0);
    }
  close (fds[1]);

  col.findings = g_ptr_array_new ();
  col.notes = g_ptr_array_new ();
  col.partial = g_string_new (NULL);
  g_queue_init (&col.last);
  timeout = p->ulTimeoutMs ? p->ulTimeoutMs : DEFAULT_TIMEOUT_MS;
  deadline = g_get_monotonic_time () + (gint64) timeout * 1000;
  finished = collect (fds[0], deadline, &col);
  if (!finished)
    kill (pid, SIGKILL);
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  close (fds[0]);
  if (col.in_flight != NULL)
    {
      char *s = g_strdup_printf (_("%s (no answer)"), col.in_flight);
      push_last (&col, s);
    }

  {
    MMIOCHECKREPORT *rep;
    int sig = 0;
    gboolean timed_out = !finished;

    if (!timed_out && WIFSIGNALED (status))
      sig = WTERMSIG (status);
    if (timed_out)
      {
        char *m = g_strdup_printf (_("The IOProc did not answer within %u ms; the check was stopped."),
                                   (unsigned) timeout);
        add_finding (&col, "hang", m, col.in_flight ? col.in_flight : "");
        g_free (m);
      }
    else if (sig != 0)
      {
        char *m = g_strdup_printf (_("The IOProc crashed with signal %d (%s)."),
                                   sig, g_strsignal (sig));
        add_finding (&col, "crash", m, col.in_flight ? col.in_flight : "");
        g_free (m);
      }
    else if (!col.done)
      {
        char *m = g_strdup_printf (_("The IOProc ended the process (exit status %d) before the check finished."),
                                   WIFEXITED (status) ? WEXITSTATUS (status) : -1);
        add_finding (&col, "crash", m, col.in_flight ? col.in_flight : "");
        g_free (m);
      }
    rep = build_report (fcc, &col);
    rep->iSignal = sig;
    rep->fTimedOut = timed_out;
    *ppReport = rep;
  }
  g_free (col.in_flight);
  g_string_free (col.partial, TRUE);
  remove_dir (dir);
  g_free (dir);
  g_free (sample);
  g_free (write_copy);
  return MMIO_SUCCESS;
}

void
mmioCheckReportFree (MMIOCHECKREPORT *rep)
{
  if (rep == NULL)
    return;
  for (ULONG i = 0; i < rep->cFindings; i++)
    {
      g_free ((char *) rep->pFindings[i].pszRule);
      g_free ((char *) rep->pFindings[i].pszMessage);
      g_free ((char *) rep->pFindings[i].pszCall);
    }
  g_free (rep->pFindings);
  for (ULONG i = 0; i < rep->cNotes; i++)
    g_free ((char *) rep->ppszNotes[i]);
  g_free (rep->ppszNotes);
  for (ULONG i = 0; i < rep->cLastCalls; i++)
    g_free ((char *) rep->ppszLastCalls[i]);
  g_free (rep->ppszLastCalls);
  g_free (rep);
}
