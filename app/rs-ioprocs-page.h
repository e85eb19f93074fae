/* rs-ioprocs-page.h — the IOProc workbench: every installed IOProc with
 * its MMFORMATINFO and origin; installing a plugin file into the
 * persistent registry and removing it; the conformance checker's report
 * on one. */
#pragma once

#include <adwaita.h>
#include <mmio/mmio.h>
#include "rs-types.h"

G_BEGIN_DECLS

#define RS_TYPE_IOPROCS_PAGE (rs_ioprocs_page_get_type ())
G_DECLARE_FINAL_TYPE (RsIOProcsPage, rs_ioprocs_page, RS, IOPROCS_PAGE, AdwBin)

GtkWidget  *rs_ioprocs_page_new       (void);
/* Asks the engine again (mmioGetFormats, the registry). */
void        rs_ioprocs_page_refresh   (RsIOProcsPage *self);
/* RsIOProcInfo items, newest first as the engine searches them. */
GListModel *rs_ioprocs_page_get_model (RsIOProcsPage *self);
/* Selects the first row with this FOURCC; FALSE if none. */
gboolean    rs_ioprocs_page_select    (RsIOProcsPage *self, FOURCC fcc);
/* Loads the plugin and puts each of its IOProcs in the persistent
 * registry. On failure the loader's reason is shown and set in error. */
gboolean    rs_ioprocs_page_install   (RsIOProcsPage *self, const char *path, GError **error);
/* Removes the selected IOProc (registry entry or this session's). */
gboolean    rs_ioprocs_page_remove_selected (RsIOProcsPage *self, GError **error);
/* Runs the checker on the selected IOProc in a worker; the report shows
 * when it is done. */
void        rs_ioprocs_page_check_selected (RsIOProcsPage *self);
gboolean    rs_ioprocs_page_get_checking (RsIOProcsPage *self);
/* The last message shown above the table (a failure's reason), or NULL. */
const char *rs_ioprocs_page_get_message (RsIOProcsPage *self);
/* The report list: one row per finding, note and last call. */
GtkListBox *rs_ioprocs_page_get_report_list (RsIOProcsPage *self);
/* The report's heading ("'RDOF': 24 checks, 1 rule broken"). */
const char *rs_ioprocs_page_get_report_title (RsIOProcsPage *self);

G_END_DECLS
