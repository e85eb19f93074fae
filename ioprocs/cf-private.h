/* cf-private.h — what the compound-file sources share: the parsed table of
 * contents (cf-ctoc.c), the compound file on disk with its cache, locks and
 * atomic commits (cf-store.c), element spools (spool.c), and the hooks
 * between the 'BND ' IOProc (cf.c) and the CF calls (cf-api.c). */
#ifndef MMIO_CF_PRIVATE_H
#define MMIO_CF_PRIVATE_H

#include <glib.h>
#include <mmio/mmio-ioproc.h>

G_BEGIN_DECLS

/* ---- spool.c: element bytes in memory up to a limit, then in an unlinked
 * temporary file ------------------------------------------------------------ */

typedef struct _MmioSpool MmioSpool;

/* The limit: MMIO_SPOOL_DEFAULT_LIMIT bytes in memory, or the value of the
 * environment variable MMIO_ELEMENT_CACHE_LIMIT (bytes) when set. */
#define MMIO_SPOOL_DEFAULT_LIMIT (16 * 1024 * 1024)
gsize      mmio_spool_limit     (void);
MmioSpool *mmio_spool_new       (void);
void       mmio_spool_free      (MmioSpool *s);
gint64     mmio_spool_size      (MmioSpool *s);
/* Both return the byte count moved, or -1 on an I/O error. Writes past the
 * end extend the spool (a gap reads as zeros). */
gint64     mmio_spool_write_at  (MmioSpool *s, gint64 pos, const void *buf, gsize n);
gint64     mmio_spool_read_at   (MmioSpool *s, gint64 pos, void *buf, gsize n);

/* ---- cf-ctoc.c: the table of contents ----------------------------------- */

typedef struct
{
  guint32 offset, size, med_type, med_usage, compress_tech, uncompress_bytes;
  guint8  flags;          /* CTOC_EF_* as stored */
  guint32 problems;       /* MMIO_ELEMENT_* found while parsing */
  char   *name;           /* NUL-terminated bytes of achName */
} CfEntry;

typedef struct
{
  char *rule;
  char *message;
} CfFinding;

typedef struct
{
  gint      ref;
  guint32   header_flags;
  guint16   name_size;            /* wNameSize as stored (we write it odd) */
  guint16   n_ex_hdr, n_ex_ent;
  guint16  *hdr_usage, *ent_usage;
  guint32  *hdr_values;
  guint32   n_entries;
  CfEntry  *entries;
  guint32  *ent_values;           /* n_entries × n_ex_ent */
  GHashTable *by_name;            /* name → index + 1, valid entries only */
  GPtrArray *findings;            /* CfFinding* */
  guint32   cgrp_size;            /* CGRP data size the entries were checked against */
} CfToc;

#define CF_HEADER_FIXED 36u
#define CF_ENTRY_FIXED  24u

/* Parse a CTOC chunk's data. Never reads outside [data, data + len).
 * Fatal problems return an MMIOERR_ code (and *out stays NULL); the rest
 * become findings and entry problem flags. cgrp_size: CGRP data size,
 * for checking where entries point. */
UINT    cf_toc_parse   (const guint8 *data, gsize len, guint32 cgrp_size,
                        CfToc **out);
CfToc  *cf_toc_new     (guint16 name_size, guint16 n_ex_hdr,
                        const guint16 *hdr_usage, guint16 n_ex_ent,
                        const guint16 *ent_usage);
CfToc  *cf_toc_ref     (CfToc *t);
void    cf_toc_unref   (CfToc *t);
CfToc  *cf_toc_copy    (const CfToc *t);   /* deep, findings dropped */
/* Valid entry by exact name, or NULL. */
CfEntry *cf_toc_lookup (const CfToc *t, const char *name);
gssize   cf_toc_index  (const CfToc *t, const char *name);
/* Append (or reuse an unused slot); returns the index. Name is copied. */
guint32  cf_toc_add    (CfToc *t, const char *name);
void     cf_toc_rehash (CfToc *t);
void     cf_toc_add_finding (CfToc *t, const char *rule, const char *fmt, ...)
                            G_GNUC_PRINTF (3, 4);
/* Smallest odd wNameSize that holds every name (at least the current). */
guint16  cf_toc_needed_name_size (const CfToc *t);
/* Sizes of the serialised header and entries. */
guint32  cf_toc_header_size (const CfToc *t);
guint32  cf_toc_entry_size  (const CfToc *t);
/* The CTOC chunk data as written (entry offsets as they are in t). */
GByteArray *cf_toc_serialize (const CfToc *t);
/* Fill MMCFINFO + header image (as in mmio-cf.h) into buf, up to len
 * bytes; returns the full image size. */
gsize    cf_toc_header_image (const CfToc *t, guint8 *buf, gsize len);
/* Entry image (mmio-cf.h layout) of entry i into buf, laid out for the
 * given name size and extra-field count (those the caller was told):
 * longer names are cut, missing fields are 0. */
void     cf_toc_entry_image  (const CfToc *t, guint32 i, guint8 *buf,
                              guint16 name_size, guint16 n_ex_ent);
/* Counters for the header (entries deleted/unused, bytes total/deleted). */
void     cf_toc_counts (const CfToc *t, guint32 *deleted, guint32 *unused,
                        guint32 *bytes_total, guint32 *bytes_deleted);

/* ---- cf-store.c: a compound file on disk -------------------------------- */

typedef struct _CfStore CfStore;

/* What a commit writes for one entry of the new table. */
typedef enum { CF_SRC_NONE, CF_SRC_OLD, CF_SRC_SPOOL, CF_SRC_BUFFER } CfSrcKind;
typedef struct
{
  CfSrcKind   kind;
  guint32     old_offset;    /* CF_SRC_OLD: offset in the old CGRP data */
  MmioSpool  *spool;         /* CF_SRC_SPOOL */
  const void *buf;           /* CF_SRC_BUFFER */
} CfSource;

/* An edit: change toc (a private copy of the newest table). sources holds
 * one CfSource per entry (CF_SRC_OLD: the bytes stay where they were); the
 * edit sets the source of every entry it adds or whose bytes it changes,
 * growing the array (new slots are CF_SRC_NONE, cleared) with
 * cf_sources_at(). Returns 0 or an MMIOERR_ code. */
typedef UINT (*CfEditFunc) (CfToc *toc, GArray *sources, gpointer data);

/* Private message: an element handle of the compound-file IOProc open for
 * writing forgets its bytes and does not commit on close. */
#define MMIOM_CF_DISCARD 0x0EF0

static inline CfSource *
cf_sources_at (GArray *sources, guint32 i)
{
  if (sources->len <= i)
    g_array_set_size (sources, i + 1);
  return &g_array_index (sources, CfSource, i);
}

UINT     cf_store_open   (const char *physical, DWORD flags, CfStore **out);
UINT     cf_store_refresh (CfStore *s);
const char *cf_store_physical (CfStore *s);
guint32 *cf_store_cursor (CfStore *s);
/* The entry layout (usNameSize, usExEntFields) the CF caller was last told
 * (by mmioCFOpen, mmioCFGetInfo, mmioCFSetInfo): entry images are read and
 * written in it, so a table widened by another handle never overruns the
 * caller's buffer. _report makes the current layout the told one. */
void     cf_store_report_layout (CfStore *s);
void     cf_store_told_layout   (CfStore *s, guint16 *name_size, guint16 *n_ex_ent);
void     cf_store_close  (CfStore *s);
CfToc   *cf_store_toc    (CfStore *s);        /* borrowed */
const char *cf_store_key (CfStore *s);
HMMIO    cf_store_child  (CfStore *s);
gint64   cf_store_cgrp_data (CfStore *s);
/* Read element bytes [pos, pos + n) of entry e (clamped to the element). */
gint64   cf_store_read   (CfStore *s, const CfEntry *e, gint64 pos, void *buf,
                          gsize n);
/* Apply edit to the newest table and commit atomically; afterwards s shows
 * the new file. compact: drop deleted and unused entries. */
UINT     cf_store_commit (CfStore *s, CfEditFunc edit, gpointer data,
                          gboolean compact);
/* Write a new compound file with an empty table at physical, atomically. */
UINT     cf_store_create (const char *physical, CfToc *toc, gboolean ctoc_first,
                          DWORD flags);
/* Write s's file to another name (compact or as is). */
UINT     cf_store_write_to (CfStore *s, const char *dest, gboolean compact);
/* In-process element locks: TRUE when taken. A writer excludes everyone
 * who comes later; readers exclude writers only while they are opening. */
gboolean cf_lock_element   (const char *key, const char *element, gboolean write);
void     cf_unlock_element (const char *key, const char *element, gboolean write);
gboolean cf_key_has_writers (const char *key);
gboolean cf_element_has_writer (const char *key, const char *element);
char    *cf_physical_key   (const char *physical);

/* ---- cf.c ---------------------------------------------------------------- */

LRESULT  mmio_cf_ioproc (LPSTR, UINT, LPARAM, LPARAM);

/* The edit that adds or replaces one element's bytes (spool or buffer). */
typedef struct
{
  const char *name;
  const char *new_name;    /* renames */
  MmioSpool  *spool;
  const void *buf;
  gint64      size;
  FOURCC      med_type;    /* 0: keep the entry's */
  gboolean    may_replace;
  gboolean    must_exist;
} PutElement;
UINT     mmio_cf_edit_put (CfToc *t, GArray *sources, gpointer data);
/* Set the LASTMODTIME extra fields of entry i to now. */
void     mmio_cf_touch_entry (CfToc *t, guint32 i);

/* ---- cf.c (more) ---------------------------------------------------------------- */

/* The store behind an HMMIO opened by the compound-file IOProc on the
 * container itself, or NULL. Sets *info_out to the handle's live MMIOINFO. */
CfStore *mmio_cf_store_of (HMMIO hmmio, MMIOINFO **info_out);
/* Split a compound name at its last separator: physical part and element
 * (NULL when there is no separator; "" when the name ends with it). */
void     mmio_cf_split_name (const char *name, char sep, char **physical,
                             char **element);
/* Media type of element bytes: the form type of a RIFF form, else 0. */
FOURCC   mmio_cf_sniff_type (const void *head, gsize len);

G_END_DECLS

#endif
