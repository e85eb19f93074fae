/* test-fourcc.c — mmioFOURCC values of the predefined codes and
 * mmioStringToFOURCC (padding, MMIO_TOUPPER, stopping at the NUL). */
#include "test-util.h"

#include <string.h>

static void
test_predefined (void)
{
  g_assert_cmphex (FOURCC_RIFF, ==, 0x46464952);
  g_assert_cmphex (FOURCC_LIST, ==, 0x5453494C);
  g_assert_cmphex (FOURCC_DOS, ==, 0x20534F44);
  g_assert_cmphex (FOURCC_MEM, ==, 0x204D454D);
  g_assert_cmphex (FOURCC_BND, ==, 0x20444E42);
  g_assert_cmphex (FOURCC_CF, ==, 0x20204643);
  g_assert_cmphex (mmioFOURCC ('a', 'b', 'c', 'd'), ==, 0x64636261);
  /* Characters above 0x7f do not sign-extend into the other bytes. */
  g_assert_cmphex (mmioFOURCC ('\xff', 0, 0, 0), ==, 0x000000ff);
  g_assert_cmphex (mmioFOURCC (0, 0, 0, '\x80'), ==, 0x80000000);
  /* In memory the bytes appear in reading order. */
  {
    FOURCC f = FOURCC_RIFF;
    guint8 b[4];
    memcpy (b, &f, 4);
    if (G_BYTE_ORDER == G_LITTLE_ENDIAN)
      g_assert_cmpmem (b, 4, "RIFF", 4);
  }
}

static void
test_string_to_fourcc (void)
{
  g_assert_cmphex (mmioStringToFOURCC ("RIFF", 0), ==, FOURCC_RIFF);
  g_assert_cmphex (mmioStringToFOURCC ("DOS", 0), ==, FOURCC_DOS);
  g_assert_cmphex (mmioStringToFOURCC ("CF", 0), ==, FOURCC_CF);
  g_assert_cmphex (mmioStringToFOURCC ("", 0), ==, mmioFOURCC (' ', ' ', ' ', ' '));
  g_assert_cmphex (mmioStringToFOURCC ("a", 0), ==, mmioFOURCC ('a', ' ', ' ', ' '));
  /* Only four characters count. */
  g_assert_cmphex (mmioStringToFOURCC ("WAVEFORM", 0), ==,
                   mmioFOURCC ('W', 'A', 'V', 'E'));
  /* Case is kept unless MMIO_TOUPPER. */
  g_assert_cmphex (mmioStringToFOURCC ("wav", 0), ==, mmioFOURCC ('w', 'a', 'v', ' '));
  g_assert_cmphex (mmioStringToFOURCC ("wav", MMIO_TOUPPER), ==,
                   mmioFOURCC ('W', 'A', 'V', ' '));
  g_assert_cmphex (mmioStringToFOURCC ("a1b_", MMIO_TOUPPER), ==,
                   mmioFOURCC ('A', '1', 'B', '_'));
  /* The NUL stops the scan: what follows it is not read. */
  g_assert_cmphex (mmioStringToFOURCC ("ab\0cd", 0), ==, mmioFOURCC ('a', 'b', ' ', ' '));
  /* Other flag bits are ignored. */
  g_assert_cmphex (mmioStringToFOURCC ("ab", 0x7fe0), ==, mmioFOURCC ('a', 'b', ' ', ' '));
  g_assert_cmphex (mmioStringToFOURCC ("ab", 0x7fe0 | MMIO_TOUPPER), ==,
                   mmioFOURCC ('A', 'B', ' ', ' '));
}

static void
test_string_exact_length (void)
{
  /* A 4-character string with no NUL after it: exactly four are read
   * (AddressSanitizer watches the fifth). */
  char *p = g_malloc (4);
  memcpy (p, "avih", 4);
  g_assert_cmphex (mmioStringToFOURCC (p, 0), ==, mmioFOURCC ('a', 'v', 'i', 'h'));
  g_free (p);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fourcc/predefined", test_predefined);
  g_test_add_func ("/fourcc/string-to-fourcc", test_string_to_fourcc);
  g_test_add_func ("/fourcc/exact-length", test_string_exact_length);
  return g_test_run ();
}
