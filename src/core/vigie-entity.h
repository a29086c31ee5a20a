/* vigie-entity.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-types.h"

G_BEGIN_DECLS

/* What an entity is on the map. */
typedef enum
{
  VIGIE_ENTITY_STATION,   /* a bike dock or a car-share station */
  VIGIE_ENTITY_VEHICLE,   /* a tram, a bike, a car */
  VIGIE_ENTITY_STOP,      /* a tram stop */
  VIGIE_ENTITY_ZONE,      /* a parking-meter zone or street segment */
  VIGIE_ENTITY_CAR_PARK,  /* an off-street car park */
  VIGIE_ENTITY_HOTSPOT,   /* a public Wi-Fi place */
  VIGIE_ENTITY_LINE,      /* a transit line's path, with a "geometry" value */
} VigieEntityKind;

/* One value of an entity made with vigie_entity_new_from_fields(). */
typedef enum
{
  VIGIE_ENTITY_FIELD_INT,
  VIGIE_ENTITY_FIELD_DOUBLE,
  VIGIE_ENTITY_FIELD_BOOLEAN,
  VIGIE_ENTITY_FIELD_STRING,
  VIGIE_ENTITY_FIELD_VARIANT,
} VigieEntityFieldType;

typedef struct
{
  const char           *key;    /* a static string */
  VigieEntityFieldType  type;
  union {
    gint64      i;
    double      d;
    gboolean    b;
    const char *s;
    GVariant   *v;
  };
} VigieEntityField;

#define VIGIE_TYPE_ENTITY (vigie_entity_get_type())

G_DECLARE_FINAL_TYPE (VigieEntity, vigie_entity, VIGIE, ENTITY, GObject)

VigieEntity     *vigie_entity_new                  (VigieEntityKind  kind,
                                                    const char      *id,
                                                    const char      *name,
                                                    double           latitude,
                                                    double           longitude,
                                                    gint64           observed_at,
                                                    GVariant        *values);
VigieEntity     *vigie_entity_new_from_fields      (VigieEntityKind         kind,
                                                    const char             *id,
                                                    const char             *name,
                                                    double                  latitude,
                                                    double                  longitude,
                                                    gint64                  observed_at,
                                                    const VigieEntityField *fields,
                                                    guint                   n_fields);
VigieEntity     *vigie_entity_copy                 (VigieEntity     *self);
VigieEntity     *vigie_entity_copy_with_values     (VigieEntity     *self,
                                                    GVariant        *values);
VigieEntity     *vigie_entity_new_with_fields      (VigieEntity            *base,
                                                    const char             *id,
                                                    const char             *name,
                                                    const VigieEntityField *fields,
                                                    guint                   n_fields);
VigieEntityKind  vigie_entity_get_kind             (VigieEntity     *self);
const char      *vigie_entity_get_id               (VigieEntity     *self);
const char      *vigie_entity_get_key              (VigieEntity     *self);
char            *vigie_entity_make_key             (VigieEntityKind  kind,
                                                    const char      *id);
const char      *vigie_entity_get_name             (VigieEntity     *self);
double           vigie_entity_get_latitude         (VigieEntity     *self);
double           vigie_entity_get_longitude        (VigieEntity     *self);
gboolean         vigie_entity_has_position         (VigieEntity     *self);
gint64           vigie_entity_get_observed_at      (VigieEntity     *self);
GVariant        *vigie_entity_get_values           (VigieEntity     *self);
GVariant        *vigie_entity_dup_value            (VigieEntity     *self,
                                                    const char      *key,
                                                    const GVariantType *expected_type);
gint64           vigie_entity_get_value_changed_at (VigieEntity     *self);
const char      *vigie_entity_kind_to_string       (VigieEntityKind  kind);
gboolean         vigie_entity_same_values          (VigieEntity     *self,
                                                    VigieEntity     *other);
gboolean         vigie_entity_lookup_int           (VigieEntity     *self,
                                                    const char      *key,
                                                    gint64          *value);
gboolean         vigie_entity_lookup_double        (VigieEntity     *self,
                                                    const char      *key,
                                                    double          *value);
gboolean         vigie_entity_lookup_boolean       (VigieEntity     *self,
                                                    const char      *key,
                                                    gboolean        *value);
const char      *vigie_entity_lookup_string        (VigieEntity     *self,
                                                    const char      *key);

G_END_DECLS
