/* test-riff-formats.c — the built-in file-format IOProcs other than WAVE:
 * 'AVI ', 'MIDI', 'sfbk', 'WEBP', 'ACON' and the generic 'RIFF'. Their
 * MMFORMATINFO records field by field, identification of generated files
 * of every kind (and of real files from Debian packages), untranslated
 * access through each IOProc over a child storage handle, and the fields
 * and findings their chunk describers give the walker. */
#include "riff-build.h"

#include <mmio/mmio-plugin.h>

#include <glib/gstdio.h>
#include <locale.h>

#define FCC(s) mmioStringToFOURCC (s, 0)

/* ---- Generated files ------------------------------------------------------ */

static void
rb_zeros (GByteArray *a, guint n)
{
  guint8 *z = g_malloc0 (n ? n : 1);
  tu_bytes (a, z, n);
  g_free (z);
}

/* RIFF 'AVI ' with a video and an audio stream, OpenDML bits, three frames
 * in 'movi', an 'idx1', and an 'AVIX' form after it. */
static GByteArray *
make_avi (void)
{
  GByteArray *a = g_byte_array_new ();
  GByteArray *c = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "AVI ");
  guint hdrl = rb_begin (a, "LIST", "hdrl");
  guint strl, odml, movi, avix;

  /* avih */
  tu_le32 (c, 40000);       /* µs per frame: 25 fps */
  tu_le32 (c, 100000);
  tu_le32 (c, 0);
  tu_le32 (c, 0x10);        /* HASINDEX */
  tu_le32 (c, 2);           /* total frames (first form) */
  tu_le32 (c, 0);
  tu_le32 (c, 2);           /* streams */
  tu_le32 (c, 65536);
  tu_le32 (c, 320);
  tu_le32 (c, 240);
  rb_zeros (c, 16);
  rb_chunk (a, "avih", c->data, c->len);

  strl = rb_begin (a, "LIST", "strl");
  g_byte_array_set_size (c, 0);
  tu_fourcc (c, "vids");
  tu_fourcc (c, "MJPG");
  rb_zeros (c, 12);
  tu_le32 (c, 1);           /* scale */
  tu_le32 (c, 25);          /* rate */
  tu_le32 (c, 0);
  tu_le32 (c, 3);           /* length */
  rb_zeros (c, 12);
  rb_le16 (c, 0); rb_le16 (c, 0); rb_le16 (c, 320); rb_le16 (c, 240);
  rb_chunk (a, "strh", c->data, c->len);
  g_byte_array_set_size (c, 0);
  tu_le32 (c, 40);
  tu_le32 (c, 320);
  tu_le32 (c, 240);
  rb_le16 (c, 1);
  rb_le16 (c, 24);
  tu_fourcc (c, "MJPG");
  tu_le32 (c, 230400);
  rb_zeros (c, 16);
  rb_chunk (a, "strf", c->data, c->len);
  rb_chunk (a, "strn", "Video\0", 6);
  g_byte_array_set_size (c, 0);
  rb_le16 (c, 4);           /* super index: 4 longs per entry */
  tu_bytes (c, "\0\0", 2);  /* sub-type 0, type 0: index of indexes */
  tu_le32 (c, 1);           /* entries in use */
  tu_fourcc (c, "00dc");
  rb_zeros (c, 12 + 16);
  rb_chunk (a, "indx", c->data, c->len);
  rb_end (a, strl);

  strl = rb_begin (a, "LIST", "strl");
  g_byte_array_set_size (c, 0);
  tu_fourcc (c, "auds");
  rb_zeros (c, 52);
  rb_chunk (a, "strh", c->data, c->len);
  g_byte_array_set_size (c, 0);
  rb_le16 (c, 1);
  rb_le16 (c, 2);
  tu_le32 (c, 44100);
  tu_le32 (c, 176400);
  rb_le16 (c, 4);
  rb_le16 (c, 16);
  rb_le16 (c, 0);
  rb_chunk (a, "strf", c->data, c->len);
  rb_end (a, strl);

  odml = rb_begin (a, "LIST", "odml");
  g_byte_array_set_size (c, 0);
  tu_le32 (c, 3);
  rb_zeros (c, 244);
  rb_chunk (a, "dmlh", c->data, c->len);
  rb_end (a, odml);
  rb_end (a, hdrl);

  movi = rb_begin (a, "LIST", "movi");
  rb_chunk (a, "00dc", "0123456789", 10);
  rb_chunk (a, "01wb", "abcd", 4);
  rb_chunk (a, "00dc", "0123456789", 10);
  rb_end (a, movi);

  g_byte_array_set_size (c, 0);
  for (int i = 0; i < 3; i++)
    {
      tu_fourcc (c, i == 1 ? "01wb" : "00dc");
      tu_le32 (c, i == 1 ? 0 : 0x10);   /* key frames: the video ones */
      tu_le32 (c, 4 + 18 * i);
      tu_le32 (c, i == 1 ? 4 : 10);
    }
  rb_chunk (a, "idx1", c->data, c->len);
  rb_end (a, riff);

  avix = rb_begin (a, "RIFF", "AVIX");
  movi = rb_begin (a, "LIST", "movi");
  rb_chunk (a, "00dc", "0123456789", 10);
  rb_end (a, movi);
  rb_end (a, avix);
  g_byte_array_unref (c);
  return a;
}

static GByteArray *
make_rmid (void)
{
  GByteArray *smf = rb_smf (1, 1);
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "RMID");
  rb_chunk (a, "data", smf->data, smf->len);
  rb_end (a, riff);
  g_byte_array_unref (smf);
  return a;
}

static void
name_record (GByteArray *a, const char *name, guint size)
{
  guint8 rec[64] = { 0 };
  g_strlcpy ((char *) rec, name, 21);
  tu_bytes (a, rec, size);
}

static GByteArray *
make_sf2 (gboolean bad_terminal)
{
  GByteArray *a = g_byte_array_new ();
  GByteArray *c = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "sfbk");
  guint list = rb_begin (a, "LIST", "INFO");
  guint8 z[16] = { 0 };

  rb_le16 (c, 2);
  rb_le16 (c, 1);
  rb_chunk (a, "ifil", c->data, c->len);
  rb_chunk (a, "isng", "EMU8000\0", 8);
  rb_chunk (a, "INAM", "Test bank\0", 10);
  rb_end (a, list);

  list = rb_begin (a, "LIST", "sdta");
  rb_chunk (a, "smpl", z, 16);
  rb_end (a, list);

  list = rb_begin (a, "LIST", "pdta");
  g_byte_array_set_size (c, 0);
  name_record (c, "Piano", 20);
  rb_le16 (c, 5);           /* program */
  rb_le16 (c, 0);           /* bank */
  rb_zeros (c, 14);
  name_record (c, bad_terminal ? "Oops" : "EOP", 38);
  rb_chunk (a, "phdr", c->data, c->len);
  rb_chunk (a, "pbag", z, 8);
  rb_chunk (a, "pmod", z, 10);
  rb_chunk (a, "pgen", z, 8);
  g_byte_array_set_size (c, 0);
  name_record (c, "Inst1", 22);
  name_record (c, "EOI", 22);
  rb_chunk (a, "inst", c->data, c->len);
  rb_chunk (a, "ibag", z, 8);
  rb_chunk (a, "imod", z, 10);
  rb_chunk (a, "igen", z, bad_terminal ? 7 : 8);
  g_byte_array_set_size (c, 0);
  name_record (c, "Sample1", 20);
  rb_zeros (c, 16);
  tu_le32 (c, 22050);       /* sample rate at 36 */
  rb_zeros (c, 6);
  name_record (c, "EOS", 46);
  rb_chunk (a, "shdr", c->data, c->len);
  rb_end (a, list);
  rb_end (a, riff);
  g_byte_array_unref (c);
  return a;
}

static void
vp8l_chunk (GByteArray *a, guint w, guint h, gboolean alpha)
{
  GByteArray *c = g_byte_array_new ();
  guint8 sig = 0x2F;
  tu_bytes (c, &sig, 1);
  tu_le32 (c, (w - 1) | ((h - 1) << 14) | ((guint32) alpha << 28));
  rb_zeros (c, 3);
  rb_chunk (a, "VP8L", c->data, c->len);
  g_byte_array_unref (c);
}

static void
le24 (GByteArray *a, guint32 v)
{
  guint8 b[3] = { v, v >> 8, v >> 16 };
  tu_bytes (a, b, 3);
}

/* kind 0: lossy, 1: lossless, 2: animated (2 frames). */
static GByteArray *
make_webp (int kind)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "WEBP");

  if (kind == 0)
    {
      static const guint8 vp8[] = {
        0x10, 0x00, 0x00,                   /* key frame, v0, shown */
        0x9D, 0x01, 0x2A, 100, 0, 50, 0, 0, 0,
      };
      rb_chunk (a, "VP8 ", vp8, sizeof vp8);
    }
  else if (kind == 1)
    vp8l_chunk (a, 640, 480, TRUE);
  else
    {
      GByteArray *c = g_byte_array_new ();
      guint8 flags = 0x12;                  /* animation, alpha */
      tu_bytes (c, &flags, 1);
      rb_zeros (c, 3);
      le24 (c, 63);
      le24 (c, 31);
      rb_chunk (a, "VP8X", c->data, c->len);
      g_byte_array_set_size (c, 0);
      tu_le32 (c, 0xFF102030);
      rb_le16 (c, 0);
      rb_chunk (a, "ANIM", c->data, c->len);
      for (int f = 0; f < 2; f++)
        {
          GByteArray *frame = g_byte_array_new ();
          le24 (frame, 4);                  /* x / 2 */
          le24 (frame, 0);
          le24 (frame, 31);                 /* width − 1 */
          le24 (frame, 15);
          le24 (frame, 100 + f);            /* duration, ms */
          tu_bytes (frame, "\x02", 1);      /* no blending */
          vp8l_chunk (frame, 32, 16, FALSE);
          rb_chunk (a, "ANMF", frame->data, frame->len);
          g_byte_array_unref (frame);
        }
      g_byte_array_unref (c);
    }
  rb_end (a, riff);
  return a;
}

static void
icon_chunk (GByteArray *a)
{
  GByteArray *c = g_byte_array_new ();
  rb_le16 (c, 0);
  rb_le16 (c, 2);           /* cursor */
  rb_le16 (c, 1);
  tu_bytes (c, "\x20\x20\0\0", 4);   /* 32×32 */
  rb_le16 (c, 5);           /* hot spot */
  rb_le16 (c, 6);
  tu_le32 (c, 4);
  tu_le32 (c, 22);
  rb_zeros (c, 4);
  rb_chunk (a, "icon", c->data, c->len);
  g_byte_array_unref (c);
}

static GByteArray *
make_acon (void)
{
  GByteArray *a = g_byte_array_new ();
  GByteArray *c = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "ACON");
  guint list = rb_begin (a, "LIST", "INFO");
  guint fram;

  rb_chunk (a, "INAM", "Busy\0", 5);
  rb_end (a, list);
  tu_le32 (c, 36);
  tu_le32 (c, 2);           /* frames */
  tu_le32 (c, 3);           /* steps */
  rb_zeros (c, 16);
  tu_le32 (c, 10);          /* jiffies */
  tu_le32 (c, 3);           /* AF_ICON | AF_SEQUENCE */
  rb_chunk (a, "anih", c->data, c->len);
  g_byte_array_set_size (c, 0);
  tu_le32 (c, 10); tu_le32 (c, 20); tu_le32 (c, 30);
  rb_chunk (a, "rate", c->data, c->len);
  g_byte_array_set_size (c, 0);
  tu_le32 (c, 0); tu_le32 (c, 1); tu_le32 (c, 0);
  rb_chunk (a, "seq ", c->data, c->len);
  fram = rb_begin (a, "LIST", "fram");
  icon_chunk (a);
  icon_chunk (a);
  rb_end (a, fram);
  rb_end (a, riff);
  g_byte_array_unref (c);
  return a;
}

static GByteArray *
make_unknown_riff (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "ZZZZ");
  rb_chunk (a, "abcd", "1234", 4);
  rb_end (a, riff);
  return a;
}

/* ---- Helpers ------------------------------------------------------------ */

static FOURCC
identify_mem (GByteArray *a)
{
  MMIOINFO info;
  MMFORMATINFO fi;
  FOURCC ss = 0;

  memset (&info, 0, sizeof info);
  memset (&fi, 0, sizeof fi);
  info.fccIOProc = FOURCC_MEM;
  info.pchBuffer = (HPSTR) a->data;
  info.cchBuffer = a->len;
  g_assert_cmpuint (mmioIdentifyFile (NULL, &info, &fi, &ss, 0, 0), ==,
                    MMIO_SUCCESS);
  g_assert_cmpuint (ss, ==, FOURCC_MEM);
  return fi.fccIOProc;
}

static MmioTree *
walk_bytes (GByteArray *a, MMRESULT expect)
{
  HMMIO h = rb_open_mem (a);
  MmioTree *t;
  g_assert_cmpint (mmio_tree_walk (h, NULL, &t), ==, expect);
  mmioClose (h, 0);
  return t;
}

/* The n-th node (0-based) with this chunk id (and list type, for lists). */
static MmioNodeId
find (MmioTree *t, const char *id, const char *type, guint nth)
{
  for (ULONG i = 0; i < mmio_tree_n_nodes (t); i++)
    {
      MmioNode n;
      mmio_tree_get_node (t, i, &n);
      if (n.ckid == FCC (id) && (type == NULL || n.fccType == FCC (type))
          && nth-- == 0)
        return i;
    }
  g_error ("no node %s", id);
  return MMIO_NODE_NONE;
}

static void
assert_field (MmioTree *t, MmioNodeId node, const char *key, const char *value)
{
  const char *v = mmio_tree_field_value (t, node, key);
  if (v == NULL)
    g_error ("node %u has no field %s", node, key);
  g_assert_cmpstr (v, ==, value);
}

static gboolean
node_has_rule (MmioTree *t, MmioNodeId node, const char *rule)
{
  MmioFinding f;
  for (ULONG i = 0; mmio_tree_node_get_finding (t, node, i, &f); i++)
    if (strcmp (f.rule, rule) == 0)
      return TRUE;
  return FALSE;
}

/* ---- MMFORMATINFO ------------------------------------------------------- */

static void
test_format_info (void)
{
  static const struct
  {
    const char *fcc;
    ULONG media;
    const char *ext;
    const char *name;
  } expect[] = {
    { "AVI ", MMIO_MEDIATYPE_DIGITALVIDEO, "avi", "AVI video" },
    { "MIDI", MMIO_MEDIATYPE_MIDI, "mid", "MIDI sequence" },
    { "sfbk", MMIO_MEDIATYPE_AUDIO, "sf2", "SoundFont 2 bank" },
    { "WEBP", MMIO_MEDIATYPE_IMAGE, "webp", "WebP image" },
    { "ACON", MMIO_MEDIATYPE_ANIMATION, "ani", "Animated cursor" },
    { "RIFF", MMIO_MEDIATYPE_UNKNOWN, "riff", "RIFF file (generic)" },
  };
  const ULONG caps = MMIO_CANREADUNTRANSLATED | MMIO_CANWRITEUNTRANSLATED
                     | MMIO_CANREADWRITEUNTRANSLATED | MMIO_CANSEEKUNTRANSLATED;

  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      MMFORMATINFO crit, fi[2];
      LONG count = 0, read = 0, got = 0;
      char name[64];

      memset (&crit, 0, sizeof crit);
      crit.ulStructLen = sizeof crit;
      crit.fccIOProc = FCC (expect[i].fcc);
      g_assert_cmpuint (mmioQueryFormatCount (&crit, &count, 0, 0), ==, 0);
      g_assert_cmpint (count, ==, 1);
      memset (fi, 0x5a, sizeof fi);
      g_assert_cmpuint (mmioGetFormats (&crit, 2, fi, &read, 0, 0), ==, 0);
      g_assert_cmpint (read, ==, 1);
      g_assert_cmpuint (fi[0].ulStructLen, ==, sizeof (MMFORMATINFO));
      g_assert_cmpuint (fi[0].fccIOProc, ==, FCC (expect[i].fcc));
      g_assert_cmpuint (fi[0].ulIOProcType, ==, MMIO_IOPROC_FILEFORMAT);
      g_assert_cmpuint (fi[0].ulMediaType, ==, expect[i].media);
      g_assert_cmpuint (fi[0].ulFlags, ==, caps);
      g_assert_cmpstr (fi[0].szDefaultFormatExt, ==, expect[i].ext);
      g_assert_cmpuint (fi[0].ulCodePage, ==, 1208);
      g_assert_cmpuint (fi[0].ulLanguage, ==, 0);
      g_assert_cmpint (fi[0].lNameLength, ==, strlen (expect[i].name));

      memset (name, 0, sizeof name);
      g_assert_cmpuint (mmioGetFormatName (&fi[0], name, &got, 0, 0), ==, 0);
      g_assert_cmpint (got, ==, strlen (expect[i].name));
      g_assert_cmpstr (name, ==, expect[i].name);
      /* The name is cut to the buffer, not overrun. */
      fi[0].lNameLength = 3;
      memset (name, 0, sizeof name);
      g_assert_cmpuint (mmioGetFormatName (&fi[0], name, &got, 0, 0), ==, 0);
      g_assert_cmpint (got, ==, 3);
      g_assert_cmpmem (name, 3, expect[i].name, 3);
      g_assert_cmpint (name[3], ==, 0);
    }
}

/* The media type criterion finds each of them by what it holds. */
static void
test_format_by_media (void)
{
  MMFORMATINFO crit, fi[16];
  LONG read = 0;
  gboolean found = FALSE;

  memset (&crit, 0, sizeof crit);
  crit.ulStructLen = sizeof crit;
  crit.ulMediaType = MMIO_MEDIATYPE_ANIMATION;
  crit.ulIOProcType = MMIO_IOPROC_FILEFORMAT;
  g_assert_cmpuint (mmioGetFormats (&crit, 16, fi, &read, 0, 0), ==, 0);
  for (LONG i = 0; i < read; i++)
    {
      g_assert_true (fi[i].ulMediaType & MMIO_MEDIATYPE_ANIMATION);
      found |= fi[i].fccIOProc == FCC ("ACON");
    }
  g_assert_true (found);
}

/* ---- Identification ----------------------------------------------------- */

static void
test_identify_generated (void)
{
  struct { GByteArray *bytes; const char *fcc; } files[] = {
    { make_avi (), "AVI " },
    { make_rmid (), "MIDI" },
    { rb_smf (2, 2), "MIDI" },
    { make_sf2 (FALSE), "sfbk" },
    { make_webp (0), "WEBP" },
    { make_webp (1), "WEBP" },
    { make_webp (2), "WEBP" },
    { make_acon (), "ACON" },
    { make_unknown_riff (), "RIFF" },
  };
  GByteArray *text = g_byte_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_assert_cmpuint (identify_mem (files[i].bytes), ==, FCC (files[i].fcc));
      g_byte_array_unref (files[i].bytes);
    }
  /* Nobody claims plain text: the storage system answers. */
  tu_bytes (text, "just some text, no chunks", 25);
  g_assert_cmpuint (identify_mem (text), ==, FOURCC_MEM);
  g_byte_array_unref (text);
}

/* Each IOProc answers MMIOM_IDENTIFYFILE itself: yes for its own data, no
 * for the others', and leaves the position where it found it. */
static void
test_identify_direct (void)
{
  const char *fccs[] = { "AVI ", "MIDI", "sfbk", "WEBP", "ACON", "RIFF" };
  GByteArray *files[] = { make_avi (), rb_smf (1, 1), make_sf2 (FALSE),
                          make_webp (2), make_acon (), make_unknown_riff () };

  for (guint p = 0; p < G_N_ELEMENTS (fccs); p++)
    {
      LPMMIOPROC proc = mmioInstallIOProc (FCC (fccs[p]), NULL, MMIO_FINDPROC);
      g_assert_nonnull (proc);
      for (guint f = 0; f < G_N_ELEMENTS (files); f++)
        {
          HMMIO h = rb_open_mem (files[f]);
          MMIOINFO scratch = { 0 };
          LRESULT r;
          gboolean riff = files[f]->data[0] == 'R';
          gboolean want = p == f || (p == 5 && riff);

          g_assert_cmpint (mmioSeek (h, 7, SEEK_SET), ==, 7);
          r = proc ((LPSTR) &scratch, MMIOM_IDENTIFYFILE, 0, (LPARAM) h);
          g_assert_cmpint (r, ==, want ? MMIO_SUCCESS : MMIO_ERROR);
          g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 7);
          mmioClose (h, 0);
        }
      /* No handle, or a file too short to tell: no. */
      {
        MMIOINFO scratch = { 0 };
        GByteArray *tiny = g_byte_array_new ();
        HMMIO h;
        tu_bytes (tiny, "RIFF", 4);
        h = rb_open_mem (tiny);
        g_assert_cmpint (proc ((LPSTR) &scratch, MMIOM_IDENTIFYFILE, 0, 0), ==,
                         MMIO_ERROR);
        g_assert_cmpint (proc ((LPSTR) &scratch, MMIOM_IDENTIFYFILE, 0,
                               (LPARAM) h), ==, MMIO_ERROR);
        mmioClose (h, 0);
        g_byte_array_unref (tiny);
      }
    }
  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    g_byte_array_unref (files[f]);
}

/* ---- Untranslated access through the IOProc ---------------------------- */

static void
test_open_through_ioproc (void)
{
  const char *fccs[] = { "AVI ", "MIDI", "sfbk", "WEBP", "ACON", "RIFF" };
  GByteArray *files[] = { make_avi (), make_rmid (), make_sf2 (FALSE),
                          make_webp (2), make_acon (), make_unknown_riff () };

  for (guint i = 0; i < G_N_ELEMENTS (fccs); i++)
    {
      char *name = g_strdup_printf ("open-%u.bin", i);
      char *path = tu_path (name);
      MMIOINFO info;
      HMMIO h;
      guint8 *buf = g_malloc (files[i]->len + 16);
      MMCKINFO ck = { 0 };
      MmioTree *t;

      tu_write_file (path, files[i]->data, files[i]->len);
      memset (&info, 0, sizeof info);
      info.fccIOProc = FCC (fccs[i]);
      h = mmioOpen (path, &info, MMIO_READ);
      g_assert_nonnull (h);
      g_assert_cmpint (mmioRead (h, (HPSTR) buf, files[i]->len + 16), ==,
                       files[i]->len);
      g_assert_cmpmem (buf, files[i]->len, files[i]->data, files[i]->len);
      g_assert_cmpint (mmioSeek (h, 8, SEEK_SET), ==, 8);
      g_assert_cmpint (mmioRead (h, (HPSTR) buf, 4), ==, 4);
      g_assert_cmpmem (buf, 4, files[i]->data + 8, 4);
      g_assert_cmpint (mmioSeek (h, 0, SEEK_SET), ==, 0);
      g_assert_cmpuint (mmioDescend (h, &ck, NULL, 0), ==, 0);
      g_assert_cmpuint (ck.ckid, ==, FOURCC_RIFF);
      g_assert_cmpint (ck.cksize, ==, GUINT32_FROM_LE (*(guint32 *) (files[i]->data + 4)));
      /* Messages it does not know go down to the storage IOProc. */
      g_assert_cmpint (mmioSendMessage (h, MMIOM_USER + 7, 0, 0), ==,
                       MMIOERR_UNSUPPORTED_MESSAGE);
      /* A walk over this handle is described by its own IOProc. */
      g_assert_cmpint (mmio_tree_walk (h, NULL, &t), ==, MMSYSERR_NOERROR);
      g_assert_cmpuint (mmio_tree_format (t), ==, FCC (fccs[i]));
      mmio_tree_free (t);
      g_assert_cmpuint (mmioClose (h, 0), ==, 0);

      /* A missing file: the child's error comes back. */
      memset (&info, 0, sizeof info);
      info.fccIOProc = FCC (fccs[i]);
      g_assert_null (mmioOpen ((LPSTR) "/nonexistent/riffscope.bin", &info,
                               MMIO_READ));
      g_assert_cmpuint (info.wErrorRet, !=, 0);
      g_free (buf);
      g_free (path);
      g_free (name);
      g_byte_array_unref (files[i]);
    }
}

/* ---- Describers ---------------------------------------------------------- */

static void
test_describe_avi (void)
{
  GByteArray *a = make_avi ();
  MmioTree *t = walk_bytes (a, MMSYSERR_NOERROR);
  MmioNodeId n;

  g_assert_cmpuint (mmio_tree_format (t), ==, FCC ("AVI "));
  g_assert_cmpuint (mmio_tree_count_rule (t, MMIO_RULE_DUPLICATE_RIFF), ==, 0);
  n = find (t, "avih", NULL, 0);
  assert_field (t, n, "microseconds-per-frame", "40000");
  assert_field (t, n, "frame-rate", "25.000");
  assert_field (t, n, "total-frames", "2");
  assert_field (t, n, "streams", "2");
  assert_field (t, n, "width", "320");
  assert_field (t, n, "height", "240");
  assert_field (t, n, "flags", "0x00000010 HASINDEX");
  assert_field (t, n, "duration", "0.080");
  n = find (t, "strh", NULL, 0);
  assert_field (t, n, "stream-type", "vids (video)");
  assert_field (t, n, "handler", "MJPG");
  assert_field (t, n, "samples-per-second", "25.000");
  assert_field (t, n, "length", "3");
  assert_field (t, n, "frame", "0,0–320,240");
  n = find (t, "strf", NULL, 0);
  assert_field (t, n, "width", "320");
  assert_field (t, n, "height", "240");
  assert_field (t, n, "bit-count", "24");
  assert_field (t, n, "compression", "MJPG");
  assert_field (t, find (t, "strn", NULL, 0), "stream-name", "Video");
  n = find (t, "indx", NULL, 0);
  assert_field (t, n, "index-type", "index of indexes");
  assert_field (t, n, "entries-in-use", "1");
  assert_field (t, n, "chunk-id", "00dc");
  n = find (t, "strh", NULL, 1);
  assert_field (t, n, "stream-type", "auds (audio)");
  g_assert_true (node_has_rule (t, n, "avi-zero-scale"));
  n = find (t, "strf", NULL, 1);
  assert_field (t, n, "channels", "2");
  assert_field (t, n, "sample-rate", "44100");
  assert_field (t, n, "format-tag", "0x0001 (PCM)");
  assert_field (t, find (t, "dmlh", NULL, 0), "total-frames", "3");
  n = find (t, "idx1", NULL, 0);
  assert_field (t, n, "entries", "3");
  assert_field (t, n, "key-frames", "2");
  /* The frames themselves are nobody's business. */
  g_assert_cmpuint (mmio_tree_n_fields (t, find (t, "00dc", NULL, 0)), ==, 0);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_describe_avi_broken (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "AVI ");
  guint8 z[64] = { 0 };
  MmioTree *t;
  MmioNodeId n;

  rb_chunk (a, "avih", z, 20);                 /* too short for its header */
  rb_chunk (a, "idx1", z, 20);                 /* not whole 16-byte entries */
  rb_end (a, riff);
  t = walk_bytes (a, MMSYSERR_NOERROR);
  n = find (t, "avih", NULL, 0);
  g_assert_true (node_has_rule (t, n, "chunk-too-short"));
  g_assert_cmpuint (mmio_tree_n_fields (t, n), ==, 0);
  n = find (t, "idx1", NULL, 0);
  assert_field (t, n, "entries", "1");
  g_assert_true (node_has_rule (t, n, "record-size"));
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_describe_midi (void)
{
  GByteArray *a = rb_smf (2, 2);
  MmioTree *t = walk_bytes (a, MMSYSERR_NOERROR);
  MmioNodeId n;

  g_assert_cmpuint (mmio_tree_format (t), ==, FCC ("MIDI"));
  n = find (t, "MThd", NULL, 0);
  assert_field (t, n, "format", "1 (simultaneous tracks)");
  assert_field (t, n, "tracks", "2");
  assert_field (t, n, "division", "96");
  n = find (t, "MTrk", NULL, 0);
  assert_field (t, n, "tempo", "500000");
  assert_field (t, n, "bpm", "120.00");
  assert_field (t, n, "events", "4");
  assert_field (t, n, "length-ticks", "96");
  g_assert_cmpuint (mmio_tree_node_n_findings (t, n), ==, 0);
  mmio_tree_free (t);
  g_byte_array_unref (a);

  /* RMID: the same decoders on the SMF inside the 'data' chunk. */
  a = make_rmid ();
  t = walk_bytes (a, MMSYSERR_NOERROR);
  g_assert_cmpuint (mmio_tree_format (t), ==, FCC ("MIDI"));
  assert_field (t, find (t, "data", NULL, 0), "contents", "Standard MIDI File");
  assert_field (t, find (t, "MThd", NULL, 0), "tracks", "1");
  assert_field (t, find (t, "MTrk", NULL, 0), "bpm", "120.00");
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_describe_midi_broken (void)
{
  GByteArray *a = g_byte_array_new ();
  MmioTree *t;
  static const guint8 bad_track[] = {
    0x00, 0x3C, 0x40,               /* data byte with no status before it */
  };
  static const guint8 no_end[] = { 0x00, 0x90, 0x3C, 0x40 };

  tu_fourcc (a, "MThd");
  rb_be32 (a, 6);
  rb_be16 (a, 0);
  rb_be16 (a, 2);                   /* format 0 with two tracks */
  rb_be16 (a, 0xE728);              /* SMPTE −25 fps, 40 ticks */
  tu_fourcc (a, "MTrk");
  rb_be32 (a, sizeof bad_track);
  tu_bytes (a, bad_track, sizeof bad_track);
  tu_fourcc (a, "MTrk");
  rb_be32 (a, sizeof no_end);
  tu_bytes (a, no_end, sizeof no_end);
  t = walk_bytes (a, MMSYSERR_NOERROR);
  g_assert_true (node_has_rule (t, find (t, "MThd", NULL, 0), "smf-format"));
  assert_field (t, find (t, "MThd", NULL, 0), "division",
                "25 frames/s × 40 ticks");
  g_assert_true (node_has_rule (t, find (t, "MTrk", NULL, 0), "smf-bad-event"));
  g_assert_true (node_has_rule (t, find (t, "MTrk", NULL, 1), "smf-no-end"));
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_describe_sf2 (void)
{
  GByteArray *a = make_sf2 (FALSE);
  MmioTree *t = walk_bytes (a, MMSYSERR_NOERROR);
  MmioNodeId n;

  g_assert_cmpuint (mmio_tree_format (t), ==, FCC ("sfbk"));
  assert_field (t, find (t, "ifil", NULL, 0), "ifil", "2.01");
  assert_field (t, find (t, "isng", NULL, 0), "isng", "EMU8000");
  assert_field (t, find (t, "INAM", NULL, 0), "INAM", "Test bank");
  assert_field (t, find (t, "smpl", NULL, 0), "sample-points", "8");
  n = find (t, "phdr", NULL, 0);
  assert_field (t, n, "records", "2");
  assert_field (t, n, "presets", "1");
  assert_field (t, n, "first-name", "Piano");
  assert_field (t, n, "first-preset", "bank 0, program 5");
  g_assert_cmpuint (mmio_tree_node_n_findings (t, n), ==, 0);
  assert_field (t, find (t, "pbag", NULL, 0), "preset-zones", "1");
  assert_field (t, find (t, "pmod", NULL, 0), "preset-modulators", "0");
  assert_field (t, find (t, "pgen", NULL, 0), "preset-generators", "1");
  assert_field (t, find (t, "inst", NULL, 0), "instruments", "1");
  assert_field (t, find (t, "ibag", NULL, 0), "instrument-zones", "1");
  assert_field (t, find (t, "imod", NULL, 0), "instrument-modulators", "0");
  assert_field (t, find (t, "igen", NULL, 0), "instrument-generators", "1");
  n = find (t, "shdr", NULL, 0);
  assert_field (t, n, "samples", "1");
  assert_field (t, n, "first-name", "Sample1");
  assert_field (t, n, "first-sample-rate", "22050");
  mmio_tree_free (t);
  g_byte_array_unref (a);

  a = make_sf2 (TRUE);
  t = walk_bytes (a, MMSYSERR_NOERROR);
  g_assert_true (node_has_rule (t, find (t, "phdr", NULL, 0), "sf2-terminal-name"));
  g_assert_true (node_has_rule (t, find (t, "igen", NULL, 0), "record-size"));
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_describe_webp (void)
{
  GByteArray *a = make_webp (0);
  MmioTree *t = walk_bytes (a, MMSYSERR_NOERROR);
  MmioNodeId n;

  g_assert_cmpuint (mmio_tree_format (t), ==, FCC ("WEBP"));
  n = find (t, "VP8 ", NULL, 0);
  assert_field (t, n, "coding", "lossy (VP8)");
  assert_field (t, n, "key-frame", "yes");
  assert_field (t, n, "width", "100");
  assert_field (t, n, "height", "50");
  n = find (t, "RIFF", NULL, 0);
  assert_field (t, n, "kind", "simple lossy");
  assert_field (t, n, "frames", "1");
  mmio_tree_free (t);
  g_byte_array_unref (a);

  a = make_webp (1);
  t = walk_bytes (a, MMSYSERR_NOERROR);
  n = find (t, "VP8L", NULL, 0);
  assert_field (t, n, "width", "640");
  assert_field (t, n, "height", "480");
  assert_field (t, n, "alpha", "yes");
  assert_field (t, find (t, "RIFF", NULL, 0), "kind", "simple lossless");
  mmio_tree_free (t);
  g_byte_array_unref (a);

  a = make_webp (2);
  t = walk_bytes (a, MMSYSERR_NOERROR);
  n = find (t, "VP8X", NULL, 0);
  assert_field (t, n, "animated", "yes");
  assert_field (t, n, "canvas-width", "64");
  assert_field (t, n, "canvas-height", "32");
  assert_field (t, n, "features", "0x12 alpha, animation");
  n = find (t, "ANIM", NULL, 0);
  assert_field (t, n, "loops", "forever");
  assert_field (t, n, "background", "#102030FF");
  n = find (t, "ANMF", NULL, 1);
  assert_field (t, n, "x", "8");
  assert_field (t, n, "frame-width", "32");
  assert_field (t, n, "frame-height", "16");
  assert_field (t, n, "duration", "101");
  assert_field (t, n, "blend", "none");
  assert_field (t, n, "frame-chunk", "VP8L");
  assert_field (t, n, "width", "32");
  n = find (t, "RIFF", NULL, 0);
  assert_field (t, n, "kind", "extended");
  assert_field (t, n, "frames", "2");
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_describe_webp_broken (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "WEBP");
  static const guint8 inter[] = { 0x11, 0, 0, 0x9D, 0x01, 0x2A, 1, 0, 1, 0 };
  MmioTree *t;

  rb_chunk (a, "VP8 ", inter, sizeof inter);   /* not a key frame */
  rb_chunk (a, "VP8X", "\0\0", 2);             /* too short */
  rb_end (a, riff);
  t = walk_bytes (a, MMSYSERR_NOERROR);
  g_assert_true (node_has_rule (t, find (t, "VP8 ", NULL, 0), "webp-not-key-frame"));
  g_assert_true (node_has_rule (t, find (t, "VP8X", NULL, 0), "chunk-too-short"));
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_describe_acon (void)
{
  GByteArray *a = make_acon ();
  MmioTree *t = walk_bytes (a, MMSYSERR_NOERROR);
  MmioNodeId n;

  g_assert_cmpuint (mmio_tree_format (t), ==, FCC ("ACON"));
  n = find (t, "anih", NULL, 0);
  assert_field (t, n, "frames", "2");
  assert_field (t, n, "steps", "3");
  assert_field (t, n, "display-rate", "10");
  assert_field (t, n, "display-ms", "166.7");
  assert_field (t, n, "flags", "0x00000003 AF_ICON AF_SEQUENCE");
  g_assert_cmpuint (mmio_tree_node_n_findings (t, n), ==, 0);
  assert_field (t, find (t, "rate", NULL, 0), "rates", "10 20 30");
  assert_field (t, find (t, "seq ", NULL, 0), "sequence", "0 1 0");
  assert_field (t, find (t, "LIST", "fram", 0), "frames", "2");
  n = find (t, "icon", NULL, 1);
  assert_field (t, n, "icon-type", "cursor");
  assert_field (t, n, "width", "32");
  assert_field (t, n, "hotspot", "5,6");
  /* The INFO list of an ACON falls to the generic describer. */
  assert_field (t, find (t, "INAM", NULL, 0), "INAM", "Busy");
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_describe_generic (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "ZZZZ");
  guint list = rb_begin (a, "LIST", "INFO");
  GByteArray *c = g_byte_array_new ();
  MmioTree *t;
  MmioField f;
  MmioNodeId n;

  rb_chunk (a, "ICMT", "caf\xe9\0", 5);        /* Latin-1 text */
  rb_chunk (a, "IXYZ", "other\0", 6);
  rb_end (a, list);
  rb_le16 (c, 1252);
  rb_le16 (c, 49);
  rb_le16 (c, 7);
  rb_le16 (c, 1);
  rb_chunk (a, "CSET", c->data, c->len);
  rb_chunk (a, "JUNK", "\0\0\0\0\0\0", 6);
  list = rb_begin (a, "LIST", "adtl");
  g_byte_array_set_size (c, 0);
  tu_le32 (c, 3);
  tu_bytes (c, "Verse\0", 6);
  rb_chunk (a, "labl", c->data, c->len);
  rb_end (a, list);
  rb_chunk (a, "what", "?", 1);
  rb_end (a, riff);

  t = walk_bytes (a, MMSYSERR_NOERROR);
  g_assert_cmpuint (mmio_tree_format (t), ==, FOURCC_RIFF);
  n = find (t, "ICMT", NULL, 0);
  assert_field (t, n, "ICMT", "café");
  g_assert_true (mmio_tree_get_field (t, n, 0, &f));
  g_assert_cmpstr (f.label, ==, "Comments");
  assert_field (t, find (t, "IXYZ", NULL, 0), "IXYZ", "other");
  n = find (t, "CSET", NULL, 0);
  assert_field (t, n, "code-page", "1252");
  assert_field (t, n, "country", "49");
  assert_field (t, find (t, "JUNK", NULL, 0), "filler", "6");
  n = find (t, "labl", NULL, 0);
  assert_field (t, n, "cue-id", "3");
  assert_field (t, n, "text", "Verse");
  g_assert_cmpuint (mmio_tree_n_fields (t, find (t, "what", NULL, 0)), ==, 0);
  mmio_tree_free (t);
  g_byte_array_unref (c);
  g_byte_array_unref (a);
}

static void
check_field (MMIOFIELDSINK *sink, const char *key, const char *label,
             const char *value, const char *unit)
{
  g_assert_nonnull (key);
  g_assert_nonnull (label);
  g_assert_nonnull (value);
  g_assert_true (g_utf8_validate (value, -1, NULL));
  g_assert_true (unit == NULL || g_utf8_validate (unit, -1, NULL));
}

static void
check_finding (MMIOFIELDSINK *sink, const char *rule, const char *message)
{
  g_assert_nonnull (rule);
  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
}

/* Every describer over truncated and random data: never a crash, and only
 * the bytes given are read (the sanitizer build checks that). */
static void
test_describers_hostile (void)
{
  const char *fccs[] = { "AVI ", "MIDI", "sfbk", "WEBP", "ACON", "RIFF" };
  const char *ids[] = { "avih", "strh", "strf", "idx1", "indx", "ix00",
                        "dmlh", "MThd", "MTrk", "data", "ifil", "phdr",
                        "shdr", "smpl", "VP8 ", "VP8L", "VP8X", "ANIM",
                        "ANMF", "ALPH", "anih", "rate", "seq ", "icon",
                        "INAM", "CSET", "DISP", "labl", "ltxt", "id3 ",
                        "JUNK", "RIFF", "LIST" };
  const char *forms[] = { "AVI ", "RMID", "sfbk", "WEBP", "ACON", "ZZZZ" };
  const char *parents[] = { "INFO", "pdta", "sdta", "movi", "adtl", "fram" };
  GRand *r = g_rand_new_with_seed (1234);
  guint8 buf[96];

  for (guint p = 0; p < G_N_ELEMENTS (fccs); p++)
    {
      LPMMIOPROC proc = mmioInstallIOProc (FCC (fccs[p]), NULL, MMIO_FINDPROC);
      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        for (guint len = 0; len <= sizeof buf; len += 3)
          {
            MMIOCHUNKDESC d = { sizeof d };
            guint8 *data = g_malloc (len ? len : 1);   /* exact size for ASan */
            MMIOINFO scratch = { 0 };
            MMIOFIELDSINK *sink;

            for (guint k = 0; k < sizeof buf; k++)
              buf[k] = (guint8) g_rand_int (r);
            memcpy (data, buf, len);
            d.ckid = FCC (ids[i]);
            d.fccType = (i >= 31) ? FCC (parents[len % 6]) : 0;
            d.fccForm = FCC (forms[(len / 3) % 6]);
            d.fccParent = FCC (parents[(len / 7) % 6]);
            d.lSize = g_rand_boolean (r) ? len : g_rand_int (r);
            d.pData = len ? data : NULL;
            d.cbData = len;
            sink = g_new0 (MMIOFIELDSINK, 1);
            /* Half the time a bare sink: describers must cope with it. */
            if ((len / 3 + i) % 2)
              {
                sink->AddField = check_field;
                sink->AddFinding = check_finding;
              }
            proc ((LPSTR) &scratch, MMIOM_DESCRIBECHUNK, (LPARAM) &d,
                  (LPARAM) sink);
            g_free (sink);
            g_free (data);
          }
      /* Bad descriptors are refused. */
      {
        MMIOINFO scratch = { 0 };
        MMIOFIELDSINK sink = { 0 };
        MMIOCHUNKDESC d = { sizeof d };
        d.cbData = 10;                  /* but no data */
        g_assert_cmpint (proc ((LPSTR) &scratch, MMIOM_DESCRIBECHUNK, 0,
                               (LPARAM) &sink), ==, MMIO_ERROR);
        g_assert_cmpint (proc ((LPSTR) &scratch, MMIOM_DESCRIBECHUNK,
                               (LPARAM) &d, (LPARAM) &sink), ==, MMIO_ERROR);
      }
    }
  g_rand_free (r);
}

/* ---- Conformance -------------------------------------------------------- */

/* The project's IOProc conformance checker finds nothing to say about any
 * of them, each over a sample file of its own format. */
static void
test_conformance (void)
{
  const char *fccs[] = { "AVI ", "MIDI", "sfbk", "WEBP", "ACON", "RIFF" };
  GByteArray *files[] = { make_avi (), rb_smf (1, 1), make_sf2 (FALSE),
                          make_webp (2), make_acon (), make_unknown_riff () };

  for (guint i = 0; i < G_N_ELEMENTS (fccs); i++)
    {
      char *name = g_strdup_printf ("conform-%u.bin", i);
      char *path = tu_path (name);
      MMIOCHECKPARAMS p = { sizeof p };
      MMIOCHECKREPORT *rep = NULL;

      tu_write_file (path, files[i]->data, files[i]->len);
      p.fccIOProc = FCC (fccs[i]);
      p.pszSample = path;
      g_assert_cmpuint (mmioCheckIOProc (&p, &rep), ==, MMIO_SUCCESS);
      g_assert_nonnull (rep);
      for (ULONG k = 0; k < rep->cFindings; k++)
        g_printerr ("%s: [%s] %s — %s\n", fccs[i], rep->pFindings[k].pszRule,
                    rep->pFindings[k].pszMessage, rep->pFindings[k].pszCall);
      g_assert_cmpuint (rep->cFindings, ==, 0);
      g_assert_cmpuint (rep->cRulesChecked, >, 20);
      g_assert_cmpint (rep->iSignal, ==, 0);
      g_assert_false (rep->fTimedOut);
      mmioCheckReportFree (rep);
      g_free (path);
      g_free (name);
      g_byte_array_unref (files[i]);
    }
}

/* ---- Real files ------------------------------------------------------- */

static void
test_real_soundfont (void)
{
  const char *p = "/usr/share/sounds/sf2/TimGM6mb.sf2";
  MMFORMATINFO fi = { 0 };
  HMMIO h;
  MmioTree *t;
  const char *v;

  if (!g_file_test (p, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("timgm6mb-soundfont not installed");
      return;
    }
  g_assert_cmpuint (mmioIdentifyFile ((PSZ) p, NULL, &fi, NULL, 0, 0), ==, 0);
  g_assert_cmpuint (fi.fccIOProc, ==, FCC ("sfbk"));
  h = mmioOpen ((LPSTR) p, NULL, MMIO_READ);
  g_assert_cmpint (mmio_tree_walk (h, NULL, &t), ==, MMSYSERR_NOERROR);
  g_assert_cmpuint (mmio_tree_format (t), ==, FCC ("sfbk"));
  v = mmio_tree_field_value (t, find (t, "ifil", NULL, 0), "ifil");
  g_assert_true (g_str_has_prefix (v, "2."));
  v = mmio_tree_field_value (t, find (t, "phdr", NULL, 0), "presets");
  g_assert_cmpint (atoi (v), >=, 128);
  v = mmio_tree_field_value (t, find (t, "shdr", NULL, 0), "samples");
  g_assert_cmpint (atoi (v), >, 0);
  g_assert_nonnull (mmio_tree_field_value (t, find (t, "smpl", NULL, 0),
                                           "sample-points"));
  mmio_tree_free (t);
  mmioClose (h, 0);
}

static void
test_real_avi_ffmpeg (void)
{
  char *ffmpeg = g_find_program_in_path ("ffmpeg");
  char *path = tu_path ("testsrc.avi");
  char *argv[] = { ffmpeg, (char *) "-v", (char *) "error", (char *) "-y",
                   (char *) "-f", (char *) "lavfi", (char *) "-i",
                   (char *) "testsrc=d=1:s=320x240:r=10",
                   (char *) "-f", (char *) "lavfi", (char *) "-i",
                   (char *) "sine=d=1:sample_rate=22050",
                   (char *) "-c:v", (char *) "mjpeg",
                   (char *) "-c:a", (char *) "pcm_s16le",
                   (char *) "-fflags", (char *) "+bitexact", path, NULL };
  int status = 0;
  GError *err = NULL;
  MMFORMATINFO fi = { 0 };
  HMMIO h;
  MmioTree *t;
  MmioNodeId n;

  if (ffmpeg == NULL)
    {
      g_test_skip ("ffmpeg not installed");
      g_free (path);
      return;
    }
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &err));
  g_assert_no_error (err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_assert_cmpuint (mmioIdentifyFile (path, NULL, &fi, NULL, 0, 0), ==, 0);
  g_assert_cmpuint (fi.fccIOProc, ==, FCC ("AVI "));
  h = mmioOpen (path, NULL, MMIO_READ);
  g_assert_cmpint (mmio_tree_walk (h, NULL, &t), ==, MMSYSERR_NOERROR);
  g_assert_cmpuint (mmio_tree_format (t), ==, FCC ("AVI "));
  n = find (t, "avih", NULL, 0);
  assert_field (t, n, "streams", "2");
  assert_field (t, n, "width", "320");
  assert_field (t, n, "height", "240");
  assert_field (t, n, "frame-rate", "10.000");
  assert_field (t, find (t, "strh", NULL, 0), "stream-type", "vids (video)");
  assert_field (t, find (t, "strf", NULL, 0), "compression", "MJPG");
  assert_field (t, find (t, "strh", NULL, 1), "stream-type", "auds (audio)");
  n = find (t, "strf", NULL, 1);
  assert_field (t, n, "channels", "1");
  assert_field (t, n, "sample-rate", "22050");
  g_assert_cmpint (atoi (mmio_tree_field_value (t, find (t, "idx1", NULL, 0),
                                                "entries")), >=, 10);
  mmio_tree_free (t);
  mmioClose (h, 0);
  g_free (ffmpeg);
  g_free (path);
}

static void
test_real_alsa_wav (void)
{
  const char *p = "/usr/share/sounds/alsa/Front_Center.wav";
  MMFORMATINFO fi = { 0 };

  if (!g_file_test (p, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("alsa-utils sounds not installed");
      return;
    }
  /* A WAVE file is none of these IOProcs' business. */
  g_assert_cmpuint (mmioIdentifyFile ((PSZ) p, NULL, &fi, NULL, 0, 0), ==, 0);
  g_assert_cmpuint (fi.fccIOProc, ==, FCC ("WAVE"));

  /* Translated PCM has no chunks: the walker refuses such a handle and
   * walks the same file opened untranslated through the same IOProc. */
  {
    MMIOINFO info;
    HMMIO h;
    MmioTree *t = (MmioTree *) 1;

    memset (&info, 0, sizeof info);
    info.fccIOProc = FCC ("WAVE");
    info.ulTranslate = MMIO_TRANSLATEDATA;
    h = mmioOpen ((LPSTR) p, &info, MMIO_READ);
    g_assert_nonnull (h);
    g_assert_cmpint (mmio_tree_walk (h, NULL, &t), ==, MMSYSERR_INVALPARAM);
    g_assert_null (t);
    mmioClose (h, 0);
    memset (&info, 0, sizeof info);
    info.fccIOProc = FCC ("WAVE");
    h = mmioOpen ((LPSTR) p, &info, MMIO_READ);
    g_assert_nonnull (h);
    g_assert_cmpint (mmio_tree_walk (h, NULL, &t), ==, MMSYSERR_NOERROR);
    g_assert_cmpuint (mmio_tree_format (t), ==, FCC ("WAVE"));
    g_assert_cmpuint (mmio_tree_n_children (t, 0), >=, 2);
    mmio_tree_free (t);
    mmioClose (h, 0);
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/riff-formats/format-info", test_format_info);
  g_test_add_func ("/riff-formats/format-by-media", test_format_by_media);
  g_test_add_func ("/riff-formats/identify-generated", test_identify_generated);
  g_test_add_func ("/riff-formats/identify-direct", test_identify_direct);
  g_test_add_func ("/riff-formats/open-through-ioproc", test_open_through_ioproc);
  g_test_add_func ("/riff-formats/describe/avi", test_describe_avi);
  g_test_add_func ("/riff-formats/describe/avi-broken", test_describe_avi_broken);
  g_test_add_func ("/riff-formats/describe/midi", test_describe_midi);
  g_test_add_func ("/riff-formats/describe/midi-broken", test_describe_midi_broken);
  g_test_add_func ("/riff-formats/describe/sf2", test_describe_sf2);
  g_test_add_func ("/riff-formats/describe/webp", test_describe_webp);
  g_test_add_func ("/riff-formats/describe/webp-broken", test_describe_webp_broken);
  g_test_add_func ("/riff-formats/describe/acon", test_describe_acon);
  g_test_add_func ("/riff-formats/describe/generic", test_describe_generic);
  g_test_add_func ("/riff-formats/describe/hostile", test_describers_hostile);
  g_test_add_func ("/riff-formats/conformance", test_conformance);
  g_test_add_func ("/riff-formats/real/soundfont", test_real_soundfont);
  g_test_add_func ("/riff-formats/real/avi-ffmpeg", test_real_avi_ffmpeg);
  g_test_add_func ("/riff-formats/real/alsa-wav", test_real_alsa_wav);
  return g_test_run ();
}
