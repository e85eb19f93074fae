/* riffgeneric.c — the 'RIFF' IOProc: the generic describer the chunk-tree
 * walker falls back on for every chunk, and the file format that claims
 * any RIFF form no other IOProc knows (installed before the specific ones,
 * so identification asks it last).
 *
 * It decodes what SPEC91 defines for all forms: the LIST 'INFO' text
 * chunks, the associated-data list ('labl', 'note', 'ltxt'), 'CSET',
 * 'DISP', filler ('JUNK', 'PAD ', 'FLLR') and an 'id3 ' tag header. Byte
 * access goes to a child storage handle, untranslated. */
#include "ioprocs.h"
#include "format-util.h"
#include "../engine/mmio-i18n.h"

#include <string.h>

#define FCC(a, b, c, d) mmioFOURCC (a, b, c, d)

/* SPEC91's INFO chunk ids and what they mean. */
static const struct
{
  const char *id;
  const char *label;
} info_ids[] = {
  { "IARL", N_("Archival location") },
  { "IART", N_("Artist") },
  { "ICMS", N_("Commissioned by") },
  { "ICMT", N_("Comments") },
  { "ICOP", N_("Copyright") },
  { "ICRD", N_("Creation date") },
  { "ICRP", N_("Cropped") },
  { "IDIM", N_("Dimensions") },
  { "IDPI", N_("Dots per inch") },
  { "IENG", N_("Engineer") },
  { "IGNR", N_("Genre") },
  { "IKEY", N_("Keywords") },
  { "ILGT", N_("Lightness") },
  { "IMED", N_("Medium") },
  { "INAM", N_("Title") },
  { "IPLT", N_("Palette size") },
  { "IPRD", N_("Product") },
  { "ISBJ", N_("Subject") },
  { "ISFT", N_("Software") },
  { "ISHP", N_("Sharpness") },
  { "ISRC", N_("Source") },
  { "ISRF", N_("Source form") },
  { "ITCH", N_("Technician") },
  { "ITRK", N_("Track number") },
};

static LRESULT
describe_info (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  char id[5];
  const char *label = NULL;

  fu_fourcc_text (d->ckid, id);
  for (guint i = 0; i < G_N_ELEMENTS (info_ids); i++)
    if (strcmp (info_ids[i].id, id) == 0)
      label = _(info_ids[i].label);
  /* Unknown INFO ids are still text by the INFO list's definition. */
  fu_text_field (sink, id, label ? label : id, d->pData, d->cbData);
  return MMIO_SUCCESS;
}

static LRESULT
describe_adtl (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  gint64 n = d->cbData;

  if (n < 4)
    {
      fu_finding (sink, "chunk-too-short",
                  _("The chunk is too short to hold a cue point id."));
      return MMIO_SUCCESS;
    }
  fu_field (sink, "cue-id", _("Cue point"), NULL, "%u", fu_le32 (p, n, 0));
  if (d->ckid == FCC ('l', 't', 'x', 't'))
    {
      char purpose[5];
      if (n < 20)
        {
          fu_finding (sink, "chunk-too-short",
                      _("The 'ltxt' chunk is shorter than its 20-byte "
                        "header."));
          return MMIO_SUCCESS;
        }
      fu_fourcc_text (fu_le32 (p, n, 8), purpose);
      fu_field (sink, "sample-length", _("Length"), _("samples"), "%u",
                fu_le32 (p, n, 4));
      fu_field (sink, "purpose", _("Purpose"), NULL, "%s", purpose);
      fu_field (sink, "country", _("Country"), NULL, "%u", fu_le16 (p, n, 12));
      fu_field (sink, "language", _("Language"), NULL, "%u", fu_le16 (p, n, 14));
      fu_field (sink, "dialect", _("Dialect"), NULL, "%u", fu_le16 (p, n, 16));
      fu_field (sink, "code-page", _("Code page"), NULL, "%u",
                fu_le16 (p, n, 18));
      if (n > 20)
        fu_text_field (sink, "text", _("Text"), p + 20, n - 20);
    }
  else
    fu_text_field (sink, "text", _("Text"), p + 4, n - 4);
  return MMIO_SUCCESS;
}

static LRESULT
describe (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p;
  gint64 n;

  p = d->pData;
  n = d->cbData;
  if (d->fccType != 0)
    return MMIOERR_UNSUPPORTED_MESSAGE;   /* lists: the tree shows them */

  if (d->fccParent == FCC ('I', 'N', 'F', 'O'))
    return describe_info (d, sink);
  if (d->fccParent == FCC ('a', 'd', 't', 'l')
      && (d->ckid == FCC ('l', 'a', 'b', 'l') || d->ckid == FCC ('n', 'o', 't', 'e')
          || d->ckid == FCC ('l', 't', 'x', 't')))
    return describe_adtl (d, sink);

  if (d->ckid == FOURCC_JUNK || d->ckid == FCC ('j', 'u', 'n', 'k')
      || d->ckid == FCC ('P', 'A', 'D', ' ') || d->ckid == FCC ('F', 'L', 'L', 'R'))
    {
      fu_field (sink, "filler", _("Filler"), _("bytes"), "%" G_GINT64_FORMAT,
                d->lSize);
      return MMIO_SUCCESS;
    }
  if (d->ckid == FCC ('C', 'S', 'E', 'T'))
    {
      if (n < 8)
        {
          fu_finding (sink, "chunk-too-short",
                      _("The 'CSET' chunk is shorter than its 8 bytes."));
          return MMIO_SUCCESS;
        }
      fu_field (sink, "code-page", _("Code page"), NULL, "%u", fu_le16 (p, n, 0));
      fu_field (sink, "country", _("Country"), NULL, "%u", fu_le16 (p, n, 2));
      fu_field (sink, "language", _("Language"), NULL, "%u", fu_le16 (p, n, 4));
      fu_field (sink, "dialect", _("Dialect"), NULL, "%u", fu_le16 (p, n, 6));
      return MMIO_SUCCESS;
    }
  if (d->ckid == FCC ('D', 'I', 'S', 'P'))
    {
      guint32 type = fu_le32 (p, n, 0);
      if (n < 4)
        return MMIOERR_UNSUPPORTED_MESSAGE;
      /* Clipboard formats: CF_TEXT 1, CF_DIB 8. */
      fu_field (sink, "clipboard-format", _("Clipboard format"), NULL, "%u%s",
                type, type == 1 ? _(" (text)") : type == 8 ? _(" (bitmap)") : "");
      if (type == 1 && n > 4)
        fu_text_field (sink, "text", _("Text"), p + 4, n - 4);
      return MMIO_SUCCESS;
    }
  if (d->ckid == FCC ('i', 'd', '3', ' ') || d->ckid == FCC ('I', 'D', '3', ' '))
    {
      if (n >= 10 && memcmp (p, "ID3", 3) == 0)
        {
          /* Tag size: four 7-bit bytes ("syncsafe"). */
          guint32 size = ((p[6] & 0x7F) << 21) | ((p[7] & 0x7F) << 14)
                         | ((p[8] & 0x7F) << 7) | (p[9] & 0x7F);
          fu_field (sink, "id3-version", _("ID3 version"), NULL, "2.%u.%u",
                    p[3], p[4]);
          fu_field (sink, "id3-size", _("Tag size"), _("bytes"), "%u", size);
        }
      else
        fu_finding (sink, "id3-header", _("The chunk does not start with an "
                                          "ID3v2 header."));
      return MMIO_SUCCESS;
    }
  return MMIOERR_UNSUPPORTED_MESSAGE;
}

/* Any RIFF, RF64 or BW64 file with a whole form header. */
static gboolean
identify (const guint8 *p, gint64 n)
{
  FOURCC id = fu_le32 (p, n, 0);

  return n == 12 && (id == FOURCC_RIFF || id == FCC ('R', 'F', '6', '4')
                     || id == FCC ('B', 'W', '6', '4'));
}

static const FuFormat format = {
  .fcc = FOURCC_RIFF,
  .media = MMIO_MEDIATYPE_UNKNOWN,
  .ext = "riff",
  .name = N_("RIFF file (generic)"),
  .identify = identify,
  .describe = describe,
};

LRESULT
mmio_riffgeneric_ioproc (LPSTR lpmmioinfo, UINT uMsg, LPARAM lParam1,
                         LPARAM lParam2)
{
  return fu_format_message (&format, lpmmioinfo, uMsg, lParam1, lParam2);
}
