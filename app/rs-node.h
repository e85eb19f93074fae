/* rs-node.h — one row of the chunk tree: a chunk of a walked tree, or a
 * group standing for a range of a huge list's children. */
#pragma once

#include <gio/gio.h>
#include "rs-types.h"
#include "rs-tree-ref.h"

G_BEGIN_DECLS

#define RS_TYPE_NODE (rs_node_get_type ())
G_DECLARE_FINAL_TYPE (RsNode, rs_node, RS, NODE, GObject)

/* Lists with more children than this show them in groups of this many. */
#define RS_NODE_GROUP_SIZE 1000

RsNode     *rs_node_new          (RsTreeRef *ref, MmioNodeId id);
RsNode     *rs_node_new_group    (RsTreeRef *ref, MmioNodeId parent,
                                  guint first, guint count);
RsTreeRef  *rs_node_get_tree_ref (RsNode *self);
MmioNodeId  rs_node_get_id       (RsNode *self);
gboolean    rs_node_is_group     (RsNode *self);
gboolean    rs_node_get_node     (RsNode *self, MmioNode *out);
/* The bytes the row stands for: chunk header to end of data, or the span
 * of a group's chunks. */
void        rs_node_get_span     (RsNode *self, gint64 *start, gint64 *end);
/* The children as a list model for GtkTreeListModel, or NULL for a leaf. */
GListModel *rs_node_create_children (RsNode *self);

char       *rs_node_dup_name     (RsNode *self);   /* "LIST", "Chunks 1–1000" */
char       *rs_node_dup_type     (RsNode *self);   /* form/list type or "" */
char       *rs_node_dup_summary  (RsNode *self);   /* short decoded text */
/* Highest finding level on the node, or -1. */
int         rs_node_get_finding_level (RsNode *self);

G_END_DECLS
