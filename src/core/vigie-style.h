/* vigie-style.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include <glib.h>

#include "vigie-entity.h"
#include "vigie-snapshot.h"
#include "vigie-symbol.h"
#include "vigie-types.h"

G_BEGIN_DECLS

/* The Okabe–Ito palette: told apart with any of the common colour-vision
 * deficiencies. States also differ by shape or marking. */
#define VIGIE_STYLE_ORANGE         0xe69f00ffu
#define VIGIE_STYLE_SKY_BLUE       0x56b4e9ffu
#define VIGIE_STYLE_BLUISH_GREEN   0x009e73ffu
#define VIGIE_STYLE_YELLOW         0xf0e442ffu
#define VIGIE_STYLE_BLUE           0x0072b2ffu
#define VIGIE_STYLE_VERMILLION     0xd55e00ffu
#define VIGIE_STYLE_REDDISH_PURPLE 0xcc79a7ffu
#define VIGIE_STYLE_GREY           0x8c8c8cffu
#define VIGIE_STYLE_DARK           0x241f31ffu
#define VIGIE_STYLE_WHITE          0xffffffffu

/* A bike or car-share station. */
typedef enum
{
  VIGIE_STATION_UNKNOWN,        /* no status */
  VIGIE_STATION_NOT_INSTALLED,
  VIGIE_STATION_NOT_RENTING,
  VIGIE_STATION_NOT_RETURNING,
  VIGIE_STATION_EMPTY,
  VIGIE_STATION_NEARLY_EMPTY,
  VIGIE_STATION_NORMAL,
  VIGIE_STATION_NEARLY_FULL,
  VIGIE_STATION_FULL,
} VigieStationState;

/* How loaded a place is: a Wi-Fi hotspot, a car park. */
typedef enum
{
  VIGIE_LOAD_UNKNOWN,
  VIGIE_LOAD_OUT_OF_SERVICE,
  VIGIE_LOAD_NORMAL,
  VIGIE_LOAD_BUSY,
  VIGIE_LOAD_SATURATED,
  VIGIE_LOAD_FULL,
} VigieLoadState;

/* How a tram keeps to its timetable. */
typedef enum
{
  VIGIE_TRAM_DELAY_UNKNOWN,     /* no delay given, or a ghost */
  VIGIE_TRAM_DELAY_EARLY,       /* a minute early or more */
  VIGIE_TRAM_DELAY_ON_TIME,     /* less than a minute either way */
  VIGIE_TRAM_DELAY_LATE,        /* one to three minutes late */
  VIGIE_TRAM_DELAY_VERY_LATE,   /* more than three minutes late */
} VigieTramDelay;

#define VIGIE_STYLE_TRAM_ON_TIME_S    60
#define VIGIE_STYLE_TRAM_VERY_LATE_S  180
/* How a tram not heard of for a while is drawn, before it disappears. */
#define VIGIE_STYLE_TRAM_AGEING_OPACITY 0.4
/* How anything whose data is older than its feed's limit is drawn, with
 * a clock badge as well (vigie_style_mark_outdated()). */
#define VIGIE_STYLE_OUTDATED_OPACITY    0.4

typedef struct
{
  gint64 station_low;           /* nearly empty with this many vehicles or fewer */
  gint64 station_high_docks;    /* nearly full with this many free places or fewer */
  double wifi_busy;             /* clients over capacity from which a hotspot is busy */
  double wifi_saturated;        /* ... and saturated */
  double parking_busy;          /* occupied over total from which parking is nearly full */
  double parking_saturated;     /* ... and saturated */
  double scale;                 /* 1.0; more for a wall screen */
} VigieStyleThresholds;

#define VIGIE_STYLE_DEFAULT_STATION_LOW        2
#define VIGIE_STYLE_DEFAULT_STATION_HIGH_DOCKS 2
#define VIGIE_STYLE_DEFAULT_WIFI_BUSY          0.7
#define VIGIE_STYLE_DEFAULT_WIFI_SATURATED     0.9
#define VIGIE_STYLE_DEFAULT_PARKING_BUSY       0.75
#define VIGIE_STYLE_DEFAULT_PARKING_SATURATED  0.9

/* Bearings are rounded to this step so that arrows share few textures. */
#define VIGIE_STYLE_BEARING_STEP 10.0

typedef struct
{
  VigieSymbol  symbol;
  char        *title;           /* "Nearly empty" */
  char        *description;     /* "2 bikes or fewer" */
} VigieLegendItem;

void                 vigie_style_thresholds_init     (VigieStyleThresholds       *thresholds);
void                 vigie_style_thresholds_load     (VigieStyleThresholds       *thresholds,
                                                      GSettings                  *settings);
char                *vigie_style_list_ghosts         (GListModel                 *entities,
                                                      guint                       max_lines,
                                                      guint                      *n_ghosts);
char                *vigie_style_list_snapshot_ghosts (VigieSnapshot             *snapshot,
                                                       guint                      max_lines,
                                                       guint                     *n_ghosts);

VigieStationState    vigie_style_classify_station    (VigieEntity                *entity,
                                                      const VigieStyleThresholds *thresholds);
VigieLoadState       vigie_style_classify_hotspot    (VigieEntity                *entity,
                                                      const VigieStyleThresholds *thresholds);
VigieLoadState       vigie_style_classify_parking    (VigieEntity                *entity,
                                                      const VigieStyleThresholds *thresholds);
VigieTramDelay       vigie_style_classify_tram_delay (VigieEntity                *entity);

void                 vigie_style_station             (VigieEntity                *entity,
                                                      const VigieStyleThresholds *thresholds,
                                                      VigieSymbol                *symbol);
void                 vigie_style_vehicle             (VigieEntity                *entity,
                                                      const VigieStyleThresholds *thresholds,
                                                      VigieSymbol                *symbol);
void                 vigie_style_tram                (VigieEntity                *entity,
                                                      const VigieStyleThresholds *thresholds,
                                                      VigieSymbol                *symbol);
void                 vigie_style_stop                (VigieEntity                *entity,
                                                      const VigieStyleThresholds *thresholds,
                                                      VigieSymbol                *symbol);
void                 vigie_style_hotspot             (VigieEntity                *entity,
                                                      const VigieStyleThresholds *thresholds,
                                                      VigieSymbol                *symbol);
void                 vigie_style_parking             (VigieEntity                *entity,
                                                      const VigieStyleThresholds *thresholds,
                                                      VigieSymbol                *symbol);
void                 vigie_style_entity              (VigieFeedKind               kind,
                                                      VigieEntity                *entity,
                                                      const VigieStyleThresholds *thresholds,
                                                      VigieSymbol                *symbol);
void                 vigie_style_cluster             (VigieFeedKind               kind,
                                                      guint                       n_entities,
                                                      double                      fraction,
                                                      const VigieStyleThresholds *thresholds,
                                                      VigieSymbol                *symbol);
gboolean             vigie_style_entity_fill         (VigieEntity                *entity,
                                                      double                     *used,
                                                      double                     *total);

GPtrArray           *vigie_style_legend              (VigieFeedKind               kind,
                                                      const VigieStyleThresholds *thresholds);
char               **vigie_style_describe            (VigieFeedKind               kind,
                                                      VigieEntity                *entity,
                                                      const VigieStyleThresholds *thresholds);
const char          *vigie_style_station_state_title (VigieStationState           state);
const char          *vigie_style_load_state_title    (VigieLoadState              state);
const char          *vigie_style_kind_icon_name      (VigieFeedKind               kind);
VigieSymbolGlyph     vigie_style_kind_glyph          (VigieFeedKind               kind);
void                 vigie_style_mark_outdated       (VigieSymbol                *symbol);

void                 vigie_legend_item_free          (VigieLegendItem            *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieLegendItem, vigie_legend_item_free)

G_END_DECLS
