/* walker.c — mmio_tree_walk: reads a file's chunk headers into an MmioTree
 * and records every RIFF rule the file breaks (reference section 7).
 *
 * The walk is iterative (an explicit stack capped at ulMaxDepth), reads one
 * header per chunk and skips payloads; it moves forward by at least 8 bytes
 * per chunk, so no input can make it loop. Sizes are hostile: a chunk is
 * clamped to its parent and to the end of the file and the walk goes on
 * from there, saying so in a finding. Payload bytes are read only to
 * describe a chunk (capped at lMaxRead) and for the few rules that need
 * values: 'fmt '/'fact' (the fact check), 'ds64' (RF64 sizes), 'MThd'
 * (track count). */
#include "tree-private.h"
#include "registry-private.h"
#include "mmio-i18n.h"

#include <inttypes.h>
#include <string.h>

#define FCC(a, b, c, d) mmioFOURCC (a, b, c, d)
#define FCC_RF64 FCC ('R', 'F', '6', '4')
#define FCC_BW64 FCC ('B', 'W', '6', '4')
#define FCC_DS64 FCC ('d', 's', '6', '4')
#define FCC_WAVE FCC ('W', 'A', 'V', 'E')
#define FCC_FMT  FCC ('f', 'm', 't', ' ')
#define FCC_DATA FCC ('d', 'a', 't', 'a')
#define FCC_FACT FCC ('f', 'a', 'c', 't')
#define FCC_RMID FCC ('R', 'M', 'I', 'D')
#define FCC_MTHD FCC ('M', 'T', 'h', 'd')
#define FCC_MTRK FCC ('M', 'T', 'r', 'k')
#define FCC_AVI  FCC ('A', 'V', 'I', ' ')
#define FCC_AVIX FCC ('A', 'V', 'I', 'X')

#define DEFAULT_MAX_READ      (64 * 1024)
#define LIMIT_MAX_READ        (64 * 1024 * 1024)
#define DEFAULT_PER_PARENT    256
#define DEFAULT_MAX_DEPTH     64
#define LIMIT_MAX_DEPTH       1024
#define DEFAULT_MAX_NODES     (16u * 1024 * 1024)
#define PROGRESS_EVERY        4096
#define DS64_TABLE_MAX        64

typedef struct
{
  MmioNodeId node;          /* the container; NONE for the top level */
  gint64     pos;           /* next child header */
  gint64     end;           /* clamped end of the children */
  gint64     declared_end;  /* end the container declares */
  guint      depth;         /* depth of the children */
  gboolean   smf;           /* children are big-endian SMF chunks */
  gboolean   is_form;       /* children of a top-level RIFF/RF64/BW64 form */
  FOURCC     form;
  guint      described;     /* leaves described so far */
  guint      n_children;
  gint       smf_declared;  /* MThd track count, −1 unknown */
  guint      smf_seen;
  MmioNodeId smf_header;
  GByteArray *kids;         /* children's FOURCCs, for describing the
                             * container (capped at max_read bytes) */
} Frame;

typedef struct
{
  MmioNodeId fmt, data, fact;
  gboolean   fmt_known, fact_known;
  guint16    tag, block_align, samples_per_block;
  guint32    fact_samples;
} WaveState;

typedef struct
{
  gboolean   seen;
  gboolean   said_missing;  /* a finding already says it is not first */
  guint64    riff_size, data_size;
  guint      n_table;
  FOURCC     table_id[DS64_TABLE_MAX];
  guint64    table_size[DS64_TABLE_MAX];
} Ds64State;

typedef struct
{
  HMMIO        hmmio;
  MmioHandle  *h;           /* its record, for reads the buffer can serve */
  MmioTree    *tree;
  DWORD        flags;
  gint64       max_read;
  guint        per_parent;
  guint        max_depth;
  guint        max_nodes;
  MmioTreeProgress progress;
  void        *user;
  gint64       file_size;
  gboolean     size_unknown;
  GArray      *stack;       /* Frame */
  guint8      *buf;         /* max_read bytes */
  MMRESULT     error;       /* I/O error or cancellation */
  gboolean     stop;
  guint        forms_seen;
  FOURCC       first_form;
  gboolean     saw_form_or_smf;
  MmioNodeId   form_node;   /* current top-level form */
  gboolean     rf64;
  WaveState    wave;
  Ds64State    ds64;
} Walk;

static inline guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16)
         | ((guint32) p[3] << 24);
}

static inline guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8)
         | (guint32) p[3];
}

static inline guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static inline guint64
le64 (const guint8 *p)
{
  return (guint64) le32 (p) | ((guint64) le32 (p + 4) << 32);
}

static void
fourcc_text (FOURCC f, char s[5])
{
  for (int i = 0; i < 4; i++)
    {
      guint8 c = (guint8) (f >> (8 * i));
      s[i] = (c >= 0x20 && c < 0x7F) ? (char) c : '?';
    }
  s[4] = 0;
}

static gboolean
fourcc_printable (FOURCC f)
{
  for (int i = 0; i < 4; i++)
    {
      guint8 c = (guint8) (f >> (8 * i));
      if (c < 0x20 || c >= 0x7F)
        return FALSE;
    }
  return TRUE;
}

static void G_GNUC_PRINTF (6, 7)
finding (Walk *w, MmioNodeId node, gint64 offset, MmioFindingLevel level,
         const char *rule, const char *fmt, ...)
{
  va_list ap;
  char *msg;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  mmio_tree_add_finding (w->tree, node, offset, level, rule, msg);
  g_free (msg);
  if (level == MMIO_FINDING_ERROR && (w->flags & MMIO_TREE_STRICT))
    w->stop = TRUE;
}

/* Bytes read at pos (short at the end of the file), or −1 with w->error. */
static gint64
read_at (Walk *w, gint64 pos, guint8 *buf, gint64 n)
{
  LONG r;
  MmioHandle *h = w->h;

  /* Most headers sit in the I/O buffer already: its bytes [pchBuffer,
   * valid_end) mirror the file at lBufOffset (mmio-private.h), so they are
   * copied without the seek and read calls. The handle's position is not
   * the walker's business; it is restored at the end. */
  if (h != NULL && h->info.pchBuffer != NULL && pos >= h->info.lBufOffset
      && pos + n <= h->info.lBufOffset + (h->valid_end - h->info.pchBuffer))
    {
      memcpy (buf, h->info.pchBuffer + (pos - h->info.lBufOffset), (size_t) n);
      return n;
    }
  if (mmioSeek (w->hmmio, pos, SEEK_SET) != pos)
    {
      w->error = MMIOERR_CANNOTSEEK;
      w->stop = TRUE;
      return -1;
    }
  r = mmioRead (w->hmmio, (HPSTR) buf, n);
  if (r < 0)
    {
      w->error = MMIOERR_CANNOTREAD;
      w->stop = TRUE;
      return -1;
    }
  return r;
}

static Frame *
top_frame (Walk *w)
{
  return &g_array_index (w->stack, Frame, w->stack->len - 1);
}

static void
push_frame (Walk *w, MmioNodeId node, gint64 start, gint64 end,
            gint64 declared_end, guint depth, gboolean smf, gboolean is_form,
            FOURCC form)
{
  Frame f;
  memset (&f, 0, sizeof f);
  f.node = node;
  f.pos = start;
  f.end = end;
  f.declared_end = declared_end;
  f.depth = depth;
  f.smf = smf;
  f.is_form = is_form;
  f.form = form;
  f.smf_declared = -1;
  f.smf_header = MMIO_NODE_NONE;
  g_array_append_val (w->stack, f);
}

/* ---- Rules checked when a container is finished ------------------------ */

static void
check_fact (Walk *w)
{
  WaveState *s = &w->wave;
  TreeNode *data;
  guint64 size, blocks;

  if (s->data == MMIO_NODE_NONE || !s->fmt_known || !s->fact_known
      || s->block_align == 0)
    return;
  data = mmio_tree_node (w->tree, s->data);
  size = (guint64) data->size;
  blocks = (size + s->block_align - 1) / s->block_align;

  switch (s->tag)
    {
    case 1: case 3: case 6: case 7:   /* PCM, float, A-law, µ-law: fixed frames */
      if (size / s->block_align != s->fact_samples)
        finding (w, s->fact, mmio_tree_node (w->tree, s->fact)->offset,
                 MMIO_FINDING_WARNING, MMIO_RULE_FACT_MISMATCH,
                 _("The 'fact' chunk counts %u sample frames, but the 'data' "
                   "chunk holds %" PRIu64 " frames of %u bytes."),
                 s->fact_samples, (uint64_t) (size / s->block_align),
                 s->block_align);
      break;
    default:
      /* Block codecs (ADPCM, GSM): the count must fit the blocks present. */
      if (s->samples_per_block == 0)
        break;
      if ((guint64) s->fact_samples > blocks * s->samples_per_block
          || (blocks > 0
              && (guint64) s->fact_samples
                 <= (blocks - 1) * s->samples_per_block))
        finding (w, s->fact, mmio_tree_node (w->tree, s->fact)->offset,
                 MMIO_FINDING_WARNING, MMIO_RULE_FACT_MISMATCH,
                 _("The 'fact' chunk counts %u sample frames, but the 'data' "
                   "chunk holds %" PRIu64 " blocks of %u frames."),
                 s->fact_samples, (uint64_t) blocks, s->samples_per_block);
      break;
    }
}

/* A container is described once its children are known: its data for the
 * describers is the list of their FOURCCs. */
static void
describe_container (Walk *w, const Frame *f)
{
  Frame *parent;

  if (f->node == MMIO_NODE_NONE || (w->flags & MMIO_TREE_NODESCRIBE)
      || w->stack->len == 0)
    return;
  parent = top_frame (w);
  if (parent->described >= w->per_parent)
    return;
  parent->described++;
  mmio_tree_describe_bytes (w->tree, f->node, f->kids ? f->kids->data : NULL,
                            f->kids ? f->kids->len : 0);
}

static void
pop_frame (Walk *w)
{
  Frame f = *top_frame (w);

  g_array_set_size (w->stack, w->stack->len - 1);
  if (!w->stop)
    describe_container (w, &f);
  if (f.kids != NULL)
    g_byte_array_unref (f.kids);
  if (w->stop)
    return;
  if (f.smf && f.smf_declared >= 0 && (guint) f.smf_declared != f.smf_seen)
    {
      TreeNode *hd = mmio_tree_node (w->tree, f.smf_header);
      finding (w, f.smf_header, hd ? hd->offset : 0, MMIO_FINDING_WARNING,
               MMIO_RULE_SMF_TRACKS,
               _("The MIDI header announces %d tracks, but %u 'MTrk' chunks "
                 "follow."), f.smf_declared, f.smf_seen);
    }
  if (f.is_form)
    {
      if (f.form == FCC_WAVE)
        check_fact (w);
      if (w->rf64 && !w->ds64.seen && !w->ds64.said_missing)
        {
          TreeNode *fn = mmio_tree_node (w->tree, f.node);
          finding (w, f.node, fn->offset, MMIO_FINDING_ERROR, MMIO_RULE_DS64,
                   _("This RF64 form has no 'ds64' chunk: its 64-bit sizes "
                     "are unknown."));
        }
    }
}

/* ---- Per-chunk rules needing values ------------------------------------ */

/* The first bytes of node's data: from the describe buffer when it has
 * enough, else a small read into tmp. Returns the byte count. */
static gint64
chunk_head (Walk *w, MmioNodeId id, const guint8 **p, gint64 have,
            guint8 *tmp, gint64 want)
{
  const TreeNode *nd = mmio_tree_node (w->tree, id);
  gint64 n = MIN (want, mmio_tree_clamped (w->tree, id));
  if (have >= n)
    {
      *p = w->buf;
      return n;
    }
  *p = tmp;
  return n > 0 ? read_at (w, nd->offset + 8, tmp, n) : 0;
}

static void
note_fmt (Walk *w, MmioNodeId id, gint64 have)
{
  guint8 tmp[40];
  const guint8 *p;
  gint64 n = chunk_head (w, id, &p, have, tmp, sizeof tmp);

  w->wave.fmt = id;
  if (n < 16)
    return;
  w->wave.fmt_known = TRUE;
  w->wave.tag = le16 (p);
  w->wave.block_align = le16 (p + 12);
  w->wave.samples_per_block = 0;
  if (n >= 20 && le16 (p + 16) >= 2)
    w->wave.samples_per_block = le16 (p + 18);
  if (w->wave.tag == 0xFFFE && n >= 26)
    w->wave.tag = le16 (p + 24);   /* EXTENSIBLE: the sub-format's tag */
}

/* ds64: riff size, data size, sample count, table length, table. A form
 * whose header said 0xFFFFFFFF takes its size from here. */
static void
note_ds64 (Walk *w, MmioNodeId id, gint64 have)
{
  guint8 tmp[28 + 12 * DS64_TABLE_MAX];
  const guint8 *p;
  gint64 n = chunk_head (w, id, &p, have, tmp, sizeof tmp);
  const TreeNode *nd = mmio_tree_node (w->tree, id);
  TreeNode *form;
  Frame *ff;

  if (n < 24)
    {
      finding (w, id, nd->offset, MMIO_FINDING_ERROR,
               MMIO_RULE_DS64, _("The 'ds64' chunk is too short to hold "
                                 "the 64-bit sizes."));
      return;
    }
  w->ds64.seen = TRUE;
  w->ds64.riff_size = le64 (p);
  w->ds64.data_size = le64 (p + 8);
  w->ds64.n_table = 0;
  if (n >= 28)
    {
      guint32 len = le32 (p + 24);
      for (guint32 i = 0; i < len && i < DS64_TABLE_MAX
           && 28 + 12 * (gint64) (i + 1) <= n; i++)
        {
          w->ds64.table_id[i] = le32 (p + 28 + 12 * i);
          w->ds64.table_size[i] = le64 (p + 32 + 12 * i);
          w->ds64.n_table++;
        }
    }

  form = mmio_tree_node (w->tree, w->form_node);
  if (form == NULL || !(form->flags & MMIO_NODE_DS64))
    return;
  /* The form's frame is the one right under the top level. */
  if (w->stack->len < 2)
    return;
  ff = &g_array_index (w->stack, Frame, 1);
  if (ff->node != w->form_node)
    return;
  {
    gint64 data_off = form->offset + 8;
    gint64 size = w->ds64.riff_size > (guint64) G_MAXINT64 / 2
                  ? G_MAXINT64 / 2 : (gint64) w->ds64.riff_size;
    gint64 room = w->file_size - data_off;
    gint64 walked = nd->offset + 8 + mmio_tree_clamped (w->tree, id) - data_off;

    if (size < walked)
      {
        /* The chunks already seen are the form's: this size cannot be. */
        finding (w, id, nd->offset, MMIO_FINDING_ERROR, MMIO_RULE_DS64,
                 _("The 'ds64' chunk gives the form %" PRId64
                   " bytes, fewer than the chunks it starts with."),
                 (int64_t) size);
        return;
      }
    form->size = size;
    mmio_tree_set_clamped (w->tree, w->form_node, MIN (size, room));
    ff->declared_end = data_off + size;
    ff->end = data_off + MIN (size, room);
    if (size > room)
      {
        finding (w, w->form_node, form->offset, MMIO_FINDING_ERROR,
                 MMIO_RULE_TRUNCATED_FILE,
                 _("The file ends %" PRId64 " bytes before the end "
                   "its 'ds64' chunk gives the form."),
                 (int64_t) (size - room));
      }
  }
}

static gboolean
ds64_lookup (Walk *w, FOURCC id, gint64 *size)
{
  guint64 v;
  if (!w->ds64.seen)
    return FALSE;
  if (id == FCC_DATA)
    v = w->ds64.data_size;
  else
    {
      guint i;
      for (i = 0; i < w->ds64.n_table; i++)
        if (w->ds64.table_id[i] == id)
          break;
      if (i == w->ds64.n_table)
        return FALSE;
      v = w->ds64.table_size[i];
    }
  *size = v > (guint64) G_MAXINT64 / 2 ? G_MAXINT64 / 2 : (gint64) v;
  return TRUE;
}

/* ---- The walk ----------------------------------------------------------- */

static void
describe_leaf (Walk *w, MmioNodeId id, gint64 *have)
{
  const TreeNode *nd = mmio_tree_node (w->tree, id);
  gint64 n = MIN (mmio_tree_clamped (w->tree, id), w->max_read);
  *have = 0;
  if (n > 0)
    {
      n = read_at (w, nd->offset + 8, w->buf, n);
      if (n < 0)
        return;
    }
  *have = n;
  mmio_tree_describe_bytes (w->tree, id, w->buf, n);
}

static gboolean
is_form_id (FOURCC id)
{
  return id == FOURCC_RIFF || id == FCC_RF64 || id == FCC_BW64;
}

/* One chunk header at f->pos (at least 8 bytes remain in f). */
static void
walk_chunk (Walk *w)
{
  Frame *f = top_frame (w);
  gboolean top = f->node == MMIO_NODE_NONE;
  guint8 hdr[12];
  gint64 pos = f->pos, n, data_off, declared_end, size, clamped, next;
  FOURCC id;
  guint32 size32;
  MmioNodeId nid;
  TreeNode node, *nd;
  gboolean container = FALSE;
  char idtxt[5];

  n = read_at (w, pos, hdr, MIN ((gint64) sizeof hdr, f->end - pos));
  if (n < 0)
    return;
  if (n < 8)
    {
      if (n == 0 && w->size_unknown)
        {
          /* The storage could not tell its size: this is its end. */
          w->file_size = pos;
          for (guint i = 0; i < w->stack->len; i++)
            {
              Frame *fi = &g_array_index (w->stack, Frame, i);
              fi->end = MIN (fi->end, pos);
            }
          return;
        }
      /* The storage holds less than its size said: the file really ends. */
      finding (w, f->node, pos, MMIO_FINDING_ERROR, MMIO_RULE_TRUNCATED_FILE,
               _("The file ends at offset %" PRId64 ", inside a "
                 "chunk header."), (int64_t) (pos + n));
      w->file_size = pos + n;
      for (guint i = 0; i < w->stack->len; i++)
        {
          Frame *fi = &g_array_index (w->stack, Frame, i);
          fi->end = MIN (fi->end, w->file_size);
        }
      f->pos = f->end;
      return;
    }

  if (w->tree->n_nodes >= w->max_nodes)
    {
      finding (w, f->node, pos, MMIO_FINDING_WARNING, MMIO_RULE_NODE_LIMIT,
               _("The walk stopped after %u chunks."), w->max_nodes);
      w->stop = TRUE;
      return;
    }

  id = le32 (hdr);
  size32 = f->smf ? be32 (hdr + 4) : le32 (hdr + 4);
  size = size32;
  data_off = pos + 8;

  memset (&node, 0, sizeof node);
  node.offset = pos;
  node.ckid = id;
  node.parent = f->node;
  node.depth = (guint16) f->depth;
  node.first_field = 0;
  if (f->smf)
    node.flags |= MMIO_NODE_BIG_ENDIAN;
  nid = mmio_tree_append_node (w->tree, &node);
  if (top)
    g_array_append_val (w->tree->top, nid);
  else
    {
      mmio_tree_node (w->tree, f->node)->n_children++;
      if (!(w->flags & MMIO_TREE_NODESCRIBE)
          && (f->kids == NULL || f->kids->len + 4 <= w->max_read))
        {
          if (f->kids == NULL)
            f->kids = g_byte_array_new ();
          g_byte_array_append (f->kids, hdr, 4);
        }
    }
  f->n_children++;

  fourcc_text (id, idtxt);
  if (!fourcc_printable (id))
    finding (w, nid, pos, MMIO_FINDING_WARNING, MMIO_RULE_BAD_FOURCC,
             _("The chunk id at offset %" PRId64 " is not printable "
               "text: the data is damaged or a size before it is wrong."),
             (int64_t) pos);

  /* Sizes a 64-bit form takes from its ds64 chunk. */
  if (!f->smf && top && (id == FCC_RF64 || id == FCC_BW64))
    {
      w->rf64 = TRUE;
      memset (&w->ds64, 0, sizeof w->ds64);
      if (size32 == 0xFFFFFFFFu)
        {
          /* Until ds64 is read, the form runs to the end of the file. */
          node.flags |= MMIO_NODE_DS64;
          size = MAX (w->file_size - data_off, 4);
        }
    }
  else if (!f->smf && f->is_form && w->rf64 && size32 == 0xFFFFFFFFu)
    {
      if (ds64_lookup (w, id, &size))
        node.flags |= MMIO_NODE_DS64;
      else
        finding (w, nid, pos, MMIO_FINDING_ERROR, MMIO_RULE_DS64,
                 _("Chunk '%s' has size 0xFFFFFFFF but the 'ds64' chunk "
                   "gives no size for it."), idtxt);
    }
  else if (top && !f->smf)
    w->rf64 = FALSE;

  /* Clamp to the parent and the file. */
  declared_end = data_off + size;
  clamped = size;
  if (declared_end > f->end)
    {
      clamped = f->end - data_off;
      node.flags |= MMIO_NODE_CLAMPED;
      if (declared_end > f->declared_end)
        finding (w, nid, pos, MMIO_FINDING_ERROR, MMIO_RULE_SIZE_PAST_PARENT,
                 _("Chunk '%s' declares %" PRId64 " bytes, %"
                   PRId64 " more than its parent has left; it is "
                   "cut to %" PRId64 "."),
                 idtxt, (int64_t) size,
                 (int64_t) (declared_end - f->declared_end), (int64_t) clamped);
      else if (top)
        finding (w, nid, pos, MMIO_FINDING_ERROR, MMIO_RULE_TRUNCATED_FILE,
                 _("The file is truncated: '%s' declares %" PRId64
                   " bytes but the file ends after %" PRId64 "."),
                 idtxt, (int64_t) size, (int64_t) clamped);
      else
        finding (w, nid, pos, MMIO_FINDING_ERROR, MMIO_RULE_SIZE_PAST_EOF,
                 _("Chunk '%s' declares %" PRId64 " bytes but the "
                   "file ends after %" PRId64 "."),
                 idtxt, (int64_t) size, (int64_t) clamped);
    }
  /* SMF chunks have no pad bytes. */
  next = (node.flags & MMIO_NODE_CLAMPED) ? f->end
         : declared_end + (f->smf ? 0 : (size & 1));

  /* Pad byte after an odd chunk. */
  if ((size & 1) && !f->smf && !(node.flags & MMIO_NODE_CLAMPED))
    {
      guint8 pb[5];
      gint64 got = 0;
      if (declared_end < f->end)
        got = read_at (w, declared_end, pb, MIN ((gint64) sizeof pb,
                                                  f->end - declared_end));
      if (got < 0)
        goto out;
      /* No room for the pad, or a non-zero "pad" where an unpadded header
       * reads as a chunk id and the padded one does not. */
      if (declared_end == f->end
          || (got == 5 && pb[0] != 0 && fourcc_printable (le32 (pb))
              && !fourcc_printable (le32 (pb + 1))))
        {
          node.flags |= MMIO_NODE_MISSING_PAD;
          next = declared_end;
          finding (w, nid, declared_end, MMIO_FINDING_WARNING,
                   MMIO_RULE_MISSING_PAD,
                   _("Chunk '%s' has an odd size (%" PRId64 ") but "
                     "no pad byte follows it."), idtxt,
                   (int64_t) size);
        }
    }

  if (top && !f->smf && !is_form_id (id))
    finding (w, nid, pos, MMIO_FINDING_WARNING, MMIO_RULE_UNKNOWN_TOP_LEVEL,
             _("Chunk '%s' at the top level is not a RIFF form."), idtxt);
  else if (top && f->smf && id != FCC_MTHD && id != FCC_MTRK)
    finding (w, nid, pos, MMIO_FINDING_WARNING, MMIO_RULE_UNKNOWN_TOP_LEVEL,
             _("Chunk '%s' at the top level of a MIDI file is not a MIDI "
               "chunk."), idtxt);

  if (!f->smf && (id == FOURCC_RIFF || id == FOURCC_LIST
                  || (top && is_form_id (id))))
    {
      if (size < 4)
        finding (w, nid, pos, MMIO_FINDING_ERROR, MMIO_RULE_LIST_TOO_SMALL,
                 _("'%s' declares %" PRId64 " bytes: too small to "
                   "hold its type."), idtxt, (int64_t) size);
      else if (clamped >= 4 && n >= 12)
        container = TRUE;
    }

  nd = mmio_tree_node (w->tree, nid);
  nd->size = size;
  nd->flags |= node.flags & ~MMIO_NODE_CLAMPED;
  mmio_tree_set_clamped (w->tree, nid, clamped);
  f->pos = next;

  if (container)
    {
      FOURCC type = le32 (hdr + 8);
      guint depth = f->depth + 1;
      FOURCC form = f->form;

      nd->type = type;
      nd->flags |= MMIO_NODE_CONTAINER;
      if (size & 1)
        finding (w, nid, pos, MMIO_FINDING_WARNING, MMIO_RULE_ODD_SIZE,
                 _("'%s' has an odd size (%" PRId64 "): a list of "
                   "padded chunks is always even."), idtxt,
                 (int64_t) size);
      if (top && is_form_id (id))
        {
          if (w->forms_seen > 0
              && !(type == FCC_AVIX && w->first_form == FCC_AVI))
            finding (w, nid, pos, MMIO_FINDING_WARNING,
                     MMIO_RULE_DUPLICATE_RIFF,
                     _("A second top-level form starts at offset %"
                       PRId64 "; a file holds one."), (int64_t) pos);
          if (w->forms_seen++ == 0)
            w->first_form = type;
          w->saw_form_or_smf = TRUE;
          w->form_node = nid;
          form = type;
          memset (&w->wave, 0, sizeof w->wave);
          w->wave.fmt = w->wave.data = w->wave.fact = MMIO_NODE_NONE;
        }
      if (depth >= w->max_depth)
        {
          nd->flags |= MMIO_NODE_CUT;
          w->tree->complete = FALSE;
          finding (w, nid, pos, MMIO_FINDING_WARNING, MMIO_RULE_DEPTH_LIMIT,
                   _("Lists nest deeper than %u levels here; the chunks "
                     "inside are not listed."), w->max_depth);
        }
      else
        push_frame (w, nid, data_off + 4, data_off + clamped,
                    data_off + size, depth, FALSE, top, form);
      goto out;
    }

  /* A leaf. */
  {
    gint64 have = 0;
    gboolean is_wave_child = f->is_form && f->form == FCC_WAVE;
    FOURCC form = f->form;
    guint depth = f->depth + 1;
    gboolean rmid_smf = !f->smf && form == FCC_RMID && id == FCC_DATA
                        && n >= 12 && le32 (hdr + 8) == FCC_MTHD;

    if (f->smf && id == FCC_MTHD && n >= 12 && clamped >= 4)
      {
        f->smf_declared = (hdr[10] << 8) | hdr[11];
        f->smf_header = nid;
      }
    else if (f->smf && id == FCC_MTRK)
      f->smf_seen++;

    if (!(w->flags & MMIO_TREE_NODESCRIBE) && f->described < w->per_parent)
      {
        f->described++;
        describe_leaf (w, nid, &have);
        if (w->stop)
          goto out;
        nd = mmio_tree_node (w->tree, nid);
      }

    if (f->is_form && w->rf64 && id == FCC_DS64)
      {
        if (f->n_children != 1)
          finding (w, nid, pos, MMIO_FINDING_WARNING, MMIO_RULE_DS64,
                   _("The 'ds64' chunk should be the first chunk of the "
                     "form."));
        note_ds64 (w, nid, have);
      }
    else if (f->is_form && w->rf64 && f->n_children == 1)
      {
        w->ds64.said_missing = TRUE;
        finding (w, nid, pos, MMIO_FINDING_ERROR, MMIO_RULE_DS64,
                 _("An RF64 form must start with a 'ds64' chunk; '%s' comes "
                   "first."), idtxt);
      }

    if (is_wave_child)
      {
        if (id == FCC_FMT)
          {
            if (w->wave.data != MMIO_NODE_NONE)
              finding (w, nid, pos, MMIO_FINDING_WARNING,
                       MMIO_RULE_FMT_AFTER_DATA,
                       _("The 'fmt ' chunk comes after the 'data' chunk; "
                         "streaming readers need it first."));
            if (w->wave.fmt == MMIO_NODE_NONE)
              note_fmt (w, nid, have);
          }
        else if (id == FCC_DATA && w->wave.data == MMIO_NODE_NONE)
          w->wave.data = nid;
        else if (id == FCC_FACT && w->wave.fact == MMIO_NODE_NONE
                 && clamped >= 4 && n >= 12)
          {
            w->wave.fact = nid;
            w->wave.fact_known = TRUE;
            w->wave.fact_samples = le32 (hdr + 8);
          }
      }

    if (rmid_smf)
      {
        if (depth >= w->max_depth)
          {
            nd->flags |= MMIO_NODE_CUT;
            w->tree->complete = FALSE;
          }
        else
          push_frame (w, nid, data_off, data_off + clamped, data_off + size,
                      depth, TRUE, FALSE, form);
      }
  }

out:
  return;
}

static void
walk (Walk *w)
{
  guint since_progress = 0;

  while (w->stack->len > 0 && !w->stop)
    {
      Frame *f = top_frame (w);
      gint64 left = f->end - f->pos;

      if (left <= 0)
        {
          pop_frame (w);
          continue;
        }
      if (left < 8)
        {
          finding (w, f->node, f->pos, MMIO_FINDING_WARNING,
                   MMIO_RULE_TRUNCATED_HEADER,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%" PRId64 " byte at offset %"
                                PRId64 " is too short for a chunk "
                                "header.",
                                "%" PRId64 " bytes at offset %"
                                PRId64 " are too short for a chunk "
                                "header.", (gulong) left),
                   (int64_t) left, (int64_t) f->pos);
          f->pos = f->end;
          continue;
        }
      walk_chunk (w);

      if (w->progress != NULL && ++since_progress >= PROGRESS_EVERY)
        {
          since_progress = 0;
          if (!w->progress (MIN (top_frame (w)->pos, w->file_size),
                            w->file_size, w->user))
            {
              w->error = MMIOERR_CANCELLED;
              w->stop = TRUE;
            }
        }
    }

  if (w->stack->len > 0)
    {
      /* Stopped early: the open containers were not listed to their end. */
      w->tree->complete = FALSE;
      for (guint i = 0; i < w->stack->len; i++)
        {
          Frame *f = &g_array_index (w->stack, Frame, i);
          TreeNode *nd = mmio_tree_node (w->tree, f->node);
          if (nd != NULL)
            nd->flags |= MMIO_NODE_CUT;
          if (f->kids != NULL)
            g_byte_array_unref (f->kids);
        }
    }
}

/* ---- Finding the describers --------------------------------------------- */

static LRESULT
identify_with (HMMIO hmmio, LPMMIOPROC proc, FOURCC fcc)
{
  MmioHandle tmp;
  LONG here = mmioSeek (hmmio, 0, SEEK_CUR);
  LRESULT r;

  memset (&tmp, 0, sizeof tmp);
  tmp.info.fccIOProc = fcc;
  tmp.info.pIOProc = proc;
  r = mmio_send (&tmp, MMIOM_IDENTIFYFILE, 0, (LPARAM) hmmio);
  mmioSeek (hmmio, here < 0 ? 0 : here, SEEK_SET);
  return r;
}

static void
choose_describers (MmioTree *tree, HMMIO hmmio, MmioHandle *h, FOURCC want)
{
  tree->generic_proc = mmioInstallIOProc (FOURCC_RIFF, NULL, MMIO_FINDPROC);
  if (want != 0)
    {
      tree->format = want;
      tree->format_proc = mmioInstallIOProc (want, NULL, MMIO_FINDPROC);
      if (tree->format_proc == NULL)
        tree->format = 0;
      return;
    }
  if (h->entry != NULL && h->entry->has_format
      && (h->entry->format.ulIOProcType & MMIO_IOPROC_FILEFORMAT))
    {
      tree->format = h->entry->fcc;
      tree->format_proc = h->entry->proc;
      return;
    }
  {
    GPtrArray *all = mmio_registry_snapshot ();
    for (guint i = 0; i < all->len; i++)
      {
        MmioProcEntry *e = g_ptr_array_index (all, i);
        if (!e->has_format
            || !(e->format.ulIOProcType & MMIO_IOPROC_FILEFORMAT))
          continue;
        if (identify_with (hmmio, e->proc, e->fcc) == MMIO_SUCCESS)
          {
            tree->format = e->fcc;
            tree->format_proc = e->proc;
            break;
          }
      }
    g_ptr_array_unref (all);
  }
}

MMRESULT
mmio_tree_walk (HMMIO hmmio, const MmioTreeOptions *options, MmioTree **ptree)
{
  MmioHandle *h = mmio_handle_lookup (hmmio);
  MmioTreeOptions opt;
  Walk w;
  LONG saved;
  guint8 magic[4];
  gboolean smf = FALSE;

  if (ptree != NULL)
    *ptree = NULL;
  if (h == NULL)
    return MMSYSERR_INVALHANDLE;
  /* Translated data are not the file's bytes: there are no chunks in it. */
  if (ptree == NULL || (h->info.ulTranslate & MMIO_TRANSLATEDATA)
      || (options != NULL && options->ulStructLen < sizeof (MmioTreeOptions)))
    return MMSYSERR_INVALPARAM;
  mmio_i18n_init ();
  mmio_ensure_init ();

  memset (&opt, 0, sizeof opt);
  if (options != NULL)
    opt = *options;
  memset (&w, 0, sizeof w);
  w.hmmio = hmmio;
  w.h = h;
  w.flags = opt.dwFlags;
  w.max_read = opt.lMaxRead > 0 ? MIN (opt.lMaxRead, LIMIT_MAX_READ)
                                : DEFAULT_MAX_READ;
  w.per_parent = opt.ulDescribePerParent ? opt.ulDescribePerParent
                                         : DEFAULT_PER_PARENT;
  w.max_depth = opt.ulMaxDepth ? MIN (opt.ulMaxDepth, LIMIT_MAX_DEPTH)
                               : DEFAULT_MAX_DEPTH;
  w.max_nodes = opt.ulMaxNodes ? MIN (opt.ulMaxNodes, MMIO_NODE_NONE - 1)
                               : DEFAULT_MAX_NODES;
  w.progress = opt.pfnProgress;
  w.user = opt.pUser;
  w.form_node = MMIO_NODE_NONE;

  saved = mmioSeek (hmmio, 0, SEEK_CUR);
  w.buf = g_try_malloc (w.max_read);
  if (w.buf == NULL)
    return MMSYSERR_NOMEM;
  w.tree = mmio_tree_new ();
  w.tree->max_read = w.max_read;
  w.file_size = mmio_query_size (h);
  if (w.file_size < 0)
    {
      w.file_size = G_MAXINT64 / 4;   /* unknown: short reads find the end */
      w.size_unknown = TRUE;
    }

  if (!(w.flags & MMIO_TREE_NODESCRIBE))
    choose_describers (w.tree, hmmio, h, opt.fccFormat);

  w.stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  if (read_at (&w, 0, magic, 4) == 4 && le32 (magic) == FCC_MTHD)
    smf = TRUE;
  w.saw_form_or_smf = smf;
  push_frame (&w, MMIO_NODE_NONE, 0, w.file_size, G_MAXINT64 / 2, 0, smf,
              FALSE, 0);
  walk (&w);

  w.tree->file_size = w.file_size;
  if (w.error == 0 && !w.stop && !w.saw_form_or_smf)
    {
      if (w.file_size == 0)
        finding (&w, MMIO_NODE_NONE, 0, MMIO_FINDING_ERROR,
                 MMIO_RULE_NOT_RIFF, _("The file is empty."));
      else
        finding (&w, MMIO_NODE_NONE, 0, MMIO_FINDING_ERROR,
                 MMIO_RULE_NOT_RIFF,
                 _("The file holds no RIFF form and is not a MIDI file."));
    }
  if (w.stop)
    w.tree->complete = FALSE;
  mmio_tree_finish (w.tree);
  if (w.progress != NULL && w.error == 0)
    w.progress (w.file_size, w.file_size, w.user);

  g_array_free (w.stack, TRUE);
  g_free (w.buf);
  mmioSeek (hmmio, saved < 0 ? 0 : saved, SEEK_SET);
  *ptree = w.tree;
  if (w.error != 0)
    return w.error;
  return w.tree->n_errors > 0 ? MMIOERR_INVALIDFILE : MMSYSERR_NOERROR;
}

MMRESULT
mmio_tree_describe (MmioTree *tree, HMMIO hmmio, MmioNodeId node)
{
  TreeNode *nd = mmio_tree_node (tree, node);
  Walk w;
  LONG saved;
  gint64 n;

  if (nd == NULL || mmio_handle_lookup (hmmio) == NULL)
    return MMSYSERR_INVALPARAM;
  if (nd->flags & MMIO_NODE_DESCRIBED)
    return MMSYSERR_NOERROR;
  if (nd->flags & MMIO_NODE_CONTAINER)
    {
      /* Its children's FOURCCs, as the walk would have given them. */
      guint count = MIN (nd->n_children, (guint) (tree->max_read / 4));
      guint32 *kids = g_new (guint32, MAX (count, 1));
      for (guint i = 0; i < count; i++)
        kids[i] = GUINT32_TO_LE (mmio_tree_node (tree, mmio_tree_child (
                                   tree, node, i))->ckid);
      mmio_tree_describe_bytes (tree, node, (const guint8 *) kids,
                                (gint64) count * 4);
      g_free (kids);
      return MMSYSERR_NOERROR;
    }
  memset (&w, 0, sizeof w);
  w.hmmio = hmmio;
  w.tree = tree;
  n = MIN (mmio_tree_clamped (tree, node), tree->max_read);
  w.buf = g_try_malloc (MAX (n, 1));
  if (w.buf == NULL)
    return MMSYSERR_NOMEM;
  saved = mmioSeek (hmmio, 0, SEEK_CUR);
  if (n > 0)
    n = read_at (&w, nd->offset + 8, w.buf, n);
  if (n >= 0)
    mmio_tree_describe_bytes (tree, node, w.buf, n);
  g_free (w.buf);
  mmioSeek (hmmio, saved < 0 ? 0 : saved, SEEK_SET);
  return w.error;
}
