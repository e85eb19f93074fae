/* test-i18n.c — format names and messages in the user's language: the
 * German catalogue built from po/de.po, reached through
 * RIFFSCOPE_LOCALEDIR (set by meson to the build's po directory).
 *
 * glibc ignores LANGUAGE under the plain "C" locale but honours it under
 * C.UTF-8, which every Debian system has, so no German locale needs to be
 * installed. */
#include "test-util.h"

#include <mmio/mmio-ioproc.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

static void
use_language (const char *lang)
{
  g_setenv ("LANGUAGE", lang, TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  /* The documented way to make gettext forget the translations it has
   * looked up for the previous language. */
  textdomain (textdomain (NULL));
}

static void
check_name (FOURCC fcc, const char *want)
{
  MMFORMATINFO crit = { 0 }, fi;
  LONG read = 0;
  char name[128];

  crit.fccIOProc = fcc;
  g_assert_cmpuint (mmioGetFormats (&crit, 1, &fi, &read, 0, 0), ==, 0);
  g_assert_cmpint (read, ==, 1);
  /* The length follows the language, so a buffer of that size holds it. */
  g_assert_cmpint (fi.lNameLength, ==, (LONG) strlen (want));
  memset (name, 0, sizeof name);
  g_assert_cmpuint (mmioGetFormatName (&fi, name, &read, 0, 0), ==, 0);
  g_assert_cmpint (read, ==, fi.lNameLength);
  g_assert_cmpstr (name, ==, want);
}

static gboolean
have_catalogue (void)
{
  const char *dir = g_getenv ("RIFFSCOPE_LOCALEDIR");
  char *mo;
  gboolean ok;

  if (dir == NULL || setlocale (LC_ALL, "C.UTF-8") == NULL)
    return FALSE;
  mo = g_build_filename (dir, "de", "LC_MESSAGES", "riffscope.mo", NULL);
  ok = g_file_test (mo, G_FILE_TEST_IS_REGULAR);
  g_free (mo);
  return ok;
}

static void
test_german_names (void)
{
  if (!have_catalogue ())
    {
      g_test_skip ("run through meson: RIFFSCOPE_LOCALEDIR names the built catalogues");
      return;
    }
  use_language ("de");
  check_name (mmioFOURCC ('W', 'A', 'V', 'E'), "WAVE-Audio");
  check_name (FOURCC_DOS, "Dateisystem (DOS)");
  check_name (FOURCC_MEM, "Speicherdatei");
  g_assert_cmpstr (mmioErrorString (MMIOERR_FILENOTFOUND), ==, "Datei nicht gefunden");

  /* Back to the untranslated names. */
  use_language ("C");
  check_name (mmioFOURCC ('W', 'A', 'V', 'E'), "WAVE audio");
  check_name (FOURCC_DOS, "File system (DOS)");
  g_assert_cmpstr (mmioErrorString (MMIOERR_FILENOTFOUND), ==, "File not found");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/i18n/german-names", test_german_names);
  return g_test_run ();
}
