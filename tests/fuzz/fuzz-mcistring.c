/* fuzz-mcistring.c — libFuzzer target: mciSendString over arbitrary
 * command strings, with a waveaudio device "a" (opened as "new") and a
 * sequencer device "s" available to name, so the type tables are reached
 * too. The parser and the drivers must answer with error codes, never read
 * outside the string or the answer buffer, hang or leak. Each input is one
 * command; everything is closed afterwards. Audio, should a command reach
 * it, goes to SDL's disk driver writing /dev/null. The working folder is
 * gone (see below), so give crash artifacts a place:
 *   fuzz-mcistring -artifact_prefix=$PWD/ -dict=tests/fuzz/mcistring.dict
 * with absolute paths. */
#include <mci/mci.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  char *dir = g_dir_make_tmp ("fuzz-mci-XXXXXX", NULL);

  /* Work inside a folder that no longer exists: a relative name an input
   * makes up can be neither read nor created, and nothing is left over. */
  if (dir == NULL || chdir (dir) != 0 || g_rmdir (dir) != 0)
    abort ();
  g_free (dir);
  g_setenv ("SDL_AUDIODRIVER", "disk", TRUE);
  g_setenv ("SDL_DISKAUDIOFILE", "/dev/null", TRUE);
  /* No capture input: a record fails at once instead of filling memory. */
  g_setenv ("SDL_DISKAUDIOFILEIN", "/nonexistent/riffscope-fuzz-in", TRUE);
  g_setenv ("SDL_DISKAUDIODELAY", "0", TRUE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *cmd;
  char small[8], big[300];

  if (size > 4096)
    return 0;
  cmd = malloc (size + 1);
  memcpy (cmd, data, size);
  cmd[size] = 0;
  mciSendString ("open new type waveaudio alias a", NULL, 0, NULL);
  mciSendString ("open sequencer alias s", NULL, 0, NULL);
  /* the same command with a tight and a roomy answer buffer */
  mciSendString (cmd, small, sizeof small, NULL);
  mciSendString ("close all", NULL, 0, NULL);
  mciSendString ("open new type waveaudio alias a", NULL, 0, NULL);
  mciSendString (cmd, big, sizeof big, NULL);
  mciSendString ("close all", NULL, 0, NULL);
  free (cmd);
  return 0;
}
