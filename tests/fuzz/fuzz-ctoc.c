/* fuzz-ctoc.c — libFuzzer over the CTOC parser (ioprocs/cf-ctoc.c, built
 * into this target). The first 4 bytes of the input are the CGRP size the
 * entries are checked against, the rest the CTOC chunk data. A table that
 * parses is looked up by every name, written back, and the written table
 * must parse again with the same entries (names, sizes, flags). */
#include "cf-private.h"

#include <mmio/mmio-cf.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  guint32 cgrp;
  guint8 *copy;
  CfToc *t = NULL, *again = NULL;
  GByteArray *out;

  if (size < 4)
    return 0;
  cgrp = (guint32) data[0] | ((guint32) data[1] << 8)
         | ((guint32) data[2] << 16) | ((guint32) data[3] << 24);
  /* An exact-size copy, so ASan sees any read past the chunk. */
  copy = g_memdup2 (data + 4, size - 4);
  if (cf_toc_parse (copy, size - 4, cgrp, &t) != 0)
    {
      g_free (copy);
      return 0;
    }
  for (guint32 i = 0; i < t->n_entries; i++)
    {
      CfEntry *e = cf_toc_lookup (t, t->entries[i].name);
      if (e != NULL && strcmp (e->name, t->entries[i].name) != 0)
        __builtin_trap ();
    }
  {
    guint8 img[512];
    cf_toc_header_image (t, img, sizeof img);
  }
  /* Round trip: the writer's output must parse to the same table. The
   * name field is widened as the library does before writing. */
  t->name_size = cf_toc_needed_name_size (t);
  if (cf_toc_entry_size (t) > 0xFFFF)
    goto done;              /* the library refuses to write this (16-bit size) */
  out = cf_toc_serialize (t);
  if (cf_toc_parse (out->data, out->len, cgrp, &again) != 0
      || again->n_entries != t->n_entries)
    __builtin_trap ();
  for (guint32 i = 0; i < t->n_entries; i++)
    if (strcmp (again->entries[i].name, t->entries[i].name) != 0
        || again->entries[i].size != t->entries[i].size
        || again->entries[i].flags != t->entries[i].flags)
      __builtin_trap ();
  g_byte_array_unref (out);
  cf_toc_unref (again);
done:
  cf_toc_unref (t);
  g_free (copy);
  return 0;
}
