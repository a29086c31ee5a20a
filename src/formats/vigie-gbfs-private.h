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
 * vigie-gbfs-records.c: the records of each document) and its
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

/* The payload of each snapshot that parse() returns. */
typedef struct
{
  DocumentKind  kind;
  gint64        last_updated;
  GPtrArray    *records;
  GHashTable   *by_id;           /* id → record, keys owned by the records */
  GHashTable   *skipped_ids;     /* stations dropped for their position */
  gboolean      lists_vehicle_types;
} Document;

void           vigie_gbfs_document_add              (Document                *document,
                                                     gpointer                 record);
gboolean       vigie_gbfs_document_has              (Document                *document,
                                                     const char              *id);
gpointer       vigie_gbfs_document_lookup           (Document                *document,
                                                     const char              *id);

void           vigie_gbfs_parse_vehicle_types       (JsonObject              *data,
                                                     const VigieParseContext *context,
                                                     VigieSnapshot           *snapshot,
                                                     Document                *document);
void           vigie_gbfs_parse_station_information (JsonObject              *data,
                                                     const VigieParseContext *context,
                                                     VigieSnapshot           *snapshot,
                                                     Document                *document);
void           vigie_gbfs_parse_station_status      (JsonObject              *data,
                                                     VigieSnapshot           *snapshot,
                                                     Document                *document);
void           vigie_gbfs_parse_vehicles            (JsonObject              *data,
                                                     VigieSnapshot           *snapshot,
                                                     Document                *document);

VigieSnapshot *vigie_gbfs_combine                   (GHashTable              *snapshots_by_role,
                                                     const VigieParseContext *context);
char          *vigie_gbfs_describe_missing          (GHashTable              *snapshots_by_role);

G_END_DECLS
