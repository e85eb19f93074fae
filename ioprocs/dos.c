/* dos.c — the 'DOS ' storage IOProc: POSIX file I/O.
 *
 * adwInfo[0] holds the file descriptor. Sharing modes use flock(2), which
 * conflicts between separate opens even inside one process: MMIO_EXCLUSIVE
 * takes an exclusive lock, every other mode a shared one, so an exclusive
 * open fails while anyone has the file open and the other way round.
 * (DENYREAD and DENYWRITE act like DENYNONE: flock has no finer grain.) */
#include <mmio/mmio-ioproc.h>
#include "ioprocs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static UINT
errno_to_mmioerr (int e)
{
  switch (e)
    {
    case ENOENT: return MMIOERR_FILENOTFOUND;
    case ENOTDIR: case ENAMETOOLONG: return MMIOERR_PATHNOTFOUND;
    case EACCES: case EPERM: case EROFS: case EISDIR: return MMIOERR_ACCESSDENIED;
    case EMFILE: case ENFILE: return MMIOERR_TOOMANYOPENFILES;
    case ENOMEM: return MMIOERR_OUTOFMEMORY;
    case EWOULDBLOCK: return MMIOERR_SHARINGVIOLATION;
    default: return MMIOERR_CANNOTOPEN;
    }
}

static LRESULT
dos_open (MMIOINFO *info, const char *name)
{
  DWORD flags = info->dwFlags;
  int oflags, fd, lock;
  struct stat st;

  if (name == NULL)
    {
      /* An already-open descriptor; its position is inherited. */
      off_t here = lseek ((int) info->adwInfo[0], 0, SEEK_CUR);
      if (fcntl ((int) info->adwInfo[0], F_GETFD) == -1)
        return MMIOERR_CANNOTOPEN;
      info->lDiskOffset = here < 0 ? 0 : here;
      return 0;
    }
  if (flags & MMIO_CREATE)
    oflags = O_RDWR | O_CREAT;
  else
    switch (flags & MMIO_RWMODE)
      {
      case MMIO_WRITE: oflags = O_WRONLY; break;
      case MMIO_READWRITE: oflags = O_RDWR; break;
      default: oflags = O_RDONLY; break;
      }
  fd = open (name, oflags | O_CLOEXEC, 0666);
  if (fd < 0)
    return errno_to_mmioerr (errno);
  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      close (fd);
      return MMIOERR_ACCESSDENIED;
    }
  lock = (flags & MMIO_SHAREMODE) == MMIO_EXCLUSIVE ? LOCK_EX : LOCK_SH;
  if (flock (fd, lock | LOCK_NB) != 0)
    {
      close (fd);
      return MMIOERR_SHARINGVIOLATION;
    }
  /* Truncate only once the sharing check passed: an exclusive holder's
   * file must not be emptied by someone who is then refused. */
  if ((flags & MMIO_CREATE) && ftruncate (fd, 0) != 0)
    {
      int e = errno;
      close (fd);
      return errno_to_mmioerr (e);
    }
  info->adwInfo[0] = (DWORD) fd;
  info->lDiskOffset = 0;
  return 0;
}

static LRESULT
dos_read (MMIOINFO *info, char *buf, LONG cch)
{
  int fd = (int) info->adwInfo[0];
  LONG done = 0;

  while (done < cch)
    {
      ssize_t n = read (fd, buf + done, (size_t) (cch - done));
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return done > 0 ? done : -1;
        }
      if (n == 0)
        break;
      done += n;
      info->lDiskOffset += n;
    }
  return done;
}

static LRESULT
dos_write (MMIOINFO *info, const char *buf, LONG cch)
{
  int fd = (int) info->adwInfo[0];
  LONG done = 0;

  while (done < cch)
    {
      ssize_t n = write (fd, buf + done, (size_t) (cch - done));
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return done > 0 ? done : -1;
        }
      done += n;
      info->lDiskOffset += n;
    }
  return done;
}

static LRESULT
dos_seek (MMIOINFO *info, LONG offset, int origin)
{
  off_t r;

  /* SEEK_END is subtractive in MMIO: a positive offset moves back. The
   * one offset that has no negation is refused. */
  if (origin == SEEK_END)
    {
      if (offset == INT64_MIN)
        return -1;
      offset = -offset;
    }
  else if (origin != SEEK_SET && origin != SEEK_CUR)
    return -1;
  r = lseek ((int) info->adwInfo[0], offset, origin);
  if (r < 0)
    return -1;
  info->lDiskOffset = r;
  return r;
}

static LRESULT
dos_rename (const char *from, const char *to)
{
  /* An MMIO rename never replaces an existing file. */
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno == EINVAL || errno == ENOSYS)
    {
      /* A file system without RENAME_NOREPLACE: link refuses to replace. */
      if (link (from, to) == 0)
        {
          unlink (from);
          return 0;
        }
    }
  /* Windows answers every failure with FILENOTFOUND; an existing
   * destination is ACCESSDENIED here, so the user learns why. */
  return errno == EEXIST ? MMIOERR_ACCESSDENIED : MMIOERR_FILENOTFOUND;
}

LRESULT
mmio_dos_ioproc (LPSTR lpmmioinfo, UINT uMsg, LPARAM lParam1, LPARAM lParam2)
{
  MMIOINFO *info = (MMIOINFO *) lpmmioinfo;

  switch (uMsg)
    {
    case MMIOM_OPEN:
      return dos_open (info, (const char *) lParam1);
    case MMIOM_CLOSE:
      if (!((UINT) lParam1 & MMIO_FHOPEN))
        close ((int) info->adwInfo[0]);
      else
        flock ((int) info->adwInfo[0], LOCK_UN);
      return 0;
    case MMIOM_READ:
      return dos_read (info, (char *) lParam1, (LONG) lParam2);
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
      return dos_write (info, (const char *) lParam1, (LONG) lParam2);
    case MMIOM_SEEK:
      return dos_seek (info, (LONG) lParam1, (int) lParam2);
    case MMIOM_RENAME:
      return dos_rename ((const char *) lParam1, (const char *) lParam2);
    case MMIOM_GETFORMATINFO:
      return mmio_ioprocs_fill_format ((MMFORMATINFO *) lParam1, FOURCC_DOS,
                                       MMIO_IOPROC_STORAGESYSTEM,
                                       MMIO_MEDIATYPE_UNKNOWN,
                                       MMIO_CANREADUNTRANSLATED
                                       | MMIO_CANWRITEUNTRANSLATED
                                       | MMIO_CANREADWRITEUNTRANSLATED
                                       | MMIO_CANSEEKUNTRANSLATED,
                                       "", mmio_dos_format_name ());
    case MMIOM_GETFORMATNAME:
      return mmio_ioprocs_copy_name ((char *) lParam1, (LONG) lParam2,
                                     mmio_dos_format_name ());
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}
