/* test-config.c — the user's MCI configuration file: drivers ([mci]) and
 * extensions ([mci extensions]) installed at start-up, a line that does
 * not load reported and skipped. */
#include "mci-test-util.h"

#include <string.h>

static void
test_config_file (void)
{
  char buf[64];
  char *path = tu_path ("thing.qqq");

  /* the first MCI call reads the file */
  g_test_expect_message ("mci", G_LOG_LEVEL_WARNING, "*baddev*");
  g_assert_cmpuint (mciSendString ("open cfgdev alias c", buf, sizeof buf, NULL), ==, 0);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (mciSendString ("info c product", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpstr (buf, ==, "module:first second");
  g_assert_cmpuint (mciSendString ("close c", buf, sizeof buf, NULL), ==, 0);
  g_assert_true (mciGetExtensionType ("QQQ", buf, sizeof buf));
  g_assert_cmpstr (buf, ==, "cfgdev");
  /* an element of that extension opens with that driver */
  {
    char *cmd = g_strdup_printf ("open %s alias e", path);
    g_assert_cmpuint (mciSendString (cmd, buf, sizeof buf, NULL), ==, 0);
    g_free (cmd);
  }
  g_assert_cmpuint (mciSendString ("sysinfo e installname", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpstr (buf, ==, "cfgdev");
  g_assert_cmpuint (mciSendString ("close e", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpuint (mciSendString ("open baddev", buf, sizeof buf, NULL), ==,
                    MCIERR_INVALID_DEVICE_NAME);
  /* system sounds from [sounds] */
  {
    GByteArray *pcm = mt_pattern (1600, 8), *w = mt_wave (1, 1, 8000, 16, pcm->data, pcm->len);
    char *ding = tu_path ("ding.wav");
    NotifyRec rec;
    tu_write_file (ding, w->data, w->len);
    notify_rec_init (&rec);
    g_assert_cmpuint (mciSendString ("sound SystemExclamation wait notify", buf, sizeof buf, rec.hwnd), ==, 0);
    notify_rec_drain (&rec);
    g_assert_cmpuint (rec.codes->len, ==, 1);
    g_assert_cmpuint (notify_rec_count (&rec, MCI_NOTIFY_SUCCESSFUL), ==, 1);
    g_assert_cmpuint (mciSendString ("sound systemquestion", buf, sizeof buf, NULL), ==,
                      MCIERR_FILE_NOT_FOUND);
    g_assert_cmpuint (mciSendString ("sound NoSuchSound", buf, sizeof buf, NULL), ==,
                      MCIERR_HARDWARE);
    g_assert_cmpuint (mciSendString ("sysinfo waveaudio quantity open", buf, sizeof buf, NULL), ==, 0);
    g_assert_cmpstr (buf, ==, "0");
    notify_rec_clear (&rec);
    g_free (ding);
    g_byte_array_free (w, TRUE);
    g_byte_array_free (pcm, TRUE);
  }
  /* the built-in defaults are still there */
  g_assert_true (mciGetExtensionType ("mid", buf, sizeof buf));
  g_assert_cmpstr (buf, ==, "sequencer");
  g_free (path);
}

int
main (int argc, char **argv)
{
  char *ini, *text;

  g_test_init (&argc, &argv, NULL);
  ini = tu_path ("mci.ini");
  {
    char *ding = tu_path ("ding.wav");
    text = g_strdup_printf ("[mci]\ncfgdev=%s first second\nbaddev=/nonexistent/driver.so\n"
                            "[mci extensions]\nqqq=cfgdev\n"
                            "[sounds]\nSystemExclamation=%s\nSystemQuestion=/nonexistent/q.wav\n",
                            g_getenv ("MCI_TEST_MODULE"), ding);
    g_free (ding);
  }
  mt_sdl_disk ("config.raw", NULL, "0");
  tu_write_file (ini, text, strlen (text));
  g_setenv ("RIFFSCOPE_MCI_CONFIG", ini, TRUE);
  g_free (text);
  g_free (ini);
  g_test_add_func ("/config/file", test_config_file);
  return g_test_run ();
}
