/* wave.c — the 'WAVE' file-format IOProc: RIFF WAVE, RF64 and BW64 files.
 *
 * It identifies the forms, describes itself (MMFORMATINFO), opens a child
 * storage handle (fccChildIOProc, else the storage system the name gives)
 * and offers the data three ways:
 *  - untranslated: READ/WRITE/SEEK move the file's own bytes through the
 *    child; GETHEADER gives the 'fmt ' chunk as stored;
 *  - MMIO_TRANSLATEHEADER: GETHEADER/QUERYHEADERLENGTH exchange an
 *    MMAUDIOHEADER describing the PCM this IOProc delivers;
 *  - MMIO_TRANSLATEDATA: READ delivers interleaved PCM, SEEK counts in its
 *    bytes (lDiskOffset and lLogicalFilePos are that position);
 *  - both, on a file being created (MMIO_CREATE): SETHEADER takes an
 *    MMAUDIOHEADER (PCM 8/16/24/32 or float 32/64, up to 8 channels), then
 *    WRITE takes samples in that layout, any number of bytes at a time;
 *    libsndfile writes the file and its sizes on close.
 * Decoding is libsndfile's, reading through the child handle by virtual
 * I/O, so every codec it knows works: PCM, IEEE float, extensible, µ-law,
 * A-law, IMA and MS ADPCM, GSM 6.10, RF64. BW64 is RF64 under another
 * name; libsndfile 1.2 does not know the name, so the virtual reader shows
 * it 'RF64'.
 *
 * What is delivered (documented in MMAUDIOHEADER): 16-bit signed PCM for
 * integer sources up to 16 bits and for every compressed codec (their
 * decoded precision is 16 bits or less); 32-bit signed PCM for 24- and
 * 32-bit integer sources (24-bit samples in the top bits); 32-bit IEEE
 * float (format tag 3) for float and double sources. All little-endian.
 *
 * MMIOM_DESCRIBECHUNK decodes 'fmt ' (extensible included), 'fact',
 * 'bext', 'cue ', 'smpl' and 'ds64' from the bytes it is given. */
#include "ioprocs.h"
#include "format-util.h"
#include "../engine/mmio-i18n.h"

#include <inttypes.h>
#include <sndfile.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define FCC_WAVE mmioFOURCC ('W', 'A', 'V', 'E')
#define FCC_RF64 mmioFOURCC ('R', 'F', '6', '4')
#define FCC_BW64 mmioFOURCC ('B', 'W', '6', '4')
#define FCC_DS64 mmioFOURCC ('d', 's', '6', '4')
#define FCC_FMT  mmioFOURCC ('f', 'm', 't', ' ')
#define FCC_DATA mmioFOURCC ('d', 'a', 't', 'a')
#define FCC_FACT mmioFOURCC ('f', 'a', 'c', 't')
#define FCC_BEXT mmioFOURCC ('b', 'e', 'x', 't')
#define FCC_CUE  mmioFOURCC ('c', 'u', 'e', ' ')
#define FCC_SMPL mmioFOURCC ('s', 'm', 'p', 'l')

#define WAVE_MAGIC       0x57415645u    /* tells a state record from junk */
#define FMT_MAX          4096           /* a longer 'fmt ' is kept cut */
#define CHUNK_SCAN_MAX   1000000        /* chunks looked at to find fmt/data */
#define DECODE_FRAMES    4096

#define WAVE_FORMAT_PCM        0x0001
#define WAVE_FORMAT_IEEE_FLOAT 0x0003

typedef enum { OUT_S16, OUT_S32, OUT_F32 } OutKind;

typedef struct
{
  guint32    magic;
  HMMIO      child;
  LONG       raw_size;          /* bytes behind the child */
  gboolean   is_bw64;
  guint8     fmt[FMT_MAX];
  LONG       fmt_len;           /* 0: no 'fmt ' found */
  /* translation */
  gboolean   tr_data;
  gboolean   tr_header;
  SNDFILE   *sf;
  SF_INFO    sfi;
  OutKind    out;
  guint      frame_bytes;       /* of the delivered PCM */
  LONG       pos;               /* translated position, bytes */
  sf_count_t sf_frame;          /* where libsndfile stands */
  gboolean   seek_broken;       /* sf_seek cannot be trusted: decode forward */
  LONG       vio_pos;           /* libsndfile's position in the raw bytes */
  guint8    *scratch;           /* DECODE_FRAMES frames, aligned */
  /* translated writing (a created file) */
  gboolean   writing;
  gboolean   header_set;        /* SETHEADER came: the encoder is open */
  MMAUDIOHEADER set_hdr;        /* what it said */
  guint8     carry[64];         /* the start of a frame not yet complete */
  guint      carry_len;
} WaveState;

static const char *
format_name (void)
{
  mmio_i18n_init ();
  return _("WAVE audio");
}

/* ---- state kept in the MMIOINFO (adwInfo[2], adwInfo[3]) -------------- */

static WaveState *
state_of (const MMIOINFO *info)
{
  WaveState *w = (WaveState *) (uintptr_t) ((guint64) info->adwInfo[2]
                                            | ((guint64) info->adwInfo[3] << 32));
  return (w != NULL && w->magic == WAVE_MAGIC) ? w : NULL;
}

static void
set_state (MMIOINFO *info, WaveState *w)
{
  guint64 v = (guint64) (uintptr_t) w;
  info->adwInfo[2] = (DWORD) v;
  info->adwInfo[3] = (DWORD) (v >> 32);
}

static guint64
le64 (const guint8 *p, LONG n, LONG off)
{
  return (guint64) fu_le32 (p, n, off) | ((guint64) fu_le32 (p, n, off + 4) << 32);
}

/* ---- reading the raw bytes through the child --------------------------- */

static LONG
read_at (HMMIO child, LONG off, void *buf, LONG len)
{
  if (mmioSeek (child, off, SEEK_SET) != off)
    return -1;
  return mmioRead (child, buf, len);
}

static gboolean
is_wave_magic (const guint8 *p, LONG n)
{
  FOURCC riff = fu_le32 (p, n, 0);
  return n >= 12 && (riff == FOURCC_RIFF || riff == FCC_RF64 || riff == FCC_BW64)
         && fu_le32 (p, n, 8) == FCC_WAVE;
}

/* Find the 'fmt ' chunk (the native header). Sizes are hostile: the scan
 * stops at the end of the bytes, on a chunk that would not advance, and
 * after CHUNK_SCAN_MAX chunks. */
static void
scan_for_fmt (WaveState *w)
{
  guint8 hdr[28];
  gboolean is64;
  guint64 ds64_data = 0;
  gboolean have_ds64 = FALSE;
  LONG pos = 12;

  if (read_at (w->child, 0, hdr, 12) != 12)
    return;
  is64 = fu_le32 (hdr, 12, 0) != FOURCC_RIFF;
  for (guint i = 0; i < CHUNK_SCAN_MAX && pos + 8 <= w->raw_size; i++)
    {
      FOURCC id;
      guint64 size;
      if (read_at (w->child, pos, hdr, 8) != 8)
        return;
      id = fu_le32 (hdr, 8, 0);
      size = fu_le32 (hdr, 8, 4);
      if (id == FCC_DS64 && is64 && size >= 24)
        {
          if (read_at (w->child, pos + 8, hdr, 24) == 24)
            {
              ds64_data = le64 (hdr, 24, 8);
              have_ds64 = TRUE;
            }
        }
      else if (id == FCC_FMT)
        {
          LONG n = (LONG) MIN (size, (guint64) FMT_MAX);
          n = read_at (w->child, pos + 8, w->fmt, n);
          w->fmt_len = n > 0 ? n : 0;
          return;
        }
      else if (id == FCC_DATA && size == 0xFFFFFFFFu && have_ds64)
        size = ds64_data;
      if (size >= (guint64) (w->raw_size - pos))
        return;                 /* runs to or past the end: nothing after it */
      pos += 8 + (LONG) size + (LONG) (size & 1);
    }
}

/* ---- libsndfile virtual I/O over the child ---------------------------- */

static sf_count_t
vio_get_filelen (void *user)
{
  return ((WaveState *) user)->raw_size;
}

static sf_count_t
vio_seek (sf_count_t offset, int whence, void *user)
{
  WaveState *w = user;
  sf_count_t to;

  switch (whence)
    {
    case SEEK_SET: to = offset; break;
    case SEEK_CUR: to = w->vio_pos + offset; break;
    case SEEK_END: to = w->raw_size + offset; break;
    default: return -1;
    }
  if (to < 0)
    return -1;
  w->vio_pos = to;
  return to;
}

static sf_count_t
vio_read (void *ptr, sf_count_t count, void *user)
{
  WaveState *w = user;
  LONG n;

  if (count <= 0)
    return 0;
  n = read_at (w->child, w->vio_pos, ptr, count);
  if (n <= 0)
    return 0;
  if (w->is_bw64 && w->vio_pos < 4)
    {
      /* 'BW64' shown as 'RF64': same layout, a name libsndfile knows. */
      static const char rf64[4] = { 'R', 'F', '6', '4' };
      LONG from = w->vio_pos, to = MIN (4, w->vio_pos + n);
      memcpy ((char *) ptr, rf64 + from, (size_t) (to - from));
    }
  w->vio_pos += n;
  return n;
}

static sf_count_t
vio_write (const void *ptr, sf_count_t count, void *user)
{
  WaveState *w = user;
  LONG n;

  if (count <= 0 || mmioSeek (w->child, w->vio_pos, SEEK_SET) != w->vio_pos)
    return 0;
  n = mmioWrite (w->child, ptr, count);
  if (n <= 0)
    return 0;
  w->vio_pos += n;
  if (w->vio_pos > w->raw_size)
    w->raw_size = w->vio_pos;
  return n;
}

static sf_count_t
vio_tell (void *user)
{
  return ((WaveState *) user)->vio_pos;
}

static OutKind
out_kind_for (int sf_format)
{
  switch (sf_format & SF_FORMAT_SUBMASK)
    {
    case SF_FORMAT_PCM_24:
    case SF_FORMAT_PCM_32:
      return OUT_S32;
    case SF_FORMAT_FLOAT:
    case SF_FORMAT_DOUBLE:
      return OUT_F32;
    default:
      return OUT_S16;
    }
}

static LRESULT
open_translation (WaveState *w)
{
  SF_VIRTUAL_IO vio = { vio_get_filelen, vio_seek, vio_read, vio_write, vio_tell };

  memset (&w->sfi, 0, sizeof w->sfi);
  w->vio_pos = 0;
  w->sf = sf_open_virtual (&vio, SFM_READ, &w->sfi, w);
  if (w->sf == NULL)
    {
      /* An encoding the decoder lacks, or a file it cannot make sense of
       * (told apart by the format tag, not by libsndfile's error number,
       * which is per process rather than per thread). */
      switch (fu_le16 (w->fmt, w->fmt_len, 0))
        {
        case 0x0001: case 0x0002: case 0x0003: case 0x0006: case 0x0007:
        case 0x0011: case 0x0031: case 0xFFFE:
          return MMIOERR_INVALIDFILE;
        default:
          return w->fmt_len >= 2 ? MMIOERR_CODEC_NOT_SUPPORTED
                                 : MMIOERR_INVALIDFILE;
        }
    }
  if (w->sfi.channels <= 0 || w->sfi.samplerate <= 0 || w->sfi.frames < 0
      || w->sfi.channels > 1024)
    {
      sf_close (w->sf);
      w->sf = NULL;
      return MMIOERR_CODEC_NOT_SUPPORTED;
    }
  w->out = out_kind_for (w->sfi.format);
  w->seek_broken = (w->sfi.format & SF_FORMAT_SUBMASK) == SF_FORMAT_GSM610;
  w->frame_bytes = (guint) w->sfi.channels * (w->out == OUT_S16 ? 2u : 4u);
  if (w->sfi.frames > G_MAXINT64 / w->frame_bytes)
    {
      /* A length no byte position can express: a hostile header. */
      sf_close (w->sf);
      w->sf = NULL;
      return MMIOERR_INVALIDFILE;
    }
  w->sf_frame = 0;
  w->pos = 0;
  if (w->tr_data)
    w->scratch = g_malloc ((gsize) DECODE_FRAMES * w->frame_bytes);
  return 0;
}

/* ---- MMIOM_OPEN / CLOSE ------------------------------------------------ */

static void
state_free (WaveState *w)
{
  if (w->sf != NULL)
    sf_close (w->sf);
  g_free (w->scratch);
  w->magic = 0;
  g_free (w);
}

static LRESULT
wave_open (MMIOINFO *info, const char *name)
{
  MMIOINFO ci;
  WaveState *w;
  guint8 hdr[12];
  gboolean creating = (info->dwFlags & MMIO_CREATE) != 0;
  /* On failure an inherited descriptor stays the caller's. */
  UINT fail_close = name == NULL ? MMIO_FHOPEN : 0;
  LRESULT r;

  memset (&ci, 0, sizeof ci);
  ci.fccIOProc = info->fccChildIOProc;
  ci.adwInfo[0] = info->adwInfo[0];    /* a descriptor when name is NULL */
  w = g_new0 (WaveState, 1);
  w->magic = WAVE_MAGIC;
  w->tr_data = (info->ulTranslate & MMIO_TRANSLATEDATA) != 0;
  w->tr_header = (info->ulTranslate & MMIO_TRANSLATEHEADER) != 0;
  if (creating && w->tr_data != w->tr_header)
    {
      /* A file is written translated whole (header, then samples) or not
       * at all. */
      state_free (w);
      return MMIOERR_INVALID_ACCESS_FLAG;
    }
  w->writing = creating && w->tr_data;
  /* The encoder goes back to patch sizes: it needs to read and write. */
  w->child = mmioOpen ((LPSTR) name, &ci,
                       (info->dwFlags & ((w->writing ? 0 : MMIO_RWMODE)
                                         | MMIO_SHAREMODE | MMIO_CREATE
                                         | MMIO_VERTBAR))
                       | (w->writing ? MMIO_READWRITE : 0) | MMIO_ALLOCBUF);
  if (w->child == NULL)
    {
      state_free (w);
      return ci.wErrorRet != 0 ? (LRESULT) ci.wErrorRet : MMIOERR_CANNOTOPEN;
    }
  if (!creating)
    {
      w->raw_size = mmioSeek (w->child, 0, SEEK_END);
      if (w->raw_size < 0 || read_at (w->child, 0, hdr, 12) != 12
          || !is_wave_magic (hdr, 12))
        {
          mmioClose (w->child, fail_close);
          state_free (w);
          return MMIOERR_INVALIDFILE;
        }
      w->is_bw64 = fu_le32 (hdr, 12, 0) == FCC_BW64;
      scan_for_fmt (w);
      if (w->tr_data || w->tr_header)
        {
          r = open_translation (w);
          if (r != 0)
            {
              mmioClose (w->child, fail_close);
              state_free (w);
              return r;
            }
          if (!w->tr_data)
            {
              /* Only the header was wanted: keep what it says, not the
               * decoder. */
              sf_close (w->sf);
              w->sf = NULL;
            }
        }
      mmioSeek (w->child, 0, SEEK_SET);
    }
  set_state (info, w);
  info->lDiskOffset = 0;
  info->lLogicalFilePos = 0;
  return 0;
}

static LRESULT
wave_close (MMIOINFO *info, UINT flags)
{
  WaveState *w = state_of (info);
  LRESULT r;

  if (w == NULL)
    return 0;
  if (w->sf != NULL && w->writing)
    {
      /* libsndfile writes the final sizes into the header now; a partial
       * frame left over is dropped. */
      sf_close (w->sf);
      w->sf = NULL;
    }
  r = mmioClose (w->child, flags);
  set_state (info, NULL);
  state_free (w);
  return r;
}

/* ---- translated data ---------------------------------------------------- */

static LONG
total_bytes (const WaveState *w)
{
  return (LONG) w->sfi.frames * (LONG) w->frame_bytes;
}

static sf_count_t
decode (WaveState *w, sf_count_t frames)
{
  switch (w->out)
    {
    case OUT_S16: return sf_readf_short (w->sf, (short *) w->scratch, frames);
    case OUT_S32: return sf_readf_int (w->sf, (int *) w->scratch, frames);
    default: return sf_readf_float (w->sf, (float *) w->scratch, frames);
    }
}

static void
to_little_endian (WaveState *w, sf_count_t frames)
{
#if G_BYTE_ORDER == G_BIG_ENDIAN
  gsize width = w->out == OUT_S16 ? 2 : 4;
  gsize n = (gsize) frames * w->frame_bytes;
  for (gsize i = 0; i < n; i += width)
    for (gsize a = i, b = i + width - 1; a < b; a++, b--)
      {
        guint8 t = w->scratch[a];
        w->scratch[a] = w->scratch[b];
        w->scratch[b] = t;
      }
#else
  (void) w;
  (void) frames;
#endif
}

/* Put the decoder at frame. libsndfile 1.2 cannot seek in some codecs
 * (GSM 6.10 in WAV refuses, or accepts and then decodes nothing): there
 * the decoder is reopened when it stands past frame and decodes forward,
 * dropping what is not wanted. */
static gboolean
reposition (WaveState *w, sf_count_t frame)
{
  if (!w->seek_broken)
    {
      if (sf_seek (w->sf, frame, SEEK_SET) == frame)
        {
          w->sf_frame = frame;
          return TRUE;
        }
      w->seek_broken = TRUE;
    }
  if (frame < w->sf_frame)
    {
      SF_VIRTUAL_IO vio = { vio_get_filelen, vio_seek, vio_read, vio_write, vio_tell };
      SF_INFO again = { 0 };
      sf_close (w->sf);
      w->vio_pos = 0;
      w->sf = sf_open_virtual (&vio, SFM_READ, &again, w);
      w->sf_frame = 0;
      if (w->sf == NULL || again.channels != w->sfi.channels)
        return FALSE;
    }
  while (w->sf_frame < frame)
    {
      sf_count_t got = decode (w, MIN (frame - w->sf_frame, (sf_count_t) DECODE_FRAMES));
      if (got <= 0)
        return FALSE;
      w->sf_frame += got;
    }
  return TRUE;
}

static LONG
read_translated (MMIOINFO *info, WaveState *w, char *buf, LONG cch)
{
  LONG done = 0, total = total_bytes (w);

  while (done < cch && w->pos < total && w->sf != NULL)
    {
      sf_count_t frame = w->pos / w->frame_bytes;
      LONG off = w->pos % w->frame_bytes, n;
      sf_count_t want, got;

      if (w->sf_frame != frame && !reposition (w, frame))
        break;
      if (cch - done >= (LONG) DECODE_FRAMES * w->frame_bytes)
        want = DECODE_FRAMES;
      else
        want = (cch - done + off + w->frame_bytes - 1) / w->frame_bytes;
      want = MIN (want, w->sfi.frames - frame);
      got = decode (w, want);
      if (got <= 0)
        break;                  /* the file ends before its header said */
      w->sf_frame += got;
      to_little_endian (w, got);
      n = MIN ((LONG) got * (LONG) w->frame_bytes - off, cch - done);
      memcpy (buf + done, w->scratch + off, (size_t) n);
      done += n;
      w->pos += n;
    }
  info->lDiskOffset = info->lLogicalFilePos = w->pos;
  if (done == 0 && w->pos < total && cch > 0)
    {
      info->ulErrorRet = MMIOERR_READ_FAILED;
      return -1;
    }
  return done;
}

static LONG
seek_translated (MMIOINFO *info, WaveState *w, LONG offset, int origin)
{
  LONG total = total_bytes (w), to;

  switch (origin)
    {
    case SEEK_SET: to = offset; break;
    case SEEK_CUR: to = w->pos + offset; break;
    case SEEK_END: to = total - offset; break;    /* subtractive in MMIO */
    default: return -1;
    }
  if (to < 0 || to > total)
    return -1;
  w->pos = to;
  info->lDiskOffset = info->lLogicalFilePos = to;
  return to;
}

/* MMIOM_SEEKBYTIME: the frame at a time in milliseconds (origin as for
 * SEEK; SEEK_END counts back from the end). Answers the new time in ms. */
static LONG
seek_by_time (MMIOINFO *info, WaveState *w, LONG ms, int origin)
{
  guint64 rate = (guint64) w->sfi.samplerate;
  LONG now_ms = (LONG) ((guint64) (w->pos / w->frame_bytes) * 1000u / rate);
  LONG end_ms = (LONG) ((guint64) w->sfi.frames * 1000u / rate);
  LONG to;

  switch (origin)
    {
    case SEEK_SET: to = ms; break;
    case SEEK_CUR: to = now_ms + ms; break;
    case SEEK_END: to = end_ms - ms; break;
    default: return -1;
    }
  if (to < 0 || to > end_ms)
    return -1;
  /* Frames rounded down, so the answer never lies past the time asked. */
  if (seek_translated (info, w, (LONG) ((guint64) to * rate / 1000u) * w->frame_bytes,
                       SEEK_SET) < 0)
    return -1;
  return to;
}

/* ---- untranslated data ------------------------------------------------ */

static LONG
read_raw (MMIOINFO *info, WaveState *w, char *buf, LONG cch)
{
  LONG n;
  if (mmioSeek (w->child, info->lDiskOffset, SEEK_SET) != info->lDiskOffset)
    return -1;
  n = mmioRead (w->child, buf, cch);
  if (n > 0)
    info->lDiskOffset += n;
  info->lLogicalFilePos = info->lDiskOffset;
  return n;
}

static LONG
write_raw (MMIOINFO *info, WaveState *w, const char *buf, LONG cch)
{
  LONG n;
  if (mmioSeek (w->child, info->lDiskOffset, SEEK_SET) != info->lDiskOffset)
    return -1;
  n = mmioWrite (w->child, buf, cch);
  if (n > 0)
    info->lDiskOffset += n;
  info->lLogicalFilePos = info->lDiskOffset;
  return n;
}

static LONG
seek_raw (MMIOINFO *info, WaveState *w, LONG offset, int origin)
{
  LONG r;
  if (origin == SEEK_CUR)
    {
      offset += info->lDiskOffset;
      origin = SEEK_SET;
    }
  r = mmioSeek (w->child, offset, origin);
  if (r >= 0)
    info->lDiskOffset = info->lLogicalFilePos = r;
  return r;
}

/* ---- translated writing ------------------------------------------------- */

/* MMIOM_SETHEADER on a file created translated: the MMAUDIOHEADER says
 * what the samples written next are (PCM 8/16/24/32 or float 32/64) and
 * opens libsndfile's encoder on the child. */
static LRESULT
set_header (MMIOINFO *info, WaveState *w, const void *buf, LONG len)
{
  SF_VIRTUAL_IO vio = { vio_get_filelen, vio_seek, vio_read, vio_write, vio_tell };
  MMAUDIOHEADER ah;
  const WAVE_HEADER *wh = &ah.mmXWAVHeader.WAVEHeader;
  int sub;

  if (!w->writing || w->header_set)
    return MMIOERR_UNSUPPORTED_MESSAGE;
  if (len < (LONG) sizeof ah)
    {
      info->ulErrorRet = MMIOERR_INVALID_BUFFER_LENGTH;
      return MMIO_ERROR;
    }
  memcpy (&ah, buf, sizeof ah);
  switch (wh->usFormatTag)
    {
    case WAVE_FORMAT_PCM:
      sub = wh->usBitsPerSample == 8 ? SF_FORMAT_PCM_U8
            : wh->usBitsPerSample == 16 ? SF_FORMAT_PCM_16
            : wh->usBitsPerSample == 24 ? SF_FORMAT_PCM_24
            : wh->usBitsPerSample == 32 ? SF_FORMAT_PCM_32 : 0;
      break;
    case WAVE_FORMAT_IEEE_FLOAT:
      sub = wh->usBitsPerSample == 32 ? SF_FORMAT_FLOAT
            : wh->usBitsPerSample == 64 ? SF_FORMAT_DOUBLE : 0;
      break;
    default:
      sub = 0;
      break;
    }
  if (sub == 0 || wh->usChannels == 0 || wh->usChannels > 8
      || wh->ulSamplesPerSec == 0 || wh->ulSamplesPerSec > 0x7FFFFFFF)
    {
      info->ulErrorRet = MMIOERR_CODEC_NOT_SUPPORTED;
      return MMIO_ERROR;
    }
  memset (&w->sfi, 0, sizeof w->sfi);
  w->sfi.channels = wh->usChannels;
  w->sfi.samplerate = (int) wh->ulSamplesPerSec;
  w->sfi.format = SF_FORMAT_WAV | sub;
  w->vio_pos = 0;
  w->sf = sf_open_virtual (&vio, SFM_WRITE, &w->sfi, w);
  if (w->sf == NULL)
    {
      info->ulErrorRet = MMIOERR_CANNOTWRITE;
      return MMIO_ERROR;
    }
  w->frame_bytes = (guint) wh->usChannels * (wh->usBitsPerSample / 8u);
  w->set_hdr = ah;
  w->header_set = TRUE;
  return sizeof ah;
}

/* Samples in the layout the header gave, any number of bytes at a time:
 * whole frames go to the encoder, the start of a frame waits for the rest
 * of it. */
static LONG
write_translated (MMIOINFO *info, WaveState *w, const char *buf, LONG cch)
{
  LONG done = 0;

  if (!w->header_set)
    {
      info->ulErrorRet = MMIOERR_CANNOTWRITE;   /* SETHEADER first */
      return -1;
    }
  if (w->carry_len > 0)
    {
      LONG take = MIN ((LONG) (w->frame_bytes - w->carry_len), cch);
      memcpy (w->carry + w->carry_len, buf, (size_t) take);
      w->carry_len += (guint) take;
      done = take;
      if (w->carry_len < w->frame_bytes)
        goto out;
      if (sf_write_raw (w->sf, w->carry, w->frame_bytes) != w->frame_bytes)
        return -1;
      w->carry_len = 0;
    }
  {
    LONG whole = (cch - done) / w->frame_bytes * w->frame_bytes;
    if (whole > 0 && sf_write_raw (w->sf, buf + done, whole) != whole)
      return -1;
    done += whole;
  }
  if (done < cch)
    {
      memcpy (w->carry, buf + done, (size_t) (cch - done));
      w->carry_len = (guint) (cch - done);
      done = cch;
    }
out:
  w->pos += done;
  info->lDiskOffset = info->lLogicalFilePos = w->pos;
  return done;
}

/* ---- headers ------------------------------------------------------------ */

static void
fill_audio_header (const WaveState *w, MMAUDIOHEADER *ah)
{
  guint64 bytes = (guint64) w->sfi.frames * w->frame_bytes;   /* fits: see open */
  guint64 rate = (guint64) w->sfi.samplerate, frames = (guint64) w->sfi.frames;
  guint64 ms = frames / rate * 1000u + frames % rate * 1000u / rate;

  memset (ah, 0, sizeof *ah);
  ah->ulHeaderLength = sizeof *ah;
  ah->ulContentType = 0;               /* MMIO_AUDIO_UNKNOWN */
  ah->ulMediaType = MMIO_MEDIATYPE_AUDIO;
  ah->mmXWAVHeader.WAVEHeader.usFormatTag =
    w->out == OUT_F32 ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM;
  ah->mmXWAVHeader.WAVEHeader.usChannels = (USHORT) w->sfi.channels;
  ah->mmXWAVHeader.WAVEHeader.ulSamplesPerSec = (ULONG) w->sfi.samplerate;
  ah->mmXWAVHeader.WAVEHeader.ulAvgBytesPerSec =
    (ULONG) w->sfi.samplerate * w->frame_bytes;
  ah->mmXWAVHeader.WAVEHeader.usBlockAlign = (USHORT) w->frame_bytes;
  ah->mmXWAVHeader.WAVEHeader.usBitsPerSample = w->out == OUT_S16 ? 16 : 32;
  /* 32-bit fields: a longer file says "at least this much". */
  ah->mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInMS =
    (ULONG) MIN (ms, (guint64) G_MAXUINT32);
  ah->mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInBytes =
    (ULONG) MIN (bytes, (guint64) G_MAXUINT32);
}

static LRESULT
get_header (WaveState *w, void *buf, LONG len)
{
  if (len <= 0)
    return 0;
  if (w->tr_header)
    {
      MMAUDIOHEADER ah;
      LONG n = MIN (len, (LONG) sizeof ah);
      fill_audio_header (w, &ah);
      memcpy (buf, &ah, (size_t) n);
      return n;
    }
  len = MIN (len, w->fmt_len);
  memcpy (buf, w->fmt, (size_t) len);
  return len;
}

/* While writing: the header that was set, with the length so far. */
static LRESULT
get_written_header (WaveState *w, void *buf, LONG len)
{
  MMAUDIOHEADER ah = w->set_hdr;
  guint64 frames, rate;
  LONG n;

  if (!w->header_set || len <= 0)
    return 0;
  frames = (guint64) w->pos / w->frame_bytes;
  rate = ah.mmXWAVHeader.WAVEHeader.ulSamplesPerSec;
  ah.ulHeaderLength = sizeof ah;
  ah.ulMediaType = MMIO_MEDIATYPE_AUDIO;
  ah.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInBytes =
    (ULONG) MIN ((guint64) w->pos, (guint64) G_MAXUINT32);
  ah.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInMS =
    (ULONG) MIN (frames / rate * 1000u + frames % rate * 1000u / rate,
                 (guint64) G_MAXUINT32);
  n = MIN (len, (LONG) sizeof ah);
  memcpy (buf, &ah, (size_t) n);
  return n;
}

/* ---- identification ------------------------------------------------------ */

static LRESULT
wave_identify (const char *name, HMMIO h)
{
  guint8 hdr[12];
  gboolean mine = FALSE;
  HMMIO own = NULL;
  LONG here, n;

  if (h == NULL)
    {
      if (name == NULL)
        return MMIO_ERROR;
      h = own = mmioOpen ((LPSTR) name, NULL, MMIO_READ);
      if (h == NULL)
        return MMIO_ERROR;
    }
  /* The form is at the start, wherever the handle stands. */
  here = mmioSeek (h, 0, SEEK_CUR);
  n = mmioSeek (h, 0, SEEK_SET) == 0 ? mmioRead (h, (HPSTR) hdr, sizeof hdr) : -1;
  mine = n == (LONG) sizeof hdr && is_wave_magic (hdr, n);
  if (here >= 0)
    mmioSeek (h, here, SEEK_SET);
  if (own != NULL)
    mmioClose (own, 0);
  return mine ? MMIO_SUCCESS : MMIO_ERROR;
}

/* ---- describing chunks -------------------------------------------------- */

/* Fixed-size text (bext): up to len bytes at off, stopping at NUL, without
 * the padding spaces and line ends BWF writers leave around it. */
static void
text_field (MMIOFIELDSINK *sink, const char *key, const char *label,
            const guint8 *p, LONG avail, LONG off, LONG len)
{
  LONG n = 0, start = 0;

  if (off < 0 || off >= avail)
    return;
  p += off;
  len = MIN (len, avail - off);
  while (n < len && p[n] != 0)
    n++;
  while (start < n && g_ascii_isspace (p[start]))
    start++;
  while (n > start && g_ascii_isspace (p[n - 1]))
    n--;
  fu_text_field (sink, key, label, p + start, n - start);
}

static void
describe_channel_mask (MMIOFIELDSINK *sink, guint32 mask)
{
  static const char *const names[] = {
    "FL", "FR", "FC", "LFE", "BL", "BR", "FLC", "FRC", "BC", "SL", "SR",
    "TC", "TFL", "TFC", "TFR", "TBL", "TBC", "TBR"
  };
  GString *s = g_string_new (NULL);
  g_string_printf (s, "0x%08X", mask);
  if (mask != 0)
    {
      g_string_append (s, " (");
      for (guint i = 0, first = 1; i < 32; i++)
        if (mask & (1u << i))
          {
            if (!first)
              g_string_append_c (s, ' ');
            first = 0;
            if (i < G_N_ELEMENTS (names))
              g_string_append (s, names[i]);
            else
              g_string_append_printf (s, "bit%u", i);
          }
      g_string_append_c (s, ')');
    }
  sink->AddField (sink, "channel-mask", _("Channel mask"), s->str, NULL);
  g_string_free (s, TRUE);
}

static LRESULT
describe_fmt (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  LONG n = d->cbData;
  guint tag, channels, bits, align, cb = 0;
  guint32 rate, avg;
  const char *tname;

  if (n < 14)
    {
      fu_finding (sink, "fmt-short",
               _("The format chunk holds %ld bytes; at least 14 are needed."),
               (long) n);
      if (n < 2)
        return MMIO_SUCCESS;
    }
  tag = fu_le16 (p, n, 0);
  channels = fu_le16 (p, n, 2);
  rate = fu_le32 (p, n, 4);
  avg = fu_le32 (p, n, 8);
  align = fu_le16 (p, n, 12);
  bits = fu_le16 (p, n, 14);
  tname = fu_wave_tag_name (tag);
  if (tname != NULL)
    fu_field (sink, "format-tag", _("Format"), NULL, "0x%04X (%s)", tag, tname);
  else
    fu_field (sink, "format-tag", _("Format"), NULL, "0x%04X (%s)", tag,
           _("unknown"));
  fu_field (sink, "channels", _("Channels"), NULL, "%u", channels);
  fu_field (sink, "sample-rate", _("Sample rate"), _("Hz"), "%u", rate);
  fu_field (sink, "bytes-per-second", _("Average data rate"), _("bytes/s"),
         "%u", avg);
  fu_field (sink, "block-align", _("Block alignment"), _("bytes"), "%u", align);
  if (n >= 16)
    fu_field (sink, "bits-per-sample", _("Bits per sample"), _("bits"), "%u", bits);
  if (channels == 0)
    fu_finding (sink, "fmt-channels", _("The format says 0 channels."));
  if (rate == 0)
    fu_finding (sink, "fmt-rate", _("The format says a sample rate of 0."));
  if ((tag == WAVE_FORMAT_PCM || tag == WAVE_FORMAT_IEEE_FLOAT) && n >= 16)
    {
      guint want_align = channels * ((bits + 7) / 8);
      if (align != want_align)
        fu_finding (sink, "fmt-block-align",
                 _("Block alignment is %u bytes; %u channels of %u bits need %u."),
                 align, channels, bits, want_align);
      else if (avg != rate * align)
        fu_finding (sink, "fmt-avg-bytes",
                 _("Average data rate is %u bytes/s; %u Hz \xc3\x97 %u bytes is %u."),
                 avg, rate, align, rate * align);
    }
  if (n >= 18)
    {
      cb = fu_le16 (p, n, 16);
      fu_field (sink, "extra-size", _("Extra format bytes"), _("bytes"), "%u", cb);
      if ((LONG) cb > n - 18)
        fu_finding (sink, "fmt-cbsize",
                 _("The format claims %u extra bytes but the chunk holds %ld."),
                 cb, (long) (n - 18));
    }
  switch (tag)
    {
    case 0xFFFE:
      if (cb >= 22 && n >= 40)
        {
          static const guint8 ksguid_tail[12] = {
            0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71
          };
          guint valid = fu_le16 (p, n, 18);
          guint32 sub = fu_le32 (p, n, 24);
          const char *sname = fu_wave_tag_name (sub & 0xFFFF);
          char guid[40];
          g_snprintf (guid, sizeof guid,
                      "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X",
                      sub, fu_le16 (p, n, 28), fu_le16 (p, n, 30), p[32], p[33],
                      p[34], p[35], p[36], p[37], p[38], p[39]);
          fu_field (sink, "valid-bits", _("Valid bits per sample"),
                 _("bits"), "%u", valid);
          describe_channel_mask (sink, fu_le32 (p, n, 20));
          if (memcmp (p + 28, ksguid_tail, sizeof ksguid_tail) == 0
              && sub <= 0xFFFF && sname != NULL)
            fu_field (sink, "sub-format", _("Sub-format"), NULL, "%s (%s)", guid,
                   sname);
          else
            fu_field (sink, "sub-format", _("Sub-format"), NULL, "%s", guid);
          if (valid > bits)
            fu_finding (sink, "fmt-valid-bits",
                     _("Valid bits (%u) exceed the container's %u bits."),
                     valid, bits);
        }
      else
        fu_finding (sink, "fmt-extensible-short",
                 _("An extensible format needs 22 extra bytes."));
      break;
    case 0x0002:
      if (cb >= 4)
        {
          fu_field (sink, "samples-per-block", _("Samples per block"), NULL, "%u",
                 fu_le16 (p, n, 18));
          fu_field (sink, "num-coefficients", _("Coefficient pairs"), NULL, "%u",
                 fu_le16 (p, n, 20));
        }
      break;
    case 0x0011:
    case 0x0031:
      if (cb >= 2)
        fu_field (sink, "samples-per-block", _("Samples per block"), NULL, "%u",
               fu_le16 (p, n, 18));
      break;
    default:
      break;
    }
  return MMIO_SUCCESS;
}

static LRESULT
describe_fact (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  guint32 v;
  if (d->cbData < 4)
    {
      fu_finding (sink, "fact-short", _("The fact chunk is shorter than 4 bytes."));
      return MMIO_SUCCESS;
    }
  v = fu_le32 (d->pData, d->cbData, 0);
  if (v == 0xFFFFFFFFu)
    fu_field (sink, "sample-length", _("Length"), NULL, "%s",
           _("0xFFFFFFFF (the real count is in ds64)"));
  else
    fu_field (sink, "sample-length", _("Length"), _("samples"), "%u", v);
  return MMIO_SUCCESS;
}

static LRESULT
describe_bext (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  LONG n = d->cbData;
  guint version;

  if (n < 602)
    fu_finding (sink, "bext-short",
             _("The broadcast extension holds %ld bytes; 602 are needed."),
             (long) n);
  text_field (sink, "description", _("Description"), p, n, 0, 256);
  text_field (sink, "originator", _("Originator"), p, n, 256, 32);
  text_field (sink, "originator-reference", _("Originator reference"), p, n, 288, 32);
  text_field (sink, "origination-date", _("Origination date"), p, n, 320, 10);
  text_field (sink, "origination-time", _("Origination time"), p, n, 330, 8);
  if (n >= 346)
    fu_field (sink, "time-reference", _("Time reference"), _("samples"),
           "%" G_GUINT64_FORMAT, le64 (p, n, 338));
  if (n < 348)
    return MMIO_SUCCESS;
  version = fu_le16 (p, n, 346);
  fu_field (sink, "version", _("Version"), NULL, "%u", version);
  if (n >= 412)
    {
      GString *umid = g_string_new (NULL);
      gboolean any = FALSE;
      for (int i = 0; i < 64; i++)
        any |= p[348 + i] != 0;
      if (any)
        {
          for (int i = 0; i < 64; i++)
            g_string_append_printf (umid, "%02X", p[348 + i]);
          sink->AddField (sink, "umid", _("UMID"), umid->str, NULL);
        }
      g_string_free (umid, TRUE);
    }
  if (version >= 2 && n >= 422)
    {
      static const struct { const char *key; const char *label; const char *unit; LONG off; } loud[] = {
        { "loudness-value", N_("Integrated loudness"), N_("LUFS"), 412 },
        { "loudness-range", N_("Loudness range"), N_("LU"), 414 },
        { "max-true-peak-level", N_("Maximum true peak"), N_("dBTP"), 416 },
        { "max-momentary-loudness", N_("Maximum momentary loudness"), N_("LUFS"), 418 },
        { "max-short-term-loudness", N_("Maximum short-term loudness"), N_("LUFS"), 420 },
      };
      for (guint i = 0; i < G_N_ELEMENTS (loud); i++)
        {
          gint16 v = (gint16) fu_le16 (p, n, loud[i].off);
          if (v == 0x7FFF)
            continue;           /* "not given" */
          fu_field (sink, loud[i].key, _(loud[i].label), _(loud[i].unit), "%.2f",
                 v / 100.0);
        }
    }
  if (n > 602)
    text_field (sink, "coding-history", _("Coding history"), p, n, 602, n - 602);
  return MMIO_SUCCESS;
}

#define LIST_MAX 256                   /* records listed one by one */

static LRESULT
describe_cue (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  LONG n = d->cbData;
  guint32 count;
  guint64 fit;

  if (n < 4)
    {
      fu_finding (sink, "cue-short", _("The cue chunk is shorter than 4 bytes."));
      return MMIO_SUCCESS;
    }
  count = fu_le32 (p, n, 0);
  fu_field (sink, "cue-points", _("Cue points"), NULL, "%u", count);
  fit = ((guint64) MAX (d->lSize, 4) - 4) / 24;
  if (count > fit || (guint64) d->lSize != 4 + (guint64) count * 24)
    fu_finding (sink, "cue-count",
             _("The cue chunk says %u points; its size fits %" PRIu64 "."),
             count, (uint64_t) fit);
  for (guint32 i = 0; i < count && i < LIST_MAX; i++)
    {
      LONG o = 4 + (LONG) i * 24;
      char key[32], label[64], fcc[5] = { 0 };
      if (o + 24 > n)
        break;
      memcpy (fcc, p + o + 8, 4);
      for (int k = 0; k < 4; k++)
        if (!g_ascii_isprint (fcc[k]))
          fcc[k] = '?';
      g_snprintf (key, sizeof key, "cue-%u", i);
      g_snprintf (label, sizeof label, _("Cue point %u"), i + 1);
      fu_field (sink, key, label, NULL,
             _("id %u, position %u, chunk '%s' at %u, block %u, offset %u"),
             fu_le32 (p, n, o), fu_le32 (p, n, o + 4), fcc, fu_le32 (p, n, o + 12),
             fu_le32 (p, n, o + 16), fu_le32 (p, n, o + 20));
    }
  return MMIO_SUCCESS;
}

static LRESULT
describe_smpl (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  LONG n = d->cbData;
  guint32 loops, period;

  if (n < 36)
    {
      fu_finding (sink, "smpl-short",
               _("The sampler chunk holds %ld bytes; 36 are needed."), (long) n);
      return MMIO_SUCCESS;
    }
  period = fu_le32 (p, n, 8);
  fu_field (sink, "manufacturer", _("Manufacturer"), NULL, "0x%08X", fu_le32 (p, n, 0));
  fu_field (sink, "product", _("Product"), NULL, "0x%08X", fu_le32 (p, n, 4));
  fu_field (sink, "sample-period", _("Sample period"), _("ns"), "%u", period);
  fu_field (sink, "midi-unity-note", _("MIDI unity note"), NULL, "%u", fu_le32 (p, n, 12));
  fu_field (sink, "midi-pitch-fraction", _("MIDI pitch fraction"), NULL, "0x%08X",
         fu_le32 (p, n, 16));
  fu_field (sink, "smpte-format", _("SMPTE format"), _("frames/s"), "%u",
         fu_le32 (p, n, 20));
  fu_field (sink, "smpte-offset", _("SMPTE offset"), NULL, "%02u:%02u:%02u:%02u",
         p[27], p[26], p[25], p[24]);
  loops = fu_le32 (p, n, 28);
  fu_field (sink, "sample-loops", _("Loops"), NULL, "%u", loops);
  fu_field (sink, "sampler-data", _("Sampler data"), _("bytes"), "%u",
         fu_le32 (p, n, 32));
  if ((guint64) loops * 24 + 36 > (guint64) d->lSize)
    fu_finding (sink, "smpl-count",
             _("The sampler chunk says %u loops; its size does not hold them."),
             loops);
  for (guint32 i = 0; i < loops && i < LIST_MAX; i++)
    {
      static const char *const types[] = { N_("forward"), N_("alternating"),
                                           N_("backward") };
      LONG o = 36 + (LONG) i * 24;
      guint32 type;
      char key[32], label[64];
      if (o + 24 > n)
        break;
      type = fu_le32 (p, n, o + 4);
      g_snprintf (key, sizeof key, "loop-%u", i);
      g_snprintf (label, sizeof label, _("Loop %u"), i + 1);
      fu_field (sink, key, label, NULL,
             _("id %u, %s, samples %u to %u, fraction %u, play count %u"),
             fu_le32 (p, n, o), type < 3 ? _(types[type]) : _("unknown"),
             fu_le32 (p, n, o + 8), fu_le32 (p, n, o + 12), fu_le32 (p, n, o + 16),
             fu_le32 (p, n, o + 20));
    }
  return MMIO_SUCCESS;
}

static LRESULT
describe_ds64 (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  const guint8 *p = d->pData;
  LONG n = d->cbData;
  guint32 table;

  if (n < 28)
    {
      fu_finding (sink, "ds64-short",
               _("The ds64 chunk holds %ld bytes; 28 are needed."), (long) n);
      if (n < 24)
        return MMIO_SUCCESS;
    }
  fu_field (sink, "riff-size", _("RIFF size"), _("bytes"), "%" G_GUINT64_FORMAT,
         le64 (p, n, 0));
  fu_field (sink, "data-size", _("Data size"), _("bytes"), "%" G_GUINT64_FORMAT,
         le64 (p, n, 8));
  fu_field (sink, "sample-count", _("Sample count"), _("samples"),
         "%" G_GUINT64_FORMAT, le64 (p, n, 16));
  if (n < 28)
    return MMIO_SUCCESS;
  table = fu_le32 (p, n, 24);
  fu_field (sink, "table-length", _("Table entries"), NULL, "%u", table);
  if ((guint64) table * 12 + 28 > (guint64) d->lSize)
    fu_finding (sink, "ds64-table",
             _("The ds64 table says %u entries; the chunk does not hold them."),
             table);
  for (guint32 i = 0; i < table && i < LIST_MAX; i++)
    {
      LONG o = 28 + (LONG) i * 12;
      char key[32], label[64], fcc[5] = { 0 };
      if (o + 12 > n)
        break;
      memcpy (fcc, p + o, 4);
      for (int k = 0; k < 4; k++)
        if (!g_ascii_isprint (fcc[k]))
          fcc[k] = '?';
      g_snprintf (key, sizeof key, "table-%u", i);
      g_snprintf (label, sizeof label, _("Size of '%s'"), fcc);
      fu_field (sink, key, label, _("bytes"), "%" G_GUINT64_FORMAT,
             le64 (p, n, o + 4));
    }
  return MMIO_SUCCESS;
}

static LRESULT
wave_describe (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink)
{
  if (d == NULL || sink == NULL || sink->AddField == NULL
      || (d->pData == NULL && d->cbData > 0) || d->cbData < 0)
    return MMIO_ERROR;
  mmio_i18n_init ();
  switch (d->ckid)
    {
    case FCC_FMT: return describe_fmt (d, sink);
    case FCC_FACT: return describe_fact (d, sink);
    case FCC_BEXT: return describe_bext (d, sink);
    case FCC_CUE: return describe_cue (d, sink);
    case FCC_SMPL: return describe_smpl (d, sink);
    case FCC_DS64: return describe_ds64 (d, sink);
    default: return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

/* ---- the IOProc ------------------------------------------------------- */

static gboolean
forwardable (UINT msg)
{
  return msg >= MMIOM_USER || (msg > MMIOM_START && msg <= MMIOM_SYSTEM_LAST);
}

LRESULT
mmio_wave_ioproc (LPSTR lpmmioinfo, UINT uMsg, LPARAM lParam1, LPARAM lParam2)
{
  MMIOINFO *info = (MMIOINFO *) lpmmioinfo;
  WaveState *w;

  switch (uMsg)
    {
    case MMIOM_GETFORMATINFO:
      return mmio_ioprocs_fill_format ((MMFORMATINFO *) lParam1, FCC_WAVE,
                                       MMIO_IOPROC_FILEFORMAT,
                                       MMIO_MEDIATYPE_AUDIO,
                                       MMIO_CANREADTRANSLATED
                                       | MMIO_CANWRITETRANSLATED
                                       | MMIO_CANSEEKTRANSLATED
                                       | MMIO_CANREADUNTRANSLATED
                                       | MMIO_CANWRITEUNTRANSLATED
                                       | MMIO_CANREADWRITEUNTRANSLATED
                                       | MMIO_CANSEEKUNTRANSLATED,
                                       "WAV", format_name ());
    case MMIOM_GETFORMATNAME:
      return mmio_ioprocs_copy_name ((char *) lParam1, (LONG) lParam2,
                                     format_name ());
    case MMIOM_IDENTIFYFILE:
      return wave_identify ((const char *) lParam1, (HMMIO) lParam2);
    case MMIOM_DESCRIBECHUNK:
      return wave_describe ((const MMIOCHUNKDESC *) lParam1,
                            (MMIOFIELDSINK *) lParam2);
    case MMIOM_OPEN:
      return wave_open (info, (const char *) lParam1);
    case MMIOM_CLOSE:
      return wave_close (info, (UINT) lParam1);
    default:
      break;
    }

  w = state_of (info);
  if (w == NULL)
    return uMsg <= MMIOM_RENAME ? -1 : MMIOERR_UNSUPPORTED_MESSAGE;
  switch (uMsg)
    {
    case MMIOM_READ:
      if (lParam2 < 0 || (lParam1 == 0 && lParam2 > 0))
        return -1;
      if (w->tr_data)
        return read_translated (info, w, (char *) lParam1, (LONG) lParam2);
      return read_raw (info, w, (char *) lParam1, (LONG) lParam2);
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
      if (lParam2 < 0 || (lParam1 == 0 && lParam2 > 0))
        return -1;
      if (w->writing)
        return write_translated (info, w, (const char *) lParam1, (LONG) lParam2);
      if (w->tr_data)
        {
          info->ulErrorRet = MMIOERR_CANNOTWRITE;
          return -1;
        }
      return write_raw (info, w, (const char *) lParam1, (LONG) lParam2);
    case MMIOM_SEEK:
      if (w->writing)
        {
          /* Where the samples written so far end, and nowhere else. */
          LONG to = (int) lParam2 == SEEK_SET ? (LONG) lParam1
                    : (int) lParam2 == SEEK_CUR ? w->pos + (LONG) lParam1
                    : (int) lParam2 == SEEK_END ? w->pos - (LONG) lParam1 : -1;
          return to == w->pos ? to : -1;
        }
      if (w->tr_data)
        return seek_translated (info, w, (LONG) lParam1, (int) lParam2);
      return seek_raw (info, w, (LONG) lParam1, (int) lParam2);
    case MMIOM_SEEKBYTIME:
      if (!w->tr_data || w->writing || w->sf == NULL)
        return MMIOERR_UNSUPPORTED_MESSAGE;
      return seek_by_time (info, w, (LONG) lParam1, (int) lParam2);
    case MMIOM_QUERYHEADERLENGTH:
      return w->tr_header ? (LRESULT) sizeof (MMAUDIOHEADER) : w->fmt_len;
    case MMIOM_GETHEADER:
      if (lParam2 < 0 || (lParam1 == 0 && lParam2 > 0))
        return MMIO_ERROR;
      if (w->writing)
        return get_written_header (w, (void *) lParam1, (LONG) lParam2);
      return get_header (w, (void *) lParam1, (LONG) lParam2);
    case MMIOM_SETHEADER:
      if (lParam2 < 0 || lParam1 == 0)
        return MMIO_ERROR;
      return set_header (info, w, (const void *) lParam1, (LONG) lParam2);
    default:
      if (forwardable (uMsg))
        return mmioSendMessage (w->child, uMsg, lParam1, lParam2);
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}
