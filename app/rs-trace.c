/* rs-trace.c — the app's message trace (see the header). The engine calls
 * back on the thread doing the I/O: the record (and a read's bytes, which
 * are only valid during the callback) is copied into a pending array under
 * a lock, and one idle per batch moves the batch into the list model, so a
 * walk of thousands of messages costs one model change per main-loop turn. */
#include "rs-trace.h"

#include <glib/gi18n.h>
#include "rs-trace-record.h"

struct _RsTrace
{
  GObject parent_instance;

  MMIOTRACE *engine;
  guint capacity;
  guint dropped;
  GListStore *store;
  GMainContext *context;

  GMutex lock;
  GPtrArray *pending;     /* RsTraceRecord*, under lock */
  gboolean idle_queued;   /* under lock */
};

G_DEFINE_FINAL_TYPE (RsTrace, rs_trace, G_TYPE_OBJECT)

static gboolean
deliver_cb (gpointer data)
{
  rs_trace_flush (RS_TRACE (data));
  return G_SOURCE_REMOVE;
}

static void
record_cb (const MMIOTRACEREC *rec, void *user)
{
  RsTrace *self = user;
  GBytes *bytes = NULL;
  gboolean queue;

  if ((rec->uMsg == MMIOM_READ || rec->uMsg == MMIOM_WRITE || rec->uMsg == MMIOM_WRITEFLUSH)
      && rec->lParam1 != 0 && rec->lResult > 0)
    {
      /* A read's result is what the buffer now holds; a write's is what
       * it took from it. Never more than the caller asked for. */
      gsize n = (gsize) MIN (MIN (rec->lResult, MAX (rec->lParam2, 0)), RS_TRACE_MAX_BYTES);
      bytes = g_bytes_new ((const void *) rec->lParam1, n);
    }
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->pending, rs_trace_record_new (rec, bytes));
  queue = !self->idle_queued;
  self->idle_queued = TRUE;
  g_mutex_unlock (&self->lock);
  if (queue)
    {
      GSource *source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (source, deliver_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[riffscope] trace delivery");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

void
rs_trace_flush (RsTrace *self)
{
  GPtrArray *batch;
  guint n, have, drop;

  g_return_if_fail (RS_IS_TRACE (self));
  g_mutex_lock (&self->lock);
  batch = self->pending;
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->idle_queued = FALSE;
  g_mutex_unlock (&self->lock);

  n = batch->len;
  if (n > self->capacity)
    {
      /* Only the newest fit: the rest never reach the list. */
      self->dropped += n - self->capacity;
      g_ptr_array_remove_range (batch, 0, n - self->capacity);
      n = batch->len;
    }
  have = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  drop = have + n > self->capacity ? have + n - self->capacity : 0;
  if (n > 0 || drop > 0)
    {
      self->dropped += drop;
      g_list_store_splice (self->store, 0, drop, NULL, 0);
      g_list_store_splice (self->store, have - drop, 0, batch->pdata, n);
    }
  g_ptr_array_unref (batch);
}

void
rs_trace_clear (RsTrace *self)
{
  g_return_if_fail (RS_IS_TRACE (self));
  rs_trace_flush (self);
  g_list_store_remove_all (self->store);
  mmioTraceClear (self->engine);
  self->dropped = 0;
}

gboolean
rs_trace_export (RsTrace *self, const char *dest, GError **error)
{
  GString *out = g_string_new (NULL);
  guint n;
  gboolean ok;

  g_return_val_if_fail (RS_IS_TRACE (self), FALSE);
  rs_trace_flush (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  /* Translators: the header line of an exported message trace */
  g_string_append_printf (out, "# %s\n", _("seq\tdepth\tIOProc message(parameters) = result  disk before -> after  time"));
  if (self->dropped > 0)
    g_string_append_printf (out, "# %s\n", _("older records were dropped to stay within the trace buffer size"));
  for (guint i = 0; i < n; i++)
    {
      RsTraceRecord *r = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      char *line = rs_trace_record_dup_line (r);
      g_string_append (out, line);
      g_string_append_c (out, '\n');
      g_free (line);
      g_object_unref (r);
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
  return G_LIST_MODEL (self->store);
}

guint
rs_trace_get_capacity (RsTrace *self)
{
  return self->capacity;
}

guint
rs_trace_get_dropped (RsTrace *self)
{
  return self->dropped;
}

static void
rs_trace_finalize (GObject *object)
{
  RsTrace *self = RS_TRACE (object);

  /* Detaches from every handle still traced; no callback comes after. */
  mmioTraceDestroy (self->engine);
  g_ptr_array_unref (self->pending);
  g_object_unref (self->store);
  g_main_context_unref (self->context);
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
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->store = g_list_store_new (RS_TYPE_TRACE_RECORD);
  self->context = g_main_context_ref_thread_default ();
}

RsTrace *
rs_trace_new (guint capacity)
{
  RsTrace *self = g_object_new (RS_TYPE_TRACE, NULL);

  self->capacity = MAX (capacity, 16u);
  self->engine = mmioTraceCreate (self->capacity);
  /* The callback holds no reference: finalize destroys the engine trace
   * first, and a handle in a worker is only traced while its owner holds
   * a reference to this object. */
  mmioTraceSetCallback (self->engine, record_cb, self);
  return self;
}
