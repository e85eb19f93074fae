/* rs-mci-panel.c — the MCI panel (see the header). Every command goes
 * through mciSendString, as a person would type it. A command sent with
 * notify gets its own callback window, so the notification that arrives
 * (successful, superseded, aborted, failure) lands on that command's log
 * row. The position is asked for while a device is open; the waveform is
 * computed from the translated PCM in a worker. */
#include "rs-mci-panel.h"

#include <glib/gi18n.h>
#include <mci/mci.h>
#include <mmio/mmio-ioproc.h>
#include <glib/gstdio.h>
#include <string.h>
#include "rs-compound.h"

#define WAVE_COLUMNS 1024
#define HISTORY_MAX 100

typedef struct {
  RsMciPanel *panel;      /* NULL once the panel is gone */
  char *command;
  const char *status;     /* static, untranslated id */
  GtkWidget *row;
  HWND hwnd;
} LogEntry;

struct _RsMciPanel
{
  AdwBin parent_instance;

  char *target;
  char *type;
  char *time_format;
  char alias[32];
  gboolean open;
  guint poll_id;
  gboolean updating_scale;
  gboolean playing;
  double length;

  GPtrArray *log;          /* LogEntry* */
  GPtrArray *history;      /* char* */
  int history_pos;

  /* A recording under way: its device and where it is saved. */
  char rec_alias[32];
  char *rec_target;        /* "container+element", for people */
  char *rec_container;
  char *rec_element;

  float *wave_min, *wave_max;
  guint wave_cols;
  GCancellable *wave_cancel;

  GtkDropDown *type_dropdown;
  GtkLabel *device_label;
  GtkLabel *position_label;
  GtkDrawingArea *waveform;
  GtkScale *position_scale;
  GtkAdjustment *position_adjustment;
  GtkListBox *log_list;
  GtkScrolledWindow *log_scroller;
  GtkTextView *console_view;
  GtkEntry *console_entry;
  GtkLabel *completion_label;
};

G_DEFINE_FINAL_TYPE (RsMciPanel, rs_mci_panel, ADW_TYPE_BIN)

#define RS_MCI_ERROR (g_quark_from_static_string ("rs-mci-error"))

static guint alias_serial;

/* ---- the log ------------------------------------------------------------------ */

static const char *
status_text (const char *status)
{
  if (g_str_equal (status, "successful")) return _("successful");
  if (g_str_equal (status, "superseded")) return _("superseded");
  if (g_str_equal (status, "aborted")) return _("aborted");
  if (g_str_equal (status, "failure")) return _("failure");
  if (g_str_equal (status, "error")) return _("error");
  if (g_str_equal (status, "done")) return _("done");
  return _("pending");
}

static void
update_row (LogEntry *e)
{
  char *t;

  if (e->row == NULL)
    return;
  t = g_markup_escape_text (status_text (e->status), -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (e->row), t);
  g_free (t);
  gtk_widget_remove_css_class (e->row, "success");
  gtk_widget_remove_css_class (e->row, "warning");
  gtk_widget_remove_css_class (e->row, "error");
  if (g_str_equal (e->status, "successful"))
    gtk_widget_add_css_class (e->row, "success");
  else if (g_str_equal (e->status, "superseded") || g_str_equal (e->status, "aborted"))
    gtk_widget_add_css_class (e->row, "warning");
  else if (g_str_equal (e->status, "failure") || g_str_equal (e->status, "error"))
    gtk_widget_add_css_class (e->row, "error");
}

static void
log_entry_free (gpointer p)
{
  LogEntry *e = p;
  g_free (e->command);
  g_free (e);
}

static void
notify_proc (HWND hwnd, UINT msg, WPARAM code, LPARAM dev, void *user)
{
  LogEntry *e = user;

  if (msg != MM_MCINOTIFY)
    return;
  e->status = code == MCI_NOTIFY_SUCCESSFUL ? "successful"
              : code == MCI_NOTIFY_SUPERSEDED ? "superseded"
              : code == MCI_NOTIFY_ABORTED ? "aborted" : "failure";
  if (e->panel)
    update_row (e);
  /* One notification per command: the window has done its work. */
  e->hwnd = NULL;
  mciDestroyCallbackWindow (hwnd);
}

static LogEntry *
log_add (RsMciPanel *self, const char *command, gboolean notify)
{
  LogEntry *e = g_new0 (LogEntry, 1);
  char *t = g_markup_escape_text (command, -1);
  GtkAdjustment *adj;

  e->panel = self;
  e->command = g_strdup (command);
  e->status = notify ? "pending" : "done";
  e->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (e->row), t);
  gtk_widget_add_css_class (e->row, "monospace");
  gtk_list_box_append (self->log_list, e->row);
  update_row (e);
  g_ptr_array_add (self->log, e);
  if (notify)
    e->hwnd = mciCreateCallbackWindow (NULL, notify_proc, e, NULL);
  adj = gtk_scrolled_window_get_vadjustment (self->log_scroller);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  g_free (t);
  return e;
}

guint rs_mci_panel_get_log_length (RsMciPanel *self) { return self->log->len; }

const char *
rs_mci_panel_get_log_command (RsMciPanel *self, guint i)
{
  return i < self->log->len ? ((LogEntry *) g_ptr_array_index (self->log, i))->command : NULL;
}

const char *
rs_mci_panel_get_log_status (RsMciPanel *self, guint i)
{
  return i < self->log->len ? ((LogEntry *) g_ptr_array_index (self->log, i))->status : NULL;
}

/* ---- sending -------------------------------------------------------------------- */

static char *
error_text (MCIERROR err)
{
  char buf[MAXERRORLENGTH * 2];

  if (!mciGetErrorString (err, buf, sizeof buf))
    /* Translators: an MCI error number with no text */
    return g_strdup_printf (_("MCI error %u"), (unsigned) err);
  return g_strdup (buf);
}

/* Sends a command string; with notify, logs it with its own callback. */
static MCIERROR
send_string (RsMciPanel *self, const char *cmd, gboolean notify, char *ret, UINT ret_len,
             char **error_out)
{
  LogEntry *e = NULL;
  MCIERROR err;
  char *full = notify ? g_strconcat (cmd, " notify", NULL) : g_strdup (cmd);

  if (notify)
    e = log_add (self, full, TRUE);
  err = mciSendString (full, ret, ret_len, e ? e->hwnd : NULL);
  if (err != 0)
    {
      char *text = error_text (err);
      if (e)
        {
          /* Nothing will arrive for a command that failed at once. */
          e->status = "error";
          update_row (e);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (e->row), text);
          mciDestroyCallbackWindow (e->hwnd);
          e->hwnd = NULL;
        }
      if (error_out)
        *error_out = text;
      else
        g_free (text);
    }
  g_free (full);
  return err;
}

static char *
query (RsMciPanel *self, const char *what)
{
  char buf[256] = "";
  char *cmd = g_strdup_printf ("status %s %s", self->alias, what);
  MCIERROR err = send_string (self, cmd, FALSE, buf, sizeof buf, NULL);

  g_free (cmd);
  return err ? NULL : g_strdup (buf);
}

/* ---- position --------------------------------------------------------------------- */

static void
update_actions (RsMciPanel *self)
{
  GtkWidget *w = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (w, "mci.open", self->target != NULL);
  gtk_widget_action_set_enabled (w, "mci.play", self->open);
  gtk_widget_action_set_enabled (w, "mci.pause", self->open);
  gtk_widget_action_set_enabled (w, "mci.resume", self->open);
  gtk_widget_action_set_enabled (w, "mci.stop", self->open || self->rec_target != NULL);
  gtk_widget_action_set_enabled (w, "mci.close", self->open);
  gtk_widget_set_sensitive (GTK_WIDGET (self->position_scale), self->open && self->length > 0);
}

static gboolean
poll_cb (gpointer data)
{
  RsMciPanel *self = data;
  char *pos, *mode;
  char *text;

  if (!self->open)
    {
      self->poll_id = 0;
      return G_SOURCE_REMOVE;
    }
  pos = query (self, "position");
  mode = query (self, "mode");
  self->playing = g_strcmp0 (mode, "playing") == 0;
  if (pos)
    {
      self->updating_scale = TRUE;
      gtk_adjustment_set_value (self->position_adjustment, g_ascii_strtod (pos, NULL));
      self->updating_scale = FALSE;
    }
  /* Translators: position / length, time format, mode — "500 / 1000 milliseconds, playing" */
  text = g_strdup_printf (_("%s / %.0f %s, %s"), pos ? pos : "?", self->length,
                          self->time_format, mode ? mode : "?");
  gtk_label_set_text (self->position_label, text);
  gtk_widget_queue_draw (GTK_WIDGET (self->waveform));
  g_free (text);
  g_free (pos);
  g_free (mode);
  return G_SOURCE_CONTINUE;
}

static gboolean
scale_changed (GtkRange *range, GtkScrollType scroll, double value, RsMciPanel *self)
{
  char *args;
  gboolean was_playing = self->playing;

  if (!self->open || self->updating_scale)
    return FALSE;
  args = g_strdup_printf ("to %.0f", CLAMP (value, 0, self->length));
  rs_mci_panel_send (self, "seek", args, NULL);
  if (was_playing)
    rs_mci_panel_send (self, "play", NULL, NULL);
  g_free (args);
  return FALSE;
}

/* ---- waveform ---------------------------------------------------------------------- */

typedef struct {
  char *name;
  float mins[WAVE_COLUMNS], maxs[WAVE_COLUMNS];
  guint cols;
} WaveJob;

static void
wave_job_free (WaveJob *job)
{
  g_free (job->name);
  g_free (job);
}

static void
wave_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  WaveJob *job = data;
  MMIOINFO info = { 0 };
  MMAUDIOHEADER hdr = { 0 };
  LONG got = 0;
  HMMIO h;
  guint8 *buf;
  gint64 frames, frame_bytes, done = 0;
  guint bits, ch;

  /* The same translated view of the audio the waveaudio driver plays. */
  info.ulTranslate = MMIO_TRANSLATEDATA | MMIO_TRANSLATEHEADER;
  h = mmioOpen (job->name, &info, MMIO_READ | MMIO_DENYNONE | MMIO_IDENTIFY);
  if (h == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (mmioGetHeader (h, &hdr, sizeof hdr, &got, 0, 0) != 0 || got < (LONG) sizeof hdr
      || hdr.ulMediaType != MMIO_MEDIATYPE_AUDIO)
    {
      mmioClose (h, 0);
      g_task_return_boolean (task, FALSE);
      return;
    }
  bits = hdr.mmXWAVHeader.WAVEHeader.usBitsPerSample;
  ch = MAX (hdr.mmXWAVHeader.WAVEHeader.usChannels, 1);
  if (bits != 8 && bits != 16)
    {
      mmioClose (h, 0);
      g_task_return_boolean (task, FALSE);
      return;
    }
  frame_bytes = (gint64) ch * bits / 8;
  frames = hdr.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInBytes / frame_bytes;
  job->cols = frames > 0 ? (guint) MIN ((gint64) WAVE_COLUMNS, frames) : 0;
  for (guint c = 0; c < job->cols; c++)
    {
      job->mins[c] = 1;
      job->maxs[c] = -1;
    }
  buf = g_malloc (65536);
  while (job->cols > 0 && done < frames && !g_task_return_error_if_cancelled (task))
    {
      LONG n = mmioRead (h, (HPSTR) buf, (LONG) (65536 / frame_bytes * frame_bytes));
      if (n <= 0)
        break;
      for (LONG k = 0; k + frame_bytes <= n; k += frame_bytes, done++)
        {
          guint c = (guint) MIN ((guint64) done * job->cols / (guint64) frames, job->cols - 1);
          float v = bits == 8 ? (buf[k] - 128) / 128.0f
                              : (gint16) (buf[k] | (buf[k + 1] << 8)) / 32768.0f;
          job->mins[c] = MIN (job->mins[c], v);
          job->maxs[c] = MAX (job->maxs[c], v);
        }
    }
  g_free (buf);
  mmioClose (h, 0);
  if (!g_cancellable_is_cancelled (cancellable))
    g_task_return_boolean (task, TRUE);
}

static void
wave_done (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = G_TASK (result);
  WaveJob *job = g_task_get_task_data (task);
  RsMciPanel *self;

  if (!g_task_propagate_boolean (task, NULL) || g_task_had_error (task))
    return;
  self = RS_MCI_PANEL (source);
  g_free (self->wave_min);
  g_free (self->wave_max);
  self->wave_min = g_memdup2 (job->mins, sizeof (float) * job->cols);
  self->wave_max = g_memdup2 (job->maxs, sizeof (float) * job->cols);
  self->wave_cols = job->cols;
  gtk_widget_queue_draw (GTK_WIDGET (self->waveform));
}

static void
start_waveform (RsMciPanel *self)
{
  WaveJob *job = g_new0 (WaveJob, 1);
  GTask *task;

  g_cancellable_cancel (self->wave_cancel);
  g_clear_object (&self->wave_cancel);
  self->wave_cancel = g_cancellable_new ();
  g_clear_pointer (&self->wave_min, g_free);
  g_clear_pointer (&self->wave_max, g_free);
  self->wave_cols = 0;
  job->name = g_strdup (self->target);
  task = g_task_new (self, self->wave_cancel, wave_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) wave_job_free);
  g_task_run_in_thread (task, wave_thread);
  g_object_unref (task);
}

static void
draw_waveform (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  RsMciPanel *self = data;
  GdkRGBA fg;
  double mid = height / 2.0;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.08);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  if (self->wave_cols > 0 && width > 0)
    {
      /* Min and max per pixel column, over the columns it covers. */
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1.0);
      for (int x = 0; x < width; x++)
        {
          guint a = (guint) ((guint64) x * self->wave_cols / (guint) width);
          guint b = (guint) ((guint64) (x + 1) * self->wave_cols / (guint) width);
          float lo = 1, hi = -1;
          for (guint c = a; c < MAX (b, a + 1) && c < self->wave_cols; c++)
            {
              lo = MIN (lo, self->wave_min[c]);
              hi = MAX (hi, self->wave_max[c]);
            }
          if (hi < lo)
            continue;
          cairo_rectangle (cr, x, mid - hi * mid, 1, MAX ((hi - lo) * mid, 1));
        }
      cairo_fill (cr);
    }
  else
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.3);
      cairo_rectangle (cr, 0, mid, width, 1);
      cairo_fill (cr);
    }
  if (self->open && self->length > 0)
    {
      double x = gtk_adjustment_get_value (self->position_adjustment) / self->length * width;
      cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 1.0);
      cairo_rectangle (cr, CLAMP (x, 0, width - 2), 0, 2, height);
      cairo_fill (cr);
    }
}

guint rs_mci_panel_get_waveform_columns (RsMciPanel *self) { return self->wave_cols; }

/* ---- device -------------------------------------------------------------------- */

static void
close_device (RsMciPanel *self)
{
  if (!self->open)
    return;
  {
    char *cmd = g_strdup_printf ("close %s", self->alias);
    send_string (self, cmd, FALSE, NULL, 0, NULL);
    g_free (cmd);
  }
  self->open = FALSE;
  self->playing = FALSE;
  self->length = 0;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  gtk_label_set_text (self->device_label, _("No device open"));
  gtk_label_set_text (self->position_label, "–");
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->waveform));
}

gboolean
rs_mci_panel_open (RsMciPanel *self, GError **error)
{
  GString *cmd;
  char *err_text = NULL;
  char *len;
  MCIERROR err;

  g_return_val_if_fail (RS_IS_MCI_PANEL (self), FALSE);
  if (self->target == NULL)
    {
      g_set_error_literal (error, RS_MCI_ERROR, 0, _("Open a file first"));
      return FALSE;
    }
  close_device (self);
  g_snprintf (self->alias, sizeof self->alias, "rsmci%u", ++alias_serial);
  cmd = g_string_new ("open \"");
  g_string_append (cmd, self->target);
  g_string_append (cmd, "\"");
  if (self->type)
    g_string_append_printf (cmd, " type %s", self->type);
  g_string_append_printf (cmd, " alias %s", self->alias);
  err = send_string (self, cmd->str, FALSE, NULL, 0, &err_text);
  log_add (self, cmd->str, FALSE);
  if (err != 0)
    {
      LogEntry *e = g_ptr_array_index (self->log, self->log->len - 1);
      e->status = "error";
      update_row (e);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (e->row), err_text);
      g_set_error_literal (error, RS_MCI_ERROR, (int) err, err_text);
      g_free (err_text);
      g_string_free (cmd, TRUE);
      return FALSE;
    }
  g_string_free (cmd, TRUE);
  self->open = TRUE;
  {
    char *set = g_strdup_printf ("set %s time format %s", self->alias, self->time_format);
    if (send_string (self, set, FALSE, NULL, 0, NULL) != 0)
      {
        /* A format this device does not have: milliseconds they all do. */
        g_free (self->time_format);
        self->time_format = g_strdup ("milliseconds");
        g_free (set);
        set = g_strdup_printf ("set %s time format milliseconds", self->alias);
        send_string (self, set, FALSE, NULL, 0, NULL);
      }
    g_free (set);
  }
  len = query (self, "length");
  self->length = len ? g_ascii_strtod (len, NULL) : 0;
  g_free (len);
  gtk_adjustment_configure (self->position_adjustment, 0, 0, MAX (self->length, 1),
                            MAX (self->length / 100, 1), MAX (self->length / 10, 1), 0);
  {
    char *type = NULL;
    char buf[64] = "";
    char *q = g_strdup_printf ("capability %s device type", self->alias);
    if (send_string (self, q, FALSE, buf, sizeof buf, NULL) == 0)
      type = g_strdup (buf);
    g_free (q);
    {
      char *base = g_path_get_basename (self->target);
      /* Translators: alias, device type, file name */
      char *t = g_strdup_printf (_("%s: %s on %s"), self->alias, type ? type : "?", base);
      gtk_label_set_text (self->device_label, t);
      g_free (t);
      g_free (base);
    }
    g_free (type);
  }
  start_waveform (self);
  if (self->poll_id == 0)
    self->poll_id = g_timeout_add (100, poll_cb, self);
  poll_cb (self);
  update_actions (self);
  return TRUE;
}

gboolean
rs_mci_panel_is_open (RsMciPanel *self)
{
  return self->open;
}

gboolean
rs_mci_panel_send (RsMciPanel *self, const char *verb, const char *args, GError **error)
{
  char *cmd, *err_text = NULL;
  MCIERROR err;

  if (!self->open)
    {
      g_set_error_literal (error, RS_MCI_ERROR, 0, _("No device is open"));
      return FALSE;
    }
  cmd = g_strdup_printf ("%s %s%s%s", verb, self->alias, args ? " " : "", args ? args : "");
  err = send_string (self, cmd, TRUE, NULL, 0, &err_text);
  g_free (cmd);
  if (err != 0)
    {
      g_set_error_literal (error, RS_MCI_ERROR, (int) err, err_text);
      g_free (err_text);
      return FALSE;
    }
  if (g_str_equal (verb, "play"))
    self->playing = TRUE;
  poll_cb (self);
  return TRUE;
}

void
rs_mci_panel_set_target (RsMciPanel *self, const char *name)
{
  g_return_if_fail (RS_IS_MCI_PANEL (self));
  g_free (self->target);
  self->target = g_strdup (name);
  update_actions (self);
}

void
rs_mci_panel_set_device_type (RsMciPanel *self, const char *type)
{
  g_free (self->type);
  self->type = type && *type ? g_strdup (type) : NULL;
}

void
rs_mci_panel_set_time_format (RsMciPanel *self, const char *format)
{
  g_free (self->time_format);
  self->time_format = g_strdup (format && *format ? format : "milliseconds");
}

/* ---- ranges and recording ------------------------------------------------------ */

static MCIERROR
set_format (RsMciPanel *self, const char *alias, const char *format)
{
  char *cmd = g_strdup_printf ("set %s time format %s", alias, format);
  MCIERROR err = send_string (self, cmd, FALSE, NULL, 0, NULL);
  g_free (cmd);
  return err;
}

guint32
rs_mci_panel_get_length_bytes (RsMciPanel *self)
{
  char *len;
  guint32 n;

  if (!self->open || set_format (self, self->alias, "bytes") != 0)
    return 0;
  len = query (self, "length");
  n = len ? (guint32) g_ascii_strtoull (len, NULL, 10) : 0;
  g_free (len);
  set_format (self, self->alias, self->time_format);
  return n;
}

gboolean
rs_mci_panel_play_bytes (RsMciPanel *self, guint32 from, guint32 to, GError **error)
{
  char *args;
  gboolean ok;

  if (!self->open)
    {
      g_set_error_literal (error, RS_MCI_ERROR, 0, _("No device is open"));
      return FALSE;
    }
  if (set_format (self, self->alias, "bytes") != 0)
    {
      g_set_error_literal (error, RS_MCI_ERROR, 0, _("This device cannot count in bytes"));
      return FALSE;
    }
  /* Positions are taken when the command is; the format can go back. */
  args = g_strdup_printf ("from %u to %u", from, to);
  ok = rs_mci_panel_send (self, "play", args, error);
  set_format (self, self->alias, self->time_format);
  g_free (args);
  return ok;
}

gboolean
rs_mci_panel_is_recording (RsMciPanel *self)
{
  return self->rec_target != NULL;
}

gboolean
rs_mci_panel_start_recording (RsMciPanel *self, const char *container, const char *element,
                              GError **error)
{
  char *cmd, *err_text = NULL;
  MCIERROR err;

  if (self->rec_target)
    {
      g_set_error_literal (error, RS_MCI_ERROR, 0, _("A recording is already under way"));
      return FALSE;
    }
  if (element == NULL || *element == 0 || strchr (element, '"') || strchr (element, CFSEPCHAR))
    {
      g_set_error_literal (error, RS_MCI_ERROR, 0, _("Give the new element a name without quotes or “+”"));
      return FALSE;
    }
  g_snprintf (self->rec_alias, sizeof self->rec_alias, "rsrec%u", ++alias_serial);
  cmd = g_strdup_printf ("open new type waveaudio alias %s", self->rec_alias);
  err = send_string (self, cmd, FALSE, NULL, 0, &err_text);
  log_add (self, cmd, FALSE);
  g_free (cmd);
  if (err == 0)
    {
      cmd = g_strdup_printf ("record %s", self->rec_alias);
      err = send_string (self, cmd, TRUE, NULL, 0, &err_text);
      g_free (cmd);
      if (err != 0)
        {
          cmd = g_strdup_printf ("close %s", self->rec_alias);
          send_string (self, cmd, FALSE, NULL, 0, NULL);
          g_free (cmd);
        }
    }
  if (err != 0)
    {
      g_set_error_literal (error, RS_MCI_ERROR, (int) err, err_text);
      g_free (err_text);
      return FALSE;
    }
  self->rec_target = g_strdup_printf ("%s%c%s", container, CFSEPCHAR, element);
  self->rec_container = g_strdup (container);
  self->rec_element = g_strdup (element);
  {
    char *base = g_path_get_basename (self->rec_target);
    /* Translators: %s is the element being recorded, "sounds.bnd+take1.wav" */
    char *t = g_strdup_printf (_("Recording into %s"), base);
    gtk_label_set_text (self->device_label, t);
    g_free (t);
    g_free (base);
  }
  update_actions (self);
  return TRUE;
}

gboolean
rs_mci_panel_stop_recording (RsMciPanel *self, GError **error)
{
  char *cmd, *err_text = NULL;
  MCIERROR err;

  if (self->rec_target == NULL)
    return FALSE;
  char *dir, *tmp;
  gboolean ok = TRUE;

  cmd = g_strdup_printf ("stop %s", self->rec_alias);
  send_string (self, cmd, FALSE, NULL, 0, NULL);
  g_free (cmd);
  /* The driver saves files, not elements (an element is an edit of the
   * compound file): a WAVE beside the container first, then added to it
   * as the elements browser adds a file. */
  dir = g_path_get_dirname (self->rec_container);
  tmp = g_strdup_printf ("%s/.riffscope-recording-%08x.wav", dir, g_random_int ());
  cmd = g_strdup_printf ("save %s \"%s\"", self->rec_alias, tmp);
  err = send_string (self, cmd, TRUE, NULL, 0, &err_text);
  g_free (cmd);
  cmd = g_strdup_printf ("close %s", self->rec_alias);
  send_string (self, cmd, FALSE, NULL, 0, NULL);
  g_free (cmd);
  if (err != 0)
    {
      g_set_error_literal (error, RS_MCI_ERROR, (int) err, err_text);
      g_free (err_text);
      ok = FALSE;
    }
  else
    {
      ok = rs_compound_add_file (self->rec_container, self->rec_element, tmp, FALSE, error);
      if (ok)
        {
          /* Translators: %s is the new element, "sounds.bnd+take1.wav" */
          char *base = g_path_get_basename (self->rec_target);
          char *line = g_strdup_printf (_("Recorded into %s"), base);
          log_add (self, line, FALSE);
          g_free (line);
          g_free (base);
        }
    }
  g_remove (tmp);
  g_free (tmp);
  g_free (dir);
  g_clear_pointer (&self->rec_target, g_free);
  g_clear_pointer (&self->rec_container, g_free);
  g_clear_pointer (&self->rec_element, g_free);
  gtk_label_set_text (self->device_label, self->open ? self->alias : _("No device open"));
  update_actions (self);
  return ok;
}

/* ---- console -------------------------------------------------------------------- */

static void
console_append (RsMciPanel *self, const char *text)
{
  GtkTextBuffer *buf = gtk_text_view_get_buffer (self->console_view);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buf, &end);
  gtk_text_buffer_insert (buf, &end, text, -1);
  gtk_text_buffer_get_end_iter (buf, &end);
  gtk_text_view_scroll_to_iter (self->console_view, &end, 0, FALSE, 0, 1);
}

char *
rs_mci_panel_run_console (RsMciPanel *self, const char *line)
{
  char ret[1024] = "";
  char *out, *cmd, *err_text = NULL;
  gboolean notify;
  LogEntry *e = NULL;
  MCIERROR err;

  cmd = g_strstrip (g_strdup (line));
  if (*cmd == 0)
    {
      g_free (cmd);
      return g_strdup ("");
    }
  if (self->history->len == 0
      || g_strcmp0 (g_ptr_array_index (self->history, self->history->len - 1), cmd) != 0)
    g_ptr_array_add (self->history, g_strdup (cmd));
  if (self->history->len > HISTORY_MAX)
    g_ptr_array_remove_index (self->history, 0);
  self->history_pos = (int) self->history->len;

  /* A command the person asked to be notified about goes in the log. */
  {
    char *lower = g_ascii_strdown (cmd, -1);
    char **words = g_strsplit_set (lower, " \t", -1);
    notify = g_strv_contains ((const char *const *) words, "notify");
    g_strfreev (words);
    g_free (lower);
  }
  if (notify)
    e = log_add (self, cmd, TRUE);
  err = mciSendString (cmd, ret, sizeof ret, e ? e->hwnd : NULL);
  if (err != 0)
    {
      err_text = error_text (err);
      if (e)
        {
          e->status = "error";
          update_row (e);
          mciDestroyCallbackWindow (e->hwnd);
          e->hwnd = NULL;
        }
      /* Translators: the console's answer to a failed command */
      out = g_strdup_printf (_("Error %u: %s"), (unsigned) err, err_text);
    }
  else
    out = g_strdup (ret[0] ? ret : _("OK"));
  {
    char *block = g_strdup_printf ("> %s\n%s\n", cmd, out);
    console_append (self, block);
    g_free (block);
  }
  if (self->open)
    poll_cb (self);
  g_free (err_text);
  g_free (cmd);
  return out;
}

char *
rs_mci_panel_dup_console_text (RsMciPanel *self)
{
  GtkTextBuffer *buf = gtk_text_view_get_buffer (self->console_view);
  GtkTextIter a, b;

  gtk_text_buffer_get_bounds (buf, &a, &b);
  return gtk_text_buffer_get_text (buf, &a, &b, FALSE);
}

static void
add_candidates (GPtrArray *out, const MCI_COMMAND_ENTRY *t, const char *verb, const char *prefix)
{
  gboolean in_verb = FALSE;

  for (guint i = 0; t && i < 4096 && t[i].type != MCI_END_COMMAND_LIST; i++)
    {
      const char *k = t[i].keyword;
      if (t[i].type == MCI_COMMAND_HEAD)
        {
          in_verb = verb && k && g_ascii_strcasecmp (k, verb) == 0;
          if (verb == NULL && k && g_str_has_prefix (k, prefix))
            {
              gboolean dup = FALSE;
              for (guint j = 0; j < out->len && !dup; j++)
                dup = g_str_equal (g_ptr_array_index (out, j), k);
              if (!dup)
                g_ptr_array_add (out, g_strdup (k));
            }
          continue;
        }
      if (t[i].type == MCI_END_COMMAND)
        {
          in_verb = FALSE;
          continue;
        }
      if (in_verb && k && *k && g_str_has_prefix (k, prefix) && t[i].type != MCI_RETURN)
        {
          gboolean dup = FALSE;
          for (guint j = 0; j < out->len && !dup; j++)
            dup = g_str_equal (g_ptr_array_index (out, j), k);
          if (!dup)
            g_ptr_array_add (out, g_strdup (k));
        }
    }
}

char *
rs_mci_panel_complete (RsMciPanel *self, const char *line, char ***candidates)
{
  const char *last = strrchr (line, ' ');
  const char *word = last ? last + 1 : line;
  char **words = g_strsplit (line, " ", -1);
  GPtrArray *c = g_ptr_array_new_with_free_func (g_free);
  char *lower = g_ascii_strdown (word, -1);
  char *result;
  gsize common = 0;

  /* The verb from the core table and the device tables; after it, the
   * keywords of that verb's commands (core, waveaudio, sequencer). */
  for (UINT table = 0; table < 3; table++)
    add_candidates (c, mciGetCommandTable (table), last ? words[0] : NULL, lower);
  if (c->len > 0)
    {
      const char *first = g_ptr_array_index (c, 0);
      common = strlen (first);
      for (guint i = 1; i < c->len; i++)
        {
          const char *s = g_ptr_array_index (c, i);
          gsize k = 0;
          while (k < common && s[k] == first[k])
            k++;
          common = k;
        }
      result = g_strdup_printf ("%.*s%.*s%s", (int) (word - line), line, (int) common, first,
                                c->len == 1 ? " " : "");
    }
  else
    result = g_strdup (line);
  if (candidates)
    {
      g_ptr_array_add (c, NULL);
      *candidates = (char **) g_ptr_array_free (c, FALSE);
    }
  else
    g_ptr_array_unref (c);
  g_strfreev (words);
  g_free (lower);
  return result;
}

static void
console_activate (GtkEntry *entry, RsMciPanel *self)
{
  char *line = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  char *out = rs_mci_panel_run_console (self, line);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_label_set_text (self->completion_label, "");
  g_free (out);
  g_free (line);
}

static gboolean
console_key (GtkEventControllerKey *ctl, guint keyval, guint keycode, GdkModifierType state,
             RsMciPanel *self)
{
  GtkEditable *ed = GTK_EDITABLE (self->console_entry);

  if (keyval == GDK_KEY_Tab)
    {
      char **cands = NULL;
      char *done = rs_mci_panel_complete (self, gtk_editable_get_text (ed), &cands);
      char *shown = g_strjoinv ("  ", cands);
      gtk_editable_set_text (ed, done);
      gtk_editable_set_position (ed, -1);
      gtk_label_set_text (self->completion_label, shown);
      g_free (shown);
      g_strfreev (cands);
      g_free (done);
      return TRUE;
    }
  if ((keyval == GDK_KEY_Up || keyval == GDK_KEY_Down) && self->history->len > 0)
    {
      self->history_pos += keyval == GDK_KEY_Up ? -1 : 1;
      self->history_pos = CLAMP (self->history_pos, 0, (int) self->history->len);
      gtk_editable_set_text (ed, self->history_pos < (int) self->history->len
                                 ? g_ptr_array_index (self->history, self->history_pos) : "");
      gtk_editable_set_position (ed, -1);
      return TRUE;
    }
  return FALSE;
}

/* ---- actions -------------------------------------------------------------------- */

static void
report_error (RsMciPanel *self, GError *error)
{
  char *block = g_strdup_printf ("%s\n", error->message);
  console_append (self, block);
  g_free (block);
  g_error_free (error);
}

static void
open_action (GtkWidget *w, const char *name, GVariant *param)
{
  RsMciPanel *self = RS_MCI_PANEL (w);
  guint sel = gtk_drop_down_get_selected (self->type_dropdown);
  GError *error = NULL;

  if (sel != GTK_INVALID_LIST_POSITION && sel > 0)
    rs_mci_panel_set_device_type (self, sel == 1 ? "waveaudio" : "sequencer");
  else
    rs_mci_panel_set_device_type (self, NULL);
  if (!rs_mci_panel_open (self, &error))
    report_error (self, error);
}

static void
transport_action (GtkWidget *w, const char *name, GVariant *param)
{
  RsMciPanel *self = RS_MCI_PANEL (w);
  GError *error = NULL;
  const char *verb = strchr (name, '.') + 1;

  if (g_str_equal (verb, "close"))
    {
      close_device (self);
      return;
    }
  if (g_str_equal (verb, "stop") && self->rec_target)
    {
      if (!rs_mci_panel_stop_recording (self, &error))
        report_error (self, error);
      return;
    }
  if (!rs_mci_panel_send (self, verb, NULL, &error))
    report_error (self, error);
}

/* ---- object -------------------------------------------------------------------- */

static void
rs_mci_panel_dispose (GObject *object)
{
  RsMciPanel *self = RS_MCI_PANEL (object);

  if (self->rec_target)
    rs_mci_panel_stop_recording (self, NULL);
  close_device (self);
  if (self->wave_cancel)
    g_cancellable_cancel (self->wave_cancel);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->log)
    for (guint i = 0; i < self->log->len; i++)
      {
        LogEntry *e = g_ptr_array_index (self->log, i);
        e->panel = NULL;
        e->row = NULL;
        if (e->hwnd)
          mciDestroyCallbackWindow (e->hwnd);
        e->hwnd = NULL;
      }
  gtk_widget_dispose_template (GTK_WIDGET (self), RS_TYPE_MCI_PANEL);
  G_OBJECT_CLASS (rs_mci_panel_parent_class)->dispose (object);
}

static void
rs_mci_panel_finalize (GObject *object)
{
  RsMciPanel *self = RS_MCI_PANEL (object);

  g_ptr_array_unref (self->log);
  g_ptr_array_unref (self->history);
  g_clear_object (&self->wave_cancel);
  g_free (self->wave_min);
  g_free (self->wave_max);
  g_free (self->target);
  g_free (self->type);
  g_free (self->time_format);
  g_free (self->rec_target);
  g_free (self->rec_container);
  g_free (self->rec_element);
  G_OBJECT_CLASS (rs_mci_panel_parent_class)->finalize (object);
}

static void
rs_mci_panel_class_init (RsMciPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rs_mci_panel_dispose;
  object_class->finalize = rs_mci_panel_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/riffscope/Riffscope/rs-mci-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RsMciPanel, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RsMciPanel, device_label);
  gtk_widget_class_bind_template_child (widget_class, RsMciPanel, position_label);
  gtk_widget_class_bind_template_child (widget_class, RsMciPanel, waveform);
  gtk_widget_class_bind_template_child (widget_class, RsMciPanel, position_scale);
  gtk_widget_class_bind_template_child (widget_class, RsMciPanel, position_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RsMciPanel, log_list);
  gtk_widget_class_bind_template_child (widget_class, RsMciPanel, log_scroller);
  gtk_widget_class_bind_template_child (widget_class, RsMciPanel, console_view);
  gtk_widget_class_bind_template_child (widget_class, RsMciPanel, console_entry);
  gtk_widget_class_bind_template_child (widget_class, RsMciPanel, completion_label);
  gtk_widget_class_install_action (widget_class, "mci.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "mci.play", NULL, transport_action);
  gtk_widget_class_install_action (widget_class, "mci.pause", NULL, transport_action);
  gtk_widget_class_install_action (widget_class, "mci.resume", NULL, transport_action);
  gtk_widget_class_install_action (widget_class, "mci.stop", NULL, transport_action);
  gtk_widget_class_install_action (widget_class, "mci.close", NULL, transport_action);
}

static void
rs_mci_panel_init (RsMciPanel *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->log = g_ptr_array_new_with_free_func (log_entry_free);
  self->history = g_ptr_array_new_with_free_func (g_free);
  self->time_format = g_strdup ("milliseconds");
  gtk_drawing_area_set_draw_func (self->waveform, draw_waveform, self, NULL);
  g_signal_connect (self->position_scale, "change-value", G_CALLBACK (scale_changed), self);
  g_signal_connect (self->console_entry, "activate", G_CALLBACK (console_activate), self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (console_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->console_entry), keys);
  update_actions (self);
}

GtkWidget *
rs_mci_panel_new (void)
{
  return g_object_new (RS_TYPE_MCI_PANEL, NULL);
}
