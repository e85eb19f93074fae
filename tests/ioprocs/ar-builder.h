/* ar-builder.h — builds Unix ar archives byte by byte for the plugin tests:
 * GNU short names ("name/"), GNU long names (the "//" table), BSD names
 * ("#1/len"), and odd sizes (padding). */
#ifndef AR_BUILDER_H
#define AR_BUILDER_H

#include <glib.h>
#include <string.h>

G_GNUC_UNUSED static void
ar_header (GByteArray *a, const char *name16, gsize size)
{
  char h[61];
  g_snprintf (h, sizeof h, "%-16s%-12s%-6s%-6s%-8s%-10" G_GSIZE_FORMAT "`\n",
              name16, "0", "0", "0", "644", size);
  g_byte_array_append (a, (guint8 *) h, 60);
}

G_GNUC_UNUSED static void
ar_pad (GByteArray *a)
{
  if (a->len & 1)
    g_byte_array_append (a, (guint8 *) "\n", 1);
}

/* An archive with: hello.txt (GNU short name), a long-named member (GNU
 * "//" table), bsd-name.bin (BSD "#1/12"), odd.dat (odd size). */
G_GNUC_UNUSED static GByteArray *
ar_sample (void)
{
  GByteArray *a = g_byte_array_new ();
  const char *longname = "a-very-long-member-name.data";
  char table[64], name[17];

  g_byte_array_append (a, (guint8 *) "!<arch>\n", 8);
  /* GNU long-name table. */
  g_snprintf (table, sizeof table, "%s/\n", longname);
  ar_header (a, "//", strlen (table));
  g_byte_array_append (a, (guint8 *) table, (guint) strlen (table));
  ar_pad (a);
  ar_header (a, "hello.txt/", 13);
  g_byte_array_append (a, (guint8 *) "Hello, world\n", 13);
  ar_pad (a);
  ar_header (a, "/0", 26);
  g_byte_array_append (a, (guint8 *) "abcdefghijklmnopqrstuvwxyz", 26);
  ar_pad (a);
  g_snprintf (name, sizeof name, "#1/%d", 12);
  ar_header (a, name, 12 + 5);
  g_byte_array_append (a, (guint8 *) "bsd-name.bin", 12);
  g_byte_array_append (a, (guint8 *) "12345", 5);
  ar_pad (a);
  ar_header (a, "odd.dat/", 3);
  g_byte_array_append (a, (guint8 *) "xyz", 3);
  ar_pad (a);
  return a;
}

#endif
