/* test-plugin-au.c — the Sun/NeXT .au file-format IOProc example plugin:
 * translation to PCM checked against the WAVE twins of Python's test
 * files (Debian package libpython3.11-testsuite; skipped when missing),
 * µ-law and A-law against known code words, the translated header,
 * untranslated access, translated seeks, identification, hostile headers,
 * and an .au read from inside an ar archive through the ar plugin. */
#include "test-util.h"
#include "ar-builder.h"

#include <mmio/mmio-plugin.h>
#include <stdio.h>
#include <string.h>

#define FCC_AU mmioFOURCC ('A', 'U', ' ', ' ')
#define FCC_AR mmioFOURCC ('A', ' ', ' ', ' ')

static char *audiodata;

static void
install_plugin (const char *env, FOURCC fcc)
{
  MMIOPLUGINERROR err;
  MMIOPLUGIN *p = mmioPluginLoad (g_getenv (env), &err);
  if (p == NULL)
    g_error ("%s", err.szMessage);
  g_assert_nonnull (mmioInstallIOProc (fcc, mmioPluginDescriptor (p)->pProcs[0].pIOProc,
                                       MMIO_INSTALLPROC));
}

static HMMIO
open_au (const char *name, DWORD translate)
{
  MMIOINFO info;
  memset (&info, 0, sizeof info);
  info.fccIOProc = FCC_AU;
  info.ulTranslate = translate;
  return mmioOpen ((LPSTR) name, &info, MMIO_READ);
}

static GByteArray *
read_all (HMMIO h)
{
  GByteArray *a = g_byte_array_new ();
  char buf[3001];               /* odd size: partial samples at the edges */
  LONG n;
  while ((n = mmioRead (h, buf, sizeof buf)) > 0)
    g_byte_array_append (a, (guint8 *) buf, (guint) n);
  g_assert_cmpint (n, ==, 0);
  return a;
}

/* The data chunk and fmt fields of a WAVE file, through MMIO. */
static GByteArray *
wave_data (const char *path, WAVE_HEADER *fmt)
{
  HMMIO h = mmioOpen ((LPSTR) path, NULL, MMIO_READ);
  MMCKINFO riff = { 0 }, ck = { 0 };
  GByteArray *a = g_byte_array_new ();
  guint8 f[16];

  g_assert_nonnull (h);
  riff.fccType = mmioFOURCC ('W', 'A', 'V', 'E');
  g_assert_cmpuint (mmioDescend (h, &riff, NULL, MMIO_FINDRIFF), ==, 0);
  ck.ckid = mmioFOURCC ('f', 'm', 't', ' ');
  g_assert_cmpuint (mmioDescend (h, &ck, &riff, MMIO_FINDCHUNK), ==, 0);
  g_assert_cmpint (mmioRead (h, (HPSTR) f, 16), ==, 16);
  fmt->usFormatTag = (USHORT) (f[0] | f[1] << 8);
  fmt->usChannels = (USHORT) (f[2] | f[3] << 8);
  fmt->ulSamplesPerSec = f[4] | f[5] << 8 | f[6] << 16 | (guint32) f[7] << 24;
  fmt->usBitsPerSample = (USHORT) (f[14] | f[15] << 8);
  mmioAscend (h, &ck, 0);
  ck.ckid = mmioFOURCC ('d', 'a', 't', 'a');
  g_assert_cmpuint (mmioDescend (h, &ck, &riff, MMIO_FINDCHUNK), ==, 0);
  g_byte_array_set_size (a, ck.cksize);
  g_assert_cmpint (mmioRead (h, (HPSTR) a->data, ck.cksize), ==, (LONG) ck.cksize);
  mmioClose (h, 0);
  return a;
}

static void
test_translate_vs_wave (gconstpointer data)
{
  const char *depth = data;
  char *au, *wav;
  WAVE_HEADER fmt = { 0 };
  GByteArray *pcm, *ref;
  MMAUDIOHEADER hdr;
  LONG len = 0, got = 0;
  HMMIO h;

  if (audiodata == NULL)
    {
      g_test_skip ("Python's test/audiodata is not installed (libpython3.11-testsuite)");
      return;
    }
  au = g_strdup_printf ("%s/pluck-%s.au", audiodata, depth);
  wav = g_strdup_printf ("%s/pluck-%s.wav", audiodata, depth);
  ref = wave_data (wav, &fmt);
  h = open_au (au, MMIO_TRANSLATEDATA | MMIO_TRANSLATEHEADER);
  g_assert_nonnull (h);
  g_assert_cmpuint (mmioQueryHeaderLength (h, &len, 0, 0), ==, 0);
  g_assert_cmpint (len, ==, sizeof hdr);
  g_assert_cmpuint (mmioGetHeader (h, &hdr, sizeof hdr, &got, 0, 0), ==, 0);
  g_assert_cmpint (got, ==, sizeof hdr);
  g_assert_cmpuint (hdr.ulMediaType, ==, MMIO_MEDIATYPE_AUDIO);
  g_assert_cmpuint (hdr.mmXWAVHeader.WAVEHeader.usChannels, ==, fmt.usChannels);
  g_assert_cmpuint (hdr.mmXWAVHeader.WAVEHeader.ulSamplesPerSec, ==, fmt.ulSamplesPerSec);
  g_assert_cmpuint (hdr.mmXWAVHeader.WAVEHeader.usBitsPerSample, ==, fmt.usBitsPerSample);
  g_assert_cmpuint (hdr.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInBytes, ==, ref->len);
  pcm = read_all (h);
  g_assert_cmpuint (pcm->len, ==, ref->len);
  if (strcmp (depth, "pcm8") == 0 || strcmp (depth, "pcm16") == 0)
    {
      /* Python's 8- and 16-bit pairs were rounded separately from a common
       * source: samples agree within a step or so (byte order or sign
       * mistakes would be thousands off). 24 and 32 bits agree exactly. */
      gboolean eight = depth[3] == '8';
      gint tolerance = eight ? 1 : 16;
      for (guint i = 0; i < pcm->len; i += eight ? 1 : 2)
        {
          gint a = eight ? pcm->data[i] : (gint16) (pcm->data[i] | pcm->data[i + 1] << 8);
          gint b = eight ? ref->data[i] : (gint16) (ref->data[i] | ref->data[i + 1] << 8);
          if (ABS (a - b) > tolerance)
            g_error ("sample at byte %u: %d, WAVE has %d", i, a, b);
        }
    }
  else
    g_assert_cmpmem (pcm->data, pcm->len, ref->data, ref->len);

  /* Translated seeks are in PCM bytes; SEEK_END subtracts. */
  {
    char tail[7];
    LONG at = (LONG) ref->len - 7;
    g_assert_cmpint (mmioSeek (h, 7, SEEK_END), ==, at);
    g_assert_cmpint (mmioRead (h, tail, 7), ==, 7);
    g_assert_cmpmem (tail, 7, pcm->data + at, 7);
    g_assert_cmpint (mmioSeek (h, 1001, SEEK_SET), ==, 1001);
    g_assert_cmpint (mmioRead (h, tail, 5), ==, 5);
    g_assert_cmpmem (tail, 5, pcm->data + 1001, 5);
  }
  mmioClose (h, 0);
  g_byte_array_unref (pcm);
  g_byte_array_unref (ref);
  g_free (au);
  g_free (wav);
}

static void
test_untranslated (void)
{
  char *au;
  HMMIO h;
  GByteArray *raw;
  GBytes *file;
  LONG len = 0;

  if (audiodata == NULL)
    {
      g_test_skip ("Python's test/audiodata is not installed (libpython3.11-testsuite)");
      return;
    }
  au = g_strdup_printf ("%s/pluck-ulaw.au", audiodata);
  h = open_au (au, 0);
  g_assert_nonnull (h);
  raw = read_all (h);
  file = tu_read_file (au);
  g_assert_cmpmem (raw->data, raw->len, g_bytes_get_data (file, NULL), g_bytes_get_size (file));
  /* Untranslated header: the file's own header bytes. */
  g_assert_cmpuint (mmioQueryHeaderLength (h, &len, 0, 0), ==, 0);
  g_assert_cmpint (len, >=, 24);
  mmioClose (h, 0);
  g_bytes_unref (file);
  g_byte_array_unref (raw);
  g_free (au);
}

static void
put_be32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };
  g_byte_array_append (a, b, 4);
}

static char *
make_au (const char *name, guint32 encoding, const guint8 *samples, guint n,
         guint32 offset, guint32 size)
{
  GByteArray *a = g_byte_array_new ();
  char *path = tu_path (name);
  put_be32 (a, 0x2e736e64);
  put_be32 (a, offset);
  put_be32 (a, size);
  put_be32 (a, encoding);
  put_be32 (a, 8000);
  put_be32 (a, 1);
  while (a->len < offset && a->len < 64)
    g_byte_array_append (a, (guint8 *) "", 1);
  g_byte_array_append (a, samples, n);
  tu_write_file (path, a->data, a->len);
  g_byte_array_unref (a);
  return path;
}

static void
expect_pcm16 (const char *path, const gint16 *expect, guint n)
{
  HMMIO h = open_au (path, MMIO_TRANSLATEDATA);
  gint16 got[8];
  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, (HPSTR) got, sizeof got), ==, (LONG) (n * 2));
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (GINT16_FROM_LE (got[i]), ==, expect[i]);
  mmioClose (h, 0);
}

static void
test_g711 (void)
{
  static const guint8 ulaw[] = { 0xFF, 0x7F, 0x00, 0x80 };
  static const gint16 ulaw_pcm[] = { 0, 0, -32124, 32124 };
  static const guint8 alaw[] = { 0xD5, 0x55, 0x2A, 0xAA };
  static const gint16 alaw_pcm[] = { 8, -8, -32256, 32256 };
  char *u = make_au ("ulaw.au", 1, ulaw, 4, 24, 4);
  char *a = make_au ("alaw.au", 27, alaw, 4, 32, 0xffffffff);

  expect_pcm16 (u, ulaw_pcm, 4);
  expect_pcm16 (a, alaw_pcm, 4);
  g_free (u);
  g_free (a);
}

static void
test_hostile (void)
{
  static const guint8 s[] = { 1, 2, 3, 4 };
  MMIOINFO info;
  char *p;

  /* Data offset past the end of the file. */
  p = make_au ("far.au", 3, s, 4, 0x7fffffff, 4);
  g_assert_null (open_au (p, 0));
  g_free (p);
  /* Unknown encoding: readable untranslated, refused translated. */
  p = make_au ("enc.au", 200, s, 4, 24, 4);
  {
    HMMIO h = open_au (p, 0);
    g_assert_nonnull (h);
    mmioClose (h, 0);
  }
  memset (&info, 0, sizeof info);
  info.fccIOProc = FCC_AU;
  info.ulTranslate = MMIO_TRANSLATEDATA;
  g_assert_null (mmioOpen (p, &info, MMIO_READ));
  g_assert_cmpuint (info.wErrorRet, ==, MMIOERR_CODEC_NOT_SUPPORTED);
  g_free (p);
  /* Odd byte count for 16-bit: the last half sample is not served. */
  p = make_au ("odd.au", 3, s, 3, 24, 3);
  {
    HMMIO h = open_au (p, MMIO_TRANSLATEDATA);
    char buf[8];
    g_assert_nonnull (h);
    g_assert_cmpint (mmioRead (h, buf, sizeof buf), ==, 2);
    mmioClose (h, 0);
  }
  g_free (p);
  /* Not an .au file at all; a file shorter than the header. */
  p = tu_path ("text.au");
  tu_write_file (p, "plain text, no magic here", 25);
  g_assert_null (open_au (p, 0));
  tu_write_file (p, ".snd", 4);
  g_assert_null (open_au (p, 0));
  g_free (p);
}

static void
test_identify (void)
{
  static const guint8 s[] = { 1, 2, 3, 4 };
  char *p = make_au ("ident.au", 3, s, 4, 24, 4);
  MMFORMATINFO fi = { 0 };
  FOURCC ss = 0;

  fi.ulStructLen = sizeof fi;
  g_assert_cmpuint (mmioIdentifyFile (p, NULL, &fi, &ss, 0, 0), ==, 0);
  g_assert_cmpuint (fi.fccIOProc, ==, FCC_AU);
  g_assert_cmpuint (fi.ulMediaType, ==, MMIO_MEDIATYPE_AUDIO);
  g_assert_cmpuint (ss, ==, FOURCC_DOS);
  g_free (p);
}

static void
test_inside_archive (void)
{
  static const guint8 ulaw[] = { 0xFF, 0x7F, 0x00, 0x80 };
  static const gint16 ulaw_pcm[] = { 0, 0, -32124, 32124 };
  char *au = make_au ("inner.au", 1, ulaw, 4, 24, 4);
  GBytes *b = tu_read_file (au);
  GByteArray *a = g_byte_array_new ();
  char *lib = tu_path ("sounds.a"), *name;

  g_byte_array_append (a, (guint8 *) "!<arch>\n", 8);
  ar_header (a, "pluck.au/", g_bytes_get_size (b));
  g_byte_array_append (a, g_bytes_get_data (b, NULL), (guint) g_bytes_get_size (b));
  ar_pad (a);
  tu_write_file (lib, a->data, a->len);
  name = g_strconcat (lib, "+pluck.au", NULL);
  expect_pcm16 (name, ulaw_pcm, 4);
  g_free (name);
  g_free (lib);
  g_byte_array_unref (a);
  g_bytes_unref (b);
  g_free (au);
}

/* Mutants are written without the fsync tu_write_file does: hundreds of
 * them would otherwise spend the test's time waiting on the disk. */
static void
write_quick (const char *path, const guint8 *data, gsize len)
{
  FILE *f = fopen (path, "wb");
  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (data, 1, len, f), ==, len);
  g_assert_cmpint (fclose (f), ==, 0);
}

/* Hostile headers: seeded random offsets, sizes, encodings and channel
 * counts, translated and not; every open returns, every read ends. */
static void
test_mutations (void)
{
  GRand *rand = g_rand_new_with_seed (5);
  char *path = tu_path ("mutant.au");
  static const guint32 encodings[] = { 1, 2, 3, 4, 5, 6, 7, 27, 0, 200, 0xffffffff };

  for (guint round = 0; round < 800; round++)
    {
      GByteArray *a = g_byte_array_new ();
      guint body = g_rand_int_range (rand, 0, 300);
      put_be32 (a, g_rand_int_range (rand, 0, 10) ? 0x2e736e64 : g_rand_int (rand));
      put_be32 (a, g_rand_boolean (rand) ? (guint32) (24 + g_rand_int_range (rand, 0, 40)) : g_rand_int (rand));
      put_be32 (a, g_rand_boolean (rand) ? 0xffffffff : g_rand_int (rand) % 1000);
      put_be32 (a, encodings[g_rand_int_range (rand, 0, G_N_ELEMENTS (encodings))]);
      put_be32 (a, g_rand_boolean (rand) ? 8000 : g_rand_int (rand));
      put_be32 (a, g_rand_boolean (rand) ? (guint32) (1 + g_rand_int_range (rand, 0, 3)) : g_rand_int (rand));
      for (guint i = 0; i < body; i++)
        g_byte_array_append (a, (guint8[]) { (guint8) g_rand_int (rand) }, 1);
      write_quick (path, a->data, a->len);
      for (int translate = 0; translate < 2; translate++)
        {
          HMMIO h = open_au (path, translate ? MMIO_TRANSLATEDATA | MMIO_TRANSLATEHEADER : 0);
          if (h != NULL)
            {
              char buf[37];
              MMAUDIOHEADER hdr;
              LONG got = 0, len = 0;
              while (mmioRead (h, buf, sizeof buf) > 0)
                ;
              mmioSeek (h, 3, SEEK_END);
              mmioRead (h, buf, sizeof buf);
              mmioQueryHeaderLength (h, &len, 0, 0);
              mmioGetHeader (h, &hdr, sizeof hdr, &got, 0, 0);
              mmioClose (h, 0);
            }
        }
      g_byte_array_unref (a);
    }
  g_free (path);
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  const char *dirs[] = { "/usr/lib/python3.11/test/audiodata",
                         "/usr/lib/python3/test/audiodata" };

  g_test_init (&argc, &argv, NULL);
  install_plugin ("RIFFSCOPE_AU_PLUGIN", FCC_AU);
  install_plugin ("RIFFSCOPE_AR_PLUGIN", FCC_AR);
  for (guint i = 0; i < G_N_ELEMENTS (dirs) && audiodata == NULL; i++)
    if (g_file_test (dirs[i], G_FILE_TEST_IS_DIR))
      audiodata = g_strdup (dirs[i]);

  g_test_add_data_func ("/plugin/au/translate/pcm8", "pcm8", test_translate_vs_wave);
  g_test_add_data_func ("/plugin/au/translate/pcm16", "pcm16", test_translate_vs_wave);
  g_test_add_data_func ("/plugin/au/translate/pcm24", "pcm24", test_translate_vs_wave);
  g_test_add_data_func ("/plugin/au/translate/pcm32", "pcm32", test_translate_vs_wave);
  g_test_add_func ("/plugin/au/untranslated", test_untranslated);
  g_test_add_func ("/plugin/au/g711", test_g711);
  g_test_add_func ("/plugin/au/hostile", test_hostile);
  g_test_add_func ("/plugin/au/identify", test_identify);
  g_test_add_func ("/plugin/au/inside-archive", test_inside_archive);
  g_test_add_func ("/plugin/au/mutations", test_mutations);
  {
    int rc = g_test_run ();
    g_free (audiodata);
    return rc;
  }
}
