/* cli-util.h — running riffscope-cli from the app tests, and a JSON
 * Schema validator for the subset data/riffscope-cli.schema.json uses:
 * $ref (local), type (name or list), enum, required, properties,
 * additionalProperties: false, items, oneOf, minimum, minLength,
 * maxLength. */
#ifndef CLI_UTIL_H
#define CLI_UTIL_H

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

typedef struct {
  char *out;
  char *err;
  gsize out_len;
  int   exit_code;
} CliRun;

static char *cli_config_home;

/* Runs the tool with args (NULL-terminated), with XDG_CONFIG_HOME pointing
 * at cli_config_home when set. */
G_GNUC_UNUSED static CliRun
cli_run (const char *first, ...)
{
  GPtrArray *argv = g_ptr_array_new ();
  char **envp = g_get_environ ();
  CliRun r = { NULL, NULL, 0, -1 };
  GError *error = NULL;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("RIFFSCOPE_CLI"));
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  if (cli_config_home != NULL)
    envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", cli_config_home, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &r.out, &r.err, &status, &error))
    g_error ("cannot run riffscope-cli: %s", error->message);
  r.out_len = strlen (r.out);
  r.exit_code = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
  g_ptr_array_free (argv, TRUE);
  g_strfreev (envp);
  return r;
}

G_GNUC_UNUSED static void
cli_run_clear (CliRun *r)
{
  g_free (r->out);
  g_free (r->err);
}

/* ---- The schema subset ---------------------------------------------------- */

static gboolean schema_validate (JsonNode *inst, JsonObject *schema, JsonObject *root,
                                 const char *path, GString *why);

static const char *
instance_type (JsonNode *n)
{
  if (JSON_NODE_HOLDS_OBJECT (n))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (n))
    return "array";
  if (JSON_NODE_HOLDS_NULL (n))
    return "null";
  switch (json_node_get_value_type (n))
    {
    case G_TYPE_BOOLEAN: return "boolean";
    case G_TYPE_INT64: return "integer";
    case G_TYPE_DOUBLE: return "number";
    case G_TYPE_STRING: return "string";
    default: return "unknown";
    }
}

static gboolean
type_matches (const char *want, const char *have)
{
  return strcmp (want, have) == 0
         || (strcmp (want, "number") == 0 && strcmp (have, "integer") == 0);
}

static gboolean
scalar_equal (JsonNode *a, JsonNode *b)
{
  if (strcmp (instance_type (a), instance_type (b)) != 0)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (a))
    return TRUE;
  switch (json_node_get_value_type (a))
    {
    case G_TYPE_BOOLEAN: return json_node_get_boolean (a) == json_node_get_boolean (b);
    case G_TYPE_INT64: return json_node_get_int (a) == json_node_get_int (b);
    case G_TYPE_STRING: return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
    default: return FALSE;
    }
}

static JsonObject *
resolve_ref (JsonObject *root, const char *ref)
{
  char **parts;
  JsonObject *o = root;

  g_assert_true (g_str_has_prefix (ref, "#/"));
  parts = g_strsplit (ref + 2, "/", -1);
  for (char **p = parts; *p && o; p++)
    o = json_object_has_member (o, *p) ? json_object_get_object_member (o, *p) : NULL;
  g_strfreev (parts);
  g_assert_nonnull (o);
  return o;
}

static gboolean
fail (GString *why, const char *path, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GString *why, const char *path, const char *fmt, ...)
{
  va_list ap;
  g_string_append_printf (why, "%s: ", path);
  va_start (ap, fmt);
  g_string_append_vprintf (why, fmt, ap);
  va_end (ap);
  g_string_append_c (why, '\n');
  return FALSE;
}

static gboolean
schema_validate (JsonNode *inst, JsonObject *s, JsonObject *root,
                 const char *path, GString *why)
{
  const char *t = instance_type (inst);

  if (json_object_has_member (s, "$ref")
      && !schema_validate (inst, resolve_ref (root, json_object_get_string_member (s, "$ref")),
                           root, path, why))
    return FALSE;
  if (json_object_has_member (s, "type"))
    {
      JsonNode *tn = json_object_get_member (s, "type");
      gboolean ok = FALSE;
      if (JSON_NODE_HOLDS_ARRAY (tn))
        {
          JsonArray *a = json_node_get_array (tn);
          for (guint i = 0; i < json_array_get_length (a); i++)
            ok |= type_matches (json_array_get_string_element (a, i), t);
        }
      else
        ok = type_matches (json_node_get_string (tn), t);
      if (!ok)
        return fail (why, path, "is %s, not of the schema's type", t);
    }
  if (json_object_has_member (s, "enum"))
    {
      JsonArray *a = json_object_get_array_member (s, "enum");
      gboolean ok = FALSE;
      for (guint i = 0; i < json_array_get_length (a) && !ok; i++)
        ok = scalar_equal (inst, json_array_get_element (a, i));
      if (!ok)
        return fail (why, path, "is not one of the enumerated values");
    }
  if (json_object_has_member (s, "minimum") && (strcmp (t, "integer") == 0)
      && json_node_get_int (inst) < json_object_get_int_member (s, "minimum"))
    return fail (why, path, "is below the minimum");
  if (strcmp (t, "string") == 0)
    {
      glong len = g_utf8_strlen (json_node_get_string (inst), -1);
      if (json_object_has_member (s, "minLength") && len < json_object_get_int_member (s, "minLength"))
        return fail (why, path, "is too short");
      if (json_object_has_member (s, "maxLength") && len > json_object_get_int_member (s, "maxLength"))
        return fail (why, path, "is too long");
    }
  if (strcmp (t, "object") == 0)
    {
      JsonObject *o = json_node_get_object (inst);
      JsonObject *props = json_object_has_member (s, "properties")
                          ? json_object_get_object_member (s, "properties") : NULL;
      if (json_object_has_member (s, "required"))
        {
          JsonArray *req = json_object_get_array_member (s, "required");
          for (guint i = 0; i < json_array_get_length (req); i++)
            if (!json_object_has_member (o, json_array_get_string_element (req, i)))
              return fail (why, path, "lacks required member %s",
                           json_array_get_string_element (req, i));
        }
      if (props != NULL)
        {
          GList *members = json_object_get_members (o);
          gboolean ok = TRUE;
          for (GList *l = members; l && ok; l = l->next)
            {
              const char *m = l->data;
              char *sub = g_strdup_printf ("%s.%s", path, m);
              if (json_object_has_member (props, m))
                ok = schema_validate (json_object_get_member (o, m),
                                      json_object_get_object_member (props, m), root, sub, why);
              else if (json_object_has_member (s, "additionalProperties")
                       && !json_object_get_boolean_member (s, "additionalProperties"))
                ok = fail (why, path, "has member %s the schema does not allow", m);
              g_free (sub);
            }
          g_list_free (members);
          if (!ok)
            return FALSE;
        }
    }
  if (strcmp (t, "array") == 0 && json_object_has_member (s, "items"))
    {
      JsonArray *a = json_node_get_array (inst);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          char *sub = g_strdup_printf ("%s[%u]", path, i);
          gboolean ok = schema_validate (json_array_get_element (a, i),
                                         json_object_get_object_member (s, "items"), root, sub, why);
          g_free (sub);
          if (!ok)
            return FALSE;
        }
    }
  if (json_object_has_member (s, "oneOf"))
    {
      JsonArray *a = json_object_get_array_member (s, "oneOf");
      guint matched = 0;
      GString *ignored = g_string_new (NULL);
      for (guint i = 0; i < json_array_get_length (a); i++)
        matched += schema_validate (inst, json_array_get_object_element (a, i), root, path, ignored);
      if (matched != 1)
        g_string_append (why, ignored->str);
      g_string_free (ignored, TRUE);
      if (matched != 1)
        return fail (why, path, "matches %u of the oneOf alternatives, not exactly one", matched);
    }
  return TRUE;
}

/* Parses text and validates it against the schema file; on failure says why. */
G_GNUC_UNUSED static gboolean
cli_validate_json (const char *text, char **why_out, JsonNode **doc_out)
{
  JsonParser *sp = json_parser_new (), *dp = json_parser_new ();
  GError *error = NULL;
  GString *why = g_string_new (NULL);
  gboolean ok;

  if (!json_parser_load_from_file (sp, g_getenv ("RIFFSCOPE_CLI_SCHEMA"), &error))
    g_error ("schema: %s", error->message);
  if (!json_parser_load_from_data (dp, text, -1, &error))
    {
      g_string_append_printf (why, "not JSON: %s", error->message);
      g_clear_error (&error);
      ok = FALSE;
    }
  else
    {
      JsonObject *root = json_node_get_object (json_parser_get_root (sp));
      ok = schema_validate (json_parser_get_root (dp), root, root, "$", why);
      if (doc_out)
        *doc_out = json_node_copy (json_parser_get_root (dp));
    }
  if (why_out)
    *why_out = g_string_free (why, FALSE);
  else
    g_string_free (why, TRUE);
  g_object_unref (sp);
  g_object_unref (dp);
  return ok;
}

#endif
