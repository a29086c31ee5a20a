/* vigie-details-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-details-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-clock.h"
#include "vigie-departure-board.h"
#include "vigie-details-popover.h"
#include "vigie-freshness.h"
#include "vigie-history-section.h"
#include "vigie-layer-summary.h"

/* What the map knows of one entity: its name, its state in words, how old
 * it is, a warning when the data must not be relied on, and its source.
 * A map layer points it at its selected entity, and updates it when the
 * store brings a new copy of that entity. */

struct _VigieDetailsPopover
{
  GtkPopover   parent_instance;

  VigieEntity *entity;

  GtkLabel    *title_label;
  GtkBox      *lines_box;
  VigieDepartureBoard *departure_board;
  VigieHistorySection *history_section;
  GtkLabel    *updated_label;
  GtkLabel    *warning_label;
  GtkLabel    *source_label;
};

G_DEFINE_FINAL_TYPE (VigieDetailsPopover, vigie_details_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_ENTITY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* A hidden label keeps no text: nothing stale can be read from it. */
static void
set_optional_text (GtkLabel   *label,
                   const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
show_lines (VigieDetailsPopover  *self,
            char                **lines)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box))) != NULL)
    gtk_box_remove (self->lines_box, child);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (lines[i]);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      if (i == 0)
        gtk_widget_add_css_class (label, "heading");
      gtk_box_append (self->lines_box, label);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->lines_box), lines[0] != NULL);
}

/* Old or frozen data must not pass for live data. */
static char *
make_warning (VigieEntity   *entity,
              VigieFeedKind  kind,
              VigieFeed     *feed)
{
  gint64 now = vigie_clock_now ();
  gint64 fetched_at = feed ? vigie_feed_get_fetched_at (feed) : 0;
  gint64 last_success = feed ? vigie_feed_get_last_success (feed) : 0;
  gint64 changed_at = vigie_entity_get_value_changed_at (entity);
  gint64 ageing_s, stale_s;

  vigie_freshness_get_default_thresholds (kind, &ageing_s, &stale_s);

  /* Timetable data (stops) does not get old because its file is. */
  if (vigie_layer_summary_classify_entity (kind, entity, now, 0, fetched_at) == VIGIE_FRESHNESS_STALE)
    return g_strdup (_("These data are old: do not rely on them"));

  if (changed_at > 0 &&
      vigie_freshness_is_frozen (now, changed_at, last_success,
                                 VIGIE_FRESHNESS_DEFAULT_FROZEN_AFTER_S, stale_s))
    {
      g_autofree char *age = vigie_freshness_format_age (now - changed_at);

      /* Translators: %s is an age such as "3 h 10 min ago". */
      return g_strdup_printf (_("Frozen: last changed %s, while its feed keeps updating"), age);
    }

  return NULL;
}

static void
vigie_details_popover_dispose (GObject *object)
{
  VigieDetailsPopover *self = VIGIE_DETAILS_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_DETAILS_POPOVER);
  g_clear_object (&self->entity);

  G_OBJECT_CLASS (vigie_details_popover_parent_class)->dispose (object);
}

static void
vigie_details_popover_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VigieDetailsPopover *self = VIGIE_DETAILS_POPOVER (object);

  switch (prop_id)
    {
    case PROP_ENTITY:
      g_value_set_object (value, self->entity);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_details_popover_class_init (VigieDetailsPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_details_popover_dispose;
  object_class->get_property = vigie_details_popover_get_property;

  properties [PROP_ENTITY] =
    g_param_spec_object ("entity", NULL, NULL,
                         VIGIE_TYPE_ENTITY,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VIGIE_TYPE_DEPARTURE_BOARD);
  g_type_ensure (VIGIE_TYPE_HISTORY_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/map/vigie-details-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieDetailsPopover, title_label);
  gtk_widget_class_bind_template_child (widget_class, VigieDetailsPopover, lines_box);
  gtk_widget_class_bind_template_child (widget_class, VigieDetailsPopover, departure_board);
  gtk_widget_class_bind_template_child (widget_class, VigieDetailsPopover, history_section);
  gtk_widget_class_bind_template_child (widget_class, VigieDetailsPopover, updated_label);
  gtk_widget_class_bind_template_child (widget_class, VigieDetailsPopover, warning_label);
  gtk_widget_class_bind_template_child (widget_class, VigieDetailsPopover, source_label);
}

static void
vigie_details_popover_init (VigieDetailsPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vigie_details_popover_new (void)
{
  return g_object_new (VIGIE_TYPE_DETAILS_POPOVER, NULL);
}

/**
 * vigie_details_popover_get_history_section:
 * @self: a #VigieDetailsPopover
 *
 * Returns: (transfer none): its last 24 hours, to point at a history
 */
VigieHistorySection *
vigie_details_popover_get_history_section (VigieDetailsPopover *self)
{
  g_return_val_if_fail (VIGIE_IS_DETAILS_POPOVER (self), NULL);

  return self->history_section;
}

/**
 * vigie_details_popover_get_entity:
 * @self: a #VigieDetailsPopover
 *
 * Returns: (transfer none) (nullable): the entity shown
 */
VigieEntity *
vigie_details_popover_get_entity (VigieDetailsPopover *self)
{
  g_return_val_if_fail (VIGIE_IS_DETAILS_POPOVER (self), NULL);

  return self->entity;
}

/**
 * vigie_details_popover_update:
 * @self: a #VigieDetailsPopover
 * @entity: the entity to show
 * @kind: what the entities of its feed are, for their words
 * @thresholds: the thresholds its layer styles with
 * @feed: (nullable): its feed, to tell old or frozen data
 * @source: (nullable): the name of its source
 *
 * Shows @entity's details, or shows them again with new values.
 */
void
vigie_details_popover_update (VigieDetailsPopover        *self,
                              VigieEntity                *entity,
                              VigieFeedKind               kind,
                              const VigieStyleThresholds *thresholds,
                              VigieFeed                  *feed,
                              const char                 *source)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *source_text = NULL;
  const char *name;
  gint64 observed_at;

  g_return_if_fail (VIGIE_IS_DETAILS_POPOVER (self));
  g_return_if_fail (VIGIE_IS_ENTITY (entity));
  g_return_if_fail (thresholds != NULL);
  g_return_if_fail (feed == NULL || VIGIE_IS_FEED (feed));

  name = vigie_entity_get_name (entity);
  gtk_label_set_text (self->title_label, name != NULL && name[0] != '\0' ? name : vigie_entity_get_id (entity));

  /* A stop's board shows its arrivals: not twice. */
  if (vigie_departure_board_show (self->departure_board, feed, entity))
    {
      g_autoptr(VigieEntity) rest = vigie_departure_board_leave_out (entity);

      lines = vigie_style_describe (kind, rest, thresholds);
    }
  else
    lines = vigie_style_describe (kind, entity, thresholds);
  show_lines (self, lines);
  vigie_history_section_show_entity (self->history_section, feed, entity);

  observed_at = vigie_entity_get_observed_at (entity);
  if (observed_at > 0)
    {
      g_autofree char *age = vigie_freshness_format_age (vigie_clock_now () - observed_at);

      /* Translators: how old the data shown is, e.g. "Updated 2 min ago". */
      updated = g_strdup_printf (_("Updated %s"), age);
    }
  set_optional_text (self->updated_label, updated);

  warning = make_warning (entity, kind, feed);
  set_optional_text (self->warning_label, warning);

  if (source != NULL)
    {
      /* Translators: the feed a thing on the map came from. */
      source_text = g_strdup_printf (_("Source: %s"), source);
    }
  set_optional_text (self->source_label, source_text);

  if (g_set_object (&self->entity, entity))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENTITY]);
}
