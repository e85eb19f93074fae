/* bench-cf-open.c — opening one element of compound files with 100,
 * 10,000 and 100,000 elements: mmioOpen("file.bnd+name"), a 16-byte read,
 * mmioClose, for random names. The table must not be parsed again per
 * open, so the time per open should stay within 2x from the smallest file
 * to the largest. Also printed: the first (parsing) open of each file, and
 * opening a plain file of the same size through the DOS IOProc as the
 * baseline. The files are built by hand (tests/ioprocs/cf-test-util.h),
 * then left to settle for a second: the table cache trusts only files
 * whose ctime is over a second old. */
#include "../ioprocs/cf-test-util.h"

#include <stdio.h>
#include <unistd.h>

#define OPENS 1000     /* per round */
#define ROUNDS 7       /* interleaved; the best round counts (others build here too) */

static char *
build (guint n)
{
  HandLayout lay = { .name_size = 13 };
  HandEntry *e = g_new0 (HandEntry, n);
  char **names = g_new0 (char *, n);
  guint8 data[16];
  char *path = g_strdup_printf ("%s/bench-%u.bnd", tu_tmpdir (), n);
  GByteArray *a;

  for (guint i = 0; i < n; i++)
    {
      names[i] = g_strdup_printf ("e%07u.wav", i);
      e[i].name = names[i];
      e[i].data = data;
      e[i].size = sizeof data;
      e[i].offset = -1;
      memset (data, (int) (i & 0xFF), sizeof data);
    }
  a = hand_bnd (&lay, e, n);
  write_array (path, a);
  g_byte_array_unref (a);
  for (guint i = 0; i < n; i++)
    g_free (names[i]);
  g_free (names);
  g_free (e);
  return path;
}

static double
open_one (const char *name)
{
  gint64 t0 = g_get_monotonic_time ();
  MMIOINFO mi = { 0 };
  char buf[16];
  HMMIO h = mmioOpen ((char *) name, &mi, MMIO_READ);
  if (h == NULL || mmioRead (h, buf, sizeof buf) != sizeof buf)
    g_error ("cannot open %s: %u", name, mi.wErrorRet);
  mmioClose (h, 0);
  return (double) (g_get_monotonic_time () - t0);
}

static double
time_opens (const char *path, guint n, GRand *r)
{
  gint64 t0 = g_get_monotonic_time ();
  for (guint k = 0; k < OPENS; k++)
    {
      char name[512];
      g_snprintf (name, sizeof name, "%s+e%07u.wav", path,
                  (guint) g_rand_int_range (r, 0, (gint32) n));
      open_one (name);
    }
  return (double) (g_get_monotonic_time () - t0) / OPENS;
}

static double
time_plain (const char *path)
{
  gint64 t0 = g_get_monotonic_time ();
  for (guint k = 0; k < OPENS; k++)
    open_one (path);
  return (double) (g_get_monotonic_time () - t0) / OPENS;
}

int
main (void)
{
  const guint sizes[] = { 100, 10000, 100000 };
  char *paths[3];
  double per_open[3], first[3], plain;
  GRand *r = g_rand_new_with_seed (42);

  for (guint i = 0; i < 3; i++)
    paths[i] = build (sizes[i]);
  sync ();                      /* no writeback in the middle of the timing */
  g_usleep (1200 * 1000);       /* let the files settle (see the head comment) */

  printf ("# compound-file element open (mmioOpen + 16-byte read + mmioClose), "
          "best of %d rounds of %d opens\n", ROUNDS, OPENS);
  for (guint i = 0; i < 3; i++)
    {
      char name[512];
      g_snprintf (name, sizeof name, "%s+e%07u.wav", paths[i], sizes[i] / 2);
      first[i] = open_one (name);
      per_open[i] = G_MAXDOUBLE;
    }
  plain = G_MAXDOUBLE;
  for (guint round = 0; round < ROUNDS; round++)
    {
      plain = MIN (plain, time_plain (paths[2]));
      for (guint i = 0; i < 3; i++)
        per_open[i] = MIN (per_open[i], time_opens (paths[i], sizes[i], r));
    }
  printf ("# baseline: a plain file through DOS: %.2f us per open\n", plain);
  for (guint i = 0; i < 3; i++)
    printf ("%7u elements: first open (parses) %9.1f us, then %7.2f us per open (%.2fx plain)\n",
            sizes[i], first[i], per_open[i], per_open[i] / plain);
  printf ("ratio largest/smallest: %.2f (target <= 2)\n", per_open[2] / per_open[0]);
  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  g_rand_free (r);
  return 0;
}
