/* archive.c — archives as read-only storage systems, through libarchive:
 * zip, tar (plain, .gz, .bz2, .xz), 7z, cpio, iso, and single compressed
 * files. One registration per extension FOURCC ('ZIP ', 'TAR ', 'TGZ ',
 * 'GZ  ', 'BZ2 ', 'XZ  ', 'TXZ ', 'TBZ2', '7Z  ', 'CPIO', 'ISO '), all
 * this procedure, so "sounds.zip+bells/ding.wav" picks it like any IOProc.
 *
 * The archive itself is read through mmioOpen (so an archive may sit in a
 * compound file). Opening an element decompresses it once into a spool
 * (memory up to 16 MiB or MMIO_ELEMENT_CACHE_LIMIT, an unlinked temporary
 * file beyond), which then serves reads and seeks. Element names come from
 * the archive and are hostile: they are only ever compared, never used as
 * paths; names that would escape a folder ("../x", "/etc/x") are flagged
 * MMIO_ELEMENT_UNSAFE_NAME when listed. A name without an element ("a.zip+")
 * opens the archive's raw bytes, for listing. Writing is refused. */
#include "cf-private.h"
#include "ioprocs.h"
#include "../engine/mmio-i18n.h"

#include <mmio/mmio-cf.h>
#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#define ARC_BLOCK        (64 * 1024)
#define ARC_MAX_ELEMENT  ((gint64) 1 << 32)   /* a decompression bomb stops here */
#define MAX_NAME_FINDINGS 16

typedef struct
{
  HMMIO      child;
  char      *element;     /* NULL: the archive itself */
  MmioSpool *spool;
  gint64     pos;
  FOURCC     fcc;
  guint8     block[ARC_BLOCK];   /* what the read callback hands libarchive */
  guint8     out[ARC_BLOCK];     /* what libarchive decodes into: apart, as
                                  * stored entries are copied block to out */
} ArcHandle;

static ArcHandle *
state_of (MMIOINFO *info)
{
  ArcHandle *st;
  memcpy (&st, info->adwInfo, sizeof st);
  return st;
}

static void
set_state (MMIOINFO *info, ArcHandle *st)
{
  memcpy (info->adwInfo, &st, sizeof st);
}

static const char *
format_name (FOURCC fcc)
{
  mmio_i18n_init ();
  switch (fcc)
    {
    case mmioFOURCC ('Z', 'I', 'P', ' '): return _("ZIP archive");
    case mmioFOURCC ('T', 'A', 'R', ' '): return _("tar archive");
    case mmioFOURCC ('T', 'G', 'Z', ' '): return _("gzip-compressed tar archive");
    case mmioFOURCC ('T', 'X', 'Z', ' '): return _("xz-compressed tar archive");
    case mmioFOURCC ('T', 'B', 'Z', '2'): return _("bzip2-compressed tar archive");
    case mmioFOURCC ('G', 'Z', ' ', ' '): return _("gzip-compressed file or archive");
    case mmioFOURCC ('B', 'Z', '2', ' '): return _("bzip2-compressed file or archive");
    case mmioFOURCC ('X', 'Z', ' ', ' '): return _("xz-compressed file or archive");
    case mmioFOURCC ('7', 'Z', ' ', ' '): return _("7-Zip archive");
    case mmioFOURCC ('C', 'P', 'I', 'O'): return _("cpio archive");
    case mmioFOURCC ('I', 'S', 'O', ' '): return _("ISO 9660 disc image");
    default: return _("Archive");
    }
}

static void
fourcc_ext (FOURCC fcc, char ext[5])
{
  for (int i = 0; i < 4; i++)
    ext[i] = (char) ((fcc >> (8 * i)) & 0xFF);
  ext[4] = 0;
  g_strchomp (ext);
}

/* ---- libarchive over an HMMIO ------------------------------------------- */

static la_ssize_t
arc_read_cb (struct archive *a, void *data, const void **buf)
{
  ArcHandle *st = data;
  LONG n = mmioRead (st->child, (char *) st->block, ARC_BLOCK);
  (void) a;
  *buf = st->block;
  if (n < 0)
    {
      archive_set_error (a, EIO, "read error");
      return -1;
    }
  return n;
}

static la_int64_t
arc_seek_cb (struct archive *a, void *data, la_int64_t offset, int whence)
{
  ArcHandle *st = data;
  LONG r;
  (void) a;
  /* MMIO's SEEK_END counts backwards; libarchive's is lseek's. */
  if (whence == SEEK_END)
    r = mmioSeek (st->child, -offset, SEEK_END);
  else
    r = mmioSeek (st->child, offset, whence);
  return r < 0 ? ARCHIVE_FATAL : r;
}

static la_int64_t
arc_skip_cb (struct archive *a, void *data, la_int64_t request)
{
  ArcHandle *st = data;
  LONG here = mmioSeek (st->child, 0, SEEK_CUR);
  LONG end = mmioSeek (st->child, 0, SEEK_END);
  LONG to;
  (void) a;
  if (here < 0 || end < 0)
    return 0;
  to = MIN (here + request, end);
  if (mmioSeek (st->child, to, SEEK_SET) < 0)
    return 0;
  return to - here;
}

static gboolean
single_stream (FOURCC fcc)
{
  return fcc == mmioFOURCC ('G', 'Z', ' ', ' ') || fcc == mmioFOURCC ('B', 'Z', '2', ' ')
         || fcc == mmioFOURCC ('X', 'Z', ' ', ' ');
}

static struct archive *
arc_open (ArcHandle *st, gboolean raw)
{
  struct archive *a = archive_read_new ();

  if (mmioSeek (st->child, 0, SEEK_SET) != 0)
    {
      archive_read_free (a);
      return NULL;
    }
  archive_read_support_filter_all (a);
  if (raw)
    archive_read_support_format_raw (a);
  else
    archive_read_support_format_all (a);
  archive_read_set_read_callback (a, arc_read_cb);
  archive_read_set_seek_callback (a, arc_seek_cb);
  archive_read_set_skip_callback (a, arc_skip_cb);
  archive_read_set_callback_data (a, st);
  if (archive_read_open1 (a) != ARCHIVE_OK)
    {
      archive_read_free (a);
      return NULL;
    }
  return a;
}

/* Entry names without a leading "./" (what a user types). */
static const char *
plain_name (const char *n)
{
  while (n[0] == '.' && n[1] == '/')
    n += 2;
  return n;
}

static gboolean
unsafe_name (const char *n)
{
  char **parts;
  gboolean bad = FALSE;

  if (n[0] == '/' || n[0] == '\\' || (g_ascii_isalpha (n[0]) && n[1] == ':'))
    return TRUE;
  parts = g_strsplit_set (n, "/\\", -1);
  for (char **p = parts; *p; p++)
    if (strcmp (*p, "..") == 0)
      bad = TRUE;
  g_strfreev (parts);
  return bad;
}

static const char *
entry_name (struct archive_entry *e)
{
  const char *n = archive_entry_pathname_utf8 (e);
  if (n == NULL)
    n = archive_entry_pathname (e);
  return n ? n : "";
}

/* Walk the headers of a (raw-format when asked) archive; each call of fn
 * may stop the walk by returning FALSE. Returns 0 or an error code. */
typedef gboolean (*EntryFn) (struct archive *a, struct archive_entry *e,
                             guint index, gpointer data);

static UINT
walk (ArcHandle *st, EntryFn fn, gpointer data, gboolean *damaged)
{
  gboolean raw = FALSE;

  for (;;)
    {
      struct archive *a = arc_open (st, raw);
      struct archive_entry *e;
      guint index = 0;
      int r = ARCHIVE_OK;

      if (a == NULL)
        {
          if (!raw && single_stream (st->fcc))
            {
              raw = TRUE;
              continue;
            }
          return MMIOERR_INVALIDFILE;
        }
      while ((r = archive_read_next_header (a, &e)) == ARCHIVE_OK
             || r == ARCHIVE_WARN)
        {
          if (!fn (a, e, index++, data))
            break;
        }
      archive_read_free (a);
      if (r != ARCHIVE_OK && r != ARCHIVE_WARN && r != ARCHIVE_EOF)
        {
          if (index == 0 && !raw && single_stream (st->fcc))
            {
              raw = TRUE;
              continue;
            }
          if (index == 0)
            return MMIOERR_INVALIDFILE;
          if (damaged)
            *damaged = TRUE;
        }
      return 0;
    }
}

/* ---- opening an element ------------------------------------------------- */

typedef struct
{
  ArcHandle *st;
  UINT       err;
  gboolean   found;
} FindElement;

static gboolean
find_and_spool (struct archive *a, struct archive_entry *e, guint index,
                gpointer data)
{
  FindElement *fe = data;
  ArcHandle *st = fe->st;
  mode_t type = archive_entry_filetype (e);
  gint64 done = 0;

  (void) index;
  if (strcmp (plain_name (entry_name (e)), plain_name (st->element)) != 0)
    return TRUE;
  fe->found = TRUE;
  if (type == AE_IFDIR || archive_entry_hardlink (e) != NULL
      || type == AE_IFLNK)
    {
      fe->err = MMIOERR_ACCESSDENIED;
      return FALSE;
    }
  if (archive_entry_is_encrypted (e))
    {
      fe->err = MMIOERR_ACCESSDENIED;
      return FALSE;
    }
  for (;;)
    {
      la_ssize_t n = archive_read_data (a, st->out, ARC_BLOCK);
      if (n == 0)
        break;
      if (n < 0)
        {
          fe->err = MMIOERR_CANNOTREAD;
          return FALSE;
        }
      if (done + n > ARC_MAX_ELEMENT)
        {
          fe->err = MMIOERR_INVALID_SIZE;
          return FALSE;
        }
      if (mmio_spool_write_at (st->spool, done, st->out, (gsize) n) != n)
        {
          fe->err = MMIOERR_CANNOTWRITE;
          return FALSE;
        }
      done += n;
    }
  return FALSE;
}

static void
handle_free (ArcHandle *st)
{
  if (st->child)
    mmioClose (st->child, 0);
  mmio_spool_free (st->spool);
  g_free (st->element);
  g_free (st);
}

static LRESULT
arc_open_msg (MMIOINFO *info, const char *name)
{
  char sep = (info->dwFlags & MMIO_VERTBAR) ? CFSEPCHAR_VERTBAR : CFSEPCHAR;
  char *physical = NULL, *element = NULL;
  MMIOINFO mi = { 0 };
  ArcHandle *st;
  UINT err = 0;

  if (name == NULL || *name == 0)
    return MMIOERR_INVALID_FILENAME;
  if ((info->dwFlags & (MMIO_CREATE | MMIO_APPEND))
      || (info->dwFlags & MMIO_RWMODE) != MMIO_READ)
    return MMIOERR_ACCESSDENIED;          /* archives are read-only here */
  mmio_cf_split_name (name, sep, &physical, &element);
  if (element != NULL && *element == 0)
    g_clear_pointer (&element, g_free);

  st = g_new0 (ArcHandle, 1);
  st->fcc = info->fccIOProc;
  st->element = element;
  st->child = mmioOpen (physical, &mi, MMIO_READ | MMIO_DENYNONE
                        | (info->dwFlags & MMIO_VERTBAR));
  g_free (physical);
  if (st->child == NULL)
    err = mi.wErrorRet ? mi.wErrorRet : MMIOERR_CANNOTOPEN;
  else if (element != NULL)
    {
      FindElement fe = { st, 0, FALSE };
      st->spool = mmio_spool_new ();
      err = walk (st, find_and_spool, &fe, NULL);
      if (err == 0)
        err = !fe.found ? MMIOERR_CF_ENTRY_NOT_FOUND : fe.err;
    }
  if (err != 0)
    {
      handle_free (st);
      return err;
    }
  info->lDiskOffset = 0;
  set_state (info, st);
  return 0;
}

/* ---- listing ------------------------------------------------------------ */

typedef struct
{
  MMIOELEMENTSINK *sink;
  ULONG            flags;
  GHashTable      *seen;
  guint            unsafe;
  gboolean         stopped;
} ListState;

static gboolean
list_one (struct archive *a, struct archive_entry *e, guint index,
          gpointer data)
{
  ListState *ls = data;
  const char *raw = entry_name (e);
  char *name = g_utf8_make_valid (plain_name (raw), -1);
  mode_t type = archive_entry_filetype (e);
  MMIOELEMENT el = { 0 };
  guint8 head[12];

  el.ulStructLen = sizeof el;
  el.ulIndex = index;
  el.pszName = name;
  el.lOffset = -1;
  if (archive_entry_size_is_set (e))
    el.lSize = archive_entry_size (e);
  else
    el.ulFlags |= MMIO_ELEMENT_SIZE_UNKNOWN;
  if (type == AE_IFDIR)
    el.ulFlags |= MMIO_ELEMENT_DIRECTORY;
  else if (type == AE_IFLNK || archive_entry_hardlink (e) != NULL)
    el.ulFlags |= MMIO_ELEMENT_LINK;
  if (archive_entry_is_encrypted (e))
    el.ulFlags |= MMIO_ELEMENT_ENCRYPTED;
  if (archive_filter_count (a) > 1 || archive_format (a) == ARCHIVE_FORMAT_ZIP
      || archive_format (a) == ARCHIVE_FORMAT_7ZIP)
    el.ulFlags |= MMIO_ELEMENT_COMPRESSED;
  if (unsafe_name (raw))
    {
      el.ulFlags |= MMIO_ELEMENT_UNSAFE_NAME;
      if (ls->sink->AddFinding != NULL && ls->unsafe++ < MAX_NAME_FINDINGS)
        {
          char *msg = g_strdup_printf (_("The element name “%s” points outside the archive's folder (absolute or “..”); it is never used as a path"),
                                       name);
          ls->sink->AddFinding (ls->sink, "archive-unsafe-name", msg);
          g_free (msg);
        }
    }
  if (g_hash_table_contains (ls->seen, name))
    el.ulFlags |= MMIO_ELEMENT_DUPLICATE;
  else
    g_hash_table_add (ls->seen, g_strdup (name));
  if (!(el.ulFlags & (MMIO_ELEMENT_DIRECTORY | MMIO_ELEMENT_LINK
                      | MMIO_ELEMENT_ENCRYPTED)))
    {
      /* The media type of a RIFF form is in its first 12 bytes. */
      la_ssize_t n = archive_read_data (a, head, sizeof head);
      if (n > 0)
        el.fccMedType = mmio_cf_sniff_type (head, (gsize) n);
    }
  if (!ls->sink->AddElement (ls->sink, &el))
    ls->stopped = TRUE;
  g_free (name);
  return !ls->stopped;
}

static LRESULT
arc_list (ArcHandle *st, MMIOELEMENTSINK *sink, ULONG flags)
{
  ListState ls = { sink, flags, NULL, 0, FALSE };
  gboolean damaged = FALSE;
  UINT err;

  if (st->element != NULL)
    return MMIOERR_UNSUPPORTED_MESSAGE;
  if (sink == NULL || sink->AddElement == NULL)
    return MMSYSERR_INVALPARAM;
  mmio_i18n_init ();
  ls.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  err = walk (st, list_one, &ls, &damaged);
  g_hash_table_destroy (ls.seen);
  if (err == 0 && damaged && sink->AddFinding != NULL)
    sink->AddFinding (sink, "archive-damaged",
                      _("The archive is damaged or truncated; the elements after the damage are missing"));
  return err;
}

/* ---- data ------------------------------------------------------------------ */

static LONG
data_size (ArcHandle *st)
{
  if (st->element == NULL)
    return mmioSeek (st->child, 0, SEEK_END);
  return mmio_spool_size (st->spool);
}

static LRESULT
arc_read (MMIOINFO *info, ArcHandle *st, char *buf, LONG n)
{
  gint64 got;

  if (n < 0)
    return -1;
  if (st->element == NULL)
    {
      if (mmioSeek (st->child, st->pos, SEEK_SET) != st->pos)
        return 0;
      got = mmioRead (st->child, buf, n);
    }
  else
    got = mmio_spool_read_at (st->spool, st->pos, buf, (gsize) n);
  if (got < 0)
    return -1;
  st->pos += got;
  info->lDiskOffset = st->pos;
  return got;
}

static LRESULT
arc_seek (MMIOINFO *info, ArcHandle *st, LONG offset, int origin)
{
  LONG target;

  switch (origin)
    {
    case SEEK_SET: target = offset; break;
    case SEEK_CUR: target = st->pos + offset; break;
    case SEEK_END:
      {
        LONG size = data_size (st);
        if (size < 0)
          return -1;
        target = size - offset;   /* subtractive */
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

LRESULT
mmio_archive_ioproc (LPSTR lpmmioinfo, UINT uMsg, LPARAM lParam1,
                     LPARAM lParam2)
{
  MMIOINFO *info = (MMIOINFO *) lpmmioinfo;
  ArcHandle *st = info ? state_of (info) : NULL;
  FOURCC fcc = info && info->fccIOProc ? info->fccIOProc : mmioFOURCC ('Z', 'I', 'P', ' ');

  switch (uMsg)
    {
    case MMIOM_OPEN:
      return arc_open_msg (info, (const char *) lParam1);
    case MMIOM_GETFORMATINFO:
      {
        char ext[5];
        fourcc_ext (fcc, ext);
        return mmio_ioprocs_fill_format ((MMFORMATINFO *) lParam1, fcc,
                                         MMIO_IOPROC_STORAGESYSTEM,
                                         MMIO_MEDIATYPE_COMPOUND,
                                         MMIO_CANREADUNTRANSLATED
                                         | MMIO_CANSEEKUNTRANSLATED,
                                         ext, format_name (fcc));
      }
    case MMIOM_GETFORMATNAME:
      return mmio_ioprocs_copy_name ((char *) lParam1, (LONG) lParam2,
                                     format_name (fcc));
    case MMIOM_RENAME:
      return MMIOERR_ACCESSDENIED;
    default:
      break;
    }
  if (st == NULL)
    return uMsg == MMIOM_CLOSE ? 0 : MMIOERR_UNSUPPORTED_MESSAGE;
  switch (uMsg)
    {
    case MMIOM_CLOSE:
      handle_free (st);
      set_state (info, NULL);
      return 0;
    case MMIOM_READ:
      return arc_read (info, st, (char *) lParam1, (LONG) lParam2);
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
      return -1;
    case MMIOM_SEEK:
      return arc_seek (info, st, (LONG) lParam1, (int) lParam2);
    case MMIOM_LISTELEMENTS:
      return arc_list (st, (MMIOELEMENTSINK *) lParam1, (ULONG) lParam2);
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

void
mmio_archive_register (void)
{
  static const char *const exts[] = {
    "ZIP ", "TAR ", "TGZ ", "GZ  ", "BZ2 ", "XZ  ", "TXZ ", "TBZ2", "7Z  ",
    "CPIO", "ISO ",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (exts); i++)
    mmioInstallIOProc (mmioFOURCC (exts[i][0], exts[i][1], exts[i][2], exts[i][3]),
                       mmio_archive_ioproc, MMIO_INSTALLPROC | MMIO_GLOBALPROC);
}
