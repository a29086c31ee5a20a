/* vigie-saved-views.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A map view the operator saved: "Centre-ville", "Gare". */
typedef struct
{
  char     *name;
  double    latitude;
  double    longitude;
  double    zoom;
  GStrv     layers;     /* ids of the feeds whose layers it shows */
  gboolean  rotate;     /* shown in turn by the meeting mode */
  GStrv     filters;    /* its filtered layers: "velocite=empty,full" */
} VigieSavedView;

VigieSavedView *vigie_saved_view_new        (const char          *name,
                                             double               latitude,
                                             double               longitude,
                                             double               zoom,
                                             const char * const  *layers,
                                             gboolean             rotate);
VigieSavedView *vigie_saved_view_copy       (const VigieSavedView *view);
void            vigie_saved_view_free       (VigieSavedView      *view);
gboolean        vigie_saved_view_shows_layer (const VigieSavedView *view,
                                              const char           *feed_id);
guint           vigie_saved_view_get_filter  (const VigieSavedView *view,
                                              const char           *feed_id);
void            vigie_saved_view_set_filter  (VigieSavedView       *view,
                                              const char           *feed_id,
                                              guint                 filter);

GPtrArray      *vigie_saved_views_load      (GSettings           *settings,
                                             const char          *profile_id);
void            vigie_saved_views_save      (GSettings           *settings,
                                             const char          *profile_id,
                                             GPtrArray           *views);
void            vigie_saved_views_put       (GPtrArray           *views,
                                             VigieSavedView      *view);
gboolean        vigie_saved_views_remove    (GPtrArray           *views,
                                             const char          *name);
VigieSavedView *vigie_saved_views_find      (GPtrArray           *views,
                                             const char          *name);
GPtrArray      *vigie_saved_views_rotating  (GPtrArray           *views);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieSavedView, vigie_saved_view_free)

G_END_DECLS
