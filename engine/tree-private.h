/* tree-private.h — the storage behind MmioTree (tree.c), shared with the
 * walker (walker.c) that fills it. */
#ifndef MMIO_TREE_PRIVATE_H
#define MMIO_TREE_PRIVATE_H

#include "mmio-private.h"
#include <mmio/mmio-inspect.h>

G_BEGIN_DECLS

/* One chunk; kept small (48 bytes) because a 'movi' list can hold
 * millions. The data offset is always offset + 8 (RIFF and SMF headers are
 * both 8 bytes). The clamped size equals size except for the rare
 * MMIO_NODE_CLAMPED node, whose clamped size is kept aside. */
typedef struct
{
  gint64     offset;
  gint64     size;            /* declared (64-bit after ds64) */
  FOURCC     ckid;
  FOURCC     type;
  MmioNodeId parent;
  guint32    n_children;
  guint32    child_start;     /* into MmioTree.child_index */
  guint32    first_field;     /* into MmioTree.fields */
  guint16    n_fields;
  guint16    flags;           /* MMIO_NODE_* */
  guint16    depth;
} TreeNode;

typedef struct
{
  const char *key, *label, *value, *unit;
} TreeField;

typedef struct
{
  const char      *rule;
  const char      *message;
  gint64           offset;
  MmioNodeId       node;
  MmioFindingLevel level;
  guint32          next_in_node;  /* next finding of the same node, or NONE */
} TreeFinding;

struct _MmioTree
{
  TreeNode     *nodes;          /* n_nodes used of cap_nodes */
  guint32       n_nodes;
  guint32       cap_nodes;
  GHashTable   *clamped;        /* node id -> gint64* for CLAMPED nodes */
  GArray       *fields;         /* TreeField */
  GArray       *findings;       /* TreeFinding */
  GArray       *top;            /* MmioNodeId of the top-level chunks */
  guint32      *child_index;    /* children of every node, grouped by parent */
  GStringChunk *strings;
  GHashTable   *node_findings;  /* node id -> first finding index + 1 */
  GHashTable   *rule_counts;    /* interned rule -> count (incl. suppressed) */
  FOURCC        format;
  LPMMIOPROC    format_proc;    /* describes first (NULL: generic only) */
  LPMMIOPROC    generic_proc;   /* the 'RIFF' IOProc, or NULL */
  LONG          file_size;
  LONG          max_read;
  gboolean      complete;
  guint         n_errors;       /* ERROR-level findings */
};

#define TREE_FINDINGS_PER_RULE 64   /* stored per rule; the rest counted */

MmioTree *mmio_tree_new (void);
TreeNode *mmio_tree_node (MmioTree *tree, MmioNodeId id);
/* Append a node (its id is returned); node pointers move when it grows. */
MmioNodeId mmio_tree_append_node (MmioTree *tree, const TreeNode *node);
/* The data bytes of a node inside its parent and the file. */
gint64    mmio_tree_clamped (const MmioTree *tree, MmioNodeId id);
/* Set them: the node is MMIO_NODE_CLAMPED exactly when they differ from its
 * declared size. */
void      mmio_tree_set_clamped (MmioTree *tree, MmioNodeId id, gint64 clamped);
/* Record a finding (node may be MMIO_NODE_NONE); message is copied. */
void      mmio_tree_add_finding (MmioTree *tree, MmioNodeId node, gint64 offset,
                                 MmioFindingLevel level, const char *rule,
                                 const char *message);
/* Add the "suppressed" summaries and build the child index. */
void      mmio_tree_finish (MmioTree *tree);
/* Ask the describers about node, whose first cb bytes are data, and mark
 * it described. */
void      mmio_tree_describe_bytes (MmioTree *tree, MmioNodeId node,
                                    const guint8 *data, gint64 cb);

G_END_DECLS

#endif
