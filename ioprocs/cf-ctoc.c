/* cf-ctoc.c — the compound file's table of contents (CTOC): parsing it from
 * hostile bytes, editing it, writing it back, and finding entries by name
 * through a hash table.
 *
 * The parser trusts nothing: every count and size is checked against the
 * chunk's length in 64-bit arithmetic before use. What makes the table
 * unusable (a header or entry too small to hold its own fields, wNameSize
 * 0) is an error; everything else (even wNameSize, counts larger than the
 * chunk, names without NUL, entries outside the CGRP, overlaps, duplicate
 * names, wrong totals) becomes a finding and a per-entry problem flag, and
 * the table is used as far as it can be. */
#include "cf-private.h"
#include "../engine/mmio-i18n.h"

#include <mmio/mmio-cf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

static inline guint32
rd32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16)
         | ((guint32) p[3] << 24);
}

static inline guint16
rd16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static void
finding_free (gpointer p)
{
  CfFinding *f = p;
  g_free (f->rule);
  g_free (f->message);
  g_free (f);
}

void
cf_toc_add_finding (CfToc *t, const char *rule, const char *fmt, ...)
{
  CfFinding *f = g_new0 (CfFinding, 1);
  va_list ap;

  va_start (ap, fmt);
  f->rule = g_strdup (rule);
  f->message = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_ptr_array_add (t->findings, f);
}

static CfToc *
toc_alloc (void)
{
  CfToc *t = g_new0 (CfToc, 1);
  t->ref = 1;
  t->findings = g_ptr_array_new_with_free_func (finding_free);
  return t;
}

CfToc *
cf_toc_new (guint16 name_size, guint16 n_ex_hdr, const guint16 *hdr_usage,
            guint16 n_ex_ent, const guint16 *ent_usage)
{
  CfToc *t = toc_alloc ();

  t->name_size = name_size | 1;
  t->header_flags = CTOC_HF_SEQUENTIAL;
  t->n_ex_hdr = n_ex_hdr;
  t->n_ex_ent = n_ex_ent;
  t->hdr_usage = g_new0 (guint16, n_ex_hdr + 1);
  t->ent_usage = g_new0 (guint16, n_ex_ent + 1);
  t->hdr_values = g_new0 (guint32, n_ex_hdr + 1);
  if (n_ex_hdr && hdr_usage)
    memcpy (t->hdr_usage, hdr_usage, n_ex_hdr * sizeof (guint16));
  if (n_ex_ent && ent_usage)
    memcpy (t->ent_usage, ent_usage, n_ex_ent * sizeof (guint16));
  t->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  return t;
}

CfToc *
cf_toc_ref (CfToc *t)
{
  g_atomic_int_inc (&t->ref);
  return t;
}

void
cf_toc_unref (CfToc *t)
{
  if (t == NULL || !g_atomic_int_dec_and_test (&t->ref))
    return;
  for (guint32 i = 0; i < t->n_entries; i++)
    g_free (t->entries[i].name);
  g_free (t->entries);
  g_free (t->ent_values);
  g_free (t->hdr_usage);
  g_free (t->ent_usage);
  g_free (t->hdr_values);
  if (t->by_name)
    g_hash_table_destroy (t->by_name);
  g_ptr_array_unref (t->findings);
  g_free (t);
}

void
cf_toc_rehash (CfToc *t)
{
  g_hash_table_remove_all (t->by_name);
  for (guint32 i = 0; i < t->n_entries; i++)
    {
      CfEntry *e = &t->entries[i];
      e->problems &= ~MMIO_ELEMENT_DUPLICATE;
      if (e->flags & (CTOC_EF_DELETED | CTOC_EF_UNUSED) || e->name[0] == 0)
        continue;
      if (g_hash_table_contains (t->by_name, e->name))
        e->problems |= MMIO_ELEMENT_DUPLICATE;
      else
        g_hash_table_insert (t->by_name, e->name, GUINT_TO_POINTER (i + 1));
    }
}

CfToc *
cf_toc_copy (const CfToc *src)
{
  CfToc *t = toc_alloc ();

  t->header_flags = src->header_flags;
  t->name_size = src->name_size;
  t->n_ex_hdr = src->n_ex_hdr;
  t->n_ex_ent = src->n_ex_ent;
  t->hdr_usage = g_memdup2 (src->hdr_usage, (src->n_ex_hdr + 1) * sizeof (guint16));
  t->ent_usage = g_memdup2 (src->ent_usage, (src->n_ex_ent + 1) * sizeof (guint16));
  t->hdr_values = g_memdup2 (src->hdr_values, (src->n_ex_hdr + 1) * sizeof (guint32));
  t->n_entries = src->n_entries;
  t->entries = g_new0 (CfEntry, src->n_entries + 1);
  for (guint32 i = 0; i < src->n_entries; i++)
    {
      t->entries[i] = src->entries[i];
      t->entries[i].name = g_strdup (src->entries[i].name);
    }
  t->ent_values = g_new0 (guint32, (gsize) src->n_entries * src->n_ex_ent + 1);
  if (src->n_ex_ent && src->n_entries && src->ent_values)
    memcpy (t->ent_values, src->ent_values,
            (gsize) src->n_entries * src->n_ex_ent * sizeof (guint32));
  t->cgrp_size = src->cgrp_size;
  t->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  cf_toc_rehash (t);
  return t;
}

CfEntry *
cf_toc_lookup (const CfToc *t, const char *name)
{
  gpointer v;
  if (name == NULL || !g_hash_table_lookup_extended (t->by_name, name, NULL, &v))
    return NULL;
  return &t->entries[GPOINTER_TO_UINT (v) - 1];
}

gssize
cf_toc_index (const CfToc *t, const char *name)
{
  CfEntry *e = cf_toc_lookup (t, name);
  return e ? (gssize) (e - t->entries) : -1;
}

guint32
cf_toc_add (CfToc *t, const char *name)
{
  guint32 i;

  for (i = 0; i < t->n_entries; i++)
    if (t->entries[i].flags & CTOC_EF_UNUSED)
      break;
  if (i == t->n_entries)
    {
      t->entries = g_renew (CfEntry, t->entries, t->n_entries + 1);
      t->ent_values = g_renew (guint32, t->ent_values,
                               (gsize) (t->n_entries + 1) * t->n_ex_ent + 1);
      t->n_entries++;
    }
  else
    g_free (t->entries[i].name);
  memset (&t->entries[i], 0, sizeof t->entries[i]);
  memset (t->ent_values + (gsize) i * t->n_ex_ent, 0,
          t->n_ex_ent * sizeof (guint32));
  t->entries[i].name = g_strdup (name);
  /* The entry array may have moved: the hash keys point into it. */
  cf_toc_rehash (t);
  return i;
}

guint16
cf_toc_needed_name_size (const CfToc *t)
{
  gsize need = t->name_size;
  for (guint32 i = 0; i < t->n_entries; i++)
    {
      gsize l = strlen (t->entries[i].name) + 1;
      if (l > need)
        need = l;
    }
  need |= 1;
  return need > 0xFFFF ? 0xFFFF : (guint16) need;
}

static guint64
header_size_for (guint64 h, guint64 e)
{
  guint64 s = CF_HEADER_FIXED + 2 * (h + e) + 4 * h;
  return s + (s & 1);
}

static guint64
entry_size_for (guint64 e, guint64 name_size)
{
  guint64 s = CF_ENTRY_FIXED + 4 * e + 1 + name_size;
  return s + (s & 1);
}

guint32
cf_toc_header_size (const CfToc *t)
{
  return (guint32) header_size_for (t->n_ex_hdr, t->n_ex_ent);
}

guint32
cf_toc_entry_size (const CfToc *t)
{
  return (guint32) entry_size_for (t->n_ex_ent, t->name_size);
}

void
cf_toc_counts (const CfToc *t, guint32 *deleted, guint32 *unused,
               guint32 *bytes_total, guint32 *bytes_deleted)
{
  guint32 d = 0, u = 0;
  guint64 bt = 0, bd = 0;
  for (guint32 i = 0; i < t->n_entries; i++)
    {
      const CfEntry *e = &t->entries[i];
      if (e->flags & CTOC_EF_UNUSED)
        {
          u++;
          continue;
        }
      bt += e->size;
      if (e->flags & CTOC_EF_DELETED)
        {
          d++;
          bd += e->size;
        }
    }
  if (deleted) *deleted = d;
  if (unused) *unused = u;
  if (bytes_total) *bytes_total = (guint32) MIN (bt, G_MAXUINT32);
  if (bytes_deleted) *bytes_deleted = (guint32) MIN (bd, G_MAXUINT32);
}

/* ---- parsing -------------------------------------------------------------- */

typedef struct
{
  guint count;
  guint32 first;
} ProblemTally;

static int
cmp_by_offset (gconstpointer a, gconstpointer b, gpointer data)
{
  const CfEntry *entries = data;
  const CfEntry *x = &entries[*(const guint32 *) a];
  const CfEntry *y = &entries[*(const guint32 *) b];
  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  return x->size < y->size ? -1 : x->size > y->size;
}

static void
mark_overlaps (CfToc *t, ProblemTally *tally)
{
  GArray *idx = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint64 max_end = 0;
  gssize max_owner = -1;

  for (guint32 i = 0; i < t->n_entries; i++)
    {
      const CfEntry *e = &t->entries[i];
      if (!(e->flags & CTOC_EF_UNUSED) && e->size > 0
          && !(e->problems & MMIO_ELEMENT_DAMAGED))
        g_array_append_val (idx, i);
    }
  g_array_sort_with_data (idx, cmp_by_offset, t->entries);
  for (guint k = 0; k < idx->len; k++)
    {
      guint32 i = g_array_index (idx, guint32, k);
      CfEntry *e = &t->entries[i];
      guint64 end = (guint64) e->offset + e->size;
      if (max_owner >= 0 && e->offset < max_end)
        {
          if (!(e->problems & MMIO_ELEMENT_OVERLAPS) && tally->count++ == 0)
            tally->first = i;
          e->problems |= MMIO_ELEMENT_OVERLAPS;
          t->entries[max_owner].problems |= MMIO_ELEMENT_OVERLAPS;
        }
      if (end > max_end || max_owner < 0)
        {
          max_end = end;
          max_owner = i;
        }
    }
  g_array_unref (idx);
}

UINT
cf_toc_parse (const guint8 *data, gsize len, guint32 cgrp_size, CfToc **out)
{
  guint32 header_size, total, n_deleted, n_unused, bytes_total, bytes_deleted;
  guint16 entry_size, name_size, n_hdr, n_ent;
  guint64 need_hdr, need_ent, avail, n;
  ProblemTally unterminated = { 0 }, damaged = { 0 }, dup = { 0 },
               both = { 0 }, noname = { 0 }, overlap = { 0 };
  guint32 d, u, bt, bd;
  CfToc *t;

  *out = NULL;
  mmio_i18n_init ();
  if (data == NULL || len < CF_HEADER_FIXED)
    return MMIOERR_INVALIDFILE;
  header_size = rd32 (data);
  total = rd32 (data + 4);
  n_deleted = rd32 (data + 8);
  n_unused = rd32 (data + 12);
  bytes_total = rd32 (data + 16);
  bytes_deleted = rd32 (data + 20);
  entry_size = rd16 (data + 28);
  name_size = rd16 (data + 30);
  n_hdr = rd16 (data + 32);
  n_ent = rd16 (data + 34);

  need_hdr = CF_HEADER_FIXED + 2 * ((guint64) n_hdr + n_ent) + 4 * (guint64) n_hdr;
  if (need_hdr > len || header_size < need_hdr || header_size > len)
    return MMIOERR_INVALIDFILE;
  if (name_size == 0)
    return MMIOERR_INVALIDFILE;
  need_ent = CF_ENTRY_FIXED + 4 * (guint64) n_ent + 1 + name_size;
  if (entry_size < need_ent)
    return MMIOERR_INVALIDFILE;

  t = toc_alloc ();
  t->header_flags = rd32 (data + 24);
  t->name_size = name_size;
  t->n_ex_hdr = n_hdr;
  t->n_ex_ent = n_ent;
  t->cgrp_size = cgrp_size;
  t->hdr_usage = g_new0 (guint16, n_hdr + 1);
  t->ent_usage = g_new0 (guint16, n_ent + 1);
  t->hdr_values = g_new0 (guint32, n_hdr + 1);
  for (guint i = 0; i < n_hdr; i++)
    t->hdr_usage[i] = rd16 (data + CF_HEADER_FIXED + 2 * i);
  for (guint i = 0; i < n_ent; i++)
    t->ent_usage[i] = rd16 (data + CF_HEADER_FIXED + 2 * (n_hdr + i));
  for (guint i = 0; i < n_hdr; i++)
    t->hdr_values[i] = rd32 (data + CF_HEADER_FIXED + 2 * (n_hdr + n_ent) + 4 * i);

  if (!(name_size & 1))
    cf_toc_add_finding (t, "ctoc-name-size-even",
                        _("The name size (wNameSize) is %u; it must be odd"),
                        name_size);
  if (entry_size & 1)
    cf_toc_add_finding (t, "ctoc-entry-size-odd",
                        _("The entry size (wEntrySize) %u is odd; entries must have an even length"),
                        entry_size);
  if (header_size & 1)
    cf_toc_add_finding (t, "ctoc-header-size-odd",
                        _("The header size (dwHeaderSize) %u is odd"),
                        header_size);

  avail = (len - header_size) / entry_size;
  n = total;
  if (n > avail)
    {
      cf_toc_add_finding (t, "ctoc-count-overrun",
                          _("The table claims %u entries but its chunk holds only %" PRIu64),
                          total, (uint64_t) avail);
      n = avail;
    }
  t->n_entries = (guint32) n;
  t->entries = g_new0 (CfEntry, n + 1);
  t->ent_values = g_new0 (guint32, n * n_ent + 1);
  t->by_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint32 i = 0; i < n; i++)
    {
      const guint8 *p = data + header_size + (gsize) i * entry_size;
      const guint8 *name = p + CF_ENTRY_FIXED + 4 * (gsize) n_ent + 1;
      const guint8 *nul = memchr (name, 0, name_size);
      CfEntry *e = &t->entries[i];

      e->offset = rd32 (p);
      e->size = rd32 (p + 4);
      e->med_type = rd32 (p + 8);
      e->med_usage = rd32 (p + 12);
      e->compress_tech = rd32 (p + 16);
      e->uncompress_bytes = rd32 (p + 20);
      for (guint k = 0; k < n_ent; k++)
        t->ent_values[(gsize) i * n_ent + k] = rd32 (p + CF_ENTRY_FIXED + 4 * k);
      e->flags = p[CF_ENTRY_FIXED + 4 * n_ent];
      e->name = g_strndup ((const char *) name,
                           nul ? (gsize) (nul - name) : name_size);
      if (nul == NULL)
        {
          e->problems |= MMIO_ELEMENT_NAME_UNTERMINATED;
          if (unterminated.count++ == 0)
            unterminated.first = i;
        }
      if ((e->flags & CTOC_EF_DELETED) && (e->flags & CTOC_EF_UNUSED))
        {
          /* Never both, says the spec: unused is the safer reading. */
          e->flags &= ~CTOC_EF_DELETED;
          if (both.count++ == 0)
            both.first = i;
        }
      if (e->compress_tech != 0)
        e->problems |= MMIO_ELEMENT_COMPRESSED;
      if (e->flags & CTOC_EF_UNUSED)
        continue;
      if ((guint64) e->offset + e->size > cgrp_size)
        {
          e->problems |= MMIO_ELEMENT_DAMAGED;
          if (damaged.count++ == 0)
            damaged.first = i;
        }
      if (e->flags & CTOC_EF_DELETED)
        continue;
      if (e->name[0] == 0)
        {
          if (noname.count++ == 0)
            noname.first = i;
        }
      else if (g_hash_table_contains (t->by_name, e->name))
        {
          e->problems |= MMIO_ELEMENT_DUPLICATE;
          if (dup.count++ == 0)
            dup.first = i;
        }
      else
        g_hash_table_insert (t->by_name, e->name, GUINT_TO_POINTER (i + 1));
    }
  mark_overlaps (t, &overlap);

  if (unterminated.count)
    cf_toc_add_finding (t, "ctoc-name-unterminated",
                        _("%u entry names fill the name field without a NUL (first: entry %u)"),
                        unterminated.count, unterminated.first);
  if (both.count)
    cf_toc_add_finding (t, "ctoc-flags-both",
                        _("%u entries are marked both deleted and unused (first: entry %u)"),
                        both.count, both.first);
  if (damaged.count)
    cf_toc_add_finding (t, "ctoc-entry-outside-cgrp",
                        _("%u entries point outside the element group (CGRP) (first: entry %u)"),
                        damaged.count, damaged.first);
  if (noname.count)
    cf_toc_add_finding (t, "ctoc-entry-no-name",
                        _("%u elements have an empty name and cannot be opened by name (first: entry %u)"),
                        noname.count, noname.first);
  if (dup.count)
    cf_toc_add_finding (t, "ctoc-duplicate-name",
                        _("%u elements repeat an earlier element's name; only the first can be opened by name (first: entry %u)"),
                        dup.count, dup.first);
  if (overlap.count)
    cf_toc_add_finding (t, "ctoc-overlap",
                        _("%u elements share bytes with another element (first: entry %u)"),
                        overlap.count, overlap.first);

  cf_toc_counts (t, &d, &u, &bt, &bd);
  if (n == total && (d != n_deleted || u != n_unused))
    cf_toc_add_finding (t, "ctoc-counts-mismatch",
                        _("The header counts %u deleted and %u unused entries; the table has %u and %u"),
                        n_deleted, n_unused, d, u);
  if (n == total && (bt != bytes_total || bd != bytes_deleted))
    cf_toc_add_finding (t, "ctoc-bytes-mismatch",
                        _("The header counts %u element bytes (%u deleted); the entries add up to %u (%u)"),
                        bytes_total, bytes_deleted, bt, bd);
  *out = t;
  return 0;
}

/* ---- writing --------------------------------------------------------------- */

static void
put32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v, v >> 8, v >> 16, v >> 24 };
  g_byte_array_append (a, b, 4);
}

static void
put16 (GByteArray *a, guint16 v)
{
  guint8 b[2] = { v, v >> 8 };
  g_byte_array_append (a, b, 2);
}

static void
put_zeros (GByteArray *a, gsize n)
{
  static const guint8 z[64];
  while (n > 0)
    {
      gsize c = MIN (n, sizeof z);
      g_byte_array_append (a, z, (guint) c);
      n -= c;
    }
}

GByteArray *
cf_toc_serialize (const CfToc *t)
{
  guint32 hs = cf_toc_header_size (t), es = cf_toc_entry_size (t);
  guint32 d, u, bt, bd;
  GByteArray *a = g_byte_array_sized_new (hs + es * t->n_entries);

  cf_toc_counts (t, &d, &u, &bt, &bd);
  put32 (a, hs);
  put32 (a, t->n_entries);
  put32 (a, d);
  put32 (a, u);
  put32 (a, bt);
  put32 (a, bd);
  put32 (a, t->header_flags);
  put16 (a, (guint16) es);
  put16 (a, t->name_size);
  put16 (a, t->n_ex_hdr);
  put16 (a, t->n_ex_ent);
  for (guint i = 0; i < t->n_ex_hdr; i++)
    put16 (a, t->hdr_usage[i]);
  for (guint i = 0; i < t->n_ex_ent; i++)
    put16 (a, t->ent_usage[i]);
  for (guint i = 0; i < t->n_ex_hdr; i++)
    put32 (a, t->hdr_values[i]);
  put_zeros (a, hs - a->len);
  for (guint32 i = 0; i < t->n_entries; i++)
    {
      const CfEntry *e = &t->entries[i];
      gsize start = a->len, nl = strlen (e->name);
      put32 (a, e->offset);
      put32 (a, e->size);
      put32 (a, e->med_type);
      put32 (a, e->med_usage);
      put32 (a, e->compress_tech);
      put32 (a, e->uncompress_bytes);
      for (guint k = 0; k < t->n_ex_ent; k++)
        put32 (a, t->ent_values[(gsize) i * t->n_ex_ent + k]);
      g_byte_array_append (a, &e->flags, 1);
      if (nl > (gsize) t->name_size - 1)
        nl = t->name_size - 1;       /* the caller widened name_size first */
      g_byte_array_append (a, (const guint8 *) e->name, (guint) nl);
      put_zeros (a, t->name_size - nl);
      put_zeros (a, es - (a->len - start));
    }
  return a;
}

gsize
cf_toc_header_image (const CfToc *t, guint8 *buf, gsize len)
{
  MMCFINFO fi = { 0 };
  gsize size = sizeof fi + 2 * ((gsize) t->n_ex_hdr + t->n_ex_ent)
               + 4 * (gsize) t->n_ex_hdr;
  guint8 *img = g_malloc0 (size);
  gsize off = sizeof fi;

  cf_toc_counts (t, &fi.ulEntriesDeleted, &fi.ulEntriesUnused,
                 &fi.ulBytesTotal, &fi.ulBytesDeleted);
  fi.ulHeaderSize = cf_toc_header_size (t);
  fi.ulEntriesTotal = t->n_entries;
  fi.ulHeaderFlags = t->header_flags;
  fi.usEntrySize = (USHORT) cf_toc_entry_size (t);
  fi.usNameSize = t->name_size;
  fi.usExHdrFields = t->n_ex_hdr;
  fi.usExEntFields = t->n_ex_ent;
  memcpy (img, &fi, sizeof fi);
  memcpy (img + off, t->hdr_usage, 2 * (gsize) t->n_ex_hdr);
  off += 2 * (gsize) t->n_ex_hdr;
  memcpy (img + off, t->ent_usage, 2 * (gsize) t->n_ex_ent);
  off += 2 * (gsize) t->n_ex_ent;
  memcpy (img + off, t->hdr_values, 4 * (gsize) t->n_ex_hdr);
  if (buf != NULL)
    memcpy (buf, img, MIN (len, size));
  g_free (img);
  return size;
}

void
cf_toc_entry_image (const CfToc *t, guint32 i, guint8 *buf, guint16 name_size,
                    guint16 n_ex_ent)
{
  const CfEntry *e = &t->entries[i];
  MMCTOCENTRY fixed = { e->offset, e->size, e->med_type, e->med_usage,
                        e->compress_tech, e->uncompress_bytes };
  gsize off = sizeof fixed, nl = strlen (e->name);

  memcpy (buf, &fixed, sizeof fixed);
  memset (buf + off, 0, 4 * (gsize) n_ex_ent);
  memcpy (buf + off, t->ent_values + (gsize) i * t->n_ex_ent,
          4 * (gsize) MIN (n_ex_ent, t->n_ex_ent));
  off += 4 * (gsize) n_ex_ent;
  buf[off++] = e->flags;
  memset (buf + off, 0, name_size);
  if (name_size > 0)
    memcpy (buf + off, e->name, MIN (nl, (gsize) name_size - 1));
}
