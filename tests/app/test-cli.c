/* test-cli.c — riffscope-cli as scripts use it: the JSON of every command
 * (and of failures) validates against data/riffscope-cli.schema.json, the
 * exit codes are the documented ones, text output is plain when piped, and
 * the persistent registry is driven end to end with both example plugins
 * (XDG_CONFIG_HOME in a temporary folder). */
#include "test-util.h"
#include "cli-util.h"
#include "../ioprocs/ar-builder.h"

#include <sys/wait.h>

static char *samples;
static char *archive;

static JsonNode *
expect_json (CliRun *r, int exit_code, const char *command)
{
  char *why = NULL;
  JsonNode *doc = NULL;

  if (r->exit_code != exit_code)
    g_error ("exit %d (wanted %d); stderr: %s; stdout: %s", r->exit_code, exit_code, r->err, r->out);
  if (!cli_validate_json (r->out, &why, &doc))
    g_error ("%s output does not match the schema:\n%s\n%s", command, why, r->out);
  g_free (why);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (doc), "command"), ==, command);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (doc), "riffscope_cli"), ==, 1);
  return doc;
}

static char *
sample (const char *name)
{
  return g_build_filename (samples, name, NULL);
}

static void
test_json_file_commands (void)
{
  char *wav = sample ("tone.wav"), *avi = sample ("clip.avi"), *bnd = sample ("sounds.bnd");
  char *elem = g_strconcat (bnd, "+ding.wav", NULL);
  char *out = tu_path ("ding.wav");
  CliRun r;
  JsonNode *doc;
  JsonObject *o;

  r = cli_run ("--json", "tree", avi, NULL);
  doc = expect_json (&r, 0, "tree");
  o = json_node_get_object (doc);
  g_assert_true (json_object_get_boolean_member (o, "complete"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (o, "chunks"), 0),
                     "type"), ==, "AVI ");
  json_node_unref (doc);
  cli_run_clear (&r);

  r = cli_run ("info", "--json", wav, NULL);         /* --json after the command */
  doc = expect_json (&r, 0, "info");
  o = json_object_get_object_member (json_node_get_object (doc), "format");
  g_assert_cmpstr (json_object_get_string_member (o, "fourcc"), ==, "WAVE");
  g_assert_cmpstr (json_object_get_string_member (o, "media_type"), ==, "audio");
  json_node_unref (doc);
  cli_run_clear (&r);

  r = cli_run ("--json", "elements", bnd, NULL);
  doc = expect_json (&r, 0, "elements");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (doc), "elements")), >=, 2);
  json_node_unref (doc);
  cli_run_clear (&r);

  r = cli_run ("--json", "extract", elem, "-o", out, NULL);
  doc = expect_json (&r, 0, "extract");
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (doc), "bytes"), >, 44);
  json_node_unref (doc);
  cli_run_clear (&r);

  r = cli_run ("--json", "trace", elem, NULL);
  doc = expect_json (&r, 0, "trace");
  {
    JsonArray *m = json_object_get_array_member (json_node_get_object (doc), "messages");
    JsonObject *first = json_array_get_object_element (m, 0);
    gboolean saw_child = FALSE, saw_bnd_open = FALSE;
    for (guint i = 0; i < json_array_get_length (m); i++)
      {
        JsonObject *e = json_array_get_object_element (m, i);
        saw_child |= json_object_get_int_member (e, "depth") == 1;
        saw_bnd_open |= json_object_get_int_member (e, "depth") == 0
                        && strcmp (json_object_get_string_member (e, "message"), "MMIOM_OPEN") == 0
                        && strcmp (json_object_get_string_member (e, "ioproc"), "BND ") == 0;
      }
    g_assert_cmpstr (json_object_get_string_member (first, "ioproc"), ==, "DOS ");
    g_assert_true (saw_child);
    g_assert_true (saw_bnd_open);
  }
  json_node_unref (doc);
  cli_run_clear (&r);

  r = cli_run ("--json", "formats", NULL);
  doc = expect_json (&r, 0, "formats");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (doc), "formats")), >=, 2);
  json_node_unref (doc);
  cli_run_clear (&r);

  g_free (wav);
  g_free (avi);
  g_free (bnd);
  g_free (elem);
  g_free (out);
}

static void
test_json_errors (void)
{
  char *missing = tu_path ("no-such-file.wav");
  CliRun r;
  JsonNode *doc;
  JsonObject *e;

  r = cli_run ("--json", "tree", missing, NULL);
  doc = expect_json (&r, 3, "tree");
  e = json_object_get_object_member (json_node_get_object (doc), "error");
  g_assert_cmpint (json_object_get_int_member (e, "exit_code"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (e, "code"), ==, 257);   /* MMIOERR_FILENOTFOUND */
  json_node_unref (doc);
  cli_run_clear (&r);

  r = cli_run ("--json", "check-ioproc", g_getenv ("RIFFSCOPE_BROKEN_ABI"), NULL);
  doc = expect_json (&r, 4, "check-ioproc");
  e = json_object_get_object_member (json_node_get_object (doc), "error");
  g_assert_cmpstr (json_object_get_string_member (e, "reason"), ==, "abi-version");
  json_node_unref (doc);
  cli_run_clear (&r);

  r = cli_run ("--json", "ioprocs", "install", g_getenv ("RIFFSCOPE_BROKEN_UNDEF"), NULL);
  doc = expect_json (&r, 4, "ioprocs");
  e = json_object_get_object_member (json_node_get_object (doc), "error");
  g_assert_cmpstr (json_object_get_string_member (e, "reason"), ==, "undefined-symbol");
  json_node_unref (doc);
  cli_run_clear (&r);

  /* No storage IOProc lists ".wav" files: an IOProc error; a missing
   * container is a file error. */
  r = cli_run ("--json", "elements", missing, NULL);
  doc = expect_json (&r, 4, "elements");
  json_node_unref (doc);
  cli_run_clear (&r);
  g_free (missing);
  missing = tu_path ("no-such-file.bnd");
  r = cli_run ("--json", "elements", missing, NULL);
  doc = expect_json (&r, 3, "elements");
  json_node_unref (doc);
  cli_run_clear (&r);
  g_free (missing);
}

static void
test_registry_end_to_end (void)
{
  const char *ar = g_getenv ("RIFFSCOPE_AR_PLUGIN");
  const char *au = g_getenv ("RIFFSCOPE_AU_PLUGIN");
  char *member = g_strconcat (archive, "+hello.txt", NULL);
  CliRun r;
  JsonNode *doc;
  JsonArray *a;

  r = cli_run ("--json", "ioprocs", "list", NULL);
  doc = expect_json (&r, 0, "ioprocs");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (doc), "ioprocs")), ==, 0);
  json_node_unref (doc);
  cli_run_clear (&r);

  /* Before install, elements of the archive: no IOProc for ".a". */
  r = cli_run ("elements", archive, NULL);
  g_assert_cmpint (r.exit_code, ==, 4);
  cli_run_clear (&r);

  r = cli_run ("--json", "ioprocs", "install", ar, NULL);
  doc = expect_json (&r, 0, "ioprocs");
  a = json_object_get_array_member (json_node_get_object (doc), "installed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "fourcc"), ==, "A   ");
  json_node_unref (doc);
  cli_run_clear (&r);
  r = cli_run ("ioprocs", "install", au, NULL);
  g_assert_cmpint (r.exit_code, ==, 0);
  g_assert_nonnull (strstr (r.out, "AU  "));
  cli_run_clear (&r);

  r = cli_run ("--json", "ioprocs", "list", NULL);
  doc = expect_json (&r, 0, "ioprocs");
  a = json_object_get_array_member (json_node_get_object (doc), "ioprocs");
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 1), "module"), ==, au);
  json_node_unref (doc);
  cli_run_clear (&r);

  /* Used from another process: elements and extract through the plugin. */
  r = cli_run ("--json", "elements", archive, NULL);
  doc = expect_json (&r, 0, "elements");
  a = json_object_get_array_member (json_node_get_object (doc), "elements");
  g_assert_cmpuint (json_array_get_length (a), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 1), "name"), ==,
                   "a-very-long-member-name.data");
  json_node_unref (doc);
  cli_run_clear (&r);
  r = cli_run ("extract", member, NULL);
  g_assert_cmpint (r.exit_code, ==, 0);
  g_assert_cmpstr (r.out, ==, "Hello, world\n");
  cli_run_clear (&r);

  /* The formats listing now includes the INI IOProcs. */
  r = cli_run ("formats", NULL);
  g_assert_nonnull (strstr (r.out, "'AU  '"));
  cli_run_clear (&r);

  /* check-ioproc by FOURCC of an installed IOProc. */
  r = cli_run ("--json", "check-ioproc", "A", member, NULL);
  doc = expect_json (&r, 0, "check-ioproc");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (doc), "rules_checked"), >, 20);
  json_node_unref (doc);
  cli_run_clear (&r);

  r = cli_run ("--json", "ioprocs", "remove", "A", NULL);
  doc = expect_json (&r, 0, "ioprocs");
  json_node_unref (doc);
  cli_run_clear (&r);
  r = cli_run ("--json", "ioprocs", "remove", au, NULL);
  doc = expect_json (&r, 0, "ioprocs");
  a = json_object_get_array_member (json_node_get_object (doc), "removed");
  g_assert_cmpstr (json_array_get_string_element (a, 0), ==, "AU  ");
  json_node_unref (doc);
  cli_run_clear (&r);
  r = cli_run ("ioprocs", "remove", "AU", NULL);
  g_assert_cmpint (r.exit_code, ==, 4);
  cli_run_clear (&r);
  r = cli_run ("extract", member, NULL);
  g_assert_cmpint (r.exit_code, ==, 3);
  cli_run_clear (&r);
  g_free (member);
}

static void
test_check_json (void)
{
  char *au = tu_path ("c.au");
  static const guint8 bytes[] = {
    '.', 's', 'n', 'd', 0, 0, 0, 24, 0, 0, 0, 8, 0, 0, 0, 3,
    0, 0, 0x1f, 0x40, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8 };
  CliRun r;
  JsonNode *doc;

  tu_write_file (au, bytes, sizeof bytes);
  r = cli_run ("--json", "check-ioproc", g_getenv ("RIFFSCOPE_AU_PLUGIN"), au, "--timeout", "30000", NULL);
  doc = expect_json (&r, 0, "check-ioproc");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (doc), "ioproc"), ==, "AU  ");
  json_node_unref (doc);
  cli_run_clear (&r);
  g_free (au);
}

static void
test_exit_codes (void)
{
  char *wav = sample ("tone.wav");
  CliRun r;

  r = cli_run ("frobnicate", NULL);
  g_assert_cmpint (r.exit_code, ==, 2);
  cli_run_clear (&r);
  r = cli_run (NULL);
  g_assert_cmpint (r.exit_code, ==, 2);
  cli_run_clear (&r);
  r = cli_run ("tree", NULL);                          /* FILE missing */
  g_assert_cmpint (r.exit_code, ==, 2);
  cli_run_clear (&r);
  r = cli_run ("tree", "--bogus", wav, NULL);
  g_assert_cmpint (r.exit_code, ==, 2);
  cli_run_clear (&r);
  r = cli_run ("--json", "extract", wav, NULL);        /* --json needs -o */
  g_assert_cmpint (r.exit_code, ==, 2);
  cli_run_clear (&r);
  r = cli_run ("--help", NULL);
  g_assert_cmpint (r.exit_code, ==, 0);
  g_assert_nonnull (strstr (r.out, "check-ioproc"));
  g_assert_nonnull (strstr (r.out, "Exit status"));
  cli_run_clear (&r);
  r = cli_run ("tree", "--help", NULL);
  g_assert_cmpint (r.exit_code, ==, 0);
  cli_run_clear (&r);
  r = cli_run ("--version", NULL);
  g_assert_cmpint (r.exit_code, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "riffscope-cli "));
  cli_run_clear (&r);
  r = cli_run ("tree", wav, NULL);
  g_assert_cmpint (r.exit_code, ==, 0);
  cli_run_clear (&r);

  /* A truncated WAVE: an error-level finding, exit 1. */
  {
    GBytes *b = tu_read_file (wav);
    char *cut = tu_path ("cut.wav");
    tu_write_file (cut, g_bytes_get_data (b, NULL), g_bytes_get_size (b) / 2);
    r = cli_run ("info", cut, NULL);
    g_assert_cmpint (r.exit_code, ==, 1);
    g_assert_nonnull (strstr (r.out, "truncated"));
    cli_run_clear (&r);
    g_bytes_unref (b);
    g_free (cut);
  }
  g_free (wav);
}

static void
test_piped_text (void)
{
  char *wav = sample ("tone.wav"), *bnd = sample ("sounds.bnd");
  char *elem = g_strconcat (bnd, "+ding.wav", NULL);
  char *out = tu_path ("piped.wav");
  CliRun r, x;
  GBytes *file;

  /* Plain lines, no terminal escapes, one chunk per line. */
  r = cli_run ("tree", wav, NULL);
  g_assert_null (strchr (r.out, '\033'));
  g_assert_true (g_str_has_prefix (r.out, "'RIFF' 'WAVE'  offset 0  size "));
  g_assert_nonnull (strstr (r.out, "\n  'fmt '  offset 12  size 16\n"));
  cli_run_clear (&r);

  /* Extract to a pipe gives exactly the element's bytes. */
  x = cli_run ("extract", elem, "-o", out, NULL);
  g_assert_cmpint (x.exit_code, ==, 0);
  cli_run_clear (&x);
  file = tu_read_file (out);
  {
    char *argv[] = { (char *) g_getenv ("RIFFSCOPE_CLI"), (char *) "extract", elem, NULL };
    char *data = NULL;
    gsize len = 0;
    int status;
    GSubprocess *p = g_subprocess_newv ((const char *const *) argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL);
    GBytes *got = NULL;
    g_assert_nonnull (p);
    g_assert_true (g_subprocess_communicate (p, NULL, NULL, &got, NULL, NULL));
    status = g_subprocess_get_exit_status (p);
    g_assert_cmpint (status, ==, 0);
    data = (char *) g_bytes_get_data (got, &len);
    g_assert_cmpmem (data, len, g_bytes_get_data (file, NULL), g_bytes_get_size (file));
    g_bytes_unref (got);
    g_object_unref (p);
  }
  g_bytes_unref (file);

  /* Trace text: one line per message, numbered from 0. */
  r = cli_run ("trace", wav, NULL);
  g_assert_true (g_str_has_prefix (r.out, "     0 DOS  MMIOM_OPEN(\""));
  cli_run_clear (&r);
  g_free (wav);
  g_free (bnd);
  g_free (elem);
  g_free (out);
}

/* The validator must reject what the schema forbids, or the JSON tests
 * above prove nothing. */
static void
test_validator_rejects (void)
{
  const char *bad[] = {
    "{\"riffscope_cli\": 1, \"command\": \"tree\"}",
    "{\"riffscope_cli\": 2, \"command\": \"formats\", \"formats\": []}",
    "{\"riffscope_cli\": 1, \"command\": \"formats\", \"formats\": [], \"extra\": 1}",
    "{\"riffscope_cli\": 1, \"command\": \"formats\", \"formats\": [{\"fourcc\": \"TOOLONG\"}]}",
    "{\"riffscope_cli\": 1, \"command\": \"extract\", \"source\": \"a\", \"output\": \"b\", \"bytes\": -1}",
    "{\"riffscope_cli\": 1, \"command\": \"tree\", \"file\": \"x\", \"file_size\": 1, \"complete\": \"yes\", \"chunks\": []}",
    "not json",
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      char *why = NULL;
      g_assert_false (cli_validate_json (bad[i], &why, NULL));
      g_test_message ("rejected: %s", why);
      g_free (why);
    }
  g_assert_true (cli_validate_json ("{\"riffscope_cli\": 1, \"command\": \"formats\", \"formats\": []}", NULL, NULL));
}

int
main (int argc, char **argv)
{
  GByteArray *a;

  g_test_init (&argc, &argv, NULL);
  samples = g_strdup (g_getenv ("RIFFSCOPE_SAMPLES"));
  cli_config_home = g_build_filename (tu_tmpdir (), "config", NULL);
  archive = tu_path ("libx.a");
  a = ar_sample ();
  tu_write_file (archive, a->data, a->len);
  g_byte_array_unref (a);

  g_test_add_func ("/cli/json/file-commands", test_json_file_commands);
  g_test_add_func ("/cli/json/errors", test_json_errors);
  g_test_add_func ("/cli/json/check-ioproc", test_check_json);
  g_test_add_func ("/cli/registry", test_registry_end_to_end);
  g_test_add_func ("/cli/exit-codes", test_exit_codes);
  g_test_add_func ("/cli/piped-text", test_piped_text);
  g_test_add_func ("/cli/validator-rejects", test_validator_rejects);
  {
    int rc = g_test_run ();
    g_free (samples);
    g_free (cli_config_home);
    g_free (archive);
    return rc;
  }
}
