/* rs-page.h — one tab of the window: a document's summary, chunk tree,
 * details, bytes, problems and (for containers) elements. */
#pragma once

#include <adwaita.h>
#include <mmio/mmio-inspect.h>
#include "rs-types.h"

G_BEGIN_DECLS

#define RS_TYPE_PAGE (rs_page_get_type ())
G_DECLARE_FINAL_TYPE (RsPage, rs_page, RS, PAGE, AdwBin)

typedef enum {
  RS_COPY_HEX,
  RS_COPY_C_ARRAY,
  RS_COPY_BASE64,
} RsCopyFormat;

RsPage         *rs_page_new               (RsDocument *document);
RsDocument     *rs_page_get_document      (RsPage *self);
RsHexView      *rs_page_get_hex_view      (RsPage *self);
RsElementsView *rs_page_get_elements_view (RsPage *self);
/* The details pane's lists (fields, findings) and the problems list. */
GtkListBox     *rs_page_get_fields_list   (RsPage *self);
GtkListBox     *rs_page_get_findings_list (RsPage *self);
GtkListBox     *rs_page_get_problems_list (RsPage *self);
GtkWidget      *rs_page_get_facts_box     (RsPage *self);
const char     *rs_page_get_format_title  (RsPage *self);

/* Selected chunk, or MMIO_NODE_NONE (nothing, or a group row). */
MmioNodeId      rs_page_get_selected_node (RsPage *self);
/* Expands the chunk's ancestors, selects its row and highlights its bytes. */
gboolean        rs_page_select_node       (RsPage *self, MmioNodeId node);
/* Shows and selects bytes, then selects the chunk holding them. */
void            rs_page_goto_offset       (RsPage *self, gint64 offset);
/* "structure", "elements" or "problems". */
void            rs_page_show_view         (RsPage *self, const char *name);
gboolean        rs_page_is_container      (RsPage *self);
/* What to show once the first full tree is in: a view name (or NULL) and
 * an offset to go to (or -1). For the command line's --view and --goto. */
void            rs_page_set_initial       (RsPage *self, const char *view, gint64 offset);

/* The bytes the copy and extract commands act on: the hex selection, or
 * the selected chunk. FALSE when there are none. */
gboolean        rs_page_get_target_range  (RsPage *self, gint64 *start, gint64 *end);
char           *rs_page_dup_copy_text     (RsPage *self, RsCopyFormat format, GError **error);
gboolean        rs_page_extract_range     (RsPage *self, gint64 start, gint64 end,
                                           const char *dest, GError **error);
/* A file name to suggest when extracting the selected chunk. */
char           *rs_page_dup_suggested_name (RsPage *self, gboolean chunk);

G_END_DECLS
