/* vigie-datex2-records.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-datex2"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-datex2-private.h"
#include "vigie-formats.h"
#include "vigie-geo.h"

/* The records of DATEX II parking publications, whatever the spelling of
 * the profile: each field is looked up under the names its versions give
 * it, in this order. The first names are the v2.3 and v3 parking
 * publications' (parkingRecord, parkingRecordStatus), then the v2
 * "parking facility" profile's (parkingFacility, parkingFacilityStatus),
 * then v3.5's (facility objects with a plain "reference", "occupancy",
 * "status" and "lastUpdated"). */

static const char * const name_elements[] = {
  "parkingName", "name", "parkingFacilityName", "parkingSiteName", NULL
};
static const char * const capacity_elements[] = {
  "parkingNumberOfSpaces", "totalParkingCapacity", "numberOfSpaces", NULL
};
static const char * const location_elements[] = {
  "parkingLocation", "facilityLocation", "parkingSiteLocation", "location", NULL
};
static const char * const point_elements[] = { "pointCoordinates", NULL };
static const char * const display_elements[] = { "locationForDisplay", NULL };
static const char * const line_elements[] = { "posList", NULL };
static const char * const version_time_elements[] = {
  "parkingRecordVersionTime", "parkingFacilityRecordVersionTime", "versionTime", "lastUpdated", NULL
};
static const char * const category_elements[] = { "urbanParkingSiteType", "parkingSiteType", NULL };

static const char * const reference_elements[] = {
  "parkingRecordReference", "parkingSiteReference", "parkingFacilityReference", "reference", NULL
};
static const char * const status_time_elements[] = {
  "parkingStatusOriginTime", "parkingFacilityStatusTime", "lastUpdated", NULL
};
static const char * const vacant_elements[] = {
  "parkingNumberOfVacantSpaces", "totalNumberOfVacantParkingSpaces", "numberOfVacantSpaces", NULL
};
static const char * const occupied_elements[] = {
  "parkingNumberOfOccupiedSpaces", "totalNumberOfOccupiedParkingSpaces", "numberOfOccupiedSpaces", NULL
};
static const char * const override_elements[] = {
  "parkingNumberOfSpacesOverride", "totalParkingCapacityOverride", "totalParkingCapacityShortTermOverride", NULL
};
static const char * const occupancy_elements[] = { "parkingOccupancy", "occupancy", NULL };
static const char * const status_word_elements[] = {
  "parkingSiteStatus", "parkingFacilityStatus", "status", NULL
};
static const char * const opening_elements[] = { "parkingSiteOpeningStatus", "openingStatus", NULL };

/*
 * Auxiliary functions
 */

void
vigie_datex2_site_free (Site *site)
{
  g_free (site->id);
  g_free (site->name);
  g_free (site->category);
  g_free (site->parent);
  g_clear_pointer (&site->geometry, g_variant_unref);
  g_free (site);
}

void
vigie_datex2_status_free (Status *status)
{
  g_free (status->id);
  g_free (status->name);
  g_free (status->status);
  g_free (status);
}

static gboolean
read_coordinates (xmlNode *node,
                  double  *latitude,
                  double  *longitude)
{
  return node != NULL &&
         vigie_datex2_read_double (vigie_datex2_find_child (node, "latitude"), latitude) &&
         vigie_datex2_read_double (vigie_datex2_find_child (node, "longitude"), longitude);
}

/* v2 and v3 alike: pointByCoordinates/pointCoordinates, or the
 * locationForDisplay of another kind of location; in the record's own
 * location first, then anywhere in it but its indexed parts. */
static gboolean
find_position (xmlNode *record,
               double  *latitude,
               double  *longitude)
{
  xmlNode *location = vigie_datex2_find_child_any (record, location_elements);
  xmlNode *places[] = { location, record };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (places[i] != NULL &&
        (read_coordinates (vigie_datex2_find_own (places[i], point_elements), latitude, longitude) ||
         read_coordinates (vigie_datex2_find_own (places[i], display_elements), latitude, longitude)))
      return TRUE;

  return FALSE;
}

/* A v3 linear location's gmlLineString: its posList of latitude and
 * longitude pairs (EPSG:4326's axis order), as a(dd), and the point
 * halfway along it. NULL when there is none or it is unusable. */
static GVariant *
read_line (xmlNode *record,
           double  *latitude,
           double  *longitude)
{
  xmlNode *location = vigie_datex2_find_child_any (record, location_elements);
  g_autofree char *text = vigie_datex2_dup_text (vigie_datex2_find_own (location != NULL ? location : record,
                                                                        line_elements));
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) points = NULL;
  GVariantBuilder builder;
  guint n_words;

  if (text == NULL)
    return NULL;

  words = g_strsplit_set (text, " \t\n\r,", -1);
  points = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; words[i] != NULL; i++)
    {
      char *end = NULL;
      double value;

      if (words[i][0] == '\0')
        continue;
      value = g_ascii_strtod (words[i], &end);
      if (end == words[i] || *end != '\0' || !isfinite (value))
        return NULL;
      g_array_append_val (points, value);
    }

  n_words = points->len;
  if (n_words < 4 || n_words % 2 != 0)
    return NULL;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  for (guint i = 0; i < n_words; i += 2)
    {
      double lat = g_array_index (points, double, i), lon = g_array_index (points, double, i + 1);

      if (vigie_geo_check_position (lat, lon) != VIGIE_GEO_POSITION_OK)
        {
          g_variant_builder_clear (&builder);
          return NULL;
        }
      g_variant_builder_add (&builder, "(dd)", lat, lon);
    }

  vigie_geo_line_midpoint ((const double *) points->data, n_words / 2, latitude, longitude);

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* Warns and returns FALSE for a position no place has. */
static gboolean
check_position (Parser     *parser,
                const char *id,
                double      latitude,
                double      longitude)
{
  if (latitude == 0.0 && longitude == 0.0)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Car park %s: position (0, 0) is not a real place, skipped"), id);
      return FALSE;
    }
  if (fabs (latitude) > 90.0 || fabs (longitude) > 180.0)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Car park %s: position (%g, %g) is out of range, skipped"),
                                  id, latitude, longitude);
      return FALSE;
    }

  return TRUE;
}

static char *
dup_index (xmlNode *node)
{
  char *index = vigie_datex2_dup_attribute (node, "parkingSpaceIndex");

  return index != NULL ? index : vigie_datex2_dup_attribute (node, "index");
}

static int
status_rank (const char *status)
{
  static const char * const ranked[] = {
    "closed", "full", "almostFull", "spacesAvailable", "open",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ranked); i++)
    if (g_strcmp0 (status, ranked[i]) == 0)
      return i;

  return G_N_ELEMENTS (ranked);
}

/* The status words of a record (a facility may give several: "open" and
 * "spacesAvailable"), the most telling one. Only leaves are words: in the
 * facility profile a parkingFacilityStatus is also the record itself. */
static char *
read_status_word (xmlNode *record)
{
  g_autofree char *opening = vigie_datex2_dup_text (vigie_datex2_find_child_any (record, opening_elements));
  char *best = NULL;

  for (xmlNode *child = record->children; child != NULL; child = child->next)
    {
      g_autofree char *text = NULL;
      char *status;

      if (!vigie_datex2_is_element_any (child, status_word_elements) ||
          vigie_datex2_has_element_children (child) ||
          (text = vigie_datex2_dup_text (child)) == NULL)
        continue;

      status = vigie_datex2_normalize_status (text, opening);
      if (best == NULL || status_rank (status) < status_rank (best))
        {
          g_free (best);
          best = status;
        }
      else
        g_free (status);
    }

  return best != NULL ? best : vigie_datex2_normalize_status (NULL, opening);
}

/*
 * Sites
 */

/* The parking spaces of a record that have a position of their own, as
 * on-street sensors publish them: each becomes a site of one space. */
static void
read_spaces (Parser  *parser,
             xmlNode *record,
             Site    *parent)
{
  for (xmlNode *child = record->children; child != NULL; child = child->next)
    {
      g_autofree char *index = NULL;
      g_autofree char *label = NULL;
      double latitude, longitude;
      Site *site;

      if (!vigie_datex2_is_element (child, "parkingSpace") || !(index = dup_index (child)))
        continue;

      if (!read_coordinates (vigie_datex2_find_descendant (child, "pointCoordinates"), &latitude, &longitude) &&
          !read_coordinates (vigie_datex2_find_descendant (child, "locationForDisplay"), &latitude, &longitude))
        continue;

      site = g_new0 (Site, 1);
      site->id = g_strdup_printf ("%s/%s", parent->id, index);
      if (!check_position (parser, site->id, latitude, longitude))
        {
          vigie_datex2_site_free (site);
          continue;
        }

      label = vigie_datex2_dup_text (vigie_datex2_find_descendant (child, "parkingSpaceOrGroupIdentifier"));
      if (label != NULL && parent->name != NULL)
        site->name = g_strdup_printf ("%s, %s", parent->name, label);
      else
        site->name = g_strdup (label != NULL ? label : parent->name);
      site->parent = g_strdup (parent->id);
      site->latitude = latitude;
      site->longitude = longitude;
      site->capacity = 1;
      site->time = parent->time;
      site->spot = TRUE;

      g_ptr_array_add (parser->document->sites, site);
    }
}

void
vigie_datex2_read_site (Parser  *parser,
                        xmlNode *record,
                        guint    index)
{
  g_autofree char *id = vigie_datex2_dup_attribute (record, "id");
  const char *language = parser->context != NULL ? parser->context->language : NULL;
  xmlNode *capacity;
  double latitude = NAN, longitude = NAN, line_latitude, line_longitude;
  gboolean placed;
  guint n_sites;
  Site *site;

  if (id == NULL)
    {
      vigie_snapshot_add_warning (parser->snapshot, _("Parking record %u has no id: skipped"), index + 1);
      return;
    }

  site = g_new0 (Site, 1);
  site->id = g_steal_pointer (&id);
  site->name = vigie_datex2_dup_multilingual (vigie_datex2_find_child_any (record, name_elements), language);
  site->time = vigie_datex2_read_time (parser, vigie_datex2_find_child_any (record, version_time_elements));
  if (site->time == 0)
    site->time = parser->publication_time;

  /* A record of sensed spaces may have no position of its own: its
   * spaces are shown, the record is not. */
  placed = find_position (record, &latitude, &longitude);
  /* A street segment: its line, and without a point, its middle. */
  if ((site->geometry = read_line (record, &line_latitude, &line_longitude)) != NULL && !placed)
    {
      latitude = line_latitude;
      longitude = line_longitude;
      placed = TRUE;
    }
  n_sites = parser->document->sites->len;
  read_spaces (parser, record, site);
  if (!placed)
    {
      if (parser->document->sites->len == n_sites)
        vigie_snapshot_add_warning (parser->snapshot, _("Car park %s has no usable position: skipped"), site->id);
      vigie_datex2_site_free (site);
      return;
    }
  if (!check_position (parser, site->id, latitude, longitude))
    {
      vigie_datex2_site_free (site);
      return;
    }

  site->latitude = latitude;
  site->longitude = longitude;
  /* The record's own number first: groups of spaces inside it have theirs. */
  if ((capacity = vigie_datex2_find_own (record, capacity_elements)) == NULL)
    capacity = vigie_datex2_find_descendant (record, capacity_elements[0]);
  site->capacity = vigie_datex2_read_capacity (parser, capacity, site->id);
  site->category = vigie_datex2_dup_text (vigie_datex2_find_child_any (record, category_elements));

  g_ptr_array_add (parser->document->sites, site);
}

/*
 * Statuses
 */

/* The indexed parkingSpaceStatus of a record's status: one status per
 * sensed space, and the record's counts when it gives none. */
static void
read_space_statuses (Parser  *parser,
                     xmlNode *record,
                     Status  *parent)
{
  gint64 n_free = 0, n_occupied = 0;

  for (xmlNode *child = record->children; child != NULL; child = child->next)
    {
      g_autofree char *index = NULL;
      xmlNode *inner;
      gboolean occupied = FALSE, closed = FALSE, known;
      Status *status;

      if (!vigie_datex2_is_element (child, "parkingSpaceStatus") || !(index = dup_index (child)))
        continue;

      if ((inner = vigie_datex2_find_child (child, "parkingSpaceStatus")) == NULL)
        inner = child;

      known = vigie_datex2_read_boolean (vigie_datex2_find_child (inner, "parkingSpaceOccupied"), &occupied);
      vigie_datex2_read_boolean (vigie_datex2_find_child (inner, "parkingSpaceClosed"), &closed);

      status = g_new0 (Status, 1);
      status->id = g_strdup_printf ("%s/%s", parent->id, index);
      status->latitude = status->longitude = NAN;
      status->time = vigie_datex2_read_time (parser, vigie_datex2_find_child (inner, "measurementOrCalculationTime"));
      if (status->time == 0)
        status->time = parent->time;
      status->vacant = known ? !occupied : -1;
      status->occupied = known ? occupied : -1;
      status->capacity = -1;
      status->raw_occupancy = NAN;
      status->occupancy = known ? (occupied ? 1.0 : 0.0) : NAN;
      status->spot = TRUE;
      if (closed)
        status->status = g_strdup ("closed");
      else if (known)
        status->status = g_strdup (occupied ? "occupied" : "free");
      else
        vigie_snapshot_add_warning (parser->snapshot,
                                    _("Parking space %s: no word on whether it is occupied"), status->id);

      if (known && !closed)
        {
          n_occupied += occupied;
          n_free += !occupied;
        }

      g_ptr_array_add (parser->document->statuses, status);
    }

  if (parent->vacant < 0 && parent->occupied < 0 && n_free + n_occupied > 0)
    {
      parent->vacant = n_free;
      parent->occupied = n_occupied;
    }
}

/* The percentage, in <parkingOccupancy> beside the counts, alone in it,
 * or as the facility profile's parkingFacilityOccupancy. */
static xmlNode *
find_occupancy (xmlNode *record)
{
  xmlNode *container = vigie_datex2_find_child_any (record, occupancy_elements);
  xmlNode *value;

  if (container != NULL && (value = vigie_datex2_find_child_any (container, occupancy_elements)) != NULL)
    return value;
  if (container != NULL && !vigie_datex2_has_element_children (container))
    return container;

  return vigie_datex2_find_child (record, "parkingFacilityOccupancy");
}

void
vigie_datex2_read_status (Parser  *parser,
                          xmlNode *record,
                          guint    index)
{
  g_autofree char *id = vigie_datex2_dup_attribute (vigie_datex2_find_child_any (record, reference_elements), "id");
  const char *language = parser->context != NULL ? parser->context->language : NULL;
  xmlNode *value;
  Status *status;

  if (id == NULL)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Parking status %u names no parking record: skipped"), index + 1);
      return;
    }

  status = g_new0 (Status, 1);
  status->id = g_steal_pointer (&id);
  status->time = vigie_datex2_read_time (parser, vigie_datex2_find_child_any (record, status_time_elements));
  if (status->time == 0)
    status->time = parser->publication_time;

  /* What a status alone needs to be shown without its table. */
  status->name = vigie_datex2_dup_multilingual (vigie_datex2_find_child_any (record, name_elements), language);
  if (!find_position (record, &status->latitude, &status->longitude) ||
      !check_position (parser, status->id, status->latitude, status->longitude))
    status->latitude = status->longitude = NAN;

  status->vacant = vigie_datex2_read_count (parser, vigie_datex2_find_own (record, vacant_elements), status->id);
  status->occupied = vigie_datex2_read_count (parser, vigie_datex2_find_own (record, occupied_elements), status->id);
  status->capacity = vigie_datex2_read_capacity (parser, vigie_datex2_find_own (record, override_elements), status->id);
  status->raw_occupancy = NAN;
  status->occupancy = NAN;
  if ((value = find_occupancy (record)) != NULL)
    {
      double raw;

      if (!vigie_datex2_read_double (value, &raw) || raw < 0 || raw > 100)
        vigie_snapshot_add_warning (parser->snapshot,
                                    _("Car park %s: unusable occupancy, ignored"), status->id);
      else
        status->raw_occupancy = raw;
    }

  status->status = read_status_word (record);

  g_ptr_array_add (parser->document->statuses, status);
  read_space_statuses (parser, record, status);
}

/* Percentages (the standard) or fractions of 1 (some feeds): decided for
 * the whole document, since one value alone cannot tell 1 % from 100 %. */
void
vigie_datex2_scale_occupancies (Parser *parser)
{
  GPtrArray *statuses = parser->document->statuses;
  gboolean any_above_one = FALSE, any_fraction = FALSE;

  for (guint i = 0; i < statuses->len; i++)
    {
      Status *status = g_ptr_array_index (statuses, i);

      if (isnan (status->raw_occupancy))
        continue;
      any_above_one |= status->raw_occupancy > 1;
      any_fraction |= status->raw_occupancy > 0 && status->raw_occupancy < 1;
    }

  if (!any_above_one && any_fraction)
    vigie_snapshot_add_warning (parser->snapshot,
                                _("Occupancy values are all between 0 and 1: read as fractions, not percentages"));

  for (guint i = 0; i < statuses->len; i++)
    {
      Status *status = g_ptr_array_index (statuses, i);
      double raw = status->raw_occupancy;

      if (isnan (raw))
        continue;

      if (any_above_one)
        status->occupancy = raw / 100;
      else if (any_fraction || raw == 0)
        status->occupancy = raw;
      else
        vigie_snapshot_add_warning (parser->snapshot,
                                    _("Car park %s: occupancy %g could be a fraction or a percentage, ignored"),
                                    status->id, raw);
    }
}
