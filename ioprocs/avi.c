/* avi.c — the 'AVI ' IOProc: identifies RIFF 'AVI ' files, describes
 * itself, gives untranslated byte access through a child storage handle,
 * and decodes the header chunks for the inspector: 'avih', 'strh', 'strf'
 * (video BITMAPINFOHEADER or audio WAVEFORMATEX), 'strn', 'idx1', and the
 * OpenDML ones ('dmlh', 'indx' and 'ix##' indexes; 'AVIX' forms are walked
 * like the first form). The frames in 'movi' are not its business. */
#include "ioprocs.h"
#include "format-util.h"
#include "../engine/mmio-i18n.h"

#include <inttypes.h>
#include <string.h>

#define FCC(a, b, c, d) mmioFOURCC (a, b, c, d)
#define FCC_AVI FCC ('A', 'V', 'I', ' ')

static void
flag_names (MMIOFIELDSINK *sink, guint32 flags)
{
  static const struct { guint32 bit; const char *name; } known[] = {
    { 0x00000010, "HASINDEX" }, { 0x00000020, "MUSTUSEINDEX" },
    { 0x00000100, "ISINTERLEAVED" }, { 0x00000800, "TRUSTCKTYPE" },
    { 0x00010000, "WASCAPTUREFILE" }, { 0x00020000, "COPYRIGHTED" },
  };
  GString *s = g_string_new (NULL);
  g_string_printf (s, "0x%08X", flags);
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (flags & known[i].bit)
      g_string_append_printf (s, " %s", known[i].name);
  fu_field (sink, "flags", _("Flags"), NULL, "%s", s->str);
  g_string_free (s, TRUE);
}

static void
describe_avih (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  gint64 n = d->cbData;
  guint32 us = fu_le32 (p, n, 0), frames = fu_le32 (p, n, 16);

  if (!fu_need (sink, d, 40))
    return;
  fu_field (sink, "microseconds-per-frame", _("Frame duration"), _("µs"),
            "%u", us);
  if (us > 0)
    {
      fu_field (sink, "frame-rate", _("Frame rate"), _("frames/s"), "%.3f",
                1e6 / us);
      fu_field (sink, "duration", _("Duration"), _("s"), "%.3f",
                (double) frames * us / 1e6);
    }
  fu_field (sink, "max-bytes-per-second", _("Maximum data rate"),
            _("bytes/s"), "%u", fu_le32 (p, n, 4));
  fu_field (sink, "padding-granularity", _("Padding granularity"),
            _("bytes"), "%u", fu_le32 (p, n, 8));
  flag_names (sink, fu_le32 (p, n, 12));
  fu_field (sink, "total-frames", _("Total frames"), NULL, "%u", frames);
  fu_field (sink, "initial-frames", _("Initial frames"), NULL, "%u",
            fu_le32 (p, n, 20));
  fu_field (sink, "streams", _("Streams"), NULL, "%u", fu_le32 (p, n, 24));
  fu_field (sink, "suggested-buffer-size", _("Suggested buffer size"),
            _("bytes"), "%u", fu_le32 (p, n, 28));
  fu_field (sink, "width", _("Width"), _("pixels"), "%u", fu_le32 (p, n, 32));
  fu_field (sink, "height", _("Height"), _("pixels"), "%u", fu_le32 (p, n, 36));
  if (fu_le32 (p, n, 24) == 0)
    fu_finding (sink, "avi-no-streams",
                _("The main header announces no streams."));
}

static const char *
stream_type_name (FOURCC t)
{
  if (t == FCC ('v', 'i', 'd', 's')) return _("video");
  if (t == FCC ('a', 'u', 'd', 's')) return _("audio");
  if (t == FCC ('t', 'x', 't', 's')) return _("text");
  if (t == FCC ('m', 'i', 'd', 's')) return _("MIDI");
  return NULL;
}

static void
describe_strh (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  gint64 n = d->cbData;
  char type[5], handler[5];
  const char *tname;
  guint32 scale, rate;

  if (!fu_need (sink, d, 48))
    return;
  fu_fourcc_text (fu_le32 (p, n, 0), type);
  fu_fourcc_text (fu_le32 (p, n, 4), handler);
  tname = stream_type_name (fu_le32 (p, n, 0));
  if (tname)
    fu_field (sink, "stream-type", _("Stream type"), NULL, "%s (%s)", type, tname);
  else
    fu_field (sink, "stream-type", _("Stream type"), NULL, "%s", type);
  fu_field (sink, "handler", _("Handler"), NULL, "%s", handler);
  fu_field (sink, "flags", _("Flags"), NULL, "0x%08X", fu_le32 (p, n, 8));
  fu_field (sink, "priority", _("Priority"), NULL, "%u", fu_le16 (p, n, 12));
  fu_field (sink, "language", _("Language"), NULL, "%u", fu_le16 (p, n, 14));
  fu_field (sink, "initial-frames", _("Initial frames"), NULL, "%u",
            fu_le32 (p, n, 16));
  scale = fu_le32 (p, n, 20);
  rate = fu_le32 (p, n, 24);
  fu_field (sink, "scale", _("Scale"), NULL, "%u", scale);
  fu_field (sink, "rate", _("Rate"), NULL, "%u", rate);
  if (scale > 0)
    fu_field (sink, "samples-per-second", _("Samples per second"), NULL,
              "%.3f", (double) rate / scale);
  else
    fu_finding (sink, "avi-zero-scale",
                _("The stream header has a scale of 0: its rate is "
                  "undefined."));
  fu_field (sink, "start", _("Start"), NULL, "%u", fu_le32 (p, n, 28));
  fu_field (sink, "length", _("Length"), NULL, "%u", fu_le32 (p, n, 32));
  fu_field (sink, "suggested-buffer-size", _("Suggested buffer size"),
            _("bytes"), "%u", fu_le32 (p, n, 36));
  fu_field (sink, "quality", _("Quality"), NULL, "%d",
            (gint32) fu_le32 (p, n, 40));
  fu_field (sink, "sample-size", _("Sample size"), _("bytes"), "%u",
            fu_le32 (p, n, 44));
  if (n >= 56)
    fu_field (sink, "frame", _("Frame rectangle"), NULL, "%d,%d–%d,%d",
              (gint16) fu_le16 (p, n, 48), (gint16) fu_le16 (p, n, 50),
              (gint16) fu_le16 (p, n, 52), (gint16) fu_le16 (p, n, 54));
}

/* 'strf' follows the stream's 'strh'; a chunk is described alone, so the
 * layout is told by its first field: a BITMAPINFOHEADER starts with its
 * own size (40 or more), which no WAVEFORMATEX tag/channel pair equals. */
static void
describe_strf (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  guint32 first = fu_le32 (d->pData, d->cbData, 0);

  if (d->cbData >= 40 && first >= 40 && first <= 256)
    {
      fu_field (sink, "strf-kind", _("Format kind"), NULL, "%s",
                _("video (BITMAPINFOHEADER)"));
      fu_bitmapinfo_fields (sink, d->pData, d->cbData);
    }
  else if (d->cbData >= 14)
    {
      fu_field (sink, "strf-kind", _("Format kind"), NULL, "%s",
                _("audio (WAVEFORMATEX)"));
      fu_waveformat_fields (sink, d->pData, d->cbData);
    }
  else
    fu_need (sink, d, 14);
}

static void
describe_idx1 (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  guint64 entries = fu_record_count (sink, d, 16, "entries", _("Entries"));
  gint64 whole = d->cbData / 16;
  guint64 keys = 0;

  /* Key frames among the entries at hand (all of them when not capped). */
  for (gint64 i = 0; i < whole; i++)
    if (fu_le32 (d->pData, d->cbData, i * 16 + 4) & 0x10)
      keys++;
  if ((guint64) whole == entries)
    fu_field (sink, "key-frames", _("Key frames"), NULL, "%" G_GUINT64_FORMAT,
              keys);
  else if (whole > 0)
    fu_field (sink, "key-frames", _("Key frames"), NULL,
              _("%" PRIu64 " in the first %" PRId64
                " entries"), (uint64_t) keys, (int64_t) whole);
}

/* 'indx' (super index) and 'ix##' (standard index): the OpenDML index
 * header: longs per entry, sub-type, type, entries in use, chunk id. */
static void
describe_odml_index (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  gint64 n = d->cbData;
  guint16 longs = fu_le16 (p, n, 0);
  guint8 type = n >= 4 ? p[3] : 0;
  guint32 used = fu_le32 (p, n, 4);
  char id[5];

  if (!fu_need (sink, d, 24))
    return;
  fu_fourcc_text (fu_le32 (p, n, 8), id);
  fu_field (sink, "index-type", _("Index type"), NULL, "%s",
            type == 0 ? _("index of indexes")
            : type == 1 ? _("index of chunks") : _("unknown"));
  fu_field (sink, "index-sub-type", _("Index sub-type"), NULL, "%u", p[2]);
  fu_field (sink, "longs-per-entry", _("Entry size"), _("× 4 bytes"), "%u",
            longs);
  fu_field (sink, "entries-in-use", _("Entries in use"), NULL, "%u", used);
  fu_field (sink, "chunk-id", _("Indexed chunk"), NULL, "%s", id);
  if (type == 1 && n >= 20)
    {
      guint64 base = (guint64) fu_le32 (p, n, 12)
                     | ((guint64) fu_le32 (p, n, 16) << 32);
      fu_field (sink, "base-offset", _("Base offset"), NULL,
                "%" G_GUINT64_FORMAT, base);
    }
  if (24 + (guint64) used * longs * 4 > (guint64) d->lSize)
    fu_finding (sink, "odml-index-size",
                _("The index announces %u entries of %u bytes, more than "
                  "its chunk holds."), used, longs * 4);
}

static LRESULT
describe (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  FOURCC id;

  id = d->ckid;
  if (d->fccType != 0)
    return MMIOERR_UNSUPPORTED_MESSAGE;   /* lists: the tree says enough */
  if (id == FCC ('a', 'v', 'i', 'h'))
    describe_avih (d, sink);
  else if (id == FCC ('s', 't', 'r', 'h'))
    describe_strh (d, sink);
  else if (id == FCC ('s', 't', 'r', 'f'))
    describe_strf (d, sink);
  else if (id == FCC ('s', 't', 'r', 'n'))
    fu_text_field (sink, "stream-name", _("Stream name"), d->pData, d->cbData);
  else if (id == FCC ('i', 'd', 'x', '1'))
    describe_idx1 (d, sink);
  else if (id == FCC ('i', 'n', 'd', 'x')
           || ((id & 0xFFFF) == FCC ('i', 'x', 0, 0)
               && d->fccParent == FCC ('m', 'o', 'v', 'i')))
    describe_odml_index (d, sink);
  else if (id == FCC ('d', 'm', 'l', 'h'))
    {
      if (fu_need (sink, d, 4))
        fu_field (sink, "total-frames", _("Total frames (all forms)"), NULL,
                  "%u", fu_le32 (d->pData, d->cbData, 0));
    }
  else
    return MMIOERR_UNSUPPORTED_MESSAGE;
  return MMIO_SUCCESS;
}

static const FuFormat format = {
  .fcc = FCC_AVI,
  .media = MMIO_MEDIATYPE_DIGITALVIDEO,
  .ext = "avi",
  .name = N_("AVI video"),
  .describe = describe,
};

LRESULT
mmio_avi_ioproc (LPSTR lpmmioinfo, UINT uMsg, LPARAM lParam1, LPARAM lParam2)
{
  return fu_format_message (&format, lpmmioinfo, uMsg, lParam1, lParam2);
}
