/* errors.c — mciGetErrorString: a sentence for each MCIERR_ code, in our
 * own words, translated. The codes stay the API; this is for people. */
#include "mci-private.h"

#include <string.h>

static const char *
error_text (MCIERROR e)
{
  switch (e)
    {
    case 0: return _("The command completed.");
    case MCIERR_INVALID_DEVICE_ID: return _("No open device has this device ID.");
    case MCIERR_UNRECOGNIZED_KEYWORD: return _("The command contains a word this device does not know.");
    case MCIERR_UNRECOGNIZED_COMMAND: return _("This device does not know the command.");
    case MCIERR_HARDWARE: return _("The audio hardware reported a problem.");
    case MCIERR_INVALID_DEVICE_NAME: return _("No open device or installed device type has this name.");
    case MCIERR_OUT_OF_MEMORY: return _("There is not enough memory for this command.");
    case MCIERR_DEVICE_OPEN: return _("A device with this name is already open; give the new one an alias.");
    case MCIERR_CANNOT_LOAD_DRIVER: return _("The driver for this device could not be loaded.");
    case MCIERR_MISSING_COMMAND_STRING: return _("The command string is empty.");
    case MCIERR_PARAM_OVERFLOW: return _("The answer does not fit in the buffer given.");
    case MCIERR_MISSING_STRING_ARGUMENT: return _("A word that needs a text value has none.");
    case MCIERR_BAD_INTEGER: return _("A number in the command is not valid.");
    case MCIERR_PARSER_INTERNAL: return _("The command parser failed internally.");
    case MCIERR_DRIVER_INTERNAL: return _("The device driver failed internally.");
    case MCIERR_MISSING_PARAMETER: return _("The command needs a parameter that is missing.");
    case MCIERR_UNSUPPORTED_FUNCTION: return _("This device cannot do that.");
    case MCIERR_FILE_NOT_FOUND: return _("The file or element could not be found or opened.");
    case MCIERR_DEVICE_NOT_READY: return _("The device is not ready.");
    case MCIERR_INTERNAL: return _("The device could not start the command.");
    case MCIERR_DRIVER: return _("The driver reported an unspecified problem.");
    case MCIERR_CANNOT_USE_ALL: return _("\"all\" cannot be used as the device name for this command.");
    case MCIERR_MULTIPLE: return _("Several devices failed, with different errors.");
    case MCIERR_EXTENSION_NOT_FOUND: return _("No device type is associated with this file extension.");
    case MCIERR_OUTOFRANGE: return _("A value is outside the range this device accepts.");
    case MCIERR_FLAGS_NOT_COMPATIBLE: return _("Two parts of the command cannot be used together.");
    case MCIERR_FILE_NOT_SAVED: return _("The file could not be saved.");
    case MCIERR_DEVICE_TYPE_REQUIRED: return _("A device type name is required here.");
    case MCIERR_DEVICE_LOCKED: return _("The device is locked; wait and try again.");
    case MCIERR_DUPLICATE_ALIAS: return _("This alias is already used by an open device.");
    case MCIERR_BAD_CONSTANT: return _("A value in the command is not one of the allowed words.");
    case MCIERR_MUST_USE_SHAREABLE: return _("The device is in use; open it as shareable.");
    case MCIERR_MISSING_DEVICE_NAME: return _("The command names no device.");
    case MCIERR_BAD_TIME_FORMAT: return _("This device does not support that time format.");
    case MCIERR_NO_CLOSING_QUOTE: return _("A quoted value has no closing quote.");
    case MCIERR_DUPLICATE_FLAGS: return _("A word appears twice in the command.");
    case MCIERR_INVALID_FILE: return _("The file is damaged or not in a format this device plays.");
    case MCIERR_NULL_PARAMETER_BLOCK: return _("The command was sent without its parameter block.");
    case MCIERR_UNNAMED_RESOURCE: return _("A file without a name cannot be saved.");
    case MCIERR_NEW_REQUIRES_ALIAS: return _("Opening \"new\" needs an alias.");
    case MCIERR_NOTIFY_ON_AUTO_OPEN: return _("A device opened automatically cannot send notifications.");
    case MCIERR_NO_ELEMENT_ALLOWED: return _("This device does not take a file name.");
    case MCIERR_NONAPPLICABLE_FUNCTION: return _("The command does not apply in the device's current state.");
    case MCIERR_ILLEGAL_FOR_AUTO_OPEN: return _("This command cannot be used on a device opened automatically.");
    case MCIERR_FILENAME_REQUIRED: return _("A file name is required.");
    case MCIERR_EXTRA_CHARACTERS: return _("Characters follow a quoted value without a space.");
    case MCIERR_DEVICE_NOT_INSTALLED: return _("No driver is installed for this device type.");
    case MCIERR_GET_CD: return _("The file or folder could not be reached.");
    case MCIERR_SET_CD: return _("The folder could not be reached.");
    case MCIERR_SET_DRIVE: return _("The drive could not be reached.");
    case MCIERR_DEVICE_LENGTH: return _("The device or driver name is too long.");
    case MCIERR_DEVICE_ORD_LENGTH: return _("The device or driver name is too long.");
    case MCIERR_NO_INTEGER: return _("The command needs a number.");
    case MCIERR_WAVE_OUTPUTSINUSE: return _("Every audio output is busy.");
    case MCIERR_WAVE_SETOUTPUTINUSE: return _("The chosen audio output is busy.");
    case MCIERR_WAVE_INPUTSINUSE: return _("Every audio input is busy.");
    case MCIERR_WAVE_SETINPUTINUSE: return _("The chosen audio input is busy.");
    case MCIERR_WAVE_OUTPUTUNSPECIFIED: return _("No audio output is chosen.");
    case MCIERR_WAVE_INPUTUNSPECIFIED: return _("No audio input is chosen.");
    case MCIERR_WAVE_OUTPUTSUNSUITABLE: return _("No audio output can play this format, or there is no audio output.");
    case MCIERR_WAVE_SETOUTPUTUNSUITABLE: return _("The chosen audio output cannot play this format.");
    case MCIERR_WAVE_INPUTSUNSUITABLE: return _("No audio input can record this format, or there is no audio input.");
    case MCIERR_WAVE_SETINPUTUNSUITABLE: return _("The chosen audio input cannot record this format.");
    case MCIERR_SEQ_DIV_INCOMPATIBLE: return _("The song's time division does not allow this time format.");
    case MCIERR_SEQ_PORT_INUSE: return _("The MIDI output is in use.");
    case MCIERR_SEQ_PORT_NONEXISTENT: return _("The MIDI output does not exist.");
    case MCIERR_SEQ_PORT_MAPNODEVICE: return _("The MIDI mapping names a device that is missing.");
    case MCIERR_SEQ_PORT_MISCERROR: return _("The MIDI output reported a problem.");
    case MCIERR_SEQ_TIMER: return _("No timer is available for MIDI playback.");
    case MCIERR_SEQ_PORTUNSPECIFIED: return _("No MIDI output is chosen.");
    case MCIERR_SEQ_NOMIDIPRESENT: return _("No MIDI synthesizer is available (is a General MIDI SoundFont installed?).");
    case MCIERR_NO_WINDOW: return _("There is no display window.");
    case MCIERR_CREATEWINDOW: return _("The display window could not be created.");
    case MCIERR_FILE_READ: return _("The file could not be read.");
    case MCIERR_FILE_WRITE: return _("The file could not be written.");
    case MCIERR_NO_IDENTITY: return _("The medium has no identity.");
    default: return NULL;
    }
}

BOOL
mciGetErrorString (MCIERROR mcierr, LPSTR pszText, UINT cchText)
{
  const char *text;
  gsize len;

  if (pszText == NULL || cchText == 0)
    return FALSE;
  mci_i18n_init ();
  text = error_text (mcierr);
  if (text == NULL)
    return FALSE;
  len = strlen (text);
  if (len >= cchText)
    {
      /* Cut at a character boundary so the result stays valid UTF-8. */
      len = cchText - 1;
      while (len > 0 && ((guchar) text[len] & 0xC0) == 0x80)
        len--;
    }
  memcpy (pszText, text, len);
  pszText[len] = 0;
  return TRUE;
}
