/* rs-ioprocs-page.c — the IOProc workbench (see the header).
 *
 * Where an IOProc comes from is not in MMFORMATINFO. The engine searches
 * this process's installs first (newest first), then the persistent
 * registry's, then the built-ins; the active entry of a FOURCC is what
 * mmioInstallIOProc(FINDPROC) returns, and the shared object that holds
 * that procedure says whose it is: libmmio (built-in), a module the
 * registry names, another module (a plugin loaded for this session), or
 * the program itself. Entries it shadows are placed by that search order. */
#include "rs-ioprocs-page.h"
#include "rs-column.h"

#include <dlfcn.h>
#include <glib/gi18n.h>
#include <string.h>
#include "rs-dialogs.h"
#include "rs-ioproc-info.h"
#include "rs-window.h"

struct _RsIOProcsPage
{
  AdwBin parent_instance;

  GListStore *store;
  GtkSingleSelection *selection;
  GCancellable *cancellable;
  gboolean checking;
  char *message;
  char *report_title_text;

  GtkColumnView *column_view;
  GtkRevealer *message_revealer;
  GtkLabel *message_label;
  GtkLabel *registry_label;
  GtkLabel *report_title;
  GtkListBox *report_list;
  GtkSpinner *spinner;
};

G_DEFINE_FINAL_TYPE (RsIOProcsPage, rs_ioprocs_page, ADW_TYPE_BIN)

#define RS_IOPROCS_ERROR (g_quark_from_static_string ("rs-ioprocs-error"))

typedef enum { COL_FOURCC, COL_NAME, COL_TYPE, COL_MEDIA, COL_CAPS, COL_EXT, COL_ORIGIN } Col;

/* ---- cells ------------------------------------------------------------------ */

static void
setup_cell (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);
  Col col = GPOINTER_TO_INT (data);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (col == COL_CAPS)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (col == COL_FOURCC || col == COL_EXT)
    gtk_widget_add_css_class (label, "monospace");
  if (col == COL_CAPS || col == COL_ORIGIN)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  RsIOProcInfo *info = gtk_list_item_get_item (item);
  const MMFORMATINFO *fi = rs_ioproc_info_get_format (info);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  char *text = NULL;

  switch ((Col) GPOINTER_TO_INT (data))
    {
    case COL_FOURCC: text = rs_ioproc_info_dup_fourcc (info); break;
    case COL_NAME: text = g_strdup (rs_ioproc_info_get_name (info)); break;
    case COL_TYPE: text = g_strdup (rs_ioproc_type_text (fi->ulIOProcType)); break;
    case COL_MEDIA: text = g_strdup (rs_media_type_text (fi->ulMediaType)); break;
    case COL_CAPS: text = rs_capabilities_text (fi->ulFlags); break;
    case COL_EXT: text = g_strndup (fi->szDefaultFormatExt, sizeof fi->szDefaultFormatExt); break;
    case COL_ORIGIN:
      text = rs_ioproc_info_dup_origin_text (info);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), rs_ioproc_info_get_module (info));
      break;
    }
  gtk_label_set_text (label, text);
  g_free (text);
}

static void
add_column (RsIOProcsPage *self, const char *title, Col col, gboolean expand, int width)
{
  rs_column_view_add (self->column_view, title, G_CALLBACK (setup_cell),
                      G_CALLBACK (bind_cell), GINT_TO_POINTER (col), expand, width);
}

/* ---- messages --------------------------------------------------------------- */

static void
show_message (RsIOProcsPage *self, const char *text)
{
  g_free (self->message);
  self->message = g_strdup (text);
  gtk_label_set_text (self->message_label, text ? text : "");
  gtk_revealer_set_reveal_child (self->message_revealer, text != NULL);
}

static void
toast (RsIOProcsPage *self, const char *text)
{
  GtkWidget *win = gtk_widget_get_ancestor (GTK_WIDGET (self), RS_TYPE_WINDOW);

  if (win)
    rs_window_add_toast (RS_WINDOW (win), text);
}

/* ---- the list --------------------------------------------------------------- */

static const char *
module_of (gconstpointer addr)
{
  Dl_info dl;

  if (addr == NULL || dladdr (addr, &dl) == 0)
    return NULL;
  return dl.dli_fname;
}

/* The registry's entries: FOURCC -> module path. */
static GHashTable *
registry_entries (void)
{
  GHashTable *t = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  MMINIFILEINFO e;

  memset (&e, 0, sizeof e);
  for (ULONG r = mmioIniFileHandler (&e, MMIO_FINDPROC | MMIO_MATCHFIRST | MMIO_FULLPATH);
       r == MMIO_SUCCESS;
       r = mmioIniFileHandler (&e, MMIO_FINDPROC | MMIO_MATCHNEXT | MMIO_FULLPATH))
    g_hash_table_insert (t, GUINT_TO_POINTER (e.fccIOProc), g_strdup (e.szDLLName));
  return t;
}

static void
classify_active (FOURCC fcc, GHashTable *registry, RsIOProcOrigin *origin, char **module)
{
  LPMMIOPROC proc = mmioInstallIOProc (fcc, NULL, MMIO_FINDPROC);
  const char *mine = module_of ((gconstpointer) mmioOpen);
  const char *where = module_of ((gconstpointer) proc);
  const char *reg = g_hash_table_lookup (registry, GUINT_TO_POINTER (fcc));

  *module = NULL;
  if (where && mine && strcmp (where, mine) == 0)
    *origin = RS_IOPROC_BUILTIN;
  else if (where && reg && (strcmp (where, reg) == 0 || g_str_has_suffix (where, reg)))
    {
      *origin = RS_IOPROC_REGISTRY;
      *module = g_strdup (reg);
    }
  else if (where && module_of ((gconstpointer) rs_ioprocs_page_new) != NULL
           && strcmp (where, module_of ((gconstpointer) rs_ioprocs_page_new)) != 0)
    {
      *origin = RS_IOPROC_PLUGIN;
      *module = g_strdup (where);
    }
  else
    *origin = RS_IOPROC_PROGRAM;
}

void
rs_ioprocs_page_refresh (RsIOProcsPage *self)
{
  LONG count = 0, got = 0;
  MMFORMATINFO *list;
  GHashTable *registry, *seen;
  GPtrArray *items;
  char *ini;
  guint selected = gtk_single_selection_get_selected (self->selection);
  FOURCC keep = 0;

  g_return_if_fail (RS_IS_IOPROCS_PAGE (self));
  if (selected != GTK_INVALID_LIST_POSITION)
    {
      RsIOProcInfo *s = g_list_model_get_item (G_LIST_MODEL (self->store), selected);
      keep = rs_ioproc_info_get_format (s)->fccIOProc;
      g_object_unref (s);
    }

  registry = registry_entries ();
  seen = g_hash_table_new (NULL, NULL);   /* FOURCC -> entries seen so far */
  items = g_ptr_array_new_with_free_func (g_object_unref);
  mmioQueryFormatCount (NULL, &count, 0, 0);
  list = g_new0 (MMFORMATINFO, MAX (count, 1));
  mmioGetFormats (NULL, count, list, &got, 0, 0);
  for (LONG i = 0; i < got; i++)
    {
      MMFORMATINFO *fi = &list[i];
      guint before = GPOINTER_TO_UINT (g_hash_table_lookup (seen, GUINT_TO_POINTER (fi->fccIOProc)));
      char *name = g_malloc0 ((gsize) CLAMP (fi->lNameLength, 0, 4096) + 1);
      RsIOProcOrigin origin;
      char *module = NULL;
      LONG n = 0;

      if (fi->lNameLength > 0)
        mmioGetFormatName (fi, name, &n, 0, 0);
      name[CLAMP (n, 0, CLAMP (fi->lNameLength, 0, 4096))] = 0;
      if (before == 0)
        classify_active (fi->fccIOProc, registry, &origin, &module);
      else
        {
          /* A shadowed entry. In the search order the registry's copy
           * comes after this process's installs and before the built-in. */
          const char *reg = g_hash_table_lookup (registry, GUINT_TO_POINTER (fi->fccIOProc));
          gboolean reg_seen = FALSE;
          for (guint k = 0; k < items->len; k++)
            {
              RsIOProcInfo *o = g_ptr_array_index (items, k);
              reg_seen = reg_seen || (rs_ioproc_info_get_format (o)->fccIOProc == fi->fccIOProc
                                      && rs_ioproc_info_get_origin (o) == RS_IOPROC_REGISTRY);
            }
          origin = reg && !reg_seen ? RS_IOPROC_REGISTRY : RS_IOPROC_BUILTIN;
          if (origin == RS_IOPROC_REGISTRY)
            module = g_strdup (reg);
        }
      g_hash_table_insert (seen, GUINT_TO_POINTER (fi->fccIOProc), GUINT_TO_POINTER (before + 1));
      g_ptr_array_add (items, rs_ioproc_info_new (fi, name, origin, module, before > 0));
      g_free (module);
      g_free (name);
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  g_ptr_array_unref (items);
  g_free (list);
  g_hash_table_unref (seen);
  g_hash_table_unref (registry);

  ini = mmioIniFilePath ();
  {
    /* Translators: %s is the path of the persistent IOProc registry file */
    char *t = g_strdup_printf (_("Registry: %s"), ini ? ini : "");
    gtk_label_set_text (self->registry_label, t);
    g_free (t);
  }
  free (ini);
  if (keep == 0 || !rs_ioprocs_page_select (self, keep))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

GListModel *
rs_ioprocs_page_get_model (RsIOProcsPage *self)
{
  return G_LIST_MODEL (self->store);
}

gboolean
rs_ioprocs_page_select (RsIOProcsPage *self, FOURCC fcc)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      RsIOProcInfo *info = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      gboolean match = rs_ioproc_info_get_format (info)->fccIOProc == fcc;
      g_object_unref (info);
      if (match)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

static RsIOProcInfo *
selected_info (RsIOProcsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (RsIOProcsPage *self)
{
  RsIOProcInfo *info = selected_info (self);
  gboolean removable = info && !rs_ioproc_info_get_shadowed (info)
                       && rs_ioproc_info_get_origin (info) != RS_IOPROC_BUILTIN;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ioprocs.remove", removable && !self->checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ioprocs.check", info != NULL && !self->checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ioprocs.install", !self->checking);
}

static void
selection_changed (GtkSingleSelection *sel, GParamSpec *pspec, RsIOProcsPage *self)
{
  update_actions (self);
}

/* ---- install and remove ------------------------------------------------------- */

gboolean
rs_ioprocs_page_install (RsIOProcsPage *self, const char *path, GError **error)
{
  MMIOPLUGINERROR err;
  MMIOPLUGIN *plugin;
  const MMIOPLUGINDESC *d;
  char *abs = g_canonicalize_filename (path, NULL);
  GString *done = g_string_new (NULL);
  gboolean ok = TRUE;
  FOURCC first = 0;

  memset (&err, 0, sizeof err);
  plugin = mmioPluginLoad (abs, &err);
  if (plugin == NULL)
    {
      char *base = g_path_get_basename (abs);
      /* Translators: a plugin file name, then the loader's reason */
      char *msg = g_strdup_printf (_("“%s” cannot be installed: %s"), base, err.szMessage);
      show_message (self, msg);
      g_set_error_literal (error, RS_IOPROCS_ERROR, (int) err.ulReason, msg);
      g_free (msg);
      g_free (base);
      g_free (abs);
      g_string_free (done, TRUE);
      return FALSE;
    }
  d = mmioPluginDescriptor (plugin);
  for (ULONG i = 0; i < d->cProcs && ok; i++)
    {
      MMINIFILEINFO info;
      ULONG r;

      memset (&info, 0, sizeof info);
      info.fccIOProc = d->pProcs[i].fccIOProc;
      g_strlcpy (info.szDLLName, abs, sizeof info.szDLLName);
      if (d->pProcs[i].pszProcName)
        g_strlcpy (info.szProcName, d->pProcs[i].pszProcName, sizeof info.szProcName);
      r = mmioIniFileHandler (&info, MMIO_INSTALLPROC);
      if (r != MMIO_SUCCESS)
        {
          MMIOPLUGINERROR e2 = { 0 };
          char *msg;
          mmioIniFileLastError (&e2);
          msg = g_strdup_printf (_("The registry refused the plugin: %s"),
                                 e2.ulReason != MMIO_PLUGIN_E_NONE ? e2.szMessage : mmioErrorString (r));
          show_message (self, msg);
          g_set_error_literal (error, RS_IOPROCS_ERROR, (int) e2.ulReason, msg);
          g_free (msg);
          ok = FALSE;
          break;
        }
      if (first == 0)
        first = info.fccIOProc;
      {
        char fcc[5];
        memcpy (fcc, &info.fccIOProc, 4);
        fcc[4] = 0;
        if (done->len)
          g_string_append (done, _(", "));
        g_string_append_printf (done, "‘%s’", fcc);
      }
    }
  rs_ioprocs_page_refresh (self);
  if (ok)
    {
      /* Translators: %s lists the FOURCCs installed */
      char *msg = g_strdup_printf (_("Installed %s"), done->str);
      show_message (self, NULL);
      toast (self, msg);
      g_free (msg);
      if (first)
        rs_ioprocs_page_select (self, first);
    }
  g_string_free (done, TRUE);
  g_free (abs);
  return ok;
}

gboolean
rs_ioprocs_page_remove_selected (RsIOProcsPage *self, GError **error)
{
  RsIOProcInfo *info = selected_info (self);
  FOURCC fcc;
  gboolean ok = FALSE;
  char *fourcc;

  if (info == NULL)
    return FALSE;
  fcc = rs_ioproc_info_get_format (info)->fccIOProc;
  fourcc = rs_ioproc_info_dup_fourcc (info);
  switch (rs_ioproc_info_get_origin (info))
    {
    case RS_IOPROC_REGISTRY:
      {
        MMINIFILEINFO e;
        ULONG r;
        memset (&e, 0, sizeof e);
        e.fccIOProc = fcc;
        r = mmioIniFileHandler (&e, MMIO_REMOVEPROC | MMIO_MATCHFOURCC);
        ok = r == MMIO_SUCCESS;
        if (!ok)
          g_set_error (error, RS_IOPROCS_ERROR, (int) r, _("Cannot remove ‘%s’: %s"), fourcc, mmioErrorString (r));
        break;
      }
    case RS_IOPROC_PLUGIN:
    case RS_IOPROC_PROGRAM:
      ok = mmioInstallIOProc (fcc, NULL, MMIO_REMOVEPROC) != NULL;
      if (!ok)
        g_set_error (error, RS_IOPROCS_ERROR, 0, _("Cannot remove ‘%s’ while a file uses it"), fourcc);
      break;
    default:
      g_set_error (error, RS_IOPROCS_ERROR, 0, _("‘%s’ is built in and cannot be removed"), fourcc);
      break;
    }
  if (ok)
    {
      char *msg = g_strdup_printf (_("Removed ‘%s’"), fourcc);
      show_message (self, NULL);
      toast (self, msg);
      g_free (msg);
    }
  else if (error && *error)
    show_message (self, (*error)->message);
  g_free (fourcc);
  rs_ioprocs_page_refresh (self);
  return ok;
}

/* ---- the checker -------------------------------------------------------------- */

static const char *
rule_description (const char *id)
{
  const char *const *rules = mmioCheckRules ();

  for (guint i = 0; rules[i] && rules[i + 1]; i += 2)
    if (strcmp (rules[i], id) == 0)
      return rules[i + 1];
  return id;
}

static void
add_report_row (RsIOProcsPage *self, const char *title, const char *subtitle, const char *icon)
{
  GtkWidget *row = adw_action_row_new ();
  char *t = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t);
  if (subtitle)
    {
      char *s = g_markup_escape_text (subtitle, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s);
      g_free (s);
    }
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (icon)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon);
  gtk_list_box_append (self->report_list, row);
  g_free (t);
}

static void
clear_report (RsIOProcsPage *self)
{
  GtkWidget *c;

  while ((c = gtk_widget_get_first_child (GTK_WIDGET (self->report_list))) != NULL)
    gtk_list_box_remove (self->report_list, c);
}

static void
set_report_title (RsIOProcsPage *self, const char *text)
{
  g_free (self->report_title_text);
  self->report_title_text = g_strdup (text);
  gtk_label_set_text (self->report_title, text);
}

static void
show_report (RsIOProcsPage *self, const MMIOCHECKREPORT *rep)
{
  char fcc[5];
  char *title;

  clear_report (self);
  memcpy (fcc, &rep->fccIOProc, 4);
  fcc[4] = 0;
  if (rep->cFindings == 0)
    /* Translators: FOURCC, number of checks made */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "‘%s’: %u check made, no rule broken",
                                          "‘%s’: %u checks made, no rule broken", rep->cRulesChecked),
                             fcc, (unsigned) rep->cRulesChecked);
  else
    {
      char *checks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u check made", "%u checks made",
                                                   rep->cRulesChecked), (unsigned) rep->cRulesChecked);
      char *broken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rule broken", "%u rules broken",
                                                   rep->cFindings), (unsigned) rep->cFindings);
      title = g_strdup_printf ("‘%s’: %s, %s", fcc, checks, broken);
      g_free (checks);
      g_free (broken);
    }
  set_report_title (self, title);
  g_free (title);

  /* One row per rule: its first finding, and how often it was broken (an
   * IOProc stuck in a loop breaks one rule thousands of times). */
  {
    GHashTable *count = g_hash_table_new (g_str_hash, g_str_equal);
    GPtrArray *first = g_ptr_array_new ();
    for (ULONG i = 0; i < rep->cFindings; i++)
      {
        const MMIOCHECKFINDING *f = &rep->pFindings[i];
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (count, f->pszRule));
        if (n == 0)
          g_ptr_array_add (first, (gpointer) f);
        g_hash_table_insert (count, (gpointer) f->pszRule, GUINT_TO_POINTER (n + 1));
      }
    for (guint i = 0; i < first->len; i++)
      {
        const MMIOCHECKFINDING *f = g_ptr_array_index (first, i);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (count, f->pszRule));
        char *t = g_strdup_printf ("%s — %s", f->pszRule, rule_description (f->pszRule));
        char *s = f->pszCall && f->pszCall[0]
                  /* Translators: a finding's sentence, then the traced message that broke the rule */
                  ? g_strdup_printf (_("%s\nat %s"), f->pszMessage, f->pszCall)
                  : g_strdup (f->pszMessage);
        if (n > 1)
          {
            char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n(broken %u time)",
                                                       "%s\n(broken %u times)", n), s, n);
            g_free (s);
            s = more;
          }
        add_report_row (self, t, s, "dialog-warning-symbolic");
        g_free (t);
        g_free (s);
      }
    g_ptr_array_unref (first);
    g_hash_table_unref (count);
  }
  if (rep->iSignal != 0 || rep->fTimedOut)
    {
      GString *calls = g_string_new (NULL);
      for (ULONG i = 0; i < rep->cLastCalls; i++)
        g_string_append_printf (calls, "%s%s", i ? "\n" : "", rep->ppszLastCalls[i]);
      add_report_row (self, rep->fTimedOut ? _("The last messages before it stopped answering")
                                           : _("The last messages before it crashed"),
                      calls->len ? calls->str : _("none were traced"), "utilities-terminal-symbolic");
      g_string_free (calls, TRUE);
    }
  for (ULONG i = 0; i < rep->cNotes; i++)
    add_report_row (self, _("Not checked"), rep->ppszNotes[i], "dialog-information-symbolic");
}

typedef struct {
  FOURCC fcc;
  char *sample;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_free (job->sample);
  g_free (job);
}

static void
check_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  CheckJob *job = data;
  MMIOCHECKPARAMS p = { sizeof p, job->fcc, NULL, job->sample, 0 };
  MMIOCHECKREPORT *rep = NULL;
  ULONG r = mmioCheckIOProc (&p, &rep);

  if (r != MMIO_SUCCESS)
    {
      MMIOPLUGINERROR err = { 0 };
      if (r == MMIOERR_PLUGIN_LOAD_FAILED)
        mmioIniFileLastError (&err);
      g_task_return_new_error (task, RS_IOPROCS_ERROR, (int) r, "%s",
                               err.ulReason != MMIO_PLUGIN_E_NONE ? err.szMessage : mmioErrorString (r));
      return;
    }
  g_task_return_pointer (task, rep, (GDestroyNotify) mmioCheckReportFree);
}

static void
check_done (GObject *source, GAsyncResult *result, gpointer data)
{
  RsIOProcsPage *self = RS_IOPROCS_PAGE (source);
  GError *error = NULL;
  MMIOCHECKREPORT *rep = g_task_propagate_pointer (G_TASK (result), &error);

  self->checking = FALSE;
  gtk_spinner_stop (self->spinner);
  if (rep)
    {
      show_report (self, rep);
      mmioCheckReportFree (rep);
    }
  else
    {
      char *t = g_strdup_printf (_("The checker could not run: %s"), error->message);
      clear_report (self);
      set_report_title (self, t);
      g_free (t);
      g_error_free (error);
    }
  update_actions (self);
}

void
rs_ioprocs_page_check_selected (RsIOProcsPage *self)
{
  RsIOProcInfo *info = selected_info (self);
  CheckJob *job;
  GTask *task;
  char *fcc;
  char *t;

  if (info == NULL || self->checking)
    return;
  job = g_new0 (CheckJob, 1);
  job->fcc = rs_ioproc_info_get_format (info)->fccIOProc;
  fcc = rs_ioproc_info_dup_fourcc (info);
  /* Translators: %s is a FOURCC */
  t = g_strdup_printf (_("Checking ‘%s’…"), fcc);
  clear_report (self);
  set_report_title (self, t);
  g_free (t);
  g_free (fcc);
  self->checking = TRUE;
  gtk_spinner_start (self->spinner);
  update_actions (self);
  task = g_task_new (self, self->cancellable, check_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  g_task_run_in_thread (task, check_thread);
  g_object_unref (task);
}

gboolean rs_ioprocs_page_get_checking (RsIOProcsPage *self) { return self->checking; }
const char *rs_ioprocs_page_get_message (RsIOProcsPage *self) { return self->message; }
GtkListBox *rs_ioprocs_page_get_report_list (RsIOProcsPage *self) { return self->report_list; }
const char *rs_ioprocs_page_get_report_title (RsIOProcsPage *self) { return self->report_title_text; }

/* ---- actions ------------------------------------------------------------------- */

static void
install_chosen (const char *path, gpointer data)
{
  RsIOProcsPage *self = data;

  if (path)
    rs_ioprocs_page_install (self, path, NULL);
  g_object_unref (self);
}

static void
install_action (GtkWidget *w, const char *name, GVariant *param)
{
  GtkRoot *root = gtk_widget_get_root (w);

  rs_dialogs_choose_open (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Install IOProc Plugin"),
                          install_chosen, g_object_ref (w));
}

static void
remove_action (GtkWidget *w, const char *name, GVariant *param)
{
  rs_ioprocs_page_remove_selected (RS_IOPROCS_PAGE (w), NULL);
}

static void
check_action (GtkWidget *w, const char *name, GVariant *param)
{
  rs_ioprocs_page_check_selected (RS_IOPROCS_PAGE (w));
}

static void
refresh_action (GtkWidget *w, const char *name, GVariant *param)
{
  rs_ioprocs_page_refresh (RS_IOPROCS_PAGE (w));
}

/* ---- object -------------------------------------------------------------------- */

static void
rs_ioprocs_page_dispose (GObject *object)
{
  RsIOProcsPage *self = RS_IOPROCS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->column_view)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), RS_TYPE_IOPROCS_PAGE);
  G_OBJECT_CLASS (rs_ioprocs_page_parent_class)->dispose (object);
}

static void
rs_ioprocs_page_finalize (GObject *object)
{
  RsIOProcsPage *self = RS_IOPROCS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->message);
  g_free (self->report_title_text);
  G_OBJECT_CLASS (rs_ioprocs_page_parent_class)->finalize (object);
}

static void
rs_ioprocs_page_class_init (RsIOProcsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rs_ioprocs_page_dispose;
  object_class->finalize = rs_ioprocs_page_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/riffscope/Riffscope/rs-ioprocs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RsIOProcsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RsIOProcsPage, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, RsIOProcsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, RsIOProcsPage, registry_label);
  gtk_widget_class_bind_template_child (widget_class, RsIOProcsPage, report_title);
  gtk_widget_class_bind_template_child (widget_class, RsIOProcsPage, report_list);
  gtk_widget_class_bind_template_child (widget_class, RsIOProcsPage, spinner);
  gtk_widget_class_install_action (widget_class, "ioprocs.install", NULL, install_action);
  gtk_widget_class_install_action (widget_class, "ioprocs.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "ioprocs.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "ioprocs.refresh", NULL, refresh_action);
}

static void
rs_ioprocs_page_init (RsIOProcsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->store = g_list_store_new (RS_TYPE_IOPROC_INFO);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_column (self, _("FOURCC"), COL_FOURCC, FALSE, 70);
  add_column (self, _("Name"), COL_NAME, FALSE, 200);
  add_column (self, _("IOProc type"), COL_TYPE, FALSE, 120);
  add_column (self, _("Media type"), COL_MEDIA, FALSE, 110);
  add_column (self, _("Capabilities"), COL_CAPS, TRUE, -1);
  add_column (self, _("Extension"), COL_EXT, FALSE, 80);
  add_column (self, _("Origin"), COL_ORIGIN, FALSE, 170);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed), self);
  rs_ioprocs_page_refresh (self);
  update_actions (self);
}

GtkWidget *
rs_ioprocs_page_new (void)
{
  return g_object_new (RS_TYPE_IOPROCS_PAGE, NULL);
}
