/* rs-mci-panel.h — an MCI device on the current file or element:
 * transport, position in the device's time format, a waveform with the
 * play position, each command's notification as it arrives, and a console
 * for MCI command strings. */
#pragma once

#include <adwaita.h>
#include "rs-types.h"

G_BEGIN_DECLS

#define RS_TYPE_MCI_PANEL (rs_mci_panel_get_type ())
G_DECLARE_FINAL_TYPE (RsMciPanel, rs_mci_panel, RS, MCI_PANEL, AdwBin)

GtkWidget  *rs_mci_panel_new          (void);
/* The file or "file+element" mci.open opens (the window sets it). */
void        rs_mci_panel_set_target   (RsMciPanel *self, const char *name);
/* "waveaudio", "sequencer", or NULL to infer it from the extension. */
void        rs_mci_panel_set_device_type (RsMciPanel *self, const char *type);
/* A time format name the string parser knows ("milliseconds", "samples",
 * "bytes"), applied when a device opens. */
void        rs_mci_panel_set_time_format (RsMciPanel *self, const char *format);
/* Opens a device on the target (closing the one open). */
gboolean    rs_mci_panel_open         (RsMciPanel *self, GError **error);
gboolean    rs_mci_panel_is_open      (RsMciPanel *self);
/* Sends "verb alias [args] notify" and logs it; the error text on failure. */
gboolean    rs_mci_panel_send         (RsMciPanel *self, const char *verb, const char *args,
                                       GError **error);
/* Plays bytes [from, to) of the audio (the device's byte positions) with
 * notify, then returns to the panel's time format. */
gboolean    rs_mci_panel_play_bytes   (RsMciPanel *self, guint32 from, guint32 to, GError **error);
/* The audio's length in bytes, as the open device counts them (0: none). */
guint32     rs_mci_panel_get_length_bytes (RsMciPanel *self);
/* Starts recording on a new waveaudio device, to be saved as element of
 * container when stopped (rs_mci_panel_stop_recording, or mci.stop). */
gboolean    rs_mci_panel_start_recording (RsMciPanel *self, const char *container,
                                          const char *element, GError **error);
gboolean    rs_mci_panel_is_recording (RsMciPanel *self);
/* Stops, saves "container+element" and closes the recording device. */
gboolean    rs_mci_panel_stop_recording (RsMciPanel *self, GError **error);
/* Runs a console line; its output (or error text) is appended to the
 * console and returned (newly allocated). */
char       *rs_mci_panel_run_console  (RsMciPanel *self, const char *line);
/* Completes the last word of a console line from the command tables:
 * the longest common prefix of the candidates; *candidates (may be NULL)
 * receives them, NULL-terminated. */
char       *rs_mci_panel_complete     (RsMciPanel *self, const char *line, char ***candidates);
/* The notification log: entries, and one entry's command and status
 * ("pending", "successful", "superseded", "aborted", "failure"). */
guint       rs_mci_panel_get_log_length  (RsMciPanel *self);
const char *rs_mci_panel_get_log_command (RsMciPanel *self, guint i);
const char *rs_mci_panel_get_log_status  (RsMciPanel *self, guint i);
/* The console's text, for tests. */
char       *rs_mci_panel_dup_console_text (RsMciPanel *self);
/* The waveform's min/max columns once computed (0 before). */
guint       rs_mci_panel_get_waveform_columns (RsMciPanel *self);

G_END_DECLS
