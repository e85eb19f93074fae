/* cmd-ioprocs.c — the commands about IOProcs: formats (everything
 * installed, with its MMFORMATINFO), ioprocs list/install/remove (the
 * persistent registry) and check-ioproc (the conformance checker). */
#include "cli.h"

#include <string.h>


/* ---- formats -------------------------------------------------------------- */

int
cli_cmd_formats (CliContext *cli, int argc, char **argv)
{
  LONG count = 0, got = 0;
  MMFORMATINFO *list;
  JsonBuilder *b = NULL;
  ULONG r;

  if (!cli_parse_options (cli, &argc, &argv, NULL, "", 0, 0))
    return CLI_EXIT_USAGE;
  r = mmioQueryFormatCount (NULL, &count, 0, 0);
  if (r != 0)
    return cli_fail (cli, CLI_EXIT_IOPROC, r, NULL, "%s", mmioErrorString (r));
  list = g_new0 (MMFORMATINFO, MAX (count, 1));
  mmioGetFormats (NULL, count, list, &got, 0, 0);
  if (cli->json)
    {
      b = cli_json_begin (cli);
      json_builder_set_member_name (b, "formats");
      json_builder_begin_array (b);
    }
  else
    printf ("%-6s  %-14s  %-13s  %-4s  %s\n", "FOURCC", _("Kind"), _("Media"),
            _("Ext"), _("Name"));
  for (LONG i = 0; i < got; i++)
    {
      MMFORMATINFO *fi = &list[i];
      char *name = g_malloc0 ((gsize) MAX (fi->lNameLength, 0) + 1);
      char *fcc = cli_fourcc_text (fi->fccIOProc);
      LONG n = 0;

      if (fi->lNameLength > 0)
        mmioGetFormatName (fi, name, &n, 0, 0);
      name[CLAMP (n, 0, MAX (fi->lNameLength, 0))] = 0;
      if (b != NULL)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "fourcc");
          json_builder_add_string_value (b, fcc);
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
      else
        printf ("'%s'  %-14s  %-13s  %-4s  %s\n", fcc,
                cli_ioproc_type_name (fi->ulIOProcType),
                cli_media_type_name (fi->ulMediaType), fi->szDefaultFormatExt, name);
      g_free (fcc);
      g_free (name);
    }
  if (b != NULL)
    {
      json_builder_end_array (b);
      cli_json_end (cli, b);
    }
  g_free (list);
  return CLI_EXIT_OK;
}

/* ---- ioprocs -------------------------------------------------------------- */

static const char *
ini_error_reason (ULONG r, MMIOPLUGINERROR *err)
{
  memset (err, 0, sizeof *err);
  if (r == MMIOERR_PLUGIN_LOAD_FAILED || r == MMIOERR_INVALID_DLLNAME
      || r == MMIOERR_INVALID_PROCEDURENAME)
    {
      mmioIniFileLastError (err);
      if (err->ulReason != MMIO_PLUGIN_E_NONE)
        return mmioPluginReasonId (err->ulReason);
    }
  return NULL;
}

static int
ioprocs_list (CliContext *cli)
{
  MMINIFILEINFO info;
  JsonBuilder *b = NULL;
  char *ini = mmioIniFilePath ();
  ULONG r;
  guint n = 0;

  if (cli->json)
    {
      b = cli_json_begin (cli);
      json_builder_set_member_name (b, "registry");
      json_builder_add_string_value (b, ini);
      json_builder_set_member_name (b, "ioprocs");
      json_builder_begin_array (b);
    }
  else
    printf ("%s: %s\n", _("Persistent registry"), ini);
  memset (&info, 0, sizeof info);
  for (r = mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHFIRST | MMIO_FULLPATH);
       r == MMIO_SUCCESS;
       r = mmioIniFileHandler (&info, MMIO_FINDPROC | MMIO_MATCHNEXT | MMIO_FULLPATH))
    {
      MMIOPLUGINERROR err = { 0 };
      MMIOPLUGIN *p = mmioPluginLoad (info.szDLLName, &err);
      char *fcc = cli_fourcc_text (info.fccIOProc);
      const char *status = "ok";

      if (p == NULL)
        status = mmioPluginReasonId (err.ulReason);
      n++;
      if (b != NULL)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "fourcc");
          json_builder_add_string_value (b, fcc);
          json_builder_set_member_name (b, "module");
          json_builder_add_string_value (b, info.szDLLName);
          json_builder_set_member_name (b, "procedure");
          json_builder_add_string_value (b, info.szProcName);
          json_builder_set_member_name (b, "ioproc_type");
          json_builder_add_string_value (b, cli_ioproc_type_name (info.ulIOProcType));
          json_builder_set_member_name (b, "media_type");
          json_builder_add_string_value (b, cli_media_type_name (info.ulMediaType));
          json_builder_set_member_name (b, "extension");
          json_builder_add_string_value (b, info.szDefExt);
          json_builder_set_member_name (b, "status");
          json_builder_add_string_value (b, status);
          if (p == NULL)
            {
              json_builder_set_member_name (b, "status_message");
              json_builder_add_string_value (b, err.szMessage);
            }
          json_builder_end_object (b);
        }
      else
        {
          printf ("'%s'  %-14s  %s  (%s)\n", fcc, cli_ioproc_type_name (info.ulIOProcType),
                  info.szDLLName, info.szProcName);
          if (p == NULL)
            printf ("        %s: %s\n", _("does not load"), err.szMessage);
        }
      g_free (fcc);
    }
  g_free (ini);
  if (r != MMIOERR_MATCH_NOT_FOUND)
    {
      g_clear_object (&b);
      return cli_fail (cli, CLI_EXIT_IOPROC, r, NULL, _("cannot read the registry: %s"),
                       mmioErrorString (r));
    }
  if (b != NULL)
    {
      json_builder_end_array (b);
      cli_json_end (cli, b);
    }
  else if (n == 0)
    printf ("%s\n", _("No IOProcs are installed."));
  return CLI_EXIT_OK;
}

static int
ioprocs_install (CliContext *cli, const char *arg, const char *only)
{
  char *path = g_canonicalize_filename (arg, NULL);
  MMIOPLUGINERROR err;
  MMIOPLUGIN *plugin = mmioPluginLoad (path, &err);
  const MMIOPLUGINDESC *d;
  FOURCC want = only ? cli_parse_fourcc (only) : 0;
  JsonBuilder *b = NULL;
  guint done = 0;
  int rc = CLI_EXIT_OK;

  if (plugin == NULL)
    {
      rc = cli_fail (cli, CLI_EXIT_IOPROC, MMIOERR_PLUGIN_LOAD_FAILED,
                     mmioPluginReasonId (err.ulReason), "%s", err.szMessage);
      g_free (path);
      return rc;
    }
  d = mmioPluginDescriptor (plugin);
  if (cli->json)
    {
      b = cli_json_begin (cli);
      json_builder_set_member_name (b, "installed");
      json_builder_begin_array (b);
    }
  for (ULONG i = 0; i < d->cProcs; i++)
    {
      MMINIFILEINFO info;
      ULONG r;
      char *fcc;

      if (want != 0 && d->pProcs[i].fccIOProc != want)
        continue;
      memset (&info, 0, sizeof info);
      info.fccIOProc = d->pProcs[i].fccIOProc;
      g_strlcpy (info.szDLLName, path, sizeof info.szDLLName);
      if (d->pProcs[i].pszProcName)
        g_strlcpy (info.szProcName, d->pProcs[i].pszProcName, sizeof info.szProcName);
      r = mmioIniFileHandler (&info, MMIO_INSTALLPROC);
      if (r != MMIO_SUCCESS)
        {
          MMIOPLUGINERROR e2;
          const char *reason = ini_error_reason (r, &e2);
          g_clear_object (&b);
          rc = cli_fail (cli, CLI_EXIT_IOPROC, r, reason, "%s",
                         reason ? e2.szMessage : mmioErrorString (r));
          g_free (path);
          return rc;
        }
      fcc = cli_fourcc_text (info.fccIOProc);
      if (b != NULL)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "fourcc");
          json_builder_add_string_value (b, fcc);
          json_builder_set_member_name (b, "module");
          json_builder_add_string_value (b, path);
          json_builder_set_member_name (b, "procedure");
          json_builder_add_string_value (b, info.szProcName);
          json_builder_end_object (b);
        }
      else
        printf (_("Installed '%s' from %s\n"), fcc, path);
      g_free (fcc);
      done++;
    }
  if (done == 0)
    {
      g_clear_object (&b);
      rc = cli_fail (cli, CLI_EXIT_IOPROC, MMIOERR_INVALID_PROCEDURENAME,
                     mmioPluginReasonId (MMIO_PLUGIN_E_NO_SUCH_IOPROC),
                     _("%s provides no IOProc “%s”"), path, only);
    }
  else if (b != NULL)
    {
      char *ini = mmioIniFilePath ();
      json_builder_end_array (b);
      json_builder_set_member_name (b, "registry");
      json_builder_add_string_value (b, ini);
      g_free (ini);
      cli_json_end (cli, b);
    }
  g_free (path);
  return rc;
}

static int
ioprocs_remove (CliContext *cli, const char *arg)
{
  gboolean by_module = strchr (arg, '/') != NULL || g_str_has_suffix (arg, ".so");
  char *module = NULL;
  MMINIFILEINFO info;
  GPtrArray *gone = g_ptr_array_new_with_free_func (g_free);
  ULONG r, quals;
  int rc = CLI_EXIT_OK;

  memset (&info, 0, sizeof info);
  if (by_module)
    {
      module = strchr (arg, '/') ? g_canonicalize_filename (arg, NULL) : g_strdup (arg);
      g_strlcpy (info.szDLLName, module, sizeof info.szDLLName);
      quals = MMIO_MATCHDLL;
    }
  else
    {
      info.fccIOProc = cli_parse_fourcc (arg);
      if (info.fccIOProc == 0)
        {
          fprintf (stderr, _("riffscope-cli ioprocs: “%s” is not a FOURCC or a module path\n"), arg);
          g_ptr_array_unref (gone);
          return CLI_EXIT_USAGE;
        }
      quals = MMIO_MATCHFOURCC;
    }
  /* Name what will go, then remove it. */
  {
    MMINIFILEINFO e;
    memset (&e, 0, sizeof e);
    for (r = mmioIniFileHandler (&e, MMIO_FINDPROC | MMIO_MATCHFIRST | MMIO_FULLPATH);
         r == MMIO_SUCCESS;
         r = mmioIniFileHandler (&e, MMIO_FINDPROC | MMIO_MATCHNEXT | MMIO_FULLPATH))
      {
        char *base = g_path_get_basename (e.szDLLName);
        gboolean match = by_module
                         ? (strcmp (e.szDLLName, module) == 0 || strcmp (base, module) == 0)
                         : e.fccIOProc == info.fccIOProc;
        if (match)
          g_ptr_array_add (gone, cli_fourcc_text (e.fccIOProc));
        g_free (base);
      }
  }
  r = mmioIniFileHandler (&info, MMIO_REMOVEPROC | quals);
  if (r != MMIO_SUCCESS)
    rc = cli_fail (cli, CLI_EXIT_IOPROC, r, NULL, _("cannot remove “%s”: %s"), arg,
                   mmioErrorString (r));
  else if (cli->json)
    {
      JsonBuilder *b = cli_json_begin (cli);
      json_builder_set_member_name (b, "removed");
      json_builder_begin_array (b);
      for (guint i = 0; i < gone->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (gone, i));
      json_builder_end_array (b);
      cli_json_end (cli, b);
    }
  else
    for (guint i = 0; i < gone->len; i++)
      printf (_("Removed '%s'\n"), (char *) g_ptr_array_index (gone, i));
  g_ptr_array_unref (gone);
  g_free (module);
  return rc;
}

int
cli_cmd_ioprocs (CliContext *cli, int argc, char **argv)
{
  char *only = NULL;
  GOptionEntry entries[] = {
    { "fourcc", 'f', 0, G_OPTION_ARG_STRING, &only, N_("install: only the IOProc with this FOURCC"), N_("FOURCC") },
    { NULL }
  };
  int rc;

  if (!cli_parse_options (cli, &argc, &argv, entries,
                      "list | install PLUGIN | remove FOURCC|PLUGIN", 1, 2))
    return CLI_EXIT_USAGE;
  if (strcmp (argv[1], "list") == 0 && argc == 2)
    rc = ioprocs_list (cli);
  else if (strcmp (argv[1], "install") == 0 && argc == 3)
    rc = ioprocs_install (cli, argv[2], only);
  else if (strcmp (argv[1], "remove") == 0 && argc == 3)
    rc = ioprocs_remove (cli, argv[2]);
  else
    {
      fprintf (stderr, "%s\n", _("Usage: riffscope-cli ioprocs list | install PLUGIN [--fourcc FOURCC] | remove FOURCC|PLUGIN"));
      rc = CLI_EXIT_USAGE;
    }
  g_free (only);
  return rc;
}

/* ---- check-ioproc ----------------------------------------------------------- */

int
cli_cmd_check (CliContext *cli, int argc, char **argv)
{
  char *only = NULL;
  int timeout = 20000;
  GOptionEntry entries[] = {
    { "fourcc", 'f', 0, G_OPTION_ARG_STRING, &only, N_("Check this one of the plugin's IOProcs"), N_("FOURCC") },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout, N_("Give up after MS milliseconds (a hang)"), N_("MS") },
    { NULL }
  };
  MMIOCHECKPARAMS p = { sizeof p };
  MMIOCHECKREPORT *rep = NULL;
  char *plugin = NULL, *sample = NULL;
  const char *target;
  ULONG r;
  int rc;

  if (!cli_parse_options (cli, &argc, &argv, entries, _("PLUGIN|FOURCC [SAMPLE]"), 1, 2)
      || timeout <= 0)
    {
      g_free (only);
      return CLI_EXIT_USAGE;
    }
  target = argv[1];
  if (strchr (target, '/') != NULL || g_file_test (target, G_FILE_TEST_EXISTS))
    {
      plugin = g_canonicalize_filename (target, NULL);
      p.pszPlugin = plugin;
      p.fccIOProc = only ? cli_parse_fourcc (only) : 0;
    }
  else
    {
      p.fccIOProc = cli_parse_fourcc (target);
      if (p.fccIOProc == 0)
        {
          fprintf (stderr, _("riffscope-cli check-ioproc: “%s” is neither a plugin file nor a FOURCC\n"), target);
          g_free (only);
          return CLI_EXIT_USAGE;
        }
    }
  if (argc == 3)
    {
      /* The element part of "archive.a+member" is not a path to canonicalize. */
      sample = g_file_test (argv[2], G_FILE_TEST_EXISTS) || strchr (argv[2], '+') == NULL
               ? g_canonicalize_filename (argv[2], NULL) : g_strdup (argv[2]);
      p.pszSample = sample;
    }
  p.ulTimeoutMs = (ULONG) timeout;
  r = mmioCheckIOProc (&p, &rep);
  if (r != MMIO_SUCCESS)
    {
      MMIOPLUGINERROR err = { 0 };
      if (r == MMIOERR_PLUGIN_LOAD_FAILED)
        {
          mmioIniFileLastError (&err);
          rc = cli_fail (cli, CLI_EXIT_IOPROC, r, mmioPluginReasonId (err.ulReason),
                         "%s", err.szMessage);
        }
      else if (r == MMIOERR_IOPROC_NOT_FOUND)
        rc = cli_fail (cli, CLI_EXIT_IOPROC, r, NULL, _("no IOProc “%s” is installed"), target);
      else
        rc = cli_fail (cli, CLI_EXIT_FILE, r, NULL, "%s", mmioErrorString (r));
      g_free (plugin);
      g_free (sample);
      g_free (only);
      return rc;
    }
  if (cli->json)
    {
      JsonBuilder *b = cli_json_begin (cli);
      cli_json_fourcc (b, "ioproc", rep->fccIOProc);
      json_builder_set_member_name (b, "plugin");
      if (plugin)
        json_builder_add_string_value (b, plugin);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "sample");
      if (sample)
        json_builder_add_string_value (b, sample);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "rules_checked");
      json_builder_add_int_value (b, rep->cRulesChecked);
      json_builder_set_member_name (b, "signal");
      json_builder_add_int_value (b, rep->iSignal);
      json_builder_set_member_name (b, "timed_out");
      json_builder_add_boolean_value (b, rep->fTimedOut);
      json_builder_set_member_name (b, "findings");
      json_builder_begin_array (b);
      for (ULONG i = 0; i < rep->cFindings; i++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "rule");
          json_builder_add_string_value (b, rep->pFindings[i].pszRule);
          json_builder_set_member_name (b, "message");
          json_builder_add_string_value (b, rep->pFindings[i].pszMessage);
          json_builder_set_member_name (b, "call");
          json_builder_add_string_value (b, rep->pFindings[i].pszCall);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "notes");
      json_builder_begin_array (b);
      for (ULONG i = 0; i < rep->cNotes; i++)
        json_builder_add_string_value (b, rep->ppszNotes[i]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "last_calls");
      json_builder_begin_array (b);
      for (ULONG i = 0; i < rep->cLastCalls; i++)
        json_builder_add_string_value (b, rep->ppszLastCalls[i]);
      json_builder_end_array (b);
      cli_json_end (cli, b);
    }
  else
    {
      char *fcc = cli_fourcc_text (rep->fccIOProc);
      printf (_("IOProc '%s': %u checks, %u rules broken\n"), fcc,
              (unsigned) rep->cRulesChecked, (unsigned) rep->cFindings);
      for (ULONG i = 0; i < rep->cFindings; i++)
        {
          printf ("  [%s] %s\n", rep->pFindings[i].pszRule, rep->pFindings[i].pszMessage);
          if (rep->pFindings[i].pszCall[0])
            printf ("      %s %s\n", _("at"), rep->pFindings[i].pszCall);
        }
      for (ULONG i = 0; i < rep->cNotes; i++)
        printf ("  %s: %s\n", _("note"), rep->ppszNotes[i]);
      if (rep->iSignal != 0 || rep->fTimedOut)
        {
          printf ("  %s\n", _("Last messages:"));
          for (ULONG i = 0; i < rep->cLastCalls; i++)
            printf ("    %s\n", rep->ppszLastCalls[i]);
        }
      g_free (fcc);
    }
  rc = rep->cFindings > 0 ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
  mmioCheckReportFree (rep);
  g_free (plugin);
  g_free (sample);
  g_free (only);
  return rc;
}
