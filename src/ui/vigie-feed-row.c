/* vigie-feed-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-row"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-a11y.h"
#include "vigie-clock.h"
#include "vigie-feed-row.h"
#include "vigie-feed-summary.h"
#include "vigie-history-row.h"

/* One feed in the feed health view: its state as an icon of its own shape,
 * the reason of a failure in words, and the figures behind it. */

struct _VigieFeedRow
{
  AdwExpanderRow    parent_instance;

  VigieFeed        *feed;
  VigieFeedManager *manager;
  const char       *css_class;

  GtkImage         *state_icon;
  GtkButton        *refresh_button;
  char             *refresh_label;
  AdwActionRow     *url_row;
  AdwActionRow     *success_row;
  AdwActionRow     *error_row;
  AdwActionRow     *transfer_row;
  AdwActionRow     *contents_row;
  AdwActionRow     *warnings_row;
};

G_DEFINE_FINAL_TYPE (VigieFeedRow, vigie_feed_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_FEED,
  PROP_MANAGER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Six "Refresh Now" buttons in a row: each says which feed it refreshes. */
static void
update_refresh_label (VigieFeedRow *self)
{
  /* Translators: what a screen reader says of a feed's refresh button,
   * e.g. "Refresh VéloCité now". */
  g_autofree char *label = g_strdup_printf (_("Refresh %s now"), vigie_feed_get_name (self->feed));

  if (g_strcmp0 (label, self->refresh_label) == 0)
    return;

  vigie_a11y_set_label (GTK_WIDGET (self->refresh_button), label);
  g_free (self->refresh_label);
  self->refresh_label = g_steal_pointer (&label);
}

static void
update (VigieFeedRow *self)
{
  g_auto(VigieFeedSummary) summary = { 0 };
  const char * const *warnings = vigie_feed_get_warnings (self->feed);
  g_autofree char *title = NULL;
  g_autofree char *warning_text = NULL;

  vigie_feed_summary_init (&summary, self->feed, vigie_clock_now ());

  /* Translators: a feed's name, then its state: "VéloCité — OK". */
  title = g_strdup_printf (_("%s — %s"), vigie_feed_get_name (self->feed), summary.state);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), summary.subtitle);

  update_refresh_label (self);

  /* This runs at every freshness tick: only what changed is touched, as
   * setting an image's icon, even the same one, or a style class lays out
   * and draws the window again, a frame every few seconds for nothing. */
  if (g_strcmp0 (gtk_image_get_icon_name (self->state_icon), summary.icon_name) != 0)
    {
      gtk_image_set_from_icon_name (self->state_icon, summary.icon_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, summary.state,
                                      -1);
    }
  if (g_strcmp0 (self->css_class, summary.css_class) != 0)
    {
      if (self->css_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), self->css_class);
      self->css_class = summary.css_class;
      if (self->css_class != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), self->css_class);
    }

  adw_action_row_set_subtitle (self->url_row, vigie_feed_get_url (self->feed));
  adw_action_row_set_subtitle (self->success_row, summary.last_success);
  adw_action_row_set_subtitle (self->error_row, summary.last_error);
  adw_action_row_set_subtitle (self->transfer_row, summary.transfer);
  adw_action_row_set_subtitle (self->contents_row, summary.contents);

  if (warnings != NULL && warnings[0] != NULL)
    warning_text = g_strjoinv ("\n", (char **) warnings);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_row), warning_text != NULL);
  adw_action_row_set_subtitle (self->warnings_row, warning_text ? warning_text : "");
}

static void
on_feed_notify_cb (VigieFeedRow *self)
{
  update (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VigieFeedRow *self = VIGIE_FEED_ROW (widget);

  vigie_feed_refresh (self->feed);
}

static void
vigie_feed_row_constructed (GObject *object)
{
  VigieFeedRow *self = (VigieFeedRow *)object;

  G_OBJECT_CLASS (vigie_feed_row_parent_class)->constructed (object);

  /* Its last 24 hours, from the history (vigie-history-row.c). */
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), vigie_history_row_new (self->feed, NULL));

  g_signal_connect_object (self->feed, "notify", G_CALLBACK (on_feed_notify_cb), self, G_CONNECT_SWAPPED);
  if (self->manager != NULL)
    g_signal_connect_object (self->manager, "tick", G_CALLBACK (on_feed_notify_cb), self, G_CONNECT_SWAPPED);
}

static void
vigie_feed_row_dispose (GObject *object)
{
  VigieFeedRow *self = (VigieFeedRow *)object;

  /* The feed outlives its row: stop listening before the widgets go. */
  if (self->feed != NULL)
    g_signal_handlers_disconnect_by_data (self->feed, self);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_FEED_ROW);
  g_clear_object (&self->feed);
  g_clear_object (&self->manager);
  g_clear_pointer (&self->refresh_label, g_free);

  G_OBJECT_CLASS (vigie_feed_row_parent_class)->dispose (object);
}

static void
vigie_feed_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VigieFeedRow *self = VIGIE_FEED_ROW (object);

  switch (prop_id)
    {
    case PROP_FEED:
      g_value_set_object (value, self->feed);
      break;

    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_feed_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VigieFeedRow *self = VIGIE_FEED_ROW (object);

  switch (prop_id)
    {
    case PROP_FEED:
      self->feed = g_value_dup_object (value);
      break;

    case PROP_MANAGER:
      self->manager = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_feed_row_class_init (VigieFeedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vigie_feed_row_constructed;
  object_class->dispose = vigie_feed_row_dispose;
  object_class->get_property = vigie_feed_row_get_property;
  object_class->set_property = vigie_feed_row_set_property;

  properties [PROP_FEED] =
    g_param_spec_object ("feed", NULL, NULL,
                         VIGIE_TYPE_FEED,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL,
                         VIGIE_TYPE_FEED_MANAGER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-feed-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieFeedRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedRow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedRow, url_row);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedRow, success_row);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedRow, error_row);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedRow, transfer_row);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedRow, contents_row);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedRow, warnings_row);

  gtk_widget_class_install_action (widget_class, "feed.refresh", NULL, refresh_action);
}

static void
vigie_feed_row_init (VigieFeedRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vigie_a11y_name_expander_row (ADW_EXPANDER_ROW (self));
}

/**
 * vigie_feed_row_new:
 * @feed: the feed to show
 * @manager: (nullable): its manager, whose ticks keep ages true
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
vigie_feed_row_new (VigieFeed        *feed,
                    VigieFeedManager *manager)
{
  VigieFeedRow *self;

  g_return_val_if_fail (VIGIE_IS_FEED (feed), NULL);

  self = g_object_new (VIGIE_TYPE_FEED_ROW,
                       "feed", feed,
                       "manager", manager,
                       NULL);

  /* Not in constructed(): the use-markup the template sets reaches the
   * inner labels only once construction has dispatched its notifications,
   * and a feed name with an "&" would be read as markup before that. */
  update (self);

  return GTK_WIDGET (self);
}

VigieFeed *
vigie_feed_row_get_feed (VigieFeedRow *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED_ROW (self), NULL);

  return self->feed;
}
