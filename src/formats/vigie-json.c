/* vigie-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-json"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "vigie-format.h"
#include "vigie-json.h"

/*
 * Parsing
 */

static gboolean
integer_overflows_int64 (const char *digits,
                         gsize       length,
                         gboolean    negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

  /* Leading zeros are not valid JSON, so length alone says most. */
  if (length != 19)
    return length > 19;

  return memcmp (digits, limit, 19) > 0;
}

/* json-glib 1.6 reads every integer literal as a gint64 and silently wraps
 * those beyond its range (12345678901234567890 becomes a negative number,
 * larger ones -1). Ids that large exist in the wild, so such literals are
 * turned into strings before parsing: ids stay exact, and a count that
 * large reads as the unusable value it is. Returns NULL when nothing needs
 * changing, which is the usual case. */
static GString *
quote_huge_integers (const char *data,
                     gsize       size)
{
  GString *fixed = NULL;
  gsize copied = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];
      gsize start, digits, end;
      gboolean negative, integer = TRUE;

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        {
          in_string = TRUE;
          continue;
        }

      if (c != '-' && !g_ascii_isdigit (c))
        continue;

      start = i;
      negative = c == '-';
      digits = negative ? i + 1 : i;
      for (end = start + 1; end < size; end++)
        {
          char d = data[end];

          if (d == '.' || d == 'e' || d == 'E' || d == '+' || d == '-')
            integer = FALSE;
          else if (!g_ascii_isdigit (d))
            break;
        }
      i = end - 1;

      if (!integer || end <= digits ||
          !integer_overflows_int64 (data + digits, end - digits, negative))
        continue;

      if (fixed == NULL)
        fixed = g_string_sized_new (size + 64);
      g_string_append_len (fixed, data + copied, start - copied);
      g_string_append_c (fixed, '"');
      g_string_append_len (fixed, data + start, end - start);
      g_string_append_c (fixed, '"');
      copied = end;
    }

  if (fixed != NULL)
    g_string_append_len (fixed, data + copied, size - copied);

  return fixed;
}

typedef enum
{
  SHAPE_OK,
  SHAPE_TOO_DEEP,
  SHAPE_TOO_MANY_MEMBERS,
  SHAPE_SEVERAL_VALUES,
  SHAPE_STRAY_SLASH,
} Shape;

/* One look at @data's shape before json-glib parses it, brackets and
 * quotes only (brackets inside strings do not count), stopping at the
 * first problem:
 * - nested deeper than @limit: json-glib's parser recurses once a
 *   level, and 100,000 nested arrays overflow a worker's stack;
 * - more than one value at the top level ("1 {}", "{} {}"): json-glib
 *   1.6 reads that without an error, keeps the last value and leaks the
 *   others, so such a feed would take memory at each poll;
 * - an object of more than VIGIE_JSON_MAX_MEMBERS members: json-glib
 *   files them in a table hashed with g_str_hash(), which names made of
 *   "Az" and "BY" pairs all share; 16,384 such members took 2.6 s to
 *   read, and the time grows as the square of their number. */
static Shape
check_shape (const char *data,
             gsize       size,
             guint       limit)
{
  gboolean in_scalar = FALSE;
  char in_string = '\0';   /* its quote */
  guint depth = 0, values = 0;
  /* The members counted so far of each open object, by depth (its
   * colons); G_MAXUINT for an array. */
  g_autofree guint *members = g_new (guint, limit + 1);

  members[0] = G_MAXUINT;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      /* json-glib's scanner also reads 'single-quoted' strings, without
       * escapes: ['"'][] is two values to it (found by fuzzing, leaked). */
      if (in_string)
        {
          if (c == '\\' && in_string == '"')
            i++;
          else if (c == in_string)
            in_string = '\0';
        }
      else if (c == '"' || c == '\'' || c == '[' || c == '{')
        {
          if (depth == 0 && ++values > 1)
            return SHAPE_SEVERAL_VALUES;
          in_scalar = FALSE;
          if (c == '"' || c == '\'')
            in_string = c;
          else if (++depth > limit)
            return SHAPE_TOO_DEEP;
          else
            members[depth] = c == '{' ? 0 : G_MAXUINT;
        }
      else if (c == ':' && depth > 0)
        {
          if (members[depth] != G_MAXUINT && ++members[depth] > VIGIE_JSON_MAX_MEMBERS)
            return SHAPE_TOO_MANY_MEMBERS;
        }
      else if (c == ']' || c == '}')
        {
          if (depth > 0)
            depth--;
        }
      /* JSON has no "/" out of a string, and the quotes after one would
       * no longer be seen as json-glib sees them: [/"/]{} and [//][]
       * were two values to it, the first leaked (found by fuzzing). */
      else if (c == '/')
        return SHAPE_STRAY_SLASH;
      else if (g_ascii_isspace (c))
        in_scalar = FALSE;
      else if (depth == 0 && !in_scalar)
        {
          if (++values > 1)
            return SHAPE_SEVERAL_VALUES;
          in_scalar = TRUE;
        }
    }

  return SHAPE_OK;
}

/**
 * vigie_json_parse_bytes:
 * @bytes: a document
 * @error: where to put the reason it is not JSON
 *
 * Parses @bytes, skipping a UTF-8 byte order mark. Integer literals
 * beyond the range of a gint64 are read as strings. A document nested
 * deeper than %VIGIE_JSON_MAX_DEPTH levels is refused before json-glib
 * sees it.
 *
 * Returns: (transfer full) (nullable): the root node
 */
JsonNode *
vigie_json_parse_bytes (GBytes  *bytes,
                        GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) fixed = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }

  if (size == 0)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_EMPTY,
                           _("The document is empty"));
      return NULL;
    }

  switch (check_shape (data, size, VIGIE_JSON_MAX_DEPTH))
    {
    case SHAPE_TOO_DEEP:
      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
                   _("The document nests data more than %d levels deep; no real feed does, so it was not read"),
                   VIGIE_JSON_MAX_DEPTH);
      return NULL;

    case SHAPE_TOO_MANY_MEMBERS:
      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
                   _("The document has an object of more than %d members; no real feed does, so it was not read"),
                   VIGIE_JSON_MAX_MEMBERS);
      return NULL;

    case SHAPE_SEVERAL_VALUES:
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The document is not valid JSON: it holds more than one value"));
      return NULL;

    case SHAPE_STRAY_SLASH:
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The document is not valid JSON: it holds a “/” outside a string"));
      return NULL;

    case SHAPE_OK:
    default:
      break;
    }

  fixed = quote_huge_integers (data, size);
  if (fixed != NULL)
    {
      data = fixed->str;
      size = fixed->len;
    }

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                   _("The document is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  /* Spaces only: json-glib sees no error and no root. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_EMPTY,
                           _("The document is empty"));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/*
 * Reading values
 */

/**
 * vigie_json_get_member:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): @member of @object, or %NULL where
 *   @object is %NULL or has no such member
 */
JsonNode *
vigie_json_get_member (JsonObject *object,
                       const char *member)
{
  return object != NULL ? json_object_get_member (object, member) : NULL;
}

static JsonNode *
get_value_node (JsonObject *object,
                const char *member)
{
  JsonNode *node = vigie_json_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  /* Some producers wrap scalars as {"value": ...} (SIRI-Lite, NGSI-LD). */
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *wrapper = json_node_get_object (node);

      if (json_object_has_member (wrapper, "value"))
        node = json_object_get_member (wrapper, "value");
    }

  return JSON_NODE_HOLDS_VALUE (node) ? node : NULL;
}

/**
 * vigie_json_node_get_double:
 * @node: (nullable): a value
 * @value: (out): the number
 *
 * Reads a number, also written as a string ("112", "0,776": coordinates
 * as strings, with a decimal comma now and then).
 *
 * Returns: whether @node held a finite number
 */
gboolean
vigie_json_node_get_double (JsonNode *node,
                            double   *value)
{
  double result;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      result = (double) json_node_get_int (node);
      break;

    case G_TYPE_DOUBLE:
      result = json_node_get_double (node);
      break;

    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);
        char *end = NULL;
        g_autofree char *copy = g_strstrip (g_strdelimit (g_strdup (text), ",", '.'));

        result = g_ascii_strtod (copy, &end);
        if (end == copy || *end != '\0')
          return FALSE;
      }
      break;

    default:
      return FALSE;
    }

  if (!isfinite (result))
    return FALSE;

  *value = result;
  return TRUE;
}

gboolean
vigie_json_get_double (JsonObject *object,
                       const char *member,
                       double     *value)
{
  return vigie_json_node_get_double (get_value_node (object, member), value);
}

gboolean
vigie_json_get_int (JsonObject *object,
                    const char *member,
                    gint64     *value)
{
  JsonNode *node = get_value_node (object, member);
  double d;

  if (node == NULL)
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }

  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return FALSE;

  /* (double) G_MAXINT64 rounds up to 2^63, which does not fit. */
  if (!vigie_json_get_double (object, member, &d) || d != floor (d) ||
      d < (double) G_MININT64 || d >= (double) G_MAXINT64)
    return FALSE;

  *value = (gint64) d;
  return TRUE;
}

gboolean
vigie_json_get_boolean (JsonObject *object,
                        const char *member,
                        gboolean   *value)
{
  JsonNode *node = get_value_node (object, member);

  if (node == NULL)
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      *value = json_node_get_boolean (node);
      return TRUE;

    case G_TYPE_INT64:
      /* 0/1 instead of booleans, as in many GBFS 1.x-era producers. */
      if (json_node_get_int (node) != 0 && json_node_get_int (node) != 1)
        return FALSE;
      *value = json_node_get_int (node) == 1;
      return TRUE;

    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);

        if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1"))
          *value = TRUE;
        else if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0"))
          *value = FALSE;
        else
          return FALSE;
        return TRUE;
      }

    default:
      return FALSE;
    }
}

/**
 * vigie_json_get_string:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (nullable): the member's text if it is a non-empty string
 */
const char *
vigie_json_get_string (JsonObject *object,
                       const char *member)
{
  JsonNode *node = get_value_node (object, member);
  const char *text;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (node);
  /* json-glib decodes a lone surrogate escape ("\ud800") into bytes that
   * are not UTF-8: such a text is not read. */
  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return NULL;
  return text;
}

/**
 * vigie_json_dup_id:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Reads an identifier given as a string or as a number. Integers are kept
 * exactly (json-glib reads them as 64-bit integers, not doubles).
 *
 * Returns: (transfer full) (nullable): the id as text
 */
char *
vigie_json_dup_id (JsonObject *object,
                   const char *member)
{
  JsonNode *node = get_value_node (object, member);

  if (node == NULL)
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);

        if (text == NULL || *text == '\0')
          return NULL;
        /* A lone surrogate escape, decoded by json-glib, is not UTF-8. */
        return g_utf8_make_valid (text, -1);
      }

    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        if (!isfinite (d))
          return NULL;
        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, d));
      }

    default:
      return NULL;
    }
}

/*
 * Times and durations
 */

/**
 * vigie_json_parse_time:
 * @text: an RFC 3339 / ISO 8601 date and time, or POSIX seconds as text
 * @unix_time: (out): where to put the time
 *
 * Reads fractional seconds of any length and any offset; a time without
 * an offset is taken as UTC.
 *
 * Returns: whether @text was a time
 */
gboolean
vigie_json_parse_time (const char *text,
                       gint64     *unix_time)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  char *end = NULL;
  gint64 seconds;

  g_return_val_if_fail (unix_time != NULL, FALSE);

  if (text == NULL || *text == '\0')
    return FALSE;

  seconds = g_ascii_strtoll (text, &end, 10);
  if (end != text && *end == '\0')
    {
      *unix_time = seconds;
      return seconds > 0;
    }

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;

  *unix_time = g_date_time_to_unix (dt);
  return TRUE;
}

/**
 * vigie_json_get_timestamp:
 * @object: (nullable): an object
 * @member: a member name
 * @unix_time: (out): where to put the time
 *
 * Reads a timestamp written as POSIX seconds (integer or not), POSIX
 * milliseconds (a value too large for seconds) or RFC 3339 text.
 *
 * Returns: whether the member held a time after 1970
 */
gboolean
vigie_json_get_timestamp (JsonObject *object,
                          const char *member,
                          gint64     *unix_time)
{
  JsonNode *node = get_value_node (object, member);
  double d;

  g_return_val_if_fail (unix_time != NULL, FALSE);

  if (node == NULL)
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return vigie_json_parse_time (json_node_get_string (node), unix_time);

  if (!vigie_json_get_double (object, member, &d) || d <= 0)
    return FALSE;

  /* Milliseconds: any value past the year 5000 in seconds. Past that
   * even in milliseconds it is no time (and would not fit a gint64). */
  if (d > 95617584000.0)
    d /= 1000.0;
  if (!(d <= 95617584000.0))
    return FALSE;

  *unix_time = (gint64) d;
  return TRUE;
}

static const char *
entry_text (JsonObject *entry)
{
  const char *text = vigie_json_get_string (entry, "text");

  return text != NULL ? text : vigie_json_get_string (entry, "value");
}

/* Reads one number of a duration's component, with an optional fraction
 * (comma or point) and sign; moves @p past it. */
static gboolean
read_component (const char **p,
                double      *value)
{
  char buffer[32];
  gsize n = 0;
  const char *q = *p;
  char *end = NULL;

  if (*q == '-' || *q == '+')
    buffer[n++] = *q++;
  if (!g_ascii_isdigit (*q))
    return FALSE;
  for (; n < sizeof buffer - 1 && (g_ascii_isdigit (*q) || *q == '.' || *q == ','); q++)
    buffer[n++] = *q == ',' ? '.' : *q;
  buffer[n] = '\0';

  if (n == 0 || !g_ascii_isdigit (buffer[n - 1]) || g_ascii_isdigit (*q))
    return FALSE;

  *value = g_ascii_strtod (buffer, &end);
  if (*end != '\0' || !isfinite (*value))
    return FALSE;

  *p = q;
  return TRUE;
}

/**
 * vigie_json_parse_duration:
 * @text: an ISO 8601 duration, as in SIRI's Delay: "PT1M30S", "-PT45S",
 *   "P0D", "PT0.5S", "P1DT2H"
 * @seconds: (out): where to put the duration, rounded to the second
 *
 * Reads weeks, days, hours, minutes and seconds, each at most once and in
 * that order; years and months are refused, since their length depends on
 * the date. A sign may precede the whole duration or, as some producers
 * write it, a component ("PT-45S").
 *
 * Returns: whether @text was such a duration
 */
gboolean
vigie_json_parse_duration (const char *text,
                           gint64     *seconds)
{
  static const struct { char unit; gboolean in_time; double seconds; } units[] = {
    { 'W', FALSE, 7 * 86400.0 },
    { 'D', FALSE, 86400.0 },
    { 'H', TRUE, 3600.0 },
    { 'M', TRUE, 60.0 },
    { 'S', TRUE, 1.0 },
  };
  const char *p = text;
  gboolean negative = FALSE, in_time = FALSE;
  guint n_components = 0, next_unit = 0;
  double total = 0;

  g_return_val_if_fail (seconds != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  if (*p++ != 'P')
    return FALSE;

  while (*p != '\0' && !g_ascii_isspace (*p))
    {
      double value;
      guint u;

      if (*p == 'T')
        {
          if (in_time)
            return FALSE;
          in_time = TRUE;
          p++;
          /* "PT" alone, or "P1DT", says nothing after the T. */
          if (*p == '\0' || g_ascii_isspace (*p))
            return FALSE;
          continue;
        }

      if (!read_component (&p, &value))
        return FALSE;

      for (u = next_unit; u < G_N_ELEMENTS (units); u++)
        if (units[u].unit == *p && units[u].in_time == in_time)
          break;
      if (u == G_N_ELEMENTS (units))
        return FALSE;

      total += value * units[u].seconds;
      next_unit = u + 1;
      n_components++;
      p++;
    }

  while (g_ascii_isspace (*p))
    p++;

  if (n_components == 0 || *p != '\0' || fabs (total) > (double) G_MAXINT32)
    return FALSE;

  *seconds = (gint64) round (negative ? -total : total);
  return TRUE;
}

/*
 * Text and containers
 */

static const char *
localized_text (JsonObject *entry,
                const char *language)
{
  const char *entry_language = vigie_json_get_string (entry, "language");

  /* SIRI writes {"value": ..., "lang": ...} where GBFS writes {"text":
   * ..., "language": ...}. */
  if (entry_language == NULL)
    entry_language = vigie_json_get_string (entry, "lang");

  if (language == NULL || entry_language == NULL)
    return NULL;

  /* "fr" matches "fr-FR" and the reverse. */
  if (g_ascii_strncasecmp (entry_language, language, 2) == 0)
    return entry_text (entry);

  return NULL;
}

/**
 * vigie_json_dup_localized:
 * @object: (nullable): an object
 * @member: a member holding a string, a GBFS 3.0 localized array
 *   (`[{"text": ..., "language": ...}]`) or a SIRI one
 *   (`[{"value": ..., "lang": ...}]`)
 * @language: (nullable): the user's language
 *
 * Picks the user's language, then French, then the first text.
 *
 * Returns: (transfer full) (nullable): the text
 */
char *
vigie_json_dup_localized (JsonObject *object,
                          const char *member,
                          const char *language)
{
  JsonNode *node;
  JsonArray *array;
  const char *candidates[] = { language, "fr", NULL };

  node = vigie_json_get_member (object, member);
  if (node == NULL)
    return NULL;

  /* A plain string, or one wrapped as {"value": ...}. */
  if (JSON_NODE_HOLDS_VALUE (node) || JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (vigie_json_get_string (object, member));

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *text;

          if (!JSON_NODE_HOLDS_OBJECT (element) || (c == 0 && language == NULL))
            continue;

          if (candidates[c] != NULL)
            text = localized_text (json_node_get_object (element), candidates[c]);
          else
            text = entry_text (json_node_get_object (element));

          if (text != NULL)
            return g_strdup (text);
        }
    }

  return NULL;
}

/**
 * vigie_json_get_object:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the member if it is an object
 */
JsonObject *
vigie_json_get_object (JsonObject *object,
                       const char *member)
{
  JsonNode *node = vigie_json_get_member (object, member);

  return (node != NULL && JSON_NODE_HOLDS_OBJECT (node)) ? json_node_get_object (node) : NULL;
}

/**
 * vigie_json_get_array:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the member if it is an array
 */
JsonArray *
vigie_json_get_array (JsonObject *object,
                      const char *member)
{
  JsonNode *node = vigie_json_get_member (object, member);

  return (node != NULL && JSON_NODE_HOLDS_ARRAY (node)) ? json_node_get_array (node) : NULL;
}
