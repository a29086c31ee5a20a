/* vigie-datex2-xml.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-datex2"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <math.h>

#include "vigie-clock.h"
#include "vigie-datex2-private.h"
#include "vigie-formats.h"

/* DATEX II's XML read safely, elements matched by local name whatever
 * their namespace, and the values every publication shares: times,
 * counts, capacities and status words. */

/*
 * XML
 */

gboolean
vigie_datex2_is_element (xmlNode    *node,
                         const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST name);
}

xmlNode *
vigie_datex2_find_child (xmlNode    *parent,
                         const char *name)
{
  if (parent == NULL)
    return NULL;

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (vigie_datex2_is_element (child, name))
      return child;

  return NULL;
}

gboolean
vigie_datex2_is_element_any (xmlNode            *node,
                             const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (vigie_datex2_is_element (node, names[i]))
      return TRUE;

  return FALSE;
}

/* The first child named one of @names, in the order of @names. */
xmlNode *
vigie_datex2_find_child_any (xmlNode            *parent,
                             const char * const *names)
{
  xmlNode *found;

  for (guint i = 0; names[i] != NULL; i++)
    if ((found = vigie_datex2_find_child (parent, names[i])) != NULL)
      return found;

  return NULL;
}

/* Whether an element is one indexed part of its parent (a group of
 * spaces, a parking space, a usage scenario...): its values are its
 * own, not its parent's. */
gboolean
vigie_datex2_is_indexed (xmlNode *node)
{
  for (xmlAttr *attribute = node->properties; attribute != NULL; attribute = attribute->next)
    if (attribute->name != NULL &&
        (xmlStrEqual (attribute->name, BAD_CAST "index") ||
         g_str_has_suffix ((const char *) attribute->name, "Index")))
      return TRUE;

  return FALSE;
}

/* Depth first, the first element named one of @names that belongs to
 * @node itself: indexed parts are not looked into. */
xmlNode *
vigie_datex2_find_own (xmlNode            *node,
                       const char * const *names)
{
  if (node == NULL)
    return NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE || vigie_datex2_is_indexed (child))
        continue;
      if (vigie_datex2_is_element_any (child, names))
        return child;
      if ((found = vigie_datex2_find_own (child, names)) != NULL)
        return found;
    }

  return NULL;
}

gboolean
vigie_datex2_has_element_children (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return TRUE;

  return FALSE;
}

/* Depth first, @node itself excluded. */
xmlNode *
vigie_datex2_find_descendant (xmlNode    *node,
                              const char *name)
{
  if (node == NULL)
    return NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (vigie_datex2_is_element (child, name))
        return child;
      if ((found = vigie_datex2_find_descendant (child, name)) != NULL)
        return found;
    }

  return NULL;
}

/* Every element named one of @names below @node, not looking inside
 * those found. */
void
vigie_datex2_collect_any (xmlNode            *node,
                          const char * const *names,
                          GPtrArray          *found)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (vigie_datex2_is_element_any (child, names))
        g_ptr_array_add (found, child);
      else
        vigie_datex2_collect_any (child, names, found);
    }
}

/* The element's own text, from text and CDATA nodes only: an entity
 * reference is never expanded into it. */
char *
vigie_datex2_dup_text (xmlNode *node)
{
  g_autoptr(GString) text = NULL;

  if (node == NULL)
    return NULL;

  text = g_string_new (NULL);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content != NULL)
      g_string_append (text, (const char *) child->content);

  g_strstrip (text->str);
  if (text->str[0] == '\0')
    return NULL;

  return g_strdup (text->str);
}

char *
vigie_datex2_dup_attribute (xmlNode    *node,
                            const char *name)
{
  xmlChar *value;
  char *copy;

  if (node == NULL || (value = xmlGetNoNsProp (node, BAD_CAST name)) == NULL)
    return NULL;

  copy = *value != '\0' ? g_strdup ((const char *) value) : NULL;
  xmlFree (value);

  return copy;
}

gboolean
vigie_datex2_read_double (xmlNode *node,
                          double  *value)
{
  g_autofree char *text = vigie_datex2_dup_text (node);
  char *end = NULL;

  if (text == NULL)
    return FALSE;

  g_strdelimit (text, ",", '.');
  *value = g_ascii_strtod (text, &end);

  return end != text && *end == '\0' && isfinite (*value);
}

gboolean
vigie_datex2_read_boolean (xmlNode  *node,
                           gboolean *value)
{
  g_autofree char *text = vigie_datex2_dup_text (node);

  if (text == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1"))
    *value = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0"))
    *value = FALSE;
  else
    return FALSE;

  return TRUE;
}

/* A DATEX II MultilingualString (values/value[@lang]) or plain text: the
 * user's language, then French, then the first. */
char *
vigie_datex2_dup_multilingual (xmlNode    *node,
                               const char *language)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  const char *candidates[] = { language, "fr" };

  if (node == NULL)
    return NULL;

  vigie_datex2_collect_any (node, (const char * const[]) { "value", NULL }, values);
  if (values->len == 0)
    return vigie_datex2_dup_text (node);

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    for (guint i = 0; candidates[c] != NULL && i < values->len; i++)
      {
        g_autofree char *lang = vigie_datex2_dup_attribute (g_ptr_array_index (values, i), "lang");

        if (lang != NULL && g_ascii_strncasecmp (lang, candidates[c], 2) == 0)
          return vigie_datex2_dup_text (g_ptr_array_index (values, i));
      }

  return vigie_datex2_dup_text (g_ptr_array_index (values, 0));
}

/*
 * Values
 */

gint64
vigie_datex2_read_time (Parser  *parser,
                        xmlNode *node)
{
  g_autofree char *text = vigie_datex2_dup_text (node);
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return 0;

  utc = g_time_zone_new_utc ();
  if (!(time = g_date_time_new_from_iso8601 (text, utc)))
    {
      vigie_snapshot_add_warning (parser->snapshot, _("Unreadable time “%s”, ignored"), text);
      return 0;
    }

  if (vigie_clock_time_lacks_zone (text) && !parser->warned_zone)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Time “%s” has no time zone: times without one are read as UTC"),
                                  text);
      parser->warned_zone = TRUE;
    }

  return g_date_time_to_unix (time);
}

static gboolean
is_placeholder_capacity (gint64 count)
{
  return count == 999 || count == 9999 || count == 99999;
}

/* A count, -1 when absent or unusable; a negative one is read as 0. */
gint64
vigie_datex2_read_count (Parser     *parser,
                         xmlNode    *node,
                         const char *id)
{
  double value;

  if (node == NULL)
    return -1;

  if (!vigie_datex2_read_double (node, &value) || fabs (value) > (double) G_MAXINT32)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Car park %s: unreadable “%s”, ignored"),
                                  id, (const char *) node->name);
      return -1;
    }

  if (value < 0)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Car park %s: negative “%s” (%g), counted as 0"),
                                  id, (const char *) node->name, value);
      return 0;
    }

  return (gint64) llround (value);
}

gint64
vigie_datex2_read_capacity (Parser     *parser,
                            xmlNode    *node,
                            const char *id)
{
  gint64 capacity = vigie_datex2_read_count (parser, node, id);

  if (is_placeholder_capacity (capacity))
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Car park %s: capacity %lld looks like a placeholder, ignored"),
                                  id, (long long) capacity);
      return -1;
    }

  return capacity;
}

char *
vigie_datex2_normalize_status (const char *site_status,
                               const char *opening_status)
{
  static const struct { const char *word, *status; } map[] = {
    { "closed", "closed" }, { "closedAbnormal", "closed" },
    { "full", "full" }, { "fullAtEntrance", "full" }, { "overcrowded", "full" },
    { "almostFull", "almostFull" }, { "spacesAvailable", "spacesAvailable" },
    { "open", "open" }, { "openAbnormal", "open" },
    { "unknown", "unknown" }, { "statusUnknown", "unknown" }, { "noData", "unknown" },
  };
  const char *word;

  /* A closed car park is closed, whatever its counts say. */
  if (opening_status != NULL &&
      (g_ascii_strcasecmp (opening_status, "closed") == 0 ||
       g_ascii_strcasecmp (opening_status, "closedAbnormal") == 0))
    return g_strdup ("closed");

  word = site_status != NULL ? site_status : opening_status;
  if (word == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_ascii_strcasecmp (word, map[i].word) == 0)
      return g_strdup (map[i].status);

  return g_strdup (word);
}

