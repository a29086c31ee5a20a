/* vigie-history-samples.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-samples"

#include "config.h"

#include <math.h>

#include "vigie-history-samples.h"
#include "vigie-snapshot.h"
#include "vigie-hash.h"

/* What the history records of an update, worked out in the feed's worker
 * from the snapshot shown before and the new one: only values that
 * changed. An entity the new snapshot shares with the old one (the very
 * object: vigie_snapshot_prepare() keeps unchanged ones) costs a pointer
 * comparison. Besides each entity's own values, a few figures are made
 * of many entities: trams in service and ghost trips per line, each
 * trip's delay, the shared vehicles listed at each station. Each tram's
 * position, trip and line are kept too, for replay. */

typedef enum { INT, DOUBLE, BOOLEAN, STRING, NAME, POSITION } Type;

typedef struct
{
  const char *key;
  Type        type;
} Field;

static const Field station_fields[] = {
  { "vehicles_available", INT },
  { "docks_available", INT },
  { "vehicles_disabled", INT },
  { "docks_disabled", INT },
  { "electric_available", INT },
  { "mechanical_available", INT },
  { "is_installed", BOOLEAN },
  { "is_renting", BOOLEAN },
  { "is_returning", BOOLEAN },
  { NULL }
};

/* Shared cars and bikes; trams by trip and line, and below. */
static const Field vehicle_fields[] = {
  { "is_reserved", BOOLEAN },
  { "is_disabled", BOOLEAN },
  { "available_now", BOOLEAN },
  { NULL }
};

/* Trams and buses: where each one is, for replay. The position is one
 * value in words, "lat lon bearing", so that a report costs one row; the
 * writer keeps one every VIGIE_HISTORY_POSITION_MIN_S at most. */
static const Field transit_fields[] = {
  { "position", POSITION },
  { "trip_id", STRING },
  { "route_id", STRING },
  { "label", NAME },
  { "source", STRING },
  { "ghost", BOOLEAN },
  { NULL }
};

static const Field parking_fields[] = {
  { "total_spots", INT },
  { "available_spots", INT },
  { "occupied_spots", INT },
  { "occupancy", DOUBLE },
  { "status", STRING },
  { NULL }
};

static const Field hotspot_fields[] = {
  { "clients", INT },
  { "devices", INT },
  { "devices_down", INT },
  { "aps_up", INT },
  { "aps_total", INT },
  { "state", STRING },
  { "status", STRING },
  { NULL }
};

typedef struct
{
  gboolean    present;
  double      number;
  const char *text;
  double      latitude, longitude, bearing;
} Value;

static const Field *
fields_for (VigieEntity *entity)
{
  gboolean flag;

  switch (vigie_entity_get_kind (entity))
    {
    case VIGIE_ENTITY_STATION:
      return station_fields;
    case VIGIE_ENTITY_VEHICLE:
      return vigie_entity_lookup_string (entity, "trip_id") == NULL &&
             vigie_entity_lookup_string (entity, "route_id") == NULL ? vehicle_fields : transit_fields;
    case VIGIE_ENTITY_ZONE:
      /* Geofencing zones are rules, not parking. */
      return vigie_entity_lookup_boolean (entity, "geofencing", &flag) && flag ? NULL : parking_fields;
    case VIGIE_ENTITY_CAR_PARK:
      return parking_fields;
    case VIGIE_ENTITY_HOTSPOT:
      return hotspot_fields;
    case VIGIE_ENTITY_STOP:
    case VIGIE_ENTITY_LINE:
    default:
      return NULL;
    }
}

static Value
read_value (VigieEntity *entity,
            const Field *field)
{
  Value value = { FALSE, NAN, NULL, NAN, NAN, NAN };
  gint64 i;
  double d;
  gboolean b;

  if (entity == NULL)
    return value;

  switch (field->type)
    {
    case INT:
      if ((value.present = vigie_entity_lookup_int (entity, field->key, &i)))
        value.number = (double) i;
      break;
    case DOUBLE:
      if ((value.present = vigie_entity_lookup_double (entity, field->key, &d)))
        value.number = d;
      break;
    case BOOLEAN:
      if ((value.present = vigie_entity_lookup_boolean (entity, field->key, &b)))
        value.number = b ? 1 : 0;
      break;
    case STRING:
      value.text = vigie_entity_lookup_string (entity, field->key);
      value.present = value.text != NULL;
      break;
    case NAME:
      value.text = vigie_entity_get_name (entity);
      value.present = value.text != NULL;
      break;
    case POSITION:
      if ((value.present = vigie_entity_has_position (entity)))
        {
          value.latitude = vigie_entity_get_latitude (entity);
          value.longitude = vigie_entity_get_longitude (entity);
          if (!vigie_entity_lookup_double (entity, "bearing", &value.bearing))
            value.bearing = NAN;
        }
      break;
    default:
      g_assert_not_reached ();
    }

  return value;
}

static gboolean
same (const Value *a,
      const Value *b)
{
  if (a->present != b->present)
    return FALSE;
  if (!a->present)
    return TRUE;
  if (!isnan (a->latitude))
    return a->latitude == b->latitude && a->longitude == b->longitude &&
           (a->bearing == b->bearing || (isnan (a->bearing) && isnan (b->bearing)));
  if (a->text != NULL || b->text != NULL)
    return g_strcmp0 (a->text, b->text) == 0;

  return a->number == b->number;
}

static void
add_value (VigieHistoryBatch *batch,
           const char        *entity,
           const char        *field,
           const Value       *value)
{
  if (!value->present)
    vigie_history_batch_add_gone (batch, entity, field);
  else if (!isnan (value->latitude))
    {
      g_autofree char *text = vigie_history_format_position (value->latitude, value->longitude, value->bearing);

      vigie_history_batch_add_text (batch, entity, field, text);
    }
  else if (value->text != NULL)
    vigie_history_batch_add_text (batch, entity, field, value->text);
  else
    vigie_history_batch_add (batch, entity, field, value->number);
}

/* @before is NULL for an entity new to the feed, @after NULL for one
 * gone from it. */
static void
diff_entity (VigieHistoryBatch *batch,
             VigieEntity       *before,
             VigieEntity       *after)
{
  VigieEntity *entity = after != NULL ? after : before;
  const Field *fields = fields_for (entity);
  const char *key = vigie_entity_get_key (entity);

  for (guint i = 0; fields != NULL && fields[i].key != NULL; i++)
    {
      Value old = read_value (before, &fields[i]);
      Value new = read_value (after, &fields[i]);

      if (!same (&old, &new))
        add_value (batch, key, fields[i].key, &new);
    }
}

/*
 * Positions
 */

/**
 * vigie_history_format_position:
 * @bearing: degrees, or NAN when unknown
 *
 * Returns: (transfer full): a position as the history keeps it: "lat lon
 *   bearing", six decimals (a tenth of a metre), "-" for no bearing
 */
char *
vigie_history_format_position (double latitude,
                               double longitude,
                               double bearing)
{
  char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE], dir[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (lat, sizeof lat, "%.6f", latitude);
  g_ascii_formatd (lon, sizeof lon, "%.6f", longitude);
  if (isnan (bearing))
    g_strlcpy (dir, "-", sizeof dir);
  else
    g_ascii_formatd (dir, sizeof dir, "%.0f", bearing);

  return g_strconcat (lat, " ", lon, " ", dir, NULL);
}

/**
 * vigie_history_parse_position:
 * @text: as vigie_history_format_position() wrote it
 * @bearing: (out): NAN when none was recorded
 *
 * Returns: %FALSE for text that is not a position
 */
gboolean
vigie_history_parse_position (const char *text,
                              double     *latitude,
                              double     *longitude,
                              double     *bearing)
{
  g_auto(GStrv) parts = NULL;
  char *end;

  g_return_val_if_fail (latitude != NULL && longitude != NULL && bearing != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, " ", 4);
  if (g_strv_length (parts) != 3)
    return FALSE;

  *latitude = g_ascii_strtod (parts[0], &end);
  if (*end != '\0' || end == parts[0] || !isfinite (*latitude) || fabs (*latitude) > 90)
    return FALSE;
  *longitude = g_ascii_strtod (parts[1], &end);
  if (*end != '\0' || end == parts[1] || !isfinite (*longitude) || fabs (*longitude) > 180)
    return FALSE;
  *bearing = g_ascii_strtod (parts[2], &end);
  if (*end != '\0' || end == parts[2] || !isfinite (*bearing))
    *bearing = NAN;

  return TRUE;
}

/*
 * Trams
 */

typedef struct
{
  GHashTable *vehicles;   /* line → count (pointer) */
  GHashTable *ghosts;
  GHashTable *delays;     /* trip → VigieEntity with its delay */
  GHashTable *parked;     /* station → shared vehicles listed there */
} Lines;

static void
lines_init (Lines *lines)
{
  lines->vehicles = g_hash_table_new (vigie_str_hash, g_str_equal);
  lines->ghosts = g_hash_table_new (vigie_str_hash, g_str_equal);
  lines->delays = g_hash_table_new (vigie_str_hash, g_str_equal);
  lines->parked = g_hash_table_new (vigie_str_hash, g_str_equal);
}

static void
lines_clear (Lines *lines)
{
  g_hash_table_unref (lines->vehicles);
  g_hash_table_unref (lines->ghosts);
  g_hash_table_unref (lines->delays);
  g_hash_table_unref (lines->parked);
}

static void
count_in (GHashTable *table,
          const char *line)
{
  g_hash_table_insert (table, (gpointer) line,
                       GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (table, line)) + 1));
}

/* The strings stay the snapshot's: it outlives the diff. */
static void
count_lines (VigieSnapshot *snapshot,
             Lines         *lines)
{
  guint n = snapshot != NULL ? vigie_snapshot_get_n_entities (snapshot) : 0;

  for (guint i = 0; i < n; i++)
    {
      VigieEntity *entity = vigie_snapshot_get_entity (snapshot, i);
      const char *line, *trip;
      gboolean ghost = FALSE;
      gint64 delay;

      if (vigie_entity_get_kind (entity) != VIGIE_ENTITY_VEHICLE)
        continue;

      /* A shared car or bike listed at a station. */
      if ((line = vigie_entity_lookup_string (entity, "route_id")) == NULL)
        {
          const char *station = vigie_entity_lookup_string (entity, "station_id");

          if (station != NULL)
            count_in (lines->parked, station);
          continue;
        }

      vigie_entity_lookup_boolean (entity, "ghost", &ghost);
      if (ghost)
        count_in (lines->ghosts, line);
      else if (g_strcmp0 (vigie_entity_lookup_string (entity, "source"), "schedule") != 0)
        count_in (lines->vehicles, line);

      trip = vigie_entity_lookup_string (entity, "trip_id");
      if (!ghost && trip != NULL && vigie_entity_lookup_int (entity, "delay_s", &delay))
        g_hash_table_insert (lines->delays, (gpointer) trip, entity);
    }
}

static void
diff_counts (VigieHistoryBatch *batch,
             GHashTable        *before,
             GHashTable        *after,
             VigieEntityKind    kind,
             const char        *field)
{
  GHashTableIter iter;
  gpointer line, count;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &line, &count))
    if (g_hash_table_lookup (before, line) != count)
      {
        g_autofree char *key = vigie_entity_make_key (kind, line);

        vigie_history_batch_add (batch, key, field, (double) GPOINTER_TO_SIZE (count));
      }

  /* A line with none left has 0, not nothing: it is a figure. */
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &line, NULL))
    if (!g_hash_table_contains (after, line))
      {
        g_autofree char *key = vigie_entity_make_key (kind, line);

        vigie_history_batch_add (batch, key, field, 0);
      }
}

static void
diff_delays (VigieHistoryBatch *batch,
             GHashTable        *before,
             GHashTable        *after)
{
  GHashTableIter iter;
  gpointer trip;
  VigieEntity *entity, *old;
  gint64 delay, old_delay;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &trip, (gpointer *) &entity))
    {
      old = g_hash_table_lookup (before, trip);
      if (old == entity)
        continue;

      vigie_entity_lookup_int (entity, "delay_s", &delay);
      if (old == NULL || !vigie_entity_lookup_int (old, "delay_s", &old_delay) || old_delay != delay)
        {
          g_autofree char *key = g_strconcat ("trip/", (const char *) trip, NULL);

          vigie_history_batch_add (batch, key, "delay_s", (double) delay);
        }
    }

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &trip, NULL))
    if (!g_hash_table_contains (after, trip))
      {
        g_autofree char *key = g_strconcat ("trip/", (const char *) trip, NULL);

        vigie_history_batch_add_gone (batch, key, "delay_s");
      }
}

static void
diff_lines (VigieHistoryBatch *batch,
            VigieSnapshot     *previous,
            VigieSnapshot     *current)
{
  Lines before, after;

  if (vigie_snapshot_count_kind (current, VIGIE_ENTITY_VEHICLE) == 0 &&
      (previous == NULL || vigie_snapshot_count_kind (previous, VIGIE_ENTITY_VEHICLE) == 0))
    return;

  lines_init (&before);
  lines_init (&after);
  count_lines (previous, &before);
  count_lines (current, &after);
  diff_counts (batch, before.vehicles, after.vehicles, VIGIE_ENTITY_LINE, "vehicles");
  diff_counts (batch, before.ghosts, after.ghosts, VIGIE_ENTITY_LINE, "ghosts");
  diff_counts (batch, before.parked, after.parked, VIGIE_ENTITY_STATION, "vehicles_listed");
  diff_delays (batch, before.delays, after.delays);
  lines_clear (&before);
  lines_clear (&after);
}

/*
 * Public API
 */

/**
 * vigie_history_samples_diff:
 * @input: an update, as a tap sees it in the feed's worker
 *
 * Returns: (transfer full) (nullable): what changed, or %NULL for nothing
 */
VigieHistoryBatch *
vigie_history_samples_diff (const VigieTapInput *input)
{
  g_autoptr(VigieHistoryBatch) batch = NULL;
  GHashTable *before_index, *after_index;
  VigieSnapshot *previous = input->previous;
  VigieSnapshot *current = input->current;
  gboolean incremental;
  guint n;

  g_return_val_if_fail (input != NULL && input->current != NULL, NULL);

  if (input->feed_id == NULL)
    return NULL;

  batch = vigie_history_batch_new (input->feed_id, input->now);
  before_index = previous != NULL ? vigie_snapshot_get_index (previous) : NULL;
  after_index = vigie_snapshot_get_index (current);
  incremental = vigie_snapshot_get_incremental (current);

  n = vigie_snapshot_get_n_entities (current);
  for (guint i = 0; i < n; i++)
    {
      VigieEntity *entity = vigie_snapshot_get_entity (current, i);
      VigieEntity *before = before_index != NULL ? g_hash_table_lookup (before_index, vigie_entity_get_key (entity)) : NULL;

      if (before != entity)
        diff_entity (batch, before, entity);
    }

  /* An incremental snapshot names only what changed: nothing is gone. */
  if (previous != NULL && after_index != NULL && !incremental)
    {
      n = vigie_snapshot_get_n_entities (previous);
      for (guint i = 0; i < n; i++)
        {
          VigieEntity *entity = vigie_snapshot_get_entity (previous, i);

          if (!g_hash_table_contains (after_index, vigie_entity_get_key (entity)))
            diff_entity (batch, entity, NULL);
        }
    }

  if (!incremental)
    diff_lines (batch, previous, current);

  if (batch->samples->len == 0)
    return NULL;

  return g_steal_pointer (&batch);
}

/**
 * vigie_history_main_series:
 * @entity: an entity on the map
 * @series: (out caller-allocates): its main value's series
 *
 * Returns: %FALSE when the entity has no value worth a sparkline
 */
gboolean
vigie_history_main_series (VigieEntity            *entity,
                           VigieHistoryMainSeries *series)
{
  const char *trip;
  gint64 n;

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), FALSE);
  g_return_val_if_fail (series != NULL, FALSE);

  memset (series, 0, sizeof *series);

  switch (vigie_entity_get_kind (entity))
    {
    case VIGIE_ENTITY_STATION:
      if (!vigie_entity_lookup_int (entity, "vehicles_available", &n))
        return FALSE;
      series->field = "vehicles_available";
      if (n == 0)
        {
          series->condition = VIGIE_HISTORY_CONDITION_EMPTY;
          series->condition_field = "vehicles_available";
        }
      else if (vigie_entity_lookup_int (entity, "docks_available", &n) && n == 0)
        {
          series->condition = VIGIE_HISTORY_CONDITION_FULL;
          series->condition_field = "docks_available";
        }
      break;

    case VIGIE_ENTITY_ZONE:
    case VIGIE_ENTITY_CAR_PARK:
      if (vigie_entity_lookup_int (entity, "occupied_spots", &n))
        series->field = "occupied_spots";
      else if (vigie_entity_lookup_int (entity, "available_spots", &n))
        series->field = "available_spots";
      else
        return FALSE;
      if (vigie_entity_lookup_int (entity, "available_spots", &n) && n == 0)
        {
          series->condition = VIGIE_HISTORY_CONDITION_FULL;
          series->condition_field = "available_spots";
        }
      break;

    case VIGIE_ENTITY_HOTSPOT:
      if (!vigie_entity_lookup_int (entity, "clients", &n))
        return FALSE;
      series->field = "clients";
      break;

    case VIGIE_ENTITY_VEHICLE:
      trip = vigie_entity_lookup_string (entity, "trip_id");
      if (trip == NULL || !vigie_entity_lookup_int (entity, "delay_s", &n))
        return FALSE;
      series->entity = g_strconcat ("trip/", trip, NULL);
      series->field = "delay_s";
      return TRUE;

    case VIGIE_ENTITY_STOP:
    case VIGIE_ENTITY_LINE:
    default:
      return FALSE;
    }

  series->entity = g_strdup (vigie_entity_get_key (entity));

  return TRUE;
}

void
vigie_history_main_series_clear (VigieHistoryMainSeries *series)
{
  g_clear_pointer (&series->entity, g_free);
}
