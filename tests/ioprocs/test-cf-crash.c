/* test-cf-crash.c — a child process edits a compound file (200 element
 * adds, replaces, deletes and a few compactions, from a fixed seed) and is
 * killed with SIGKILL at random moments (seeded). After every kill the file
 * must open and hold exactly the elements of the last acknowledged edit or
 * of the one after it (the edit under way may have landed), each byte for
 * byte; the next child continues from there. */
#include "cf-test-util.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#define N_OPS 200
#define SEED  0xC0FFEE

typedef enum { OP_ADD, OP_ADD_BY_ELEMENT, OP_REPLACE, OP_DELETE, OP_COMPACT } OpKind;

typedef struct
{
  OpKind   kind;
  char     name[16];
  guint32  seed;        /* content */
  guint32  len;
} Op;

/* name → content seed and length, after each number of ops. */
typedef struct
{
  GHashTable *els;      /* char* → Op* (borrowed) */
} State;

static Op ops[N_OPS];
static State states[N_OPS + 1];

static GBytes *
content_of (const Op *op)
{
  return make_bytes (op->seed, op->len, op->seed % 4 == 0);
}

static void
plan (void)
{
  GRand *r = g_rand_new_with_seed (SEED);
  GPtrArray *live = g_ptr_array_new ();
  guint next_name = 0;

  states[0].els = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < N_OPS; i++)
    {
      Op *op = &ops[i];
      gint32 pick = g_rand_int_range (r, 0, 100);

      if (i % 50 == 49)
        op->kind = OP_COMPACT;
      else if (live->len < 3 || pick < 45)
        op->kind = pick % 2 ? OP_ADD : OP_ADD_BY_ELEMENT;
      else if (pick < 75)
        op->kind = OP_REPLACE;
      else
        op->kind = OP_DELETE;
      if (op->kind == OP_ADD || op->kind == OP_ADD_BY_ELEMENT)
        {
          g_snprintf (op->name, sizeof op->name, "el%03u.wav", next_name++);
          g_ptr_array_add (live, op->name);
        }
      else if (op->kind != OP_COMPACT)
        {
          guint k = g_rand_int_range (r, 0, (gint32) live->len);
          g_strlcpy (op->name, g_ptr_array_index (live, k), sizeof op->name);
          if (op->kind == OP_DELETE)
            g_ptr_array_remove_index (live, k);
        }
      op->seed = g_rand_int (r);
      op->len = g_rand_int_range (r, 0, 4000);

      states[i + 1].els = g_hash_table_new (g_str_hash, g_str_equal);
      {
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init (&it, states[i].els);
        while (g_hash_table_iter_next (&it, &k, &v))
          g_hash_table_insert (states[i + 1].els, k, v);
      }
      if (op->kind == OP_DELETE)
        g_hash_table_remove (states[i + 1].els, op->name);
      else if (op->kind != OP_COMPACT)
        g_hash_table_insert (states[i + 1].els, op->name, op);
    }
  g_ptr_array_unref (live);
  g_rand_free (r);
}

/* In the child: no assertions, an exit code. */
static int
run_op (const char *path, const Op *op)
{
  GBytes *b = op->kind == OP_DELETE || op->kind == OP_COMPACT ? NULL : content_of (op);
  int ret = 0;

  switch (op->kind)
    {
    case OP_ADD:
      {
        HMMCF cf = mmioCFOpen ((char *) path, NULL, NULL, 0);
        if (cf == NULL
            || mmioCFAddElement (cf, (char *) op->name, 0,
                                 (PCHAR) g_bytes_get_data (b, NULL),
                                 (LONG) g_bytes_get_size (b), 0) != 0)
          ret = 10;
        if (cf)
          mmioCFClose (cf, 0);
        break;
      }
    case OP_ADD_BY_ELEMENT:
    case OP_REPLACE:
      {
        char *n = g_strdup_printf ("%s+%s", path, op->name);
        MMIOINFO mi = { 0 };
        HMMIO h = mmioOpen (n, &mi, MMIO_CREATE | MMIO_WRITE | MMIO_ALLOCBUF);
        gsize len = g_bytes_get_size (b);
        if (h == NULL)
          ret = 11;
        else
          {
            if (len > 0 && mmioWrite (h, g_bytes_get_data (b, NULL), (LONG) len) != (LONG) len)
              ret = 12;
            if (mmioClose (h, 0) != 0)
              ret = 13;
          }
        g_free (n);
        break;
      }
    case OP_DELETE:
      {
        MMCFINFO fi;
        HMMCF cf = mmioCFOpen ((char *) path, &fi, NULL, 0);
        guint8 *e;
        if (cf == NULL)
          return 14;
        e = g_malloc0 (mmioCFEntryImageSize (&fi));
        g_strlcpy (mmioCFEntryName ((PMMCTOCENTRY) e, &fi), op->name, fi.usNameSize);
        if (mmioCFDeleteEntry (cf, (PMMCTOCENTRY) e, 0) != 0)
          ret = 15;
        mmioCFClose (cf, 0);
        g_free (e);
        break;
      }
    case OP_COMPACT:
      if (mmioCFCompact ((char *) path, 0) != 0)
        ret = 16;
      break;
    }
  if (b)
    g_bytes_unref (b);
  return ret;
}

static G_GNUC_NORETURN void
child (const char *path, guint from, int fd)
{
  for (guint i = from; i < N_OPS; i++)
    {
      guint32 done = i + 1;
      int r = run_op (path, &ops[i]);
      if (r != 0)
        _exit (r);
      if (write (fd, &done, sizeof done) != sizeof done)
        _exit (20);
    }
  _exit (0);
}

/* Does the file hold exactly state k, byte for byte? */
static gboolean
file_matches (const char *path, guint k)
{
  Listing l;
  gboolean ok = TRUE;

  listing_init (&l);
  if (mmioListElements (path, &l.sink, 0) != 0
      || l.elements->len != g_hash_table_size (states[k].els))
    ok = FALSE;
  for (guint i = 0; ok && i < l.elements->len; i++)
    {
      const MMIOELEMENT *e = &g_array_index (l.elements, MMIOELEMENT, i);
      const Op *op = g_hash_table_lookup (states[k].els, e->pszName);
      if (op == NULL || e->lSize != op->len || e->ulFlags != 0)
        ok = FALSE;
      else
        {
          char *n = g_strdup_printf ("%s+%s", path, e->pszName);
          GBytes *want = content_of (op), *got = read_element (n, NULL);
          ok = got != NULL && g_bytes_equal (want, got);
          g_bytes_unref (want);
          if (got)
            g_bytes_unref (got);
          g_free (n);
        }
    }
  listing_clear (&l);
  return ok;
}

static void
assert_contents (const char *path, guint k)
{
  GHashTableIter it;
  gpointer key, v;
  g_hash_table_iter_init (&it, states[k].els);
  while (g_hash_table_iter_next (&it, &key, &v))
    {
      GBytes *b = content_of (v);
      assert_element (path, key, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
      g_bytes_unref (b);
    }
}

static void
test_kill_during_edits (void)
{
  char *path = tu_path ("crash.bnd");
  GRand *r = g_rand_new_with_seed (SEED + 1);
  guint done = 0, kills = 0, landed = 0;
  HMMCF cf;

  plan ();
  cf = mmioCFOpen (path, NULL, NULL, MMIO_CREATE);
  g_assert_nonnull (cf);
  mmioCFClose (cf, 0);

  while (done < N_OPS)
    {
      int fds[2];
      guint target = done + g_rand_int_range (r, 0, 8);
      gulong delay_us = g_rand_int_range (r, 0, 4000);
      guint acked = done;
      int status = 0;
      pid_t pid;
      guint32 v;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          child (path, done, fds[1]);
        }
      close (fds[1]);
      /* Let it acknowledge `target` edits, then kill it a little later. */
      while (acked < target && read (fds[0], &v, sizeof v) == sizeof v)
        acked = v;
      g_usleep (delay_us);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      while (read (fds[0], &v, sizeof v) == sizeof v)
        acked = v;
      close (fds[0]);
      if (WIFEXITED (status))
        g_assert_cmpint (WEXITSTATUS (status), ==, 0);   /* finished, not failed */
      else
        kills++;

      /* The file opens and holds the acknowledged state or the next. */
      if (file_matches (path, acked))
        done = acked;
      else if (acked < N_OPS && file_matches (path, acked + 1))
        {
          done = acked + 1;
          landed++;
        }
      else
        g_error ("after a kill at edit %u the file holds neither state %u nor %u",
                 acked, acked, acked + 1);
      assert_contents (path, done);
    }
  g_test_message ("%u kills, %u with the edit under way already written", kills, landed);
  g_assert_cmpuint (kills, >, 10);
  for (guint i = 0; i <= N_OPS; i++)
    g_hash_table_destroy (states[i].els);
  g_rand_free (r);
  g_free (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cf-crash/kill-during-edits", test_kill_during_edits);
  return g_test_run ();
}
