/* vigie-ngsi-ld-temporal.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-entity.h"

G_BEGIN_DECLS

/* What a parking entity's attributes were, read from the pages of an
 * NGSI-LD broker's temporal API (/ngsi-ld/v1/temporal/entities). */

/* One attribute instance: a number, or a word (a status). */
typedef struct
{
  gint64  time;
  double  value;    /* NAN for a word */
  char   *text;     /* the word, or NULL */
} VigieTemporalInstance;

typedef struct
{
  guint   max_entities;   /* entities kept at most, over every page */
  guint64 max_instances;  /* instances kept at most, over every page */
} VigieTemporalLimits;

#define VIGIE_TEMPORAL_DEFAULT_MAX_ENTITIES   20000
#define VIGIE_TEMPORAL_DEFAULT_MAX_INSTANCES  G_GUINT64_CONSTANT (4000000)

/* The attributes asked for, as the broker names them. */
#define VIGIE_TEMPORAL_ATTRIBUTES "availableSpotNumber,occupiedSpotNumber,totalSpotNumber,occupancy,status"

typedef struct _VigieTemporalData VigieTemporalData;

const char          *vigie_temporal_attribute_for_field (const char            *field);
VigieTemporalData   *vigie_temporal_data_new            (const VigieTemporalLimits *limits);
void                 vigie_temporal_data_free           (VigieTemporalData         *data);
gboolean             vigie_temporal_data_parse          (VigieTemporalData         *data,
                                                         GBytes                    *bytes,
                                                         guint                     *n_entities,
                                                         GError                   **error);
void                 vigie_temporal_data_finish         (VigieTemporalData         *data);
const char * const  *vigie_temporal_data_get_warnings   (VigieTemporalData         *data);
guint                vigie_temporal_data_get_n_entities (VigieTemporalData         *data);
guint64              vigie_temporal_data_get_n_instances (VigieTemporalData        *data);
gboolean             vigie_temporal_data_has_entity     (VigieTemporalData         *data,
                                                         const char                *id);
GArray              *vigie_temporal_data_get_series     (VigieTemporalData         *data,
                                                         const char                *id,
                                                         const char                *field);
gboolean             vigie_temporal_data_value_at       (VigieTemporalData         *data,
                                                         const char                *id,
                                                         const char                *field,
                                                         gint64                     time,
                                                         const VigieTemporalInstance **instance);
GVariant            *vigie_temporal_data_values_at      (VigieTemporalData         *data,
                                                         const char                *id,
                                                         GVariant                  *values_now,
                                                         gint64                     time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieTemporalData, vigie_temporal_data_free)

G_END_DECLS
