/* test-string.c — mciSendString through the grammar cases of the
 * reference (§11): lexing, quoted names, colon integers, duplicate and
 * conflicting flags, unknown keywords and constants, open forms (new,
 * type!element, aliases), "all", auto-open and auto-close, return
 * formatting, and the notifications string commands post. */
#include "mci-test-util.h"

#include <string.h>

static char *wav_path;      /* 2000 ms, 8 kHz mono 16-bit */
static char *spaced_path;   /* the same under a name with spaces */

static void
make_files (void)
{
  GByteArray *pcm, *w;

  if (wav_path)
    return;
  pcm = mt_pattern (32000, 1);
  w = mt_wave (1, 1, 8000, 16, pcm->data, pcm->len);
  wav_path = tu_path ("tempfile.wav");
  spaced_path = tu_path ("my sound file.wav");
  tu_write_file (wav_path, w->data, w->len);
  tu_write_file (spaced_path, w->data, w->len);
  g_byte_array_free (pcm, TRUE);
  g_byte_array_free (w, TRUE);
}

static void
expect (const char *cmd, MCIERROR err, const char *answer)
{
  char buf[512];
  MCIERROR e;

  memset (buf, 'x', sizeof buf);
  e = mciSendString (cmd, buf, sizeof buf, NULL);
  if (e != err)
    g_error ("'%s': got %u, expected %u", cmd, (unsigned) e, (unsigned) err);
  if (answer)
    g_assert_cmpstr (buf, ==, answer);
  if (e != 0)
    g_assert_cmpstr (buf, ==, "");   /* emptied on entry, empty after errors */
}

static void
expectf (MCIERROR err, const char *answer, const char *fmt, ...)
{
  va_list ap;
  char *cmd;
  va_start (ap, fmt);
  cmd = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  expect (cmd, err, answer);
  g_free (cmd);
}

static void
test_lexing (void)
{
  expect ("", MCIERR_MISSING_COMMAND_STRING, "");
  expect ("   ", MCIERR_MISSING_COMMAND_STRING, "");
  expect ("open", MCIERR_MISSING_DEVICE_NAME, "");
  expect ("open \"unterminated name", MCIERR_NO_CLOSING_QUOTE, "");
  expect ("open \"a.wav\"b", MCIERR_EXTRA_CHARACTERS, "");
  expect ("frobnicate x", MCIERR_UNRECOGNIZED_COMMAND, "");
  g_assert_cmpuint (mciSendString (NULL, NULL, 0, NULL), ==, MCIERR_MISSING_COMMAND_STRING);
}

static void
test_quoted_names_and_case (void)
{
  make_files ();
  expectf (0, "1", "open \"%s\" alias q", spaced_path);
  expect ("status q length", 0, "2000");
  expectf (0, spaced_path, "info q file");
  expect ("STATUS Q MODE", 0, "stopped");
  expect ("Seek q to 1000", 0, "");
  expect ("status   q   position", 0, "1000");
  expect ("close q", 0, "");
}

static void
test_integers (void)
{
  make_files ();
  expectf (0, "1", "open %s alias s", wav_path);
  expect ("seek s to 220:5:0", 0, "");
  expect ("status s position", 0, "1500");
  expect ("seek s to 250::", 0, "");
  expect ("status s position", 0, "250");
  expect ("seek s to 250:0", 0, "");
  expect ("status s position", 0, "250");
  expect ("set s time format bytes", 0, "");
  expect ("seek s to :1", 0, "");
  expect ("status s position", 0, "256");
  expect ("set s time format ms", 0, "");
  expect ("seek s to 0:256", MCIERR_BAD_INTEGER, "");
  expect ("seek s to 256:0:0:0", MCIERR_BAD_INTEGER, "");
  expect ("seek s to 0:0:0:0:0", MCIERR_BAD_INTEGER, "");
  expect ("seek s to :0:0:0:0", MCIERR_BAD_INTEGER, "");
  expect ("seek s to 0:0:0:0:", MCIERR_BAD_INTEGER, "");
  expect ("seek s to 0xfa", MCIERR_BAD_INTEGER, "");
  expect ("seek s to", MCIERR_MISSING_PARAMETER, "");
  expect ("seek s to 3000", MCIERR_OUTOFRANGE, "");
  expect ("seek s wait", MCIERR_MISSING_PARAMETER, "");
  expect ("seek s to start to 0", MCIERR_FLAGS_NOT_COMPATIBLE, "");
  expect ("seek s to end", 0, "");
  expect ("status s position", 0, "2000");
  expect ("close s", 0, "");
}

static void
test_flags_and_keywords (void)
{
  make_files ();
  expectf (0, "1", "open %s alias s", wav_path);
  expect ("status s position wait wait", MCIERR_DUPLICATE_FLAGS, "");
  expectf (MCIERR_DUPLICATE_FLAGS, "", "open %s alias t shareable shareable", wav_path);
  expect ("status s length length", MCIERR_FLAGS_NOT_COMPATIBLE, "");
  expect ("status s length position", MCIERR_FLAGS_NOT_COMPATIBLE, "");
  expect ("set s time format milliseconds time format ms", MCIERR_FLAGS_NOT_COMPATIBLE, "");
  expect ("set s milliseconds", MCIERR_UNRECOGNIZED_KEYWORD, "");
  expect ("set s milliseconds ms", MCIERR_UNRECOGNIZED_KEYWORD, "");
  expect ("status s nsa", MCIERR_BAD_CONSTANT, "");
  expect ("status s 0x4", MCIERR_BAD_CONSTANT, "");
  expect ("status s 4", 0, "stopped");
  expect ("status s", MCIERR_MISSING_PARAMETER, "");
  expect ("status s track 3", MCIERR_MISSING_PARAMETER, "");
  expect ("set s time format hms", MCIERR_BAD_TIME_FORMAT, "");
  expect ("set s time format nonsense", MCIERR_BAD_CONSTANT, "");
  expect ("set s time format 8", 0, "");
  expect ("status s time format", 0, "bytes");
  expect ("status s length", 0, "32000");
  expect ("set s time format samples", 0, "");
  expect ("status s length", 0, "16000");
  expect ("set s time format milliseconds", 0, "");
  expect ("status s time format", 0, "milliseconds");
  expect ("capability s can   save", 0, "true");
  expect ("capability s has video", 0, "false");
  expect ("capability s device type", 0, "waveaudio");
  expect ("capability s uses files", 0, "true");
  expect ("status s samplespersec", 0, "8000");
  expect ("status s format tag", 0, "pcm");
  expect ("status s output", 0, "mapper");
  expect ("status s bitspersample", 0, "16");
  expect ("set s channels 2", MCIERR_NONAPPLICABLE_FUNCTION, "");
  expect ("set s video on", MCIERR_UNSUPPORTED_FUNCTION, "");
  expect ("play s from 250 to 0", MCIERR_OUTOFRANGE, "");
  expect ("play s to 3000", MCIERR_OUTOFRANGE, "");
  expect ("info s product", 0, NULL);
  expect ("break s on 27", 0, "");
  expect ("break s off", 0, "");
  expect ("break nosuch off", MCIERR_INVALID_DEVICE_NAME, "");
  expect ("sound SystemExclamation", MCIERR_HARDWARE, "");
  expect ("info s nosuch", MCIERR_UNRECOGNIZED_KEYWORD, "");
  {
    char small[4];
    g_assert_cmpuint (mciSendString ("status s mode", small, sizeof small, NULL), ==,
                      MCIERR_PARAM_OVERFLOW);
    g_assert_cmpstr (small, ==, "");
    /* answers may be dropped */
    g_assert_cmpuint (mciSendString ("status s mode", NULL, 0, NULL), ==, 0);
  }
  expect ("close s", 0, "");
}

static void
test_open_forms (void)
{
  make_files ();
  expect ("open all", MCIERR_CANNOT_USE_ALL, "");
  expect ("open new type waveaudio", MCIERR_NEW_REQUIRES_ALIAS, "");
  expect ("open new", MCIERR_NEW_REQUIRES_ALIAS, "");
  expect ("open new type waveaudio alias r shareable", MCIERR_UNSUPPORTED_FUNCTION, "");
  expect ("open new type waveaudio alias r", 0, "1");
  expect ("status r length", 0, "0");
  expect ("status r samplespersec", 0, "11025");
  expect ("info r file", MCIERR_NONAPPLICABLE_FUNCTION, "");
  expect ("play r", MCIERR_FILE_NOT_FOUND, "");
  expect ("set r channels 2", 0, "");
  expect ("status r alignment", 0, "2");
  expect ("set r bitspersample 4", MCIERR_OUTOFRANGE, "");
  expect ("close r", 0, "");
  expect ("open ! alias no", MCIERR_INVALID_DEVICE_NAME, "");
  expect ("open notify", MCIERR_INVALID_DEVICE_NAME, "");
  expect ("open nofile.xyz", MCIERR_EXTENSION_NOT_FOUND, "");
  expect ("open /nonexistent/dir/no-such-file.wav", MCIERR_FILE_NOT_FOUND, "");
  expect ("open no-such-file.wav type waveaudio alias x", MCIERR_FILE_NOT_FOUND, "");
  expectf (MCIERR_FILE_NOT_FOUND, "", "open nosuchdevice!%s", wav_path);
  expectf (0, "1", "open waveaudio!%s alias wb", wav_path);
  expect ("status wb length", 0, "2000");
  /* the alias is taken: explicitly, or by default */
  expectf (MCIERR_DUPLICATE_ALIAS, "", "open %s alias wb", wav_path);
  expectf (0, "2", "open %s", wav_path);
  expectf (MCIERR_DEVICE_OPEN, "", "open %s", wav_path);
  expectf (MCIERR_DUPLICATE_ALIAS, "", "open no-such-file.wav alias %s", wav_path);
  /* free argument order; tokens after the alias still count */
  expectf (0, "3", "open %s alias a3 wait type waveaudio", wav_path);
  expect ("open waveaudio", 0, "4");
  expect ("capability waveaudio can play", 0, "true");
  expect ("sysinfo waveaudio quantity open", 0, "4");
  expect ("close all", 0, "");
  expect ("sysinfo waveaudio quantity open", 0, "0");
}

static void
test_all_and_unknown_devices (void)
{
  make_files ();
  expectf (0, "1", "open %s alias s", wav_path);
  expect ("status all mode", MCIERR_CANNOT_USE_ALL, "");
  expect ("stop all", 0, "");
  expect ("cue all", MCIERR_UNRECOGNIZED_COMMAND, "");
  expect ("cue output", MCIERR_UNRECOGNIZED_COMMAND, "");
  expect ("cue s output", 0, "");
  expect ("status s mode", 0, "paused");
  expect ("pause s", MCIERR_NONAPPLICABLE_FUNCTION, "");
  expect ("close waveaudio", MCIERR_INVALID_DEVICE_NAME, "");
  expect ("close all", 0, "");
  expect ("close all", 0, "");
}

static void
test_auto_open (void)
{
  NotifyRec rec;
  char buf[256];
  char *cmd;
  gint64 limit;

  make_files ();
  notify_rec_init (&rec);
  mt_sdl_disk ("auto.raw", NULL, NULL);   /* real-time pace */

  cmd = g_strdup_printf ("play %s notify", wav_path);
  g_assert_cmpuint (mciSendString (cmd, buf, sizeof buf, rec.hwnd), ==, MCIERR_NOTIFY_ON_AUTO_OPEN);
  g_free (cmd);
  expect ("sysinfo waveaudio quantity open", 0, "0");

  /* immediate commands open and close by themselves */
  expectf (0, "stopped", "status %s mode", wav_path);
  expectf (MCIERR_NONAPPLICABLE_FUNCTION, "", "pause %s", wav_path);
  expectf (MCIERR_ILLEGAL_FOR_AUTO_OPEN, "", "record %s to 100", wav_path);
  expectf (MCIERR_ILLEGAL_FOR_AUTO_OPEN, "", "save %s x.wav", wav_path);
  expect ("sysinfo waveaudio quantity open", 0, "0");
  expect ("capability waveaudio device type", 0, "waveaudio");
  expect ("capability waveaudio outputs", 0, NULL);
  expect ("sysinfo waveaudio quantity open", 0, "0");

  /* a play keeps the device until it ends or is stopped */
  expectf (0, "", "play %s", wav_path);
  expectf (0, "playing", "status %s mode", wav_path);
  expect ("sysinfo waveaudio quantity open", 0, "1");
  expectf (0, NULL, "sysinfo waveaudio name 1 open");
  g_assert_cmpuint (mciGetDeviceID (wav_path), ==, 1);
  cmd = g_strdup_printf ("status %s mode notify", wav_path);
  g_assert_cmpuint (mciSendString (cmd, buf, sizeof buf, rec.hwnd), ==, MCIERR_NOTIFY_ON_AUTO_OPEN);
  g_free (cmd);
  expectf (0, "", "stop %s wait", wav_path);
  limit = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;)
    {
      g_assert_cmpuint (mciSendString ("sysinfo waveaudio quantity open", buf, sizeof buf, NULL), ==, 0);
      if (strcmp (buf, "0") == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, limit);
      g_usleep (1000);
    }
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 0);   /* the manager kept those */
  notify_rec_clear (&rec);
}

static void
test_string_notifications (void)
{
  NotifyRec rec;
  char buf[64];
  char *cmd;

  make_files ();
  notify_rec_init (&rec);
  cmd = g_strdup_printf ("open %s alias n notify type waveaudio", wav_path);
  g_assert_cmpuint (mciSendString (cmd, buf, sizeof buf, rec.hwnd), ==, 0);
  g_free (cmd);
  g_assert_cmpuint (mciSendString ("status n mode notify", buf, sizeof buf, rec.hwnd), ==, 0);
  g_assert_cmpuint (mciSendString ("info n file notify", buf, sizeof buf, rec.hwnd), ==, 0);
  g_assert_cmpuint (mciSendString ("seek n to 250 wait notify", buf, sizeof buf, rec.hwnd), ==, 0);
  /* failures post nothing */
  g_assert_cmpuint (mciSendString ("play n from 250 to 0 notify", buf, sizeof buf, rec.hwnd), ==,
                    MCIERR_OUTOFRANGE);
  g_assert_cmpuint (mciSendString ("close n notify", buf, sizeof buf, rec.hwnd), ==, 0);
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 5);
  g_assert_cmpuint (notify_rec_count (&rec, MCI_NOTIFY_SUCCESSFUL), ==, 5);
  for (guint i = 0; i < rec.ids->len; i++)
    g_assert_cmpuint (g_array_index (rec.ids, MCIDEVICEID, i), ==, 1);
  notify_rec_clear (&rec);
}

int
main (int argc, char **argv)
{
  mt_sdl_disk ("string.raw", NULL, "0");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/string/lexing", test_lexing);
  g_test_add_func ("/string/quoted-names-and-case", test_quoted_names_and_case);
  g_test_add_func ("/string/integers", test_integers);
  g_test_add_func ("/string/flags-and-keywords", test_flags_and_keywords);
  g_test_add_func ("/string/open-forms", test_open_forms);
  g_test_add_func ("/string/all-and-unknown-devices", test_all_and_unknown_devices);
  g_test_add_func ("/string/auto-open", test_auto_open);
  g_test_add_func ("/string/notifications", test_string_notifications);
  {
    int r = g_test_run ();
    g_free (wav_path);
    g_free (spaced_path);
    return r;
  }
}
