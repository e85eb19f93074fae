/* rs-document.h — one opened file or element: identification, the chunk
 * tree walked in a worker, the handle the hex view reads through, and a
 * watch that reloads it when it changes on disk. No widgets here. */
#pragma once

#include <gio/gio.h>
#include <mmio/mmio-inspect.h>
#include "rs-types.h"
#include "rs-tree-ref.h"

G_BEGIN_DECLS

#define RS_TYPE_DOCUMENT (rs_document_get_type ())
G_DECLARE_FINAL_TYPE (RsDocument, rs_document, RS, DOCUMENT, GObject)

/* What the file says about itself, and which chunk says it. */
typedef struct {
  char       *label;   /* translated: "Channels" */
  char       *value;   /* "2", "0.50 s" */
  MmioNodeId  node;
} RsFact;

RsDocument   *rs_document_new           (const char *name);
/* The name as opened: a path, or "path+element". */
const char   *rs_document_get_name      (RsDocument *self);
/* The file on disk (the part before the element separator). */
const char   *rs_document_get_path      (RsDocument *self);
/* Basename, with "+element" when an element: the tab title. */
const char   *rs_document_get_title     (RsDocument *self);

void          rs_document_set_strict    (RsDocument *self, gboolean strict);
/* Starts (or restarts) the walk in a worker; "loaded" follows. */
void          rs_document_load          (RsDocument *self);
void          rs_document_cancel        (RsDocument *self);
gboolean      rs_document_get_loading   (RsDocument *self);
double        rs_document_get_progress  (RsDocument *self);
/* Messages of the loads from now on (open, walk) and of the bytes handle
 * go to trace (NULL: none). */
void          rs_document_set_trace     (RsDocument *self, RsTrace *trace);
RsTrace      *rs_document_get_trace     (RsDocument *self);
/* Reload when the file changes on disk (on by default). */
void          rs_document_set_watch     (RsDocument *self, gboolean watch);

/* The current tree, or NULL before the first rows arrive. */
RsTreeRef    *rs_document_get_tree_ref  (RsDocument *self);
MmioTree     *rs_document_get_tree      (RsDocument *self);
/* Result of the last finished walk (MMSYSERR_NOERROR, MMIOERR_INVALIDFILE,
 * MMIOERR_CANCELLED, an open error…); a sentence for it, or NULL. */
MMRESULT      rs_document_get_result    (RsDocument *self);
const char   *rs_document_get_error     (RsDocument *self);
gint64        rs_document_get_size      (RsDocument *self);

/* Identification: the claiming IOProc's MMFORMATINFO, its translated
 * name, and the storage system under it. FALSE when nobody claimed it. */
gboolean      rs_document_get_format    (RsDocument *self, MMFORMATINFO *info);
const char   *rs_document_get_format_name (RsDocument *self);
FOURCC        rs_document_get_storage   (RsDocument *self);
/* Duration, channels, rate … as the chunks say them. Array of RsFact*. */
GPtrArray    *rs_document_get_facts     (RsDocument *self);

gssize        rs_document_read          (RsDocument *self, gint64 offset,
                                         guint8 *buf, gsize len);
/* Top-level chunks as a lazy list model of RsNode. */
GListModel   *rs_document_create_root_model (RsDocument *self);

G_END_DECLS
