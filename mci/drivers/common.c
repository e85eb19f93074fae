/* common.c — small helpers the built-in drivers share: copying a string
 * answer into an MCI_INFO buffer, MulDiv-style rounding for time
 * conversions, and the MCI_WAIT loop that calls the yield procedure. */
#include "../mci-private.h"

#include <string.h>

/* Copy truncated to cch characters including the NUL (MCI_INFO rules),
 * never splitting a UTF-8 character. */
DWORD
mci_copy_string (LPSTR dst, DWORD cch, const char *src)
{
  gsize len;

  if (dst == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  if (cch == 0)
    return MCIERR_PARAM_OVERFLOW;
  len = strlen (src);
  if (len > cch - 1)
    {
      len = cch - 1;
      while (len > 0 && ((guchar) src[len] & 0xC0) == 0x80)
        len--;
    }
  memcpy (dst, src, len);
  dst[len] = 0;
  return 0;
}

/* value * mul / div, rounded half away from zero (values are unsigned). */
DWORD
mci_time_round (guint64 value, guint64 mul, guint64 div)
{
  guint64 r;

  if (div == 0)
    return 0;
  r = (value * mul + div / 2) / div;
  return r > G_MAXUINT32 ? G_MAXUINT32 : (DWORD) r;
}

/* MCI_WAIT: wait (lock held) until *finished reaches gen. About every
 * 50 ms the device's yield procedure runs, with the lock released so it
 * may send commands; a non-zero answer ends the wait early and the
 * operation goes on by itself. */
void
mci_wait_finished (GMutex *lock, GCond *cond, const guint *finished,
                   guint gen, MCIDEVICEID id)
{
  while (*finished < gen)
    {
      gint64 until = g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND;
      if (g_cond_wait_until (cond, lock, until) || *finished >= gen)
        continue;
      if (mciGetYieldProc (id, NULL) != NULL)
        {
          UINT brk;
          g_mutex_unlock (lock);
          brk = mciDriverYield (id);
          g_mutex_lock (lock);
          if (brk)
            return;
        }
    }
}
