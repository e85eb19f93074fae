/* fuzz-walker.c — libFuzzer target: the chunk-tree walker and every chunk
 * decoder over arbitrary bytes in a memory file. The walk runs tolerant and
 * strict with small caps, every node is queried and described on demand,
 * offsets are looked up; then each built-in file-format IOProc identifies
 * the bytes and describes them as the chunk id the first byte picks. Nothing may read
 * outside the block, hang, crash or leak. */
#include <mmio/mmio-inspect.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
add_field (MMIOFIELDSINK *sink, const char *key, const char *label,
           const char *value, const char *unit)
{
  /* Touch every byte, so a dangling or unterminated string is caught. */
  size_t *n = sink->pUser;
  *n += strlen (key) + strlen (label) + strlen (value) + (unit ? strlen (unit) : 0);
}

static void
add_finding (MMIOFIELDSINK *sink, const char *rule, const char *message)
{
  size_t *n = sink->pUser;
  *n += strlen (rule) + strlen (message);
}

static const char *const formats[] = { "AVI ", "MIDI", "sfbk", "WEBP", "ACON",
                                       "RIFF", "WAVE" };
static const char *const ids[] = {
  "avih", "strh", "strf", "strn", "idx1", "indx", "ix00", "dmlh", "MThd",
  "MTrk", "data", "ifil", "iver", "isng", "INAM", "phdr", "pbag", "pmod",
  "pgen", "inst", "ibag", "imod", "igen", "shdr", "smpl", "sm24", "VP8 ",
  "VP8L", "VP8X", "ANIM", "ANMF", "ALPH", "ICCP", "anih", "rate", "seq ",
  "icon", "CSET", "DISP", "labl", "note", "ltxt", "id3 ", "JUNK", "fmt ",
  "fact", "bext", "cue ", "ds64", "RIFF", "LIST",
};
static const char *const parents[] = { "INFO", "pdta", "sdta", "movi", "adtl",
                                       "fram", "hdrl", "strl", "WEBP" };
static const char *const forms[] = { "AVI ", "RMID", "sfbk", "WEBP", "ACON",
                                     "WAVE", "ZZZZ" };

static void
walk_once (HMMIO h, DWORD flags, ULONG depth, ULONG nodes)
{
  MmioTreeOptions o = { sizeof o };
  MmioTree *t = NULL;
  ULONG n;

  o.dwFlags = flags;
  o.ulMaxDepth = depth;
  o.ulMaxNodes = nodes;
  o.ulDescribePerParent = 4;
  o.lMaxRead = 512;
  mmio_tree_walk (h, &o, &t);
  if (t == NULL)
    return;
  n = mmio_tree_n_nodes (t);
  for (ULONG i = 0; i < n && i < 4096; i++)
    {
      MmioNode nd;
      MmioField f;
      MmioFinding fi;
      mmio_tree_get_node (t, i, &nd);
      mmio_tree_describe (t, h, i);
      for (ULONG k = 0; mmio_tree_get_field (t, i, k, &f); k++)
        if (strlen (f.key) + strlen (f.value) == 0)
          abort ();
      for (ULONG k = 0; mmio_tree_node_get_finding (t, i, k, &fi); k++)
        if (fi.node != i)
          abort ();
      if (mmio_tree_node_at_offset (t, nd.lOffset) == MMIO_NODE_NONE)
        abort ();   /* a node's header always belongs to some node */
      for (ULONG c = 0; c < mmio_tree_n_children (t, i) && c < 64; c++)
        if (mmio_tree_get_node (t, mmio_tree_child (t, i, c), &nd)
            && nd.parent != i)
          abort ();
    }
  for (ULONG k = 0; k < mmio_tree_n_findings (t); k++)
    {
      MmioFinding fi;
      mmio_tree_get_finding (t, k, &fi);
    }
  mmio_tree_node_at_offset (t, mmio_tree_file_size (t) / 2);
  mmio_tree_free (t);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  MMIOINFO info;
  HMMIO h;
  char *copy;
  size_t sink_bytes = 0;
  MMIOFIELDSINK sink = { add_field, add_finding, &sink_bytes };

  if (size == 0 || size > (1u << 20))
    return 0;
  copy = malloc (size);
  memcpy (copy, data, size);
  memset (&info, 0, sizeof info);
  info.fccIOProc = FOURCC_MEM;
  info.pchBuffer = copy;
  info.cchBuffer = (LONG) size;
  h = mmioOpen (NULL, &info, MMIO_READ);
  if (h == NULL)
    {
      free (copy);
      return 0;
    }

  walk_once (h, 0, 0, 0);
  walk_once (h, MMIO_TREE_STRICT, 6, 300);

  for (size_t p = 0; p < sizeof formats / sizeof formats[0]; p++)
    {
      LPMMIOPROC proc = mmioInstallIOProc (mmioStringToFOURCC (formats[p], 0),
                                           NULL, MMIO_FINDPROC);
      MMIOINFO scratch;
      if (proc == NULL)
        continue;
      memset (&scratch, 0, sizeof scratch);
      proc ((LPSTR) &scratch, MMIOM_IDENTIFYFILE, 0, (LPARAM) h);
      {
        /* The chunk id, form and parent come from the first two bytes, the
         * payload is the rest, in an exact-size block so the sanitizer sees
         * any read past it. */
        MMIOCHUNKDESC d = { sizeof d };
        size_t len = size > 2 ? size - 2 : 0;
        uint8_t sel = data[0], ctx = size > 1 ? data[1] : 0;
        uint8_t *payload = malloc (len ? len : 1);
        memcpy (payload, data + (size - len), len);
        d.ckid = mmioStringToFOURCC (ids[sel % (sizeof ids / sizeof ids[0])], 0);
        d.fccType = (d.ckid == FOURCC_RIFF || d.ckid == FOURCC_LIST)
                    ? mmioStringToFOURCC (parents[(ctx >> 4) % 9], 0) : 0;
        d.fccForm = mmioStringToFOURCC (forms[(ctx & 0x0F) % 7], 0);
        d.fccParent = mmioStringToFOURCC (parents[(ctx >> 4) % 9], 0);
        d.lOffset = 0;
        d.lSize = (sel & 0x80) ? (LONG) len * 3 + 1 : (LONG) len;
        d.pData = len ? payload : NULL;
        d.cbData = (LONG) len;
        memset (&scratch, 0, sizeof scratch);
        proc ((LPSTR) &scratch, MMIOM_DESCRIBECHUNK, (LPARAM) &d,
              (LPARAM) &sink);
        free (payload);
      }
    }

  mmioClose (h, 0);
  free (copy);
  return 0;
}
