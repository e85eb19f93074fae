/* rs-trace-record.c — a traced message as a list item (see the header).
 * Texts are made only for the rows someone looks at. */
#include "rs-trace-record.h"

#include <glib/gi18n.h>
#include <string.h>

struct _RsTraceRecord
{
  GObject parent_instance;
  MMIOTRACEREC rec;
  char ioproc[8];
  char *line_lower;
};

G_DEFINE_FINAL_TYPE (RsTraceRecord, rs_trace_record, G_TYPE_OBJECT)

static void
rs_trace_record_finalize (GObject *object)
{
  RsTraceRecord *self = RS_TRACE_RECORD (object);

  g_free (self->line_lower);
  G_OBJECT_CLASS (rs_trace_record_parent_class)->finalize (object);
}

static void
rs_trace_record_class_init (RsTraceRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_trace_record_finalize;
}

static void
rs_trace_record_init (RsTraceRecord *self)
{
}

RsTraceRecord *
rs_trace_record_new (const MMIOTRACEREC *rec)
{
  RsTraceRecord *self = g_object_new (RS_TYPE_TRACE_RECORD, NULL);

  self->rec = *rec;
  return self;
}

const MMIOTRACEREC *
rs_trace_record_get_rec (RsTraceRecord *self)
{
  return &self->rec;
}

const char *
rs_trace_record_get_ioproc (RsTraceRecord *self)
{
  if (self->ioproc[0] == 0)
    {
      FOURCC f = self->rec.fccIOProc;
      for (int i = 0; i < 4; i++)
        {
          char c = (char) ((f >> (8 * i)) & 0xFF);
          self->ioproc[i] = g_ascii_isprint (c) ? c : '.';
        }
      self->ioproc[4] = 0;
    }
  return self->ioproc;
}

char *
rs_trace_record_dup_result (RsTraceRecord *self)
{
  return g_strdup_printf ("%ld", (long) self->rec.lResult);
}

char *
rs_trace_record_dup_disk (RsTraceRecord *self)
{
  if (self->rec.lDiskBefore == self->rec.lDiskAfter)
    return g_strdup_printf ("%ld", (long) self->rec.lDiskBefore);
  return g_strdup_printf ("%ld → %ld", (long) self->rec.lDiskBefore, (long) self->rec.lDiskAfter);
}

char *
rs_trace_record_dup_time (RsTraceRecord *self)
{
  /* Translators: a duration in microseconds */
  return g_strdup_printf (_("%lld µs"), (long long) self->rec.usDuration);
}

char *
rs_trace_record_dup_line (RsTraceRecord *self)
{
  char buf[512];

  mmioTraceFormat (&self->rec, buf, sizeof buf);
  return g_strdup_printf ("%u\t%u\t%s", (unsigned) self->rec.ulSeq,
                          (unsigned) self->rec.ulDepth, buf);
}

gboolean
rs_trace_record_matches (RsTraceRecord *self, const char *filter)
{
  char **words;
  gboolean ok = TRUE;

  if (filter == NULL || filter[0] == 0)
    return TRUE;
  if (self->line_lower == NULL)
    {
      char *line = rs_trace_record_dup_line (self);
      self->line_lower = g_utf8_strdown (line, -1);
      g_free (line);
    }
  words = g_strsplit_set (filter, " \t", -1);
  for (char **w = words; *w && ok; w++)
    if (**w && strstr (self->line_lower, *w) == NULL)
      ok = FALSE;
  g_strfreev (words);
  return ok;
}
