/* vigie-wifi-study.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-wifi-study"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-day-series.h"
#include "vigie-number.h"
#include "vigie-wifi-study.h"

/* How the free downtown and museum Wi-Fi is used: clients per site by
 * hour of the week, each site's peak, the sites near capacity, said as
 * "Musée de l'Impression sur Étoffes : 23 connectés, pic 41 samedi 15 h". */

static int
compare_near_capacity (gconstpointer a,
                       gconstpointer b)
{
  const VigieSiteUse *x = a, *y = b;

  if (x->hours_near_capacity != y->hours_near_capacity)
    return x->hours_near_capacity > y->hours_near_capacity ? -1 : 1;
  if (x->place->peak != y->place->peak)
    return x->place->peak > y->place->peak ? -1 : 1;
  return g_strcmp0 (x->place->id, y->place->id);
}

/**
 * vigie_wifi_study_rank:
 * @study: clients of Wi-Fi sites, with their capacity
 *
 * Returns: (transfer full) (element-type VigieSiteUse): the sites with
 *   data, those near capacity the longest first, then by peak; they point
 *   into @study
 */
GArray *
vigie_wifi_study_rank (VigieWeekStudy *study)
{
  GPtrArray *places = vigie_week_study_get_places (study);
  GArray *uses = g_array_new (FALSE, TRUE, sizeof (VigieSiteUse));

  for (guint i = 0; i < places->len; i++)
    {
      const VigieWeekPlace *place = g_ptr_array_index (places, i);
      VigieSiteUse use = { .place = place, .busiest_hour = -1 };
      double busiest = -1;

      for (guint hour = 0; hour < VIGIE_WEEK_HOURS; hour++)
        {
          double mean;

          if (!vigie_week_place_mean (place, hour, &mean))
            continue;
          if (place->capacity > 0 && mean >= VIGIE_WIFI_NEAR_CAPACITY * place->capacity)
            use.hours_near_capacity++;
          if (mean > busiest)
            {
              busiest = mean;
              use.busiest_hour = hour;
            }
        }

      if (use.busiest_hour >= 0)
        g_array_append_val (uses, use);
    }

  g_array_sort (uses, compare_near_capacity);
  return uses;
}

/**
 * vigie_wifi_study_sentence:
 * @study: the study @use comes from
 * @use: a site's use
 *
 * Returns: (transfer full): "Musée de l'Impression sur Étoffes : 23
 *   connectés, pic 41 samedi 15 h", the latest count and the peak, with
 *   the hours near capacity when there are some
 */
char *
vigie_wifi_study_sentence (VigieWeekStudy     *study,
                           const VigieSiteUse *use)
{
  const VigieWeekPlace *place;
  const char *name;
  g_autofree char *now = NULL;
  g_autofree char *peak = NULL;
  g_autofree char *hour = NULL;
  g_autofree char *sentence = NULL;
  gint64 last;
  int when;

  g_return_val_if_fail (study != NULL, NULL);
  g_return_val_if_fail (use != NULL, NULL);

  place = use->place;
  name = place->name != NULL ? place->name : place->id;
  last = (gint64) round (place->last);
  now = vigie_format_count (last);
  peak = vigie_format_count ((gint64) round (place->peak));
  when = vigie_week_study_hour_of_week (study, place->peak_time);
  hour = vigie_chart_format_hour (when % 24);

  /* Translators: "Musée de l'Impression: 23 connected, peak 41 on
   * Saturday at 15:00"; a site's name, the clients now, the peak, its day
   * and its hour */
  sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s: %s connected, peak %s on %s at %s",
                                           "%s: %s connected, peak %s on %s at %s", last),
                              name, now, peak, vigie_week_day_name (when / 24), hour);

  if (use->hours_near_capacity > 0)
    {
      g_autofree char *hours = vigie_format_count (use->hours_near_capacity);

      /* Translators: follows the site's sentence */
      return g_strdup_printf (_("%s; near capacity %s h a week"), sentence, hours);
    }

  return g_steal_pointer (&sentence);
}
