/* mmio-cf.h — compound files (RIFF CTOC + CGRP, the 'BND ' form) through
 * the OS/2 CF calls, and the one call that lists the elements of any
 * container storage IOProc (compound files, archives, a user's own).
 * Included from the end of mmio.h.
 *
 * Numbering. The OS/2 names keep their OS/2 values, with two exceptions
 * where a (historical) Windows header gave the same name a value:
 *  - the mmioCFFindEntry flags use the Windows values 0x10/0x20/0x40/0x80
 *    (OS/2: FINDFIRST 1, FINDNEXT 2, FINDUNUSED 4, FINDDELETED 8);
 *  - CTOC_EF_DELETED 0x01 and CTOC_EF_UNUSED 0x02 agree in both.
 * Everything else (MMIO_CF_FQNAME, MMIO_CHANGEDELETED, MMIO_CF_ENTRY_EXISTS,
 * the usage codes, MMIO_CF_SUCCESS/FAILURE) exists only on OS/2 and has its
 * OS/2 value. The CF error codes are the MMIOERR_CF_* ones in mmio.h.
 *
 * Layout in memory. MMCFINFO and MMCTOCENTRY are the fixed parts of the
 * CTOC header and of a table entry; the variable parts follow them in the
 * caller's buffer exactly as in the file (little-endian host order aside):
 *   header image: MMCFINFO, WORD awExHdrFldUsage[usExHdrFields],
 *                 WORD awExEntFldUsage[usExEntFields],
 *                 DWORD adwExHdrField[usExHdrFields]
 *   entry image:  MMCTOCENTRY, DWORD adwExEntField[usExEntFields],
 *                 BYTE bEntryFlags, CHAR achName[usNameSize]
 * The helpers mmioCFEntryFlags() and mmioCFEntryName() find the last two.
 * An entry buffer must hold mmioCFEntryImageSize() bytes.
 *
 * Element names are the bytes of achName up to the first NUL; they are
 * compared exactly (case matters). A name longer than usNameSize − 1 widens
 * the table on the next write. Every change is written to a temporary file
 * in the same folder, flushed and renamed over the original (for a
 * compound file stored inside another, the outer one's element is replaced
 * the same way), so a crash leaves the old file or the new one. The
 * element's name is the text after the last separator, so an element whose
 * name holds a '+' cannot be opened by name (use MMIO_VERTBAR).
 *
 * Elements through mmioOpen("file.bnd+name"): positions and lDiskOffset
 * count from the element's first byte, SEEK_END is subtractive from its
 * end. Opened with MMIO_CREATE (empty), MMIO_WRITE, MMIO_READWRITE or
 * MMIO_APPEND, an element is kept aside (in memory up to 16 MiB or the
 * MMIO_ELEMENT_CACHE_LIMIT environment variable in bytes, in an unlinked
 * temporary file beyond) and written into the compound file on mmioClose,
 * which returns the commit's error. While it is open for writing, no other
 * open of it in the process succeeds (MMIOERR_SHARINGVIOLATION) and the CF
 * calls that would change it fail the same way; handles that were reading
 * it keep reading the bytes they opened. Between processes, the last
 * commit wins and neither leaves a broken file. Archive elements ("a.zip+
 * dir/x.wav") are decompressed into the same kind of spool on open; archives
 * are read-only. */
#ifndef MMIO_MMIO_CF_H
#define MMIO_MMIO_CF_H

#include <mmio/mmio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- CTOC constants ---------------------------------------------------- */

#define CTOC_HF_SEQUENTIAL   0x00000001  /* entries in CGRP order */
#define CTOC_HF_MEDSUBTYPE   0x00000002  /* dwMedUsage is a FOURCC subtype */

#define CTOC_EF_DELETED      0x01
#define CTOC_EF_UNUSED       0x02

/* Usage codes of the extra header and entry fields. */
#define CTOC_USAGE_UNUSED          0x00
#define CTOC_USAGE_LASTMODTIME     0x01  /* seconds since 1970 UTC; kept current */
#define CTOC_USAGE_CODEPAGE        0x02
#define CTOC_USAGE_LANGUAGE        0x03
#define CTOC_USAGE_COMPRESSPARAM0  0x05
#define CTOC_USAGE_COMPRESSPARAM9  0x0E
#define CTOC_CHARSET_STANDARD      0

#define CTOC_DEFAULT_NAMESIZE      13    /* OS/2's default wNameSize */

/* ---- CF call flags and results ----------------------------------------- */

#define MMIO_CF_SUCCESS        0
#define MMIO_CF_FAILURE        1

/* mmioCFFindEntry: 0 = by the name in the entry buffer */
#define MMIO_FINDFIRST         0x00000010
#define MMIO_FINDNEXT          0x00000020
#define MMIO_FINDUNUSED        0x00000040
#define MMIO_FINDDELETED       0x00000080

#define MMIO_CHANGEDELETED     0x00000001  /* mmioCFChangeEntry: the named
                                            * entry is a deleted one */
#define MMIO_CF_FQNAME         0x00000001  /* mmioCFCompact/Copy: accepted */
#define MMIO_CF_ENTRY_EXISTS   0x00000001  /* mmioCFAddElement: replace the
                                            * element of that name */

/* ---- Structures (OS/2) ------------------------------------------------- */

typedef struct _MMCFINFO {
  ULONG  ulHeaderSize;      /* dwHeaderSize of the file (computed on write) */
  ULONG  ulEntriesTotal;
  ULONG  ulEntriesDeleted;
  ULONG  ulEntriesUnused;
  ULONG  ulBytesTotal;
  ULONG  ulBytesDeleted;
  ULONG  ulHeaderFlags;     /* CTOC_HF_* */
  USHORT usEntrySize;
  USHORT usNameSize;        /* odd, >= 1 */
  USHORT usExHdrFields;
  USHORT usExEntFields;
} MMCFINFO, *PMMCFINFO, *LPMMCFINFO;

typedef struct _MMCTOCENTRY {
  ULONG ulOffset;           /* from the first byte of CGRP data */
  ULONG ulSize;
  ULONG ulMedType;          /* RIFF form type of the element, or 0 */
  ULONG ulMedUsage;
  ULONG ulCompressTech;
  ULONG ulUncompressBytes;
} MMCTOCENTRY, *PMMCTOCENTRY, *LPMMCTOCENTRY;

static inline ULONG
mmioCFEntryImageSize (const MMCFINFO *pInfo)
{
  return (ULONG) sizeof (MMCTOCENTRY) + 4u * pInfo->usExEntFields + 1u
         + pInfo->usNameSize;
}

static inline BYTE *
mmioCFEntryFlags (MMCTOCENTRY *pEntry, const MMCFINFO *pInfo)
{
  return (BYTE *) pEntry + sizeof (MMCTOCENTRY) + 4u * pInfo->usExEntFields;
}

static inline char *
mmioCFEntryName (MMCTOCENTRY *pEntry, const MMCFINFO *pInfo)
{
  return (char *) mmioCFEntryFlags (pEntry, pInfo) + 1;
}

static inline ULONG *
mmioCFEntryExFields (MMCTOCENTRY *pEntry)
{
  return (ULONG *) (pEntry + 1);
}

/* ---- The CF calls (OS/2). Status codes: MMIO_CF_SUCCESS / FAILURE, the
 * cause from mmioGetLastError(hmmcf). -------------------------------------- */

/* Open (or with MMIO_CREATE create, replacing) a compound file. pmmcfinfo:
 * on create its usNameSize/usExEntFields (and usExHdrFields, whose usage
 * codes must then follow the struct as in the header image) shape the new
 * table; otherwise it receives the fixed header. MMIO_CTOCFIRST on create
 * puts the CTOC before the CGRP (the default is after it); an existing file
 * keeps its order. Errors go to pmmioinfo->ulErrorRet. The name may itself
 * be an element: "outer.bnd+inner.bnd". */
MMIO_API HMMCF mmioCFOpen (PSZ pszFileName, PMMCFINFO pmmcfinfo,
                           PMMIOINFO pmmioinfo, ULONG ulFlags);
MMIO_API ULONG mmioCFClose (HMMCF hmmcf, ULONG ulFlags);
/* Copy up to cBytes of the header image; returns the bytes copied, 0 on
 * error. */
MMIO_API ULONG mmioCFGetInfo (HMMCF hmmcf, PMMCFINFO pmmcfinfo, ULONG cBytes);
/* Change ulHeaderFlags, usNameSize (odd, and long enough for every name),
 * and the extra header fields (count, usage codes, values; the image must
 * be complete). Counts and sizes are computed, not taken. Returns the bytes
 * accepted, 0 on error. */
MMIO_API ULONG mmioCFSetInfo (HMMCF hmmcf, PMMCFINFO pmmcfinfo, ULONG cBytes);
/* Fill the entry image at pEntry. ulFlags 0: the entry named in pEntry's
 * name field. MMIO_FINDFIRST / MMIO_FINDNEXT walk the valid entries in table
 * order; with MMIO_FINDUNUSED or MMIO_FINDDELETED they walk the unused or
 * deleted ones instead (alone, those two mean "first"). */
MMIO_API ULONG mmioCFFindEntry (HMMCF hmmcf, PMMCTOCENTRY pEntry,
                                ULONG ulFlags);
/* Add a table entry named in pEntry: with ulSize 0 an empty element,
 * otherwise ulOffset/ulSize must lie inside the CGRP (reusing bytes there,
 * e.g. a deleted element's). An unused slot is reused when there is one. */
MMIO_API ULONG mmioCFAddEntry (HMMCF hmmcf, PMMCTOCENTRY pEntry, ULONG ulFlags);
/* Change the entry named in pEntry: media type, usage, compression fields,
 * extra entry fields, and ulOffset/ulSize (inside the CGRP). With
 * MMIO_CHANGEDELETED the named entry is looked up among the deleted ones and
 * the flags byte is taken too, so clearing CTOC_EF_DELETED restores it. */
MMIO_API ULONG mmioCFChangeEntry (HMMCF hmmcf, PMMCTOCENTRY pEntry,
                                  ULONG ulFlags);
/* Mark the named element deleted; its bytes stay until mmioCFCompact. */
MMIO_API ULONG mmioCFDeleteEntry (HMMCF hmmcf, PMMCTOCENTRY pEntry,
                                  ULONG ulFlags);
/* Add an element with its bytes (fccType: its media type, 0 to take the
 * form type when the bytes are a RIFF form). With MMIO_CF_ENTRY_EXISTS an
 * existing element of that name is replaced; without it a duplicate name is
 * MMIOERR_CF_DUPLICATE_SEEN. */
MMIO_API ULONG mmioCFAddElement (HMMCF hmmcf, PSZ pszElementName,
                                 FOURCC fccType, PCHAR pchBuffer, LONG cchBytes,
                                 ULONG ulFlags);
/* Write the compound file (deleted elements included) to pszDestFileName,
 * which may be an element of another compound file. */
MMIO_API ULONG mmioCFCopy (HMMCF hmmcfSource, PSZ pszDestFileName,
                           ULONG ulFlags);
/* Rewrite the file without deleted elements, unused entries and unused
 * space. Fails with MMIOERR_CF_ELEMENTS_OPEN while an element is open for
 * writing. Returns 0 or an MMIOERR_ code. */
MMIO_API ULONG mmioCFCompact (PSZ pszFileName, ULONG ulFlags);

/* ---- Element listing (Riffscope) ---------------------------------------- */

/* Per-element flags. */
#define MMIO_ELEMENT_DELETED     0x00000001  /* = CTOC_EF_DELETED */
#define MMIO_ELEMENT_UNUSED      0x00000002  /* = CTOC_EF_UNUSED */
#define MMIO_ELEMENT_DIRECTORY   0x00000004
#define MMIO_ELEMENT_LINK        0x00000008  /* symbolic or hard link: no data */
#define MMIO_ELEMENT_COMPRESSED  0x00000010  /* stored compressed (CF: dwCompressTech) */
#define MMIO_ELEMENT_ENCRYPTED   0x00000020  /* cannot be read */
#define MMIO_ELEMENT_DAMAGED     0x00000040  /* its bytes lie outside the container */
#define MMIO_ELEMENT_OVERLAPS    0x00000080  /* shares bytes with another element */
#define MMIO_ELEMENT_DUPLICATE   0x00000100  /* an earlier element has the name:
                                              * this one cannot be opened by name */
#define MMIO_ELEMENT_UNSAFE_NAME 0x00000200  /* absolute or "..": never use the
                                              * name as a path */
#define MMIO_ELEMENT_NAME_UNTERMINATED 0x00000400  /* no NUL in the table */
#define MMIO_ELEMENT_SIZE_UNKNOWN 0x00000800

typedef struct _MMIOELEMENT {
  ULONG       ulStructLen;
  ULONG       ulIndex;      /* position in the container's table */
  const char *pszName;      /* UTF-8 (invalid bytes replaced); valid during the call */
  LONG        lSize;        /* bytes an open of the element reads */
  LONG        lOffset;      /* where its bytes start in the container, or -1 */
  FOURCC      fccMedType;   /* RIFF form type or the container's media type, or 0 */
  ULONG       ulFlags;      /* MMIO_ELEMENT_* */
} MMIOELEMENT;

/* What MMIOM_LISTELEMENTS reports to. AddElement returns FALSE to stop the
 * listing early. AddFinding reports something wrong with the container as
 * a whole or one element: rule is a stable ASCII id ("ctoc-count-overrun"),
 * message a translated sentence. */
typedef struct _MMIOELEMENTSINK MMIOELEMENTSINK;
struct _MMIOELEMENTSINK {
  BOOL (*AddElement) (MMIOELEMENTSINK *sink, const MMIOELEMENT *element);
  void (*AddFinding) (MMIOELEMENTSINK *sink, const char *rule,
                      const char *message);
  void *pUser;
};

/* mmioListElements flags (also lParam2 of MMIOM_LISTELEMENTS). */
#define MMIO_LIST_ALL  0x00000001  /* include deleted and unused entries */

/* List the elements of a container: "sounds.bnd", "a.zip",
 * "outer.bnd+inner.bnd". The storage IOProc is chosen by the extension of
 * the last component, opened on the container itself (the name with a
 * trailing separator) and sent MMIOM_LISTELEMENTS. Returns 0, an MMIOERR_
 * code from the open, MMIOERR_IOPROC_NOT_FOUND when no IOProc is installed
 * for the extension, or MMSYSERR_NOTSUPPORTED when the IOProc does not list
 * elements. */
MMIO_API MMRESULT mmioListElements (LPCSTR szContainer, MMIOELEMENTSINK *pSink,
                                    ULONG ulFlags);
/* The same on a handle already open on a container. */
MMIO_API MMRESULT mmioListElementsOf (HMMIO hmmio, MMIOELEMENTSINK *pSink,
                                      ULONG ulFlags);

#ifdef __cplusplus
}
#endif

#endif /* MMIO_MMIO_CF_H */
