/* test-open.c — mmioOpen and mmioClose: the buffer-setup table (reference
 * 6.1), the state right after open, access and share modes, an inherited
 * file descriptor, MMIO_FHOPEN, missing files, read-only handles. */
#include "test-util.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define FILE_LEN 1000

/* The state every fresh handle shows, whatever its buffer. */
static void
check_fresh_state (HMMIO h, const MMIOINFO *info)
{
  g_assert_true (info->hmmio == h);
  g_assert_cmpuint (info->wErrorRet, ==, 0);
  g_assert_true (info->pchNext == info->pchBuffer);
  g_assert_true (info->pchEndRead == info->pchBuffer);
  if (info->pchBuffer != NULL)
    g_assert_true (info->pchEndWrite == info->pchBuffer + info->cchBuffer);
  else
    g_assert_null (info->pchEndWrite);
  g_assert_cmpint (info->lBufOffset, ==, 0);
  g_assert_cmpint (info->lDiskOffset, ==, 0);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 0);
}

typedef struct
{
  const char *name;
  gboolean    allocbuf;
  gboolean    user_buffer;
  LONG        cch_in;
  LONG        cch_out;
  gboolean    expect_user_ptr;   /* pchBuffer is the caller's */
  gboolean    expect_null;       /* unbuffered */
  gboolean    expect_allocbuf;   /* MMIO_ALLOCBUF in the stored flags */
} SetupRow;

static const SetupRow setup_rows[] = {
  { "user-n",          FALSE, TRUE,  100, 100,  TRUE,  FALSE, FALSE },
  { "user-0",          FALSE, TRUE,  0,   0,    TRUE,  FALSE, FALSE },
  { "null-0",          FALSE, FALSE, 0,   0,    FALSE, TRUE,  FALSE },
  { "null-n",          FALSE, FALSE, 100, 100,  FALSE, FALSE, TRUE  },
  { "allocbuf-user-n", TRUE,  TRUE,  100, 100,  TRUE,  FALSE, FALSE },
  { "allocbuf-null-0", TRUE,  FALSE, 0,   MMIO_DEFAULTBUFFER, FALSE, FALSE, TRUE },
  { "allocbuf-null-n", TRUE,  FALSE, 100, 100,  FALSE, FALSE, TRUE  },
  { "allocbuf-user-0", TRUE,  TRUE,  0,   MMIO_DEFAULTBUFFER, TRUE, FALSE, FALSE },
};

static void
test_buffer_setup (gconstpointer data)
{
  const SetupRow *row = data;
  char *path = tu_pattern_file ("setup.bin", FILE_LEN);
  char *user = g_malloc0 (MMIO_DEFAULTBUFFER);
  MMIOINFO in = { 0 }, info;
  DWORD flags = MMIO_READ | (row->allocbuf ? MMIO_ALLOCBUF : 0);
  HMMIO h;
  char b[4];

  in.pchBuffer = row->user_buffer ? user : NULL;
  in.cchBuffer = row->cch_in;
  h = mmioOpen (path, &in, flags);
  g_assert_nonnull (h);
  g_assert_cmpuint (in.wErrorRet, ==, 0);
  tu_get_info (h, &info);

  g_assert_cmpint (info.cchBuffer, ==, row->cch_out);
  if (row->expect_null)
    g_assert_null (info.pchBuffer);
  else if (row->expect_user_ptr)
    g_assert_true (info.pchBuffer == user);
  else
    {
      g_assert_nonnull (info.pchBuffer);
      g_assert_true (info.pchBuffer != user);
    }
  g_assert_cmphex (info.dwFlags & MMIO_ALLOCBUF, ==,
                   row->expect_allocbuf ? MMIO_ALLOCBUF : 0);
  g_assert_cmphex (info.dwFlags & ~(DWORD) MMIO_ALLOCBUF, ==, MMIO_READ);
  g_assert_cmphex (info.fccIOProc, ==, FOURCC_DOS);
  g_assert_nonnull (info.pIOProc);
  check_fresh_state (h, &info);

  /* Every setup reads the file correctly. */
  g_assert_cmpint (mmioRead (h, b, 4), ==, 4);
  for (int i = 0; i < 4; i++)
    g_assert_cmpuint ((guint8) b[i], ==, tu_pattern_byte (i));

  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  /* A caller's buffer is the caller's: still usable after close. */
  if (row->expect_user_ptr)
    memset (user, 0, MMIO_DEFAULTBUFFER);
  g_free (user);
  g_free (path);
}

static void
test_null_info (void)
{
  char *path = tu_pattern_file ("nullinfo.bin", FILE_LEN);
  HMMIO h = mmioOpen (path, NULL, MMIO_READ);
  MMIOINFO info;
  char b[10];

  g_assert_nonnull (h);
  tu_get_info (h, &info);
  g_assert_cmpint (info.cchBuffer, ==, 0);
  g_assert_null (info.pchBuffer);
  check_fresh_state (h, &info);
  g_assert_cmpint (mmioRead (h, b, 10), ==, 10);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_free (path);
}

static void
test_access_modes (void)
{
  char *path = tu_path ("access.bin");
  HMMIO h;
  char b[8] = { 0 };

  /* MMIO_CREATE makes the file, read/write. */
  h = mmioOpen (path, NULL, MMIO_CREATE);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioWrite (h, "abcdef", 6), ==, 6);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_SET), ==, 0);
  g_assert_cmpint (mmioRead (h, b, 8), ==, 6);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* MMIO_READ: writing fails with -1, the handle stays usable. */
  h = mmioOpen (path, NULL, MMIO_READ);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioWrite (h, "zz", 2), ==, -1);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMIOERR_READ_ONLY_FILE);
  g_assert_cmpint (mmioRead (h, b, 3), ==, 3);
  g_assert_cmpmem (b, 3, "abc", 3);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* Buffered read-only: also -1, nothing reaches the file on close. */
  h = mmioOpen (path, NULL, MMIO_READ | MMIO_ALLOCBUF);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioWrite (h, "zz", 2), ==, -1);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* MMIO_WRITE: writes go in place, the file is not truncated. */
  h = mmioOpen (path, NULL, MMIO_WRITE);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioWrite (h, "XY", 2), ==, 2);
  g_assert_cmpint (mmioRead (h, b, 2), ==, -1);   /* write-only descriptor */
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);

  /* MMIO_READWRITE: both. */
  h = mmioOpen (path, NULL, MMIO_READWRITE | MMIO_ALLOCBUF);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioRead (h, b, 6), ==, 6);
  g_assert_cmpmem (b, 6, "XYcdef", 6);
  g_assert_cmpint (mmioWrite (h, "gh", 2), ==, 2);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  {
    GBytes *bytes = tu_read_file (path);
    gsize n;
    const char *d = g_bytes_get_data (bytes, &n);
    g_assert_cmpmem (d, n, "XYcdefgh", 8);
    g_bytes_unref (bytes);
  }

  /* MMIO_CREATE on an existing file truncates it. */
  h = mmioOpen (path, NULL, MMIO_CREATE | MMIO_WRITE);
  g_assert_nonnull (h);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_END), ==, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_free (path);
}

static void
test_missing_file (void)
{
  char *path = tu_path ("does-not-exist.bin");
  char *nodir = tu_path ("no-such-dir/file.bin");
  MMIOINFO in = { 0 };

  in.wErrorRet = 12345;
  g_assert_null (mmioOpen (path, &in, MMIO_READ));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_FILENOTFOUND);
  memset (&in, 0, sizeof in);
  g_assert_null (mmioOpen (path, &in, MMIO_READ | MMIO_ALLOCBUF));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_FILENOTFOUND);
  memset (&in, 0, sizeof in);
  g_assert_null (mmioOpen (nodir, &in, MMIO_CREATE));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_FILENOTFOUND);
  g_assert_null (mmioOpen (path, NULL, MMIO_READWRITE));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A folder is not a file, for reading or writing. */
  memset (&in, 0, sizeof in);
  g_assert_null (mmioOpen ((LPSTR) tu_tmpdir (), &in, MMIO_READ));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_ACCESSDENIED);
  memset (&in, 0, sizeof in);
  g_assert_null (mmioOpen ((LPSTR) tu_tmpdir (), &in, MMIO_READWRITE));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_ACCESSDENIED);

  /* A negative buffer size is refused before the IOProc is asked. */
  {
    char *existing = tu_pattern_file ("negbuf.bin", 4);
    memset (&in, 0, sizeof in);
    in.cchBuffer = -1;
    g_assert_null (mmioOpen (existing, &in, MMIO_READ));
    g_assert_cmpuint (in.wErrorRet, ==, MMSYSERR_INVALPARAM);
    g_free (existing);
  }
  g_free (path);
  g_free (nodir);
}

static void
test_exclusive (void)
{
  char *path = tu_pattern_file ("excl.bin", 100);
  MMIOINFO in = { 0 };
  HMMIO a, b;

  /* An exclusive holder refuses every other opener... */
  a = mmioOpen (path, NULL, MMIO_READ | MMIO_EXCLUSIVE);
  g_assert_nonnull (a);
  g_assert_null (mmioOpen (path, &in, MMIO_READ));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_SHARINGVIOLATION);
  memset (&in, 0, sizeof in);
  g_assert_null (mmioOpen (path, &in, MMIO_READ | MMIO_DENYNONE));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_SHARINGVIOLATION);
  /* ...and a refused MMIO_CREATE must not have emptied its file. */
  memset (&in, 0, sizeof in);
  g_assert_null (mmioOpen (path, &in, MMIO_CREATE | MMIO_WRITE));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_SHARINGVIOLATION);
  g_assert_cmpint (mmioSeek (a, 0, SEEK_END), ==, 100);
  g_assert_cmpuint (mmioClose (a, 0), ==, 0);

  /* ...and an exclusive open fails while someone else has the file. */
  a = mmioOpen (path, NULL, MMIO_READ | MMIO_DENYNONE);
  g_assert_nonnull (a);
  b = mmioOpen (path, NULL, MMIO_READ);
  g_assert_nonnull (b);                /* sharing readers is fine */
  memset (&in, 0, sizeof in);
  g_assert_null (mmioOpen (path, &in, MMIO_READWRITE | MMIO_EXCLUSIVE));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_SHARINGVIOLATION);
  g_assert_cmpuint (mmioClose (a, 0), ==, 0);
  g_assert_cmpuint (mmioClose (b, 0), ==, 0);

  /* DENYWRITE and DENYREAD share with other openers (flock has no finer
   * grain; documented in dos.c), but not with an exclusive one. */
  a = mmioOpen (path, NULL, MMIO_READ | MMIO_DENYWRITE);
  g_assert_nonnull (a);
  b = mmioOpen (path, NULL, MMIO_READWRITE | MMIO_DENYREAD);
  g_assert_nonnull (b);
  memset (&in, 0, sizeof in);
  g_assert_null (mmioOpen (path, &in, MMIO_READ | MMIO_EXCLUSIVE));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_SHARINGVIOLATION);
  g_assert_cmpuint (mmioClose (a, 0), ==, 0);
  g_assert_cmpuint (mmioClose (b, 0), ==, 0);

  /* With everyone gone the exclusive open succeeds. */
  a = mmioOpen (path, NULL, MMIO_READWRITE | MMIO_EXCLUSIVE);
  g_assert_nonnull (a);
  g_assert_cmpuint (mmioClose (a, 0), ==, 0);
  g_free (path);
}

static void
test_inherited_fd (void)
{
  char *path = tu_pattern_file ("fd.bin", FILE_LEN);
  int fd = open (path, O_RDWR);
  MMIOINFO in = { 0 }, info;
  HMMIO h;
  char b[4];

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (lseek (fd, 300, SEEK_SET), ==, 300);
  in.fccIOProc = FOURCC_DOS;
  in.adwInfo[0] = (DWORD) fd;
  h = mmioOpen (NULL, &in, MMIO_READ);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  g_assert_cmpuint (info.adwInfo[0], ==, (DWORD) fd);
  g_assert_cmpint (info.lDiskOffset, ==, 300);
  g_assert_cmpint (info.lBufOffset, ==, 300);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_CUR), ==, 300);
  g_assert_cmpint (mmioRead (h, b, 4), ==, 4);
  g_assert_cmpuint ((guint8) b[0], ==, tu_pattern_byte (300));
  g_assert_cmpuint ((guint8) b[3], ==, tu_pattern_byte (303));

  /* MMIO_FHOPEN: the descriptor stays open and usable. */
  g_assert_cmpuint (mmioClose (h, MMIO_FHOPEN), ==, 0);
  g_assert_cmpint (fcntl (fd, F_GETFD), !=, -1);
  g_assert_cmpint (lseek (fd, 0, SEEK_CUR), ==, 304);

  /* Buffered, and without MMIO_FHOPEN the close closes it. */
  memset (&in, 0, sizeof in);
  in.fccIOProc = FOURCC_DOS;
  in.adwInfo[0] = (DWORD) fd;
  in.cchBuffer = 64;
  h = mmioOpen (NULL, &in, MMIO_READ);
  g_assert_nonnull (h);
  tu_get_info (h, &info);
  g_assert_cmpint (info.lBufOffset, ==, 304);
  g_assert_cmpint (mmioRead (h, b, 1), ==, 1);
  g_assert_cmpuint ((guint8) b[0], ==, tu_pattern_byte (304));
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  errno = 0;
  g_assert_cmpint (fcntl (fd, F_GETFD), ==, -1);
  g_assert_cmpint (errno, ==, EBADF);

  /* A descriptor that is not open fails the open. */
  memset (&in, 0, sizeof in);
  in.fccIOProc = FOURCC_DOS;
  in.adwInfo[0] = (DWORD) fd;
  g_assert_null (mmioOpen (NULL, &in, MMIO_READ));
  g_assert_cmpuint (in.wErrorRet, !=, 0);
  g_free (path);
}

static void
test_null_name_null_info (void)
{
  /* Nothing to open: refused, and descriptor 0 is left alone. */
  int before = fcntl (0, F_GETFD);
  g_assert_null (mmioOpen (NULL, NULL, MMIO_READ));
  g_assert_null (mmioOpen (NULL, NULL, MMIO_READ | MMIO_ALLOCBUF));
  g_assert_cmpint (fcntl (0, F_GETFD), ==, before);
}

static void
test_fhopen_named (void)
{
  char *path = tu_pattern_file ("fhopen.bin", 10);
  MMIOINFO info;
  HMMIO h = mmioOpen (path, NULL, MMIO_READ);
  int fd;

  g_assert_nonnull (h);
  tu_get_info (h, &info);
  fd = (int) info.adwInfo[0];
  g_assert_cmpuint (mmioClose (h, MMIO_FHOPEN), ==, 0);
  g_assert_cmpint (fcntl (fd, F_GETFD), !=, -1);
  close (fd);
  g_free (path);
}

static void
test_close_invalid (void)
{
  char *path = tu_pattern_file ("close.bin", 10);
  HMMIO h = mmioOpen (path, NULL, MMIO_READ);
  char b[2];

  g_assert_nonnull (h);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  g_assert_cmpuint (mmioClose (h, 0), ==, MMSYSERR_INVALHANDLE);
  g_assert_cmpint (mmioRead (h, b, 1), ==, -1);
  g_assert_cmpint (mmioWrite (h, b, 1), ==, -1);
  g_assert_cmpint (mmioSeek (h, 0, SEEK_SET), ==, -1);
  g_assert_cmpuint (mmioClose (NULL, 0), ==, MMSYSERR_INVALHANDLE);
  g_assert_cmpuint (mmioClose ((HMMIO) (uintptr_t) 0x12345678, 0), ==,
                    MMSYSERR_INVALHANDLE);
  g_assert_cmpuint (mmioGetLastError (h), ==, MMSYSERR_INVALHANDLE);
  g_free (path);
}

static void
test_unknown_fourcc (void)
{
  MMIOINFO in = { 0 };
  char *path = tu_pattern_file ("unknown.bin", 10);

  in.fccIOProc = mmioFOURCC ('Z', 'Z', 'Z', '9');
  g_assert_null (mmioOpen (path, &in, MMIO_READ));
  g_assert_cmpuint (in.wErrorRet, ==, MMIOERR_IOPROC_NOT_FOUND);
  g_free (path);
}

static void
test_flush_on_close (void)
{
  char *path = tu_path ("flushclose.bin");
  HMMIO h = mmioOpen (path, NULL, MMIO_CREATE | MMIO_WRITE | MMIO_ALLOCBUF);
  GBytes *bytes;

  g_assert_nonnull (h);
  g_assert_cmpint (mmioWrite (h, "0123456789", 10), ==, 10);
  bytes = tu_read_file (path);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);   /* still buffered */
  g_bytes_unref (bytes);
  g_assert_cmpuint (mmioClose (h, 0), ==, 0);
  bytes = tu_read_file (path);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   "0123456789", 10);
  g_bytes_unref (bytes);
  g_free (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (setup_rows); i++)
    {
      char *name = g_strdup_printf ("/open/buffer-setup/%s", setup_rows[i].name);
      g_test_add_data_func (name, &setup_rows[i], test_buffer_setup);
      g_free (name);
    }
  g_test_add_func ("/open/null-info", test_null_info);
  g_test_add_func ("/open/access-modes", test_access_modes);
  g_test_add_func ("/open/missing-file", test_missing_file);
  g_test_add_func ("/open/exclusive", test_exclusive);
  g_test_add_func ("/open/inherited-fd", test_inherited_fd);
  g_test_add_func ("/open/fhopen-named", test_fhopen_named);
  g_test_add_func ("/open/null-name-null-info", test_null_name_null_info);
  g_test_add_func ("/open/close-invalid", test_close_invalid);
  g_test_add_func ("/open/unknown-fourcc", test_unknown_fourcc);
  g_test_add_func ("/open/flush-on-close", test_flush_on_close);
  return g_test_run ();
}
