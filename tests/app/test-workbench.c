/* test-workbench.c — part 2 of the window, driven through its actions:
 * the IOProcs page installs and removes the example plugin (and shows
 * the loader's reason for a broken one) and runs the checker on a faulty
 * IOProc; the trace shows a file's messages as it opens, filters them,
 * shows a read's bytes and exports; the MCI panel opens waveaudio on a
 * sample, plays (SUCCESSFUL), plays and stops (ABORTED), and its console
 * shows a bad command's error text and completes verbs and keywords.
 * Needs a display (Xvfb in CI) and SDL's disk audio driver.
 * With RIFFSCOPE_SCREENSHOT_DIR set, it also saves the screenshots the
 * metainfo shows (tools/screenshots-part2.sh). */
#include <gtk/gtk.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <mci/mci.h>
#include <mmio/mmio-plugin.h>
#include "rs-application.h"
#include "rs-dialogs.h"
#include "rs-document.h"
#include "rs-hex-view.h"
#include "rs-ioproc-info.h"
#include "rs-ioprocs-page.h"
#include "rs-mci-panel.h"
#include "rs-page.h"
#include "rs-trace.h"
#include "rs-trace-record.h"
#include "rs-trace-view.h"
#include "rs-window.h"
#include "rs-window-tools.h"
#include "test-util.h"

static RsApplication *app;
static RsWindow *win;
static char *answer_open;
static char *answer_save;
static char *answer_text;

static char *
responder (const char *kind, const char *title, gpointer data)
{
  if (g_str_equal (kind, "open"))
    return g_strdup (answer_open);
  if (g_str_equal (kind, "save"))
    return g_strdup (answer_save);
  if (g_str_equal (kind, "text"))
    return g_strdup (answer_text);
  return NULL;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
activate (const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), action, NULL));
  drain ();
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until cond (data) holds; the timeout only turns a hang into a
 * failure. */
static void
wait_until (gboolean (*cond) (gpointer), gpointer data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, timeout_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
loaded (gpointer data)
{
  RsDocument *doc = rs_page_get_document (data);
  return !rs_document_get_loading (doc) && rs_document_get_tree (doc) != NULL;
}

static void
wait_loaded_page (RsPage *page)
{
  wait_until (loaded, page);
  drain ();
}

static char *
sample_copy (const char *name)
{
  static int serial;
  char *src = g_build_filename (g_getenv ("RIFFSCOPE_SAMPLES"), name, NULL);
  char *sub = g_strdup_printf ("s%d", ++serial);
  char *dir = tu_path (sub);
  char *dst = g_build_filename (dir, name, NULL);
  GBytes *b = tu_read_file (src);

  g_mkdir_with_parents (dir, 0700);
  tu_write_file (dst, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  g_bytes_unref (b);
  g_free (src);
  g_free (sub);
  g_free (dir);
  return dst;
}

static void
close_all_tabs (void)
{
  AdwTabView *view = rs_window_get_tab_view (win);

  while (adw_tab_view_get_n_pages (view) > 0)
    {
      adw_tab_view_close_page (view, adw_tab_view_get_nth_page (view, 0));
      drain ();
    }
}

/* Toasts of earlier steps would cover the picture (their timeout waits
 * for a focused window, which Xvfb without a window manager never has). */
static void
hide_toasts (GtkWidget *w)
{
  if (g_str_equal (gtk_widget_get_css_name (w), "toast"))
    gtk_widget_set_opacity (w, 0);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    hide_toasts (c);
}

/* Saves what the window shows, for the metainfo screenshots. */
static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("RIFFSCOPE_SCREENSHOT_DIR");
  GdkPaintable *paintable;
  GtkSnapshot *snap;
  GskRenderNode *node;
  GdkTexture *tex;
  int w, h;
  char *path;

  if (dir == NULL)
    return;
  hide_toasts (GTK_WIDGET (win));
  for (int i = 0; i < 20; i++)
    {
      drain ();
      g_usleep (20000);
    }
  w = gtk_widget_get_width (GTK_WIDGET (win));
  h = gtk_widget_get_height (GTK_WIDGET (win));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (win));
  snap = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snap, w, h);
  node = gtk_snapshot_free_to_node (snap);
  g_assert_nonnull (node);
  tex = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (win)), node,
                                     &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (tex, path));
  g_test_message ("wrote %s", path);
  g_free (path);
  g_object_unref (tex);
  gsk_render_node_unref (node);
  g_object_unref (paintable);
}

/* ---- IOProcs page ------------------------------------------------------------- */

static RsIOProcInfo *
find_ioproc (RsIOProcsPage *page, FOURCC fcc)
{
  GListModel *m = rs_ioprocs_page_get_model (page);

  for (guint i = 0; i < g_list_model_get_n_items (m); i++)
    {
      RsIOProcInfo *info = g_list_model_get_item (m, i);
      g_object_unref (info);   /* the model holds it */
      if (rs_ioproc_info_get_format (info)->fccIOProc == fcc && !rs_ioproc_info_get_shadowed (info))
        return info;
    }
  return NULL;
}

static void
test_ioprocs_install_remove (void)
{
  RsIOProcsPage *page = rs_window_get_ioprocs_page (win);
  FOURCC au = mmioFOURCC ('A', 'U', ' ', ' ');
  RsIOProcInfo *info;
  GError *error = NULL;
  char *caps;

  activate ("win.show-ioprocs");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));

  /* The built-ins are there, with their MMFORMATINFO spelled out. */
  info = find_ioproc (page, mmioFOURCC ('W', 'A', 'V', 'E'));
  g_assert_nonnull (info);
  g_assert_cmpint (rs_ioproc_info_get_origin (info), ==, RS_IOPROC_BUILTIN);
  g_assert_cmpstr (rs_ioproc_type_text (rs_ioproc_info_get_format (info)->ulIOProcType), ==, "File format");
  g_assert_cmpstr (rs_media_type_text (rs_ioproc_info_get_format (info)->ulMediaType), ==, "Audio");
  g_assert_cmpstr (rs_ioproc_info_get_name (info), !=, "");
  caps = rs_capabilities_text (rs_ioproc_info_get_format (info)->ulFlags);
  g_assert_nonnull (strstr (caps, "read"));
  g_free (caps);
  g_assert_null (find_ioproc (page, au));

  /* A broken module: refused, with the loader's reason on the page. */
  g_assert_false (rs_ioprocs_page_install (page, g_getenv ("RIFFSCOPE_BROKEN_ABI"), &error));
  g_assert_error (error, g_quark_from_static_string ("rs-ioprocs-error"), MMIO_PLUGIN_E_ABI_VERSION);
  g_assert_nonnull (rs_ioprocs_page_get_message (page));
  g_assert_nonnull (strstr (rs_ioprocs_page_get_message (page), "broken-abi"));
  g_clear_error (&error);

  /* The example plugin through the page's own command, as a person would. */
  g_free (answer_open);
  answer_open = g_strdup (g_getenv ("RIFFSCOPE_AU_PLUGIN"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ioprocs.install", NULL));
  drain ();
  info = find_ioproc (page, au);
  g_assert_nonnull (info);
  g_assert_cmpint (rs_ioproc_info_get_origin (info), ==, RS_IOPROC_REGISTRY);
  g_assert_nonnull (strstr (rs_ioproc_info_get_module (info), "riffscope-au"));
  g_assert_null (rs_ioprocs_page_get_message (page));
  g_assert_nonnull (strstr (rs_window_get_last_toast (win), "AU"));
  {
    /* It is in the persistent registry, which lives in the test's folder. */
    MMINIFILEINFO e = { 0 };
    e.fccIOProc = au;
    g_assert_cmpuint (mmioIniFileHandler (&e, MMIO_FINDPROC | MMIO_MATCHFOURCC), ==, MMIO_SUCCESS);
  }
  screenshot ("ioprocs.png");

  /* Removed again from the page. */
  g_assert_true (rs_ioprocs_page_select (page, au));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ioprocs.remove", NULL));
  drain ();
  g_assert_null (find_ioproc (page, au));
  {
    MMINIFILEINFO e = { 0 };
    e.fccIOProc = au;
    g_assert_cmpuint (mmioIniFileHandler (&e, MMIO_FINDPROC | MMIO_MATCHFOURCC), ==, MMIOERR_MATCH_NOT_FOUND);
  }
  /* A built-in cannot be removed. */
  g_assert_true (rs_ioprocs_page_select (page, mmioFOURCC ('D', 'O', 'S', ' ')));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (page)) && rs_ioprocs_page_remove_selected (page, NULL));
  activate ("win.show-ioprocs");
}

/* A storage IOProc that forgets to move lDiskOffset when it seeks. */
static LRESULT
faulty_proc (LPSTR lpinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  static const char name[] = "Forgetful storage";
  MMIOINFO *info = (MMIOINFO *) lpinfo;
  int fd = (int) info->adwInfo[0];
  struct stat st;
  LONG n;

  switch (msg)
    {
    case MMIOM_OPEN:
      fd = open ((const char *) p1, (info->dwFlags & MMIO_RWMODE) == MMIO_READ ? O_RDONLY : O_RDWR);
      if (fd < 0)
        return MMIOERR_FILENOTFOUND;
      info->adwInfo[0] = (DWORD) fd;
      return 0;
    case MMIOM_CLOSE:
      close (fd);
      return 0;
    case MMIOM_READ:
      n = pread (fd, (void *) p1, (size_t) p2, info->lDiskOffset);
      if (n < 0)
        return -1;
      info->lDiskOffset += n;
      return n;
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
      n = pwrite (fd, (const void *) p1, (size_t) p2, info->lDiskOffset);
      if (n < 0)
        return -1;
      info->lDiskOffset += n;
      return n;
    case MMIOM_SEEK:
      fstat (fd, &st);
      n = p2 == SEEK_SET ? p1 : p2 == SEEK_CUR ? info->lDiskOffset + p1 : (LONG) st.st_size - p1;
      return n < 0 ? -1 : n;                  /* the fault: lDiskOffset stays */
    case MMIOM_GETFORMATINFO:
      {
        MMFORMATINFO *fi = (MMFORMATINFO *) p1;
        memset (fi, 0, sizeof *fi);
        fi->ulStructLen = sizeof *fi;
        fi->fccIOProc = info->fccIOProc;
        fi->ulIOProcType = MMIO_IOPROC_STORAGESYSTEM;
        fi->ulMediaType = MMIO_MEDIATYPE_OTHER;
        fi->ulFlags = MMIO_CANREADWRITEUNTRANSLATED | MMIO_CANSEEKUNTRANSLATED;
        strcpy (fi->szDefaultFormatExt, "FGT");
        fi->lNameLength = (int32_t) strlen (name);
        return 0;
      }
    case MMIOM_GETFORMATNAME:
      n = MIN ((LONG) strlen (name), (LONG) p2);
      memcpy ((char *) p1, name, (size_t) n);
      return n;
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

static gboolean
not_checking (gpointer data)
{
  return !rs_ioprocs_page_get_checking (data);
}

static void
test_ioprocs_check_faulty (void)
{
  RsIOProcsPage *page = rs_window_get_ioprocs_page (win);
  FOURCC fcc = mmioFOURCC ('F', 'G', 'T', ' ');
  GtkListBox *list = rs_ioprocs_page_get_report_list (page);
  gboolean found = FALSE;

  g_assert_nonnull (mmioInstallIOProc (fcc, faulty_proc, MMIO_INSTALLPROC));
  activate ("win.show-ioprocs");
  g_assert_nonnull (find_ioproc (page, fcc));
  g_assert_cmpint (rs_ioproc_info_get_origin (find_ioproc (page, fcc)), ==, RS_IOPROC_PROGRAM);
  g_assert_true (rs_ioprocs_page_select (page, fcc));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ioprocs.check", NULL));
  g_assert_true (rs_ioprocs_page_get_checking (page));
  wait_until (not_checking, page);
  drain ();
  g_test_message ("report: %s", rs_ioprocs_page_get_report_title (page));
  g_assert_nonnull (strstr (rs_ioprocs_page_get_report_title (page), "FGT"));
  g_assert_nonnull (strstr (rs_ioprocs_page_get_report_title (page), "broken"));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      const char *sub = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
      g_test_message ("row: %s | %s", title, sub);
      if (g_str_has_prefix (title, "seek-offset"))
        {
          /* The finding names the message that broke the rule. */
          g_assert_nonnull (strstr (sub, "MMIOM_SEEK"));
          found = TRUE;
        }
    }
  g_assert_true (found);
  screenshot ("ioprocs.png");
  activate ("win.show-ioprocs");
  g_assert_nonnull (mmioInstallIOProc (fcc, NULL, MMIO_REMOVEPROC));
}

/* ---- trace ------------------------------------------------------------------------ */

static gboolean
has_message (GListModel *m, const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (m); i++)
    {
      RsTraceRecord *r = g_list_model_get_item (m, i);
      gboolean yes = g_str_equal (rs_trace_record_get_rec (r)->szMsgName, name);
      g_object_unref (r);
      if (yes)
        return TRUE;
    }
  return FALSE;
}

static void
test_trace_open (void)
{
  char *path = sample_copy ("tone.wav");
  char *dest = tu_path ("trace.txt");
  RsTraceView *view = rs_window_get_trace_view (win);
  GListModel *shown;
  RsPage *page;
  RsTrace *trace;
  GBytes *out;
  guint n, read_row = G_MAXUINT;

  activate ("win.toggle-trace");
  trace = rs_window_get_trace (win);
  g_assert_nonnull (trace);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  page = rs_window_open (win, path);
  wait_until (loaded, page);
  rs_trace_flush (trace);
  drain ();
  shown = rs_trace_view_get_shown (view);
  n = g_list_model_get_n_items (shown);
  g_test_message ("%u messages traced", n);
  g_assert_cmpuint (n, >, 3);
  g_assert_true (has_message (shown, "MMIOM_OPEN"));
  g_assert_true (has_message (shown, "MMIOM_READ"));
  g_assert_true (has_message (shown, "MMIOM_CLOSE"));

  /* Filtered to the reads only. */
  rs_trace_view_set_filter (view, "mmiom_read");
  n = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      RsTraceRecord *r = g_list_model_get_item (shown, i);
      const MMIOTRACEREC *rec = rs_trace_record_get_rec (r);
      g_assert_cmpstr (rec->szMsgName, ==, "MMIOM_READ");
      if (read_row == G_MAXUINT && rec->lResult >= 12 && rec->ulDepth == 0 && rec->lDiskBefore == 0)
        read_row = i;
      g_object_unref (r);
    }
  /* The first read of the file: its bytes are the RIFF header. */
  g_assert_cmpuint (read_row, !=, G_MAXUINT);
  rs_trace_view_select (view, read_row);
  drain ();
  g_assert_nonnull (strstr (rs_trace_view_get_bytes_caption (view), "MMIOM_READ"));
  {
    GBytes *b = rs_hex_view_read_range (rs_trace_view_get_hex_view (view), 0, 12);
    g_assert_nonnull (b);
    g_assert_cmpuint (g_bytes_get_size (b), ==, 12);
    g_assert_true (memcmp (g_bytes_get_data (b, NULL), "RIFF", 4) == 0);
    g_assert_true (memcmp ((const char *) g_bytes_get_data (b, NULL) + 8, "WAVE", 4) == 0);
    g_bytes_unref (b);
  }
  screenshot ("trace.png");
  rs_trace_view_set_filter (view, NULL);

  /* Exported, one line per message. */
  g_free (answer_save);
  answer_save = g_strdup (dest);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "trace.export", NULL));
  drain ();
  out = tu_read_file (dest);
  {
    char *text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
    g_assert_nonnull (strstr (text, "MMIOM_OPEN"));
    g_assert_nonnull (strstr (text, "MMIOM_READ"));
    g_free (text);
  }
  g_bytes_unref (out);

  /* Off: a file opened now adds nothing. */
  activate ("win.toggle-trace");
  n = g_list_model_get_n_items (rs_trace_get_model (trace));
  close_all_tabs ();
  {
    char *other = sample_copy ("clip.avi");
    page = rs_window_open (win, other);
    wait_until (loaded, page);
    rs_trace_flush (trace);
    drain ();
    g_free (other);
  }
  g_assert_cmpuint (g_list_model_get_n_items (rs_trace_get_model (trace)), ==, n);
  close_all_tabs ();
  activate ("win.show-trace");
  g_free (dest);
  g_free (path);
}

/* ---- MCI --------------------------------------------------------------------------- */

typedef struct {
  RsMciPanel *panel;
  guint index;
} LogWait;

static gboolean
log_settled (gpointer data)
{
  LogWait *w = data;
  const char *s = rs_mci_panel_get_log_status (w->panel, w->index);
  return s != NULL && !g_str_equal (s, "pending");
}

static guint
find_log (RsMciPanel *panel, const char *prefix, guint from)
{
  for (guint i = from; i < rs_mci_panel_get_log_length (panel); i++)
    if (g_str_has_prefix (rs_mci_panel_get_log_command (panel, i), prefix))
      return i;
  return G_MAXUINT;
}

static gboolean
waveform_ready (gpointer data)
{
  return rs_mci_panel_get_waveform_columns (data) > 0;
}

static void
test_mci_play (void)
{
  char *path = sample_copy ("tone.wav");
  RsMciPanel *panel = rs_window_get_mci_panel (win);
  RsPage *page = rs_window_open (win, path);
  LogWait w = { panel, 0 };
  guint start;

  wait_until (loaded, page);
  activate ("win.mci-open");
  g_assert_true (rs_mci_panel_is_open (panel));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));

  /* The console sees the panel's device. */
  {
    char *out = rs_mci_panel_run_console (panel, "sysinfo all quantity open");
    g_assert_cmpstr (out, ==, "1");
    g_free (out);
  }

  /* Played to the end: SUCCESSFUL arrives on the play's row. */
  start = rs_mci_panel_get_log_length (panel);
  activate ("win.mci-play");
  w.index = find_log (panel, "play ", start);
  g_assert_cmpuint (w.index, !=, G_MAXUINT);
  g_assert_cmpstr (rs_mci_panel_get_log_status (panel, w.index), ==, "pending");
  screenshot ("mci.png");
  wait_until (log_settled, &w);
  g_assert_cmpstr (rs_mci_panel_get_log_status (panel, w.index), ==, "successful");

  /* Played, then stopped: ABORTED. */
  start = rs_mci_panel_get_log_length (panel);
  g_assert_true (rs_mci_panel_send (panel, "seek", "to start", NULL));
  activate ("win.mci-play");
  activate ("win.mci-stop");
  w.index = find_log (panel, "play ", start);
  g_assert_cmpuint (w.index, !=, G_MAXUINT);
  wait_until (log_settled, &w);
  g_assert_cmpstr (rs_mci_panel_get_log_status (panel, w.index), ==, "aborted");

  /* The waveform, computed from the translated PCM in a worker. */
  wait_until (waveform_ready, panel);
  g_assert_cmpuint (rs_mci_panel_get_waveform_columns (panel), ==, 1024);

  /* Dragging the position slider seeks. */
  {
    GtkRange *scale = GTK_RANGE (gtk_widget_get_template_child (GTK_WIDGET (panel), RS_TYPE_MCI_PANEL,
                                                                "position_scale"));
    gboolean handled = FALSE;
    char *pos;
    start = rs_mci_panel_get_log_length (panel);
    g_signal_emit_by_name (scale, "change-value", GTK_SCROLL_JUMP, 250.0, &handled);
    g_assert_cmpuint (find_log (panel, "seek ", start), !=, G_MAXUINT);
    g_assert_nonnull (strstr (rs_mci_panel_get_log_command (panel, find_log (panel, "seek ", start)), "to 250"));
    {
      /* "seek ALIAS to 250 notify": the device's alias is the second word. */
      char **words = g_strsplit (rs_mci_panel_get_log_command (panel, find_log (panel, "seek ", start)), " ", -1);
      char *cmd = g_strdup_printf ("status %s position", words[1]);
      pos = rs_mci_panel_run_console (panel, cmd);
      g_assert_cmpstr (pos, ==, "250");
      g_free (pos);
      g_free (cmd);
      g_strfreev (words);
    }
  }

  activate ("win.mci-close");
  g_assert_false (rs_mci_panel_is_open (panel));
  close_all_tabs ();
  activate ("win.show-mci");
  g_free (path);
}

static MmioNodeId
find_chunk (RsPage *page, const char *fcc)
{
  MmioTree *tree = rs_document_get_tree (rs_page_get_document (page));
  FOURCC want = mmioStringToFOURCC (fcc, 0);

  for (ULONG i = 0; i < mmio_tree_n_nodes (tree); i++)
    {
      MmioNode n;
      if (mmio_tree_get_node (tree, i, &n) && n.ckid == want)
        return i;
    }
  return MMIO_NODE_NONE;
}

static void
test_mci_play_selection (void)
{
  char *path = sample_copy ("tone.wav");
  RsMciPanel *panel = rs_window_get_mci_panel (win);
  RsPage *page = rs_window_open (win, path);
  LogWait w = { panel, 0 };
  guint start;

  wait_loaded_page (page);
  /* The fmt chunk holds no audio: refused with a reason. */
  g_assert_true (rs_page_select_node (page, find_chunk (page, "fmt ")));
  activate ("win.mci-play-selection");
  g_assert_nonnull (strstr (rs_window_get_last_toast (win), "audio data"));
  g_assert_true (rs_mci_panel_is_open (panel));
  g_assert_cmpuint (rs_mci_panel_get_length_bytes (panel), ==, 8000);

  /* Bytes 0x24+8+1000 .. +3000 of the file: audio bytes 1000..3000. */
  g_assert_true (rs_page_select_node (page, find_chunk (page, "data")));
  rs_hex_view_select_bytes (rs_page_get_hex_view (page), 0x2C + 1000, 0x2C + 3000);
  drain ();
  start = rs_mci_panel_get_log_length (panel);
  activate ("win.mci-play-selection");
  w.index = find_log (panel, "play ", start);
  g_assert_cmpuint (w.index, !=, G_MAXUINT);
  g_assert_nonnull (strstr (rs_mci_panel_get_log_command (panel, w.index), "from 1000 to 3000"));
  wait_until (log_settled, &w);
  g_assert_cmpstr (rs_mci_panel_get_log_status (panel, w.index), ==, "successful");
  activate ("win.mci-close");
  close_all_tabs ();
  activate ("win.show-mci");
  g_free (path);
}

static gboolean
after_ms (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

static void
test_mci_record_element (void)
{
  char *path = sample_copy ("sounds.bnd");
  char *element = g_strdup_printf ("%s+take1.wav", path);
  RsMciPanel *panel = rs_window_get_mci_panel (win);
  RsPage *page = rs_window_open (win, path);
  gint64 until;
  char head[12];
  HMMIO h;

  wait_loaded_page (page);
  g_free (answer_text);
  answer_text = g_strdup ("take1.wav");
  activate ("win.mci-record");
  g_assert_true (rs_mci_panel_is_recording (panel));
  until = g_get_monotonic_time () + 300 * 1000;
  wait_until (after_ms, &until);
  activate ("win.mci-stop");
  g_assert_false (rs_mci_panel_is_recording (panel));
  /* The save went through, and the element is a WAVE file. */
  {
    guint i = find_log (panel, "save ", 0);
    g_assert_cmpuint (i, !=, G_MAXUINT);
    for (guint k = 0; k < rs_mci_panel_get_log_length (panel); k++)
      g_test_message ("log: %s — %s", rs_mci_panel_get_log_command (panel, k), rs_mci_panel_get_log_status (panel, k));
    g_assert_cmpstr (rs_mci_panel_get_log_status (panel, i), !=, "error");
  }
  h = mmioOpen (element, NULL, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, head, sizeof head), ==, sizeof head);
  g_assert_true (memcmp (head, "RIFF", 4) == 0 && memcmp (head + 8, "WAVE", 4) == 0);
  mmioClose (h, 0);
  close_all_tabs ();
  activate ("win.show-mci");
  g_free (element);
  g_free (path);
}

static void
test_mci_console (void)
{
  RsMciPanel *panel = rs_window_get_mci_panel (win);
  char buf[MAXERRORLENGTH];
  char *out, *text, *done;
  char **cands = NULL;

  /* A command nobody knows: its error text, in the console. */
  g_assert_true (mciGetErrorString (MCIERR_UNRECOGNIZED_COMMAND, buf, sizeof buf));
  out = rs_mci_panel_run_console (panel, "frobnicate everything");
  g_assert_nonnull (strstr (out, buf));
  text = rs_mci_panel_dup_console_text (panel);
  g_assert_nonnull (strstr (text, "> frobnicate everything"));
  g_assert_nonnull (strstr (text, buf));
  g_free (text);
  g_free (out);

  /* A good one answers: one waveaudio driver is installed. */
  out = rs_mci_panel_run_console (panel, "sysinfo waveaudio quantity");
  g_assert_cmpstr (out, ==, "1");
  g_free (out);

  /* Completion: verbs first, then the verb's keywords. */
  done = rs_mci_panel_complete (panel, "pl", &cands);
  g_assert_cmpstr (done, ==, "play ");
  g_strfreev (cands);
  g_free (done);
  done = rs_mci_panel_complete (panel, "play x fr", NULL);
  g_assert_cmpstr (done, ==, "play x from ");
  g_free (done);
  done = rs_mci_panel_complete (panel, "s", &cands);
  g_assert_true (g_strv_contains ((const char *const *) cands, "status"));
  g_assert_true (g_strv_contains ((const char *const *) cands, "seek"));
  g_assert_cmpstr (done, ==, "s");
  g_strfreev (cands);
  g_free (done);
}

int
main (int argc, char **argv)
{
  int rc;
  char *config, *sdl;

  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  /* The persistent IOProc registry and SDL's output go to the test's folder. */
  config = tu_path ("config");
  g_mkdir_with_parents (config, 0700);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  sdl = tu_path ("sdl-out.raw");
  g_setenv ("SDL_AUDIODRIVER", "disk", FALSE);
  g_setenv ("SDL_DISKAUDIOFILE", sdl, TRUE);
  {
    /* What SDL's disk driver "records": a second of a pattern. */
    char *in = tu_pattern_file ("sdl-in.raw", 88200);
    g_setenv ("SDL_DISKAUDIOFILEIN", in, TRUE);
    g_free (in);
  }
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }
  rs_application_register_resources ();
  app = rs_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  rs_dialogs_set_responder (responder, NULL);
  win = rs_window_new (app);
  gtk_window_present (GTK_WINDOW (win));

  g_test_add_func ("/workbench/ioprocs/install-remove", test_ioprocs_install_remove);
  g_test_add_func ("/workbench/ioprocs/check-faulty", test_ioprocs_check_faulty);
  g_test_add_func ("/workbench/trace/open", test_trace_open);
  g_test_add_func ("/workbench/mci/play", test_mci_play);
  g_test_add_func ("/workbench/mci/play-selection", test_mci_play_selection);
  g_test_add_func ("/workbench/mci/record-element", test_mci_record_element);
  g_test_add_func ("/workbench/mci/console", test_mci_console);
  rc = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
  g_object_unref (app);
  g_free (answer_open);
  g_free (answer_save);
  g_free (answer_text);
  g_free (config);
  g_free (sdl);
  return rc;
}
