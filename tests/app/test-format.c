/* test-format.c — the text forms the copy commands and labels use. */
#include <locale.h>
#include <string.h>
#include <mmio/mmio.h>
#include "rs-format.h"

static const guint8 bytes[] = { 'R', 'I', 'F', 'F', 0x00, 0xff, 0x10 };

static void
test_hex (void)
{
  char *s = rs_format_hex (bytes, sizeof bytes);
  g_assert_cmpstr (s, ==, "52 49 46 46 00 FF 10");
  g_free (s);
  s = rs_format_hex (bytes, 0);
  g_assert_cmpstr (s, ==, "");
  g_free (s);
}

static void
test_c_array (void)
{
  guint8 many[13];
  char *s;

  for (guint i = 0; i < sizeof many; i++)
    many[i] = i;
  s = rs_format_c_array (bytes, 3, "fmt");
  g_assert_cmpstr (s, ==, "static const unsigned char fmt[3] = {\n  0x52, 0x49, 0x46\n};\n");
  g_free (s);
  /* Twelve a line. */
  s = rs_format_c_array (many, sizeof many, NULL);
  g_assert_true (g_str_has_prefix (s, "static const unsigned char data[13] = {\n  0x00,"));
  g_assert_nonnull (strstr (s, "0x0b,\n  0x0c\n};\n"));
  g_free (s);
}

static void
test_base64 (void)
{
  char *s = rs_format_base64 (bytes, 4);
  g_assert_cmpstr (s, ==, "UklGRg==");
  g_free (s);
}

static void
test_fourcc (void)
{
  char *s = rs_format_fourcc (mmioFOURCC ('f', 'm', 't', ' '));
  g_assert_cmpstr (s, ==, "fmt ");
  g_free (s);
  s = rs_format_fourcc (mmioFOURCC ('a', 0x01, 'b', 0xff));
  g_assert_cmpstr (s, ==, "a\\x01b\\xFF");
  g_free (s);
}

static void
test_offset (void)
{
  char *s = rs_format_offset (0x24);
  g_assert_cmpstr (s, ==, "0x00000024");
  g_free (s);
  s = rs_format_offset (G_GINT64_CONSTANT (0x123456789));
  g_assert_cmpstr (s, ==, "0x000123456789");
  g_free (s);
}

static void
test_parse_offset (void)
{
  gint64 v = -1;

  g_assert_true (rs_parse_offset ("0x1A", &v));
  g_assert_cmpint (v, ==, 26);
  g_assert_true (rs_parse_offset (" 26 ", &v));
  g_assert_cmpint (v, ==, 26);
  g_assert_true (rs_parse_offset ("$ff", &v));
  g_assert_cmpint (v, ==, 255);
  g_assert_true (rs_parse_offset ("10h", &v));
  g_assert_cmpint (v, ==, 16);
  g_assert_false (rs_parse_offset ("", &v));
  g_assert_false (rs_parse_offset ("-5", &v));
  g_assert_false (rs_parse_offset ("0x", &v));
  g_assert_false (rs_parse_offset ("12abc", &v));
  g_assert_false (rs_parse_offset ("0x10000000000000000", &v));
  g_assert_false (rs_parse_offset (NULL, &v));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/hex", test_hex);
  g_test_add_func ("/format/c-array", test_c_array);
  g_test_add_func ("/format/base64", test_base64);
  g_test_add_func ("/format/fourcc", test_fourcc);
  g_test_add_func ("/format/offset", test_offset);
  g_test_add_func ("/format/parse-offset", test_parse_offset);
  return g_test_run ();
}
