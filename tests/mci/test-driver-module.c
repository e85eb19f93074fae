/* test-driver-module.c — a loadable MCI driver for test-driver-model: it
 * answers DRV_OPEN with its parameter string and MCI_INFO product with
 * "module:<params>". */
#include <mci/mci.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

__attribute__((visibility("default"))) LRESULT
DriverProc (DWORD_PTR id, HDRVR h, UINT msg, LPARAM p1, LPARAM p2);

LRESULT
DriverProc (DWORD_PTR id, HDRVR h, UINT msg, LPARAM p1, LPARAM p2)
{
  switch (msg)
    {
    case DRV_LOAD: case DRV_ENABLE: case DRV_DISABLE: case DRV_FREE:
      return 1;
    case DRV_OPEN:
      {
        MCI_OPEN_DRIVER_PARMS *odp = (MCI_OPEN_DRIVER_PARMS *) p2;
        if (odp == NULL)
          return 0;
        odp->wType = MCI_DEVTYPE_OTHER;
        return (LRESULT) strdup ((const char *) p1);
      }
    case DRV_CLOSE:
      free ((void *) id);
      return 1;
    case MCI_OPEN_DRIVER:
    case MCI_CLOSE_DRIVER:
      return 0;
    case MCI_INFO:
      {
        MCI_INFO_PARMS *ip = (MCI_INFO_PARMS *) p2;
        if (ip == NULL || ip->lpstrReturn == NULL)
          return MCIERR_NULL_PARAMETER_BLOCK;
        snprintf (ip->lpstrReturn, ip->dwRetSize, "module:%s", (const char *) id);
        return 0;
      }
    default:
      return MCIERR_UNRECOGNIZED_COMMAND;
    }
}
