/* errors.c — words for the MMSYSERR_ and MMIOERR_ codes, for what a person
 * reads (the codes stay the API). */
#include "mmio-private.h"
#include "mmio-i18n.h"
#include <mmio/mmio-inspect.h>

const char *
mmioErrorString (UINT code)
{
  mmio_i18n_init ();
  switch (code)
    {
    case MMSYSERR_NOERROR: return _("No error");
    case MMSYSERR_ERROR: return _("Unspecified error");
    case MMSYSERR_INVALHANDLE: return _("The handle is not an open file");
    case MMSYSERR_NOMEM: return _("Out of memory");
    case MMSYSERR_NOTSUPPORTED: return _("Not supported");
    case MMSYSERR_INVALFLAG: return _("Invalid flag");
    case MMSYSERR_INVALPARAM: return _("Invalid parameter");
    case MMIOERR_FILENOTFOUND: return _("File not found");
    case MMIOERR_OUTOFMEMORY: return _("Out of memory, or a name too long for its buffer");
    case MMIOERR_CANNOTOPEN: return _("The file cannot be opened");
    case MMIOERR_CANNOTCLOSE: return _("The file cannot be closed");
    case MMIOERR_CANNOTREAD: return _("The file cannot be read");
    case MMIOERR_CANNOTWRITE: return _("The file cannot be written");
    case MMIOERR_CANNOTSEEK: return _("Cannot seek to that position");
    case MMIOERR_CANNOTEXPAND: return _("The memory file cannot grow");
    case MMIOERR_CHUNKNOTFOUND: return _("Chunk not found");
    case MMIOERR_UNBUFFERED: return _("The file is not buffered");
    case MMIOERR_PATHNOTFOUND: return _("A folder in the path does not exist");
    case MMIOERR_ACCESSDENIED: return _("Permission denied");
    case MMIOERR_SHARINGVIOLATION: return _("The file is opened exclusively by someone else");
    case MMIOERR_NETWORKERROR: return _("Network error");
    case MMIOERR_TOOMANYOPENFILES: return _("Too many open files");
    case MMIOERR_INVALIDFILE: return _("The file is damaged: a size or offset runs past its end");
    case MMIOERR_INVALID_PARAMETER: return _("Invalid parameter");
    case MMIOERR_READ_ONLY_FILE: return _("The file was opened for reading only");
    case MMIOERR_WRITE_ONLY_FILE: return _("The file was opened for writing only");
    case MMIOERR_SEEK_BEFORE_BEGINNING: return _("Cannot seek before the beginning of the file");
    case MMIOERR_CF_DUPLICATE_SEEN: return _("An element with that name already exists");
    case MMIOERR_CF_ENTRY_NO_CORE: return _("No room for another table entry");
    case MMIOERR_CF_WO_UNSUPPORTED: return _("Write-only access is not supported for compound files");
    case MMIOERR_CF_ELEMENTS_OPEN: return _("Elements of the compound file are still open");
    case MMIOERR_CF_NON_BND_FILE: return _("Not a compound (BND) file");
    case MMIOERR_CF_ENTRY_NOT_FOUND: return _("No element with that name");
    case MMIOERR_INVALID_DLLNAME: return _("The module cannot be loaded");
    case MMIOERR_INVALID_PROCEDURENAME: return _("The module has no such procedure");
    case MMIOERR_MATCH_NOT_FOUND: return _("No matching entry");
    case MMIOERR_PLUGIN_LOAD_FAILED: return _("The plugin could not be loaded");
    case MMIOERR_PROC_IN_USE: return _("The IOProc is in use by an open file");
    case MMIOERR_IOPROC_NOT_FOUND: return _("No IOProc is installed for that FOURCC");
    case MMIOERR_CANCELLED: return _("The operation was cancelled");
    default: return _("Unknown error");
    }
}
