/* test-errors.c — mmioErrorString: a sentence for every MMIO error code,
 * never NULL, a generic one for codes nobody defined. */
#include "test-util.h"

#include <string.h>

static void
test_every_code_has_words (void)
{
  const char *unknown = mmioErrorString (99999);
  static const UINT codes[] = {
    MMSYSERR_NOERROR, MMSYSERR_ERROR, MMSYSERR_INVALHANDLE, MMSYSERR_NOMEM,
    MMSYSERR_NOTSUPPORTED, MMSYSERR_INVALFLAG, MMSYSERR_INVALPARAM,
    MMIOERR_READ_ONLY_FILE, MMIOERR_SEEK_BEFORE_BEGINNING, MMIOERR_IOPROC_NOT_FOUND,
    MMIOERR_PROC_IN_USE,
  };

  g_assert_nonnull (unknown);
  g_assert_cmpuint (strlen (unknown), >, 0);
  /* All the Windows MMIOERR_ codes, 257 to 272. */
  for (UINT c = MMIOERR_FILENOTFOUND; c <= MMIOERR_INVALIDFILE; c++)
    {
      const char *s = mmioErrorString (c);
      g_assert_nonnull (s);
      g_assert_cmpstr (s, !=, unknown);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    g_assert_cmpstr (mmioErrorString (codes[i]), !=, unknown);
  /* Different failures read differently. */
  g_assert_cmpstr (mmioErrorString (MMIOERR_FILENOTFOUND), !=,
                   mmioErrorString (MMIOERR_CHUNKNOTFOUND));
  g_assert_cmpstr (mmioErrorString (MMIOERR_CANNOTREAD), !=,
                   mmioErrorString (MMIOERR_CANNOTWRITE));
  g_assert_nonnull (mmioErrorString (0xFFFFFFFFu));
  g_assert_nonnull (mmioErrorString ((UINT) MMIOERR_UNSUPPORTED_MESSAGE));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/errors/every-code-has-words", test_every_code_has_words);
  return g_test_run ();
}
