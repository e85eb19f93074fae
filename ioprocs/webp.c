/* webp.c — the 'WEBP' IOProc: WebP images (RIFF 'WEBP'). It identifies
 * them, describes itself, gives untranslated byte access through a child
 * storage handle, and decodes for the inspector the bitstream headers:
 * 'VP8 ' (lossy: key frame, size, scaling), 'VP8L' (lossless: size, alpha,
 * version), 'VP8X' (extended: feature flags, canvas), 'ANIM' (background,
 * loops), 'ANMF' (one animation frame: place, size, duration, and the image
 * chunk it wraps), 'ALPH', 'ICCP', 'EXIF', 'XMP '; and on the form itself
 * the frame count, from its children. */
#include "ioprocs.h"
#include "format-util.h"
#include "../engine/mmio-i18n.h"

#include <string.h>

#define FCC(a, b, c, d) mmioFOURCC (a, b, c, d)
#define FCC_WEBP FCC ('W', 'E', 'B', 'P')
#define FCC_VP8  FCC ('V', 'P', '8', ' ')
#define FCC_VP8L FCC ('V', 'P', '8', 'L')
#define FCC_VP8X FCC ('V', 'P', '8', 'X')
#define FCC_ANMF FCC ('A', 'N', 'M', 'F')

static guint32
le24 (const guint8 *p, gint64 n, gint64 off)
{
  return off + 3 <= n ? (guint32) p[off] | ((guint32) p[off + 1] << 8)
                        | ((guint32) p[off + 2] << 16) : 0;
}

static void
vp8_fields (MMIOFIELDSINK *sink, const guint8 *p, gint64 n, gint64 size)
{
  guint32 tag = le24 (p, n, 0);
  gboolean key = n >= 3 && !(tag & 1);

  if (n < 10)
    {
      fu_finding (sink, "chunk-too-short",
                  _("The VP8 bitstream is shorter than its 10-byte header."));
      return;
    }
  fu_field (sink, "coding", _("Coding"), NULL, "%s", _("lossy (VP8)"));
  fu_field (sink, "key-frame", _("Key frame"), NULL, "%s", key ? _("yes") : _("no"));
  fu_field (sink, "vp8-version", _("VP8 version"), NULL, "%u", (tag >> 1) & 7);
  fu_field (sink, "first-partition", _("First partition"), _("bytes"), "%u",
            (tag >> 5) & 0x7FFFF);
  if (!key)
    {
      fu_finding (sink, "webp-not-key-frame",
                  _("A WebP image must be a VP8 key frame."));
      return;
    }
  if (p[3] != 0x9D || p[4] != 0x01 || p[5] != 0x2A)
    {
      fu_finding (sink, "webp-vp8-start-code",
                  _("The VP8 start code 9D 01 2A is missing."));
      return;
    }
  fu_field (sink, "width", _("Width"), _("pixels"), "%u",
            fu_le16 (p, n, 6) & 0x3FFF);
  fu_field (sink, "height", _("Height"), _("pixels"), "%u",
            fu_le16 (p, n, 8) & 0x3FFF);
  if ((fu_le16 (p, n, 6) >> 14) || (fu_le16 (p, n, 8) >> 14))
    fu_field (sink, "scaling", _("Upscaling"), NULL, "%u×%u",
              fu_le16 (p, n, 6) >> 14, fu_le16 (p, n, 8) >> 14);
  if ((gint64) ((tag >> 5) & 0x7FFFF) > size)
    fu_finding (sink, "webp-vp8-partition",
                _("The first VP8 partition is larger than the chunk."));
}

static void
vp8l_fields (MMIOFIELDSINK *sink, const guint8 *p, gint64 n)
{
  guint32 bits = fu_le32 (p, n, 1);

  if (n < 5)
    {
      fu_finding (sink, "chunk-too-short",
                  _("The VP8L bitstream is shorter than its 5-byte header."));
      return;
    }
  fu_field (sink, "coding", _("Coding"), NULL, "%s", _("lossless (VP8L)"));
  if (p[0] != 0x2F)
    fu_finding (sink, "webp-vp8l-signature",
                _("The VP8L signature byte is 0x%02X, not 0x2F."), p[0]);
  fu_field (sink, "width", _("Width"), _("pixels"), "%u", (bits & 0x3FFF) + 1);
  fu_field (sink, "height", _("Height"), _("pixels"), "%u",
            ((bits >> 14) & 0x3FFF) + 1);
  fu_field (sink, "alpha", _("Alpha used"), NULL, "%s",
            (bits >> 28) & 1 ? _("yes") : _("no"));
  if (bits >> 29)
    fu_finding (sink, "webp-vp8l-version",
                _("VP8L version %u is not defined."), bits >> 29);
}

static void
describe_vp8x (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  gint64 n = d->cbData;
  GString *s;

  if (!fu_need (sink, d, 10))
    return;
  s = g_string_new (NULL);
  if (p[0] & 0x20) g_string_append (s, _(" ICC profile,"));
  if (p[0] & 0x10) g_string_append (s, _(" alpha,"));
  if (p[0] & 0x08) g_string_append (s, _(" EXIF,"));
  if (p[0] & 0x04) g_string_append (s, _(" XMP,"));
  if (p[0] & 0x02) g_string_append (s, _(" animation,"));
  if (s->len > 0)
    g_string_truncate (s, s->len - 1);
  fu_field (sink, "features", _("Features"), NULL, "0x%02X%s", p[0], s->str);
  g_string_free (s, TRUE);
  fu_field (sink, "animated", _("Animated"), NULL, "%s",
            p[0] & 0x02 ? _("yes") : _("no"));
  fu_field (sink, "canvas-width", _("Canvas width"), _("pixels"), "%u",
            le24 (p, n, 4) + 1);
  fu_field (sink, "canvas-height", _("Canvas height"), _("pixels"), "%u",
            le24 (p, n, 7) + 1);
}

static void
describe_anmf (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  gint64 n = d->cbData;

  if (!fu_need (sink, d, 16))
    return;
  fu_field (sink, "x", _("Left"), _("pixels"), "%u", le24 (p, n, 0) * 2);
  fu_field (sink, "y", _("Top"), _("pixels"), "%u", le24 (p, n, 3) * 2);
  fu_field (sink, "frame-width", _("Frame width"), _("pixels"), "%u",
            le24 (p, n, 6) + 1);
  fu_field (sink, "frame-height", _("Frame height"), _("pixels"), "%u",
            le24 (p, n, 9) + 1);
  fu_field (sink, "duration", _("Duration"), _("ms"), "%u", le24 (p, n, 12));
  fu_field (sink, "blend", _("Blending"), NULL, "%s",
            p[15] & 2 ? _("none") : _("alpha"));
  fu_field (sink, "dispose", _("Disposal"), NULL, "%s",
            p[15] & 1 ? _("to background") : _("none"));
  /* The frame's own image chunk (after an optional 'ALPH'). */
  for (gint64 at = 16; at + 8 <= n;)
    {
      FOURCC id = fu_le32 (p, n, at);
      guint32 size = fu_le32 (p, n, at + 4);
      gint64 have = MIN ((gint64) size, n - at - 8);
      char txt[5];

      fu_fourcc_text (id, txt);
      if (id == FCC_VP8)
        {
          fu_field (sink, "frame-chunk", _("Frame image"), NULL, "%s", txt);
          vp8_fields (sink, p + at + 8, have, size);
          break;
        }
      if (id == FCC_VP8L)
        {
          fu_field (sink, "frame-chunk", _("Frame image"), NULL, "%s", txt);
          vp8l_fields (sink, p + at + 8, have);
          break;
        }
      at += 8 + (gint64) size + (size & 1);
    }
}

/* The form, described after its children: they say how many frames. */
static void
describe_form (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  guint frames = 0;
  FOURCC first = fu_le32 (d->pData, d->cbData, 0);

  for (gint64 i = 0; i + 4 <= d->cbData; i += 4)
    if (fu_le32 (d->pData, d->cbData, i) == FCC_ANMF)
      frames++;
  fu_field (sink, "kind", _("Kind"), NULL, "%s",
            first == FCC_VP8 ? _("simple lossy")
            : first == FCC_VP8L ? _("simple lossless")
            : first == FCC_VP8X ? _("extended") : _("unknown"));
  fu_field (sink, "frames", _("Frames"), NULL, "%u", frames ? frames : 1);
  if (d->cbData >= 4 && first != FCC_VP8 && first != FCC_VP8L
      && first != FCC_VP8X)
    fu_finding (sink, "webp-first-chunk",
                _("A WebP file starts with 'VP8 ', 'VP8L' or 'VP8X'."));
}

static LRESULT
describe (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  FOURCC id;

  id = d->ckid;
  if (id == FOURCC_RIFF && d->fccType == FCC_WEBP)
    describe_form (d, sink);
  else if (d->fccType != 0 || d->fccForm != FCC_WEBP)
    return MMIOERR_UNSUPPORTED_MESSAGE;
  else if (id == FCC_VP8)
    vp8_fields (sink, d->pData, d->cbData, d->lSize);
  else if (id == FCC_VP8L)
    vp8l_fields (sink, d->pData, d->cbData);
  else if (id == FCC_VP8X)
    describe_vp8x (d, sink);
  else if (id == FCC ('A', 'N', 'I', 'M'))
    {
      guint16 loops;
      if (!fu_need (sink, d, 6))
        return MMIO_SUCCESS;
      loops = fu_le16 (d->pData, d->cbData, 4);
      fu_field (sink, "background", _("Background colour"), NULL,
                "#%02X%02X%02X%02X", d->pData[2], d->pData[1], d->pData[0],
                d->pData[3]);
      if (loops == 0)
        fu_field (sink, "loops", _("Loops"), NULL, "%s", _("forever"));
      else
        fu_field (sink, "loops", _("Loops"), NULL, "%u", loops);
    }
  else if (id == FCC_ANMF)
    describe_anmf (d, sink);
  else if (id == FCC ('A', 'L', 'P', 'H'))
    {
      if (!fu_need (sink, d, 1))
        return MMIO_SUCCESS;
      fu_field (sink, "alpha-compression", _("Alpha compression"), NULL, "%s",
                (d->pData[0] & 3) == 0 ? _("none")
                : (d->pData[0] & 3) == 1 ? _("lossless") : _("unknown"));
      fu_field (sink, "alpha-filter", _("Alpha filter"), NULL, "%u",
                (d->pData[0] >> 2) & 3);
    }
  else if (id == FCC ('I', 'C', 'C', 'P') || id == FCC ('E', 'X', 'I', 'F')
           || id == FCC ('X', 'M', 'P', ' '))
    fu_field (sink, "metadata-size", _("Metadata size"), _("bytes"),
              "%" G_GINT64_FORMAT, d->lSize);
  else
    return MMIOERR_UNSUPPORTED_MESSAGE;
  return MMIO_SUCCESS;
}

static const FuFormat format = {
  .fcc = FCC_WEBP,
  .media = MMIO_MEDIATYPE_IMAGE,
  .ext = "webp",
  .name = N_("WebP image"),
  .describe = describe,
};

LRESULT
mmio_webp_ioproc (LPSTR lpmmioinfo, UINT uMsg, LPARAM lParam1, LPARAM lParam2)
{
  return fu_format_message (&format, lpmmioinfo, uMsg, lParam1, lParam2);
}
