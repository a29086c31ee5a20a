/* vigie-centre.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-centre"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-centre.h"
#include "vigie-geo.h"

/* What "the centre" is depends on the city: the profile says it in a
 * [Centre] group, as a point and a radius
 *
 *   [Centre]
 *   Latitude=47.7480
 *   Longitude=7.3395
 *   Radius=500
 *
 * or as a polygon of latitude,longitude pairs:
 *
 *   Polygon=47.751,7.334;47.751,7.344;47.744,7.344;47.744,7.334
 *
 * The meeting mode's figures count the car parks and parking zones whose
 * position falls inside. */

struct _VigieCentre
{
  gatomicrefcount  ref_count;
  double           latitude, longitude, radius_m;
  double          *points;     /* (latitude, longitude) pairs, or NULL */
  guint            n_points;
};

VigieCentre *
vigie_centre_new_circle (double latitude,
                         double longitude,
                         double radius_m)
{
  VigieCentre *self;

  g_return_val_if_fail (vigie_geo_check_position (latitude, longitude) == VIGIE_GEO_POSITION_OK, NULL);
  g_return_val_if_fail (radius_m > 0, NULL);

  self = g_new0 (VigieCentre, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->latitude = latitude;
  self->longitude = longitude;
  self->radius_m = radius_m;

  return self;
}

/**
 * vigie_centre_new_polygon:
 * @points: (array length=n_points): latitude, longitude, latitude…
 * @n_points: how many pairs, at least 3
 */
VigieCentre *
vigie_centre_new_polygon (const double *points,
                          guint         n_points)
{
  VigieCentre *self;

  g_return_val_if_fail (points != NULL, NULL);
  g_return_val_if_fail (n_points >= 3, NULL);

  self = g_new0 (VigieCentre, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->points = g_memdup2 (points, sizeof (double) * 2 * n_points);
  self->n_points = n_points;

  return self;
}

VigieCentre *
vigie_centre_ref (VigieCentre *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
vigie_centre_unref (VigieCentre *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->points);
      g_free (self);
    }
}

static VigieCentre *
parse_polygon (const char  *text,
               GError     **error)
{
  g_auto(GStrv) pairs = g_strsplit (text, ";", -1);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      double latitude, longitude;
      char *end_lat = NULL, *end_lon = NULL;

      if (g_strstrip (pairs[i])[0] == '\0')
        continue;
      parts = g_strsplit (pairs[i], ",", 3);
      if (g_strv_length (parts) == 2)
        {
          latitude = g_ascii_strtod (g_strstrip (parts[0]), &end_lat);
          longitude = g_ascii_strtod (g_strstrip (parts[1]), &end_lon);
        }
      if (g_strv_length (parts) != 2 || *end_lat != '\0' || *end_lon != '\0' ||
          vigie_geo_check_position (latitude, longitude) != VIGIE_GEO_POSITION_OK)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       /* Translators: %s is what the profile wrote */
                       _("The profile’s [Centre] Polygon has a point that is not “latitude,longitude”: %s"),
                       pairs[i]);
          return NULL;
        }
      g_array_append_val (points, latitude);
      g_array_append_val (points, longitude);
    }

  if (points->len < 6)
    {
      g_set_error_literal (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           _("The profile’s [Centre] Polygon needs three points at least"));
      return NULL;
    }

  return vigie_centre_new_polygon ((const double *) points->data, points->len / 2);
}

/**
 * vigie_centre_new_from_key_file:
 * @keyfile: a city profile
 * @error: a [Centre] group that cannot be used
 *
 * Returns: (transfer full) (nullable): the centre the profile names, or
 *   %NULL without a [Centre] group (no error then) or with one that
 *   cannot be used (@error says why)
 */
VigieCentre *
vigie_centre_new_from_key_file (GKeyFile  *keyfile,
                                GError   **error)
{
  g_autofree char *polygon = NULL;
  g_autoptr(GError) local_error = NULL;
  double latitude, longitude, radius;

  g_return_val_if_fail (keyfile != NULL, NULL);

  if (!g_key_file_has_group (keyfile, VIGIE_CENTRE_GROUP))
    return NULL;

  polygon = g_key_file_get_string (keyfile, VIGIE_CENTRE_GROUP, "Polygon", NULL);
  if (polygon != NULL)
    return parse_polygon (polygon, error);

  latitude = g_key_file_get_double (keyfile, VIGIE_CENTRE_GROUP, "Latitude", &local_error);
  if (local_error == NULL)
    longitude = g_key_file_get_double (keyfile, VIGIE_CENTRE_GROUP, "Longitude", &local_error);
  if (local_error != NULL || vigie_geo_check_position (latitude, longitude) != VIGIE_GEO_POSITION_OK)
    {
      g_set_error_literal (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           _("The profile’s [Centre] group needs a Latitude and a Longitude, or a Polygon"));
      return NULL;
    }

  radius = VIGIE_CENTRE_DEFAULT_RADIUS_M;
  if (g_key_file_has_key (keyfile, VIGIE_CENTRE_GROUP, "Radius", NULL))
    {
      radius = g_key_file_get_double (keyfile, VIGIE_CENTRE_GROUP, "Radius", &local_error);
      if (local_error != NULL || !isfinite (radius) || radius <= 0 || radius > 50000)
        {
          g_set_error_literal (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                               _("The profile’s [Centre] Radius must be a number of metres above 0"));
          return NULL;
        }
    }

  return vigie_centre_new_circle (latitude, longitude, radius);
}

/**
 * vigie_centre_contains:
 * @self: a centre
 *
 * Returns: whether (@latitude, @longitude) is inside; any thread
 */
gboolean
vigie_centre_contains (VigieCentre *self,
                       double       latitude,
                       double       longitude)
{
  gboolean inside = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (vigie_geo_check_position (latitude, longitude) != VIGIE_GEO_POSITION_OK)
    return FALSE;

  if (self->points == NULL)
    return vigie_geo_distance_m (self->latitude, self->longitude, latitude, longitude) <= self->radius_m;

  /* Even-odd rule, in degrees: a centre is small enough to be flat. */
  for (guint i = 0, j = self->n_points - 1; i < self->n_points; j = i++)
    {
      double yi = self->points[2 * i], xi = self->points[2 * i + 1];
      double yj = self->points[2 * j], xj = self->points[2 * j + 1];

      if ((yi > latitude) != (yj > latitude) &&
          longitude < (xj - xi) * (latitude - yi) / (yj - yi) + xi)
        inside = !inside;
    }

  return inside;
}
