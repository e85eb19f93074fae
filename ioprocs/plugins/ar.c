/* ar.c — example plugin: a storage-system IOProc for Unix `ar` archives
 * (static libraries, .deb packages), written the way an IOProc author
 * outside the project would write one: only the public headers, loaded by
 * riffscope from a shared object.
 *
 *   mmioOpen ("libx.a+member.o", NULL, MMIO_READ)   reads member.o
 *   mmioOpen ("libx.a+", NULL, MMIO_READ)           reads the archive itself
 *                                                  (and lists its members)
 *
 * The extension "a" gives the FOURCC 'A   '. The archive is read through a
 * child handle on the storage system below (DOS for a plain path), so an
 * archive inside another container works too. Members are found by their
 * GNU ("name/", "/123" into the "//" table) or BSD ("#1/len") names.
 * Read-only: writes fail with MMIO_ERROR.
 *
 * Per-handle state lives in a heap block whose address is kept in
 * adwInfo[0..1] (two DWORDs hold a 64-bit pointer). */
#include <mmio/mmio-plugin.h>
#include <mmio/mmio-cf.h>

#include <libintl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define _(s) dgettext ("riffscope", s)

#define FOURCC_AR mmioFOURCC ('A', ' ', ' ', ' ')
#define AR_MAGIC "!<arch>\n"
#define AR_HDR 60

typedef struct
{
  HMMIO child;
  LONG  start;       /* member data offset in the archive (0: whole archive) */
  LONG  size;        /* member size (archive size when whole) */
  char *longnames;   /* GNU "//" table */
  LONG  longnames_len;
} ArState;

_Static_assert (sizeof (ArState *) <= 2 * sizeof (DWORD), "pointer fits adwInfo[0..1]");

static ArState *
state_of (MMIOINFO *info)
{
  ArState *s;
  memcpy (&s, info->adwInfo, sizeof s);
  return s;
}

static void
set_state (MMIOINFO *info, ArState *s)
{
  memcpy (info->adwInfo, &s, sizeof s);
}

static LONG
parse_decimal (const char *p, size_t n)
{
  LONG v = 0;
  size_t i = 0;

  while (i < n && p[i] == ' ')
    i++;
  if (i == n || p[i] < '0' || p[i] > '9')
    return -1;
  for (; i < n && p[i] >= '0' && p[i] <= '9'; i++)
    {
      if (v > (INT64_MAX - 9) / 10)
        return -1;
      v = v * 10 + (p[i] - '0');
    }
  for (; i < n; i++)
    if (p[i] != ' ')
      return -1;
  return v;
}

/* One member as found in the archive. */
typedef struct
{
  char name[256];
  LONG data;          /* offset of its bytes */
  LONG size;
  int  special;       /* symbol table or name table: not a member */
} ArMember;

/* Reads the member header at *pos; fills m and moves *pos to the next
 * header. Returns 1 on success, 0 at the end, -1 on damage. */
static int
next_member (ArState *s, LONG archive_size, LONG *pos, ArMember *m)
{
  char h[AR_HDR];
  LONG size, next, name_len = 0;

  if (*pos >= archive_size)
    return 0;
  if (mmioSeek (s->child, *pos, SEEK_SET) != *pos
      || mmioRead (s->child, h, AR_HDR) != AR_HDR
      || h[58] != '`' || h[59] != '\n')
    return -1;
  size = parse_decimal (h + 48, 10);
  if (size < 0 || size > INT64_MAX / 2)
    return -1;
  next = *pos + AR_HDR + size;
  next += next & 1;                     /* members start on even offsets */
  memset (m, 0, sizeof *m);
  m->data = *pos + AR_HDR;
  m->size = size;
  if (m->data + size > archive_size)
    m->size = archive_size - m->data;     /* cut short: serve what is there */

  if (memcmp (h, "#1/", 3) == 0)
    {
      /* BSD: the name follows the header and counts in the size. */
      name_len = parse_decimal (h + 3, 13);
      if (name_len < 0 || name_len > size || name_len >= (LONG) sizeof m->name
          || mmioRead (s->child, m->name, name_len) != name_len)
        return -1;
      m->name[name_len] = 0;
      m->data += name_len;
      m->size -= name_len;
    }
  else if (h[0] == '/' && (h[1] == ' ' || (h[1] == '/' && h[2] == ' ')
                           || memcmp (h, "/SYM64/", 7) == 0))
    {
      m->special = 1;
      memcpy (m->name, h, 2);
      if (h[1] == '/' && s->longnames == NULL && size < (16 << 20))
        {
          s->longnames = malloc ((size_t) size + 1);
          if (s->longnames != NULL
              && mmioRead (s->child, s->longnames, size) == size)
            {
              s->longnames[size] = 0;
              s->longnames_len = size;
            }
          else
            {
              free (s->longnames);
              s->longnames = NULL;
            }
        }
    }
  else if (h[0] == '/' && h[1] >= '0' && h[1] <= '9')
    {
      /* GNU long name: offset into the "//" table, ended by "/\n". */
      LONG off = parse_decimal (h + 1, 15);
      LONG i = 0;
      if (off < 0 || s->longnames == NULL || off >= s->longnames_len)
        return -1;
      while (off + i < s->longnames_len && i < (LONG) sizeof m->name - 1
             && s->longnames[off + i] != '\n')
        {
          m->name[i] = s->longnames[off + i];
          i++;
        }
      if (i > 0 && m->name[i - 1] == '/')
        i--;
      m->name[i] = 0;
    }
  else
    {
      int i = 16;
      memcpy (m->name, h, 16);
      while (i > 0 && m->name[i - 1] == ' ')
        i--;
      if (i > 0 && m->name[i - 1] == '/')
        i--;                             /* GNU terminator */
      m->name[i] = 0;
      if (strcmp (m->name, "__.SYMDEF") == 0
          || strcmp (m->name, "__.SYMDEF SORTED") == 0)
        m->special = 1;
    }
  *pos = next;
  return 1;
}

static LONG
archive_size_of (HMMIO child)
{
  LONG size = mmioSeek (child, 0, SEEK_END);
  mmioSeek (child, 0, SEEK_SET);
  return size;
}

static LRESULT
ar_open (MMIOINFO *info, const char *name)
{
  const char *plus;
  char *path, magic[8];
  ArState *s;
  MMIOINFO ci;
  LONG asize, pos = 8;
  ArMember m;
  int r;

  if (name == NULL || (plus = strrchr (name, '+')) == NULL)
    return MMIOERR_CANNOTOPEN;
  if ((info->dwFlags & MMIO_RWMODE) != MMIO_READ || (info->dwFlags & MMIO_CREATE))
    return MMIOERR_ACCESSDENIED;
  s = calloc (1, sizeof *s);
  if (s == NULL)
    return MMIOERR_OUTOFMEMORY;
  path = strndup (name, (size_t) (plus - name));
  memset (&ci, 0, sizeof ci);
  ci.fccIOProc = info->fccChildIOProc;       /* 0: chosen from the name */
  s->child = path ? mmioOpen (path, &ci, MMIO_READ | MMIO_ALLOCBUF) : NULL;
  free (path);
  if (s->child == NULL)
    {
      free (s);
      return ci.wErrorRet ? ci.wErrorRet : MMIOERR_CANNOTOPEN;
    }
  asize = archive_size_of (s->child);
  if (asize < 8 || mmioRead (s->child, magic, 8) != 8
      || memcmp (magic, AR_MAGIC, 8) != 0)
    {
      mmioClose (s->child, 0);
      free (s);
      return MMIOERR_INVALIDFILE;
    }
  s->start = 0;
  s->size = asize;
  if (plus[1] != 0)
    {
      while ((r = next_member (s, asize, &pos, &m)) == 1)
        if (!m.special && strcmp (m.name, plus + 1) == 0)
          break;
      if (r != 1)
        {
          mmioClose (s->child, 0);
          free (s->longnames);
          free (s);
          return r == 0 ? MMIOERR_FILENOTFOUND : MMIOERR_INVALIDFILE;
        }
      s->start = m.data;
      s->size = m.size;
    }
  set_state (info, s);
  info->lDiskOffset = 0;
  return MMIO_SUCCESS;
}

static LRESULT
ar_close (MMIOINFO *info)
{
  ArState *s = state_of (info);
  if (s == NULL)
    return MMIO_SUCCESS;
  mmioClose (s->child, 0);
  free (s->longnames);
  free (s);
  set_state (info, NULL);
  return MMIO_SUCCESS;
}

static LRESULT
ar_read (MMIOINFO *info, char *buf, LONG cch)
{
  ArState *s = state_of (info);
  LONG pos = info->lDiskOffset, n;

  if (cch < 0)
    return MMIO_ERROR;
  if (pos >= s->size)
    return 0;
  if (cch > s->size - pos)
    cch = s->size - pos;
  if (mmioSeek (s->child, s->start + pos, SEEK_SET) != s->start + pos)
    return MMIO_ERROR;
  n = mmioRead (s->child, buf, cch);
  if (n > 0)
    info->lDiskOffset += n;
  return n;
}

static LRESULT
ar_seek (MMIOINFO *info, LONG off, LONG origin)
{
  ArState *s = state_of (info);
  LONG target;

  switch (origin)
    {
    case SEEK_SET: target = off; break;
    case SEEK_CUR: target = info->lDiskOffset + off; break;
    case SEEK_END: target = s->size - off; break;   /* MMIO: subtractive */
    default: return MMIO_ERROR;
    }
  if (target < 0)
    return MMIO_ERROR;
  info->lDiskOffset = target;
  return target;
}

static LRESULT
ar_list (MMIOINFO *info, MMIOELEMENTSINK *sink)
{
  ArState *s = state_of (info);
  LONG asize = s->start == 0 ? s->size : archive_size_of (s->child);
  LONG pos = 8;
  ULONG index = 0;
  ArMember m;
  int r;

  if (sink == NULL || sink->AddElement == NULL)
    return MMIO_ERROR;
  while ((r = next_member (s, asize, &pos, &m)) == 1)
    {
      MMIOELEMENT e;
      if (m.special)
        continue;
      memset (&e, 0, sizeof e);
      e.ulStructLen = sizeof e;
      e.ulIndex = index++;
      e.pszName = m.name;
      e.lSize = m.size;
      e.lOffset = m.data;
      if (strchr (m.name, '/') != NULL || strcmp (m.name, "..") == 0)
        e.ulFlags |= MMIO_ELEMENT_UNSAFE_NAME;
      if (!sink->AddElement (sink, &e))
        break;
    }
  if (r < 0 && sink->AddFinding)
    sink->AddFinding (sink, "ar-damaged-header",
                      _("A member header of the archive is damaged; the members after it are not listed."));
  return MMIO_SUCCESS;
}

static const char *
format_name (void)
{
  return _("Unix ar archive");
}

static LRESULT
ar_ioproc (LPSTR lpmmioinfo, UINT msg, LPARAM p1, LPARAM p2)
{
  MMIOINFO *info = (MMIOINFO *) lpmmioinfo;

  switch (msg)
    {
    case MMIOM_OPEN:
      return ar_open (info, (const char *) p1);
    case MMIOM_CLOSE:
      return ar_close (info);
    case MMIOM_READ:
      return ar_read (info, (char *) p1, (LONG) p2);
    case MMIOM_WRITE:
    case MMIOM_WRITEFLUSH:
      return MMIO_ERROR;
    case MMIOM_SEEK:
      return ar_seek (info, (LONG) p1, (LONG) p2);
    case MMIOM_LISTELEMENTS:
      return ar_list (info, (MMIOELEMENTSINK *) p1);
    case MMIOM_GETFORMATINFO:
      {
        MMFORMATINFO *fi = (MMFORMATINFO *) p1;
        if (fi == NULL)
          return MMIO_ERROR;
        memset (fi, 0, sizeof *fi);
        fi->ulStructLen = sizeof *fi;
        fi->fccIOProc = FOURCC_AR;
        fi->ulIOProcType = MMIO_IOPROC_STORAGESYSTEM;
        fi->ulMediaType = MMIO_MEDIATYPE_COMPOUND;
        fi->ulFlags = MMIO_CANREADUNTRANSLATED | MMIO_CANSEEKUNTRANSLATED;
        strcpy (fi->szDefaultFormatExt, "A");
        fi->ulCodePage = 1208;
        fi->lNameLength = (int32_t) strlen (format_name ());
        return MMIO_SUCCESS;
      }
    case MMIOM_GETFORMATNAME:
      {
        const char *n = format_name ();
        LONG len = (LONG) strlen (n);
        if (p1 == 0 || p2 <= 0)
          return 0;
        if (len > p2)
          len = p2;
        memcpy ((char *) p1, n, (size_t) len);
        if (len < p2)
          ((char *) p1)[len] = 0;
        return len;
      }
    default:
      return MMIOERR_UNSUPPORTED_MESSAGE;
    }
}

static const MMIOPLUGINPROC ar_procs[] = {
  { FOURCC_AR, ar_ioproc, MMIO_IOPROC_STORAGESYSTEM, "ar_ioproc" },
};

MMIO_PLUGIN_EXPORT const MMIOPLUGINDESC *mmioPluginEntry (void);

MMIO_PLUGIN_EXPORT const MMIOPLUGINDESC *
mmioPluginEntry (void)
{
  static const MMIOPLUGINDESC desc = {
    sizeof desc, MMIO_PLUGIN_ABI_VERSION, "ar", 1, ar_procs
  };
  return &desc;
}
