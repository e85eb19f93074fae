/* test-nodevice.c — waveaudio when SDL has no audio device at all (an
 * audio driver that does not exist): opening and inspecting still work,
 * play and record fail with the waveaudio errors, nothing is left open. */
#include "mci-test-util.h"

static void
test_no_audio_device (void)
{
  GByteArray *pcm = mt_pattern (8000, 4);
  GByteArray *w = mt_wave (1, 1, 8000, 16, pcm->data, pcm->len);
  char *path = tu_path ("quiet.wav");
  char *cmd = g_strdup_printf ("open %s alias q", path);
  NotifyRec rec;
  char buf[64];
  char *s;

  tu_write_file (path, w->data, w->len);
  notify_rec_init (&rec);
  MT_CMD (cmd, 0);
  s = mt_query ("status q length");
  g_assert_cmpstr (s, ==, "500");
  g_free (s);
  s = mt_query ("capability q outputs");
  g_assert_cmpstr (s, ==, "0");
  g_free (s);
  g_assert_cmpuint (mciSendString ("play q notify", buf, sizeof buf, rec.hwnd), ==,
                    MCIERR_WAVE_OUTPUTSUNSUITABLE);
  s = mt_query ("status q mode");
  g_assert_cmpstr (s, ==, "stopped");
  g_free (s);
  MT_CMD ("close q", 0);
  MT_CMD ("open new type waveaudio alias r", 0);
  MT_CMD ("record r to 100 wait", MCIERR_WAVE_INPUTSUNSUITABLE);
  MT_CMD ("close r", 0);
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 0);
  notify_rec_clear (&rec);
  g_free (cmd);
  g_free (path);
  g_byte_array_free (w, TRUE);
  g_byte_array_free (pcm, TRUE);
}

int
main (int argc, char **argv)
{
  g_setenv ("SDL_AUDIODRIVER", "riffscope-no-such-driver", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nodevice/play-and-record-fail", test_no_audio_device);
  return g_test_run ();
}
