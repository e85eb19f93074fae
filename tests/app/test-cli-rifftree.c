/* test-cli-rifftree.c — `riffscope-cli tree` against `rifftree -s`
 * (Debian package gigtools) on real files: WAVE from alsa-utils'
 * /usr/share/sounds/alsa, SoundFont from /usr/share/sounds/sf2, an AVI
 * made here with ffmpeg, the samples shipped in data/samples, and an ANI
 * built here (no distribution package ships .ani files). Both tools must
 * list the same chunks, in the same order and nesting, with the same
 * sizes. Skipped cleanly when a tool or file is missing. */
#include "test-util.h"
#include "cli-util.h"

#include <sys/wait.h>

typedef struct {
  guint depth;
  char  id[5];
  char  type[5];
  gint64 size;     /* as rifftree prints it: a list's size without its type */
} Line;

/* rifftree -s: "RIFF(WAVE)-> (135190 Bytes)" and "            fmt ; (16 Bytes)",
 * twelve spaces per level. */
static GArray *
parse_rifftree (const char *text)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Line));
  char **lines = g_strsplit (text, "\n", -1);

  for (char **l = lines; *l; l++)
    {
      const char *p = *l, *open;
      guint spaces = 0;
      Line x = { 0 };
      if (**l == 0)
        continue;
      while (p[spaces] == ' ')
        spaces++;
      p += spaces;
      x.depth = spaces / 12;
      memcpy (x.id, p, 4);
      if (p[4] == '(')
        memcpy (x.type, p + 5, 4);
      open = strrchr (p, '(');
      g_assert_nonnull (open);
      x.size = g_ascii_strtoll (open + 1, NULL, 10);
      g_array_append_val (out, x);
    }
  g_strfreev (lines);
  return out;
}

static void
flatten (JsonArray *chunks, guint depth, GArray *out)
{
  for (guint i = 0; i < json_array_get_length (chunks); i++)
    {
      JsonObject *c = json_array_get_object_element (chunks, i);
      Line x = { 0 };
      x.depth = depth;
      g_strlcpy (x.id, json_object_get_string_member (c, "id"), sizeof x.id);
      x.size = json_object_get_int_member (c, "size");
      if (json_object_has_member (c, "type"))
        {
          g_strlcpy (x.type, json_object_get_string_member (c, "type"), sizeof x.type);
          x.size -= 4;
        }
      g_array_append_val (out, x);
      if (json_object_has_member (c, "children"))
        flatten (json_object_get_array_member (c, "children"), depth + 1, out);
    }
}

static void
compare_file (const char *path)
{
  char *argv[] = { (char *) "rifftree", (char *) "-s", (char *) path, NULL };
  char *out = NULL, *why = NULL;
  int status = -1;
  GArray *want, *got;
  JsonNode *doc = NULL;
  CliRun r;

  g_test_message ("comparing %s", path);
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  want = parse_rifftree (out);
  r = cli_run ("--json", "tree", path, NULL);
  g_assert_cmpint (r.exit_code, ==, 0);
  if (!cli_validate_json (r.out, &why, &doc))
    g_error ("%s", why);
  got = g_array_new (FALSE, TRUE, sizeof (Line));
  flatten (json_object_get_array_member (json_node_get_object (doc), "chunks"), 0, got);
  g_assert_cmpuint (got->len, ==, want->len);
  g_assert_cmpuint (got->len, >, 1);
  for (guint i = 0; i < got->len; i++)
    {
      Line *a = &g_array_index (got, Line, i), *b = &g_array_index (want, Line, i);
      if (a->depth != b->depth || strcmp (a->id, b->id) != 0
          || strcmp (a->type, b->type) != 0 || a->size != b->size)
        g_error ("%s, chunk %u: riffscope-cli %u '%s' '%s' %" G_GINT64_FORMAT
                 ", rifftree %u '%s' '%s' %" G_GINT64_FORMAT, path, i,
                 a->depth, a->id, a->type, a->size, b->depth, b->id, b->type, b->size);
    }
  g_array_unref (got);
  g_array_unref (want);
  json_node_unref (doc);
  cli_run_clear (&r);
  g_free (why);
  g_free (out);
}

static gboolean
have_rifftree (void)
{
  char *p = g_find_program_in_path ("rifftree");
  gboolean ok = p != NULL;
  g_free (p);
  if (!ok)
    g_test_skip ("rifftree (Debian package gigtools) is not installed");
  return ok;
}

static void
test_wave (void)
{
  const char *files[] = { "/usr/share/sounds/alsa/Front_Center.wav",
                          "/usr/share/sounds/alsa/Noise.wav" };
  guint done = 0;
  char *tone;

  if (!have_rifftree ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (g_file_test (files[i], G_FILE_TEST_IS_REGULAR))
      {
        compare_file (files[i]);
        done++;
      }
  tone = g_build_filename (g_getenv ("RIFFSCOPE_SAMPLES"), "tone.wav", NULL);
  compare_file (tone);
  g_free (tone);
  if (done == 0)
    g_test_message ("no files in /usr/share/sounds/alsa (alsa-utils): only the shipped sample compared");
}

static void
test_sf2 (void)
{
  const char *files[] = { "/usr/share/sounds/sf2/TimGM6mb.sf2",
                          "/usr/share/sounds/sf2/FluidR3_GM.sf2" };
  guint done = 0;

  if (!have_rifftree ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (g_file_test (files[i], G_FILE_TEST_IS_REGULAR))
      {
        compare_file (files[i]);
        done++;
      }
  if (done == 0)
    g_test_skip ("no SoundFont in /usr/share/sounds/sf2 (timgm6mb-soundfont)");
}

static void
test_avi (void)
{
  char *ffmpeg = g_find_program_in_path ("ffmpeg");
  char *avi = tu_path ("testsrc.avi"), *clip;
  int status = -1;

  if (!have_rifftree ())
    goto out;
  clip = g_build_filename (g_getenv ("RIFFSCOPE_SAMPLES"), "clip.avi", NULL);
  compare_file (clip);
  g_free (clip);
  if (ffmpeg == NULL)
    {
      g_test_skip ("ffmpeg is not installed: only the shipped AVI compared");
      goto out;
    }
  {
    char *argv[] = { ffmpeg, (char *) "-nostdin", (char *) "-loglevel", (char *) "error",
                     (char *) "-f", (char *) "lavfi", (char *) "-i", (char *) "testsrc=d=1",
                     (char *) "-y", avi, NULL };
    g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, NULL, &status, NULL));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  }
  compare_file (avi);
out:
  g_free (avi);
  g_free (ffmpeg);
}

/* An animated cursor: RIFF 'ACON' with 'anih', a LIST 'INFO', 'rate' and
 * a LIST 'fram' of two 'icon' chunks (one of odd size, so padded). */
static void
test_ani (void)
{
  GByteArray *a = g_byte_array_new ();
  char *path = tu_path ("cursor.ani");
  guint8 icon[23] = { 0, 0, 1, 0 };
  guint8 anih[36] = { 36 };

  if (!have_rifftree ())
    goto out;
  tu_fourcc (a, "RIFF");
  tu_le32 (a, 4 + (8 + 36) + (8 + 4 + 8 + 6) + (8 + 8) + (8 + 4 + 8 + 24 + 8 + 24));
  tu_fourcc (a, "ACON");
  tu_fourcc (a, "anih");
  tu_le32 (a, 36);
  tu_bytes (a, anih, 36);
  tu_fourcc (a, "LIST");
  tu_le32 (a, 4 + 8 + 6);
  tu_fourcc (a, "INFO");
  tu_fourcc (a, "INAM");
  tu_le32 (a, 6);
  tu_bytes (a, "arrow", 6);
  tu_fourcc (a, "rate");
  tu_le32 (a, 8);
  tu_le32 (a, 10);
  tu_le32 (a, 10);
  tu_fourcc (a, "LIST");
  tu_le32 (a, 4 + 8 + 24 + 8 + 24);
  tu_fourcc (a, "fram");
  for (int i = 0; i < 2; i++)
    {
      tu_fourcc (a, "icon");
      tu_le32 (a, 23);
      tu_bytes (a, icon, 23);
      tu_bytes (a, "", 1);
    }
  tu_write_file (path, a->data, a->len);
  compare_file (path);
out:
  g_byte_array_unref (a);
  g_free (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/rifftree/wave", test_wave);
  g_test_add_func ("/cli/rifftree/sf2", test_sf2);
  g_test_add_func ("/cli/rifftree/avi", test_avi);
  g_test_add_func ("/cli/rifftree/ani", test_ani);
  return g_test_run ();
}
