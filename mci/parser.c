/* parser.c — mciSendString: splits a command string into verb, device and
 * arguments, resolves the device (alias of this thread, "all", a type or
 * file to auto-open), fills the command's parameter block from its command
 * table (custom, device type, core), sends it and formats the answer as
 * text. Every token is parsed, so nothing after an alias is lost. */
#include "mci-private.h"

#include <string.h>
#include <stdio.h>

#define MAX_ARGS 96
#define BLOCK_SLOTS 32

typedef struct
{
  const char *s;
  gsize       len;
  gboolean    quoted;
} Tok;

typedef struct
{
  const MCI_COMMAND_ENTRY *e;
  const MCI_COMMAND_ENTRY *items;  /* MCI_CONSTANT: its group */
  guint    n_items;
  gsize    offset;
  gboolean used;
} Arg;

typedef struct
{
  UINT     msg;
  gboolean has_ret;
  DWORD    ret_type;
  gsize    ret_offset;
  Arg      args[MAX_ARGS];
  guint    n;
} Layout;

typedef struct
{
  DWORD_PTR  block[BLOCK_SLOTS];  /* the parameter block, zeroed */
  DWORD      flags;
  GPtrArray *strings;             /* values the block points to */
} Parsed;

/* ---- lexing ---- */

static DWORD
tokenize (const char *p, GArray *toks)
{
  while (*p)
    {
      Tok t = { 0 };
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == 0)
        break;
      if (*p == '"')
        {
          const char *q = strchr (p + 1, '"');
          if (q == NULL)
            return MCIERR_NO_CLOSING_QUOTE;
          t.s = p + 1;
          t.len = q - p - 1;
          t.quoted = TRUE;
          p = q + 1;
          if (*p != 0 && *p != ' ' && *p != '\t')
            return MCIERR_EXTRA_CHARACTERS;
        }
      else
        {
          t.s = p;
          while (*p && *p != ' ' && *p != '\t')
            p++;
          t.len = p - t.s;
        }
      g_array_append_val (toks, t);
    }
  return 0;
}

static gboolean
tok_is (const Tok *t, const char *word)
{
  return !t->quoted && strlen (word) == t->len
         && g_ascii_strncasecmp (t->s, word, t->len) == 0;
}

/* How many tokens the (possibly multi-word) keyword takes at toks[i]. */
static guint
match_words (const char *kw, const Tok *toks, guint n, guint i)
{
  guint k = 0;

  if (kw == NULL || kw[0] == 0)
    return 0;
  while (*kw)
    {
      const char *end = strchr (kw, ' ');
      gsize len = end ? (gsize) (end - kw) : strlen (kw);
      if (len > 0)
        {
          if (i + k >= n || toks[i + k].quoted || toks[i + k].len != len
              || g_ascii_strncasecmp (toks[i + k].s, kw, len) != 0)
            return 0;
          k++;
        }
      kw += len;
      while (*kw == ' ')
        kw++;
    }
  return k;
}

/* Decimal, or up to four colon-separated bytes (a:b:c:d, low byte first).
 * A leading '-' only without colons. No hex. */
static gboolean
parse_integer (const Tok *t, DWORD *out)
{
  const char *s = t->s;
  gsize len = t->len, i;
  gboolean neg = FALSE, colon = memchr (s, ':', len) != NULL;
  guint64 parts[4] = { 0 };
  guint np = 0;

  if (len == 0)
    return FALSE;
  if (s[0] == '-')
    {
      if (colon || len == 1)
        return FALSE;
      neg = TRUE;
      s++;
      len--;
    }
  np = 1;
  for (i = 0; i < len; i++)
    {
      if (s[i] == ':')
        {
          if (np == 4)
            return FALSE;
          np++;
          continue;
        }
      if (s[i] < '0' || s[i] > '9')
        return FALSE;
      parts[np - 1] = parts[np - 1] * 10 + (s[i] - '0');
      if (parts[np - 1] > G_MAXUINT32)
        return FALSE;
    }
  if (!colon)
    {
      if (!neg && i == 0)
        return FALSE;
      *out = neg ? (DWORD) (-(gint64) parts[0]) : (DWORD) parts[0];
      return TRUE;
    }
  for (guint k = 0; k < np; k++)
    if (parts[k] > 255)
      return FALSE;
  *out = (DWORD) (parts[0] | (parts[1] << 8) | (parts[2] << 16) | (parts[3] << 24));
  return TRUE;
}

static gboolean
parse_decimal (const Tok *t, DWORD *out)
{
  if (t->quoted || t->len == 0 || memchr (t->s, ':', t->len))
    return FALSE;
  return parse_integer (t, out);
}

/* ---- layout from the command table ---- */

static DWORD
build_layout (const MCI_COMMAND_ENTRY *head, Layout *l)
{
  gsize off = sizeof (DWORD_PTR);
  const gsize max = sizeof (((Parsed *) 0)->block);

  memset (l, 0, sizeof *l);
  l->msg = head->value;
  for (guint i = 1; i < 1024; i++)
    {
      const MCI_COMMAND_ENTRY *e = &head[i];
      Arg *a;

      if (e->type == MCI_END_COMMAND || e->type == MCI_END_COMMAND_LIST
          || e->type == MCI_COMMAND_HEAD)
        return 0;
      if (e->type == MCI_RETURN)
        {
          l->has_ret = TRUE;
          l->ret_type = e->value;
          switch (e->value)
            {
            case MCI_INTEGER:
              if (l->msg == MCI_STATUS)
                {
                  off = (off + 7) & ~(gsize) 7;
                  l->ret_offset = off;
                  off += sizeof (DWORD_PTR);
                }
              else
                {
                  l->ret_offset = off;
                  off += sizeof (DWORD);
                }
              break;
            case MCI_STRING:
              off = (off + 7) & ~(gsize) 7;
              l->ret_offset = off;
              off += sizeof (DWORD_PTR) + sizeof (DWORD);
              break;
            case MCI_RECT:
              l->ret_offset = off;
              off += 4 * sizeof (DWORD);
              break;
            default:
              off = (off + 7) & ~(gsize) 7;
              l->ret_offset = off;
              off += sizeof (DWORD_PTR);
              break;
            }
          continue;
        }
      if (l->n >= MAX_ARGS)
        return MCIERR_PARSER_INTERNAL;
      a = &l->args[l->n++];
      a->e = e;
      a->offset = (gsize) -1;
      switch (e->type)
        {
        case MCI_FLAG:
          break;
        case MCI_INTEGER:
          a->offset = off;
          off += sizeof (DWORD);
          break;
        case MCI_RECT:
          a->offset = off;
          off += 4 * sizeof (DWORD);
          break;
        case MCI_CONSTANT:
          a->offset = off;
          off += sizeof (DWORD);
          a->items = e + 1;
          while (i + 1 < 1024 && head[i + 1].type != MCI_END_CONSTANT
                 && head[i + 1].type != MCI_END_COMMAND
                 && head[i + 1].type != MCI_END_COMMAND_LIST)
            {
              i++;
              a->n_items++;
            }
          if (head[i + 1].type == MCI_END_CONSTANT)
            i++;
          break;
        case MCI_STRING:
        case MCI_HWND:
        case MCI_HPAL:
        case MCI_HDC:
        case MCI_INTEGER64:
          off = (off + 7) & ~(gsize) 7;
          a->offset = off;
          off += sizeof (DWORD_PTR);
          break;
        default:
          return MCIERR_PARSER_INTERNAL;
        }
      if (off > max)
        return MCIERR_PARSER_INTERNAL;
    }
  return MCIERR_PARSER_INTERNAL;
}

static void
put_dword (Parsed *p, gsize off, DWORD v)
{
  memcpy ((char *) p->block + off, &v, sizeof v);
}

static void
put_ptr (Parsed *p, gsize off, DWORD_PTR v)
{
  memcpy ((char *) p->block + off, &v, sizeof v);
}

static DWORD_PTR
get_ptr (Parsed *p, gsize off)
{
  DWORD_PTR v;
  memcpy (&v, (char *) p->block + off, sizeof v);
  return v;
}

static DWORD
get_dword (Parsed *p, gsize off)
{
  DWORD v;
  memcpy (&v, (char *) p->block + off, sizeof v);
  return v;
}

/* Longest constant word of a group at toks[i]. */
static guint
match_constant (const Arg *a, const Tok *toks, guint n, guint i, DWORD *val)
{
  guint best = 0;
  for (guint k = 0; k < a->n_items; k++)
    {
      guint m = match_words (a->items[k].keyword, toks, n, i);
      if (m > best)
        {
          best = m;
          *val = a->items[k].value;
        }
    }
  return best;
}

static char *
tok_dup (Parsed *p, const Tok *t)
{
  char *s = g_strndup (t->s, t->len);
  g_ptr_array_add (p->strings, s);
  return s;
}

static DWORD
parse_args (Layout *l, const Tok *toks, guint n, guint i, Parsed *p)
{
  while (i < n)
    {
      Arg *best = NULL;
      guint best_len = 0;
      DWORD best_val = 0;

      if (!toks[i].quoted)
        for (guint k = 0; k < l->n; k++)
          {
            Arg *a = &l->args[k];
            guint m;
            DWORD v = 0;
            if (a->e->type == MCI_CONSTANT && a->e->keyword[0] == 0)
              m = match_constant (a, toks, n, i, &v);
            else
              m = match_words (a->e->keyword, toks, n, i);
            if (m > best_len)
              {
                best = a;
                best_len = m;
                best_val = v;
              }
          }

      if (best == NULL)
        {
          Arg *unnamed_str = NULL, *unnamed_const = NULL;
          for (guint k = 0; k < l->n; k++)
            {
              Arg *a = &l->args[k];
              if (a->e->keyword[0] != 0 || a->used)
                continue;
              if (a->e->type == MCI_STRING && !unnamed_str)
                unnamed_str = a;
              if (a->e->type == MCI_CONSTANT && !unnamed_const)
                unnamed_const = a;
            }
          if (unnamed_str)
            {
              put_ptr (p, unnamed_str->offset, (DWORD_PTR) tok_dup (p, &toks[i]));
              unnamed_str->used = TRUE;
              p->flags |= unnamed_str->e->value;
              i++;
              continue;
            }
          if (unnamed_const && !toks[i].quoted)
            {
              DWORD v;
              if (!parse_decimal (&toks[i], &v))
                return MCIERR_BAD_CONSTANT;
              put_dword (p, unnamed_const->offset, v);
              unnamed_const->used = TRUE;
              p->flags |= unnamed_const->e->value;
              i++;
              continue;
            }
          return MCIERR_UNRECOGNIZED_KEYWORD;
        }

      i += best_len;
      switch (best->e->type)
        {
        case MCI_FLAG:
          if (best->used)
            return MCIERR_DUPLICATE_FLAGS;
          break;
        case MCI_CONSTANT:
          if (best->used)
            return MCIERR_FLAGS_NOT_COMPATIBLE;
          if (best->e->keyword[0] != 0)
            {
              guint m;
              if (i >= n)
                return MCIERR_MISSING_PARAMETER;
              m = match_constant (best, toks, n, i, &best_val);
              if (m == 0)
                {
                  if (!parse_decimal (&toks[i], &best_val))
                    return MCIERR_BAD_CONSTANT;
                  m = 1;
                }
              i += m;
            }
          put_dword (p, best->offset, best_val);
          break;
        case MCI_INTEGER:
          {
            DWORD v;
            if (best->used)
              return MCIERR_DUPLICATE_FLAGS;
            if (i >= n)
              return MCIERR_MISSING_PARAMETER;
            if (toks[i].quoted || !parse_integer (&toks[i], &v))
              return MCIERR_BAD_INTEGER;
            put_dword (p, best->offset, v);
            i++;
            break;
          }
        case MCI_RECT:
          if (best->used)
            return MCIERR_DUPLICATE_FLAGS;
          for (guint k = 0; k < 4; k++, i++)
            {
              DWORD v;
              if (i >= n || toks[i].quoted || !parse_integer (&toks[i], &v))
                return MCIERR_BAD_INTEGER;
              put_dword (p, best->offset + k * sizeof (DWORD), v);
            }
          break;
        case MCI_STRING:
          if (best->used)
            return MCIERR_DUPLICATE_FLAGS;
          if (i >= n)
            return MCIERR_MISSING_STRING_ARGUMENT;
          put_ptr (p, best->offset, (DWORD_PTR) tok_dup (p, &toks[i]));
          i++;
          break;
        default:   /* handles and 64-bit integers: a number in a wide slot */
          {
            DWORD v;
            if (best->used)
              return MCIERR_DUPLICATE_FLAGS;
            if (i >= n || toks[i].quoted || !parse_integer (&toks[i], &v))
              return MCIERR_BAD_INTEGER;
            put_ptr (p, best->offset, v);
            i++;
            break;
          }
        }
      best->used = TRUE;
      p->flags |= best->e->value;
    }
  return 0;
}

/* ---- answers ---- */

static DWORD
put_text (char *ret, UINT cch, const char *s)
{
  gsize len = strlen (s);
  if (ret == NULL || cch == 0)
    return 0;
  if (len + 1 > cch)
    return MCIERR_PARAM_OVERFLOW;
  memcpy (ret, s, len + 1);
  return 0;
}

static DWORD
format_return (const Layout *l, Parsed *p, DWORD r, char *ret, UINT cch)
{
  char buf[64];

  if (!l->has_ret)
    return 0;
  if (l->ret_type == MCI_STRING)
    {
      if (r & MCI_INTEGER_RETURNED)
        {
          DWORD v;
          if (ret == NULL || cch < sizeof v)
            return MCIERR_PARAM_OVERFLOW;
          memcpy (&v, ret, sizeof v);
          g_snprintf (buf, sizeof buf, "%u", v);
          return put_text (ret, cch, buf);
        }
      return 0;
    }
  if (l->ret_type == MCI_RECT)
    {
      g_snprintf (buf, sizeof buf, "%d %d %d %d",
                  (int) get_dword (p, l->ret_offset), (int) get_dword (p, l->ret_offset + 4),
                  (int) get_dword (p, l->ret_offset + 8), (int) get_dword (p, l->ret_offset + 12));
      return put_text (ret, cch, buf);
    }
  {
    DWORD_PTR v = (l->msg == MCI_STATUS || l->ret_type == MCI_INTEGER64)
                  ? get_ptr (p, l->ret_offset) : get_dword (p, l->ret_offset);
    if (r & MCI_RESOURCE_RETURNED)
      {
        const char *word = mci_resource_string (HIWORD (v));
        if (word)
          return put_text (ret, cch, word);
        g_snprintf (buf, sizeof buf, "%u", (unsigned) LOWORD (v));
      }
    else if (r & MCI_COLONIZED3_RETURN)
      g_snprintf (buf, sizeof buf, "%02u:%02u:%02u", (unsigned) (v & 0xFF),
                  (unsigned) ((v >> 8) & 0xFF), (unsigned) ((v >> 16) & 0xFF));
    else if (r & MCI_COLONIZED4_RETURN)
      g_snprintf (buf, sizeof buf, "%02u:%02u:%02u:%02u", (unsigned) (v & 0xFF),
                  (unsigned) ((v >> 8) & 0xFF), (unsigned) ((v >> 16) & 0xFF),
                  (unsigned) ((v >> 24) & 0xFF));
    else
      g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, (guint64) v);
    return put_text (ret, cch, buf);
  }
}

static void
set_string_return (const Layout *l, Parsed *p, char *ret, UINT cch)
{
  if (l->has_ret && l->ret_type == MCI_STRING)
    {
      put_ptr (p, l->ret_offset, (DWORD_PTR) ret);
      put_dword (p, l->ret_offset + sizeof (DWORD_PTR), ret ? cch : 0);
    }
}

/* ---- the verbs the manager parses specially ---- */

static char *
type_of_name (const char *name)
{
  gboolean has_ext;
  const char *bang = strchr (name, '!');

  if (mci_driver_exists (name))
    return g_strdup (name);
  if (bang && bang != name)
    {
      char *t = g_strndup (name, bang - name);
      if (mci_driver_exists (t))
        return t;
      g_free (t);
    }
  return mci_type_for_file (name, &has_ext);
}

static const MCI_COMMAND_ENTRY *
verb_for_type (const char *type, const char *verb, gsize len)
{
  UINT devtype, table;
  const MCI_COMMAND_ENTRY *h = NULL;

  if (type && mci_is_devtype_name (type, &devtype))
    {
      table = mci_table_for_devtype (devtype);
      if (table != MCI_NO_COMMAND_TABLE)
        h = mci_table_find_verb (table, verb, len);
    }
  return h ? h : mci_table_find_verb (MCI_TABLE_CORE, verb, len);
}

static DWORD
do_open (const Tok *toks, guint n, char *ret, UINT cch, HWND hwnd, Parsed *p)
{
  char *devname = tok_dup (p, &toks[1]);
  char *type = NULL;
  const MCI_COMMAND_ENTRY *head;
  Layout l;
  MCI_OPEN_PARMS *op = (MCI_OPEN_PARMS *) p->block;
  DWORD r;
  gboolean is_new = tok_is (&toks[1], "new");
  char buf[32];

  if (tok_is (&toks[1], "all"))
    return MCIERR_CANNOT_USE_ALL;
  for (guint j = 2; j + 1 < n; j++)
    if (tok_is (&toks[j], "type"))
      {
        type = g_strndup (toks[j + 1].s, toks[j + 1].len);
        break;
      }
  if (type == NULL && !is_new)
    type = type_of_name (devname);
  head = verb_for_type (type, "open", 4);
  g_free (type);
  r = build_layout (head, &l);
  if (r == 0)
    r = parse_args (&l, toks, n, 2, p);
  if (r)
    return r;
  if (is_new)
    {
      if (!(p->flags & MCI_OPEN_ALIAS))
        return MCIERR_NEW_REQUIRES_ALIAS;
      p->flags |= MCI_OPEN_ELEMENT;
      op->lpstrElementName = "";
    }
  else if (!(p->flags & MCI_OPEN_TYPE) && !toks[1].quoted
           && mci_driver_exists (devname))
    {
      p->flags |= MCI_OPEN_TYPE;
      op->lpstrDeviceType = devname;
    }
  else if (!(p->flags & MCI_OPEN_ELEMENT))
    {
      p->flags |= MCI_OPEN_ELEMENT;
      op->lpstrElementName = devname;
    }
  else
    return MCIERR_FLAGS_NOT_COMPATIBLE;  /* two element names */
  if (p->flags & MCI_NOTIFY)
    op->dwCallback = (DWORD_PTR) hwnd;
  r = mci_open_device (p->flags, op, FALSE);
  if (r)
    return r;
  g_snprintf (buf, sizeof buf, "%u", op->wDeviceID);
  put_text (ret, cch, buf);
  return 0;
}

static DWORD
do_sysinfo (const Tok *toks, guint n, char *ret, UINT cch, HWND hwnd, Parsed *p)
{
  const MCI_COMMAND_ENTRY *head = mci_table_find_verb (MCI_TABLE_CORE, "sysinfo", 7);
  MCI_SYSINFO_PARMS *sp = (MCI_SYSINFO_PARMS *) p->block;
  char *devname = tok_dup (p, &toks[1]);
  MCIDEVICEID id = 0;
  UINT devtype = 0;
  Layout l;
  DWORD r;

  r = build_layout (head, &l);
  if (r == 0)
    r = parse_args (&l, toks, n, 2, p);
  if (r)
    return r;
  if (tok_is (&toks[1], "all"))
    id = MCI_ALL_DEVICE_ID;
  else if (p->flags & MCI_SYSINFO_INSTALLNAME)
    {
      id = mciGetDeviceID (devname);
      if (id == 0)
        return MCIERR_INVALID_DEVICE_NAME;
    }
  else if (mci_is_devtype_name (devname, &devtype))
    sp->wDeviceType = devtype;
  else
    return MCIERR_DEVICE_TYPE_REQUIRED;
  if (p->flags & MCI_NOTIFY)
    sp->dwCallback = (DWORD_PTR) hwnd;
  set_string_return (&l, p, ret, cch);
  r = mci_send_command_raw (id, MCI_SYSINFO, p->flags, (DWORD_PTR) p->block);
  if (LOWORD (r))
    return LOWORD (r);
  return format_return (&l, p, r, ret, cch);
}

static gboolean
may_auto_open (UINT msg)
{
  switch (msg)
    {
    case MCI_OPEN: case MCI_CLOSE: case MCI_SYSINFO: case MCI_SOUND:
    case MCI_BREAK:
      return FALSE;
    default:
      return TRUE;
    }
}

static DWORD
send_string (const char *cmd, char *ret, UINT cch, HWND hwnd, Parsed *p)
{
  GArray *arr = g_array_new (FALSE, FALSE, sizeof (Tok));
  const Tok *toks;
  guint n;
  DWORD r;
  const MCI_COMMAND_ENTRY *core_head, *head = NULL;
  char *devname;
  MCIDEVICEID id = 0;
  gboolean auto_opened = FALSE, auto_busy = FALSE;
  Layout *l = NULL;
  HWND reaper = NULL;

  r = tokenize (cmd, arr);
  n = arr->len;
  toks = (const Tok *) arr->data;
  if (r)
    goto out;
  if (n == 0)
    {
      r = MCIERR_MISSING_COMMAND_STRING;
      goto out;
    }
  if (n == 1)
    {
      r = MCIERR_MISSING_DEVICE_NAME;
      goto out;
    }
  if (toks[0].quoted)
    {
      r = MCIERR_UNRECOGNIZED_COMMAND;
      goto out;
    }
  if (tok_is (&toks[0], "open"))
    {
      r = do_open (toks, n, ret, cch, hwnd, p);
      goto out;
    }
  if (tok_is (&toks[0], "sysinfo"))
    {
      r = do_sysinfo (toks, n, ret, cch, hwnd, p);
      goto out;
    }

  core_head = mci_table_find_verb (MCI_TABLE_CORE, toks[0].s, toks[0].len);
  devname = tok_dup (p, &toks[1]);
  l = g_new0 (Layout, 1);

  if (core_head && core_head->value == MCI_SOUND)
    {
      MCI_SOUND_PARMS *sp = (MCI_SOUND_PARMS *) p->block;
      r = build_layout (core_head, l);
      if (r == 0)
        r = parse_args (l, toks, n, 2, p);
      if (r)
        goto out;
      sp->lpstrSoundName = devname;
      p->flags |= MCI_SOUND_NAME;
      if (p->flags & MCI_NOTIFY)
        sp->dwCallback = (DWORD_PTR) hwnd;
      r = LOWORD (mci_send_command_raw (0, MCI_SOUND, p->flags, (DWORD_PTR) p->block));
      goto out;
    }

  if (tok_is (&toks[1], "all"))
    {
      if (core_head == NULL)
        {
          r = MCIERR_UNRECOGNIZED_COMMAND;
          goto out;
        }
      head = core_head;
      id = MCI_ALL_DEVICE_ID;
    }
  else
    {
      MciDevice *d;
      UINT custom = MCI_NO_COMMAND_TABLE, devtype = 0;

      mci_devices_lock ();
      d = mci_devices_find_alias (devname, g_thread_self ());
      if (d)
        {
          id = d->id;
          custom = d->custom_table;
          devtype = d->type;
          auto_busy = d->auto_open && d->auto_busy;
        }
      mci_devices_unlock ();
      if (id != 0)
        {
          if (custom != MCI_NO_COMMAND_TABLE)
            head = mci_table_find_verb (custom, toks[0].s, toks[0].len);
          if (head == NULL && mci_table_for_devtype (devtype) != MCI_NO_COMMAND_TABLE)
            head = mci_table_find_verb (mci_table_for_devtype (devtype),
                                        toks[0].s, toks[0].len);
          if (head == NULL)
            head = core_head;
          if (head == NULL)
            {
              r = MCIERR_UNRECOGNIZED_COMMAND;
              goto out;
            }
        }
      else
        {
          char *type;
          if (core_head == NULL)
            {
              r = MCIERR_UNRECOGNIZED_COMMAND;
              goto out;
            }
          if (!may_auto_open (core_head->value))
            {
              r = MCIERR_INVALID_DEVICE_NAME;
              goto out;
            }
          type = type_of_name (devname);
          head = verb_for_type (type, toks[0].s, toks[0].len);
          g_free (type);
          auto_opened = TRUE;
        }
    }

  if (head->value == MCI_OPEN || head->value == MCI_SYSINFO)
    {
      r = MCIERR_UNRECOGNIZED_COMMAND;
      goto out;
    }
  r = build_layout (head, l);
  if (r == 0)
    r = parse_args (l, toks, n, 2, p);
  if (r)
    goto out;
  if (id == MCI_ALL_DEVICE_ID && l->has_ret)
    {
      r = MCIERR_CANNOT_USE_ALL;
      goto out;
    }
  if ((auto_opened || auto_busy) && (p->flags & MCI_NOTIFY))
    {
      r = MCIERR_NOTIFY_ON_AUTO_OPEN;
      goto out;
    }
  if (auto_opened && (head->value == MCI_RECORD || head->value == MCI_SAVE
                      || head->value == MCI_DELETE))
    {
      /* Editing a device that closes itself when the command is done
       * would throw the work away. */
      r = MCIERR_ILLEGAL_FOR_AUTO_OPEN;
      goto out;
    }

  if (auto_opened)
    {
      MCI_OPEN_PARMS op = { 0 };
      DWORD oflags = 0;
      if (mci_driver_exists (devname))
        {
          oflags = MCI_OPEN_TYPE;
          op.lpstrDeviceType = devname;
        }
      else
        {
          oflags = MCI_OPEN_ELEMENT;
          op.lpstrElementName = devname;
        }
      r = mci_open_device (oflags, &op, TRUE);
      if (r)
        goto out;
      id = op.wDeviceID;
    }

  if (p->flags & MCI_NOTIFY)
    ((MCI_GENERIC_PARMS *) p->block)->dwCallback = (DWORD_PTR) hwnd;
  set_string_return (l, p, ret, cch);

  if (auto_opened && (head->value == MCI_PLAY || head->value == MCI_RECORD)
      && !(p->flags & MCI_WAIT))
    {
      reaper = mci_autoclose_window (id);
      p->flags |= MCI_NOTIFY;
      ((MCI_GENERIC_PARMS *) p->block)->dwCallback = (DWORD_PTR) reaper;
    }

  r = mci_send_command_raw (id, head->value, p->flags, (DWORD_PTR) p->block);
  if (LOWORD (r) == 0)
    r = format_return (l, p, r, ret, cch);
  else
    r = LOWORD (r);

  if (auto_busy && r == 0 && (head->value == MCI_STOP || head->value == MCI_SEEK))
    {
      /* Stopping an auto-opened device ends its use: close it now rather
       * than when the manager's notification comes round, so the ID and
       * the name are free when this call returns. */
      MciDevice *d;
      guint serial = 0;
      mci_devices_lock ();
      d = mci_devices_lookup (id);
      if (d && d->auto_open)
        serial = d->serial;
      mci_devices_unlock ();
      if (serial != 0)
        {
          /* The manager's own notification may be closing it already. */
          mci_close_device (id, 0, 0);
          mci_devices_wait_gone (id, serial);
        }
    }
  if (auto_opened && (reaper == NULL || r != 0))
    {
      /* Immediate commands (and a play that did not start) close the
       * device they opened right away. */
      if (reaper)
        mciDestroyCallbackWindow (reaper);
      mci_close_device (id, 0, 0);
    }

out:
  g_free (l);
  g_array_free (arr, TRUE);
  return r;
}

MCIERROR
mciSendString (LPCSTR lpstrCommand, LPSTR lpstrReturn, UINT uReturnLength,
               HWND hwndCallback)
{
  Parsed p;
  DWORD r;

  mci_ensure_init ();
  if (lpstrReturn && uReturnLength > 0)
    lpstrReturn[0] = 0;
  if (lpstrCommand == NULL)
    return MCIERR_MISSING_COMMAND_STRING;
  memset (&p, 0, sizeof p);
  p.strings = g_ptr_array_new_with_free_func (g_free);
  r = send_string (lpstrCommand, lpstrReturn, uReturnLength, hwndCallback, &p);
  g_ptr_array_free (p.strings, TRUE);
  if (r != 0 && lpstrReturn && uReturnLength > 0)
    lpstrReturn[0] = 0;
  return r;
}
