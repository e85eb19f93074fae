/* fuzz-wave.c — libFuzzer target: the WAVE IOProc's open paths over
 * arbitrary bytes: identification, untranslated access and the native
 * header, translation through libsndfile (header, PCM read in odd
 * pieces, seeks into and past frames), and translated writing from a
 * fuzzed MMAUDIOHEADER. The bytes go to a temporary file
 * because the IOProc opens its own storage child by name. Nothing may
 * crash, hang, read outside a buffer or leak. */
#include <mmio/mmio-ioproc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char path[64];

static void
exercise (HMMIO h)
{
  MMAUDIOHEADER ah;
  LONG n = 0, total = 0, r, piece = 1;
  static char buf[70000];

  mmioQueryHeaderLength (h, &n, 0, 0);
  mmioGetHeader (h, &ah, sizeof ah, &n, 0, 0);
  mmioGetHeader (h, &ah, 3, &n, 0, 0);
  /* Read at most 1 MiB of PCM: a header may promise far more. */
  while (total < (1 << 20) && (r = mmioRead (h, buf, piece)) > 0)
    {
      total += r;
      piece = piece * 5 % 65521 + 1;
    }
  mmioSeek (h, 3, SEEK_SET);
  mmioRead (h, buf, 7);
  mmioSeek (h, 1, SEEK_END);
  mmioRead (h, buf, 100);
  mmioSeek (h, -1, SEEK_SET);
  mmioSeek (h, total / 2 + 1, SEEK_SET);
  mmioRead (h, buf, 5000);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  MMIOINFO mi;
  MMFORMATINFO fi;
  FOURCC ss;
  FILE *f;
  HMMIO h;

  if (path[0] == 0)
    {
      int fd;
      strcpy (path, "/tmp/fuzz-wave-XXXXXX");
      fd = mkstemp (path);
      if (fd < 0)
        abort ();
      close (fd);
    }
  f = fopen (path, "wb");
  if (f == NULL)
    abort ();
  if (size > 0 && fwrite (data, 1, size, f) != size)
    abort ();
  fclose (f);

  mmioIdentifyFile (path, NULL, &fi, &ss, 0, 0);

  memset (&mi, 0, sizeof mi);
  mi.fccIOProc = mmioFOURCC ('W', 'A', 'V', 'E');
  h = mmioOpen (path, &mi, MMIO_READ);
  if (h != NULL)
    {
      exercise (h);
      mmioClose (h, 0);
    }

  memset (&mi, 0, sizeof mi);
  mi.ulTranslate = MMIO_TRANSLATEDATA | MMIO_TRANSLATEHEADER;
  h = mmioOpen (path, &mi, MMIO_READ | ((size & 1) ? MMIO_ALLOCBUF : 0));
  if (h != NULL)
    {
      exercise (h);
      mmioClose (h, 0);
    }
  /* Writing translated: the first bytes are the MMAUDIOHEADER, the rest
   * the samples, written to a second file. */
  if (size >= sizeof (MMAUDIOHEADER))
    {
      static char out[80];
      LONG n;
      if (out[0] == 0)
        snprintf (out, sizeof out, "%s.out.wav", path);
      memset (&mi, 0, sizeof mi);
      mi.fccIOProc = mmioFOURCC ('W', 'A', 'V', 'E');
      mi.ulTranslate = MMIO_TRANSLATEDATA | MMIO_TRANSLATEHEADER;
      h = mmioOpen (out, &mi, MMIO_CREATE | MMIO_WRITE);
      if (h != NULL)
        {
          mmioSetHeader (h, (PVOID) data, sizeof (MMAUDIOHEADER), &n, 0, 0);
          mmioWrite (h, (HPCSTR) data + sizeof (MMAUDIOHEADER) / 2,
                     (LONG) (size - sizeof (MMAUDIOHEADER) / 2));
          mmioClose (h, 0);
        }
    }
  return 0;
}
