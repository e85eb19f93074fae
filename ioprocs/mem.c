/* mem.c — the 'MEM ' storage IOProc: memory files.
 *
 * A memory file's data lives in the MMIO buffer, and the manager serves
 * reads, writes, seeks and growth (by adwInfo[0] when MMIO owns the buffer)
 * itself, as Windows does; this IOProc only has to accept open and close
 * and describe itself. */
#include <mmio/mmio-ioproc.h>
#include "ioprocs.h"

LRESULT
mmio_mem_ioproc (LPSTR lpmmioinfo, UINT uMsg, LPARAM lParam1, LPARAM lParam2)
{
  (void) lpmmioinfo;
  (void) lParam2;
  switch (uMsg)
    {
    case MMIOM_OPEN:
    case MMIOM_CLOSE:
      return 0;
    case MMIOM_READ:
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
    case MMIOM_SEEK:
      return -1;               /* never reached: the manager handles data */
    case MMIOM_GETFORMATINFO:
      return mmio_ioprocs_fill_format ((MMFORMATINFO *) lParam1, FOURCC_MEM,
                                       MMIO_IOPROC_STORAGESYSTEM,
                                       MMIO_MEDIATYPE_UNKNOWN,
                                       MMIO_CANREADUNTRANSLATED
                                       | MMIO_CANWRITEUNTRANSLATED
                                       | MMIO_CANREADWRITEUNTRANSLATED
                                       | MMIO_CANSEEKUNTRANSLATED,
                                       "", mmio_mem_format_name ());
    case MMIOM_GETFORMATNAME:
      return mmio_ioprocs_copy_name ((char *) lParam1, (LONG) lParam2,
                                     mmio_mem_format_name ());
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}
