/* trace.c — the message trace: a dispatch hook (see dispatch.c) that
 * records every message an IOProc gets on a traced handle and on the child
 * handles its IOProc opens, into a bounded ring, and hands each record to
 * an optional callback as it happens.
 *
 * When no trace is attached a handle's hook is NULL and dispatch never
 * comes here; a record is built only for traced handles. Parameters are
 * rendered when the message returns, while the caller's buffers and names
 * are still alive; buffers are shown by size, never read. */
#include "mmio-private.h"
#include "plugin-private.h"

#include <stdio.h>
#include <string.h>

struct _MMIOTRACE
{
  GMutex            lock;
  MMIOTRACEREC     *ring;
  ULONG             capacity;
  ULONG             allocated;  /* records the ring holds room for so far */
  ULONG             first;      /* index of the oldest record */
  ULONG             count;
  ULONG             seq;
  ULONG             dropped;
  MMIOTRACECALLBACK cb;
  void             *cb_user;
};

void
mmio_trace_fourcc_text (FOURCC fcc, char out[5])
{
  for (int i = 0; i < 4; i++)
    {
      char c = (char) ((fcc >> (8 * i)) & 0xff);
      out[i] = (c >= 0x20 && c < 0x7f) ? c : '?';
    }
  out[4] = 0;
}

const char *
mmioMessageName (UINT msg)
{
  switch (msg)
    {
    case MMIOM_READ: return "MMIOM_READ";
    case MMIOM_WRITE: return "MMIOM_WRITE";
    case MMIOM_SEEK: return "MMIOM_SEEK";
    case MMIOM_OPEN: return "MMIOM_OPEN";
    case MMIOM_CLOSE: return "MMIOM_CLOSE";
    case MMIOM_WRITEFLUSH: return "MMIOM_WRITEFLUSH";
    case MMIOM_RENAME: return "MMIOM_RENAME";
    case MMIOM_GETCF: return "MMIOM_GETCF";
    case MMIOM_GETCFENTRY: return "MMIOM_GETCFENTRY";
    case MMIOM_IDENTIFYFILE: return "MMIOM_IDENTIFYFILE";
    case MMIOM_GETHEADER: return "MMIOM_GETHEADER";
    case MMIOM_SETHEADER: return "MMIOM_SETHEADER";
    case MMIOM_QUERYHEADERLENGTH: return "MMIOM_QUERYHEADERLENGTH";
    case MMIOM_GETFORMATNAME: return "MMIOM_GETFORMATNAME";
    case MMIOM_GETFORMATINFO: return "MMIOM_GETFORMATINFO";
    case MMIOM_SEEKBYTIME: return "MMIOM_SEEKBYTIME";
    case MMIOM_TEMPCHANGE: return "MMIOM_TEMPCHANGE";
    case MMIOM_BEGININSERT: return "MMIOM_BEGININSERT";
    case MMIOM_ENDINSERT: return "MMIOM_ENDINSERT";
    case MMIOM_SAVE: return "MMIOM_SAVE";
    case MMIOM_SET: return "MMIOM_SET";
    case MMIOM_COMPRESS: return "MMIOM_COMPRESS";
    case MMIOM_DECOMPRESS: return "MMIOM_DECOMPRESS";
    case MMIOM_MULTITRACKREAD: return "MMIOM_MULTITRACKREAD";
    case MMIOM_MULTITRACKWRITE: return "MMIOM_MULTITRACKWRITE";
    case MMIOM_DELETE: return "MMIOM_DELETE";
    case MMIOM_BEGINGROUP: return "MMIOM_BEGINGROUP";
    case MMIOM_ENDGROUP: return "MMIOM_ENDGROUP";
    case MMIOM_UNDO: return "MMIOM_UNDO";
    case MMIOM_REDO: return "MMIOM_REDO";
    case MMIOM_BEGINSTREAM: return "MMIOM_BEGINSTREAM";
    case MMIOM_ENDSTREAM: return "MMIOM_ENDSTREAM";
    case MMIOM_LISTELEMENTS: return "MMIOM_LISTELEMENTS";
    case MMIOM_DESCRIBECHUNK: return "MMIOM_DESCRIBECHUNK";
    default: return NULL;
    }
}

static void
message_name (UINT msg, char *out, size_t size)
{
  const char *n = mmioMessageName (msg);

  if (n != NULL)
    g_strlcpy (out, n, size);
  else if (msg >= MMIOM_USER)
    g_snprintf (out, size, "MMIOM_USER+0x%X", msg - MMIOM_USER);
  else
    g_snprintf (out, size, "0x%04X", msg);
}

static const char *
origin_name (LPARAM o)
{
  switch (o)
    {
    case SEEK_SET: return "SEEK_SET";
    case SEEK_CUR: return "SEEK_CUR";
    case SEEK_END: return "SEEK_END";
    default: return NULL;
    }
}

static void
quote (GString *s, const char *name)
{
  if (name == NULL)
    {
      g_string_append (s, "NULL");
      return;
    }
  g_string_append_c (s, '"');
  for (const char *p = name; *p && p - name < 120; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (s, '\\');
      if ((unsigned char) *p < 0x20)
        g_string_append_printf (s, "\\x%02x", (unsigned char) *p);
      else
        g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

/* Reads, writes and seeks carry only numbers, all kept in the record:
 * their text is made when someone looks (DEFERRED marks it), so the hot
 * path of a traced read formats nothing. */
#define DEFERRED '\001'

static gboolean
numbers_only (UINT msg, LPARAM p2)
{
  return msg == MMIOM_READ || msg == MMIOM_WRITE || msg == MMIOM_WRITEFLUSH
         || (msg == MMIOM_SEEK && origin_name (p2) != NULL);
}

static void
finish_params (MMIOTRACEREC *r)
{
  if (r->szParams[0] != 0 || r->szParams[1] != DEFERRED)
    return;
  if (r->uMsg == MMIOM_SEEK)
    g_snprintf (r->szParams, sizeof r->szParams, "%ld, %s", (long) r->lParam1,
                origin_name (r->lParam2));
  else
    g_snprintf (r->szParams, sizeof r->szParams, "buffer[%ld], %ld",
                (long) r->lParam2, (long) r->lParam2);
}

static void
format_params (UINT msg, LPARAM p1, LPARAM p2, char *out, size_t size)
{
  GString *s;

  if (numbers_only (msg, p2))
    {
      out[0] = 0;
      out[1] = DEFERRED;
      return;
    }
  s = g_string_new (NULL);
  switch (msg)
    {
    case MMIOM_READ:
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
      g_string_append_printf (s, "buffer[%ld], %ld", (long) p2, (long) p2);
      break;
    case MMIOM_SEEK:
      {
        const char *o = origin_name (p2);
        g_string_append_printf (s, "%ld, ", (long) p1);
        if (o)
          g_string_append (s, o);
        else
          g_string_append_printf (s, "%ld", (long) p2);
        break;
      }
    case MMIOM_OPEN:
      quote (s, (const char *) p1);
      break;
    case MMIOM_CLOSE:
      g_string_append_printf (s, "0x%lx", (unsigned long) p1);
      break;
    case MMIOM_RENAME:
      quote (s, (const char *) p1);
      g_string_append (s, ", ");
      quote (s, (const char *) p2);
      break;
    case MMIOM_IDENTIFYFILE:
      quote (s, (const char *) p1);
      g_string_append_printf (s, ", hmmio %#lx", (unsigned long) p2);
      break;
    case MMIOM_GETFORMATINFO:
      if (p1 != 0)
        g_string_append_printf (s, "info[%u]",
                                (unsigned) ((const MMFORMATINFO *) p1)->ulStructLen);
      else
        g_string_append (s, "NULL");
      break;
    case MMIOM_GETFORMATNAME:
    case MMIOM_GETHEADER:
    case MMIOM_SETHEADER:
      g_string_append_printf (s, "buffer[%ld], %ld", (long) p2, (long) p2);
      break;
    case MMIOM_QUERYHEADERLENGTH:
      break;
    case MMIOM_DESCRIBECHUNK:
      if (p1 != 0)
        {
          char f[5];
          mmio_trace_fourcc_text (((const MMIOCHUNKDESC *) p1)->ckid, f);
          g_string_append_printf (s, "'%s' at %ld", f,
                                  (long) ((const MMIOCHUNKDESC *) p1)->lOffset);
        }
      break;
    default:
      g_string_append_printf (s, "%#lx, %#lx", (unsigned long) p1,
                              (unsigned long) p2);
      break;
    }
  g_strlcpy (out, s->str, size);
  g_string_free (s, TRUE);
}

static void
trace_hook (MmioHandle *h, UINT msg, LPARAM p1, LPARAM p2, LRESULT result,
            LONG disk_before, gint64 usec, gpointer user_data)
{
  MMIOTRACE *t = user_data;
  MMIOTRACEREC rec;
  MMIOTRACECALLBACK cb;
  void *cb_user;
  ULONG depth = 0;

  for (MmioHandle *p = h->parent; p != NULL; p = p->parent)
    if (p->self != NULL)
      depth++;
  rec.szMsgName[0] = rec.szParams[0] = 0;
  rec.ulDepth = depth;
  rec.hmmio = h->self;
  rec.fccIOProc = h->info.fccIOProc;
  rec.uMsg = msg;
  message_name (msg, rec.szMsgName, sizeof rec.szMsgName);
  format_params (msg, p1, p2, rec.szParams, sizeof rec.szParams);
  rec.lParam1 = p1;
  rec.lParam2 = p2;
  rec.lResult = result;
  rec.lDiskBefore = disk_before;
  rec.lDiskAfter = h->info.lDiskOffset;
  rec.usDuration = usec;

  g_mutex_lock (&t->lock);
  rec.ulSeq = t->seq++;
  if (t->count < t->capacity)
    {
      /* The ring grows as records come (it has not wrapped yet, so the
       * oldest is at 0): a large capacity costs nothing until used. */
      if (t->count == t->allocated)
        {
          t->allocated = MIN (t->capacity, MAX (64u, t->allocated * 2));
          t->ring = g_renew (MMIOTRACEREC, t->ring, t->allocated);
        }
      t->ring[t->count++] = rec;
    }
  else
    {
      t->ring[t->first] = rec;
      t->first = (t->first + 1) % t->capacity;
      t->dropped++;
    }
  cb = t->cb;
  cb_user = t->cb_user;
  g_mutex_unlock (&t->lock);
  if (cb != NULL)
    {
      finish_params (&rec);
      cb (&rec, cb_user);
    }
}

MMIOTRACE *
mmioTraceCreate (ULONG ulCapacity)
{
  MMIOTRACE *t = g_new0 (MMIOTRACE, 1);

  g_mutex_init (&t->lock);
  t->capacity = ulCapacity ? MIN (ulCapacity, 1u << 20) : 1024;
  t->ring = NULL;               /* grown in trace_hook */
  return t;
}

static void
detach_one (MmioHandle *h, gpointer trace)
{
  if (h->hook == trace_hook && h->hook_data == trace)
    {
      h->hook = NULL;
      h->hook_data = NULL;
    }
}

void
mmioTraceDestroy (MMIOTRACE *trace)
{
  if (trace == NULL)
    return;
  mmio_handle_foreach (detach_one, trace);
  g_mutex_clear (&trace->lock);
  g_free (trace->ring);
  g_free (trace);
}

MMRESULT
mmioTraceAttach (HMMIO hmmio, MMIOTRACE *trace)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);

  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  h->hook = trace ? trace_hook : NULL;
  h->hook_data = trace;
  return MMSYSERR_NOERROR;
}

typedef struct
{
  LPSTR      name;
  LPMMIOINFO info;
  DWORD      flags;
  HMMIO      result;
} OpenCall;

static void
do_open (gpointer data)
{
  OpenCall *c = data;
  c->result = mmioOpen (c->name, c->info, c->flags);
}

HMMIO
mmioTraceOpen (MMIOTRACE *trace, LPSTR szFilename, LPMMIOINFO lpmmioinfo,
               DWORD dwOpenFlags)
{
  /* A stand-in parent that is "running" while mmioOpen runs: the new
   * handle inherits its hook before MMIOM_OPEN is sent. It is never in the
   * handle table (self stays NULL) and is forgotten once the open returns. */
  MmioHandle stub = { 0 };
  OpenCall call = { szFilename, lpmmioinfo, dwOpenFlags, NULL };
  MmioHandle *h;

  if (trace == NULL)
    return mmioOpen (szFilename, lpmmioinfo, dwOpenFlags);
  stub.hook = trace_hook;
  stub.hook_data = trace;
  mmio_with_sender (&stub, do_open, &call);
  h = call.result ? mmio_handle_lookup (call.result) : NULL;
  if (h != NULL && h->parent == &stub)
    {
      h->parent = NULL;
      stub.n_children--;
    }
  return call.result;
}

void
mmioTraceSetCallback (MMIOTRACE *trace, MMIOTRACECALLBACK cb, void *user)
{
  g_mutex_lock (&trace->lock);
  trace->cb = cb;
  trace->cb_user = user;
  g_mutex_unlock (&trace->lock);
}

ULONG
mmioTraceCount (MMIOTRACE *trace)
{
  ULONG n;
  g_mutex_lock (&trace->lock);
  n = trace->count;
  g_mutex_unlock (&trace->lock);
  return n;
}

ULONG
mmioTraceDropped (MMIOTRACE *trace)
{
  ULONG n;
  g_mutex_lock (&trace->lock);
  n = trace->dropped;
  g_mutex_unlock (&trace->lock);
  return n;
}

BOOL
mmioTraceGet (MMIOTRACE *trace, ULONG i, MMIOTRACEREC *rec)
{
  BOOL ok = FALSE;

  g_mutex_lock (&trace->lock);
  if (i < trace->count && rec != NULL)
    {
      *rec = trace->ring[(trace->first + i) % trace->capacity];
      finish_params (rec);
      ok = TRUE;
    }
  g_mutex_unlock (&trace->lock);
  return ok;
}

void
mmioTraceClear (MMIOTRACE *trace)
{
  g_mutex_lock (&trace->lock);
  trace->first = trace->count = trace->dropped = 0;
  g_mutex_unlock (&trace->lock);
}

void
mmioTraceFormat (const MMIOTRACEREC *rec, char *buf, size_t size)
{
  char fcc[5];

  if (buf == NULL || size == 0)
    return;
  mmio_trace_fourcc_text (rec->fccIOProc, fcc);
  g_snprintf (buf, size, "%*s%s %s(%s) = %ld  disk %ld -> %ld  %lldus",
              (int) (2 * MIN (rec->ulDepth, 16u)), "", fcc, rec->szMsgName,
              rec->szParams, (long) rec->lResult, (long) rec->lDiskBefore,
              (long) rec->lDiskAfter, (long long) rec->usDuration);
}
