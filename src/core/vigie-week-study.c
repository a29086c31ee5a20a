/* vigie-week-study.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-week-study"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-week-study.h"
#include "vigie-hash.h"

/* The city's studies read a history of measures (parking occupancy, Wi-Fi
 * clients) by place and by hour of the week over a chosen period, local
 * time: "saturated 38 h a week, mostly on Saturday afternoons". The
 * history comes from elsewhere; here only its aggregation, pure, so that
 * a known history gives known figures. */

struct _VigieWeekStudy
{
  GTimeZone  *time_zone;
  gint64      from;       /* Unix seconds, included; 0: no bound */
  gint64      to;         /* excluded; 0: no bound */
  GPtrArray  *places;     /* VigieWeekPlace, in the order first seen */
  GHashTable *by_id;      /* id → VigieWeekPlace */
};

static void
place_free (VigieWeekPlace *place)
{
  g_free (place->id);
  g_free (place->name);
  g_free (place);
}

/**
 * vigie_week_study_new:
 * @time_zone: (nullable): whose hours, or %NULL for the local ones
 * @from: the period's start, Unix seconds, or 0
 * @to: its end (excluded), or 0
 *
 * Returns: (transfer full): an empty study
 */
VigieWeekStudy *
vigie_week_study_new (GTimeZone *time_zone,
                      gint64     from,
                      gint64     to)
{
  VigieWeekStudy *self = g_new0 (VigieWeekStudy, 1);

  self->time_zone = time_zone != NULL ? g_time_zone_ref (time_zone) : g_time_zone_new_local ();
  self->from = from;
  self->to = to;
  self->places = g_ptr_array_new_with_free_func ((GDestroyNotify) place_free);
  self->by_id = g_hash_table_new (vigie_str_hash, g_str_equal);

  return self;
}

void
vigie_week_study_free (VigieWeekStudy *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->places);
  g_time_zone_unref (self->time_zone);
  g_free (self);
}

/**
 * vigie_week_study_hour_of_week:
 * @self: a study
 * @time: Unix seconds
 *
 * Returns: 0 (Monday 0 h) to 167 (Sunday 23 h), local, or -1
 */
int
vigie_week_study_hour_of_week (VigieWeekStudy *self,
                               gint64          time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (self != NULL, -1);

  if (utc == NULL)
    return -1;
  local = g_date_time_to_timezone (utc, self->time_zone);
  return (g_date_time_get_day_of_week (local) - 1) * 24 + g_date_time_get_hour (local);
}

/**
 * vigie_week_study_add:
 * @self: a study
 * @id: the place's id
 * @name: (nullable): its name, plain text
 * @time: when the measure was true, Unix seconds
 * @value: the measure (an occupancy 0–1, a number of clients)
 * @capacity: the place's capacity then, or 0
 *
 * Returns: whether the measure counts: in the period, and a number
 */
gboolean
vigie_week_study_add (VigieWeekStudy *self,
                      const char     *id,
                      const char     *name,
                      gint64          time,
                      double          value,
                      double          capacity)
{
  VigieWeekPlace *place;
  int hour;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!isfinite (value) || value < 0 ||
      (self->from != 0 && time < self->from) || (self->to != 0 && time >= self->to))
    return FALSE;

  hour = vigie_week_study_hour_of_week (self, time);
  if (hour < 0)
    return FALSE;

  place = g_hash_table_lookup (self->by_id, id);
  if (place == NULL)
    {
      place = g_new0 (VigieWeekPlace, 1);
      place->id = g_strdup (id);
      place->peak = -1;
      g_ptr_array_add (self->places, place);
      g_hash_table_insert (self->by_id, place->id, place);
    }
  if (name != NULL && name[0] != '\0' && g_strcmp0 (place->name, name) != 0)
    {
      g_free (place->name);
      place->name = g_strdup (name);
    }
  if (isfinite (capacity) && capacity > 0)
    place->capacity = capacity;

  place->sum[hour] += value;
  place->count[hour]++;
  if (value > place->peak)
    {
      place->peak = value;
      place->peak_time = time;
    }
  if (time >= place->last_time)
    {
      place->last = value;
      place->last_time = time;
    }

  return TRUE;
}

/**
 * vigie_week_study_get_places:
 * @self: a study
 *
 * Returns: (transfer none) (element-type VigieWeekPlace): the places,
 *   in the order first seen
 */
GPtrArray *
vigie_week_study_get_places (VigieWeekStudy *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->places;
}

gboolean
vigie_week_place_mean (const VigieWeekPlace *place,
                       guint                 hour,
                       double               *mean)
{
  g_return_val_if_fail (place != NULL, FALSE);
  g_return_val_if_fail (hour < VIGIE_WEEK_HOURS, FALSE);

  if (place->count[hour] == 0)
    return FALSE;

  *mean = place->sum[hour] / place->count[hour];
  return TRUE;
}

/**
 * vigie_week_day_name:
 * @day: 0 (Monday) to 6 (Sunday)
 *
 * Returns: (transfer none): the day's name as a sentence writes it
 *   ("samedi" in French)
 */
const char *
vigie_week_day_name (guint day)
{
  switch (day)
    {
    case 0: return C_("day in a sentence", "Monday");
    case 1: return C_("day in a sentence", "Tuesday");
    case 2: return C_("day in a sentence", "Wednesday");
    case 3: return C_("day in a sentence", "Thursday");
    case 4: return C_("day in a sentence", "Friday");
    case 5: return C_("day in a sentence", "Saturday");
    case 6: return C_("day in a sentence", "Sunday");
    default: g_return_val_if_reached ("");
    }
}

static void
append_csv_field (GString    *csv,
                  const char *text)
{
  /* A name from a feed that a spreadsheet would take for a formula is
   * kept as text. */
  gboolean formula = strchr ("=+-@", text[0]) != NULL && text[0] != '\0';

  /* RFC 4180: quoted when it holds a comma, a quote or a line break. */
  if (strpbrk (text, ",\"\r\n") == NULL && !formula)
    {
      g_string_append (csv, text);
      return;
    }

  g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

/**
 * vigie_week_study_to_csv:
 * @self: a study
 * @value_name: the measure's column, "occupancy" or "clients"
 *
 * A row per place and hour of the week with data: id, name, day (1
 * Monday to 7 Sunday, ISO 8601), hour, the mean measure, the number of
 * samples. For spreadsheets: the numbers with a dot, whatever the locale.
 *
 * Returns: (transfer full): the CSV text
 */
char *
vigie_week_study_to_csv (VigieWeekStudy *self,
                         const char     *value_name)
{
  g_autoptr(GString) csv = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (value_name != NULL, NULL);

  g_string_append_printf (csv, "id,name,weekday,hour,%s,samples\r\n", value_name);
  for (guint i = 0; i < self->places->len; i++)
    {
      VigieWeekPlace *place = g_ptr_array_index (self->places, i);

      for (guint hour = 0; hour < VIGIE_WEEK_HOURS; hour++)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];
          double mean;

          if (!vigie_week_place_mean (place, hour, &mean))
            continue;

          append_csv_field (csv, place->id);
          g_string_append_c (csv, ',');
          append_csv_field (csv, place->name != NULL ? place->name : "");
          g_string_append_printf (csv, ",%u,%u,", hour / 24 + 1, hour % 24);
          g_string_append (csv, g_ascii_formatd (number, sizeof number, "%.3f", mean));
          g_string_append_printf (csv, ",%u\r\n", place->count[hour]);
        }
    }

  return g_string_free (g_steal_pointer (&csv), FALSE);
}
