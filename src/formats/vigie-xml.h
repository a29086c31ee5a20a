/* vigie-xml.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Largest XML document read: a national truck-parking table is ~1 MB. */
#define VIGIE_XML_MAX_BYTES (64 * 1024 * 1024)

xmlDoc *vigie_xml_read (GBytes  *bytes,
                        GError **error);

G_END_DECLS
