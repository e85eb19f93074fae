/* cli.h — what the parts of riffscope-cli share: exit codes, the output
 * context (text or JSON), and the commands. */
#ifndef RS_CLI_H
#define RS_CLI_H

#include <glib.h>
#include <stdio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <mmio/mmio.h>
#include <mmio/mmio-ioproc.h>
#include <mmio/mmio-plugin.h>

/* Exit codes scripts can rely on (also in --help and the man page). */
enum {
  CLI_EXIT_OK       = 0,  /* done, nothing wrong found */
  CLI_EXIT_FINDINGS = 1,  /* done, and the file or IOProc breaks rules */
  CLI_EXIT_USAGE    = 2,  /* unknown command, bad option or argument */
  CLI_EXIT_FILE     = 3,  /* the file or element cannot be opened, read or written */
  CLI_EXIT_IOPROC   = 4,  /* a plugin does not load, an IOProc is not installed,
                           * or the persistent registry cannot be changed */
  CLI_EXIT_OUTPUT   = 5,  /* standard output could not be written */
};

/* Version of the JSON documents; bumped on incompatible changes.
 * data/riffscope-cli.schema.json describes it. */
#define CLI_JSON_VERSION 1

typedef struct {
  gboolean json;
  const char *command;
} CliContext;

/* cli-output.c */
JsonBuilder *cli_json_begin (CliContext *cli);
int          cli_json_end (CliContext *cli, JsonBuilder *b);
int          cli_fail (CliContext *cli, int exit_code, UINT mmio_code,
                       const char *reason, const char *fmt, ...) G_GNUC_PRINTF (5, 6);
void         cli_json_fourcc (JsonBuilder *b, const char *member, FOURCC fcc);
char        *cli_fourcc_text (FOURCC fcc);
FOURCC       cli_parse_fourcc (const char *text);
const char  *cli_media_type_name (ULONG media);
const char  *cli_ioproc_type_name (ULONG type);
void         cli_json_flag_names (JsonBuilder *b, ULONG caps);
int          cli_finish_output (void);
gboolean     cli_parse_options (CliContext *cli, int *argc, char ***argv,
                                GOptionEntry *entries, const char *params,
                                int min_args, int max_args);

/* The commands: argc/argv start at the command's own arguments. */
int cli_cmd_tree      (CliContext *cli, int argc, char **argv);
int cli_cmd_info      (CliContext *cli, int argc, char **argv);
int cli_cmd_elements  (CliContext *cli, int argc, char **argv);
int cli_cmd_extract   (CliContext *cli, int argc, char **argv);
int cli_cmd_trace     (CliContext *cli, int argc, char **argv);
int cli_cmd_formats   (CliContext *cli, int argc, char **argv);
int cli_cmd_ioprocs   (CliContext *cli, int argc, char **argv);
int cli_cmd_check     (CliContext *cli, int argc, char **argv);

#endif
