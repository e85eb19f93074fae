/* cf-test-util.h — building compound files by hand from the reference's
 * byte layout (section 8.2), independent of the library's writer, and
 * small helpers the compound-file tests share. */
#ifndef CF_TEST_UTIL_H
#define CF_TEST_UTIL_H

#include "test-util.h"
#include <mmio/mmio-cf.h>
#include <string.h>

typedef struct
{
  const char *name;        /* copied into achName, truncated to wNameSize */
  gsize       name_len;    /* 0: strlen (name) */
  guint8      flags;       /* CTOC_EF_* */
  const void *data;        /* NULL: no bytes of its own (see offset) */
  guint32     size;
  guint32     med_type;
  gint64      offset;      /* -1: placed by the builder; else forced */
  guint32     ex_value;    /* value of every extra entry field */
} HandEntry;

typedef struct
{
  guint16 name_size;
  guint16 entry_size;      /* 0: computed */
  guint32 header_size;     /* 0: computed */
  guint16 n_ex_hdr, n_ex_ent;
  gboolean ctoc_first;
  guint32 entries_total;   /* 0: the real count */
  gsize   gap;             /* junk bytes between elements in the CGRP */
} HandLayout;

static inline void
hu_le16 (GByteArray *a, guint16 v)
{
  guint8 b[2] = { (guint8) v, (guint8) (v >> 8) };
  g_byte_array_append (a, b, 2);
}

/* RIFF('BND ' CTOC CGRP) by hand. */
static inline GByteArray *
hand_bnd (const HandLayout *l, const HandEntry *e, guint n)
{
  GByteArray *ctoc = g_byte_array_new (), *cgrp = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  guint32 *offs = g_new0 (guint32, n + 1);
  guint32 hs = 36 + 2 * (l->n_ex_hdr + l->n_ex_ent) + 4 * l->n_ex_hdr;
  guint32 es = 24 + 4 * l->n_ex_ent + 1 + l->name_size;
  guint32 deleted = 0, unused = 0, bytes = 0, bytes_del = 0;

  hs += hs & 1;
  es += es & 1;
  if (l->header_size)
    hs = l->header_size;
  if (l->entry_size)
    es = l->entry_size;
  for (guint i = 0; i < n; i++)
    {
      static const guint8 junk[7] = { 0xDE, 0xAD, 0xBE, 0xEF, 0x55, 0xAA, 0x11 };
      for (gsize g = 0; g < l->gap; g++)
        g_byte_array_append (cgrp, &junk[g % 7], 1);
      offs[i] = e[i].offset >= 0 ? (guint32) e[i].offset : cgrp->len;
      if (e[i].data != NULL)
        g_byte_array_append (cgrp, e[i].data, e[i].size);
      if (e[i].flags & CTOC_EF_UNUSED)
        unused++;
      else
        {
          bytes += e[i].size;
          if (e[i].flags & CTOC_EF_DELETED)
            {
              deleted++;
              bytes_del += e[i].size;
            }
        }
    }
  tu_le32 (ctoc, hs);
  tu_le32 (ctoc, l->entries_total ? l->entries_total : n);
  tu_le32 (ctoc, deleted);
  tu_le32 (ctoc, unused);
  tu_le32 (ctoc, bytes);
  tu_le32 (ctoc, bytes_del);
  tu_le32 (ctoc, CTOC_HF_SEQUENTIAL);
  hu_le16 (ctoc, (guint16) es);
  hu_le16 (ctoc, l->name_size);
  hu_le16 (ctoc, l->n_ex_hdr);
  hu_le16 (ctoc, l->n_ex_ent);
  for (guint i = 0; i < l->n_ex_hdr; i++)
    hu_le16 (ctoc, i == 0 ? CTOC_USAGE_LASTMODTIME : CTOC_USAGE_CODEPAGE);
  for (guint i = 0; i < l->n_ex_ent; i++)
    hu_le16 (ctoc, i == 0 ? CTOC_USAGE_LANGUAGE : CTOC_USAGE_LASTMODTIME);
  for (guint i = 0; i < l->n_ex_hdr; i++)
    tu_le32 (ctoc, 0x1000 + i);
  while (ctoc->len < hs)
    g_byte_array_append (ctoc, (const guint8 *) "", 1);
  for (guint i = 0; i < n; i++)
    {
      guint start = ctoc->len;
      gsize nl = e[i].name_len ? e[i].name_len : strlen (e[i].name);
      tu_le32 (ctoc, offs[i]);
      tu_le32 (ctoc, e[i].size);
      tu_le32 (ctoc, e[i].med_type);
      tu_le32 (ctoc, 0);
      tu_le32 (ctoc, 0);
      tu_le32 (ctoc, e[i].size);
      for (guint k = 0; k < l->n_ex_ent; k++)
        tu_le32 (ctoc, e[i].ex_value);
      g_byte_array_append (ctoc, &e[i].flags, 1);
      tu_bytes (ctoc, e[i].name, MIN (nl, (gsize) l->name_size));
      while (ctoc->len < start + 24 + 4 * l->n_ex_ent + 1 + l->name_size)
        g_byte_array_append (ctoc, (const guint8 *) "", 1);
      while (ctoc->len < start + es)
        g_byte_array_append (ctoc, (const guint8 *) "", 1);
    }

  tu_fourcc (out, "RIFF");
  tu_le32 (out, 4 + 8 + ctoc->len + (ctoc->len & 1) + 8 + cgrp->len + (cgrp->len & 1));
  tu_fourcc (out, "BND ");
  for (int part = 0; part < 2; part++)
    {
      gboolean is_ctoc = (part == 0) == l->ctoc_first;
      GByteArray *c = is_ctoc ? ctoc : cgrp;
      tu_fourcc (out, is_ctoc ? "CTOC" : "CGRP");
      tu_le32 (out, c->len);
      g_byte_array_append (out, c->data, c->len);
      if (c->len & 1)
        g_byte_array_append (out, (const guint8 *) "", 1);
    }
  g_byte_array_unref (ctoc);
  g_byte_array_unref (cgrp);
  g_free (offs);
  return out;
}

static inline void
write_array (const char *path, GByteArray *a)
{
  tu_write_file (path, a->data, a->len);
}

/* The whole element read through mmioOpen, or NULL (error in *err). */
static inline GBytes *
read_element (const char *name, UINT *err)
{
  MMIOINFO mi = { 0 };
  HMMIO h = mmioOpen ((char *) name, &mi, MMIO_READ);
  GByteArray *a;
  char buf[4096];
  LONG n;

  if (err)
    *err = mi.wErrorRet;
  if (h == NULL)
    return NULL;
  a = g_byte_array_new ();
  while ((n = mmioRead (h, buf, sizeof buf)) > 0)
    g_byte_array_append (a, (guint8 *) buf, (guint) n);
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  return g_byte_array_free_to_bytes (a);
}

static inline void
assert_element (const char *file, const char *element, const void *data,
                gsize len)
{
  char *name = g_strdup_printf ("%s+%s", file, element);
  UINT err = 0;
  GBytes *b = read_element (name, &err);
  if (b == NULL)
    g_error ("%s: open failed with %u (%s)", name, err, mmioErrorString (err));
  g_assert_cmpmem (g_bytes_get_data (b, NULL), g_bytes_get_size (b), data, len);
  g_bytes_unref (b);
  g_free (name);
}

/* Listing into an array of copies. */
typedef struct
{
  MMIOELEMENTSINK sink;
  GArray   *elements;   /* MMIOELEMENT with pszName g_strdup'd */
  GPtrArray *rules;     /* finding rule ids */
} Listing;

static inline BOOL
listing_add (MMIOELEMENTSINK *sink, const MMIOELEMENT *el)
{
  Listing *l = (Listing *) sink;
  MMIOELEMENT copy = *el;
  copy.pszName = g_strdup (el->pszName);
  g_array_append_val (l->elements, copy);
  return TRUE;
}

static inline void
listing_finding (MMIOELEMENTSINK *sink, const char *rule, const char *message)
{
  Listing *l = (Listing *) sink;
  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_ptr_array_add (l->rules, g_strdup (rule));
}

static inline void
listing_init (Listing *l)
{
  memset (l, 0, sizeof *l);
  l->sink.AddElement = listing_add;
  l->sink.AddFinding = listing_finding;
  l->elements = g_array_new (FALSE, TRUE, sizeof (MMIOELEMENT));
  l->rules = g_ptr_array_new_with_free_func (g_free);
}

static inline void
listing_clear (Listing *l)
{
  for (guint i = 0; i < l->elements->len; i++)
    g_free ((char *) g_array_index (l->elements, MMIOELEMENT, i).pszName);
  g_array_unref (l->elements);
  g_ptr_array_unref (l->rules);
}

static inline const MMIOELEMENT *
listing_find (Listing *l, const char *name)
{
  for (guint i = 0; i < l->elements->len; i++)
    {
      const MMIOELEMENT *e = &g_array_index (l->elements, MMIOELEMENT, i);
      if (strcmp (e->pszName, name) == 0)
        return e;
    }
  return NULL;
}

static inline gboolean
listing_has_rule (Listing *l, const char *rule)
{
  for (guint i = 0; i < l->rules->len; i++)
    if (strcmp (g_ptr_array_index (l->rules, i), rule) == 0)
      return TRUE;
  return FALSE;
}

/* Deterministic element bytes: a small RIFF form or plain bytes. */
static inline GBytes *
make_bytes (guint32 seed, gsize len, gboolean riff)
{
  guint8 *p = g_malloc (len ? len : 1);
  guint32 x = seed * 2654435761u + 12345;
  for (gsize i = 0; i < len; i++)
    {
      x = x * 1103515245u + 12345u;
      p[i] = (guint8) (x >> 16);
    }
  if (riff && len >= 12)
    {
      guint32 sz = (guint32) len - 8;
      memcpy (p, "RIFF", 4);
      p[4] = sz; p[5] = sz >> 8; p[6] = sz >> 16; p[7] = sz >> 24;
      memcpy (p + 8, "WAVE", 4);
    }
  return g_bytes_new_take (p, len);
}

#endif
