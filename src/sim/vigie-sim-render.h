/* vigie-sim-render.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-sim-city.h"
#include "vigie-sim-model.h"

G_BEGIN_DECLS

/* The documents the simulator serves, rendered from the model: bytes out,
 * the same bytes for the same city, seed, scale, time and base address. */

typedef enum
{
  VIGIE_SIM_FEED_GTFS,
  VIGIE_SIM_FEED_GTFS_RT,
  VIGIE_SIM_FEED_SIRI_LITE,
  VIGIE_SIM_FEED_BIKES,
  VIGIE_SIM_FEED_CAR_SHARE,
  VIGIE_SIM_FEED_PARKING,
  VIGIE_SIM_FEED_WIFI,
  VIGIE_SIM_FEED_TER,
  VIGIE_SIM_N_FEEDS
} VigieSimFeed;

typedef struct
{
  GBytes     *body;
  const char *content_type;
  guint       status;
  gint64      results_count;    /* NGSI-LD count=true, or -1 */
  char       *link;             /* a Link header besides the @context's, or NULL */
  char       *content_range;    /* a 206's Content-Range, or NULL */
} VigieSimDocument;

const char *vigie_sim_feed_to_string   (VigieSimFeed            feed);
gboolean    vigie_sim_feed_from_string (const char             *text,
                                        VigieSimFeed           *feed);
gboolean    vigie_sim_feed_for_path    (const char             *path,
                                        VigieSimFeed           *feed);
void        vigie_sim_render           (const VigieSimCity     *city,
                                        const VigieSimContext  *context,
                                        const char             *base_url,
                                        const char             *path,
                                        GHashTable             *query,
                                        VigieSimDocument       *document);
GBytes     *vigie_sim_render_gtfs      (const VigieSimCity     *city,
                                        const VigieSimContext  *context);
GBytes     *vigie_sim_render_parking   (const VigieSimCity     *city,
                                        const VigieSimContext  *context,
                                        GHashTable             *query,
                                        VigieSimDocument       *document);
GBytes     *vigie_sim_render_temporal  (const VigieSimCity     *city,
                                        const VigieSimContext  *context,
                                        const char             *base_url,
                                        const char             *rest,
                                        GHashTable             *query,
                                        VigieSimDocument       *document);
void        vigie_sim_document_clear   (VigieSimDocument       *document);
gboolean    vigie_sim_query_uint       (GHashTable             *query,
                                        const char             *name,
                                        guint                   fallback,
                                        guint                  *value);
guint       vigie_sim_count_entities   (const VigieSimCity     *city,
                                        const VigieSimContext  *context,
                                        VigieSimFeed            feed);

G_END_DECLS
