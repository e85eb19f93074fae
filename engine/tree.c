/* tree.c — MmioTree: the compact node array the walker fills, the decoded
 * fields and findings hung off it, and every read-only query on it
 * (children by index, lookup by file offset).
 *
 * Nodes are plain structs in one array, in file order; the children of a
 * node are found through one index array built when the walk finishes, so
 * a list of a million chunks costs a few bytes per chunk and its n-th child
 * is one lookup. Strings (field text, finding messages) live in one string
 * chunk and stay put for the tree's lifetime. */
#include "tree-private.h"
#include "mmio-i18n.h"

#include <string.h>

MmioTree *
mmio_tree_new (void)
{
  MmioTree *t = g_new0 (MmioTree, 1);
  t->clamped = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                      g_free);
  t->fields = g_array_new (FALSE, FALSE, sizeof (TreeField));
  t->findings = g_array_new (FALSE, FALSE, sizeof (TreeFinding));
  t->top = g_array_new (FALSE, FALSE, sizeof (MmioNodeId));
  t->strings = g_string_chunk_new (4096);
  t->node_findings = g_hash_table_new (g_direct_hash, g_direct_equal);
  t->rule_counts = g_hash_table_new (g_direct_hash, g_direct_equal);
  t->complete = TRUE;
  return t;
}

void
mmio_tree_free (MmioTree *tree)
{
  if (tree == NULL)
    return;
  g_free (tree->nodes);
  g_hash_table_destroy (tree->clamped);
  g_array_free (tree->fields, TRUE);
  g_array_free (tree->findings, TRUE);
  g_array_free (tree->top, TRUE);
  g_free (tree->child_index);
  g_string_chunk_free (tree->strings);
  g_hash_table_destroy (tree->node_findings);
  g_hash_table_destroy (tree->rule_counts);
  g_free (tree);
}

TreeNode *
mmio_tree_node (MmioTree *tree, MmioNodeId id)
{
  if (tree == NULL || id >= tree->n_nodes)
    return NULL;
  return &tree->nodes[id];
}

MmioNodeId
mmio_tree_append_node (MmioTree *tree, const TreeNode *node)
{
  if (tree->n_nodes == tree->cap_nodes)
    {
      /* Grow by half: a million nodes never sit in a doubled array. */
      guint32 cap = tree->cap_nodes < 1024 ? 1024
                    : tree->cap_nodes + tree->cap_nodes / 2;
      tree->nodes = g_renew (TreeNode, tree->nodes, cap);
      tree->cap_nodes = cap;
    }
  tree->nodes[tree->n_nodes] = *node;
  return tree->n_nodes++;
}

gint64
mmio_tree_clamped (const MmioTree *tree, MmioNodeId id)
{
  const TreeNode *nd = mmio_tree_node ((MmioTree *) tree, id);
  const gint64 *v;
  if (nd == NULL)
    return 0;
  if (!(nd->flags & MMIO_NODE_CLAMPED))
    return nd->size;
  v = g_hash_table_lookup (tree->clamped, GUINT_TO_POINTER (id));
  return v ? *v : nd->size;
}

void
mmio_tree_set_clamped (MmioTree *tree, MmioNodeId id, gint64 clamped)
{
  TreeNode *nd = mmio_tree_node (tree, id);
  if (nd == NULL)
    return;
  if (clamped == nd->size)
    {
      if (nd->flags & MMIO_NODE_CLAMPED)
        g_hash_table_remove (tree->clamped, GUINT_TO_POINTER (id));
      nd->flags &= ~MMIO_NODE_CLAMPED;
      return;
    }
  nd->flags |= MMIO_NODE_CLAMPED;
  g_hash_table_insert (tree->clamped, GUINT_TO_POINTER (id),
                       g_memdup2 (&clamped, sizeof clamped));
}

static const TreeNode *
cnode (const MmioTree *tree, MmioNodeId id)
{
  return mmio_tree_node ((MmioTree *) tree, id);
}

void
mmio_tree_add_finding (MmioTree *tree, MmioNodeId node, gint64 offset,
                       MmioFindingLevel level, const char *rule,
                       const char *message)
{
  const char *irule;
  guint count;
  TreeFinding f;
  guint32 index;

  irule = g_string_chunk_insert_const (tree->strings, rule ? rule : "ioproc");
  count = GPOINTER_TO_UINT (g_hash_table_lookup (tree->rule_counts, irule)) + 1;
  g_hash_table_insert (tree->rule_counts, (gpointer) irule,
                       GUINT_TO_POINTER (count));
  if (level == MMIO_FINDING_ERROR)
    tree->n_errors++;
  /* A file of a hundred thousand broken chunks says so once per rule, not
   * a hundred thousand times: the summary is added by mmio_tree_finish. */
  if (count > TREE_FINDINGS_PER_RULE)
    return;

  f.rule = irule;
  f.message = g_string_chunk_insert (tree->strings, message ? message : "");
  f.offset = offset;
  f.node = node < tree->n_nodes ? node : MMIO_NODE_NONE;
  f.level = level;
  f.next_in_node = MMIO_NODE_NONE;
  index = tree->findings->len;
  g_array_append_val (tree->findings, f);

  if (f.node != MMIO_NODE_NONE)
    {
      gpointer first = g_hash_table_lookup (tree->node_findings,
                                            GUINT_TO_POINTER (f.node));
      mmio_tree_node (tree, f.node)->flags |= MMIO_NODE_HAS_FINDINGS;
      if (first == NULL)
        g_hash_table_insert (tree->node_findings, GUINT_TO_POINTER (f.node),
                             GUINT_TO_POINTER (index + 1));
      else
        {
          guint32 i = GPOINTER_TO_UINT (first) - 1;
          TreeFinding *p;
          for (;;)
            {
              p = &g_array_index (tree->findings, TreeFinding, i);
              if (p->next_in_node == MMIO_NODE_NONE)
                break;
              i = p->next_in_node;
            }
          p->next_in_node = index;
        }
    }
}

static gint
compare_rules (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

void
mmio_tree_finish (MmioTree *tree)
{
  guint n = tree->n_nodes;
  guint32 *cursor;
  guint32 start = 0;
  GList *rules;
  GPtrArray *sorted = g_ptr_array_new ();

  /* Suppression summaries, in a stable order. */
  rules = g_hash_table_get_keys (tree->rule_counts);
  for (GList *l = rules; l != NULL; l = l->next)
    g_ptr_array_add (sorted, l->data);
  g_list_free (rules);
  g_ptr_array_sort (sorted, compare_rules);
  for (guint i = 0; i < sorted->len; i++)
    {
      const char *rule = g_ptr_array_index (sorted, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (tree->rule_counts,
                                                           rule));
      if (count > TREE_FINDINGS_PER_RULE)
        {
          char *msg = g_strdup_printf (
              g_dngettext (GETTEXT_PACKAGE,
                           "%u more finding of rule “%s” is not listed.",
                           "%u more findings of rule “%s” are not listed.",
                           count - TREE_FINDINGS_PER_RULE),
              count - TREE_FINDINGS_PER_RULE, rule);
          mmio_tree_add_finding (tree, MMIO_NODE_NONE, 0, MMIO_FINDING_INFO,
                                 MMIO_RULE_SUPPRESSED, msg);
          g_free (msg);
        }
    }
  g_ptr_array_free (sorted, TRUE);

  /* Children grouped by parent, in file order: a counting sort on the
   * parent id, which keeps siblings in the order the walk met them. */
  g_free (tree->child_index);
  tree->child_index = g_new (guint32, MAX (n, 1));
  cursor = g_new0 (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      TreeNode *nd = &tree->nodes[i];
      nd->child_start = start;
      start += nd->n_children;
    }
  for (guint i = 0; i < n; i++)
    {
      TreeNode *nd = &tree->nodes[i];
      if (nd->parent != MMIO_NODE_NONE)
        {
          TreeNode *p = &tree->nodes[nd->parent];
          tree->child_index[p->child_start + cursor[nd->parent]++] = i;
        }
    }
  g_free (cursor);
  /* The walk is over: give back what the array grew beyond. */
  if (tree->n_nodes > 0 && tree->n_nodes < tree->cap_nodes)
    {
      tree->nodes = g_renew (TreeNode, tree->nodes, tree->n_nodes);
      tree->cap_nodes = tree->n_nodes;
    }
}

/* ---- Describing --------------------------------------------------------- */

typedef struct
{
  MMIOFIELDSINK sink;           /* first: the IOProc sees only this */
  MmioTree     *tree;
  MmioNodeId    node;
} TreeSink;

static const char *
keep_utf8 (MmioTree *tree, const char *s)
{
  const char *r;
  if (s == NULL)
    return NULL;
  if (g_utf8_validate (s, -1, NULL))
    return g_string_chunk_insert_const (tree->strings, s);
  {
    char *v = g_utf8_make_valid (s, -1);
    r = g_string_chunk_insert_const (tree->strings, v);
    g_free (v);
  }
  return r;
}

static void
sink_add_field (MMIOFIELDSINK *sink, const char *key, const char *label,
                const char *value, const char *unit)
{
  TreeSink *ts = (TreeSink *) sink;
  TreeNode *nd = mmio_tree_node (ts->tree, ts->node);
  TreeField f;
  char *v = NULL;

  if (nd == NULL || key == NULL || nd->n_fields == G_MAXUINT16)
    return;
  if (nd->n_fields == 0)
    nd->first_field = ts->tree->fields->len;
  else if (nd->first_field + nd->n_fields != ts->tree->fields->len)
    return;                     /* only while this node is being described */
  f.key = keep_utf8 (ts->tree, key);
  f.label = keep_utf8 (ts->tree, label ? label : key);
  /* Values can be long (a coding history): stored once, not interned. */
  if (value == NULL)
    value = "";
  if (!g_utf8_validate (value, -1, NULL))
    value = v = g_utf8_make_valid (value, -1);
  f.value = g_string_chunk_insert (ts->tree->strings, value);
  g_free (v);
  f.unit = keep_utf8 (ts->tree, unit);
  g_array_append_val (ts->tree->fields, f);
  nd->n_fields++;
}

static void
sink_add_finding (MMIOFIELDSINK *sink, const char *rule, const char *message)
{
  TreeSink *ts = (TreeSink *) sink;
  TreeNode *nd = mmio_tree_node (ts->tree, ts->node);
  char *m = NULL;

  if (nd == NULL)
    return;
  if (message != NULL && !g_utf8_validate (message, -1, NULL))
    message = m = g_utf8_make_valid (message, -1);
  mmio_tree_add_finding (ts->tree, ts->node, nd->offset, MMIO_FINDING_WARNING,
                         rule, message);
  g_free (m);
}

/* Messages to an IOProc outside any handle still pass the dispatch point. */
static LRESULT
send_to_proc (LPMMIOPROC proc, FOURCC fcc, UINT msg, LPARAM p1, LPARAM p2)
{
  MmioHandle tmp;
  memset (&tmp, 0, sizeof tmp);
  tmp.info.fccIOProc = fcc;
  tmp.info.pIOProc = proc;
  return mmio_send (&tmp, msg, p1, p2);
}

void
mmio_tree_describe_bytes (MmioTree *tree, MmioNodeId node, const guint8 *data,
                          gint64 cb)
{
  TreeNode *nd = mmio_tree_node (tree, node);
  MMIOCHUNKDESC d;
  TreeSink ts;
  LRESULT r = MMIOERR_UNSUPPORTED_MESSAGE;

  if (nd == NULL || (nd->flags & MMIO_NODE_DESCRIBED))
    return;
  nd->flags |= MMIO_NODE_DESCRIBED;

  memset (&d, 0, sizeof d);
  d.ulStructLen = sizeof d;
  d.ckid = nd->ckid;
  d.fccType = nd->type;
  d.lOffset = nd->offset;
  d.lSize = nd->size;
  d.pData = data;
  d.cbData = data ? cb : 0;
  if (nd->parent != MMIO_NODE_NONE)
    {
      const TreeNode *p = cnode (tree, nd->parent);
      const TreeNode *top = p;
      d.fccParent = p->type ? p->type : p->ckid;
      while (top->parent != MMIO_NODE_NONE)
        top = cnode (tree, top->parent);
      d.fccForm = top->type;
    }

  ts.sink.AddField = sink_add_field;
  ts.sink.AddFinding = sink_add_finding;
  ts.sink.pUser = NULL;
  ts.tree = tree;
  ts.node = node;
  if (tree->format_proc != NULL)
    r = send_to_proc (tree->format_proc, tree->format, MMIOM_DESCRIBECHUNK,
                      (LPARAM) &d, (LPARAM) &ts.sink);
  if (r != MMIO_SUCCESS && tree->generic_proc != NULL
      && tree->generic_proc != tree->format_proc)
    send_to_proc (tree->generic_proc, FOURCC_RIFF, MMIOM_DESCRIBECHUNK,
                  (LPARAM) &d, (LPARAM) &ts.sink);
}

/* ---- Queries ------------------------------------------------------------ */

FOURCC
mmio_tree_format (const MmioTree *tree)
{
  return tree ? tree->format : 0;
}

LONG
mmio_tree_file_size (const MmioTree *tree)
{
  return tree ? tree->file_size : 0;
}

BOOL
mmio_tree_is_complete (const MmioTree *tree)
{
  return tree ? tree->complete : FALSE;
}

ULONG
mmio_tree_n_nodes (const MmioTree *tree)
{
  return tree ? tree->n_nodes : 0;
}

BOOL
mmio_tree_get_node (const MmioTree *tree, MmioNodeId id, MmioNode *node)
{
  const TreeNode *nd = cnode (tree, id);
  if (nd == NULL || node == NULL)
    return FALSE;
  node->ckid = nd->ckid;
  node->fccType = nd->type;
  node->lOffset = nd->offset;
  node->lDataOffset = nd->offset + 8;
  node->lSize = nd->size;
  node->lClampedSize = mmio_tree_clamped (tree, id);
  node->parent = nd->parent;
  node->ulChildren = nd->n_children;
  node->ulDepth = nd->depth;
  node->dwFlags = nd->flags;
  return TRUE;
}

ULONG
mmio_tree_n_children (const MmioTree *tree, MmioNodeId parent)
{
  const TreeNode *nd;
  if (tree == NULL)
    return 0;
  if (parent == MMIO_NODE_NONE)
    return tree->top->len;
  nd = cnode (tree, parent);
  return nd ? nd->n_children : 0;
}

MmioNodeId
mmio_tree_child (const MmioTree *tree, MmioNodeId parent, ULONG index)
{
  const TreeNode *nd;
  if (tree == NULL)
    return MMIO_NODE_NONE;
  if (parent == MMIO_NODE_NONE)
    return index < tree->top->len
           ? g_array_index (tree->top, MmioNodeId, index) : MMIO_NODE_NONE;
  nd = cnode (tree, parent);
  if (nd == NULL || index >= nd->n_children || tree->child_index == NULL)
    return MMIO_NODE_NONE;
  return tree->child_index[nd->child_start + index];
}

/* The bytes a node owns: header, data inside the file, and its pad byte. */
static gint64
node_end (const MmioTree *tree, MmioNodeId id)
{
  const TreeNode *nd = &tree->nodes[id];
  gint64 end;

  if (nd->flags & MMIO_NODE_CLAMPED)
    return nd->offset + 8 + mmio_tree_clamped (tree, id);
  end = nd->offset + 8 + nd->size;
  if ((nd->size & 1)
      && !(nd->flags & (MMIO_NODE_MISSING_PAD | MMIO_NODE_BIG_ENDIAN)))
    end++;
  return end;
}

MmioNodeId
mmio_tree_node_at_offset (const MmioTree *tree, LONG lOffset)
{
  MmioNodeId parent = MMIO_NODE_NONE, found = MMIO_NODE_NONE;

  if (tree == NULL || lOffset < 0)
    return MMIO_NODE_NONE;
  for (;;)
    {
      ULONG n = mmio_tree_n_children (tree, parent);
      ULONG lo = 0, hi = n;
      MmioNodeId c;

      /* Last child starting at or before lOffset: children are sorted. */
      while (lo < hi)
        {
          ULONG mid = lo + (hi - lo) / 2;
          const TreeNode *m = cnode (tree, mmio_tree_child (tree, parent, mid));
          if (m->offset <= lOffset)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo == 0)
        return found;
      c = mmio_tree_child (tree, parent, lo - 1);
      if (lOffset >= node_end (tree, c))
        return found;
      found = c;
      parent = c;
    }
}

ULONG
mmio_tree_n_fields (const MmioTree *tree, MmioNodeId node)
{
  const TreeNode *nd = cnode (tree, node);
  return nd ? nd->n_fields : 0;
}

BOOL
mmio_tree_get_field (const MmioTree *tree, MmioNodeId node, ULONG index,
                     MmioField *field)
{
  const TreeNode *nd = cnode (tree, node);
  const TreeField *f;
  if (nd == NULL || field == NULL || index >= nd->n_fields)
    return FALSE;
  f = &g_array_index (tree->fields, TreeField, nd->first_field + index);
  field->key = f->key;
  field->label = f->label;
  field->value = f->value;
  field->unit = f->unit;
  return TRUE;
}

const char *
mmio_tree_field_value (const MmioTree *tree, MmioNodeId node, const char *key)
{
  const TreeNode *nd = cnode (tree, node);
  if (nd == NULL || key == NULL)
    return NULL;
  for (guint i = 0; i < nd->n_fields; i++)
    {
      const TreeField *f = &g_array_index (tree->fields, TreeField,
                                           nd->first_field + i);
      if (strcmp (f->key, key) == 0)
        return f->value;
    }
  return NULL;
}

ULONG
mmio_tree_n_findings (const MmioTree *tree)
{
  return tree ? tree->findings->len : 0;
}

static void
copy_finding (const TreeFinding *f, MmioFinding *out)
{
  out->rule = f->rule;
  out->message = f->message;
  out->lOffset = f->offset;
  out->node = f->node;
  out->level = f->level;
}

BOOL
mmio_tree_get_finding (const MmioTree *tree, ULONG index, MmioFinding *finding)
{
  if (tree == NULL || finding == NULL || index >= tree->findings->len)
    return FALSE;
  copy_finding (&g_array_index (tree->findings, TreeFinding, index), finding);
  return TRUE;
}

static guint32
first_of_node (const MmioTree *tree, MmioNodeId node)
{
  gpointer p = g_hash_table_lookup (tree->node_findings,
                                    GUINT_TO_POINTER (node));
  return p ? GPOINTER_TO_UINT (p) - 1 : MMIO_NODE_NONE;
}

ULONG
mmio_tree_node_n_findings (const MmioTree *tree, MmioNodeId node)
{
  ULONG n = 0;
  if (tree == NULL)
    return 0;
  for (guint32 i = first_of_node (tree, node); i != MMIO_NODE_NONE;
       i = g_array_index (tree->findings, TreeFinding, i).next_in_node)
    n++;
  return n;
}

BOOL
mmio_tree_node_get_finding (const MmioTree *tree, MmioNodeId node,
                            ULONG index, MmioFinding *finding)
{
  if (tree == NULL || finding == NULL)
    return FALSE;
  for (guint32 i = first_of_node (tree, node); i != MMIO_NODE_NONE;
       i = g_array_index (tree->findings, TreeFinding, i).next_in_node)
    if (index-- == 0)
      {
        copy_finding (&g_array_index (tree->findings, TreeFinding, i), finding);
        return TRUE;
      }
  return FALSE;
}

ULONG
mmio_tree_count_rule (const MmioTree *tree, const char *rule)
{
  GHashTableIter it;
  gpointer k, v;
  if (tree == NULL || rule == NULL)
    return 0;
  g_hash_table_iter_init (&it, tree->rule_counts);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (strcmp (k, rule) == 0)
      return GPOINTER_TO_UINT (v);
  return 0;
}
