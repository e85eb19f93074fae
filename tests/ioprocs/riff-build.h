/* riff-build.h — small RIFF/SMF byte builders for the walker and format
 * IOProc tests (header-only: each test binary includes it once). */
#ifndef RIFF_BUILD_H
#define RIFF_BUILD_H

#include "test-util.h"
#include <mmio/mmio-inspect.h>
#include <string.h>

static inline void
rb_le16 (GByteArray *a, guint16 v)
{
  guint8 b[2] = { (guint8) v, (guint8) (v >> 8) };
  g_byte_array_append (a, b, 2);
}

static inline void
rb_be32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };
  g_byte_array_append (a, b, 4);
}

static inline void
rb_be16 (GByteArray *a, guint16 v)
{
  guint8 b[2] = { v >> 8, v };
  g_byte_array_append (a, b, 2);
}

static inline void
rb_le64 (GByteArray *a, guint64 v)
{
  tu_le32 (a, (guint32) v);
  tu_le32 (a, (guint32) (v >> 32));
}

/* A leaf chunk with its data and, for an odd size, the pad byte. */
static inline void
rb_chunk (GByteArray *a, const char *id, const void *data, guint32 len)
{
  static const guint8 zero = 0;
  tu_fourcc (a, id);
  tu_le32 (a, len);
  if (len)
    tu_bytes (a, data, len);
  if (len & 1)
    tu_bytes (a, &zero, 1);
}

/* Open a RIFF/LIST; returns where to patch the size with rb_end. */
static inline guint
rb_begin (GByteArray *a, const char *id, const char *type)
{
  guint at = a->len;
  tu_fourcc (a, id);
  tu_le32 (a, 0);
  tu_fourcc (a, type);
  return at;
}

static inline void
rb_end (GByteArray *a, guint at)
{
  guint32 size = a->len - at - 8;
  memcpy (a->data + at + 4, &(guint32) { GUINT32_TO_LE (size) }, 4);
}

static inline void
rb_set_le32 (GByteArray *a, guint at, guint32 v)
{
  memcpy (a->data + at, &(guint32) { GUINT32_TO_LE (v) }, 4);
}

/* A PCM 'fmt ' chunk. */
static inline void
rb_fmt_pcm (GByteArray *a, guint16 channels, guint32 rate, guint16 bits)
{
  GByteArray *f = g_byte_array_new ();
  guint16 align = channels * ((bits + 7) / 8);
  rb_le16 (f, 1);
  rb_le16 (f, channels);
  tu_le32 (f, rate);
  tu_le32 (f, rate * align);
  rb_le16 (f, align);
  rb_le16 (f, bits);
  rb_chunk (a, "fmt ", f->data, f->len);
  g_byte_array_unref (f);
}

/* A Standard MIDI File: format 1, ntracks_declared in the header, ntracks
 * copies of a 19-byte track (tempo 500000 µs, one note, end of track). */
static inline GByteArray *
rb_smf (guint16 ntracks_declared, guint ntracks)
{
  GByteArray *a = g_byte_array_new ();
  static const guint8 track[] = {
    0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,   /* tempo 500000 µs */
    0x00, 0x90, 0x3C, 0x40, 0x60, 0x80, 0x3C, 0x00,
    0x00, 0xFF, 0x2F, 0x00,
  };
  tu_fourcc (a, "MThd");
  rb_be32 (a, 6);
  rb_be16 (a, 1);
  rb_be16 (a, ntracks_declared);
  rb_be16 (a, 96);
  for (guint i = 0; i < ntracks; i++)
    {
      tu_fourcc (a, "MTrk");
      rb_be32 (a, sizeof track);
      tu_bytes (a, track, sizeof track);
    }
  return a;
}

/* Open bytes as a read-only memory file. */
static inline HMMIO
rb_open_mem (GByteArray *a)
{
  MMIOINFO info;
  HMMIO h;
  memset (&info, 0, sizeof info);
  info.fccIOProc = FOURCC_MEM;
  info.pchBuffer = (HPSTR) a->data;
  info.cchBuffer = a->len;
  h = mmioOpen (NULL, &info, MMIO_READ);
  g_assert_nonnull (h);
  return h;
}

#endif
