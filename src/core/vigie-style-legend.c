/* vigie-style-legend.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-style"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-freshness.h"
#include "vigie-group-style.h"
#include "vigie-number.h"
#include "vigie-style-private.h"

/* What each symbol of a layer means, in words, drawn with the very
 * functions that draw the map: the legend cannot say one thing while
 * the map shows another. */

void
vigie_legend_item_free (VigieLegendItem *item)
{
  if (item == NULL)
    return;

  g_free (item->title);
  g_free (item->description);
  g_free (item);
}

static void
add_item (GPtrArray         *items,
          const VigieSymbol *symbol,
          const char        *title,
          char              *description)
{
  VigieLegendItem *item = g_new0 (VigieLegendItem, 1);

  item->symbol = *symbol;
  item->title = g_strdup (title);
  item->description = description;
  g_ptr_array_add (items, item);
}

static void
add_station_items (GPtrArray                  *items,
                   gboolean                    bikes,
                   const VigieStyleThresholds *t)
{
  static const VigieStationState states[] = {
    VIGIE_STATION_NORMAL,
    VIGIE_STATION_NEARLY_EMPTY,
    VIGIE_STATION_EMPTY,
    VIGIE_STATION_NEARLY_FULL,
    VIGIE_STATION_FULL,
    VIGIE_STATION_NOT_RETURNING,
    VIGIE_STATION_NOT_RENTING,
    VIGIE_STATION_NOT_INSTALLED,
    VIGIE_STATION_UNKNOWN,
  };
  /* Sample fills for the legend's own symbols. */
  static const struct { const char *label; double fraction; } samples[] = {
    { "8", 0.5 }, { "2", 0.15 }, { "0", 0.0 }, { "14", 0.9 }, { "16", 1.0 },
    { "5", 0.3 }, { "5", 0.3 }, { NULL, -1 }, { "?", -1 },
  };
  int low = (int) MIN (t->station_low, G_MAXINT);
  int high = (int) MIN (t->station_high_docks, G_MAXINT);
  g_autofree char *low_text = vigie_format_count (low);
  g_autofree char *high_text = vigie_format_count (high);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      VigieSymbol symbol;
      char *description = NULL;

      vigie_symbol_init (&symbol);
      vigie_style_apply_station_state (states[i], t, &symbol);
      symbol.glyph = bikes ? VIGIE_SYMBOL_GLYPH_BIKE : VIGIE_SYMBOL_GLYPH_CAR;
      if (samples[i].label != NULL && symbol.shape == VIGIE_SYMBOL_SHAPE_GAUGE)
        {
          vigie_symbol_set_label (&symbol, samples[i].label);
          symbol.fraction = samples[i].fraction;
        }

      switch (states[i])
        {
        case VIGIE_STATION_NORMAL:
          /* Translators: a bike station's docks are "places" in French, as a car park's places. */
          description = g_strdup (bikes ? _("The ring fills with the bikes over the docks; the number counts the bikes")
                                        : _("The ring fills with the cars parked over the places; the number counts the cars"));
          break;
        case VIGIE_STATION_NEARLY_EMPTY:
          description = g_strdup_printf (bikes ? g_dngettext (GETTEXT_PACKAGE, "Mark at the bottom: %s bike or fewer", "Mark at the bottom: %s bikes or fewer", low)
                                               : g_dngettext (GETTEXT_PACKAGE, "Mark at the bottom: %s car or fewer", "Mark at the bottom: %s cars or fewer", low),
                                         low_text);
          break;
        case VIGIE_STATION_EMPTY:
          description = g_strdup (bikes ? _("Mark at the bottom, empty ring: no bike to rent")
                                        : _("Mark at the bottom, empty ring: no car to rent"));
          break;
        case VIGIE_STATION_NEARLY_FULL:
          description = g_strdup_printf (bikes ? g_dngettext (GETTEXT_PACKAGE, "Mark at the top: %s free dock or fewer", "Mark at the top: %s free docks or fewer", high)
                                               : g_dngettext (GETTEXT_PACKAGE, "Mark at the top: %s free place or fewer", "Mark at the top: %s free places or fewer", high),
                                         high_text);
          break;
        case VIGIE_STATION_FULL:
          description = g_strdup (bikes ? _("Mark at the top, closed ring: no dock to return a bike")
                                        : _("Mark at the top, closed ring: no place to return a car"));
          break;
        case VIGIE_STATION_NOT_RETURNING:
          description = g_strdup (_("Grey with a bar: the station does not take returns"));
          break;
        case VIGIE_STATION_NOT_RENTING:
          description = g_strdup (_("Grey, striped, with a cross: the station does not rent"));
          break;
        case VIGIE_STATION_NOT_INSTALLED:
          description = g_strdup (_("Small striped square with a cross: the station is not installed"));
          break;
        case VIGIE_STATION_UNKNOWN:
          description = g_strdup (_("Dashed circle with a question mark: no status received"));
          break;
        default:
          g_assert_not_reached ();
        }

      add_item (items, &symbol, vigie_style_station_state_title (states[i]), description);
    }
}

static void
add_load_items (GPtrArray  *items,
                gboolean    parking,
                double      busy,
                double      saturated,
                double      size)
{
  static const VigieLoadState states[] = {
    VIGIE_LOAD_NORMAL,
    VIGIE_LOAD_BUSY,
    VIGIE_LOAD_SATURATED,
    VIGIE_LOAD_FULL,
    VIGIE_LOAD_OUT_OF_SERVICE,
    VIGIE_LOAD_UNKNOWN,
  };
  static const char *labels[] = { "12", "4", "1", "0", NULL, "?" };
  int busy_percent = (int) round (busy * 100.0);
  int saturated_percent = (int) round (saturated * 100.0);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      VigieSymbol symbol;
      char *description = NULL;

      vigie_symbol_init (&symbol);
      symbol.shape = parking ? VIGIE_SYMBOL_SHAPE_SQUARE : VIGIE_SYMBOL_SHAPE_CIRCLE;
      symbol.stroke = VIGIE_STYLE_WHITE;
      symbol.size = size;
      vigie_style_apply_load_state (states[i], &symbol);
      symbol.glyph = parking ? VIGIE_SYMBOL_GLYPH_PARKING : VIGIE_SYMBOL_GLYPH_WIFI;
      if (labels[i] != NULL)
        vigie_symbol_set_label (&symbol, labels[i]);

      switch (states[i])
        {
        case VIGIE_LOAD_NORMAL:
          description = g_strdup_printf (parking ? _("Less than %d %% of the spaces taken; the number counts the free spaces")
                                                 : _("Less than %d %% of the capacity in use; the circle grows with the load, the number counts the clients"),
                                         busy_percent);
          break;
        case VIGIE_LOAD_BUSY:
          description = g_strdup_printf (_("Mark at the top: from %d %% to %d %%"), busy_percent, saturated_percent);
          break;
        case VIGIE_LOAD_SATURATED:
          description = g_strdup_printf (_("Mark at the top: %d %% or more"), saturated_percent);
          break;
        case VIGIE_LOAD_FULL:
          description = g_strdup (parking ? _("Striped, with a mark at the top: no free space")
                                          : _("Striped, with a mark at the top: at or over capacity"));
          break;
        case VIGIE_LOAD_OUT_OF_SERVICE:
          description = g_strdup (parking ? _("Grey, striped, with a cross: closed")
                                          : _("Grey, striped, with a cross: every access point is down"));
          break;
        case VIGIE_LOAD_UNKNOWN:
          description = g_strdup (_("Dashed outline with a question mark: no count received"));
          break;
        default:
          g_assert_not_reached ();
        }

      add_item (items, &symbol, vigie_style_load_state_title (states[i]), description);
    }
}

static void
add_tram_items (GPtrArray                  *items,
                const VigieStyleThresholds *thresholds)
{
  VigieSymbol base, symbol;
  gint64 ageing_s, stale_s;

  vigie_symbol_init (&base);
  base.shape = VIGIE_SYMBOL_SHAPE_ARROW;
  base.fill = VIGIE_STYLE_BLUE;
  base.stroke = VIGIE_STYLE_WHITE;
  base.size = VIGIE_STYLE_TRAM_SIZE * thresholds->scale;
  base.bearing = 90.0;
  vigie_symbol_set_label (&base, "1");
  add_item (items, &base, _("Tram, real-time position"),
            g_strdup (_("A solid arrow in the line’s colour pointing where it goes, with the line’s name; no mark: on time, within a minute")));

  symbol = base;
  symbol.shape = VIGIE_SYMBOL_SHAPE_CIRCLE;
  symbol.size = VIGIE_STYLE_TRAM_SIZE * 0.85 * thresholds->scale;
  symbol.bearing = -1.0;
  add_item (items, &symbol, _("Tram, heading unknown"), g_strdup (_("A circle in the line’s colour")));

  symbol = base;
  vigie_style_apply_tram_delay (VIGIE_TRAM_DELAY_LATE, &symbol);
  add_item (items, &symbol, _("Late by 1 to 3 min"), g_strdup (_("A mark at the bottom, orange outline")));

  symbol = base;
  vigie_style_apply_tram_delay (VIGIE_TRAM_DELAY_VERY_LATE, &symbol);
  add_item (items, &symbol, _("Late by more than 3 min"), g_strdup (_("Striped, with a mark at the bottom and a vermilion outline")));

  symbol = base;
  vigie_style_apply_tram_delay (VIGIE_TRAM_DELAY_EARLY, &symbol);
  add_item (items, &symbol, _("Early by 1 min or more"), g_strdup (_("A mark at the top, sky-blue outline")));

  symbol = base;
  symbol.fill = vigie_style_tint (base.fill, 0.3);
  symbol.stroke = base.fill;
  symbol.dashed = TRUE;
  add_item (items, &symbol, _("Timetable position"),
            g_strdup (_("A hollow arrow with a dashed outline: where the timetable puts the tram, not a measured position")));

  symbol.fill = VIGIE_STYLE_WHITE;
  symbol.mark = VIGIE_SYMBOL_MARK_BAR;
  add_item (items, &symbol, _("Scheduled, no real-time position (missing?)"),
            g_strdup (_("A white arrow with a dashed outline and a badge: the timetable has this trip running, the real-time feed does not show it")));

  symbol = base;
  vigie_symbol_set_label (&symbol, "1?");
  add_item (items, &symbol, _("Age of the position unknown"),
            g_strdup (_("A question mark after the line’s name: the feed gave no time for this tram")));

  vigie_freshness_get_default_thresholds (VIGIE_FEED_KIND_TRAMS, &ageing_s, &stale_s);
  symbol = base;
  symbol.opacity = VIGIE_STYLE_TRAM_AGEING_OPACITY;
  vigie_style_mark_outdated (&symbol);
  add_item (items, &symbol, _("Not updated recently"),
            /* Translators: how long a tram may go without news before it fades with a clock (in seconds), then disappears (in minutes). */
            g_strdup_printf (_("Faded, with a clock, after %d s without news; hidden after %d min"),
                             (int) ageing_s, (int) (stale_s / 60)));
}

/* A train network beside the city's: its trains as the trams are drawn,
 * its stations quiet. */
static void
add_train_items (GPtrArray                  *items,
                 const VigieStyleThresholds *thresholds)
{
  VigieSymbol symbol;

  vigie_symbol_init (&symbol);
  symbol.shape = VIGIE_SYMBOL_SHAPE_ARROW;
  symbol.fill = VIGIE_STYLE_BLUE;
  symbol.stroke = VIGIE_STYLE_WHITE;
  symbol.size = VIGIE_STYLE_TRAM_SIZE * thresholds->scale;
  symbol.bearing = 90.0;
  vigie_symbol_set_label (&symbol, "TER");
  add_item (items, &symbol, _("Train"),
            g_strdup (_("An arrow in the line’s colour, with the same marks as a tram for its delay and for a timetable position")));

  vigie_style_apply_train_station (thresholds, &symbol);
  add_item (items, &symbol, _("Train station"),
            g_strdup (_("A small pale square: the network’s stations stay in the background of the city’s map")));
}

/* The same mark on every layer: what an operator must not rely on. */
static void
add_outdated_item (GPtrArray         *items,
                   VigieFeedKind      kind,
                   const VigieSymbol *sample)
{
  VigieSymbol symbol = *sample;
  gint64 ageing_s;
  int minutes;

  vigie_freshness_get_default_thresholds (kind, &ageing_s, NULL);
  minutes = (int) MAX (ageing_s / 60, 1);
  vigie_style_mark_outdated (&symbol);
  add_item (items, &symbol, _("Data too old"),
            /* Translators: the legend of the clock badge; %d is a number of minutes. */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Faded, with a clock: no news for %d min or more (the feed stopped answering, or its data is old); do not rely on it",
                                          "Faded, with a clock: no news for %d min or more (the feed stopped answering, or its data is old); do not rely on it",
                                          minutes),
                             minutes));
}

/**
 * vigie_style_legend:
 * @kind: a kind of feed
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 *
 * What each symbol of a layer means, in words, with the symbol itself.
 *
 * Returns: (transfer full) (element-type VigieLegendItem): the items
 */
GPtrArray *
vigie_style_legend (VigieFeedKind               kind,
                    const VigieStyleThresholds *thresholds)
{
  VigieStyleThresholds fallback;
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_legend_item_free);
  VigieSymbol symbol;

  thresholds = vigie_style_ensure_thresholds (thresholds, &fallback);

  switch (kind)
    {
    case VIGIE_FEED_KIND_BIKES:
    case VIGIE_FEED_KIND_CAR_SHARE:
      add_station_items (items, kind == VIGIE_FEED_KIND_BIKES, thresholds);
      add_outdated_item (items, kind, &((VigieLegendItem *) g_ptr_array_index (items, 0))->symbol);

      vigie_symbol_init (&symbol);
      symbol.fill = VIGIE_STYLE_BLUE;
      symbol.size = VIGIE_STYLE_VEHICLE_SIZE * thresholds->scale;
      add_item (items, &symbol, _("Vehicle"), g_strdup (_("A dot; an arrow when the feed gives its heading")));
      symbol.shape = VIGIE_SYMBOL_SHAPE_DIAMOND;
      symbol.fill = VIGIE_STYLE_BLUISH_GREEN;
      add_item (items, &symbol, _("Electric vehicle"), g_strdup (_("A diamond")));
      symbol.shape = VIGIE_SYMBOL_SHAPE_CIRCLE;
      symbol.fill = VIGIE_STYLE_SKY_BLUE;
      symbol.dashed = TRUE;
      add_item (items, &symbol, _("Reserved"), g_strdup (_("Dashed outline")));
      symbol.fill = VIGIE_STYLE_GREY;
      symbol.dashed = FALSE;
      symbol.mark = VIGIE_SYMBOL_MARK_CROSS;
      add_item (items, &symbol, _("Out of service"), g_strdup (_("Grey with a cross")));
      break;

    case VIGIE_FEED_KIND_TRAMS:
      add_tram_items (items, thresholds);
      vigie_style_apply_stop (thresholds, &symbol);
      add_item (items, &symbol, _("Stop"), g_strdup (_("A small white circle")));
      break;

    case VIGIE_FEED_KIND_TRAINS:
      add_train_items (items, thresholds);
      break;

    case VIGIE_FEED_KIND_PARKING:
      add_load_items (items, TRUE, thresholds->parking_busy, thresholds->parking_saturated,
                      VIGIE_STYLE_PARKING_SIZE * thresholds->scale);
      add_outdated_item (items, kind, &((VigieLegendItem *) g_ptr_array_index (items, 0))->symbol);
      break;

    case VIGIE_FEED_KIND_WIFI:
      add_load_items (items, FALSE, thresholds->wifi_busy, thresholds->wifi_saturated,
                      (VIGIE_STYLE_HOTSPOT_MIN + VIGIE_STYLE_HOTSPOT_MAX) / 2 * thresholds->scale);
      add_outdated_item (items, kind, &((VigieLegendItem *) g_ptr_array_index (items, 0))->symbol);
      break;

    default:
      break;
    }

  vigie_group_style_symbol (kind, 25, kind == VIGIE_FEED_KIND_TRAMS || kind == VIGIE_FEED_KIND_TRAINS ? -1.0 : 0.5,
                            thresholds, &symbol);
  add_item (items, &symbol, _("Group"),
            g_strdup (_("A double ring with the layer’s glyph when things are too close to be told apart: the number counts them, the arc shows their total fill, the words under it the states that matter (“3 empty”); moved aside, a line leads to where they are")));

  return items;
}
