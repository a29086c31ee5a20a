/* vigie-format-siri.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-siri"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "vigie-formats.h"
#include "vigie-json.h"
#include "vigie-siri-private.h"
#include "vigie-xml.h"

/* SIRI 2.0 in XML, as its servers answer a VehicleMonitoring or
 * StopMonitoring request: Siri/ServiceDelivery, or a SOAP answer's
 * Answer. SIRI-Lite is this XML transcribed to JSON, so the delivery is
 * turned into the tree SIRI-Lite producers write and read by the same
 * code (vigie-format-siri-lite.c): an element with element children
 * becomes an object, repeated children a list, an element of text a
 * string, or {"value": ..., "lang": ...} when it has an xml:lang.
 * Namespaces are ignored, as the SIRI-Lite names have none.
 *
 * Secure parsing, as for DATEX II: no network (XML_PARSE_NONET), no
 * entity substitution (no XML_PARSE_NOENT), no DTD loading or
 * validation; text is read from text and CDATA nodes only, so an entity
 * reference is never expanded (vigie-xml.c). Documents over
 * VIGIE_XML_MAX_BYTES or nested deeper than MAX_DEPTH below the delivery
 * are refused. */

#define MAX_DEPTH 32

/*
 * XML
 */

static gboolean
is_element (xmlNode *node)
{
  return node != NULL && node->type == XML_ELEMENT_NODE;
}

static gboolean
has_element_children (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_element (child))
      return TRUE;

  return FALSE;
}

/* The element's own text, from text and CDATA nodes only: an entity
 * reference is never expanded into it. Invalid UTF-8 cannot come out of
 * libxml2, which converts or refuses. */
static char *
dup_text (xmlNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content != NULL)
      g_string_append (text, (const char *) child->content);

  g_strstrip (text->str);
  return g_strdup (text->str);
}

/* xml:lang, the only attribute a delivery's meaning needs. */
static char *
dup_language (xmlNode *node)
{
  xmlChar *lang = xmlGetNsProp (node, BAD_CAST "lang", XML_XML_NAMESPACE);
  char *copy;

  if (lang == NULL)
    return NULL;

  copy = g_strdup ((const char *) lang);
  xmlFree (lang);
  return copy;
}

static JsonNode *
element_to_json (xmlNode  *element,
                 guint     depth,
                 GError  **error)
{
  g_autoptr(JsonObject) object = NULL;

  if (depth > MAX_DEPTH)
    {
      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
                   _("The SIRI delivery is nested deeper than %u levels: refused"), MAX_DEPTH);
      return NULL;
    }

  if (!has_element_children (element))
    {
      g_autofree char *language = dup_language (element);
      g_autofree char *text = dup_text (element);

      if (language == NULL)
        return json_node_init_string (json_node_alloc (), text);

      object = json_object_new ();
      json_object_set_string_member (object, "value", text);
      json_object_set_string_member (object, "lang", language);
      return json_node_init_object (json_node_alloc (), object);
    }

  object = json_object_new ();
  for (xmlNode *child = element->children; child != NULL; child = child->next)
    {
      const char *name = (const char *) child->name;
      JsonNode *value, *earlier;

      if (!is_element (child))
        continue;

      if (!(value = element_to_json (child, depth + 1, error)))
        return NULL;

      /* A repeated element is a list, as SIRI-Lite writes it. */
      earlier = json_object_get_member (object, name);
      if (earlier == NULL)
        json_object_set_member (object, name, value);
      else if (JSON_NODE_HOLDS_ARRAY (earlier))
        json_array_add_element (json_node_get_array (earlier), value);
      else
        {
          g_autoptr(JsonArray) list = json_array_new ();

          json_array_add_element (list, json_node_ref (earlier));
          json_array_add_element (list, value);
          json_object_set_member (object, name, json_node_init_array (json_node_alloc (), list));
        }
    }

  return json_node_init_object (json_node_alloc (), object);
}

/* The delivery: the first ServiceDelivery, or a SOAP answer's Answer,
 * depth first and not deeper than MAX_DEPTH. */
static xmlNode *
find_delivery (xmlNode *node,
               guint    depth)
{
  if (!is_element (node) || depth > MAX_DEPTH)
    return NULL;

  if (xmlStrEqual (node->name, BAD_CAST "ServiceDelivery") || xmlStrEqual (node->name, BAD_CAST "Answer"))
    return node;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlNode *found = find_delivery (child, depth + 1);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/*
 * Format implementation
 */

static VigieSnapshot *
siri_parse (const char              *role,
            GBytes                  *bytes,
            const VigieParseContext *context,
            GError                 **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) wrapper = NULL;
  VigieSnapshot *snapshot;
  JsonNode *delivery;
  xmlNode *element;
  xmlDoc *doc;
  gboolean has_dtd;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!(doc = vigie_xml_read (bytes, error)))
    return NULL;

  if (!(element = find_delivery (xmlDocGetRootElement (doc), 0)))
    {
      xmlNode *top = xmlDocGetRootElement (doc);

      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                   _("The document is not a SIRI delivery (its root element is “%s”)"),
                   top != NULL ? (const char *) top->name : "");
      xmlFreeDoc (doc);
      return NULL;
    }

  has_dtd = doc->intSubset != NULL;
  delivery = element_to_json (element, 0, error);
  xmlFreeDoc (doc);
  if (delivery == NULL)
    return NULL;

  wrapper = json_object_new ();
  json_object_set_member (wrapper, "ServiceDelivery", delivery);
  root = json_node_init_object (json_node_alloc (), wrapper);

  snapshot = vigie_siri_read_document (root, context, error);
  if (snapshot != NULL && has_dtd)
    vigie_snapshot_add_warning (snapshot, _("The document declares a DTD: ignored, and its entities not expanded"));

  return snapshot;
}

static gboolean
siri_sniff (const char *content_type,
            GBytes     *bytes)
{
  gsize size, i = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autofree char *head = NULL;

  /* An empty GBytes may hold a NULL pointer. */
  if (data == NULL || size == 0)
    return FALSE;

  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < size && g_ascii_isspace (data[i]))
    i++;
  if (i >= size || data[i] != '<')
    return FALSE;

  head = vigie_format_sniff_head (bytes);

  /* Not the namespace alone: NeTEx documents declare it too. */
  return strstr (head, "ServiceDelivery") != NULL || strstr (head, "<Siri") != NULL ||
         strstr (head, ":Siri ") != NULL || strstr (head, ":Siri>") != NULL;
}

const VigieFormat vigie_format_siri = {
  .id = "siri",
  .name = N_("SIRI vehicle and stop monitoring (XML)"),
  .default_kind = VIGIE_FEED_KIND_TRAMS,
  .min_interval_s = 10,
  .parse = siri_parse,
  .sniff = siri_sniff,
};
