/* rs-document.c — loading a file for inspection. The worker thread
 * identifies the file and walks it on its own handle; the main thread
 * only ever sees finished trees. A big file gets a quick capped walk first
 * so rows show at once, then the full tree replaces it. */
#include "rs-document.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include "rs-node-list.h"
#include "rs-trace.h"

/* Files above this size get a preview walk before the full one. */
#define PREVIEW_MIN_SIZE (4 * 1024 * 1024)
#define PREVIEW_NODES    4000

struct _RsDocument
{
  GObject parent_instance;

  char *name;
  char *path;
  char *title;
  gboolean strict;

  RsTreeRef *ref;
  MMRESULT result;
  char *error;
  gint64 size;

  gboolean loading;
  double progress;
  GCancellable *cancellable;
  guint generation;

  gboolean identified;
  MMFORMATINFO format;
  char *format_name;
  FOURCC storage;
  guint32 duration_ms;
  guint32 avg_bytes_per_sec;
  GPtrArray *facts;

  gboolean watch;
  GFileMonitor *monitor;
  /* The message trace the next loads and the bytes handle go through. */
  RsTrace *trace;
  HMMIO view_hmmio;        /* the current tree's handle (owned by ref) */
  gint64 stamp_mtime;      /* of the file when the last load started */
  gint64 stamp_size;
  guint reload_id;
};

enum { PROP_0, PROP_NAME, PROP_LOADING, PROP_PROGRESS, N_PROPS };
enum { SIGNAL_LOADED, N_SIGNALS };
static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RsDocument, rs_document, G_TYPE_OBJECT)

static void
fact_free (gpointer p)
{
  RsFact *f = p;
  g_free (f->label);
  g_free (f->value);
  g_free (f);
}

/* ---- the worker --------------------------------------------------------- */

typedef struct {
  RsDocument *doc;          /* main-thread use only */
  GMainContext *context;
  char *name;
  gboolean strict;
  guint generation;
  GCancellable *cancellable;
  RsTrace *trace;         /* held while the worker's handles may be traced */
  double last_fraction;   /* worker only */
  /* results */
  gboolean identified;
  MMFORMATINFO format;
  char *format_name;
  FOURCC storage;
  guint32 duration_ms;
  guint32 avg_bytes_per_sec;
  gint64 size;
} LoadJob;

typedef struct {
  LoadJob *job;
  MmioTree *tree;
  MMRESULT result;
  gboolean preview;
  gboolean last;
} LoadStep;

static void
load_job_free (LoadJob *job)
{
  g_object_unref (job->doc);
  g_main_context_unref (job->context);
  g_object_unref (job->cancellable);
  g_clear_object (&job->trace);
  g_free (job->name);
  g_free (job->format_name);
  g_free (job);
}

static char *
split_path (const char *name)
{
  const char *plus = strrchr (name, CFSEPCHAR);

  /* A '+' is an element separator only when the part before it exists as
   * a file: "a+b.wav" may well be a plain file name. */
  if (plus && !g_file_test (name, G_FILE_TEST_EXISTS))
    return g_strndup (name, plus - name);
  return g_strdup (name);
}

static void apply_step (LoadStep *step);

/* Queues func on the main context. Not g_main_context_invoke(): from a
 * thread without its own context, that runs func right there whenever the
 * main thread is not iterating at that moment. */
static void
run_on_context (GMainContext *context, GSourceFunc func, gpointer data)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, NULL);
  g_source_set_static_name (source, "[riffscope] load step");
  g_source_attach (source, context);
  g_source_unref (source);
}

static gboolean
apply_step_cb (gpointer data)
{
  apply_step (data);
  return G_SOURCE_REMOVE;
}

typedef struct {
  RsDocument *doc;
  guint generation;
  double fraction;
} ProgressNote;

static gboolean
progress_cb (gpointer data)
{
  ProgressNote *note = data;
  RsDocument *self = note->doc;

  if (note->generation == self->generation && self->loading)
    {
      self->progress = note->fraction;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PROGRESS]);
    }
  g_object_unref (note->doc);
  g_free (note);
  return G_SOURCE_REMOVE;
}

static BOOL
walk_progress (LONG done, LONG total, void *user)
{
  LoadJob *job = user;
  double fraction = total > 0 ? CLAMP ((double) done / total, 0, 1) : 0;

  /* A note per percent at most; each carries its own reference, so it
   * may arrive after the job is gone. */
  if (fraction >= job->last_fraction + 0.01 || fraction >= 1.0)
    {
      ProgressNote *note = g_new0 (ProgressNote, 1);
      note->doc = g_object_ref (job->doc);
      note->generation = job->generation;
      note->fraction = fraction;
      job->last_fraction = fraction;
      run_on_context (job->context, progress_cb, note);
    }
  return !g_cancellable_is_cancelled (job->cancellable);
}

static void
post_step (LoadJob *job, MmioTree *tree, MMRESULT result, gboolean preview, gboolean last)
{
  LoadStep *step = g_new0 (LoadStep, 1);

  step->job = job;
  step->tree = tree;
  step->result = result;
  step->preview = preview;
  step->last = last;
  run_on_context (job->context, apply_step_cb, step);
}

static gpointer
load_thread (gpointer data)
{
  LoadJob *job = data;
  MMIOINFO info;
  MmioTreeOptions opts;
  MmioTree *tree = NULL;
  MMRESULT rc;
  HMMIO h;
  FOURCC fmt = 0;

  memset (&info, 0, sizeof info);
  if (job->trace)
    {
      h = mmioTraceOpen (rs_trace_get_engine (job->trace), job->name, &info, MMIO_READ | MMIO_DENYNONE);
      if (h)
        rs_trace_name_handle (job->trace, h, job->name);
    }
  else
    h = mmioOpen (job->name, &info, MMIO_READ | MMIO_DENYNONE);
  if (h == NULL)
    {
      post_step (job, NULL, info.wErrorRet ? info.wErrorRet : MMIOERR_CANNOTOPEN, FALSE, TRUE);
      return NULL;
    }
  job->size = mmioSeek (h, 0, SEEK_END);
  mmioSeek (h, 0, SEEK_SET);

  memset (&opts, 0, sizeof opts);
  opts.ulStructLen = sizeof opts;
  opts.dwFlags = job->strict ? MMIO_TREE_STRICT : 0;
  opts.pfnProgress = walk_progress;
  opts.pUser = job;

  if (job->size > PREVIEW_MIN_SIZE)
    {
      MmioTreeOptions quick = opts;
      quick.ulMaxNodes = PREVIEW_NODES;
      quick.pfnProgress = NULL;
      /* Chunk headers only, before identification: rows at once. */
      quick.dwFlags |= MMIO_TREE_NODESCRIBE;
      rc = mmio_tree_walk (h, &quick, &tree);
      if (tree)
        post_step (job, tree, rc, TRUE, FALSE);
      tree = NULL;
    }

  memset (&job->format, 0, sizeof job->format);
  job->format.ulStructLen = sizeof job->format;
  if (mmioIdentifyFile (job->name, NULL, &job->format, &job->storage, 0, 0) == MMSYSERR_NOERROR)
    {
      char buf[256];
      LONG got = 0;
      /* mmioGetFormatName writes up to lNameLength bytes: that is the
       * buffer size it is told, so it must not exceed ours. */
      MMFORMATINFO ask = job->format;
      ask.lNameLength = MIN (ask.lNameLength, (int32_t) sizeof buf);
      job->identified = TRUE;
      if (ask.lNameLength > 0 &&
          mmioGetFormatName (&ask, buf, &got, 0, 0) == MMSYSERR_NOERROR && got > 0)
        job->format_name = g_strndup (buf, MIN ((gsize) got, sizeof buf));
      if (job->format.ulIOProcType == MMIO_IOPROC_FILEFORMAT)
        fmt = job->format.fccIOProc;
    }
  if (fmt && (job->format.ulMediaType & MMIO_MEDIATYPE_AUDIO))
    {
      /* The audio length as the IOProc translates it (OS/2's
       * MMAUDIOHEADER), opened through the claiming IOProc. */
      union { MMAUDIOHEADER audio; WAVE_HEADER wave; } hdr;
      LONG got = 0;
      MMIOINFO hinfo;
      HMMIO hh;
      memset (&hinfo, 0, sizeof hinfo);
      hinfo.fccIOProc = fmt;
      hh = mmioOpen (job->name, &hinfo, MMIO_READ | MMIO_DENYNONE);
      if (hh)
        {
          memset (&hdr, 0, sizeof hdr);
          /* An IOProc answers with the OS/2 MMAUDIOHEADER (length in ms) or
           * just its WAVE_HEADER part (then the rate gives the length). */
          if (mmioGetHeader (hh, &hdr, sizeof hdr, &got, 0, 0) == MMSYSERR_NOERROR)
            {
              if (got >= (LONG) sizeof hdr.audio && hdr.audio.ulHeaderLength >= sizeof hdr.audio)
                job->duration_ms = hdr.audio.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInMS;
              else if (got >= (LONG) sizeof hdr.wave)
                job->avg_bytes_per_sec = hdr.wave.ulAvgBytesPerSec;
            }
          mmioClose (hh, 0);
        }
    }

  opts.fccFormat = fmt;
  if (!g_cancellable_is_cancelled (job->cancellable))
    rc = mmio_tree_walk (h, &opts, &tree);
  else
    rc = MMIOERR_CANCELLED;
  mmioClose (h, 0);
  post_step (job, tree, rc, FALSE, TRUE);
  return NULL;
}

/* ---- main thread ------------------------------------------------------------ */

static const struct {
  const char *key;      /* describers spell keys with '-' ('_' matches too) */
  const char *label;
} fact_keys[] = {
  { "channels", N_("Channels") },
  { "sample_rate", N_("Sample rate") },
  { "bits_per_sample", N_("Bits per sample") },
  { "width", N_("Width") },
  { "height", N_("Height") },
  { "total_frames", N_("Frames") },
  { "frame_rate", N_("Frame rate") },
  { "streams", N_("Streams") },
  { "tracks", N_("Tracks") },
  { "division", N_("Time division") },
};

static const char *
field_value_any (MmioTree *tree, MmioNodeId id, const char *key, MmioField *out)
{
  char *dashed = g_strdelimit (g_strdup (key), "_", '-');
  ULONG n = mmio_tree_n_fields (tree, id);
  const char *v = NULL;

  for (ULONG i = 0; i < n && v == NULL; i++)
    if (mmio_tree_get_field (tree, id, i, out) &&
        (g_strcmp0 (out->key, key) == 0 || g_strcmp0 (out->key, dashed) == 0))
      v = out->value;
  g_free (dashed);
  return v;
}

static void
add_fact (RsDocument *self, const char *label, char *value, MmioNodeId node)
{
  RsFact *f = g_new0 (RsFact, 1);

  f->label = g_strdup (label);
  f->value = value;
  f->node = node;
  g_ptr_array_add (self->facts, f);
}

static void
collect_facts (RsDocument *self)
{
  MmioTree *tree = rs_document_get_tree (self);
  ULONG n = tree ? mmio_tree_n_nodes (tree) : 0;
  gboolean seen[G_N_ELEMENTS (fact_keys)] = { FALSE };
  MmioNodeId data_node = MMIO_NODE_NONE;

  g_clear_pointer (&self->facts, g_ptr_array_unref);
  self->facts = g_ptr_array_new_with_free_func (fact_free);
  /* The headers that say these things come first in a file; a million
   * frames after them need not be looked at. */
  for (ULONG id = 0; id < n && id < 20000; id++)
    {
      MmioNode node;
      if (data_node == MMIO_NODE_NONE && mmio_tree_get_node (tree, id, &node) &&
          node.ckid == mmioFOURCC ('d', 'a', 't', 'a'))
        data_node = id;
      if (mmio_tree_n_fields (tree, id) == 0)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (fact_keys); k++)
        {
          MmioField field;
          const char *v;
          gboolean dup = FALSE;

          if (seen[k] || (v = field_value_any (tree, id, fact_keys[k].key, &field)) == NULL)
            continue;
          for (guint j = 0; j < k; j++)
            dup |= seen[j] && g_strcmp0 (fact_keys[j].label, fact_keys[k].label) == 0;
          if (dup)
            continue;
          seen[k] = TRUE;
          add_fact (self, _(fact_keys[k].label),
                    field.unit && field.unit[0] ? g_strdup_printf ("%s %s", v, field.unit) : g_strdup (v),
                    id);
        }
    }
  /* The length comes from the IOProc's translated header; the samples it
   * counts are in the 'data' chunk. */
  if (self->duration_ms == 0 && self->avg_bytes_per_sec > 0 && data_node != MMIO_NODE_NONE)
    {
      MmioNode d;
      if (mmio_tree_get_node (tree, data_node, &d))
        self->duration_ms = (guint32) MIN ((gint64) G_MAXUINT32,
                                           d.lClampedSize * 1000 / self->avg_bytes_per_sec);
    }
  if (self->duration_ms > 0)
    {
      MmioNodeId at = data_node != MMIO_NODE_NONE ? data_node : 0;
      RsFact *f;
      add_fact (self, _("Duration"),
                g_strdup_printf (_("%.2f s"), self->duration_ms / 1000.0), at);
      /* Duration reads best first. */
      f = g_ptr_array_steal_index (self->facts, self->facts->len - 1);
      g_ptr_array_insert (self->facts, 0, f);
    }
}

static void
set_loading (RsDocument *self, gboolean loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOADING]);
}

static void
apply_step (LoadStep *step)
{
  LoadJob *job = step->job;
  RsDocument *self = job->doc;
  gboolean current = job->generation == self->generation;

  if (current && (step->tree || step->last))
    {
      gboolean keep_old = step->result == MMIOERR_CANCELLED && self->ref && !rs_tree_ref_is_preview (self->ref);

      self->identified = job->identified;
      self->format = job->format;
      g_free (self->format_name);
      self->format_name = g_strdup (job->format_name);
      self->storage = job->storage;
      self->duration_ms = job->duration_ms;
      self->avg_bytes_per_sec = job->avg_bytes_per_sec;
      if (job->size > 0)
        self->size = job->size;

      if (step->tree && !keep_old)
        {
          char *name = g_strdup (self->name);
          HMMIO h = mmioOpen (name, NULL, MMIO_READ | MMIO_DENYNONE);
          g_free (name);
          if (h && self->trace)
            {
              rs_trace_name_handle (self->trace, h, self->name);
              mmioTraceAttach (h, rs_trace_get_engine (self->trace));
            }
          self->view_hmmio = h;
          g_clear_pointer (&self->ref, rs_tree_ref_unref);
          self->ref = rs_tree_ref_new (step->tree, h, step->preview);
          step->tree = NULL;
          self->size = mmio_tree_file_size (rs_tree_ref_get_tree (self->ref));
          collect_facts (self);
        }
      if (step->last)
        {
          self->result = step->result;
          g_clear_pointer (&self->error, g_free);
          if (step->result != MMSYSERR_NOERROR && step->result != MMIOERR_INVALIDFILE)
            self->error = g_strdup (step->result == MMIOERR_CANCELLED
                                    ? _("Loading was cancelled; the chunks read so far are shown.")
                                    : mmioErrorString (step->result));
          self->progress = 1.0;
          g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PROGRESS]);
          set_loading (self, FALSE);
        }
      g_signal_emit (self, signals[SIGNAL_LOADED], 0, step->preview);
    }
  if (step->tree)
    mmio_tree_free (step->tree);
  if (step->last)
    load_job_free (job);
  g_free (step);
}

static gboolean
file_stamp (RsDocument *self, gint64 *mtime, gint64 *size)
{
  GStatBuf st;

  if (g_stat (self->path, &st) != 0)
    return FALSE;
  *mtime = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  *size = st.st_size;
  return TRUE;
}

void
rs_document_load (RsDocument *self)
{
  LoadJob *job;
  GThread *thread;

  g_return_if_fail (RS_IS_DOCUMENT (self));

  rs_document_cancel (self);
  if (!file_stamp (self, &self->stamp_mtime, &self->stamp_size))
    self->stamp_mtime = self->stamp_size = -1;
  self->generation++;
  self->cancellable = g_cancellable_new ();
  self->progress = 0;
  set_loading (self, TRUE);

  job = g_new0 (LoadJob, 1);
  job->doc = g_object_ref (self);
  job->context = g_main_context_ref_thread_default ();
  job->name = g_strdup (self->name);
  job->strict = self->strict;
  job->generation = self->generation;
  job->cancellable = g_object_ref (self->cancellable);
  job->trace = self->trace ? g_object_ref (self->trace) : NULL;
  thread = g_thread_new ("riffscope-load", load_thread, job);
  g_thread_unref (thread);
}

void
rs_document_set_trace (RsDocument *self, RsTrace *trace)
{
  g_return_if_fail (RS_IS_DOCUMENT (self));
  if (trace == self->trace)
    return;
  g_set_object (&self->trace, trace);
  /* The bytes handle follows at once; the walk, at the next load. */
  if (self->ref && self->view_hmmio)
    {
      if (trace)
        rs_trace_name_handle (trace, self->view_hmmio, self->name);
      mmioTraceAttach (self->view_hmmio, trace ? rs_trace_get_engine (trace) : NULL);
    }
}

RsTrace *
rs_document_get_trace (RsDocument *self)
{
  g_return_val_if_fail (RS_IS_DOCUMENT (self), NULL);
  return self->trace;
}

void
rs_document_cancel (RsDocument *self)
{
  g_return_if_fail (RS_IS_DOCUMENT (self));
  if (self->cancellable)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
}

static gboolean
reload_cb (gpointer data)
{
  RsDocument *self = data;
  gint64 mtime, size;

  self->reload_id = 0;
  /* Monitors also report touches and events from before the load: only a
   * file that really changed is read again. */
  if (file_stamp (self, &mtime, &size) &&
      (mtime != self->stamp_mtime || size != self->stamp_size))
    rs_document_load (self);
  return G_SOURCE_REMOVE;
}

static void
file_changed (GFileMonitor *monitor, GFile *file, GFile *other,
              GFileMonitorEvent event, RsDocument *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_CHANGED:
      /* Writers change a file in bursts: wait for a quiet moment. */
      if (self->reload_id)
        g_source_remove (self->reload_id);
      self->reload_id = g_timeout_add (300, reload_cb, self);
      break;
    default:
      break;
    }
}

void
rs_document_set_watch (RsDocument *self, gboolean watch)
{
  g_return_if_fail (RS_IS_DOCUMENT (self));
  if (watch == (self->monitor != NULL))
    return;
  if (watch)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->path);
      self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
      if (self->monitor)
        g_signal_connect (self->monitor, "changed", G_CALLBACK (file_changed), self);
    }
  else
    {
      g_file_monitor_cancel (self->monitor);
      g_signal_handlers_disconnect_by_func (self->monitor, file_changed, self);
      g_clear_object (&self->monitor);
    }
}

/* ---- GObject ------------------------------------------------------------ */

static void
rs_document_dispose (GObject *object)
{
  RsDocument *self = RS_DOCUMENT (object);

  rs_document_cancel (self);
  rs_document_set_watch (self, FALSE);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  G_OBJECT_CLASS (rs_document_parent_class)->dispose (object);
}

static void
rs_document_finalize (GObject *object)
{
  RsDocument *self = RS_DOCUMENT (object);

  g_clear_pointer (&self->ref, rs_tree_ref_unref);
  g_clear_object (&self->trace);
  g_clear_pointer (&self->facts, g_ptr_array_unref);
  g_free (self->name);
  g_free (self->path);
  g_free (self->title);
  g_free (self->error);
  g_free (self->format_name);
  G_OBJECT_CLASS (rs_document_parent_class)->finalize (object);
}

static void
rs_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RsDocument *self = RS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_LOADING: g_value_set_boolean (value, self->loading); break;
    case PROP_PROGRESS: g_value_set_double (value, self->progress); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_document_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RsDocument *self = RS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      {
        char *base, *elem_base;
        const char *plus;
        self->name = g_value_dup_string (value);
        self->path = split_path (self->name);
        base = g_path_get_basename (self->path);
        plus = strlen (self->path) < strlen (self->name) ? self->name + strlen (self->path) : NULL;
        elem_base = plus ? g_strconcat (base, plus, NULL) : g_strdup (base);
        self->title = elem_base;
        g_free (base);
      }
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_document_class_init (RsDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rs_document_dispose;
  object_class->finalize = rs_document_finalize;
  object_class->get_property = rs_document_get_property;
  object_class->set_property = rs_document_set_property;

  props[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /* A new tree is in place (preview: TRUE for the quick first look). */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
rs_document_init (RsDocument *self)
{
}

RsDocument *
rs_document_new (const char *name)
{
  return g_object_new (RS_TYPE_DOCUMENT, "name", name, NULL);
}

const char *rs_document_get_name (RsDocument *self) { return self->name; }
const char *rs_document_get_path (RsDocument *self) { return self->path; }
const char *rs_document_get_title (RsDocument *self) { return self->title; }
gboolean rs_document_get_loading (RsDocument *self) { return self->loading; }
double rs_document_get_progress (RsDocument *self) { return self->progress; }
RsTreeRef *rs_document_get_tree_ref (RsDocument *self) { return self->ref; }
MMRESULT rs_document_get_result (RsDocument *self) { return self->result; }
const char *rs_document_get_error (RsDocument *self) { return self->error; }
gint64 rs_document_get_size (RsDocument *self) { return self->size; }
FOURCC rs_document_get_storage (RsDocument *self) { return self->storage; }

void
rs_document_set_strict (RsDocument *self, gboolean strict)
{
  self->strict = strict;
}

MmioTree *
rs_document_get_tree (RsDocument *self)
{
  g_return_val_if_fail (RS_IS_DOCUMENT (self), NULL);
  return rs_tree_ref_get_tree (self->ref);
}

gboolean
rs_document_get_format (RsDocument *self, MMFORMATINFO *info)
{
  g_return_val_if_fail (RS_IS_DOCUMENT (self), FALSE);
  if (info)
    *info = self->format;
  return self->identified;
}

const char *
rs_document_get_format_name (RsDocument *self)
{
  return self->format_name;
}

GPtrArray *
rs_document_get_facts (RsDocument *self)
{
  g_return_val_if_fail (RS_IS_DOCUMENT (self), NULL);
  if (self->facts == NULL)
    self->facts = g_ptr_array_new_with_free_func (fact_free);
  return self->facts;
}

gssize
rs_document_read (RsDocument *self, gint64 offset, guint8 *buf, gsize len)
{
  g_return_val_if_fail (RS_IS_DOCUMENT (self), -1);
  return rs_tree_ref_read (self->ref, offset, buf, len);
}

GListModel *
rs_document_create_root_model (RsDocument *self)
{
  g_return_val_if_fail (RS_IS_DOCUMENT (self), NULL);
  if (self->ref == NULL)
    return G_LIST_MODEL (g_list_store_new (G_TYPE_OBJECT));
  return G_LIST_MODEL (rs_node_list_new_children (self->ref, MMIO_NODE_NONE));
}
