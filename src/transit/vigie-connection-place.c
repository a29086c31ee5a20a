/* vigie-connection-place.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-connection-place"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-connection-place.h"

/* Where a city's trains meet its trams is the city's to say: its profile's
 * [Connections] group names the station, the interchange stop, the stops
 * around it and the walks (docs/profiles.md). The walk the operator sets
 * in the panel is kept in GSettings, over the profile's. */

#define MAX_WALK_MIN 60

static void
on_walk_time_cb (VigieConnectionWatch *watch,
                 GParamSpec           *pspec,
                 GSettings            *settings)
{
  int minutes = (int) MIN (vigie_connection_watch_get_walk_time (watch) / 60, MAX_WALK_MIN);

  if (g_settings_get_int (settings, VIGIE_CONNECTION_WALK_KEY) != minutes)
    g_settings_set_int (settings, VIGIE_CONNECTION_WALK_KEY, minutes);
}

static char *
get_required (GKeyFile    *keyfile,
              const char  *key,
              GError     **error)
{
  g_autofree char *value = g_key_file_get_string (keyfile, VIGIE_CONNECTION_PLACE_GROUP, key, NULL);

  if (value == NULL || *g_strstrip (value) == '\0')
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                   /* Translators: %s is a key of a city profile, such as "Station". */
                   _("The connections need %s in the profile’s [Connections] group"), key);
      return NULL;
    }

  return g_steal_pointer (&value);
}

static gboolean
get_minutes (GKeyFile    *keyfile,
             const char  *key,
             gint64       fallback_s,
             gint64      *walk_s,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  int minutes = g_key_file_get_integer (keyfile, VIGIE_CONNECTION_PLACE_GROUP, key, &local_error);

  if (g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    {
      *walk_s = fallback_s;
      return TRUE;
    }
  if (local_error != NULL || minutes < 0 || minutes > MAX_WALK_MIN)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   /* Translators: %s is a key of a city profile, %d a number of minutes. */
                   _("%s in the profile’s [Connections] group must be a number of minutes from 0 to %d"),
                   key, MAX_WALK_MIN);
      return FALSE;
    }

  *walk_s = (gint64) minutes * 60;
  return TRUE;
}

/**
 * vigie_connection_watch_new_for_profile:
 * @manager: the feeds of @profile
 * @profile: (nullable): a city profile
 * @settings: (nullable): where the operator's walk time is kept
 * @error: a profile whose [Connections] group cannot be used
 *
 * Returns: (transfer full) (nullable): a watch of the connections at the
 *   station @profile names, or %NULL without a [Connections] group (no
 *   error then) or with one that cannot be used (@error says why)
 */
VigieConnectionWatch *
vigie_connection_watch_new_for_profile (VigieFeedManager  *manager,
                                        VigieProfile      *profile,
                                        GSettings         *settings,
                                        GError           **error)
{
  g_autoptr(VigieConnectionWatch) watch = NULL;
  g_autofree char *train_feed = NULL, *station = NULL, *station_name = NULL;
  g_autofree char *tram_feed = NULL, *interchange = NULL, *interchange_name = NULL;
  g_auto(GStrv) others = NULL;
  g_auto(GStrv) other_names = NULL;
  g_autofree int *other_minutes = NULL;
  gsize n_others = 0, n_names = 0, n_minutes = 0;
  VigieConnectionPlace place = { NULL, };
  GKeyFile *keyfile;
  gint64 walk_s;

  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (manager), NULL);
  g_return_val_if_fail (profile == NULL || VIGIE_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  if (profile == NULL)
    return NULL;
  keyfile = vigie_profile_peek_key_file (profile);
  if (!g_key_file_has_group (keyfile, VIGIE_CONNECTION_PLACE_GROUP))
    return NULL;

  if (!(train_feed = get_required (keyfile, "TrainFeed", error)) ||
      !(station = get_required (keyfile, "Station", error)) ||
      !(tram_feed = get_required (keyfile, "TramFeed", error)) ||
      !(interchange = get_required (keyfile, "Interchange", error)) ||
      !get_minutes (keyfile, "WalkMinutes", VIGIE_CONNECTION_DEFAULT_WALK_S, &walk_s, error))
    return NULL;

  station_name = g_key_file_get_locale_string (keyfile, VIGIE_CONNECTION_PLACE_GROUP, "StationName", NULL, NULL);
  interchange_name = g_key_file_get_locale_string (keyfile, VIGIE_CONNECTION_PLACE_GROUP, "InterchangeName", NULL, NULL);

  /* The stops within a walk: three lists of the same length. */
  others = g_key_file_get_string_list (keyfile, VIGIE_CONNECTION_PLACE_GROUP, "NearbyStops", &n_others, NULL);
  other_names = g_key_file_get_locale_string_list (keyfile, VIGIE_CONNECTION_PLACE_GROUP, "NearbyNames", NULL, &n_names, NULL);
  other_minutes = g_key_file_get_integer_list (keyfile, VIGIE_CONNECTION_PLACE_GROUP, "NearbyWalkMinutes", &n_minutes, NULL);
  if (n_others > G_N_ELEMENTS (place.other_ids) || n_names != n_others || n_minutes != n_others)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   /* Translators: %d is how many stops at most. */
                   _("NearbyStops, NearbyNames and NearbyWalkMinutes in the profile’s [Connections] group must list the same stops, %d at most"),
                   (int) G_N_ELEMENTS (place.other_ids));
      return NULL;
    }

  place.train_feed_id = train_feed;
  place.station_id = station;
  place.station_name = station_name != NULL ? station_name : station;
  place.tram_feed_id = tram_feed;
  place.interchange_id = interchange;
  place.interchange_name = interchange_name != NULL ? interchange_name : interchange;
  for (gsize i = 0; i < n_others; i++)
    {
      if (other_minutes[i] < 0 || other_minutes[i] > MAX_WALK_MIN)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       _("%s in the profile’s [Connections] group must be a number of minutes from 0 to %d"),
                       "NearbyWalkMinutes", MAX_WALK_MIN);
          return NULL;
        }
      place.other_ids[i] = others[i];
      place.other_names[i] = other_names[i];
      place.other_walk_s[i] = (gint64) other_minutes[i] * 60;
    }

  watch = vigie_connection_watch_new (manager, &place);

  /* The operator's walk, kept from the last session, over the profile's. */
  if (settings != NULL && g_settings_get_int (settings, VIGIE_CONNECTION_WALK_KEY) >= 0)
    walk_s = (gint64) g_settings_get_int (settings, VIGIE_CONNECTION_WALK_KEY) * 60;
  vigie_connection_watch_set_walk_time (watch, walk_s);
  if (settings != NULL)
    g_signal_connect_object (watch, "notify::walk-time", G_CALLBACK (on_walk_time_cb), settings, 0);

  return g_steal_pointer (&watch);
}
