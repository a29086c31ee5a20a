/* vigie-snapshot.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "vigie-entity.h"
#include "vigie-entity-columns.h"

G_BEGIN_DECLS

/* Entities one snapshot holds at most, unless a feed's "max-entities"
 * option says otherwise: well above a real city. */
#define VIGIE_SNAPSHOT_DEFAULT_MAX_ENTITIES 100000

/* A feed keeps the first warnings word for word and counts the rest. */
#define VIGIE_SNAPSHOT_MAX_WARNINGS 50

/* One items-changed of a store, from one prepared snapshot to the next. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} VigieSnapshotChange;

#define VIGIE_TYPE_SNAPSHOT (vigie_snapshot_get_type ())

GType          vigie_snapshot_get_type          (void) G_GNUC_CONST;
VigieSnapshot *vigie_snapshot_new               (void);
VigieSnapshot *vigie_snapshot_ref               (VigieSnapshot  *self);
void           vigie_snapshot_unref             (VigieSnapshot  *self);

/* Building, in the parser's thread, before anyone else sees it */
void           vigie_snapshot_set_max_entities  (VigieSnapshot  *self,
                                                 guint           max_entities);
guint          vigie_snapshot_get_max_entities  (VigieSnapshot  *self);
guint          vigie_snapshot_get_n_over_limit  (VigieSnapshot  *self);
void           vigie_snapshot_add_entity        (VigieSnapshot  *self,
                                                 VigieEntity    *entity);
void           vigie_snapshot_add_removed       (VigieSnapshot  *self,
                                                 VigieEntityKind kind,
                                                 const char     *id);
void           vigie_snapshot_add_warning       (VigieSnapshot  *self,
                                                 const char     *format,
                                                 ...) G_GNUC_PRINTF (2, 3);
void           vigie_snapshot_take_warnings     (VigieSnapshot  *self,
                                                 VigieSnapshot  *from);
void           vigie_snapshot_set_incremental   (VigieSnapshot  *self,
                                                 gboolean        incremental);
void           vigie_snapshot_set_observed_at   (VigieSnapshot  *self,
                                                 gint64          observed_at);
void           vigie_snapshot_set_ttl           (VigieSnapshot  *self,
                                                 gint64          ttl_s);
void           vigie_snapshot_add_records       (VigieSnapshot  *self,
                                                 guint           n_records);
void           vigie_snapshot_add_link          (VigieSnapshot  *self,
                                                 const char     *role,
                                                 const char     *url);
void           vigie_snapshot_set_payload       (VigieSnapshot  *self,
                                                 gpointer        payload,
                                                 GDestroyNotify  destroy);

void           vigie_snapshot_prepare           (VigieSnapshot  *self,
                                                 VigieSnapshot  *previous,
                                                 gint64          now);

/* Reading */
guint          vigie_snapshot_get_n_entities    (VigieSnapshot  *self);
VigieEntity   *vigie_snapshot_get_entity        (VigieSnapshot  *self,
                                                 guint           position);
GPtrArray     *vigie_snapshot_get_entities      (VigieSnapshot  *self);
const char * const *vigie_snapshot_get_removed_keys (VigieSnapshot *self);
gboolean       vigie_snapshot_get_incremental   (VigieSnapshot  *self);
guint          vigie_snapshot_get_n_warnings    (VigieSnapshot  *self);
const char * const *vigie_snapshot_get_warnings (VigieSnapshot  *self);
gint64         vigie_snapshot_get_observed_at   (VigieSnapshot  *self);
gint64         vigie_snapshot_get_ttl           (VigieSnapshot  *self);
guint          vigie_snapshot_get_n_records     (VigieSnapshot  *self);
GHashTable    *vigie_snapshot_get_links         (VigieSnapshot  *self);
gpointer       vigie_snapshot_get_payload       (VigieSnapshot  *self);
GHashTable    *vigie_snapshot_get_index         (VigieSnapshot  *self);
guint64        vigie_snapshot_get_serial        (VigieSnapshot  *self);
GArray        *vigie_snapshot_get_changes       (VigieSnapshot  *self,
                                                 guint64        *base_serial);
guint          vigie_snapshot_count_kind        (VigieSnapshot  *self,
                                                 VigieEntityKind kind);
const VigieEntityColumns *vigie_snapshot_get_columns (VigieSnapshot *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieSnapshot, vigie_snapshot_unref)

G_END_DECLS
