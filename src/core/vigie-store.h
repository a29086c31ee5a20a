/* vigie-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-entity.h"
#include "vigie-snapshot.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_STORE (vigie_store_get_type())

G_DECLARE_FINAL_TYPE (VigieStore, vigie_store, VIGIE, STORE, GObject)

VigieStore  *vigie_store_new             (void);
void         vigie_store_apply           (VigieStore    *self,
                                          VigieSnapshot *snapshot,
                                          gint64         now);
void         vigie_store_clear           (VigieStore    *self);
GPtrArray   *vigie_store_dup_entities    (VigieStore    *self);
guint        vigie_store_count_kind      (VigieStore      *self,
                                          VigieEntityKind  kind);
VigieEntity *vigie_store_lookup          (VigieStore      *self,
                                          VigieEntityKind  kind,
                                          const char      *id);
gint64       vigie_store_get_applied_at  (VigieStore    *self);
gint64       vigie_store_get_observed_at (VigieStore    *self);

G_END_DECLS
