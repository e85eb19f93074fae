/* test-cf-hostile.c — compound files that lie: entries outside the CGRP,
 * overlaps, names without NUL, wNameSize even or 0, counts larger than the
 * chunk, duplicate names, broken chunk structure; then a seeded mutation
 * run over a valid file. Every case must end in a clear error or a
 * finding, never a crash or a read outside a buffer (run under ASan). */
#include "cf-test-util.h"

static const char aaa[] = "AAAAAAAAAAAAAAAA";
static const char bbb[] = "BBBBBBBBBBBBBBBB";

static char *
write_case (const char *fname, const HandLayout *l, const HandEntry *e, guint n)
{
  char *path = tu_path (fname);
  GByteArray *a = hand_bnd (l, e, n);
  write_array (path, a);
  g_byte_array_unref (a);
  return path;
}

static void
list_file (const char *path, Listing *l, MMRESULT expect)
{
  listing_init (l);
  g_assert_cmpuint (mmioListElements (path, &l->sink, MMIO_LIST_ALL), ==, expect);
}

static void
test_outside_cgrp (void)
{
  HandLayout lay = { .name_size = 13 };
  HandEntry e[] = {
    { "good", 0, 0, aaa, 16, 0, -1, 0 },
    { "far", 0, 0, NULL, 100, 0, 5000, 0 },
    { "wrap", 0, 0, NULL, 0xFFFFFFF0u, 0, 8, 0 },
  };
  char *path = write_case ("outside.bnd", &lay, e, 3);
  char *name = g_strdup_printf ("%s+far", path);
  Listing l;
  UINT err = 0;

  g_assert_null (read_element (name, &err));
  g_assert_cmpuint (err, ==, MMIOERR_INVALIDFILE);
  g_free (name);
  name = g_strdup_printf ("%s+wrap", path);
  g_assert_null (read_element (name, &err));
  g_assert_cmpuint (err, ==, MMIOERR_INVALIDFILE);
  assert_element (path, "good", aaa, 16);
  list_file (path, &l, 0);
  g_assert_true (listing_has_rule (&l, "ctoc-entry-outside-cgrp"));
  g_assert_true (listing_find (&l, "far")->ulFlags & MMIO_ELEMENT_DAMAGED);
  g_assert_false (listing_find (&l, "good")->ulFlags & MMIO_ELEMENT_DAMAGED);
  listing_clear (&l);

  /* Editing such a file drops what cannot be read and keeps the rest. */
  {
    HMMCF cf = mmioCFOpen (path, NULL, NULL, 0);
    g_assert_nonnull (cf);
    g_assert_cmpuint (mmioCFAddElement (cf, "more", 0, "m", 1, 0), ==, 0);
    mmioCFClose (cf, 0);
    assert_element (path, "good", aaa, 16);
    assert_element (path, "more", "m", 1);
    list_file (path, &l, 0);
    g_assert_null (listing_find (&l, "far"));
    g_assert_cmpuint (l.rules->len, ==, 0);
    listing_clear (&l);
  }
  g_free (name);
  g_free (path);
}

static void
test_overlap_and_duplicates (void)
{
  HandLayout lay = { .name_size = 13 };
  HandEntry e[] = {
    { "one", 0, 0, aaa, 16, 0, -1, 0 },
    { "two", 0, 0, NULL, 8, 0, 8, 0 },         /* inside "one" */
    { "one", 0, 0, bbb, 16, 0, -1, 0 },        /* duplicate name */
  };
  char *path = write_case ("overlap.bnd", &lay, e, 3);
  Listing l;

  assert_element (path, "one", aaa, 16);       /* the first one wins */
  assert_element (path, "two", aaa, 8);
  list_file (path, &l, 0);
  g_assert_true (listing_has_rule (&l, "ctoc-overlap"));
  g_assert_true (listing_has_rule (&l, "ctoc-duplicate-name"));
  g_assert_true (g_array_index (l.elements, MMIOELEMENT, 0).ulFlags & MMIO_ELEMENT_OVERLAPS);
  g_assert_true (g_array_index (l.elements, MMIOELEMENT, 1).ulFlags & MMIO_ELEMENT_OVERLAPS);
  g_assert_true (g_array_index (l.elements, MMIOELEMENT, 2).ulFlags & MMIO_ELEMENT_DUPLICATE);
  listing_clear (&l);
  g_free (path);
}

static void
test_names (void)
{
  /* 13 bytes of name, no NUL anywhere. */
  HandLayout lay = { .name_size = 13 };
  HandEntry e[] = {
    { "thirteen-char", 13, 0, aaa, 4, 0, -1, 0 },
    { "", 0, 0, bbb, 4, 0, -1, 0 },
  };
  char *path = write_case ("names.bnd", &lay, e, 2);
  Listing l;

  assert_element (path, "thirteen-char", aaa, 4);
  list_file (path, &l, 0);
  g_assert_true (listing_has_rule (&l, "ctoc-name-unterminated"));
  g_assert_true (listing_has_rule (&l, "ctoc-entry-no-name"));
  g_assert_true (listing_find (&l, "thirteen-char")->ulFlags & MMIO_ELEMENT_NAME_UNTERMINATED);
  listing_clear (&l);
  g_free (path);

  /* Invalid UTF-8 in a name is listed as valid UTF-8. */
  {
    HandEntry bad[] = { { "a\xff\xfe" "b", 0, 0, aaa, 2, 0, -1, 0 } };
    path = write_case ("utf8.bnd", &lay, bad, 1);
    list_file (path, &l, 0);
    g_assert_cmpuint (l.elements->len, ==, 1);
    g_assert_true (g_utf8_validate (g_array_index (l.elements, MMIOELEMENT, 0).pszName, -1, NULL));
    listing_clear (&l);
    assert_element (path, "a\xff\xfe" "b", aaa, 2);
    g_free (path);
  }
}

static void
test_name_size (void)
{
  HandLayout even = { .name_size = 12 };
  HandLayout zero = { .name_size = 0 };
  HandEntry e[] = { { "x.wav", 0, 0, aaa, 5, 0, -1, 0 } };
  char *path = write_case ("even.bnd", &even, e, 1);
  char *name;
  Listing l;
  UINT err = 0;

  assert_element (path, "x.wav", aaa, 5);
  list_file (path, &l, 0);
  g_assert_true (listing_has_rule (&l, "ctoc-name-size-even"));
  listing_clear (&l);
  /* Writing it back makes the name size odd again. */
  {
    HMMCF cf = mmioCFOpen (path, NULL, NULL, 0);
    MMCFINFO fi;
    g_assert_cmpuint (mmioCFAddElement (cf, "y", 0, "y", 1, 0), ==, 0);
    g_assert_cmpuint (mmioCFGetInfo (cf, &fi, sizeof fi), ==, sizeof fi);
    g_assert_cmpuint (fi.usNameSize & 1, ==, 1);
    mmioCFClose (cf, 0);
    assert_element (path, "x.wav", aaa, 5);
  }
  g_free (path);

  path = write_case ("zero.bnd", &zero, e, 1);
  name = g_strdup_printf ("%s+x.wav", path);
  g_assert_null (read_element (name, &err));
  g_assert_cmpuint (err, ==, MMIOERR_INVALIDFILE);
  list_file (path, &l, MMIOERR_INVALIDFILE);
  listing_clear (&l);
  g_free (name);
  g_free (path);
}

static void
test_counts (void)
{
  HandLayout over = { .name_size = 13, .entries_total = 1000000 };
  HandLayout small_entry = { .name_size = 13, .entry_size = 20 };
  HandLayout small_header = { .name_size = 13, .header_size = 30 };
  HandLayout huge_fields = { .name_size = 13, .ctoc_first = TRUE };
  HandEntry e[] = {
    { "a", 0, 0, aaa, 3, 0, -1, 0 },
    { "b", 0, 0, bbb, 3, 0, -1, 0 },
  };
  char *path = write_case ("count.bnd", &over, e, 2);
  char *name;
  Listing l;
  UINT err = 0;

  assert_element (path, "b", bbb, 3);
  list_file (path, &l, 0);
  g_assert_true (listing_has_rule (&l, "ctoc-count-overrun"));
  g_assert_cmpuint (l.elements->len, ==, 2);
  listing_clear (&l);
  g_free (path);

  path = write_case ("small-entry.bnd", &small_entry, e, 2);
  name = g_strdup_printf ("%s+a", path);
  g_assert_null (read_element (name, &err));
  g_assert_cmpuint (err, ==, MMIOERR_INVALIDFILE);
  g_free (name);
  g_free (path);

  path = write_case ("small-header.bnd", &small_header, e, 2);
  name = g_strdup_printf ("%s+a", path);
  g_assert_null (read_element (name, &err));
  g_assert_cmpuint (err, ==, MMIOERR_INVALIDFILE);
  g_free (name);
  g_free (path);

  /* Extra-field counts that need more header than the chunk has. */
  {
    GByteArray *a = hand_bnd (&huge_fields, e, 2);
    /* wExHdrFields at CTOC data + 32: RIFF(12) + CTOC header(8) + 32. */
    a->data[12 + 8 + 32] = 0xFF;
    a->data[12 + 8 + 33] = 0xFF;
    path = tu_path ("huge-fields.bnd");
    write_array (path, a);
    g_byte_array_unref (a);
    name = g_strdup_printf ("%s+a", path);
    g_assert_null (read_element (name, &err));
    g_assert_cmpuint (err, ==, MMIOERR_INVALIDFILE);
    g_free (name);
    g_free (path);
  }
}

static void
test_structure (void)
{
  HandLayout lay = { .name_size = 13, .ctoc_first = TRUE };
  HandEntry e[] = { { "a", 0, 0, aaa, 16, 0, -1, 0 } };
  GByteArray *good = hand_bnd (&lay, e, 1);
  char *path = tu_path ("struct.bnd");
  char *name = g_strdup_printf ("%s+a", path);
  UINT err = 0;

  /* Not RIFF; no CGRP; truncated in the CGRP; RIFF size far too big. */
  {
    GByteArray *a = g_byte_array_new ();
    g_byte_array_append (a, good->data, good->len);
    memcpy (a->data, "RIFX", 4);
    write_array (path, a);
    g_assert_null (read_element (name, &err));
    g_assert_cmpuint (err, ==, MMIOERR_CF_NON_BND_FILE);
    memcpy (a->data, "RIFF", 4);
    g_byte_array_set_size (a, good->len - 17 - 8);   /* cut off the CGRP */
    a->data[4] = 0xFF;
    write_array (path, a);
    g_assert_null (read_element (name, &err));
    g_assert_cmpuint (err, ==, MMIOERR_CF_NON_BND_FILE);
    g_byte_array_unref (a);
  }
  {
    GByteArray *a = g_byte_array_new ();
    Listing l;
    g_byte_array_append (a, good->data, good->len - 10);   /* element cut */
    write_array (path, a);
    g_byte_array_unref (a);
    g_assert_null (read_element (name, &err));
    g_assert_cmpuint (err, ==, MMIOERR_INVALIDFILE);
    list_file (path, &l, 0);
    g_assert_true (listing_has_rule (&l, "riff-size-overrun"));
    listing_clear (&l);
  }
  tu_write_file (path, "RIFF", 4);
  g_assert_null (read_element (name, &err));
  g_assert_cmpuint (err, ==, MMIOERR_CF_NON_BND_FILE);
  tu_write_file (path, "", 0);
  g_assert_null (read_element (name, &err));
  g_assert_cmpuint (err, ==, MMIOERR_CF_NON_BND_FILE);
  g_byte_array_unref (good);
  g_free (name);
  g_free (path);
}

/* Element names are never paths: "../x" stays inside the compound file. */
static void
test_path_names (void)
{
  char *path = tu_path ("paths.bnd");
  char *evil = g_strdup_printf ("%s+../escaped", path);
  char *outside = tu_path ("escaped");
  MMIOINFO mi = { 0 };
  HMMIO h = mmioOpen (evil, &mi, MMIO_CREATE | MMIO_WRITE);

  g_assert_nonnull (h);
  g_assert_cmpint (mmioWrite (h, "in", 2), ==, 2);
  g_assert_cmpint (mmioClose (h, 0), ==, 0);
  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));
  assert_element (path, "../escaped", "in", 2);
  g_free (evil);
  g_free (outside);
  g_free (path);
}

/* Seeded mutations of a valid file: open, list and read every element. */
static void
test_mutations (void)
{
  HandLayout lay = { .name_size = 15, .n_ex_hdr = 1, .n_ex_ent = 2, .gap = 1 };
  HandEntry e[] = {
    { "first", 0, 0, aaa, 16, 0, -1, 1 },
    { "second", 0, CTOC_EF_DELETED, bbb, 9, 0, -1, 2 },
    { "third", 0, 0, bbb, 16, 0, -1, 3 },
    { "", 0, CTOC_EF_UNUSED, NULL, 0, 0, 0, 0 },
  };
  GByteArray *good = hand_bnd (&lay, e, G_N_ELEMENTS (e));
  char *path = tu_path ("mutant.bnd");
  GRand *rng = g_rand_new_with_seed (0x5eed);
  guint opened = 0;

  for (int round = 0; round < 400; round++)
    {
      GByteArray *a = g_byte_array_new ();
      int flips = g_rand_int_range (rng, 1, 6);
      Listing l;
      g_byte_array_append (a, good->data, good->len);
      for (int f = 0; f < flips; f++)
        {
          guint pos = g_rand_int_range (rng, 0, (gint32) a->len);
          switch (g_rand_int_range (rng, 0, 3))
            {
            case 0: a->data[pos] = (guint8) g_rand_int (rng); break;
            case 1: a->data[pos] = 0xFF; break;
            default: a->data[pos] ^= 1u << g_rand_int_range (rng, 0, 8); break;
            }
        }
      if (round % 7 == 0)
        g_byte_array_set_size (a, g_rand_int_range (rng, 0, (gint32) a->len));
      write_array (path, a);
      g_byte_array_unref (a);

      listing_init (&l);
      mmioListElements (path, &l.sink, MMIO_LIST_ALL);
      for (guint i = 0; i < l.elements->len; i++)
        {
          const MMIOELEMENT *el = &g_array_index (l.elements, MMIOELEMENT, i);
          char *name;
          GBytes *b;
          if (el->pszName[0] == 0)
            continue;        /* "file+" is the compound file itself */
          name = g_strdup_printf ("%s+%s", path, el->pszName);
          b = read_element (name, NULL);
          if (b != NULL)
            {
              opened++;
              g_assert_cmpint (g_bytes_get_size (b), <=, 200);
              g_bytes_unref (b);
            }
          g_free (name);
        }
      listing_clear (&l);
    }
  g_assert_cmpuint (opened, >, 0);
  g_rand_free (rng);
  g_byte_array_unref (good);
  g_free (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cf-hostile/outside-cgrp", test_outside_cgrp);
  g_test_add_func ("/cf-hostile/overlap-duplicates", test_overlap_and_duplicates);
  g_test_add_func ("/cf-hostile/names", test_names);
  g_test_add_func ("/cf-hostile/name-size", test_name_size);
  g_test_add_func ("/cf-hostile/counts", test_counts);
  g_test_add_func ("/cf-hostile/structure", test_structure);
  g_test_add_func ("/cf-hostile/path-names", test_path_names);
  g_test_add_func ("/cf-hostile/mutations", test_mutations);
  return g_test_run ();
}
