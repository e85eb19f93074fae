/* rs-compound.c — container operations for the elements browser, on the
 * engine's CF calls and element listing. Every edit goes through the CF
 * IOProc, which writes a temporary file and renames it; extraction writes
 * through GIO's replace, which does the same. */
#include "rs-compound.h"

#include <glib/gi18n.h>
#include <mmio/mmio.h>
#include <mmio/mmio-ioproc.h>
#include <string.h>
#include "rs-element.h"

G_DEFINE_QUARK (rs-compound-error-quark, rs_compound_error)

static void
set_mmio_error (GError **error, UINT code, const char *what)
{
  g_set_error (error, RS_COMPOUND_ERROR, (int) code, "%s: %s", what, mmioErrorString (code));
}

typedef struct {
  GListStore *store;
  guint32 skip;
} ListCtx;

static BOOL
sink_add_element (MMIOELEMENTSINK *sink, const MMIOELEMENT *e)
{
  ListCtx *ctx = sink->pUser;
  RsElement *el;

  if (e->ulFlags & ctx->skip)
    return TRUE;
  el = rs_element_new (e->pszName, e->lSize, e->fccMedType, e->ulFlags, e->ulIndex);
  g_list_store_append (ctx->store, el);
  g_object_unref (el);
  return TRUE;
}

static void
sink_add_finding (MMIOELEMENTSINK *sink, const char *rule, const char *message)
{
  g_debug ("container finding %s: %s", rule, message);
}

GListStore *
rs_compound_list (const char *path, GError **error)
{
  MMIOELEMENTSINK sink = { sink_add_element, sink_add_finding, NULL };
  ListCtx ctx;
  MMRESULT rc;

  ctx.store = g_list_store_new (RS_TYPE_ELEMENT);
  ctx.skip = MMIO_ELEMENT_DELETED | MMIO_ELEMENT_UNUSED;
  sink.pUser = &ctx;
  rc = mmioListElements (path, &sink, 0);
  if (rc != MMSYSERR_NOERROR)
    {
      set_mmio_error (error, rc, _("Cannot list the elements"));
      g_object_unref (ctx.store);
      return NULL;
    }
  return ctx.store;
}

static BOOL
count_element (MMIOELEMENTSINK *sink, const MMIOELEMENT *e)
{
  return TRUE;
}

gboolean
rs_compound_can_list (const char *path)
{
  MMIOELEMENTSINK sink = { count_element, sink_add_finding, NULL };

  /* mmioListElements answers MMSYSERR_NOTSUPPORTED for a name whose
   * extension is a file format ("clip.avi"): not a container. */
  return mmioListElements (path, &sink, 0) == MMSYSERR_NOERROR;
}

static HMMCF
cf_open (const char *path, gboolean write, MMCFINFO *cfinfo, GError **error)
{
  MMIOINFO info;
  MMCFINFO local;
  char *name = g_strdup (path);
  HMMCF h;

  memset (&info, 0, sizeof info);
  memset (&local, 0, sizeof local);
  h = mmioCFOpen (name, cfinfo ? cfinfo : &local, &info, write ? MMIO_READWRITE : MMIO_READ);
  g_free (name);
  if (h == NULL)
    set_mmio_error (error, info.ulErrorRet ? info.ulErrorRet : MMIOERR_CANNOTOPEN,
                    _("Cannot open the compound file"));
  return h;
}

static gboolean
cf_close (HMMCF h, gboolean ok, GError **error)
{
  ULONG rc = mmioCFClose (h, 0);

  if (ok && rc != MMIO_CF_SUCCESS && rc != MMSYSERR_NOERROR)
    {
      set_mmio_error (error, rc, _("Cannot save the compound file"));
      return FALSE;
    }
  return ok;
}

gboolean
rs_compound_is_editable (const char *path)
{
  /* A compound (BND) file is what mmioCFOpen accepts; archives and other
   * containers are read-only. */
  HMMCF h = cf_open (path, FALSE, NULL, NULL);

  if (h == NULL)
    return FALSE;
  mmioCFClose (h, 0);
  return TRUE;
}

gboolean
rs_compound_has_element (const char *path, const char *element)
{
  MMCFINFO cfinfo;
  HMMCF h = cf_open (path, FALSE, &cfinfo, NULL);
  MMCTOCENTRY *entry;
  gboolean found;

  if (h == NULL)
    return FALSE;
  entry = g_malloc0 (mmioCFEntryImageSize (&cfinfo) + strlen (element) + 1);
  strcpy (mmioCFEntryName (entry, &cfinfo), element);
  found = mmioCFFindEntry (h, entry, 0) == MMIO_CF_SUCCESS;
  g_free (entry);
  mmioCFClose (h, 0);
  return found;
}

static GBytes *
read_element (const char *path, const char *element, GError **error)
{
  char *name = g_strdup_printf ("%s%c%s", path, CFSEPCHAR, element);
  MMIOINFO info;
  HMMIO h;
  GByteArray *buf;
  char chunk[65536];
  LONG got;

  memset (&info, 0, sizeof info);
  h = mmioOpen (name, &info, MMIO_READ);
  g_free (name);
  if (h == NULL)
    {
      set_mmio_error (error, info.wErrorRet ? info.wErrorRet : MMIOERR_CANNOTOPEN,
                      _("Cannot open the element"));
      return NULL;
    }
  buf = g_byte_array_new ();
  while ((got = mmioRead (h, chunk, sizeof chunk)) > 0)
    g_byte_array_append (buf, (guint8 *) chunk, got);
  mmioClose (h, 0);
  if (got < 0)
    {
      set_mmio_error (error, MMIOERR_CANNOTREAD, _("Cannot read the element"));
      g_byte_array_unref (buf);
      return NULL;
    }
  return g_byte_array_free_to_bytes (buf);
}

gboolean
rs_compound_extract (const char *path, const char *element, const char *dest, GError **error)
{
  g_autoptr(GBytes) bytes = read_element (path, element, error);
  g_autoptr(GFile) file = NULL;

  if (bytes == NULL)
    return FALSE;
  file = g_file_new_for_path (dest);
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static gboolean
add_bytes (const char *path, const char *element, GBytes *bytes, gboolean replace, GError **error)
{
  HMMCF h = cf_open (path, TRUE, NULL, error);
  char *name;
  ULONG rc;
  gboolean ok;

  if (h == NULL)
    return FALSE;
  name = g_strdup (element);
  rc = mmioCFAddElement (h, name, 0, (PCHAR) g_bytes_get_data (bytes, NULL),
                         (LONG) g_bytes_get_size (bytes), replace ? MMIO_CF_ENTRY_EXISTS : 0);
  g_free (name);
  ok = rc == MMIO_CF_SUCCESS;
  if (!ok)
    set_mmio_error (error, mmioGetLastError (h), _("Cannot add the element"));
  return cf_close (h, ok, error);
}

gboolean
rs_compound_add_file (const char *path, const char *element, const char *source,
                      gboolean replace, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, error);

  if (bytes == NULL)
    return FALSE;
  return add_bytes (path, element, bytes, replace, error);
}

gboolean
rs_compound_delete (const char *path, const char *element, GError **error)
{
  MMCFINFO cfinfo;
  HMMCF h = cf_open (path, TRUE, &cfinfo, error);
  MMCTOCENTRY *entry;
  gboolean ok;

  if (h == NULL)
    return FALSE;
  entry = g_malloc0 (mmioCFEntryImageSize (&cfinfo) + strlen (element) + 1);
  strcpy (mmioCFEntryName (entry, &cfinfo), element);
  ok = mmioCFDeleteEntry (h, entry, 0) == MMIO_CF_SUCCESS;
  if (!ok)
    set_mmio_error (error, mmioGetLastError (h), _("Cannot delete the element"));
  g_free (entry);
  return cf_close (h, ok, error);
}

gboolean
rs_compound_undelete (const char *path, const char *element, GError **error)
{
  MMCFINFO cfinfo;
  HMMCF h = cf_open (path, TRUE, &cfinfo, error);
  MMCTOCENTRY *entry;
  ULONG size;
  gboolean found = FALSE, ok = FALSE;

  if (h == NULL)
    return FALSE;
  size = mmioCFEntryImageSize (&cfinfo) + strlen (element) + 1;
  entry = g_malloc0 (size);
  /* The last deleted entry of that name is the one just deleted. */
  for (ULONG flags = MMIO_FINDDELETED;
       mmioCFFindEntry (h, entry, flags) == MMIO_CF_SUCCESS;
       flags = MMIO_FINDDELETED | MMIO_FINDNEXT)
    if (strcmp (mmioCFEntryName (entry, &cfinfo), element) == 0)
      {
        found = TRUE;
        break;
      }
  if (found)
    {
      *mmioCFEntryFlags (entry, &cfinfo) &= ~CTOC_EF_DELETED;
      ok = mmioCFChangeEntry (h, entry, MMIO_CHANGEDELETED) == MMIO_CF_SUCCESS;
      if (!ok)
        set_mmio_error (error, mmioGetLastError (h), _("Cannot restore the element"));
    }
  else
    g_set_error (error, RS_COMPOUND_ERROR, MMIOERR_CF_ENTRY_NOT_FOUND,
                 _("“%s” can no longer be restored"), element);
  g_free (entry);
  return cf_close (h, ok, error);
}

gboolean
rs_compound_rename (const char *path, const char *element, const char *new_name, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (g_strcmp0 (element, new_name) == 0)
    return TRUE;
  if (new_name == NULL || new_name[0] == '\0' || strchr (new_name, CFSEPCHAR))
    {
      g_set_error (error, RS_COMPOUND_ERROR, MMIOERR_INVALID_FILENAME,
                   _("An element name cannot be empty or contain “%c”"), CFSEPCHAR);
      return FALSE;
    }
  if (rs_compound_has_element (path, new_name))
    {
      g_set_error (error, RS_COMPOUND_ERROR, MMIOERR_CF_DUPLICATE_SEEN,
                   _("An element called “%s” already exists"), new_name);
      return FALSE;
    }
  /* Copy under the new name first, then delete: a failure in between
   * leaves both, never neither. */
  bytes = read_element (path, element, error);
  if (bytes == NULL || !add_bytes (path, new_name, bytes, FALSE, error))
    return FALSE;
  return rs_compound_delete (path, element, error);
}

gboolean
rs_compound_compact (const char *path, GError **error)
{
  char *name = g_strdup (path);
  ULONG rc = mmioCFCompact (name, 0);

  g_free (name);
  if (rc != MMSYSERR_NOERROR)
    {
      set_mmio_error (error, rc, _("Cannot compact the compound file"));
      return FALSE;
    }
  return TRUE;
}
