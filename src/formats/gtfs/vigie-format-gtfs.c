/* vigie-format-gtfs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-gtfs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vigie-format-gtfs-rt.h"
#include "vigie-formats.h"
#include "vigie-gtfs.h"
#include "vigie-gtfs-sources.h"
#include "vigie-hash.h"

/* A GTFS timetable as a feed: the zip (role "main", or "gtfs" beside
 * another format's main document) becomes the stops of the kept routes and
 * the vehicles where the timetable has them. A "vehicle-positions"
 * document, GTFS-Realtime or SIRI-Lite, read by those formats' own
 * parsers, replaces the timetable's vehicles by real ones, which get the
 * line's colour, name and destination and their delay from the timetable.
 *
 * With real-time vehicles, each trip the timetable has running that no
 * real-time vehicle covers is added too, at its timetable position, as a
 * "ghost" (b, TRUE) with "source" "schedule": operators must see the trams
 * that should be out and are not. Its id is "ghost:" and the trip_id.
 *
 * A "trip-updates" and an "alerts" document (GTFS-Realtime, in protobuf or
 * JSON; either may also come inside the "vehicle-positions" one) add:
 * - to each timetable stop a TripUpdate names, its "arrivals" (see
 *   vigie-gtfs-rt-trips.c), each with its line's "route_short_name"; a
 *   stop the timetable lacks stays without a position;
 * - to each vehicle without a delay, its trip's delay ("delay_s");
 * - to a ghost or a timetable position whose trip is canceled,
 *   "canceled" (b, TRUE): it is not missing, it will not come;
 * - to each line and stop an active alert informs, "alerts" (as, the
 *   alerts' headers), and the alerts themselves (vigie-gtfs-rt-alerts.c).
 *
 * Feed options: "max-file-bytes", "max-total-bytes", "max-rows" and
 * "max-line-bytes" (bounds against zip bombs, see vigie-gtfs.h),
 * "route-types" ("0", "0,2", "all"; trams by default) and
 * "timezone" (overrides agency_timezone). */

#define ROLE_GTFS "gtfs"
#define ROLE_VEHICLE_POSITIONS "vehicle-positions"
#define ROLE_TRIP_UPDATES "trip-updates"
#define ROLE_ALERTS "alerts"

/*
 * The timetable
 */

/* For g_ptr_array_sort(): entities by key. */
static int
compare_entity_keys (gconstpointer a,
                     gconstpointer b)
{
  return strcmp (vigie_entity_get_key (*(VigieEntity **) a), vigie_entity_get_key (*(VigieEntity **) b));
}

static gboolean
read_options (GHashTable        *options,
              VigieGtfsOptions  *gtfs_options,
              GArray            *types,
              GError           **error)
{
  const char *route_types = options != NULL ? g_hash_table_lookup (options, "route-types") : NULL;
  g_auto(GStrv) parts = NULL;

  if (options != NULL)
    gtfs_options->timezone = g_hash_table_lookup (options, "timezone");

  /* The bounds against zip bombs, raised for a very large network. */
  {
    static const struct { const char *name; gsize offset; } limits[] = {
      { "max-file-bytes", G_STRUCT_OFFSET (VigieGtfsOptions, max_file_bytes) },
      { "max-total-bytes", G_STRUCT_OFFSET (VigieGtfsOptions, max_total_bytes) },
      { "max-rows", G_STRUCT_OFFSET (VigieGtfsOptions, max_rows) },
    };
    const char *line = options != NULL ? g_hash_table_lookup (options, "max-line-bytes") : NULL;
    guint64 value;

    for (guint i = 0; options != NULL && i < G_N_ELEMENTS (limits); i++)
      {
        const char *text = g_hash_table_lookup (options, limits[i].name);

        if (text == NULL)
          continue;
        if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT64, &value, NULL))
          {
            g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_UNSUPPORTED,
                         _("The %s option “%s” is not a positive whole number"), limits[i].name, text);
            return FALSE;
          }
        G_STRUCT_MEMBER (guint64, gtfs_options, limits[i].offset) = value;
      }
    if (line != NULL)
      {
        if (!g_ascii_string_to_unsigned (line, 10, 1, G_MAXSIZE, &value, NULL))
          {
            g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_UNSUPPORTED,
                         _("The %s option “%s” is not a positive whole number"), "max-line-bytes", line);
            return FALSE;
          }
        gtfs_options->max_line_bytes = (gsize) value;
      }
  }

  if (route_types == NULL)
    return TRUE;

  if (g_ascii_strncasecmp (route_types + strspn (route_types, " "), "all", 3) == 0)
    {
      gtfs_options->all_route_types = TRUE;
      return TRUE;
    }

  parts = g_strsplit (route_types, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 type;

      if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, 0, 9999, &type, NULL))
        {
          g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_UNSUPPORTED,
                       _("The route-types option “%s” is not a list of route types"), route_types);
          return FALSE;
        }
      g_array_append_vals (types, &(int) { (int) type }, 1);
    }

  gtfs_options->route_types = (const int *) (gpointer) types->data;
  gtfs_options->n_route_types = types->len;
  return TRUE;
}

/* Each shape a trip follows becomes a line entity carrying its path, so the
 * layer draws the network in its colours under the vehicles. A shape
 * shared by several trips is drawn once. */
static void
add_lines (VigieGtfs     *gtfs,
           VigieSnapshot *snapshot)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  const VigieGtfsTrip *trips;
  guint n_trips;

  trips = vigie_gtfs_get_trips (gtfs, &n_trips);
  for (guint i = 0; i < n_trips; i++)
    {
      const VigieGtfsTrip *trip = &trips[i];
      const VigieGtfsRoute *route;
      const VigieGtfsShapePoint *points;
      g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
      g_auto(GVariantBuilder) geometry = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(dd)"));
      g_autofree char *id = NULL;
      guint n_points;

      if (trip->shape < 0 || g_hash_table_contains (seen, GINT_TO_POINTER (trip->shape + 1)))
        continue;
      g_hash_table_add (seen, GINT_TO_POINTER (trip->shape + 1));

      points = vigie_gtfs_trip_get_shape (gtfs, trip, &n_points);
      route = vigie_gtfs_trip_get_route (gtfs, trip);
      if (points == NULL || n_points < 2 || route == NULL)
        continue;

      for (guint p = 0; p < n_points; p++)
        g_variant_builder_add (&geometry, "(dd)", points[p].latitude, points[p].longitude);

      g_variant_dict_insert_value (&values, "geometry", g_variant_builder_end (&geometry));
      g_variant_dict_insert (&values, "route_id", "s", route->id);
      g_variant_dict_insert (&values, "route_color", "s", route->color);
      g_variant_dict_insert (&values, "route_text_color", "s", route->text_color);
      if (route->short_name != NULL && *route->short_name != '\0')
        g_variant_dict_insert (&values, "route_short_name", "s", route->short_name);

      id = g_strdup_printf ("shape-%d", trip->shape);
      vigie_snapshot_add_entity (snapshot,
                                 vigie_entity_new (VIGIE_ENTITY_LINE, id,
                                                   route->short_name && *route->short_name ? route->short_name
                                                                                           : route->long_name,
                                                   points[n_points / 2].latitude,
                                                   points[n_points / 2].longitude,
                                                   0,
                                                   g_variant_dict_end (&values)));
    }
}

static VigieSnapshot *
parse_timetable (GBytes                  *bytes,
                 const VigieParseContext *context,
                 GError                 **error)
{
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(VigieSnapshot) positions = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(VigieGtfs) gtfs = NULL;
  VigieGtfsOptions options = { 0, };
  const char * const *warnings;
  guint n_kept = 0;

  if (!read_options (context->options, &options, types, error))
    return NULL;

  if (!(gtfs = vigie_gtfs_load_from_bytes (bytes, &options, error)))
    return NULL;

  snapshot = vigie_format_new_snapshot (context);
  vigie_snapshot_set_observed_at (snapshot, context->now);
  vigie_snapshot_add_records (snapshot, vigie_gtfs_get_n_stop_times (gtfs));

  warnings = vigie_gtfs_get_warnings (gtfs);
  for (guint i = 0; warnings[i] != NULL; i++, n_kept++)
    vigie_snapshot_add_warning (snapshot, "%s", warnings[i]);
  for (guint i = n_kept; i < vigie_gtfs_get_n_warnings (gtfs); i++)
    vigie_snapshot_add_warning (snapshot, "%s", _("More rows were skipped"));

  vigie_gtfs_add_stops (gtfs, snapshot, context->now);
  add_lines (gtfs, snapshot);

  now = g_date_time_new_from_unix_utc (context->now);
  if (now != NULL)
    {
      positions = vigie_gtfs_positions_at (gtfs, now);
      for (guint i = 0; i < vigie_snapshot_get_n_entities (positions); i++)
        vigie_snapshot_add_entity (snapshot, g_object_ref (vigie_snapshot_get_entity (positions, i)));
    }

  vigie_snapshot_set_payload (snapshot, g_steal_pointer (&gtfs), (GDestroyNotify) vigie_gtfs_unref);

  return g_steal_pointer (&snapshot);
}

/*
 * Real-time documents
 */

/* Real-time positions are other formats' business: find theirs. The
 * built-in list is static, so this is safe in a worker. */
static VigieSnapshot *
parse_vehicle_positions (GBytes                  *bytes,
                         const VigieParseContext *context,
                         GError                 **error)
{
  static const char * const ids[] = { "gtfs-rt", "siri-lite" };
  const VigieFormat * const *builtin = vigie_formats_builtin ();
  const VigieFormat *fallback = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    for (guint f = 0; builtin[f] != NULL; f++)
      {
        if (!g_str_equal (builtin[f]->id, ids[i]))
          continue;

        if (builtin[f]->sniff != NULL && builtin[f]->sniff (NULL, bytes))
          return builtin[f]->parse (VIGIE_ROLE_MAIN, bytes, context, error);
        if (fallback == NULL)
          fallback = builtin[f];
      }

  if (fallback != NULL)
    return fallback->parse (VIGIE_ROLE_MAIN, bytes, context, error);

  g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_UNSUPPORTED,
                       _("No reader for real-time vehicle positions is available"));
  return NULL;
}

static VigieSnapshot *
gtfs_parse (const char              *role,
            GBytes                  *bytes,
            const VigieParseContext *context,
            GError                 **error)
{
  if (g_str_equal (role, VIGIE_ROLE_MAIN) || g_str_equal (role, ROLE_GTFS))
    return parse_timetable (bytes, context, error);

  if (g_str_equal (role, ROLE_VEHICLE_POSITIONS) || g_str_equal (role, ROLE_TRIP_UPDATES) ||
      g_str_equal (role, ROLE_ALERTS))
    return parse_vehicle_positions (bytes, context, error);

  g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_UNSUPPORTED,
               _("A GTFS feed has no document of the role “%s”"), role);
  return NULL;
}

/* The scheduled trips running now that no real-time vehicle covers. */
static void
add_ghosts (VigieGtfs               *gtfs,
            VigieSnapshot           *realtime,
            VigieSnapshot           *updates,
            VigieSnapshot           *combined,
            const VigieParseContext *context)
{
  g_autoptr(GHashTable) covered = g_hash_table_new (NULL, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (context->now);
  g_autoptr(VigieSnapshot) positions = NULL;
  guint n_vehicles = 0;

  for (guint i = 0; i < vigie_snapshot_get_n_entities (realtime); i++)
    {
      VigieEntity *entity = vigie_snapshot_get_entity (realtime, i);
      const VigieGtfsTrip *trip;

      if (vigie_entity_get_kind (entity) != VIGIE_ENTITY_VEHICLE)
        continue;
      n_vehicles++;
      trip = vigie_gtfs_match_trip (gtfs, vigie_entity_lookup_string (entity, "trip_id"));
      if (trip != NULL)
        g_hash_table_add (covered, (gpointer) trip);
    }

  /* An empty real-time answer is a feed that is down, not every tram
   * missing: the feed's own state says that. */
  if (n_vehicles == 0 || now == NULL)
    return;

  positions = vigie_gtfs_positions_at (gtfs, now);
  for (guint i = 0; i < vigie_snapshot_get_n_entities (positions); i++)
    {
      VigieEntity *scheduled = vigie_snapshot_get_entity (positions, i);
      const VigieGtfsTrip *trip = vigie_gtfs_lookup_trip (gtfs, vigie_entity_get_id (scheduled));
      VigieEntityField marks[] = {
        { .key = "ghost", .type = VIGIE_ENTITY_FIELD_BOOLEAN, .b = TRUE },
        { .key = "canceled", .type = VIGIE_ENTITY_FIELD_BOOLEAN, .b = TRUE },
      };
      g_autofree char *id = NULL;
      gboolean found, canceled = FALSE;

      if (trip == NULL || g_hash_table_contains (covered, trip))
        continue;

      /* The timetable's values and the marks, from fields: no dictionary
       * of each scheduled tram's values made and copied. */
      found = updates != NULL && vigie_gtfs_rt_lookup_trip (updates, trip->id, NULL, &canceled);
      id = g_strconcat ("ghost:", vigie_entity_get_id (scheduled), NULL);
      vigie_snapshot_add_entity (combined,
                                 vigie_entity_new_with_fields (scheduled, id, vigie_entity_get_name (scheduled),
                                                               marks, found && canceled ? 2 : 1));
    }
}

/*
 * Trip updates and alerts
 */

typedef struct
{
  VigieSnapshot *updates;       /* the trip updates' snapshot, or NULL */
  GHashTable    *stops;         /* stop_id → real-time stop entity */
  GHashTable    *route_alerts;  /* route_id → GPtrArray of headers */
  GHashTable    *stop_alerts;   /* stop_id → GPtrArray of headers */
  GPtrArray     *alerts;        /* every alert entity */
} Realtime;

static void
realtime_clear (Realtime *rt)
{
  g_clear_pointer (&rt->stops, g_hash_table_unref);
  g_clear_pointer (&rt->route_alerts, g_hash_table_unref);
  g_clear_pointer (&rt->stop_alerts, g_hash_table_unref);
  g_clear_pointer (&rt->alerts, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Realtime, realtime_clear)

/* A TripUpdate's stop: the timetable places it. */
static gboolean
is_realtime_stop (VigieEntity *entity)
{
  return vigie_entity_get_kind (entity) == VIGIE_ENTITY_STOP && !vigie_entity_has_position (entity);
}

static gboolean
is_alert (VigieEntity *entity)
{
  gboolean alert = FALSE;

  return vigie_entity_get_kind (entity) == VIGIE_ENTITY_LINE &&
         vigie_entity_lookup_boolean (entity, "alert", &alert) && alert;
}

/* Copies, not pointers into the alert's values: serialising a value
 * frees the children it was built from. */
static void
index_alert (GHashTable  *by_id,
             VigieEntity *alert,
             const char  *key)
{
  g_auto(GStrv) ids = NULL;
  const char *header = vigie_entity_get_name (alert);

  if (header == NULL || !g_variant_lookup (vigie_entity_get_values (alert), key, "^as", &ids))
    return;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      GPtrArray *headers = g_hash_table_lookup (by_id, ids[i]);

      if (headers == NULL)
        {
          headers = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (by_id, g_strdup (ids[i]), headers);
        }
      g_ptr_array_add (headers, g_strdup (header));
    }
}

/* Gathers the real-time stops and the active alerts of every real-time
 * document: a feed may send them all in one. The entities are borrowed
 * from the snapshots, which outlive @rt. */
static void
realtime_init (Realtime      *rt,
               VigieSnapshot *updates,
               VigieSnapshot *others[],
               guint          n_others)
{
  rt->updates = updates;
  rt->stops = g_hash_table_new (vigie_str_hash, g_str_equal);
  rt->route_alerts = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  rt->stop_alerts = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  rt->alerts = g_ptr_array_new ();

  for (guint s = 0; s < n_others; s++)
    for (guint i = 0; others[s] != NULL && i < vigie_snapshot_get_n_entities (others[s]); i++)
      {
        VigieEntity *entity = vigie_snapshot_get_entity (others[s], i);
        gboolean active = TRUE;

        if (is_realtime_stop (entity))
          g_hash_table_insert (rt->stops, (gpointer) vigie_entity_get_id (entity), entity);
        else if (is_alert (entity))
          {
            g_ptr_array_add (rt->alerts, entity);
            vigie_entity_lookup_boolean (entity, "active", &active);
            if (!active)
              continue;
            index_alert (rt->route_alerts, entity, "route_ids");
            index_alert (rt->stop_alerts, entity, "stop_ids");
          }
      }
}

/* A timetable position whose trip a TripUpdate cancels says so: the
 * timetable still has it, the tram will not come. */
static VigieEntity *
mark_canceled (Realtime    *rt,
               VigieEntity *scheduled)
{
  const VigieEntityField mark = { .key = "canceled", .type = VIGIE_ENTITY_FIELD_BOOLEAN, .b = TRUE };
  gboolean canceled = FALSE;

  if (rt->updates == NULL ||
      !vigie_gtfs_rt_lookup_trip (rt->updates, vigie_entity_lookup_string (scheduled, "trip_id"), NULL, &canceled) ||
      !canceled)
    return g_object_ref (scheduled);

  return vigie_entity_new_with_fields (scheduled, NULL, vigie_entity_get_name (scheduled), &mark, 1);
}

/* The arrivals with the lines' short names, as people know them. */
static GVariant *
name_routes (VigieGtfs *gtfs,
             GVariant  *arrivals)
{
  g_auto(GVariantBuilder) named = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));

  for (gsize i = 0; i < g_variant_n_children (arrivals); i++)
    {
      g_autoptr(GVariant) arrival = g_variant_get_child_value (arrivals, i);
      const VigieGtfsRoute *route = NULL;
      const char *route_id = NULL;
      GVariantBuilder values;
      GVariantIter iter;
      GVariant *entry;

      if (g_variant_lookup (arrival, "route_id", "&s", &route_id))
        route = vigie_gtfs_lookup_route (gtfs, route_id);
      if (route == NULL || route->short_name == NULL || *route->short_name == '\0')
        {
          g_variant_builder_add_value (&named, arrival);
          continue;
        }

      /* Its entries and the timetable's name in place of any of its
       * own: no dictionary made for each arrival of each stop. */
      g_variant_builder_init (&values, G_VARIANT_TYPE_VARDICT);
      g_variant_iter_init (&iter, arrival);
      while ((entry = g_variant_iter_next_value (&iter)) != NULL)
        {
          const char *key = NULL;

          g_variant_get_child (entry, 0, "&s", &key);
          if (g_strcmp0 (key, "route_short_name") != 0)
            g_variant_builder_add_value (&values, entry);
          g_variant_unref (entry);
        }
      g_variant_builder_add (&values, "{sv}", "route_short_name", g_variant_new_string (route->short_name));
      g_variant_builder_add_value (&named, g_variant_builder_end (&values));
    }

  return g_variant_builder_end (&named);
}

/* A timetable stop or line with what the real-time documents say of it:
 * its arrivals, the alerts on it. */
static VigieEntity *
add_realtime (Realtime    *rt,
              VigieGtfs   *gtfs,
              VigieEntity *entity)
{
  VigieEntityKind kind = vigie_entity_get_kind (entity);
  const char *route_id = vigie_entity_lookup_string (entity, "route_id");
  VigieEntity *stop = NULL;
  GPtrArray *alerts = NULL;
  g_autoptr(GVariant) arrivals = NULL;
  VigieEntityField added[2];
  guint n_added = 0;

  if (kind == VIGIE_ENTITY_STOP)
    {
      stop = g_hash_table_lookup (rt->stops, vigie_entity_get_id (entity));
      alerts = g_hash_table_lookup (rt->stop_alerts, vigie_entity_get_id (entity));
    }
  else if (kind == VIGIE_ENTITY_LINE && route_id != NULL)
    alerts = g_hash_table_lookup (rt->route_alerts, route_id);

  if (stop == NULL && alerts == NULL)
    return vigie_entity_copy (entity);

  /* Added as fields: no dictionary of the timetable's values made and
   * copied for each stop (a line's hold its whole path). A timetable
   * entity has neither of these values of its own. */
  if (stop != NULL)
    {
      arrivals = vigie_entity_dup_value (stop, "arrivals", NULL);
      if (arrivals != NULL)
        added[n_added++] = (VigieEntityField) { .key = "arrivals", .type = VIGIE_ENTITY_FIELD_VARIANT,
                                                .v = gtfs != NULL ? name_routes (gtfs, arrivals) : arrivals };
      /* Shown: the rest of the map does not need it any more. */
      g_hash_table_remove (rt->stops, vigie_entity_get_id (entity));
    }
  if (alerts != NULL)
    added[n_added++] = (VigieEntityField) { .key = "alerts", .type = VIGIE_ENTITY_FIELD_VARIANT,
                                            .v = g_variant_new_strv ((const char * const *) alerts->pdata, alerts->len) };

  return vigie_entity_new_with_fields (entity, NULL, vigie_entity_get_name (entity), added, n_added);
}

/* A real-time vehicle with its trip's delay from the trip updates, when
 * its own document gave none. */
static VigieEntity *
add_trip_delay (Realtime    *rt,
                VigieEntity *vehicle)
{
  VigieEntityField field = { .key = "delay_s", .type = VIGIE_ENTITY_FIELD_INT };
  gint64 delay = 0;
  gboolean canceled = FALSE;

  if (rt->updates == NULL || vigie_entity_lookup_int (vehicle, "delay_s", NULL) ||
      !vigie_gtfs_rt_lookup_trip (rt->updates, vigie_entity_lookup_string (vehicle, "trip_id"), &delay, &canceled) ||
      canceled)
    return g_object_ref (vehicle);

  /* A field added, not a dictionary of the vehicle's values made and
   * copied (once for every vehicle, before the check, it was half of
   * the combination's time at 109,000 entities). */
  field.i = delay;
  return vigie_entity_new_with_fields (vehicle, NULL, vigie_entity_get_name (vehicle), &field, 1);
}

static void
take_realtime_document (VigieSnapshot *combined,
                        VigieSnapshot *document)
{
  if (document == NULL)
    return;

  vigie_snapshot_take_warnings (combined, document);
  vigie_snapshot_add_records (combined, vigie_snapshot_get_n_records (document));
}

/*
 * Format implementation
 */

/* Runs after every document, the real-time one every few seconds: it
 * copies the stops and lines (their values shared) and touches each
 * vehicle once. */
static VigieSnapshot *
gtfs_combine (GHashTable              *snapshots_by_role,
              const VigieParseContext *context)
{
  VigieSnapshot *timetable = g_hash_table_lookup (snapshots_by_role, VIGIE_ROLE_MAIN);
  VigieSnapshot *realtime = g_hash_table_lookup (snapshots_by_role, ROLE_VEHICLE_POSITIONS);
  VigieSnapshot *updates = g_hash_table_lookup (snapshots_by_role, ROLE_TRIP_UPDATES);
  VigieSnapshot *alerts = g_hash_table_lookup (snapshots_by_role, ROLE_ALERTS);
  VigieSnapshot *documents[] = { realtime, updates, alerts };
  g_autoptr(VigieSnapshot) combined = vigie_format_new_snapshot (context);
  g_auto(Realtime) rt = { NULL, };
  VigieGtfs *gtfs;

  if (timetable == NULL)
    timetable = g_hash_table_lookup (snapshots_by_role, ROLE_GTFS);

  gtfs = timetable != NULL ? vigie_snapshot_get_payload (timetable) : NULL;

  /* Trip updates inside the vehicle positions' document count too. */
  realtime_init (&rt, updates != NULL ? updates : realtime, documents, G_N_ELEMENTS (documents));

  if (timetable != NULL)
    {
      vigie_snapshot_take_warnings (combined, timetable);
      vigie_snapshot_add_records (combined, vigie_snapshot_get_n_records (timetable));
      for (guint i = 0; i < vigie_snapshot_get_n_entities (timetable); i++)
        {
          VigieEntity *entity = vigie_snapshot_get_entity (timetable, i);

          if (vigie_entity_get_kind (entity) == VIGIE_ENTITY_STOP ||
              vigie_entity_get_kind (entity) == VIGIE_ENTITY_LINE)
            vigie_snapshot_add_entity (combined, add_realtime (&rt, gtfs, entity));
        }
    }

  if (realtime != NULL)
    {
      take_realtime_document (combined, realtime);
      vigie_snapshot_set_observed_at (combined, vigie_snapshot_get_observed_at (realtime));
      vigie_snapshot_set_ttl (combined, vigie_snapshot_get_ttl (realtime));

      for (guint i = 0; i < vigie_snapshot_get_n_entities (realtime); i++)
        {
          VigieEntity *entity = vigie_snapshot_get_entity (realtime, i);
          g_autoptr(VigieEntity) vehicle = NULL;

          /* Real-time stops and alerts are added below, once. */
          if (vigie_entity_get_kind (entity) != VIGIE_ENTITY_VEHICLE)
            {
              if (!is_alert (entity) && !is_realtime_stop (entity))
                vigie_snapshot_add_entity (combined, vigie_entity_copy (entity));
              continue;
            }

          vehicle = add_trip_delay (&rt, entity);
          if (gtfs != NULL)
            vigie_snapshot_add_entity (combined, vigie_gtfs_enrich_vehicle (gtfs, vehicle));
          else
            vigie_snapshot_add_entity (combined, vigie_entity_copy (vehicle));
        }

      if (gtfs != NULL)
        add_ghosts (gtfs, realtime, rt.updates, combined, context);
    }
  else if (gtfs != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (context->now);
      g_autoptr(VigieSnapshot) positions = now != NULL ? vigie_gtfs_positions_at (gtfs, now) : NULL;

      vigie_snapshot_set_observed_at (combined, context->now);
      for (guint i = 0; positions != NULL && i < vigie_snapshot_get_n_entities (positions); i++)
        vigie_snapshot_add_entity (combined, mark_canceled (&rt, vigie_snapshot_get_entity (positions, i)));
    }
  else if (updates == NULL && alerts == NULL)
    return NULL;

  take_realtime_document (combined, updates);
  take_realtime_document (combined, alerts);
  vigie_gtfs_sources_attach (combined, gtfs, rt.updates);

  /* The stops no timetable placed, by key (the table's order changes from
   * one run to the next: vigie-hash.c), and the alerts, as they came. */
  {
    g_autoptr(GPtrArray) stops = g_ptr_array_sized_new (g_hash_table_size (rt.stops));
    GHashTableIter iter;
    VigieEntity *stop;

    g_hash_table_iter_init (&iter, rt.stops);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &stop))
      g_ptr_array_add (stops, stop);
    g_ptr_array_sort (stops, compare_entity_keys);
    for (guint i = 0; i < stops->len; i++)
      vigie_snapshot_add_entity (combined, vigie_entity_copy (g_ptr_array_index (stops, i)));
    for (guint i = 0; i < rt.alerts->len; i++)
      vigie_snapshot_add_entity (combined, vigie_entity_copy (g_ptr_array_index (rt.alerts, i)));
  }

  return g_steal_pointer (&combined);
}

static gboolean
gtfs_sniff (const char *content_type,
            GBytes     *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  /* A zip whose first entry is one of GTFS's files. */
  if (size < 30 || memcmp (data, "PK\003\004", 4) != 0)
    return FALSE;

  {
    guint name_length = data[26] | (data[27] << 8);
    g_autofree char *name = g_strndup ((const char *) data + 30, MIN (name_length, size - 30));

    return g_str_has_suffix (name, ".txt") &&
           (strstr (name, "stop") != NULL || strstr (name, "trip") != NULL ||
            strstr (name, "route") != NULL || strstr (name, "agency") != NULL ||
            strstr (name, "calendar") != NULL || strstr (name, "shape") != NULL);
  }
}

static const char * const gtfs_followed_roles[] = {
  ROLE_GTFS, ROLE_VEHICLE_POSITIONS, ROLE_TRIP_UPDATES, ROLE_ALERTS, NULL
};

/* Positions make the map; delays and alerts only add to it. */
static const char * const gtfs_optional_roles[] = { ROLE_TRIP_UPDATES, ROLE_ALERTS, NULL };

/* The timetable changes once a day at most; positions every few seconds. */
static const VigieRoleInterval gtfs_role_intervals[] = {
  { ROLE_VEHICLE_POSITIONS, 5 },
  { ROLE_TRIP_UPDATES, 15 },
  { ROLE_ALERTS, 60 },
  { NULL, 0 },
};

const VigieFormat vigie_format_gtfs = {
  .id = "gtfs",
  .name = N_("GTFS timetable"),
  .default_kind = VIGIE_FEED_KIND_TRAMS,
  .min_interval_s = 3600,
  .parse = gtfs_parse,
  .combine = gtfs_combine,
  .sniff = gtfs_sniff,
  .followed_roles = gtfs_followed_roles,
  .optional_roles = gtfs_optional_roles,
  .role_intervals = gtfs_role_intervals,
};
