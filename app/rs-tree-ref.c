/* rs-tree-ref.c — ownership of a walked tree and its reading handle. */
#include "rs-tree-ref.h"

struct _RsTreeRef
{
  MmioTree *tree;
  HMMIO hmmio;
  gboolean preview;
};

static void
tree_ref_clear (gpointer data)
{
  RsTreeRef *self = data;

  if (self->tree)
    mmio_tree_free (self->tree);
  if (self->hmmio)
    mmioClose (self->hmmio, 0);
}

RsTreeRef *
rs_tree_ref_new (MmioTree *tree, HMMIO hmmio, gboolean preview)
{
  RsTreeRef *self = g_rc_box_new0 (RsTreeRef);

  self->tree = tree;
  self->hmmio = hmmio;
  self->preview = preview;
  return self;
}

RsTreeRef *
rs_tree_ref_ref (RsTreeRef *ref)
{
  return g_rc_box_acquire (ref);
}

void
rs_tree_ref_unref (RsTreeRef *ref)
{
  g_rc_box_release_full (ref, tree_ref_clear);
}

MmioTree *
rs_tree_ref_get_tree (RsTreeRef *ref)
{
  return ref ? ref->tree : NULL;
}

gboolean
rs_tree_ref_is_preview (RsTreeRef *ref)
{
  return ref && ref->preview;
}

void
rs_tree_ref_describe (RsTreeRef *ref, MmioNodeId node)
{
  MmioNode n;

  if (ref == NULL || ref->tree == NULL || ref->hmmio == NULL)
    return;
  if (!mmio_tree_get_node (ref->tree, node, &n) || (n.dwFlags & MMIO_NODE_DESCRIBED))
    return;
  mmio_tree_describe (ref->tree, ref->hmmio, node);
}

gssize
rs_tree_ref_read (RsTreeRef *ref, gint64 offset, guint8 *buf, gsize len)
{
  LONG got;

  if (ref == NULL || ref->hmmio == NULL)
    return -1;
  if (mmioSeek (ref->hmmio, offset, SEEK_SET) != offset)
    return -1;
  got = mmioRead (ref->hmmio, (HPSTR) buf, (LONG) len);
  return got < 0 ? -1 : (gssize) got;
}
