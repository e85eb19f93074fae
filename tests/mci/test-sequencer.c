/* test-sequencer.c — the sequencer driver: MIDI and RMID elements parsed
 * (tempo map, structure checks), time formats milliseconds and song
 * pointer, play rendered by FluidSynth into SDL's disk output, pause
 * aborting the pending notification, seek, status and errors. */
#include "mci-test-util.h"

#include <string.h>

static void
be32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };
  g_byte_array_append (a, b, 4);
}

static void
bytes (GByteArray *a, const char *s, gsize n)
{
  g_byte_array_append (a, (const guint8 *) s, n);
}

/* Format 0, 96 ticks per quarter: two beats at 120 bpm (1000 ms), then a
 * tempo change to 60 bpm and one beat (1000 ms): 2000 ms, 12 sixteenths. */
static GByteArray *
make_smf (void)
{
  GByteArray *trk = g_byte_array_new (), *smf = g_byte_array_new ();

  bytes (trk, "\x00\xFF\x51\x03\x07\xA1\x20", 7);        /* 500000 us/q */
  bytes (trk, "\x00\xC0\x00", 3);                          /* piano */
  bytes (trk, "\x00\x90\x3C\x64", 4);                      /* note on */
  bytes (trk, "\x81\x40\x3C\x00", 4);                      /* running status, 192 ticks later off */
  bytes (trk, "\x00\xFF\x51\x03\x0F\x42\x40", 7);        /* 1000000 us/q */
  bytes (trk, "\x00\x90\x40\x64", 4);
  bytes (trk, "\x60\x80\x40\x40", 4);                      /* 96 ticks later */
  bytes (trk, "\x00\xFF\x2F\x00", 4);
  bytes (smf, "MThd", 4);
  be32 (smf, 6);
  bytes (smf, "\x00\x00\x00\x01\x00\x60", 6);
  bytes (smf, "MTrk", 4);
  be32 (smf, trk->len);
  g_byte_array_append (smf, trk->data, trk->len);
  g_byte_array_free (trk, TRUE);
  return smf;
}

static char *
write_file (const char *name, const guint8 *d, gsize n)
{
  char *p = tu_path (name);
  tu_write_file (p, d, n);
  return p;
}

static void
expectq (const char *cmd, const char *want)
{
  char *s = mt_query (cmd);
  g_assert_cmpstr (s, ==, want);
  g_free (s);
}

static void
test_times_and_status (void)
{
  GByteArray *smf = make_smf ();
  char *path = write_file ("song.mid", smf->data, smf->len);
  char *cmd = g_strdup_printf ("open %s alias song", path);

  MT_CMD (cmd, 0);
  expectq ("capability song device type", "sequencer");
  expectq ("capability song can record", "false");
  expectq ("status song length", "2000");
  expectq ("status song time format", "milliseconds");
  expectq ("status song division type", "PPQN");
  expectq ("status song tempo", "120");
  MT_CMD ("set song time format song pointer", 0);
  expectq ("status song time format", "song pointer");
  expectq ("status song length", "12");
  MT_CMD ("seek song to 8", 0);
  expectq ("status song position", "8");
  MT_CMD ("set song time format ms", 0);
  expectq ("status song position", "1000");
  expectq ("status song tempo", "60");
  MT_CMD ("set song time format bytes", MCIERR_BAD_TIME_FORMAT);
  MT_CMD ("seek song to 2001", MCIERR_OUTOFRANGE);
  MT_CMD ("play song from 1500 to 1000", MCIERR_OUTOFRANGE);
  MT_CMD ("pause song", MCIERR_NONAPPLICABLE_FUNCTION);
  MT_CMD ("close song", 0);
  g_free (cmd);
  g_free (path);
  g_byte_array_free (smf, TRUE);
}

static void
test_play_renders (void)
{
  GByteArray *smf = make_smf ();
  char *path = write_file ("play.mid", smf->data, smf->len);
  char *cmd = g_strdup_printf ("open %s alias p", path);
  NotifyRec rec;
  char buf[64];
  char *out;
  GBytes *b;
  gsize len, nonzero = 0;
  const guint8 *d;

  notify_rec_init (&rec);
  mt_sdl_disk ("seq.raw", NULL, "0");
  MT_CMD (cmd, 0);
  g_assert_cmpuint (mciSendString ("play p from 0 wait notify", buf, sizeof buf, rec.hwnd), ==, 0);
  expectq ("status p position", "2000");
  expectq ("status p mode", "stopped");
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 1);
  g_assert_cmpuint (notify_rec_count (&rec, MCI_NOTIFY_SUCCESSFUL), ==, 1);
  out = mt_sdl_out_path ();
  b = tu_read_file (out);
  d = g_bytes_get_data (b, &len);
  /* about 2 s of 44.1 kHz stereo 16-bit, and the notes are audible */
  g_assert_cmpuint (len, >=, 2 * 44100 * 4 * 9 / 10);
  for (gsize i = 0; i < len; i++)
    nonzero += d[i] != 0;
  g_assert_cmpuint (nonzero, >, len / 10);
  g_bytes_unref (b);
  g_free (out);
  g_array_set_size (rec.codes, 0);

  /* pause ends a pending play notification (ABORTED); resume continues */
  mt_sdl_disk ("seq.raw", NULL, NULL);
  g_assert_cmpuint (mciSendString ("play p from 0 notify", buf, sizeof buf, rec.hwnd), ==, 0);
  expectq ("status p mode", "playing");
  MT_CMD ("pause p", 0);
  expectq ("status p mode", "paused");
  MT_CMD ("resume p", 0);
  expectq ("status p mode", "playing");
  MT_CMD ("stop p", 0);
  expectq ("status p mode", "stopped");
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 1);
  g_assert_cmpuint (g_array_index (rec.codes, UINT, 0), ==, MCI_NOTIFY_ABORTED);
  MT_CMD ("close p", 0);
  notify_rec_clear (&rec);
  g_free (cmd);
  g_free (path);
  g_byte_array_free (smf, TRUE);
}

static void
test_rmid_and_errors (void)
{
  GByteArray *smf = make_smf (), *rmid = g_byte_array_new ();
  char *path, *cmd;

  tu_fourcc (rmid, "RIFF");
  tu_le32 (rmid, 4 + 8 + smf->len + (smf->len & 1));
  tu_fourcc (rmid, "RMID");
  tu_fourcc (rmid, "data");
  tu_le32 (rmid, smf->len);
  tu_bytes (rmid, smf->data, smf->len);
  if (smf->len & 1)
    tu_bytes (rmid, "\0", 1);
  path = write_file ("song.rmi", rmid->data, rmid->len);
  cmd = g_strdup_printf ("open %s alias r", path);
  MT_CMD (cmd, 0);
  expectq ("status r length", "2000");
  MT_CMD ("close r", 0);
  g_free (cmd);
  g_free (path);

  /* truncated header, a track overrunning the file, running status with
   * nothing to run, not MIDI at all */
  {
    const struct { const char *name; gsize cut; guint8 poke_at; guint8 poke; } cases[] = {
      { "trunc.mid", 10, 0, 0 },
      { "overrun.mid", 30, 0, 0 },
      { "running.mid", 0, 22 + 7 + 3, 0x3C },
    };
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        GByteArray *bad = make_smf ();
        if (cases[i].cut)
          g_byte_array_set_size (bad, cases[i].cut);
        if (cases[i].poke_at)
          {
            /* replace the first event's status byte sequence so a data
             * byte comes first: delta 0 then 0x3C */
            bad->data[22] = 0x00;
            bad->data[23] = 0x3C;
          }
        path = write_file (cases[i].name, bad->data, bad->len);
        cmd = g_strdup_printf ("open %s alias bad", path);
        MT_CMD (cmd, MCIERR_INVALID_FILE);
        g_free (cmd);
        g_free (path);
        g_byte_array_free (bad, TRUE);
      }
  }
  path = write_file ("text.mid", (const guint8 *) "hello, not midi", 15);
  cmd = g_strdup_printf ("open %s alias bad", path);
  MT_CMD (cmd, MCIERR_INVALID_FILE);
  g_free (cmd);
  g_free (path);

  /* no SoundFont: the open says the sequencer cannot play */
  path = write_file ("nosf.mid", smf->data, smf->len);
  g_setenv ("RIFFSCOPE_SOUNDFONT", "/nonexistent/none.sf2", TRUE);
  cmd = g_strdup_printf ("open %s alias nosf", path);
  MT_CMD (cmd, MCIERR_SEQ_NOMIDIPRESENT);
  g_unsetenv ("RIFFSCOPE_SOUNDFONT");
  MT_CMD (cmd, 0);
  MT_CMD ("close nosf", 0);
  g_free (cmd);
  g_free (path);
  MT_CMD ("open sequencer alias bare", 0);
  expectq ("capability bare can play", "true");
  MT_CMD ("play bare", MCIERR_FILE_NOT_FOUND);
  MT_CMD ("close bare", 0);
  g_byte_array_free (smf, TRUE);
  g_byte_array_free (rmid, TRUE);
}

int
main (int argc, char **argv)
{
  mt_sdl_disk ("seq.raw", NULL, "0");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sequencer/times-and-status", test_times_and_status);
  g_test_add_func ("/sequencer/play-renders", test_play_renders);
  g_test_add_func ("/sequencer/rmid-and-errors", test_rmid_and_errors);
  return g_test_run ();
}
