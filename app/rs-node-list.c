/* rs-node-list.c — children of one chunk as a list model. Nothing is
 * stored per child: get_item() makes the row object from the tree's flat
 * node array, so a 'movi' list of a million frames costs a few bytes. */
#include "rs-node-list.h"

#include "rs-node.h"

struct _RsNodeList
{
  GObject parent_instance;
  RsTreeRef *ref;
  MmioNodeId parent;
  guint first;
  guint count;
  guint group;      /* children per group, 0 when not grouped */
};

static GType
rs_node_list_get_item_type (GListModel *model)
{
  return RS_TYPE_NODE;
}

static guint
rs_node_list_get_n_items (GListModel *model)
{
  RsNodeList *self = RS_NODE_LIST (model);

  if (self->group)
    return (self->count + self->group - 1) / self->group;
  return self->count;
}

static gpointer
rs_node_list_get_item (GListModel *model, guint position)
{
  RsNodeList *self = RS_NODE_LIST (model);
  MmioTree *tree = rs_tree_ref_get_tree (self->ref);

  if (position >= rs_node_list_get_n_items (model))
    return NULL;
  if (self->group)
    {
      guint start = self->first + position * self->group;
      guint n = MIN (self->group, self->first + self->count - start);
      return rs_node_new_group (self->ref, self->parent, start, n);
    }
  return rs_node_new (self->ref, mmio_tree_child (tree, self->parent, self->first + position));
}

static void
rs_node_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rs_node_list_get_item_type;
  iface->get_n_items = rs_node_list_get_n_items;
  iface->get_item = rs_node_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (RsNodeList, rs_node_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rs_node_list_model_init))

static void
rs_node_list_finalize (GObject *object)
{
  RsNodeList *self = RS_NODE_LIST (object);

  g_clear_pointer (&self->ref, rs_tree_ref_unref);
  G_OBJECT_CLASS (rs_node_list_parent_class)->finalize (object);
}

static void
rs_node_list_class_init (RsNodeListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_node_list_finalize;
}

static void
rs_node_list_init (RsNodeList *self)
{
}

RsNodeList *
rs_node_list_new (RsTreeRef *ref, MmioNodeId parent, guint first, guint count,
                  gboolean grouped)
{
  RsNodeList *self = g_object_new (RS_TYPE_NODE_LIST, NULL);

  self->ref = rs_tree_ref_ref (ref);
  self->parent = parent;
  self->first = first;
  self->count = count;
  if (grouped && count > RS_NODE_GROUP_SIZE)
    {
      /* Keep both levels near a thousand rows: 16M children make groups
       * of 16,000 rather than 16,000 groups. */
      guint g = RS_NODE_GROUP_SIZE;
      while ((count + g - 1) / g > RS_NODE_GROUP_SIZE * 4 && g < G_MAXUINT / 10)
        g *= 10;
      self->group = g;
    }
  return self;
}

RsNodeList *
rs_node_list_new_children (RsTreeRef *ref, MmioNodeId parent)
{
  MmioTree *tree = rs_tree_ref_get_tree (ref);
  guint n = tree ? mmio_tree_n_children (tree, parent) : 0;

  return rs_node_list_new (ref, parent, 0, n, TRUE);
}

guint
rs_node_list_locate (RsNodeList *self, guint index, gboolean *in_group)
{
  g_return_val_if_fail (RS_IS_NODE_LIST (self), 0);
  if (in_group)
    *in_group = self->group != 0;
  if (index < self->first)
    return 0;
  if (self->group)
    return (index - self->first) / self->group;
  return index - self->first;
}
