/* fourcc.c — mmioStringToFOURCC: up to four characters, space-padded,
 * optionally upper-cased (ASCII only, as the FOURCCs of file extensions). */
#include "mmio-private.h"

FOURCC
mmioStringToFOURCC (LPCSTR sz, UINT uFlags)
{
  char c[4] = { ' ', ' ', ' ', ' ' };

  for (int i = 0; sz != NULL && i < 4 && sz[i] != 0; i++)
    c[i] = (uFlags & MMIO_TOUPPER) ? g_ascii_toupper (sz[i]) : sz[i];
  return mmioFOURCC (c[0], c[1], c[2], c[3]);
}
