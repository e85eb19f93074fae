/* waveaudio.c — the waveaudio MCI driver: plays and records waveform
 * audio elements opened through MMIO (so "sounds.bnd+ding.wav" and
 * archive elements work), with SDL2 for output and capture.
 *
 * Elements are opened with MMIO_TRANSLATEDATA|MMIO_TRANSLATEHEADER so any
 * WAVE the file-format IOProc can translate arrives as PCM with an
 * MMAUDIOHEADER; when no IOProc translates, a plain PCM/float RIFF WAVE is
 * read directly. SDL's audio thread is fed from the MMIO handle (under the
 * instance lock); a player thread per play owns the SDL device, so stop,
 * close and the end of playback never block the audio thread, and the
 * notification is posted from the player thread, never the audio thread.
 * The position is what SDL has consumed before its latest request, i.e.
 * what has actually been played, not what has been queued.
 *
 * Recording captures into memory (the "new element"); save writes it as a
 * WAVE through MMIO to a temporary file in the destination's folder and
 * renames it over the destination. Editing (record into an opened file,
 * delete) first loads the element's PCM into memory. */
#include "../mci-private.h"

#include <mmio/mmio-ioproc.h>
#include <SDL.h>
#include <string.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <unistd.h>

typedef struct
{
  MCIDEVICEID  id;
  GMutex       lock;
  GCond        cond;
  gboolean     opened;
  gboolean     is_new;
  char        *file;          /* element name as given; NULL without one */
  gboolean     has_data;      /* an element is loaded or was recorded */
  /* format */
  WORD         tag, channels, block_align, bits;
  DWORD        rate, avg;
  gboolean     frozen;
  /* data */
  HMMIO        hmmio;
  gboolean     translated;
  LONG         data_offset;
  DWORD        data_len;
  GByteArray  *mem;           /* edited or recorded PCM; replaces hmmio */
  /* state */
  UINT         mode;
  gboolean     cued;
  DWORD        pos;           /* bytes into the data: played or recorded */
  DWORD        time_format;
  UINT         input, output;
  gboolean     mute[3];       /* all, left, right */
  DWORD        level;
  MciNotifySlot slot;
  /* the running play or record */
  GThread     *worker;
  guint        gen, finished_gen;
  SDL_AudioDeviceID sdl;
  gboolean     capture;
  gboolean     sdl_inited;
  gboolean     paused, stop_req, drained, done, failed;
  DWORD        io_pos;        /* bytes handed to / taken from SDL */
  DWORD        end;           /* play: end of range; record: limit */
  gboolean     insert;
  gint64       t_start_us, t_first_cb_us, t_end_us;  /* monotonic µs */
} Wave;


/* ---- format and time ---- */

static SDL_AudioFormat
sdl_format (const Wave *w)
{
  if (w->tag == WAVE_FORMAT_PCM)
    switch (w->bits)
      {
      case 8: return AUDIO_U8;
      case 16: return AUDIO_S16LSB;
      case 32: return AUDIO_S32LSB;
      default: return 0;
      }
  if (w->tag == WAVE_FORMAT_IEEE_FLOAT && w->bits == 32)
    return AUDIO_F32LSB;
  return 0;
}

static void
fix_format (Wave *w)
{
  w->block_align = (WORD) (w->channels * w->bits / 8);
  w->avg = w->rate * w->block_align;
}

static DWORD
data_length (const Wave *w)
{
  return w->mem ? w->mem->len : w->data_len;
}

static DWORD
bytes_to_tf (const Wave *w, DWORD bytes)
{
  switch (w->time_format)
    {
    case MCI_FORMAT_BYTES: return bytes;
    case MCI_FORMAT_SAMPLES:
      return w->block_align ? bytes / w->block_align : 0;
    default:
      return mci_time_round (bytes, 1000, w->avg);
    }
}

static DWORD
tf_to_bytes (const Wave *w, DWORD v)
{
  guint64 b;

  switch (w->time_format)
    {
    case MCI_FORMAT_BYTES: return v;
    case MCI_FORMAT_SAMPLES:
      b = (guint64) v * w->block_align;
      return b > G_MAXUINT32 ? G_MAXUINT32 : (DWORD) b;
    default:
      /* The end expressed in ms maps to the exact end, so "to <length>"
       * plays every byte. */
      if (v == bytes_to_tf (w, data_length (w)))
        return data_length (w);
      return mci_time_round (v, w->avg, 1000);
    }
}

static DWORD
align_down (const Wave *w, DWORD b)
{
  return w->block_align ? b - b % w->block_align : b;
}

/* ---- reading the element ---- */

static LONG
read_pcm (Wave *w, DWORD at, char *buf, LONG n)
{
  if (w->mem)
    {
      if (at >= w->mem->len)
        return 0;
      n = MIN ((DWORD) n, w->mem->len - at);
      memcpy (buf, w->mem->data + at, n);
      return n;
    }
  if (w->hmmio == NULL)
    return -1;
  n = MIN ((DWORD) n, w->data_len > at ? w->data_len - at : 0);
  if (n == 0)
    return 0;
  if (mmioSeek (w->hmmio, w->data_offset + at, SEEK_SET) < 0)
    return -1;
  return mmioRead (w->hmmio, buf, n);
}

static DWORD
load_into_memory (Wave *w)
{
  GByteArray *a;
  DWORD len, done = 0;

  if (w->mem)
    return 0;
  len = w->data_len;
  a = g_byte_array_sized_new (len);
  g_byte_array_set_size (a, len);
  while (done < len)
    {
      LONG r = read_pcm (w, done, (char *) a->data + done, MIN (len - done, 65536u));
      if (r <= 0)
        break;
      done += r;
    }
  g_byte_array_set_size (a, done);
  w->mem = a;
  w->data_len = done;
  if (w->hmmio)
    {
      mmioClose (w->hmmio, 0);
      w->hmmio = NULL;
    }
  return 0;
}

static DWORD
parse_riff_wave (Wave *w, HMMIO h)
{
  MMCKINFO riff = { 0 }, ck = { 0 };
  BYTE fmt[40] = { 0 };
  LONG want, end;

  riff.fccType = mmioFOURCC ('W', 'A', 'V', 'E');
  if (mmioDescend (h, &riff, NULL, MMIO_FINDRIFF) != 0)
    return MCIERR_INVALID_FILE;
  ck.ckid = mmioFOURCC ('f', 'm', 't', ' ');
  if (mmioDescend (h, &ck, &riff, MMIO_FINDCHUNK) != 0 || ck.cksize < 16)
    return MCIERR_INVALID_FILE;
  want = MIN (ck.cksize, sizeof fmt);
  if (mmioRead (h, (char *) fmt, want) != want)
    return MCIERR_INVALID_FILE;
  w->tag = GUINT16_FROM_LE (*(guint16 *) (fmt + 0));
  w->channels = GUINT16_FROM_LE (*(guint16 *) (fmt + 2));
  w->rate = GUINT32_FROM_LE (*(guint32 *) (fmt + 4));
  w->bits = GUINT16_FROM_LE (*(guint16 *) (fmt + 14));
  if (w->tag == 0xFFFE && ck.cksize >= 40)
    /* WAVE_FORMAT_EXTENSIBLE: the sub-format GUID starts with the tag. */
    w->tag = GUINT16_FROM_LE (*(guint16 *) (fmt + 24));
  else if (w->tag != WAVE_FORMAT_PCM)
    {
      guint16 cb = ck.cksize >= 18 ? GUINT16_FROM_LE (*(guint16 *) (fmt + 16)) : 0;
      if (ck.cksize < 18 || ck.cksize < 18u + cb)
        return MCIERR_INVALID_FILE;
    }
  mmioAscend (h, &ck, 0);
  ck.ckid = mmioFOURCC ('d', 'a', 't', 'a');
  if (mmioDescend (h, &ck, &riff, MMIO_FINDCHUNK) != 0)
    return MCIERR_INVALID_FILE;
  w->data_offset = ck.dwDataOffset;
  w->data_len = ck.cksize;
  /* A data chunk claiming more than the file holds plays what is there. */
  end = mmioSeek (h, 0, SEEK_END);
  if (end >= 0 && end < w->data_offset + (LONG) w->data_len)
    w->data_len = end > w->data_offset ? (DWORD) (end - w->data_offset) : 0;
  return 0;
}

static DWORD
check_format (Wave *w)
{
  if (w->channels == 0 || w->rate == 0 || w->bits == 0)
    return MCIERR_INVALID_FILE;
  if (w->channels > 8 || w->rate > 768000 || sdl_format (w) == 0)
    return MCIERR_WAVE_OUTPUTSUNSUITABLE;
  fix_format (w);
  w->data_len = align_down (w, w->data_len);
  return 0;
}

static DWORD
open_element (Wave *w, const char *name)
{
  MMIOINFO info = { 0 };
  MMAUDIOHEADER hdr = { 0 };
  LONG got = 0;
  HMMIO h;
  DWORD err;

  info.ulTranslate = MMIO_TRANSLATEDATA | MMIO_TRANSLATEHEADER;
  h = mmioOpen ((LPSTR) name, &info, MMIO_READ | MMIO_DENYWRITE | MMIO_IDENTIFY);
  if (h == NULL)
    {
      /* Identification may refuse what the plain storage system opens. */
      memset (&info, 0, sizeof info);
      h = mmioOpen ((LPSTR) name, &info, MMIO_READ | MMIO_DENYWRITE);
      if (h == NULL)
        return MCIERR_FILE_NOT_FOUND;
    }
  else if (mmioGetHeader (h, &hdr, sizeof hdr, &got, 0, 0) == 0
           && got >= (LONG) sizeof hdr
           && hdr.ulMediaType == MMIO_MEDIATYPE_AUDIO)
    {
      const WAVE_HEADER *wh = &hdr.mmXWAVHeader.WAVEHeader;
      w->tag = wh->usFormatTag;
      w->channels = wh->usChannels;
      w->rate = wh->ulSamplesPerSec;
      w->bits = wh->usBitsPerSample;
      w->data_offset = 0;
      w->data_len = hdr.mmXWAVHeader.XWAVHeaderInfo.ulAudioLengthInBytes;
      w->translated = TRUE;
      err = check_format (w);
      if (err)
        {
          mmioClose (h, 0);
          return err;
        }
      w->hmmio = h;
      return 0;
    }
  else
    {
      /* No IOProc translates this element: read it as RIFF directly. */
      mmioClose (h, 0);
      memset (&info, 0, sizeof info);
      h = mmioOpen ((LPSTR) name, &info, MMIO_READ | MMIO_DENYWRITE | MMIO_ALLOCBUF);
      if (h == NULL)
        return MCIERR_FILE_NOT_FOUND;
    }
  err = parse_riff_wave (w, h);
  if (err == 0)
    err = check_format (w);
  if (err)
    {
      mmioClose (h, 0);
      return err;
    }
  w->translated = FALSE;
  w->hmmio = h;
  return 0;
}

/* ---- SDL ---- */

static gboolean
sdl_init (Wave *w)
{
  if (!w->sdl_inited)
    {
      if (SDL_InitSubSystem (SDL_INIT_AUDIO) != 0)
        return FALSE;
      w->sdl_inited = TRUE;
    }
  return TRUE;
}

static void
measure_level (Wave *w, const Uint8 *data, int len)
{
  DWORD peak = 0;
  if (w->bits == 16)
    for (int i = 0; i + 1 < len; i += 2)
      {
        gint16 s = (gint16) (data[i] | (data[i + 1] << 8));
        DWORD a = s < 0 ? (DWORD) (-(gint32) s) : (DWORD) s;
        peak = MAX (peak, a);
      }
  else if (w->bits == 8)
    for (int i = 0; i < len; i++)
      {
        int s = (int) data[i] - 128;
        peak = MAX (peak, (DWORD) ABS (s) << 8);
      }
  w->level = MIN (peak, 32767u);
}

static void
apply_mute (Wave *w, Uint8 *data, int len)
{
  int bps = w->bits / 8, frame = w->block_align;
  Uint8 silence = w->bits == 8 ? 0x80 : 0;

  if (w->mute[MCI_SET_AUDIO_ALL])
    {
      memset (data, silence, len);
      return;
    }
  for (int ch = 1; ch <= 2; ch++)
    if (w->mute[ch] && w->channels >= ch && frame > 0)
      for (int off = (ch - 1) * bps; off + bps <= len; off += frame)
        memset (data + off, silence, bps);
}

static void
play_callback (void *data, Uint8 *stream, int len)
{
  Wave *w = data;
  Uint8 silence = w->bits == 8 ? 0x80 : 0;
  LONG want, got;

  g_mutex_lock (&w->lock);
  if (w->t_first_cb_us == 0)
    w->t_first_cb_us = g_get_monotonic_time ();
  /* Everything handed over before this request has now been played. */
  w->pos = w->io_pos;
  if (w->drained || w->done || w->stop_req || w->paused)
    {
      memset (stream, silence, len);
      if (w->drained && !w->done)
        {
          w->t_end_us = g_get_monotonic_time ();
          w->done = TRUE;
          g_cond_broadcast (&w->cond);
        }
      g_mutex_unlock (&w->lock);
      return;
    }
  want = MIN ((DWORD) len, w->end - w->io_pos);
  want = align_down (w, want);
  got = want > 0 ? read_pcm (w, w->io_pos, (char *) stream, want) : 0;
  /* The length is known, so less data than that is a damaged element or
   * a failing medium, not the end. */
  if (got < 0 || (got < want && w->io_pos + got < w->end))
    {
      w->failed = TRUE;
      w->done = TRUE;
      memset (stream, silence, len);
      g_cond_broadcast (&w->cond);
      g_mutex_unlock (&w->lock);
      return;
    }
  if (got < len)
    memset (stream + got, silence, len - got);
  measure_level (w, stream, got);
  apply_mute (w, stream, got);
  w->io_pos += got;
  if (w->io_pos >= w->end)
    w->drained = TRUE;
  g_mutex_unlock (&w->lock);
}

static void
capture_callback (void *data, Uint8 *stream, int len)
{
  Wave *w = data;
  DWORD n;

  g_mutex_lock (&w->lock);
  if (w->t_first_cb_us == 0)
    w->t_first_cb_us = g_get_monotonic_time ();
  if (w->done || w->stop_req || w->paused)
    {
      g_mutex_unlock (&w->lock);
      return;
    }
  n = align_down (w, MIN ((DWORD) len, w->end - w->io_pos));
  if (w->insert)
    g_array_insert_vals ((GArray *) w->mem, w->io_pos, stream, n);
  else
    {
      DWORD over = MIN (n, w->mem->len > w->io_pos ? w->mem->len - w->io_pos : 0);
      memcpy (w->mem->data + w->io_pos, stream, over);
      g_byte_array_append (w->mem, stream + over, n - over);
    }
  measure_level (w, stream, n);
  w->io_pos += n;
  w->pos = w->io_pos;
  if (w->io_pos >= w->end)
    {
      w->done = TRUE;
      g_cond_broadcast (&w->cond);
    }
  g_mutex_unlock (&w->lock);
}

static gpointer
worker_main (gpointer data)
{
  Wave *w = data;
  SDL_AudioDeviceID dev;
  guint gen;
  gboolean failed;

  g_mutex_lock (&w->lock);
  gen = w->gen;
  while (!w->done && !w->stop_req)
    g_cond_wait (&w->cond, &w->lock);
  failed = w->failed;
  if (w->done && !w->stop_req)
    {
      /* The end was reached (or the element failed): report it now; the
       * device is closed afterwards, before anyone can start another. */
      if (!w->capture)
        w->pos = w->io_pos;
      w->mode = MCI_MODE_STOP;
      w->paused = FALSE;
      mci_slot_post (&w->slot, w->id, failed ? MCI_NOTIFY_FAILURE
                                             : MCI_NOTIFY_SUCCESSFUL);
    }
  dev = w->sdl;
  w->sdl = 0;
  g_mutex_unlock (&w->lock);

  /* Joins SDL's audio thread: the lock is not held, so a callback waiting
   * for it can finish. */
  SDL_CloseAudioDevice (dev);

  g_mutex_lock (&w->lock);
  if (!w->capture)
    w->pos = w->io_pos;
  w->mode = MCI_MODE_STOP;
  w->paused = FALSE;
  /* A stop already took the pending notification (ABORTED). */
  mci_slot_post (&w->slot, w->id, failed ? MCI_NOTIFY_FAILURE
                                         : MCI_NOTIFY_SUCCESSFUL);
  w->finished_gen = gen;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
  return NULL;
}

/* Stop a running play/record; called and returns with the lock held. */
static void
stop_locked (Wave *w, UINT pending_code)
{
  GThread *t = w->worker;

  if (t == NULL)
    {
      w->cued = FALSE;
      return;
    }
  mci_slot_post (&w->slot, w->id, pending_code);
  w->worker = NULL;
  w->stop_req = TRUE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
  g_thread_join (t);
  g_mutex_lock (&w->lock);
  w->stop_req = FALSE;
  w->mode = MCI_MODE_STOP;
  w->cued = FALSE;
}

static DWORD
start_worker (Wave *w, gboolean capture, DWORD from, DWORD end,
              DWORD flags, DWORD_PTR callback)
{
  SDL_AudioSpec want = { 0 };
  SDL_AudioDeviceID dev;
  guint gen;

  if (!sdl_init (w))
    return capture ? MCIERR_WAVE_INPUTSUNSUITABLE : MCIERR_WAVE_OUTPUTSUNSUITABLE;
  want.freq = (int) w->rate;
  want.format = sdl_format (w);
  want.channels = (Uint8) w->channels;
  want.samples = 1024;
  want.callback = capture ? capture_callback : play_callback;
  want.userdata = w;
  if (want.format == 0)
    return capture ? MCIERR_WAVE_INPUTSUNSUITABLE : MCIERR_WAVE_OUTPUTSUNSUITABLE;

  w->capture = capture;
  w->io_pos = from;
  w->pos = from;
  w->end = end;
  w->drained = w->done = w->failed = w->paused = w->stop_req = FALSE;
  w->t_start_us = g_get_monotonic_time ();
  w->t_first_cb_us = 0;
  w->t_end_us = 0;
  /* The device starts paused; the callback takes the lock, so the state
   * above is complete before it can run. */
  {
    /* WAVE_MAPPER is SDL's default device; an index picks one by name. */
    UINT idx = capture ? w->input : w->output;
    const char *name = idx == WAVE_MAPPER ? NULL
                       : SDL_GetAudioDeviceName ((int) idx, capture ? 1 : 0);
    if (idx != WAVE_MAPPER && name == NULL)
      return capture ? MCIERR_WAVE_SETINPUTUNSUITABLE : MCIERR_WAVE_SETOUTPUTUNSUITABLE;
    dev = SDL_OpenAudioDevice (name, capture ? 1 : 0, &want, NULL, 0);
  }
  if (dev == 0)
    return capture ? MCIERR_WAVE_INPUTSUNSUITABLE : MCIERR_WAVE_OUTPUTSUNSUITABLE;
  w->sdl = dev;
  w->mode = capture ? MCI_MODE_RECORD : MCI_MODE_PLAY;
  w->cued = FALSE;
  gen = ++w->gen;
  if (flags & MCI_NOTIFY)
    mci_slot_arm (&w->slot, (HWND) callback);
  w->worker = g_thread_new (capture ? "mciwave-record" : "mciwave-play",
                            worker_main, w);
  SDL_PauseAudioDevice (dev, 0);
  if (flags & MCI_WAIT)
    mci_wait_finished (&w->lock, &w->cond, &w->finished_gen, gen, w->id);
  return 0;
}

/* ---- commands ---- */

static void
notify_now (Wave *w, DWORD flags, const void *parms)
{
  if ((flags & MCI_NOTIFY) && parms)
    {
      mci_slot_supersede (&w->slot, w->id);
      mciDriverNotify ((HWND) ((const MCI_GENERIC_PARMS *) parms)->dwCallback,
                       w->id, MCI_NOTIFY_SUCCESSFUL);
    }
}

static DWORD
wave_open (Wave *w, DWORD flags, MCI_WAVE_OPEN_PARMS *p)
{
  DWORD err;

  if (p == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  if (w->opened)
    return MCIERR_DEVICE_OPEN;
  if (flags & MCI_OPEN_SHAREABLE)
    return MCIERR_UNSUPPORTED_FUNCTION;
  if (flags & MCI_OPEN_ELEMENT_ID)
    return MCIERR_UNRECOGNIZED_COMMAND;
  if ((flags & MCI_OPEN_ELEMENT) && p->lpstrElementName && p->lpstrElementName[0])
    {
      err = open_element (w, p->lpstrElementName);
      if (err)
        return err;
      w->file = g_strdup (p->lpstrElementName);
      w->has_data = TRUE;
      w->frozen = TRUE;
    }
  else if (flags & MCI_OPEN_ELEMENT)
    w->is_new = TRUE;
  w->opened = TRUE;
  w->mode = MCI_MODE_STOP;
  w->pos = 0;
  notify_now (w, flags, p);
  return 0;
}

static DWORD
wave_play (Wave *w, DWORD flags, MCI_PLAY_PARMS *p)
{
  DWORD len, from, to;

  if (p == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  if (!w->has_data)
    return MCIERR_FILE_NOT_FOUND;
  len = data_length (w);
  from = (flags & MCI_FROM) ? tf_to_bytes (w, p->dwFrom) : w->pos;
  to = (flags & MCI_TO) ? tf_to_bytes (w, p->dwTo) : len;
  if (to > len || from > len)
    return MCIERR_OUTOFRANGE;
  from = align_down (w, from);
  if (!(flags & MCI_FROM) && to < w->pos)
    return MCIERR_OUTOFRANGE;
  if (from > to)
    return MCIERR_OUTOFRANGE;

  if (w->mode == MCI_MODE_PAUSE && !w->capture && w->worker
      && !(flags & (MCI_FROM | MCI_TO)))
    {
      /* play on a paused device resumes it */
      if (flags & MCI_NOTIFY)
        {
          mci_slot_supersede (&w->slot, w->id);
          mci_slot_arm (&w->slot, (HWND) p->dwCallback);
        }
      w->paused = FALSE;
      w->mode = MCI_MODE_PLAY;
      if (flags & MCI_WAIT)
        {
          mci_wait_finished (&w->lock, &w->cond, &w->finished_gen, w->gen, w->id);
        }
      return 0;
    }
  if (flags & MCI_NOTIFY)
    mci_slot_supersede (&w->slot, w->id);
  stop_locked (w, MCI_NOTIFY_ABORTED);
  if (from == to)
    {
      w->pos = from;
      w->mode = MCI_MODE_STOP;
      notify_now (w, flags, p);
      return 0;
    }
  return start_worker (w, FALSE, from, to, flags, p->dwCallback);
}

static void
join_finished_worker (Wave *w)
{
  /* A worker that ended by itself is joined by the next command that
   * needs the slot. */
  if (w->worker && w->finished_gen == w->gen)
    {
      GThread *t = w->worker;
      w->worker = NULL;
      g_mutex_unlock (&w->lock);
      g_thread_join (t);
      g_mutex_lock (&w->lock);
    }
}

static DWORD
wave_record (Wave *w, DWORD flags, MCI_RECORD_PARMS *p)
{
  DWORD len, from, to;

  if (p == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  if (!w->opened || (!w->has_data && !w->is_new))
    return MCIERR_FILE_NOT_FOUND;
  if (w->mode == MCI_MODE_PAUSE && w->capture && w->worker
      && !(flags & (MCI_FROM | MCI_TO)))
    {
      if (flags & MCI_NOTIFY)
        {
          mci_slot_supersede (&w->slot, w->id);
          mci_slot_arm (&w->slot, (HWND) p->dwCallback);
        }
      w->paused = FALSE;
      w->mode = MCI_MODE_RECORD;
      return 0;
    }
  if (flags & MCI_NOTIFY)
    mci_slot_supersede (&w->slot, w->id);
  stop_locked (w, MCI_NOTIFY_ABORTED);
  load_into_memory (w);
  len = data_length (w);
  from = (flags & MCI_FROM) ? tf_to_bytes (w, p->dwFrom) : w->pos;
  if (from > len)
    return MCIERR_OUTOFRANGE;
  from = align_down (w, from);
  to = (flags & MCI_TO) ? tf_to_bytes (w, p->dwTo) : G_MAXUINT32;
  if (to <= from)
    {
      if (flags & MCI_TO)
        return MCIERR_OUTOFRANGE;
    }
  to = align_down (w, to);
  fix_format (w);
  w->frozen = TRUE;
  w->has_data = TRUE;
  w->insert = !(flags & MCI_RECORD_OVERWRITE);
  return start_worker (w, TRUE, from, to, flags, p->dwCallback);
}

static DWORD
wave_stop (Wave *w, DWORD flags, void *p)
{
  join_finished_worker (w);
  stop_locked (w, MCI_NOTIFY_ABORTED);
  notify_now (w, flags, p);
  return 0;
}

static DWORD
wave_pause (Wave *w, DWORD flags, void *p)
{
  if (w->cued || (w->mode != MCI_MODE_PLAY && w->mode != MCI_MODE_RECORD
                  && w->mode != MCI_MODE_PAUSE))
    return MCIERR_NONAPPLICABLE_FUNCTION;
  w->paused = TRUE;
  w->mode = MCI_MODE_PAUSE;
  notify_now (w, flags, p);
  return 0;
}

static DWORD
wave_resume (Wave *w, DWORD flags, void *p)
{
  if (w->mode == MCI_MODE_PAUSE && w->worker)
    {
      w->paused = FALSE;
      w->mode = w->capture ? MCI_MODE_RECORD : MCI_MODE_PLAY;
    }
  else if (w->mode != MCI_MODE_PLAY && w->mode != MCI_MODE_RECORD)
    return MCIERR_NONAPPLICABLE_FUNCTION;
  notify_now (w, flags, p);
  return 0;
}

static DWORD
wave_seek (Wave *w, DWORD flags, MCI_SEEK_PARMS *p)
{
  DWORD len, target;
  int n = !!(flags & MCI_TO) + !!(flags & MCI_SEEK_TO_START)
          + !!(flags & MCI_SEEK_TO_END);

  if (p == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  if (n == 0)
    return MCIERR_MISSING_PARAMETER;
  if (n > 1)
    return MCIERR_FLAGS_NOT_COMPATIBLE;
  len = data_length (w);
  if (flags & MCI_SEEK_TO_START)
    target = 0;
  else if (flags & MCI_SEEK_TO_END)
    target = len;
  else
    {
      target = tf_to_bytes (w, p->dwTo);
      if (target > len)
        return MCIERR_OUTOFRANGE;
      if (target != len)
        target = align_down (w, target);
    }
  join_finished_worker (w);
  stop_locked (w, MCI_NOTIFY_ABORTED);
  w->pos = target;
  w->mode = MCI_MODE_STOP;
  notify_now (w, flags, p);
  return 0;
}

static DWORD
wave_cue (Wave *w, DWORD flags, void *p)
{
  join_finished_worker (w);
  if (w->mode != MCI_MODE_STOP || w->worker)
    return MCIERR_NONAPPLICABLE_FUNCTION;
  w->cued = TRUE;
  notify_now (w, flags, p);
  return 0;
}

static DWORD
wave_delete (Wave *w, DWORD flags, MCI_WAVE_DELETE_PARMS *p)
{
  DWORD len, from, to;

  if (p == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  if (!w->has_data)
    return MCIERR_FILE_NOT_FOUND;
  len = data_length (w);
  from = (flags & MCI_FROM) ? tf_to_bytes (w, p->dwFrom) : w->pos;
  to = (flags & MCI_TO) ? tf_to_bytes (w, p->dwTo) : len;
  if (from > len || to > len || from > to)
    return MCIERR_OUTOFRANGE;
  from = align_down (w, from);
  to = to == len ? to : align_down (w, to);
  join_finished_worker (w);
  stop_locked (w, MCI_NOTIFY_ABORTED);
  load_into_memory (w);
  if (to > w->mem->len)
    to = w->mem->len;
  if (from < to)
    g_byte_array_remove_range (w->mem, from, to - from);
  if (w->pos > w->mem->len)
    w->pos = w->mem->len;
  notify_now (w, flags, p);
  return 0;
}

static gboolean
write_wave (Wave *w, const char *path)
{
  MMCKINFO riff = { 0 }, ck = { 0 };
  guint8 fmt[16];
  HMMIO h;
  gboolean ok = TRUE;

  h = mmioOpen ((LPSTR) path, NULL, MMIO_CREATE | MMIO_WRITE | MMIO_ALLOCBUF);
  if (h == NULL)
    return FALSE;
  *(guint16 *) (fmt + 0) = GUINT16_TO_LE (w->tag);
  *(guint16 *) (fmt + 2) = GUINT16_TO_LE (w->channels);
  *(guint32 *) (fmt + 4) = GUINT32_TO_LE (w->rate);
  *(guint32 *) (fmt + 8) = GUINT32_TO_LE (w->avg);
  *(guint16 *) (fmt + 12) = GUINT16_TO_LE (w->block_align);
  *(guint16 *) (fmt + 14) = GUINT16_TO_LE (w->bits);
  riff.fccType = mmioFOURCC ('W', 'A', 'V', 'E');
  ok = mmioCreateChunk (h, &riff, MMIO_CREATERIFF) == 0;
  ck.ckid = mmioFOURCC ('f', 'm', 't', ' ');
  ok = ok && mmioCreateChunk (h, &ck, 0) == 0;
  ok = ok && mmioWrite (h, (char *) fmt, sizeof fmt) == sizeof fmt;
  ok = ok && mmioAscend (h, &ck, 0) == 0;
  memset (&ck, 0, sizeof ck);
  ck.ckid = mmioFOURCC ('d', 'a', 't', 'a');
  ok = ok && mmioCreateChunk (h, &ck, 0) == 0;
  ok = ok && (w->mem->len == 0
              || mmioWrite (h, (char *) w->mem->data, w->mem->len) == (LONG) w->mem->len);
  ok = ok && mmioAscend (h, &ck, 0) == 0;
  ok = ok && mmioAscend (h, &riff, 0) == 0;
  ok = ok && mmioFlush (h, 0) == 0;
  if (mmioClose (h, 0) != 0)
    ok = FALSE;
  return ok;
}

/* The file (or folder) reaches the disk before it replaces anything. */
static gboolean
sync_path (const char *path)
{
  int fd = g_open (path, O_RDONLY, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static DWORD
wave_save (Wave *w, DWORD flags, MCI_SAVE_PARMS *p)
{
  char *dir, *base, *tmp;
  gboolean ok;

  if (p == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  if (!(flags & MCI_SAVE_FILE) || p->lpfilename == NULL || p->lpfilename[0] == 0)
    return MCIERR_FILENAME_REQUIRED;
  if (!w->has_data)
    return MCIERR_FILE_NOT_SAVED;
  /* Saving into a compound file is an edit of that file, not ours. */
  if (strchr (p->lpfilename, '+') != NULL)
    return MCIERR_FILE_NOT_SAVED;
  join_finished_worker (w);
  stop_locked (w, MCI_NOTIFY_ABORTED);
  load_into_memory (w);
  dir = g_path_get_dirname (p->lpfilename);
  base = g_path_get_basename (p->lpfilename);
  tmp = g_strdup_printf ("%s/.%s.%08x.tmp", dir, base, g_random_int ());
  ok = write_wave (w, tmp) && sync_path (tmp);
  if (ok && g_rename (tmp, p->lpfilename) != 0)
    ok = FALSE;
  if (ok)
    sync_path (dir);    /* the rename itself must survive a power cut */
  if (!ok)
    g_remove (tmp);
  g_free (dir);
  g_free (base);
  g_free (tmp);
  if (!ok)
    return MCIERR_FILE_NOT_SAVED;
  g_free (w->file);
  w->file = g_strdup (p->lpfilename);
  w->is_new = FALSE;
  notify_now (w, flags, p);
  return 0;
}

static int
device_count (Wave *w, int capture)
{
  int n;
  if (!sdl_init (w))
    return 0;
  n = SDL_GetNumAudioDevices (capture);
  return n < 0 ? 0 : n;
}

#define RES(v, s) (p->dwReturn = MAKEMCIRESOURCE ((v), (s)), MCI_RESOURCE_RETURNED)

static DWORD
wave_status (Wave *w, DWORD flags, MCI_STATUS_PARMS *p)
{
  DWORD r = 0;

  if (p == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  if (!(flags & MCI_STATUS_ITEM))
    return MCIERR_MISSING_PARAMETER;
  if ((flags & MCI_TRACK) && p->dwTrack != 1)
    return MCIERR_OUTOFRANGE;
  switch (p->dwItem)
    {
    case MCI_STATUS_LENGTH:
      p->dwReturn = bytes_to_tf (w, data_length (w));
      break;
    case MCI_STATUS_POSITION:
      p->dwReturn = (flags & MCI_STATUS_START) ? 0 : bytes_to_tf (w, w->pos);
      break;
    case MCI_STATUS_NUMBER_OF_TRACKS:
    case MCI_STATUS_CURRENT_TRACK:
      p->dwReturn = 1;
      break;
    case MCI_STATUS_MODE:
      {
        UINT m = w->cued ? MCI_MODE_PAUSE : w->mode;
        r = RES (m, m);
        break;
      }
    case MCI_STATUS_MEDIA_PRESENT:
      r = RES (TRUE, MCI_TRUE);
      break;
    case MCI_STATUS_READY:
      r = w->mode == MCI_MODE_NOT_READY ? RES (FALSE, MCI_FALSE) : RES (TRUE, MCI_TRUE);
      break;
    case MCI_STATUS_TIME_FORMAT:
      r = RES (w->time_format, MCI_FORMAT_RETURN_BASE + w->time_format);
      break;
    case MCI_WAVE_STATUS_FORMATTAG:
      if (w->tag == WAVE_FORMAT_PCM)
        r = RES (WAVE_FORMAT_PCM, WAVE_FORMAT_PCM_S);
      else
        p->dwReturn = w->tag;
      break;
    case MCI_WAVE_STATUS_CHANNELS: p->dwReturn = w->channels; break;
    case MCI_WAVE_STATUS_SAMPLESPERSEC: p->dwReturn = w->rate; break;
    case MCI_WAVE_STATUS_AVGBYTESPERSEC: p->dwReturn = w->avg; break;
    case MCI_WAVE_STATUS_BLOCKALIGN: p->dwReturn = w->block_align; break;
    case MCI_WAVE_STATUS_BITSPERSAMPLE: p->dwReturn = w->bits; break;
    case MCI_WAVE_STATUS_LEVEL: p->dwReturn = w->level; break;
    case MCI_STATUS_PLAY_START_TIME: p->dwReturn = (DWORD_PTR) w->t_start_us; break;
    case MCI_STATUS_FIRST_BUFFER_TIME: p->dwReturn = (DWORD_PTR) w->t_first_cb_us; break;
    case MCI_STATUS_PLAY_END_TIME: p->dwReturn = (DWORD_PTR) w->t_end_us; break;
    case MCI_WAVE_INPUT:
    case MCI_WAVE_OUTPUT:
      {
        UINT v = p->dwItem == MCI_WAVE_INPUT ? w->input : w->output;
        if (v == WAVE_MAPPER)
          r = RES (WAVE_MAPPER, WAVE_MAPPER_S);
        else
          p->dwReturn = v;
        break;
      }
    default:
      return MCIERR_UNSUPPORTED_FUNCTION;
    }
  notify_now (w, flags, p);
  return r;
}

static DWORD
wave_getdevcaps (Wave *w, DWORD flags, MCI_GETDEVCAPS_PARMS *p)
{
  DWORD r = MCI_RESOURCE_RETURNED;

  if (p == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  if (!(flags & MCI_GETDEVCAPS_ITEM))
    return MCIERR_UNRECOGNIZED_COMMAND;
  switch (p->dwItem)
    {
    case MCI_GETDEVCAPS_DEVICE_TYPE:
      p->dwReturn = MAKEMCIRESOURCE (MCI_DEVTYPE_WAVEFORM_AUDIO, MCI_DEVTYPE_WAVEFORM_AUDIO);
      break;
    case MCI_GETDEVCAPS_HAS_AUDIO:
    case MCI_GETDEVCAPS_USES_FILES:
    case MCI_GETDEVCAPS_COMPOUND_DEVICE:
    case MCI_GETDEVCAPS_CAN_RECORD:
    case MCI_GETDEVCAPS_CAN_PLAY:
    case MCI_GETDEVCAPS_CAN_SAVE:
      p->dwReturn = MAKEMCIRESOURCE (TRUE, MCI_TRUE);
      break;
    case MCI_GETDEVCAPS_HAS_VIDEO:
    case MCI_GETDEVCAPS_CAN_EJECT:
      p->dwReturn = MAKEMCIRESOURCE (FALSE, MCI_FALSE);
      break;
    case MCI_WAVE_GETDEVCAPS_INPUTS:
      p->dwReturn = device_count (w, 1);
      r = 0;
      break;
    case MCI_WAVE_GETDEVCAPS_OUTPUTS:
      p->dwReturn = device_count (w, 0);
      r = 0;
      break;
    default:
      return MCIERR_UNRECOGNIZED_COMMAND;
    }
  notify_now (w, flags, p);
  return r;
}

static char *
full_path (const char *name)
{
  if (g_path_is_absolute (name))
    return g_strdup (name);
  return g_canonicalize_filename (name, NULL);
}

static DWORD
wave_info (Wave *w, DWORD flags, MCI_INFO_PARMS *p)
{
  DWORD r, what = flags & ~(MCI_NOTIFY | MCI_WAIT);
  char *s;

  if (p == NULL || p->lpstrReturn == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  if (what == MCI_INFO_PRODUCT)
    s = g_strdup (_("Riffscope waveform audio (SDL)"));
  else if (what == MCI_INFO_FILE)
    {
      if (w->file == NULL)
        return MCIERR_NONAPPLICABLE_FUNCTION;
      s = full_path (w->file);
    }
  else if (what == MCI_WAVE_INPUT || what == MCI_WAVE_OUTPUT)
    {
      int capture = what == MCI_WAVE_INPUT;
      UINT idx = capture ? w->input : w->output;
      const char *name = NULL;
      if (sdl_init (w) && idx != WAVE_MAPPER)
        name = SDL_GetAudioDeviceName ((int) idx, capture);
      s = g_strdup (name ? name : capture ? _("Default audio input")
                                          : _("Default audio output"));
    }
  else
    return MCIERR_UNRECOGNIZED_KEYWORD;
  r = mci_copy_string (p->lpstrReturn, p->dwRetSize, s);
  g_free (s);
  if (r == 0)
    notify_now (w, flags, p);
  return r;
}

static DWORD
wave_set (Wave *w, DWORD flags, MCI_WAVE_SET_PARMS *p)
{
  const DWORD fmt_flags = MCI_WAVE_SET_FORMATTAG | MCI_WAVE_SET_CHANNELS
    | MCI_WAVE_SET_SAMPLESPERSEC | MCI_WAVE_SET_AVGBYTESPERSEC
    | MCI_WAVE_SET_BLOCKALIGN | MCI_WAVE_SET_BITSPERSAMPLE;

  if (p == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  if (flags & (MCI_SET_VIDEO | MCI_SET_DOOR_OPEN | MCI_SET_DOOR_CLOSED))
    return MCIERR_UNSUPPORTED_FUNCTION;
  if ((flags & MCI_SET_TIME_FORMAT) && p->dwTimeFormat != MCI_FORMAT_MILLISECONDS
      && p->dwTimeFormat != MCI_FORMAT_BYTES && p->dwTimeFormat != MCI_FORMAT_SAMPLES)
    return MCIERR_BAD_TIME_FORMAT;
  if (flags & MCI_SET_AUDIO)
    {
      if (!(flags & (MCI_SET_ON | MCI_SET_OFF)))
        return MCIERR_MISSING_PARAMETER;
      if (p->dwAudio > MCI_SET_AUDIO_RIGHT)
        return MCIERR_OUTOFRANGE;
    }
  if (flags & (MCI_WAVE_INPUT | MCI_WAVE_OUTPUT))
    {
      if ((flags & MCI_WAVE_INPUT) && (int) p->wInput >= device_count (w, 1))
        return MCIERR_OUTOFRANGE;
      if ((flags & MCI_WAVE_OUTPUT) && (int) p->wOutput >= device_count (w, 0))
        return MCIERR_OUTOFRANGE;
    }
  if (flags & fmt_flags)
    {
      if (w->frozen)
        return MCIERR_NONAPPLICABLE_FUNCTION;
      if ((flags & MCI_WAVE_SET_FORMATTAG) && p->wFormatTag != WAVE_FORMAT_PCM)
        return MCIERR_OUTOFRANGE;
      if ((flags & MCI_WAVE_SET_CHANNELS) && (p->nChannels < 1 || p->nChannels > 8))
        return MCIERR_OUTOFRANGE;
      if ((flags & MCI_WAVE_SET_SAMPLESPERSEC)
          && (p->nSamplesPerSec < 1000 || p->nSamplesPerSec > 192000))
        return MCIERR_OUTOFRANGE;
      if ((flags & MCI_WAVE_SET_BITSPERSAMPLE) && p->wBitsPerSample != 8
          && p->wBitsPerSample != 16 && p->wBitsPerSample != 32)
        return MCIERR_OUTOFRANGE;
    }

  if (flags & MCI_SET_TIME_FORMAT)
    w->time_format = p->dwTimeFormat;
  if (flags & MCI_SET_AUDIO)
    w->mute[p->dwAudio] = (flags & MCI_SET_OFF) != 0;
  if (flags & (MCI_WAVE_INPUT | MCI_WAVE_OUTPUT | MCI_WAVE_SET_ANYINPUT
               | MCI_WAVE_SET_ANYOUTPUT))
    {
      /* Changing the device interrupts what runs on the old one. */
      join_finished_worker (w);
      stop_locked (w, MCI_NOTIFY_ABORTED);
      if (flags & MCI_WAVE_INPUT)
        w->input = p->wInput;
      if (flags & MCI_WAVE_OUTPUT)
        w->output = p->wOutput;
      if (flags & MCI_WAVE_SET_ANYINPUT)
        w->input = WAVE_MAPPER;
      if (flags & MCI_WAVE_SET_ANYOUTPUT)
        w->output = WAVE_MAPPER;
    }
  if (flags & MCI_WAVE_SET_FORMATTAG) w->tag = p->wFormatTag;
  if (flags & MCI_WAVE_SET_CHANNELS) w->channels = p->nChannels;
  if (flags & MCI_WAVE_SET_SAMPLESPERSEC) w->rate = p->nSamplesPerSec;
  if (flags & MCI_WAVE_SET_BITSPERSAMPLE) w->bits = p->wBitsPerSample;
  if (flags & MCI_WAVE_SET_BLOCKALIGN) w->block_align = p->nBlockAlign;
  if (flags & MCI_WAVE_SET_AVGBYTESPERSEC) w->avg = p->nAvgBytesPerSec;
  if (flags & (MCI_WAVE_SET_CHANNELS | MCI_WAVE_SET_SAMPLESPERSEC
               | MCI_WAVE_SET_BITSPERSAMPLE))
    fix_format (w);
  notify_now (w, flags, p);
  return 0;
}

static DWORD
wave_close (Wave *w, DWORD flags, void *p)
{
  join_finished_worker (w);
  stop_locked (w, MCI_NOTIFY_ABORTED);
  if (w->hmmio)
    mmioClose (w->hmmio, 0);
  w->hmmio = NULL;
  if (w->mem)
    g_byte_array_free (w->mem, TRUE);
  w->mem = NULL;
  g_clear_pointer (&w->file, g_free);
  w->has_data = FALSE;
  notify_now (w, flags, p);
  return 0;
}

static Wave *
wave_new (MCIDEVICEID id)
{
  Wave *w = g_new0 (Wave, 1);
  w->id = id;
  g_mutex_init (&w->lock);
  g_cond_init (&w->cond);
  w->mode = MCI_MODE_STOP;
  w->tag = WAVE_FORMAT_PCM;
  w->channels = 1;
  w->rate = 11025;
  w->bits = 8;
  fix_format (w);
  w->input = WAVE_MAPPER;
  w->output = WAVE_MAPPER;
  return w;
}

static void
wave_free (Wave *w)
{
  g_mutex_lock (&w->lock);
  wave_close (w, 0, NULL);
  g_mutex_unlock (&w->lock);
  if (w->sdl_inited)
    SDL_QuitSubSystem (SDL_INIT_AUDIO);
  g_mutex_clear (&w->lock);
  g_cond_clear (&w->cond);
  g_free (w);
}

/* An instance opened by something other than MCI (no open parms): it
 * exists but answers every command as unsupported. */
#define NON_MCI_INSTANCE ((DWORD_PTR) 0xFFFFFFFF)

LRESULT
mci_waveaudio_driver_proc (DWORD_PTR id, HDRVR hdrvr, UINT msg,
                           LPARAM p1, LPARAM p2)
{
  Wave *w = (Wave *) id;
  DWORD flags = (DWORD) p1;
  void *parms = (void *) p2;
  DWORD r;

  switch (msg)
    {
    case DRV_LOAD: case DRV_ENABLE: case DRV_DISABLE: case DRV_FREE:
      return 1;
    case DRV_QUERYCONFIGURE:
      return 0;
    case DRV_INSTALL: case DRV_REMOVE:
      return DRVCNF_RESTART;
    case DRV_OPEN:
      {
        MCI_OPEN_DRIVER_PARMS *odp = parms;
        if (odp == NULL)
          return (LRESULT) NON_MCI_INSTANCE;
        odp->wType = MCI_DEVTYPE_WAVEFORM_AUDIO;
        odp->wCustomCommandTable = MCI_NO_COMMAND_TABLE;
        return (LRESULT) wave_new (odp->wDeviceID);
      }
    case DRV_CLOSE:
      if (w != NULL && id != NON_MCI_INSTANCE)
        wave_free (w);
      return 1;
    default:
      break;
    }
  if (w == NULL || id == NON_MCI_INSTANCE)
    return MCIERR_UNSUPPORTED_FUNCTION;
  if (msg < DRV_MCI_FIRST)
    return 0;

  g_mutex_lock (&w->lock);
  switch (msg)
    {
    case MCI_OPEN_DRIVER: r = wave_open (w, flags, parms); break;
    case MCI_CLOSE_DRIVER: r = wave_close (w, flags, parms); break;
    case MCI_PLAY: join_finished_worker (w); r = wave_play (w, flags, parms); break;
    case MCI_RECORD: join_finished_worker (w); r = wave_record (w, flags, parms); break;
    case MCI_STOP: r = wave_stop (w, flags, parms); break;
    case MCI_PAUSE: r = wave_pause (w, flags, parms); break;
    case MCI_RESUME: r = wave_resume (w, flags, parms); break;
    case MCI_SEEK: r = wave_seek (w, flags, parms); break;
    case MCI_CUE: r = wave_cue (w, flags, parms); break;
    case MCI_DELETE: r = wave_delete (w, flags, parms); break;
    case MCI_SAVE: r = wave_save (w, flags, parms); break;
    case MCI_STATUS: r = wave_status (w, flags, parms); break;
    case MCI_GETDEVCAPS: r = wave_getdevcaps (w, flags, parms); break;
    case MCI_INFO: r = wave_info (w, flags, parms); break;
    case MCI_SET: r = wave_set (w, flags, parms); break;
    default: r = MCIERR_UNRECOGNIZED_COMMAND; break;
    }
  g_mutex_unlock (&w->lock);
  return r;
}
