/* mmio-private.h — the engine's internal handle record and the calls the
 * engine's files share. Nothing here is installed or exported. */
#ifndef MMIO_PRIVATE_H
#define MMIO_PRIVATE_H

#include <glib.h>
#include <mmio/mmio.h>
#include <mmio/mmio-ioproc.h>

G_BEGIN_DECLS

typedef struct _MmioProcEntry MmioProcEntry;
typedef struct _MmioHandle MmioHandle;

/* A dispatch observer (the message trace hangs off this). Called after the
 * IOProc answered; disk_before is lDiskOffset before the call. */
typedef void (*MmioDispatchHook) (MmioHandle *h, UINT msg, LPARAM p1,
                                  LPARAM p2, LRESULT result, LONG disk_before,
                                  gint64 usec, gpointer user_data);

struct _MmioHandle
{
  MMIOINFO       info;          /* the live MMIOINFO every IOProc call gets */
  HMMIO          self;
  MmioProcEntry *entry;         /* registry entry in use; NULL for a bare pIOProc */
  gboolean       temp_proc;     /* pIOProc was installed for this handle only */
  gboolean       is_mem;        /* memory file: data never goes to the IOProc */
  gboolean       knows_size;    /* built-in DOS: file size is cached */
  HPSTR          valid_end;     /* buffer bytes [pchBuffer, valid_end) mirror the
                                 * file at lBufOffset (read or written) */
  HPSTR          dirty_end;     /* high-water mark of unflushed writes */
  LONG           file_size;     /* cached size when knows_size */
  MmioHandle    *parent;        /* the handle whose IOProc opened this one */
  guint          n_children;    /* open handles whose parent this is: their
                                 * errors must find this handle's frame, so
                                 * its messages take the slow path */
  UINT           origin_error;  /* error that arose beneath or inside the
                                 * IOProc during its last failed call */
  MmioDispatchHook hook;        /* NULL: dispatch costs one branch */
  gpointer       hook_data;
};

/* handle.c */
HMMIO       mmio_handle_register (MmioHandle *h);
MmioHandle *mmio_handle_lookup   (HMMIO hmmio);
void        mmio_handle_unregister (HMMIO hmmio);
guint       mmio_handle_count    (void);
void        mmio_handle_foreach  (void (*fn) (MmioHandle *h, gpointer data),
                                  gpointer data);

/* registry.c */
void           mmio_ensure_init        (void);
MmioProcEntry *mmio_registry_acquire   (FOURCC fcc, gboolean builtin_only);
MmioProcEntry *mmio_registry_acquire_proc (FOURCC fcc, LPMMIOPROC proc);
MmioProcEntry *mmio_registry_acquire_storage (FOURCC fcc);
void           mmio_registry_release   (MmioProcEntry *e);
MmioProcEntry *mmio_registry_install_temp (FOURCC fcc, LPMMIOPROC proc);
LPMMIOPROC     mmio_entry_proc         (MmioProcEntry *e);
gboolean       mmio_entry_is_builtin   (MmioProcEntry *e);
GPtrArray     *mmio_registry_snapshot  (void);  /* copies of MmioProcEntry */
FOURCC         mmio_entry_fourcc       (MmioProcEntry *e);
/* Send a message to an entry's IOProc outside any handle (format queries,
 * identification), through the dispatch point; e must be acquired. */
LRESULT        mmio_registry_send      (MmioProcEntry *e, UINT msg,
                                        LPARAM p1, LPARAM p2);

/* identify.c: the file-format IOProc (acquired) that claims the file named
 * name, opened over the storage IOProc of storage (not released), or NULL;
 * *ss receives the storage system's FOURCC. */
MmioProcEntry *mmio_identify_for_open  (const char *name,
                                        MmioProcEntry *storage,
                                        DWORD open_flags, FOURCC *ss);

/* dispatch.c */
LRESULT mmio_send_slow (MmioHandle *h, UINT msg, LPARAM p1, LPARAM p2);
MmioHandle *mmio_current_sender (void);
void mmio_with_sender (MmioHandle *h, void (*fn) (gpointer), gpointer data);

/* The one dispatch point: every message to every IOProc goes through here. */
static inline LRESULT
mmio_send (MmioHandle *h, UINT msg, LPARAM p1, LPARAM p2)
{
  if (G_UNLIKELY (h->hook != NULL || msg >= MMIOM_OPEN || h->n_children != 0))
    return mmio_send_slow (h, msg, p1, p2);
  {
    DWORD err_before = h->info.ulErrorRet;
    LRESULT r = h->info.pIOProc ((LPSTR) &h->info, msg, p1, p2);
    /* A failing IOProc that said why: the engine's generic code yields. */
    if (G_UNLIKELY (r == -1))
      h->origin_error = h->info.ulErrorRet != err_before ? h->info.ulErrorRet : 0;
    else if (G_UNLIKELY (h->origin_error != 0))
      h->origin_error = 0;      /* a recovered failure is not reported later */
    return r;
  }
}

/* buffer.c */
MMRESULT mmio_flush_internal (MmioHandle *h, UINT flags);
LONG     mmio_logical_pos    (MmioHandle *h);
LONG     mmio_query_size     (MmioHandle *h);

/* open.c */
FOURCC   mmio_fourcc_from_name (const char *name, char sep);

/* Error bookkeeping (OS/2 mmioGetLastError), in dispatch.c: records code
 * on h — or, when h's IOProc just failed because of an error beneath it (a
 * child handle's, or one the IOProc stored itself), that original error —
 * and tells every handle whose IOProc is running on this thread. */
void mmio_set_error (MmioHandle *h, UINT code);

G_END_DECLS

#endif
