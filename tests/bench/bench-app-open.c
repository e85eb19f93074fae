/* bench-app-open.c — the inspector window opening a synthetic AVI of a
 * million chunks: time to the first rows on screen (target < 0.5 s), the
 * longest main-loop stall while the worker walks it (the UI must stay
 * responsive), the time to the complete tree, jumping to a chunk deep in
 * the grouped 'movi' list, and peak memory. Baseline in the same run: the
 * bare engine walk of the same file, without the app.
 * Needs a display (run under xvfb-run); skipped without one. */
#include <gtk/gtk.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "rs-application.h"
#include "rs-document.h"
#include "rs-page.h"
#include "rs-window.h"
#include "test-util.h"

#define N_FRAMES 1000000
#define FRAME_BYTES 16

static void
put32 (FILE *f, guint32 v)
{
  guint8 b[4] = { v, v >> 8, v >> 16, v >> 24 };
  fwrite (b, 1, 4, f);
}

static void
put_fcc (FILE *f, const char *fcc)
{
  fwrite (fcc, 1, 4, f);
}

static char *
write_avi (void)
{
  char *path = tu_path ("million.avi");
  FILE *f = fopen (path, "wb");
  guint32 movi_size = 4 + N_FRAMES * (8 + FRAME_BYTES);
  guint32 hdrl_size = 4 + 8 + 56;
  guint32 idx_size = N_FRAMES * 16;
  guint8 frame[FRAME_BYTES];
  guint32 off = 4;

  g_assert_nonnull (f);
  put_fcc (f, "RIFF");
  put32 (f, 4 + 8 + hdrl_size + 8 + movi_size + 8 + idx_size);
  put_fcc (f, "AVI ");
  put_fcc (f, "LIST");
  put32 (f, hdrl_size);
  put_fcc (f, "hdrl");
  put_fcc (f, "avih");
  put32 (f, 56);
  {
    guint32 avih[14] = { 40000, FRAME_BYTES * 25, 0, 0x10, N_FRAMES, 0, 1, FRAME_BYTES, 4, 4, 0, 0, 0, 0 };
    for (int i = 0; i < 14; i++)
      put32 (f, avih[i]);
  }
  put_fcc (f, "LIST");
  put32 (f, movi_size);
  put_fcc (f, "movi");
  for (guint32 i = 0; i < N_FRAMES; i++)
    {
      memset (frame, i & 0xff, sizeof frame);
      put_fcc (f, "00dc");
      put32 (f, FRAME_BYTES);
      fwrite (frame, 1, FRAME_BYTES, f);
    }
  put_fcc (f, "idx1");
  put32 (f, idx_size);
  for (guint32 i = 0; i < N_FRAMES; i++, off += 8 + FRAME_BYTES)
    {
      put_fcc (f, "00dc");
      put32 (f, 0x10);
      put32 (f, off);
      put32 (f, FRAME_BYTES);
    }
  fclose (f);
  return path;
}

static double
engine_walk (const char *path)
{
  char *name = g_strdup (path);
  HMMIO h = mmioOpen (name, NULL, MMIO_READ);
  MmioTree *tree = NULL;
  gint64 t0 = g_get_monotonic_time ();
  double secs;

  g_assert_nonnull (h);
  mmio_tree_walk (h, NULL, &tree);
  secs = (g_get_monotonic_time () - t0) / 1e6;
  g_assert_nonnull (tree);
  g_assert_cmpuint (mmio_tree_n_nodes (tree), >=, N_FRAMES);
  mmio_tree_free (tree);
  mmioClose (h, 0);
  g_free (name);
  return secs;
}

/* ---- main-loop stall probe ----------------------------------------------- */

static gint64 last_tick;
static gint64 max_gap;

static gboolean
tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick)
    max_gap = MAX (max_gap, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static gint64 first_rows_at;
static gint64 painted_at;

static void
after_paint (GdkFrameClock *clock, gpointer data)
{
  RsPage *page = data;

  if (first_rows_at && !painted_at && rs_document_get_tree (rs_page_get_document (page)))
    painted_at = g_get_monotonic_time ();
}

static void
loaded (RsDocument *doc, gboolean preview, gpointer data)
{
  if (!first_rows_at)
    first_rows_at = g_get_monotonic_time ();
}

static long
peak_rss_kib (void)
{
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

int
main (int argc, char **argv)
{
  RsApplication *app;
  RsWindow *win;
  RsPage *page;
  RsDocument *doc;
  char *path;
  double walk_secs;
  gint64 t_open, t_done, t0;
  long rss_before;
  guint tick_id;
  MmioTree *tree;
  MmioNodeId deep = MMIO_NODE_NONE;

  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  if (!gtk_init_check ())
    {
      printf ("# no display: skipped (run under xvfb-run)\n");
      return 77;
    }
  path = write_avi ();
  walk_secs = engine_walk (path);

  rs_application_register_resources ();
  app = rs_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  win = rs_window_new (app);
  gtk_window_present (GTK_WINDOW (win));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  rss_before = peak_rss_kib ();

  tick_id = g_timeout_add (2, tick, NULL);
  t_open = g_get_monotonic_time ();
  page = rs_window_open (win, path);
  doc = rs_page_get_document (page);
  g_signal_connect (doc, "loaded", G_CALLBACK (loaded), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (win)), "after-paint",
                    G_CALLBACK (after_paint), page);
  last_tick = 0;
  max_gap = 0;
  while (rs_document_get_loading (doc) || !painted_at)
    g_main_context_iteration (NULL, TRUE);
  t_done = g_get_monotonic_time ();
  g_source_remove (tick_id);

  tree = rs_document_get_tree (doc);
  g_assert_cmpuint (mmio_tree_n_nodes (tree), >=, N_FRAMES);
  /* The frame in the middle of 'movi', two levels down in its groups. */
  for (ULONG i = 0; i < mmio_tree_n_nodes (tree) && deep == MMIO_NODE_NONE; i++)
    {
      MmioNode n;
      if (mmio_tree_get_node (tree, i, &n) && n.fccType == mmioFOURCC ('m', 'o', 'v', 'i'))
        deep = mmio_tree_child (tree, i, N_FRAMES / 2);
    }
  t0 = g_get_monotonic_time ();
  g_assert_true (rs_page_select_node (page, deep));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  {
    double jump = (g_get_monotonic_time () - t0) / 1e6;
    double first = (first_rows_at - t_open) / 1e6;
    double painted = (painted_at - t_open) / 1e6;
    double total = (t_done - t_open) / 1e6;

    printf ("file: %d chunks in 'movi' + %d idx1 entries, %.1f MiB\n",
            N_FRAMES, N_FRAMES, (24.0 * N_FRAMES + 16.0 * N_FRAMES) / (1 << 20));
    printf ("baseline: engine walk alone                 %8.3f s\n", walk_secs);
    printf ("app: first rows in the model                %8.3f s  (target < 0.5 s)%s\n",
            first, first < 0.5 ? "" : "  ** over target **");
    printf ("app: first rows painted                     %8.3f s\n", painted);
    printf ("app: complete tree in place                 %8.3f s  (%.2fx the bare walk)\n",
            total, total / walk_secs);
    printf ("app: longest main-loop stall while loading  %8.1f ms\n", max_gap / 1000.0);
    printf ("app: select frame %d (expand groups)   %8.3f s\n", N_FRAMES / 2, jump);
    printf ("memory: peak RSS %ld MiB (%ld MiB before opening; %.0f bytes per chunk)\n",
            peak_rss_kib () / 1024, rss_before / 1024,
            (peak_rss_kib () - rss_before) * 1024.0 / (2.0 * N_FRAMES));
  }

  gtk_window_destroy (GTK_WINDOW (win));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (app);
  g_free (path);
  return 0;
}
