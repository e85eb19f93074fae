/* strings.c — the words behind MCI's resource-string IDs: what the string
 * interface prints for a mode, a boolean, a time format, a device type.
 * They are command-string vocabulary (a script compares them), so they
 * are not translated. */
#include "mci-private.h"

static const char *const devtypes[] = {
  "vcr", "videodisc", "overlay", "cdaudio", "dat", "scanner", "animation",
  "digitalvideo", "other", "waveaudio", "sequencer",
};

static const char *const modes[] = {
  "not ready", "stopped", "playing", "recording", "seeking", "paused", "open",
};

static const char *const formats[] = {
  "milliseconds", "hms", "msf", "frames", "smpte 24", "smpte 25",
  "smpte 30", "smpte 30 drop", "bytes", "samples", "tmsf",
};

static const char *const seq_words[] = {
  "PPQN", "SMPTE 24 Frame", "SMPTE 25 Frame", "SMPTE 30 Drop Frame",
  "SMPTE 30 Frame", "song pointer", "file", "midi", "smpte", "none",
  "mapper",
};

const char *
mci_devtype_name (UINT devtype)
{
  if (devtype >= MCI_DEVTYPE_FIRST && devtype <= MCI_DEVTYPE_LAST)
    return devtypes[devtype - MCI_DEVTYPE_FIRST];
  return NULL;
}

const char *
mci_resource_string (UINT id)
{
  if (id >= MCI_DEVTYPE_FIRST && id <= MCI_DEVTYPE_LAST)
    return devtypes[id - MCI_DEVTYPE_FIRST];
  if (id >= MCI_MODE_NOT_READY && id <= MCI_MODE_OPEN)
    return modes[id - MCI_MODE_NOT_READY];
  if (id == MCI_FALSE)
    return "false";
  if (id == MCI_TRUE)
    return "true";
  if (id >= MCI_FORMAT_MILLISECONDS_S && id <= MCI_FORMAT_TMSF_S)
    return formats[id - MCI_FORMAT_MILLISECONDS_S];
  if (id == WAVE_FORMAT_PCM_S)
    return "pcm";
  if (id == WAVE_MAPPER_S)
    return "mapper";
  if (id >= MCI_SEQ_DIV_PPQN && id <= MCI_SEQ_MAPPER_S)
    return seq_words[id - MCI_SEQ_DIV_PPQN];
  return NULL;
}
