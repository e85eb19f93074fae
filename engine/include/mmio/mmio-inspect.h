/* mmio-inspect.h — the chunk-tree walker: what the inspector window and the
 * command line show about a file's structure.
 *
 * Given an open HMMIO, mmio_tree_walk() reads every chunk header (never a
 * payload, except the capped head of a chunk a describer asks about and
 * the few bytes its own rules need: 'fmt ', 'ds64'), and
 * builds an MmioTree: a flat, compact array of nodes (48 bytes each,
 * no per-node allocation), the decoded fields of known chunks, and the
 * findings — every RIFF rule the file breaks, with the node and offset.
 *
 * What it understands:
 *  - RIFF forms and LIST nesting, with pad bytes after odd chunks;
 *  - RF64 and BW64 forms, whose 0xFFFFFFFF sizes come from the ds64 chunk;
 *  - several top-level forms (OpenDML 'AVIX' extensions, or a broken file);
 *  - Standard MIDI Files (big-endian 'MThd'/'MTrk' chunks), at top level
 *    or inside the 'data' chunk of a RIFF 'RMID' form.
 *
 * Chunk fields come from MMIOM_DESCRIBECHUNK (see mmio-ioproc.h), sent
 * first to the file-format IOProc that identifies the file and then to the
 * generic describer (the IOProc installed as 'RIFF'), so a user's IOProc
 * describes its own chunks the same way the built-ins do.
 *
 * Hostile input is expected: sizes are clamped to the parent and to the
 * end of the file, depth and node count are capped, repeated findings of
 * one rule are summarised; each of these is said in a finding. The walk
 * never loops: every step moves forward by at least one chunk header.
 *
 * Threads: a walk uses its HMMIO the whole time (one thread per handle, as
 * for every MMIO call) and may run in a worker thread; the progress
 * callback is called on that thread and may cancel. A finished tree is
 * read-only apart from mmio_tree_describe(), and may then be read from any
 * thread that does not run mmio_tree_describe() at the same time.
 *
 * Plain C: no GLib or GTK types cross this header.
 */
#ifndef MMIO_MMIO_INSPECT_H
#define MMIO_MMIO_INSPECT_H

#include <mmio/mmio-ioproc.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Riffscope: the walk was cancelled by its progress callback. The tree
 * returned holds what was walked so far. Clear of the codes in mmio.h. */
#define MMIOERR_CANCELLED  (MMIOERR_OS2_BASE + 60)

typedef struct _MmioTree MmioTree;

/* A node is named by its index in the tree: 0 … n_nodes − 1, in file
 * order (pre-order: a parent before its children). */
typedef uint32_t MmioNodeId;
#define MMIO_NODE_NONE ((MmioNodeId) 0xFFFFFFFFu)  /* "no node" / the top level */

/* ---- Walk options ----------------------------------------------------- */

/* mmio_tree_walk() flags (MmioTreeOptions.dwFlags). */
#define MMIO_TREE_STRICT      0x0001  /* stop at the first ERROR-level finding */
#define MMIO_TREE_NODESCRIBE  0x0002  /* list chunks only: no describers, no
                                       * payload read but the rules' bytes */

/* Progress: bytes of the file covered so far, of lTotal (the file size).
 * Called on the walking thread every few thousand chunks and at the end.
 * Return FALSE to cancel the walk (mmio_tree_walk then returns
 * MMIOERR_CANCELLED). */
typedef BOOL (*MmioTreeProgress) (LONG lDone, LONG lTotal, void *pUser);

typedef struct _MmioTreeOptions {
  ULONG  ulStructLen;     /* sizeof (MmioTreeOptions) */
  DWORD  dwFlags;         /* MMIO_TREE_* */
  /* The IOProc asked first to describe chunks; 0: identify the data by
   * sending MMIOM_IDENTIFYFILE over the handle to each installed
   * file-format IOProc, newest first (a handle already opened through a
   * file-format IOProc uses that one). */
  FOURCC fccFormat;
  /* Bytes of one chunk read to describe it (0: 64 KiB). Larger chunks are
   * described from their first lMaxRead bytes (MMIOCHUNKDESC.cbData). */
  LONG   lMaxRead;
  /* Chunks described during the walk per parent (0: 256). The rest (the
   * frames of a 'movi' list) are described on demand by
   * mmio_tree_describe(), so a walk never reads a million payloads. A
   * RIFF/LIST chunk is described after its children, from their FOURCCs
   * (see MMIOM_DESCRIBECHUNK). */
  ULONG  ulDescribePerParent;
  ULONG  ulMaxDepth;      /* nesting cap (0: 64); deeper lists are not entered */
  ULONG  ulMaxNodes;      /* node cap (0: 16 Mi); the walk stops there */
  MmioTreeProgress pfnProgress;  /* may be NULL */
  void  *pUser;
} MmioTreeOptions;

/* ---- Walking ---------------------------------------------------------- */

/* Walk the file behind hmmio from offset 0 and build its tree. options may
 * be NULL (tolerant, identify, default caps). The handle must give the
 * file's own bytes (not opened with MMIO_TRANSLATEDATA). Its position is
 * restored afterwards.
 *
 * *ptree receives a tree whenever the walk started (even when the result
 * is an error); free it with mmio_tree_free(). Returns:
 *  MMSYSERR_NOERROR      no ERROR-level finding (there may be warnings);
 *  MMIOERR_INVALIDFILE   the tree is built (in strict mode: up to the first
 *                        error) and at least one ERROR-level finding says
 *                        what is wrong;
 *  MMIOERR_CANNOTREAD, MMIOERR_CANNOTSEEK  the storage failed mid-walk;
 *  MMIOERR_CANCELLED     the progress callback returned FALSE;
 *  MMSYSERR_INVALHANDLE, MMSYSERR_INVALPARAM  (no tree; INVALPARAM also
 *                        for a handle that translates data);
 *  MMSYSERR_NOMEM        (no tree). */
MMIO_API MMRESULT mmio_tree_walk (HMMIO hmmio, const MmioTreeOptions *options,
                                  MmioTree **ptree);

MMIO_API void mmio_tree_free (MmioTree *tree);

/* Describe a node the walk left undescribed (see ulDescribePerParent):
 * reads up to lMaxRead bytes of it through hmmio (the handle walked, or
 * another on the same file) — for a RIFF/LIST node, takes its children's
 * FOURCCs from the tree instead — and asks the describers. Its fields and
 * findings are then available as for any other node. A node already
 * described is left alone. Restores hmmio's position. Returns
 * MMSYSERR_NOERROR, MMSYSERR_INVALPARAM, or a read/seek error code. */
MMIO_API MMRESULT mmio_tree_describe (MmioTree *tree, HMMIO hmmio,
                                      MmioNodeId node);

/* ---- The tree --------------------------------------------------------- */

/* Node flags (MmioNode.dwFlags). */
#define MMIO_NODE_CONTAINER    0x0001  /* RIFF/LIST/RF64/BW64: fccType, children */
#define MMIO_NODE_CLAMPED      0x0002  /* declared size ran past parent or file */
#define MMIO_NODE_DESCRIBED    0x0004  /* the describers have been asked */
#define MMIO_NODE_HAS_FINDINGS 0x0008
#define MMIO_NODE_BIG_ENDIAN   0x0010  /* an SMF chunk (big-endian size) */
#define MMIO_NODE_DS64         0x0020  /* size taken from the ds64 chunk */
#define MMIO_NODE_CUT          0x0040  /* children not listed: depth/node cap,
                                        * strict stop or cancellation */
#define MMIO_NODE_MISSING_PAD  0x0080  /* odd size and no pad byte follows */

typedef struct _MmioNode {
  FOURCC     ckid;          /* chunk id ('RIFF', 'LIST', 'fmt ', 'MTrk' …) */
  FOURCC     fccType;       /* form/list type of a container, else 0 */
  LONG       lOffset;       /* file offset of the chunk header */
  LONG       lDataOffset;   /* file offset of the data (a container's data
                             * starts with its 4-byte type) */
  LONG       lSize;         /* declared data size (from ds64 for RF64) */
  LONG       lClampedSize;  /* data bytes actually inside parent and file */
  MmioNodeId parent;        /* MMIO_NODE_NONE at top level */
  ULONG      ulChildren;    /* number of direct children */
  ULONG      ulDepth;       /* 0 at top level */
  DWORD      dwFlags;       /* MMIO_NODE_* */
} MmioNode;

/* One decoded field of a chunk. Strings belong to the tree. */
typedef struct _MmioField {
  const char *key;          /* stable ASCII id: "channels" */
  const char *label;        /* translated: "Channels" */
  const char *value;        /* UTF-8 text: "2" */
  const char *unit;         /* translated unit ("Hz", "bytes") or NULL */
} MmioField;

typedef enum {
  MMIO_FINDING_INFO    = 0,  /* worth knowing, harmless */
  MMIO_FINDING_WARNING = 1,  /* breaks a rule; readers usually cope */
  MMIO_FINDING_ERROR   = 2   /* breaks a rule in a way that loses data */
} MmioFindingLevel;

/* One broken rule. Strings belong to the tree. */
typedef struct _MmioFinding {
  const char      *rule;     /* stable id, one of MMIO_RULE_* or an IOProc's */
  const char      *message;  /* translated sentence */
  LONG             lOffset;  /* file offset the finding is about */
  MmioNodeId       node;     /* the chunk, or MMIO_NODE_NONE for the file */
  MmioFindingLevel level;
} MmioFinding;

/* Rule ids of the walker's findings (IOProcs add their own through
 * MMIOFIELDSINK.AddFinding; those get level WARNING). */
#define MMIO_RULE_SIZE_PAST_PARENT   "size-past-parent"   /* clamped to parent */
#define MMIO_RULE_SIZE_PAST_EOF      "size-past-eof"      /* clamped to file end */
#define MMIO_RULE_TRUNCATED_FILE     "truncated-file"     /* file ends inside a form */
#define MMIO_RULE_TRUNCATED_HEADER   "truncated-header"   /* 1–7 bytes left: no header */
#define MMIO_RULE_MISSING_PAD        "missing-pad"        /* odd chunk without pad byte */
#define MMIO_RULE_ODD_SIZE           "odd-size"           /* odd RIFF/LIST size */
#define MMIO_RULE_LIST_TOO_SMALL     "list-too-small"     /* RIFF/LIST under 4 bytes */
#define MMIO_RULE_FMT_AFTER_DATA     "fmt-after-data"     /* WAVE 'fmt ' after 'data' */
#define MMIO_RULE_DUPLICATE_RIFF     "duplicate-riff"     /* second top-level form */
#define MMIO_RULE_UNKNOWN_TOP_LEVEL  "unknown-top-level"  /* not RIFF/RF64/BW64/SMF */
#define MMIO_RULE_FACT_MISMATCH      "fact-mismatch"      /* 'data' vs 'fact' length */
#define MMIO_RULE_BAD_FOURCC         "bad-fourcc"         /* id not printable ASCII */
#define MMIO_RULE_DS64               "ds64"               /* RF64 without usable ds64 */
#define MMIO_RULE_SMF_TRACKS         "smf-tracks"         /* MThd track count vs MTrk */
#define MMIO_RULE_DEPTH_LIMIT        "depth-limit"        /* nesting over ulMaxDepth */
#define MMIO_RULE_NODE_LIMIT         "node-limit"         /* more than ulMaxNodes */
#define MMIO_RULE_NOT_RIFF           "not-riff"           /* no chunk structure at all */
#define MMIO_RULE_SUPPRESSED         "findings-suppressed" /* later repeats not listed */

/* The FOURCC of the file-format IOProc asked first to describe chunks
 * ('RIFF' when only the generic describer claimed the data; 0 when none
 * did, or with MMIO_TREE_NODESCRIBE). */
MMIO_API FOURCC mmio_tree_format (const MmioTree *tree);
/* The size of the file walked. */
MMIO_API LONG   mmio_tree_file_size (const MmioTree *tree);
/* FALSE when the walk stopped early (strict, cancelled, I/O error, cap). */
MMIO_API BOOL   mmio_tree_is_complete (const MmioTree *tree);

MMIO_API ULONG  mmio_tree_n_nodes (const MmioTree *tree);
/* Copy node id into *node; FALSE for an id out of range. */
MMIO_API BOOL   mmio_tree_get_node (const MmioTree *tree, MmioNodeId id,
                                    MmioNode *node);

/* Children by index, in file order, O(1): parent MMIO_NODE_NONE lists the
 * top-level chunks. This is what a list model per tree row calls; a LIST
 * of a million chunks costs nothing more than its node array. */
MMIO_API ULONG      mmio_tree_n_children (const MmioTree *tree,
                                          MmioNodeId parent);
MMIO_API MmioNodeId mmio_tree_child (const MmioTree *tree, MmioNodeId parent,
                                     ULONG index);

/* The deepest node whose header, data or pad byte covers file offset
 * lOffset (for the hex view), or MMIO_NODE_NONE. O(depth · log n). */
MMIO_API MmioNodeId mmio_tree_node_at_offset (const MmioTree *tree,
                                              LONG lOffset);

/* Decoded fields of a node (none until it is described). */
MMIO_API ULONG mmio_tree_n_fields (const MmioTree *tree, MmioNodeId node);
MMIO_API BOOL  mmio_tree_get_field (const MmioTree *tree, MmioNodeId node,
                                    ULONG index, MmioField *field);
/* The value of the field with this key, or NULL. */
MMIO_API const char *mmio_tree_field_value (const MmioTree *tree,
                                            MmioNodeId node, const char *key);

/* All findings, in the order they were seen. */
MMIO_API ULONG mmio_tree_n_findings (const MmioTree *tree);
MMIO_API BOOL  mmio_tree_get_finding (const MmioTree *tree, ULONG index,
                                      MmioFinding *finding);
/* Findings about one node. */
MMIO_API ULONG mmio_tree_node_n_findings (const MmioTree *tree,
                                          MmioNodeId node);
MMIO_API BOOL  mmio_tree_node_get_finding (const MmioTree *tree,
                                           MmioNodeId node, ULONG index,
                                           MmioFinding *finding);
/* How many findings carry this rule id (counting suppressed repeats). */
MMIO_API ULONG mmio_tree_count_rule (const MmioTree *tree, const char *rule);

#ifdef __cplusplus
}
#endif

#endif /* MMIO_MMIO_INSPECT_H */
