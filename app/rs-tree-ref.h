/* rs-tree-ref.h — a shared, reference-counted hold on one walked chunk
 * tree and the handle that reads its bytes, so rows and views made from an
 * older load stay valid while a reload replaces it. Main thread only. */
#pragma once

#include <glib.h>
#include <mmio/mmio-inspect.h>

G_BEGIN_DECLS

typedef struct _RsTreeRef RsTreeRef;

/* Takes ownership of tree and hmmio (either may be NULL). */
RsTreeRef  *rs_tree_ref_new      (MmioTree *tree, HMMIO hmmio, gboolean preview);
RsTreeRef  *rs_tree_ref_ref      (RsTreeRef *ref);
void        rs_tree_ref_unref    (RsTreeRef *ref);
MmioTree   *rs_tree_ref_get_tree (RsTreeRef *ref);
/* TRUE for the quick first look at a big file, capped in nodes. */
gboolean    rs_tree_ref_is_preview (RsTreeRef *ref);
/* Describes the node if the walk left it undescribed. */
void        rs_tree_ref_describe (RsTreeRef *ref, MmioNodeId node);
/* Reads bytes of the file; -1 on error. */
gssize      rs_tree_ref_read     (RsTreeRef *ref, gint64 offset, guint8 *buf, gsize len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsTreeRef, rs_tree_ref_unref)

G_END_DECLS
