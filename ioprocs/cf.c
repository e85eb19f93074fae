/* cf.c — the compound-file storage IOProc, registered as 'BND ' and 'CF  '.
 *
 * MMIOM_OPEN gets the whole name and splits it at the last separator: the
 * part before is the physical file (opened through mmioOpen, so it may
 * itself be an element: "outer.bnd+inner.bnd+ding.wav"), the part after is
 * the element. A name without an element ("x.bnd" with the FOURCC given,
 * or "x.bnd+") opens the compound file itself: reads see its raw bytes,
 * and the CF calls and MMIOM_LISTELEMENTS work on it.
 *
 * An element opened for reading reads its window of the CGRP; positions
 * (and lDiskOffset) count from the element's first byte; SEEK_END is
 * subtractive from the element's end. An element opened for writing
 * (MMIO_CREATE: empty; MMIO_WRITE/READWRITE/APPEND: its bytes) is spooled
 * and written into the compound file atomically on close; until then
 * nobody else in the process can open it, and readers opened before keep
 * reading the bytes they opened. */
#include "cf-private.h"
#include "ioprocs.h"
#include "../engine/mmio-i18n.h"

#include <mmio/mmio-cf.h>
#include <string.h>

typedef struct
{
  CfStore   *store;
  char      *element;      /* NULL: the compound file itself */
  gboolean   writing;
  gboolean   locked;
  gboolean   dirty;
  MmioSpool *spool;        /* writing */
  CfEntry    entry;        /* reading: the element as opened (name not owned) */
  gint64     pos;
  MMIOINFO  *info;
} CfHandle;

static CfHandle *
state_of (MMIOINFO *info)
{
  CfHandle *st;
  memcpy (&st, info->adwInfo, sizeof st);
  return st;
}

static void
set_state (MMIOINFO *info, CfHandle *st)
{
  G_STATIC_ASSERT (sizeof (CfHandle *) <= sizeof info->adwInfo);
  memcpy (info->adwInfo, &st, sizeof st);
}

void
mmio_cf_split_name (const char *name, char sep, char **physical,
                    char **element)
{
  const char *plus = strrchr (name, sep);
  if (plus == NULL)
    {
      *physical = g_strdup (name);
      *element = NULL;
      return;
    }
  *physical = g_strndup (name, (gsize) (plus - name));
  *element = g_strdup (plus + 1);
}

FOURCC
mmio_cf_sniff_type (const void *head, gsize len)
{
  const guint8 *p = head;
  if (len >= 12 && memcmp (p, "RIFF", 4) == 0)
    return (FOURCC) p[8] | ((FOURCC) p[9] << 8) | ((FOURCC) p[10] << 16)
           | ((FOURCC) p[11] << 24);
  return 0;
}

static const char *
format_name (void)
{
  mmio_i18n_init ();
  return _("RIFF compound file (BND)");
}

static void
handle_free (CfHandle *st)
{
  if (st->locked)
    cf_unlock_element (cf_store_key (st->store), st->element, st->writing);
  mmio_spool_free (st->spool);
  cf_store_close (st->store);
  g_free (st->element);
  g_free (st);
}

/* ---- commits from an element handle --------------------------------------- */

void
mmio_cf_touch_entry (CfToc *t, guint32 i)
{
  for (guint k = 0; k < t->n_ex_ent; k++)
    if (t->ent_usage[k] == CTOC_USAGE_LASTMODTIME)
      t->ent_values[(gsize) i * t->n_ex_ent + k] = (guint32) (g_get_real_time () / G_USEC_PER_SEC);
}

UINT
mmio_cf_edit_put (CfToc *t, GArray *src, gpointer data)
{
  PutElement *pe = data;
  gssize i = cf_toc_index (t, pe->name);
  CfEntry *e;
  CfSource *s;

  if (pe->size < 0 || pe->size > G_MAXUINT32)
    return MMIOERR_INVALID_SIZE;
  if (i >= 0 && !pe->may_replace)
    return MMIOERR_CF_DUPLICATE_SEEN;
  if (i < 0 && pe->must_exist)
    return MMIOERR_CF_ENTRY_NOT_FOUND;
  if (i < 0)
    i = cf_toc_add (t, pe->name);
  e = &t->entries[i];
  e->size = (guint32) pe->size;
  e->uncompress_bytes = e->size;
  e->compress_tech = 0;
  e->flags = 0;
  e->problems = 0;
  if (pe->med_type != 0)
    e->med_type = pe->med_type;
  s = cf_sources_at (src, (guint32) i);
  s->kind = pe->spool ? CF_SRC_SPOOL : CF_SRC_BUFFER;
  s->spool = pe->spool;
  s->buf = pe->buf;
  mmio_cf_touch_entry (t, (guint32) i);
  return 0;
}

static UINT
edit_rename (CfToc *t, GArray *src, gpointer data)
{
  PutElement *pe = data;
  gssize i = cf_toc_index (t, pe->name);

  (void) src;
  if (i < 0)
    return MMIOERR_CF_ENTRY_NOT_FOUND;
  if (cf_toc_lookup (t, pe->new_name) != NULL)
    return MMIOERR_CF_DUPLICATE_SEEN;
  g_free (t->entries[i].name);
  t->entries[i].name = g_strdup (pe->new_name);
  mmio_cf_touch_entry (t, (guint32) i);
  cf_toc_rehash (t);
  return 0;
}

static UINT
commit_element (CfHandle *st)
{
  guint8 head[12] = { 0 };
  gint64 got = mmio_spool_read_at (st->spool, 0, head, sizeof head);
  PutElement pe = { 0 };

  pe.name = st->element;
  pe.spool = st->spool;
  pe.size = mmio_spool_size (st->spool);
  pe.med_type = mmio_cf_sniff_type (head, got > 0 ? (gsize) got : 0);
  pe.may_replace = TRUE;
  return cf_store_commit (st->store, mmio_cf_edit_put, &pe, FALSE);
}

/* ---- messages --------------------------------------------------------------- */

static LRESULT
cf_open (MMIOINFO *info, const char *name)
{
  DWORD flags = info->dwFlags;
  char sep = (flags & MMIO_VERTBAR) ? CFSEPCHAR_VERTBAR : CFSEPCHAR;
  gboolean create = (flags & MMIO_CREATE) != 0;
  gboolean write = create || (flags & MMIO_RWMODE) != MMIO_READ
                   || (flags & MMIO_APPEND);
  char *physical = NULL, *element = NULL;
  CfHandle *st;
  UINT err;

  if (name == NULL || *name == 0)
    return MMIOERR_INVALID_FILENAME;
  mmio_cf_split_name (name, sep, &physical, &element);
  if (element != NULL && *element == 0)
    g_clear_pointer (&element, g_free);
  if (*physical == 0)
    {
      g_free (physical);
      g_free (element);
      return MMIOERR_INVALID_FILENAME;
    }

  st = g_new0 (CfHandle, 1);
  st->info = info;
  st->element = element;
  err = cf_store_open (physical, flags, &st->store);
  if ((err == MMIOERR_FILENOTFOUND || err == MMIOERR_CF_ENTRY_NOT_FOUND)
      && create)
    {
      /* Creating an element (or the file itself) creates the file. */
      CfToc *toc = cf_toc_new (CTOC_DEFAULT_NAMESIZE, 0, NULL, 0, NULL);
      err = cf_store_create (physical, toc, (flags & MMIO_CTOCFIRST) != 0,
                             flags);
      cf_toc_unref (toc);
      if (err == 0)
        err = cf_store_open (physical, flags, &st->store);
    }
  g_free (physical);
  if (err != 0)
    goto fail;

  if (element == NULL)
    {
      /* The compound file itself: read-only raw bytes. */
      info->lDiskOffset = 0;
      set_state (info, st);
      return 0;
    }

  st->writing = write;
  if (!cf_lock_element (cf_store_key (st->store), element, write))
    {
      err = MMIOERR_SHARINGVIOLATION;
      goto fail;
    }
  st->locked = TRUE;
  {
    CfEntry *e = cf_toc_lookup (cf_store_toc (st->store), element);
    if (e == NULL && !create)
      {
        err = MMIOERR_CF_ENTRY_NOT_FOUND;
        goto fail;
      }
    if (e != NULL && (e->problems & MMIO_ELEMENT_DAMAGED) && !create)
      {
        err = MMIOERR_INVALIDFILE;
        goto fail;
      }
    if (e != NULL)
      st->entry = *e;
    st->entry.name = NULL;
  }
  if (write)
    {
      st->spool = mmio_spool_new ();
      st->dirty = create;
      if (!create)
        {
          guint8 *buf = g_malloc (64 * 1024);
          gint64 done = 0;
          while (done < st->entry.size)
            {
              gint64 n = cf_store_read (st->store, &st->entry, done, buf, 64 * 1024);
              if (n <= 0 || mmio_spool_write_at (st->spool, done, buf, (gsize) n) != n)
                {
                  g_free (buf);
                  err = MMIOERR_CANNOTREAD;
                  goto fail;
                }
              done += n;
            }
          g_free (buf);
        }
      if (flags & MMIO_APPEND)
        st->pos = mmio_spool_size (st->spool);
    }
  info->lDiskOffset = st->pos;
  set_state (info, st);
  return 0;

fail:
  handle_free (st);
  return err;
}

static LONG
element_size (CfHandle *st)
{
  if (st->element == NULL)
    {
      HMMIO child = cf_store_child (st->store);
      return mmioSeek (child, 0, SEEK_END);
    }
  return st->writing ? mmio_spool_size (st->spool) : (LONG) st->entry.size;
}

static LRESULT
cf_read (MMIOINFO *info, CfHandle *st, char *buf, LONG n)
{
  gint64 got;

  if (n < 0)
    return -1;
  if (st->element == NULL)
    {
      HMMIO child = cf_store_child (st->store);
      if (mmioSeek (child, st->pos, SEEK_SET) != st->pos)
        return st->pos > element_size (st) ? 0 : -1;
      got = mmioRead (child, buf, n);
    }
  else if (st->writing)
    got = mmio_spool_read_at (st->spool, st->pos, buf, (gsize) n);
  else
    got = cf_store_read (st->store, &st->entry, st->pos, buf, (gsize) n);
  if (got < 0)
    return -1;
  st->pos += got;
  info->lDiskOffset = st->pos;
  return got;
}

static LRESULT
cf_write (MMIOINFO *info, CfHandle *st, const char *buf, LONG n)
{
  gint64 put;

  if (!st->writing || n < 0)
    return -1;
  if (n == 0)
    return 0;
  if ((guint64) st->pos + (guint64) n > G_MAXUINT32)
    return -1;                     /* elements are addressed with 32 bits */
  put = mmio_spool_write_at (st->spool, st->pos, buf, (gsize) n);
  if (put < 0)
    return -1;
  st->dirty = TRUE;
  st->pos += put;
  info->lDiskOffset = st->pos;
  return put;
}

static LRESULT
cf_seek (MMIOINFO *info, CfHandle *st, LONG offset, int origin)
{
  LONG target;

  switch (origin)
    {
    case SEEK_SET: target = offset; break;
    case SEEK_CUR: target = st->pos + offset; break;
    case SEEK_END:
      {
        LONG size = element_size (st);
        if (size < 0)
          return -1;
        target = size - offset;    /* subtractive, as MMIO's SEEK_END */
        break;
      }
    default: return -1;
    }
  if (target < 0)
    return -1;
  st->pos = target;
  info->lDiskOffset = target;
  return target;
}

static LRESULT
cf_close (MMIOINFO *info, CfHandle *st)
{
  UINT err = 0;

  if (st->element != NULL && st->writing && st->dirty)
    err = commit_element (st);
  handle_free (st);
  set_state (info, NULL);
  return err;
}

static LRESULT
cf_rename (const char *from, const char *to, DWORD flags)
{
  char sep = (flags & MMIO_VERTBAR) ? CFSEPCHAR_VERTBAR : CFSEPCHAR;
  char *p1, *e1, *p2, *e2;
  PutElement pe = { 0 };
  CfStore *s = NULL;
  UINT err;

  if (from == NULL || to == NULL)
    return MMSYSERR_INVALPARAM;
  mmio_cf_split_name (from, sep, &p1, &e1);
  mmio_cf_split_name (to, sep, &p2, &e2);
  if (e1 == NULL || e2 == NULL || !*e1 || !*e2)
    err = MMIOERR_INVALID_FILENAME;
  else if (strcmp (p1, p2) != 0)
    err = MMIOERR_INVALID_PARAMETER;   /* no moving between files */
  else
    err = cf_store_open (p1, flags, &s);
  if (err == 0 && (cf_element_has_writer (cf_store_key (s), e1)
                   || cf_element_has_writer (cf_store_key (s), e2)))
    err = MMIOERR_SHARINGVIOLATION;
  if (err == 0)
    {
      pe.name = e1;
      pe.new_name = e2;
      err = cf_store_commit (s, edit_rename, &pe, FALSE);
    }
  cf_store_close (s);
  g_free (p1);
  g_free (e1);
  g_free (p2);
  g_free (e2);
  return err;
}

static LRESULT
cf_list (CfHandle *st, MMIOELEMENTSINK *sink, ULONG flags)
{
  CfToc *t;

  if (st->element != NULL)
    return MMIOERR_UNSUPPORTED_MESSAGE;   /* an element lists nothing */
  if (sink == NULL || sink->AddElement == NULL)
    return MMSYSERR_INVALPARAM;
  t = cf_store_toc (st->store);
  if (sink->AddFinding != NULL)
    for (guint i = 0; i < t->findings->len; i++)
      {
        CfFinding *f = g_ptr_array_index (t->findings, i);
        sink->AddFinding (sink, f->rule, f->message);
      }
  for (guint32 i = 0; i < t->n_entries; i++)
    {
      CfEntry *e = &t->entries[i];
      MMIOELEMENT el = { 0 };
      char *name;
      BOOL go;

      if ((e->flags & (CTOC_EF_DELETED | CTOC_EF_UNUSED)) && !(flags & MMIO_LIST_ALL))
        continue;
      name = g_utf8_make_valid (e->name, -1);
      el.ulStructLen = sizeof el;
      el.ulIndex = i;
      el.pszName = name;
      el.lSize = e->size;
      el.lOffset = (e->flags & CTOC_EF_UNUSED) ? -1
                   : cf_store_cgrp_data (st->store) + e->offset;
      el.fccMedType = e->med_type;
      el.ulFlags = e->problems | (e->flags & (CTOC_EF_DELETED | CTOC_EF_UNUSED));
      go = sink->AddElement (sink, &el);
      g_free (name);
      if (!go)
        break;
    }
  return MMIO_SUCCESS;
}

LRESULT
mmio_cf_ioproc (LPSTR lpmmioinfo, UINT uMsg, LPARAM lParam1, LPARAM lParam2)
{
  MMIOINFO *info = (MMIOINFO *) lpmmioinfo;
  CfHandle *st = info ? state_of (info) : NULL;

  switch (uMsg)
    {
    case MMIOM_OPEN:
      return cf_open (info, (const char *) lParam1);
    case MMIOM_RENAME:
      return cf_rename ((const char *) lParam1, (const char *) lParam2,
                        info ? info->dwFlags : 0);
    case MMIOM_GETFORMATINFO:
      return mmio_ioprocs_fill_format ((MMFORMATINFO *) lParam1,
                                       info && info->fccIOProc ? info->fccIOProc : FOURCC_BND,
                                       MMIO_IOPROC_STORAGESYSTEM,
                                       MMIO_MEDIATYPE_COMPOUND,
                                       MMIO_CANREADUNTRANSLATED
                                       | MMIO_CANWRITEUNTRANSLATED
                                       | MMIO_CANREADWRITEUNTRANSLATED
                                       | MMIO_CANSEEKUNTRANSLATED,
                                       "BND", format_name ());
    case MMIOM_GETFORMATNAME:
      return mmio_ioprocs_copy_name ((char *) lParam1, (LONG) lParam2,
                                     format_name ());
    default:
      break;
    }
  if (st == NULL)
    return uMsg == MMIOM_CLOSE ? 0 : MMIOERR_UNSUPPORTED_MESSAGE;
  switch (uMsg)
    {
    case MMIOM_CLOSE:
      return cf_close (info, st);
    case MMIOM_READ:
      return cf_read (info, st, (char *) lParam1, (LONG) lParam2);
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
      return cf_write (info, st, (const char *) lParam1, (LONG) lParam2);
    case MMIOM_SEEK:
      return cf_seek (info, st, (LONG) lParam1, (int) lParam2);
    case MMIOM_LISTELEMENTS:
      return cf_list (st, (MMIOELEMENTSINK *) lParam1, (ULONG) lParam2);
    case MMIOM_CF_DISCARD:
      st->dirty = FALSE;
      return MMIO_SUCCESS;
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

CfStore *
mmio_cf_store_of (HMMIO hmmio, MMIOINFO **info_out)
{
  MMIOINFO mi;
  CfHandle *st;

  if (hmmio == NULL || mmioGetInfo (hmmio, &mi, 0) != 0
      || mi.pIOProc != mmio_cf_ioproc)
    return NULL;
  st = state_of (&mi);
  if (st == NULL || st->element != NULL)
    return NULL;
  if (info_out)
    *info_out = st->info;
  return st->store;
}
