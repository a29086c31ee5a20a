/* vigie-entity-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-entity-columns"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-entity-columns.h"
#include "vigie-hash.h"
#include "vigie-entity-private.h"

/* A snapshot's entities as compact columns, made once in the worker that
 * prepares the snapshot (vigie_snapshot_get_columns()), so that a pass
 * over 50,000 entities an update (the alert rules) reads a few arrays in
 * order instead of each entity's instance, fields and key scattered over
 * the heap (eleven cache lines a tram). The numbers live in one block;
 * the keys, names and routes in a second one, in the entities' order, so
 * that comparing a key with a state's, or the words of an event (15,000
 * an update when the rules act at once), read memory in order too. */

struct _Columns
{
  VigieEntityColumns  public;
  char               *block;
  char               *strings;
  gsize               strings_len;
  gsize               strings_size;
  VigieEntityLine    *line_table;
  guint               line_table_size;
  guint              *slots;        /* open addressing: line index + 1, 0 empty */
  guint               n_slots;
};

typedef struct _Columns Columns;

G_STATIC_ASSERT (G_STRUCT_OFFSET (Columns, public) == 0);

/*
 * Auxiliary methods
 */

static guint32
add_string (Columns    *self,
            const char *str)
{
  gsize length = strlen (str) + 1;
  guint32 offset = (guint32) self->strings_len;

  if (self->strings_len + length > self->strings_size)
    {
      self->strings_size = MAX (self->strings_size * 2, self->strings_len + length);
      self->strings = g_realloc (self->strings, self->strings_size);
    }
  memcpy (self->strings + self->strings_len, str, length);
  self->strings_len += length;

  return offset;
}

/* The route's key-safe hash (vigie-hash.c), with the direction mixed in:
 * routes are what a feed says. */
static inline guint
hash_line (const char *route,
           gint64      direction)
{
  return vigie_str_hash (route) * 33 + (guint) direction;
}

static void
grow_slots (Columns *self)
{
  guint n_slots = MAX (self->n_slots * 2, 64);

  g_free (self->slots);
  self->slots = g_new0 (guint, n_slots);
  self->n_slots = n_slots;

  for (guint l = 0; l < self->public.n_lines; l++)
    {
      const VigieEntityLine *line = &self->line_table[l];
      guint slot = hash_line (self->strings + line->route, line->direction) & (n_slots - 1);

      while (self->slots[slot] != 0)
        slot = (slot + 1) & (n_slots - 1);
      self->slots[slot] = l + 1;
    }
}

/* A feed's vehicles are of a few lines: each (route, direction) once, in
 * the order first met, found again by a small table of its own. */
static guint32
intern_line (Columns    *self,
             const char *route,
             gint64      direction)
{
  guint slot;
  guint32 index;

  if (self->public.n_lines * 2 >= self->n_slots)
    grow_slots (self);

  for (slot = hash_line (route, direction) & (self->n_slots - 1);
       self->slots[slot] != 0;
       slot = (slot + 1) & (self->n_slots - 1))
    {
      const VigieEntityLine *line = &self->line_table[self->slots[slot] - 1];

      if (line->direction == direction && strcmp (self->strings + line->route, route) == 0)
        return self->slots[slot] - 1;
    }

  if (self->public.n_lines == self->line_table_size)
    {
      self->line_table_size = MAX (self->line_table_size * 2, 16);
      self->line_table = g_renew (VigieEntityLine, self->line_table, self->line_table_size);
    }
  index = self->public.n_lines++;
  self->line_table[index].route = add_string (self, route);
  self->line_table[index].direction = direction;
  self->slots[slot] = index + 1;

  return index;
}

/* The keys each kind is read for, in the order of the values (see the
 * header), then its flags' keys. */
static const char * const station_keys[] = { "vehicles_available", "docks_available", "is_virtual", "is_installed" };
static const char * const parking_keys[] = { "occupancy", "total_spots", "available_spots", "spot", "geofencing" };
static const char * const hotspot_keys[] = { "clients", "capacity", "aps_up", "aps_total" };
static const char * const vehicle_keys[] = {
  "delay_s", "source", "current_status", "route_id", "direction_id", "ghost", "canceled",
};

static inline gboolean
field_true (const VigieEntityFieldRef *field)
{
  gboolean value = FALSE;

  return vigie_entity_field_boolean (field, &value) && value;
}

/* One entity's row: what vigie_entity_lookup_*() say of the keys its kind
 * is read for (its fields found in one walk, and read as those read
 * them), so that a rule reading the columns decides as one reading the
 * entity. */
static void
set_row (Columns     *self,
         guint        i,
         VigieEntity *entity)
{
  VigieEntityColumns *c = &self->public;
  VigieEntityIdentity identity;
  VigieEntityNumber *values[VIGIE_ENTITY_COLUMNS_N_VALUES];
  const VigieEntityFieldRef *found[8];
  guint16 flags = 0;
  guint32 line = VIGIE_ENTITY_COLUMNS_NO_LINE;
  gboolean installed = TRUE;
  double occupancy;

  vigie_entity_get_identity (entity, &identity);
  for (guint v = 0; v < VIGIE_ENTITY_COLUMNS_N_VALUES; v++)
    {
      values[v] = (VigieEntityNumber *) &c->values[v][i];
      values[v]->i = 0;
    }

#define READ_INT(n, field) \
  if (vigie_entity_field_int (field, &values[n]->i)) \
    flags |= VIGIE_ENTITY_COLUMN_HAS_VALUE (n)

  switch (identity.kind)
    {
    case VIGIE_ENTITY_STATION:
      vigie_entity_find_fields (entity, station_keys, G_N_ELEMENTS (station_keys), found);
      READ_INT (0, found[0]);
      READ_INT (1, found[1]);
      if (field_true (found[2]))
        flags |= VIGIE_ENTITY_COLUMN_VIRTUAL;
      if (vigie_entity_field_boolean (found[3], &installed) && !installed)
        flags |= VIGIE_ENTITY_COLUMN_NOT_INSTALLED;
      break;

    case VIGIE_ENTITY_ZONE:
    case VIGIE_ENTITY_CAR_PARK:
      vigie_entity_find_fields (entity, parking_keys, G_N_ELEMENTS (parking_keys), found);
      if (vigie_entity_field_double (found[0], &occupancy) && isfinite (occupancy))
        {
          values[0]->d = occupancy;
          flags |= VIGIE_ENTITY_COLUMN_HAS_VALUE (0);
        }
      READ_INT (1, found[1]);
      READ_INT (2, found[2]);
      if (field_true (found[3]))
        flags |= VIGIE_ENTITY_COLUMN_SPOT;
      if (field_true (found[4]))
        flags |= VIGIE_ENTITY_COLUMN_GEOFENCING;
      break;

    case VIGIE_ENTITY_HOTSPOT:
      vigie_entity_find_fields (entity, hotspot_keys, G_N_ELEMENTS (hotspot_keys), found);
      for (guint v = 0; v < 4; v++)
        READ_INT (v, found[v]);
      break;

    case VIGIE_ENTITY_VEHICLE:
      {
        const char *source, *status, *route;

        vigie_entity_find_fields (entity, vehicle_keys, G_N_ELEMENTS (vehicle_keys), found);
        READ_INT (0, found[0]);
        source = vigie_entity_field_string (found[1]);
        status = vigie_entity_field_string (found[2]);
        route = vigie_entity_field_string (found[3]);
        if (source != NULL && strcmp (source, "schedule") == 0)
          flags |= VIGIE_ENTITY_COLUMN_SCHEDULED;
        if (status != NULL && g_ascii_strcasecmp (status, "stopped_at") == 0)
          flags |= VIGIE_ENTITY_COLUMN_STOPPED_AT;
        if (field_true (found[5]))
          flags |= VIGIE_ENTITY_COLUMN_GHOST;
        if (field_true (found[6]))
          flags |= VIGIE_ENTITY_COLUMN_CANCELED;
        if (route != NULL)
          {
            gint64 direction = 0;

            vigie_entity_field_int (found[4], &direction);
            line = intern_line (self, route, direction);
          }
      }
      break;

    case VIGIE_ENTITY_STOP:
    case VIGIE_ENTITY_LINE:
    default:
      break;
    }

#undef READ_INT

  if (isfinite (identity.latitude) && isfinite (identity.longitude))
    flags |= VIGIE_ENTITY_COLUMN_HAS_POSITION;

  ((guint8 *) c->kinds)[i] = (guint8) identity.kind;
  ((guint16 *) c->flags)[i] = flags;
  ((guint32 *) c->key_hashes)[i] = identity.key_hash;
  ((guint32 *) c->keys)[i] = add_string (self, identity.key);
  ((guint32 *) c->names)[i] = identity.name != NULL ? add_string (self, identity.name) : VIGIE_ENTITY_COLUMNS_NO_NAME;
  ((guint32 *) c->lines)[i] = line;
  ((double *) c->latitudes)[i] = identity.latitude;
  ((double *) c->longitudes)[i] = identity.longitude;
}

/* Carves a column of @n items of @size bytes, 64-byte aligned. */
static gpointer
carve (char  **next,
       gsize   n,
       gsize   size)
{
  gpointer column = *next;

  *next += (n * size + 63) & ~(gsize) 63;
  return column;
}

/*
 * Public API
 */

/**
 * vigie_entity_columns_new_sized:
 * @n_entities: how many entities
 *
 * Columns to fill with vigie_entity_columns_set(), each position once,
 * where the entities are read anyway (vigie_snapshot_prepare()), so that
 * making them costs no reading of its own. Any thread.
 *
 * Returns: (transfer full): the columns, their rows not set yet
 */
VigieEntityColumns *
vigie_entity_columns_new_sized (guint n_entities)
{
  Columns *self = g_new0 (Columns, 1);
  VigieEntityColumns *c = &self->public;
  guint n = n_entities;
  gsize size;
  char *next;

  c->n_entities = n;
  size = (gsize) (2 + VIGIE_ENTITY_COLUMNS_N_VALUES) * (n * sizeof (double) + 63) +
         4 * (n * sizeof (guint32) + 63) + (n * sizeof (guint16) + 63) + (n + 63);
  self->block = g_aligned_alloc (1, MAX (size, 64), 64);
  next = self->block;
  c->latitudes = carve (&next, n, sizeof (double));
  c->longitudes = carve (&next, n, sizeof (double));
  for (guint v = 0; v < VIGIE_ENTITY_COLUMNS_N_VALUES; v++)
    c->values[v] = carve (&next, n, sizeof (VigieEntityNumber));
  c->key_hashes = carve (&next, n, sizeof (guint32));
  c->keys = carve (&next, n, sizeof (guint32));
  c->names = carve (&next, n, sizeof (guint32));
  c->lines = carve (&next, n, sizeof (guint32));
  c->flags = carve (&next, n, sizeof (guint16));
  c->kinds = carve (&next, n, sizeof (guint8));
  g_assert ((gsize) (next - self->block) <= MAX (size, 64));

  /* Keys and names of a feed are some twenty bytes each. */
  self->strings_size = MAX ((gsize) n * 40, 64);
  self->strings = g_malloc (self->strings_size);
  c->strings = self->strings;

  return c;
}

/**
 * vigie_entity_columns_set:
 * @columns: columns from vigie_entity_columns_new_sized()
 * @position: the entity's position, below their size, each set once
 * @entity: the entity there
 */
void
vigie_entity_columns_set (VigieEntityColumns *columns,
                          guint               position,
                          VigieEntity        *entity)
{
  Columns *self = (Columns *) columns;

  g_return_if_fail (columns != NULL);
  g_return_if_fail (position < columns->n_entities);

  set_row (self, position, entity);
  /* The strings and lines may have moved as they grew. */
  columns->strings = self->strings;
  columns->line_table = self->line_table;
}

/**
 * vigie_entity_columns_copy_row:
 * @columns: columns from vigie_entity_columns_new_sized()
 * @position: a position below their size, each set once
 * @from: other columns, complete
 * @from_position: the row of @from to copy
 *
 * What vigie_entity_columns_set() makes of the entity of @from's row, read
 * off that row: a snapshot prepared against the previous one keeps most of
 * its entities, whose fields need not be walked again.
 */
void
vigie_entity_columns_copy_row (VigieEntityColumns       *columns,
                               guint                     position,
                               const VigieEntityColumns *from,
                               guint                     from_position)
{
  Columns *self = (Columns *) columns;
  VigieEntityColumns *c = columns;
  guint32 line;

  g_return_if_fail (columns != NULL && from != NULL);
  g_return_if_fail (position < columns->n_entities);
  g_return_if_fail (from_position < from->n_entities);

  line = from->lines[from_position];
  if (line != VIGIE_ENTITY_COLUMNS_NO_LINE)
    line = intern_line (self, from->strings + from->line_table[line].route, from->line_table[line].direction);

  ((guint8 *) c->kinds)[position] = from->kinds[from_position];
  ((guint16 *) c->flags)[position] = from->flags[from_position];
  ((guint32 *) c->key_hashes)[position] = from->key_hashes[from_position];
  ((guint32 *) c->keys)[position] = add_string (self, from->strings + from->keys[from_position]);
  ((guint32 *) c->names)[position] = from->names[from_position] != VIGIE_ENTITY_COLUMNS_NO_NAME
                                       ? add_string (self, from->strings + from->names[from_position])
                                       : VIGIE_ENTITY_COLUMNS_NO_NAME;
  ((guint32 *) c->lines)[position] = line;
  ((double *) c->latitudes)[position] = from->latitudes[from_position];
  ((double *) c->longitudes)[position] = from->longitudes[from_position];
  for (guint v = 0; v < VIGIE_ENTITY_COLUMNS_N_VALUES; v++)
    ((VigieEntityNumber *) c->values[v])[position] = from->values[v][from_position];

  c->strings = self->strings;
  c->line_table = self->line_table;
}

/**
 * vigie_entity_columns_new:
 * @entities: (element-type VigieEntity): a snapshot's entities
 *
 * Reads each entity once, a pass of its own. Any thread; the columns
 * never change after.
 *
 * Returns: (transfer full): the columns of @entities, in their order
 */
VigieEntityColumns *
vigie_entity_columns_new (GPtrArray *entities)
{
  VigieEntityColumns *columns;

  g_return_val_if_fail (entities != NULL, NULL);

  columns = vigie_entity_columns_new_sized (entities->len);
  for (guint i = 0; i < entities->len; i++)
    {
      /* Each entity is a few cache misses away: asked for ahead. */
      if (i + 8 < entities->len)
        {
          const char *instance = g_ptr_array_index (entities, i + 8);

          __builtin_prefetch (instance);
          __builtin_prefetch (instance + 64);
        }
      if (i + 4 < entities->len)
        vigie_entity_prefetch (g_ptr_array_index (entities, i + 4));

      vigie_entity_columns_set (columns, i, g_ptr_array_index (entities, i));
    }

  return columns;
}

void
vigie_entity_columns_free (VigieEntityColumns *columns)
{
  Columns *self = (Columns *) columns;

  if (self == NULL)
    return;

  g_aligned_free (self->block);
  g_free (self->strings);
  g_free (self->line_table);
  g_free (self->slots);
  g_free (self);
}
