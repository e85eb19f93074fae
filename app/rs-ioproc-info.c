/* rs-ioproc-info.c — an installed IOProc as a list item, and the words
 * the IOProcs page uses for its types, media and capability bits. */
#include "rs-ioproc-info.h"

#include <glib/gi18n.h>

struct _RsIOProcInfo
{
  GObject parent_instance;
  MMFORMATINFO info;
  char *name;
  RsIOProcOrigin origin;
  char *module;
  gboolean shadowed;
};

G_DEFINE_FINAL_TYPE (RsIOProcInfo, rs_ioproc_info, G_TYPE_OBJECT)

static void
rs_ioproc_info_finalize (GObject *object)
{
  RsIOProcInfo *self = RS_IOPROC_INFO (object);

  g_free (self->name);
  g_free (self->module);
  G_OBJECT_CLASS (rs_ioproc_info_parent_class)->finalize (object);
}

static void
rs_ioproc_info_class_init (RsIOProcInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_ioproc_info_finalize;
}

static void
rs_ioproc_info_init (RsIOProcInfo *self)
{
}

RsIOProcInfo *
rs_ioproc_info_new (const MMFORMATINFO *info, const char *name, RsIOProcOrigin origin,
                    const char *module, gboolean shadowed)
{
  RsIOProcInfo *self = g_object_new (RS_TYPE_IOPROC_INFO, NULL);

  self->info = *info;
  self->name = g_strdup (name ? name : "");
  self->origin = origin;
  self->module = g_strdup (module);
  self->shadowed = shadowed;
  return self;
}

const MMFORMATINFO *rs_ioproc_info_get_format (RsIOProcInfo *self) { return &self->info; }
const char *rs_ioproc_info_get_name (RsIOProcInfo *self) { return self->name; }
RsIOProcOrigin rs_ioproc_info_get_origin (RsIOProcInfo *self) { return self->origin; }
const char *rs_ioproc_info_get_module (RsIOProcInfo *self) { return self->module; }
gboolean rs_ioproc_info_get_shadowed (RsIOProcInfo *self) { return self->shadowed; }

char *
rs_ioproc_info_dup_fourcc (RsIOProcInfo *self)
{
  char s[5];

  for (int i = 0; i < 4; i++)
    {
      char c = (char) ((self->info.fccIOProc >> (8 * i)) & 0xFF);
      s[i] = g_ascii_isprint (c) ? c : '.';
    }
  s[4] = 0;
  return g_strdup (s);
}

const char *
rs_ioproc_type_text (ULONG type)
{
  switch (type)
    {
    case MMIO_IOPROC_STORAGESYSTEM: return _("Storage system");
    case MMIO_IOPROC_FILEFORMAT: return _("File format");
    case MMIO_IOPROC_DATAFORMAT: return _("Data format");
    default: return _("Unknown");
    }
}

const char *
rs_media_type_text (ULONG media)
{
  switch (media)
    {
    case MMIO_MEDIATYPE_IMAGE: return _("Image");
    case MMIO_MEDIATYPE_AUDIO: return _("Audio");
    case MMIO_MEDIATYPE_MIDI: return _("MIDI");
    case MMIO_MEDIATYPE_COMPOUND: return _("Compound");
    case MMIO_MEDIATYPE_OTHER: return _("Other");
    case MMIO_MEDIATYPE_UNKNOWN: return _("Unknown");
    case MMIO_MEDIATYPE_DIGITALVIDEO: return _("Digital video");
    case MMIO_MEDIATYPE_ANIMATION: return _("Animation");
    case MMIO_MEDIATYPE_MOVIE: return _("Movie");
    default: return _("Unknown");
    }
}

char *
rs_capabilities_text (ULONG flags)
{
  static const struct { ULONG bit; const char *text; } caps[] = {
    { MMIO_CANREADTRANSLATED, N_("read translated") },
    { MMIO_CANWRITETRANSLATED, N_("write translated") },
    { MMIO_CANREADWRITETRANSLATED, N_("read/write translated") },
    { MMIO_CANREADUNTRANSLATED, N_("read") },
    { MMIO_CANWRITEUNTRANSLATED, N_("write") },
    { MMIO_CANREADWRITEUNTRANSLATED, N_("read/write") },
    { MMIO_CANSEEKTRANSLATED, N_("seek translated") },
    { MMIO_CANSEEKUNTRANSLATED, N_("seek") },
    { MMIO_CANINSERTUNTRANSLATED, N_("insert") },
    { MMIO_CANSAVEUNTRANSLATED, N_("save") },
    { MMIO_CANINSERTTRANSLATED, N_("insert translated") },
    { MMIO_CANSAVETRANSLATED, N_("save translated") },
    { MMIO_CANMULTITRACKREADTRANSLATED, N_("multitrack read translated") },
    { MMIO_CANMULTITRACKREADUNTRANSLATED, N_("multitrack read") },
    { MMIO_CANMULTITRACKWRITETRANSLATED, N_("multitrack write translated") },
    { MMIO_CANMULTITRACKWRITEUNTRANSLATED, N_("multitrack write") },
    { MMIO_CANTRACKSEEKTRANSLATED, N_("track seek translated") },
    { MMIO_CANTRACKSEEKUNTRANSLATED, N_("track seek") },
    { MMIO_CANTRACKREADTRANSLATED, N_("track read translated") },
    { MMIO_CANTRACKREADUNTRANSLATED, N_("track read") },
    { MMIO_CANTRACKWRITETRANSLATED, N_("track write translated") },
    { MMIO_CANTRACKWRITEUNTRANSLATED, N_("track write") },
  };
  GString *s = g_string_new (NULL);
  ULONG known = 0;

  for (guint i = 0; i < G_N_ELEMENTS (caps); i++)
    {
      known |= caps[i].bit;
      if (flags & caps[i].bit)
        {
          if (s->len)
            g_string_append (s, _(", "));
          g_string_append (s, _(caps[i].text));
        }
    }
  if (flags & ~known)
    {
      if (s->len)
        g_string_append (s, _(", "));
      g_string_append_printf (s, "0x%lX", (unsigned long) (flags & ~known));
    }
  if (s->len == 0)
    g_string_append (s, _("none"));
  return g_string_free (s, FALSE);
}

char *
rs_ioproc_info_dup_origin_text (RsIOProcInfo *self)
{
  char *base = self->module ? g_path_get_basename (self->module) : NULL;
  char *out;

  switch (self->origin)
    {
    case RS_IOPROC_BUILTIN:
      out = g_strdup (_("Built-in"));
      break;
    case RS_IOPROC_REGISTRY:
      /* Translators: %s is a plugin file name */
      out = g_strdup_printf (_("Registry: %s"), base ? base : "?");
      break;
    case RS_IOPROC_PLUGIN:
      out = g_strdup_printf (_("Plugin file: %s"), base ? base : "?");
      break;
    default:
      out = g_strdup (_("This program"));
      break;
    }
  g_free (base);
  if (self->shadowed)
    {
      char *t = g_strdup_printf (_("%s (shadowed)"), out);
      g_free (out);
      out = t;
    }
  return out;
}
