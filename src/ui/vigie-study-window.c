/* vigie-study-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-study-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-a11y.h"
#include "vigie-clock.h"
#include "vigie-enums.h"
#include "vigie-feed.h"
#include "vigie-heat-map.h"
#include "vigie-number.h"
#include "vigie-store.h"
#include "vigie-study-map.h"
#include "vigie-study-report.h"
#include "vigie-study-window.h"

/* The city's studies, from the history: where to place parking meters
 * (each zone's occupancy by hour of the week, the zones ranked by hours
 * saturated or under-used) and how the public Wi-Fi is used (each site's
 * clients by hour of the week, its peak, the sites near capacity). The
 * history is read and ranked in a worker (history/vigie-history-study.c);
 * here the sentences, the heat maps and a map with the figure on each
 * place, and the exports. */

/* On the map, a place is "high" from this many hours a week. */
#define HIGH_HOURS 20

struct _VigieStudyWindow
{
  AdwWindow         parent_instance;

  VigieContext     *context;
  VigieStudyKind    kind;
  GCancellable     *cancellable;
  VigieStudyResult *result;
  GArray           *map_items;     /* VigieStudyMapItem */
  GStrv             feed_names;
  gboolean          loading;

  /* Template widgets */
  AdwWindowTitle   *window_title;
  GtkToggleButton  *week_button;
  GtkToggleButton  *month_button;
  GtkWidget        *measure_box;
  GtkToggleButton  *saturated_button;
  GtkToggleButton  *underused_button;
  GtkButton        *csv_button;
  GtkButton        *report_button;
  GtkLabel         *status_label;
  VigieStudyMap    *study_map;
  GtkLabel         *legend_label;
  GtkListBox       *list_box;
};

G_DEFINE_FINAL_TYPE (VigieStudyWindow, vigie_study_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void load (VigieStudyWindow *self);

static gboolean
by_underused (VigieStudyWindow *self)
{
  return self->kind == VIGIE_STUDY_PARKING && gtk_toggle_button_get_active (self->underused_button);
}

static const char *
study_title (VigieStudyKind kind)
{
  return kind == VIGIE_STUDY_WIFI ? _("Public Wi-Fi Use") : _("Parking-Meter Placement");
}

static const char *
period_text (guint n_weeks)
{
  return n_weeks > 1 ? _("Last 4 weeks") : _("Last 7 days");
}

static void
set_loading (VigieStudyWindow *self,
             gboolean          loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The ranked uses of the measure chosen. */
static GArray *
ranked (VigieStudyWindow *self)
{
  return by_underused (self) ? self->result->underused : self->result->ranked;
}

static const VigieWeekPlace *
ranked_place (VigieStudyWindow *self,
              guint             i)
{
  GArray *uses = ranked (self);

  if (self->kind == VIGIE_STUDY_WIFI)
    return g_array_index (uses, VigieSiteUse, i).place;
  return g_array_index (uses, VigieZoneUse, i).place;
}

static char *
ranked_sentence (VigieStudyWindow *self,
                 guint             i)
{
  GArray *uses = ranked (self);

  if (self->kind == VIGIE_STUDY_WIFI)
    return vigie_wifi_study_sentence (self->result->study, &g_array_index (uses, VigieSiteUse, i));
  return vigie_parking_study_sentence (&g_array_index (uses, VigieZoneUse, i), by_underused (self));
}

static char *
map_legend (VigieStudyWindow *self)
{
  if (self->kind == VIGIE_STUDY_WIFI)
    return g_strdup_printf (_("On each site, its peak of connected devices. Hatched: near capacity %d h a week or more; "
                              "plain: some hours; hollow: never near capacity."), HIGH_HOURS / 2);
  if (by_underused (self))
    return g_strdup_printf (_("On each zone, its hours a week under-used (30 %% or less). Hatched: %d h or more; "
                              "plain: 1 to %d h; dashed or hollow: never."), HIGH_HOURS, HIGH_HOURS - 1);
  return g_strdup_printf (_("On each zone, its hours a week saturated (85 %% or more). Hatched: %d h or more; "
                            "plain: 1 to %d h; dashed or hollow: never."), HIGH_HOURS, HIGH_HOURS - 1);
}

static void
update_map (VigieStudyWindow *self)
{
  GArray *uses = ranked (self);
  g_autofree char *legend = map_legend (self);

  g_clear_pointer (&self->map_items, g_array_unref);
  self->map_items = vigie_study_map_items_new ();
  for (guint i = 0; i < uses->len; i++)
    {
      const VigieWeekPlace *place = ranked_place (self, i);
      VigieStudyMapItem item = { NULL, };
      guint hours;

      item.subject = g_hash_table_lookup (self->result->subjects, place->id);
      if (item.subject == NULL)
        continue;
      if (self->kind == VIGIE_STUDY_WIFI)
        {
          g_autofree char *peak = vigie_format_count ((gint64) round (place->peak));
          const VigieSiteUse *use = &g_array_index (uses, VigieSiteUse, i);

          hours = use->hours_near_capacity;
          item.label = g_steal_pointer (&peak);
          item.band = hours >= HIGH_HOURS / 2 ? 2 : hours > 0 ? 1 : 0;
        }
      else
        {
          const VigieZoneUse *use = &g_array_index (uses, VigieZoneUse, i);
          g_autofree char *count = NULL;

          hours = by_underused (self) ? use->hours_underused : use->hours_saturated;
          count = vigie_format_count (hours);
          /* Translators: hours a week, written on a zone of the map */
          item.label = g_strdup_printf (_("%s h"), count);
          item.band = hours >= HIGH_HOURS ? 2 : hours > 0 ? 1 : 0;
        }
      g_array_append_val (self->map_items, item);
    }

  vigie_study_map_set_items (self->study_map, self->map_items);
  gtk_label_set_text (self->legend_label, legend);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->study_map), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, legend, -1);
}

static GtkWidget *
create_row (VigieStudyWindow *self,
            guint             i)
{
  const VigieWeekPlace *place = ranked_place (self, i);
  g_autofree char *sentence = ranked_sentence (self, i);
  g_autofree char *name = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (sentence);
  GtkWidget *heat_map = vigie_heat_map_new ();
  GtkWidget *row = gtk_list_box_row_new ();
  VigieHeatMapData data;

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_box_append (GTK_BOX (box), label);

  vigie_heat_map_data_from_place (&data, place, self->kind == VIGIE_STUDY_WIFI);
  vigie_heat_map_set_data (VIGIE_HEAT_MAP (heat_map), &data);
  name = g_strdup_printf (self->kind == VIGIE_STUDY_WIFI
                          /* Translators: a heat map's name; %s is a place */
                          ? _("Connected devices by hour of the week: %s")
                          : _("Occupancy by hour of the week: %s"),
                          place->name != NULL ? place->name : place->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (heat_map), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (GTK_BOX (box), heat_map);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);

  return row;
}

/* The measure chosen: the zones ranked again, no reading. */
static void
show_result (VigieStudyWindow *self)
{
  GtkWidget *child;
  GArray *uses;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  if (self->result == NULL)
    return;

  uses = ranked (self);
  for (guint i = 0; i < uses->len; i++)
    gtk_list_box_append (self->list_box, create_row (self, i));
  update_map (self);

  if (uses->len == 0)
    gtk_label_set_text (self->status_label,
                        _("Nothing recorded for this period yet: the study needs the history of the feeds."));
  else
    {
      g_autofree char *n = vigie_format_count (uses->len);
      g_autofree char *text = NULL;

      text = g_strdup_printf (self->kind == VIGIE_STUDY_WIFI
                              ? g_dngettext (GETTEXT_PACKAGE, "%s site, from the history, by hour of the week.",
                                             "%s sites, from the history, by hour of the week.", uses->len)
                              : g_dngettext (GETTEXT_PACKAGE, "%s zone or car park, from the history, by hour of the week.",
                                             "%s zones and car parks, from the history, by hour of the week.", uses->len),
                              n);
      gtk_label_set_text (self->status_label, text);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->csv_button), uses->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->report_button), uses->len > 0);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VigieStudyWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  VigieStudyResult *study;

  study = vigie_study_load_finish (VIGIE_HISTORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_pointer (&self->result, vigie_study_result_free);
  self->result = study;
  if (study == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The history could not be read: %s"), error->message);

      gtk_label_set_text (self->status_label, text);
    }
  show_result (self);
  set_loading (self, FALSE);
}

/* The places of the study's feeds as they are now: names, capacities and
 * shapes are not in the history. A copy, for the worker. */
static GPtrArray *
collect_subjects (VigieStudyWindow *self,
                  GStrv            *feed_ids)
{
  GPtrArray *subjects = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_study_subject_free);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  GListModel *feeds = G_LIST_MODEL (vigie_context_get_feed_manager (self->context));
  VigieFeedKind wanted = self->kind == VIGIE_STUDY_WIFI ? VIGIE_FEED_KIND_WIFI : VIGIE_FEED_KIND_PARKING;

  for (guint f = 0; f < g_list_model_get_n_items (feeds); f++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (feeds, f);
      GListModel *store;

      if (vigie_feed_get_kind (feed) != wanted)
        continue;
      g_strv_builder_add (ids, vigie_feed_get_id (feed));
      g_strv_builder_add (names, vigie_feed_get_name (feed));
      store = G_LIST_MODEL (vigie_feed_get_store (feed));
      for (guint i = 0; i < g_list_model_get_n_items (store); i++)
        {
          g_autoptr(VigieEntity) entity = g_list_model_get_item (store, i);
          VigieEntityKind kind = vigie_entity_get_kind (entity);

          if (kind == VIGIE_ENTITY_ZONE || kind == VIGIE_ENTITY_CAR_PARK || kind == VIGIE_ENTITY_HOTSPOT)
            g_ptr_array_add (subjects, vigie_study_subject_new (vigie_feed_get_id (feed), entity));
        }
    }

  *feed_ids = g_strv_builder_end (ids);
  g_clear_pointer (&self->feed_names, g_strfreev);
  self->feed_names = g_strv_builder_end (names);
  return subjects;
}

static void
load (VigieStudyWindow *self)
{
  VigieHistory *history = vigie_context_get_history (self->context);
  g_autoptr(GPtrArray) subjects = NULL;
  g_auto(GStrv) feed_ids = NULL;
  guint n_weeks = gtk_toggle_button_get_active (self->month_button) ? 4 : 1;
  gint64 now = vigie_clock_now ();

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  adw_window_title_set_subtitle (self->window_title, period_text (n_weeks));
  if (history == NULL)
    {
      gtk_label_set_text (self->status_label, _("The history is off: the studies need it."));
      return;
    }

  self->cancellable = g_cancellable_new ();
  subjects = collect_subjects (self, &feed_ids);
  gtk_label_set_text (self->status_label, _("Reading the history…"));
  set_loading (self, TRUE);
  vigie_study_load_async (history, self->kind, (const char * const *) feed_ids, subjects,
                          now - (gint64) n_weeks * 7 * 86400, now, self->cancellable,
                          on_loaded_cb, g_object_ref (self));
}

/*
 * Exports
 */

static void
show_error (VigieStudyWindow *self,
            const char       *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The File Could Not Be Saved"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VigieStudyWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    show_error (self, error->message);
}

static void
on_csv_response_cb (GtkNativeDialog  *dialog,
                    int               response,
                    VigieStudyWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->result != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      char *csv = vigie_study_result_to_csv (self->result);
      g_autoptr(GBytes) bytes = g_bytes_new_take (csv, strlen (csv));

      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           NULL, on_written_cb, g_object_ref (self));
    }

  g_object_unref (dialog);
}

static void
on_report_response_cb (GtkNativeDialog  *dialog,
                       int               response,
                       VigieStudyWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->result != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      bytes = vigie_study_window_render_report (self, g_str_has_suffix (name, ".png") ? VIGIE_REPORT_PNG
                                                                                      : VIGIE_REPORT_PDF, &error);
      if (bytes == NULL)
        show_error (self, error->message);
      else
        g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                             NULL, on_written_cb, g_object_ref (self));
    }

  g_object_unref (dialog);
}

static void
save_with (VigieStudyWindow *self,
           const char       *title,
           const char       *name,
           GCallback         response_cb,
           gboolean          report)
{
  GtkFileChooserNative *dialog;

  /* Through the portal inside the Flatpak. */
  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  if (report)
    {
      g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();

      gtk_file_filter_set_name (pdf, _("PDF document"));
      gtk_file_filter_add_suffix (pdf, "pdf");
      gtk_file_filter_set_name (png, _("PNG image"));
      gtk_file_filter_add_suffix (png, "png");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pdf);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), png);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", response_cb, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/*
 * Callbacks
 */

/* A group of two: the button turned on says it. */
static void
on_period_changed_cb (VigieStudyWindow *self,
                      GtkToggleButton  *button)
{
  if (gtk_toggle_button_get_active (button) && self->context != NULL)
    load (self);
}

static void
on_measure_changed_cb (VigieStudyWindow *self,
                       GtkToggleButton  *button)
{
  if (gtk_toggle_button_get_active (button) && !self->loading)
    show_result (self);
}

static void
on_csv_clicked_cb (VigieStudyWindow *self)
{
  save_with (self, _("Export the Study as CSV"),
             /* Translators: file names */
             self->kind == VIGIE_STUDY_WIFI ? _("wifi-study.csv") : _("parking-meter-study.csv"),
             G_CALLBACK (on_csv_response_cb), FALSE);
}

static void
on_report_clicked_cb (VigieStudyWindow *self)
{
  save_with (self, _("Export a Report"),
             self->kind == VIGIE_STUDY_WIFI ? _("wifi-study.pdf") : _("parking-meter-study.pdf"),
             G_CALLBACK (on_report_response_cb), TRUE);
}

/*
 * Overrides
 */

static void
vigie_study_window_dispose (GObject *object)
{
  VigieStudyWindow *self = (VigieStudyWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_STUDY_WINDOW);
  g_clear_pointer (&self->map_items, g_array_unref);
  g_clear_pointer (&self->result, vigie_study_result_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (vigie_study_window_parent_class)->dispose (object);
}

static void
vigie_study_window_finalize (GObject *object)
{
  VigieStudyWindow *self = (VigieStudyWindow *)object;

  g_strfreev (self->feed_names);

  G_OBJECT_CLASS (vigie_study_window_parent_class)->finalize (object);
}

static void
vigie_study_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VigieStudyWindow *self = VIGIE_STUDY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_study_window_class_init (VigieStudyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_study_window_dispose;
  object_class->finalize = vigie_study_window_finalize;
  object_class->get_property = vigie_study_window_get_property;

  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VIGIE_TYPE_STUDY_MAP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-study-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieStudyWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, VigieStudyWindow, week_button);
  gtk_widget_class_bind_template_child (widget_class, VigieStudyWindow, month_button);
  gtk_widget_class_bind_template_child (widget_class, VigieStudyWindow, measure_box);
  gtk_widget_class_bind_template_child (widget_class, VigieStudyWindow, saturated_button);
  gtk_widget_class_bind_template_child (widget_class, VigieStudyWindow, underused_button);
  gtk_widget_class_bind_template_child (widget_class, VigieStudyWindow, csv_button);
  gtk_widget_class_bind_template_child (widget_class, VigieStudyWindow, report_button);
  gtk_widget_class_bind_template_child (widget_class, VigieStudyWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, VigieStudyWindow, study_map);
  gtk_widget_class_bind_template_child (widget_class, VigieStudyWindow, legend_label);
  gtk_widget_class_bind_template_child (widget_class, VigieStudyWindow, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_measure_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_csv_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_report_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vigie_study_window_init (VigieStudyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

/**
 * vigie_study_window_new:
 * @parent: (nullable): the window it belongs to
 * @context: the app's context: its feeds and history
 * @kind: which study
 *
 * Returns: (transfer full): the window, reading the last 7 days
 */
GtkWidget *
vigie_study_window_new (GtkWindow      *parent,
                        VigieContext   *context,
                        VigieStudyKind  kind)
{
  VigieStudyWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VIGIE_IS_CONTEXT (context), NULL);

  self = g_object_new (VIGIE_TYPE_STUDY_WINDOW, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->kind = kind;
  gtk_window_set_title (GTK_WINDOW (self), study_title (kind));
  adw_window_title_set_title (self->window_title, study_title (kind));
  gtk_widget_set_visible (self->measure_box, kind == VIGIE_STUDY_PARKING);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->study_map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == VIGIE_STUDY_WIFI ? _("Map of the Wi-Fi sites") : _("Map of the parking zones"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == VIGIE_STUDY_WIFI ? _("Sites ranked") : _("Zones ranked"), -1);
  /* The buttons' mnemonics out of their names. */
  vigie_a11y_name_widgets (GTK_WIDGET (self));
  load (self);

  return GTK_WIDGET (self);
}

gboolean
vigie_study_window_get_loading (VigieStudyWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_STUDY_WINDOW (self), FALSE);

  return self->loading;
}

/**
 * vigie_study_window_get_result:
 *
 * Returns: (transfer none) (nullable): the study shown
 */
VigieStudyResult *
vigie_study_window_get_result (VigieStudyWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_STUDY_WINDOW (self), NULL);

  return self->result;
}

/**
 * vigie_study_window_dup_sentences:
 *
 * Returns: (transfer full) (element-type utf8): the sentences shown, in
 *   their order
 */
GPtrArray *
vigie_study_window_dup_sentences (VigieStudyWindow *self)
{
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (VIGIE_IS_STUDY_WINDOW (self), sentences);

  if (self->result != NULL)
    for (guint i = 0; i < ranked (self)->len; i++)
      g_ptr_array_add (sentences, ranked_sentence (self, i));

  return sentences;
}

/**
 * vigie_study_window_set_weeks:
 * @n_weeks: 1 for the last 7 days, 4 for the last 4 weeks
 *
 * Chooses the period, and reads it again.
 */
void
vigie_study_window_set_weeks (VigieStudyWindow *self,
                              guint             n_weeks)
{
  g_return_if_fail (VIGIE_IS_STUDY_WINDOW (self));

  gtk_toggle_button_set_active (n_weeks > 1 ? self->month_button : self->week_button, TRUE);
}

/**
 * vigie_study_window_render_report:
 * @format: PDF or PNG
 *
 * Returns: (transfer full) (nullable): the study on one page
 */
GBytes *
vigie_study_window_render_report (VigieStudyWindow   *self,
                                  VigieReportFormat   format,
                                  GError            **error)
{
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GPtrArray) places = g_ptr_array_new ();
  g_autoptr(GDateTime) now = vigie_clock_new_now_local ();
  g_autofree char *legend = NULL;
  VigieProfile *profile = vigie_context_get_profile (self->context);
  VigieStudyReportInput input = { NULL, };

  g_return_val_if_fail (VIGIE_IS_STUDY_WINDOW (self), NULL);

  if (self->result == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The study is not read yet"));
      return NULL;
    }

  sentences = vigie_study_window_dup_sentences (self);
  for (guint i = 0; i < ranked (self)->len; i++)
    g_ptr_array_add (places, (gpointer) ranked_place (self, i));
  legend = map_legend (self);

  input.result = self->result;
  input.title = study_title (self->kind);
  input.period = period_text (self->result->n_weeks);
  input.legend = legend;
  input.sentences = sentences;
  input.places = places;
  input.map_items = self->map_items;
  input.city = profile != NULL ? vigie_profile_get_name (profile) : NULL;
  input.simulated = profile != NULL && vigie_profile_get_simulated (profile);
  input.feeds = (const char * const *) self->feed_names;
  input.time = now;
  input.font = (PangoFontDescription *) pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));

  return vigie_study_report_render (&input, format, error);
}
