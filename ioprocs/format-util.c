/* format-util.c — see format-util.h. */
#include "format-util.h"
#include "../engine/mmio-i18n.h"

#include <string.h>

HMMIO
fu_child (const MMIOINFO *info)
{
  return (HMMIO) (uintptr_t) ((guint64) info->adwInfo[2]
                              | ((guint64) info->adwInfo[3] << 32));
}

static void
set_child (MMIOINFO *info, HMMIO child)
{
  guint64 v = (guint64) (uintptr_t) child;
  info->adwInfo[2] = (DWORD) v;
  info->adwInfo[3] = (DWORD) (v >> 32);
}

static LRESULT
child_open (MMIOINFO *info, const char *name)
{
  MMIOINFO ci;
  HMMIO child;
  DWORD flags = info->dwFlags & (MMIO_RWMODE | MMIO_SHAREMODE | MMIO_CREATE
                                 | MMIO_VERTBAR);

  memset (&ci, 0, sizeof ci);
  ci.fccIOProc = info->fccChildIOProc;
  /* With no name, adwInfo[0] is an open descriptor for the storage IOProc
   * (the DOS convention), handed down as it came. */
  ci.adwInfo[0] = info->adwInfo[0];
  child = mmioOpen ((LPSTR) name, &ci, flags);
  if (child == NULL)
    return ci.wErrorRet ? (LRESULT) ci.wErrorRet : MMIOERR_CANNOTOPEN;
  set_child (info, child);
  info->lDiskOffset = mmioSeek (child, 0, SEEK_CUR);
  if (info->lDiskOffset < 0)
    info->lDiskOffset = 0;
  return MMSYSERR_NOERROR;
}

static gboolean
forwardable (UINT msg)
{
  return msg >= MMIOM_USER || (msg > MMIOM_START && msg <= MMIOM_SYSTEM_LAST);
}

LRESULT
fu_storage_message (MMIOINFO *info, UINT msg, LPARAM p1, LPARAM p2,
                    gboolean *handled)
{
  HMMIO child = fu_child (info);
  LONG r;

  *handled = TRUE;
  switch (msg)
    {
    case MMIOM_OPEN:
      return child_open (info, (const char *) p1);
    case MMIOM_CLOSE:
      if (child == NULL)
        return MMSYSERR_NOERROR;
      set_child (info, NULL);
      return mmioClose (child, (UINT) p1);
    case MMIOM_READ:
      if (child == NULL)
        return -1;
      r = mmioRead (child, (HPSTR) p1, (LONG) p2);
      if (r > 0)
        info->lDiskOffset += r;
      return r;
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
      if (child == NULL)
        return -1;
      r = mmioWrite (child, (HPCSTR) p1, (LONG) p2);
      if (r > 0)
        info->lDiskOffset += r;
      if (msg == MMIOM_WRITEFLUSH && mmioFlush (child, 0) != 0)
        return -1;
      return r;
    case MMIOM_SEEK:
      if (child == NULL)
        return -1;
      r = mmioSeek (child, (LONG) p1, (int) p2);
      if (r >= 0)
        info->lDiskOffset = r;
      return r;
    default:
      if (child != NULL && forwardable (msg))
        return mmioSendMessage (child, msg, p1, p2);
      *handled = FALSE;
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

gint64
fu_peek (HMMIO hmmio, guint8 *buf, gint64 n)
{
  LONG here, got;

  if (hmmio == NULL || buf == NULL || n <= 0)
    return 0;
  here = mmioSeek (hmmio, 0, SEEK_CUR);
  if (here < 0)
    return 0;
  got = 0;
  if (mmioSeek (hmmio, 0, SEEK_SET) == 0)
    got = mmioRead (hmmio, (HPSTR) buf, n);
  mmioSeek (hmmio, here, SEEK_SET);
  return got < 0 ? 0 : got;
}

gboolean
fu_is_riff_form (const guint8 *p, gint64 n, FOURCC form)
{
  return n >= 12 && fu_le32 (p, n, 0) == FOURCC_RIFF
         && fu_le32 (p, n, 8) == form;
}

void
fu_field (MMIOFIELDSINK *sink, const char *key, const char *label,
          const char *unit, const char *fmt, ...)
{
  va_list ap;
  char *v;

  if (sink == NULL || sink->AddField == NULL)
    return;
  va_start (ap, fmt);
  v = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  sink->AddField (sink, key, label, v, unit);
  g_free (v);
}

void
fu_finding (MMIOFIELDSINK *sink, const char *rule, const char *fmt, ...)
{
  va_list ap;
  char *v;

  if (sink == NULL || sink->AddFinding == NULL)
    return;
  va_start (ap, fmt);
  v = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  sink->AddFinding (sink, rule, v);
  g_free (v);
}

void
fu_fourcc_text (FOURCC f, char out[5])
{
  for (int i = 0; i < 4; i++)
    {
      guint8 c = (guint8) (f >> (8 * i));
      out[i] = (c >= 0x20 && c < 0x7F) ? (char) c : '?';
    }
  out[4] = 0;
}

void
fu_text_field (MMIOFIELDSINK *sink, const char *key, const char *label,
               const guint8 *p, gint64 len)
{
  gint64 n = 0;
  char *s, *u;

  if (sink == NULL || sink->AddField == NULL)
    return;
  while (p != NULL && n < len && p[n] != 0)
    n++;
  s = g_strndup ((const char *) p, (gsize) n);
  if (g_utf8_validate (s, -1, NULL))
    u = s;
  else
    {
      /* Old RIFF text is in the Windows code page; Latin-1 is close. */
      u = g_convert (s, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
      if (u == NULL)
        u = g_utf8_make_valid (s, -1);
      g_free (s);
      s = NULL;
    }
  sink->AddField (sink, key, label, u, NULL);
  if (u != s)
    g_free (u);
  g_free (s);
}

guint64
fu_record_count (MMIOFIELDSINK *sink, const MMIOCHUNKDESC *d,
                 guint record_size, const char *key, const char *label)
{
  guint64 size = d->lSize < 0 ? 0 : (guint64) d->lSize;
  guint64 count = size / record_size;
  char id[5];

  mmio_i18n_init ();
  fu_field (sink, key, label, NULL, "%" G_GUINT64_FORMAT, count);
  if (size % record_size != 0)
    {
      fu_fourcc_text (d->ckid, id);
      fu_finding (sink, "record-size",
                  _("Chunk '%s' holds %" G_GUINT64_FORMAT " bytes, not a "
                    "whole number of %u-byte records."), id, size, record_size);
    }
  return count;
}

gboolean
fu_desc_ok (const MMIOCHUNKDESC *d, const MMIOFIELDSINK *sink)
{
  return d != NULL && sink != NULL && d->ulStructLen >= sizeof (MMIOCHUNKDESC)
         && d->cbData >= 0 && (d->pData != NULL || d->cbData == 0);
}
