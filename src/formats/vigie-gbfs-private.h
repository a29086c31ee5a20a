/* vigie-gbfs-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-format.h"
#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* What GBFS's parser (vigie-format-gbfs.c: documents, discovery,
 * vigie-gbfs-records.c: the records of each document,
 * vigie-gbfs-system.c: regions, pricing plans, alerts and vehicle
 * availability, vigie-gbfs-geofencing.c: geofencing zones) and its
 * combination (vigie-gbfs-combine.c) share: the plain structs a
 * document is read into. */

typedef enum
{
  DOCUMENT_OTHER,
  DOCUMENT_DISCOVERY,
  DOCUMENT_MANIFEST,
  DOCUMENT_SYSTEM_INFORMATION,
  DOCUMENT_STATION_INFORMATION,
  DOCUMENT_STATION_STATUS,
  DOCUMENT_VEHICLES,
  DOCUMENT_VEHICLE_TYPES,
  DOCUMENT_SYSTEM_REGIONS,
  DOCUMENT_PRICING_PLANS,
  DOCUMENT_ALERTS,
  DOCUMENT_GEOFENCING_ZONES,
  DOCUMENT_VEHICLE_AVAILABILITY,
  N_DOCUMENT_KINDS
} DocumentKind;

/* Every record struct starts with its id, which keys the document's index. */
typedef struct
{
  char *id;
  char *name;
  char *form_factor;
  char *propulsion;
} VehicleType;

typedef struct
{
  char     *id;
  char     *name;
  char     *address;
  char     *region_id;           /* or NULL */
  double    latitude;
  double    longitude;
  gint64    capacity;            /* -1: not given */
  gboolean  is_virtual;
} StationInfo;

typedef struct
{
  char   *vehicle_type_id;
  gint64  count;
} TypeCount;

typedef struct
{
  char   *id;
  gint64  last_reported;         /* 0: the document's time stands */
  gint64  vehicles_available;    /* -1 for any count not given */
  gint64  docks_available;
  gint64  vehicles_disabled;
  gint64  docks_disabled;
  gint8   is_installed;          /* -1: not given */
  gint8   is_renting;
  gint8   is_returning;
  GArray *type_counts;           /* of TypeCount, or NULL */
} StationStatus;

typedef struct
{
  char   *id;
  char   *vehicle_type_id;
  char   *station_id;
  char   *home_station_id;
  double  latitude;              /* NAN: placed at its station */
  double  longitude;
  gint64  last_reported;
  double  range_m;               /* NAN: not given */
  double  fuel_percent;
  gint8   is_reserved;
  gint8   is_disabled;
} Vehicle;

typedef struct
{
  char *id;
  char *name;
} Region;

typedef struct
{
  char     *id;
  char     *name;
  char     *currency;
  char     *description;
  double    price;               /* NAN: not given */
} PricingPlan;

/* A period of an alert or of a vehicle's availability; end 0: open. */
typedef struct
{
  gint64 start;
  gint64 end;
} Period;

typedef struct
{
  char    *id;
  char    *type;                 /* "station_closure", ... or NULL */
  char    *summary;
  char    *description;
  char    *url;
  GArray  *times;                /* of Period, never NULL */
  GStrv    station_ids;          /* NULL-terminated, never NULL */
  GStrv    region_ids;
  gint64   last_updated;         /* 0: not given */
} Alert;

/* One of a zone's rules; -1 for what it does not say. */
typedef struct
{
  GStrv   vehicle_type_ids;      /* NULL: every vehicle type */
  gint8   ride_start_allowed;    /* 2.3's ride_allowed sets both */
  gint8   ride_end_allowed;
  gint8   ride_through_allowed;
  gint8   station_parking;
  gint64  maximum_speed_kph;
} ZoneRule;

typedef struct
{
  char     *id;                  /* "zone-<n>", its place in the document */
  char     *name;
  double    latitude;            /* the largest polygon's centroid */
  double    longitude;
  GVariant *geometry;            /* aa(dd): every polygon's rings */
  gint64    start;               /* 0: not given */
  gint64    end;
  GArray   *rules;               /* of ZoneRule, never NULL */
} GeofencingZone;

/* GBFS 3.1's vehicle_availability: when a vehicle can be booked. */
typedef struct
{
  char   *id;                    /* the vehicle's */
  char   *vehicle_type_id;
  char   *station_id;
  GArray *periods;               /* of Period, sorted by start, never NULL */
} VehicleAvailability;

/* The payload of each snapshot that parse() returns. */
typedef struct
{
  DocumentKind  kind;
  gint64        last_updated;
  GPtrArray    *records;
  GHashTable   *by_id;           /* id → record, keys owned by the records */
  GHashTable   *skipped_ids;     /* stations dropped for their position */
  gboolean      lists_vehicle_types;
  GArray       *global_rules;    /* geofencing's, of ZoneRule, or NULL */
} Document;

/* A record of a list being read, for its RecordReader: its object, its
 * id (to steal for the record made of it), the language of its texts and
 * where its warnings go. */
typedef struct
{
  JsonObject    *object;
  char          *id;
  const char    *language;
  VigieSnapshot *snapshot;
  Document      *document;
} Record;

/* Makes the record of @r, or returns NULL, with a warning, to skip it. */
typedef gpointer (*RecordReader) (Record *r);

/* A list of records, and the checks each record goes through before its
 * own: an object, with an id, not seen before in the document. The
 * warnings are N_() marked; @not_object and @no_id are given the record's
 * number, the list's name and the id's member, @duplicate the id and the
 * list's name (positional, %2$s, for words that put the list first): each
 * uses those it needs. */
typedef struct
{
  const char *list;           /* the array's member */
  const char *old_list;       /* or NULL: its name before 3.0 */
  const char *id_member;
  const char *old_id_member;  /* or NULL: its name before 3.0 */
  const char *not_object;
  const char *no_id;
  const char *duplicate;
  RecordReader read;          /* makes each record that passed them */
} RecordList;

void           vigie_gbfs_document_add              (Document                *document,
                                                     gpointer                 record);
gboolean       vigie_gbfs_document_has              (Document                *document,
                                                     const char              *id);
gpointer       vigie_gbfs_document_lookup           (Document                *document,
                                                     const char              *id);

/* The lists of the documents read record by record. */
extern const RecordList vigie_gbfs_vehicle_types;
extern const RecordList vigie_gbfs_station_information;
extern const RecordList vigie_gbfs_station_status;
extern const RecordList vigie_gbfs_vehicles;
extern const RecordList vigie_gbfs_regions;
extern const RecordList vigie_gbfs_pricing_plans;
extern const RecordList vigie_gbfs_alerts;
extern const RecordList vigie_gbfs_availability;

void           vigie_gbfs_read_each                 (JsonObject              *data,
                                                     const RecordList        *records,
                                                     const VigieParseContext *context,
                                                     VigieSnapshot           *snapshot,
                                                     Document                *document);
char          *vigie_gbfs_dup_text                  (JsonObject              *object,
                                                     const char              *member,
                                                     const char              *language);
GStrv          vigie_gbfs_read_ids                  (JsonObject              *object,
                                                     const char              *member);

void           vigie_gbfs_region_free               (gpointer                 data);
void           vigie_gbfs_pricing_plan_free         (gpointer                 data);
void           vigie_gbfs_alert_free                (gpointer                 data);
void           vigie_gbfs_availability_free         (gpointer                 data);
void           vigie_gbfs_zone_free                 (gpointer                 data);
void           vigie_gbfs_zone_rule_clear           (gpointer                 data);

void           vigie_gbfs_parse_geofencing_zones    (JsonObject              *data,
                                                     const VigieParseContext *context,
                                                     VigieSnapshot           *snapshot,
                                                     Document                *document);
char          *vigie_gbfs_describe_system_document  (Document                *document);

const Period  *vigie_gbfs_alert_period              (Alert                   *alert,
                                                     gint64                   now);
GVariant      *vigie_gbfs_alert_value               (Alert                   *alert,
                                                     Document                *information,
                                                     Document                *regions,
                                                     gint64                   now);
void           vigie_gbfs_combine_zones             (VigieSnapshot           *result,
                                                     Document                *zones,
                                                     Document                *types,
                                                     gint64                   now);
GVariant      *vigie_gbfs_availability_value        (VehicleAvailability     *availability,
                                                     gint64                   now);

VigieSnapshot *vigie_gbfs_combine                   (GHashTable              *snapshots_by_role,
                                                     const VigieParseContext *context);
char          *vigie_gbfs_describe_missing          (GHashTable              *snapshots_by_role);

G_END_DECLS
