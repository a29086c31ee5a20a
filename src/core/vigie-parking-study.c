/* vigie-parking-study.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-parking-study"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-number.h"
#include "vigie-parking-study.h"

/* The city asked where to place its parking meters ("mieux définir
 * l'emplacement des parcmètres"): zones ranked by the hours of a week they
 * are saturated, or under-used, each said in a sentence ("Rue du
 * Sauvage : saturée 38 h par semaine, surtout le samedi après-midi"). */

/* Parts of a day: night 0–6 h, morning, afternoon, evening; then the
 * whole day. */
#define N_PARTS   4
#define WHOLE_DAY 4
#define N_WHENS   (N_PARTS + 1)

/* When most of the hours counted in @hours are: the day with the most,
 * and its part of the day that has most of them, or the whole day when
 * none has more than half. As day * N_WHENS + part, or -1. */
static int
busiest_part (const gboolean *hours)
{
  guint days[7] = { 0, };
  guint parts[7][N_PARTS] = { { 0, } };
  int day = -1, part = 0;

  for (guint hour = 0; hour < VIGIE_WEEK_HOURS; hour++)
    if (hours[hour])
      {
        days[hour / 24]++;
        parts[hour / 24][(hour % 24) / 6]++;
      }

  for (guint d = 0; d < 7; d++)
    if (days[d] > 0 && (day < 0 || days[d] > days[day]))
      day = d;
  if (day < 0)
    return -1;

  for (guint p = 1; p < N_PARTS; p++)
    if (parts[day][p] > parts[day][part])
      part = p;
  if (2 * parts[day][part] <= days[day])
    part = WHOLE_DAY;

  return day * N_WHENS + part;
}

static int
compare_saturated (gconstpointer a,
                   gconstpointer b)
{
  const VigieZoneUse *x = a, *y = b;

  if (x->hours_saturated != y->hours_saturated)
    return x->hours_saturated > y->hours_saturated ? -1 : 1;
  return g_strcmp0 (x->place->id, y->place->id);
}

static int
compare_underused (gconstpointer a,
                   gconstpointer b)
{
  const VigieZoneUse *x = a, *y = b;

  if (x->hours_underused != y->hours_underused)
    return x->hours_underused > y->hours_underused ? -1 : 1;
  return g_strcmp0 (x->place->id, y->place->id);
}

/**
 * vigie_parking_study_rank:
 * @study: occupancies (0–1) of parking zones
 * @by_underused: rank by hours under-used rather than saturated
 *
 * Returns: (transfer full) (element-type VigieZoneUse): the zones with
 *   data, the most saturated (or under-used) first; they point into
 *   @study
 */
GArray *
vigie_parking_study_rank (VigieWeekStudy *study,
                          gboolean        by_underused)
{
  GPtrArray *places = vigie_week_study_get_places (study);
  GArray *uses = g_array_new (FALSE, TRUE, sizeof (VigieZoneUse));

  for (guint i = 0; i < places->len; i++)
    {
      const VigieWeekPlace *place = g_ptr_array_index (places, i);
      gboolean saturated[VIGIE_WEEK_HOURS] = { FALSE, };
      gboolean underused[VIGIE_WEEK_HOURS] = { FALSE, };
      VigieZoneUse use = { .place = place };

      for (guint hour = 0; hour < VIGIE_WEEK_HOURS; hour++)
        {
          double mean;

          if (!vigie_week_place_mean (place, hour, &mean))
            continue;

          use.hours_known++;
          saturated[hour] = mean >= VIGIE_PARKING_SATURATED;
          underused[hour] = mean <= VIGIE_PARKING_UNDERUSED;
          use.hours_saturated += saturated[hour];
          use.hours_underused += underused[hour];
        }

      if (use.hours_known == 0)
        continue;
      use.saturated_when = busiest_part (saturated);
      use.underused_when = busiest_part (underused);
      g_array_append_val (uses, use);
    }

  g_array_sort (uses, by_underused ? compare_underused : compare_saturated);
  return uses;
}

/* "le samedi après-midi" */
static char *
describe_when (int when)
{
  const char *day = vigie_week_day_name (when / N_WHENS);

  switch (when % N_WHENS)
    {
    case 0:
      /* Translators: %s is a day, as in "mostly on Saturday nights" */
      return g_strdup_printf (C_("study", "on %s nights"), day);
    case 1:
      return g_strdup_printf (C_("study", "on %s mornings"), day);
    case 2:
      return g_strdup_printf (C_("study", "on %s afternoons"), day);
    case 3:
      return g_strdup_printf (C_("study", "on %s evenings"), day);
    default:
      /* Translators: %s is a day, as in "mostly on Sundays" */
      return g_strdup_printf (C_("study", "on %ss"), day);
    }
}

/**
 * vigie_parking_study_sentence:
 * @use: a zone's use
 * @underused: say its hours under-used rather than saturated
 *
 * Returns: (transfer full): "Rue du Sauvage : saturée 38 h par semaine,
 *   surtout le samedi après-midi"
 */
char *
vigie_parking_study_sentence (const VigieZoneUse *use,
                              gboolean            underused)
{
  const char *name;
  g_autofree char *hours = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (use != NULL, NULL);

  name = use->place->name != NULL ? use->place->name : use->place->id;

  if (underused)
    {
      if (use->hours_underused == 0)
        return g_strdup_printf (_("%s: never under-used"), name);
      hours = vigie_format_count (use->hours_underused);
      when = describe_when (use->underused_when);
      /* Translators: "Rue du Sauvage: under-used 50 h a week, mostly on
       * Sunday mornings"; a zone's name, hours, then when */
      return g_strdup_printf (_("%s: under-used %s h a week, mostly %s"), name, hours, when);
    }

  if (use->hours_saturated == 0)
    return g_strdup_printf (_("%s: never saturated"), name);
  hours = vigie_format_count (use->hours_saturated);
  when = describe_when (use->saturated_when);
  /* Translators: "Rue du Sauvage: saturated 38 h a week, mostly on
   * Saturday afternoons"; a zone's name, hours, then when */
  return g_strdup_printf (_("%s: saturated %s h a week, mostly %s"), name, hours, when);
}
