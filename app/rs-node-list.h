/* rs-node-list.h — a lazy GListModel of a parent's children (or of a
 * range of them), making rows only when asked. */
#pragma once

#include <gio/gio.h>
#include "rs-tree-ref.h"

G_BEGIN_DECLS

#define RS_TYPE_NODE_LIST (rs_node_list_get_type ())
G_DECLARE_FINAL_TYPE (RsNodeList, rs_node_list, RS, NODE_LIST, GObject)

/* Children [first, first+count) of parent (MMIO_NODE_NONE: top level).
 * With grouping, more than RS_NODE_GROUP_SIZE children become groups. */
RsNodeList *rs_node_list_new (RsTreeRef *ref, MmioNodeId parent,
                              guint first, guint count, gboolean grouped);
/* The whole child list of parent, grouped when big. */
RsNodeList *rs_node_list_new_children (RsTreeRef *ref, MmioNodeId parent);
/* Position of child index `index` of this list's parent in this model, and
 * whether it sits inside a group there (then *position is the group's). */
guint       rs_node_list_locate (RsNodeList *self, guint index, gboolean *in_group);

G_END_DECLS
