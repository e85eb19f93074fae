/* cmd-file.c — the commands about one file: tree, info, elements, extract
 * and trace. Each builds its JSON document or prints text from the same
 * engine calls (the chunk-tree walker, mmioIdentifyFile, mmioListElements,
 * the message trace). */
#include "cli.h"

#include <mmio/mmio-inspect.h>
#include <mmio/mmio-cf.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>


static HMMIO
open_file (CliContext *cli, const char *name, int *rc)
{
  MMIOINFO mi = { 0 };
  HMMIO h = mmioOpen ((LPSTR) name, &mi, MMIO_READ | MMIO_ALLOCBUF);

  if (h == NULL)
    *rc = cli_fail (cli, CLI_EXIT_FILE, mi.wErrorRet, NULL,
                    _("cannot open “%s”: %s"), name,
                    mmioErrorString (mi.wErrorRet));
  return h;
}

static const char *
level_name (MmioFindingLevel l)
{
  switch (l)
    {
    case MMIO_FINDING_INFO: return "info";
    case MMIO_FINDING_WARNING: return "warning";
    default: return "error";
    }
}

static int
walk_failed (CliContext *cli, const char *name, MMRESULT r)
{
  return cli_fail (cli, CLI_EXIT_FILE, r, NULL, _("cannot read “%s”: %s"),
                   name, mmioErrorString (r));
}

/* ---- tree ----------------------------------------------------------------- */

static void
node_flags (JsonBuilder *b, DWORD f)
{
  static const struct { DWORD bit; const char *name; } names[] = {
    { MMIO_NODE_CLAMPED, "clamped" }, { MMIO_NODE_BIG_ENDIAN, "big-endian" },
    { MMIO_NODE_DS64, "ds64" }, { MMIO_NODE_CUT, "cut" },
    { MMIO_NODE_MISSING_PAD, "missing-pad" },
    { MMIO_NODE_HAS_FINDINGS, "has-findings" },
  };
  json_builder_set_member_name (b, "flags");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (f & names[i].bit)
      json_builder_add_string_value (b, names[i].name);
  json_builder_end_array (b);
}

static void
json_node (JsonBuilder *b, const MmioTree *tree, MmioNodeId id)
{
  MmioNode n;
  ULONG kids;

  mmio_tree_get_node (tree, id, &n);
  json_builder_begin_object (b);
  cli_json_fourcc (b, "id", n.ckid);
  if (n.dwFlags & MMIO_NODE_CONTAINER)
    cli_json_fourcc (b, "type", n.fccType);
  json_builder_set_member_name (b, "offset");
  json_builder_add_int_value (b, n.lOffset);
  json_builder_set_member_name (b, "data_offset");
  json_builder_add_int_value (b, n.lDataOffset);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, n.lSize);
  json_builder_set_member_name (b, "clamped_size");
  json_builder_add_int_value (b, n.lClampedSize);
  node_flags (b, n.dwFlags);
  if (n.dwFlags & MMIO_NODE_CONTAINER)
    {
      json_builder_set_member_name (b, "children");
      json_builder_begin_array (b);
      kids = mmio_tree_n_children (tree, id);
      for (ULONG i = 0; i < kids; i++)
        json_node (b, tree, mmio_tree_child (tree, id, i));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
text_node (const MmioTree *tree, MmioNodeId id)
{
  MmioNode n;
  char *a, *t;

  mmio_tree_get_node (tree, id, &n);
  a = cli_fourcc_text (n.ckid);
  printf ("%*s'%s'", (int) (2 * n.ulDepth), "", a);
  if (n.dwFlags & MMIO_NODE_CONTAINER)
    {
      t = cli_fourcc_text (n.fccType);
      printf (" '%s'", t);
      g_free (t);
    }
  printf ("  offset %" G_GINT64_FORMAT "  size %" G_GINT64_FORMAT,
          (gint64) n.lOffset, (gint64) n.lSize);
  if (n.dwFlags & MMIO_NODE_CLAMPED)
    printf (_("  (only %" PRId64 " present)"),
            (int64_t) n.lClampedSize);
  printf ("\n");
  g_free (a);
  if (n.dwFlags & MMIO_NODE_CONTAINER)
    for (ULONG i = 0, k = mmio_tree_n_children (tree, id); i < k; i++)
      text_node (tree, mmio_tree_child (tree, id, i));
}

static gboolean
has_errors (const MmioTree *tree)
{
  for (ULONG i = 0, n = mmio_tree_n_findings (tree); i < n; i++)
    {
      MmioFinding f;
      if (mmio_tree_get_finding (tree, i, &f) && f.level == MMIO_FINDING_ERROR)
        return TRUE;
    }
  return FALSE;
}

int
cli_cmd_tree (CliContext *cli, int argc, char **argv)
{
  MmioTreeOptions opts = { sizeof opts, MMIO_TREE_NODESCRIBE };
  MmioTree *tree = NULL;
  MMRESULT r;
  HMMIO h;
  int rc = CLI_EXIT_OK;
  ULONG top;

  if (!cli_parse_options (cli, &argc, &argv, NULL, _("FILE"), 1, 1))
    return CLI_EXIT_USAGE;
  if ((h = open_file (cli, argv[1], &rc)) == NULL)
    return rc;
  r = mmio_tree_walk (h, &opts, &tree);
  mmioClose (h, 0);
  if (tree == NULL || (r != 0 && r != MMIOERR_INVALIDFILE))
    {
      mmio_tree_free (tree);
      return walk_failed (cli, argv[1], r);
    }
  top = mmio_tree_n_children (tree, MMIO_NODE_NONE);
  if (cli->json)
    {
      JsonBuilder *b = cli_json_begin (cli);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, argv[1]);
      json_builder_set_member_name (b, "file_size");
      json_builder_add_int_value (b, mmio_tree_file_size (tree));
      json_builder_set_member_name (b, "complete");
      json_builder_add_boolean_value (b, mmio_tree_is_complete (tree));
      json_builder_set_member_name (b, "chunks");
      json_builder_begin_array (b);
      for (ULONG i = 0; i < top; i++)
        json_node (b, tree, mmio_tree_child (tree, MMIO_NODE_NONE, i));
      json_builder_end_array (b);
      cli_json_end (cli, b);
    }
  else
    for (ULONG i = 0; i < top; i++)
      text_node (tree, mmio_tree_child (tree, MMIO_NODE_NONE, i));
  if (has_errors (tree))
    rc = CLI_EXIT_FINDINGS;
  mmio_tree_free (tree);
  return rc;
}

/* ---- info ----------------------------------------------------------------- */

static void
json_format_info (JsonBuilder *b, const MMFORMATINFO *fi, const char *name)
{
  json_builder_begin_object (b);
  cli_json_fourcc (b, "fourcc", fi->fccIOProc);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "ioproc_type");
  json_builder_add_string_value (b, cli_ioproc_type_name (fi->ulIOProcType));
  json_builder_set_member_name (b, "media_type");
  json_builder_add_string_value (b, cli_media_type_name (fi->ulMediaType));
  json_builder_set_member_name (b, "extension");
  json_builder_add_string_value (b, fi->szDefaultFormatExt);
  json_builder_set_member_name (b, "capabilities");
  cli_json_flag_names (b, fi->ulFlags);
  json_builder_end_object (b);
}

static char *
format_name (MMFORMATINFO *fi)
{
  LONG got = 0;
  char *buf = g_malloc0 ((gsize) MAX (fi->lNameLength, 0) + 1);
  if (fi->lNameLength > 0)
    mmioGetFormatName (fi, buf, &got, 0, 0);
  buf[CLAMP (got, 0, MAX (fi->lNameLength, 0))] = 0;
  return buf;
}

int
cli_cmd_info (CliContext *cli, int argc, char **argv)
{
  MMFORMATINFO fi = { sizeof fi };
  FOURCC ss = 0;
  ULONG idr;
  MmioTree *tree = NULL;
  MMRESULT r;
  HMMIO h;
  int rc = CLI_EXIT_OK;
  char *name, *ssname;
  ULONG nf, nn;

  if (!cli_parse_options (cli, &argc, &argv, NULL, _("FILE"), 1, 1))
    return CLI_EXIT_USAGE;
  idr = mmioIdentifyFile (argv[1], NULL, &fi, &ss, 0, 0);
  if (idr != 0)
    return cli_fail (cli, CLI_EXIT_FILE, idr, NULL, _("cannot identify “%s”: %s"),
                     argv[1], mmioErrorString (idr));
  if ((h = open_file (cli, argv[1], &rc)) == NULL)
    return rc;
  r = mmio_tree_walk (h, NULL, &tree);
  mmioClose (h, 0);
  if (tree == NULL || (r != 0 && r != MMIOERR_INVALIDFILE))
    {
      mmio_tree_free (tree);
      return walk_failed (cli, argv[1], r);
    }
  name = format_name (&fi);
  ssname = cli_fourcc_text (ss);
  nf = mmio_tree_n_findings (tree);
  nn = mmio_tree_n_nodes (tree);
  if (cli->json)
    {
      JsonBuilder *b = cli_json_begin (cli);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, argv[1]);
      json_builder_set_member_name (b, "file_size");
      json_builder_add_int_value (b, mmio_tree_file_size (tree));
      json_builder_set_member_name (b, "storage_system");
      json_builder_add_string_value (b, ssname);
      json_builder_set_member_name (b, "format");
      json_format_info (b, &fi, name);
      json_builder_set_member_name (b, "chunks");
      json_builder_add_int_value (b, nn);
      json_builder_set_member_name (b, "complete");
      json_builder_add_boolean_value (b, mmio_tree_is_complete (tree));
      json_builder_set_member_name (b, "fields");
      json_builder_begin_array (b);
      for (MmioNodeId id = 0; id < nn; id++)
        {
          MmioNode n;
          ULONG k = mmio_tree_n_fields (tree, id);
          if (k == 0 || !mmio_tree_get_node (tree, id, &n) || n.ulDepth > 1)
            continue;
          json_builder_begin_object (b);
          cli_json_fourcc (b, "chunk", n.ckid);
          json_builder_set_member_name (b, "offset");
          json_builder_add_int_value (b, n.lOffset);
          json_builder_set_member_name (b, "values");
          json_builder_begin_array (b);
          for (ULONG i = 0; i < k; i++)
            {
              MmioField f;
              mmio_tree_get_field (tree, id, i, &f);
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "key");
              json_builder_add_string_value (b, f.key);
              json_builder_set_member_name (b, "label");
              json_builder_add_string_value (b, f.label);
              json_builder_set_member_name (b, "value");
              json_builder_add_string_value (b, f.value);
              if (f.unit != NULL)
                {
                  json_builder_set_member_name (b, "unit");
                  json_builder_add_string_value (b, f.unit);
                }
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "findings");
      json_builder_begin_array (b);
      for (ULONG i = 0; i < nf; i++)
        {
          MmioFinding f;
          mmio_tree_get_finding (tree, i, &f);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "level");
          json_builder_add_string_value (b, level_name (f.level));
          json_builder_set_member_name (b, "rule");
          json_builder_add_string_value (b, f.rule);
          json_builder_set_member_name (b, "offset");
          json_builder_add_int_value (b, f.lOffset);
          json_builder_set_member_name (b, "message");
          json_builder_add_string_value (b, f.message);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      cli_json_end (cli, b);
    }
  else
    {
      char *fcc = cli_fourcc_text (fi.fccIOProc);
      printf ("%s: %s\n", _("File"), argv[1]);
      printf ("%s: %" G_GINT64_FORMAT " %s\n", _("Size"),
              (gint64) mmio_tree_file_size (tree), _("bytes"));
      printf ("%s: '%s' %s\n", _("Format"), fcc, name);
      printf ("%s: %s, %s\n", _("Kind"), cli_ioproc_type_name (fi.ulIOProcType),
              cli_media_type_name (fi.ulMediaType));
      printf ("%s: '%s'\n", _("Storage system"), ssname);
      printf ("%s: %u\n", _("Chunks"), (unsigned) nn);
      for (MmioNodeId id = 0; id < nn; id++)
        {
          MmioNode n;
          ULONG k = mmio_tree_n_fields (tree, id);
          char *c;
          if (k == 0 || !mmio_tree_get_node (tree, id, &n) || n.ulDepth > 1)
            continue;
          c = cli_fourcc_text (n.ckid);
          printf ("'%s':\n", c);
          g_free (c);
          for (ULONG i = 0; i < k; i++)
            {
              MmioField f;
              mmio_tree_get_field (tree, id, i, &f);
              printf ("  %s: %s%s%s\n", f.label, f.value, f.unit ? " " : "",
                      f.unit ? f.unit : "");
            }
        }
      printf ("%s: %u\n", _("Findings"), (unsigned) nf);
      for (ULONG i = 0; i < nf; i++)
        {
          MmioFinding f;
          mmio_tree_get_finding (tree, i, &f);
          printf ("  %s [%s] @%" G_GINT64_FORMAT ": %s\n", level_name (f.level),
                  f.rule, (gint64) f.lOffset, f.message);
        }
      g_free (fcc);
    }
  if (has_errors (tree))
    rc = CLI_EXIT_FINDINGS;
  g_free (ssname);
  g_free (name);
  mmio_tree_free (tree);
  return rc;
}

/* ---- elements ------------------------------------------------------------- */

typedef struct
{
  JsonBuilder *elements;    /* array being built (JSON mode) */
  GPtrArray   *findings;    /* "rule\tmessage" */
  gboolean     json;
  gboolean     damaged;
} ListState;

static const struct { ULONG bit; const char *name; } element_flags[] = {
  { MMIO_ELEMENT_DELETED, "deleted" }, { MMIO_ELEMENT_UNUSED, "unused" },
  { MMIO_ELEMENT_DIRECTORY, "directory" }, { MMIO_ELEMENT_LINK, "link" },
  { MMIO_ELEMENT_COMPRESSED, "compressed" }, { MMIO_ELEMENT_ENCRYPTED, "encrypted" },
  { MMIO_ELEMENT_DAMAGED, "damaged" }, { MMIO_ELEMENT_OVERLAPS, "overlaps" },
  { MMIO_ELEMENT_DUPLICATE, "duplicate" }, { MMIO_ELEMENT_UNSAFE_NAME, "unsafe-name" },
  { MMIO_ELEMENT_NAME_UNTERMINATED, "name-unterminated" },
  { MMIO_ELEMENT_SIZE_UNKNOWN, "size-unknown" },
};

static BOOL
on_element (MMIOELEMENTSINK *sink, const MMIOELEMENT *e)
{
  ListState *s = sink->pUser;

  if (e->ulFlags & (MMIO_ELEMENT_DAMAGED | MMIO_ELEMENT_OVERLAPS))
    s->damaged = TRUE;
  if (s->json)
    {
      JsonBuilder *b = s->elements;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "index");
      json_builder_add_int_value (b, e->ulIndex);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, e->pszName ? e->pszName : "");
      json_builder_set_member_name (b, "size");
      json_builder_add_int_value (b, e->lSize);
      json_builder_set_member_name (b, "offset");
      json_builder_add_int_value (b, e->lOffset);
      if (e->fccMedType != 0)
        cli_json_fourcc (b, "media", e->fccMedType);
      json_builder_set_member_name (b, "flags");
      json_builder_begin_array (b);
      for (guint i = 0; i < G_N_ELEMENTS (element_flags); i++)
        if (e->ulFlags & element_flags[i].bit)
          json_builder_add_string_value (b, element_flags[i].name);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  else
    {
      printf ("%12" G_GINT64_FORMAT "  %s", (gint64) e->lSize,
              e->pszName ? e->pszName : "");
      for (guint i = 0; i < G_N_ELEMENTS (element_flags); i++)
        if (e->ulFlags & element_flags[i].bit)
          printf ("  [%s]", element_flags[i].name);
      printf ("\n");
    }
  return TRUE;
}

static void
on_list_finding (MMIOELEMENTSINK *sink, const char *rule, const char *message)
{
  ListState *s = sink->pUser;
  g_ptr_array_add (s->findings, g_strdup_printf ("%s\t%s", rule, message));
}

int
cli_cmd_elements (CliContext *cli, int argc, char **argv)
{
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Also list deleted and unused entries"), NULL },
    { NULL }
  };
  ListState s = { NULL, g_ptr_array_new_with_free_func (g_free), cli->json, FALSE };
  MMIOELEMENTSINK sink = { on_element, on_list_finding, &s };
  JsonBuilder *b = NULL;
  MMRESULT r;
  int rc;

  if (!cli_parse_options (cli, &argc, &argv, entries, _("CONTAINER"), 1, 1))
    {
      g_ptr_array_unref (s.findings);
      return CLI_EXIT_USAGE;
    }
  if (cli->json)
    {
      b = cli_json_begin (cli);
      json_builder_set_member_name (b, "container");
      json_builder_add_string_value (b, argv[1]);
      json_builder_set_member_name (b, "elements");
      json_builder_begin_array (b);
      s.elements = b;
    }
  r = mmioListElements (argv[1], &sink, all ? MMIO_LIST_ALL : 0);
  if (r != 0)
    {
      g_clear_object (&b);
      g_ptr_array_unref (s.findings);
      if (r == MMIOERR_IOPROC_NOT_FOUND)
        return cli_fail (cli, CLI_EXIT_IOPROC, r, NULL,
                         _("no IOProc is installed for the extension of “%s”"), argv[1]);
      if (r == MMSYSERR_NOTSUPPORTED)
        return cli_fail (cli, CLI_EXIT_FILE, r, NULL,
                         _("“%s” is not a container: its IOProc lists no elements"), argv[1]);
      return cli_fail (cli, CLI_EXIT_FILE, r, NULL, _("cannot list “%s”: %s"),
                       argv[1], mmioErrorString (r));
    }
  if (cli->json)
    {
      json_builder_end_array (b);
      json_builder_set_member_name (b, "findings");
      json_builder_begin_array (b);
      for (guint i = 0; i < s.findings->len; i++)
        {
          char **f = g_strsplit (g_ptr_array_index (s.findings, i), "\t", 2);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "rule");
          json_builder_add_string_value (b, f[0]);
          json_builder_set_member_name (b, "message");
          json_builder_add_string_value (b, f[1] ? f[1] : "");
          json_builder_end_object (b);
          g_strfreev (f);
        }
      json_builder_end_array (b);
      cli_json_end (cli, b);
    }
  else
    for (guint i = 0; i < s.findings->len; i++)
      {
        char **f = g_strsplit (g_ptr_array_index (s.findings, i), "\t", 2);
        printf ("%s [%s]: %s\n", _("finding"), f[0], f[1] ? f[1] : "");
        g_strfreev (f);
      }
  rc = (s.findings->len > 0 || s.damaged) ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
  g_ptr_array_unref (s.findings);
  return rc;
}

/* ---- extract -------------------------------------------------------------- */

static gboolean
write_all (int fd, const char *buf, gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, buf, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      buf += n;
      len -= (gsize) n;
    }
  return TRUE;
}

int
cli_cmd_extract (CliContext *cli, int argc, char **argv)
{
  char *out = NULL, *tmp = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write to OUT (replaced atomically) instead of standard output"), N_("OUT") },
    { NULL }
  };
  char buf[65536];
  gint64 total = 0;
  int fd, rc = CLI_EXIT_OK, e;
  LONG n;
  HMMIO h;

  if (!cli_parse_options (cli, &argc, &argv, entries, _("CONTAINER+ELEMENT"), 1, 1))
    return CLI_EXIT_USAGE;
  if (out != NULL && strcmp (out, "-") == 0)
    g_clear_pointer (&out, g_free);
  if (cli->json && out == NULL)
    {
      fprintf (stderr, "riffscope-cli extract: %s\n",
               _("--json needs -o OUT: standard output carries the JSON document"));
      return CLI_EXIT_USAGE;
    }
  if ((h = open_file (cli, argv[1], &rc)) == NULL)
    {
      g_free (out);
      return rc;
    }
  if (out != NULL)
    {
      /* A temporary file beside OUT, renamed over it once complete. */
      char *dir = g_path_get_dirname (out);
      char *base = g_path_get_basename (out);
      char *t = g_strdup_printf (".%s.XXXXXX", base);
      tmp = g_build_filename (dir, t, NULL);
      fd = g_mkstemp (tmp);
      g_free (t);
      g_free (base);
      g_free (dir);
      if (fd < 0)
        {
          e = errno;
          mmioClose (h, 0);
          rc = cli_fail (cli, CLI_EXIT_FILE, MMIOERR_CANNOTWRITE, NULL,
                         _("cannot write beside “%s”: %s"), out, g_strerror (e));
          g_free (tmp);
          g_free (out);
          return rc;
        }
    }
  else
    {
      fflush (stdout);
      fd = STDOUT_FILENO;
    }
  while ((n = mmioRead (h, buf, sizeof buf)) > 0)
    {
      if (!write_all (fd, buf, (gsize) n))
        {
          n = -2;
          break;
        }
      total += n;
    }
  mmioClose (h, 0);
  if (n == -1)
    rc = cli_fail (cli, CLI_EXIT_FILE, MMIOERR_CANNOTREAD, NULL,
                   _("cannot read “%s”"), argv[1]);
  else if (n == -2)
    rc = out ? cli_fail (cli, CLI_EXIT_FILE, MMIOERR_CANNOTWRITE, NULL,
                         _("cannot write “%s”: %s"), out, g_strerror (errno))
             : CLI_EXIT_OUTPUT;
  if (out != NULL)
    {
      if (rc == CLI_EXIT_OK && (fsync (fd) != 0 || close (fd) != 0))
        rc = cli_fail (cli, CLI_EXIT_FILE, MMIOERR_CANNOTWRITE, NULL,
                       _("cannot write “%s”: %s"), out, g_strerror (errno));
      else if (rc != CLI_EXIT_OK)
        close (fd);
      if (rc == CLI_EXIT_OK && g_rename (tmp, out) != 0)
        rc = cli_fail (cli, CLI_EXIT_FILE, MMIOERR_CANNOTWRITE, NULL,
                       _("cannot write “%s”: %s"), out, g_strerror (errno));
      if (rc != CLI_EXIT_OK)
        g_unlink (tmp);
    }
  if (rc == CLI_EXIT_OK && cli->json)
    {
      JsonBuilder *b = cli_json_begin (cli);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, argv[1]);
      json_builder_set_member_name (b, "output");
      json_builder_add_string_value (b, out);
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, total);
      cli_json_end (cli, b);
    }
  else if (rc == CLI_EXIT_OK && out != NULL)
    printf (_("%" PRId64 " bytes written to %s\n"), (int64_t) total, out);
  g_free (tmp);
  g_free (out);
  return rc;
}

/* ---- trace ---------------------------------------------------------------- */

static void
print_record (const MMIOTRACEREC *rec, void *user)
{
  char line[512];
  (void) user;
  mmioTraceFormat (rec, line, sizeof line);
  printf ("%6u %s\n", (unsigned) rec->ulSeq, line);
}

int
cli_cmd_trace (CliContext *cli, int argc, char **argv)
{
  int capacity = 100000;
  GOptionEntry entries[] = {
    { "capacity", 'n', 0, G_OPTION_ARG_INT, &capacity, N_("Keep at most N messages (JSON)"), N_("N") },
    { NULL }
  };
  MMIOTRACE *trace;
  MMIOINFO mi = { 0 };
  MmioTree *tree = NULL;
  HMMIO h;
  int rc = CLI_EXIT_OK;

  if (!cli_parse_options (cli, &argc, &argv, entries, _("FILE"), 1, 1) || capacity <= 0)
    return CLI_EXIT_USAGE;
  trace = mmioTraceCreate ((ULONG) capacity);
  /* Text is printed as each message returns; JSON at the end. */
  if (!cli->json)
    mmioTraceSetCallback (trace, print_record, NULL);
  h = mmioTraceOpen (trace, argv[1], &mi, MMIO_READ | MMIO_ALLOCBUF);
  if (h == NULL)
    {
      rc = cli_fail (cli, CLI_EXIT_FILE, mi.wErrorRet, NULL,
                     _("cannot open “%s”: %s"), argv[1], mmioErrorString (mi.wErrorRet));
      mmioTraceDestroy (trace);
      return rc;
    }
  mmio_tree_walk (h, NULL, &tree);
  mmio_tree_free (tree);
  mmioClose (h, 0);
  if (cli->json)
    {
      JsonBuilder *b = cli_json_begin (cli);
      ULONG n = mmioTraceCount (trace);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, argv[1]);
      json_builder_set_member_name (b, "dropped");
      json_builder_add_int_value (b, mmioTraceDropped (trace));
      json_builder_set_member_name (b, "messages");
      json_builder_begin_array (b);
      for (ULONG i = 0; i < n; i++)
        {
          MMIOTRACEREC r;
          mmioTraceGet (trace, i, &r);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "seq");
          json_builder_add_int_value (b, r.ulSeq);
          json_builder_set_member_name (b, "depth");
          json_builder_add_int_value (b, r.ulDepth);
          cli_json_fourcc (b, "ioproc", r.fccIOProc);
          json_builder_set_member_name (b, "message");
          json_builder_add_string_value (b, r.szMsgName);
          json_builder_set_member_name (b, "code");
          json_builder_add_int_value (b, r.uMsg);
          json_builder_set_member_name (b, "params");
          json_builder_add_string_value (b, r.szParams);
          json_builder_set_member_name (b, "result");
          json_builder_add_int_value (b, r.lResult);
          json_builder_set_member_name (b, "disk_before");
          json_builder_add_int_value (b, r.lDiskBefore);
          json_builder_set_member_name (b, "disk_after");
          json_builder_add_int_value (b, r.lDiskAfter);
          json_builder_set_member_name (b, "usec");
          json_builder_add_int_value (b, r.usDuration);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      cli_json_end (cli, b);
    }
  else if (mmioTraceDropped (trace) > 0)
    printf (_("(%u earlier messages not kept)\n"), (unsigned) mmioTraceDropped (trace));
  mmioTraceDestroy (trace);
  return rc;
}
