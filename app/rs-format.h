/* rs-format.h — turning bytes and numbers into text a person copies or
 * reads: hex dumps, C arrays, Base64, sizes and offsets. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "52 49 46 46" */
char *rs_format_hex      (const guint8 *data, gsize len);
/* "static const unsigned char data[4] = {\n  0x52, 0x49, ...\n};\n" */
char *rs_format_c_array  (const guint8 *data, gsize len, const char *name);
char *rs_format_base64   (const guint8 *data, gsize len);
/* "0x0000000C" */
char *rs_format_offset   (gint64 offset);
/* "4,104 bytes" with the locale's grouping. */
char *rs_format_size     (gint64 size);
/* A FOURCC as printable text, with non-printable bytes as \xNN. */
char *rs_format_fourcc   (guint32 fcc);
/* Parses "0x1A", "1A h", "$1A" or decimal "26"; FALSE on garbage. */
gboolean rs_parse_offset (const char *text, gint64 *out);

G_END_DECLS
