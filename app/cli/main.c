/* main.c — riffscope-cli: the command line face of the engine. Picks the
 * command, takes the options every command shares (--json, --help,
 * --version) and returns the command's exit code. */
#include "cli.h"

#include <locale.h>
#include <string.h>

typedef struct {
  const char *name;
  int (*run) (CliContext *, int, char **);
  const char *usage;
  const char *summary;
} Command;

static const Command commands[] = {
  { "tree", cli_cmd_tree, "FILE", N_("List the chunk tree with offsets and sizes") },
  { "info", cli_cmd_info, "FILE", N_("Identify the file, describe its format, list its findings") },
  { "elements", cli_cmd_elements, "CONTAINER", N_("List the elements of a compound file or archive") },
  { "extract", cli_cmd_extract, "CONTAINER+ELEMENT [-o OUT]", N_("Copy an element's bytes to OUT or standard output") },
  { "formats", cli_cmd_formats, "", N_("List the installed IOProcs and their format information") },
  { "ioprocs", cli_cmd_ioprocs, "list | install PLUGIN | remove FOURCC|PLUGIN", N_("Manage the persistent IOProc registry") },
  { "trace", cli_cmd_trace, "FILE", N_("Show every IOProc message of opening and walking FILE") },
  { "check-ioproc", cli_cmd_check, "PLUGIN|FOURCC [SAMPLE]", N_("Check an IOProc against the MMIO rules") },
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n  riffscope-cli [--json] COMMAND [ARGS…]\n\n%s\n",
           _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-13s %s\n  %-13s %s\n", commands[i].name, commands[i].usage,
             "", _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  --json        %s\n", _("Print a JSON document (see data/riffscope-cli.schema.json)"));
  fprintf (out, "  --help        %s\n", _("Show this help; COMMAND --help shows the command's options"));
  fprintf (out, "  --version     %s\n", _("Show the version"));
  fprintf (out, "\n%s\n", _("Exit status:"));
  fprintf (out, "  0  %s\n", _("success, nothing wrong found"));
  fprintf (out, "  1  %s\n", _("success, and the file or IOProc breaks rules (findings)"));
  fprintf (out, "  2  %s\n", _("usage error"));
  fprintf (out, "  3  %s\n", _("the file or element cannot be opened, read or written"));
  fprintf (out, "  4  %s\n", _("plugin, IOProc or persistent registry error"));
  fprintf (out, "  5  %s\n", _("standard output could not be written"));
}

int
main (int argc, char **argv)
{
  CliContext cli = { FALSE, NULL };
  GPtrArray *rest = g_ptr_array_new ();
  const Command *cmd = NULL;
  int rc;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RIFFSCOPE_LOCALEDIR") ? g_getenv ("RIFFSCOPE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* --json may come anywhere; the first other word is the command. */
  g_ptr_array_add (rest, argv[0]);
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--json") == 0)
        cli.json = TRUE;
      else if (cmd == NULL && strcmp (argv[i], "--version") == 0)
        {
          printf ("riffscope-cli %s\n", RS_VERSION);
          g_ptr_array_free (rest, TRUE);
          return cli_finish_output ();
        }
      else if (cmd == NULL && (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0))
        {
          print_help (stdout);
          g_ptr_array_free (rest, TRUE);
          return cli_finish_output ();
        }
      else if (cmd == NULL)
        {
          for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
            if (strcmp (argv[i], commands[c].name) == 0)
              cmd = &commands[c];
          if (cmd == NULL)
            {
              fprintf (stderr, _("riffscope-cli: unknown command “%s”\n"), argv[i]);
              fprintf (stderr, "%s\n", _("Run “riffscope-cli --help” to see the commands."));
              g_ptr_array_free (rest, TRUE);
              return CLI_EXIT_USAGE;
            }
        }
      else
        g_ptr_array_add (rest, argv[i]);
    }
  if (cmd == NULL)
    {
      print_help (stderr);
      g_ptr_array_free (rest, TRUE);
      return CLI_EXIT_USAGE;
    }
  cli.command = cmd->name;
  /* Each command's --help then reads "riffscope-cli tree [OPTION…] FILE". */
  {
    char *prg = g_strdup_printf ("riffscope-cli %s", cmd->name);
    g_set_prgname (prg);
    rest->pdata[0] = prg;
    g_ptr_array_add (rest, NULL);
    rc = cmd->run (&cli, (int) rest->len - 1, (char **) rest->pdata);
    g_free (prg);
  }
  g_ptr_array_free (rest, TRUE);
  if (cli_finish_output () != CLI_EXIT_OK)
    return CLI_EXIT_OUTPUT;
  return rc;
}
