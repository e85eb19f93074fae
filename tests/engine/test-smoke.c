#include "test-util.h"

static void
test_write_read (void)
{
  char *path = tu_path ("smoke.bin");
  HMMIO h = mmioOpen (path, NULL, MMIO_CREATE | MMIO_READWRITE | MMIO_ALLOCBUF);
  char buf[16] = { 0 };
  g_assert_nonnull (h);
  g_assert_cmpint (mmioWrite (h, "hello", 5), ==, 5);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_SET), ==, 0);
  g_assert_cmpint (mmioRead (h, buf, 16), ==, 5);
  g_assert_cmpstr (buf, ==, "hello");
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  g_free (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/smoke/write-read", test_write_read);
  return g_test_run ();
}
