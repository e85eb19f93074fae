/* checker-rules.c — the conformance rules, run inside the checker's child
 * process (see checker.c). Each rule drives the IOProc through the public
 * calls a user would make — mmioOpen on an unbuffered handle, so every
 * mmioRead/mmioSeek reaches the IOProc as exactly one message — and judges
 * the message the trace recorded for it: its result and lDiskOffset before
 * and after. A broken rule is reported with that message. */
#include "checker-private.h"
#include "mmio-i18n.h"
#include "plugin-private.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define MAX_COMPARE (1 << 20)      /* bytes kept to compare seeks against */
#define READ_CHUNK 4096

typedef struct
{
  const MmioCheckRun *run;
  MMIOTRACE          *trace;
  ULONG               checked;
  ULONG               type;       /* from MMIOM_GETFORMATINFO, 0 unknown */
  ULONG               caps;
  GHashTable         *per_rule;   /* rule id -> findings reported so far */
} Ctx;

/* An IOProc that breaks a rule in a loop would otherwise report it tens of
 * thousands of times and run into the hang timeout: a few instances say it
 * all. */
#define MAX_FINDINGS_PER_RULE 8

static void
put_line (int fd, const char *tag, const char *a, const char *b, const char *c)
{
  GString *s = g_string_new (tag);
  const char *fields[] = { a, b, c };

  for (guint i = 0; i < G_N_ELEMENTS (fields) && fields[i] != NULL; i++)
    {
      char *e = g_strescape (fields[i], NULL);
      g_string_append_c (s, '\t');
      g_string_append (s, e);
      g_free (e);
    }
  g_string_append_c (s, '\n');
  for (gsize done = 0; done < s->len;)
    {
      ssize_t n = write (fd, s->str + done, s->len - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  g_string_free (s, TRUE);
}

static void
on_trace (const MMIOTRACEREC *rec, void *user)
{
  Ctx *c = user;
  char line[512];

  mmioTraceFormat (rec, line, sizeof line);
  put_line (c->run->fd, "T", line, NULL, NULL);
}

static void
in_flight (Ctx *c, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static void
in_flight (Ctx *c, const char *fmt, ...)
{
  va_list ap;
  char *s;

  va_start (ap, fmt);
  s = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  put_line (c->run->fd, "S", s, NULL, NULL);
  g_free (s);
}

static void
finding (Ctx *c, const char *rule, const char *call, const char *fmt, ...)
  G_GNUC_PRINTF (4, 5);

static void
finding (Ctx *c, const char *rule, const char *call, const char *fmt, ...)
{
  va_list ap;
  char *msg;

  if (c->per_rule != NULL)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (c->per_rule, rule)) + 1;
      g_hash_table_insert (c->per_rule, (gpointer) rule, GUINT_TO_POINTER (n));
      if (n > MAX_FINDINGS_PER_RULE)
        return;
    }
  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  put_line (c->run->fd, "F", rule, msg, call ? call : "");
  g_free (msg);
}

static void
note (Ctx *c, const char *text)
{
  put_line (c->run->fd, "N", text, NULL, NULL);
}

/* The newest record of the traced handle itself (depth 0) for msg. */
static gboolean
last_top (Ctx *c, UINT msg, MMIOTRACEREC *rec, char *call, size_t size)
{
  ULONG n = mmioTraceCount (c->trace);

  for (ULONG i = n; i-- > 0;)
    if (mmioTraceGet (c->trace, i, rec) && rec->ulDepth == 0 && rec->uMsg == msg)
      {
        mmioTraceFormat (rec, call, size);
        return TRUE;
      }
  return FALSE;
}

static gboolean
check (Ctx *c, gboolean ok)
{
  c->checked++;
  return ok;
}

/* ---- Rules about a message's bookkeeping -------------------------------- */

static void
judge_read (Ctx *c, LONG asked)
{
  MMIOTRACEREC r;
  char call[512];

  if (!last_top (c, MMIOM_READ, &r, call, sizeof call))
    return;
  if (!check (c, r.lResult >= -1 && r.lResult <= asked))
    finding (c, "read-result", call,
             _("MMIOM_READ for %ld bytes returned %ld: a read returns the bytes read, 0 at the end, or -1."),
             (long) asked, (long) r.lResult);
  else if (r.lResult >= 0
           && !check (c, r.lDiskAfter == r.lDiskBefore + r.lResult))
    finding (c, "read-offset", call,
             _("After reading %ld bytes lDiskOffset moved from %ld to %ld; it must move by the bytes read."),
             (long) r.lResult, (long) r.lDiskBefore, (long) r.lDiskAfter);
}

static void
judge_write (Ctx *c, LONG asked)
{
  MMIOTRACEREC r;
  char call[512];

  if (!last_top (c, MMIOM_WRITE, &r, call, sizeof call))
    return;
  if (!check (c, r.lResult >= -1 && r.lResult <= asked))
    finding (c, "write-result", call,
             _("MMIOM_WRITE for %ld bytes returned %ld: a write returns the bytes written or -1."),
             (long) asked, (long) r.lResult);
  else if (r.lResult >= 0
           && !check (c, r.lDiskAfter == r.lDiskBefore + r.lResult))
    finding (c, "write-offset", call,
             _("After writing %ld bytes lDiskOffset moved from %ld to %ld; it must move by the bytes written."),
             (long) r.lResult, (long) r.lDiskBefore, (long) r.lDiskAfter);
}

/* Seeks: the result is the new position, and lDiskOffset holds it. */
static LONG
do_seek (Ctx *c, HMMIO h, LONG off, int origin, LONG expect, const char *rule)
{
  static const char *const names[] = { "SEEK_SET", "SEEK_CUR", "SEEK_END" };
  MMIOTRACEREC r;
  char call[512];
  LONG got;

  in_flight (c, "MMIOM_SEEK(%ld, %s)", (long) off, names[origin]);
  got = mmioSeek (h, off, origin);
  if (!last_top (c, MMIOM_SEEK, &r, call, sizeof call))
    return got;
  if (r.lResult >= 0 && !check (c, r.lDiskAfter == r.lResult))
    finding (c, "seek-offset", call,
             _("MMIOM_SEEK returned %ld but left lDiskOffset at %ld; lDiskOffset must hold the new position."),
             (long) r.lResult, (long) r.lDiskAfter);
  if (expect >= 0 && !check (c, r.lResult == expect))
    finding (c, rule, call,
             origin == SEEK_END
             ? _("MMIOM_SEEK(%ld, SEEK_END) returned %ld; MMIO subtracts the offset from the end, which gives %ld.")
             : _("MMIOM_SEEK(%ld) returned %ld; the new position is %ld."),
             (long) off, (long) r.lResult, (long) expect);
  return got;
}

static LONG
do_read (Ctx *c, HMMIO h, char *buf, LONG n)
{
  LONG got;

  in_flight (c, "MMIOM_READ(buffer[%ld], %ld)", (long) n, (long) n);
  got = mmioRead (h, buf, n);
  judge_read (c, n);
  /* A result beyond the request was reported; never trust it further. */
  return got > n ? n : got;
}

/* ---- Rule groups ---------------------------------------------------------- */

static void
rules_format_info (Ctx *c)
{
  LPMMIOPROC proc = c->run->proc;
  MMIOINFO dummy = { 0 };
  MMFORMATINFO fi;
  char name[512], small[4];
  char call[160];
  LRESULT r, n;
  ULONG known_media = 0x1ff;

  if (proc == NULL)
    {
      MmioProcEntry *e = mmio_registry_acquire (c->run->fcc, FALSE);
      if (e == NULL)
        return;
      proc = mmio_entry_proc (e);
      mmio_registry_release (e);
    }
  memset (&fi, 0xA5, sizeof fi);          /* unfilled fields show */
  fi.ulStructLen = sizeof fi;
  dummy.fccIOProc = c->run->fcc;
  dummy.pIOProc = proc;
  in_flight (c, "MMIOM_GETFORMATINFO(info[%u])", (unsigned) sizeof fi);
  r = proc ((LPSTR) &dummy, MMIOM_GETFORMATINFO, (LPARAM) &fi, 0);
  g_snprintf (call, sizeof call, "MMIOM_GETFORMATINFO(info[%u]) = %ld",
              (unsigned) sizeof fi, (long) r);
  if (!check (c, r == MMIO_SUCCESS || r == MMIOERR_UNSUPPORTED_MESSAGE))
    {
      finding (c, "formatinfo-result", call,
               _("MMIOM_GETFORMATINFO returned %ld; it answers MMIO_SUCCESS or MMIOERR_UNSUPPORTED_MESSAGE."),
               (long) r);
      return;
    }
  if (r != MMIO_SUCCESS)
    {
      note (c, _("The IOProc does not answer MMIOM_GETFORMATINFO; the format information rules were not applied."));
      return;
    }
  c->type = fi.ulIOProcType;
  c->caps = fi.ulFlags;
  if (!check (c, fi.ulStructLen == sizeof fi))
    finding (c, "formatinfo-length", call,
             _("MMFORMATINFO.ulStructLen is %u; it must be %u."),
             (unsigned) fi.ulStructLen, (unsigned) sizeof fi);
  if (!check (c, fi.fccIOProc == c->run->fcc))
    {
      char a[5], b[5];
      mmio_trace_fourcc_text (fi.fccIOProc, a);
      mmio_trace_fourcc_text (c->run->fcc, b);
      finding (c, "formatinfo-fourcc", call,
               _("MMFORMATINFO.fccIOProc is “%s”; the IOProc is installed as “%s”."), a, b);
    }
  if (!check (c, fi.ulIOProcType == MMIO_IOPROC_STORAGESYSTEM
                 || fi.ulIOProcType == MMIO_IOPROC_FILEFORMAT
                 || fi.ulIOProcType == MMIO_IOPROC_DATAFORMAT))
    finding (c, "formatinfo-type", call,
             _("MMFORMATINFO.ulIOProcType is %#x; it is one of MMIO_IOPROC_STORAGESYSTEM, FILEFORMAT or DATAFORMAT."),
             (unsigned) fi.ulIOProcType);
  if (!check (c, fi.ulMediaType != 0 && (fi.ulMediaType & ~known_media) == 0))
    finding (c, "formatinfo-mediatype", call,
             _("MMFORMATINFO.ulMediaType is %#x; it must be MMIO_MEDIATYPE_* bits."),
             (unsigned) fi.ulMediaType);
  if (!check (c, memchr (fi.szDefaultFormatExt, 0, sizeof fi.szDefaultFormatExt) != NULL))
    finding (c, "formatinfo-ext", call, "%s",
             _("MMFORMATINFO.szDefaultFormatExt is not NUL-terminated."));

  in_flight (c, "MMIOM_GETFORMATNAME(buffer[%u], %u)", (unsigned) sizeof name,
             (unsigned) sizeof name);
  memset (name, 0, sizeof name);
  n = proc ((LPSTR) &dummy, MMIOM_GETFORMATNAME, (LPARAM) name, sizeof name);
  g_snprintf (call, sizeof call, "MMIOM_GETFORMATNAME(buffer[%u], %u) = %ld",
              (unsigned) sizeof name, (unsigned) sizeof name, (long) n);
  if (!check (c, fi.lNameLength >= 0 && n == fi.lNameLength))
    finding (c, "formatinfo-namelength", call,
             _("MMFORMATINFO.lNameLength is %ld but MMIOM_GETFORMATNAME copied %ld bytes."),
             (long) fi.lNameLength, (long) n);
  in_flight (c, "MMIOM_GETFORMATNAME(buffer[%u], %u)", (unsigned) sizeof small,
             (unsigned) sizeof small);
  n = proc ((LPSTR) &dummy, MMIOM_GETFORMATNAME, (LPARAM) small, sizeof small);
  g_snprintf (call, sizeof call, "MMIOM_GETFORMATNAME(buffer[%u], %u) = %ld",
              (unsigned) sizeof small, (unsigned) sizeof small, (long) n);
  if (!check (c, n >= 0 && n <= (LRESULT) sizeof small))
    finding (c, "formatname-truncate", call,
             _("MMIOM_GETFORMATNAME with a %u-byte buffer returned %ld; the name is cut to the buffer."),
             (unsigned) sizeof small, (long) n);
}

static void
rules_messages (Ctx *c, HMMIO h)
{
  MMIOTRACEREC r;
  char call[512];
  const UINT sys = 0x0EF0, user = MMIOM_USER + 0x7123;

  in_flight (c, "0x%04X(0, 0)", sys);
  mmioSendMessage (h, sys, 0, 0);
  if (last_top (c, sys, &r, call, sizeof call)
      && !check (c, r.lResult == 0 || r.lResult == MMIOERR_UNSUPPORTED_MESSAGE))
    finding (c, "unknown-system-message", call,
             _("An unknown system message was answered %ld; the answer is 0 or MMIOERR_UNSUPPORTED_MESSAGE."),
             (long) r.lResult);
  in_flight (c, "MMIOM_USER+0x7123(0, 0)");
  mmioSendMessage (h, user, 0, 0);
  if (last_top (c, user, &r, call, sizeof call)
      && !check (c, r.lResult == 0 || r.lResult == MMIOERR_UNSUPPORTED_MESSAGE))
    finding (c, "unknown-user-message", call,
             _("An unknown user message was answered %ld; the answer is 0 or MMIOERR_UNSUPPORTED_MESSAGE."),
             (long) r.lResult);
}

/* Without an open file the unknown messages still get an answer: sent as
 * the manager sends format queries, with a blank MMIOINFO. */
static void
rules_messages_unopened (Ctx *c)
{
  LPMMIOPROC proc = c->run->proc;
  MmioProcEntry *e = NULL;
  const UINT msgs[] = { 0x0EF0, MMIOM_USER + 0x7123 };
  const char *rules[] = { "unknown-system-message", "unknown-user-message" };

  if (proc == NULL)
    {
      if ((e = mmio_registry_acquire (c->run->fcc, FALSE)) == NULL)
        return;
      proc = mmio_entry_proc (e);
    }
  for (guint i = 0; i < G_N_ELEMENTS (msgs); i++)
    {
      MMIOINFO dummy = { 0 };
      char name[32], call[96];
      LRESULT r;

      dummy.fccIOProc = c->run->fcc;
      dummy.pIOProc = proc;
      if (msgs[i] >= MMIOM_USER)
        g_snprintf (name, sizeof name, "MMIOM_USER+0x%X", msgs[i] - MMIOM_USER);
      else
        g_snprintf (name, sizeof name, "0x%04X", msgs[i]);
      in_flight (c, "%s(0, 0) without an open file", name);
      r = proc ((LPSTR) &dummy, msgs[i], 0, 0);
      g_snprintf (call, sizeof call, "%s(0, 0) = %ld", name, (long) r);
      if (!check (c, r == 0 || r == MMIOERR_UNSUPPORTED_MESSAGE))
        finding (c, rules[i], call,
                 _("An unknown message sent without an open file was answered %ld; the answer is 0 or MMIOERR_UNSUPPORTED_MESSAGE."),
                 (long) r);
    }
  if (e)
    mmio_registry_release (e);
}

static void
rules_io (Ctx *c, HMMIO h)
{
  GByteArray *content = g_byte_array_new ();
  char *buf = g_malloc (READ_CHUNK);
  LONG size, total = 0, got, k;
  gboolean complete = TRUE;
  char tail[4], again[8];

  size = do_seek (c, h, 0, SEEK_END, -1, "seek-end");
  if (size < 0)
    {
      note (c, _("MMIOM_SEEK to the end failed; the read and seek rules were not applied."));
      goto out;
    }
  do_seek (c, h, 0, SEEK_SET, 0, "seek-result");

  /* Read it all, in chunks, to the end. */
  for (guint i = 0; i < 1u << 16; i++)
    {
      got = do_read (c, h, buf, READ_CHUNK);
      if (got <= 0)
        break;
      if (total + got > size + READ_CHUNK)
        {
          /* Reading on past the size SEEK_END gave: it never ends (the
           * seek-end rule below reports it). */
          total += got;
          break;
        }
      if (content->len + (guint) got <= MAX_COMPARE)
        g_byte_array_append (content, (guint8 *) buf, (guint) got);
      else
        complete = FALSE;
      total += got;
    }
  if (!check (c, total == size))
    {
      MMIOTRACEREC r;
      char call[512];
      last_top (c, MMIOM_SEEK, &r, call, sizeof call);
      finding (c, "seek-end", call,
               _("MMIOM_SEEK(0, SEEK_END) said the file has %ld bytes, but reading from 0 gave %ld."),
               (long) size, (long) total);
    }

  /* At the end a read returns 0. */
  got = do_read (c, h, buf, 16);
  {
    MMIOTRACEREC r;
    char call[512];
    if (last_top (c, MMIOM_READ, &r, call, sizeof call)
        && !check (c, r.lResult == 0))
      finding (c, "read-eof", call,
               _("A read at the end of the file returned %ld; it must return 0."),
               (long) r.lResult);
  }

  /* SEEK_END subtracts: 4 before the end, then read those 4 bytes. */
  if (size >= 4)
    {
      do_seek (c, h, 4, SEEK_END, size - 4, "seek-end");
      got = do_read (c, h, tail, 4);
      if (complete && got == 4 && content->len == (guint) size
          && !check (c, memcmp (tail, content->data + size - 4, 4) == 0))
        finding (c, "seek-end", "",
                 _("The 4 bytes read after MMIOM_SEEK(4, SEEK_END) are not the last 4 bytes of the file."));
      do_seek (c, h, 0, SEEK_END, size, "seek-end");
    }

  /* SEEK_SET and SEEK_CUR land where they say. */
  k = size / 2;
  do_seek (c, h, k, SEEK_SET, k, "seek-result");
  do_seek (c, h, 3, SEEK_CUR, k + 3, "seek-result");
  do_seek (c, h, -3, SEEK_CUR, k, "seek-result");
  if (size - k >= 8)
    {
      got = do_read (c, h, again, 8);
      if (complete && got == 8 && content->len == (guint) size
          && !check (c, memcmp (again, content->data + k, 8) == 0))
        finding (c, "seek-result", "",
                 _("The bytes read after MMIOM_SEEK(%ld, SEEK_SET) differ from the bytes read at that offset from the start."),
                 (long) k);
    }
  do_seek (c, h, 0, SEEK_SET, 0, "seek-result");
out:
  g_free (buf);
  g_byte_array_unref (content);
}

static void
rules_identify (Ctx *c)
{
  LPMMIOPROC proc = c->run->proc;
  MmioProcEntry *e = NULL;
  HMMIO hs;
  LONG positions[] = { 0, 3 };

  if (c->type != MMIO_IOPROC_FILEFORMAT)
    return;
  if (proc == NULL)
    {
      if ((e = mmio_registry_acquire (c->run->fcc, FALSE)) == NULL)
        return;
      proc = mmio_entry_proc (e);
    }
  hs = mmioOpen ((LPSTR) c->run->sample, NULL, MMIO_READ);
  if (hs == NULL)
    {
      note (c, _("The sample could not be opened on its storage system; MMIOM_IDENTIFYFILE was not checked."));
      goto out;
    }
  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      MMIOINFO dummy = { 0 };
      LONG at = mmioSeek (hs, positions[i], SEEK_SET), after;
      LRESULT r;
      char call[256];

      dummy.fccIOProc = c->run->fcc;
      dummy.pIOProc = proc;
      in_flight (c, "MMIOM_IDENTIFYFILE(\"%s\", hmmio at %ld)", c->run->sample, (long) at);
      r = proc ((LPSTR) &dummy, MMIOM_IDENTIFYFILE, (LPARAM) c->run->sample,
                (LPARAM) hs);
      after = mmioSeek (hs, 0, SEEK_CUR);
      g_snprintf (call, sizeof call,
                  "MMIOM_IDENTIFYFILE(\"%s\", hmmio at %ld) = %ld",
                  c->run->sample, (long) at, (long) r);
      if (!check (c, after == at))
        finding (c, "identify-position", call,
                 _("MMIOM_IDENTIFYFILE moved the file it was given from %ld to %ld; it must leave the position as it found it."),
                 (long) at, (long) after);
    }
  mmioClose (hs, 0);
out:
  if (e)
    mmio_registry_release (e);
}

static void
rules_write (Ctx *c)
{
  MMIOINFO mi = { 0 };
  HMMIO h;
  static const char data[8] = "RIFFSCOP";
  guint before = mmio_handle_count ();
  LONG n;

  if (c->run->write_copy == NULL)
    return;
  if (c->caps != 0 && !(c->caps & (MMIO_CANWRITEUNTRANSLATED
                                   | MMIO_CANREADWRITEUNTRANSLATED)))
    {
      note (c, _("The IOProc says it cannot write; the write rules were not applied."));
      return;
    }
  mi.fccIOProc = c->run->fcc;
  in_flight (c, "MMIOM_OPEN(\"%s\") for writing", c->run->write_copy);
  h = mmioTraceOpen (c->trace, (LPSTR) c->run->write_copy, &mi, MMIO_READWRITE);
  if (h == NULL)
    {
      note (c, _("The sample could not be opened for writing; the write rules were not applied."));
      return;
    }
  in_flight (c, "MMIOM_WRITE(buffer[8], 8)");
  n = mmioWrite (h, data, 8);
  judge_write (c, 8);
  if (n == 8)
    {
      char back[8];
      do_seek (c, h, 0, SEEK_SET, 0, "seek-result");
      if (do_read (c, h, back, 8) == 8
          && !check (c, memcmp (back, data, 8) == 0))
        finding (c, "write-readback", "", "%s",
                 _("Bytes written at offset 0 read back differently."));
    }
  in_flight (c, "MMIOM_CLOSE(0)");
  mmioClose (h, 0);
  if (!check (c, mmio_handle_count () == before))
    finding (c, "close-leak", "",
             _("Closing left %u child handles open."),
             mmio_handle_count () - before);
}

void
mmio_check_run (const MmioCheckRun *run)
{
  Ctx c = { run, NULL, 0, 0, 0, NULL };
  MMIOINFO mi = { 0 };
  HMMIO h;
  guint before;
  char count[32];

  mmio_i18n_init ();
  if (run->proc != NULL
      && mmioInstallIOProc (run->fcc, run->proc, MMIO_INSTALLPROC) == NULL)
    {
      note (&c, _("The IOProc could not be installed."));
      put_line (run->fd, "D", NULL, NULL, NULL);
      return;
    }
  c.per_rule = g_hash_table_new (g_str_hash, g_str_equal);
  c.trace = mmioTraceCreate (256);
  mmioTraceSetCallback (c.trace, on_trace, &c);

  rules_format_info (&c);

  before = mmio_handle_count ();
  mi.fccIOProc = run->fcc;
  in_flight (&c, "MMIOM_OPEN(\"%s\")", run->sample);
  h = mmioTraceOpen (c.trace, (LPSTR) run->sample, &mi, MMIO_READ);
  if (h == NULL)
    {
      char *text = g_strdup_printf (_("The sample could not be opened (error %u: %s); the I/O rules were not applied."),
                                    (unsigned) mi.wErrorRet,
                                    mmioErrorString (mi.wErrorRet));
      note (&c, text);
      g_free (text);
      rules_messages_unopened (&c);
      if (!check (&c, mmio_handle_count () == before))
        finding (&c, "open-leak", "",
                 _("The failed open left %u child handles open."),
                 mmio_handle_count () - before);
    }
  else
    {
      MMIOTRACEREC r;
      char call[512];
      MMRESULT rc;

      rules_io (&c, h);
      rules_messages (&c, h);
      in_flight (&c, "MMIOM_CLOSE(0)");
      rc = mmioClose (h, 0);
      if (last_top (&c, MMIOM_CLOSE, &r, call, sizeof call)
          && !check (&c, rc == 0))
        finding (&c, "close-result", call,
                 _("MMIOM_CLOSE returned %ld after a successful open; it must return 0."),
                 (long) r.lResult);
      if (!check (&c, mmio_handle_count () == before))
        finding (&c, "close-leak", "",
                 _("After MMIOM_CLOSE, %u handles the IOProc opened are still open."),
                 mmio_handle_count () - before);
      rules_identify (&c);
      rules_write (&c);
    }
  g_snprintf (count, sizeof count, "%u", (unsigned) c.checked);
  put_line (run->fd, "C", count, NULL, NULL);
  put_line (run->fd, "D", NULL, NULL, NULL);
  mmioTraceDestroy (c.trace);
  g_hash_table_destroy (c.per_rule);
}
