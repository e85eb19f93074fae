/* rs-compound.h — what the elements browser does to a container: list its
 * elements, read one out, and for compound files add, replace, rename,
 * delete, undelete and compact. Errors come back as GError with a
 * sentence a person understands. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RS_COMPOUND_ERROR (rs_compound_error_quark ())
GQuark     rs_compound_error_quark (void);

/* TRUE when the file is a container whose elements can be listed. */
gboolean   rs_compound_can_list    (const char *path);
/* TRUE when it is a compound file (CTOC/CGRP) that can be edited. */
gboolean   rs_compound_is_editable (const char *path);
/* A GListStore of RsElement (deleted ones left out). */
GListStore *rs_compound_list       (const char *path, GError **error);
/* Copies an element's bytes to dest (written to a temporary file and
 * renamed, so dest is never half-written). */
gboolean   rs_compound_extract     (const char *path, const char *element,
                                    const char *dest, GError **error);
/* Adds (or with replace, replaces) an element from a file's bytes. */
gboolean   rs_compound_add_file    (const char *path, const char *element,
                                    const char *source, gboolean replace,
                                    GError **error);
gboolean   rs_compound_delete      (const char *path, const char *element,
                                    GError **error);
/* Brings back an element deleted and not yet compacted away. */
gboolean   rs_compound_undelete    (const char *path, const char *element,
                                    GError **error);
gboolean   rs_compound_rename      (const char *path, const char *element,
                                    const char *new_name, GError **error);
gboolean   rs_compound_compact     (const char *path, GError **error);
gboolean   rs_compound_has_element (const char *path, const char *element);

G_END_DECLS
