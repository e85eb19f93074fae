/* mci-test-util.h — what the mci tests share: a notification recorder
 * (a callback window on a private main context), WAVE/MIDI byte builders,
 * and SDL's disk audio driver pointed into the test's temp dir. */
#ifndef MCI_TEST_UTIL_H
#define MCI_TEST_UTIL_H

#include "test-util.h"
#include <mci/mci.h>

typedef struct
{
  GMainContext *ctx;
  HWND          hwnd;
  GArray       *codes;     /* UINT wParam of each MM_MCINOTIFY */
  GArray       *ids;       /* MCIDEVICEID lParam */
  GThread      *thread;    /* the thread each one arrived on */
  gboolean      wrong_thread;
} NotifyRec;

void notify_rec_init (NotifyRec *r);
void notify_rec_clear (NotifyRec *r);
/* Dispatch whatever is already queued (deterministic: everything posted
 * before this call is delivered). */
void notify_rec_drain (NotifyRec *r);
/* Iterate until n notifications arrived (fails after a generous bound). */
void notify_rec_wait (NotifyRec *r, guint n);
guint notify_rec_count (NotifyRec *r, UINT code);

/* SDL disk driver: output to <tmp>/<name>, optional capture input file,
 * delay in ms per buffer (NULL = SDL's real-time default). */
void mt_sdl_disk (const char *out_name, const char *in_path, const char *delay);
char *mt_sdl_out_path (void);

/* A canonical RIFF WAVE with a 16-byte (or 18 with cbSize) fmt chunk. */
GByteArray *mt_wave (guint16 tag, guint16 ch, guint32 rate, guint16 bits,
                     const void *data, gsize len);
/* Deterministic sample data with no zero bytes at either end. */
GByteArray *mt_pattern (gsize len, guint seed);

/* mciSendString with a result buffer, asserting the error code. */
#define MT_CMD(cmd, expect)                                                 \
  G_STMT_START {                                                            \
    char _buf[256];                                                         \
    MCIERROR _e = mciSendString ((cmd), _buf, sizeof _buf, NULL);           \
    if (_e != (MCIERROR) (expect))                                          \
      g_error ("%s: got %u, expected %u", (cmd), (unsigned) _e,             \
               (unsigned) (expect));                                        \
  } G_STMT_END
char *mt_query (const char *cmd);   /* asserts success; g_free the answer */

#endif
