/* bench-app-trace.c — what switching the message trace on costs when the
 * app opens a file: RsDocument loading (identify, header, walk, the bytes
 * handle) of a RIFF file of 20 000 chunks, until its tree is in and every
 * traced record has reached the trace's list model — trace off against
 * trace on (the engine's ring, the app's callback copying each record and
 * a read's bytes, delivery in batches on the main context). Target (issue
 * 8): within 2x. bench-trace measures the engine's part alone. No display
 * needed: no widget is made. */
#include "test-util.h"

#include <stdio.h>
#include "rs-document.h"
#include "rs-trace.h"

#define CHUNKS 20000

static char *
make_file (void)
{
  GByteArray *a = g_byte_array_new ();
  guint8 payload[16] = { 0 };
  char *path = tu_path ("walk.riff");

  tu_fourcc (a, "RIFF");
  tu_le32 (a, 4 + 12 + CHUNKS * (8 + 16));
  tu_fourcc (a, "TEST");
  tu_fourcc (a, "LIST");
  tu_le32 (a, 4 + CHUNKS * (8 + 16));
  tu_fourcc (a, "data");
  for (guint i = 0; i < CHUNKS; i++)
    {
      tu_fourcc (a, "blob");
      tu_le32 (a, 16);
      tu_bytes (a, payload, 16);
    }
  tu_write_file (path, a->data, a->len);
  g_byte_array_free (a, TRUE);
  return path;
}

/* Seconds to open path as the window does; *records receives what the
 * trace delivered. */
static double
open_once (const char *path, gboolean traced, guint *records)
{
  RsTrace *trace = traced ? rs_trace_new (1000000) : NULL;
  RsDocument *doc = rs_document_new (path);
  gint64 t0 = g_get_monotonic_time ();

  if (trace)
    rs_document_set_trace (doc, trace);
  rs_document_load (doc);
  while (rs_document_get_loading (doc) || rs_document_get_tree (doc) == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* The last batch, which the trace's timer would deliver next. */
  if (trace)
    rs_trace_flush (trace);
  t0 = g_get_monotonic_time () - t0;
  g_assert_cmpuint (mmio_tree_n_nodes (rs_document_get_tree (doc)), >=, CHUNKS);
  if (trace)
    {
      *records = g_list_model_get_n_items (rs_trace_get_model (trace));
      rs_document_set_trace (doc, NULL);
      g_object_unref (trace);
    }
  g_object_unref (doc);
  return t0 / 1e6;
}

int
main (int argc, char **argv)
{
  double off = G_MAXDOUBLE, on = G_MAXDOUBLE;
  guint records = 0;
  char *path;

  g_test_init (&argc, &argv, NULL);
  path = make_file ();
  open_once (path, FALSE, &records);            /* warm the page cache */
  for (int i = 0; i < 9; i++)
    {
      off = MIN (off, open_once (path, FALSE, &records));
      on = MIN (on, open_once (path, TRUE, &records));
    }
  printf ("# RsDocument open (identify, header, walk, bytes handle), %u chunks, best of 9\n", CHUNKS + 2);
  printf ("trace off                        %7.2f ms\n", off * 1e3);
  printf ("trace on (%6u records listed)  %7.2f ms   %.2fx off (target <= 2x)\n",
          records, on * 1e3, on / off);
  g_free (path);
  return 0;
}
