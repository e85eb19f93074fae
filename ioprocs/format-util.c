/* format-util.c — see format-util.h. */
#include "format-util.h"
#include "ioprocs.h"
#include "../engine/mmio-i18n.h"

#include <inttypes.h>
#include <string.h>

static HMMIO
child_of (const MMIOINFO *info)
{
  return (HMMIO) (uintptr_t) ((guint64) info->adwInfo[2]
                              | ((guint64) info->adwInfo[3] << 32));
}

static void
set_child (MMIOINFO *info, HMMIO child)
{
  guint64 v = (guint64) (uintptr_t) child;
  info->adwInfo[2] = (DWORD) v;
  info->adwInfo[3] = (DWORD) (v >> 32);
}

static LRESULT
child_open (MMIOINFO *info, const char *name)
{
  MMIOINFO ci;
  HMMIO child;
  DWORD flags = info->dwFlags & (MMIO_RWMODE | MMIO_SHAREMODE | MMIO_CREATE
                                 | MMIO_VERTBAR);

  memset (&ci, 0, sizeof ci);
  ci.fccIOProc = info->fccChildIOProc;
  /* With no name, adwInfo[0] is an open descriptor for the storage IOProc
   * (the DOS convention), handed down as it came. */
  ci.adwInfo[0] = info->adwInfo[0];
  child = mmioOpen ((LPSTR) name, &ci, flags);
  if (child == NULL)
    return ci.wErrorRet ? (LRESULT) ci.wErrorRet : MMIOERR_CANNOTOPEN;
  set_child (info, child);
  info->lDiskOffset = mmioSeek (child, 0, SEEK_CUR);
  if (info->lDiskOffset < 0)
    info->lDiskOffset = 0;
  return MMSYSERR_NOERROR;
}

static gboolean
forwardable (UINT msg)
{
  return msg >= MMIOM_USER || (msg > MMIOM_START && msg <= MMIOM_SYSTEM_LAST);
}

/* Untranslated byte access through the child; MMIOERR_UNSUPPORTED_MESSAGE
 * for what it cannot forward. */
static LRESULT
storage_message (MMIOINFO *info, UINT msg, LPARAM p1, LPARAM p2)
{
  HMMIO child = child_of (info);
  LONG r;

  switch (msg)
    {
    case MMIOM_OPEN:
      return child_open (info, (const char *) p1);
    case MMIOM_CLOSE:
      if (child == NULL)
        return MMSYSERR_NOERROR;
      set_child (info, NULL);
      return mmioClose (child, (UINT) p1);
    case MMIOM_READ:
      if (child == NULL)
        return -1;
      r = mmioRead (child, (HPSTR) p1, (LONG) p2);
      if (r > 0)
        info->lDiskOffset += r;
      return r;
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
      if (child == NULL)
        return -1;
      r = mmioWrite (child, (HPCSTR) p1, (LONG) p2);
      if (r > 0)
        info->lDiskOffset += r;
      if (msg == MMIOM_WRITEFLUSH && mmioFlush (child, 0) != 0)
        return -1;
      return r;
    case MMIOM_SEEK:
      if (child == NULL)
        return -1;
      r = mmioSeek (child, (LONG) p1, (int) p2);
      if (r >= 0)
        info->lDiskOffset = r;
      return r;
    default:
      if (child != NULL && forwardable (msg))
        return mmioSendMessage (child, msg, p1, p2);
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

static const char *
format_name (const FuFormat *fmt)
{
  mmio_i18n_init ();
  return _(fmt->name);
}

static LRESULT
format_identify (const FuFormat *fmt, HMMIO hmmio)
{
  guint8 p[12];
  gint64 n = fu_peek (hmmio, p, sizeof p);
  gboolean yes = fmt->identify != NULL ? fmt->identify (p, n)
                                       : fu_is_riff_form (p, n, fmt->fcc);
  return yes ? MMIO_SUCCESS : MMIO_ERROR;
}

static LRESULT
format_describe (const FuFormat *fmt, const MMIOCHUNKDESC *d,
                 MMIOFIELDSINK *sink)
{
  if (!fu_desc_ok (d, sink))
    return MMIO_ERROR;
  mmio_i18n_init ();
  return fmt->describe (d, sink);
}

LRESULT
fu_format_message (const FuFormat *fmt, LPSTR lpmmioinfo, UINT msg,
                   LPARAM p1, LPARAM p2)
{
  MMIOINFO *info = (MMIOINFO *) lpmmioinfo;

  switch (msg)
    {
    case MMIOM_IDENTIFYFILE:
      return format_identify (fmt, (HMMIO) p2);
    case MMIOM_GETFORMATINFO:
      return mmio_ioprocs_fill_format ((MMFORMATINFO *) p1, fmt->fcc,
                                       MMIO_IOPROC_FILEFORMAT, fmt->media,
                                       MMIO_CANREADUNTRANSLATED
                                       | MMIO_CANWRITEUNTRANSLATED
                                       | MMIO_CANREADWRITEUNTRANSLATED
                                       | MMIO_CANSEEKUNTRANSLATED,
                                       fmt->ext, format_name (fmt));
    case MMIOM_GETFORMATNAME:
      return mmio_ioprocs_copy_name ((char *) p1, (LONG) p2,
                                     format_name (fmt));
    case MMIOM_DESCRIBECHUNK:
      return format_describe (fmt, (const MMIOCHUNKDESC *) p1,
                              (MMIOFIELDSINK *) p2);
    default:
      if (info == NULL)
        return MMIOERR_UNSUPPORTED_MESSAGE;
      return storage_message (info, msg, p1, p2);
    }
}

gint64
fu_peek (HMMIO hmmio, guint8 *buf, gint64 n)
{
  LONG here, got;

  if (hmmio == NULL || buf == NULL || n <= 0)
    return 0;
  here = mmioSeek (hmmio, 0, SEEK_CUR);
  if (here < 0)
    return 0;
  got = 0;
  if (mmioSeek (hmmio, 0, SEEK_SET) == 0)
    got = mmioRead (hmmio, (HPSTR) buf, n);
  mmioSeek (hmmio, here, SEEK_SET);
  return got < 0 ? 0 : got;
}

gboolean
fu_is_riff_form (const guint8 *p, gint64 n, FOURCC form)
{
  return n >= 12 && fu_le32 (p, n, 0) == FOURCC_RIFF
         && fu_le32 (p, n, 8) == form;
}

void
fu_field (MMIOFIELDSINK *sink, const char *key, const char *label,
          const char *unit, const char *fmt, ...)
{
  va_list ap;
  char *v;

  if (sink == NULL || sink->AddField == NULL)
    return;
  va_start (ap, fmt);
  v = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  sink->AddField (sink, key, label, v, unit);
  g_free (v);
}

void
fu_finding (MMIOFIELDSINK *sink, const char *rule, const char *fmt, ...)
{
  va_list ap;
  char *v;

  if (sink == NULL || sink->AddFinding == NULL)
    return;
  va_start (ap, fmt);
  v = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  sink->AddFinding (sink, rule, v);
  g_free (v);
}

void
fu_fourcc_text (FOURCC f, char out[5])
{
  for (int i = 0; i < 4; i++)
    {
      guint8 c = (guint8) (f >> (8 * i));
      out[i] = (c >= 0x20 && c < 0x7F) ? (char) c : '?';
    }
  out[4] = 0;
}

void
fu_text_field (MMIOFIELDSINK *sink, const char *key, const char *label,
               const guint8 *p, gint64 len)
{
  gint64 n = 0;
  char *s, *u;

  if (sink == NULL || sink->AddField == NULL)
    return;
  while (p != NULL && n < len && p[n] != 0)
    n++;
  s = g_strndup (p != NULL ? (const char *) p : "", (gsize) n);
  if (g_utf8_validate (s, -1, NULL))
    u = s;
  else
    {
      /* Old RIFF text is in the Windows code page; Latin-1 is close. */
      u = g_convert (s, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
      if (u == NULL)
        u = g_utf8_make_valid (s, -1);
      g_free (s);
      s = NULL;
    }
  sink->AddField (sink, key, label, u, NULL);
  if (u != s)
    g_free (u);
  g_free (s);
}

guint64
fu_record_count (MMIOFIELDSINK *sink, const MMIOCHUNKDESC *d,
                 guint record_size, const char *key, const char *label)
{
  guint64 size = d->lSize < 0 ? 0 : (guint64) d->lSize;
  guint64 count = size / record_size;
  char id[5];

  mmio_i18n_init ();
  fu_field (sink, key, label, NULL, "%" G_GUINT64_FORMAT, count);
  if (size % record_size != 0)
    {
      fu_fourcc_text (d->ckid, id);
      fu_finding (sink, "record-size",
                  _("Chunk '%s' holds %" PRIu64 " bytes, not a "
                    "whole number of %u-byte records."), id, (uint64_t) size,
                  record_size);
    }
  return count;
}

gboolean
fu_desc_ok (const MMIOCHUNKDESC *d, const MMIOFIELDSINK *sink)
{
  return d != NULL && sink != NULL && d->ulStructLen >= sizeof (MMIOCHUNKDESC)
         && d->cbData >= 0 && (d->pData != NULL || d->cbData == 0);
}

gboolean
fu_need (MMIOFIELDSINK *sink, const MMIOCHUNKDESC *d, gint64 need)
{
  char id[5];
  if (d->cbData >= need)
    return TRUE;
  mmio_i18n_init ();
  fu_fourcc_text (d->ckid, id);
  fu_finding (sink, "chunk-too-short",
              _("Chunk '%s' holds %" PRId64 " bytes; its header "
                "needs %" PRId64 "."), id, d->cbData, (int64_t) need);
  return FALSE;
}

const char *
fu_wave_tag_name (guint16 tag)
{
  mmio_i18n_init ();
  switch (tag)
    {
    case 0x0001: return "PCM";
    case 0x0002: return "Microsoft ADPCM";
    case 0x0003: return _("IEEE floating point");
    case 0x0006: return _("A-law");
    case 0x0007: return _("µ-law");
    case 0x0011: return "IMA ADPCM";
    case 0x0031: return "GSM 6.10";
    case 0x0050: return "MPEG";
    case 0x0055: return "MPEG Layer 3";
    case 0x00FF: return "AAC";
    case 0x2000: return "AC-3";
    case 0xFFFE: return _("Extensible");
    default: return NULL;
    }
}

void
fu_waveformat_fields (MMIOFIELDSINK *sink, const guint8 *p, gint64 n)
{
  guint16 tag = fu_le16 (p, n, 0);
  const char *name = fu_wave_tag_name (tag);

  mmio_i18n_init ();
  if (name)
    fu_field (sink, "format-tag", _("Format"), NULL, "0x%04X (%s)", tag, name);
  else
    fu_field (sink, "format-tag", _("Format"), NULL, "0x%04X", tag);
  fu_field (sink, "channels", _("Channels"), NULL, "%u", fu_le16 (p, n, 2));
  fu_field (sink, "sample-rate", _("Sample rate"), _("Hz"), "%u",
            fu_le32 (p, n, 4));
  fu_field (sink, "bytes-per-second", _("Data rate"), _("bytes/s"), "%u",
            fu_le32 (p, n, 8));
  fu_field (sink, "block-align", _("Block align"), _("bytes"), "%u",
            fu_le16 (p, n, 12));
  if (n >= 16)
    fu_field (sink, "bits-per-sample", _("Bits per sample"), NULL, "%u",
              fu_le16 (p, n, 14));
  if (n >= 18)
    fu_field (sink, "extra-size", _("Extra format bytes"), _("bytes"), "%u",
              fu_le16 (p, n, 16));
  if (tag == 0xFFFE && n >= 40)
    {
      guint16 sub = fu_le16 (p, n, 24);
      const char *sname = fu_wave_tag_name (sub);
      fu_field (sink, "valid-bits", _("Valid bits"), NULL, "%u",
                fu_le16 (p, n, 18));
      fu_field (sink, "channel-mask", _("Channel mask"), NULL, "0x%08X",
                fu_le32 (p, n, 20));
      fu_field (sink, "sub-format", _("Sub-format"), NULL, "0x%04X%s%s%s", sub,
                sname ? " (" : "", sname ? sname : "", sname ? ")" : "");
    }
}

void
fu_bitmapinfo_fields (MMIOFIELDSINK *sink, const guint8 *p, gint64 n)
{
  guint32 comp = fu_le32 (p, n, 16);
  gint32 height = (gint32) fu_le32 (p, n, 8);

  mmio_i18n_init ();
  fu_field (sink, "header-size", _("Header size"), _("bytes"), "%u",
            fu_le32 (p, n, 0));
  fu_field (sink, "width", _("Width"), _("pixels"), "%d",
            (gint32) fu_le32 (p, n, 4));
  fu_field (sink, "height", _("Height"), _("pixels"), "%d%s", ABS (height),
            height < 0 ? _(" (top-down)") : "");
  fu_field (sink, "planes", _("Planes"), NULL, "%u", fu_le16 (p, n, 12));
  fu_field (sink, "bit-count", _("Bits per pixel"), NULL, "%u",
            fu_le16 (p, n, 14));
  if (comp <= 3)
    {
      static const char *const names[] = { "BI_RGB", "BI_RLE8", "BI_RLE4",
                                            "BI_BITFIELDS" };
      fu_field (sink, "compression", _("Compression"), NULL, "%s", names[comp]);
    }
  else
    {
      char fcc[5];
      fu_fourcc_text (comp, fcc);
      fu_field (sink, "compression", _("Compression"), NULL, "%s", fcc);
    }
  fu_field (sink, "image-size", _("Image size"), _("bytes"), "%u",
            fu_le32 (p, n, 20));
  if (n >= 40)
    fu_field (sink, "colors-used", _("Colours used"), NULL, "%u",
              fu_le32 (p, n, 32));
}
