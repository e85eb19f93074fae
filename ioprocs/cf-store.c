/* cf-store.c — a compound file on disk: finding CTOC and CGRP, keeping
 * parsed tables in a small cache, writing changes atomically, and the
 * in-process locks on elements open for writing.
 *
 * The physical file is always opened through mmioOpen, so "outer.bnd+inner.bnd"
 * reads inner.bnd through the compound-file IOProc of outer.bnd.
 *
 * Atomic commits: the whole new file is written to a temporary file in the
 * same folder, fsync'd, renamed over the original, and the folder fsync'd.
 * A file stored inside another container is written by replacing that
 * element, which the outer IOProc commits the same way. Commits in one
 * process are serialised and always start from the newest file on disk,
 * so two handles editing the same file lose nothing. Two processes
 * editing at once: the last rename wins, and neither leaves a broken file.
 *
 * The cache: parsing a 100,000-entry table costs milliseconds, opening one
 * element should not. Parsed tables are kept (8 files at most) keyed by
 * path and validated by device, inode, size, mtime and ctime of the open
 * descriptor, plus the first bytes of the RIFF header and of the CTOC,
 * which are read again on every open. Only files whose ctime is over a
 * second old are cached ("racy" files, as git calls them, could change
 * without their stat changing). */
#include "cf-private.h"
#include "ioprocs.h"
#include "../engine/mmio-i18n.h"

#include <mmio/mmio-cf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <glib/gstdio.h>

#define CTOC_MAX_BYTES   (256u * 1024 * 1024)  /* a larger table is hostile */
#define MAX_TOP_CHUNKS   4096
#define CACHE_MAX        8
#define CACHE_SETTLE_SEC 1
#define HEAD_BYTES       (12 + 8 + CF_HEADER_FIXED)
#define COPY_CHUNK       (256 * 1024)

struct _CfStore
{
  char    *physical;
  char    *key;
  DWORD    flags;
  HMMIO    child;
  int      fd;            /* the child's descriptor when it is a plain file */
  CfToc   *toc;
  gint64   ctoc_off;      /* CTOC chunk header */
  gint64   cgrp_data;     /* first byte of CGRP data */
  guint32  cgrp_size;
  gboolean ctoc_first;
  FOURCC   form;
  guint32  cursor;        /* mmioCFFindEntry FINDNEXT */
  guint16  told_name_size, told_ex_ent;
};

/* ---- element locks -------------------------------------------------------- */

typedef struct
{
  guint    readers;
  gboolean writer;
} LockState;

static GMutex lock_mutex;
static GHashTable *locks;   /* "key\001element" → LockState */

static char *
lock_name (const char *key, const char *element)
{
  return g_strconcat (key, "\001", element, NULL);
}

gboolean
cf_lock_element (const char *key, const char *element, gboolean write)
{
  char *k = lock_name (key, element);
  LockState *st;
  gboolean ok = TRUE;

  g_mutex_lock (&lock_mutex);
  if (locks == NULL)
    locks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  st = g_hash_table_lookup (locks, k);
  if (st == NULL)
    {
      st = g_new0 (LockState, 1);
      g_hash_table_insert (locks, k, st);
      k = NULL;
    }
  if (st->writer)
    ok = FALSE;
  else if (write)
    st->writer = TRUE;
  else
    st->readers++;
  g_mutex_unlock (&lock_mutex);
  g_free (k);
  return ok;
}

void
cf_unlock_element (const char *key, const char *element, gboolean write)
{
  char *k = lock_name (key, element);
  LockState *st;

  g_mutex_lock (&lock_mutex);
  st = locks ? g_hash_table_lookup (locks, k) : NULL;
  if (st != NULL)
    {
      if (write)
        st->writer = FALSE;
      else if (st->readers > 0)
        st->readers--;
      if (!st->writer && st->readers == 0)
        g_hash_table_remove (locks, k);
    }
  g_mutex_unlock (&lock_mutex);
  g_free (k);
}

static gboolean
writer_open_locked (const char *key, const char *element)
{
  GHashTableIter it;
  gpointer k, v;
  gsize kl = strlen (key);

  if (locks == NULL)
    return FALSE;
  if (element != NULL)
    {
      char *n = lock_name (key, element);
      LockState *st = g_hash_table_lookup (locks, n);
      g_free (n);
      return st != NULL && st->writer;
    }
  g_hash_table_iter_init (&it, locks);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (strncmp (k, key, kl) == 0 && ((char *) k)[kl] == '\001'
        && ((LockState *) v)->writer)
      return TRUE;
  return FALSE;
}

gboolean
cf_key_has_writers (const char *key)
{
  gboolean r;
  g_mutex_lock (&lock_mutex);
  r = writer_open_locked (key, NULL);
  g_mutex_unlock (&lock_mutex);
  return r;
}

gboolean
cf_element_has_writer (const char *key, const char *element)
{
  gboolean r;
  g_mutex_lock (&lock_mutex);
  r = writer_open_locked (key, element);
  g_mutex_unlock (&lock_mutex);
  return r;
}

char *
cf_physical_key (const char *physical)
{
  return g_canonicalize_filename (physical, NULL);
}

/* ---- the cache -------------------------------------------------------------- */

typedef struct
{
  char    *key;
  dev_t    dev;
  ino_t    ino;
  off_t    size;
  struct timespec mtim, ctim;
  guint8   head[HEAD_BYTES];
  gint64   ctoc_off, cgrp_data;
  guint32  cgrp_size;
  gboolean ctoc_first;
  FOURCC   form;
  CfToc   *toc;
} CacheEntry;

static GMutex cache_mutex;
static GQueue cache = G_QUEUE_INIT;    /* CacheEntry*, most recent first */

static void
cache_entry_free (CacheEntry *c)
{
  g_free (c->key);
  cf_toc_unref (c->toc);
  g_free (c);
}

static gboolean
same_stat (const CacheEntry *c, const struct stat *st)
{
  return c->dev == st->st_dev && c->ino == st->st_ino && c->size == st->st_size
         && c->mtim.tv_sec == st->st_mtim.tv_sec
         && c->mtim.tv_nsec == st->st_mtim.tv_nsec
         && c->ctim.tv_sec == st->st_ctim.tv_sec
         && c->ctim.tv_nsec == st->st_ctim.tv_nsec;
}

/* A copy of the matching entry (toc referenced), or NULL. */
static CacheEntry *
cache_lookup (const char *key, const struct stat *st)
{
  CacheEntry *found = NULL;

  g_mutex_lock (&cache_mutex);
  for (GList *l = cache.head; l != NULL; l = l->next)
    {
      CacheEntry *c = l->data;
      if (strcmp (c->key, key) != 0)
        continue;
      if (same_stat (c, st))
        {
          g_queue_unlink (&cache, l);
          g_queue_push_head_link (&cache, l);
          found = g_memdup2 (c, sizeof *c);
          found->key = NULL;
          cf_toc_ref (found->toc);
        }
      break;
    }
  g_mutex_unlock (&cache_mutex);
  return found;
}

static void
cache_insert (const char *key, const struct stat *st, const guint8 *head,
              CfStore *s)
{
  CacheEntry *c = g_new0 (CacheEntry, 1);

  c->key = g_strdup (key);
  c->dev = st->st_dev;
  c->ino = st->st_ino;
  c->size = st->st_size;
  c->mtim = st->st_mtim;
  c->ctim = st->st_ctim;
  memcpy (c->head, head, HEAD_BYTES);
  c->ctoc_off = s->ctoc_off;
  c->cgrp_data = s->cgrp_data;
  c->cgrp_size = s->cgrp_size;
  c->ctoc_first = s->ctoc_first;
  c->form = s->form;
  c->toc = cf_toc_ref (s->toc);

  g_mutex_lock (&cache_mutex);
  for (GList *l = cache.head; l != NULL; l = l->next)
    if (strcmp (((CacheEntry *) l->data)->key, key) == 0)
      {
        cache_entry_free (l->data);
        g_queue_delete_link (&cache, l);
        break;
      }
  g_queue_push_head (&cache, c);
  while (cache.length > CACHE_MAX)
    cache_entry_free (g_queue_pop_tail (&cache));
  g_mutex_unlock (&cache_mutex);
}

/* ---- reading -------------------------------------------------------------- */

static gboolean
read_at (HMMIO h, gint64 pos, void *buf, gsize n)
{
  gsize done = 0;
  if (mmioSeek (h, pos, SEEK_SET) != pos)
    return FALSE;
  while (done < n)
    {
      LONG r = mmioRead (h, (char *) buf + done, (LONG) (n - done));
      if (r <= 0)
        return FALSE;
      done += (gsize) r;
    }
  return TRUE;
}

static inline guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16)
         | ((guint32) p[3] << 24);
}

static gboolean
read_head (CfStore *s, guint8 *head)
{
  return read_at (s->child, 0, head, 12)
         && read_at (s->child, s->ctoc_off, head + 12, HEAD_BYTES - 12);
}

/* Walk the top-level chunks to find CTOC and CGRP, then parse the table. */
static UINT
load_toc (CfStore *s)
{
  guint8 hdr[12];
  gint64 file_size, riff_end, pos;
  gint64 ctoc_data = -1;
  guint32 ctoc_size = 0;
  gboolean have_cgrp = FALSE, clamped = FALSE;
  CfToc *toc = NULL;
  guint8 *buf;
  UINT err;

  file_size = mmioSeek (s->child, 0, SEEK_END);
  if (file_size < 0)
    return MMIOERR_CANNOTSEEK;
  if (file_size < 12 || !read_at (s->child, 0, hdr, 12))
    return MMIOERR_CF_NON_BND_FILE;
  if (le32 (hdr) != FOURCC_RIFF)
    return MMIOERR_CF_NON_BND_FILE;
  s->form = le32 (hdr + 8);
  riff_end = 8 + (gint64) le32 (hdr + 4);
  if (riff_end > file_size)
    {
      riff_end = file_size;
      clamped = TRUE;
    }
  pos = 12;
  for (int n = 0; n < MAX_TOP_CHUNKS && pos + 8 <= riff_end; n++)
    {
      guint8 ck[8];
      gint64 size;
      if (!read_at (s->child, pos, ck, 8))
        return MMIOERR_CANNOTREAD;
      size = le32 (ck + 4);
      if (pos + 8 + size > riff_end)
        {
          size = riff_end - pos - 8;
          clamped = TRUE;
        }
      if (le32 (ck) == FOURCC_CTOC && ctoc_data < 0)
        {
          s->ctoc_off = pos;
          ctoc_data = pos + 8;
          ctoc_size = (guint32) size;
        }
      else if (le32 (ck) == FOURCC_CGRP && !have_cgrp)
        {
          have_cgrp = TRUE;
          s->cgrp_data = pos + 8;
          s->cgrp_size = (guint32) size;
        }
      if (ctoc_data >= 0 && have_cgrp)
        break;
      pos += 8 + size + (size & 1);
    }
  if (ctoc_data < 0 || !have_cgrp)
    return MMIOERR_CF_NON_BND_FILE;
  s->ctoc_first = s->ctoc_off < s->cgrp_data;
  if (ctoc_size > CTOC_MAX_BYTES)
    return MMIOERR_INVALIDFILE;
  buf = g_try_malloc (ctoc_size + 1);
  if (buf == NULL)
    return MMIOERR_OUTOFMEMORY;
  if (ctoc_size > 0 && !read_at (s->child, ctoc_data, buf, ctoc_size))
    {
      g_free (buf);
      return MMIOERR_CANNOTREAD;
    }
  err = cf_toc_parse (buf, ctoc_size, s->cgrp_size, &toc);
  g_free (buf);
  if (err != 0)
    return err;
  if (clamped)
    cf_toc_add_finding (toc, "riff-size-overrun",
                        _("A chunk size runs past the end of the file; the file is truncated"));
  cf_toc_unref (s->toc);
  s->toc = toc;
  return 0;
}

static UINT
open_child (CfStore *s)
{
  MMIOINFO mi = { 0 };
  MMIOINFO got;

  s->child = mmioOpen (s->physical, &mi, MMIO_READ | MMIO_DENYNONE
                       | (s->flags & MMIO_VERTBAR));
  if (s->child == NULL)
    return mi.wErrorRet ? mi.wErrorRet : MMIOERR_CANNOTOPEN;
  s->fd = -1;
  if (mmioGetInfo (s->child, &got, 0) == 0 && got.pIOProc == mmio_dos_ioproc)
    s->fd = (int) got.adwInfo[0];
  return 0;
}

static void
close_child (CfStore *s)
{
  if (s->child)
    mmioClose (s->child, 0);
  s->child = NULL;
  s->fd = -1;
}

/* Open the physical file and get its table, from the cache when the file
 * is the one cached. */
static UINT
load (CfStore *s)
{
  struct stat st;
  guint8 head[HEAD_BYTES];
  UINT err = open_child (s);

  if (err != 0)
    return err;
  if (s->fd >= 0 && fstat (s->fd, &st) == 0)
    {
      CacheEntry *c = cache_lookup (s->key, &st);
      if (c != NULL)
        {
          s->ctoc_off = c->ctoc_off;
          if (read_head (s, head) && memcmp (head, c->head, HEAD_BYTES) == 0)
            {
              cf_toc_unref (s->toc);
              s->toc = c->toc;
              s->cgrp_data = c->cgrp_data;
              s->cgrp_size = c->cgrp_size;
              s->ctoc_first = c->ctoc_first;
              s->form = c->form;
              g_free (c);
              return 0;
            }
          cache_entry_free (c);
        }
      err = load_toc (s);
      /* A file changed within the last seconds could change again within
       * the file system's timestamp granularity (and a new file reuse the
       * inode), so its stat would not tell: only settled files are cached.
       * Any later change gives a ctime after this moment. */
      if (err == 0 && st.st_ctim.tv_sec + CACHE_SETTLE_SEC
                      < g_get_real_time () / G_USEC_PER_SEC
          && read_head (s, head))
        cache_insert (s->key, &st, head, s);
      return err;
    }
  return load_toc (s);
}

UINT
cf_store_open (const char *physical, DWORD flags, CfStore **out)
{
  CfStore *s = g_new0 (CfStore, 1);
  UINT err;

  s->physical = g_strdup (physical);
  s->key = cf_physical_key (physical);
  s->flags = flags & MMIO_VERTBAR;
  s->fd = -1;
  err = load (s);
  if (err != 0)
    {
      cf_store_close (s);
      *out = NULL;
      return err;
    }
  cf_store_report_layout (s);
  *out = s;
  return 0;
}

void
cf_store_report_layout (CfStore *s)
{
  s->told_name_size = s->toc->name_size;
  s->told_ex_ent = s->toc->n_ex_ent;
}

void
cf_store_told_layout (CfStore *s, guint16 *name_size, guint16 *n_ex_ent)
{
  *name_size = s->told_name_size;
  *n_ex_ent = s->told_ex_ent;
}

void
cf_store_close (CfStore *s)
{
  if (s == NULL)
    return;
  close_child (s);
  cf_toc_unref (s->toc);
  g_free (s->physical);
  g_free (s->key);
  g_free (s);
}

CfToc *cf_store_toc (CfStore *s) { return s->toc; }
const char *cf_store_key (CfStore *s) { return s->key; }
HMMIO cf_store_child (CfStore *s) { return s->child; }
gint64 cf_store_cgrp_data (CfStore *s) { return s->cgrp_data; }
guint32 *cf_store_cursor (CfStore *s) { return &s->cursor; }

gint64
cf_store_read (CfStore *s, const CfEntry *e, gint64 pos, void *buf, gsize n)
{
  gsize done = 0;

  if (pos < 0)
    return -1;
  if (pos >= e->size)
    return 0;
  if ((guint64) pos + n > e->size)
    n = (gsize) (e->size - pos);
  if (mmioSeek (s->child, s->cgrp_data + e->offset + pos, SEEK_SET) < 0)
    return -1;
  while (done < n)
    {
      LONG r = mmioRead (s->child, (char *) buf + done, (LONG) (n - done));
      if (r < 0)
        return done > 0 ? (gint64) done : -1;
      if (r == 0)
        break;
      done += (gsize) r;
    }
  return (gint64) done;
}

/* Open the file again; on failure s keeps showing what it showed. */
static UINT
reload (CfStore *s)
{
  CfStore *n = NULL;
  UINT err = cf_store_open (s->physical, s->flags, &n);

  if (err != 0)
    return err;
  close_child (s);
  cf_toc_unref (s->toc);
  s->child = n->child;
  s->fd = n->fd;
  s->toc = n->toc;
  s->ctoc_off = n->ctoc_off;
  s->cgrp_data = n->cgrp_data;
  s->cgrp_size = n->cgrp_size;
  s->ctoc_first = n->ctoc_first;
  s->form = n->form;
  n->child = NULL;
  n->fd = -1;
  n->toc = NULL;
  cf_store_close (n);
  return 0;
}

/* Make s show the newest file: a plain file that changed on disk (another
 * handle or process committed), or any nested one, is opened again. */
UINT
cf_store_refresh (CfStore *s)
{
  struct stat now, have;

  if (s->fd >= 0 && g_stat (s->physical, &now) == 0 && fstat (s->fd, &have) == 0
      && now.st_dev == have.st_dev && now.st_ino == have.st_ino
      && now.st_size == have.st_size
      && now.st_mtim.tv_sec == have.st_mtim.tv_sec
      && now.st_mtim.tv_nsec == have.st_mtim.tv_nsec)
    return 0;
  return reload (s);
}

/* ---- writing ----------------------------------------------------------- */

typedef struct
{
  int     fd;          /* a plain temporary file, or */
  MmioSpool *spool;    /* the image of an element of another container */
  HMMIO   h;
  guint8 *buf;
  gsize   used;
  gboolean failed;
} Out;

static void
out_flush (Out *o)
{
  gsize done = 0;
  if (o->failed || o->used == 0)
    {
      o->used = 0;
      return;
    }
  if (o->spool != NULL)
    {
      if (mmio_spool_write_at (o->spool, mmio_spool_size (o->spool), o->buf,
                               o->used) != (gint64) o->used)
        o->failed = TRUE;
    }
  else
    while (done < o->used)
      {
        ssize_t n = write (o->fd, o->buf + done, o->used - done);
        if (n < 0 && errno == EINTR)
          continue;
        if (n <= 0)
          {
            o->failed = TRUE;
            break;
          }
        done += (gsize) n;
      }
  o->used = 0;
}

static void
out_write (Out *o, const void *p, gsize n)
{
  while (n > 0 && !o->failed)
    {
      gsize c = MIN (n, COPY_CHUNK - o->used);
      memcpy (o->buf + o->used, p, c);
      o->used += c;
      p = (const char *) p + c;
      n -= c;
      if (o->used == COPY_CHUNK)
        out_flush (o);
    }
}

static void
out_le32 (Out *o, guint32 v)
{
  guint8 b[4] = { v, v >> 8, v >> 16, v >> 24 };
  out_write (o, b, 4);
}

static void
out_chunk_header (Out *o, FOURCC id, guint32 size)
{
  out_le32 (o, id);
  out_le32 (o, size);
}

/* Drop what the new file will not hold (compact: deleted and unused
 * entries; always: entries whose bytes cannot be found), lay the elements
 * out in table order and fix the header. */
static UINT
finish_table (CfToc *t, GArray *src, gboolean compact, guint64 *cgrp_len)
{
  guint32 w = 0;
  guint64 off = 0;
  guint32 now = (guint32) time (NULL);

  for (guint32 i = 0; i < t->n_entries; i++)
    {
      CfEntry *e = &t->entries[i];
      CfSource *s = &g_array_index (src, CfSource, i);
      gboolean drop = FALSE;

      if (e->flags & CTOC_EF_UNUSED)
        {
          drop = compact;
          e->size = e->offset = 0;
          s->kind = CF_SRC_NONE;
        }
      else if (compact && (e->flags & CTOC_EF_DELETED))
        drop = TRUE;
      else if (e->size > 0 && s->kind == CF_SRC_NONE)
        drop = TRUE;          /* damaged: its bytes were never there */
      if (drop)
        {
          g_free (e->name);
          continue;
        }
      if (w != i)
        {
          t->entries[w] = *e;
          g_array_index (src, CfSource, w) = *s;
          memmove (t->ent_values + (gsize) w * t->n_ex_ent,
                   t->ent_values + (gsize) i * t->n_ex_ent,
                   t->n_ex_ent * sizeof (guint32));
        }
      w++;
    }
  t->n_entries = w;
  g_array_set_size (src, w);
  for (guint32 i = 0; i < w; i++)
    {
      CfEntry *e = &t->entries[i];
      e->problems = 0;
      if (e->flags & CTOC_EF_UNUSED)
        continue;
      e->offset = (guint32) off;
      off += e->size;
      if (off > G_MAXUINT32)
        return MMIOERR_INVALID_SIZE;
    }
  for (guint i = 0; i < t->n_ex_hdr; i++)
    if (t->hdr_usage[i] == CTOC_USAGE_LASTMODTIME)
      t->hdr_values[i] = now;
  t->name_size = cf_toc_needed_name_size (t);
  for (guint32 i = 0; i < w; i++)
    if (strlen (t->entries[i].name) >= t->name_size)
      return MMIOERR_INVALID_PARAMETER;     /* a name over 65534 bytes */
  if (cf_toc_entry_size (t) > 0xFFFF)
    return MMIOERR_INVALID_PARAMETER;       /* wEntrySize is 16 bits */
  t->header_flags |= CTOC_HF_SEQUENTIAL;
  t->cgrp_size = (guint32) off;
  cf_toc_rehash (t);
  *cgrp_len = off;
  return 0;
}

static UINT
copy_source (Out *o, CfStore *old, const CfEntry *e, const CfSource *s,
             guint8 *tmp)
{
  guint64 done = 0;

  switch (s->kind)
    {
    case CF_SRC_BUFFER:
      out_write (o, s->buf, e->size);
      return 0;
    case CF_SRC_NONE:
      return 0;
    case CF_SRC_SPOOL:
      while (done < e->size)
        {
          gsize c = (gsize) MIN ((guint64) COPY_CHUNK, e->size - done);
          if (mmio_spool_read_at (s->spool, (gint64) done, tmp, c) != (gint64) c)
            return MMIOERR_CANNOTREAD;
          out_write (o, tmp, c);
          done += c;
        }
      return 0;
    case CF_SRC_OLD:
      if (old == NULL || mmioSeek (old->child, old->cgrp_data + s->old_offset,
                                   SEEK_SET) < 0)
        return MMIOERR_CANNOTSEEK;
      while (done < e->size)
        {
          gsize c = (gsize) MIN ((guint64) COPY_CHUNK, e->size - done);
          LONG r = mmioRead (old->child, (char *) tmp, (LONG) c);
          if (r != (LONG) c)
            return MMIOERR_CANNOTREAD;
          out_write (o, tmp, c);
          done += c;
        }
      return 0;
    }
  return 0;
}

static UINT
write_image (Out *o, CfStore *old, CfToc *t, GArray *src, guint64 cgrp_len,
             gboolean ctoc_first, FOURCC form)
{
  GByteArray *ctoc = cf_toc_serialize (t);
  guint64 riff = 4 + 8 + (guint64) ctoc->len + (ctoc->len & 1)
                 + 8 + cgrp_len + (cgrp_len & 1);
  guint8 *tmp;
  UINT err = 0;

  if (riff > G_MAXUINT32)
    {
      g_byte_array_unref (ctoc);
      return MMIOERR_INVALID_SIZE;
    }
  tmp = g_malloc (COPY_CHUNK);
  out_chunk_header (o, FOURCC_RIFF, (guint32) riff);
  out_le32 (o, form ? form : FOURCC_BND);
  for (int part = 0; part < 2 && err == 0; part++)
    {
      gboolean is_ctoc = (part == 0) == ctoc_first;
      if (is_ctoc)
        {
          out_chunk_header (o, FOURCC_CTOC, ctoc->len);
          out_write (o, ctoc->data, ctoc->len);
          if (ctoc->len & 1)
            out_write (o, "", 1);
          continue;
        }
      out_chunk_header (o, FOURCC_CGRP, (guint32) cgrp_len);
      for (guint32 i = 0; i < t->n_entries && err == 0; i++)
        if (!(t->entries[i].flags & CTOC_EF_UNUSED))
          err = copy_source (o, old, &t->entries[i],
                             &g_array_index (src, CfSource, i), tmp);
      if (cgrp_len & 1)
        out_write (o, "", 1);
    }
  out_flush (o);
  g_free (tmp);
  g_byte_array_unref (ctoc);
  if (err == 0 && o->failed)
    err = MMIOERR_CANNOTWRITE;
  return err;
}

/* Does mmioOpen send this name to the DOS IOProc (a real file)? It does
 * unless a separator follows an extension with an installed IOProc. */
static gboolean
is_plain_path (const char *physical, DWORD flags)
{
  char sep = (flags & MMIO_VERTBAR) ? CFSEPCHAR_VERTBAR : CFSEPCHAR;
  const char *plus = strrchr (physical, sep), *p;
  char ext[5] = { 0 };
  FOURCC fcc;

  if (plus == NULL)
    return TRUE;
  for (p = plus; p > physical && p[-1] != '.' && p[-1] != '/'; p--)
    ;
  if (p == physical || p[-1] != '.' || p == plus)
    return TRUE;
  memcpy (ext, p, MIN ((gsize) (plus - p), (gsize) 4));
  fcc = mmioStringToFOURCC (ext, MMIO_TOUPPER);
  return mmioInstallIOProc (fcc, NULL, MMIO_FINDPROC) == NULL;
}

/* Write the new image to physical atomically. */
static UINT
commit_image (const char *physical, DWORD flags, CfStore *old, CfToc *t,
              GArray *src, guint64 cgrp_len, gboolean ctoc_first, FOURCC form)
{
  Out o = { .fd = -1 };
  UINT err;

  o.buf = g_malloc (COPY_CHUNK);
  if (!is_plain_path (physical, flags))
    {
      /* The image is built first and copied into the outer container's
       * element only when complete: closing that element commits it. */
      MMIOINFO mi = { 0 };
      MmioSpool *img = mmio_spool_new ();
      o.spool = img;
      err = write_image (&o, old, t, src, cgrp_len, ctoc_first, form);
      if (err == 0)
        {
          o.h = mmioOpen ((char *) physical, &mi, MMIO_CREATE | MMIO_WRITE
                          | (flags & MMIO_VERTBAR));
          if (o.h == NULL)
            err = mi.wErrorRet ? mi.wErrorRet : MMIOERR_CANNOTOPEN;
        }
      if (err == 0)
        {
          gint64 size = mmio_spool_size (img), done = 0;
          while (done < size && err == 0)
            {
              gint64 n = mmio_spool_read_at (img, done, o.buf, COPY_CHUNK);
              if (n <= 0 || mmioWrite (o.h, (const char *) o.buf, (LONG) n) != n)
                err = MMIOERR_CANNOTWRITE;
              done += n;
            }
          if (err != 0)
            mmioSendMessage (o.h, MMIOM_CF_DISCARD, 0, 0);
          {
            MMRESULT cr = mmioClose (o.h, 0);
            if (err == 0)
              err = cr;
          }
        }
      mmio_spool_free (img);
      g_free (o.buf);
      return err;
    }
  else
    {
      char *dir = g_path_get_dirname (physical);
      char *base = g_path_get_basename (physical);
      char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
      struct stat st;
      int dfd;

      o.fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0666);
      if (o.fd < 0)
        err = errno == EACCES || errno == EROFS ? MMIOERR_ACCESSDENIED
                                                : MMIOERR_CANNOTWRITE;
      else
        {
          if (g_stat (physical, &st) == 0)
            fchmod (o.fd, st.st_mode & 07777);
          else
            {
              mode_t um = umask (0);
              umask (um);
              fchmod (o.fd, 0666 & ~um);
            }
          err = write_image (&o, old, t, src, cgrp_len, ctoc_first, form);
          if (err == 0 && fsync (o.fd) != 0)
            err = MMIOERR_CANNOTWRITE;
          if (close (o.fd) != 0 && err == 0)
            err = MMIOERR_CANNOTWRITE;
          if (err == 0 && g_rename (tmpl, physical) != 0)
            err = errno == EACCES ? MMIOERR_ACCESSDENIED : MMIOERR_CANNOTWRITE;
          if (err != 0)
            g_unlink (tmpl);
          else if ((dfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
            {
              /* The rename itself must survive a power cut. */
              fsync (dfd);
              close (dfd);
            }
        }
      g_free (dir);
      g_free (base);
      g_free (tmpl);
      g_free (o.buf);
      return err;
    }
}

static GRecMutex commit_mutex;

static GArray *
sources_for (const CfToc *t)
{
  GArray *src = g_array_sized_new (FALSE, TRUE, sizeof (CfSource), t->n_entries + 8);
  g_array_set_size (src, t->n_entries);
  for (guint32 i = 0; i < t->n_entries; i++)
    {
      const CfEntry *e = &t->entries[i];
      CfSource *s = &g_array_index (src, CfSource, i);
      if ((e->flags & CTOC_EF_UNUSED) || (e->problems & MMIO_ELEMENT_DAMAGED))
        s->kind = CF_SRC_NONE;
      else
        {
          s->kind = CF_SRC_OLD;
          s->old_offset = e->offset;
        }
    }
  return src;
}

UINT
cf_store_commit (CfStore *s, CfEditFunc edit, gpointer data, gboolean compact)
{
  CfToc *t = NULL;
  GArray *src = NULL;
  guint64 cgrp_len = 0;
  UINT err;

  g_rec_mutex_lock (&commit_mutex);
  err = cf_store_refresh (s);
  if (err == 0)
    {
      t = cf_toc_copy (s->toc);
      src = sources_for (t);
      if (edit != NULL)
        err = edit (t, src, data);
    }
  if (err == 0)
    {
      if (src->len < t->n_entries)
        g_array_set_size (src, t->n_entries);
      err = finish_table (t, src, compact, &cgrp_len);
    }
  if (err == 0)
    err = commit_image (s->physical, s->flags, s, t, src, cgrp_len,
                        s->ctoc_first, s->form);
  if (err == 0)
    {
      /* Show the new file: its descriptor, and its table from disk (so
       * what the handle sees is exactly what was written). */
      err = reload (s);
    }
  g_rec_mutex_unlock (&commit_mutex);
  if (src)
    g_array_unref (src);
  cf_toc_unref (t);
  return err;
}

UINT
cf_store_create (const char *physical, CfToc *toc, gboolean ctoc_first,
                 DWORD flags)
{
  GArray *src = g_array_new (FALSE, TRUE, sizeof (CfSource));
  CfToc *t = cf_toc_copy (toc);
  guint64 cgrp_len = 0;
  UINT err;

  g_array_set_size (src, t->n_entries);
  g_rec_mutex_lock (&commit_mutex);
  err = finish_table (t, src, FALSE, &cgrp_len);
  if (err == 0)
    err = commit_image (physical, flags, NULL, t, src, cgrp_len, ctoc_first,
                        FOURCC_BND);
  g_rec_mutex_unlock (&commit_mutex);
  g_array_unref (src);
  cf_toc_unref (t);
  return err;
}

UINT
cf_store_write_to (CfStore *s, const char *dest, gboolean compact)
{
  CfToc *t;
  GArray *src;
  guint64 cgrp_len = 0;
  UINT err;

  g_rec_mutex_lock (&commit_mutex);
  err = cf_store_refresh (s);
  if (err != 0)
    {
      g_rec_mutex_unlock (&commit_mutex);
      return err;
    }
  t = cf_toc_copy (s->toc);
  src = sources_for (t);
  err = finish_table (t, src, compact, &cgrp_len);
  if (err == 0)
    err = commit_image (dest, s->flags, s, t, src, cgrp_len, s->ctoc_first,
                        s->form);
  g_rec_mutex_unlock (&commit_mutex);
  g_array_unref (src);
  cf_toc_unref (t);
  return err;
}

const char *
cf_store_physical (CfStore *s)
{
  return s->physical;
}
