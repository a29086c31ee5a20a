/* vigie-style-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-style.h"

G_BEGIN_DECLS

/* What the parts of the style share: classification
 * (vigie-style-classify.c), symbols (vigie-style-symbols.c), legends
 * (vigie-style-legend.c) and words (vigie-style-words.c, and
 * vigie-style-notices.c for operators' alerts, bookings and geofencing
 * rules). The legend
 * draws its samples with the symbols' own functions, so that what it
 * says is what the map draws. */

#define VIGIE_STYLE_STATION_SIZE  30.0
#define VIGIE_STYLE_VEHICLE_SIZE  14.0
#define VIGIE_STYLE_TRAM_SIZE     30.0
#define VIGIE_STYLE_STOP_SIZE     10.0
/* Train stations: low emphasis beside the city's own stops. */
#define VIGIE_STYLE_TRAIN_STATION_SCALE   0.8
#define VIGIE_STYLE_TRAIN_STATION_OPACITY 0.6
#define VIGIE_STYLE_HOTSPOT_MIN   16.0
#define VIGIE_STYLE_HOTSPOT_MAX   34.0
#define VIGIE_STYLE_PARKING_SIZE  28.0
#define VIGIE_STYLE_CLUSTER_MIN   32.0
#define VIGIE_STYLE_CLUSTER_MAX   52.0

/* A station's counts as its feed gives them, completed where two of
 * them make the third. */
typedef struct
{
  gboolean known_vehicles;
  gint64   vehicles;
  gboolean known_capacity;
  gint64   capacity;
  gboolean known_docks;
  gint64   docks;
} VigieStationCounts;

const VigieStyleThresholds *vigie_style_ensure_thresholds   (const VigieStyleThresholds *thresholds,
                                                             VigieStyleThresholds       *fallback);
gboolean                    vigie_style_lookup_flag         (VigieEntity                *entity,
                                                             const char                 *key,
                                                             gboolean                    fallback);
void                        vigie_style_read_station        (VigieEntity                *entity,
                                                             VigieStationCounts         *counts);
const char                 *vigie_style_tram_line           (VigieEntity                *entity);
const char                 *vigie_style_tram_headsign       (VigieEntity                *entity);

void                        vigie_style_apply_station_state (VigieStationState           state,
                                                             const VigieStyleThresholds *thresholds,
                                                             VigieSymbol                *symbol);
void                        vigie_style_apply_load_state    (VigieLoadState              state,
                                                             VigieSymbol                *symbol);
void                        vigie_style_apply_tram_delay    (VigieTramDelay              delay,
                                                             VigieSymbol                *symbol);
void                        vigie_style_apply_train_station (const VigieStyleThresholds *thresholds,
                                                             VigieSymbol                *symbol);
void                        vigie_style_apply_stop          (const VigieStyleThresholds *thresholds,
                                                             VigieSymbol                *symbol);
char                       *vigie_style_format_time         (gint64                      time,
                                                             gint64                      now);
void                        vigie_style_describe_alerts     (GPtrArray                  *lines,
                                                             VigieEntity                *entity);
void                        vigie_style_describe_availability (GPtrArray                *lines,
                                                             VigieEntity                *entity);
void                        vigie_style_describe_geofencing (GPtrArray                  *lines,
                                                             VigieEntity                *entity);
void                        vigie_style_geofencing          (VigieEntity                *entity,
                                                             const VigieStyleThresholds *thresholds,
                                                             VigieSymbol                *symbol);
guint32                     vigie_style_tint                (guint32                     rgba,
                                                             double                      amount);

G_END_DECLS
