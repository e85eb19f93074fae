/* midi.c — the 'MIDI' IOProc: Standard MIDI Files ('MThd' then 'MTrk'
 * chunks, big-endian) and RIFF 'RMID' files (an SMF inside a 'data'
 * chunk). It identifies both, describes itself, gives untranslated byte
 * access through a child storage handle, and decodes for the inspector the
 * header (format, tracks, division) and each track's first bytes: events,
 * the first tempo, time signature and track name, the end-of-track mark. */
#include "ioprocs.h"
#include "format-util.h"
#include "../engine/mmio-i18n.h"

#include <inttypes.h>
#include <string.h>

#define FCC(a, b, c, d) mmioFOURCC (a, b, c, d)
#define FCC_MIDI FCC ('M', 'I', 'D', 'I')
#define FCC_RMID FCC ('R', 'M', 'I', 'D')
#define FCC_MTHD FCC ('M', 'T', 'h', 'd')
#define FCC_MTRK FCC ('M', 'T', 'r', 'k')

static void
describe_mthd (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  gint64 n = d->cbData;
  guint16 format, tracks, division;

  if (!fu_need (sink, d, 6))
    return;
  format = fu_be16 (p, n, 0);
  tracks = fu_be16 (p, n, 2);
  division = fu_be16 (p, n, 4);
  fu_field (sink, "format", _("Format"), NULL, "%u (%s)", format,
            format == 0 ? _("one track")
            : format == 1 ? _("simultaneous tracks")
            : format == 2 ? _("independent sequences") : _("unknown"));
  fu_field (sink, "tracks", _("Tracks"), NULL, "%u", tracks);
  if (division & 0x8000)
    {
      /* SMPTE: negative frames per second in the high byte. */
      gint8 fps = (gint8) (division >> 8);
      fu_field (sink, "division", _("Time division"), NULL,
                _("%d frames/s × %u ticks"), -fps, division & 0xFF);
    }
  else
    fu_field (sink, "division", _("Time division"), _("ticks per quarter note"),
              "%u", division);
  if (format > 2)
    fu_finding (sink, "smf-format", _("MIDI file format %u is not defined."),
                format);
  if (format == 0 && tracks != 1)
    fu_finding (sink, "smf-format",
                _("A format 0 MIDI file must hold one track, not %u."), tracks);
  if (d->lSize != 6)
    fu_finding (sink, "smf-header-size",
                _("The MIDI header is %" PRId64 " bytes long; it "
                  "is 6 bytes."), d->lSize);
}

/* A variable-length quantity: at most 4 bytes. FALSE past the end or when
 * longer. */
static gboolean
read_vlq (const guint8 *p, gint64 n, gint64 *pos, guint32 *out)
{
  guint32 v = 0;
  for (int i = 0; i < 4; i++)
    {
      guint8 b;
      if (*pos >= n)
        return FALSE;
      b = p[(*pos)++];
      v = (v << 7) | (b & 0x7F);
      if (!(b & 0x80))
        {
          *out = v;
          return TRUE;
        }
    }
  return FALSE;
}

static void
describe_mtrk (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  gint64 n = d->cbData, pos = 0;
  gboolean whole = d->cbData >= d->lSize, end_seen = FALSE, bad = FALSE;
  guint8 running = 0;
  guint events = 0;
  guint32 ticks = 0;
  gint64 tempo = -1;
  char *name = NULL, *timesig = NULL;

  while (pos < n && !end_seen)
    {
      guint32 delta, len;
      guint8 status;

      if (!read_vlq (p, n, &pos, &delta) || pos >= n)
        {
          bad = whole;
          break;
        }
      ticks += delta;
      status = p[pos];
      if (status & 0x80)
        {
          pos++;
          if (status < 0xF0)
            running = status;
          else if (status < 0xF8)
            running = 0;   /* system common cancels running status */
        }
      else if (running != 0)
        status = running;
      else
        {
          bad = TRUE;
          break;
        }

      if (status == 0xFF)
        {
          guint8 type;
          if (pos >= n)
            break;
          type = p[pos++];
          if (!read_vlq (p, n, &pos, &len))
            {
              bad = whole;
              break;
            }
          if ((gint64) len > n - pos)
            {
              bad = whole;
              break;
            }
          if (type == 0x51 && len == 3 && tempo < 0)
            tempo = ((gint64) p[pos] << 16) | (p[pos + 1] << 8) | p[pos + 2];
          else if (type == 0x03 && name == NULL)
            name = g_strndup ((const char *) p + pos, len);
          else if (type == 0x58 && len >= 2 && timesig == NULL)
            timesig = g_strdup_printf ("%u/%u", p[pos],
                                       p[pos + 1] < 8 ? 1u << p[pos + 1] : 0u);
          else if (type == 0x2F)
            end_seen = TRUE;
          pos += len;
        }
      else if (status == 0xF0 || status == 0xF7)
        {
          if (!read_vlq (p, n, &pos, &len) || (gint64) len > n - pos)
            {
              bad = whole;
              break;
            }
          pos += len;
        }
      else
        {
          guint8 hi = status & 0xF0;
          gint64 dlen = (hi == 0xC0 || hi == 0xD0 || status == 0xF3) ? 1
                        : (status == 0xF2 || status < 0xF0) ? 2 : 0;
          pos += dlen;
          if (pos > n && whole)
            bad = TRUE;
        }
      events++;
    }

  if (whole)
    fu_field (sink, "events", _("Events"), NULL, "%u", events);
  else
    fu_field (sink, "events", _("Events"), NULL,
              _("%u in the first %" PRId64 " bytes"), events,
              (int64_t) n);
  if (end_seen)
    fu_field (sink, "length-ticks", _("Length"), _("ticks"), "%u", ticks);
  if (tempo > 0)
    {
      fu_field (sink, "tempo", _("Tempo"), _("µs per quarter note"),
                "%" G_GINT64_FORMAT, tempo);
      fu_field (sink, "bpm", _("Tempo"), _("beats/min"), "%.2f", 6e7 / tempo);
    }
  if (timesig)
    fu_field (sink, "time-signature", _("Time signature"), NULL, "%s", timesig);
  if (name)
    fu_text_field (sink, "track-name", _("Track name"), (const guint8 *) name,
                   (gint64) strlen (name));
  if (bad)
    fu_finding (sink, "smf-bad-event",
                _("The track's events run past its end or are malformed "
                  "after %u events."), events);
  else if (whole && !end_seen)
    fu_finding (sink, "smf-no-end",
                _("The track has no end-of-track event."));
  else if (end_seen && pos < d->lSize)
    fu_finding (sink, "smf-after-end",
                _("%" PRId64 " bytes follow the end-of-track "
                  "event."), (int64_t) (d->lSize - pos));
  g_free (name);
  g_free (timesig);
}

static LRESULT
describe (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  if (d->fccType != 0)
    return MMIOERR_UNSUPPORTED_MESSAGE;
  if (d->ckid == FCC_MTHD)
    describe_mthd (d, sink);
  else if (d->ckid == FCC_MTRK)
    describe_mtrk (d, sink);
  else if (d->ckid == FCC ('d', 'a', 't', 'a') && d->fccForm == FCC_RMID)
    {
      if (fu_le32 (d->pData, d->cbData, 0) == FCC_MTHD)
        fu_field (sink, "contents", _("Contents"), NULL, "%s",
                  _("Standard MIDI File"));
      else
        fu_finding (sink, "rmid-no-smf",
                    _("The 'data' chunk of this RMID file does not hold a "
                      "Standard MIDI File."));
    }
  else
    return MMIOERR_UNSUPPORTED_MESSAGE;
  return MMIO_SUCCESS;
}

/* A Standard MIDI File, or one wrapped in RIFF 'RMID'. */
static gboolean
identify (const guint8 *p, gint64 n)
{
  return (n >= 8 && fu_le32 (p, n, 0) == FCC_MTHD)
         || fu_is_riff_form (p, n, FCC_RMID);
}

static const FuFormat format = {
  .fcc = FCC_MIDI,
  .media = MMIO_MEDIATYPE_MIDI,
  .ext = "mid",
  .name = N_("MIDI sequence"),
  .identify = identify,
  .describe = describe,
};

LRESULT
mmio_midi_ioproc (LPSTR lpmmioinfo, UINT uMsg, LPARAM lParam1, LPARAM lParam2)
{
  return fu_format_message (&format, lpmmioinfo, uMsg, lParam1, lParam2);
}
