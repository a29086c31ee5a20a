/* vigie-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-context"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-context.h"
#include "vigie-core-resources.h"

/* The one object that owns the application's long-lived state: settings,
 * the feed manager and the entity stores. Views receive it as a
 * construct-only property instead of reaching for globals, so tests can
 * build as many independent contexts as they like. */

struct _VigieContext
{
  GObject           parent_instance;

  GSettings        *settings;
  VigieFeedManager *feed_manager;
  VigieProfile     *profile;
  gboolean          demo;
};

G_DEFINE_FINAL_TYPE (VigieContext, vigie_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_FEED_MANAGER,
  PROP_PROFILE,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
vigie_context_constructed (GObject *object)
{
  VigieContext *self = (VigieContext *)object;
  g_autoptr(VigieHttpClient) client = NULL;
  g_autofree char *user_agent = NULL;

  G_OBJECT_CLASS (vigie_context_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (SCHEMA_ID);

  user_agent = g_strdup_printf ("Vigie/%s (+%s)", PACKAGE_VERSION, PACKAGE_URL);
  client = vigie_http_client_new (user_agent);
  self->feed_manager = vigie_feed_manager_new (client);
}

static void
vigie_context_dispose (GObject *object)
{
  VigieContext *self = (VigieContext *)object;

  vigie_context_shutdown (self);

  g_clear_object (&self->feed_manager);
  g_clear_object (&self->profile);
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

    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
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

  properties [PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         VIGIE_TYPE_PROFILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  vigie_core_register_resource ();
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
 * vigie_context_get_profile:
 * @self: a #VigieContext
 *
 * Returns: (transfer none) (nullable): the city profile in use
 */
VigieProfile *
vigie_context_get_profile (VigieContext *self)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), NULL);

  return self->profile;
}

/**
 * vigie_context_find_profile:
 * @profile_id: a profile id, such as "mulhouse"
 * @error: where to put why there is none
 *
 * Finds a profile: the user's own copy in ~/.config/vigie/profiles/ comes
 * before the one that ships with Vigie, so an operator's edits win.
 *
 * Returns: (transfer full) (nullable): the profile
 */
VigieProfile *
vigie_context_find_profile (const char  *profile_id,
                            GError     **error)
{
  g_autofree char *basename = NULL;
  g_autofree char *user_path = NULL;
  g_autofree char *resource_uri = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (profile_id != NULL, NULL);

  if (*profile_id == '\0' || strchr (profile_id, '/') != NULL || profile_id[0] == '.')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("“%s” is not a valid profile name"), profile_id);
      return NULL;
    }

  basename = g_strconcat (profile_id, ".ini", NULL);
  user_path = g_build_filename (g_get_user_config_dir (), "vigie", "profiles", basename, NULL);
  if (g_file_test (user_path, G_FILE_TEST_IS_REGULAR))
    file = g_file_new_for_path (user_path);
  else
    {
      resource_uri = g_strconcat ("resource:///io/github/vigie/Vigie/profiles/", basename, NULL);
      file = g_file_new_for_uri (resource_uri);
    }

  if (!g_file_query_exists (file, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no city profile named “%s”"), profile_id);
      return NULL;
    }

  return vigie_profile_new_from_file (file, error);
}

/**
 * vigie_context_load_profile:
 * @self: a #VigieContext
 * @profile_id: a profile id, or "" for no feeds at all
 * @error: where to put why it could not be loaded
 *
 * Replaces the feeds with those of the profile. On failure the feeds in
 * use stay as they are.
 *
 * Returns: whether the profile was loaded
 */
gboolean
vigie_context_load_profile (VigieContext  *self,
                            const char    *profile_id,
                            GError       **error)
{
  g_autoptr(VigieProfile) profile = NULL;

  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (profile_id != NULL, FALSE);

  if (*profile_id != '\0' && !(profile = vigie_context_find_profile (profile_id, error)))
    return FALSE;

  if (profile != NULL)
    for (const char * const *w = vigie_profile_get_warnings (profile); *w; w++)
      g_message ("Profile %s: %s", profile_id, *w);

  vigie_feed_manager_load_profile (self->feed_manager, profile);

  if (g_set_object (&self->profile, profile))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROFILE]);

  return TRUE;
}

/**
 * vigie_context_start:
 * @self: a #VigieContext
 * @profile_id_override: (nullable): a profile for this run only, or %NULL for the
 *   one the settings name
 *
 * Loads the profile and starts polling its feeds.
 */
void
vigie_context_start (VigieContext *self,
                     const char   *profile_id_override)
{
  g_autofree char *profile_id = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VIGIE_IS_CONTEXT (self));

  if (profile_id_override != NULL)
    profile_id = g_strdup (profile_id_override);
  else
    profile_id = g_settings_get_string (self->settings, "profile");
  if (!vigie_context_load_profile (self, profile_id, &error))
    g_warning ("Could not load the city profile: %s", error->message);

  vigie_feed_manager_start (self->feed_manager);
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
