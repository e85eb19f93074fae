/* mmio-ioproc.h — what an IOProc author needs beyond mmio.h: the OS/2
 * system messages, IOProc types, media types, capability bits and
 * MMFORMATINFO.
 *
 * The Windows core messages (MMIOM_READ 0 … MMIOM_RENAME 6) are in mmio.h.
 * OS/2 system messages keep their OS/2 numbers (0x0E00 range, clear of the
 * Windows ones and of MMIOM_USER 0x8000). The OS/2 numbers of the core
 * messages (0x0E03–0x0E07) are not used: the Windows numbers are.
 *
 * An IOProc answers a message it does not handle with
 * MMIOERR_UNSUPPORTED_MESSAGE (−2); a file-format IOProc may first forward
 * it to its storage child with mmioSendMessage(). mmioSendMessage() carries
 * the OS/2 system range and user messages (>= MMIOM_USER) and refuses every
 * other number below MMIOM_USER with MMSYSERR_INVALPARAM (the core
 * messages have their own calls).
 */
#ifndef MMIO_MMIO_IOPROC_H
#define MMIO_MMIO_IOPROC_H

#include <mmio/mmio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- OS/2 system messages (OS/2 numbers) -------------------------------- */

#define MMIOM_START              0x0E00
#define MMIOM_GETCF              0x0E01
#define MMIOM_GETCFENTRY         0x0E02
#define MMIOM_IDENTIFYFILE       0x0E08
#define MMIOM_GETHEADER          0x0E09
#define MMIOM_SETHEADER          0x0E0A
#define MMIOM_QUERYHEADERLENGTH  0x0E0B
#define MMIOM_GETFORMATNAME      0x0E0C
#define MMIOM_GETFORMATINFO      0x0E0D
#define MMIOM_SEEKBYTIME         0x0E0E
#define MMIOM_TEMPCHANGE         0x0E0F
#define MMIOM_BEGININSERT        0x0E10
#define MMIOM_ENDINSERT          0x0E11
#define MMIOM_SAVE               0x0E12
#define MMIOM_SET                0x0E13
#define MMIOM_COMPRESS           0x0E14
#define MMIOM_DECOMPRESS         0x0E15
#define MMIOM_MULTITRACKREAD     0x0E16
#define MMIOM_MULTITRACKWRITE    0x0E17
#define MMIOM_DELETE             0x0E18
#define MMIOM_BEGINGROUP         0x0E19
#define MMIOM_ENDGROUP           0x0E1A
#define MMIOM_UNDO               0x0E1B
#define MMIOM_REDO               0x0E1C
#define MMIOM_BEGINSTREAM        0x0E1D
#define MMIOM_ENDSTREAM          0x0E1E
/* Riffscope system messages, in the OS/2 system range after the OS/2 ones */
/* MMIOM_LISTELEMENTS: sent to a handle a container storage IOProc opened on
 * the container itself (the name ends with the separator, e.g. "a.zip+").
 * lParam1 = MMIOELEMENTSINK* (mmio-cf.h), lParam2 = MMIO_LIST_* flags. The
 * IOProc calls AddElement once per element (name, size, media type FOURCC,
 * MMIO_ELEMENT_* flags) and AddFinding for what is wrong with the
 * container, then returns MMIO_SUCCESS or an MMIOERR_ code; an element
 * handle answers MMIOERR_UNSUPPORTED_MESSAGE. mmioListElements() sends it. */
#define MMIOM_LISTELEMENTS       0x0E40  /* container storage IOProcs */
/* 0x0E41 MMIOM_DESCRIBECHUNK: see below */
#define MMIOM_SYSTEM_LAST        0x0EFF

/* ---- IOProc types, media types, capabilities (OS/2 values) ------------ */

#define MMIO_IOPROC_STORAGESYSTEM  0x00000001
#define MMIO_IOPROC_FILEFORMAT     0x00000002
#define MMIO_IOPROC_DATAFORMAT     0x00000004

#define MMIO_MEDIATYPE_IMAGE         0x00000001
#define MMIO_MEDIATYPE_AUDIO         0x00000002
#define MMIO_MEDIATYPE_MIDI          0x00000004
#define MMIO_MEDIATYPE_COMPOUND      0x00000008
#define MMIO_MEDIATYPE_OTHER         0x00000010
#define MMIO_MEDIATYPE_UNKNOWN       0x00000020
#define MMIO_MEDIATYPE_DIGITALVIDEO  0x00000040
#define MMIO_MEDIATYPE_ANIMATION     0x00000080
#define MMIO_MEDIATYPE_MOVIE         0x00000100

#define MMIO_CANREADTRANSLATED              0x00000001
#define MMIO_CANWRITETRANSLATED             0x00000002
#define MMIO_CANREADWRITETRANSLATED         0x00000004
#define MMIO_CANREADUNTRANSLATED            0x00000008
#define MMIO_CANWRITEUNTRANSLATED           0x00000010
#define MMIO_CANREADWRITEUNTRANSLATED       0x00000020
#define MMIO_CANSEEKTRANSLATED              0x00000040
#define MMIO_CANSEEKUNTRANSLATED            0x00000080
#define MMIO_CANINSERTUNTRANSLATED          0x00000100
#define MMIO_CANSAVEUNTRANSLATED            0x00000200
#define MMIO_CANINSERTTRANSLATED            0x00000400
#define MMIO_CANSAVETRANSLATED              0x00000800
#define MMIO_CANMULTITRACKREADTRANSLATED    0x00001000
#define MMIO_CANMULTITRACKREADUNTRANSLATED  0x00002000
#define MMIO_CANMULTITRACKWRITETRANSLATED   0x00004000
#define MMIO_CANMULTITRACKWRITEUNTRANSLATED 0x00008000
#define MMIO_CANTRACKSEEKTRANSLATED         0x00010000
#define MMIO_CANTRACKSEEKUNTRANSLATED       0x00020000
#define MMIO_CANTRACKREADTRANSLATED         0x00040000
#define MMIO_CANTRACKREADUNTRANSLATED       0x00080000
#define MMIO_CANTRACKWRITETRANSLATED        0x00100000
#define MMIO_CANTRACKWRITEUNTRANSLATED      0x00200000

/* ---- MMFORMATINFO (OS/2 layout, 40 bytes) ------------------------------ */

typedef struct _MMFORMATINFO {
  ULONG  ulStructLen;            /* caller sets to sizeof (MMFORMATINFO) */
  FOURCC fccIOProc;
  ULONG  ulIOProcType;           /* MMIO_IOPROC_* */
  ULONG  ulMediaType;            /* MMIO_MEDIATYPE_* */
  ULONG  ulFlags;                /* MMIO_CAN* */
  char   szDefaultFormatExt[5];  /* up to 4 characters and a NUL */
  ULONG  ulCodePage;
  ULONG  ulLanguage;
  int32_t lNameLength;           /* bytes of the name GETFORMATNAME returns */
} MMFORMATINFO, *PMMFORMATINFO, *LPMMFORMATINFO;

/* ---- Translated headers (OS/2 MMAUDIOHEADER) -------------------------- */

/* What a handle opened with MMIO_TRANSLATEDATA delivers is what its
 * MMAUDIOHEADER says. The built-in 'WAVE' IOProc gives interleaved
 * little-endian samples: usFormatTag 1 (PCM) with 16 bits for integer
 * sources up to 16 bits and every compressed codec, 1 with 32 bits for 24-
 * and 32-bit sources, 3 (IEEE float) with 32 bits for float sources.
 * usBlockAlign is one frame; mmioRead/mmioSeek count in these bytes. The
 * 32-bit lengths saturate at 0xFFFFFFFF for longer data. */

typedef struct _WAVE_HEADER {
  USHORT usFormatTag;
  USHORT usChannels;
  ULONG  ulSamplesPerSec;
  ULONG  ulAvgBytesPerSec;
  USHORT usBlockAlign;
  USHORT usBitsPerSample;
} WAVE_HEADER;

typedef struct _XWAV_HEADERINFO {
  ULONG ulAudioLengthInMS;
  ULONG ulAudioLengthInBytes;
  ULONG ulReserved;
} XWAV_HEADERINFO;

typedef struct _MMXWAV_HEADER {
  WAVE_HEADER     WAVEHeader;
  XWAV_HEADERINFO XWAVHeaderInfo;
} MMXWAV_HEADER;

typedef struct _MMAUDIOHEADER {
  ULONG         ulHeaderLength;   /* sizeof (MMAUDIOHEADER) */
  ULONG         ulContentType;
  ULONG         ulMediaType;      /* MMIO_MEDIATYPE_AUDIO */
  MMXWAV_HEADER mmXWAVHeader;
} MMAUDIOHEADER, *PMMAUDIOHEADER;

/* ---- Format registry and identification (OS/2) ------------------------ */

/* Count / copy the MMFORMATINFO of installed IOProcs matching pCriteria
 * (NULL, or zero fields, match everything; compared: fccIOProc,
 * ulIOProcType, ulMediaType, and every bit set in ulFlags). Newest first. */
MMIO_API ULONG mmioQueryFormatCount (PMMFORMATINFO pCriteria,
                                     PLONG plNumFormats, ULONG ulReserved,
                                     ULONG ulFlags);
MMIO_API ULONG mmioGetFormats (PMMFORMATINFO pCriteria, LONG lNumFormats,
                               PVOID pFormatInfoList, PLONG plFormatsRead,
                               ULONG ulReserved, ULONG ulFlags);
/* The format name in the user's language (MMIOM_GETFORMATNAME to the IOProc
 * named by pmmformatinfo->fccIOProc); not NUL-terminated when it fills the
 * buffer, *plBytesRead receives the count. */
MMIO_API ULONG mmioGetFormatName (PMMFORMATINFO pmmformatinfo, PSZ pszFormatName,
                                  PLONG plBytesRead, ULONG ulReserved,
                                  ULONG ulFlags);

#define MMIO_FORCE_IDENTIFY_SS  0x00000001
#define MMIO_FORCE_IDENTIFY_FF  0x00000002

/* Identify the storage system (from the name, as mmioOpen does), then ask
 * each file-format IOProc, newest first, with MMIOM_IDENTIFYFILE over a
 * handle on the storage system. Data nobody claims answers with the storage
 * system's own record: not an error. */
MMIO_API ULONG mmioIdentifyFile (PSZ pszFileName, PMMIOINFO pmmioinfo,
                                 PMMFORMATINFO pmmformatinfo,
                                 PFOURCC pfccStorageSystem, ULONG ulReserved,
                                 ULONG ulFlags);

MMIO_API ULONG mmioQueryHeaderLength (HMMIO hmmio, PLONG plHeaderLength,
                                      ULONG ulReserved, ULONG ulFlags);
MMIO_API ULONG mmioGetHeader (HMMIO hmmio, PVOID pHeader, LONG lHeaderLength,
                              PLONG plBytesRead, ULONG ulReserved,
                              ULONG ulFlags);
MMIO_API ULONG mmioSetHeader (HMMIO hmmio, PVOID pHeader, LONG lHeaderLength,
                              PLONG plBytesWritten, ULONG ulReserved,
                              ULONG ulFlags);

/* ---- Riffscope: describing chunks for the inspector -------------------- */

/* MMIOM_DESCRIBECHUNK — sent by the chunk-tree walker to the file-format
 * IOProc that identified the file (then to the generic describer), once per
 * chunk whose header it knows. lParam1 = const MMIOCHUNKDESC*, lParam2 =
 * MMIOFIELDSINK*. The IOProc adds named fields (and findings it sees inside
 * the chunk) and returns MMIO_SUCCESS, or MMIOERR_UNSUPPORTED_MESSAGE for a
 * chunk it does not know. It must not read the file: the bytes it may look
 * at are in pData. For a RIFF/LIST chunk (fccType set), sent after its
 * children were walked, pData holds instead the FOURCCs of its children in
 * file order (4 bytes each, as in the file; capped like any data, so
 * cbData / 4 may be fewer than the children). */
#define MMIOM_DESCRIBECHUNK      0x0E41

typedef struct _MMIOCHUNKDESC {
  ULONG       ulStructLen;
  FOURCC      ckid;
  FOURCC      fccType;     /* form or list type for RIFF/LIST, else 0 */
  FOURCC      fccForm;     /* form type of the enclosing RIFF form */
  FOURCC      fccParent;   /* list type of the enclosing LIST (or the form) */
  LONG        lOffset;     /* file offset of the chunk header */
  LONG        lSize;       /* declared data size */
  const BYTE *pData;       /* the data bytes read (up to cbData) */
  LONG        cbData;      /* may be less than lSize: capped or truncated */
} MMIOCHUNKDESC;

typedef struct _MMIOFIELDSINK MMIOFIELDSINK;
struct _MMIOFIELDSINK {
  /* key: stable ASCII id, lower case words joined by '-' ("sample-rate");
   * label: translated ("Sample rate");
   * value: UTF-8 text; unit: translated unit or NULL. */
  void (*AddField)   (MMIOFIELDSINK *sink, const char *key, const char *label,
                      const char *value, const char *unit);
  /* rule: stable id ("fact-mismatch"); message: translated sentence. */
  void (*AddFinding) (MMIOFIELDSINK *sink, const char *rule,
                      const char *message);
  void *pUser;
};

#ifdef __cplusplus
}
#endif

#endif /* MMIO_MMIO_IOPROC_H */
