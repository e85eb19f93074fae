/* cf-api.c — the OS/2 compound-file calls (mmioCFOpen … mmioCFCompact) on
 * top of the compound-file IOProc. An HMMCF is an HMMIO the IOProc opened on
 * the compound file itself; every editing call is one atomic commit of the
 * file (see cf-store.c), starting from the newest file on disk. */
#include "cf-private.h"

#include <mmio/mmio-cf.h>
#include <string.h>

static ULONG
fail (MMIOINFO *info, UINT err)
{
  if (info != NULL)
    info->ulErrorRet = err;
  return MMIO_CF_FAILURE;
}

static ULONG
done (MMIOINFO *info, UINT err)
{
  return err == 0 ? (info->ulErrorRet = 0, MMIO_CF_SUCCESS) : fail (info, err);
}

static gboolean
valid_name_size (ULONG n)
{
  return n >= 1 && n <= 0xFFFF && (n & 1);
}

HMMCF
mmioCFOpen (PSZ pszFileName, PMMCFINFO pmmcfinfo, PMMIOINFO pmmioinfo,
            ULONG ulFlags)
{
  MMIOINFO local = { 0 }, mi = { 0 };
  MMIOINFO *in = pmmioinfo ? pmmioinfo : &local;
  char sep = (ulFlags & MMIO_VERTBAR) ? CFSEPCHAR_VERTBAR : CFSEPCHAR;
  char *name;
  HMMIO h;

  if (pszFileName == NULL || *pszFileName == 0)
    {
      in->ulErrorRet = MMIOERR_INVALID_FILENAME;
      return NULL;
    }
  if (ulFlags & MMIO_CREATE)
    {
      guint16 ns = CTOC_DEFAULT_NAMESIZE, nh = 0, ne = 0;
      const guint16 *hu = NULL;
      CfToc *toc;
      UINT err;

      if (pmmcfinfo != NULL)
        {
          if (pmmcfinfo->usNameSize != 0)
            {
              if (!valid_name_size (pmmcfinfo->usNameSize))
                {
                  in->ulErrorRet = MMIOERR_INVALID_PARAMETER;
                  return NULL;
                }
              ns = pmmcfinfo->usNameSize;
            }
          nh = pmmcfinfo->usExHdrFields;
          ne = pmmcfinfo->usExEntFields;
          if (nh > 0 || ne > 0)
            hu = (const guint16 *) (pmmcfinfo + 1);
        }
      toc = cf_toc_new (ns, nh, hu, ne, hu ? hu + nh : NULL);
      if (hu != NULL)
        memcpy (toc->hdr_values, (const guint8 *) (hu + nh + ne),
                4 * (gsize) nh);
      err = cf_store_create (pszFileName, toc, (ulFlags & MMIO_CTOCFIRST) != 0,
                             ulFlags);
      cf_toc_unref (toc);
      if (err != 0)
        {
          in->ulErrorRet = err;
          return NULL;
        }
    }
  name = g_str_has_suffix (pszFileName, (char[]) { sep, 0 })
         ? g_strdup (pszFileName) : g_strdup_printf ("%s%c", pszFileName, sep);
  mi.fccIOProc = in->fccIOProc == FOURCC_CF ? FOURCC_CF : FOURCC_BND;
  h = mmioOpen (name, &mi, MMIO_READ | MMIO_DENYNONE | (ulFlags & MMIO_VERTBAR));
  g_free (name);
  if (h == NULL)
    {
      in->ulErrorRet = mi.ulErrorRet ? mi.ulErrorRet : MMIOERR_CANNOTOPEN;
      return NULL;
    }
  if (pmmcfinfo != NULL && !(ulFlags & MMIO_CREATE))
    {
      CfStore *s = mmio_cf_store_of (h, NULL);
      guint8 img[sizeof (MMCFINFO)];
      cf_toc_header_image (cf_store_toc (s), img, sizeof img);
      memcpy (pmmcfinfo, img, sizeof img);
    }
  in->ulErrorRet = 0;
  in->hmmio = h;
  return h;
}

ULONG
mmioCFClose (HMMCF hmmcf, ULONG ulFlags)
{
  if (mmio_cf_store_of (hmmcf, NULL) == NULL)
    return MMSYSERR_INVALHANDLE;
  return mmioClose (hmmcf, (UINT) ulFlags & ~MMIO_FHOPEN);
}

ULONG
mmioCFGetInfo (HMMCF hmmcf, PMMCFINFO pmmcfinfo, ULONG cBytes)
{
  MMIOINFO *info;
  CfStore *s = mmio_cf_store_of (hmmcf, &info);
  gsize size;
  UINT err;

  if (s == NULL)
    return 0;
  if (pmmcfinfo == NULL || cBytes == 0)
    {
      fail (info, MMIOERR_INVALID_PARAMETER);
      return 0;
    }
  if ((err = cf_store_refresh (s)) != 0)
    {
      fail (info, err);
      return 0;
    }
  size = cf_toc_header_image (cf_store_toc (s), (guint8 *) pmmcfinfo, cBytes);
  cf_store_report_layout (s);
  info->ulErrorRet = 0;
  return (ULONG) MIN ((gsize) cBytes, size);
}

typedef struct
{
  const MMCFINFO *fi;
  const guint8   *img;
  gsize           len;
} SetInfo;

static UINT
edit_set_info (CfToc *t, GArray *src, gpointer data)
{
  SetInfo *si = data;
  const MMCFINFO *fi = si->fi;
  guint16 nh = fi->usExHdrFields, ne = fi->usExEntFields;
  gsize need = sizeof *fi + 2 * ((gsize) nh + ne) + 4 * (gsize) nh;
  const guint8 *p = si->img + sizeof *fi;

  (void) src;
  if (!valid_name_size (fi->usNameSize))
    return MMIOERR_INVALID_PARAMETER;
  for (guint32 i = 0; i < t->n_entries; i++)
    if (strlen (t->entries[i].name) >= fi->usNameSize)
      return MMIOERR_INVALID_PARAMETER;   /* would cut a name */
  if ((nh != t->n_ex_hdr || ne != t->n_ex_ent || nh > 0 || ne > 0)
      && si->len < need)
    return MMIOERR_INVALID_PARAMETER;     /* the image is incomplete */

  t->name_size = fi->usNameSize;
  t->header_flags = fi->ulHeaderFlags;
  if (si->len >= need)
    {
      guint32 *vals = g_new0 (guint32, (gsize) t->n_entries * ne + 1);
      for (guint32 i = 0; i < t->n_entries; i++)
        for (guint k = 0; k < MIN (ne, t->n_ex_ent); k++)
          vals[(gsize) i * ne + k] = t->ent_values[(gsize) i * t->n_ex_ent + k];
      g_free (t->ent_values);
      t->ent_values = vals;
      g_free (t->hdr_usage);
      g_free (t->ent_usage);
      g_free (t->hdr_values);
      t->hdr_usage = g_new0 (guint16, nh + 1);
      t->ent_usage = g_new0 (guint16, ne + 1);
      t->hdr_values = g_new0 (guint32, nh + 1);
      memcpy (t->hdr_usage, p, 2 * (gsize) nh);
      memcpy (t->ent_usage, p + 2 * (gsize) nh, 2 * (gsize) ne);
      memcpy (t->hdr_values, p + 2 * ((gsize) nh + ne), 4 * (gsize) nh);
      t->n_ex_hdr = nh;
      t->n_ex_ent = ne;
    }
  return 0;
}

ULONG
mmioCFSetInfo (HMMCF hmmcf, PMMCFINFO pmmcfinfo, ULONG cBytes)
{
  MMIOINFO *info;
  CfStore *s = mmio_cf_store_of (hmmcf, &info);
  SetInfo si;
  UINT err;

  if (s == NULL)
    return 0;
  if (pmmcfinfo == NULL || cBytes < sizeof (MMCFINFO))
    {
      fail (info, MMIOERR_INVALID_PARAMETER);
      return 0;
    }
  si.fi = pmmcfinfo;
  si.img = (const guint8 *) pmmcfinfo;
  si.len = cBytes;
  err = cf_store_commit (s, edit_set_info, &si, FALSE);
  if (err != 0)
    {
      fail (info, err);
      return 0;
    }
  cf_store_report_layout (s);
  info->ulErrorRet = 0;
  return (ULONG) MIN ((gsize) cBytes,
                      cf_toc_header_image (cf_store_toc (s), NULL, 0));
}

/* The name in a caller's entry image (told layout). */
static char *
entry_name (guint16 name_size, guint16 n_ex_ent, const MMCTOCENTRY *e)
{
  const char *p = (const char *) e + sizeof *e + 4 * (gsize) n_ex_ent + 1;
  return g_strndup (p, name_size);
}

static gboolean
entry_in_class (const CfEntry *e, ULONG flags)
{
  if (flags & MMIO_FINDDELETED)
    return (e->flags & CTOC_EF_DELETED) != 0;
  if (flags & MMIO_FINDUNUSED)
    return (e->flags & CTOC_EF_UNUSED) != 0;
  return !(e->flags & (CTOC_EF_DELETED | CTOC_EF_UNUSED));
}

ULONG
mmioCFFindEntry (HMMCF hmmcf, PMMCTOCENTRY pEntry, ULONG ulFlags)
{
  MMIOINFO *info;
  CfStore *s = mmio_cf_store_of (hmmcf, &info);
  guint32 *cursor;
  guint16 ns, ne;
  CfToc *t;
  UINT err;

  if (s == NULL)
    return MMIO_CF_FAILURE;
  if (pEntry == NULL)
    return fail (info, MMIOERR_INVALID_PARAMETER);
  if ((err = cf_store_refresh (s)) != 0)
    return fail (info, err);
  t = cf_store_toc (s);
  cf_store_told_layout (s, &ns, &ne);
  cursor = cf_store_cursor (s);
  if (ulFlags & (MMIO_FINDFIRST | MMIO_FINDNEXT | MMIO_FINDUNUSED | MMIO_FINDDELETED))
    {
      guint32 start = (ulFlags & MMIO_FINDNEXT) ? *cursor + 1 : 0;
      for (guint32 i = start; i < t->n_entries; i++)
        if (entry_in_class (&t->entries[i], ulFlags))
          {
            cf_toc_entry_image (t, i, (guint8 *) pEntry, ns, ne);
            *cursor = i;
            return done (info, 0);
          }
      /* Past the end: FINDNEXT stays past it. */
      *cursor = t->n_entries;
      return fail (info, MMIOERR_CF_ENTRY_NOT_FOUND);
    }
  {
    char *name = entry_name (ns, ne, pEntry);
    gssize i = cf_toc_index (t, name);
    g_free (name);
    if (i < 0)
      return fail (info, MMIOERR_CF_ENTRY_NOT_FOUND);
    cf_toc_entry_image (t, (guint32) i, (guint8 *) pEntry, ns, ne);
    *cursor = (guint32) i;
    return done (info, 0);
  }
}

typedef struct
{
  const MMCTOCENTRY *in;
  guint16  n_ex_ent;       /* layout of the caller's image */
  guint16  name_size;
  ULONG    flags;
  int      op;             /* 0 add, 1 change, 2 delete */
  guint32  cursor;         /* the entry mmioCFFindEntry returned last */
  const char *key;
} EntryEdit;

static const guint8 *
image_flags (const EntryEdit *ee)
{
  return (const guint8 *) ee->in + sizeof (MMCTOCENTRY) + 4 * (gsize) ee->n_ex_ent;
}

static char *
image_name (const EntryEdit *ee)
{
  return g_strndup ((const char *) image_flags (ee) + 1, ee->name_size);
}

static UINT
set_region (CfToc *t, GArray *src, guint32 i, const MMCTOCENTRY *in)
{
  CfSource *s;

  if (in->ulSize > 0 && (guint64) in->ulOffset + in->ulSize > t->cgrp_size)
    return MMIOERR_INVALID_PARAMETER;      /* outside the element group */
  t->entries[i].offset = in->ulOffset;
  t->entries[i].size = in->ulSize;
  s = cf_sources_at (src, i);
  s->kind = in->ulSize > 0 ? CF_SRC_OLD : CF_SRC_NONE;
  s->old_offset = in->ulOffset;
  return 0;
}

static void
copy_fields (CfToc *t, guint32 i, const EntryEdit *ee)
{
  CfEntry *e = &t->entries[i];
  const ULONG *ex = (const ULONG *) (ee->in + 1);

  e->med_type = ee->in->ulMedType;
  e->med_usage = ee->in->ulMedUsage;
  e->compress_tech = ee->in->ulCompressTech;
  e->uncompress_bytes = ee->in->ulUncompressBytes;
  for (guint k = 0; k < t->n_ex_ent && k < ee->n_ex_ent; k++)
    {
      ULONG v;
      memcpy (&v, ex + k, sizeof v);
      t->ent_values[(gsize) i * t->n_ex_ent + k] = v;
    }
  mmio_cf_touch_entry (t, i);
}

static UINT
edit_entry (CfToc *t, GArray *src, gpointer data)
{
  EntryEdit *ee = data;
  char *name = image_name (ee);
  gssize i = -1;
  UINT err = 0;

  if (*name == 0)
    {
      g_free (name);
      return MMIOERR_INVALID_PARAMETER;
    }
  if (ee->op == 1 && (ee->flags & MMIO_CHANGEDELETED))
    {
      /* Several deleted entries may share the name: the one the last
       * mmioCFFindEntry returned is meant, else the first. */
      guint32 c = ee->cursor;
      if (c < t->n_entries && (t->entries[c].flags & CTOC_EF_DELETED)
          && strcmp (t->entries[c].name, name) == 0)
        i = c;
      for (guint32 k = 0; i < 0 && k < t->n_entries; k++)
        if ((t->entries[k].flags & CTOC_EF_DELETED)
            && strcmp (t->entries[k].name, name) == 0)
          {
            i = k;
            break;
          }
    }
  else
    i = cf_toc_index (t, name);

  if (ee->op != 0 && i >= 0 && cf_element_has_writer (ee->key, name))
    err = MMIOERR_SHARINGVIOLATION;
  else if (ee->op == 0)
    {
      if (i >= 0)
        err = MMIOERR_CF_DUPLICATE_SEEN;
      else
        {
          guint32 n = cf_toc_add (t, name);
          err = set_region (t, src, n, ee->in);
          if (err == 0)
            copy_fields (t, n, ee);
        }
    }
  else if (i < 0)
    err = MMIOERR_CF_ENTRY_NOT_FOUND;
  else if (ee->op == 2)
    {
      t->entries[i].flags |= CTOC_EF_DELETED;
      mmio_cf_touch_entry (t, (guint32) i);
      cf_toc_rehash (t);
    }
  else
    {
      CfEntry *e = &t->entries[i];
      if (e->offset != ee->in->ulOffset || e->size != ee->in->ulSize)
        err = set_region (t, src, (guint32) i, ee->in);
      if (err == 0)
        copy_fields (t, (guint32) i, ee);
      if (err == 0 && (ee->flags & MMIO_CHANGEDELETED))
        {
          guint8 f = *image_flags (ee) & (CTOC_EF_DELETED | CTOC_EF_UNUSED);
          if (!(f & (CTOC_EF_DELETED | CTOC_EF_UNUSED))
              && cf_toc_lookup (t, name) != NULL)
            err = MMIOERR_CF_DUPLICATE_SEEN;   /* undelete over a live name */
          else
            {
              e->flags = f;
              cf_toc_rehash (t);
            }
        }
    }
  g_free (name);
  return err;
}

static ULONG
entry_call (HMMCF hmmcf, PMMCTOCENTRY pEntry, ULONG flags, int op)
{
  MMIOINFO *info;
  CfStore *s = mmio_cf_store_of (hmmcf, &info);
  EntryEdit ee;
  UINT err;

  if (s == NULL)
    return MMIO_CF_FAILURE;
  if (pEntry == NULL)
    return fail (info, MMIOERR_INVALID_PARAMETER);
  if ((err = cf_store_refresh (s)) != 0)
    return fail (info, err);
  /* The caller laid the image out for the table as it last saw it. */
  ee.in = pEntry;
  cf_store_told_layout (s, &ee.name_size, &ee.n_ex_ent);
  ee.flags = flags;
  ee.op = op;
  ee.key = cf_store_key (s);
  ee.cursor = *cf_store_cursor (s);
  return done (info, cf_store_commit (s, edit_entry, &ee, FALSE));
}

ULONG
mmioCFAddEntry (HMMCF hmmcf, PMMCTOCENTRY pEntry, ULONG ulFlags)
{
  return entry_call (hmmcf, pEntry, ulFlags, 0);
}

ULONG
mmioCFChangeEntry (HMMCF hmmcf, PMMCTOCENTRY pEntry, ULONG ulFlags)
{
  return entry_call (hmmcf, pEntry, ulFlags, 1);
}

ULONG
mmioCFDeleteEntry (HMMCF hmmcf, PMMCTOCENTRY pEntry, ULONG ulFlags)
{
  return entry_call (hmmcf, pEntry, ulFlags, 2);
}

ULONG
mmioCFAddElement (HMMCF hmmcf, PSZ pszElementName, FOURCC fccType,
                  PCHAR pchBuffer, LONG cchBytes, ULONG ulFlags)
{
  MMIOINFO *info;
  CfStore *s = mmio_cf_store_of (hmmcf, &info);
  PutElement pe = { 0 };

  if (s == NULL)
    return MMIO_CF_FAILURE;
  if (pszElementName == NULL || *pszElementName == 0 || cchBytes < 0
      || (pchBuffer == NULL && cchBytes > 0))
    return fail (info, MMIOERR_INVALID_PARAMETER);
  if (cf_element_has_writer (cf_store_key (s), pszElementName))
    return fail (info, MMIOERR_SHARINGVIOLATION);
  pe.name = pszElementName;
  pe.buf = pchBuffer;
  pe.size = cchBytes;
  pe.med_type = fccType ? fccType
                        : mmio_cf_sniff_type (pchBuffer, pchBuffer ? (gsize) cchBytes : 0);
  pe.may_replace = (ulFlags & MMIO_CF_ENTRY_EXISTS) != 0;
  pe.must_exist = (ulFlags & MMIO_CF_ENTRY_EXISTS) != 0;
  return done (info, cf_store_commit (s, mmio_cf_edit_put, &pe, FALSE));
}

ULONG
mmioCFCopy (HMMCF hmmcfSource, PSZ pszDestFileName, ULONG ulFlags)
{
  MMIOINFO *info;
  CfStore *s = mmio_cf_store_of (hmmcfSource, &info);

  (void) ulFlags;
  if (s == NULL)
    return MMIO_CF_FAILURE;
  if (pszDestFileName == NULL || *pszDestFileName == 0)
    return fail (info, MMIOERR_INVALID_FILENAME);
  return done (info, cf_store_write_to (s, pszDestFileName, FALSE));
}

ULONG
mmioCFCompact (PSZ pszFileName, ULONG ulFlags)
{
  CfStore *s = NULL;
  UINT err;

  if (pszFileName == NULL || *pszFileName == 0)
    return MMIOERR_INVALID_FILENAME;
  err = cf_store_open (pszFileName, ulFlags & MMIO_VERTBAR, &s);
  if (err == 0 && cf_key_has_writers (cf_store_key (s)))
    err = MMIOERR_CF_ELEMENTS_OPEN;
  if (err == 0)
    err = cf_store_commit (s, NULL, NULL, TRUE);
  cf_store_close (s);
  return err;
}
