/* test-threads.c — handles used from several threads at once: two
 * threads each with its own handle on its own file doing thousands of
 * read/write/seek operations (and reopening, which churns the handle
 * table), while a third installs and removes IOProcs and a fourth opens
 * and closes memory files. Every result is checked against a shadow copy,
 * so the test does not depend on timing. */
#include "test-util.h"

#include <string.h>

#define FILE_LEN 4096
#define OPS 4000

typedef struct
{
  int       id;
  char     *path;
  guint8    shadow[FILE_LEN];
  gboolean  ok;
} Worker;

static volatile gint stop_churn;

static HMMIO
reopen (Worker *w, GRand *r)
{
  MMIOINFO in = { 0 };
  HMMIO h;
  /* Alternate buffer sizes, unbuffered included. */
  static const LONG sizes[] = { 0, 7, 64, 1000, MMIO_DEFAULTBUFFER };
  in.cchBuffer = sizes[g_rand_int_range (r, 0, G_N_ELEMENTS (sizes))];
  h = mmioOpen (w->path, &in, MMIO_READWRITE);
  g_assert_nonnull (h);
  return h;
}

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
  GRand *r = g_rand_new_with_seed (1000 + w->id);
  HMMIO h = reopen (w, r);
  guint8 buf[300];

  for (int op = 0; op < OPS; op++)
    {
      LONG at = g_rand_int_range (r, 0, FILE_LEN);
      LONG n = g_rand_int_range (r, 1, (gint32) sizeof buf);
      if (at + n > FILE_LEN)
        n = FILE_LEN - at;
      g_assert_cmpint (mmioSeek (h, at, SEEK_SET), ==, at);
      switch (g_rand_int_range (r, 0, 10))
        {
        case 0: case 1: case 2: case 3:
          g_assert_cmpint (mmioRead (h, (HPSTR) buf, n), ==, n);
          g_assert_cmpmem (buf, n, w->shadow + at, n);
          break;
        case 4: case 5: case 6: case 7:
          for (LONG i = 0; i < n; i++)
            buf[i] = (guint8) g_rand_int (r);
          g_assert_cmpint (mmioWrite (h, (HPCSTR) buf, n), ==, n);
          memcpy (w->shadow + at, buf, n);
          break;
        case 8:
          g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, FILE_LEN);
          g_assert_cmpint (mmioSeek (h, n, SEEK_END), ==, FILE_LEN - n);
          break;
        default:
          if (op % 50 == 0)
            {
              /* Close and reopen: the old handle must be dead. */
              HMMIO old = h;
              g_assert_cmpuint (mmioClose (h, 0), ==, 0);
              g_assert_cmpuint (mmioClose (old, 0), ==, MMSYSERR_INVALHANDLE);
              g_assert_cmpint (mmioRead (old, (HPSTR) buf, 1), ==, -1);
              h = reopen (w, r);
              g_assert_true (h != old);
            }
          else
            g_assert_cmpuint (mmioFlush (h, op & 1 ? MMIO_EMPTYBUF : 0), ==, 0);
          break;
        }
    }
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_rand_free (r);
  w->ok = TRUE;
  return NULL;
}

static LRESULT
churn_proc (LPSTR lpmmioinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  return msg == MMIOM_OPEN || msg == MMIOM_CLOSE ? 0 : MMIOERR_UNSUPPORTED_MESSAGE;
}

static gpointer
registry_churn (gpointer data)
{
  guint rounds = 0;
  while (!g_atomic_int_get (&stop_churn) || rounds < 500)
    {
      FOURCC f = mmioFOURCC ('T', 'H', 'R', '0' + rounds % 10);
      g_assert_true (mmioInstallIOProc (f, churn_proc, MMIO_INSTALLPROC) == churn_proc);
      g_assert_true (mmioInstallIOProc (f, NULL, MMIO_FINDPROC) == churn_proc);
      /* Lookups of the built-ins are never disturbed. */
      g_assert_nonnull (mmioInstallIOProc (FOURCC_DOS, NULL, MMIO_FINDPROC));
      if (rounds % 3 == 0)
        {
          MMIOINFO in = { 0 };
          HMMIO h;
          in.fccIOProc = f;
          h = mmioOpen ((LPSTR) "churn", &in, MMIO_READ);
          g_assert_nonnull (h);
          g_assert_null (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC));
          g_assert_cmpuint (mmioClose (h, 0), ==, 0);
        }
      g_assert_true (mmioInstallIOProc (f, NULL, MMIO_REMOVEPROC) == churn_proc);
      rounds++;
    }
  return GUINT_TO_POINTER (rounds);
}

static gpointer
memfile_churn (gpointer data)
{
  guint rounds = 0;
  while (!g_atomic_int_get (&stop_churn) || rounds < 500)
    {
      char block[32];
      MMIOINFO in = { 0 };
      HMMIO h;
      in.fccIOProc = FOURCC_MEM;
      in.pchBuffer = block;
      in.cchBuffer = sizeof block;
      h = mmioOpen (NULL, &in, MMIO_CREATE | MMIO_READWRITE);
      g_assert_nonnull (h);
      g_assert_cmpint (mmioWrite (h, "abcd", 4), ==, 4);
      g_assert_cmpuint (mmioClose (h, 0), ==, 0);
      g_assert_cmpuint (mmioClose (h, 0), ==, MMSYSERR_INVALHANDLE);
      g_assert_cmpmem (block, 4, "abcd", 4);
      rounds++;
    }
  return NULL;
}

static void
test_two_handles_and_registry (void)
{
  Worker w[2];
  GThread *t[2], *reg, *mem;

  for (int i = 0; i < 2; i++)
    {
      char name[32];
      GBytes *bytes;
      w[i].id = i;
      g_snprintf (name, sizeof name, "thread-%d.bin", i);
      w[i].path = tu_pattern_file (name, FILE_LEN);
      bytes = tu_read_file (w[i].path);
      memcpy (w[i].shadow, g_bytes_get_data (bytes, NULL), FILE_LEN);
      g_bytes_unref (bytes);
      w[i].ok = FALSE;
    }
  g_atomic_int_set (&stop_churn, 0);
  reg = g_thread_new ("registry", registry_churn, NULL);
  mem = g_thread_new ("memfiles", memfile_churn, NULL);
  for (int i = 0; i < 2; i++)
    t[i] = g_thread_new ("worker", worker_main, &w[i]);
  for (int i = 0; i < 2; i++)
    g_thread_join (t[i]);
  g_atomic_int_set (&stop_churn, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (reg)), >=, 500);
  g_thread_join (mem);

  for (int i = 0; i < 2; i++)
    {
      GBytes *bytes = tu_read_file (w[i].path);
      g_assert_true (w[i].ok);
      /* Everything written reached the file, nothing else did. */
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       w[i].shadow, FILE_LEN);
      g_bytes_unref (bytes);
      g_free (w[i].path);
    }
  /* The churned FOURCCs are all gone. */
  for (int i = 0; i < 10; i++)
    g_assert_null (mmioInstallIOProc (mmioFOURCC ('T', 'H', 'R', '0' + i), NULL,
                                      MMIO_FINDPROC));
}

static void
test_handle_table (void)
{
  /* Many handles at once, closed in a scattered order: each stays valid
   * until closed, none is confused with another, slots are reused with
   * fresh values. */
  enum { N = 600 };
  HMMIO hs[N];
  char block[N][4];

  for (int i = 0; i < N; i++)
    {
      MMIOINFO in = { 0 };
      in.fccIOProc = FOURCC_MEM;
      in.pchBuffer = block[i];
      in.cchBuffer = 4;
      memset (block[i], i & 0xff, 4);
      hs[i] = mmioOpen (NULL, &in, MMIO_READ);
      g_assert_nonnull (hs[i]);
      for (int j = 0; j < i; j += 97)
        g_assert_true (hs[j] != hs[i]);
    }
  for (int i = 0; i < N; i += 2)
    g_assert_cmpuint (mmioClose (hs[i], 0), ==, 0);
  for (int i = 0; i < N; i++)
    {
      MMIOINFO info;
      MMRESULT r = mmioGetInfo (hs[i], &info, 0);
      if (i % 2 == 0)
        g_assert_cmpuint (r, ==, MMSYSERR_INVALHANDLE);
      else
        {
          g_assert_cmpuint (r, ==, 0);
          g_assert_true (info.pchBuffer == block[i]);
          g_assert_true (info.hmmio == hs[i]);
        }
    }
  /* Reused slots get new values: the closed handles stay dead. */
  for (int i = 0; i < N; i += 2)
    {
      MMIOINFO in = { 0 };
      HMMIO h;
      in.fccIOProc = FOURCC_MEM;
      in.pchBuffer = block[i];
      in.cchBuffer = 4;
      h = mmioOpen (NULL, &in, MMIO_READ);
      g_assert_nonnull (h);
      g_assert_true (h != hs[i]);
      g_assert_cmpuint (mmioClose (hs[i], 0), ==, MMSYSERR_INVALHANDLE);
      hs[i] = h;
    }
  for (int i = 0; i < N; i++)
    g_assert_cmpuint (mmioClose (hs[i], 0), ==, 0);
  /* Made-up values. */
  g_assert_cmpuint (mmioClose ((HMMIO) (uintptr_t) 1, 0), ==, MMSYSERR_INVALHANDLE);
  g_assert_cmpuint (mmioClose ((HMMIO) (uintptr_t) 0xffffffffffffffffull, 0), ==,
                    MMSYSERR_INVALHANDLE);
  g_assert_cmpuint (mmioClose ((HMMIO) (uintptr_t) (((guint64) 5 << 32) | 1), 0), ==,
                    MMSYSERR_INVALHANDLE);
}

/* One thread keeps opening and closing handles (reusing the same slot);
 * another keeps asking about a handle that was closed before, which must
 * be refused without touching the record of whoever holds the slot now
 * (AddressSanitizer watches). */
static volatile gint reuse_done;

static gpointer
slot_reuser (gpointer data)
{
  for (int i = 0; i < 100000; i++)
    {
      char block[4];
      MMIOINFO in = { 0 };
      HMMIO h;
      in.fccIOProc = FOURCC_MEM;
      in.pchBuffer = block;
      in.cchBuffer = sizeof block;
      h = mmioOpen (NULL, &in, MMIO_READ);
      g_assert_nonnull (h);
      g_assert_cmpuint (mmioClose (h, 0), ==, 0);
    }
  g_atomic_int_set (&reuse_done, 1);
  return NULL;
}

static void
test_stale_lookups (void)
{
  char block[4];
  MMIOINFO in = { 0 }, info;
  HMMIO stale;
  GThread *t;
  guint64 asked = 0;

  in.fccIOProc = FOURCC_MEM;
  in.pchBuffer = block;
  in.cchBuffer = sizeof block;
  stale = mmioOpen (NULL, &in, MMIO_READ);
  g_assert_cmpuint (mmioClose (stale, 0), ==, 0);
  g_atomic_int_set (&reuse_done, 0);
  t = g_thread_new ("reuser", slot_reuser, NULL);
  while (!g_atomic_int_get (&reuse_done) || asked < 1000)
    {
      g_assert_cmpuint (mmioGetInfo (stale, &info, 0), ==, MMSYSERR_INVALHANDLE);
      g_assert_cmpint (mmioSeek (stale, 0, SEEK_CUR), ==, -1);
      asked++;
    }
  g_thread_join (t);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/threads/two-handles-and-registry", test_two_handles_and_registry);
  g_test_add_func ("/threads/handle-table", test_handle_table);
  g_test_add_func ("/threads/stale-lookups", test_stale_lookups);
  return g_test_run ();
}
