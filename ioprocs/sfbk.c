/* sfbk.c — the 'sfbk' IOProc: SoundFont 2 banks (RIFF 'sfbk' with LIST
 * 'INFO', 'sdta' and 'pdta'). It identifies them, describes itself, gives
 * untranslated byte access through a child storage handle, and decodes
 * for the inspector the INFO chunks (version, engine, names, texts), the
 * sample data sizes, and each 'pdta' table with its record count (the
 * last record of every table is a terminator, not an item). */
#include "ioprocs.h"
#include "format-util.h"
#include "../engine/mmio-i18n.h"

#include <string.h>

#define FCC(a, b, c, d) mmioFOURCC (a, b, c, d)
#define FCC_SFBK FCC ('s', 'f', 'b', 'k')

/* The pdta tables: id, record size, what one record is, where its name
 * sits (or −1), and the name the terminator record should carry. */
static const struct
{
  const char *id;
  guint size;
  const char *key;
  const char *label;
  int name_len;
  const char *terminal;
} tables[] = {
  { "phdr", 38, "presets", N_("Presets"), 20, "EOP" },
  { "pbag", 4, "preset-zones", N_("Preset zones"), -1, NULL },
  { "pmod", 10, "preset-modulators", N_("Preset modulators"), -1, NULL },
  { "pgen", 4, "preset-generators", N_("Preset generators"), -1, NULL },
  { "inst", 22, "instruments", N_("Instruments"), 20, "EOI" },
  { "ibag", 4, "instrument-zones", N_("Instrument zones"), -1, NULL },
  { "imod", 10, "instrument-modulators", N_("Instrument modulators"), -1, NULL },
  { "igen", 4, "instrument-generators", N_("Instrument generators"), -1, NULL },
  { "shdr", 46, "samples", N_("Samples"), 20, "EOS" },
};

static void
describe_pdta (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink, guint t)
{
  guint64 records = fu_record_count (sink, d, tables[t].size, "records",
                                     _("Records"));
  const guint8 *p = d->pData;
  gint64 n = d->cbData;

  if (records == 0)
    {
      fu_finding (sink, "sf2-no-terminal",
                  _("Table '%s' is empty; it needs at least its terminal "
                    "record."), tables[t].id);
      return;
    }
  fu_field (sink, tables[t].key, _(tables[t].label), NULL,
            "%" G_GUINT64_FORMAT, records - 1);
  if (tables[t].name_len > 0 && records > 1 && n >= tables[t].name_len)
    fu_text_field (sink, "first-name", _("First name"), p, tables[t].name_len);
  if (tables[t].terminal != NULL)
    {
      gint64 last = (gint64) (records - 1) * tables[t].size;
      if (last + tables[t].name_len <= n)
        {
          char name[21];
          memcpy (name, p + last, 20);
          name[20] = 0;
          if (strcmp (name, tables[t].terminal) != 0)
            fu_finding (sink, "sf2-terminal-name",
                        _("The last record of '%s' is named “%s”, not “%s”."),
                        tables[t].id, g_utf8_validate (name, -1, NULL)
                                      ? name : "?", tables[t].terminal);
        }
    }
  if (strcmp (tables[t].id, "phdr") == 0 && records > 1 && n >= 38)
    fu_field (sink, "first-preset", _("First preset"), NULL,
              _("bank %u, program %u"), fu_le16 (p, n, 22), fu_le16 (p, n, 20));
  if (strcmp (tables[t].id, "shdr") == 0 && records > 1 && n >= 46)
    fu_field (sink, "first-sample-rate", _("First sample rate"), _("Hz"), "%u",
              fu_le32 (p, n, 36));
}

static void
describe_info (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  static const struct { const char *id; const char *label; } texts[] = {
    { "isng", N_("Sound engine") }, { "INAM", N_("Bank name") },
    { "irom", N_("Sound ROM") }, { "ICRD", N_("Creation date") },
    { "IENG", N_("Sound designers") }, { "IPRD", N_("Product") },
    { "ICOP", N_("Copyright") }, { "ICMT", N_("Comments") },
    { "ISFT", N_("Software") },
  };
  char id[5];

  fu_fourcc_text (d->ckid, id);
  if (strcmp (id, "ifil") == 0 || strcmp (id, "iver") == 0)
    {
      if (!fu_need (sink, d, 4))
        return;
      fu_field (sink, id, strcmp (id, "ifil") == 0 ? _("SoundFont version")
                                                    : _("ROM version"),
                NULL, "%u.%02u", fu_le16 (d->pData, d->cbData, 0),
                fu_le16 (d->pData, d->cbData, 2));
      if (strcmp (id, "ifil") == 0 && fu_le16 (d->pData, d->cbData, 0) != 2)
        fu_finding (sink, "sf2-version",
                    _("This reader knows SoundFont 2; the file says version "
                      "%u."), fu_le16 (d->pData, d->cbData, 0));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (strcmp (texts[i].id, id) == 0)
      {
        fu_text_field (sink, id, _(texts[i].label), d->pData, d->cbData);
        return;
      }
  fu_text_field (sink, id, id, d->pData, d->cbData);
}

static LRESULT
describe (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  char id[5];

  if (d->fccForm != FCC_SFBK || d->fccType != 0)
    return MMIOERR_UNSUPPORTED_MESSAGE;
  fu_fourcc_text (d->ckid, id);
  if (d->fccParent == FCC ('I', 'N', 'F', 'O'))
    {
      describe_info (d, sink);
      return MMIO_SUCCESS;
    }
  if (d->fccParent == FCC ('p', 'd', 't', 'a'))
    for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
      if (strcmp (tables[t].id, id) == 0)
        {
          describe_pdta (d, sink, t);
          return MMIO_SUCCESS;
        }
  if (d->fccParent == FCC ('s', 'd', 't', 'a'))
    {
      if (strcmp (id, "smpl") == 0)
        {
          fu_field (sink, "sample-points", _("Sample points"), NULL,
                    "%" G_GINT64_FORMAT, d->lSize / 2);
          fu_field (sink, "bits", _("Bits per sample"), NULL, "16");
          return MMIO_SUCCESS;
        }
      if (strcmp (id, "sm24") == 0)
        {
          fu_field (sink, "sample-points", _("Sample points"), NULL,
                    "%" G_GINT64_FORMAT, d->lSize);
          fu_field (sink, "bits", _("Extra bits per sample"), NULL, "8");
          return MMIO_SUCCESS;
        }
    }
  return MMIOERR_UNSUPPORTED_MESSAGE;
}

static const FuFormat format = {
  .fcc = FCC_SFBK,
  .media = MMIO_MEDIATYPE_AUDIO,
  .ext = "sf2",
  .name = N_("SoundFont 2 bank"),
  .describe = describe,
};

LRESULT
mmio_sfbk_ioproc (LPSTR lpmmioinfo, UINT uMsg, LPARAM lParam1, LPARAM lParam2)
{
  return fu_format_message (&format, lpmmioinfo, uMsg, lParam1, lParam2);
}
