/* vigie-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-context"

#include "config.h"

#include "vigie-context.h"

/* The one object that owns the application's long-lived state: settings,
 * the feed manager and the entity stores. Views receive it as a
 * construct-only property instead of reaching for globals, so tests can
 * build as many independent contexts as they like. */

struct _VigieContext
{
  GObject           parent_instance;

  GSettings        *settings;
  VigieFeedManager *feed_manager;
  gboolean          demo;
};

G_DEFINE_FINAL_TYPE (VigieContext, vigie_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_FEED_MANAGER,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
vigie_context_constructed (GObject *object)
{
  VigieContext *self = (VigieContext *)object;

  G_OBJECT_CLASS (vigie_context_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (SCHEMA_ID);

  self->feed_manager = vigie_feed_manager_new ();
}

static void
vigie_context_dispose (GObject *object)
{
  VigieContext *self = (VigieContext *)object;

  vigie_context_shutdown (self);

  g_clear_object (&self->feed_manager);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vigie_context_parent_class)->dispose (object);
}

static void
vigie_context_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VigieContext *self = VIGIE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_FEED_MANAGER:
      g_value_set_object (value, self->feed_manager);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_context_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VigieContext *self = VIGIE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_DEMO:
      self->demo = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_context_class_init (VigieContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = vigie_context_constructed;
  object_class->dispose = vigie_context_dispose;
  object_class->get_property = vigie_context_get_property;
  object_class->set_property = vigie_context_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_FEED_MANAGER] =
    g_param_spec_object ("feed-manager", NULL, NULL,
                         VIGIE_TYPE_FEED_MANAGER,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_context_init (VigieContext *self)
{
}

/**
 * vigie_context_new:
 * @settings: (nullable): the settings to use, or %NULL for the
 *   application's schema
 * @demo: whether the context runs the built-in demo city
 *
 * Returns: (transfer full): a new #VigieContext
 */
VigieContext *
vigie_context_new (GSettings *settings,
                   gboolean   demo)
{
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (VIGIE_TYPE_CONTEXT,
                       "settings", settings,
                       "demo", demo,
                       NULL);
}

GSettings *
vigie_context_get_settings (VigieContext *self)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), NULL);

  return self->settings;
}

VigieFeedManager *
vigie_context_get_feed_manager (VigieContext *self)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), NULL);

  return self->feed_manager;
}

gboolean
vigie_context_get_demo (VigieContext *self)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), FALSE);

  return self->demo;
}

/**
 * vigie_context_shutdown:
 * @self: a #VigieContext
 *
 * Stops every feed and cancels every request in flight. Safe to call more
 * than once; the application calls it when it shuts down.
 */
void
vigie_context_shutdown (VigieContext *self)
{
  g_return_if_fail (VIGIE_IS_CONTEXT (self));

  if (self->feed_manager != NULL)
    vigie_feed_manager_stop (self->feed_manager);
}
