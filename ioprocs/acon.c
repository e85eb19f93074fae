/* acon.c — the 'ACON' IOProc: Windows animated cursors (RIFF 'ACON': an
 * 'anih' header, optional 'rate' and 'seq ' tables, and a LIST 'fram' of
 * 'icon' chunks). It identifies them, describes itself, gives untranslated
 * byte access through a child storage handle, and decodes for the
 * inspector the header, the timing tables, each frame's icon directory and
 * the frame count of the 'fram' list. */
#include "ioprocs.h"
#include "format-util.h"
#include "../engine/mmio-i18n.h"

#include <string.h>

#define FCC(a, b, c, d) mmioFOURCC (a, b, c, d)
#define FCC_ACON FCC ('A', 'C', 'O', 'N')
#define FCC_ICON FCC ('i', 'c', 'o', 'n')

static void
describe_anih (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  gint64 n = d->cbData;
  guint32 rate, flags;

  if (!fu_need (sink, d, 36))
    return;
  rate = fu_le32 (p, n, 28);
  flags = fu_le32 (p, n, 32);
  fu_field (sink, "header-size", _("Header size"), _("bytes"), "%u",
            fu_le32 (p, n, 0));
  fu_field (sink, "frames", _("Frames"), NULL, "%u", fu_le32 (p, n, 4));
  fu_field (sink, "steps", _("Steps"), NULL, "%u", fu_le32 (p, n, 8));
  if (!(flags & 1))
    {
      /* Raw bitmaps: the header gives their size. */
      fu_field (sink, "width", _("Width"), _("pixels"), "%u", fu_le32 (p, n, 12));
      fu_field (sink, "height", _("Height"), _("pixels"), "%u",
                fu_le32 (p, n, 16));
      fu_field (sink, "bit-count", _("Bits per pixel"), NULL, "%u",
                fu_le32 (p, n, 20));
      fu_field (sink, "planes", _("Planes"), NULL, "%u", fu_le32 (p, n, 24));
    }
  fu_field (sink, "display-rate", _("Default step time"), _("jiffies (1/60 s)"),
            "%u", rate);
  fu_field (sink, "display-ms", _("Default step time"), _("ms"), "%.1f",
            rate * 1000.0 / 60.0);
  fu_field (sink, "flags", _("Flags"), NULL, "0x%08X%s%s", flags,
            flags & 1 ? " AF_ICON" : "", flags & 2 ? " AF_SEQUENCE" : "");
  if (fu_le32 (p, n, 0) != 36)
    fu_finding (sink, "acon-header-size",
                _("The 'anih' header says it is %u bytes long, not 36."),
                fu_le32 (p, n, 0));
  if (fu_le32 (p, n, 4) == 0)
    fu_finding (sink, "acon-no-frames",
                _("The animated cursor announces no frames."));
}

/* 'rate' (jiffies per step) and 'seq ' (frame index per step). */
static void
describe_table (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink, gboolean rate)
{
  guint64 steps = fu_record_count (sink, d, 4, "steps", _("Steps"));
  GString *s = g_string_new (NULL);
  gint64 shown = MIN ((gint64) steps, MIN (d->cbData / 4, 16));

  for (gint64 i = 0; i < shown; i++)
    g_string_append_printf (s, "%s%u", i ? " " : "",
                            fu_le32 (d->pData, d->cbData, i * 4));
  if ((guint64) shown < steps)
    g_string_append (s, " …");
  if (rate)
    fu_field (sink, "rates", _("Step times"), _("jiffies"), "%s", s->str);
  else
    fu_field (sink, "sequence", _("Frame sequence"), NULL, "%s", s->str);
  g_string_free (s, TRUE);
}

/* An 'icon' frame: an ICO/CUR file (directory of images). */
static void
describe_icon (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  gint64 n = d->cbData;
  guint16 type, count;

  if (!fu_need (sink, d, 6))
    return;
  type = fu_le16 (p, n, 2);
  count = fu_le16 (p, n, 4);
  fu_field (sink, "icon-type", _("Image type"), NULL, "%s",
            type == 1 ? _("icon") : type == 2 ? _("cursor") : _("unknown"));
  fu_field (sink, "images", _("Images"), NULL, "%u", count);
  if (count > 0 && n >= 22)
    {
      fu_field (sink, "width", _("Width"), _("pixels"), "%u", p[6] ? p[6] : 256);
      fu_field (sink, "height", _("Height"), _("pixels"), "%u", p[7] ? p[7] : 256);
      if (type == 2)
        fu_field (sink, "hotspot", _("Hot spot"), NULL, "%u,%u",
                  fu_le16 (p, n, 10), fu_le16 (p, n, 12));
      fu_field (sink, "image-bytes", _("Image size"), _("bytes"), "%u",
                fu_le32 (p, n, 14));
    }
  if (fu_le16 (p, n, 0) != 0 || (type != 1 && type != 2))
    fu_finding (sink, "acon-icon-header",
                _("The frame does not start with an icon or cursor header."));
}

static LRESULT
describe (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  FOURCC id;

  id = d->ckid;
  if (d->fccForm != FCC_ACON && !(id == FOURCC_RIFF && d->fccType == FCC_ACON))
    return MMIOERR_UNSUPPORTED_MESSAGE;
  if (id == FOURCC_LIST && d->fccType == FCC ('f', 'r', 'a', 'm'))
    {
      guint frames = 0;
      for (gint64 i = 0; i + 4 <= d->cbData; i += 4)
        if (fu_le32 (d->pData, d->cbData, i) == FCC_ICON)
          frames++;
      fu_field (sink, "frames", _("Frames"), NULL, "%u", frames);
    }
  else if (d->fccType != 0)
    return MMIOERR_UNSUPPORTED_MESSAGE;
  else if (id == FCC ('a', 'n', 'i', 'h'))
    describe_anih (d, sink);
  else if (id == FCC ('r', 'a', 't', 'e'))
    describe_table (d, sink, TRUE);
  else if (id == FCC ('s', 'e', 'q', ' '))
    describe_table (d, sink, FALSE);
  else if (id == FCC_ICON)
    describe_icon (d, sink);
  else
    return MMIOERR_UNSUPPORTED_MESSAGE;
  return MMIO_SUCCESS;
}

static const FuFormat format = {
  .fcc = FCC_ACON,
  .media = MMIO_MEDIATYPE_ANIMATION,
  .ext = "ani",
  .name = N_("Animated cursor"),
  .describe = describe,
};

LRESULT
mmio_acon_ioproc (LPSTR lpmmioinfo, UINT uMsg, LPARAM lParam1, LPARAM lParam2)
{
  return fu_format_message (&format, lpmmioinfo, uMsg, lParam1, lParam2);
}
