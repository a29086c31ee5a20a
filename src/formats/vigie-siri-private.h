/* vigie-siri-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-format.h"
#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* SIRI's deliveries, read once whatever the encoding: SIRI-Lite JSON as
 * it comes, SIRI XML turned into the same tree (vigie-format-siri.c).
 * The vehicles are read in vigie-format-siri-lite.c, the departures at
 * stops in vigie-siri-stops.c, the error answers in vigie-siri-errors.c. */

/* Times further ahead or older than these are refused. */
#define VIGIE_SIRI_MAX_AHEAD_S (5 * 60)
#define VIGIE_SIRI_MAX_AGE_S (24 * 60 * 60)

typedef struct
{
  VigieSnapshot     *snapshot;
  GPtrArray         *entities;   /* in the order first seen */
  GHashTable        *by_id;      /* id → position in entities */
  gint64             now;
  const char        *language;
  guint              n_records;
} VigieSiriReader;

VigieSnapshot *vigie_siri_read_document        (JsonNode                *root,
                                                const VigieParseContext *context,
                                                GError                 **error);

JsonObject    *vigie_siri_get_delivery         (VigieSiriReader         *reader,
                                                JsonNode                *deliveries,
                                                guint                    i);
gint64         vigie_siri_read_delivery_time   (VigieSiriReader         *reader,
                                                JsonObject              *object,
                                                gint64                   fallback);
guint          vigie_siri_get_n_elements       (JsonNode                *node);
JsonObject    *vigie_siri_get_element          (JsonNode                *node,
                                                guint                    i);
void           vigie_siri_add_id               (GVariantBuilder         *values,
                                                const char              *key,
                                                JsonObject              *object,
                                                const char              *member);

void           vigie_siri_read_stop_deliveries (VigieSiriReader         *reader,
                                                JsonNode                *deliveries,
                                                gint64                   response_time);

char          *vigie_siri_describe_error       (JsonObject              *delivery);
gboolean       vigie_siri_has_failed           (JsonObject              *delivery);

G_END_DECLS
