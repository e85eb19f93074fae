/* cmdtable.c — the command tables the string parser reads: the core table,
 * the waveaudio and sequencer type tables (only the verbs they extend),
 * and the custom tables drivers register with mciLoadCommandTable. The
 * order of value-taking entries in a command is the order of the fields
 * of its parameter block: the parser lays slots out from it. */
#include "mci-private.h"

#include <string.h>

#define HEAD(k, v)   { k, v, MCI_COMMAND_HEAD }
#define RET(t)       { "", t, MCI_RETURN }
#define FLAG(k, v)   { k, v, MCI_FLAG }
#define INT(k, v)    { k, v, MCI_INTEGER }
#define STR(k, v)    { k, v, MCI_STRING }
#define CONST(k, v)  { k, v, MCI_CONSTANT }
#define ITEM(k, v)   { k, v, MCI_INTEGER }  /* inside a constant group */
#define ENDC         { "", 0, MCI_END_CONSTANT }
#define END          { "", 0, MCI_END_COMMAND }
#define ENDLIST      { "", 0, MCI_END_COMMAND_LIST }
#define NW           FLAG ("notify", MCI_NOTIFY), FLAG ("wait", MCI_WAIT)

#define TIME_FORMATS                                                        \
  ITEM ("milliseconds", MCI_FORMAT_MILLISECONDS),                           \
  ITEM ("ms", MCI_FORMAT_MILLISECONDS),                                     \
  ITEM ("hms", MCI_FORMAT_HMS),                                             \
  ITEM ("msf", MCI_FORMAT_MSF),                                             \
  ITEM ("frames", MCI_FORMAT_FRAMES),                                       \
  ITEM ("smpte 24", MCI_FORMAT_SMPTE_24),                                   \
  ITEM ("smpte 25", MCI_FORMAT_SMPTE_25),                                   \
  ITEM ("smpte 30 drop", MCI_FORMAT_SMPTE_30DROP),                          \
  ITEM ("smpte 30", MCI_FORMAT_SMPTE_30),                                   \
  ITEM ("bytes", MCI_FORMAT_BYTES),                                         \
  ITEM ("samples", MCI_FORMAT_SAMPLES),                                     \
  ITEM ("tmsf", MCI_FORMAT_TMSF)

#define STATUS_ITEMS                                                        \
  ITEM ("length", MCI_STATUS_LENGTH),                                       \
  ITEM ("position", MCI_STATUS_POSITION),                                   \
  ITEM ("number of tracks", MCI_STATUS_NUMBER_OF_TRACKS),                   \
  ITEM ("mode", MCI_STATUS_MODE),                                           \
  ITEM ("media present", MCI_STATUS_MEDIA_PRESENT),                         \
  ITEM ("time format", MCI_STATUS_TIME_FORMAT),                             \
  ITEM ("ready", MCI_STATUS_READY),                                         \
  ITEM ("current track", MCI_STATUS_CURRENT_TRACK)

#define CAPS_ITEMS                                                          \
  ITEM ("can record", MCI_GETDEVCAPS_CAN_RECORD),                           \
  ITEM ("has audio", MCI_GETDEVCAPS_HAS_AUDIO),                             \
  ITEM ("has video", MCI_GETDEVCAPS_HAS_VIDEO),                             \
  ITEM ("device type", MCI_GETDEVCAPS_DEVICE_TYPE),                         \
  ITEM ("uses files", MCI_GETDEVCAPS_USES_FILES),                           \
  ITEM ("compound device", MCI_GETDEVCAPS_COMPOUND_DEVICE),                 \
  ITEM ("can eject", MCI_GETDEVCAPS_CAN_EJECT),                             \
  ITEM ("can play", MCI_GETDEVCAPS_CAN_PLAY),                               \
  ITEM ("can save", MCI_GETDEVCAPS_CAN_SAVE)

#define AUDIO_CHANNELS                                                      \
  CONST ("audio", MCI_SET_AUDIO),                                           \
  ITEM ("all", MCI_SET_AUDIO_ALL),                                          \
  ITEM ("left", MCI_SET_AUDIO_LEFT),                                        \
  ITEM ("right", MCI_SET_AUDIO_RIGHT),                                      \
  ENDC

#define SET_COMMON_FLAGS                                                    \
  FLAG ("door open", MCI_SET_DOOR_OPEN),                                    \
  FLAG ("door closed", MCI_SET_DOOR_CLOSED),                                \
  FLAG ("video", MCI_SET_VIDEO),                                            \
  FLAG ("on", MCI_SET_ON),                                                  \
  FLAG ("off", MCI_SET_OFF)

static const MCI_COMMAND_ENTRY core_table[] = {
  HEAD ("open", MCI_OPEN), RET (MCI_INTEGER), NW,
    STR ("type", MCI_OPEN_TYPE), STR ("element", MCI_OPEN_ELEMENT),
    STR ("alias", MCI_OPEN_ALIAS), FLAG ("shareable", MCI_OPEN_SHAREABLE),
  END,
  HEAD ("close", MCI_CLOSE), NW, END,
  HEAD ("play", MCI_PLAY), NW, INT ("from", MCI_FROM), INT ("to", MCI_TO), END,
  HEAD ("record", MCI_RECORD), NW, INT ("from", MCI_FROM), INT ("to", MCI_TO),
    FLAG ("insert", MCI_RECORD_INSERT), FLAG ("overwrite", MCI_RECORD_OVERWRITE),
  END,
  HEAD ("seek", MCI_SEEK), NW, FLAG ("to start", MCI_SEEK_TO_START),
    FLAG ("to end", MCI_SEEK_TO_END), INT ("to", MCI_TO),
  END,
  HEAD ("stop", MCI_STOP), NW, END,
  HEAD ("pause", MCI_PAUSE), NW, END,
  HEAD ("resume", MCI_RESUME), NW, END,
  HEAD ("status", MCI_STATUS), RET (MCI_INTEGER), NW,
    CONST ("", MCI_STATUS_ITEM), STATUS_ITEMS, ENDC,
    INT ("track", MCI_TRACK), FLAG ("start", MCI_STATUS_START),
  END,
  HEAD ("capability", MCI_GETDEVCAPS), RET (MCI_INTEGER), NW,
    CONST ("", MCI_GETDEVCAPS_ITEM), CAPS_ITEMS, ENDC,
  END,
  HEAD ("set", MCI_SET), NW,
    CONST ("time format", MCI_SET_TIME_FORMAT), TIME_FORMATS, ENDC,
    AUDIO_CHANNELS, SET_COMMON_FLAGS,
  END,
  HEAD ("info", MCI_INFO), RET (MCI_STRING), NW,
    FLAG ("product", MCI_INFO_PRODUCT), FLAG ("file", MCI_INFO_FILE),
    FLAG ("name", MCI_INFO_NAME), FLAG ("copyright", MCI_INFO_COPYRIGHT),
  END,
  HEAD ("sysinfo", MCI_SYSINFO), RET (MCI_STRING), NW,
    FLAG ("quantity", MCI_SYSINFO_QUANTITY), FLAG ("open", MCI_SYSINFO_OPEN),
    INT ("name", MCI_SYSINFO_NAME), FLAG ("installname", MCI_SYSINFO_INSTALLNAME),
  END,
  HEAD ("break", MCI_BREAK), NW, INT ("on", MCI_BREAK_KEY),
    FLAG ("off", MCI_BREAK_OFF),
  END,
  HEAD ("sound", MCI_SOUND), NW, END,
  HEAD ("save", MCI_SAVE), NW, STR ("", MCI_SAVE_FILE), END,
  HEAD ("load", MCI_LOAD), NW, STR ("", MCI_LOAD_FILE), END,
  ENDLIST,
};

static const MCI_COMMAND_ENTRY wave_table[] = {
  HEAD ("open", MCI_OPEN), RET (MCI_INTEGER), NW,
    STR ("type", MCI_OPEN_TYPE), STR ("element", MCI_OPEN_ELEMENT),
    STR ("alias", MCI_OPEN_ALIAS), FLAG ("shareable", MCI_OPEN_SHAREABLE),
    INT ("buffer", MCI_WAVE_OPEN_BUFFER),
  END,
  HEAD ("status", MCI_STATUS), RET (MCI_INTEGER), NW,
    CONST ("", MCI_STATUS_ITEM), STATUS_ITEMS,
      ITEM ("format tag", MCI_WAVE_STATUS_FORMATTAG),
      ITEM ("channels", MCI_WAVE_STATUS_CHANNELS),
      ITEM ("samplespersec", MCI_WAVE_STATUS_SAMPLESPERSEC),
      ITEM ("bytespersec", MCI_WAVE_STATUS_AVGBYTESPERSEC),
      ITEM ("alignment", MCI_WAVE_STATUS_BLOCKALIGN),
      ITEM ("bitspersample", MCI_WAVE_STATUS_BITSPERSAMPLE),
      ITEM ("level", MCI_WAVE_STATUS_LEVEL),
      ITEM ("input", MCI_WAVE_INPUT),
      ITEM ("output", MCI_WAVE_OUTPUT),
    ENDC,
    INT ("track", MCI_TRACK), FLAG ("start", MCI_STATUS_START),
  END,
  HEAD ("capability", MCI_GETDEVCAPS), RET (MCI_INTEGER), NW,
    CONST ("", MCI_GETDEVCAPS_ITEM), CAPS_ITEMS,
      ITEM ("inputs", MCI_WAVE_GETDEVCAPS_INPUTS),
      ITEM ("outputs", MCI_WAVE_GETDEVCAPS_OUTPUTS),
    ENDC,
  END,
  HEAD ("set", MCI_SET), NW,
    CONST ("time format", MCI_SET_TIME_FORMAT), TIME_FORMATS, ENDC,
    AUDIO_CHANNELS,
    INT ("input", MCI_WAVE_INPUT), INT ("output", MCI_WAVE_OUTPUT),
    CONST ("format tag", MCI_WAVE_SET_FORMATTAG),
      ITEM ("pcm", WAVE_FORMAT_PCM),
    ENDC,
    INT ("channels", MCI_WAVE_SET_CHANNELS),
    INT ("samplespersec", MCI_WAVE_SET_SAMPLESPERSEC),
    INT ("bytespersec", MCI_WAVE_SET_AVGBYTESPERSEC),
    INT ("alignment", MCI_WAVE_SET_BLOCKALIGN),
    INT ("bitspersample", MCI_WAVE_SET_BITSPERSAMPLE),
    SET_COMMON_FLAGS,
    FLAG ("any input", MCI_WAVE_SET_ANYINPUT),
    FLAG ("any output", MCI_WAVE_SET_ANYOUTPUT),
  END,
  HEAD ("info", MCI_INFO), RET (MCI_STRING), NW,
    FLAG ("product", MCI_INFO_PRODUCT), FLAG ("file", MCI_INFO_FILE),
    FLAG ("input", MCI_WAVE_INPUT), FLAG ("output", MCI_WAVE_OUTPUT),
  END,
  HEAD ("cue", MCI_CUE), NW, FLAG ("input", MCI_WAVE_INPUT),
    FLAG ("output", MCI_WAVE_OUTPUT),
  END,
  HEAD ("delete", MCI_DELETE), NW, INT ("from", MCI_FROM), INT ("to", MCI_TO),
  END,
  ENDLIST,
};

static const MCI_COMMAND_ENTRY seq_table[] = {
  HEAD ("status", MCI_STATUS), RET (MCI_INTEGER), NW,
    CONST ("", MCI_STATUS_ITEM), STATUS_ITEMS,
      ITEM ("tempo", MCI_SEQ_STATUS_TEMPO),
      ITEM ("port", MCI_SEQ_STATUS_PORT),
      ITEM ("slave", MCI_SEQ_STATUS_SLAVE),
      ITEM ("master", MCI_SEQ_STATUS_MASTER),
      ITEM ("offset", MCI_SEQ_STATUS_OFFSET),
      ITEM ("division type", MCI_SEQ_STATUS_DIVTYPE),
    ENDC,
    INT ("track", MCI_TRACK), FLAG ("start", MCI_STATUS_START),
  END,
  HEAD ("set", MCI_SET), NW,
    CONST ("time format", MCI_SET_TIME_FORMAT), TIME_FORMATS,
      ITEM ("song pointer", MCI_SEQ_FORMAT_SONGPTR),
    ENDC,
    AUDIO_CHANNELS,
    INT ("tempo", MCI_SEQ_SET_TEMPO),
    CONST ("port", MCI_SEQ_SET_PORT),
      ITEM ("none", MCI_SEQ_NONE), ITEM ("mapper", MCI_SEQ_MAPPER),
    ENDC,
    CONST ("slave", MCI_SEQ_SET_SLAVE),
      ITEM ("smpte", MCI_SEQ_SMPTE), ITEM ("midi", MCI_SEQ_MIDI),
      ITEM ("none", MCI_SEQ_NONE), ITEM ("file", MCI_SEQ_FILE),
    ENDC,
    CONST ("master", MCI_SEQ_SET_MASTER),
      ITEM ("smpte", MCI_SEQ_SMPTE), ITEM ("midi", MCI_SEQ_MIDI),
      ITEM ("none", MCI_SEQ_NONE),
    ENDC,
    INT ("offset", MCI_SEQ_SET_OFFSET),
    SET_COMMON_FLAGS,
  END,
  ENDLIST,
};

/* Custom tables: IDs from 3 upwards (0–2 are the built-in ones). */
static GMutex tab_lock;
static GPtrArray *custom;    /* index id-3 -> const MCI_COMMAND_ENTRY* or NULL */

static const MCI_COMMAND_ENTRY *
table_ptr (UINT table)
{
  const MCI_COMMAND_ENTRY *t = NULL;

  switch (table)
    {
    case MCI_TABLE_CORE: return core_table;
    case MCI_TABLE_WAVEAUDIO: return wave_table;
    case MCI_TABLE_SEQUENCER: return seq_table;
    default: break;
    }
  g_mutex_lock (&tab_lock);
  if (custom && table >= 3 && table - 3 < custom->len)
    t = g_ptr_array_index (custom, table - 3);
  g_mutex_unlock (&tab_lock);
  return t;
}

const MCI_COMMAND_ENTRY *
mciGetCommandTable (UINT uTable)
{
  return uTable == MCI_NO_COMMAND_TABLE ? NULL : table_ptr (uTable);
}

gboolean
mci_table_valid (UINT table)
{
  return table != MCI_NO_COMMAND_TABLE && table_ptr (table) != NULL;
}

UINT
mci_table_for_devtype (UINT devtype)
{
  if (devtype == MCI_DEVTYPE_WAVEFORM_AUDIO)
    return MCI_TABLE_WAVEAUDIO;
  if (devtype == MCI_DEVTYPE_SEQUENCER)
    return MCI_TABLE_SEQUENCER;
  return MCI_NO_COMMAND_TABLE;
}

const MCI_COMMAND_ENTRY *
mci_table_find_verb (UINT table, const char *verb, gsize len)
{
  const MCI_COMMAND_ENTRY *t = table_ptr (table);
  /* A bound on walking a driver's table protects against one missing its
   * MCI_END_COMMAND_LIST. */
  for (guint i = 0; t && i < 4096 && t[i].type != MCI_END_COMMAND_LIST; i++)
    if (t[i].type == MCI_COMMAND_HEAD && t[i].keyword
        && strlen (t[i].keyword) == len
        && g_ascii_strncasecmp (t[i].keyword, verb, len) == 0)
      return &t[i];
  return NULL;
}

UINT
mciLoadCommandTable (const MCI_COMMAND_ENTRY *table)
{
  UINT id;

  if (table == NULL)
    return MCI_NO_COMMAND_TABLE;
  g_mutex_lock (&tab_lock);
  if (custom == NULL)
    custom = g_ptr_array_new ();
  g_ptr_array_add (custom, (gpointer) table);
  id = custom->len - 1 + 3;
  g_mutex_unlock (&tab_lock);
  return id;
}

BOOL
mciFreeCommandResource (UINT uTable)
{
  gboolean ok = FALSE;

  g_mutex_lock (&tab_lock);
  if (custom && uTable >= 3 && uTable - 3 < custom->len
      && g_ptr_array_index (custom, uTable - 3) != NULL)
    {
      custom->pdata[uTable - 3] = NULL;
      ok = TRUE;
    }
  g_mutex_unlock (&tab_lock);
  return ok;
}
