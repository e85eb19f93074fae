/* rs-trace.c — the app's message trace (see the header).
 *
 * The engine's ring is the only buffer: no callback is set, so the traced
 * thread only fills a ring slot (its parameter text left for later), and
 * this object is a list model over that ring. Item k is the record with
 * sequence number base + k; a poll on the main context (every DELIVERY_MS
 * while live, or on rs_trace_flush) moves base and the count to what the
 * ring holds and says what changed. Rows are made when a list asks.
 *
 * The bytes of a read are gone when the call returns; they are read again,
 * through the same IOProc, from the file the handle had opened (named by
 * the handle's MMIOM_OPEN record, or by rs_trace_name_handle). */
#include "rs-trace.h"

#include <glib/gi18n.h>
#include <string.h>
#include "rs-trace-record.h"

#define DELIVERY_MS 40

struct _RsTrace
{
  GObject parent_instance;

  MMIOTRACE *engine;
  guint capacity;
  ULONG base;             /* sequence number of item 0 */
  guint n;                /* items announced */
  guint live_id;

  GMutex lock;
  GHashTable *names;      /* HMMIO -> name, under lock */
};

static void rs_trace_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RsTrace, rs_trace, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rs_trace_model_init))

/* The ring's oldest sequence number and count, read consistently with
 * a writer still adding records. FALSE when it is empty. */
static gboolean
ring_span (RsTrace *self, ULONG *first, guint *count)
{
  for (int tries = 0; tries < 8; tries++)
    {
      MMIOTRACEREC a, b;
      ULONG c;

      if (!mmioTraceGet (self->engine, 0, &a))
        return FALSE;
      c = mmioTraceCount (self->engine);
      if (c == 0 || !mmioTraceGet (self->engine, c - 1, &b))
        continue;
      if (b.ulSeq - a.ulSeq == c - 1)
        {
          *first = a.ulSeq;
          *count = c;
          return TRUE;
        }
    }
  return FALSE;
}

void
rs_trace_flush (RsTrace *self)
{
  ULONG first = 0;
  guint count = 0, removed, kept, added;

  g_return_if_fail (RS_IS_TRACE (self));
  if (!ring_span (self, &first, &count))
    {
      /* Empty (cleared): nothing left to show. */
      if (self->n > 0 && mmioTraceCount (self->engine) == 0)
        {
          guint had = self->n;
          self->n = 0;
          g_list_model_items_changed (G_LIST_MODEL (self), 0, had, 0);
        }
      return;
    }
  if (self->n == 0)
    self->base = first;
  removed = first > self->base ? (guint) MIN ((ULONG) self->n, first - self->base) : 0;
  kept = self->n - removed;
  /* The records after those kept: up to the ring's newest. */
  added = first + count > self->base + self->n ? (guint) (first + count - (self->base + self->n)) : 0;
  if (removed == self->n)
    added = count;
  self->base = first + count - (kept + added);
  self->n = kept + added;
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, 0, added);
}

static gboolean
live_cb (gpointer data)
{
  rs_trace_flush (RS_TRACE (data));
  return G_SOURCE_CONTINUE;
}

void
rs_trace_set_live (RsTrace *self, gboolean live)
{
  g_return_if_fail (RS_IS_TRACE (self));
  if (live && self->live_id == 0)
    {
      self->live_id = g_timeout_add (DELIVERY_MS, live_cb, self);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->live_id),
                                "[riffscope] trace delivery");
    }
  else if (!live && self->live_id != 0)
    {
      g_clear_handle_id (&self->live_id, g_source_remove);
      rs_trace_flush (self);
    }
}

void
rs_trace_clear (RsTrace *self)
{
  g_return_if_fail (RS_IS_TRACE (self));
  mmioTraceClear (self->engine);
  rs_trace_flush (self);
}

/* ---- records ------------------------------------------------------------- */

/* The record of sequence number seq, if the ring still has it. */
static gboolean
get_seq (RsTrace *self, ULONG seq, MMIOTRACEREC *rec)
{
  MMIOTRACEREC r0;

  if (!mmioTraceGet (self->engine, 0, &r0) || seq < r0.ulSeq)
    return FALSE;
  return mmioTraceGet (self->engine, seq - r0.ulSeq, rec) && rec->ulSeq == seq;
}

static GType
model_get_item_type (GListModel *model)
{
  return RS_TYPE_TRACE_RECORD;
}

static guint
model_get_n_items (GListModel *model)
{
  return RS_TRACE (model)->n;
}

static gpointer
model_get_item (GListModel *model, guint i)
{
  RsTrace *self = RS_TRACE (model);
  MMIOTRACEREC rec;

  if (i >= self->n)
    return NULL;
  if (!get_seq (self, self->base + i, &rec))
    {
      /* Overwritten since the last poll (the ring is full and a file is
       * being read): the row says so until the next poll drops it. */
      memset (&rec, 0, sizeof rec);
      rec.ulSeq = self->base + i;
      g_strlcpy (rec.szMsgName, _("(dropped)"), sizeof rec.szMsgName);
    }
  return rs_trace_record_new (&rec);
}

static void
rs_trace_model_init (GListModelInterface *iface)
{
  iface->get_item_type = model_get_item_type;
  iface->get_n_items = model_get_n_items;
  iface->get_item = model_get_item;
}

/* ---- bytes --------------------------------------------------------------- */

void
rs_trace_name_handle (RsTrace *self, HMMIO hmmio, const char *name)
{
  g_return_if_fail (RS_IS_TRACE (self));
  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->names, hmmio, g_strdup (name));
  g_mutex_unlock (&self->lock);
}

/* The name an MMIOM_OPEN record's parameters quote, unescaped. */
static char *
unquote (const char *params)
{
  GString *s;
  const char *p = params;

  if (*p != '"')
    return NULL;
  s = g_string_new (NULL);
  for (p++; *p && *p != '"'; p++)
    {
      if (*p == '\\' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]))
        {
          g_string_append_c (s, (char) (g_ascii_xdigit_value (p[2]) * 16 + g_ascii_xdigit_value (p[3])));
          p += 3;
        }
      else if (*p == '\\' && p[1])
        g_string_append_c (s, *++p);
      else
        g_string_append_c (s, *p);
    }
  if (*p != '"')
    {
      g_string_free (s, TRUE);   /* cut short in the record */
      return NULL;
    }
  return g_string_free (s, FALSE);
}

static char *
handle_name (RsTrace *self, const MMIOTRACEREC *rec)
{
  char *name = NULL;
  MMIOTRACEREC r0, r;

  /* The handle's own open, the latest before this record. */
  if (mmioTraceGet (self->engine, 0, &r0) && rec->ulSeq >= r0.ulSeq)
    for (ULONG i = rec->ulSeq - r0.ulSeq + 1; i-- > 0 && name == NULL;)
      if (mmioTraceGet (self->engine, i, &r) && r.uMsg == MMIOM_OPEN && r.hmmio == rec->hmmio
          && r.ulSeq <= rec->ulSeq)
        name = unquote (r.szParams);
  if (name == NULL)
    {
      g_mutex_lock (&self->lock);
      name = g_strdup (g_hash_table_lookup (self->names, rec->hmmio));
      g_mutex_unlock (&self->lock);
    }
  return name;
}

GBytes *
rs_trace_dup_bytes (RsTrace *self, const MMIOTRACEREC *rec, char **name_out)
{
  MMIOINFO info;
  char *name;
  HMMIO h;
  GBytes *out = NULL;
  LONG want;

  g_return_val_if_fail (RS_IS_TRACE (self), NULL);
  if (name_out)
    *name_out = NULL;
  if ((rec->uMsg != MMIOM_READ && rec->uMsg != MMIOM_WRITE && rec->uMsg != MMIOM_WRITEFLUSH)
      || rec->lResult <= 0)
    return NULL;
  name = handle_name (self, rec);
  if (name == NULL)
    return NULL;
  want = (LONG) MIN (rec->lResult, RS_TRACE_MAX_BYTES);
  memset (&info, 0, sizeof info);
  info.fccIOProc = rec->fccIOProc;
  h = mmioOpen (name, &info, MMIO_READ | MMIO_DENYNONE);
  if (h != NULL)
    {
      guint8 *buf = g_malloc (want);
      LONG got = mmioSeek (h, rec->lDiskBefore, SEEK_SET) == rec->lDiskBefore
                 ? mmioRead (h, (HPSTR) buf, want) : -1;
      if (got > 0)
        out = g_bytes_new_take (buf, (gsize) got);
      else
        g_free (buf);
      mmioClose (h, 0);
    }
  if (name_out && out)
    *name_out = name;
  else
    g_free (name);
  return out;
}

/* ---- export and accessors -------------------------------------------------- */

gboolean
rs_trace_export (RsTrace *self, const char *dest, GError **error)
{
  GString *out = g_string_new (NULL);
  gboolean ok;

  g_return_val_if_fail (RS_IS_TRACE (self), FALSE);
  rs_trace_flush (self);
  /* Translators: the header line of an exported message trace */
  g_string_append_printf (out, "# %s\n", _("seq\tdepth\tIOProc message(parameters) = result  disk before -> after  time"));
  if (mmioTraceDropped (self->engine) > 0)
    g_string_append_printf (out, "# %s\n", _("older records were dropped to stay within the trace buffer size"));
  for (guint i = 0; i < self->n; i++)
    {
      MMIOTRACEREC rec;
      char buf[512];
      if (!get_seq (self, self->base + i, &rec))
        continue;
      mmioTraceFormat (&rec, buf, sizeof buf);
      g_string_append_printf (out, "%u\t%u\t%s\n", (unsigned) rec.ulSeq, (unsigned) rec.ulDepth, buf);
    }
  /* g_file_set_contents writes a temporary file beside dest and renames it. */
  ok = g_file_set_contents (dest, out->str, (gssize) out->len, error);
  g_string_free (out, TRUE);
  return ok;
}

MMIOTRACE *
rs_trace_get_engine (RsTrace *self)
{
  return self->engine;
}

GListModel *
rs_trace_get_model (RsTrace *self)
{
  return G_LIST_MODEL (self);
}

guint
rs_trace_get_capacity (RsTrace *self)
{
  return self->capacity;
}

guint
rs_trace_get_dropped (RsTrace *self)
{
  return mmioTraceDropped (self->engine);
}

static void
rs_trace_finalize (GObject *object)
{
  RsTrace *self = RS_TRACE (object);

  g_clear_handle_id (&self->live_id, g_source_remove);
  /* Detaches from every handle still traced. */
  mmioTraceDestroy (self->engine);
  g_hash_table_unref (self->names);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (rs_trace_parent_class)->finalize (object);
}

static void
rs_trace_class_init (RsTraceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_trace_finalize;
}

static void
rs_trace_init (RsTrace *self)
{
  g_mutex_init (&self->lock);
  self->names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

RsTrace *
rs_trace_new (guint capacity)
{
  RsTrace *self = g_object_new (RS_TYPE_TRACE, NULL);

  self->capacity = MAX (capacity, 16u);
  self->engine = mmioTraceCreate (self->capacity);
  return self;
}
