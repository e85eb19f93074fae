/* handle.c — the table of open HMMIOs.
 *
 * An HMMIO is not a pointer to the record: it packs a slot index and a
 * generation, so a closed or made-up handle is recognised as invalid
 * (MMSYSERR_INVALHANDLE) instead of being dereferenced. Lookups are on the
 * hot path of every mmioRead, so they take no lock: slots live in blocks
 * that are never moved or freed, and each slot's record pointer is read
 * atomically. Registering and unregistering take a mutex.
 *
 * A lookup compares the handle value kept in the slot before it touches
 * the record: a stale handle whose slot another thread reuses (and may be
 * closing, freeing the record) is refused without reading that record. */
#include "mmio-private.h"

#define BLOCK_BITS   8
#define BLOCK_SLOTS  (1u << BLOCK_BITS)
#define MAX_BLOCKS   4096u                 /* ~1M handles at once */

typedef struct
{
  MmioHandle *rec;                         /* atomic */
  gpointer    value;                       /* atomic: the HMMIO using the slot */
  guint32     gen;
} Slot;

static Slot   *blocks[MAX_BLOCKS];         /* atomic pointers */
static GMutex  table_lock;
static guint   n_slots;                    /* slots ever created */
static GArray *free_slots;                 /* indices of free slots */
static guint   n_open;

static Slot *
slot_at (guint idx)
{
  Slot *block = g_atomic_pointer_get (&blocks[idx >> BLOCK_BITS]);
  return block ? &block[idx & (BLOCK_SLOTS - 1)] : NULL;
}

HMMIO
mmio_handle_register (MmioHandle *h)
{
  guint idx;
  Slot *s;
  HMMIO value = NULL;

  g_mutex_lock (&table_lock);
  if (free_slots == NULL)
    free_slots = g_array_new (FALSE, FALSE, sizeof (guint));
  if (free_slots->len > 0)
    {
      idx = g_array_index (free_slots, guint, free_slots->len - 1);
      g_array_set_size (free_slots, free_slots->len - 1);
    }
  else
    {
      if (n_slots >= MAX_BLOCKS * BLOCK_SLOTS)
        goto out;
      idx = n_slots++;
      if ((idx & (BLOCK_SLOTS - 1)) == 0)
        g_atomic_pointer_set (&blocks[idx >> BLOCK_BITS],
                              g_new0 (Slot, BLOCK_SLOTS));
    }
  s = slot_at (idx);
  s->gen = (s->gen + 1) & 0x7fffffff;
  if (s->gen == 0)
    s->gen = 1;
  /* value: generation in the high 32 bits, index + 1 in the low ones */
  value = (HMMIO) (uintptr_t) (((guint64) s->gen << 32) | (guint64) (idx + 1));
  h->self = value;
  h->info.hmmio = value;
  g_atomic_pointer_set (&s->rec, h);
  g_atomic_pointer_set (&s->value, value);
  n_open++;
out:
  g_mutex_unlock (&table_lock);
  return value;
}

MmioHandle *
mmio_handle_lookup (HMMIO hmmio)
{
  guint64 v = (guint64) (uintptr_t) hmmio;
  guint32 low = (guint32) (v & 0xffffffffu);
  Slot *s;
  MmioHandle *rec;

  if (low == 0 || low > MAX_BLOCKS * BLOCK_SLOTS)
    return NULL;
  s = slot_at (low - 1);
  if (s == NULL || g_atomic_pointer_get (&s->value) != (gpointer) hmmio)
    return NULL;
  rec = g_atomic_pointer_get (&s->rec);
  if (rec == NULL || rec->self != hmmio)
    return NULL;
  return rec;
}

void
mmio_handle_unregister (HMMIO hmmio)
{
  guint64 v = (guint64) (uintptr_t) hmmio;
  guint idx = (guint) (v & 0xffffffffu) - 1;
  Slot *s;

  g_mutex_lock (&table_lock);
  s = slot_at (idx);
  if (s != NULL && s->rec != NULL && s->rec->self == hmmio)
    {
      g_atomic_pointer_set (&s->value, NULL);
      g_atomic_pointer_set (&s->rec, NULL);
      g_array_append_val (free_slots, idx);
      n_open--;
    }
  g_mutex_unlock (&table_lock);
}

guint
mmio_handle_count (void)
{
  guint n;
  g_mutex_lock (&table_lock);
  n = n_open;
  g_mutex_unlock (&table_lock);
  return n;
}

void
mmio_handle_foreach (void (*fn) (MmioHandle *h, gpointer data), gpointer data)
{
  g_mutex_lock (&table_lock);
  for (guint i = 0; i < n_slots; i++)
    {
      Slot *s = slot_at (i);
      if (s->rec != NULL)
        fn (s->rec, data);
    }
  g_mutex_unlock (&table_lock);
}
