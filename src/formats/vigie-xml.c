/* vigie-xml.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>

#include "vigie-formats.h"
#include "vigie-xml.h"

/* The one way the XML formats (DATEX II, SIRI) read a document, so that
 * what libxml2 may do with hostile input is decided in one place. */

/**
 * vigie_xml_read:
 * @bytes: a document
 * @error: where to say why it cannot be read
 *
 * Parses @bytes without reading anything outside them: no
 * XML_PARSE_NOENT (entities stay references, never expanded), no
 * DTDLOAD, DTDATTR or DTDVALID, and NONET.
 *
 * Returns: (transfer full) (nullable): the document, for xmlFreeDoc()
 */
xmlDoc *
vigie_xml_read (GBytes  *bytes,
                GError **error)
{
  static gsize initialized = 0;
  xmlParserCtxt *context;
  xmlDoc *doc;
  const char *data;
  gsize size;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL || size == 0)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_EMPTY,
                           _("The document is empty"));
      return NULL;
    }
  if (size > VIGIE_XML_MAX_BYTES)
    {
      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
                   _("The XML document is larger than %u MiB: refused"),
                   (guint) (VIGIE_XML_MAX_BYTES / (1024 * 1024)));
      return NULL;
    }

  context = xmlNewParserCtxt ();
  doc = xmlCtxtReadMemory (context, data, (int) size, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *last = xmlCtxtGetLastError (context);
      g_autofree char *message = g_strstrip (g_strdup (last != NULL && last->message != NULL ?
                                                       last->message : "?"));

      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                   _("The document is not valid XML: %s"), message);
    }
  xmlFreeParserCtxt (context);

  return doc;
}
