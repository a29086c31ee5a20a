/* vigie-window-map.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-map-layer.h"
#include "vigie-map-view.h"
#include "vigie-store.h"
#include "vigie-thread.h"
#include "vigie-toast.h"
#include "vigie-tooltip.h"
#include "vigie-window-private.h"

/*
 * Fitting the view to the data
 */

/* Open on the profile's data rather than on a fixed zoom around the
 * centre (at 1080p the city filled a quarter of the map): until the
 * operator moves the map or a view was saved, each layer's first data
 * brings the view to the extent of everything shown. */

#define FIT_PADDING_PX 32
#define FIT_MAX_ZOOM   17.0

/* Brings the view to the extent of everything shown. The extent of a
 * hundred thousand entities is worked out in a worker, from the stores'
 * own arrays; with nothing to fit to, @home_if_empty brings the city
 * centre. */
typedef struct
{
  GPtrArray *arrays;          /* GPtrArray of VigieEntity, one per layer */
  int        width, height;
  double     max_zoom;
  gboolean   home_if_empty;
  gboolean   automatic;       /* not asked for: the operator's own view wins */
  gboolean   found;           /* out */
  VigieMapView view;          /* out */
} FitJob;

static void
fit_job_free (gpointer data)
{
  FitJob *job = data;

  g_clear_pointer (&job->arrays, g_ptr_array_unref);
  g_free (job);
}

static void
fit_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  FitJob *job = task_data;
  g_autoptr(GArray) latitudes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) longitudes = g_array_new (FALSE, FALSE, sizeof (double));
  VigieMapBounds bounds;

  vigie_thread_make_background ();

  for (guint i = 0; i < job->arrays->len; i++)
    {
      GPtrArray *entities = g_ptr_array_index (job->arrays, i);

      for (guint j = 0; j < entities->len; j++)
        {
          double latitude = vigie_entity_get_latitude (g_ptr_array_index (entities, j));
          double longitude = vigie_entity_get_longitude (g_ptr_array_index (entities, j));

          g_array_append_val (latitudes, latitude);
          g_array_append_val (longitudes, longitude);
        }
    }

  vigie_map_bounds_trimmed (&bounds, (double *) latitudes->data, (double *) longitudes->data,
                            latitudes->len, 0.9);
  job->found = !vigie_map_bounds_is_empty (&bounds);
  if (job->found)
    job->view = vigie_map_view_fit_bounds (&bounds, job->width, job->height, FIT_PADDING_PX, 256, job->max_zoom);

  g_task_return_boolean (task, TRUE);
}

static void
on_fitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VigieWindow *self = VIGIE_WINDOW (object);
  FitJob *job = g_task_get_task_data (G_TASK (result));
  ShumateMap *map;
  ShumateViewport *viewport;

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || (job->automatic && self->view_chosen))
    return;

  map = shumate_simple_map_get_map (self->simple_map);
  viewport = shumate_map_get_viewport (map);
  self->fitting = TRUE;
  if (job->found)
    {
      g_debug ("Fitting the map to the data: %.4f, %.4f, zoom %.0f", job->view.latitude, job->view.longitude, job->view.zoom);
      shumate_viewport_set_zoom_level (viewport, job->view.zoom);
      shumate_map_center_on (map, job->view.latitude, job->view.longitude);
    }
  else if (job->home_if_empty)
    {
      shumate_viewport_set_zoom_level (viewport, HOME_ZOOM);
      shumate_map_center_on (map, HOME_LATITUDE, HOME_LONGITUDE);
    }
  self->fitting = FALSE;
}

void
vigie_window_fit_to_data (VigieWindow *self,
                          int          width,
                          int          height,
                          gboolean     automatic)
{
  ShumateViewport *viewport = shumate_map_get_viewport (shumate_simple_map_get_map (self->simple_map));
  GListModel *layers = G_LIST_MODEL (self->layer_manager);
  g_autoptr(GTask) task = NULL;
  FitJob *job = g_new0 (FitJob, 1);

  job->arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  job->width = width;
  job->height = height;
  job->max_zoom = MIN (FIT_MAX_ZOOM, shumate_viewport_get_max_zoom_level (viewport));
  job->automatic = automatic;
  job->home_if_empty = !automatic;

  /* The stores' arrays are never changed once shown: a reference each. */
  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (layers, i);
      GListModel *entities = vigie_map_layer_get_model (layer);

      /* The city, not the regional trains that run far beyond it and
       * are drawn at low emphasis. */
      if (vigie_map_layer_get_kind (layer) == VIGIE_FEED_KIND_TRAINS)
        continue;
      if (entities != NULL && VIGIE_IS_STORE (entities))
        g_ptr_array_add (job->arrays, vigie_store_dup_entities (VIGIE_STORE (entities)));
    }

  g_cancellable_cancel (self->fit_cancellable);
  g_clear_object (&self->fit_cancellable);
  self->fit_cancellable = g_cancellable_new ();

  task = g_task_new (self, self->fit_cancellable, on_fitted_cb, NULL);
  g_task_set_source_tag (task, vigie_window_fit_to_data);
  g_task_set_task_data (task, job, fit_job_free);
  g_task_run_in_thread (task, fit_thread);
}

/*
 * Base map
 */

static const char * const base_map_ids[] = { "online", "offline", "mbtiles" };

void
vigie_window_update_base_map_row (VigieWindow *self)
{
  GSettings *settings = vigie_context_get_settings (self->context);
  g_autofree char *base_map = g_settings_get_string (settings, "base-map");
  g_autofree char *path = g_settings_get_string (settings, "mbtiles-path");

  for (guint i = 0; i < G_N_ELEMENTS (base_map_ids); i++)
    if (g_str_equal (base_map, base_map_ids[i]) && adw_combo_row_get_selected (self->base_map_row) != i)
      adw_combo_row_set_selected (self->base_map_row, i);

  gtk_widget_set_visible (GTK_WIDGET (self->mbtiles_row), g_str_equal (base_map, "mbtiles"));
  adw_action_row_set_subtitle (self->mbtiles_row, *path ? path : _("No file chosen"));
}

void
vigie_window_on_base_map_selected_cb (VigieWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->base_map_row);

  if (selected < G_N_ELEMENTS (base_map_ids))
    g_settings_set_string (vigie_context_get_settings (self->context), "base-map", base_map_ids[selected]);
}

static void
on_mbtiles_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        VigieWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_settings_set_string (vigie_context_get_settings (self->context), "mbtiles-path", path);
    }

  g_object_unref (dialog);
}

void
vigie_window_choose_mbtiles_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  gtk_file_filter_set_name (filter, _("MBTiles map files"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");

  dialog = gtk_file_chooser_native_new (_("Choose a Map File"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_mbtiles_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* A small lasting mark in a corner of the map rather than a toast: a
 * toast that never goes covers the scale bar, one that goes forgets to
 * say the map is not the live one. Its tooltip says why; a click retries. */
static void
on_fallback_reason_cb (VigieWindow *self)
{
  const char *reason = vigie_base_map_get_fallback_reason (self->base_map);

  gtk_widget_set_visible (self->offline_chip, reason != NULL);
  if (reason != NULL)
    {
      g_autofree char *tooltip = g_strdup_printf ("%s\n%s", reason, _("Click to try the online map again."));

      vigie_tooltip_set_text (self->offline_chip, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->offline_chip),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason, -1);
    }
}

void
vigie_window_retry_base_map_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  vigie_base_map_retry (VIGIE_WINDOW (widget)->base_map);
}

/* libshumate 1.0's zoom buttons carry "Zoom In" and "Zoom Out" as
 * untranslatable tooltips: a French control room read English, and a
 * screen reader heard it. Found by their icons, they get our words. */
static void
name_zoom_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *image = GTK_IS_BUTTON (child) ? gtk_button_get_child (GTK_BUTTON (child)) : NULL;
      const char *icon = GTK_IS_IMAGE (image) ? gtk_image_get_icon_name (GTK_IMAGE (image)) : NULL;
      const char *name = NULL;

      if (g_strcmp0 (icon, "zoom-in-symbolic") == 0)
        name = _("Zoom In");
      else if (g_strcmp0 (icon, "zoom-out-symbolic") == 0)
        name = _("Zoom Out");

      if (name != NULL)
        {
          gtk_widget_set_tooltip_text (child, name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        }
      else
        name_zoom_buttons (child);
    }
}

/* The base map (online tiles, the built-in offline street map or an
 * MBTiles file) follows the settings, and falls back to the offline map
 * when the tile server fails: VigieBaseMap decides, the map shows it. */
void
vigie_window_setup_map (VigieWindow *self)
{
  self->base_map = vigie_base_map_new (vigie_context_get_settings (self->context));
  vigie_base_map_set_map (self->base_map, shumate_simple_map_get_map (self->simple_map));
  /* libshumate's default zoom animation lasts 250 ms per level of the
   * target (3.75 s to zoom 15), and the new level's tiles are only asked
   * for at its end: the symbols moved, the base map stayed behind. */
  shumate_map_set_go_to_duration (shumate_simple_map_get_map (self->simple_map), ZOOM_ANIMATION_MS);
  g_object_bind_property (self->base_map, "map-source", self->simple_map, "map-source", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->base_map, "notify::fallback-reason",
                           G_CALLBACK (on_fallback_reason_cb), self, G_CONNECT_SWAPPED);
  on_fallback_reason_cb (self);

  /* Miles beside kilometres only confuse a French control room. */
  shumate_scale_set_unit (shumate_simple_map_get_scale (self->simple_map), SHUMATE_UNIT_METRIC);
  name_zoom_buttons (GTK_WIDGET (self->simple_map));
}

