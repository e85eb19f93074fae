/* test-window.c — the inspector window driven through its actions, as a
 * person would: open files, select chunks and bytes, copy, extract, and
 * edit a compound file. Dialogs are answered by rs_dialogs_set_responder.
 * Needs a display (Xvfb in CI); skipped without one. */
#include <gtk/gtk.h>
#include <string.h>

#include <glib/gstdio.h>
#include "rs-application.h"
#include "rs-dialogs.h"
#include "rs-document.h"
#include "rs-element.h"
#include "rs-elements-view.h"
#include "rs-hex-view.h"
#include "rs-page.h"
#include "rs-preferences-window.h"
#include "rs-window.h"
#include "test-util.h"

static RsApplication *app;
static RsWindow *win;
static char *answer_open;
static char *answer_save;
static char *answer_text;
static gboolean answer_confirm;

static char *
responder (const char *kind, const char *title, gpointer data)
{
  if (g_str_equal (kind, "open"))
    return g_strdup (answer_open);
  if (g_str_equal (kind, "save"))
    return g_strdup (answer_save);
  if (g_str_equal (kind, "text"))
    return g_strdup (answer_text);
  return answer_confirm ? g_strdup ("yes") : NULL;
}

static char *
sample_copy (const char *name)
{
  static int serial;
  char *src = g_build_filename (g_getenv ("RIFFSCOPE_SAMPLES"), name, NULL);
  char *sub = g_strdup_printf ("%d", ++serial);
  char *dir = tu_path (sub);
  char *dst = g_build_filename (dir, name, NULL);
  g_autoptr(GBytes) b = tu_read_file (src);

  /* A fresh folder each time: no file monitor of an earlier test sees it. */
  g_mkdir_with_parents (dir, 0700);
  tu_write_file (dst, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  g_free (src);
  g_free (sub);
  g_free (dir);
  return dst;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the page's document has finished loading. The
 * timeout only turns a hang into a failure. */
static void
wait_loaded (RsPage *page)
{
  RsDocument *doc = rs_page_get_document (page);
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, timeout_cb, &timed_out);

  while ((rs_document_get_loading (doc) || rs_document_get_tree (doc) == NULL) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
activate (const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), action, NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
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

/* The value shown in the details pane for a field label, or NULL. */
static const char *
details_value (RsPage *page, const char *title)
{
  GtkWidget *box = GTK_WIDGET (rs_page_get_fields_list (page));

  for (GtkWidget *row = gtk_widget_get_first_child (box); row; row = gtk_widget_get_next_sibling (row))
    {
      if (!ADW_IS_ACTION_ROW (row))
        continue;
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        {
          /* The value is the row's suffix label, deep in the row. */
          for (GtkWidget *c = gtk_widget_get_first_child (row); c; )
            {
              GtkWidget *found = NULL;
              GtkWidget *stack[64];
              int sp = 0;
              stack[sp++] = c;
              while (sp > 0 && found == NULL)
                {
                  GtkWidget *x = stack[--sp];
                  if (GTK_IS_LABEL (x) && gtk_widget_has_css_class (x, "field-value"))
                    found = x;
                  for (GtkWidget *k = gtk_widget_get_first_child (x); k && sp < 63; k = gtk_widget_get_next_sibling (k))
                    stack[sp++] = k;
                }
              if (found)
                return gtk_label_get_text (GTK_LABEL (found));
              c = gtk_widget_get_next_sibling (c);
            }
        }
    }
  return NULL;
}

static guint
count_rows (GtkListBox *box)
{
  guint n = 0;
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (box)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

static void
clipboard_text_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  char **out = data;
  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), res, NULL);
  if (*out == NULL)
    *out = g_strdup ("");
}

static char *
clipboard_text (void)
{
  char *text = NULL;
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (win)), NULL, clipboard_text_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return text;
}

static void
close_all_tabs (void)
{
  AdwTabView *tv = rs_window_get_tab_view (win);
  while (adw_tab_view_get_n_pages (tv) > 0)
    activate ("win.close-tab");
}

/* ---- tests ----------------------------------------------------------------- */

static void
test_wav_select_fmt (void)
{
  char *path = sample_copy ("tone.wav");
  RsPage *page = rs_window_open (win, path);
  MmioTree *tree;
  MmioNodeId fmt;
  MmioNode n;
  gint64 s, e;
  char *text;

  wait_loaded (page);
  g_assert_true (rs_window_get_current_page (win) == page);
  g_assert_cmpstr (rs_page_get_format_title (page), !=, NULL);
  tree = rs_document_get_tree (rs_page_get_document (page));
  fmt = find_chunk (page, "fmt ");
  g_assert_cmpuint (fmt, !=, MMIO_NODE_NONE);
  g_assert_true (mmio_tree_get_node (tree, fmt, &n));

  g_assert_true (rs_page_select_node (page, fmt));
  g_assert_cmpuint (rs_page_get_selected_node (page), ==, fmt);
  /* The details pane shows the decoded 'fmt ' fields. */
  g_assert_cmpstr (details_value (page, "Offset"), ==, "0x0000000C");
  g_assert_cmpstr (details_value (page, "Channels"), ==, "1");
  g_assert_cmpstr (details_value (page, "Sample rate"), ==, "8000 Hz");
  g_assert_cmpstr (details_value (page, "Bits per sample"), ==, "16 bits");
  /* The hex view highlights the chunk: header and data, 12..36. */
  g_assert_true (rs_hex_view_get_selection (rs_page_get_hex_view (page), &s, &e));
  g_assert_cmpint (s, ==, 12);
  g_assert_cmpint (e, ==, 36);

  activate ("win.copy-hex");
  text = clipboard_text ();
  g_assert_true (g_str_has_prefix (text, "66 6D 74 20 10 00 00 00 01 00 01 00 40 1F 00 00"));
  g_free (text);
  activate ("win.copy-base64");
  text = clipboard_text ();
  g_assert_cmpstr (text, ==, "Zm10IBAAAAABAAEAQB8AAIA+AAACABAA");
  g_free (text);
  activate ("win.copy-c-array");
  text = clipboard_text ();
  g_assert_true (g_str_has_prefix (text, "static const unsigned char data[24] = {\n  0x66, 0x6d, 0x74, 0x20,"));
  g_free (text);

  /* Extract the chunk through the save dialog. */
  g_free (answer_save);
  answer_save = tu_path ("fmt.bin");
  activate ("win.extract-chunk");
  {
    g_autoptr(GBytes) b = tu_read_file (answer_save);
    g_assert_cmpuint (g_bytes_get_size (b), ==, 24);
    g_assert_cmpmem (g_bytes_get_data (b, NULL), 4, "fmt ", 4);
  }
  /* The summary says how long it is and which chunk says the rate. */
  {
    GtkWidget *facts = rs_page_get_facts_box (page);
    gboolean duration = FALSE, channels = FALSE;
    for (GtkWidget *b = gtk_widget_get_first_child (facts); b; b = gtk_widget_get_next_sibling (b))
      {
        const char *label = gtk_button_get_label (GTK_BUTTON (b));
        duration |= g_strcmp0 (label, "Duration: 0.50 s") == 0;
        channels |= g_str_has_prefix (label, "Channels: 1");
        if (g_str_has_prefix (label, "Channels"))
          {
            rs_page_select_node (page, find_chunk (page, "data"));
            g_signal_emit_by_name (b, "clicked");
            g_assert_cmpuint (rs_page_get_selected_node (page), ==, fmt);
          }
      }
    g_assert_true (channels);
    g_assert_true (duration);
  }
  close_all_tabs ();
  g_free (path);
}

static void
test_wav_hex_selects_chunk (void)
{
  char *path = sample_copy ("tone.wav");
  RsPage *page = rs_window_open (win, path);
  RsHexView *hex;
  MmioNodeId inam;
  MmioNode n;
  MmioTree *tree;

  wait_loaded (page);
  hex = rs_page_get_hex_view (page);
  tree = rs_document_get_tree (rs_page_get_document (page));

  /* Bytes inside the samples select 'data'. */
  rs_hex_view_select_bytes (hex, 100, 104);
  g_assert_cmpuint (rs_page_get_selected_node (page), ==, find_chunk (page, "data"));
  /* The user's selection stays: selecting the chunk must not replace it. */
  {
    gint64 s, e;
    rs_hex_view_get_selection (hex, &s, &e);
    g_assert_cmpint (s, ==, 100);
    g_assert_cmpint (e, ==, 104);
  }
  /* Bytes of the title select 'INAM' inside LIST INFO, opening the list. */
  inam = find_chunk (page, "INAM");
  g_assert_true (mmio_tree_get_node (tree, inam, &n));
  rs_hex_view_select_bytes (hex, n.lDataOffset, n.lDataOffset + 1);
  g_assert_cmpuint (rs_page_get_selected_node (page), ==, inam);
  g_assert_cmpstr (details_value (page, "Offset"), !=, NULL);

  /* Go to offset through its dialog. */
  g_free (answer_text);
  answer_text = g_strdup ("0x10");
  activate ("win.goto-offset");
  g_assert_cmpuint (rs_page_get_selected_node (page), ==, find_chunk (page, "fmt "));
  g_free (answer_text);
  answer_text = g_strdup ("no offset");
  activate ("win.goto-offset");
  g_assert_cmpstr (rs_window_get_last_toast (win), ==, "Enter an offset such as 0x1A2B or 6699");

  /* Extract the selection: bytes 16..32. */
  rs_hex_view_select_bytes (hex, 16, 32);
  g_free (answer_save);
  answer_save = tu_path ("sel.bin");
  activate ("win.extract-selection");
  {
    g_autoptr(GBytes) b = tu_read_file (answer_save);
    g_assert_cmpuint (g_bytes_get_size (b), ==, 16);
  }

  /* A right click on bytes selects the byte under the pointer and opens
   * the menu of byte commands. */
  {
    GtkGesture *click = NULL;
    GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (hex));
    gint64 o = rs_hex_view_offset_at (hex, 200, 40), s, e;
    gboolean menu_shown = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        GObject *c = g_list_model_get_item (controllers, i);
        if (GTK_IS_GESTURE_CLICK (c) &&
            gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (c)) == GDK_BUTTON_SECONDARY)
          click = GTK_GESTURE (c);
        g_object_unref (c);
      }
    g_object_unref (controllers);
    g_assert_nonnull (click);
    g_assert_cmpint (o, >, 0);
    rs_hex_view_select_bytes (hex, 0, 1);
    g_signal_emit_by_name (click, "pressed", 1, 200.0, 40.0);
    rs_hex_view_get_selection (hex, &s, &e);
    g_assert_cmpint (s, ==, o);
    g_assert_cmpint (e, ==, o + 1);
    for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (page)); c; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_POPOVER_MENU (c))
        {
          menu_shown = gtk_widget_get_visible (c);
          gtk_popover_popdown (GTK_POPOVER (c));
        }
    g_assert_true (menu_shown);
  }

  /* Reload keeps the selected chunk. */
  rs_page_select_node (page, inam);
  activate ("win.reload");
  wait_loaded (page);
  g_assert_cmpuint (rs_page_get_selected_node (page), ==, inam);
  close_all_tabs ();
  g_free (path);
}

static RsElement *
element_named (RsElementsView *ev, const char *name)
{
  GListModel *m = rs_elements_view_get_model (ev);
  for (guint i = 0; i < g_list_model_get_n_items (m); i++)
    {
      g_autoptr(RsElement) el = g_list_model_get_item (m, i);
      if (g_strcmp0 (rs_element_get_name (el), name) == 0)
        return el;
    }
  return NULL;
}

static void
test_compound_elements (void)
{
  char *bnd = sample_copy ("sounds.bnd");
  char *rmi = sample_copy ("tune.rmi");
  RsPage *page = rs_window_open (win, bnd);
  RsPage *elem_page;
  RsElementsView *ev;
  AdwTabView *tv = rs_window_get_tab_view (win);
  char *name;

  wait_loaded (page);
  g_assert_true (rs_page_is_container (page));
  ev = rs_page_get_elements_view (page);
  g_assert_cmpuint (g_list_model_get_n_items (rs_elements_view_get_model (ev)), ==, 3);
  g_assert_nonnull (element_named (ev, "ding.wav"));
  g_assert_nonnull (element_named (ev, "chime.wav"));
  g_assert_nonnull (element_named (ev, "tune.mid"));
  g_assert_true (rs_elements_view_is_editable (ev));
  rs_page_show_view (page, "elements");

  /* Open one: a new tab titled file+element, inspected like a file. */
  g_assert_true (rs_elements_view_select (ev, "ding.wav"));
  activate ("win.open-element");
  g_assert_cmpint (adw_tab_view_get_n_pages (tv), ==, 2);
  elem_page = rs_window_get_current_page (win);
  g_assert_true (elem_page != page);
  name = g_strdup_printf ("%s+ding.wav", bnd);
  g_assert_cmpstr (rs_document_get_name (rs_page_get_document (elem_page)), ==, name);
  g_assert_cmpstr (rs_document_get_title (rs_page_get_document (elem_page)), ==, "sounds.bnd+ding.wav");
  g_free (name);
  wait_loaded (elem_page);
  g_assert_cmpuint (find_chunk (elem_page, "fmt "), !=, MMIO_NODE_NONE);
  activate ("win.close-tab");
  g_assert_true (rs_window_get_current_page (win) == page);

  /* Extract one through the save dialog. */
  g_assert_true (rs_elements_view_select (ev, "chime.wav"));
  g_free (answer_save);
  answer_save = tu_path ("chime-out.wav");
  activate ("win.extract-element");
  {
    g_autoptr(GBytes) b = tu_read_file (answer_save);
    RsElement *el = element_named (ev, "chime.wav");
    g_assert_cmpuint (g_bytes_get_size (b), ==, rs_element_get_size (el));
    g_assert_cmpmem (g_bytes_get_data (b, NULL), 4, "RIFF", 4);
  }

  /* Add one from a file. */
  g_free (answer_open);
  answer_open = g_strdup (rmi);
  activate ("win.add-element");
  g_assert_cmpuint (g_list_model_get_n_items (rs_elements_view_get_model (ev)), ==, 4);
  g_assert_nonnull (element_named (ev, "tune.rmi"));
  wait_loaded (page);

  /* Adding it again asks before replacing; saying no changes nothing,
   * yes replaces it in place. */
  answer_confirm = FALSE;
  activate ("win.add-element");
  g_assert_cmpuint (g_list_model_get_n_items (rs_elements_view_get_model (ev)), ==, 4);
  answer_confirm = TRUE;
  activate ("win.add-element");
  g_assert_cmpuint (g_list_model_get_n_items (rs_elements_view_get_model (ev)), ==, 4);
  g_assert_nonnull (element_named (ev, "tune.rmi"));

  /* Delete it, undo, delete again. */
  g_assert_true (rs_elements_view_select (ev, "tune.rmi"));
  activate ("win.delete-element");
  g_assert_null (element_named (ev, "tune.rmi"));
  g_assert_cmpuint (g_list_model_get_n_items (rs_elements_view_get_model (ev)), ==, 3);
  activate ("win.undo-delete");
  g_assert_nonnull (element_named (ev, "tune.rmi"));
  g_assert_true (rs_elements_view_select (ev, "tune.rmi"));
  activate ("win.delete-element");
  g_assert_null (element_named (ev, "tune.rmi"));

  /* Rename keeps the bytes under the new name. */
  g_assert_true (rs_elements_view_select (ev, "ding.wav"));
  g_free (answer_text);
  answer_text = g_strdup ("bell.wav");
  activate ("win.rename-element");
  g_assert_null (element_named (ev, "ding.wav"));
  g_assert_nonnull (element_named (ev, "bell.wav"));

  /* Compact only after confirmation. */
  {
    struct stat st0, st1;
    g_assert_cmpint (g_stat (bnd, &st0), ==, 0);
    answer_confirm = FALSE;
    activate ("win.compact");
    g_assert_cmpint (g_stat (bnd, &st1), ==, 0);
    g_assert_cmpint (st1.st_size, ==, st0.st_size);
    answer_confirm = TRUE;
    activate ("win.compact");
    g_assert_cmpint (g_stat (bnd, &st1), ==, 0);
    g_assert_cmpint (st1.st_size, <, st0.st_size);
    g_assert_cmpuint (g_list_model_get_n_items (rs_elements_view_get_model (ev)), ==, 3);
  }
  wait_loaded (page);
  close_all_tabs ();
  g_free (bnd);
  g_free (rmi);
}

static void
test_broken_file_findings (void)
{
  char *src = g_build_filename (g_getenv ("RIFFSCOPE_SAMPLES"), "tone.wav", NULL);
  g_autoptr(GBytes) b = tu_read_file (src);
  char *path = tu_path ("broken.wav");
  RsPage *page;
  MmioNodeId data;
  gboolean saw_eof = FALSE;

  /* Cut the file in the middle of the samples. */
  tu_write_file (path, g_bytes_get_data (b, NULL), 3000);
  page = rs_window_open (win, path);
  wait_loaded (page);
  g_assert_cmpuint (count_rows (rs_page_get_problems_list (page)), >, 0);
  for (GtkWidget *r = gtk_widget_get_first_child (GTK_WIDGET (rs_page_get_problems_list (page)));
       r; r = gtk_widget_get_next_sibling (r))
    saw_eof |= g_strcmp0 (g_object_get_data (G_OBJECT (r), "rs-rule"), "size-past-eof") == 0;
  g_assert_true (saw_eof);

  data = find_chunk (page, "data");
  g_assert_true (rs_page_select_node (page, data));
  /* The chunk's finding is in its details, explained. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (rs_page_get_findings_list (page))));
  g_assert_cmpuint (count_rows (rs_page_get_findings_list (page)), >, 0);
  g_assert_nonnull (details_value (page, "Size in file"));
  close_all_tabs ();
  g_free (path);
  g_free (src);
}

static void
test_actions_state (void)
{
  char *path = sample_copy ("clip.avi");
  RsPage *page;

  page = rs_window_open (win, path);
  wait_loaded (page);
  /* Opening the same file again shows its tab. */
  g_assert_true (rs_window_open (win, path) == page);
  g_assert_cmpint (adw_tab_view_get_n_pages (rs_window_get_tab_view (win)), ==, 1);
  g_assert_false (rs_page_is_container (page));
  g_assert_cmpuint (find_chunk (page, "movi"), ==, MMIO_NODE_NONE);  /* a LIST, listed by type */
  g_assert_cmpuint (find_chunk (page, "idx1"), !=, MMIO_NODE_NONE);
  g_assert_true (rs_page_select_node (page, find_chunk (page, "idx1")));
  g_assert_true (rs_page_select_node (page, find_chunk (page, "strh")));
  close_all_tabs ();
  g_free (path);
}

static void
test_reload_on_change (void)
{
  char *path = sample_copy ("tone.wav");
  RsPage *page = rs_window_open (win, path);
  RsDocument *doc = rs_page_get_document (page);
  MmioTree *before;
  ULONG n_before;
  MmioNodeId fmt;
  gboolean timed_out = FALSE;
  guint id;

  wait_loaded (page);
  before = rs_document_get_tree (doc);
  n_before = mmio_tree_n_nodes (before);
  fmt = find_chunk (page, "fmt ");
  g_assert_true (rs_page_select_node (page, fmt));

  /* Another program appends a chunk to the form and fixes the RIFF size. */
  {
    g_autoptr(GBytes) b = tu_read_file (path);
    GByteArray *a = g_byte_array_new ();
    guint32 riff;
    tu_bytes (a, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
    tu_fourcc (a, "JUNK");
    tu_le32 (a, 4);
    tu_le32 (a, 0);
    riff = a->len - 8;
    memcpy (a->data + 4, &riff, 4);
    tu_write_file (path, a->data, a->len);
    g_byte_array_unref (a);
  }
  /* The file monitor notices; wait for the new tree (the timeout only
   * turns a missed change into a failure). */
  id = g_timeout_add_seconds (30, timeout_cb, &timed_out);
  while (!timed_out && (rs_document_get_tree (doc) == before || rs_document_get_loading (doc)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  g_assert_cmpuint (mmio_tree_n_nodes (rs_document_get_tree (doc)), ==, n_before + 1);
  g_assert_cmpuint (find_chunk (page, "JUNK"), !=, MMIO_NODE_NONE);
  /* The selected chunk is selected again in the new tree. */
  g_assert_cmpuint (rs_page_get_selected_node (page), ==, find_chunk (page, "fmt "));
  close_all_tabs ();
  g_free (path);
}

static void
test_preferences_columns (void)
{
  char *path = sample_copy ("tone.wav");
  RsPage *page = rs_window_open (win, path);
  GSettings *settings = rs_application_get_settings (app);

  wait_loaded (page);
  g_assert_cmpuint (rs_hex_view_get_columns (rs_page_get_hex_view (page)), ==, 16);
  g_settings_set_uint (settings, "hex-columns", 8);
  g_assert_cmpuint (rs_hex_view_get_columns (rs_page_get_hex_view (page)), ==, 8);
  g_settings_reset (settings, "hex-columns");
  g_assert_cmpuint (rs_hex_view_get_columns (rs_page_get_hex_view (page)), ==, 16);
  close_all_tabs ();
  g_free (path);
}

static void
test_archive_elements (void)
{
  char *wav = sample_copy ("tone.wav");
  char *dir = g_path_get_dirname (wav);
  char *zip = g_build_filename (dir, "two.zip", NULL);
  const char *argv[] = { "zip", "-q", "-j", zip, wav, NULL, NULL };
  char *rmi = sample_copy ("tune.rmi");
  int status = -1;
  RsPage *page, *elem_page;
  RsElementsView *ev;

  argv[5] = rmi;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("no zip program to build the archive");
      goto out;
    }
  page = rs_window_open (win, zip);
  wait_loaded (page);
  g_assert_true (rs_page_is_container (page));
  ev = rs_page_get_elements_view (page);
  g_assert_false (rs_elements_view_is_editable (ev));
  g_assert_cmpuint (g_list_model_get_n_items (rs_elements_view_get_model (ev)), ==, 2);
  /* Not a chunk file, and that is no problem of the archive. */
  g_assert_cmpuint (count_rows (rs_page_get_problems_list (page)), ==, 0);
  /* Editing commands are off; opening and extracting work. */
  g_assert_true (rs_elements_view_select (ev, "tone.wav"));
  g_free (answer_save);
  answer_save = tu_path ("from-zip.wav");
  activate ("win.extract-element");
  {
    g_autoptr(GBytes) a = tu_read_file (answer_save);
    g_autoptr(GBytes) b = tu_read_file (wav);
    g_assert_true (g_bytes_equal (a, b));
  }
  g_assert_true (rs_elements_view_select (ev, "tune.rmi"));
  activate ("win.open-element");
  elem_page = rs_window_get_current_page (win);
  g_assert_true (elem_page != page);
  wait_loaded (elem_page);
  g_assert_cmpstr (rs_document_get_title (rs_page_get_document (elem_page)), ==, "two.zip+tune.rmi");
  g_assert_cmpuint (find_chunk (elem_page, "MThd"), !=, MMIO_NODE_NONE);
  close_all_tabs ();
out:
  g_free (wav);
  g_free (rmi);
  g_free (dir);
  g_free (zip);
}

/* Waits for a load that may end without a tree (an open error). */
static void
wait_done (RsPage *page)
{
  RsDocument *doc = rs_page_get_document (page);
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, timeout_cb, &timed_out);

  while (rs_document_get_loading (doc) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_hostile_inputs (void)
{
  char *empty = tu_path ("empty.wav");
  char *noise = tu_path ("noise.avi");
  char *missing = tu_path ("no-such-file.wav");
  char *bnd = sample_copy ("sounds.bnd");
  char *no_elem = g_strdup_printf ("%s+no-such.wav", bnd);
  const char *dir = tu_tmpdir ();
  guint8 junk[10000];
  GRand *rand = g_rand_new_with_seed (7);
  const char *names[5];

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);
  tu_write_file (empty, "", 0);
  tu_write_file (noise, junk, sizeof junk);
  names[0] = empty;
  names[1] = noise;
  names[2] = missing;
  names[3] = no_elem;
  names[4] = dir;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      RsPage *page = rs_window_open (win, names[i]);
      RsDocument *doc = rs_page_get_document (page);
      wait_done (page);
      /* Whatever it is, the page says something and the commands work. */
      g_assert_nonnull (rs_page_get_format_title (page));
      if (rs_document_get_tree (doc) == NULL || rs_document_get_error (doc))
        g_assert_cmpuint (count_rows (rs_page_get_problems_list (page)), >, 0);
      rs_hex_view_select_bytes (rs_page_get_hex_view (page), 0, 4);
      activate ("win.copy-hex");
      g_free (answer_text);
      answer_text = g_strdup ("0x10");
      activate ("win.goto-offset");
      activate ("win.reload");
      wait_done (page);
      activate ("win.close-tab");
    }
  g_assert_cmpint (adw_tab_view_get_n_pages (rs_window_get_tab_view (win)), ==, 0);
  g_free (empty);
  g_free (noise);
  g_free (missing);
  g_free (no_elem);
  g_free (bnd);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *tops = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (tops) && !found; i++)
    {
      GtkWindow *w = g_list_model_get_item (tops, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        found = w;
      g_object_unref (w);
    }
  return found;
}

static void
test_command_line_and_drop (void)
{
  char *bnd = sample_copy ("sounds.bnd");
  char *wav = sample_copy ("tone.wav");
  char *elem = g_strdup_printf ("%s+chime.wav", bnd);
  GFile *files[1];
  AdwTabView *tv = rs_window_get_tab_view (win);
  GtkDropTarget *drop = NULL;
  GListModel *controllers;
  GValue value = G_VALUE_INIT;
  GSList *list;
  gboolean handled = FALSE;

  /* `riffscope sounds.bnd+chime.wav`: the element opens in a tab. */
  files[0] = g_file_new_for_path (elem);
  g_application_open (G_APPLICATION (app), files, 1, "");
  g_object_unref (files[0]);
  g_assert_cmpint (adw_tab_view_get_n_pages (tv), ==, 1);
  wait_loaded (rs_window_get_current_page (win));
  g_assert_cmpstr (rs_document_get_title (rs_page_get_document (rs_window_get_current_page (win))),
                   ==, "sounds.bnd+chime.wav");
  g_assert_cmpuint (find_chunk (rs_window_get_current_page (win), "data"), !=, MMIO_NODE_NONE);

  /* A file dropped on the window opens in a second tab. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (win));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !drop; i++)
    {
      GObject *c = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (c))
        drop = GTK_DROP_TARGET (c);
      g_object_unref (c);
    }
  g_object_unref (controllers);
  g_assert_nonnull (drop);
  list = g_slist_append (NULL, g_file_new_for_path (wav));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, list);
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);
  g_value_unset (&value);
  g_slist_free_full (list, g_object_unref);
  g_assert_cmpint (adw_tab_view_get_n_pages (tv), ==, 2);
  wait_loaded (rs_window_get_current_page (win));
  g_assert_cmpstr (rs_document_get_title (rs_page_get_document (rs_window_get_current_page (win))),
                   ==, "tone.wav");
  close_all_tabs ();
  g_free (elem);
  g_free (bnd);
  g_free (wav);
}

static void
test_secondary_windows (void)
{
  GtkWindow *w;
  GSettings *settings = rs_application_get_settings (app);

  /* Preferences: the switch writes the parsing mode. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  w = find_toplevel (RS_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (w);
  g_assert_cmpint (g_settings_get_enum (settings, "parse-mode"), ==, 0);
  {
    GtkWidget *sw = NULL;
    GtkWidget *stack[256];
    int sp = 0;
    stack[sp++] = GTK_WIDGET (w);
    while (sp > 0 && sw == NULL)
      {
        GtkWidget *x = stack[--sp];
        if (GTK_IS_SWITCH (x))
          sw = x;
        for (GtkWidget *k = gtk_widget_get_first_child (x); k && sp < 255; k = gtk_widget_get_next_sibling (k))
          stack[sp++] = k;
      }
    g_assert_nonnull (sw);
    gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
    g_assert_cmpint (g_settings_get_enum (settings, "parse-mode"), ==, 1);
    gtk_switch_set_active (GTK_SWITCH (sw), FALSE);
  }
  gtk_window_destroy (w);

  /* About, and the keyboard shortcuts window listing the actions. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  w = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (w);
  gtk_window_destroy (w);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.show-help-overlay", NULL));
  w = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (w);
  gtk_window_destroy (w);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  /* GTK 4.8's column view warns about snapshotting rows it has not
   * allocated yet when its model is replaced; criticals stay fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
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

  g_test_add_func ("/app/wav/select-fmt", test_wav_select_fmt);
  g_test_add_func ("/app/wav/hex-selects-chunk", test_wav_hex_selects_chunk);
  g_test_add_func ("/app/bnd/elements", test_compound_elements);
  g_test_add_func ("/app/broken/findings", test_broken_file_findings);
  g_test_add_func ("/app/zip/elements", test_archive_elements);
  g_test_add_func ("/app/hostile/open", test_hostile_inputs);
  g_test_add_func ("/app/avi/actions", test_actions_state);
  g_test_add_func ("/app/wav/reload-on-change", test_reload_on_change);
  g_test_add_func ("/app/preferences/hex-columns", test_preferences_columns);
  g_test_add_func ("/app/open/command-line-and-drop", test_command_line_and_drop);
  g_test_add_func ("/app/windows/preferences-about-shortcuts", test_secondary_windows);
  rc = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (win));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (app);
  g_free (answer_open);
  g_free (answer_save);
  g_free (answer_text);
  return rc;
}
