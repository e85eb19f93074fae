/* test-wave.c — the 'WAVE' IOProc: its MMFORMATINFO, identification of
 * every encoding libsndfile writes and of real files, translated headers
 * and PCM compared with libsndfile's own reading, untranslated access,
 * RF64/BW64 sizes from ds64, and the chunk describer. */
#include "test-util.h"
#include "cf-test-util.h"

#include <mmio/mmio-ioproc.h>
#include <sndfile.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#define FCC_WAVE mmioFOURCC ('W', 'A', 'V', 'E')

typedef struct
{
  const char *name;
  int format;
  int channels;
  int rate;
} Encoding;

static const Encoding encodings[] = {
  { "pcm-u8", SF_FORMAT_WAV | SF_FORMAT_PCM_U8, 2, 22050 },
  { "pcm-16", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 2, 44100 },
  { "pcm-24", SF_FORMAT_WAV | SF_FORMAT_PCM_24, 2, 48000 },
  { "pcm-32", SF_FORMAT_WAV | SF_FORMAT_PCM_32, 1, 96000 },
  { "float", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 2, 44100 },
  { "double", SF_FORMAT_WAV | SF_FORMAT_DOUBLE, 1, 32000 },
  { "extensible-16", SF_FORMAT_WAVEX | SF_FORMAT_PCM_16, 6, 48000 },
  { "extensible-float", SF_FORMAT_WAVEX | SF_FORMAT_FLOAT, 2, 48000 },
  { "ulaw", SF_FORMAT_WAV | SF_FORMAT_ULAW, 1, 8000 },
  { "alaw", SF_FORMAT_WAV | SF_FORMAT_ALAW, 2, 8000 },
  { "ima-adpcm", SF_FORMAT_WAV | SF_FORMAT_IMA_ADPCM, 2, 22050 },
  { "ms-adpcm", SF_FORMAT_WAV | SF_FORMAT_MS_ADPCM, 1, 11025 },
  { "gsm610", SF_FORMAT_WAV | SF_FORMAT_GSM610, 1, 8000 },
  { "rf64", SF_FORMAT_RF64 | SF_FORMAT_PCM_16, 2, 44100 },
};

#define FRAMES 5000

/* A signal with some of everything: two tones and a ramp. */
static char *
make_wav (const Encoding *e)
{
  char *name = g_strdup_printf ("%s.wav", e->name);
  char *path = tu_path (name);
  SF_INFO si = { 0 };
  SNDFILE *sf;
  double *buf = g_new (double, (gsize) FRAMES * e->channels);

  for (int f = 0; f < FRAMES; f++)
    for (int c = 0; c < e->channels; c++)
      buf[f * e->channels + c] =
        0.5 * sin (f * 0.031 * (c + 1)) + 0.3 * sin (f * 0.0071)
        + 0.1 * ((f % 97) / 97.0 - 0.5);
  si.samplerate = e->rate;
  si.channels = e->channels;
  si.format = e->format;
  sf = sf_open (path, SFM_WRITE, &si);
  g_assert_nonnull (sf);
  g_assert_cmpint (sf_writef_double (sf, buf, FRAMES), ==, FRAMES);
  sf_close (sf);
  g_free (buf);
  g_free (name);
  return path;
}

/* What the IOProc should deliver: libsndfile's own reading. */
static GBytes *
reference_pcm (const char *path, guint *bits, guint *tag, SF_INFO *out_si)
{
  SF_INFO si = { 0 };
  SNDFILE *sf = sf_open (path, SFM_READ, &si);
  gsize n;
  gpointer buf;

  g_assert_nonnull (sf);
  switch (si.format & SF_FORMAT_SUBMASK)
    {
    case SF_FORMAT_PCM_24:
    case SF_FORMAT_PCM_32:
      *bits = 32; *tag = 1;
      n = (gsize) si.frames * si.channels * 4;
      buf = g_malloc (n);
      g_assert_cmpint (sf_readf_int (sf, buf, si.frames), ==, si.frames);
      break;
    case SF_FORMAT_FLOAT:
    case SF_FORMAT_DOUBLE:
      *bits = 32; *tag = 3;
      n = (gsize) si.frames * si.channels * 4;
      buf = g_malloc (n);
      g_assert_cmpint (sf_readf_float (sf, buf, si.frames), ==, si.frames);
      break;
    default:
      *bits = 16; *tag = 1;
      n = (gsize) si.frames * si.channels * 2;
      buf = g_malloc (n);
      g_assert_cmpint (sf_readf_short (sf, buf, si.frames), ==, si.frames);
      break;
    }
  sf_close (sf);
  *out_si = si;
  return g_bytes_new_take (buf, n);
}

static HMMIO
open_translated (const char *path, DWORD extra_flags)
{
  MMIOINFO mi = { 0 };
  HMMIO h;

  mi.ulTranslate = MMIO_TRANSLATEDATA | MMIO_TRANSLATEHEADER;
  h = mmioOpen ((LPSTR) path, &mi, MMIO_READ | extra_flags);
  g_assert_nonnull (h);
  return h;
}

static void
check_translation (const char *path, DWORD extra_flags)
{
  guint bits, tag;
  SF_INFO si;
  GBytes *ref = reference_pcm (path, &bits, &tag, &si);
  gsize ref_len;
  const guint8 *want = g_bytes_get_data (ref, &ref_len);
  HMMIO h = open_translated (path, extra_flags);
  MMAUDIOHEADER ah;
  MMIOINFO info;
  LONG n = -1, got = 0, r;
  guint8 *pcm = g_malloc (ref_len + 64);
  guint fb = si.channels * bits / 8;

  mmioGetInfo (h, &info, 0);
  g_assert_cmpuint (info.fccIOProc, ==, FCC_WAVE);
  g_assert_cmpuint (info.fccChildIOProc, ==, FOURCC_DOS);

  g_assert_cmpuint (mmioQueryHeaderLength (h, &n, 0, 0), ==, 0);
  g_assert_cmpint (n, ==, sizeof (MMAUDIOHEADER));
  g_assert_cmpuint (mmioGetHeader (h, &ah, sizeof ah, &n, 0, 0), ==, 0);
  g_assert_cmpint (n, ==, sizeof ah);
  g_assert_cmpuint (ah.ulHeaderLength, ==, sizeof ah);
  g_assert_cmpuint (ah.ulMediaType, ==, MMIO_MEDIATYPE_AUDIO);
  g_assert_cmpuint (ah.mmXWAVHeader.WAVEHeader.usFormatTag, ==, tag);
  g_assert_cmpuint (ah.mmXWAVHeader.WAVEHeader.usChannels, ==, si.channels);
  g_assert_cmpuint (ah.mmXWAVHeader.WAVEHeader.ulSamplesPerSec, ==, si.samplerate);
  g_assert_cmpuint (ah.mmXWAVHeader.WAVEHeader.usBitsPerSample, ==, bits);
  g_assert_cmpuint (ah.mmXWAVHeader.WAVEHeader.usBlockAlign, ==, fb);
  g_assert_cmpuint (ah.mmXWAVHeader.WAVEHeader.ulAvgBytesPerSec, ==, fb * si.samplerate);
  g_assert_cmpuint (ah.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInBytes, ==, ref_len);
  g_assert_cmpuint (ah.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInMS, ==,
                    (guint64) si.frames * 1000 / si.samplerate);

  /* Read in odd pieces: frames get split across calls. */
  for (LONG piece = 1; got < (LONG) ref_len + 10; piece = piece * 3 + 1)
    {
      r = mmioRead (h, (HPSTR) pcm + got, MIN (piece, (LONG) ref_len + 64 - got));
      g_assert_cmpint (r, >=, 0);
      if (r == 0)
        break;
      got += r;
    }
  g_assert_cmpint (got, ==, ref_len);
  g_assert_cmpmem (pcm, got, want, ref_len);
  g_assert_cmpint (mmioRead (h, (HPSTR) pcm, 16), ==, 0);
  mmioGetInfo (h, &info, 0);
  g_assert_cmpint (info.lLogicalFilePos, ==, ref_len);

  /* Seeks count in delivered bytes, also into the middle of a frame. */
  {
    LONG at = fb * 1234 + 1;
    g_assert_cmpint (mmioSeek (h, at, SEEK_SET), ==, at);
    g_assert_cmpint (mmioRead (h, (HPSTR) pcm, 100), ==, 100);
    g_assert_cmpmem (pcm, 100, want + at, 100);
    g_assert_cmpint (mmioSeek (h, -50, SEEK_CUR), ==, at + 50);
    g_assert_cmpint (mmioRead (h, (HPSTR) pcm, 10), ==, 10);
    g_assert_cmpmem (pcm, 10, want + at + 50, 10);
    g_assert_cmpint (mmioSeek (h, fb * 10, SEEK_END), ==, (LONG) ref_len - fb * 10);
    g_assert_cmpint (mmioRead (h, (HPSTR) pcm, fb * 20), ==, fb * 10);
    g_assert_cmpmem (pcm, fb * 10, want + ref_len - fb * 10, fb * 10);
    g_assert_cmpint (mmioSeek (h, 0, SEEK_SET), ==, 0);
    g_assert_cmpint (mmioRead (h, (HPSTR) pcm, 64), ==, 64);
    g_assert_cmpmem (pcm, 64, want, 64);
  }
  /* Seeking by time: t ms is frame t × rate / 1000, rounded down. */
  {
    LONG end_ms = (LONG) ((guint64) si.frames * 1000 / si.samplerate);
    LONG t = end_ms / 2 + 1;
    LONG at = (LONG) ((guint64) t * si.samplerate / 1000) * fb;
    g_assert_cmpint (mmioSendMessage (h, MMIOM_SEEKBYTIME, t, SEEK_SET), ==, t);
    g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, at);
    g_assert_cmpint (mmioRead (h, (HPSTR) pcm, 8), ==, 8);
    g_assert_cmpmem (pcm, 8, want + at, 8);
    g_assert_cmpint (mmioSendMessage (h, MMIOM_SEEKBYTIME, end_ms + 1, SEEK_SET), ==, -1);
    g_assert_cmpint (mmioSendMessage (h, MMIOM_SEEKBYTIME, -100000, SEEK_CUR), ==, -1);
    g_assert_cmpint (mmioSendMessage (h, MMIOM_SEEKBYTIME, 0, SEEK_END), ==,
                     (LONG) ((guint64) si.frames * 1000 / si.samplerate));
  }
  /* No writing of translated data. */
  g_assert_cmpint (mmioWrite (h, (HPCSTR) pcm, 4), ==, -1);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_free (pcm);
  g_bytes_unref (ref);
}

static void
test_format_record (void)
{
  MMFORMATINFO crit = { 0 }, fi;
  LONG read = 0;
  char name[64] = { 0 };

  crit.fccIOProc = FCC_WAVE;
  g_assert_cmpuint (mmioGetFormats (&crit, 1, &fi, &read, 0, 0), ==, 0);
  g_assert_cmpint (read, ==, 1);
  g_assert_cmpuint (fi.ulStructLen, ==, sizeof (MMFORMATINFO));
  g_assert_cmpuint (fi.fccIOProc, ==, FCC_WAVE);
  g_assert_cmpuint (fi.ulIOProcType, ==, MMIO_IOPROC_FILEFORMAT);
  g_assert_cmpuint (fi.ulMediaType, ==, MMIO_MEDIATYPE_AUDIO);
  g_assert_cmpuint (fi.ulFlags, ==, MMIO_CANREADTRANSLATED | MMIO_CANWRITETRANSLATED
                    | MMIO_CANSEEKTRANSLATED
                    | MMIO_CANREADUNTRANSLATED | MMIO_CANWRITEUNTRANSLATED
                    | MMIO_CANREADWRITEUNTRANSLATED | MMIO_CANSEEKUNTRANSLATED);
  g_assert_cmpstr (fi.szDefaultFormatExt, ==, "WAV");
  g_assert_cmpuint (fi.ulCodePage, ==, 1208);
  g_assert_cmpuint (fi.ulLanguage, ==, 0);
  g_assert_cmpint (fi.lNameLength, ==, strlen ("WAVE audio"));
  g_assert_cmpuint (mmioGetFormatName (&fi, name, &read, 0, 0), ==, 0);
  g_assert_cmpint (read, ==, fi.lNameLength);
  g_assert_cmpstr (name, ==, "WAVE audio");

  /* Found by its media type and by translation capabilities. */
  memset (&crit, 0, sizeof crit);
  crit.ulMediaType = MMIO_MEDIATYPE_AUDIO;
  crit.ulFlags = MMIO_CANREADTRANSLATED;
  {
    LONG n = 0;
    MMFORMATINFO *list;
    gboolean seen = FALSE;
    g_assert_cmpuint (mmioQueryFormatCount (&crit, &n, 0, 0), ==, 0);
    g_assert_cmpint (n, >=, 1);
    list = g_new0 (MMFORMATINFO, n);
    g_assert_cmpuint (mmioGetFormats (&crit, n, list, &read, 0, 0), ==, 0);
    for (LONG i = 0; i < read; i++)
      seen |= list[i].fccIOProc == FCC_WAVE;
    g_assert_true (seen);
    g_free (list);
  }
}

static void
test_encoding (gconstpointer data)
{
  const Encoding *e = data;
  char *path = make_wav (e);
  MMFORMATINFO fi;
  FOURCC ss = 0;

  g_assert_cmpuint (mmioIdentifyFile (path, NULL, &fi, &ss, 0, 0), ==, 0);
  g_assert_cmpuint (fi.fccIOProc, ==, FCC_WAVE);
  g_assert_cmpuint (fi.ulMediaType, ==, MMIO_MEDIATYPE_AUDIO);
  g_assert_cmpuint (ss, ==, FOURCC_DOS);
  check_translation (path, 0);
  check_translation (path, MMIO_ALLOCBUF);
  g_free (path);
}

static void
test_alsa_files (void)
{
  const char *dir = "/usr/share/sounds/alsa";
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *n;
  int count = 0;

  if (d == NULL)
    {
      g_test_skip ("alsa-utils' sounds are not installed");
      return;
    }
  while ((n = g_dir_read_name (d)) != NULL)
    {
      char *path;
      MMFORMATINFO fi;
      FOURCC ss;
      if (!g_str_has_suffix (n, ".wav"))
        continue;
      path = g_build_filename (dir, n, NULL);
      g_assert_cmpuint (mmioIdentifyFile (path, NULL, &fi, &ss, 0, 0), ==, 0);
      g_assert_cmpuint (fi.fccIOProc, ==, FCC_WAVE);
      if (count < 2)
        check_translation (path, 0);
      count++;
      g_free (path);
    }
  g_dir_close (d);
  if (count == 0)
    g_test_skip ("no WAV files in /usr/share/sounds/alsa");
}

static void
test_unrecognised (void)
{
  char *path = tu_path ("noise.bin");
  guint8 junk[256];
  MMFORMATINFO fi;
  FOURCC ss;
  MMIOINFO mi = { 0 };
  HMMIO h;

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) (i * 37 + 11);
  tu_write_file (path, junk, sizeof junk);
  g_assert_cmpuint (mmioIdentifyFile (path, NULL, &fi, &ss, 0, 0), ==, 0);
  g_assert_cmpuint (fi.fccIOProc, ==, FOURCC_DOS);
  g_assert_cmpuint (fi.ulIOProcType, ==, MMIO_IOPROC_STORAGESYSTEM);
  /* Asking for translation of it opens plain bytes. */
  mi.ulTranslate = MMIO_TRANSLATEDATA;
  h = mmioOpen (path, &mi, MMIO_READ);
  g_assert_nonnull (h);
  mmioGetInfo (h, &mi, 0);
  g_assert_cmpuint (mi.fccIOProc, ==, FOURCC_DOS);
  mmioClose (h, 0);
  /* Named explicitly, the WAVE IOProc refuses it. */
  memset (&mi, 0, sizeof mi);
  mi.fccIOProc = FCC_WAVE;
  g_assert_null (mmioOpen (path, &mi, MMIO_READ));
  g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_INVALIDFILE);
  g_free (path);
}

/* The IOProc reads the start of the handle it is given and leaves the
 * position where it found it. */
static void
test_identify_position (void)
{
  char *path = make_wav (&encodings[1]);
  MMIOINFO mi = { 0 };
  HMMIO dos = mmioOpen (path, NULL, MMIO_READ | MMIO_ALLOCBUF), wav;
  char c, want[64];

  g_assert_nonnull (dos);
  mi.fccIOProc = FCC_WAVE;
  wav = mmioOpen (path, &mi, MMIO_READ);
  g_assert_nonnull (wav);
  g_assert_cmpint (mmioRead (dos, want, sizeof want), ==, sizeof want);
  g_assert_cmpint (mmioSeek (dos, 37, SEEK_SET), ==, 37);
  g_assert_cmpint (mmioSendMessage (wav, MMIOM_IDENTIFYFILE, 0, (LPARAM) dos), ==,
                   MMIO_SUCCESS);
  g_assert_cmpint (mmioSeek (dos, 0, SEEK_CUR), ==, 37);
  g_assert_cmpint (mmioRead (dos, &c, 1), ==, 1);
  g_assert_cmpint (c, ==, want[37]);
  mmioClose (wav, 0);
  mmioClose (dos, 0);
  g_free (path);
}

static void
test_untranslated (void)
{
  char *path = make_wav (&encodings[1]);
  GBytes *raw = tu_read_file (path);
  gsize raw_len;
  const guint8 *rp = g_bytes_get_data (raw, &raw_len);
  MMIOINFO mi = { 0 };
  HMMIO h;
  guint8 buf[64], fmt[64];
  LONG n = 0;

  mi.fccIOProc = FCC_WAVE;
  h = mmioOpen (path, &mi, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, (HPSTR) buf, 12), ==, 12);
  g_assert_cmpmem (buf, 12, rp, 12);
  g_assert_cmpint (mmioSeek (h, 20, SEEK_SET), ==, 20);
  /* The native header: the 'fmt ' chunk (16 bytes of PCM at offset 20). */
  g_assert_cmpuint (mmioQueryHeaderLength (h, &n, 0, 0), ==, 0);
  g_assert_cmpint (n, ==, 16);
  g_assert_cmpuint (mmioGetHeader (h, fmt, sizeof fmt, &n, 0, 0), ==, 0);
  g_assert_cmpint (n, ==, 16);
  g_assert_cmpmem (fmt, 16, rp + 20, 16);
  g_assert_cmpint (mmioRead (h, (HPSTR) buf, 16), ==, 16);
  g_assert_cmpmem (buf, 16, rp + 20, 16);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, raw_len);
  g_assert_cmpint (mmioRead (h, (HPSTR) buf, 16), ==, 0);
  g_assert_cmpuint (mmioSetHeader (h, fmt, 16, &n, 0, 0), ==, MMSYSERR_NOTSUPPORTED);
  /* Unknown messages go down to the storage child. */
  g_assert_cmpint (mmioSendMessage (h, MMIOM_USER + 1, 0, 0), ==,
                   MMIOERR_UNSUPPORTED_MESSAGE);
  mmioClose (h, 0);

  /* Header translation alone: the data stays the file's bytes. */
  memset (&mi, 0, sizeof mi);
  mi.ulTranslate = MMIO_TRANSLATEHEADER;
  h = mmioOpen (path, &mi, MMIO_READ);
  g_assert_nonnull (h);
  mmioGetInfo (h, &mi, 0);
  g_assert_cmpuint (mi.fccIOProc, ==, FCC_WAVE);
  {
    MMAUDIOHEADER ah;
    g_assert_cmpuint (mmioQueryHeaderLength (h, &n, 0, 0), ==, 0);
    g_assert_cmpint (n, ==, sizeof ah);
    g_assert_cmpuint (mmioGetHeader (h, &ah, sizeof ah, &n, 0, 0), ==, 0);
    g_assert_cmpuint (ah.mmXWAVHeader.WAVEHeader.usChannels, ==, 2);
    g_assert_cmpuint (ah.mmXWAVHeader.WAVEHeader.ulSamplesPerSec, ==, 44100);
    g_assert_cmpuint (ah.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInBytes, ==,
                      FRAMES * 4);
    /* A short buffer gets the start of the header. */
    g_assert_cmpuint (mmioGetHeader (h, &ah, 8, &n, 0, 0), ==, 0);
    g_assert_cmpint (n, ==, 8);
  }
  g_assert_cmpint (mmioRead (h, (HPSTR) buf, 12), ==, 12);
  g_assert_cmpmem (buf, 12, rp, 12);
  mmioClose (h, 0);
  g_bytes_unref (raw);
  g_free (path);
}

/* Untranslated writing goes through to the file (the capability bits
 * promise it). */
static void
test_untranslated_write (void)
{
  char *path = make_wav (&encodings[1]);
  GBytes *before = tu_read_file (path), *after;
  gsize len, len2;
  const guint8 *b = g_bytes_get_data (before, &len), *a;
  MMIOINFO mi = { 0 };
  HMMIO h;

  mi.fccIOProc = FCC_WAVE;
  h = mmioOpen (path, &mi, MMIO_READWRITE);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioSeek (h, 100, SEEK_SET), ==, 100);
  g_assert_cmpint (mmioWrite (h, "ABCD", 4), ==, 4);
  mmioGetInfo (h, &mi, 0);
  g_assert_cmpint (mi.lDiskOffset, ==, 104);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  after = tu_read_file (path);
  a = g_bytes_get_data (after, &len2);
  g_assert_cmpuint (len2, ==, len);
  g_assert_cmpmem (a, 100, b, 100);
  g_assert_cmpmem (a + 100, 4, "ABCD", 4);
  g_assert_cmpmem (a + 104, len - 104, b + 104, len - 104);
  g_bytes_unref (before);
  g_bytes_unref (after);
  g_free (path);
}

/* No name: the storage child gets the caller's descriptor, which stays
 * the caller's (closed with MMIO_FHOPEN, kept when the open fails). */
static void
test_inherited_descriptor (void)
{
  char *path = make_wav (&encodings[8]);            /* µ-law */
  char *junk = tu_path ("junk.bin");
  MMIOINFO mi = { 0 };
  MMAUDIOHEADER ah;
  HMMIO h;
  LONG n;
  char buf[256];
  int fd = open (path, O_RDONLY);

  g_assert_cmpint (fd, >=, 0);
  mi.fccIOProc = FCC_WAVE;
  mi.ulTranslate = MMIO_TRANSLATEDATA | MMIO_TRANSLATEHEADER;
  mi.adwInfo[0] = (DWORD) fd;
  h = mmioOpen (NULL, &mi, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpuint (mmioGetHeader (h, &ah, sizeof ah, &n, 0, 0), ==, 0);
  g_assert_cmpuint (ah.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInBytes, ==, FRAMES * 2);
  g_assert_cmpint (mmioRead (h, buf, sizeof buf), ==, sizeof buf);
  g_assert_cmpuint (mmioClose (h, MMIO_FHOPEN), ==, 0);
  g_assert_cmpint (fcntl (fd, F_GETFD), !=, -1);
  close (fd);

  tu_write_file (junk, "not a wave file at all", 22);
  fd = open (junk, O_RDONLY);
  g_assert_cmpint (fd, >=, 0);
  memset (&mi, 0, sizeof mi);
  mi.fccIOProc = FCC_WAVE;
  mi.adwInfo[0] = (DWORD) fd;
  g_assert_null (mmioOpen (NULL, &mi, MMIO_READ));
  g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_INVALIDFILE);
  g_assert_cmpint (fcntl (fd, F_GETFD), !=, -1);
  close (fd);
  g_free (junk);
  g_free (path);
}

/* Writing translated: MMAUDIOHEADER, then samples in odd pieces; the
 * result is a WAVE file libsndfile reads back sample for sample. */
static void
check_translated_write (guint tag, guint bits, guint channels, int sf_sub)
{
  char *name = g_strdup_printf ("written-%u-%u.wav", tag, bits);
  char *path = tu_path (name);
  guint fb = channels * bits / 8, frames = 3000;
  gsize len = (gsize) frames * fb;
  guint8 *data = g_malloc (len), *back = g_malloc (len);
  MMAUDIOHEADER ah = { 0 }, got;
  MMIOINFO mi = { 0 };
  SF_INFO si = { 0 };
  SNDFILE *sf;
  HMMIO h;
  LONG n, off = 0;

  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) (i * 7 + (i >> 8));
  if (tag == 3)
    for (gsize i = 0; i < len / 4; i++)
      {
        float f = (float) ((int) (i % 2000) - 1000) / 1024.0f;
        memcpy (data + 4 * i, &f, 4);
      }
  ah.ulHeaderLength = sizeof ah;
  ah.ulMediaType = MMIO_MEDIATYPE_AUDIO;
  ah.mmXWAVHeader.WAVEHeader.usFormatTag = (USHORT) tag;
  ah.mmXWAVHeader.WAVEHeader.usChannels = (USHORT) channels;
  ah.mmXWAVHeader.WAVEHeader.ulSamplesPerSec = 22050;
  ah.mmXWAVHeader.WAVEHeader.ulAvgBytesPerSec = 22050 * fb;
  ah.mmXWAVHeader.WAVEHeader.usBlockAlign = (USHORT) fb;
  ah.mmXWAVHeader.WAVEHeader.usBitsPerSample = (USHORT) bits;

  mi.fccIOProc = FCC_WAVE;
  mi.ulTranslate = MMIO_TRANSLATEDATA | MMIO_TRANSLATEHEADER;
  h = mmioOpen (path, &mi, MMIO_CREATE | MMIO_WRITE);
  g_assert_nonnull (h);
  /* Samples before the header are refused. */
  g_assert_cmpint (mmioWrite (h, (HPCSTR) data, 4), ==, -1);
  g_assert_cmpuint (mmioSetHeader (h, &ah, sizeof ah, &n, 0, 0), ==, 0);
  g_assert_cmpint (n, ==, sizeof ah);
  for (LONG piece = 1; off < (LONG) len; piece = piece * 3 + 2)
    {
      LONG c = MIN (piece, (LONG) len - off);
      g_assert_cmpint (mmioWrite (h, (HPCSTR) data + off, c), ==, c);
      off += c;
    }
  g_assert_cmpuint (mmioGetHeader (h, &got, sizeof got, &n, 0, 0), ==, 0);
  g_assert_cmpuint (got.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInBytes, ==, len);
  g_assert_cmpuint (got.mmXWAVHeader.WAVEHeader.usBitsPerSample, ==, bits);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  sf = sf_open (path, SFM_READ, &si);
  g_assert_nonnull (sf);
  g_assert_cmpint (si.frames, ==, frames);
  g_assert_cmpint (si.channels, ==, channels);
  g_assert_cmpint (si.samplerate, ==, 22050);
  g_assert_cmpint (si.format, ==, SF_FORMAT_WAV | sf_sub);
  g_assert_cmpint (sf_read_raw (sf, back, (sf_count_t) len), ==, (sf_count_t) len);
  g_assert_cmpmem (back, len, data, len);
  sf_close (sf);

  /* An encoding it cannot write. */
  memset (&mi, 0, sizeof mi);
  mi.fccIOProc = FCC_WAVE;
  mi.ulTranslate = MMIO_TRANSLATEDATA | MMIO_TRANSLATEHEADER;
  h = mmioOpen (path, &mi, MMIO_CREATE | MMIO_WRITE);
  g_assert_nonnull (h);
  ah.mmXWAVHeader.WAVEHeader.usFormatTag = 0x11;
  g_assert_cmpuint (mmioSetHeader (h, &ah, sizeof ah, &n, 0, 0), ==,
                    MMIOERR_CODEC_NOT_SUPPORTED);
  mmioClose (h, 0);

  g_free (data);
  g_free (back);
  g_free (path);
  g_free (name);
}

static void
test_translated_write (void)
{
  check_translated_write (1, 16, 2, SF_FORMAT_PCM_16);
  check_translated_write (1, 8, 1, SF_FORMAT_PCM_U8);
  check_translated_write (1, 24, 2, SF_FORMAT_PCM_24);
  check_translated_write (3, 32, 2, SF_FORMAT_FLOAT);
}

/* RF64 (and BW64) written by hand: the sizes come from ds64. A JUNK chunk
 * after the data would be counted as audio by anyone reading to the end
 * of the file or trusting the 0xFFFFFFFF data size. */
static char *
make_rf64 (const char *name, const char *magic, guint32 frames)
{
  GByteArray *a = g_byte_array_new ();
  char *path = tu_path (name);
  guint32 data = frames * 4;         /* stereo, 16-bit */
  guint64 riff = 4 + (8 + 28) + (8 + 16) + (8 + data) + (8 + 100);

  tu_fourcc (a, magic);
  tu_le32 (a, 0xFFFFFFFFu);
  tu_fourcc (a, "WAVE");
  tu_fourcc (a, "ds64");
  tu_le32 (a, 28);
  tu_le32 (a, (guint32) riff); tu_le32 (a, (guint32) (riff >> 32));
  tu_le32 (a, data); tu_le32 (a, 0);
  tu_le32 (a, frames); tu_le32 (a, 0);
  tu_le32 (a, 0);                               /* table length */
  tu_fourcc (a, "fmt ");
  tu_le32 (a, 16);
  tu_le32 (a, 1 | (2 << 16));                   /* PCM, 2 channels */
  tu_le32 (a, 8000);
  tu_le32 (a, 8000 * 4);
  tu_le32 (a, 4 | (16 << 16));                  /* align 4, 16 bits */
  tu_fourcc (a, "data");
  tu_le32 (a, 0xFFFFFFFFu);
  for (guint32 i = 0; i < frames * 2; i++)
    {
      gint16 v = (gint16) (i * 7 - 3000);
      guint8 b[2] = { (guint8) v, (guint8) ((guint16) v >> 8) };
      tu_bytes (a, b, 2);
    }
  tu_fourcc (a, "JUNK");
  tu_le32 (a, 100);
  for (int i = 0; i < 100; i++)
    g_byte_array_append (a, (const guint8 *) "\x55", 1);
  tu_write_file (path, a->data, a->len);
  g_byte_array_unref (a);
  return path;
}

static void
check_rf64 (const char *magic)
{
  char *name = g_strdup_printf ("hand-%s.wav", magic);
  char *path = make_rf64 (name, magic, 1000);
  MMFORMATINFO fi;
  FOURCC ss;
  MMAUDIOHEADER ah;
  HMMIO h;
  LONG n, total = 0, r;
  gint16 pcm[512];
  gboolean same = TRUE;

  g_assert_cmpuint (mmioIdentifyFile (path, NULL, &fi, &ss, 0, 0), ==, 0);
  g_assert_cmpuint (fi.fccIOProc, ==, FCC_WAVE);
  h = open_translated (path, 0);
  g_assert_cmpuint (mmioGetHeader (h, &ah, sizeof ah, &n, 0, 0), ==, 0);
  g_assert_cmpuint (ah.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInBytes, ==, 4000);
  g_assert_cmpuint (ah.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInMS, ==, 125);
  g_assert_cmpuint (ah.mmXWAVHeader.WAVEHeader.usChannels, ==, 2);
  while ((r = mmioRead (h, (HPSTR) pcm, sizeof pcm)) > 0)
    {
      for (LONG i = 0; i < r / 2; i++)
        same &= pcm[i] == (gint16) ((total / 2 + i) * 7 - 3000);
      total += r;
    }
  g_assert_cmpint (r, ==, 0);
  g_assert_cmpint (total, ==, 4000);
  g_assert_true (same);
  mmioClose (h, 0);
  g_free (path);
  g_free (name);
}

static void
test_rf64 (void)
{
  check_rf64 ("RF64");
}

static void
test_bw64 (void)
{
  check_rf64 ("BW64");
}

/* ---- describer --------------------------------------------------------- */

typedef struct
{
  MMIOFIELDSINK sink;
  GHashTable *fields;           /* key -> "value unit" */
  GPtrArray *findings;          /* rule ids */
} Collect;

static void
collect_field (MMIOFIELDSINK *s, const char *key, const char *label,
               const char *value, const char *unit)
{
  Collect *c = (Collect *) s;
  g_assert_nonnull (label);
  g_assert_true (g_utf8_validate (value, -1, NULL));
  g_hash_table_replace (c->fields, g_strdup (key),
                        unit ? g_strdup_printf ("%s %s", value, unit) : g_strdup (value));
}

static void
collect_finding (MMIOFIELDSINK *s, const char *rule, const char *message)
{
  Collect *c = (Collect *) s;
  g_assert_nonnull (message);
  g_ptr_array_add (c->findings, g_strdup (rule));
}

static LRESULT
describe (HMMIO h, Collect *c, const char *ckid, const guint8 *data, LONG len,
          LONG declared)
{
  MMIOCHUNKDESC d = { 0 };

  if (c->fields)
    {
      g_hash_table_unref (c->fields);
      g_ptr_array_unref (c->findings);
    }
  c->sink.AddField = collect_field;
  c->sink.AddFinding = collect_finding;
  c->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->findings = g_ptr_array_new_with_free_func (g_free);
  d.ulStructLen = sizeof d;
  d.ckid = mmioStringToFOURCC (ckid, 0);
  d.fccForm = FCC_WAVE;
  d.fccParent = FCC_WAVE;
  d.lOffset = 12;
  d.lSize = declared;
  d.pData = data;
  d.cbData = len;
  return mmioSendMessage (h, MMIOM_DESCRIBECHUNK, (LPARAM) &d, (LPARAM) &c->sink);
}

static const char *
fieldv (Collect *c, const char *key)
{
  return g_hash_table_lookup (c->fields, key);
}

static gboolean
has_finding (Collect *c, const char *rule)
{
  for (guint i = 0; i < c->findings->len; i++)
    if (g_str_equal (g_ptr_array_index (c->findings, i), rule))
      return TRUE;
  return FALSE;
}

static void
put16 (guint8 *p, guint v) { p[0] = (guint8) v; p[1] = (guint8) (v >> 8); }
static void
put32 (guint8 *p, guint32 v) { put16 (p, v & 0xFFFF); put16 (p + 2, v >> 16); }

static void
test_describe (void)
{
  char *path = make_wav (&encodings[1]);
  MMIOINFO mi = { 0 };
  Collect c = { 0 };
  HMMIO h;
  guint8 b[700];

  mi.fccIOProc = FCC_WAVE;
  h = mmioOpen (path, &mi, MMIO_READ);
  g_assert_nonnull (h);

  /* fmt: PCM */
  memset (b, 0, sizeof b);
  put16 (b, 1); put16 (b + 2, 2); put32 (b + 4, 44100); put32 (b + 8, 176400);
  put16 (b + 12, 4); put16 (b + 14, 16);
  g_assert_cmpint (describe (h, &c, "fmt ", b, 16, 16), ==, MMIO_SUCCESS);
  g_assert_cmpstr (fieldv (&c, "format-tag"), ==, "0x0001 (PCM)");
  g_assert_cmpstr (fieldv (&c, "channels"), ==, "2");
  g_assert_cmpstr (fieldv (&c, "sample-rate"), ==, "44100 Hz");
  g_assert_cmpstr (fieldv (&c, "bytes-per-second"), ==, "176400 bytes/s");
  g_assert_cmpstr (fieldv (&c, "block-align"), ==, "4 bytes");
  g_assert_cmpstr (fieldv (&c, "bits-per-sample"), ==, "16 bits");
  g_assert_cmpuint (c.findings->len, ==, 0);
  /* … with a wrong block alignment */
  put16 (b + 12, 3);
  describe (h, &c, "fmt ", b, 16, 16);
  g_assert_true (has_finding (&c, "fmt-block-align"));
  /* … too short */
  describe (h, &c, "fmt ", b, 6, 6);
  g_assert_true (has_finding (&c, "fmt-short"));

  /* fmt: extensible, 5.1, 24 in 32 bits, PCM sub-format */
  memset (b, 0, sizeof b);
  put16 (b, 0xFFFE); put16 (b + 2, 6); put32 (b + 4, 48000);
  put32 (b + 8, 48000 * 24); put16 (b + 12, 24); put16 (b + 14, 32);
  put16 (b + 16, 22); put16 (b + 18, 24); put32 (b + 20, 0x3F);
  memcpy (b + 24, "\x01\x00\x00\x00\x00\x00\x10\x00\x80\x00\x00\xAA\x00\x38\x9B\x71", 16);
  g_assert_cmpint (describe (h, &c, "fmt ", b, 40, 40), ==, MMIO_SUCCESS);
  g_assert_cmpstr (fieldv (&c, "format-tag"), ==, "0xFFFE (Extensible)");
  g_assert_cmpstr (fieldv (&c, "extra-size"), ==, "22 bytes");
  g_assert_cmpstr (fieldv (&c, "valid-bits"), ==, "24 bits");
  g_assert_cmpstr (fieldv (&c, "channel-mask"), ==, "0x0000003F (FL FR FC LFE BL BR)");
  g_assert_cmpstr (fieldv (&c, "sub-format"), ==,
                   "00000001-0000-0010-8000-00AA00389B71 (PCM)");
  g_assert_cmpuint (c.findings->len, ==, 0);
  /* cbSize claiming more than there is */
  put16 (b + 16, 200);
  describe (h, &c, "fmt ", b, 40, 40);
  g_assert_true (has_finding (&c, "fmt-cbsize"));

  /* fact */
  put32 (b, 123456);
  g_assert_cmpint (describe (h, &c, "fact", b, 4, 4), ==, MMIO_SUCCESS);
  g_assert_cmpstr (fieldv (&c, "sample-length"), ==, "123456 samples");

  /* bext, version 2 */
  memset (b, 0, sizeof b);
  memcpy (b, "A description", 13);
  memcpy (b + 256, "Riffscope", 9);
  memcpy (b + 288, "REF-1", 5);
  memcpy (b + 320, "2026-11-23", 10);
  memcpy (b + 330, "12:34:56", 8);
  put32 (b + 338, 48000); put32 (b + 342, 1);
  put16 (b + 346, 2);
  put16 (b + 412, (guint) (gint16) -2300);
  put16 (b + 414, 700);
  put16 (b + 416, 0x7FFF);
  put16 (b + 418, 0x7FFF);
  put16 (b + 420, 0x7FFF);
  memcpy (b + 602, "A=PCM,F=48000\r\n", 15);
  g_assert_cmpint (describe (h, &c, "bext", b, 617, 617), ==, MMIO_SUCCESS);
  g_assert_cmpstr (fieldv (&c, "description"), ==, "A description");
  g_assert_cmpstr (fieldv (&c, "originator"), ==, "Riffscope");
  g_assert_cmpstr (fieldv (&c, "originator-reference"), ==, "REF-1");
  g_assert_cmpstr (fieldv (&c, "origination-date"), ==, "2026-11-23");
  g_assert_cmpstr (fieldv (&c, "origination-time"), ==, "12:34:56");
  g_assert_cmpstr (fieldv (&c, "time-reference"), ==, "4295015296 samples");
  g_assert_cmpstr (fieldv (&c, "version"), ==, "2");
  g_assert_cmpstr (fieldv (&c, "loudness-value"), ==, "-23.00 LUFS");
  g_assert_cmpstr (fieldv (&c, "loudness-range"), ==, "7.00 LU");
  g_assert_null (fieldv (&c, "max-true-peak-level"));
  g_assert_null (fieldv (&c, "umid"));
  g_assert_cmpstr (fieldv (&c, "coding-history"), ==, "A=PCM,F=48000");
  describe (h, &c, "bext", b, 300, 300);
  g_assert_true (has_finding (&c, "bext-short"));
  g_assert_cmpstr (fieldv (&c, "originator"), ==, "Riffscope");

  /* cue: two points, then a count that overruns */
  memset (b, 0, sizeof b);
  put32 (b, 2);
  put32 (b + 4, 1); put32 (b + 8, 100); memcpy (b + 12, "data", 4); put32 (b + 24, 100);
  put32 (b + 28, 2); put32 (b + 32, 2000); memcpy (b + 36, "data", 4); put32 (b + 48, 2000);
  g_assert_cmpint (describe (h, &c, "cue ", b, 52, 52), ==, MMIO_SUCCESS);
  g_assert_cmpstr (fieldv (&c, "cue-points"), ==, "2");
  g_assert_cmpstr (fieldv (&c, "cue-1"), ==,
                   "id 2, position 2000, chunk 'data' at 0, block 0, offset 2000");
  g_assert_cmpuint (c.findings->len, ==, 0);
  put32 (b, 1000000);
  describe (h, &c, "cue ", b, 52, 52);
  g_assert_true (has_finding (&c, "cue-count"));

  /* smpl with one loop */
  memset (b, 0, sizeof b);
  put32 (b + 8, 22675); put32 (b + 12, 60); put32 (b + 28, 1);
  put32 (b + 36, 7); put32 (b + 40, 0); put32 (b + 44, 10); put32 (b + 48, 900);
  g_assert_cmpint (describe (h, &c, "smpl", b, 60, 60), ==, MMIO_SUCCESS);
  g_assert_cmpstr (fieldv (&c, "sample-period"), ==, "22675 ns");
  g_assert_cmpstr (fieldv (&c, "midi-unity-note"), ==, "60");
  g_assert_cmpstr (fieldv (&c, "sample-loops"), ==, "1");
  g_assert_cmpstr (fieldv (&c, "loop-0"), ==,
                   "id 7, forward, samples 10 to 900, fraction 0, play count 0");

  /* ds64 with a table entry */
  memset (b, 0, sizeof b);
  put32 (b, 0x10); put32 (b + 4, 0x1);              /* riff 4 GiB + 16 */
  put32 (b + 8, 0x8); put32 (b + 12, 0x1);
  put32 (b + 16, 1000);
  put32 (b + 24, 1);
  memcpy (b + 28, "LIST", 4); put32 (b + 32, 77);
  g_assert_cmpint (describe (h, &c, "ds64", b, 40, 40), ==, MMIO_SUCCESS);
  g_assert_cmpstr (fieldv (&c, "riff-size"), ==, "4294967312 bytes");
  g_assert_cmpstr (fieldv (&c, "data-size"), ==, "4294967304 bytes");
  g_assert_cmpstr (fieldv (&c, "sample-count"), ==, "1000 samples");
  g_assert_cmpstr (fieldv (&c, "table-0"), ==, "77 bytes");

  /* Not its chunk: the generic describer's job. */
  g_assert_cmpint (describe (h, &c, "LIST", b, 4, 4), ==, MMIOERR_UNSUPPORTED_MESSAGE);
  g_assert_cmpint (describe (h, &c, "data", b, 4, 4), ==, MMIOERR_UNSUPPORTED_MESSAGE);

  g_hash_table_unref (c.fields);
  g_ptr_array_unref (c.findings);
  mmioClose (h, 0);
  g_free (path);
}

/* Damaged files: truncated data, an unknown codec. */
static void
test_damaged (void)
{
  char *path = make_wav (&encodings[1]);
  GBytes *raw = tu_read_file (path);
  gsize len;
  const guint8 *rp = g_bytes_get_data (raw, &len);
  char *cut = tu_path ("cut.wav"), *odd = tu_path ("odd.wav");
  MMIOINFO mi = { 0 };
  HMMIO h;
  guint8 *copy = g_memdup2 (rp, len), buf[4096];
  LONG total = 0, r;

  tu_write_file (cut, rp, len / 2);
  h = open_translated (cut, 0);
  while ((r = mmioRead (h, (HPSTR) buf, sizeof buf)) > 0)
    total += r;
  g_assert_cmpint (r, ==, 0);
  g_assert_cmpint (total, >, 0);
  g_assert_cmpint (total, <=, (LONG) len / 2);
  mmioClose (h, 0);

  copy[20] = 0x34; copy[21] = 0x12;            /* format tag 0x1234 */
  tu_write_file (odd, copy, len);
  mi.ulTranslate = MMIO_TRANSLATEDATA;
  g_assert_null (mmioOpen (odd, &mi, MMIO_READ));
  g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_CODEC_NOT_SUPPORTED);

  /* Ten bytes, and a RIFF header alone. */
  tu_write_file (odd, "RIFF\x04\0\0\0WAVE", 12);
  memset (&mi, 0, sizeof mi);
  mi.ulTranslate = MMIO_TRANSLATEDATA;
  g_assert_null (mmioOpen (odd, &mi, MMIO_READ));
  g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_INVALIDFILE);
  tu_write_file (odd, "RIFF\x04\0\0\0WA", 10);
  memset (&mi, 0, sizeof mi);
  mi.fccIOProc = FCC_WAVE;
  g_assert_null (mmioOpen (odd, &mi, MMIO_READ));
  g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_INVALIDFILE);

  /* RIFF size 0xFFFFFFFF, and 100,000 zero-size chunks before 'fmt ':
   * answers, not a crash or a hang. */
  {
    GByteArray *a = g_byte_array_new ();
    guint8 pcm[400] = { 0 };
    tu_fourcc (a, "RIFF");
    tu_le32 (a, 0xFFFFFFFFu);
    tu_fourcc (a, "WAVE");
    for (int i = 0; i < 100000; i++)
      {
        tu_fourcc (a, "zero");
        tu_le32 (a, 0);
      }
    tu_fourcc (a, "fmt ");
    tu_le32 (a, 16);
    tu_le32 (a, 1 | (1 << 16));
    tu_le32 (a, 8000);
    tu_le32 (a, 16000);
    tu_le32 (a, 2 | (16 << 16));
    tu_fourcc (a, "data");
    tu_le32 (a, sizeof pcm);
    tu_bytes (a, pcm, sizeof pcm);
    tu_write_file (odd, a->data, a->len);
    g_byte_array_unref (a);

    memset (&mi, 0, sizeof mi);
    mi.fccIOProc = FCC_WAVE;
    h = mmioOpen (odd, &mi, MMIO_READ);
    g_assert_nonnull (h);
    {
      LONG n = 0;
      g_assert_cmpuint (mmioQueryHeaderLength (h, &n, 0, 0), ==, 0);
      g_assert_cmpint (n, ==, 16);          /* the scan found 'fmt ' */
    }
    mmioClose (h, 0);
    memset (&mi, 0, sizeof mi);
    mi.ulTranslate = MMIO_TRANSLATEDATA | MMIO_TRANSLATEHEADER;
    /* libsndfile gives up looking for 'data' among so many chunks. */
    g_assert_null (mmioOpen (odd, &mi, MMIO_READ));
    g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_INVALIDFILE);
  }

  g_free (copy);
  g_bytes_unref (raw);
  g_free (cut);
  g_free (odd);
  g_free (path);
}

/* The MCI waveaudio driver's way in, on an element of a compound file:
 * the WAVE IOProc opens its child by name and the compound-file IOProc
 * serves the element's bytes. */
static void
test_compound_element (void)
{
  char *wav = make_wav (&encodings[10]);          /* IMA ADPCM */
  GBytes *bytes = tu_read_file (wav);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  HandLayout l = { .name_size = 15, .gap = 3 };
  HandEntry e[] = {
    { "chime.bin", 0, 0, "0123456789", 10, 0, -1, 0 },
    { "ding.wav", 0, 0, data, (guint32) len, 0x45564157, -1, 0 },
  };
  GByteArray *a = hand_bnd (&l, e, G_N_ELEMENTS (e));
  char *bnd = tu_path ("sounds.bnd");
  char *name = g_strdup_printf ("%s+ding.wav", bnd);
  char *missing = g_strdup_printf ("%s+nope.wav", bnd);
  guint bits, tag;
  SF_INFO si;
  GBytes *ref = reference_pcm (wav, &bits, &tag, &si);
  gsize ref_len;
  const guint8 *want = g_bytes_get_data (ref, &ref_len);
  MMFORMATINFO fi;
  MMAUDIOHEADER ah;
  MMIOINFO mi = { 0 };
  FOURCC ss = 0;
  HMMIO h;
  LONG n, r, got = 0;
  guint8 *pcm = g_malloc (ref_len + 16);

  write_array (bnd, a);
  g_assert_cmpuint (mmioIdentifyFile (name, NULL, &fi, &ss, 0, 0), ==, 0);
  g_assert_cmpuint (fi.fccIOProc, ==, FCC_WAVE);
  g_assert_cmpuint (ss, ==, FOURCC_BND);

  mi.ulTranslate = MMIO_TRANSLATEDATA | MMIO_TRANSLATEHEADER;
  h = mmioOpen (name, &mi, MMIO_READ);
  g_assert_nonnull (h);
  mmioGetInfo (h, &mi, 0);
  g_assert_cmpuint (mi.fccIOProc, ==, FCC_WAVE);
  g_assert_cmpuint (mi.fccChildIOProc, ==, FOURCC_BND);
  g_assert_cmpuint (mmioGetHeader (h, &ah, sizeof ah, &n, 0, 0), ==, 0);
  g_assert_cmpuint (ah.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInBytes, ==, ref_len);
  while ((r = mmioRead (h, (HPSTR) pcm + got, 1000)) > 0)
    got += r;
  g_assert_cmpint (r, ==, 0);
  g_assert_cmpmem (pcm, got, want, ref_len);
  g_assert_cmpint (mmioSeek (h, 400, SEEK_SET), ==, 400);
  g_assert_cmpint (mmioRead (h, (HPSTR) pcm, 8), ==, 8);
  g_assert_cmpmem (pcm, 8, want + 400, 8);
  mmioClose (h, 0);

  /* A missing element: the error is the compound file's, from beneath
   * the WAVE IOProc. */
  memset (&mi, 0, sizeof mi);
  mi.fccIOProc = FCC_WAVE;
  g_assert_null (mmioOpen (missing, &mi, MMIO_READ));
  g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_CF_ENTRY_NOT_FOUND);

  g_free (pcm);
  g_bytes_unref (ref);
  g_bytes_unref (bytes);
  g_byte_array_unref (a);
  g_free (missing);
  g_free (name);
  g_free (bnd);
  g_free (wav);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_add_func ("/wave/format-record", test_format_record);
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      char *name = g_strdup_printf ("/wave/encoding/%s", encodings[i].name);
      g_test_add_data_func (name, &encodings[i], test_encoding);
      g_free (name);
    }
  g_test_add_func ("/wave/alsa-files", test_alsa_files);
  g_test_add_func ("/wave/unrecognised", test_unrecognised);
  g_test_add_func ("/wave/identify-position", test_identify_position);
  g_test_add_func ("/wave/untranslated", test_untranslated);
  g_test_add_func ("/wave/untranslated-write", test_untranslated_write);
  g_test_add_func ("/wave/inherited-descriptor", test_inherited_descriptor);
  g_test_add_func ("/wave/translated-write", test_translated_write);
  g_test_add_func ("/wave/rf64", test_rf64);
  g_test_add_func ("/wave/bw64", test_bw64);
  g_test_add_func ("/wave/describe", test_describe);
  g_test_add_func ("/wave/damaged", test_damaged);
  g_test_add_func ("/wave/compound-element", test_compound_element);
  return g_test_run ();
}
