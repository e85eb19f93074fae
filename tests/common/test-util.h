/* test-util.h — helpers the engine tests share: temporary files, byte
 * builders for RIFF data. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <glib.h>
#include <mmio/mmio.h>

/* A fresh temporary directory for this test binary, removed at exit. */
const char *tu_tmpdir (void);
/* A path inside tu_tmpdir(); free with g_free. */
char *tu_path (const char *name);
/* Write bytes to a new file at path. */
void tu_write_file (const char *path, const void *data, gsize len);
/* Read a whole file. */
GBytes *tu_read_file (const char *path);

/* Append little-endian values / FOURCCs to a byte array. */
void tu_le32 (GByteArray *a, guint32 v);
void tu_fourcc (GByteArray *a, const char *fcc);
void tu_bytes (GByteArray *a, const void *p, gsize n);

/* Byte i of the deterministic pattern tu_pattern_file writes. */
guint8 tu_pattern_byte (gsize i);
/* A new file of len pattern bytes at tu_path(name); free with g_free. */
char *tu_pattern_file (const char *name, gsize len);
/* mmioGetInfo that must succeed. */
void tu_get_info (HMMIO h, MMIOINFO *info);
/* The AVI sample of reference 7.1: RIFF 'AVI ' > LIST 'hdrl' > 'avih' (56
 * bytes) > LIST 'strl' > 'strh' (56 bytes). */
GByteArray *tu_avi_sample (void);

#endif
