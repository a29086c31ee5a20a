/* vigie-figures.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-centre.h"
#include "vigie-snapshot.h"
#include "vigie-types.h"

G_BEGIN_DECLS

/* A tram this many seconds early or late is still on time: from 1 min
 * early to 5 min late, the window issue 15 asks the figures to say
 * (vigie_figures_on_time_definition()). */
#define VIGIE_FIGURES_EARLY_S  60
#define VIGIE_FIGURES_LATE_S  300

/* The few totals one update of one feed comes down to, counted in the
 * feed's worker; the main thread only adds them up. */
typedef struct
{
  gint64 observed_at;         /* when the data was true, Unix seconds */

  guint  n_stations;          /* installed stations that give a count */
  guint  n_empty_stations;    /* of those, with no vehicle */
  gint64 station_vehicles;    /* vehicles available at them */
  guint  n_free_vehicles;     /* shared vehicles outside stations, free to take */

  guint  n_transit;           /* trams running (no ghost, no canceled trip) */
  guint  n_timed;             /* of those, live with a known delay */
  guint  n_on_time;           /* of those, on time */

  guint  n_car_parks;
  gint64 car_park_spots;
  gint64 car_park_occupied;
  guint  n_zones;             /* on-street zones, or lone sensed spaces */
  gint64 zone_spots;
  gint64 zone_occupied;

  guint  n_hotspots;          /* Wi-Fi places that give a count */
  gint64 wifi_clients;

  guint  n_centre;            /* car parks and zones in the profile's centre */
  gint64 centre_spots;
  gint64 centre_occupied;
} VigieFigures;

/* One tile of the meeting mode: a sentence with its figure set apart,
 * "Parkings : " "78 %" " occupés". */
typedef struct
{
  char *id;       /* "trams", "bikes", "car-share", "car-parks", "centre", "zones", "wifi" */
  char *before;   /* may be "" */
  char *figure;
  char *after;    /* may be "" */
} VigieFigureSentence;

 /* One figure of the strip over the map: "318 bikes available" with
 * "4 empty stations" under it; a click filters its layers. */
typedef struct
{
  char          *id;        /* as VigieFigureSentence's */
  VigieFeedKind  kind;      /* the layers it filters */
  guint          filter;    /* a VigieFilter */
  char          *text;
  char          *caption;   /* may be NULL */
  gboolean       stale;     /* its feeds fail or are late: shown marked */
} VigieStripFigure;

/* How a kind's feeds stand, for the strip: its best feed's. */
typedef enum
{
  VIGIE_STRIP_DATA_NONE,     /* no feed of the kind */
  VIGIE_STRIP_DATA_OK,
  VIGIE_STRIP_DATA_STALE,    /* its data is older than its limit */
  VIGIE_STRIP_DATA_FAILING,  /* its last polls failed */
} VigieStripData;

GPtrArray  *vigie_figures_strip                (const VigieFigures        *by_kind);
void        vigie_figures_strip_mark           (GPtrArray                 *figures,
                                                const VigieStripData      *data_by_kind);
void        vigie_strip_figure_free            (VigieStripFigure          *figure);

void        vigie_figures_compute              (VigieFigures              *figures,
                                                VigieSnapshot             *snapshot,
                                                gint64                     now);
void        vigie_figures_compute_in           (VigieFigures              *figures,
                                                VigieSnapshot             *snapshot,
                                                gint64                     now,
                                                VigieCentre               *centre);
void        vigie_figures_add                  (VigieFigures              *total,
                                                const VigieFigures        *figures);

GPtrArray  *vigie_figures_describe             (const VigieFigures        *by_kind,
                                                const char * const        *brands);
char       *vigie_figure_sentence_to_string    (const VigieFigureSentence *sentence);
void        vigie_figure_sentence_free         (VigieFigureSentence       *sentence);

char       *vigie_figures_brand_from_name      (const char                *feed_name);
char       *vigie_figures_format_percent       (double                     fraction);
const char *vigie_figures_on_time_definition   (void);
char       *vigie_figures_format_time          (GDateTime                 *time);
char       *vigie_figures_format_data_time     (GDateTime                 *time);
void        vigie_figures_text_sizes           (int                        screen_height,
                                                double                    *figure_px,
                                                double                    *label_px);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieFigureSentence, vigie_figure_sentence_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieStripFigure, vigie_strip_figure_free)

G_END_DECLS
