/* sequencer.c — the sequencer MCI driver: Standard MIDI Files and RMID
 * elements (opened through MMIO, so compound-file elements work) rendered
 * with FluidSynth using the General MIDI SoundFont Debian installs at
 * /usr/share/sounds/sf2/default-GM.sf2 (RIFFSCOPE_SOUNDFONT overrides it),
 * played through SDL2.
 *
 * The file is parsed here first (structure checks, the tempo map), so a
 * corrupt element fails at open and positions convert exactly between
 * milliseconds, ticks and song pointer (sixteenth notes). FluidSynth's
 * player runs on the sample clock inside SDL's callback; the position is
 * the audio SDL has consumed before its latest request. As on Windows,
 * pause aborts a pending play notification. */
#include "../mci-private.h"

#include <SDL.h>
#include <fluidsynth.h>
#include <string.h>

#define SEQ_RATE 44100
#define MAX_SMF (64u * 1024 * 1024)
#define DEFAULT_SF2 "/usr/share/sounds/sf2/default-GM.sf2"

typedef struct
{
  guint64 tick;
  guint32 usq;            /* microseconds per quarter note from here */
  guint64 us_at;          /* time at this tick */
} TempoPoint;

typedef struct
{
  MCIDEVICEID  id;
  GMutex       lock;
  GCond        cond;
  gboolean     opened;
  char        *file;
  guint8      *smf;
  gsize        smf_len;
  guint16      division;
  gboolean     smpte;
  GArray      *tempo;         /* TempoPoint, sorted */
  guint64      end_tick;
  DWORD        length_ms;
  UINT         mode;
  DWORD        pos_ms;
  DWORD        time_format;
  gboolean     mute;
  MciNotifySlot slot;
  /* synthesis */
  fluid_settings_t *settings;
  fluid_synth_t    *synth;
  fluid_player_t   *player;
  /* the running play */
  GThread     *worker;
  guint        gen, finished_gen;
  SDL_AudioDeviceID sdl;
  gboolean     sdl_inited;
  gboolean     paused, stop_req, drained, done;
  DWORD        start_ms, end_ms;
  guint64      frames;        /* rendered since start_ms */
  guint64      frames_played;
  gint64       t_start_us, t_first_cb_us, t_end_us;
} Seq;

/* ---- Standard MIDI File parsing ---- */

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
read_vlq (const guint8 *p, gsize len, gsize *i, guint32 *out)
{
  guint32 v = 0;
  for (int k = 0; k < 4; k++)
    {
      if (*i >= len)
        return FALSE;
      v = (v << 7) | (p[*i] & 0x7F);
      if (!(p[(*i)++] & 0x80))
        {
          *out = v;
          return TRUE;
        }
    }
  return FALSE;
}

static gint
tempo_cmp (gconstpointer a, gconstpointer b)
{
  const TempoPoint *x = a, *y = b;
  return x->tick < y->tick ? -1 : x->tick > y->tick;
}

static gboolean
parse_track (Seq *s, const guint8 *p, gsize len)
{
  gsize i = 0;
  guint64 tick = 0;
  guint8 status = 0;

  while (i < len)
    {
      guint32 delta, mlen;
      guint8 b;
      if (!read_vlq (p, len, &i, &delta) || i >= len)
        return FALSE;
      tick += delta;
      b = p[i];
      if (b == 0xFF)
        {
          guint8 type;
          if (i + 2 > len)
            return FALSE;
          type = p[i + 1];
          i += 2;
          if (!read_vlq (p, len, &i, &mlen) || mlen > len - i)
            return FALSE;
          if (type == 0x51 && mlen == 3)
            {
              TempoPoint t = { tick, ((guint32) p[i] << 16) | (p[i + 1] << 8) | p[i + 2], 0 };
              if (t.usq == 0)
                return FALSE;
              g_array_append_val (s->tempo, t);
            }
          i += mlen;
          if (type == 0x2F)
            break;
          status = 0;
        }
      else if (b == 0xF0 || b == 0xF7)
        {
          i++;
          if (!read_vlq (p, len, &i, &mlen) || mlen > len - i)
            return FALSE;
          i += mlen;
          status = 0;
        }
      else
        {
          guint need;
          if (b & 0x80)
            {
              status = b;
              i++;
            }
          else if (status == 0)
            return FALSE;           /* running status with nothing to run */
          if (status >= 0xF0)
            return FALSE;
          need = ((status & 0xF0) == 0xC0 || (status & 0xF0) == 0xD0) ? 1 : 2;
          if (need > len - i)
            return FALSE;
          i += need;
        }
    }
  s->end_tick = MAX (s->end_tick, tick);
  return TRUE;
}

static DWORD
parse_smf (Seq *s)
{
  const guint8 *p = s->smf;
  gsize len = s->smf_len, off;
  guint ntracks, found = 0;
  guint64 us = 0;

  if (len < 14 || memcmp (p, "MThd", 4) != 0 || be32 (p + 4) < 6)
    return MCIERR_INVALID_FILE;
  ntracks = (p[10] << 8) | p[11];
  s->division = (p[12] << 8) | p[13];
  s->smpte = (s->division & 0x8000) != 0;
  if (s->division == 0 || ntracks == 0)
    return MCIERR_INVALID_FILE;
  if (s->smpte && ((s->division & 0xFF) == 0 || (-(gint8) (s->division >> 8)) <= 0))
    return MCIERR_INVALID_FILE;
  off = 8 + (gsize) be32 (p + 4);
  s->tempo = g_array_new (FALSE, FALSE, sizeof (TempoPoint));
  while (off + 8 <= len && found < ntracks)
    {
      guint32 clen = be32 (p + off + 4);
      if (clen > len - off - 8)
        return MCIERR_INVALID_FILE;
      if (memcmp (p + off, "MTrk", 4) == 0)
        {
          if (!parse_track (s, p + off + 8, clen))
            return MCIERR_INVALID_FILE;
          found++;
        }
      off += 8 + (gsize) clen;
    }
  if (found == 0)
    return MCIERR_INVALID_FILE;
  {
    TempoPoint first = { 0, 500000, 0 };
    g_array_prepend_val (s->tempo, first);
  }
  g_array_sort (s->tempo, tempo_cmp);
  for (guint k = 0; k < s->tempo->len; k++)
    {
      TempoPoint *t = &g_array_index (s->tempo, TempoPoint, k);
      if (k > 0)
        {
          TempoPoint *prev = &g_array_index (s->tempo, TempoPoint, k - 1);
          us += (t->tick - prev->tick) * prev->usq / s->division;
        }
      t->us_at = us;
    }
  return 0;
}

static guint64
tick_to_us (const Seq *s, guint64 tick)
{
  const TempoPoint *t = NULL;

  if (s->smpte)
    {
      guint fps = (guint) (-(gint8) (s->division >> 8));
      guint tpf = s->division & 0xFF;
      return tick * 1000000 / ((guint64) fps * tpf);
    }
  for (guint k = 0; k < s->tempo->len; k++)
    {
      const TempoPoint *c = &g_array_index (s->tempo, TempoPoint, k);
      if (c->tick > tick)
        break;
      t = c;
    }
  return t->us_at + (tick - t->tick) * t->usq / s->division;
}

static guint64
us_to_tick (const Seq *s, guint64 us)
{
  const TempoPoint *t = NULL;

  if (s->smpte)
    {
      guint fps = (guint) (-(gint8) (s->division >> 8));
      guint tpf = s->division & 0xFF;
      return us * fps * tpf / 1000000;
    }
  for (guint k = 0; k < s->tempo->len; k++)
    {
      const TempoPoint *c = &g_array_index (s->tempo, TempoPoint, k);
      if (c->us_at > us)
        break;
      t = c;
    }
  return t->tick + (us - t->us_at) * s->division / t->usq;
}

static DWORD
ms_to_tf (const Seq *s, DWORD ms)
{
  if (s->time_format == MCI_SEQ_FORMAT_SONGPTR)
    return (DWORD) (us_to_tick (s, (guint64) ms * 1000) * 4 / s->division);
  return ms;
}

static DWORD
tf_to_ms (const Seq *s, DWORD v)
{
  if (s->time_format == MCI_SEQ_FORMAT_SONGPTR)
    return (DWORD) ((tick_to_us (s, (guint64) v * s->division / 4) + 500) / 1000);
  return v;
}

/* ---- loading ---- */

static DWORD
load_element (Seq *s, const char *name)
{
  MMIOINFO info = { 0 };
  HMMIO h = mmioOpen ((LPSTR) name, &info, MMIO_READ | MMIO_DENYWRITE | MMIO_ALLOCBUF);
  MMCKINFO riff = { 0 }, ck = { 0 };
  char magic[4];
  LONG size = 0;

  if (h == NULL)
    return MCIERR_FILE_NOT_FOUND;
  if (mmioRead (h, magic, 4) != 4)
    {
      mmioClose (h, 0);
      return MCIERR_INVALID_FILE;
    }
  mmioSeek (h, 0, SEEK_SET);
  if (memcmp (magic, "RIFF", 4) == 0)
    {
      riff.fccType = mmioFOURCC ('R', 'M', 'I', 'D');
      ck.ckid = mmioFOURCC ('d', 'a', 't', 'a');
      if (mmioDescend (h, &riff, NULL, MMIO_FINDRIFF) != 0
          || mmioDescend (h, &ck, &riff, MMIO_FINDCHUNK) != 0)
        {
          mmioClose (h, 0);
          return MCIERR_INVALID_FILE;
        }
      size = ck.cksize;
    }
  else
    {
      size = mmioSeek (h, 0, SEEK_END);
      mmioSeek (h, 0, SEEK_SET);
    }
  if (size <= 0 || size > (LONG) MAX_SMF)
    {
      mmioClose (h, 0);
      return MCIERR_INVALID_FILE;
    }
  s->smf = g_malloc (size);
  s->smf_len = mmioRead (h, (char *) s->smf, size);
  mmioClose (h, 0);
  if ((LONG) s->smf_len != size)
    return MCIERR_INVALID_FILE;
  return parse_smf (s);
}

static const char *
soundfont_path (void)
{
  const char *env = g_getenv ("RIFFSCOPE_SOUNDFONT");
  return env && env[0] ? env : DEFAULT_SF2;
}

static DWORD
ensure_synth (Seq *s)
{
  if (s->synth)
    return 0;
  if (!g_file_test (soundfont_path (), G_FILE_TEST_IS_REGULAR))
    return MCIERR_SEQ_NOMIDIPRESENT;
  s->settings = new_fluid_settings ();
  fluid_settings_setnum (s->settings, "synth.sample-rate", SEQ_RATE);
  fluid_settings_setstr (s->settings, "player.timing-source", "sample");
  fluid_settings_setint (s->settings, "synth.lock-memory", 0);
  s->synth = new_fluid_synth (s->settings);
  if (s->synth == NULL || fluid_synth_sfload (s->synth, soundfont_path (), 1) == FLUID_FAILED)
    {
      if (s->synth)
        delete_fluid_synth (s->synth);
      delete_fluid_settings (s->settings);
      s->synth = NULL;
      s->settings = NULL;
      return MCIERR_SEQ_NOMIDIPRESENT;
    }
  return 0;
}

/* ---- playback ---- */

static void
seq_callback (void *data, Uint8 *stream, int len)
{
  Seq *s = data;
  int frames = len / 4;

  g_mutex_lock (&s->lock);
  if (s->t_first_cb_us == 0)
    s->t_first_cb_us = g_get_monotonic_time ();
  s->frames_played = s->frames;
  s->pos_ms = MIN (s->end_ms, s->start_ms + (DWORD) (s->frames_played * 1000 / SEQ_RATE));
  if (s->drained || s->done || s->stop_req || s->paused)
    {
      memset (stream, 0, len);
      if (s->drained && !s->done)
        {
          s->pos_ms = s->end_ms;
          s->t_end_us = g_get_monotonic_time ();
          s->done = TRUE;
          g_cond_broadcast (&s->cond);
        }
      g_mutex_unlock (&s->lock);
      return;
    }
  fluid_synth_write_s16 (s->synth, frames, stream, 0, 2, stream, 1, 2);
  if (s->mute)
    memset (stream, 0, len);
  s->frames += frames;
  if (fluid_player_get_status (s->player) == FLUID_PLAYER_DONE
      || s->start_ms + s->frames * 1000 / SEQ_RATE >= s->end_ms)
    s->drained = TRUE;
  g_mutex_unlock (&s->lock);
}

static gpointer
seq_worker (gpointer data)
{
  Seq *s = data;
  SDL_AudioDeviceID dev;
  guint gen;

  g_mutex_lock (&s->lock);
  gen = s->gen;
  while (!s->done && !s->stop_req)
    g_cond_wait (&s->cond, &s->lock);
  dev = s->sdl;
  s->sdl = 0;
  g_mutex_unlock (&s->lock);
  SDL_CloseAudioDevice (dev);
  g_mutex_lock (&s->lock);
  fluid_player_stop (s->player);
  delete_fluid_player (s->player);
  s->player = NULL;
  fluid_synth_system_reset (s->synth);
  s->mode = MCI_MODE_STOP;
  s->paused = FALSE;
  mci_slot_post (&s->slot, s->id, MCI_NOTIFY_SUCCESSFUL);
  s->finished_gen = gen;
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
  return NULL;
}

static void
seq_stop_locked (Seq *s, UINT code)
{
  GThread *t = s->worker;

  if (t == NULL)
    return;
  mci_slot_post (&s->slot, s->id, code);
  s->worker = NULL;
  s->stop_req = TRUE;
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
  g_thread_join (t);
  g_mutex_lock (&s->lock);
  s->stop_req = FALSE;
  s->mode = MCI_MODE_STOP;
}

static DWORD
seq_start (Seq *s, DWORD from_ms, DWORD to_ms, DWORD flags, DWORD_PTR cb)
{
  SDL_AudioSpec want = { 0 };
  guint gen;
  DWORD err;

  err = ensure_synth (s);
  if (err)
    return err;
  if (!s->sdl_inited)
    {
      if (SDL_InitSubSystem (SDL_INIT_AUDIO) != 0)
        return MCIERR_SEQ_PORT_NONEXISTENT;
      s->sdl_inited = TRUE;
    }
  s->player = new_fluid_player (s->synth);
  if (s->player == NULL
      || fluid_player_add_mem (s->player, s->smf, s->smf_len) != FLUID_OK
      || fluid_player_play (s->player) != FLUID_OK)
    {
      if (s->player)
        delete_fluid_player (s->player);
      s->player = NULL;
      return MCIERR_SEQ_PORT_MISCERROR;
    }
  if (from_ms > 0)
    fluid_player_seek (s->player, (int) us_to_tick (s, (guint64) from_ms * 1000));
  want.freq = SEQ_RATE;
  want.format = AUDIO_S16SYS;
  want.channels = 2;
  want.samples = 1024;
  want.callback = seq_callback;
  want.userdata = s;
  s->start_ms = from_ms;
  s->end_ms = to_ms;
  s->frames = s->frames_played = 0;
  s->pos_ms = from_ms;
  s->drained = s->done = s->paused = s->stop_req = FALSE;
  s->t_start_us = g_get_monotonic_time ();
  s->t_first_cb_us = s->t_end_us = 0;
  s->sdl = SDL_OpenAudioDevice (NULL, 0, &want, NULL, 0);
  if (s->sdl == 0)
    {
      delete_fluid_player (s->player);
      s->player = NULL;
      return MCIERR_SEQ_PORT_NONEXISTENT;
    }
  s->mode = MCI_MODE_PLAY;
  gen = ++s->gen;
  if (flags & MCI_NOTIFY)
    mci_slot_arm (&s->slot, (HWND) cb);
  s->worker = g_thread_new ("mciseq-play", seq_worker, s);
  SDL_PauseAudioDevice (s->sdl, 0);
  if (flags & MCI_WAIT)
    mci_wait_finished (&s->lock, &s->cond, &s->finished_gen, gen, s->id);
  return 0;
}

static void
seq_join_finished (Seq *s)
{
  if (s->worker && s->finished_gen == s->gen)
    {
      GThread *t = s->worker;
      s->worker = NULL;
      g_mutex_unlock (&s->lock);
      g_thread_join (t);
      g_mutex_lock (&s->lock);
    }
}

static void
notify_now (Seq *s, DWORD flags, const void *parms)
{
  if ((flags & MCI_NOTIFY) && parms)
    {
      mci_slot_supersede (&s->slot, s->id);
      mciDriverNotify ((HWND) ((const MCI_GENERIC_PARMS *) parms)->dwCallback,
                       s->id, MCI_NOTIFY_SUCCESSFUL);
    }
}

static DWORD
seq_play (Seq *s, DWORD flags, MCI_PLAY_PARMS *p)
{
  DWORD from, to;

  if (p == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  if (s->smf == NULL)
    return MCIERR_FILE_NOT_FOUND;
  from = (flags & MCI_FROM) ? tf_to_ms (s, p->dwFrom) : s->pos_ms;
  to = (flags & MCI_TO) ? tf_to_ms (s, p->dwTo) : s->length_ms;
  if (from > s->length_ms || to > s->length_ms || from > to)
    return MCIERR_OUTOFRANGE;
  if (s->mode == MCI_MODE_PAUSE && s->worker && !(flags & (MCI_FROM | MCI_TO)))
    {
      if (flags & MCI_NOTIFY)
        {
          mci_slot_supersede (&s->slot, s->id);
          mci_slot_arm (&s->slot, (HWND) p->dwCallback);
        }
      s->paused = FALSE;
      s->mode = MCI_MODE_PLAY;
      return 0;
    }
  if (flags & MCI_NOTIFY)
    mci_slot_supersede (&s->slot, s->id);
  seq_stop_locked (s, MCI_NOTIFY_ABORTED);
  if (from == to)
    {
      s->pos_ms = from;
      notify_now (s, flags, p);
      return 0;
    }
  return seq_start (s, from, to, flags, p->dwCallback);
}

#define RES(v, r) (p->dwReturn = MAKEMCIRESOURCE ((v), (r)), MCI_RESOURCE_RETURNED)

static DWORD
seq_status (Seq *s, DWORD flags, MCI_STATUS_PARMS *p)
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
      p->dwReturn = s->smf ? ms_to_tf (s, s->length_ms) : 0;
      break;
    case MCI_STATUS_POSITION:
      p->dwReturn = (flags & MCI_STATUS_START) || !s->smf ? 0 : ms_to_tf (s, s->pos_ms);
      break;
    case MCI_STATUS_NUMBER_OF_TRACKS:
    case MCI_STATUS_CURRENT_TRACK:
      p->dwReturn = 1;
      break;
    case MCI_STATUS_MODE: r = RES (s->mode, s->mode); break;
    case MCI_STATUS_MEDIA_PRESENT: r = RES (TRUE, MCI_TRUE); break;
    case MCI_STATUS_READY: r = RES (TRUE, MCI_TRUE); break;
    case MCI_STATUS_TIME_FORMAT:
      if (s->time_format == MCI_SEQ_FORMAT_SONGPTR)
        r = RES (MCI_SEQ_FORMAT_SONGPTR, MCI_SEQ_FORMAT_SONGPTR_S);
      else
        r = RES (s->time_format, MCI_FORMAT_RETURN_BASE + s->time_format);
      break;
    case MCI_SEQ_STATUS_TEMPO:
      {
        guint32 usq = 500000;
        if (s->tempo)
          {
            guint64 tick = us_to_tick (s, (guint64) s->pos_ms * 1000);
            for (guint k = 0; k < s->tempo->len; k++)
              if (g_array_index (s->tempo, TempoPoint, k).tick <= tick)
                usq = g_array_index (s->tempo, TempoPoint, k).usq;
          }
        p->dwReturn = 60000000u / usq;     /* beats per minute */
        break;
      }
    case MCI_SEQ_STATUS_DIVTYPE:
      if (!s->smf || !s->smpte)
        r = RES (MCI_SEQ_DIV_PPQN, MCI_SEQ_DIV_PPQN);
      else
        switch (-(gint8) (s->division >> 8))
          {
          case 24: r = RES (MCI_SEQ_DIV_SMPTE_24, MCI_SEQ_DIV_SMPTE_24); break;
          case 25: r = RES (MCI_SEQ_DIV_SMPTE_25, MCI_SEQ_DIV_SMPTE_25); break;
          case 29: r = RES (MCI_SEQ_DIV_SMPTE_30DROP, MCI_SEQ_DIV_SMPTE_30DROP); break;
          default: r = RES (MCI_SEQ_DIV_SMPTE_30, MCI_SEQ_DIV_SMPTE_30); break;
          }
      break;
    case MCI_SEQ_STATUS_PORT: r = RES (MCI_SEQ_MAPPER, MCI_SEQ_MAPPER_S); break;
    case MCI_SEQ_STATUS_SLAVE: r = RES (MCI_SEQ_FILE, MCI_SEQ_FILE_S); break;
    case MCI_SEQ_STATUS_MASTER: r = RES (MCI_SEQ_NONE, MCI_SEQ_NONE_S); break;
    case MCI_SEQ_STATUS_OFFSET: p->dwReturn = 0; break;
    case MCI_STATUS_PLAY_START_TIME: p->dwReturn = (DWORD_PTR) s->t_start_us; break;
    case MCI_STATUS_FIRST_BUFFER_TIME: p->dwReturn = (DWORD_PTR) s->t_first_cb_us; break;
    case MCI_STATUS_PLAY_END_TIME: p->dwReturn = (DWORD_PTR) s->t_end_us; break;
    default:
      return MCIERR_UNSUPPORTED_FUNCTION;
    }
  notify_now (s, flags, p);
  return r;
}

static DWORD
seq_getdevcaps (Seq *s, DWORD flags, MCI_GETDEVCAPS_PARMS *p)
{
  if (p == NULL)
    return MCIERR_NULL_PARAMETER_BLOCK;
  if (!(flags & MCI_GETDEVCAPS_ITEM))
    return MCIERR_UNRECOGNIZED_COMMAND;
  switch (p->dwItem)
    {
    case MCI_GETDEVCAPS_DEVICE_TYPE:
      p->dwReturn = MAKEMCIRESOURCE (MCI_DEVTYPE_SEQUENCER, MCI_DEVTYPE_SEQUENCER);
      break;
    case MCI_GETDEVCAPS_HAS_AUDIO:
    case MCI_GETDEVCAPS_USES_FILES:
    case MCI_GETDEVCAPS_COMPOUND_DEVICE:
    case MCI_GETDEVCAPS_CAN_PLAY:
      p->dwReturn = MAKEMCIRESOURCE (TRUE, MCI_TRUE);
      break;
    case MCI_GETDEVCAPS_CAN_RECORD:
    case MCI_GETDEVCAPS_CAN_SAVE:
    case MCI_GETDEVCAPS_HAS_VIDEO:
    case MCI_GETDEVCAPS_CAN_EJECT:
      p->dwReturn = MAKEMCIRESOURCE (FALSE, MCI_FALSE);
      break;
    default:
      return MCIERR_UNSUPPORTED_FUNCTION;
    }
  notify_now (s, flags, p);
  return MCI_RESOURCE_RETURNED;
}

static DWORD
seq_command (Seq *s, UINT msg, DWORD flags, void *parms)
{
  switch (msg)
    {
    case MCI_OPEN_DRIVER:
      {
        MCI_OPEN_PARMS *p = parms;
        DWORD err;
        if (p == NULL)
          return MCIERR_NULL_PARAMETER_BLOCK;
        if (s->opened)
          return MCIERR_DEVICE_OPEN;
        if (flags & MCI_OPEN_SHAREABLE)
          return MCIERR_UNSUPPORTED_FUNCTION;
        if (flags & MCI_OPEN_ELEMENT_ID)
          return MCIERR_UNRECOGNIZED_COMMAND;
        if ((flags & MCI_OPEN_ELEMENT) && p->lpstrElementName && p->lpstrElementName[0])
          {
            err = load_element (s, p->lpstrElementName);
            /* Playable means a synthesizer is there too. */
            if (err == 0)
              err = ensure_synth (s);
            if (err)
              {
                g_clear_pointer (&s->smf, g_free);
                if (s->tempo)
                  g_array_free (s->tempo, TRUE);
                s->tempo = NULL;
                return err;
              }
            s->file = g_strdup (p->lpstrElementName);
            s->length_ms = (DWORD) ((tick_to_us (s, s->end_tick) + 500) / 1000);
          }
        s->opened = TRUE;
        notify_now (s, flags, p);
        return 0;
      }
    case MCI_CLOSE_DRIVER:
      seq_join_finished (s);
      seq_stop_locked (s, MCI_NOTIFY_ABORTED);
      notify_now (s, flags, parms);
      return 0;
    case MCI_PLAY:
      seq_join_finished (s);
      return seq_play (s, flags, parms);
    case MCI_STOP:
      seq_join_finished (s);
      seq_stop_locked (s, MCI_NOTIFY_ABORTED);
      notify_now (s, flags, parms);
      return 0;
    case MCI_PAUSE:
      if (s->mode != MCI_MODE_PLAY && s->mode != MCI_MODE_PAUSE)
        return MCIERR_NONAPPLICABLE_FUNCTION;
      /* The sequencer's pause ends the pending play notification. */
      mci_slot_post (&s->slot, s->id, MCI_NOTIFY_ABORTED);
      s->paused = TRUE;
      s->mode = MCI_MODE_PAUSE;
      notify_now (s, flags, parms);
      return 0;
    case MCI_RESUME:
      if (s->mode == MCI_MODE_PAUSE && s->worker)
        {
          s->paused = FALSE;
          s->mode = MCI_MODE_PLAY;
        }
      else if (s->mode != MCI_MODE_PLAY)
        return MCIERR_NONAPPLICABLE_FUNCTION;
      notify_now (s, flags, parms);
      return 0;
    case MCI_SEEK:
      {
        MCI_SEEK_PARMS *p = parms;
        int n = !!(flags & MCI_TO) + !!(flags & MCI_SEEK_TO_START) + !!(flags & MCI_SEEK_TO_END);
        DWORD target;
        if (p == NULL)
          return MCIERR_NULL_PARAMETER_BLOCK;
        if (n == 0)
          return MCIERR_MISSING_PARAMETER;
        if (n > 1)
          return MCIERR_FLAGS_NOT_COMPATIBLE;
        if (s->smf == NULL)
          return MCIERR_FILE_NOT_FOUND;
        target = (flags & MCI_SEEK_TO_START) ? 0
               : (flags & MCI_SEEK_TO_END) ? s->length_ms : tf_to_ms (s, p->dwTo);
        if (target > s->length_ms)
          return MCIERR_OUTOFRANGE;
        seq_join_finished (s);
        seq_stop_locked (s, MCI_NOTIFY_ABORTED);
        s->pos_ms = target;
        notify_now (s, flags, p);
        return 0;
      }
    case MCI_STATUS:
      return seq_status (s, flags, parms);
    case MCI_GETDEVCAPS:
      return seq_getdevcaps (s, flags, parms);
    case MCI_INFO:
      {
        MCI_INFO_PARMS *p = parms;
        DWORD what = flags & ~(MCI_NOTIFY | MCI_WAIT), r;
        char *str;
        if (p == NULL || p->lpstrReturn == NULL)
          return MCIERR_NULL_PARAMETER_BLOCK;
        if (what == MCI_INFO_PRODUCT)
          str = g_strdup (_("Riffscope MIDI sequencer (FluidSynth)"));
        else if (what == MCI_INFO_FILE)
          {
            if (s->file == NULL)
              return MCIERR_NONAPPLICABLE_FUNCTION;
            str = g_path_is_absolute (s->file) ? g_strdup (s->file)
                                               : g_canonicalize_filename (s->file, NULL);
          }
        else
          return MCIERR_UNRECOGNIZED_KEYWORD;
        r = mci_copy_string (p->lpstrReturn, p->dwRetSize, str);
        g_free (str);
        if (r == 0)
          notify_now (s, flags, p);
        return r;
      }
    case MCI_SET:
      {
        MCI_SEQ_SET_PARMS *p = parms;
        if (p == NULL)
          return MCIERR_NULL_PARAMETER_BLOCK;
        if (flags & (MCI_SET_VIDEO | MCI_SET_DOOR_OPEN | MCI_SET_DOOR_CLOSED
                     | MCI_SEQ_SET_TEMPO | MCI_SEQ_SET_PORT | MCI_SEQ_SET_SLAVE
                     | MCI_SEQ_SET_MASTER | MCI_SEQ_SET_OFFSET))
          return MCIERR_UNSUPPORTED_FUNCTION;
        if (flags & MCI_SET_TIME_FORMAT)
          {
            if (p->dwTimeFormat == MCI_SEQ_FORMAT_SONGPTR)
              {
                if (s->smf && s->smpte)
                  return MCIERR_SEQ_DIV_INCOMPATIBLE;
              }
            else if (p->dwTimeFormat != MCI_FORMAT_MILLISECONDS)
              return MCIERR_BAD_TIME_FORMAT;
          }
        if ((flags & MCI_SET_AUDIO) && !(flags & (MCI_SET_ON | MCI_SET_OFF)))
          return MCIERR_MISSING_PARAMETER;
        if (flags & MCI_SET_TIME_FORMAT)
          s->time_format = p->dwTimeFormat;
        if (flags & MCI_SET_AUDIO)
          s->mute = (flags & MCI_SET_OFF) != 0;
        notify_now (s, flags, p);
        return 0;
      }
    default:
      return MCIERR_UNRECOGNIZED_COMMAND;
    }
}

static void
seq_free (Seq *s)
{
  g_mutex_lock (&s->lock);
  seq_join_finished (s);
  seq_stop_locked (s, MCI_NOTIFY_ABORTED);
  g_mutex_unlock (&s->lock);
  if (s->synth)
    delete_fluid_synth (s->synth);
  if (s->settings)
    delete_fluid_settings (s->settings);
  if (s->sdl_inited)
    SDL_QuitSubSystem (SDL_INIT_AUDIO);
  if (s->tempo)
    g_array_free (s->tempo, TRUE);
  g_free (s->smf);
  g_free (s->file);
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->cond);
  g_free (s);
}

LRESULT
mci_sequencer_driver_proc (DWORD_PTR id, HDRVR hdrvr, UINT msg,
                           LPARAM p1, LPARAM p2)
{
  Seq *s = (Seq *) id;
  DWORD r;

  switch (msg)
    {
    case DRV_LOAD: case DRV_ENABLE: case DRV_DISABLE: case DRV_FREE:
      return 1;
    case DRV_QUERYCONFIGURE:
      return 0;
    case DRV_OPEN:
      {
        MCI_OPEN_DRIVER_PARMS *odp = (MCI_OPEN_DRIVER_PARMS *) p2;
        if (odp == NULL)
          return 0;
        s = g_new0 (Seq, 1);
        s->id = odp->wDeviceID;
        g_mutex_init (&s->lock);
        g_cond_init (&s->cond);
        s->mode = MCI_MODE_STOP;
        odp->wType = MCI_DEVTYPE_SEQUENCER;
        odp->wCustomCommandTable = MCI_NO_COMMAND_TABLE;
        return (LRESULT) s;
      }
    case DRV_CLOSE:
      if (s)
        seq_free (s);
      return 1;
    default:
      break;
    }
  if (s == NULL || msg < DRV_MCI_FIRST)
    return s ? 0 : MCIERR_UNSUPPORTED_FUNCTION;
  g_mutex_lock (&s->lock);
  r = seq_command (s, msg, (DWORD) p1, (void *) p2);
  g_mutex_unlock (&s->lock);
  return r;
}
