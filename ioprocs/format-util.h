/* format-util.h — what the built-in file-format IOProcs (avi, midi, sfbk,
 * webp, acon, riffgeneric) share: their whole message procedure (each
 * gives only a FuFormat: FOURCC, media type, extension, name, identify and
 * describe), the child storage handle behind MMIOM_OPEN/CLOSE/READ/WRITE/
 * SEEK, peeking at a file for MMIOM_IDENTIFYFILE, and bounded
 * little/big-endian readers and printf-style field helpers for
 * MMIOM_DESCRIBECHUNK. */
#ifndef MMIO_FORMAT_UTIL_H
#define MMIO_FORMAT_UTIL_H

#include <mmio/mmio-ioproc.h>
#include <glib.h>

/* What one file-format IOProc says about itself. fu_format_message
 * answers every message from it, so the IOProc's entry point is one call. */
typedef struct
{
  FOURCC      fcc;       /* the IOProc's own FOURCC */
  ULONG       media;     /* MMIO_MEDIATYPE_* */
  const char *ext;       /* default file extension */
  const char *name;      /* format name, marked N_(): translated on use */
  /* MMIOM_IDENTIFYFILE on the file's first n (up to 12) bytes; NULL means
   * "a RIFF form of type fcc". */
  gboolean  (*identify) (const guint8 *p, gint64 n);
  /* MMIOM_DESCRIBECHUNK, called once fu_desc_ok passed and gettext is
   * initialised. */
  LRESULT   (*describe) (const MMIOCHUNKDESC *d, MMIOFIELDSINK *sink);
} FuFormat;

/* The whole message procedure of a format IOProc with untranslated byte
 * access: MMIOM_IDENTIFYFILE, GETFORMATINFO, GETFORMATNAME and
 * DESCRIBECHUNK from fmt; OPEN, CLOSE, READ, WRITE, WRITEFLUSH and SEEK
 * through a child storage handle kept in adwInfo[2] (low half) and
 * adwInfo[3] (high half), with lDiskOffset following it; other system and
 * user messages forwarded to the child. */
LRESULT fu_format_message (const FuFormat *fmt, LPSTR lpmmioinfo, UINT msg,
                           LPARAM p1, LPARAM p2);

/* MMIOM_IDENTIFYFILE helper: up to n bytes from offset 0 of hmmio (the
 * lParam2 handle), leaving its position where it was. Returns the count
 * read (0 on any failure). */
gint64  fu_peek (HMMIO hmmio, guint8 *buf, gint64 n);
/* RIFF check on peeked bytes: 'RIFF' <size> <form>. */
gboolean fu_is_riff_form (const guint8 *p, gint64 n, FOURCC form);

/* Bounded readers: 0 when the bytes are not there. */
static inline guint16
fu_le16 (const guint8 *p, gint64 n, gint64 off)
{
  return (off >= 0 && off + 2 <= n) ? (guint16) (p[off] | (p[off + 1] << 8)) : 0;
}
static inline guint32
fu_le32 (const guint8 *p, gint64 n, gint64 off)
{
  return (off >= 0 && off + 4 <= n)
         ? (guint32) p[off] | ((guint32) p[off + 1] << 8)
           | ((guint32) p[off + 2] << 16) | ((guint32) p[off + 3] << 24)
         : 0;
}
static inline guint16
fu_be16 (const guint8 *p, gint64 n, gint64 off)
{
  return (off >= 0 && off + 2 <= n) ? (guint16) ((p[off] << 8) | p[off + 1]) : 0;
}
static inline guint32
fu_be32 (const guint8 *p, gint64 n, gint64 off)
{
  return (off >= 0 && off + 4 <= n)
         ? ((guint32) p[off] << 24) | ((guint32) p[off + 1] << 16)
           | ((guint32) p[off + 2] << 8) | (guint32) p[off + 3]
         : 0;
}

/* Add a field whose value is printf-formatted. */
void fu_field (MMIOFIELDSINK *sink, const char *key, const char *label,
               const char *unit, const char *fmt, ...) G_GNUC_PRINTF (5, 6);
/* Add a finding whose message is printf-formatted. */
void fu_finding (MMIOFIELDSINK *sink, const char *rule, const char *fmt, ...)
  G_GNUC_PRINTF (3, 4);
/* A FOURCC as text ("vids"); non-printable bytes as '?'. */
void fu_fourcc_text (FOURCC f, char out[5]);
/* A text field from len bytes of chunk data (stops at NUL; Latin-1 bytes
 * that are not UTF-8 are converted). */
void fu_text_field (MMIOFIELDSINK *sink, const char *key, const char *label,
                    const guint8 *p, gint64 len);
/* A count field: the chunk's declared size / record_size, with a finding
 * ("record-size") when it does not divide evenly. Returns the count. */
guint64 fu_record_count (MMIOFIELDSINK *sink, const MMIOCHUNKDESC *d,
                         guint record_size, const char *key,
                         const char *label);
/* Describe a WAVEFORMATEX (and its WAVE_FORMAT_EXTENSIBLE part) at p. */
void fu_waveformat_fields (MMIOFIELDSINK *sink, const guint8 *p, gint64 n);
/* Describe a BITMAPINFOHEADER at p. */
void fu_bitmapinfo_fields (MMIOFIELDSINK *sink, const guint8 *p, gint64 n);
/* Common name of a WAVE format tag, or NULL. */
const char *fu_wave_tag_name (guint16 tag);
/* Answer the describers' common case: the chunk is shorter than need. */
gboolean fu_need (MMIOFIELDSINK *sink, const MMIOCHUNKDESC *d, gint64 need);

/* MMIOCHUNKDESC sanity for a describer: non-NULL, long enough. */
gboolean fu_desc_ok (const MMIOCHUNKDESC *d, const MMIOFIELDSINK *sink);

#endif
