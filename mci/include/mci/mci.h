/* mci.h — libmci, Riffscope's Media Control Interface: the application API
 * (mciSendCommand, mciSendString, notifications) and the driver contract
 * (DriverProc, DRV_* messages, MCI_OPEN_DRIVER_PARMS, command tables).
 *
 * Names, values, parameter blocks and error codes are the Windows (winmm)
 * ones, so MCI code written against <mmsystem.h>/<mmddk.h> ports with few
 * changes. Differences an engineer porting code should know:
 *  - Strings are UTF-8; there are no A/W variants.
 *  - Parameter blocks use natural alignment; pointer-sized fields
 *    (dwCallback, string pointers, MCI_STATUS_PARMS.dwReturn) are 8 bytes
 *    on 64-bit systems, every other field is a 32-bit DWORD.
 *  - There is no window system here. The callback target of MCI_NOTIFY
 *    (dwCallback in every parameter block, hwndCallback of mciSendString)
 *    is an HWND the application creates with mciCreateCallbackWindow()
 *    around a function and a GLib main context. MM_MCINOTIFY is delivered
 *    by calling that function from that context (when it is iterated),
 *    never from an audio or worker thread and never from inside the
 *    mciSendCommand call that caused it. wParam is the MCI_NOTIFY_* code,
 *    lParam the device ID.
 *  - Drivers are not DLLs named in a registry: built-in drivers and
 *    loadable modules (a shared object exporting DriverProc) are
 *    registered by device-type name with mciInstallDriver() /
 *    mciInstallDriverModule(); file extensions map to type names through
 *    mciSetExtensionType() (defaults: wav -> waveaudio, mid and rmi ->
 *    sequencer).
 *  - Command tables are C arrays of MCI_COMMAND_ENTRY registered with
 *    mciLoadCommandTable() instead of resources.
 *  - Device aliases are visible by name only to the thread that opened the
 *    device (as on Windows); device IDs work from any thread.
 */
#ifndef MCI_MCI_H
#define MCI_MCI_H

#include <mmio/mmio.h>
#include <glib.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#  define MCI_API __attribute__((visibility("default")))
#else
#  define MCI_API
#endif

/* ---- Types --------------------------------------------------------------- */

typedef DWORD MCIERROR;
typedef UINT  MCIDEVICEID;
typedef struct MCI_CALLBACK_WINDOW__ *HWND;   /* a callback target, see above */
typedef struct HDRVR__ *HDRVR;
typedef UINT (*YIELDPROC) (MCIDEVICEID mciId, DWORD dwYieldData);
typedef LRESULT (*DRIVERPROC) (DWORD_PTR dwDriverId, HDRVR hdrvr, UINT uMsg,
                               LPARAM lParam1, LPARAM lParam2);
/* The function behind a callback window; uMsg is MM_MCINOTIFY. */
typedef void (*MCINOTIFYPROC) (HWND hwnd, UINT uMsg, WPARAM wParam,
                               LPARAM lParam, void *pUser);

#define LOWORD(l) ((WORD) ((DWORD_PTR) (l) & 0xFFFF))
#define HIWORD(l) ((WORD) (((DWORD_PTR) (l) >> 16) & 0xFFFF))
#define MAKELONG(lo, hi) ((DWORD) (((WORD) (lo)) | ((DWORD) ((WORD) (hi))) << 16))

/* ---- Messages ------------------------------------------------------------ */

#define MM_MCINOTIFY   0x3B9
#define MM_MCISIGNAL   0x3CB

#define DRV_LOAD            0x0001
#define DRV_ENABLE          0x0002
#define DRV_OPEN            0x0003
#define DRV_CLOSE           0x0004
#define DRV_DISABLE         0x0005
#define DRV_FREE            0x0006
#define DRV_CONFIGURE       0x0007
#define DRV_QUERYCONFIGURE  0x0008
#define DRV_INSTALL         0x0009
#define DRV_REMOVE          0x000A
#define DRV_EXITSESSION     0x000B
#define DRV_EXITAPPLICATION 0x000C
#define DRV_POWER           0x000F
#define DRV_RESERVED        0x0800
#define DRV_MCI_FIRST       DRV_RESERVED
#define DRV_USER            0x4000
#define DRV_SUCCESS         1
#define DRVCNF_CANCEL       0
#define DRVCNF_OK           1
#define DRVCNF_RESTART      2

#define MCI_FIRST          DRV_MCI_FIRST
#define MCI_OPEN_DRIVER    0x0801   /* driver only */
#define MCI_CLOSE_DRIVER   0x0802   /* driver only */
#define MCI_OPEN           0x0803
#define MCI_CLOSE          0x0804
#define MCI_ESCAPE         0x0805
#define MCI_PLAY           0x0806
#define MCI_SEEK           0x0807
#define MCI_STOP           0x0808
#define MCI_PAUSE          0x0809
#define MCI_INFO           0x080A
#define MCI_GETDEVCAPS     0x080B
#define MCI_SPIN           0x080C
#define MCI_SET            0x080D
#define MCI_STEP           0x080E
#define MCI_RECORD         0x080F
#define MCI_SYSINFO        0x0810
#define MCI_BREAK          0x0811
#define MCI_SOUND          0x0812
#define MCI_SAVE           0x0813
#define MCI_STATUS         0x0814
#define MCI_CUE            0x0830
#define MCI_REALIZE        0x0840
#define MCI_WINDOW         0x0841
#define MCI_PUT            0x0842
#define MCI_WHERE          0x0843
#define MCI_FREEZE         0x0844
#define MCI_UNFREEZE       0x0845
#define MCI_LOAD           0x0850
#define MCI_CUT            0x0851
#define MCI_COPY           0x0852
#define MCI_PASTE          0x0853
#define MCI_UPDATE         0x0854
#define MCI_RESUME         0x0855
#define MCI_DELETE         0x0856
#define MCI_USER_MESSAGES  (DRV_MCI_FIRST + 0x400)
#define MCI_LAST           0x0FFF

#define MCI_ALL_DEVICE_ID  ((MCIDEVICEID) 0xFFFFFFFF)

/* ---- Flags --------------------------------------------------------------- */

#define MCI_NOTIFY  0x00000001
#define MCI_WAIT    0x00000002
#define MCI_FROM    0x00000004
#define MCI_TO      0x00000008
#define MCI_TRACK   0x00000010
#define MCI_TEST    0x00000020

#define MCI_OPEN_SHAREABLE  0x00000100
#define MCI_OPEN_ELEMENT    0x00000200
#define MCI_OPEN_ALIAS      0x00000400
#define MCI_OPEN_ELEMENT_ID 0x00000800
#define MCI_OPEN_TYPE_ID    0x00001000
#define MCI_OPEN_TYPE       0x00002000

#define MCI_SEEK_TO_START   0x00000100
#define MCI_SEEK_TO_END     0x00000200

#define MCI_STATUS_ITEM     0x00000100
#define MCI_STATUS_START    0x00000200

#define MCI_INFO_PRODUCT         0x00000100
#define MCI_INFO_FILE            0x00000200
#define MCI_INFO_MEDIA_UPC       0x00000400
#define MCI_INFO_MEDIA_IDENTITY  0x00000800
#define MCI_INFO_NAME            0x00001000
#define MCI_INFO_COPYRIGHT       0x00002000

#define MCI_GETDEVCAPS_ITEM      0x00000100

#define MCI_SYSINFO_QUANTITY     0x00000100
#define MCI_SYSINFO_OPEN         0x00000200
#define MCI_SYSINFO_NAME         0x00000400
#define MCI_SYSINFO_INSTALLNAME  0x00000800

#define MCI_SET_DOOR_OPEN    0x00000100
#define MCI_SET_DOOR_CLOSED  0x00000200
#define MCI_SET_TIME_FORMAT  0x00000400
#define MCI_SET_AUDIO        0x00000800
#define MCI_SET_VIDEO        0x00001000
#define MCI_SET_ON           0x00002000
#define MCI_SET_OFF          0x00004000
#define MCI_SET_AUDIO_ALL    0
#define MCI_SET_AUDIO_LEFT   1
#define MCI_SET_AUDIO_RIGHT  2

#define MCI_BREAK_KEY        0x00000100
#define MCI_BREAK_HWND       0x00000200
#define MCI_BREAK_OFF        0x00000400

#define MCI_RECORD_INSERT    0x00000100
#define MCI_RECORD_OVERWRITE 0x00000200
#define MCI_SOUND_NAME       0x00000100
#define MCI_SAVE_FILE        0x00000100
#define MCI_LOAD_FILE        0x00000100

/* ---- Items ---------------------------------------------------------------- */

#define MCI_STATUS_LENGTH            1
#define MCI_STATUS_POSITION          2
#define MCI_STATUS_NUMBER_OF_TRACKS  3
#define MCI_STATUS_MODE              4
#define MCI_STATUS_MEDIA_PRESENT     5
#define MCI_STATUS_TIME_FORMAT       6
#define MCI_STATUS_READY             7
#define MCI_STATUS_CURRENT_TRACK     8

#define MCI_GETDEVCAPS_CAN_RECORD      1
#define MCI_GETDEVCAPS_HAS_AUDIO       2
#define MCI_GETDEVCAPS_HAS_VIDEO       3
#define MCI_GETDEVCAPS_DEVICE_TYPE     4
#define MCI_GETDEVCAPS_USES_FILES      5
#define MCI_GETDEVCAPS_COMPOUND_DEVICE 6
#define MCI_GETDEVCAPS_CAN_EJECT       7
#define MCI_GETDEVCAPS_CAN_PLAY        8
#define MCI_GETDEVCAPS_CAN_SAVE        9

/* ---- Returned constants (also string-resource IDs) ------------------------ */

#define MCI_STRING_OFFSET        512
#define MCI_DEVTYPE_VCR           513
#define MCI_DEVTYPE_VIDEODISC     514
#define MCI_DEVTYPE_OVERLAY       515
#define MCI_DEVTYPE_CD_AUDIO      516
#define MCI_DEVTYPE_DAT           517
#define MCI_DEVTYPE_SCANNER       518
#define MCI_DEVTYPE_ANIMATION     519
#define MCI_DEVTYPE_DIGITAL_VIDEO 520
#define MCI_DEVTYPE_OTHER         521
#define MCI_DEVTYPE_WAVEFORM_AUDIO 522
#define MCI_DEVTYPE_SEQUENCER     523
#define MCI_DEVTYPE_FIRST         MCI_DEVTYPE_VCR
#define MCI_DEVTYPE_LAST          MCI_DEVTYPE_SEQUENCER

#define MCI_MODE_NOT_READY  524
#define MCI_MODE_STOP       525
#define MCI_MODE_PLAY       526
#define MCI_MODE_RECORD     527
#define MCI_MODE_SEEK       528
#define MCI_MODE_PAUSE      529
#define MCI_MODE_OPEN       530

#define MCI_FALSE           531
#define MCI_TRUE            532

#define MCI_FORMAT_RETURN_BASE      533
#define MCI_FORMAT_MILLISECONDS_S   533
#define MCI_FORMAT_HMS_S            534
#define MCI_FORMAT_MSF_S            535
#define MCI_FORMAT_FRAMES_S         536
#define MCI_FORMAT_SMPTE_24_S       537
#define MCI_FORMAT_SMPTE_25_S       538
#define MCI_FORMAT_SMPTE_30_S       539
#define MCI_FORMAT_SMPTE_30DROP_S   540
#define MCI_FORMAT_BYTES_S          541
#define MCI_FORMAT_SAMPLES_S        542
#define MCI_FORMAT_TMSF_S           543

#define MCI_FORMAT_MILLISECONDS 0
#define MCI_FORMAT_HMS          1
#define MCI_FORMAT_MSF          2
#define MCI_FORMAT_FRAMES       3
#define MCI_FORMAT_SMPTE_24     4
#define MCI_FORMAT_SMPTE_25     5
#define MCI_FORMAT_SMPTE_30     6
#define MCI_FORMAT_SMPTE_30DROP 7
#define MCI_FORMAT_BYTES        8
#define MCI_FORMAT_SAMPLES      9
#define MCI_FORMAT_TMSF         10

#define MCI_MSF_MINUTE(msf)  ((BYTE) (msf))
#define MCI_MSF_SECOND(msf)  ((BYTE) (((WORD) (msf)) >> 8))
#define MCI_MSF_FRAME(msf)   ((BYTE) ((msf) >> 16))
#define MCI_MAKE_MSF(m, s, f) ((DWORD) (((BYTE) (m) | ((WORD) (s) << 8)) | (((DWORD) (BYTE) (f)) << 16)))
#define MCI_HMS_HOUR(hms)    ((BYTE) (hms))
#define MCI_HMS_MINUTE(hms)  ((BYTE) (((WORD) (hms)) >> 8))
#define MCI_HMS_SECOND(hms)  ((BYTE) ((hms) >> 16))
#define MCI_MAKE_HMS(h, m, s) ((DWORD) (((BYTE) (h) | ((WORD) (m) << 8)) | (((DWORD) (BYTE) (s)) << 16)))

#define MCI_NOTIFY_SUCCESSFUL 0x0001
#define MCI_NOTIFY_SUPERSEDED 0x0002
#define MCI_NOTIFY_ABORTED    0x0004
#define MCI_NOTIFY_FAILURE    0x0008

/* ---- Waveaudio ------------------------------------------------------------ */

#define MCI_WAVE_OFFSET         1152
#define MCI_WAVE_PCM            (MCI_WAVE_OFFSET + 0)
#define MCI_WAVE_MAPPER         (MCI_WAVE_OFFSET + 1)
#define WAVE_FORMAT_PCM_S       MCI_WAVE_PCM
#define WAVE_MAPPER_S           MCI_WAVE_MAPPER
#define WAVE_MAPPER             ((UINT) -1)
#define WAVE_FORMAT_PCM         1
#define WAVE_FORMAT_IEEE_FLOAT  3

#define MCI_WAVE_OPEN_BUFFER           0x00010000
#define MCI_WAVE_SET_FORMATTAG         0x00010000
#define MCI_WAVE_SET_CHANNELS          0x00020000
#define MCI_WAVE_SET_SAMPLESPERSEC     0x00040000
#define MCI_WAVE_SET_AVGBYTESPERSEC    0x00080000
#define MCI_WAVE_SET_BLOCKALIGN        0x00100000
#define MCI_WAVE_SET_BITSPERSAMPLE     0x00200000
#define MCI_WAVE_INPUT                 0x00400000
#define MCI_WAVE_OUTPUT                0x00800000
#define MCI_WAVE_SET_ANYINPUT          0x04000000
#define MCI_WAVE_SET_ANYOUTPUT         0x08000000

#define MCI_WAVE_STATUS_FORMATTAG      0x00004001
#define MCI_WAVE_STATUS_CHANNELS       0x00004002
#define MCI_WAVE_STATUS_SAMPLESPERSEC  0x00004003
#define MCI_WAVE_STATUS_AVGBYTESPERSEC 0x00004004
#define MCI_WAVE_STATUS_BLOCKALIGN     0x00004005
#define MCI_WAVE_STATUS_BITSPERSAMPLE  0x00004006
#define MCI_WAVE_STATUS_LEVEL          0x00004007
/* Riffscope status items (binary interface only), for diagnostics and
 * benchmarks: g_get_monotonic_time() microseconds of the last play's
 * MCI_PLAY call, of the first buffer the audio device asked for, and of
 * the request after the last data (the end of playback); 0 if none yet.
 * Answered by the waveaudio and sequencer drivers. */
#define MCI_STATUS_PLAY_START_TIME     0x00004080
#define MCI_STATUS_FIRST_BUFFER_TIME   0x00004081
#define MCI_STATUS_PLAY_END_TIME       0x00004082
#define MCI_WAVE_GETDEVCAPS_INPUTS     0x00004001
#define MCI_WAVE_GETDEVCAPS_OUTPUTS    0x00004002

/* ---- Sequencer ------------------------------------------------------------ */

#define MCI_SEQ_OFFSET            1216
#define MCI_SEQ_DIV_PPQN          (MCI_SEQ_OFFSET + 0)
#define MCI_SEQ_DIV_SMPTE_24      (MCI_SEQ_OFFSET + 1)
#define MCI_SEQ_DIV_SMPTE_25      (MCI_SEQ_OFFSET + 2)
#define MCI_SEQ_DIV_SMPTE_30DROP  (MCI_SEQ_OFFSET + 3)
#define MCI_SEQ_DIV_SMPTE_30      (MCI_SEQ_OFFSET + 4)
#define MCI_SEQ_FORMAT_SONGPTR    0x4001
#define MCI_SEQ_FILE              0x4002
#define MCI_SEQ_MIDI              0x4003
#define MCI_SEQ_SMPTE             0x4004
#define MCI_SEQ_NONE              65533
#define MCI_SEQ_MAPPER            65535
#define MCI_SEQ_FORMAT_SONGPTR_S  (MCI_SEQ_OFFSET + 5)
#define MCI_SEQ_FILE_S            (MCI_SEQ_OFFSET + 6)
#define MCI_SEQ_MIDI_S            (MCI_SEQ_OFFSET + 7)
#define MCI_SEQ_SMPTE_S           (MCI_SEQ_OFFSET + 8)
#define MCI_SEQ_NONE_S            (MCI_SEQ_OFFSET + 9)
#define MCI_SEQ_MAPPER_S          (MCI_SEQ_OFFSET + 10)
#define MCI_SEQ_STATUS_TEMPO      0x00004002
#define MCI_SEQ_STATUS_PORT       0x00004003
#define MCI_SEQ_STATUS_SLAVE      0x00004007
#define MCI_SEQ_STATUS_MASTER     0x00004008
#define MCI_SEQ_STATUS_OFFSET     0x00004009
#define MCI_SEQ_STATUS_DIVTYPE    0x0000400A
#define MCI_SEQ_STATUS_NAME       0x0000400B
#define MCI_SEQ_STATUS_COPYRIGHT  0x0000400C
#define MCI_SEQ_SET_TEMPO         0x00010000
#define MCI_SEQ_SET_PORT          0x00020000
#define MCI_SEQ_SET_SLAVE         0x00040000
#define MCI_SEQ_SET_MASTER        0x00080000
#define MCI_SEQ_SET_OFFSET        0x01000000

/* ---- Error codes ---------------------------------------------------------- */

#define MCIERR_BASE                  256
#define MCIERR_INVALID_DEVICE_ID     (MCIERR_BASE + 1)
#define MCIERR_UNRECOGNIZED_KEYWORD  (MCIERR_BASE + 3)
#define MCIERR_UNRECOGNIZED_COMMAND  (MCIERR_BASE + 5)
#define MCIERR_HARDWARE              (MCIERR_BASE + 6)
#define MCIERR_INVALID_DEVICE_NAME   (MCIERR_BASE + 7)
#define MCIERR_OUT_OF_MEMORY         (MCIERR_BASE + 8)
#define MCIERR_DEVICE_OPEN           (MCIERR_BASE + 9)
#define MCIERR_CANNOT_LOAD_DRIVER    (MCIERR_BASE + 10)
#define MCIERR_MISSING_COMMAND_STRING (MCIERR_BASE + 11)
#define MCIERR_PARAM_OVERFLOW        (MCIERR_BASE + 12)
#define MCIERR_MISSING_STRING_ARGUMENT (MCIERR_BASE + 13)
#define MCIERR_BAD_INTEGER           (MCIERR_BASE + 14)
#define MCIERR_PARSER_INTERNAL       (MCIERR_BASE + 15)
#define MCIERR_DRIVER_INTERNAL       (MCIERR_BASE + 16)
#define MCIERR_MISSING_PARAMETER     (MCIERR_BASE + 17)
#define MCIERR_UNSUPPORTED_FUNCTION  (MCIERR_BASE + 18)
#define MCIERR_FILE_NOT_FOUND        (MCIERR_BASE + 19)
#define MCIERR_DEVICE_NOT_READY      (MCIERR_BASE + 20)
#define MCIERR_INTERNAL              (MCIERR_BASE + 21)
#define MCIERR_DRIVER                (MCIERR_BASE + 22)
#define MCIERR_CANNOT_USE_ALL        (MCIERR_BASE + 23)
#define MCIERR_MULTIPLE              (MCIERR_BASE + 24)
#define MCIERR_EXTENSION_NOT_FOUND   (MCIERR_BASE + 25)
#define MCIERR_OUTOFRANGE            (MCIERR_BASE + 26)
#define MCIERR_FLAGS_NOT_COMPATIBLE  (MCIERR_BASE + 28)
#define MCIERR_FILE_NOT_SAVED        (MCIERR_BASE + 30)
#define MCIERR_DEVICE_TYPE_REQUIRED  (MCIERR_BASE + 31)
#define MCIERR_DEVICE_LOCKED         (MCIERR_BASE + 32)
#define MCIERR_DUPLICATE_ALIAS       (MCIERR_BASE + 33)
#define MCIERR_BAD_CONSTANT          (MCIERR_BASE + 34)
#define MCIERR_MUST_USE_SHAREABLE    (MCIERR_BASE + 35)
#define MCIERR_MISSING_DEVICE_NAME   (MCIERR_BASE + 36)
#define MCIERR_BAD_TIME_FORMAT       (MCIERR_BASE + 37)
#define MCIERR_NO_CLOSING_QUOTE      (MCIERR_BASE + 38)
#define MCIERR_DUPLICATE_FLAGS       (MCIERR_BASE + 39)
#define MCIERR_INVALID_FILE          (MCIERR_BASE + 40)
#define MCIERR_NULL_PARAMETER_BLOCK  (MCIERR_BASE + 41)
#define MCIERR_UNNAMED_RESOURCE      (MCIERR_BASE + 42)
#define MCIERR_NEW_REQUIRES_ALIAS    (MCIERR_BASE + 43)
#define MCIERR_NOTIFY_ON_AUTO_OPEN   (MCIERR_BASE + 44)
#define MCIERR_NO_ELEMENT_ALLOWED    (MCIERR_BASE + 45)
#define MCIERR_NONAPPLICABLE_FUNCTION (MCIERR_BASE + 46)
#define MCIERR_ILLEGAL_FOR_AUTO_OPEN (MCIERR_BASE + 47)
#define MCIERR_FILENAME_REQUIRED     (MCIERR_BASE + 48)
#define MCIERR_EXTRA_CHARACTERS      (MCIERR_BASE + 49)
#define MCIERR_DEVICE_NOT_INSTALLED  (MCIERR_BASE + 50)
#define MCIERR_GET_CD                (MCIERR_BASE + 51)
#define MCIERR_SET_CD                (MCIERR_BASE + 52)
#define MCIERR_SET_DRIVE             (MCIERR_BASE + 53)
#define MCIERR_DEVICE_LENGTH         (MCIERR_BASE + 54)
#define MCIERR_DEVICE_ORD_LENGTH     (MCIERR_BASE + 55)
#define MCIERR_NO_INTEGER            (MCIERR_BASE + 56)
#define MCIERR_WAVE_OUTPUTSINUSE     (MCIERR_BASE + 64)
#define MCIERR_WAVE_SETOUTPUTINUSE   (MCIERR_BASE + 65)
#define MCIERR_WAVE_INPUTSINUSE      (MCIERR_BASE + 66)
#define MCIERR_WAVE_SETINPUTINUSE    (MCIERR_BASE + 67)
#define MCIERR_WAVE_OUTPUTUNSPECIFIED (MCIERR_BASE + 68)
#define MCIERR_WAVE_INPUTUNSPECIFIED (MCIERR_BASE + 69)
#define MCIERR_WAVE_OUTPUTSUNSUITABLE (MCIERR_BASE + 70)
#define MCIERR_WAVE_SETOUTPUTUNSUITABLE (MCIERR_BASE + 71)
#define MCIERR_WAVE_INPUTSUNSUITABLE (MCIERR_BASE + 72)
#define MCIERR_WAVE_SETINPUTUNSUITABLE (MCIERR_BASE + 73)
#define MCIERR_SEQ_DIV_INCOMPATIBLE  (MCIERR_BASE + 80)
#define MCIERR_SEQ_PORT_INUSE        (MCIERR_BASE + 81)
#define MCIERR_SEQ_PORT_NONEXISTENT  (MCIERR_BASE + 82)
#define MCIERR_SEQ_PORT_MAPNODEVICE  (MCIERR_BASE + 83)
#define MCIERR_SEQ_PORT_MISCERROR    (MCIERR_BASE + 84)
#define MCIERR_SEQ_TIMER             (MCIERR_BASE + 85)
#define MCIERR_SEQ_PORTUNSPECIFIED   (MCIERR_BASE + 86)
#define MCIERR_SEQ_NOMIDIPRESENT     (MCIERR_BASE + 87)
#define MCIERR_NO_WINDOW             (MCIERR_BASE + 90)
#define MCIERR_CREATEWINDOW          (MCIERR_BASE + 91)
#define MCIERR_FILE_READ             (MCIERR_BASE + 92)
#define MCIERR_FILE_WRITE            (MCIERR_BASE + 93)
#define MCIERR_NO_IDENTITY           (MCIERR_BASE + 94)
#define MCIERR_CUSTOM_DRIVER_BASE    (MCIERR_BASE + 256)

#define MAXERRORLENGTH 128

/* ---- Parameter blocks ------------------------------------------------------ */

typedef struct tagMCI_GENERIC_PARMS {
  DWORD_PTR dwCallback;
} MCI_GENERIC_PARMS, *LPMCI_GENERIC_PARMS;

typedef struct tagMCI_OPEN_PARMS {
  DWORD_PTR   dwCallback;
  MCIDEVICEID wDeviceID;
  LPCSTR      lpstrDeviceType;   /* or a type ID with MCI_OPEN_TYPE_ID */
  LPCSTR      lpstrElementName;  /* or an element ID with MCI_OPEN_ELEMENT_ID */
  LPCSTR      lpstrAlias;
} MCI_OPEN_PARMS, *LPMCI_OPEN_PARMS;

typedef struct tagMCI_WAVE_OPEN_PARMS {
  DWORD_PTR   dwCallback;
  MCIDEVICEID wDeviceID;
  LPCSTR      lpstrDeviceType;
  LPCSTR      lpstrElementName;
  LPCSTR      lpstrAlias;
  DWORD       dwBufferSeconds;
} MCI_WAVE_OPEN_PARMS, *LPMCI_WAVE_OPEN_PARMS;

typedef struct tagMCI_PLAY_PARMS {
  DWORD_PTR dwCallback;
  DWORD     dwFrom;
  DWORD     dwTo;
} MCI_PLAY_PARMS, *LPMCI_PLAY_PARMS;

typedef struct tagMCI_RECORD_PARMS {
  DWORD_PTR dwCallback;
  DWORD     dwFrom;
  DWORD     dwTo;
} MCI_RECORD_PARMS, *LPMCI_RECORD_PARMS;

typedef struct tagMCI_WAVE_DELETE_PARMS {
  DWORD_PTR dwCallback;
  DWORD     dwFrom;
  DWORD     dwTo;
} MCI_WAVE_DELETE_PARMS, *LPMCI_WAVE_DELETE_PARMS;

typedef struct tagMCI_SEEK_PARMS {
  DWORD_PTR dwCallback;
  DWORD     dwTo;
} MCI_SEEK_PARMS, *LPMCI_SEEK_PARMS;

typedef struct tagMCI_STATUS_PARMS {
  DWORD_PTR dwCallback;
  DWORD_PTR dwReturn;            /* pointer-sized, unlike the others */
  DWORD     dwItem;
  DWORD     dwTrack;
} MCI_STATUS_PARMS, *LPMCI_STATUS_PARMS;

typedef struct tagMCI_INFO_PARMS {
  DWORD_PTR dwCallback;
  LPSTR     lpstrReturn;
  DWORD     dwRetSize;           /* characters, including the NUL */
} MCI_INFO_PARMS, *LPMCI_INFO_PARMS;

typedef struct tagMCI_GETDEVCAPS_PARMS {
  DWORD_PTR dwCallback;
  DWORD     dwReturn;
  DWORD     dwItem;
} MCI_GETDEVCAPS_PARMS, *LPMCI_GETDEVCAPS_PARMS;

typedef struct tagMCI_SYSINFO_PARMS {
  DWORD_PTR dwCallback;
  LPSTR     lpstrReturn;
  DWORD     dwRetSize;
  DWORD     dwNumber;            /* 1-based */
  UINT      wDeviceType;
} MCI_SYSINFO_PARMS, *LPMCI_SYSINFO_PARMS;

typedef struct tagMCI_SET_PARMS {
  DWORD_PTR dwCallback;
  DWORD     dwTimeFormat;
  DWORD     dwAudio;
} MCI_SET_PARMS, *LPMCI_SET_PARMS;

/* WORD fields are followed by a pad so every field is one 32-bit slot, as
 * the string parser fills them. */
typedef struct tagMCI_WAVE_SET_PARMS {
  DWORD_PTR dwCallback;
  DWORD     dwTimeFormat;
  DWORD     dwAudio;
  UINT      wInput;
  UINT      wOutput;
  WORD      wFormatTag;
  WORD      wReserved2;
  WORD      nChannels;
  WORD      wReserved3;
  DWORD     nSamplesPerSec;
  DWORD     nAvgBytesPerSec;
  WORD      nBlockAlign;
  WORD      wReserved4;
  WORD      wBitsPerSample;
  WORD      wReserved5;
} MCI_WAVE_SET_PARMS, *LPMCI_WAVE_SET_PARMS;

typedef struct tagMCI_SEQ_SET_PARMS {
  DWORD_PTR dwCallback;
  DWORD     dwTimeFormat;
  DWORD     dwAudio;
  DWORD     dwTempo;
  DWORD     dwPort;
  DWORD     dwSlave;
  DWORD     dwMaster;
  DWORD     dwOffset;
} MCI_SEQ_SET_PARMS, *LPMCI_SEQ_SET_PARMS;

typedef struct tagMCI_BREAK_PARMS {
  DWORD_PTR dwCallback;
  int       nVirtKey;
  HWND      hwndBreak;
} MCI_BREAK_PARMS, *LPMCI_BREAK_PARMS;

typedef struct tagMCI_SOUND_PARMS {
  DWORD_PTR dwCallback;
  LPCSTR    lpstrSoundName;
} MCI_SOUND_PARMS, *LPMCI_SOUND_PARMS;

typedef struct tagMCI_SAVE_PARMS {
  DWORD_PTR dwCallback;
  LPCSTR    lpfilename;
} MCI_SAVE_PARMS, *LPMCI_SAVE_PARMS;

typedef struct tagMCI_LOAD_PARMS {
  DWORD_PTR dwCallback;
  LPCSTR    lpfilename;
} MCI_LOAD_PARMS, *LPMCI_LOAD_PARMS;

/* Sent with DRV_OPEN as lParam2. */
typedef struct tagMCI_OPEN_DRIVER_PARMS {
  MCIDEVICEID wDeviceID;          /* in */
  LPCSTR      lpstrParams;        /* in: the parameter string it was installed with */
  UINT        wCustomCommandTable; /* out: mciLoadCommandTable() or MCI_NO_COMMAND_TABLE */
  UINT        wType;              /* out: MCI_DEVTYPE_* */
} MCI_OPEN_DRIVER_PARMS, *LPMCI_OPEN_DRIVER_PARMS;

/* ---- Driver return encoding (mmddk.h) -------------------------------------- */

#define MCI_RESOURCE_RETURNED  0x00010000
#define MCI_COLONIZED3_RETURN  0x00020000
#define MCI_COLONIZED4_RETURN  0x00040000
#define MCI_INTEGER_RETURNED   0x00080000
#define MCI_RESOURCE_DRIVER    0x00100000
#define MAKEMCIRESOURCE(wRet, wRes) MAKELONG ((wRet), (wRes))

/* ---- Command tables (mmddk.h entry types) ---------------------------------- */

#define MCI_COMMAND_HEAD     0
#define MCI_STRING           1
#define MCI_INTEGER          2
#define MCI_END_COMMAND      3
#define MCI_RETURN           4
#define MCI_FLAG             5
#define MCI_END_COMMAND_LIST 6
#define MCI_RECT             7
#define MCI_CONSTANT         8
#define MCI_END_CONSTANT     9
#define MCI_HWND             10
#define MCI_HPAL             11
#define MCI_HDC              12
#define MCI_INTEGER64        13
#define MCI_NO_COMMAND_TABLE 0xFFFF

/* One entry of a command table: a keyword ("" allowed for an unnamed
 * constant group), its value (command message, flag, or constant) and its
 * MCI_* type. A table is a list of commands, each from an MCI_COMMAND_HEAD
 * to its MCI_END_COMMAND, ended by MCI_END_COMMAND_LIST. */
typedef struct tagMCI_COMMAND_ENTRY {
  const char *keyword;
  DWORD       value;
  WORD        type;
} MCI_COMMAND_ENTRY;

/* ---- Application API -------------------------------------------------------- */

MCI_API MCIERROR    mciSendCommand (MCIDEVICEID wDeviceID, UINT uMsg,
                                    DWORD_PTR dwParam1, DWORD_PTR dwParam2);
MCI_API MCIERROR    mciSendString (LPCSTR lpstrCommand, LPSTR lpstrReturn,
                                   UINT uReturnLength, HWND hwndCallback);
MCI_API BOOL        mciGetErrorString (MCIERROR mcierr, LPSTR pszText,
                                       UINT cchText);
MCI_API MCIDEVICEID mciGetDeviceID (LPCSTR pszDevice);
MCI_API MCIDEVICEID mciGetDeviceIDFromElementID (DWORD dwElementID,
                                                 LPCSTR lpstrType);
MCI_API BOOL        mciExecute (LPCSTR pszCommand);
MCI_API BOOL        mciSetYieldProc (MCIDEVICEID mciId, YIELDPROC fpYieldProc,
                                     DWORD dwYieldData);
MCI_API YIELDPROC   mciGetYieldProc (MCIDEVICEID mciId, DWORD *pdwYieldData);

/* Callback windows: create one around proc and a main context (NULL = the
 * global default context). Notifications for it are dispatched on that
 * context. Destroying it drops notifications not yet delivered; destroy
 * is called on pUser when the last reference goes. */
MCI_API HWND mciCreateCallbackWindow (GMainContext *context,
                                      MCINOTIFYPROC proc, void *pUser,
                                      GDestroyNotify destroy);
MCI_API void mciDestroyCallbackWindow (HWND hwnd);

/* ---- Driver and extension registry (the MCI32 / MCI Extensions keys) -------- */

/* Install a driver under a device-type name ("waveaudio"); params is the
 * string given to DRV_OPEN as lParam1. FALSE if the name is taken. */
MCI_API BOOL     mciInstallDriver (LPCSTR lpstrName, DRIVERPROC proc,
                                   LPCSTR lpstrParams);
/* Load a shared module exporting "DriverProc" and install it under name.
 * Returns 0, MCIERR_CANNOT_LOAD_DRIVER, or MCIERR_DUPLICATE_ALIAS when
 * the name is taken. DRV_LOAD is sent when the first device opens. */
MCI_API MCIERROR mciInstallDriverModule (LPCSTR lpstrName, LPCSTR lpstrPath,
                                         LPCSTR lpstrParams);
/* Remove an installed driver; FALSE if unknown or a device uses it. */
MCI_API BOOL     mciRemoveDriver (LPCSTR lpstrName);
/* Map a file extension (no dot, any case) to a type name; NULL removes. */
MCI_API BOOL     mciSetExtensionType (LPCSTR lpstrExt, LPCSTR lpstrType);
/* The type an extension maps to, copied into buf; FALSE if none. */
MCI_API BOOL     mciGetExtensionType (LPCSTR lpstrExt, LPSTR buf, UINT cch);

/* ---- Driver-side API -------------------------------------------------------- */

MCI_API BOOL      mciDriverNotify (HWND hwndCallback, MCIDEVICEID wDeviceID,
                                   UINT uStatus);
MCI_API DWORD_PTR mciGetDriverData (MCIDEVICEID wDeviceID);
MCI_API BOOL      mciSetDriverData (MCIDEVICEID wDeviceID, DWORD_PTR dwData);
MCI_API UINT      mciDriverYield (MCIDEVICEID wDeviceID);
MCI_API UINT      mciLoadCommandTable (const MCI_COMMAND_ENTRY *table);
MCI_API BOOL      mciFreeCommandResource (UINT uTable);
/* The entries of a command table, for completion in a command console:
 * 0 the core table, 1 waveaudio, 2 sequencer, 3 and up the tables
 * mciLoadCommandTable returned. NULL for an unknown or freed ID. */
MCI_API const MCI_COMMAND_ENTRY *mciGetCommandTable (UINT uTable);

#ifdef __cplusplus
}
#endif

#endif /* MCI_MCI_H */
