/* mmio.h — the application API of libmmio, Riffscope's MMIO manager.
 *
 * Names, field names, flag values, message numbers and error codes are the
 * Windows (winmm) ones, so code written against <mmsystem.h> ports with few
 * changes. OS/2 MMPM/2 concepts (mmioGetLastError, the OS/2 MMIOINFO
 * fields) are added in the same style; where an OS/2 value would collide
 * with a Windows one it gets a fresh value, listed in the comments below.
 *
 * Differences from Windows an engineer porting code should know:
 *  - LONG is 64 bits (int64_t): every offset, size and position is 64-bit,
 *    so files over 2 GiB work. MMCKINFO.dwDataOffset is a LONG for the same
 *    reason. Chunk sizes (cksize) stay 32-bit DWORDs, as on disk.
 *  - Structures use natural alignment, not pack(1): nobody here shares
 *    binary layouts with 16-bit code.
 *  - Strings are UTF-8. There are no A/W variants.
 *  - A handle is used by one thread at a time; different handles may be used
 *    from different threads at once. The IOProc registry is thread-safe.
 */
#ifndef MMIO_MMIO_H
#define MMIO_MMIO_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#  define MMIO_API __declspec(dllexport)
#elif defined(__GNUC__)
#  define MMIO_API __attribute__((visibility("default")))
#else
#  define MMIO_API
#endif

/* ---- Win32 scalar types -------------------------------------------------- */

#ifndef MMIO_NO_WIN32_TYPES
typedef uint8_t   BYTE;
typedef uint16_t  WORD;
typedef uint32_t  DWORD;
typedef uint32_t  UINT;
typedef int32_t   BOOL;
typedef int64_t   LONG;          /* 64-bit on purpose: offsets over 2 GiB */
typedef uint32_t  ULONG;         /* OS/2 spelling of DWORD */
typedef uint16_t  USHORT;
typedef intptr_t  LPARAM;
typedef intptr_t  LRESULT;
typedef uintptr_t WPARAM;
typedef uintptr_t DWORD_PTR;
typedef UINT      MMRESULT;
typedef char     *LPSTR;
typedef const char *LPCSTR;
typedef char     *HPSTR;
typedef const char *HPCSTR;
typedef char     *PSZ;
typedef char     *PCHAR;
typedef void     *PVOID;
typedef void     *LPVOID;
typedef void     *HTASK;
typedef LONG     *PLONG;
typedef LONG     *LPLONG;
#  ifndef TRUE
#    define TRUE  1
#  endif
#  ifndef FALSE
#    define FALSE 0
#  endif
#endif

typedef DWORD FOURCC;
typedef FOURCC *PFOURCC;
typedef struct HMMIO__ *HMMIO;
typedef HMMIO HMMCF;             /* OS/2: a compound file handle is an HMMIO */

typedef LRESULT (*LPMMIOPROC)(LPSTR lpmmioinfo, UINT uMsg,
                              LPARAM lParam1, LPARAM lParam2);
typedef LPMMIOPROC PMMIOPROC;    /* OS/2 spelling */

/* ---- FOURCC ----------------------------------------------------------- */

#define mmioFOURCC(ch0, ch1, ch2, ch3)                                       \
  ((FOURCC)(BYTE)(ch0) | ((FOURCC)(BYTE)(ch1) << 8) |                        \
   ((FOURCC)(BYTE)(ch2) << 16) | ((FOURCC)(BYTE)(ch3) << 24))
#define MAKEFOURCC(ch0, ch1, ch2, ch3) mmioFOURCC(ch0, ch1, ch2, ch3)

#define FOURCC_RIFF mmioFOURCC('R', 'I', 'F', 'F')   /* 0x46464952 */
#define FOURCC_LIST mmioFOURCC('L', 'I', 'S', 'T')   /* 0x5453494C */
#define FOURCC_DOS  mmioFOURCC('D', 'O', 'S', ' ')   /* 0x20534F44 */
#define FOURCC_MEM  mmioFOURCC('M', 'E', 'M', ' ')   /* 0x204D454D */
#define FOURCC_BND  mmioFOURCC('B', 'N', 'D', ' ')   /* 0x20444E42 */
#define FOURCC_CF   mmioFOURCC('C', 'F', ' ', ' ')   /* 0x20204643 */
#define FOURCC_CTOC mmioFOURCC('C', 'T', 'O', 'C')
#define FOURCC_CGRP mmioFOURCC('C', 'G', 'R', 'P')
#define FOURCC_FREE mmioFOURCC('F', 'R', 'E', 'E')
#define FOURCC_DEL  mmioFOURCC('D', 'E', 'L', ' ')
#define FOURCC_JUNK mmioFOURCC('J', 'U', 'N', 'K')

/* ---- Error codes ------------------------------------------------------- */

#define MMSYSERR_BASE          0
#define MMSYSERR_NOERROR       0
#define MMSYSERR_ERROR         1
#define MMSYSERR_BADDEVICEID   2
#define MMSYSERR_NOTENABLED    3
#define MMSYSERR_ALLOCATED     4
#define MMSYSERR_INVALHANDLE   5
#define MMSYSERR_NODRIVER      6
#define MMSYSERR_NOMEM         7
#define MMSYSERR_NOTSUPPORTED  8
#define MMSYSERR_BADERRNUM     9
#define MMSYSERR_INVALFLAG     10
#define MMSYSERR_INVALPARAM    11
#define MMSYSERR_HANDLEBUSY    12
#define MMSYSERR_INVALIDALIAS  13
#define MMSYSERR_BADDB         14
#define MMSYSERR_KEYNOTFOUND   15
#define MMSYSERR_READERROR     16
#define MMSYSERR_WRITEERROR    17
#define MMSYSERR_DELETEERROR   18
#define MMSYSERR_VALNOTFOUND   19
#define MMSYSERR_NODRIVERCB    20
#define MMSYSERR_MOREDATA      21
#define MMSYSERR_LASTERROR     21

#define MMIOERR_BASE              256
#define MMIOERR_FILENOTFOUND      (MMIOERR_BASE + 1)    /* 257 */
#define MMIOERR_OUTOFMEMORY       (MMIOERR_BASE + 2)    /* 258 */
#define MMIOERR_CANNOTOPEN        (MMIOERR_BASE + 3)    /* 259 */
#define MMIOERR_CANNOTCLOSE       (MMIOERR_BASE + 4)    /* 260 */
#define MMIOERR_CANNOTREAD        (MMIOERR_BASE + 5)    /* 261 */
#define MMIOERR_CANNOTWRITE       (MMIOERR_BASE + 6)    /* 262 */
#define MMIOERR_CANNOTSEEK        (MMIOERR_BASE + 7)    /* 263 */
#define MMIOERR_CANNOTEXPAND      (MMIOERR_BASE + 8)    /* 264 */
#define MMIOERR_CHUNKNOTFOUND     (MMIOERR_BASE + 9)    /* 265 */
#define MMIOERR_UNBUFFERED        (MMIOERR_BASE + 10)   /* 266 */
#define MMIOERR_PATHNOTFOUND      (MMIOERR_BASE + 11)   /* 267 */
#define MMIOERR_ACCESSDENIED      (MMIOERR_BASE + 12)   /* 268 */
#define MMIOERR_SHARINGVIOLATION  (MMIOERR_BASE + 13)   /* 269 */
#define MMIOERR_NETWORKERROR      (MMIOERR_BASE + 14)   /* 270 */
#define MMIOERR_TOOMANYOPENFILES  (MMIOERR_BASE + 15)   /* 271 */
#define MMIOERR_INVALIDFILE       (MMIOERR_BASE + 16)   /* 272 */

/* OS/2-only MMIO error codes. OS/2 numbers them 6500 + n; here they are
 * MMIOERR_BASE + 32 + n so they stay in the MMIO range without touching the
 * Windows codes above. n is the OS/2 offset, so the table in meerror.h maps
 * one to one. OS/2 codes that have a Windows twin use the Windows code:
 * INVALID_HANDLE is MMSYSERR_INVALHANDLE, CANNOTWRITE/CHUNKNOTFOUND/
 * CANNOTEXPAND/OUTOFMEMORY/UNBUFFERED are the Windows MMIOERR_ ones. */
#define MMIOERR_OS2_BASE               (MMIOERR_BASE + 32)  /* 288 */
#define MMIOERR_INVALID_PARAMETER      (MMIOERR_OS2_BASE + 5)
#define MMIOERR_INTERNAL_SYSTEM        (MMIOERR_OS2_BASE + 6)
#define MMIOERR_NO_CORE                (MMIOERR_OS2_BASE + 7)
#define MMIOERR_INI_OPEN               (MMIOERR_OS2_BASE + 8)
#define MMIOERR_INI_READ               (MMIOERR_OS2_BASE + 9)
#define MMIOERR_INVALID_BUFFER_LENGTH  (MMIOERR_OS2_BASE + 10)
#define MMIOERR_NO_BUFFER_ALLOCATED    (MMIOERR_OS2_BASE + 11)
#define MMIOERR_NO_FLUSH_FOR_MEM_FILE  (MMIOERR_OS2_BASE + 12)
#define MMIOERR_NO_FLUSH_NEEDED        (MMIOERR_OS2_BASE + 13)
#define MMIOERR_READ_ONLY_FILE         (MMIOERR_OS2_BASE + 14)
#define MMIOERR_WRITE_ONLY_FILE        (MMIOERR_OS2_BASE + 15)
#define MMIOERR_INSTALL_PROC_FAILED    (MMIOERR_OS2_BASE + 16)
#define MMIOERR_READ_FAILED            (MMIOERR_OS2_BASE + 17)
#define MMIOERR_WRITE_FAILED           (MMIOERR_OS2_BASE + 18)
#define MMIOERR_SEEK_FAILED            (MMIOERR_OS2_BASE + 19)
#define MMIOERR_FREE_FAILED            (MMIOERR_OS2_BASE + 21)
#define MMIOERR_EOF_SEEN               (MMIOERR_OS2_BASE + 22)
#define MMIOERR_INVALID_ACCESS_FLAG    (MMIOERR_OS2_BASE + 23)
#define MMIOERR_INVALID_STRUCTURE      (MMIOERR_OS2_BASE + 24)
#define MMIOERR_INVALID_SIZE           (MMIOERR_OS2_BASE + 25)
#define MMIOERR_INVALID_FILENAME       (MMIOERR_OS2_BASE + 26)
#define MMIOERR_CF_DUPLICATE_SEEN      (MMIOERR_OS2_BASE + 27)
#define MMIOERR_CF_ENTRY_NO_CORE       (MMIOERR_OS2_BASE + 28)
#define MMIOERR_CF_WO_UNSUPPORTED      (MMIOERR_OS2_BASE + 29)
#define MMIOERR_CF_ELEMENTS_OPEN       (MMIOERR_OS2_BASE + 30)
#define MMIOERR_CF_NON_BND_FILE        (MMIOERR_OS2_BASE + 31)
#define MMIOERR_CF_ENTRY_NOT_FOUND     (MMIOERR_OS2_BASE + 32)
#define MMIOERR_DELETE_FAILED          (MMIOERR_OS2_BASE + 33)
#define MMIOERR_INVALID_DLLNAME        (MMIOERR_OS2_BASE + 35)
#define MMIOERR_INVALID_PROCEDURENAME  (MMIOERR_OS2_BASE + 36)
#define MMIOERR_MATCH_NOT_FOUND        (MMIOERR_OS2_BASE + 37)
#define MMIOERR_SEEK_BEFORE_BEGINNING  (MMIOERR_OS2_BASE + 38)
#define MMIOERR_INVALID_FILE           MMIOERR_INVALIDFILE
#define MMIOERR_MEDIA_NOT_FOUND        (MMIOERR_OS2_BASE + 41)
#define MMIOERR_ERROR_IN_FRAME_DATA    (MMIOERR_OS2_BASE + 42)
#define MMIOERR_CODEC_NOT_SUPPORTED    (MMIOERR_OS2_BASE + 44)
/* Riffscope additions, after the OS/2 range. */
#define MMIOERR_PLUGIN_LOAD_FAILED     (MMIOERR_OS2_BASE + 48)
#define MMIOERR_PROC_IN_USE            (MMIOERR_OS2_BASE + 49)
#define MMIOERR_IOPROC_NOT_FOUND       (MMIOERR_OS2_BASE + 50)  /* no IOProc with that FOURCC */
#define MMIOERR_LAST                   (MMIOERR_OS2_BASE + 50)

/* ---- Flags --------------------------------------------------------------- */

/* mmioOpen: access, sharing, special modes (Windows values) */
#define MMIO_RWMODE       0x00000003
#define MMIO_SHAREMODE    0x00000070
#define MMIO_READ         0x00000000
#define MMIO_WRITE        0x00000001
#define MMIO_READWRITE    0x00000002
#define MMIO_COMPAT       0x00000000
#define MMIO_EXCLUSIVE    0x00000010
#define MMIO_DENYWRITE    0x00000020
#define MMIO_DENYREAD     0x00000030
#define MMIO_DENYNONE     0x00000040
#define MMIO_PARSE        0x00000100
#define MMIO_DELETE       0x00000200
#define MMIO_CREATE       0x00001000
#define MMIO_EXIST        0x00004000
#define MMIO_ALLOCBUF     0x00010000
#define MMIO_GETTEMP      0x00020000
#define MMIO_DIRTY        0x10000000

/* mmioOpen: OS/2-only flags. Kept at the OS/2 value where it is free among
 * the Windows open flags, moved otherwise (OS/2 value in brackets). */
#define MMIO_VERTBAR      0x00008000  /* ['|' separator instead of '+'] 0x8000 */
#define MMIO_NOIDENTIFY   0x00040000  /* 0x40000 */
#define MMIO_APPEND       0x00080000  /* [0x20000, = MMIO_GETTEMP] */
#define MMIO_CTOCFIRST    0x00100000  /* [0x2, = MMIO_READWRITE] */
#define MMIO_BUFSHARED    0x00200000  /* [0x10000, = MMIO_ALLOCBUF] */
#define MMIO_USE_TEMP     0x00400000  /* [0x1000, = MMIO_CREATE] */
/* Riffscope: identify the file format on open (OS/2 behaviour). Without it
 * mmioOpen behaves as on Windows and never identifies; see mmio-ioproc.h.
 * Identification runs when the caller names no IOProc (fccIOProc and
 * pIOProc zero), gives a file name, does not create the file, does not
 * pass MMIO_NOIDENTIFY, and either sets MMIO_IDENTIFY or asks for
 * translation (ulTranslate != 0). The storage system is chosen from the
 * name as usual; a file-format IOProc that claims the data becomes the
 * handle's IOProc (fccIOProc), with fccChildIOProc set to that storage
 * system unless the caller gave one, and opens its own child handle on it.
 * Data nobody claims is opened with the storage system alone. */
#define MMIO_IDENTIFY     0x00800000

/* mmioClose / mmioFlush / mmioStringToFOURCC */
#define MMIO_FHOPEN       0x0010
#define MMIO_EMPTYBUF     0x0010
#define MMIO_TOUPPER      0x0010

/* mmioInstallIOProc */
#define MMIO_INSTALLPROC  0x00010000
#define MMIO_GLOBALPROC   0x10000000
#define MMIO_REMOVEPROC   0x00020000
#define MMIO_UNICODEPROC  0x01000000
#define MMIO_FINDPROC     0x00040000

/* mmioDescend / mmioCreateChunk */
#define MMIO_FINDCHUNK    0x0010
#define MMIO_FINDRIFF     0x0020
#define MMIO_FINDLIST     0x0040
#define MMIO_CREATERIFF   0x0020
#define MMIO_CREATELIST   0x0040

/* mmioOpen ulTranslate (OS/2 values; MMIOINFO field, no collision).
 * With MMIO_TRANSLATEDATA a file-format IOProc's READ/SEEK work in the
 * translated stream, and lDiskOffset is the position in that stream (the
 * buffering layer counts in it) as is lLogicalFilePos; the physical
 * position is the storage child's lDiskOffset. */
#define MMIO_NOTRANSLATE     0x00000000
#define MMIO_TRANSLATEDATA   0x00000001
#define MMIO_TRANSLATEHEADER 0x00000002
#define MMIO_DECOMPRESS      0x00000004

#define MMIO_DEFAULTBUFFER 8192
#define CFSEPCHAR '+'
#define CFSEPCHAR_VERTBAR '|'

#ifndef SEEK_SET
#  define SEEK_SET 0
#  define SEEK_CUR 1
#  define SEEK_END 2
#endif

/* ---- IOProc messages (Windows numbers; OS/2 ones in mmio-ioproc.h) ---- */

#define MMIOM_READ        MMIO_READ    /* 0 */
#define MMIOM_WRITE       MMIO_WRITE   /* 1 */
#define MMIOM_SEEK        2
#define MMIOM_OPEN        3
#define MMIOM_CLOSE       4
#define MMIOM_WRITEFLUSH  5
#define MMIOM_RENAME      6
#define MMIOM_USER        0x8000

/* OS/2 IOProc return codes */
#define MMIO_SUCCESS                  0L
#define MMIO_WARNING                  2L
#define MMIO_ERROR                    (-1L)
#define MMIOERR_UNSUPPORTED_MESSAGE   (-2L)

/* ---- Structures ----------------------------------------------------------- */

/* MMIOINFO: the Win32 fields in the Win32 order, then the OS/2 ones. Shared
 * fields answer to both spellings. adwInfo has four slots (OS/2's aulInfo);
 * Windows code uses the first three. */
typedef struct _MMIOINFO {
  union { DWORD dwFlags; DWORD ulFlags; };
  FOURCC      fccIOProc;
  LPMMIOPROC  pIOProc;
  union { UINT wErrorRet; DWORD ulErrorRet; };
  HTASK       hTask;
  LONG        cchBuffer;
  HPSTR       pchBuffer;
  HPSTR       pchNext;
  HPSTR       pchEndRead;
  HPSTR       pchEndWrite;
  LONG        lBufOffset;
  LONG        lDiskOffset;
  union { DWORD adwInfo[4]; DWORD aulInfo[4]; };
  DWORD       dwReserved1;
  DWORD       dwReserved2;
  LONG        lLogicalFilePos;   /* OS/2: position in translated units */
  DWORD       ulTranslate;       /* OS/2: MMIO_TRANSLATE* */
  FOURCC      fccChildIOProc;    /* OS/2: storage IOProc under a format IOProc */
  PVOID       pExtraInfoStruct;  /* OS/2: IOProc-specific data */
  HMMIO       hmmio;
} MMIOINFO, *PMMIOINFO, *LPMMIOINFO, *NPMMIOINFO;
typedef const MMIOINFO *LPCMMIOINFO;

typedef struct _MMCKINFO {
  FOURCC ckid;
  DWORD  cksize;
  FOURCC fccType;
  LONG   dwDataOffset;           /* 64-bit: see the head comment */
  DWORD  dwFlags;
} MMCKINFO, *PMMCKINFO, *LPMMCKINFO, *NPMMCKINFO;
typedef const MMCKINFO *LPCMMCKINFO;

/* ---- Functions --------------------------------------------------------- */

MMIO_API FOURCC     mmioStringToFOURCC(LPCSTR sz, UINT uFlags);
MMIO_API LPMMIOPROC mmioInstallIOProc(FOURCC fccIOProc, LPMMIOPROC pIOProc,
                                      DWORD dwFlags);

MMIO_API HMMIO    mmioOpen(LPSTR szFilename, LPMMIOINFO lpmmioinfo,
                           DWORD dwOpenFlags);
MMIO_API MMRESULT mmioRename(LPCSTR szFileName, LPCSTR szNewFileName,
                             LPCMMIOINFO lpmmioinfo, DWORD dwRenameFlags);
MMIO_API MMRESULT mmioClose(HMMIO hmmio, UINT uFlags);
MMIO_API LONG     mmioRead(HMMIO hmmio, HPSTR pch, LONG cch);
MMIO_API LONG     mmioWrite(HMMIO hmmio, HPCSTR pch, LONG cch);
MMIO_API LONG     mmioSeek(HMMIO hmmio, LONG lOffset, int iOrigin);
MMIO_API MMRESULT mmioGetInfo(HMMIO hmmio, LPMMIOINFO lpmmioinfo,
                              UINT uFlags);
MMIO_API MMRESULT mmioSetInfo(HMMIO hmmio, LPCMMIOINFO lpmmioinfo,
                              UINT uFlags);
MMIO_API MMRESULT mmioSetBuffer(HMMIO hmmio, LPSTR pchBuffer, LONG cchBuffer,
                                UINT uFlags);
MMIO_API MMRESULT mmioFlush(HMMIO hmmio, UINT uFlags);
MMIO_API MMRESULT mmioAdvance(HMMIO hmmio, LPMMIOINFO lpmmioinfo,
                              UINT uFlags);
MMIO_API LRESULT  mmioSendMessage(HMMIO hmmio, UINT uMsg, LPARAM lParam1,
                                  LPARAM lParam2);
MMIO_API MMRESULT mmioDescend(HMMIO hmmio, LPMMCKINFO lpck,
                              const MMCKINFO *lpckParent, UINT uFlags);
MMIO_API MMRESULT mmioAscend(HMMIO hmmio, LPMMCKINFO lpck, UINT uFlags);
MMIO_API MMRESULT mmioCreateChunk(HMMIO hmmio, LPMMCKINFO lpck, UINT uFlags);

/* OS/2: the last error recorded on the handle (its ulErrorRet). When a
 * call fails because of a handle beneath this one (a file-format IOProc's
 * storage child, or deeper), the error is the one that arose there, not a
 * generic code: a missing element reads MMIOERR_CF_ENTRY_NOT_FOUND, a
 * failing read the child's code. An IOProc that stores its own ulErrorRet
 * while failing is reported the same way. */
MMIO_API ULONG    mmioGetLastError(HMMIO hmmio);

/* Riffscope: a short English/translated sentence for an MMSYSERR_/MMIOERR_
 * code, for messages a person reads. Never NULL. */
MMIO_API const char *mmioErrorString(UINT code);

#ifdef __cplusplus
}
#endif

#include <mmio/mmio-cf.h>   /* compound files and element listing */

#endif /* MMIO_MMIO_H */
