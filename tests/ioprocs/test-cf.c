/* test-cf.c — compound files: reading files built by hand from the
 * reference layout, element access by name (seeks, lDiskOffset, nesting),
 * writing elements, every CF call, compaction, listing. */
#include "cf-test-util.h"

#include <mmio/mmio-ioproc.h>

static const char ding[] = "RIFF\x10\0\0\0WAVEfmt data ding!";
static const char chime[] = "chime chime chime";
static const char old_bytes[] = "deleted element bytes";

/* CTOC first or last, extra header and entry fields, a deleted and an
 * unused entry, junk between elements: written by hand. */
static char *
make_hand_file (const char *fname, gboolean ctoc_first)
{
  HandLayout l = { .name_size = 15, .n_ex_hdr = 2, .n_ex_ent = 1,
                   .ctoc_first = ctoc_first, .gap = 3 };
  HandEntry e[] = {
    { "ding.wav", 0, 0, ding, sizeof ding - 1, 0x45564157, -1, 7 },
    { "old.bin", 0, CTOC_EF_DELETED, old_bytes, sizeof old_bytes - 1, 0, -1, 8 },
    { "", 0, CTOC_EF_UNUSED, NULL, 0, 0, 0, 0 },
    { "chime", 0, 0, chime, sizeof chime - 1, 0, -1, 9 },
  };
  char *path = tu_path (fname);
  GByteArray *a = hand_bnd (&l, e, G_N_ELEMENTS (e));
  write_array (path, a);
  g_byte_array_unref (a);
  return path;
}

static void
test_hand_read (gconstpointer data)
{
  gboolean first = GPOINTER_TO_INT (data);
  char *path = make_hand_file (first ? "hand-first.bnd" : "hand-last.bnd", first);
  char *name = g_strdup_printf ("%s+old.bin", path);
  UINT err = 0;

  assert_element (path, "ding.wav", ding, sizeof ding - 1);
  assert_element (path, "chime", chime, sizeof chime - 1);
  /* A deleted element is not there any more. */
  g_assert_null (read_element (name, &err));
  g_assert_cmpuint (err, ==, MMIOERR_CF_ENTRY_NOT_FOUND);
  g_free (name);
  name = g_strdup_printf ("%s+nothere", path);
  g_assert_null (read_element (name, &err));
  g_assert_cmpuint (err, ==, MMIOERR_CF_ENTRY_NOT_FOUND);
  g_free (name);
  g_free (path);
}

static void
test_hand_cf_calls (void)
{
  char *path = make_hand_file ("hand-info.bnd", FALSE);
  MMIOINFO mi = { 0 };
  MMCFINFO fi = { 0 };
  guint8 img[256];
  HMMCF cf = mmioCFOpen (path, &fi, &mi, 0);
  guint8 *entry;
  ULONG n;

  g_assert_nonnull (cf);
  g_assert_cmpuint (fi.ulEntriesTotal, ==, 4);
  g_assert_cmpuint (fi.ulEntriesDeleted, ==, 1);
  g_assert_cmpuint (fi.ulEntriesUnused, ==, 1);
  g_assert_cmpuint (fi.usNameSize, ==, 15);
  g_assert_cmpuint (fi.usExHdrFields, ==, 2);
  g_assert_cmpuint (fi.usExEntFields, ==, 1);
  g_assert_cmpuint (fi.ulBytesDeleted, ==, sizeof old_bytes - 1);
  n = mmioCFGetInfo (cf, (PMMCFINFO) img, sizeof img);
  g_assert_cmpuint (n, ==, sizeof (MMCFINFO) + 2 * 3 + 4 * 2);
  {
    guint16 u[3];
    guint32 v[2];
    memcpy (u, img + sizeof (MMCFINFO), sizeof u);
    memcpy (v, img + sizeof (MMCFINFO) + 6, sizeof v);
    g_assert_cmpuint (u[0], ==, CTOC_USAGE_LASTMODTIME);
    g_assert_cmpuint (u[1], ==, CTOC_USAGE_CODEPAGE);
    g_assert_cmpuint (u[2], ==, CTOC_USAGE_LANGUAGE);
    g_assert_cmpuint (v[1], ==, 0x1001);
  }
  entry = g_malloc0 (mmioCFEntryImageSize (&fi));
  g_assert_cmpuint (mmioCFFindEntry (cf, (PMMCTOCENTRY) entry, MMIO_FINDFIRST), ==, MMIO_CF_SUCCESS);
  g_assert_cmpstr (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), ==, "ding.wav");
  g_assert_cmpuint (((PMMCTOCENTRY) entry)->ulMedType, ==, 0x45564157);
  g_assert_cmpuint (mmioCFEntryExFields ((PMMCTOCENTRY) entry)[0], ==, 7);
  g_assert_cmpuint (mmioCFFindEntry (cf, (PMMCTOCENTRY) entry, MMIO_FINDNEXT), ==, MMIO_CF_SUCCESS);
  g_assert_cmpstr (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), ==, "chime");
  g_assert_cmpuint (mmioCFFindEntry (cf, (PMMCTOCENTRY) entry, MMIO_FINDNEXT), ==, MMIO_CF_FAILURE);
  g_assert_cmpuint (mmioGetLastError (cf), ==, MMIOERR_CF_ENTRY_NOT_FOUND);
  g_assert_cmpuint (mmioCFFindEntry (cf, (PMMCTOCENTRY) entry, MMIO_FINDDELETED), ==, MMIO_CF_SUCCESS);
  g_assert_cmpstr (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), ==, "old.bin");
  g_assert_cmpuint (*mmioCFEntryFlags ((PMMCTOCENTRY) entry, &fi), ==, CTOC_EF_DELETED);
  g_assert_cmpuint (mmioCFFindEntry (cf, (PMMCTOCENTRY) entry, MMIO_FINDUNUSED), ==, MMIO_CF_SUCCESS);
  g_assert_cmpuint (*mmioCFEntryFlags ((PMMCTOCENTRY) entry, &fi), ==, CTOC_EF_UNUSED);
  g_free (entry);
  g_assert_cmpuint (mmioCFClose (cf, 0), ==, 0);
  g_free (path);
}

static void
test_seek_and_offsets (void)
{
  char *path = make_hand_file ("seek.bnd", TRUE);
  char *name = g_strdup_printf ("%s+chime", path);
  MMIOINFO mi = { 0 };
  char buf[64] = { 0 };
  HMMIO h = mmioOpen (name, &mi, MMIO_READ);
  LONG len = sizeof chime - 1;

  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, buf, 5), ==, 5);
  g_assert_cmpmem (buf, 5, "chime", 5);
  mmioGetInfo (h, &mi, 0);
  g_assert_cmpint (mi.lDiskOffset, ==, 5);          /* relative to the element */
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, len);
  g_assert_cmpint (mmioSeek (h, 5, SEEK_END), ==, len - 5);   /* subtractive */
  g_assert_cmpint (mmioRead (h, buf, sizeof buf), ==, 5);
  g_assert_cmpmem (buf, 5, "chime", 5);
  g_assert_cmpint (mmioRead (h, buf, sizeof buf), ==, 0);      /* end of element */
  g_assert_cmpint (mmioSeek (h, len + 1, SEEK_END), ==, -1);   /* before the start */
  g_assert_cmpint (mmioSeek (h, 6, SEEK_SET), ==, 6);
  g_assert_cmpint (mmioRead (h, buf, 5), ==, 5);
  g_assert_cmpmem (buf, 5, "chime", 5);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);

  /* Buffered reads behave the same. */
  memset (&mi, 0, sizeof mi);
  h = mmioOpen (name, &mi, MMIO_READ | MMIO_ALLOCBUF);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioSeek (h, 4, SEEK_END), ==, len - 4);
  g_assert_cmpint (mmioRead (h, buf, 10), ==, 4);
  g_assert_cmpmem (buf, 4, "hime", 4);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  g_free (name);
  g_free (path);
}

static void
test_write_elements (void)
{
  char *path = make_hand_file ("write.bnd", FALSE);
  char *name = g_strdup_printf ("%s+new element with a long name.wav", path);
  char *dname = g_strdup_printf ("%s+ding.wav", path);
  MMIOINFO mi = { 0 };
  HMMIO h, h2;
  GBytes *big = make_bytes (3, 100000, TRUE);

  h = mmioOpen (name, &mi, MMIO_CREATE | MMIO_WRITE);
  g_assert_nonnull (h);
  /* Exclusive while open for writing. */
  memset (&mi, 0, sizeof mi);
  g_assert_null (mmioOpen (name, &mi, MMIO_READ));
  g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_SHARINGVIOLATION);
  memset (&mi, 0, sizeof mi);
  g_assert_null (mmioOpen (name, &mi, MMIO_CREATE | MMIO_WRITE));
  g_assert_cmpuint (mi.wErrorRet, ==, MMIOERR_SHARINGVIOLATION);
  g_assert_cmpint (mmioWrite (h, g_bytes_get_data (big, NULL), 100000), ==, 100000);
  /* Not in the file before the close. */
  {
    Listing l;
    listing_init (&l);
    g_assert_cmpuint (mmioListElements (path, &l.sink, 0), ==, 0);
    g_assert_null (listing_find (&l, "new element with a long name.wav"));
    listing_clear (&l);
  }
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  assert_element (path, "new element with a long name.wav",
                  g_bytes_get_data (big, NULL), 100000);
  assert_element (path, "ding.wav", ding, sizeof ding - 1);
  assert_element (path, "chime", chime, sizeof chime - 1);

  /* A reader opened before a replace keeps reading what it opened. */
  memset (&mi, 0, sizeof mi);
  h2 = mmioOpen (dname, &mi, MMIO_READ);
  g_assert_nonnull (h2);
  memset (&mi, 0, sizeof mi);
  h = mmioOpen (dname, &mi, MMIO_CREATE | MMIO_WRITE | MMIO_ALLOCBUF);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioWrite (h, "replaced", 8), ==, 8);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  {
    char buf[64];
    g_assert_cmpint (mmioRead (h2, buf, sizeof buf), ==, sizeof ding - 1);
    g_assert_cmpmem (buf, sizeof ding - 1, ding, sizeof ding - 1);
  }
  g_assert_cmpint (mmioClose (h2, 0), ==, 0);
  assert_element (path, "ding.wav", "replaced", 8);

  /* READWRITE edits in place; APPEND starts at the end. */
  memset (&mi, 0, sizeof mi);
  h = mmioOpen (dname, &mi, MMIO_READWRITE);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioSeek (h, 2, SEEK_SET), ==, 2);
  g_assert_cmpint (mmioWrite (h, "PL", 2), ==, 2);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  assert_element (path, "ding.wav", "rePLaced", 8);
  memset (&mi, 0, sizeof mi);
  h = mmioOpen (dname, &mi, MMIO_WRITE | MMIO_APPEND);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioWrite (h, "!", 1), ==, 1);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  assert_element (path, "ding.wav", "rePLaced!", 9);

  /* An element of a file that does not exist yet creates the file. */
  {
    char *fresh = tu_path ("fresh.bnd");
    char *fname = g_strdup_printf ("%s+a", fresh);
    memset (&mi, 0, sizeof mi);
    h = mmioOpen (fname, &mi, MMIO_CREATE | MMIO_WRITE);
    g_assert_nonnull (h);
    g_assert_cmpint (mmioWrite (h, "abc", 3), ==, 3);
    g_assert_cmpint (mmioClose (h, 0), ==, 0);
    assert_element (fresh, "a", "abc", 3);
    g_free (fname);
    g_free (fresh);
  }

  /* Rename inside the compound file. */
  {
    char *to = g_strdup_printf ("%s+dong.wav", path);
    MMIOINFO ri = { 0 };
    g_assert_cmpuint (mmioRename (dname, to, &ri, 0), ==, 0);
    assert_element (path, "dong.wav", "rePLaced!", 9);
    g_assert_cmpuint (mmioRename (to, name, &ri, 0), ==, MMIOERR_CF_DUPLICATE_SEEN);
    g_free (to);
  }
  g_bytes_unref (big);
  g_free (name);
  g_free (dname);
  g_free (path);
}

/* Every CF call, round trip. */
static void
test_cf_round_trip (void)
{
  char *path = tu_path ("round.bnd");
  char *copy = tu_path ("round-copy.bnd");
  struct { MMCFINFO fi; guint16 usage[2]; guint32 val[1]; } create = { 0 };
  MMCFINFO fi = { 0 };
  MMIOINFO mi = { 0 };
  GBytes *a = make_bytes (1, 1000, TRUE), *b = make_bytes (2, 333, FALSE);
  guint8 *entry;
  HMMCF cf;

  create.fi.usNameSize = 21;
  create.fi.usExHdrFields = 1;
  create.fi.usExEntFields = 1;
  create.usage[0] = CTOC_USAGE_LASTMODTIME;
  create.usage[1] = CTOC_USAGE_LASTMODTIME;
  cf = mmioCFOpen (path, &create.fi, &mi, MMIO_CREATE | MMIO_CTOCFIRST);
  g_assert_nonnull (cf);
  g_assert_cmpuint (mmioCFGetInfo (cf, &fi, sizeof fi), ==, sizeof fi);
  g_assert_cmpuint (fi.usNameSize, ==, 21);
  g_assert_cmpuint (fi.usExEntFields, ==, 1);
  g_assert_cmpuint (fi.ulEntriesTotal, ==, 0);

  g_assert_cmpuint (mmioCFAddElement (cf, "a.wav", 0, (PCHAR) g_bytes_get_data (a, NULL), 1000, 0), ==, 0);
  g_assert_cmpuint (mmioCFAddElement (cf, "b.bin", mmioFOURCC ('D', 'A', 'T', 'A'), (PCHAR) g_bytes_get_data (b, NULL), 333, 0), ==, 0);
  g_assert_cmpuint (mmioCFAddElement (cf, "a.wav", 0, "x", 1, 0), ==, MMIO_CF_FAILURE);
  g_assert_cmpuint (mmioGetLastError (cf), ==, MMIOERR_CF_DUPLICATE_SEEN);
  g_assert_cmpuint (mmioCFAddElement (cf, "c.bin", 0, "temporary", 9, 0), ==, 0);
  g_assert_cmpuint (mmioCFAddElement (cf, "c.bin", 0, "ccc", 3, MMIO_CF_ENTRY_EXISTS), ==, 0);
  g_assert_cmpuint (mmioCFAddElement (cf, "zz", 0, "ccc", 3, MMIO_CF_ENTRY_EXISTS), ==, MMIO_CF_FAILURE);
  g_assert_cmpuint (mmioGetLastError (cf), ==, MMIOERR_CF_ENTRY_NOT_FOUND);

  g_assert_cmpuint (mmioCFGetInfo (cf, &fi, sizeof fi), ==, sizeof fi);
  g_assert_cmpuint (fi.ulEntriesTotal, ==, 3);
  g_assert_cmpuint (fi.ulBytesTotal, ==, 1000 + 333 + 3);
  entry = g_malloc0 (mmioCFEntryImageSize (&fi));

  /* By name; media types from the bytes or the caller. */
  strcpy (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), "a.wav");
  g_assert_cmpuint (mmioCFFindEntry (cf, (PMMCTOCENTRY) entry, 0), ==, 0);
  g_assert_cmpuint (((PMMCTOCENTRY) entry)->ulSize, ==, 1000);
  g_assert_cmpuint (((PMMCTOCENTRY) entry)->ulMedType, ==, mmioFOURCC ('W', 'A', 'V', 'E'));
  g_assert_cmpuint (mmioCFEntryExFields ((PMMCTOCENTRY) entry)[0], >, 0);  /* LASTMODTIME */
  strcpy (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), "b.bin");
  g_assert_cmpuint (mmioCFFindEntry (cf, (PMMCTOCENTRY) entry, 0), ==, 0);
  g_assert_cmpuint (((PMMCTOCENTRY) entry)->ulMedType, ==, mmioFOURCC ('D', 'A', 'T', 'A'));

  /* ChangeEntry: usage and an extra field. */
  ((PMMCTOCENTRY) entry)->ulMedUsage = 0x55;
  g_assert_cmpuint (mmioCFChangeEntry (cf, (PMMCTOCENTRY) entry, 0), ==, 0);
  memset (entry, 0, mmioCFEntryImageSize (&fi));
  strcpy (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), "b.bin");
  g_assert_cmpuint (mmioCFFindEntry (cf, (PMMCTOCENTRY) entry, 0), ==, 0);
  g_assert_cmpuint (((PMMCTOCENTRY) entry)->ulMedUsage, ==, 0x55);

  /* AddEntry: an empty element, then one reusing b's bytes. */
  {
    MMCTOCENTRY keep = *(PMMCTOCENTRY) entry;
    memset (entry, 0, mmioCFEntryImageSize (&fi));
    strcpy (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), "empty");
    g_assert_cmpuint (mmioCFAddEntry (cf, (PMMCTOCENTRY) entry, 0), ==, 0);
    memset (entry, 0, mmioCFEntryImageSize (&fi));
    *(PMMCTOCENTRY) entry = keep;
    strcpy (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), "b-alias");
    g_assert_cmpuint (mmioCFAddEntry (cf, (PMMCTOCENTRY) entry, 0), ==, 0);
    ((PMMCTOCENTRY) entry)->ulOffset = 0xFFFFFF00;   /* outside the CGRP */
    strcpy (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), "bad");
    g_assert_cmpuint (mmioCFAddEntry (cf, (PMMCTOCENTRY) entry, 0), ==, MMIO_CF_FAILURE);
    g_assert_cmpuint (mmioGetLastError (cf), ==, MMIOERR_INVALID_PARAMETER);
  }
  assert_element (path, "empty", "", 0);
  assert_element (path, "b-alias", g_bytes_get_data (b, NULL), 333);

  /* Delete, find it among the deleted, undelete with CHANGEDELETED. */
  memset (entry, 0, mmioCFEntryImageSize (&fi));
  strcpy (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), "a.wav");
  g_assert_cmpuint (mmioCFDeleteEntry (cf, (PMMCTOCENTRY) entry, 0), ==, 0);
  g_assert_cmpuint (mmioCFDeleteEntry (cf, (PMMCTOCENTRY) entry, 0), ==, MMIO_CF_FAILURE);
  g_assert_cmpuint (mmioGetLastError (cf), ==, MMIOERR_CF_ENTRY_NOT_FOUND);
  g_assert_cmpuint (mmioCFFindEntry (cf, (PMMCTOCENTRY) entry, MMIO_FINDDELETED), ==, 0);
  g_assert_cmpstr (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), ==, "a.wav");
  {
    char *n = g_strdup_printf ("%s+a.wav", path);
    UINT err = 0;
    g_assert_null (read_element (n, &err));
    g_assert_cmpuint (err, ==, MMIOERR_CF_ENTRY_NOT_FOUND);
    g_free (n);
  }
  *mmioCFEntryFlags ((PMMCTOCENTRY) entry, &fi) = 0;
  g_assert_cmpuint (mmioCFChangeEntry (cf, (PMMCTOCENTRY) entry, MMIO_CHANGEDELETED), ==, 0);
  assert_element (path, "a.wav", g_bytes_get_data (a, NULL), 1000);

  /* SetInfo: a wider name field, header flags. */
  g_assert_cmpuint (mmioCFGetInfo (cf, &fi, sizeof fi), ==, sizeof fi);
  {
    guint8 img[128];
    ULONG n = mmioCFGetInfo (cf, (PMMCFINFO) img, sizeof img);
    MMCFINFO *p = (MMCFINFO *) img;
    p->usNameSize = 31;
    p->ulHeaderFlags |= CTOC_HF_MEDSUBTYPE;
    g_assert_cmpuint (mmioCFSetInfo (cf, p, n), ==, n);
    p->usNameSize = 4;           /* too short for the names: refused */
    g_assert_cmpuint (mmioCFSetInfo (cf, p, n), ==, 0);
    g_assert_cmpuint (mmioGetLastError (cf), ==, MMIOERR_INVALID_PARAMETER);
  }
  g_assert_cmpuint (mmioCFGetInfo (cf, &fi, sizeof fi), ==, sizeof fi);
  g_assert_cmpuint (fi.usNameSize, ==, 31);
  g_assert_true (fi.ulHeaderFlags & CTOC_HF_MEDSUBTYPE);
  g_free (entry);
  entry = g_malloc0 (mmioCFEntryImageSize (&fi));
  g_assert_cmpuint (mmioCFFindEntry (cf, (PMMCTOCENTRY) entry, MMIO_FINDFIRST), ==, 0);
  g_assert_cmpstr (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), ==, "a.wav");

  /* Copy, then delete in the original and compact it. */
  g_assert_cmpuint (mmioCFCopy (cf, copy, 0), ==, 0);
  strcpy (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), "b.bin");
  g_assert_cmpuint (mmioCFDeleteEntry (cf, (PMMCTOCENTRY) entry, 0), ==, 0);
  g_assert_cmpuint (mmioCFClose (cf, 0), ==, 0);
  g_assert_cmpuint (mmioCFCompact (path, 0), ==, 0);

  cf = mmioCFOpen (path, &fi, NULL, 0);
  g_assert_nonnull (cf);
  g_assert_cmpuint (fi.ulEntriesDeleted, ==, 0);
  g_assert_cmpuint (fi.ulEntriesTotal, ==, 4);
  g_assert_cmpuint (mmioCFClose (cf, 0), ==, 0);
  assert_element (path, "a.wav", g_bytes_get_data (a, NULL), 1000);
  assert_element (path, "b-alias", g_bytes_get_data (b, NULL), 333);
  assert_element (path, "c.bin", "ccc", 3);
  assert_element (copy, "b.bin", g_bytes_get_data (b, NULL), 333);
  assert_element (copy, "a.wav", g_bytes_get_data (a, NULL), 1000);

  g_free (entry);
  g_bytes_unref (a);
  g_bytes_unref (b);
  g_free (path);
  g_free (copy);
}

/* Compaction keeps every surviving element byte for byte. */
static void
test_compact (void)
{
  char *path = tu_path ("compact.bnd");
  HMMCF cf = mmioCFOpen (path, NULL, NULL, MMIO_CREATE);
  GBytes *els[40];
  MMCFINFO fi;
  guint8 *entry;
  gint64 before, after;

  g_assert_nonnull (cf);
  for (guint i = 0; i < G_N_ELEMENTS (els); i++)
    {
      char name[16];
      g_snprintf (name, sizeof name, "e%02u", i);
      els[i] = make_bytes (100 + i, 50 + i * 37, i % 3 == 0);
      g_assert_cmpuint (mmioCFAddElement (cf, name, 0,
                                          (PCHAR) g_bytes_get_data (els[i], NULL),
                                          (LONG) g_bytes_get_size (els[i]), 0), ==, 0);
    }
  mmioCFGetInfo (cf, &fi, sizeof fi);
  entry = g_malloc0 (mmioCFEntryImageSize (&fi));
  for (guint i = 0; i < G_N_ELEMENTS (els); i += 3)
    {
      g_snprintf (mmioCFEntryName ((PMMCTOCENTRY) entry, &fi), fi.usNameSize, "e%02u", i);
      g_assert_cmpuint (mmioCFDeleteEntry (cf, (PMMCTOCENTRY) entry, 0), ==, 0);
    }
  mmioCFGetInfo (cf, &fi, sizeof fi);
  g_assert_cmpuint (fi.ulEntriesDeleted, ==, 14);
  g_assert_cmpuint (mmioCFClose (cf, 0), ==, 0);
  {
    GBytes *f = tu_read_file (path);
    before = g_bytes_get_size (f);
    g_bytes_unref (f);
  }

  /* Refused while an element is open for writing. */
  {
    char *n = g_strdup_printf ("%s+e01", path);
    MMIOINFO mi = { 0 };
    HMMIO h = mmioOpen (n, &mi, MMIO_READWRITE);
    g_assert_nonnull (h);
    g_assert_cmpuint (mmioCFCompact (path, 0), ==, MMIOERR_CF_ELEMENTS_OPEN);
    g_assert_cmpint (mmioClose (h, 0), ==, 0);
    g_free (n);
  }
  g_assert_cmpuint (mmioCFCompact (path, 0), ==, 0);
  {
    GBytes *f = tu_read_file (path);
    after = g_bytes_get_size (f);
    g_bytes_unref (f);
  }
  g_assert_cmpint (after, <, before);
  cf = mmioCFOpen (path, &fi, NULL, 0);
  g_assert_cmpuint (fi.ulEntriesTotal, ==, 26);
  g_assert_cmpuint (fi.ulEntriesDeleted, ==, 0);
  g_assert_cmpuint (fi.ulBytesDeleted, ==, 0);
  mmioCFClose (cf, 0);
  for (guint i = 0; i < G_N_ELEMENTS (els); i++)
    {
      char name[16];
      g_snprintf (name, sizeof name, "e%02u", i);
      if (i % 3 != 0)
        assert_element (path, name, g_bytes_get_data (els[i], NULL),
                        g_bytes_get_size (els[i]));
      else
        {
          char *n = g_strdup_printf ("%s+%s", path, name);
          g_assert_null (read_element (n, NULL));
          g_free (n);
        }
      g_bytes_unref (els[i]);
    }
  g_free (entry);
  g_free (path);
}

/* outer.bnd+inner.bnd+ding.wav */
static void
test_nested (void)
{
  char *inner = make_hand_file ("inner-src.bnd", TRUE);
  char *outer = tu_path ("outer.bnd");
  char *nested = g_strdup_printf ("%s+inner.bnd", outer);
  char *elname = g_strdup_printf ("%s+inner.bnd+new.txt", outer);
  GBytes *inner_bytes = tu_read_file (inner);
  HMMCF cf = mmioCFOpen (outer, NULL, NULL, MMIO_CREATE);
  MMIOINFO mi = { 0 };
  Listing l;
  HMMIO h;

  g_assert_nonnull (cf);
  g_assert_cmpuint (mmioCFAddElement (cf, "other", 0, "xyz", 3, 0), ==, 0);
  g_assert_cmpuint (mmioCFAddElement (cf, "inner.bnd", 0,
                                      (PCHAR) g_bytes_get_data (inner_bytes, NULL),
                                      (LONG) g_bytes_get_size (inner_bytes), 0), ==, 0);
  g_assert_cmpuint (mmioCFClose (cf, 0), ==, 0);

  assert_element (nested, "ding.wav", ding, sizeof ding - 1);
  assert_element (nested, "chime", chime, sizeof chime - 1);

  /* Writing a nested element rewrites inner.bnd inside outer.bnd. */
  h = mmioOpen (elname, &mi, MMIO_CREATE | MMIO_WRITE);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioWrite (h, "nested write", 12), ==, 12);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  assert_element (nested, "new.txt", "nested write", 12);
  assert_element (nested, "ding.wav", ding, sizeof ding - 1);
  assert_element (outer, "other", "xyz", 3);

  /* The CF calls and the listing work on the nested file too. */
  cf = mmioCFOpen (nested, NULL, NULL, 0);
  g_assert_nonnull (cf);
  g_assert_cmpuint (mmioCFAddElement (cf, "added", 0, "via CF", 6, 0), ==, 0);
  g_assert_cmpuint (mmioCFClose (cf, 0), ==, 0);
  assert_element (nested, "added", "via CF", 6);

  listing_init (&l);
  g_assert_cmpuint (mmioListElements (nested, &l.sink, 0), ==, 0);
  g_assert_cmpuint (l.elements->len, ==, 4);
  g_assert_nonnull (listing_find (&l, "new.txt"));
  g_assert_cmpuint (listing_find (&l, "ding.wav")->fccMedType, ==, 0x45564157);
  listing_clear (&l);

  g_bytes_unref (inner_bytes);
  g_free (inner);
  g_free (outer);
  g_free (nested);
  g_free (elname);
}

static void
test_listing (void)
{
  char *path = make_hand_file ("list.bnd", FALSE);
  Listing l;
  const MMIOELEMENT *e;

  listing_init (&l);
  g_assert_cmpuint (mmioListElements (path, &l.sink, 0), ==, 0);
  g_assert_cmpuint (l.elements->len, ==, 2);
  e = listing_find (&l, "ding.wav");
  g_assert_nonnull (e);
  g_assert_cmpint (e->lSize, ==, sizeof ding - 1);
  g_assert_cmpuint (e->fccMedType, ==, 0x45564157);
  g_assert_cmpuint (e->ulFlags, ==, 0);
  g_assert_cmpuint (l.rules->len, ==, 0);    /* a clean file: no findings */
  listing_clear (&l);

  listing_init (&l);
  g_assert_cmpuint (mmioListElements (path, &l.sink, MMIO_LIST_ALL), ==, 0);
  g_assert_cmpuint (l.elements->len, ==, 4);
  g_assert_cmpuint (listing_find (&l, "old.bin")->ulFlags, ==, MMIO_ELEMENT_DELETED);
  g_assert_cmpuint (g_array_index (l.elements, MMIOELEMENT, 2).ulFlags, ==, MMIO_ELEMENT_UNUSED);
  listing_clear (&l);

  /* No IOProc for the extension; a plain file is no compound file. */
  listing_init (&l);
  g_assert_cmpuint (mmioListElements ("x.nosuchext", &l.sink, 0), ==, MMIOERR_IOPROC_NOT_FOUND);
  {
    char *plain = tu_path ("plain.bnd");
    tu_write_file (plain, "not riff", 8);
    g_assert_cmpuint (mmioListElements (plain, &l.sink, 0), ==, MMIOERR_CF_NON_BND_FILE);
    g_free (plain);
  }
  listing_clear (&l);
  g_free (path);
}

/* A table widened by another handle never overruns a buffer sized from
 * what this handle was told. */
static void
test_stale_layout (void)
{
  char *path = tu_path ("layout.bnd");
  HMMCF a = mmioCFOpen (path, NULL, NULL, MMIO_CREATE), b;
  MMCFINFO fa, fb;
  guint8 *small, *wide;
  const char *longname = "a name much longer than thirteen bytes.wav";

  g_assert_nonnull (a);
  g_assert_cmpuint (mmioCFGetInfo (a, &fa, sizeof fa), ==, sizeof fa);
  g_assert_cmpuint (fa.usNameSize, ==, CTOC_DEFAULT_NAMESIZE);
  b = mmioCFOpen (path, NULL, NULL, 0);
  g_assert_cmpuint (mmioCFAddElement (b, (PSZ) longname, 0, "x", 1, 0), ==, 0);
  small = g_malloc0 (mmioCFEntryImageSize (&fa));     /* exact size: ASan */
  g_assert_cmpuint (mmioCFFindEntry (a, (PMMCTOCENTRY) small, MMIO_FINDFIRST), ==, 0);
  g_assert_cmpint (strlen (mmioCFEntryName ((PMMCTOCENTRY) small, &fa)), ==,
                   CTOC_DEFAULT_NAMESIZE - 1);
  g_assert_cmpuint (mmioCFGetInfo (a, &fa, sizeof fa), ==, sizeof fa);
  g_assert_cmpuint (fa.usNameSize, >, strlen (longname));
  wide = g_malloc0 (mmioCFEntryImageSize (&fa));
  g_assert_cmpuint (mmioCFFindEntry (a, (PMMCTOCENTRY) wide, MMIO_FINDFIRST), ==, 0);
  g_assert_cmpstr (mmioCFEntryName ((PMMCTOCENTRY) wide, &fa), ==, longname);
  g_assert_cmpuint (mmioCFGetInfo (b, &fb, sizeof fb), ==, sizeof fb);
  g_assert_cmpuint (fb.usNameSize, ==, fa.usNameSize);
  mmioCFClose (a, 0);
  mmioCFClose (b, 0);
  g_free (small);
  g_free (wide);
  g_free (path);
}

/* Undelete picks the deleted entry the last find returned. */
static void
test_undelete_choice (void)
{
  char *path = tu_path ("undelete.bnd");
  HMMCF cf = mmioCFOpen (path, NULL, NULL, MMIO_CREATE);
  MMCFINFO fi;
  guint8 *e;

  g_assert_cmpuint (mmioCFAddElement (cf, "dup", 0, "first", 5, 0), ==, 0);
  mmioCFGetInfo (cf, &fi, sizeof fi);
  e = g_malloc0 (mmioCFEntryImageSize (&fi));
  strcpy (mmioCFEntryName ((PMMCTOCENTRY) e, &fi), "dup");
  g_assert_cmpuint (mmioCFDeleteEntry (cf, (PMMCTOCENTRY) e, 0), ==, 0);
  g_assert_cmpuint (mmioCFAddElement (cf, "dup", 0, "second", 6, 0), ==, 0);
  g_assert_cmpuint (mmioCFDeleteEntry (cf, (PMMCTOCENTRY) e, 0), ==, 0);
  g_assert_cmpuint (mmioCFFindEntry (cf, (PMMCTOCENTRY) e, MMIO_FINDDELETED), ==, 0);
  g_assert_cmpuint (((PMMCTOCENTRY) e)->ulSize, ==, 5);
  g_assert_cmpuint (mmioCFFindEntry (cf, (PMMCTOCENTRY) e, MMIO_FINDDELETED | MMIO_FINDNEXT), ==, 0);
  g_assert_cmpuint (((PMMCTOCENTRY) e)->ulSize, ==, 6);
  *mmioCFEntryFlags ((PMMCTOCENTRY) e, &fi) = 0;
  g_assert_cmpuint (mmioCFChangeEntry (cf, (PMMCTOCENTRY) e, MMIO_CHANGEDELETED), ==, 0);
  assert_element (path, "dup", "second", 6);
  /* The other one cannot come back over the live name. */
  g_assert_cmpuint (mmioCFFindEntry (cf, (PMMCTOCENTRY) e, MMIO_FINDDELETED), ==, 0);
  *mmioCFEntryFlags ((PMMCTOCENTRY) e, &fi) = 0;
  g_assert_cmpuint (mmioCFChangeEntry (cf, (PMMCTOCENTRY) e, MMIO_CHANGEDELETED), ==, MMIO_CF_FAILURE);
  g_assert_cmpuint (mmioGetLastError (cf), ==, MMIOERR_CF_DUPLICATE_SEEN);

  /* The file replaced by junk under the handle: clear errors, and the
   * handle still lists what it had. */
  tu_write_file (path, "junk", 4);
  g_assert_cmpuint (mmioCFAddElement (cf, "x", 0, "x", 1, 0), ==, MMIO_CF_FAILURE);
  g_assert_cmpuint (mmioGetLastError (cf), ==, MMIOERR_CF_NON_BND_FILE);
  g_assert_cmpuint (mmioCFGetInfo (cf, &fi, sizeof fi), ==, 0);
  {
    Listing l;
    listing_init (&l);
    g_assert_cmpuint (mmioListElementsOf (cf, &l.sink, 0), ==, 0);
    g_assert_cmpuint (l.elements->len, ==, 1);
    listing_clear (&l);
  }
  mmioCFClose (cf, 0);
  g_free (e);
  g_free (path);
}

static void
test_format_info (void)
{
  MMFORMATINFO crit = { 0 }, out = { 0 };
  LONG n = 0, got = 0;
  crit.ulStructLen = sizeof crit;
  crit.fccIOProc = FOURCC_BND;
  g_assert_cmpuint (mmioQueryFormatCount (&crit, &n, 0, 0), ==, 0);
  g_assert_cmpint (n, >=, 1);
  g_assert_cmpuint (mmioGetFormats (&crit, 1, &out, &got, 0, 0), ==, 0);
  g_assert_cmpuint (out.ulIOProcType, ==, MMIO_IOPROC_STORAGESYSTEM);
  g_assert_cmpuint (out.ulMediaType, ==, MMIO_MEDIATYPE_COMPOUND);
  g_assert_nonnull (mmioInstallIOProc (FOURCC_CF, NULL, MMIO_FINDPROC));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/cf/hand/ctoc-first", GINT_TO_POINTER (TRUE), test_hand_read);
  g_test_add_data_func ("/cf/hand/ctoc-last", GINT_TO_POINTER (FALSE), test_hand_read);
  g_test_add_func ("/cf/hand/cf-calls", test_hand_cf_calls);
  g_test_add_func ("/cf/element/seek", test_seek_and_offsets);
  g_test_add_func ("/cf/element/write", test_write_elements);
  g_test_add_func ("/cf/calls/round-trip", test_cf_round_trip);
  g_test_add_func ("/cf/compact", test_compact);
  g_test_add_func ("/cf/nested", test_nested);
  g_test_add_func ("/cf/listing", test_listing);
  g_test_add_func ("/cf/calls/stale-layout", test_stale_layout);
  g_test_add_func ("/cf/calls/undelete-choice", test_undelete_choice);
  g_test_add_func ("/cf/format-info", test_format_info);
  return g_test_run ();
}
