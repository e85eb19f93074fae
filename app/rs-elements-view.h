/* rs-elements-view.h — the elements browser of a compound file or an
 * archive: list, open, extract, and for compound files add, replace,
 * rename, delete (with undo) and compact (with confirmation). */
#pragma once

#include <adwaita.h>
#include "rs-types.h"

G_BEGIN_DECLS

#define RS_TYPE_ELEMENTS_VIEW (rs_elements_view_get_type ())
G_DECLARE_FINAL_TYPE (RsElementsView, rs_elements_view, RS, ELEMENTS_VIEW, AdwBin)

void        rs_elements_view_set_container (RsElementsView *self, const char *path,
                                            gboolean editable);
const char *rs_elements_view_get_container (RsElementsView *self);
gboolean    rs_elements_view_is_editable   (RsElementsView *self);
void        rs_elements_view_reload        (RsElementsView *self);
/* A list model of RsElement. */
GListModel *rs_elements_view_get_model     (RsElementsView *self);
RsElement  *rs_elements_view_get_selected  (RsElementsView *self);
gboolean    rs_elements_view_select        (RsElementsView *self, const char *name);

/* The commands; each asks what it needs through rs-dialogs. */
void        rs_elements_view_open_selected    (RsElementsView *self);
void        rs_elements_view_extract_selected (RsElementsView *self);
void        rs_elements_view_add              (RsElementsView *self);
void        rs_elements_view_replace_selected (RsElementsView *self);
void        rs_elements_view_rename_selected  (RsElementsView *self);
void        rs_elements_view_delete_selected  (RsElementsView *self);
/* Restores the element deleted last, if compaction has not removed it. */
gboolean    rs_elements_view_undo_delete      (RsElementsView *self);
void        rs_elements_view_compact          (RsElementsView *self);

G_END_DECLS
