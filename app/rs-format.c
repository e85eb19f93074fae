/* rs-format.c — text forms of bytes and numbers for copy and display. */
#include "rs-format.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

char *
rs_format_hex (const guint8 *data, gsize len)
{
  GString *s = g_string_sized_new (len * 3 + 1);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, i ? " %02X" : "%02X", data[i]);
  return g_string_free (s, FALSE);
}

char *
rs_format_c_array (const guint8 *data, gsize len, const char *name)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "static const unsigned char %s[%" G_GSIZE_FORMAT "] = {",
                          name && name[0] ? name : "data", len);
  for (gsize i = 0; i < len; i++)
    {
      if (i % 12 == 0)
        g_string_append (s, "\n  ");
      else
        g_string_append_c (s, ' ');
      g_string_append_printf (s, "0x%02x%s", data[i], i + 1 < len ? "," : "");
    }
  g_string_append (s, "\n};\n");
  return g_string_free (s, FALSE);
}

char *
rs_format_base64 (const guint8 *data, gsize len)
{
  return g_base64_encode (data, len);
}

char *
rs_format_offset (gint64 offset)
{
  if (offset > G_MAXUINT32)
    return g_strdup_printf ("0x%012" G_GINT64_MODIFIER "X", offset);
  return g_strdup_printf ("0x%08" G_GINT64_MODIFIER "X", offset);
}

char *
rs_format_size (gint64 size)
{
  /* %'d groups digits in the user's locale. */
  char *num = g_strdup_printf ("%'" G_GINT64_FORMAT, size);
  char *out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s byte", "%s bytes",
                                            size == 1 ? 1 : 2), num);
  g_free (num);
  return out;
}

char *
rs_format_fourcc (guint32 fcc)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < 4; i++)
    {
      guint8 c = (fcc >> (8 * i)) & 0xff;
      if (c >= 0x20 && c < 0x7f)
        g_string_append_c (s, (char) c);
      else
        g_string_append_printf (s, "\\x%02X", c);
    }
  return g_string_free (s, FALSE);
}

gboolean
rs_parse_offset (const char *text, gint64 *out)
{
  char *t, *end;
  int base = 10;
  gsize n;
  guint64 v;
  gboolean ok;

  if (text == NULL)
    return FALSE;
  t = g_strstrip (g_strdup (text));
  n = strlen (t);
  char *p = t;
  if (g_str_has_prefix (p, "0x") || g_str_has_prefix (p, "0X"))
    p += 2, base = 16;
  else if (p[0] == '$' || p[0] == '#')
    p += 1, base = 16;
  else if (n > 1 && (t[n - 1] == 'h' || t[n - 1] == 'H'))
    {
      t[n - 1] = '\0';
      g_strchomp (t);
      base = 16;
    }
  ok = p[0] != '\0' && p[0] != '-' && p[0] != '+';
  if (ok)
    {
      errno = 0;
      v = g_ascii_strtoull (p, &end, base);
      ok = errno == 0 && *end == '\0' && v <= G_MAXINT64;
      if (ok && out)
        *out = (gint64) v;
    }
  g_free (t);
  return ok;
}
