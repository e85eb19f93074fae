/* test-walker.c — the chunk-tree walker (mmio-inspect.h): tree shape,
 * offsets and sizes, one test per finding rule, hostile files, strict mode,
 * cancellation, on-demand describing, and real files from Debian packages. */
#include "riff-build.h"

#include <glib/gstdio.h>

#define FCC(s) mmioStringToFOURCC (s, 0)

static MMRESULT
walk_opts (GByteArray *a, const MmioTreeOptions *o, MmioTree **tree)
{
  HMMIO h = rb_open_mem (a);
  MMRESULT r = mmio_tree_walk (h, o, tree);
  g_assert_nonnull (*tree);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  return r;
}

static MMRESULT
walk (GByteArray *a, MmioTree **tree)
{
  return walk_opts (a, NULL, tree);
}

static MmioNode
node (MmioTree *t, MmioNodeId id)
{
  MmioNode n;
  g_assert_true (mmio_tree_get_node (t, id, &n));
  return n;
}

/* The finding of this rule (the first), asserting there is one. */
static MmioFinding
finding_of (MmioTree *t, const char *rule)
{
  MmioFinding f;
  for (ULONG i = 0; i < mmio_tree_n_findings (t); i++)
    {
      g_assert_true (mmio_tree_get_finding (t, i, &f));
      if (strcmp (f.rule, rule) == 0)
        {
          g_assert_nonnull (f.message);
          g_assert_cmpuint (strlen (f.message), >, 10);
          return f;
        }
    }
  g_error ("no finding of rule %s", rule);
  return f;
}

static void
assert_no_findings (MmioTree *t)
{
  for (ULONG i = 0; i < mmio_tree_n_findings (t); i++)
    {
      MmioFinding f;
      mmio_tree_get_finding (t, i, &f);
      g_printerr ("unexpected finding %s: %s\n", f.rule, f.message);
    }
  g_assert_cmpuint (mmio_tree_n_findings (t), ==, 0);
}

/* RIFF 'WAVE' { fmt , LIST INFO { INAM "Hi" (odd) }, data (5, odd) } */
static GByteArray *
good_wave (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "WAVE");
  guint info;
  rb_fmt_pcm (a, 1, 8000, 8);                /* 12: 8 + 16 */
  info = rb_begin (a, "LIST", "INFO");       /* 36 */
  rb_chunk (a, "INAM", "Hi", 3);             /* 48: 8 + 3 + pad */
  rb_end (a, info);
  rb_chunk (a, "data", "\1\2\3\4\5", 5);     /* 60: 8 + 5 + pad */
  rb_end (a, riff);
  return a;
}

static void
test_tree_shape (void)
{
  GByteArray *a = good_wave ();
  MmioTree *t;
  MmioNode n;
  MmioNodeId riff, info, inam, data;

  g_assert_cmpuint (a->len, ==, 74);
  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  assert_no_findings (t);
  g_assert_true (mmio_tree_is_complete (t));
  g_assert_cmpint (mmio_tree_file_size (t), ==, 74);
  g_assert_cmpuint (mmio_tree_n_nodes (t), ==, 5);
  g_assert_cmpuint (mmio_tree_n_children (t, MMIO_NODE_NONE), ==, 1);

  riff = mmio_tree_child (t, MMIO_NODE_NONE, 0);
  n = node (t, riff);
  g_assert_cmpuint (n.ckid, ==, FOURCC_RIFF);
  g_assert_cmpuint (n.fccType, ==, FCC ("WAVE"));
  g_assert_cmpint (n.lOffset, ==, 0);
  g_assert_cmpint (n.lDataOffset, ==, 8);
  g_assert_cmpint (n.lSize, ==, 66);
  g_assert_cmpint (n.lClampedSize, ==, 66);
  g_assert_cmpuint (n.ulChildren, ==, 3);
  g_assert_cmpuint (n.ulDepth, ==, 0);
  g_assert_cmpuint (n.parent, ==, MMIO_NODE_NONE);
  g_assert_true (n.dwFlags & MMIO_NODE_CONTAINER);

  n = node (t, mmio_tree_child (t, riff, 0));
  g_assert_cmpuint (n.ckid, ==, FCC ("fmt "));
  g_assert_cmpint (n.lOffset, ==, 12);
  g_assert_cmpint (n.lSize, ==, 16);
  g_assert_cmpuint (n.ulDepth, ==, 1);
  g_assert_cmpuint (n.parent, ==, riff);

  info = mmio_tree_child (t, riff, 1);
  n = node (t, info);
  g_assert_cmpuint (n.ckid, ==, FOURCC_LIST);
  g_assert_cmpuint (n.fccType, ==, FCC ("INFO"));
  g_assert_cmpint (n.lOffset, ==, 36);
  g_assert_cmpint (n.lSize, ==, 16);
  g_assert_cmpuint (n.ulChildren, ==, 1);

  inam = mmio_tree_child (t, info, 0);
  n = node (t, inam);
  g_assert_cmpint (n.lOffset, ==, 48);
  g_assert_cmpint (n.lSize, ==, 3);
  g_assert_cmpuint (n.ulDepth, ==, 2);
  g_assert_true (n.dwFlags & MMIO_NODE_DESCRIBED);
  g_assert_cmpstr (mmio_tree_field_value (t, inam, "INAM"), ==, "Hi");

  data = mmio_tree_child (t, riff, 2);
  n = node (t, data);
  g_assert_cmpuint (n.ckid, ==, FCC ("data"));
  g_assert_cmpint (n.lOffset, ==, 60);
  g_assert_cmpint (n.lSize, ==, 5);
  g_assert_cmpuint (mmio_tree_child (t, riff, 3), ==, MMIO_NODE_NONE);

  /* Offsets to nodes: header, data, pad byte, form type, past the end. */
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 0), ==, riff);
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 9), ==, riff);
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 12), ==, mmio_tree_child (t, riff, 0));
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 35), ==, mmio_tree_child (t, riff, 0));
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 44), ==, info);
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 48), ==, inam);
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 59), ==, inam);   /* pad */
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 72), ==, data);
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 73), ==, data);   /* pad */
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 74), ==, MMIO_NODE_NONE);
  g_assert_cmpuint (mmio_tree_node_at_offset (t, -1), ==, MMIO_NODE_NONE);

  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_bad_args (void)
{
  MmioTree *t = (MmioTree *) 1;
  MmioTreeOptions o = { 0 };
  GByteArray *a = good_wave ();
  HMMIO h = rb_open_mem (a);

  g_assert_cmpint (mmio_tree_walk (NULL, NULL, &t), ==, MMSYSERR_INVALHANDLE);
  g_assert_null (t);
  g_assert_cmpint (mmio_tree_walk (h, NULL, NULL), ==, MMSYSERR_INVALPARAM);
  o.ulStructLen = 4;
  g_assert_cmpint (mmio_tree_walk (h, &o, &t), ==, MMSYSERR_INVALPARAM);
  g_assert_null (t);
  /* Queries on NULL or out-of-range ids are refused, not crashes. */
  g_assert_false (mmio_tree_get_node (NULL, 0, NULL));
  g_assert_cmpuint (mmio_tree_n_children (NULL, MMIO_NODE_NONE), ==, 0);
  g_assert_cmpuint (mmio_tree_child (NULL, MMIO_NODE_NONE, 0), ==, MMIO_NODE_NONE);
  mmioClose (h, 0);
  g_byte_array_unref (a);
}

/* The same bytes through a memory file, an unbuffered file and files with
 * small and default buffers give the same tree. */
static void
test_same_tree_any_storage (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "TEST");
  char *path = tu_path ("storage.bin");
  MmioTree *ref, *t;
  LONG bufsizes[] = { 0, 16, 64, 8192 };

  for (int i = 0; i < 300; i++)
    {
      guint list = rb_begin (a, "LIST", "abcd");
      rb_chunk (a, "odd ", "1234567", 1 + i % 7);
      rb_chunk (a, "INAM", "name", 4);
      rb_end (a, list);
    }
  rb_end (a, riff);
  tu_bytes (a, "RIF", 3);
  tu_write_file (path, a->data, a->len);
  walk (a, &ref);

  for (guint b = 0; b < G_N_ELEMENTS (bufsizes); b++)
    {
      MMIOINFO info;
      HMMIO h;
      memset (&info, 0, sizeof info);
      info.cchBuffer = bufsizes[b];
      h = mmioOpen (path, &info, MMIO_READ);
      g_assert_nonnull (h);
      mmio_tree_walk (h, NULL, &t);
      g_assert_cmpuint (mmio_tree_n_nodes (t), ==, mmio_tree_n_nodes (ref));
      g_assert_cmpuint (mmio_tree_n_findings (t), ==, mmio_tree_n_findings (ref));
      for (ULONG i = 0; i < mmio_tree_n_nodes (t); i++)
        {
          MmioNode x = node (t, i), y = node (ref, i);
          g_assert_cmpuint (x.ckid, ==, y.ckid);
          g_assert_cmpuint (x.fccType, ==, y.fccType);
          g_assert_cmpint (x.lOffset, ==, y.lOffset);
          g_assert_cmpint (x.lSize, ==, y.lSize);
          g_assert_cmpint (x.lClampedSize, ==, y.lClampedSize);
          g_assert_cmpuint (x.dwFlags, ==, y.dwFlags);
          g_assert_cmpuint (mmio_tree_n_fields (t, i), ==, mmio_tree_n_fields (ref, i));
        }
      mmio_tree_free (t);
      mmioClose (h, 0);
    }
  mmio_tree_free (ref);
  g_free (path);
  g_byte_array_unref (a);
}

/* The position of the handle is where it was before the walk. */
static void
test_position_kept (void)
{
  GByteArray *a = good_wave ();
  HMMIO h = rb_open_mem (a);
  MmioTree *t;
  g_assert_cmpint (mmioSeek (h, 17, SEEK_SET), ==, 17);
  g_assert_cmpint (mmio_tree_walk (h, NULL, &t), ==, 0);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 17);
  mmio_tree_free (t);
  mmioClose (h, 0);
  g_byte_array_unref (a);
}

/* ---- One test per rule ---------------------------------------------------- */

static void
test_rule_size_past_parent (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "TEST");
  guint list = rb_begin (a, "LIST", "abcd");
  MmioTree *t;
  MmioFinding f;
  MmioNode n;

  rb_chunk (a, "long", "12345678", 8);      /* at 24; size patched to 100 */
  rb_end (a, list);
  rb_chunk (a, "next", "ab", 2);
  rb_end (a, riff);
  rb_set_le32 (a, 28, 100);

  g_assert_cmpint (walk (a, &t), ==, MMIOERR_INVALIDFILE);
  f = finding_of (t, MMIO_RULE_SIZE_PAST_PARENT);
  g_assert_cmpint (f.lOffset, ==, 24);
  g_assert_cmpuint (f.level, ==, MMIO_FINDING_ERROR);
  n = node (t, f.node);
  g_assert_cmpuint (n.ckid, ==, FCC ("long"));
  g_assert_cmpint (n.lSize, ==, 100);
  g_assert_cmpint (n.lClampedSize, ==, 8);
  g_assert_true (n.dwFlags & MMIO_NODE_CLAMPED);
  g_assert_true (n.dwFlags & MMIO_NODE_HAS_FINDINGS);
  g_assert_cmpuint (mmio_tree_node_n_findings (t, f.node), ==, 1);
  /* The walk went on after the clamped chunk. */
  n = node (t, mmio_tree_child (t, mmio_tree_child (t, MMIO_NODE_NONE, 0), 1));
  g_assert_cmpuint (n.ckid, ==, FCC ("next"));
  g_assert_cmpuint (mmio_tree_count_rule (t, MMIO_RULE_SIZE_PAST_PARENT), ==, 1);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_rule_size_past_eof (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "TEST");
  MmioTree *t;
  MmioFinding f;

  rb_chunk (a, "abcd", "1234", 4);
  rb_chunk (a, "last", "12345678", 8);      /* at 24 */
  rb_end (a, riff);
  rb_set_le32 (a, 4, 1000);                 /* the form claims more, too */
  rb_set_le32 (a, 28, 500);
  g_assert_cmpint (walk (a, &t), ==, MMIOERR_INVALIDFILE);
  f = finding_of (t, MMIO_RULE_SIZE_PAST_EOF);
  g_assert_cmpint (f.lOffset, ==, 24);
  g_assert_cmpint (node (t, f.node).lClampedSize, ==, 8);
  g_assert_cmpuint (mmio_tree_count_rule (t, MMIO_RULE_SIZE_PAST_PARENT), ==, 0);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_rule_truncated_file (void)
{
  GByteArray *a = good_wave ();
  MmioTree *t;
  MmioFinding f;
  MmioNode n;

  g_byte_array_set_size (a, 70);            /* cut inside 'data' */
  g_assert_cmpint (walk (a, &t), ==, MMIOERR_INVALIDFILE);
  f = finding_of (t, MMIO_RULE_TRUNCATED_FILE);
  g_assert_cmpint (f.lOffset, ==, 0);
  n = node (t, f.node);
  g_assert_cmpuint (n.ckid, ==, FOURCC_RIFF);
  g_assert_cmpint (n.lSize, ==, 66);
  g_assert_cmpint (n.lClampedSize, ==, 62);
  f = finding_of (t, MMIO_RULE_SIZE_PAST_EOF);
  g_assert_cmpint (f.lOffset, ==, 60);
  g_assert_cmpint (node (t, f.node).lClampedSize, ==, 2);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_rule_truncated_header (void)
{
  GByteArray *a = good_wave ();
  MmioTree *t;
  MmioFinding f;

  tu_bytes (a, "RIF", 3);                   /* trailing bytes, no header */
  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  f = finding_of (t, MMIO_RULE_TRUNCATED_HEADER);
  g_assert_cmpint (f.lOffset, ==, 74);
  g_assert_cmpuint (f.node, ==, MMIO_NODE_NONE);
  g_assert_cmpuint (f.level, ==, MMIO_FINDING_WARNING);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_rule_missing_pad (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "TEST");
  MmioTree *t;
  MmioFinding f;
  MmioNodeId form;

  /* An odd chunk followed at once by the next header … */
  tu_fourcc (a, "odd1");
  tu_le32 (a, 3);
  tu_bytes (a, "abc", 3);
  rb_chunk (a, "next", "1234", 4);          /* at 23 */
  /* … and one that ends the form with no room for its pad. */
  tu_fourcc (a, "odd2");
  tu_le32 (a, 1);
  tu_bytes (a, "z", 1);
  rb_end (a, riff);

  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  g_assert_cmpuint (mmio_tree_count_rule (t, MMIO_RULE_MISSING_PAD), ==, 2);
  f = finding_of (t, MMIO_RULE_MISSING_PAD);
  g_assert_cmpint (f.lOffset, ==, 23);
  g_assert_true (node (t, f.node).dwFlags & MMIO_NODE_MISSING_PAD);
  form = mmio_tree_child (t, MMIO_NODE_NONE, 0);
  g_assert_cmpuint (mmio_tree_n_children (t, form), ==, 3);
  g_assert_cmpuint (node (t, mmio_tree_child (t, form, 1)).ckid, ==, FCC ("next"));
  g_assert_cmpint (node (t, mmio_tree_child (t, form, 1)).lOffset, ==, 23);
  mmio_tree_free (t);

  /* A properly padded odd chunk (good_wave) has no such finding. */
  g_byte_array_unref (a);
  a = good_wave ();
  g_assert_cmpint (walk (a, &t), ==, 0);
  g_assert_cmpuint (mmio_tree_count_rule (t, MMIO_RULE_MISSING_PAD), ==, 0);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_rule_odd_size (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "TEST");
  guint list = rb_begin (a, "LIST", "abcd");
  MmioTree *t;
  MmioFinding f;

  /* The list holds an odd chunk and counts no pad after it: 15 bytes. */
  tu_fourcc (a, "xy  ");
  tu_le32 (a, 3);
  tu_bytes (a, "abc", 3);
  rb_end (a, list);
  tu_bytes (a, "", 1);                      /* the list's own pad */
  rb_end (a, riff);
  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  f = finding_of (t, MMIO_RULE_ODD_SIZE);
  g_assert_cmpint (f.lOffset, ==, 12);
  g_assert_cmpuint (node (t, f.node).ckid, ==, FOURCC_LIST);
  g_assert_cmpint (node (t, f.node).lSize, ==, 15);
  g_assert_cmpuint (mmio_tree_count_rule (t, MMIO_RULE_ODD_SIZE), ==, 1);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_rule_list_too_small (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "TEST");
  MmioTree *t;
  MmioFinding f;

  tu_fourcc (a, "LIST");
  tu_le32 (a, 2);
  tu_bytes (a, "ab", 2);
  rb_end (a, riff);
  g_assert_cmpint (walk (a, &t), ==, MMIOERR_INVALIDFILE);
  f = finding_of (t, MMIO_RULE_LIST_TOO_SMALL);
  g_assert_cmpint (f.lOffset, ==, 12);
  g_assert_false (node (t, f.node).dwFlags & MMIO_NODE_CONTAINER);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_rule_fmt_after_data (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "WAVE");
  MmioTree *t;
  MmioFinding f;

  rb_chunk (a, "data", "\0\0\0\0", 4);
  rb_fmt_pcm (a, 1, 8000, 8);               /* at 24 */
  rb_end (a, riff);
  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  f = finding_of (t, MMIO_RULE_FMT_AFTER_DATA);
  g_assert_cmpint (f.lOffset, ==, 24);
  g_assert_cmpuint (node (t, f.node).ckid, ==, FCC ("fmt "));
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_rule_duplicate_riff (void)
{
  GByteArray *a = good_wave ();
  GByteArray *b;
  MmioTree *t;
  MmioFinding f;
  guint at;

  b = good_wave ();
  g_byte_array_append (a, b->data, b->len);
  g_byte_array_unref (b);
  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  f = finding_of (t, MMIO_RULE_DUPLICATE_RIFF);
  g_assert_cmpint (f.lOffset, ==, 74);
  g_assert_cmpuint (mmio_tree_n_children (t, MMIO_NODE_NONE), ==, 2);
  mmio_tree_free (t);

  /* OpenDML: 'AVIX' forms after 'AVI ' are the format, not a duplicate. */
  b = g_byte_array_new ();
  at = rb_begin (b, "RIFF", "AVI ");
  rb_chunk (b, "JUNK", "1234", 4);
  rb_end (b, at);
  at = rb_begin (b, "RIFF", "AVIX");
  rb_chunk (b, "JUNK", "1234", 4);
  rb_end (b, at);
  g_assert_cmpint (walk (b, &t), ==, MMSYSERR_NOERROR);
  assert_no_findings (t);
  mmio_tree_free (t);
  g_byte_array_unref (a);
  g_byte_array_unref (b);
}

static void
test_rule_unknown_top_level (void)
{
  GByteArray *a = good_wave ();
  MmioTree *t;
  MmioFinding f;

  rb_chunk (a, "junk", "1234", 4);
  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  f = finding_of (t, MMIO_RULE_UNKNOWN_TOP_LEVEL);
  g_assert_cmpint (f.lOffset, ==, 74);
  g_assert_cmpuint (node (t, f.node).ckid, ==, FCC ("junk"));
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static GByteArray *
wave_with_fact (guint32 fact, guint32 data_bytes)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "WAVE");
  guint8 *zeros = g_malloc0 (data_bytes);
  guint8 f[4];
  memcpy (f, &(guint32) { GUINT32_TO_LE (fact) }, 4);
  rb_fmt_pcm (a, 2, 8000, 16);              /* block align 4 */
  rb_chunk (a, "fact", f, 4);               /* at 36 */
  rb_chunk (a, "data", zeros, data_bytes);
  rb_end (a, riff);
  g_free (zeros);
  return a;
}

static void
test_rule_fact_mismatch (void)
{
  GByteArray *a = wave_with_fact (12, 40);
  MmioTree *t;
  MmioFinding f;

  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  f = finding_of (t, MMIO_RULE_FACT_MISMATCH);
  g_assert_cmpint (f.lOffset, ==, 36);
  g_assert_cmpuint (node (t, f.node).ckid, ==, FCC ("fact"));
  g_assert_nonnull (strstr (f.message, "12"));
  g_assert_nonnull (strstr (f.message, "10"));
  mmio_tree_free (t);
  g_byte_array_unref (a);

  a = wave_with_fact (10, 40);
  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  g_assert_cmpuint (mmio_tree_count_rule (t, MMIO_RULE_FACT_MISMATCH), ==, 0);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

/* IMA ADPCM: 256-byte blocks of 505 frames; the fact count must fit. */
static void
test_rule_fact_mismatch_adpcm (void)
{
  for (int round = 0; round < 2; round++)
    {
      GByteArray *a = g_byte_array_new ();
      GByteArray *fmt = g_byte_array_new ();
      guint riff = rb_begin (a, "RIFF", "WAVE");
      guint8 *zeros = g_malloc0 (512);
      guint32 fact = round == 0 ? 1000 : 2000;   /* 2 blocks hold 506..1010 */
      MmioTree *t;

      rb_le16 (fmt, 0x11);
      rb_le16 (fmt, 1);
      tu_le32 (fmt, 22050);
      tu_le32 (fmt, 11100);
      rb_le16 (fmt, 256);
      rb_le16 (fmt, 4);
      rb_le16 (fmt, 2);
      rb_le16 (fmt, 505);
      rb_chunk (a, "fmt ", fmt->data, fmt->len);
      rb_chunk (a, "fact", &(guint32) { GUINT32_TO_LE (fact) }, 4);
      rb_chunk (a, "data", zeros, 512);
      rb_end (a, riff);
      g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
      g_assert_cmpuint (mmio_tree_count_rule (t, MMIO_RULE_FACT_MISMATCH), ==,
                        round == 0 ? 0 : 1);
      mmio_tree_free (t);
      g_free (zeros);
      g_byte_array_unref (fmt);
      g_byte_array_unref (a);
    }
}

static void
test_rule_bad_fourcc (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "TEST");
  MmioTree *t;
  MmioFinding f;

  tu_bytes (a, "\x01\x02\x03\x04", 4);
  tu_le32 (a, 0);
  rb_end (a, riff);
  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  f = finding_of (t, MMIO_RULE_BAD_FOURCC);
  g_assert_cmpint (f.lOffset, ==, 12);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_rule_not_riff (void)
{
  GByteArray *a = g_byte_array_new ();
  MmioTree *t;
  char *path = tu_path ("empty.bin");
  HMMIO h;

  tu_bytes (a, "Hello, this is plain text, not RIFF.\n", 37);
  g_assert_cmpint (walk (a, &t), ==, MMIOERR_INVALIDFILE);
  finding_of (t, MMIO_RULE_NOT_RIFF);
  mmio_tree_free (t);
  g_byte_array_unref (a);

  /* An empty file. */
  tu_write_file (path, "", 0);
  h = mmioOpen (path, NULL, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmio_tree_walk (h, NULL, &t), ==, MMIOERR_INVALIDFILE);
  finding_of (t, MMIO_RULE_NOT_RIFF);
  g_assert_cmpuint (mmio_tree_n_nodes (t), ==, 0);
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 0), ==, MMIO_NODE_NONE);
  mmio_tree_free (t);
  mmioClose (h, 0);
  g_free (path);
}

/* RF64: the form and 'data' sizes are 0xFFFFFFFF and come from 'ds64'. */
static GByteArray *
rf64_file (gboolean with_ds64)
{
  GByteArray *a = g_byte_array_new ();
  guint8 zeros[40] = { 0 };
  tu_fourcc (a, "RF64");
  tu_le32 (a, 0xFFFFFFFF);
  tu_fourcc (a, "WAVE");
  if (with_ds64)
    {
      tu_fourcc (a, "ds64");
      tu_le32 (a, 28);
      rb_le64 (a, 0);                       /* riff size, patched below */
      rb_le64 (a, 40);                      /* data size */
      rb_le64 (a, 10);                      /* sample count */
      tu_le32 (a, 0);                       /* table length */
    }
  rb_fmt_pcm (a, 2, 8000, 16);
  tu_fourcc (a, "data");
  tu_le32 (a, 0xFFFFFFFF);
  tu_bytes (a, zeros, 40);
  if (with_ds64)
    rb_set_le32 (a, 20, a->len - 8);
  return a;
}

static void
test_rule_ds64 (void)
{
  GByteArray *a = rf64_file (TRUE);
  MmioTree *t;
  MmioNodeId form, data;
  MmioNode n;

  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  assert_no_findings (t);
  form = mmio_tree_child (t, MMIO_NODE_NONE, 0);
  n = node (t, form);
  g_assert_cmpuint (n.ckid, ==, FCC ("RF64"));
  g_assert_cmpint (n.lSize, ==, a->len - 8);
  g_assert_true (n.dwFlags & MMIO_NODE_DS64);
  g_assert_cmpuint (n.ulChildren, ==, 3);
  data = mmio_tree_child (t, form, 2);
  n = node (t, data);
  g_assert_cmpuint (n.ckid, ==, FCC ("data"));
  g_assert_cmpint (n.lSize, ==, 40);
  g_assert_true (n.dwFlags & MMIO_NODE_DS64);
  mmio_tree_free (t);
  g_byte_array_unref (a);

  a = rf64_file (FALSE);
  g_assert_cmpint (walk (a, &t), ==, MMIOERR_INVALIDFILE);
  finding_of (t, MMIO_RULE_DS64);
  /* One finding for the missing ds64, one for the 'data' size it lacks. */
  g_assert_cmpuint (mmio_tree_count_rule (t, MMIO_RULE_DS64), ==, 2);
  mmio_tree_free (t);
  g_byte_array_unref (a);

  /* BW64, and a chunk other than 'data' sized through the ds64 table. */
  a = g_byte_array_new ();
  tu_fourcc (a, "BW64");
  tu_le32 (a, 0xFFFFFFFF);
  tu_fourcc (a, "WAVE");
  tu_fourcc (a, "ds64");
  tu_le32 (a, 28 + 12);
  rb_le64 (a, 0);                           /* riff size, patched below */
  rb_le64 (a, 0);
  rb_le64 (a, 0);
  tu_le32 (a, 1);                           /* one table entry: */
  tu_fourcc (a, "big ");
  rb_le64 (a, 6);                           /* 'big ' is 6 bytes */
  tu_fourcc (a, "big ");
  tu_le32 (a, 0xFFFFFFFF);
  tu_bytes (a, "123456", 6);
  rb_chunk (a, "tail", "ab", 2);
  rb_set_le32 (a, 20, a->len - 8);
  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  assert_no_findings (t);
  form = mmio_tree_child (t, MMIO_NODE_NONE, 0);
  g_assert_cmpuint (node (t, form).ckid, ==, FCC ("BW64"));
  g_assert_cmpuint (node (t, form).ulChildren, ==, 3);
  data = mmio_tree_child (t, form, 1);
  g_assert_cmpint (node (t, data).lSize, ==, 6);
  g_assert_true (node (t, data).dwFlags & MMIO_NODE_DS64);
  g_assert_cmpuint (node (t, mmio_tree_child (t, form, 2)).ckid, ==, FCC ("tail"));
  mmio_tree_free (t);
  g_byte_array_unref (a);

  /* A ds64 form size smaller than the chunks already read is refused: the
   * form keeps running to the end of the file (found by fuzz-walker). */
  a = rf64_file (TRUE);
  rb_set_le32 (a, 20, 0);
  g_assert_cmpint (walk (a, &t), ==, MMIOERR_INVALIDFILE);
  finding_of (t, MMIO_RULE_DS64);
  form = mmio_tree_child (t, MMIO_NODE_NONE, 0);
  g_assert_cmpint (node (t, form).lClampedSize, ==, a->len - 8);
  g_assert_cmpuint (node (t, form).ulChildren, ==, 3);
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 12), ==, mmio_tree_child (t, form, 0));
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_smf_tree (void)
{
  GByteArray *a = rb_smf (2, 2);
  MmioTree *t;
  MmioNode n;

  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  assert_no_findings (t);
  g_assert_cmpuint (mmio_tree_n_children (t, MMIO_NODE_NONE), ==, 3);
  n = node (t, mmio_tree_child (t, MMIO_NODE_NONE, 0));
  g_assert_cmpuint (n.ckid, ==, FCC ("MThd"));
  g_assert_cmpint (n.lSize, ==, 6);
  g_assert_true (n.dwFlags & MMIO_NODE_BIG_ENDIAN);
  n = node (t, mmio_tree_child (t, MMIO_NODE_NONE, 2));
  g_assert_cmpuint (n.ckid, ==, FCC ("MTrk"));
  g_assert_cmpint (n.lOffset, ==, 14 + 8 + 19);
  g_assert_cmpint (n.lSize, ==, 19);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_rule_smf_tracks (void)
{
  GByteArray *a = rb_smf (3, 1);
  MmioTree *t;
  MmioFinding f;
  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  f = finding_of (t, MMIO_RULE_SMF_TRACKS);
  g_assert_cmpint (f.lOffset, ==, 0);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

/* RIFF 'RMID' { data { MThd MTrk } }: the SMF inside is a subtree. */
static void
test_rmid_tree (void)
{
  GByteArray *smf = rb_smf (1, 1);
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "RMID");
  MmioTree *t;
  MmioNodeId data;
  MmioNode n;

  rb_chunk (a, "data", smf->data, smf->len);
  rb_end (a, riff);
  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  assert_no_findings (t);
  data = mmio_tree_child (t, mmio_tree_child (t, MMIO_NODE_NONE, 0), 0);
  g_assert_cmpuint (mmio_tree_n_children (t, data), ==, 2);
  n = node (t, mmio_tree_child (t, data, 1));
  g_assert_cmpuint (n.ckid, ==, FCC ("MTrk"));
  g_assert_cmpint (n.lOffset, ==, 20 + 14);
  g_assert_cmpuint (n.ulDepth, ==, 2);
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 20 + 14 + 9), ==,
                    mmio_tree_child (t, data, 1));
  mmio_tree_free (t);
  g_byte_array_unref (a);
  g_byte_array_unref (smf);
}

/* ---- Hostile files ------------------------------------------------------ */

static void
test_hostile_ten_bytes (void)
{
  static const char *const files[] = {
    "RIFF\x04\x00\x00\x00WA", "RIFF\xff\xff\xff\xffWA",
    "\0\0\0\0\0\0\0\0\0\0", "MThd\0\0\0\x06\0\x01",
  };
  static const LONG clamped[] = { 2, 2, 0, 2 };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      GByteArray *a = g_byte_array_new ();
      MmioTree *t;
      MMRESULT r;
      tu_bytes (a, files[i], 10);
      r = walk (a, &t);
      g_assert_cmpint (r, ==, MMIOERR_INVALIDFILE);
      g_assert_cmpuint (mmio_tree_n_findings (t), >, 0);
      g_assert_cmpuint (mmio_tree_n_nodes (t), ==, 1);
      g_assert_cmpint (node (t, 0).lClampedSize, ==, clamped[i]);
      mmio_tree_free (t);
      g_byte_array_unref (a);
    }
}

static void
test_hostile_riff_ffffffff (void)
{
  GByteArray *a = good_wave ();
  MmioTree *t;
  MmioNode n;

  rb_set_le32 (a, 4, 0xFFFFFFFF);
  g_assert_cmpint (walk (a, &t), ==, MMIOERR_INVALIDFILE);
  n = node (t, 0);
  g_assert_cmpint (n.lSize, ==, 0xFFFFFFFFLL);
  g_assert_cmpint (n.lClampedSize, ==, 66);
  g_assert_cmpuint (n.ulChildren, ==, 3);   /* the children are all there */
  finding_of (t, MMIO_RULE_TRUNCATED_FILE);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_hostile_zero_size_chunks (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "TEST");
  MmioTree *t;
  MmioNodeId form;

  for (int i = 0; i < 100000; i++)
    rb_chunk (a, "zero", NULL, 0);
  rb_end (a, riff);
  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  assert_no_findings (t);
  form = mmio_tree_child (t, MMIO_NODE_NONE, 0);
  g_assert_cmpuint (mmio_tree_n_children (t, form), ==, 100000);
  g_assert_cmpint (node (t, mmio_tree_child (t, form, 99999)).lOffset, ==,
                   12 + 8 * 99999);
  g_assert_cmpuint (mmio_tree_node_at_offset (t, 12 + 8 * 54321 + 3), ==,
                    mmio_tree_child (t, form, 54321));
  mmio_tree_free (t);
  g_byte_array_unref (a);

  /* The same chunks at the top level: each is unknown there; the findings
   * are listed up to a cap and summarised. */
  a = g_byte_array_new ();
  for (int i = 0; i < 100000; i++)
    tu_bytes (a, "\0\0\0\0\0\0\0\0", 8);
  g_assert_cmpint (walk (a, &t), ==, MMIOERR_INVALIDFILE);
  g_assert_cmpuint (mmio_tree_n_nodes (t), ==, 100000);
  g_assert_cmpuint (mmio_tree_count_rule (t, MMIO_RULE_UNKNOWN_TOP_LEVEL), ==, 100000);
  g_assert_cmpuint (mmio_tree_count_rule (t, MMIO_RULE_BAD_FOURCC), ==, 100000);
  g_assert_cmpuint (mmio_tree_n_findings (t), <, 500);
  finding_of (t, MMIO_RULE_SUPPRESSED);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_hostile_deep_nesting (void)
{
  GByteArray *a = g_byte_array_new ();
  const guint depth = 100000;
  MmioTree *t;
  MmioFinding f;
  MmioTreeOptions o = { sizeof o };

  rb_begin (a, "RIFF", "DEEP");
  for (guint i = 1; i < depth; i++)
    rb_begin (a, "LIST", "deep");
  for (guint i = 0; i < depth; i++)
    rb_set_le32 (a, 12 * i + 4, a->len - 12 * i - 8);
  g_assert_cmpint (walk (a, &t), ==, MMSYSERR_NOERROR);
  f = finding_of (t, MMIO_RULE_DEPTH_LIMIT);
  g_assert_cmpuint (mmio_tree_n_nodes (t), ==, 64);
  g_assert_true (node (t, f.node).dwFlags & MMIO_NODE_CUT);
  g_assert_false (mmio_tree_is_complete (t));
  mmio_tree_free (t);

  o.ulMaxDepth = 5;
  g_assert_cmpint (walk_opts (a, &o, &t), ==, MMSYSERR_NOERROR);
  g_assert_cmpuint (mmio_tree_n_nodes (t), ==, 5);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

static void
test_rule_node_limit (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "TEST");
  MmioTreeOptions o = { sizeof o };
  MmioTree *t;

  for (int i = 0; i < 100; i++)
    rb_chunk (a, "zero", NULL, 0);
  rb_end (a, riff);
  o.ulMaxNodes = 10;
  g_assert_cmpint (walk_opts (a, &o, &t), ==, MMSYSERR_NOERROR);
  finding_of (t, MMIO_RULE_NODE_LIMIT);
  g_assert_cmpuint (mmio_tree_n_nodes (t), ==, 10);
  g_assert_false (mmio_tree_is_complete (t));
  g_assert_true (node (t, 0).dwFlags & MMIO_NODE_CUT);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

/* ---- Modes -------------------------------------------------------------- */

static void
test_strict (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "TEST");
  guint list = rb_begin (a, "LIST", "abcd");
  MmioTreeOptions o = { sizeof o };
  MmioTree *t;

  rb_chunk (a, "long", "12345678", 8);
  rb_end (a, list);
  rb_chunk (a, "next", "ab", 2);
  rb_end (a, riff);
  rb_set_le32 (a, 28, 100);
  o.dwFlags = MMIO_TREE_STRICT;
  g_assert_cmpint (walk_opts (a, &o, &t), ==, MMIOERR_INVALIDFILE);
  g_assert_false (mmio_tree_is_complete (t));
  g_assert_cmpuint (mmio_tree_n_nodes (t), ==, 3);   /* 'next' never reached */
  g_assert_true (node (t, 0).dwFlags & MMIO_NODE_CUT);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

typedef struct
{
  guint calls;
  guint cancel_after;
  LONG last_done, last_total;
} Progress;

static BOOL
on_progress (LONG done, LONG total, void *user)
{
  Progress *p = user;
  g_assert_cmpint (done, >=, p->last_done);
  g_assert_cmpint (done, <=, total);
  p->last_done = done;
  p->last_total = total;
  return ++p->calls < p->cancel_after;
}

static void
test_progress_and_cancel (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "TEST");
  MmioTreeOptions o = { sizeof o };
  Progress p = { 0 };
  MmioTree *t;

  for (int i = 0; i < 50000; i++)
    rb_chunk (a, "zero", NULL, 0);
  rb_end (a, riff);
  o.pfnProgress = on_progress;
  o.pUser = &p;
  p.cancel_after = 1000;
  g_assert_cmpint (walk_opts (a, &o, &t), ==, MMSYSERR_NOERROR);
  g_assert_cmpuint (p.calls, >=, 2);
  g_assert_cmpint (p.last_done, ==, a->len);
  g_assert_cmpint (p.last_total, ==, a->len);
  g_assert_true (mmio_tree_is_complete (t));
  mmio_tree_free (t);

  memset (&p, 0, sizeof p);
  p.cancel_after = 2;
  g_assert_cmpint (walk_opts (a, &o, &t), ==, MMIOERR_CANCELLED);
  g_assert_cmpstr (mmioErrorString (MMIOERR_CANCELLED), !=,
                   mmioErrorString (MMIOERR_LAST + 1000));
  g_assert_false (mmio_tree_is_complete (t));
  g_assert_cmpuint (p.calls, ==, 2);
  g_assert_cmpuint (mmio_tree_n_nodes (t), <, 50001);
  g_assert_cmpuint (mmio_tree_n_nodes (t), >, 0);
  g_assert_true (node (t, 0).dwFlags & MMIO_NODE_CUT);
  mmio_tree_free (t);
  g_byte_array_unref (a);
}

typedef struct
{
  GByteArray *bytes;
  gint        cancel;         /* atomic: set by another thread */
  MMRESULT    result;
  ULONG       nodes;
} ThreadWalk;

static BOOL
on_progress_flag (LONG done, LONG total, void *user)
{
  ThreadWalk *tw = user;
  return !g_atomic_int_get (&tw->cancel);
}

static gpointer
walk_thread (gpointer data)
{
  ThreadWalk *tw = data;
  MmioTreeOptions o = { sizeof o };
  HMMIO h = rb_open_mem (tw->bytes);
  MmioTree *t = NULL;

  o.pfnProgress = on_progress_flag;
  o.pUser = tw;
  tw->result = mmio_tree_walk (h, &o, &t);
  tw->nodes = mmio_tree_n_nodes (t);
  mmio_tree_free (t);
  mmioClose (h, 0);
  return NULL;
}

/* Walks run in worker threads, each on its own handle, and a flag another
 * thread sets cancels one through its progress callback. */
static void
test_worker_threads (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "TEST");
  ThreadWalk tw[4];
  GThread *th[4];

  for (int i = 0; i < 30000; i++)
    rb_chunk (a, "zero", NULL, 0);
  rb_end (a, riff);
  for (int i = 0; i < 4; i++)
    {
      tw[i].bytes = a;
      tw[i].cancel = (i == 0);      /* cancelled before it starts */
      th[i] = g_thread_new ("walk", walk_thread, &tw[i]);
    }
  for (int i = 0; i < 4; i++)
    g_thread_join (th[i]);
  g_assert_cmpint (tw[0].result, ==, MMIOERR_CANCELLED);
  g_assert_cmpuint (tw[0].nodes, <, 30001);
  for (int i = 1; i < 4; i++)
    {
      g_assert_cmpint (tw[i].result, ==, MMSYSERR_NOERROR);
      g_assert_cmpuint (tw[i].nodes, ==, 30001);
    }
  g_byte_array_unref (a);
}

static void
test_describe_on_demand (void)
{
  GByteArray *a = g_byte_array_new ();
  guint riff = rb_begin (a, "RIFF", "TEST");
  guint info = rb_begin (a, "LIST", "INFO");
  MmioTreeOptions o = { sizeof o };
  MmioTree *t;
  MmioNodeId list, second;
  HMMIO h;
  MmioField f;

  rb_chunk (a, "INAM", "One", 4);
  rb_chunk (a, "IART", "Two", 4);
  rb_end (a, info);
  rb_end (a, riff);
  o.ulDescribePerParent = 1;
  h = rb_open_mem (a);
  g_assert_cmpint (mmio_tree_walk (h, &o, &t), ==, 0);
  list = mmio_tree_child (t, mmio_tree_child (t, MMIO_NODE_NONE, 0), 0);
  g_assert_cmpstr (mmio_tree_field_value (t, mmio_tree_child (t, list, 0), "INAM"),
                   ==, "One");
  second = mmio_tree_child (t, list, 1);
  g_assert_false (node (t, second).dwFlags & MMIO_NODE_DESCRIBED);
  g_assert_cmpuint (mmio_tree_n_fields (t, second), ==, 0);
  g_assert_cmpint (mmio_tree_describe (t, h, second), ==, 0);
  g_assert_true (node (t, second).dwFlags & MMIO_NODE_DESCRIBED);
  g_assert_cmpuint (mmio_tree_n_fields (t, second), ==, 1);
  g_assert_true (mmio_tree_get_field (t, second, 0, &f));
  g_assert_cmpstr (f.key, ==, "IART");
  g_assert_cmpstr (f.value, ==, "Two");
  g_assert_nonnull (f.label);
  g_assert_false (mmio_tree_get_field (t, second, 1, &f));
  /* Asking twice changes nothing. */
  g_assert_cmpint (mmio_tree_describe (t, h, second), ==, 0);
  g_assert_cmpuint (mmio_tree_n_fields (t, second), ==, 1);
  g_assert_cmpint (mmio_tree_describe (t, h, 999), ==, MMSYSERR_INVALPARAM);
  mmio_tree_free (t);

  /* NODESCRIBE: nothing is described at all. */
  o.dwFlags = MMIO_TREE_NODESCRIBE;
  o.ulDescribePerParent = 0;
  g_assert_cmpint (mmio_tree_walk (h, &o, &t), ==, 0);
  g_assert_cmpuint (mmio_tree_format (t), ==, 0);
  for (ULONG i = 0; i < mmio_tree_n_nodes (t); i++)
    g_assert_false (node (t, i).dwFlags & MMIO_NODE_DESCRIBED);
  mmio_tree_free (t);
  mmioClose (h, 0);
  g_byte_array_unref (a);
}

/* ---- Real files ------------------------------------------------------- */

static void
walk_real (const char *path, FOURCC form, gboolean allow_errors)
{
  HMMIO h = mmioOpen ((LPSTR) path, NULL, MMIO_READ);
  MmioTree *t;
  MMRESULT r;
  MmioNode n;

  g_assert_nonnull (h);
  r = mmio_tree_walk (h, NULL, &t);
  if (!allow_errors)
    g_assert_cmpint (r, ==, MMSYSERR_NOERROR);
  g_assert_true (mmio_tree_is_complete (t));
  n = node (t, mmio_tree_child (t, MMIO_NODE_NONE, 0));
  g_assert_cmpuint (n.ckid, ==, FOURCC_RIFF);
  g_assert_cmpuint (n.fccType, ==, form);
  g_assert_cmpuint (n.ulChildren, >, 0);
  mmio_tree_free (t);
  mmioClose (h, 0);
}

static void
test_real_alsa_wavs (void)
{
  GDir *d = g_dir_open ("/usr/share/sounds/alsa", 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    {
      g_test_skip ("alsa-utils sounds not installed");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".wav"))
      {
        char *p = g_build_filename ("/usr/share/sounds/alsa", name, NULL);
        walk_real (p, FCC ("WAVE"), FALSE);
        g_free (p);
        n++;
      }
  g_dir_close (d);
  g_assert_cmpuint (n, >, 0);
}

static void
test_real_soundfont (void)
{
  const char *p = "/usr/share/sounds/sf2/TimGM6mb.sf2";
  if (!g_file_test (p, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("timgm6mb-soundfont not installed");
      return;
    }
  walk_real (p, FCC ("sfbk"), FALSE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/walker/tree-shape", test_tree_shape);
  g_test_add_func ("/walker/bad-args", test_bad_args);
  g_test_add_func ("/walker/position-kept", test_position_kept);
  g_test_add_func ("/walker/same-tree-any-storage", test_same_tree_any_storage);
  g_test_add_func ("/walker/rule/size-past-parent", test_rule_size_past_parent);
  g_test_add_func ("/walker/rule/size-past-eof", test_rule_size_past_eof);
  g_test_add_func ("/walker/rule/truncated-file", test_rule_truncated_file);
  g_test_add_func ("/walker/rule/truncated-header", test_rule_truncated_header);
  g_test_add_func ("/walker/rule/missing-pad", test_rule_missing_pad);
  g_test_add_func ("/walker/rule/odd-size", test_rule_odd_size);
  g_test_add_func ("/walker/rule/list-too-small", test_rule_list_too_small);
  g_test_add_func ("/walker/rule/fmt-after-data", test_rule_fmt_after_data);
  g_test_add_func ("/walker/rule/duplicate-riff", test_rule_duplicate_riff);
  g_test_add_func ("/walker/rule/unknown-top-level", test_rule_unknown_top_level);
  g_test_add_func ("/walker/rule/fact-mismatch", test_rule_fact_mismatch);
  g_test_add_func ("/walker/rule/fact-mismatch-adpcm", test_rule_fact_mismatch_adpcm);
  g_test_add_func ("/walker/rule/bad-fourcc", test_rule_bad_fourcc);
  g_test_add_func ("/walker/rule/not-riff", test_rule_not_riff);
  g_test_add_func ("/walker/rule/ds64", test_rule_ds64);
  g_test_add_func ("/walker/rule/smf-tracks", test_rule_smf_tracks);
  g_test_add_func ("/walker/rule/node-limit", test_rule_node_limit);
  g_test_add_func ("/walker/smf-tree", test_smf_tree);
  g_test_add_func ("/walker/rmid-tree", test_rmid_tree);
  g_test_add_func ("/walker/hostile/ten-bytes", test_hostile_ten_bytes);
  g_test_add_func ("/walker/hostile/riff-ffffffff", test_hostile_riff_ffffffff);
  g_test_add_func ("/walker/hostile/zero-size-chunks", test_hostile_zero_size_chunks);
  g_test_add_func ("/walker/hostile/deep-nesting", test_hostile_deep_nesting);
  g_test_add_func ("/walker/strict", test_strict);
  g_test_add_func ("/walker/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/walker/describe-on-demand", test_describe_on_demand);
  g_test_add_func ("/walker/worker-threads", test_worker_threads);
  g_test_add_func ("/walker/real/alsa-wavs", test_real_alsa_wavs);
  g_test_add_func ("/walker/real/soundfont", test_real_soundfont);
  return g_test_run ();
}
