/* cli-output.c — the JSON envelope every command's document shares, error
 * reports (a JSON document or a sentence on standard error), and the small
 * formatting helpers: FOURCCs, media and IOProc types, capability names.
 *
 * JSON goes to standard output in one piece at the end, so a reader never
 * sees half a document; text is written as it is produced. Nothing is
 * coloured or sized for a terminal: output is the same when piped. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

JsonBuilder *
cli_json_begin (CliContext *cli)
{
  JsonBuilder *b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "riffscope_cli");
  json_builder_add_int_value (b, CLI_JSON_VERSION);
  json_builder_set_member_name (b, "command");
  json_builder_add_string_value (b, cli->command);
  return b;
}

int
cli_json_end (CliContext *cli, JsonBuilder *b)
{
  JsonGenerator *gen = json_generator_new ();
  JsonNode *root;
  char *text;

  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
  g_free (text);
  json_node_unref (root);
  g_object_unref (gen);
  g_object_unref (b);
  return CLI_EXIT_OK;
}

int
cli_fail (CliContext *cli, int exit_code, UINT mmio_code, const char *reason,
          const char *fmt, ...)
{
  va_list ap;
  char *msg;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  if (cli->json)
    {
      JsonBuilder *b = cli_json_begin (cli);
      json_builder_set_member_name (b, "error");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "exit_code");
      json_builder_add_int_value (b, exit_code);
      json_builder_set_member_name (b, "code");
      json_builder_add_int_value (b, mmio_code);
      if (reason != NULL)
        {
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, reason);
        }
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, msg);
      json_builder_end_object (b);
      cli_json_end (cli, b);
    }
  else
    fprintf (stderr, "riffscope-cli %s: %s\n", cli->command, msg);
  g_free (msg);
  return exit_code;
}

char *
cli_fourcc_text (FOURCC fcc)
{
  char s[5];
  for (int i = 0; i < 4; i++)
    {
      char c = (char) ((fcc >> (8 * i)) & 0xff);
      s[i] = (c >= 0x20 && c < 0x7f) ? c : '?';
    }
  s[4] = 0;
  return g_strdup (s);
}

void
cli_json_fourcc (JsonBuilder *b, const char *member, FOURCC fcc)
{
  char *s = cli_fourcc_text (fcc);
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, s);
  g_free (s);
}

/* "WAVE", "AU" (padded with spaces), or "0x20534F44". */
FOURCC
cli_parse_fourcc (const char *text)
{
  size_t n = strlen (text);
  char pad[5] = "    ";

  if (n > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
    {
      char *end;
      guint64 v = g_ascii_strtoull (text + 2, &end, 16);
      return (*end == 0 && v <= G_MAXUINT32) ? (FOURCC) v : 0;
    }
  if (n == 0 || n > 4)
    return 0;
  memcpy (pad, text, n);
  return mmioFOURCC (pad[0], pad[1], pad[2], pad[3]);
}

const char *
cli_media_type_name (ULONG media)
{
  switch (media)
    {
    case MMIO_MEDIATYPE_IMAGE: return "image";
    case MMIO_MEDIATYPE_AUDIO: return "audio";
    case MMIO_MEDIATYPE_MIDI: return "midi";
    case MMIO_MEDIATYPE_COMPOUND: return "compound";
    case MMIO_MEDIATYPE_OTHER: return "other";
    case MMIO_MEDIATYPE_UNKNOWN: return "unknown";
    case MMIO_MEDIATYPE_DIGITALVIDEO: return "digital-video";
    case MMIO_MEDIATYPE_ANIMATION: return "animation";
    case MMIO_MEDIATYPE_MOVIE: return "movie";
    case 0: return "none";
    default: return "mixed";
    }
}

const char *
cli_ioproc_type_name (ULONG type)
{
  switch (type)
    {
    case MMIO_IOPROC_STORAGESYSTEM: return "storage-system";
    case MMIO_IOPROC_FILEFORMAT: return "file-format";
    case MMIO_IOPROC_DATAFORMAT: return "data-format";
    default: return "unknown";
    }
}

void
cli_json_flag_names (JsonBuilder *b, ULONG caps)
{
  static const struct { ULONG bit; const char *name; } names[] = {
    { MMIO_CANREADTRANSLATED, "read-translated" },
    { MMIO_CANWRITETRANSLATED, "write-translated" },
    { MMIO_CANREADWRITETRANSLATED, "read-write-translated" },
    { MMIO_CANREADUNTRANSLATED, "read-untranslated" },
    { MMIO_CANWRITEUNTRANSLATED, "write-untranslated" },
    { MMIO_CANREADWRITEUNTRANSLATED, "read-write-untranslated" },
    { MMIO_CANSEEKTRANSLATED, "seek-translated" },
    { MMIO_CANSEEKUNTRANSLATED, "seek-untranslated" },
    { MMIO_CANINSERTUNTRANSLATED, "insert-untranslated" },
    { MMIO_CANSAVEUNTRANSLATED, "save-untranslated" },
    { MMIO_CANINSERTTRANSLATED, "insert-translated" },
    { MMIO_CANSAVETRANSLATED, "save-translated" },
  };
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (caps & names[i].bit)
      json_builder_add_string_value (b, names[i].name);
  json_builder_end_array (b);
}

/* Flush standard output and say whether everything reached it (a full
 * disk or a closed pipe is an error scripts must see). */
int
cli_finish_output (void)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      if (errno != EPIPE)
        fprintf (stderr, "riffscope-cli: %s\n", g_strerror (errno));
      return CLI_EXIT_OUTPUT;
    }
  return CLI_EXIT_OK;
}

/* Parse a command's options with GOption (which also answers --help) and
 * check the count of positional arguments. */
gboolean
cli_parse_options (CliContext *cli, int *argc, char ***argv, GOptionEntry *entries,
               const char *params, int min_args, int max_args)
{
  GOptionContext *ctx = g_option_context_new (params);
  GError *error = NULL;
  gboolean ok;

  if (entries != NULL)
    g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  ok = g_option_context_parse (ctx, argc, argv, &error);
  if (!ok)
    {
      fprintf (stderr, "riffscope-cli %s: %s\n", cli->command, error->message);
      g_error_free (error);
    }
  else if (*argc - 1 < min_args || *argc - 1 > max_args)
    {
      char *help = g_option_context_get_help (ctx, TRUE, NULL);
      fprintf (stderr, "%s", help);
      g_free (help);
      ok = FALSE;
    }
  g_option_context_free (ctx);
  return ok;
}
