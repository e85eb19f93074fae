/* fuzz-mcistring.c — libFuzzer target: mciSendString over arbitrary
 * command strings, with a waveaudio device "a" (opened as "new") and a
 * sequencer device "s" available to name, so the type tables are reached
 * too. The parser and the drivers must answer with error codes, never read
 * outside the string or the answer buffer, hang or leak. Each input is one
 * command; everything is closed afterwards. Audio, should a command reach
 * it, goes to SDL's disk driver inside a private temporary folder, which
 * is also the working directory, so relative names touch nothing else. */
#include <mci/mci.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  char *dir = g_dir_make_tmp ("fuzz-mci-XXXXXX", NULL);
  char *out;

  if (dir == NULL || chdir (dir) != 0)
    abort ();
  out = g_build_filename (dir, "out.raw", NULL);
  g_setenv ("SDL_AUDIODRIVER", "disk", TRUE);
  g_setenv ("SDL_DISKAUDIOFILE", out, TRUE);
  /* No capture input: a record fails at once instead of filling memory. */
  g_setenv ("SDL_DISKAUDIOFILEIN", "/nonexistent/riffscope-fuzz-in", TRUE);
  g_setenv ("SDL_DISKAUDIODELAY", "0", TRUE);
  g_free (out);
  g_free (dir);
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
