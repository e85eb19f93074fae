/* rs-element.c — an element row: name, size, media type, flags. */
#include "rs-element.h"

#include <glib/gi18n.h>
#include "rs-format.h"

struct _RsElement
{
  GObject parent_instance;
  char *name;
  gint64 size;
  FOURCC media_type;
  guint32 flags;
  guint index;
};

enum { PROP_0, PROP_NAME, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (RsElement, rs_element, G_TYPE_OBJECT)

static void
rs_element_finalize (GObject *object)
{
  g_free (RS_ELEMENT (object)->name);
  G_OBJECT_CLASS (rs_element_parent_class)->finalize (object);
}

static void
rs_element_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, RS_ELEMENT (object)->name); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_element_class_init (RsElementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rs_element_finalize;
  object_class->get_property = rs_element_get_property;
  /* For sorting and filtering by expression. */
  props[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_element_init (RsElement *self)
{
}

RsElement *
rs_element_new (const char *name, gint64 size, FOURCC media_type, guint32 flags, guint index)
{
  RsElement *self = g_object_new (RS_TYPE_ELEMENT, NULL);

  self->name = g_strdup (name ? name : "");
  self->size = size;
  self->media_type = media_type;
  self->flags = flags;
  self->index = index;
  return self;
}

const char *rs_element_get_name (RsElement *self) { return self->name; }
gint64 rs_element_get_size (RsElement *self) { return self->size; }
FOURCC rs_element_get_media_type (RsElement *self) { return self->media_type; }
guint32 rs_element_get_flags (RsElement *self) { return self->flags; }
guint rs_element_get_index (RsElement *self) { return self->index; }

char *
rs_element_dup_kind (RsElement *self)
{
  char *fcc, *out;

  if (self->flags & MMIO_ELEMENT_DIRECTORY)
    return g_strdup (_("Folder"));
  if (self->media_type == 0)
    return g_strdup (_("Raw data"));
  fcc = rs_format_fourcc (self->media_type);
  g_strchomp (fcc);
  /* Translators: %s is a RIFF form type such as "WAVE" */
  out = g_strdup_printf (_("%s form"), fcc);
  g_free (fcc);
  return out;
}
