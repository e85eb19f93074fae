/* mmio-plugin.h — loadable IOProc modules, the persistent IOProc registry
 * (OS/2 mmioIniFileHandler), the message trace and the IOProc conformance
 * checker.
 *
 * Writing a plugin: build a shared object that includes this header, links
 * libmmio, and exports one function named MMIO_PLUGIN_ENTRY_NAME
 * ("mmioPluginEntry") returning a static MMIOPLUGINDESC:
 *
 *   static const MMIOPLUGINPROC procs[] = {
 *     { mmioFOURCC ('A','U',' ',' '), au_ioproc, MMIO_IOPROC_FILEFORMAT,
 *       "au_ioproc" },
 *   };
 *   MMIO_PLUGIN_EXPORT const MMIOPLUGINDESC *
 *   mmioPluginEntry (void)
 *   {
 *     static const MMIOPLUGINDESC d = { sizeof d, MMIO_PLUGIN_ABI_VERSION,
 *                                       "au", 1, procs };
 *     return &d;
 *   }
 *
 * The loader checks, in order: the file exists; it is an ELF object for
 * this machine and not cut short; the dynamic loader accepts it (every
 * symbol it needs resolves); it exports the entry symbol; the descriptor's
 * size and ABI version match; no FOURCC is claimed twice. Each failure has
 * its own MMIO_PLUGIN_E_* reason and a sentence (the loader's own message
 * where there is one).
 *
 * Flag values: mmioIniFileHandler takes the Windows mmioInstallIOProc values
 * for INSTALLPROC/REMOVEPROC/FINDPROC (mmio.h) and the OS/2 values for the
 * match qualifiers, which are free among them. MMIO_SKIPMATCH would collide
 * with MMIO_INSTALLPROC (both 0x10000) and is not provided: this registry
 * has no compression or hardware-id fields to skip. The OS/2 qualifiers
 * MATCHCOMPRESSTYPE, MATCHCOMPRESSSUBTYPE, MATCHHWID, MATCHCAPSFLAGS and
 * EXTENDED_STRUCT are not provided for the same reason.
 */
#ifndef MMIO_MMIO_PLUGIN_H
#define MMIO_MMIO_PLUGIN_H

#include <mmio/mmio-ioproc.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Module descriptor (what a plugin exports) ------------------------ */

/* Bumped whenever MMIOPLUGINDESC, MMIOPLUGINPROC or the IOProc calling
 * convention change incompatibly. */
#define MMIO_PLUGIN_ABI_VERSION 1

#define MMIO_PLUGIN_ENTRY_NAME "mmioPluginEntry"

#if defined(__GNUC__)
#  define MMIO_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#  define MMIO_PLUGIN_EXPORT
#endif

typedef struct _MMIOPLUGINPROC {
  FOURCC      fccIOProc;
  LPMMIOPROC  pIOProc;
  ULONG       ulIOProcType;     /* MMIO_IOPROC_* */
  const char *pszProcName;      /* what MMINIFILEINFO.szProcName names */
} MMIOPLUGINPROC;

typedef struct _MMIOPLUGINDESC {
  ULONG                 ulStructLen;    /* sizeof (MMIOPLUGINDESC) */
  ULONG                 ulAbiVersion;   /* MMIO_PLUGIN_ABI_VERSION */
  const char           *pszName;        /* short module name, UTF-8 */
  ULONG                 cProcs;
  const MMIOPLUGINPROC *pProcs;
} MMIOPLUGINDESC;

typedef const MMIOPLUGINDESC *(*MMIOPLUGINENTRY) (void);

/* ---- Loader ------------------------------------------------------------ */

#define MMIO_PLUGIN_E_NONE              0
#define MMIO_PLUGIN_E_NOT_FOUND         1   /* no such file, or not a file */
#define MMIO_PLUGIN_E_NOT_ABSOLUTE      2   /* relative path: never searched */
#define MMIO_PLUGIN_E_NOT_ELF           3   /* not an ELF shared object */
#define MMIO_PLUGIN_E_WRONG_MACHINE     4   /* ELF, but for another machine/class */
#define MMIO_PLUGIN_E_TRUNCATED         5   /* file shorter than its headers say */
#define MMIO_PLUGIN_E_UNDEFINED_SYMBOL  6   /* a symbol it needs does not resolve */
#define MMIO_PLUGIN_E_LOAD_FAILED       7   /* the dynamic loader refused it */
#define MMIO_PLUGIN_E_MISSING_SYMBOL    8   /* no MMIO_PLUGIN_ENTRY_NAME export */
#define MMIO_PLUGIN_E_BAD_DESCRIPTOR    9   /* NULL, too short, or a NULL proc */
#define MMIO_PLUGIN_E_ABI_VERSION       10  /* ulAbiVersion is not ours */
#define MMIO_PLUGIN_E_FOURCC_CONFLICT   11  /* FOURCC claimed twice */
#define MMIO_PLUGIN_E_NO_SUCH_IOPROC    12  /* module lacks the FOURCC/name asked for */

typedef struct _MMIOPLUGINERROR {
  ULONG ulReason;        /* MMIO_PLUGIN_E_* */
  char  szMessage[512];  /* translated sentence, with the loader's message */
} MMIOPLUGINERROR;

typedef struct _MMIOPLUGIN MMIOPLUGIN;   /* a loaded module; lives until exit */

/* Load (once per path; later calls return the same module) and validate a
 * plugin. pszPath must be absolute. On failure returns NULL and, when
 * pError is not NULL, fills it. Loading does not install the IOProcs. */
MMIO_API MMIOPLUGIN *mmioPluginLoad (const char *pszPath,
                                     MMIOPLUGINERROR *pError);
MMIO_API const MMIOPLUGINDESC *mmioPluginDescriptor (MMIOPLUGIN *plugin);
MMIO_API const char *mmioPluginPath (MMIOPLUGIN *plugin);
/* A short sentence for an MMIO_PLUGIN_E_* reason. Never NULL. */
MMIO_API const char *mmioPluginReasonString (ULONG ulReason);
/* A stable ASCII id for a reason ("missing-symbol"), for scripts. */
MMIO_API const char *mmioPluginReasonId (ULONG ulReason);

/* ---- Persistent registry (OS/2 mmioIniFileHandler) --------------------- */

#define MMIO_MATCHFIRST          0x00000010
#define MMIO_MATCHNEXT           0x00000020
#define MMIO_MATCHFOURCC         0x00000040
#define MMIO_MATCHDLL            0x00000080
#define MMIO_MATCHPROCEDURENAME  0x00000100
#define MMIO_FULLPATH            0x00000200
#define MMIO_NOVERIFY            0x00000400

#define MMIO_MAX_DLLNAME   260
#define MMIO_MAX_PROCNAME  32

/* OS/2 sizes szDefExt with sizeof (int): 4 bytes and no room for a NUL.
 * Here it holds four characters and a NUL. */
typedef struct _MMINIFILEINFO {
  FOURCC fccIOProc;
  char   szDLLName[MMIO_MAX_DLLNAME];    /* absolute path of the module */
  char   szProcName[MMIO_MAX_PROCNAME];  /* MMIOPLUGINPROC.pszProcName */
  ULONG  ulFlags;                        /* the IOProc's MMIO_CAN* bits */
  ULONG  ulExtendLen;                    /* 0: no extension follows */
  ULONG  ulMediaType;
  ULONG  ulIOProcType;
  char   szDefExt[5];
} MMINIFILEINFO, *PMMINIFILEINFO;

/* The key file lives at $XDG_CONFIG_HOME/riffscope/ioprocs.ini (read at
 * every call, so a changed XDG_CONFIG_HOME takes effect at once) and is
 * replaced atomically on every change.
 *
 * INSTALLPROC: verify (unless NOVERIFY) that szDLLName loads and provides
 *   fccIOProc (and szProcName when given), then add the entry, replacing
 *   one with the same FOURCC. Media type, IOProc type, flags and default
 *   extension are filled from the IOProc's MMIOM_GETFORMATINFO.
 * FINDPROC: the first entry matching the MATCH* qualifiers (MATCHFOURCC
 *   when none is given); with MATCHFIRST the first entry, with MATCHNEXT
 *   the one after the entry whose FOURCC p holds. p is filled in. Without
 *   FULLPATH szDLLName receives the file name only.
 * REMOVEPROC: removes the entries matching the qualifiers.
 * Returns MMIO_SUCCESS or MMIOERR_INI_OPEN, MMIOERR_INI_READ,
 * MMIOERR_INVALID_DLLNAME, MMIOERR_INVALID_PROCEDURENAME,
 * MMIOERR_MATCH_NOT_FOUND, MMIOERR_PLUGIN_LOAD_FAILED,
 * MMIOERR_INVALID_PARAMETER. After a failed verification,
 * mmioIniFileLastError() tells why. */
MMIO_API ULONG mmioIniFileHandler (PMMINIFILEINFO pmminifileinfo,
                                   ULONG ulFlags);
/* The load failure behind the last MMIOERR_PLUGIN_LOAD_FAILED or
 * INVALID_* of this thread (from mmioIniFileHandler or from loading an
 * installed IOProc on demand). */
MMIO_API void mmioIniFileLastError (MMIOPLUGINERROR *pError);
/* The key file's path (newly allocated, free with free()). */
MMIO_API char *mmioIniFilePath (void);

/* ---- Message trace ------------------------------------------------------ */

typedef struct _MMIOTRACE MMIOTRACE;

typedef struct _MMIOTRACEREC {
  ULONG       ulSeq;          /* 0, 1, 2 … since the trace was made */
  ULONG       ulDepth;        /* 0 for the traced handle, 1 for its children … */
  HMMIO       hmmio;
  FOURCC      fccIOProc;
  UINT        uMsg;
  char        szMsgName[32];  /* "MMIOM_READ", or "MMIOM_USER+0x12" style */
  char        szParams[192];  /* "buffer[512], 512"; names quoted */
  LPARAM      lParam1;
  LPARAM      lParam2;
  LRESULT     lResult;
  LONG        lDiskBefore;
  LONG        lDiskAfter;
  int64_t     usDuration;     /* microseconds */
} MMIOTRACEREC;

typedef void (*MMIOTRACECALLBACK) (const MMIOTRACEREC *rec, void *user);

/* A trace keeps the last ulCapacity records (a ring; older ones are
 * dropped and counted). */
MMIO_API MMIOTRACE *mmioTraceCreate (ULONG ulCapacity);
/* Detaches the trace from every handle still using it, then frees it.
 * No other thread may be doing I/O on a handle it traces at that moment. */
MMIO_API void       mmioTraceDestroy (MMIOTRACE *trace);
/* Switch tracing on for an open handle; the child handles its IOProc opens
 * from then on are traced too. NULL trace switches it off. */
MMIO_API MMRESULT   mmioTraceAttach (HMMIO hmmio, MMIOTRACE *trace);
/* mmioOpen with tracing on from its MMIOM_OPEN. */
MMIO_API HMMIO      mmioTraceOpen (MMIOTRACE *trace, LPSTR szFilename,
                                   LPMMIOINFO lpmmioinfo, DWORD dwOpenFlags);
/* Called for every record, on the thread doing the I/O, while the trace's
 * lock is not held (a GUI hands the record to its main loop itself). */
MMIO_API void       mmioTraceSetCallback (MMIOTRACE *trace,
                                          MMIOTRACECALLBACK cb, void *user);
MMIO_API ULONG      mmioTraceCount (MMIOTRACE *trace);
MMIO_API ULONG      mmioTraceDropped (MMIOTRACE *trace);
/* Record i of the ring, oldest first. */
MMIO_API BOOL       mmioTraceGet (MMIOTRACE *trace, ULONG i,
                                  MMIOTRACEREC *rec);
MMIO_API void       mmioTraceClear (MMIOTRACE *trace);
/* One line: "DOS  MMIOM_READ(buffer[16], 16) = 16  disk 0 -> 16  3us". */
MMIO_API void       mmioTraceFormat (const MMIOTRACEREC *rec, char *buf,
                                     size_t size);
/* "MMIOM_SEEK"; unknown numbers give NULL. */
MMIO_API const char *mmioMessageName (UINT uMsg);

/* ---- Conformance checker ------------------------------------------------ */

typedef struct _MMIOCHECKPARAMS {
  ULONG       ulStructLen;   /* sizeof (MMIOCHECKPARAMS) */
  FOURCC      fccIOProc;     /* installed IOProc, or one of the plugin's */
  const char *pszPlugin;     /* absolute path of a plugin file, or NULL */
  const char *pszSample;     /* a file (or name+element) it can open, or NULL */
  ULONG       ulTimeoutMs;   /* whole run; 0: 20000 */
} MMIOCHECKPARAMS;

typedef struct _MMIOCHECKFINDING {
  const char *pszRule;       /* stable id: "read-offset", "crash", … */
  const char *pszMessage;    /* translated sentence */
  const char *pszCall;       /* the message that broke it, as traced; or "" */
} MMIOCHECKFINDING;

typedef struct _MMIOCHECKREPORT {
  ULONG              ulStructLen;
  FOURCC             fccIOProc;
  ULONG              cFindings;
  MMIOCHECKFINDING  *pFindings;
  ULONG              cRulesChecked;  /* rule applications made */
  ULONG              cNotes;         /* rules that could not be applied, why */
  const char       **ppszNotes;
  int                iSignal;        /* the signal that ended the run, or 0 */
  BOOL               fTimedOut;
  ULONG              cLastCalls;     /* last traced messages before a crash/hang */
  const char       **ppszLastCalls;
} MMIOCHECKREPORT;

/* Runs the checks in a child process. Returns MMIO_SUCCESS with a report
 * (which may hold findings), or an error (plugin failed to load —
 * MMIOERR_PLUGIN_LOAD_FAILED, see mmioIniFileLastError; IOProc not found;
 * no process could be started) with *ppReport NULL. */
MMIO_API ULONG mmioCheckIOProc (const MMIOCHECKPARAMS *pParams,
                                MMIOCHECKREPORT **ppReport);
MMIO_API void  mmioCheckReportFree (MMIOCHECKREPORT *pReport);
/* The rules the checker knows: ids and translated descriptions, NULL-
 * terminated pairs. */
MMIO_API const char *const *mmioCheckRules (void);

#ifdef __cplusplus
}
#endif

#endif /* MMIO_MMIO_PLUGIN_H */
