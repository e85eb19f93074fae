/* au.c — example plugin: a file-format IOProc for Sun/NeXT .au audio,
 * written as an IOProc author outside the project would, with only the
 * public headers.
 *
 * The file is read through a child handle on the storage system (the
 * caller's fccChildIOProc, or the one the name's extension picks), so
 * "sounds.a+pluck.au" works over the ar example plugin.
 *
 * Untranslated (ulTranslate without MMIO_TRANSLATEDATA), reads and seeks
 * see the file's own bytes. With MMIO_TRANSLATEDATA they see the samples
 * as little-endian PCM, the way a WAVE file holds them: µ-law and A-law
 * become 16-bit, signed 8-bit becomes unsigned, 16/24/32-bit and float are
 * byte-swapped. Positions are then in PCM bytes (lLogicalFilePos) while
 * lDiskOffset stays the position in the file. MMIOM_GETHEADER with
 * MMIO_TRANSLATEHEADER gives an MMAUDIOHEADER; without it, the file's
 * header bytes. */
#include <mmio/mmio-plugin.h>

#include <libintl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define _(s) dgettext ("riffscope", s)

#define FOURCC_AU mmioFOURCC ('A', 'U', ' ', ' ')
#define AU_MAGIC 0x2e736e64u          /* ".snd" */
#define AU_UNKNOWN_SIZE 0xffffffffu

enum {
  AU_ULAW = 1, AU_PCM8 = 2, AU_PCM16 = 3, AU_PCM24 = 4, AU_PCM32 = 5,
  AU_FLOAT = 6, AU_DOUBLE = 7, AU_ALAW = 27,
};

typedef struct
{
  HMMIO  child;
  LONG   file_size;
  LONG   data_offset;
  LONG   data_size;     /* bytes of samples in the file */
  ULONG  encoding;
  ULONG  rate;
  ULONG  channels;
  int    in_bytes;      /* per sample in the file */
  int    out_bytes;     /* per sample translated; 0: not translatable */
  int    translate;
} AuState;

_Static_assert (sizeof (AuState *) <= 2 * sizeof (DWORD), "pointer fits adwInfo[0..1]");

static AuState *
state_of (MMIOINFO *info)
{
  AuState *s;
  memcpy (&s, info->adwInfo, sizeof s);
  return s;
}

static void
set_state (MMIOINFO *info, AuState *s)
{
  memcpy (info->adwInfo, &s, sizeof s);
}

static uint32_t
be32 (const unsigned char *p)
{
  return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16)
         | ((uint32_t) p[2] << 8) | p[3];
}

/* G.711 expansions, from the bit layout of the code words. */
static int16_t
ulaw_to_pcm (unsigned char u)
{
  int t;
  u = (unsigned char) ~u;
  t = ((u & 0x0f) << 3) + 0x84;
  t <<= (u & 0x70) >> 4;
  return (int16_t) ((u & 0x80) ? (0x84 - t) : (t - 0x84));
}

static int16_t
alaw_to_pcm (unsigned char a)
{
  int t, seg;
  a ^= 0x55;
  t = (a & 0x0f) << 4;
  seg = (a & 0x70) >> 4;
  if (seg == 0)
    t += 8;
  else if (seg == 1)
    t += 0x108;
  else
    {
      t += 0x108;
      t <<= seg - 1;
    }
  return (int16_t) ((a & 0x80) ? t : -t);
}

static void
sizes_for (ULONG enc, int *in, int *out)
{
  switch (enc)
    {
    case AU_ULAW: case AU_ALAW: *in = 1; *out = 2; break;
    case AU_PCM8: *in = 1; *out = 1; break;
    case AU_PCM16: *in = 2; *out = 2; break;
    case AU_PCM24: *in = 3; *out = 3; break;
    case AU_PCM32: case AU_FLOAT: *in = 4; *out = 4; break;
    case AU_DOUBLE: *in = 8; *out = 0; break;
    default: *in = 0; *out = 0; break;
    }
}

static void
convert (const AuState *s, const unsigned char *in, unsigned char *out,
         LONG samples)
{
  for (LONG i = 0; i < samples; i++)
    {
      const unsigned char *p = in + i * s->in_bytes;
      unsigned char *q = out + i * s->out_bytes;
      int16_t v;
      switch (s->encoding)
        {
        case AU_ULAW:
        case AU_ALAW:
          v = s->encoding == AU_ULAW ? ulaw_to_pcm (p[0]) : alaw_to_pcm (p[0]);
          q[0] = (unsigned char) (v & 0xff);
          q[1] = (unsigned char) ((uint16_t) v >> 8);
          break;
        case AU_PCM8:
          q[0] = p[0] ^ 0x80;
          break;
        default:
          for (int b = 0; b < s->in_bytes; b++)
            q[b] = p[s->in_bytes - 1 - b];
          break;
        }
    }
}

static LONG
translated_size (const AuState *s)
{
  return (s->data_size / s->in_bytes) * s->out_bytes;
}

static LRESULT
au_open (MMIOINFO *info, const char *name)
{
  AuState *s;
  MMIOINFO ci;
  unsigned char h[24];
  uint32_t off, size;

  if (name == NULL)
    return MMIOERR_CANNOTOPEN;
  if ((info->dwFlags & MMIO_RWMODE) != MMIO_READ || (info->dwFlags & MMIO_CREATE))
    return MMIOERR_ACCESSDENIED;
  s = calloc (1, sizeof *s);
  if (s == NULL)
    return MMIOERR_OUTOFMEMORY;
  memset (&ci, 0, sizeof ci);
  ci.fccIOProc = info->fccChildIOProc;
  s->child = mmioOpen ((LPSTR) name, &ci, MMIO_READ | MMIO_ALLOCBUF);
  if (s->child == NULL)
    {
      free (s);
      return ci.wErrorRet ? ci.wErrorRet : MMIOERR_CANNOTOPEN;
    }
  s->file_size = mmioSeek (s->child, 0, SEEK_END);
  mmioSeek (s->child, 0, SEEK_SET);
  if (mmioRead (s->child, (HPSTR) h, 24) != 24 || be32 (h) != AU_MAGIC)
    goto bad;
  off = be32 (h + 4);
  size = be32 (h + 8);
  s->encoding = be32 (h + 12);
  s->rate = be32 (h + 16);
  s->channels = be32 (h + 20);
  if (off < 24 || (LONG) off > s->file_size || s->rate == 0
      || s->channels == 0 || s->channels > 256)
    goto bad;
  s->data_offset = off;
  s->data_size = s->file_size - off;
  if (size != AU_UNKNOWN_SIZE && (LONG) size < s->data_size)
    s->data_size = size;
  sizes_for (s->encoding, &s->in_bytes, &s->out_bytes);
  s->translate = (info->ulTranslate & MMIO_TRANSLATEDATA) != 0;
  if (s->translate && s->out_bytes == 0)
    {
      mmioClose (s->child, 0);
      free (s);
      return MMIOERR_CODEC_NOT_SUPPORTED;
    }
  mmioSeek (s->child, 0, SEEK_SET);
  set_state (info, s);
  info->lDiskOffset = s->translate ? s->data_offset : 0;
  info->lLogicalFilePos = 0;
  return MMIO_SUCCESS;

bad:
  mmioClose (s->child, 0);
  free (s);
  return MMIOERR_INVALIDFILE;
}

static LRESULT
au_close (MMIOINFO *info)
{
  AuState *s = state_of (info);
  if (s != NULL)
    {
      mmioClose (s->child, 0);
      free (s);
      set_state (info, NULL);
    }
  return MMIO_SUCCESS;
}

static LRESULT
au_read_translated (MMIOINFO *info, AuState *s, unsigned char *buf, LONG cch)
{
  unsigned char in[4096], out[8192];
  LONG total = translated_size (s), done = 0;
  LONG pos = info->lLogicalFilePos;

  if (pos >= total)
    return 0;
  if (cch > total - pos)
    cch = total - pos;
  while (done < cch)
    {
      LONG sample = (pos + done) / s->out_bytes;
      LONG skip = (pos + done) % s->out_bytes;
      LONG want = (cch - done + skip + s->out_bytes - 1) / s->out_bytes;
      LONG phys = s->data_offset + sample * s->in_bytes, got, n;

      if (want > (LONG) sizeof in / s->in_bytes)
        want = (LONG) sizeof in / s->in_bytes;
      if (mmioSeek (s->child, phys, SEEK_SET) != phys)
        return done ? done : MMIO_ERROR;
      got = mmioRead (s->child, (HPSTR) in, want * s->in_bytes);
      if (got <= 0)
        break;
      got /= s->in_bytes;
      if (got == 0)
        break;
      convert (s, in, out, got);
      n = got * s->out_bytes - skip;
      if (n > cch - done)
        n = cch - done;
      memcpy (buf + done, out + skip, (size_t) n);
      done += n;
    }
  info->lLogicalFilePos = pos + done;
  info->lDiskOffset = s->data_offset
                      + (info->lLogicalFilePos / s->out_bytes) * s->in_bytes;
  return done;
}

static LRESULT
au_read (MMIOINFO *info, char *buf, LONG cch)
{
  AuState *s = state_of (info);
  LONG n;

  if (cch < 0 || s == NULL)
    return MMIO_ERROR;
  if (s->translate)
    return au_read_translated (info, s, (unsigned char *) buf, cch);
  if (mmioSeek (s->child, info->lDiskOffset, SEEK_SET) != info->lDiskOffset)
    return MMIO_ERROR;
  n = mmioRead (s->child, buf, cch);
  if (n > 0)
    info->lDiskOffset += n;
  info->lLogicalFilePos = info->lDiskOffset;
  return n;
}

static LRESULT
au_seek (MMIOINFO *info, LONG off, LONG origin)
{
  AuState *s = state_of (info);
  LONG cur, end, target;

  if (s == NULL)
    return MMIO_ERROR;
  cur = s->translate ? info->lLogicalFilePos : info->lDiskOffset;
  end = s->translate ? translated_size (s) : s->file_size;
  switch (origin)
    {
    case SEEK_SET: target = off; break;
    case SEEK_CUR: target = cur + off; break;
    case SEEK_END: target = end - off; break;    /* MMIO: subtractive */
    default: return MMIO_ERROR;
    }
  if (target < 0)
    return MMIO_ERROR;
  if (s->translate)
    {
      info->lLogicalFilePos = target;
      info->lDiskOffset = s->data_offset + (target / s->out_bytes) * s->in_bytes;
    }
  else
    info->lDiskOffset = info->lLogicalFilePos = target;
  return target;
}

static LRESULT
au_identify (const char *name, HMMIO hmmio)
{
  unsigned char m[4];
  LONG here, got;
  HMMIO own = NULL;

  if (hmmio == NULL)
    {
      if (name == NULL || (own = mmioOpen ((LPSTR) name, NULL, MMIO_READ)) == NULL)
        return MMIO_ERROR;
      hmmio = own;
    }
  here = mmioSeek (hmmio, 0, SEEK_CUR);
  got = mmioRead (hmmio, (HPSTR) m, 4);
  mmioSeek (hmmio, here, SEEK_SET);          /* leave the position as found */
  if (own)
    mmioClose (own, 0);
  return (got == 4 && be32 (m) == AU_MAGIC) ? MMIO_SUCCESS : MMIO_ERROR;
}

static void
fill_audio_header (const AuState *s, MMAUDIOHEADER *a)
{
  int bits = s->out_bytes * 8;
  LONG bytes = translated_size (s);
  ULONG block = (ULONG) s->out_bytes * s->channels;

  memset (a, 0, sizeof *a);
  a->ulHeaderLength = sizeof *a;
  a->ulMediaType = MMIO_MEDIATYPE_AUDIO;
  a->mmXWAVHeader.WAVEHeader.usFormatTag = s->encoding == AU_FLOAT ? 3 : 1;
  a->mmXWAVHeader.WAVEHeader.usChannels = (USHORT) s->channels;
  a->mmXWAVHeader.WAVEHeader.ulSamplesPerSec = s->rate;
  a->mmXWAVHeader.WAVEHeader.ulAvgBytesPerSec = s->rate * block;
  a->mmXWAVHeader.WAVEHeader.usBlockAlign = (USHORT) block;
  a->mmXWAVHeader.WAVEHeader.usBitsPerSample = (USHORT) bits;
  a->mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInBytes = (ULONG) bytes;
  a->mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInMS =
    block ? (ULONG) ((bytes / block) * 1000 / s->rate) : 0;
}

static LRESULT
au_header (MMIOINFO *info, UINT msg, void *buf, LONG len)
{
  AuState *s = state_of (info);
  int translated = (info->ulTranslate & MMIO_TRANSLATEHEADER) != 0;
  LONG hlen;

  if (s == NULL)
    return 0;
  if (translated && s->out_bytes == 0)
    return 0;
  hlen = translated ? (LONG) sizeof (MMAUDIOHEADER) : s->data_offset;
  if (msg == MMIOM_QUERYHEADERLENGTH)
    return hlen;
  if (buf == NULL || len < hlen)
    return 0;
  if (translated)
    fill_audio_header (s, buf);
  else
    {
      LONG save = mmioSeek (s->child, 0, SEEK_CUR);
      LONG got;
      mmioSeek (s->child, 0, SEEK_SET);
      got = mmioRead (s->child, buf, hlen);
      mmioSeek (s->child, save, SEEK_SET);
      if (got != hlen)
        return 0;
    }
  return hlen;
}

static const char *
format_name (void)
{
  return _("Sun/NeXT audio");
}

static LRESULT
au_ioproc (LPSTR lpmmioinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *info = (MMIOINFO *) lpmmioinfo;

  switch (msg)
    {
    case MMIOM_OPEN:
      return au_open (info, (const char *) p1);
    case MMIOM_CLOSE:
      return au_close (info);
    case MMIOM_READ:
      return au_read (info, (char *) p1, (LONG) p2);
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
      return MMIO_ERROR;
    case MMIOM_SEEK:
      return au_seek (info, (LONG) p1, (LONG) p2);
    case MMIOM_IDENTIFYFILE:
      return au_identify ((const char *) p1, (HMMIO) p2);
    case MMIOM_QUERYHEADERLENGTH:
    case MMIOM_GETHEADER:
      return au_header (info, msg, (void *) p1, (LONG) p2);
    case MMIOM_GETFORMATINFO:
      {
        MMFORMATINFO *fi = (MMFORMATINFO *) p1;
        if (fi == NULL)
          return MMIO_ERROR;
        memset (fi, 0, sizeof *fi);
        fi->ulStructLen = sizeof *fi;
        fi->fccIOProc = FOURCC_AU;
        fi->ulIOProcType = MMIO_IOPROC_FILEFORMAT;
        fi->ulMediaType = MMIO_MEDIATYPE_AUDIO;
        fi->ulFlags = MMIO_CANREADTRANSLATED | MMIO_CANREADUNTRANSLATED
                      | MMIO_CANSEEKTRANSLATED | MMIO_CANSEEKUNTRANSLATED;
        strcpy (fi->szDefaultFormatExt, "AU");
        fi->ulCodePage = 1208;
        fi->lNameLength = (int32_t) strlen (format_name ());
        return MMIO_SUCCESS;
      }
    case MMIOM_GETFORMATNAME:
      {
        const char *n = format_name ();
        LONG len = (LONG) strlen (n);
        if (p1 == 0 || p2 <= 0)
          return 0;
        if (len > p2)
          len = p2;
        memcpy ((char *) p1, n, (size_t) len);
        if (len < p2)
          ((char *) p1)[len] = 0;
        return len;
      }
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

static const MMIOPLUGINPROC au_procs[] = {
  { FOURCC_AU, au_ioproc, MMIO_IOPROC_FILEFORMAT, "au_ioproc" },
};

MMIO_PLUGIN_EXPORT const MMIOPLUGINDESC *mmioPluginEntry (void);

MMIO_PLUGIN_EXPORT const MMIOPLUGINDESC *
mmioPluginEntry (void)
{
  static const MMIOPLUGINDESC desc = {
    sizeof desc, MMIO_PLUGIN_ABI_VERSION, "au", 1, au_procs
  };
  return &desc;
}
