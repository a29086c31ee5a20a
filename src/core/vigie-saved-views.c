/* vigie-saved-views.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-saved-views"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-filter.h"
#include "vigie-saved-views.h"

/* Views the operator saved, in the "saved-views" setting: each belongs to
 * a profile (a view of Mulhouse means nothing to another city), and the
 * views of the other profiles are kept as they are when one profile's
 * change. Values read back are checked: a hand-edited setting gives
 * fewer views, never a map at latitude 400. */

#define VIEWS_TYPE "a(ssdddasb)"
/* Filters came later, in a setting of their own: "saved-views" keeps its
 * type, so that the views saved before read as they were, and a view
 * with no entry there has no filter. */
#define FILTERS_TYPE "a(ssas)"

VigieSavedView *
vigie_saved_view_new (const char         *name,
                      double              latitude,
                      double              longitude,
                      double              zoom,
                      const char * const *layers,
                      gboolean            rotate)
{
  VigieSavedView *view;

  g_return_val_if_fail (name != NULL, NULL);

  view = g_new0 (VigieSavedView, 1);
  view->name = g_strdup (name);
  view->latitude = latitude;
  view->longitude = longitude;
  view->zoom = zoom;
  view->layers = g_strdupv ((char **) layers);
  if (view->layers == NULL)
    view->layers = g_new0 (char *, 1);
  view->rotate = !!rotate;
  view->filters = g_new0 (char *, 1);

  return view;
}

VigieSavedView *
vigie_saved_view_copy (const VigieSavedView *view)
{
  VigieSavedView *copy;

  g_return_val_if_fail (view != NULL, NULL);

  copy = vigie_saved_view_new (view->name, view->latitude, view->longitude, view->zoom,
                               (const char * const *) view->layers, view->rotate);
  g_strfreev (copy->filters);
  copy->filters = g_strdupv (view->filters);

  return copy;
}

/* "velocite=empty,full" → the filters, when @entry is @feed_id's. */
static gboolean
parse_filter (const char *entry,
              const char *feed_id,
              guint      *filter)
{
  const char *equal = strchr (entry, '=');

  if (equal == NULL || (gsize) (equal - entry) != strlen (feed_id) ||
      strncmp (entry, feed_id, equal - entry) != 0)
    return FALSE;

  *filter = vigie_filter_from_string (equal + 1);
  return TRUE;
}

/**
 * vigie_saved_view_get_filter:
 * @view: a view
 * @feed_id: a feed's id
 *
 * Returns: the #VigieFilter mask the view sets on that feed's layer
 */
guint
vigie_saved_view_get_filter (const VigieSavedView *view,
                             const char           *feed_id)
{
  guint filter;

  g_return_val_if_fail (view != NULL, 0);
  g_return_val_if_fail (feed_id != NULL, 0);

  for (guint i = 0; view->filters[i] != NULL; i++)
    if (parse_filter (view->filters[i], feed_id, &filter))
      return filter;

  return 0;
}

/**
 * vigie_saved_view_set_filter:
 * @view: a view
 * @feed_id: a feed's id, without "="
 * @filter: a #VigieFilter mask; none removes the feed's entry
 */
void
vigie_saved_view_set_filter (VigieSavedView *view,
                             const char     *feed_id,
                             guint           filter)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint ignored;

  g_return_if_fail (view != NULL);
  g_return_if_fail (feed_id != NULL && strchr (feed_id, '=') == NULL);

  for (guint i = 0; view->filters[i] != NULL; i++)
    if (!parse_filter (view->filters[i], feed_id, &ignored))
      g_strv_builder_add (builder, view->filters[i]);

  if (filter != 0)
    {
      g_autofree char *nicks = vigie_filter_to_string (filter);
      g_autofree char *entry = g_strdup_printf ("%s=%s", feed_id, nicks);

      g_strv_builder_add (builder, entry);
    }

  g_strfreev (view->filters);
  view->filters = g_strv_builder_end (builder);
}

void
vigie_saved_view_free (VigieSavedView *view)
{
  if (view == NULL)
    return;

  g_free (view->name);
  g_strfreev (view->layers);
  g_strfreev (view->filters);
  g_free (view);
}

gboolean
vigie_saved_view_shows_layer (const VigieSavedView *view,
                              const char           *feed_id)
{
  g_return_val_if_fail (view != NULL, FALSE);

  return feed_id != NULL && g_strv_contains ((const char * const *) view->layers, feed_id);
}

static gboolean
is_valid (const char *name,
          double      latitude,
          double      longitude,
          double      zoom)
{
  return name[0] != '\0' &&
         isfinite (latitude) && fabs (latitude) <= 85.06 &&
         isfinite (longitude) && fabs (longitude) <= 180 &&
         isfinite (zoom) && zoom >= 0 && zoom <= 22;
}

static void
load_filters (GSettings  *settings,
              const char *profile_id,
              GPtrArray  *views)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "saved-view-filters");
  GVariantIter iter;
  const char *profile, *name;
  GVariant *filters;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s@as)", &profile, &name, &filters))
    {
      VigieSavedView *view = g_strcmp0 (profile, profile_id) == 0 ? vigie_saved_views_find (views, name) : NULL;

      if (view != NULL)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          GVariantIter entries;
          const char *entry;

          /* Only what reads back: a hand edit costs a filter, not a view. */
          g_variant_iter_init (&entries, filters);
          while (g_variant_iter_next (&entries, "&s", &entry))
            if (strchr (entry, '=') != NULL && strchr (entry, '=') != entry &&
                vigie_filter_from_string (strchr (entry, '=') + 1) != 0)
              g_strv_builder_add (builder, entry);
          g_strfreev (view->filters);
          view->filters = g_strv_builder_end (builder);
        }
      g_variant_unref (filters);
    }
}

/* Adds to @builder the entries of @key, each led by its profile's id,
 * that are not @profile_id's. */
static void
keep_other_profiles (GVariantBuilder *builder,
                     GSettings       *settings,
                     const char      *key,
                     const char      *profile_id)
{
  g_autoptr(GVariant) old = g_settings_get_value (settings, key);
  GVariantIter iter;
  GVariant *child;

  g_variant_iter_init (&iter, old);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      const char *profile;

      g_variant_get_child (child, 0, "&s", &profile);
      if (!g_str_equal (profile, profile_id))
        g_variant_builder_add_value (builder, child);
      g_variant_unref (child);
    }
}

static void
save_filters (GSettings  *settings,
              const char *profile_id,
              GPtrArray  *views)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (FILTERS_TYPE));
  keep_other_profiles (&builder, settings, "saved-view-filters", profile_id);

  for (guint i = 0; i < views->len; i++)
    {
      VigieSavedView *view = g_ptr_array_index (views, i);

      if (view->filters[0] != NULL)
        g_variant_builder_add (&builder, "(ss^as)", profile_id, view->name, view->filters);
    }

  g_settings_set_value (settings, "saved-view-filters", g_variant_builder_end (&builder));
}

/**
 * vigie_saved_views_load:
 * @settings: the app's settings
 * @profile_id: the profile shown
 *
 * Returns: (transfer full) (element-type VigieSavedView): its views, in
 *   the order they were saved
 */
GPtrArray *
vigie_saved_views_load (GSettings  *settings,
                        const char *profile_id)
{
  GPtrArray *views = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_saved_view_free);
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariantIter) layers = NULL;
  GVariantIter iter;
  const char *profile, *name;
  double latitude, longitude, zoom;
  gboolean rotate;

  g_return_val_if_fail (G_IS_SETTINGS (settings), views);

  value = g_settings_get_value (settings, "saved-views");
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&sdddasb)", &profile, &name, &latitude, &longitude, &zoom,
                              &layers, &rotate))
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      const char *id;

      while (g_variant_iter_next (layers, "&s", &id))
        g_ptr_array_add (ids, (gpointer) id);
      g_ptr_array_add (ids, NULL);

      if (g_strcmp0 (profile, profile_id) == 0 && is_valid (name, latitude, longitude, zoom) &&
          vigie_saved_views_find (views, name) == NULL)
        g_ptr_array_add (views, vigie_saved_view_new (name, latitude, longitude, zoom,
                                                      (const char * const *) ids->pdata, rotate));
      g_clear_pointer (&layers, g_variant_iter_free);
    }

  load_filters (settings, profile_id, views);

  return views;
}

/**
 * vigie_saved_views_save:
 * @settings: the app's settings
 * @profile_id: the profile shown
 * @views: (element-type VigieSavedView): all its views
 *
 * Replaces the views of @profile_id, and keeps the other profiles'.
 */
void
vigie_saved_views_save (GSettings  *settings,
                        const char *profile_id,
                        GPtrArray  *views)
{
  GVariantBuilder builder;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (profile_id != NULL);
  g_return_if_fail (views != NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE (VIEWS_TYPE));
  keep_other_profiles (&builder, settings, "saved-views", profile_id);

  for (guint i = 0; i < views->len; i++)
    {
      VigieSavedView *view = g_ptr_array_index (views, i);

      g_variant_builder_add (&builder, "(ssddd^asb)", profile_id, view->name, view->latitude,
                             view->longitude, view->zoom, view->layers, view->rotate);
    }

  /* The filters first: a view read back as soon as "saved-views"
   * changes has its filters already. */
  save_filters (settings, profile_id, views);
  g_settings_set_value (settings, "saved-views", g_variant_builder_end (&builder));
}

/**
 * vigie_saved_views_put:
 * @views: (element-type VigieSavedView): views
 * @view: (transfer full): a view
 *
 * Adds @view, or puts it in the place of the one of the same name.
 */
void
vigie_saved_views_put (GPtrArray      *views,
                       VigieSavedView *view)
{
  g_return_if_fail (views != NULL);
  g_return_if_fail (view != NULL);

  for (guint i = 0; i < views->len; i++)
    {
      VigieSavedView *other = g_ptr_array_index (views, i);

      if (g_str_equal (other->name, view->name))
        {
          vigie_saved_view_free (other);
          g_ptr_array_index (views, i) = view;
          return;
        }
    }

  g_ptr_array_add (views, view);
}

gboolean
vigie_saved_views_remove (GPtrArray  *views,
                          const char *name)
{
  VigieSavedView *view;

  g_return_val_if_fail (views != NULL, FALSE);

  view = vigie_saved_views_find (views, name);
  return view != NULL && g_ptr_array_remove (views, view);
}

VigieSavedView *
vigie_saved_views_find (GPtrArray  *views,
                        const char *name)
{
  g_return_val_if_fail (views != NULL, NULL);

  for (guint i = 0; name != NULL && i < views->len; i++)
    {
      VigieSavedView *view = g_ptr_array_index (views, i);

      if (g_str_equal (view->name, name))
        return view;
    }

  return NULL;
}

/**
 * vigie_saved_views_rotating:
 * @views: (element-type VigieSavedView): views
 *
 * Returns: (transfer full) (element-type VigieSavedView): copies of those
 *   the meeting mode shows in turn
 */
GPtrArray *
vigie_saved_views_rotating (GPtrArray *views)
{
  GPtrArray *rotating = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_saved_view_free);

  g_return_val_if_fail (views != NULL, rotating);

  for (guint i = 0; i < views->len; i++)
    {
      VigieSavedView *view = g_ptr_array_index (views, i);

      if (view->rotate)
        g_ptr_array_add (rotating, vigie_saved_view_copy (view));
    }

  return rotating;
}
