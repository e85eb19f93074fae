/* test-waveaudio.c — the waveaudio driver on SDL's disk driver: what SDL
 * was given is compared byte for byte with the source (after the same
 * conversion), notifications are counted per situation, devices without
 * an element, recording from SDL's disk capture input and saving it as a
 * WAVE read back through MMIO, editing and time formats, and errors. */
#include "mci-test-util.h"

#include <mmio/mmio-cf.h>
#include <string.h>

/* Frames of silence at either end come from SDL around our data. */
static GBytes *
sdl_output_trimmed (guint frame)
{
  char *path = mt_sdl_out_path ();
  GBytes *b = tu_read_file (path);
  gsize len, start = 0, end;
  const guint8 *d = g_bytes_get_data (b, &len);
  GBytes *r;

  end = len - len % frame;
  while (start + frame <= end)
    {
      gboolean zero = TRUE;
      for (guint k = 0; k < frame; k++)
        zero = zero && d[start + k] == 0;
      if (!zero)
        break;
      start += frame;
    }
  while (end >= start + frame)
    {
      gboolean zero = TRUE;
      for (guint k = 0; k < frame; k++)
        zero = zero && d[end - frame + k] == 0;
      if (!zero)
        break;
      end -= frame;
    }
  r = g_bytes_new (d + start, end - start);
  g_bytes_unref (b);
  g_free (path);
  return r;
}

static char *
write_wave (const char *name, guint16 tag, guint16 ch, guint32 rate,
            guint16 bits, const GByteArray *pcm)
{
  GByteArray *w = mt_wave (tag, ch, rate, bits, pcm->data, pcm->len);
  char *path = tu_path (name);
  tu_write_file (path, w->data, w->len);
  g_byte_array_free (w, TRUE);
  return path;
}

static void
assert_bytes_equal (GBytes *got, const guint8 *want, gsize want_len)
{
  gsize len;
  const guint8 *d = g_bytes_get_data (got, &len);
  g_assert_cmpuint (len, ==, want_len);
  g_assert_true (memcmp (d, want, len) == 0);
}

static void
test_play_pcm16 (void)
{
  GByteArray *pcm = mt_pattern (22050 * 4 / 2, 7);   /* 0.5 s stereo 16-bit */
  char *path = write_wave ("pcm16.wav", 1, 2, 22050, 16, pcm);
  char *cmd;
  GBytes *out;

  mt_sdl_disk ("pcm16.raw", NULL, "0");
  cmd = g_strdup_printf ("open %s alias p", path);
  MT_CMD (cmd, 0);
  MT_CMD ("play p wait", 0);
  out = sdl_output_trimmed (4);
  assert_bytes_equal (out, pcm->data, pcm->len);
  g_bytes_unref (out);
  {
    char *pos = mt_query ("status p position"), *mode = mt_query ("status p mode");
    g_assert_cmpstr (pos, ==, "500");
    g_assert_cmpstr (mode, ==, "stopped");
    g_free (pos);
    g_free (mode);
  }
  /* a range: from 100 to 300 ms is bytes 8820..26460 */
  MT_CMD ("play p from 100 to 300 wait", 0);
  out = sdl_output_trimmed (4);
  assert_bytes_equal (out, pcm->data + 8820, 26460 - 8820);
  g_bytes_unref (out);
  MT_CMD ("play p to 200", MCIERR_OUTOFRANGE);     /* before the position */
  /* an explicit output device, then back to the mapper */
  MT_CMD ("set p output 5", MCIERR_OUTOFRANGE);
  MT_CMD ("set p output 0", 0);
  {
    char *o = mt_query ("status p output"), *n = mt_query ("info p output");
    g_assert_cmpstr (o, ==, "0");
    g_assert_cmpuint (strlen (n), >, 0);
    g_free (o);
    g_free (n);
  }
  MT_CMD ("play p from 0 wait", 0);
  out = sdl_output_trimmed (4);
  assert_bytes_equal (out, pcm->data, pcm->len);
  g_bytes_unref (out);
  MT_CMD ("set p any output", 0);
  {
    char *o = mt_query ("status p output");
    g_assert_cmpstr (o, ==, "mapper");
    g_free (o);
  }
  MT_CMD ("close p", 0);
  g_free (cmd);
  g_free (path);
  g_byte_array_free (pcm, TRUE);
}

static gint16
ulaw_to_s16 (guint8 u)
{
  int t;
  u = ~u;
  t = ((u & 0x0F) << 3) + 0x84;
  t <<= (u & 0x70) >> 4;
  return (u & 0x80) ? (0x84 - t) : (t - 0x84);
}

static void
test_play_mulaw (void)
{
  GByteArray *ulaw = mt_pattern (4000, 11);          /* 0.5 s at 8 kHz */
  char *path = write_wave ("ulaw.wav", 7, 1, 8000, 8, ulaw);
  GByteArray *want = g_byte_array_new ();
  char *cmd = g_strdup_printf ("open %s alias u", path);
  GBytes *out;
  char *s;

  for (guint i = 0; i < ulaw->len; i++)
    {
      gint16 v = ulaw_to_s16 (ulaw->data[i]);
      guint8 le[2] = { (guint8) (v & 0xFF), (guint8) ((guint16) v >> 8) };
      g_byte_array_append (want, le, 2);
    }
  mt_sdl_disk ("ulaw.raw", NULL, "0");
  MT_CMD (cmd, 0);
  /* the WAVE IOProc translates: the device sees 16-bit PCM */
  s = mt_query ("status u bitspersample");
  g_assert_cmpstr (s, ==, "16");
  g_free (s);
  s = mt_query ("status u length");
  g_assert_cmpstr (s, ==, "500");
  g_free (s);
  MT_CMD ("play u wait", 0);
  out = sdl_output_trimmed (2);
  assert_bytes_equal (out, want->data, want->len);
  g_bytes_unref (out);
  MT_CMD ("close u", 0);
  g_byte_array_free (want, TRUE);
  g_byte_array_free (ulaw, TRUE);
  g_free (cmd);
  g_free (path);
}

static void
test_play_compound_element (void)
{
  GByteArray *pcm = mt_pattern (8000, 5);   /* 0.5 s, 8 kHz mono 16-bit */
  GByteArray *w = mt_wave (1, 1, 8000, 16, pcm->data, pcm->len);
  char *bnd = tu_path ("sounds.bnd");
  char *cmd = g_strdup_printf ("open %s+ding.wav alias ding", bnd);
  MMCFINFO fi = { 0 };
  MMIOINFO mi = { 0 };
  HMMCF cf;
  GBytes *out;

  fi.usNameSize = 21;
  cf = mmioCFOpen (bnd, &fi, &mi, MMIO_CREATE);
  g_assert_nonnull (cf);
  g_assert_cmpuint (mmioCFAddElement (cf, "other.bin", 0, "xyz", 3, 0), ==, 0);
  g_assert_cmpuint (mmioCFAddElement (cf, "ding.wav", 0, (PCHAR) w->data, w->len, 0), ==, 0);
  g_assert_cmpuint (mmioCFClose (cf, 0), ==, 0);

  mt_sdl_disk ("compound.raw", NULL, "0");
  MT_CMD (cmd, 0);
  MT_CMD ("play ding wait", 0);
  out = sdl_output_trimmed (2);
  assert_bytes_equal (out, pcm->data, pcm->len);
  g_bytes_unref (out);
  MT_CMD ("close ding", 0);
  g_free (cmd);
  cmd = g_strdup_printf ("open %s+missing.wav", bnd);
  MT_CMD (cmd, MCIERR_FILE_NOT_FOUND);
  g_free (cmd);
  g_free (bnd);
  g_byte_array_free (w, TRUE);
  g_byte_array_free (pcm, TRUE);
}

/* A one-member ustar archive, built byte by byte. */
static GByteArray *
make_tar (const char *member, const GByteArray *data)
{
  GByteArray *t = g_byte_array_new ();
  guint8 h[512] = { 0 };
  guint sum = 0;

  g_strlcpy ((char *) h, member, 100);
  memcpy (h + 100, "0000644", 8);
  memcpy (h + 108, "0000000", 8);
  memcpy (h + 116, "0000000", 8);
  g_snprintf ((char *) h + 124, 12, "%011o", data->len);
  memcpy (h + 136, "00000000000", 12);
  memset (h + 148, ' ', 8);
  h[156] = '0';
  memcpy (h + 257, "ustar", 6);
  memcpy (h + 263, "00", 2);
  for (guint i = 0; i < 512; i++)
    sum += h[i];
  g_snprintf ((char *) h + 148, 8, "%06o", sum);
  g_byte_array_append (t, h, 512);
  g_byte_array_append (t, data->data, data->len);
  memset (h, 0, sizeof h);
  if (data->len % 512)
    g_byte_array_append (t, h, 512 - data->len % 512);
  g_byte_array_append (t, h, 512);
  g_byte_array_append (t, h, 512);
  return t;
}

static void
test_play_archive_element (void)
{
  GByteArray *pcm = mt_pattern (8000, 15);
  GByteArray *w = mt_wave (1, 1, 8000, 16, pcm->data, pcm->len);
  GByteArray *tar = make_tar ("bells/ding.wav", w);
  char *path = tu_path ("sounds.tar");
  char *cmd = g_strdup_printf ("open %s+bells/ding.wav alias t", path);
  GBytes *out;

  tu_write_file (path, tar->data, tar->len);
  mt_sdl_disk ("archive.raw", NULL, "0");
  MT_CMD (cmd, 0);
  MT_CMD ("play t wait", 0);
  out = sdl_output_trimmed (2);
  assert_bytes_equal (out, pcm->data, pcm->len);
  g_bytes_unref (out);
  MT_CMD ("close t", 0);
  g_free (cmd);
  g_free (path);
  g_byte_array_free (tar, TRUE);
  g_byte_array_free (w, TRUE);
  g_byte_array_free (pcm, TRUE);
}

/* A storage IOProc serving one WAVE from memory whose reads fail past
 * fail_at: a corrupt medium discovered while playing. */
static GByteArray *fail_file;
static LONG fail_at;

static LRESULT
failing_proc (LPSTR lpmmioinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *mi = (MMIOINFO *) lpmmioinfo;
  switch (msg)
    {
    case MMIOM_OPEN:
      mi->lDiskOffset = 0;
      return 0;
    case MMIOM_CLOSE:
      return 0;
    case MMIOM_READ:
      {
        LONG n = MIN ((LONG) p2, (LONG) fail_file->len - mi->lDiskOffset);
        if (mi->lDiskOffset + n > fail_at)
          return -1;
        if (n < 0)
          n = 0;
        memcpy ((char *) p1, fail_file->data + mi->lDiskOffset, n);
        mi->lDiskOffset += n;
        return n;
      }
    case MMIOM_SEEK:
      {
        LONG base = p2 == SEEK_SET ? 0 : p2 == SEEK_CUR ? mi->lDiskOffset : (LONG) fail_file->len;
        if (base + (LONG) p1 < 0)
          return -1;
        mi->lDiskOffset = base + (LONG) p1;
        return mi->lDiskOffset;
      }
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

static void
test_notify_codes (void)
{
  GByteArray *longpcm = mt_pattern (80000, 3);        /* 5 s, 8 kHz mono 16-bit */
  char *path = write_wave ("long.wav", 1, 1, 8000, 16, longpcm);
  char *open_cmd = g_strdup_printf ("open %s alias s", path);
  NotifyRec rec;
  char buf[64];

  notify_rec_init (&rec);

  /* play to the end: SUCCESSFUL */
  mt_sdl_disk ("notify.raw", NULL, "0");
  MT_CMD (open_cmd, 0);
  g_assert_cmpuint (mciSendString ("play s from 4500 wait notify", buf, sizeof buf, rec.hwnd), ==, 0);
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 1);
  g_assert_cmpuint (notify_rec_count (&rec, MCI_NOTIFY_SUCCESSFUL), ==, 1);
  g_assert_cmpuint (g_array_index (rec.ids, MCIDEVICEID, 0), ==, 1);
  MT_CMD ("close s", 0);
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 1);
  g_array_set_size (rec.codes, 0);

  /* superseded by a newer play with notify; the mode shows PLAY at once */
  mt_sdl_disk ("notify.raw", NULL, NULL);           /* real-time pace */
  MT_CMD (open_cmd, 0);
  g_assert_cmpuint (mciSendString ("play s notify", buf, sizeof buf, rec.hwnd), ==, 0);
  g_assert_cmpuint (mciSendString ("status s mode", buf, sizeof buf, NULL), ==, 0);
  g_assert_cmpstr (buf, ==, "playing");
  g_assert_cmpuint (mciSendString ("play s from 0 to 100 wait notify", buf, sizeof buf, rec.hwnd), ==, 0);
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 2);
  g_assert_cmpuint (g_array_index (rec.codes, UINT, 0), ==, MCI_NOTIFY_SUPERSEDED);
  g_assert_cmpuint (g_array_index (rec.codes, UINT, 1), ==, MCI_NOTIFY_SUCCESSFUL);
  g_array_set_size (rec.codes, 0);

  /* aborted by stop */
  g_assert_cmpuint (mciSendString ("play s from 0 notify", buf, sizeof buf, rec.hwnd), ==, 0);
  MT_CMD ("stop s", 0);
  MT_CMD ("status s mode", 0);
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 1);
  g_assert_cmpuint (g_array_index (rec.codes, UINT, 0), ==, MCI_NOTIFY_ABORTED);
  g_array_set_size (rec.codes, 0);

  /* waveaudio's pause keeps the play's notification; a status with
   * notify supersedes it; the mode reads "paused" */
  g_assert_cmpuint (mciSendString ("play s from 0 notify", buf, sizeof buf, rec.hwnd), ==, 0);
  MT_CMD ("pause s wait", 0);
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 0);
  g_assert_cmpuint (mciSendString ("status s mode notify", buf, sizeof buf, rec.hwnd), ==, 0);
  g_assert_cmpstr (buf, ==, "paused");
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 2);
  g_assert_cmpuint (g_array_index (rec.codes, UINT, 0), ==, MCI_NOTIFY_SUPERSEDED);
  g_assert_cmpuint (g_array_index (rec.codes, UINT, 1), ==, MCI_NOTIFY_SUCCESSFUL);
  g_array_set_size (rec.codes, 0);
  MT_CMD ("cue s output", MCIERR_NONAPPLICABLE_FUNCTION);
  g_assert_cmpuint (mciSendString ("resume s notify", buf, sizeof buf, rec.hwnd), ==, 0);
  notify_rec_drain (&rec);
  g_assert_cmpuint (notify_rec_count (&rec, MCI_NOTIFY_SUCCESSFUL), ==, 1);
  g_array_set_size (rec.codes, 0);

  /* a play closed under way: ABORTED, then nothing more */
  g_assert_cmpuint (mciSendString ("play s from 0 notify", buf, sizeof buf, rec.hwnd), ==, 0);
  MT_CMD ("pause s wait", 0);
  MT_CMD ("resume s wait", 0);
  MT_CMD ("close s wait", 0);
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 1);
  g_assert_cmpuint (g_array_index (rec.codes, UINT, 0), ==, MCI_NOTIFY_ABORTED);
  g_array_set_size (rec.codes, 0);

  /* open of a missing file: an error and no notification at all */
  g_assert_cmpuint (mciSendString ("open /nonexistent/missing.wav alias m notify", buf, sizeof buf,
                                   rec.hwnd), ==, MCIERR_FILE_NOT_FOUND);
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 0);

  /* a read failing while playing: FAILURE once, the device still closes */
  {
    GByteArray *pcm = mt_pattern (16000, 9);
    FOURCC fcc = mmioFOURCC ('F', 'A', 'I', 'L');
    char *name = g_strdup_printf ("%s/medium.fail+x.wav", tu_tmpdir ());
    char *cmd = g_strdup_printf ("open %s type waveaudio alias f", name);
    fail_file = mt_wave (1, 1, 8000, 16, pcm->data, pcm->len);
    fail_at = 12000;     /* past the header and the first buffer */
    g_assert_nonnull (mmioInstallIOProc (fcc, failing_proc, MMIO_INSTALLPROC));
    mt_sdl_disk ("fail.raw", NULL, "0");
    MT_CMD (cmd, 0);
    g_assert_cmpuint (mciSendString ("play f wait notify", buf, sizeof buf, rec.hwnd), ==, 0);
    notify_rec_drain (&rec);
    g_assert_cmpuint (rec.codes->len, ==, 1);
    g_assert_cmpuint (g_array_index (rec.codes, UINT, 0), ==, MCI_NOTIFY_FAILURE);
    MT_CMD ("status f mode", 0);
    MT_CMD ("close f", 0);
    mmioInstallIOProc (fcc, NULL, MMIO_REMOVEPROC);
    g_byte_array_free (fail_file, TRUE);
    g_byte_array_free (pcm, TRUE);
    g_free (name);
    g_free (cmd);
  }
  notify_rec_drain (&rec);
  g_assert_cmpuint (rec.codes->len, ==, 1);
  notify_rec_clear (&rec);
  g_free (open_cmd);
  g_free (path);
  g_byte_array_free (longpcm, TRUE);
}

/* Bytes of our data SDL has written so far: the output minus the silence
 * SDL wrote before playback started. */
static gsize
sdl_data_written (guint frame)
{
  char *path = mt_sdl_out_path ();
  GBytes *b = tu_read_file (path);
  gsize len, start = 0;
  const guint8 *d = g_bytes_get_data (b, &len);

  len -= len % frame;
  while (start + frame <= len)
    {
      gboolean zero = TRUE;
      for (guint k = 0; k < frame; k++)
        zero = zero && d[start + k] == 0;
      if (!zero)
        break;
      start += frame;
    }
  g_bytes_unref (b);
  g_free (path);
  return len - start;
}

static void
test_position_is_played (void)
{
  /* 3 s stereo 32-bit: SDL requests 8192 bytes, twice stdio's buffer, so
   * each request reaches the file whole when SDL writes it */
  GByteArray *pcm = mt_pattern (44100 * 8 * 3, 17);
  char *path = write_wave ("position.wav", 1, 2, 44100, 32, pcm);
  char *cmd = g_strdup_printf ("open %s alias pos", path);
  const gsize buffer = 1024 * 8;                       /* one SDL request */
  guint seen_moving = 0;

  mt_sdl_disk ("position.raw", NULL, NULL);           /* real-time pace */
  MT_CMD (cmd, 0);
  MT_CMD ("set pos time format bytes", 0);
  MT_CMD ("play pos", 0);
  for (guint i = 0; i < 40; i++)
    {
      gsize before = sdl_data_written (8), after;
      char *s = mt_query ("status pos position");
      gsize p = g_ascii_strtoull (s, NULL, 10);
      after = sdl_data_written (8);
      g_free (s);
      /* never ahead of what SDL took and wrote; never more than the one
       * request SDL is still holding behind it */
      g_assert_cmpuint (p, <=, after);
      g_assert_cmpuint (p + buffer, >=, before);
      if (p > 0)
        seen_moving++;
      g_usleep (5000);
    }
  g_assert_cmpuint (seen_moving, >, 0);
  MT_CMD ("stop pos", 0);
  MT_CMD ("close pos", 0);
  g_free (cmd);
  g_free (path);
  g_byte_array_free (pcm, TRUE);
}

static guint yield_calls;

static UINT
yield_proc (MCIDEVICEID id, DWORD data)
{
  g_assert_cmpuint (data, ==, 77);
  yield_calls++;
  return yield_calls >= 2;
}

static void
test_wait_yields (void)
{
  GByteArray *pcm = mt_pattern (80000, 13);           /* 5 s */
  char *path = write_wave ("yield.wav", 1, 1, 8000, 16, pcm);
  char *cmd = g_strdup_printf ("open %s alias y", path);
  MCIDEVICEID id;
  DWORD data = 0;
  char *s;

  mt_sdl_disk ("yield.raw", NULL, NULL);              /* real-time pace */
  MT_CMD (cmd, 0);
  id = mciGetDeviceID ("y");
  g_assert_true (mciSetYieldProc (id, yield_proc, 77));
  g_assert_true (mciGetYieldProc (id, &data) == yield_proc);
  g_assert_cmpuint (data, ==, 77);
  /* the yield procedure runs during the wait and its "break" ends the
   * wait, not the play */
  MT_CMD ("play y wait", 0);
  g_assert_cmpuint (yield_calls, ==, 2);
  s = mt_query ("status y mode");
  g_assert_cmpstr (s, ==, "playing");
  g_free (s);
  MT_CMD ("stop y", 0);
  MT_CMD ("close y", 0);
  g_free (cmd);
  g_free (path);
  g_byte_array_free (pcm, TRUE);
}

static void
test_no_element (void)
{
  MCI_OPEN_PARMS op = { 0 };
  MCI_GETDEVCAPS_PARMS caps = { 0 };
  MCI_PLAY_PARMS play = { 0 };
  MCI_STATUS_PARMS st = { 0 };
  MCI_INFO_PARMS info = { 0 };
  char buf[128];

  mt_sdl_disk ("bare.raw", NULL, "0");
  op.lpstrDeviceType = "waveaudio";
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE, (DWORD_PTR) &op), ==, 0);
  caps.dwItem = MCI_GETDEVCAPS_CAN_PLAY;
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_GETDEVCAPS, MCI_GETDEVCAPS_ITEM, (DWORD_PTR) &caps), ==, 0);
  g_assert_cmpuint (caps.dwReturn, ==, TRUE);
  caps.dwItem = MCI_GETDEVCAPS_DEVICE_TYPE;
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_GETDEVCAPS, MCI_GETDEVCAPS_ITEM, (DWORD_PTR) &caps), ==, 0);
  g_assert_cmpuint (caps.dwReturn, ==, MCI_DEVTYPE_WAVEFORM_AUDIO);
  caps.dwItem = MCI_WAVE_GETDEVCAPS_OUTPUTS;
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_GETDEVCAPS, MCI_GETDEVCAPS_ITEM, (DWORD_PTR) &caps), ==, 0);
  g_assert_cmpuint (caps.dwReturn, >=, 1);
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_GETDEVCAPS, 0, (DWORD_PTR) &caps), ==,
                    MCIERR_UNRECOGNIZED_COMMAND);
  info.lpstrReturn = buf;
  info.dwRetSize = sizeof buf;
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_INFO, MCI_INFO_PRODUCT, (DWORD_PTR) &info), ==, 0);
  g_assert_cmpuint (strlen (buf), >, 0);
  info.dwRetSize = 4;      /* truncated, with its NUL */
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_INFO, MCI_INFO_PRODUCT, (DWORD_PTR) &info), ==, 0);
  g_assert_cmpuint (strlen (buf), ==, 3);
  info.dwRetSize = 0;
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_INFO, MCI_INFO_PRODUCT, (DWORD_PTR) &info), ==,
                    MCIERR_PARAM_OVERFLOW);
  info.dwRetSize = sizeof buf;
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_INFO, MCI_INFO_FILE, (DWORD_PTR) &info), ==,
                    MCIERR_NONAPPLICABLE_FUNCTION);
  /* what needs an element fails */
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_PLAY, 0, (DWORD_PTR) &play), ==,
                    MCIERR_FILE_NOT_FOUND);
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_PLAY, 0, 0), ==,
                    MCIERR_NULL_PARAMETER_BLOCK);
  /* STATUS returns the plain value in a pointer-sized dwReturn */
  st.dwReturn = (DWORD_PTR) 0xFEEDABADFEEDABADull;
  st.dwItem = MCI_STATUS_MODE;
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_STATUS, MCI_STATUS_ITEM, (DWORD_PTR) &st), ==, 0);
  g_assert_cmpuint (st.dwReturn, ==, MCI_MODE_STOP);
  g_assert_cmpuint (mciSendCommand (op.wDeviceID, MCI_CLOSE, 0, 0), ==, 0);

  /* element IDs are not for waveaudio */
  op.lpstrElementName = (LPCSTR) (DWORD_PTR) 42;
  g_assert_cmpuint (mciSendCommand (0, MCI_OPEN, MCI_OPEN_TYPE | MCI_OPEN_ELEMENT_ID, (DWORD_PTR) &op), ==,
                    MCIERR_UNRECOGNIZED_COMMAND);
  g_assert_cmpuint (mciGetDeviceIDFromElementID (42, "waveaudio"), ==, 0);
  /* the string form */
  MT_CMD ("open waveaudio alias bare", 0);
  {
    char *s = mt_query ("capability bare can record");
    g_assert_cmpstr (s, ==, "true");
    g_free (s);
  }
  MT_CMD ("play bare", MCIERR_FILE_NOT_FOUND);
  MT_CMD ("close bare", 0);
}

static GBytes *
read_wave_data (const char *path, guint16 *bits, guint32 *rate)
{
  HMMIO h = mmioOpen ((LPSTR) path, NULL, MMIO_READ);
  MMCKINFO riff = { 0 }, ck = { 0 };
  guint8 fmt[16];
  char *data;

  g_assert_nonnull (h);
  riff.fccType = mmioFOURCC ('W', 'A', 'V', 'E');
  g_assert_cmpuint (mmioDescend (h, &riff, NULL, MMIO_FINDRIFF), ==, 0);
  ck.ckid = mmioFOURCC ('f', 'm', 't', ' ');
  g_assert_cmpuint (mmioDescend (h, &ck, &riff, MMIO_FINDCHUNK), ==, 0);
  g_assert_cmpint (mmioRead (h, (char *) fmt, 16), ==, 16);
  *rate = fmt[4] | (fmt[5] << 8) | (fmt[6] << 16) | ((guint32) fmt[7] << 24);
  *bits = fmt[14] | (fmt[15] << 8);
  g_assert_cmpuint (mmioAscend (h, &ck, 0), ==, 0);
  ck.ckid = mmioFOURCC ('d', 'a', 't', 'a');
  g_assert_cmpuint (mmioDescend (h, &ck, &riff, MMIO_FINDCHUNK), ==, 0);
  data = g_malloc (ck.cksize + 1);
  g_assert_cmpint (mmioRead (h, data, ck.cksize), ==, ck.cksize);
  mmioClose (h, 0);
  return g_bytes_new_take (data, ck.cksize);
}

static void
test_record_and_save (void)
{
  GByteArray *input = mt_pattern (64000, 21);    /* what the "microphone" says */
  char *in_path = tu_path ("capture-in.raw");
  char *save1 = tu_path ("recorded.wav"), *save2 = tu_path ("recorded-copy.wav");
  char *cmd;
  GBytes *saved;
  gsize len;
  const guint8 *d;
  guint16 bits = 0;
  guint32 rate = 0;
  char *s;

  tu_write_file (in_path, input->data, input->len);
  mt_sdl_disk ("record-out.raw", in_path, "0");
  MT_CMD ("open new type waveaudio alias rec", 0);
  MT_CMD ("set rec bitspersample 16 samplespersec 16000 channels 1", 0);
  MT_CMD ("record rec to 500 wait", 0);
  s = mt_query ("status rec position");
  g_assert_cmpstr (s, ==, "500");
  g_free (s);
  MT_CMD ("set rec time format bytes", 0);
  s = mt_query ("status rec length");
  g_assert_cmpstr (s, ==, "16000");
  g_free (s);
  MT_CMD ("set rec time format samples", 0);
  s = mt_query ("status rec position");
  g_assert_cmpstr (s, ==, "8000");
  g_free (s);
  MT_CMD ("set rec time format ms", 0);
  MT_CMD ("set rec channels 2", MCIERR_NONAPPLICABLE_FUNCTION);   /* frozen */
  cmd = g_strdup_printf ("save rec %s", save1);
  MT_CMD (cmd, 0);
  g_free (cmd);
  cmd = g_strdup_printf ("save rec \"%s\"", save2);
  MT_CMD (cmd, 0);
  g_free (cmd);
  g_assert_true (g_file_test (save1, G_FILE_TEST_EXISTS));
  MT_CMD ("save rec", MCIERR_FILENAME_REQUIRED);
  MT_CMD ("save rec /nonexistent-dir/x.wav", MCIERR_FILE_NOT_SAVED);

  saved = read_wave_data (save2, &bits, &rate);
  g_assert_cmpuint (bits, ==, 16);
  g_assert_cmpuint (rate, ==, 16000);
  d = g_bytes_get_data (saved, &len);
  g_assert_cmpuint (len, ==, 16000);
  /* SDL captured the input file from its start, in order */
  g_assert_true (memcmp (d, input->data, len) == 0);
  g_bytes_unref (saved);

  /* delete from 300 ms to the end, save over the first file */
  MT_CMD ("seek rec to 300", 0);
  MT_CMD ("delete rec", 0);
  s = mt_query ("status rec length");
  g_assert_cmpstr (s, ==, "300");
  g_free (s);
  cmd = g_strdup_printf ("save rec %s", save1);
  MT_CMD (cmd, 0);
  g_free (cmd);
  saved = read_wave_data (save1, &bits, &rate);
  d = g_bytes_get_data (saved, &len);
  g_assert_cmpuint (len, ==, 9600);
  g_assert_true (memcmp (d, input->data, len) == 0);
  g_bytes_unref (saved);
  /* record over 100..200 ms (overwrite keeps the length), then insert
   * 100 ms at the start (the length grows) */
  MT_CMD ("seek rec to 100", 0);
  MT_CMD ("record rec to 200 overwrite wait", 0);
  s = mt_query ("status rec length");
  g_assert_cmpstr (s, ==, "300");
  g_free (s);
  MT_CMD ("seek rec to start", 0);
  MT_CMD ("record rec to 100 insert wait", 0);
  s = mt_query ("status rec length");
  g_assert_cmpstr (s, ==, "400");
  g_free (s);
  s = mt_query ("status rec level");
  g_assert_cmpuint (g_ascii_strtoull (s, NULL, 10), >, 0);
  g_free (s);
  cmd = g_strdup_printf ("save rec %s", save2);
  MT_CMD (cmd, 0);
  g_free (cmd);
  saved = read_wave_data (save2, &bits, &rate);
  d = g_bytes_get_data (saved, &len);
  g_assert_cmpuint (len, ==, 12800);
  /* [0,100) inserted capture | [100,200) original start | [200,300)
   * overwritten | [300,400) original 200..300 ms */
  g_assert_true (memcmp (d + 3200, input->data, 3200) == 0);
  g_assert_true (memcmp (d + 9600, input->data + 6400, 3200) == 0);
  g_bytes_unref (saved);
  MT_CMD ("close rec", 0);

  /* the saved file plays like any other */
  cmd = g_strdup_printf ("open %s alias again", save1);
  MT_CMD (cmd, 0);
  g_free (cmd);
  s = mt_query ("status again length");
  g_assert_cmpstr (s, ==, "300");
  g_free (s);
  MT_CMD ("close again", 0);

  g_free (in_path);
  g_free (save1);
  g_free (save2);
  g_byte_array_free (input, TRUE);
}

static void
test_bad_elements (void)
{
  char *garbage = tu_path ("garbage.wav"), *nodata = tu_path ("nodata.wav");
  char *odd = tu_path ("odd.wav"), *cmd;
  GByteArray *w = g_byte_array_new ();
  GByteArray *pcm = mt_pattern (100, 2);
  GByteArray *codec;

  tu_write_file (garbage, "this is not a wave file at all", 30);
  tu_fourcc (w, "RIFF");
  tu_le32 (w, 4 + 8 + 16);
  tu_fourcc (w, "WAVE");
  tu_fourcc (w, "fmt ");
  tu_le32 (w, 16);
  tu_bytes (w, "\x01\x00\x01\x00\x40\x1f\x00\x00\x80\x3e\x00\x00\x02\x00\x10\x00", 16);
  tu_write_file (nodata, w->data, w->len);
  codec = mt_wave (0x1234, 1, 8000, 4, pcm->data, pcm->len);
  tu_write_file (odd, codec->data, codec->len);

  cmd = g_strdup_printf ("open %s alias g", garbage);
  MT_CMD (cmd, MCIERR_INVALID_FILE);
  g_free (cmd);
  cmd = g_strdup_printf ("open %s alias g", nodata);
  MT_CMD (cmd, MCIERR_INVALID_FILE);
  g_free (cmd);
  cmd = g_strdup_printf ("open %s alias g", odd);
  MT_CMD (cmd, MCIERR_WAVE_OUTPUTSUNSUITABLE);
  g_free (cmd);
  {
    char buf[16];
    g_assert_cmpuint (mciSendString ("sysinfo waveaudio quantity open", buf, sizeof buf, NULL), ==, 0);
    g_assert_cmpstr (buf, ==, "0");
  }
  g_byte_array_free (w, TRUE);
  g_byte_array_free (pcm, TRUE);
  g_byte_array_free (codec, TRUE);
  g_free (garbage);
  g_free (nodata);
  g_free (odd);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/waveaudio/play-pcm16", test_play_pcm16);
  g_test_add_func ("/waveaudio/play-mulaw", test_play_mulaw);
  g_test_add_func ("/waveaudio/play-compound-element", test_play_compound_element);
  g_test_add_func ("/waveaudio/play-archive-element", test_play_archive_element);
  g_test_add_func ("/waveaudio/notify-codes", test_notify_codes);
  g_test_add_func ("/waveaudio/position-is-played", test_position_is_played);
  g_test_add_func ("/waveaudio/wait-yields", test_wait_yields);
  g_test_add_func ("/waveaudio/no-element", test_no_element);
  g_test_add_func ("/waveaudio/record-and-save", test_record_and_save);
  g_test_add_func ("/waveaudio/bad-elements", test_bad_elements);
  return g_test_run ();
}
