/* vigie-entity-columns.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <string.h>

#include "vigie-entity.h"

G_BEGIN_DECLS

/* What a pass over every entity of a snapshot reads (the alert rules),
 * as compact typed columns: an entity is a position in them, as in the
 * snapshot. The flags and values below are the entity's values of the
 * keys the formats document, read with vigie_entity_lookup_*() when the
 * columns were made. */
typedef enum
{
  VIGIE_ENTITY_COLUMN_HAS_POSITION  = 1 << 0,   /* vigie_entity_has_position() */
  VIGIE_ENTITY_COLUMN_VIRTUAL       = 1 << 1,   /* "is_virtual" true */
  VIGIE_ENTITY_COLUMN_NOT_INSTALLED = 1 << 2,   /* "is_installed" false */
  VIGIE_ENTITY_COLUMN_SPOT          = 1 << 3,   /* "spot" true */
  VIGIE_ENTITY_COLUMN_GEOFENCING    = 1 << 4,   /* "geofencing" true */
  VIGIE_ENTITY_COLUMN_GHOST         = 1 << 5,   /* "ghost" true */
  VIGIE_ENTITY_COLUMN_CANCELED      = 1 << 6,   /* "canceled" true */
  VIGIE_ENTITY_COLUMN_SCHEDULED     = 1 << 7,   /* "source" is "schedule" */
  VIGIE_ENTITY_COLUMN_STOPPED_AT    = 1 << 8,   /* "current_status" is "stopped_at", in any case */
  VIGIE_ENTITY_COLUMN_HAS_VALUE_0   = 1 << 12,  /* then VIGIE_ENTITY_COLUMN_HAS_VALUE (n) */
} VigieEntityColumnFlags;

#define VIGIE_ENTITY_COLUMN_HAS_VALUE(n) (VIGIE_ENTITY_COLUMN_HAS_VALUE_0 << (n))
#define VIGIE_ENTITY_COLUMNS_N_VALUES 4
#define VIGIE_ENTITY_COLUMNS_NO_LINE G_MAXUINT32
#define VIGIE_ENTITY_COLUMNS_NO_NAME G_MAXUINT32

/* The values, by kind (integers in .i, the occupancy in .d):
 *
 *   kind               value 0                     1                 2                  3
 *   station            "vehicles_available"        "docks_available"
 *   zone, car park     "occupancy" (finite, .d)    "total_spots"     "available_spots"
 *   hotspot            "clients"                   "capacity"        "aps_up"           "aps_total"
 *   vehicle            "delay_s"
 */
typedef union
{
  gint64 i;
  double d;
} VigieEntityNumber;

/* A vehicle's line: its "route_id" and "direction_id" (0 when it has
 * none), one entry each pair, in the order first met. */
typedef struct
{
  guint32 route;       /* offset of the route id in the strings */
  gint64  direction;
} VigieEntityLine;

typedef struct _VigieEntityColumns VigieEntityColumns;

struct _VigieEntityColumns
{
  guint                     n_entities;
  const guint8             *kinds;        /* VigieEntityKind */
  const guint16            *flags;        /* VigieEntityColumnFlags */
  const guint32            *key_hashes;   /* vigie_str_hash (key) */
  const guint32            *keys;         /* offset of the key in the strings */
  const guint32            *names;        /* offset of the name in the strings, or VIGIE_ENTITY_COLUMNS_NO_NAME */
  const guint32            *lines;        /* vehicles with a route: index in line_table; else NO_LINE */
  const double             *latitudes;
  const double             *longitudes;
  const VigieEntityNumber  *values[VIGIE_ENTITY_COLUMNS_N_VALUES];
  const char               *strings;      /* the keys, names and routes, each 0-terminated */
  guint                     n_lines;
  const VigieEntityLine    *line_table;
};

VigieEntityColumns *vigie_entity_columns_new       (GPtrArray                *entities);
VigieEntityColumns *vigie_entity_columns_new_sized (guint                     n_entities);
void                vigie_entity_columns_set       (VigieEntityColumns       *self,
                                                    guint                     position,
                                                    VigieEntity              *entity);
void                vigie_entity_columns_copy_row  (VigieEntityColumns       *self,
                                                    guint                     position,
                                                    const VigieEntityColumns *from,
                                                    guint                     from_position);
void                vigie_entity_columns_free      (VigieEntityColumns       *self);

static inline const char *
vigie_entity_columns_get_key (const VigieEntityColumns *self,
                              guint                     position)
{
  return self->strings + self->keys[position];
}

/* vigie_entity_get_id(): what follows the kind in the key. */
static inline const char *
vigie_entity_columns_get_id (const VigieEntityColumns *self,
                             guint                     position)
{
  const char *key = self->strings + self->keys[position];

  return strchr (key, '/') + 1;
}

/* vigie_entity_get_name(), %NULL for none. */
static inline const char *
vigie_entity_columns_get_name (const VigieEntityColumns *self,
                               guint                     position)
{
  return self->names[position] != VIGIE_ENTITY_COLUMNS_NO_NAME ? self->strings + self->names[position] : NULL;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieEntityColumns, vigie_entity_columns_free)

G_END_DECLS
