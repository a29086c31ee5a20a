/* vigie-ngsi-ld-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* What NGSI-LD's document reader and paging (vigie-format-ngsi-ld.c), its
 * entity reader (vigie-ngsi-ld-entity.c) and its geometry reader
 * (vigie-ngsi-ld-geometry.c) share. */

typedef enum
{
  GEOMETRY_OK,
  GEOMETRY_MISSING,
  GEOMETRY_UNREADABLE,
  GEOMETRY_ZERO,
  GEOMETRY_OUT_OF_RANGE,
} GeometryProblem;

typedef struct
{
  VigieSnapshot *snapshot;
  const char    *language;      /* for a LanguageProperty's languageMap */
  GHashTable    *warned_types;
  GHashTable    *positions;     /* id → a GeoJSON Point of each entity read */
  GPtrArray     *deferred;      /* of JsonObject: groups placed by their site */
  GArray        *deferred_index; /* of guint, their index in the document */
  gboolean       placing_deferred;
  gboolean       warned_zone;
  gboolean       warned_percent;
  gint64         newest;
} Parser;

GeometryProblem vigie_ngsi_ld_read_geometry (JsonNode    *node,
                                             double      *latitude,
                                             double      *longitude,
                                             GVariant   **geometry);
void            vigie_ngsi_ld_read_entity   (Parser      *parser,
                                             JsonObject  *entity,
                                             JsonNode    *fallback_geometry,
                                             guint        index);
const char     *vigie_ngsi_ld_read_status   (JsonNode    *node);
JsonArray      *vigie_ngsi_ld_find_entity_list (JsonNode *root,
                                                gboolean *geojson);

G_END_DECLS
