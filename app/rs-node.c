/* rs-node.c — a tree row: reads its node from the shared tree on demand
 * and describes undescribed chunks the first time they are shown. */
#include "rs-node.h"

#include <glib/gi18n.h>
#include "rs-format.h"
#include "rs-node-list.h"

struct _RsNode
{
  GObject parent_instance;
  RsTreeRef *ref;
  MmioNodeId id;        /* the chunk; for a group, the parent */
  gboolean group;
  guint first;
  guint count;
};

G_DEFINE_FINAL_TYPE (RsNode, rs_node, G_TYPE_OBJECT)

static void
rs_node_finalize (GObject *object)
{
  RsNode *self = RS_NODE (object);

  g_clear_pointer (&self->ref, rs_tree_ref_unref);
  G_OBJECT_CLASS (rs_node_parent_class)->finalize (object);
}

static void
rs_node_class_init (RsNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_node_finalize;
}

static void
rs_node_init (RsNode *self)
{
}

RsNode *
rs_node_new (RsTreeRef *ref, MmioNodeId id)
{
  RsNode *self = g_object_new (RS_TYPE_NODE, NULL);

  self->ref = rs_tree_ref_ref (ref);
  self->id = id;
  return self;
}

RsNode *
rs_node_new_group (RsTreeRef *ref, MmioNodeId parent, guint first, guint count)
{
  RsNode *self = rs_node_new (ref, parent);

  self->group = TRUE;
  self->first = first;
  self->count = count;
  return self;
}

RsTreeRef *
rs_node_get_tree_ref (RsNode *self)
{
  g_return_val_if_fail (RS_IS_NODE (self), NULL);
  return self->ref;
}

MmioNodeId
rs_node_get_id (RsNode *self)
{
  g_return_val_if_fail (RS_IS_NODE (self), MMIO_NODE_NONE);
  return self->group ? MMIO_NODE_NONE : self->id;
}

gboolean
rs_node_is_group (RsNode *self)
{
  g_return_val_if_fail (RS_IS_NODE (self), FALSE);
  return self->group;
}

gboolean
rs_node_get_node (RsNode *self, MmioNode *out)
{
  g_return_val_if_fail (RS_IS_NODE (self), FALSE);
  if (self->group)
    return FALSE;
  return mmio_tree_get_node (rs_tree_ref_get_tree (self->ref), self->id, out);
}

static gint64
node_end (const MmioNode *n)
{
  return n->lDataOffset + n->lClampedSize;
}

void
rs_node_get_span (RsNode *self, gint64 *start, gint64 *end)
{
  MmioTree *tree = rs_tree_ref_get_tree (self->ref);
  MmioNode a, b;
  gint64 s = 0, e = 0;

  if (self->group)
    {
      if (self->count > 0 &&
          mmio_tree_get_node (tree, mmio_tree_child (tree, self->id, self->first), &a) &&
          mmio_tree_get_node (tree, mmio_tree_child (tree, self->id, self->first + self->count - 1), &b))
        {
          s = a.lOffset;
          e = node_end (&b);
        }
    }
  else if (mmio_tree_get_node (tree, self->id, &a))
    {
      s = a.lOffset;
      e = node_end (&a);
    }
  if (start)
    *start = s;
  if (end)
    *end = MAX (s, e);
}

GListModel *
rs_node_create_children (RsNode *self)
{
  MmioNode n;

  if (self->group)
    return G_LIST_MODEL (rs_node_list_new (self->ref, self->id, self->first, self->count, FALSE));
  if (!rs_node_get_node (self, &n) || n.ulChildren == 0)
    return NULL;
  return G_LIST_MODEL (rs_node_list_new_children (self->ref, self->id));
}

char *
rs_node_dup_name (RsNode *self)
{
  MmioNode n;

  if (self->group)
    /* Translators: a group of rows in a huge list, e.g. "Chunks 1001–2000" */
    return g_strdup_printf (_("Chunks %u–%u"), self->first + 1, self->first + self->count);
  if (!rs_node_get_node (self, &n))
    return g_strdup ("");
  return rs_format_fourcc (n.ckid);
}

char *
rs_node_dup_type (RsNode *self)
{
  MmioNode n;

  if (self->group || !rs_node_get_node (self, &n) || !(n.dwFlags & MMIO_NODE_CONTAINER))
    return g_strdup ("");
  return rs_format_fourcc (n.fccType);
}

char *
rs_node_dup_summary (RsNode *self)
{
  MmioTree *tree = rs_tree_ref_get_tree (self->ref);
  GString *s;
  MmioNode n;
  ULONG nf;

  if (self->group)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u chunk", "%u chunks", self->count),
                            self->count);
  if (!rs_node_get_node (self, &n))
    return g_strdup ("");
  if ((n.dwFlags & MMIO_NODE_CONTAINER) && (n.dwFlags & MMIO_NODE_CUT) &&
      rs_tree_ref_is_preview (self->ref))
    /* Translators: a list still being read; more chunks are coming */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u chunk so far…", "%u chunks so far…",
                                         n.ulChildren), (guint) n.ulChildren);
  if (n.dwFlags & MMIO_NODE_CONTAINER)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u chunk", "%u chunks", n.ulChildren),
                            (guint) n.ulChildren);
  rs_tree_ref_describe (self->ref, self->id);
  nf = mmio_tree_n_fields (tree, self->id);
  s = g_string_new (NULL);
  for (ULONG i = 0; i < nf && i < 3; i++)
    {
      MmioField f;
      if (!mmio_tree_get_field (tree, self->id, i, &f) || f.value == NULL)
        continue;
      if (s->len)
        g_string_append (s, ", ");
      g_string_append (s, f.value);
      if (f.unit && f.unit[0])
        g_string_append_printf (s, " %s", f.unit);
    }
  return g_string_free (s, FALSE);
}

int
rs_node_get_finding_level (RsNode *self)
{
  MmioTree *tree = rs_tree_ref_get_tree (self->ref);
  ULONG nf;
  int level = -1;
  MmioNode n;

  /* The quick first look stops early on purpose: its findings say so. */
  if (self->group || rs_tree_ref_is_preview (self->ref) ||
      !rs_node_get_node (self, &n) || !(n.dwFlags & MMIO_NODE_HAS_FINDINGS))
    return -1;
  nf = mmio_tree_node_n_findings (tree, self->id);
  for (ULONG i = 0; i < nf; i++)
    {
      MmioFinding f;
      if (mmio_tree_node_get_finding (tree, self->id, i, &f))
        level = MAX (level, (int) f.level);
    }
  return level;
}
