/* rs-element.h — one element of a compound file or archive, as a row of
 * the elements browser. */
#pragma once

#include <glib-object.h>
#include <mmio/mmio.h>
#include "rs-types.h"

G_BEGIN_DECLS

#define RS_TYPE_ELEMENT (rs_element_get_type ())
G_DECLARE_FINAL_TYPE (RsElement, rs_element, RS, ELEMENT, GObject)

RsElement  *rs_element_new       (const char *name, gint64 size, FOURCC media_type,
                                  guint32 flags, guint index);
const char *rs_element_get_name  (RsElement *self);
gint64      rs_element_get_size  (RsElement *self);
FOURCC      rs_element_get_media_type (RsElement *self);
/* MMIO_ELEMENT_* */
guint32     rs_element_get_flags (RsElement *self);
guint       rs_element_get_index (RsElement *self);
/* "RIFF WAVE form", "Raw data" …, translated. */
char       *rs_element_dup_kind  (RsElement *self);

G_END_DECLS
