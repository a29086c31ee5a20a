/* vigie-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-context"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-context.h"
#include "vigie-core-resources.h"
#include "vigie-temporal-client.h"
#include "vigie-hash.h"

/* The one object that owns the application's long-lived state: settings,
 * the feed manager and the entity stores. Views receive it as a
 * construct-only property instead of reaching for globals, so tests can
 * build as many independent contexts as they like. */

struct _VigieContext
{
  GObject           parent_instance;

  GSettings        *settings;
  VigieFeedManager *feed_manager;
  VigieAlertCenter *alerts;
  VigieProfile     *profile;
  VigieSecrets     *secrets;
  VigieHistory     *history;
  GCancellable     *cancellable;
  GHashTable       *virtual_profiles;  /* id → VirtualProfile */
  gboolean          demo;
};

G_DEFINE_FINAL_TYPE (VigieContext, vigie_context, G_TYPE_OBJECT)

typedef struct
{
  char                *name;
  VigieProfileFactory  factory;
  gpointer             user_data;
  GDestroyNotify       destroy;
} VirtualProfile;

static void
virtual_profile_free (VirtualProfile *virtual)
{
  if (virtual->destroy != NULL)
    virtual->destroy (virtual->user_data);
  g_free (virtual->name);
  g_free (virtual);
}

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_FEED_MANAGER,
  PROP_PROFILE,
  PROP_SECRETS,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/*
 * Overrides
 */

static void
vigie_context_constructed (GObject *object)
{
  VigieContext *self = (VigieContext *)object;
  g_autoptr(VigieHttpClient) client = NULL;
  g_autofree char *user_agent = NULL;
  g_autofree char *alerts_dir = g_build_filename (g_get_user_data_dir (), "vigie", "alerts", NULL);

  G_OBJECT_CLASS (vigie_context_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (SCHEMA_ID);
  if (self->secrets == NULL)
    self->secrets = vigie_secrets_new_keyring ();
  self->cancellable = g_cancellable_new ();
  self->virtual_profiles = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) virtual_profile_free);

  user_agent = g_strdup_printf ("Vigie/%s (+%s)", PACKAGE_VERSION, PACKAGE_URL);
  client = vigie_http_client_new_for_feeds (user_agent);
  g_settings_bind (self->settings, "connect-timeout", client, "connect-timeout", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "request-timeout", client, "request-timeout", G_SETTINGS_BIND_GET);
  self->feed_manager = vigie_feed_manager_new (client);
  self->alerts = vigie_alert_center_new (self->settings, self->feed_manager, alerts_dir);
}

static void
vigie_context_dispose (GObject *object)
{
  VigieContext *self = (VigieContext *)object;

  vigie_context_shutdown (self);

  g_clear_object (&self->alerts);
  g_clear_object (&self->feed_manager);
  g_clear_object (&self->profile);
  g_clear_object (&self->settings);
  g_clear_object (&self->secrets);
  g_clear_object (&self->history);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->virtual_profiles, g_hash_table_unref);

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

    case PROP_SECRETS:
      g_value_set_object (value, self->secrets);
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

    case PROP_SECRETS:
      self->secrets = g_value_dup_object (value);
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

  properties [PROP_SECRETS] =
    g_param_spec_object ("secrets", NULL, NULL,
                         VIGIE_TYPE_SECRETS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

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

/*
 * Public API
 */

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

/**
 * vigie_context_get_alerts:
 *
 * Returns: (transfer none): the alert rules' center: raised alerts,
 *   acknowledgements
 */
VigieAlertCenter *
vigie_context_get_alerts (VigieContext *self)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), NULL);

  return self->alerts;
}

gboolean
vigie_context_get_demo (VigieContext *self)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), FALSE);

  return self->demo;
}

/**
 * vigie_context_get_secrets:
 * @self: a #VigieContext
 *
 * Returns: (transfer none): where API keys are kept
 */
VigieSecrets *
vigie_context_get_secrets (VigieContext *self)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), NULL);

  return self->secrets;
}

/**
 * vigie_context_get_history:
 * @self: a #VigieContext
 *
 * Returns: (transfer none) (nullable): what the feeds were, when recorded
 */
VigieHistory *
vigie_context_get_history (VigieContext *self)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), NULL);

  return self->history;
}

/* The app records; a context made by a test or a tool does not, unless
 * it is given a history of its own. */
void
vigie_context_set_history (VigieContext *self,
                           VigieHistory *history)
{
  g_return_if_fail (VIGIE_IS_CONTEXT (self));
  g_return_if_fail (history == NULL || VIGIE_IS_HISTORY (history));

  if (g_set_object (&self->history, history) && history != NULL)
    {
      vigie_history_bind (history, self->settings, self->feed_manager);
      vigie_temporal_client_attach (history, self->feed_manager);
    }
  /* Alert durations count from what the history knows (alerts/vigie-alert-starts.c). */
  vigie_alert_center_set_history_path (self->alerts, history != NULL ? vigie_history_get_path (history) : NULL);
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
vigie_context_find_profile (VigieContext  *self,
                            const char    *profile_id,
                            GError       **error)
{
  g_autofree char *basename = NULL;
  g_autofree char *user_path = NULL;
  g_autofree char *resource_uri = NULL;
  g_autoptr(GFile) file = NULL;

  VirtualProfile *virtual;

  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);


  if (*profile_id == '\0' || strchr (profile_id, '/') != NULL || profile_id[0] == '.')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("“%s” is not a valid profile name"), profile_id);
      return NULL;
    }

  basename = g_strconcat (profile_id, ".ini", NULL);
  user_path = g_build_filename (g_get_user_config_dir (), "vigie", "profiles", basename, NULL);

  /* A profile made at run time, with the operator's saved changes on top:
   * without them a removed feed would come back at every load. */
  if ((virtual = g_hash_table_lookup (self->virtual_profiles, profile_id)))
    {
      g_autoptr(VigieProfile) profile = virtual->factory (virtual->user_data, error);

      if (profile != NULL && g_file_test (user_path, G_FILE_TEST_IS_REGULAR))
        {
          g_autoptr(GFile) saved_file = g_file_new_for_path (user_path);
          g_autoptr(GError) saved_error = NULL;
          g_autoptr(VigieProfile) saved = vigie_profile_new_from_file (saved_file, &saved_error);

          if (saved != NULL)
            vigie_profile_apply_saved (profile, saved);
          else
            g_message ("Profile %s: %s", profile_id, saved_error->message);
        }

      return g_steal_pointer (&profile);
    }
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

/*
 * Profiles and secrets
 */

typedef struct
{
  VigieContext *context;
  VigieFeed    *feed;
} SecretLookup;

static void
on_secret_looked_up_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  SecretLookup *lookup = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  secret = vigie_secrets_lookup_finish (VIGIE_SECRETS (object), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not read the keyring: %s", error->message);
  else if (secret != NULL)
    vigie_feed_set_secret (lookup->feed, secret);

  g_object_unref (lookup->feed);
  g_object_unref (lookup->context);
  g_free (lookup);
}

/* Feeds whose address has {api_key} get their key from the keyring. */
static void
look_up_secret (VigieContext *self,
                VigieFeed    *feed)
{
  SecretLookup *lookup;

  if (!vigie_feed_needs_secret (feed))
    return;

  lookup = g_new0 (SecretLookup, 1);
  lookup->context = g_object_ref (self);
  lookup->feed = g_object_ref (feed);
  vigie_secrets_lookup_async (self->secrets,
                              vigie_profile_get_id (self->profile),
                              vigie_feed_get_id (feed),
                              self->cancellable,
                              on_secret_looked_up_cb,
                              lookup);
}

static void
look_up_secrets (VigieContext *self)
{
  GListModel *feeds = G_LIST_MODEL (self->feed_manager);

  for (guint i = 0; i < g_list_model_get_n_items (feeds); i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (feeds, i);

      look_up_secret (self, feed);
    }
}

static int
compare_profiles (gconstpointer a,
                  gconstpointer b)
{
  VigieProfile *pa = *(VigieProfile **) a;
  VigieProfile *pb = *(VigieProfile **) b;

  return g_utf8_collate (vigie_profile_get_name (pa), vigie_profile_get_name (pb));
}

/**
 * vigie_context_list_profiles:
 *
 * Lists the profiles that ship with Vigie and the operator's own, an
 * operator's copy standing for the shipped one of the same id.
 *
 * Returns: (transfer full) (element-type VigieProfile): the profiles,
 *   sorted by name
 */
GPtrArray *
vigie_context_list_profiles (VigieContext *self)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *user_dir = NULL;
  g_auto(GStrv) shipped = NULL;
  g_autoptr(GDir) dir = NULL;
  GPtrArray *profiles = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  user_dir = g_build_filename (g_get_user_config_dir (), "vigie", "profiles", NULL);
  if ((dir = g_dir_open (user_dir, 0, NULL)))
    while ((name = g_dir_read_name (dir)))
      if (g_str_has_suffix (name, ".ini"))
        g_hash_table_add (ids, g_strndup (name, strlen (name) - 4));

  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), NULL);

  shipped = g_resources_enumerate_children ("/io/github/vigie/Vigie/profiles", 0, NULL);
  for (guint i = 0; shipped != NULL && shipped[i] != NULL; i++)
    if (g_str_has_suffix (shipped[i], ".ini"))
      g_hash_table_add (ids, g_strndup (shipped[i], strlen (shipped[i]) - 4));

  {
    GHashTableIter iter;
    const char *id;

    g_hash_table_iter_init (&iter, ids);
    while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
      {
        g_autoptr(GError) error = NULL;
        VigieProfile *profile = vigie_context_find_profile (self, id, &error);

        if (profile != NULL)
          g_ptr_array_add (profiles, profile);
        else
          g_message ("Profile %s: %s", id, error->message);
      }
  }

  /* Virtual profiles are listed by name only: making one may start a
   * simulator, which is for when it is chosen. */
  {
    GHashTableIter iter;
    const char *id;
    VirtualProfile *virtual;

    g_hash_table_iter_init (&iter, self->virtual_profiles);
    while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &virtual))
      {
        g_autoptr(GKeyFile) keyfile = g_key_file_new ();
        g_autofree char *data = NULL;

        g_key_file_set_string (keyfile, "Profile", "Name", virtual->name);
        data = g_key_file_to_data (keyfile, NULL, NULL);
        g_ptr_array_add (profiles, vigie_profile_new_from_data (id, data, -1, NULL));
      }
  }

  g_ptr_array_sort (profiles, compare_profiles);
  return profiles;
}

/**
 * vigie_context_add_virtual_profile:
 * @self: a #VigieContext
 * @profile_id: the id it is chosen by
 * @name: its name for people
 * @factory: makes the profile when it is chosen
 * @user_data: data for @factory
 * @destroy: (nullable): frees @user_data
 */
void
vigie_context_add_virtual_profile (VigieContext        *self,
                                   const char          *profile_id,
                                   const char          *name,
                                   VigieProfileFactory  factory,
                                   gpointer             user_data,
                                   GDestroyNotify       destroy)
{
  VirtualProfile *virtual;

  g_return_if_fail (VIGIE_IS_CONTEXT (self));
  g_return_if_fail (profile_id != NULL);
  g_return_if_fail (factory != NULL);

  virtual = g_new0 (VirtualProfile, 1);
  virtual->name = g_strdup (name ? name : profile_id);
  virtual->factory = factory;
  virtual->user_data = user_data;
  virtual->destroy = destroy;
  g_hash_table_replace (self->virtual_profiles, g_strdup (profile_id), virtual);
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

  if (*profile_id != '\0' && !(profile = vigie_context_find_profile (self, profile_id, error)))
    return FALSE;

  if (profile != NULL)
    for (const char * const *w = vigie_profile_get_warnings (profile); *w; w++)
      g_message ("Profile %s: %s", profile_id, *w);

  vigie_feed_manager_load_profile (self->feed_manager, profile);

  if (g_set_object (&self->profile, profile))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROFILE]);

  if (profile != NULL)
    look_up_secrets (self);

  return TRUE;
}

/**
 * vigie_context_remove_feed:
 * @self: a #VigieContext
 * @feed_id: a feed of the profile in use
 * @error: where to put why it could not be removed
 *
 * Removes a feed from the profile, saves the profile and stops and drops
 * the feed at once; the other feeds run on untouched.
 *
 * Returns: (transfer full) (nullable): what vigie_context_restore_feed()
 *   needs to undo it, or %NULL on failure
 */
VigieRemovedFeed *
vigie_context_remove_feed (VigieContext  *self,
                           const char    *feed_id,
                           GError       **error)
{
  g_autoptr(VigieRemovedFeed) removed = NULL;
  VigieFeed *feed;

  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (feed_id != NULL, NULL);

  if (self->profile == NULL || !(removed = vigie_profile_take_feed (self->profile, feed_id)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no feed “%s” in this profile"), feed_id);
      return NULL;
    }

  if (!vigie_profile_save (self->profile, error))
    {
      vigie_profile_restore_feed (self->profile, removed, NULL);
      return NULL;
    }

  removed->position = G_MAXUINT;
  if ((feed = vigie_feed_manager_lookup (self->feed_manager, feed_id)))
    {
      g_autoptr(VigieFeed) held = g_object_ref (feed);
      GListModel *feeds = G_LIST_MODEL (self->feed_manager);

      for (guint i = 0; i < g_list_model_get_n_items (feeds); i++)
        {
          g_autoptr(VigieFeed) item = g_list_model_get_item (feeds, i);

          if (item == held)
            removed->position = i;
        }
      vigie_feed_manager_remove (self->feed_manager, held);
    }

  return g_steal_pointer (&removed);
}

/**
 * vigie_context_restore_feed:
 * @self: a #VigieContext
 * @removed: what vigie_context_remove_feed() returned
 * @error: where to put why it could not be put back
 *
 * Undoes vigie_context_remove_feed(): the feed is back in the saved
 * profile and runs again, in its place.
 *
 * Returns: whether it is back
 */
gboolean
vigie_context_restore_feed (VigieContext            *self,
                            const VigieRemovedFeed  *removed,
                            GError                 **error)
{
  g_autoptr(VigieFeed) feed = NULL;

  g_return_val_if_fail (VIGIE_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (removed != NULL, FALSE);

  if (self->profile == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No city profile is in use"));
      return FALSE;
    }

  if (!vigie_profile_restore_feed (self->profile, removed, error))
    return FALSE;

  if (!vigie_profile_save (self->profile, error))
    {
      vigie_profile_remove_feed (self->profile, removed->feed_id);
      return FALSE;
    }

  if ((feed = vigie_profile_create_feed (self->profile, removed->feed_id)))
    {
      vigie_feed_manager_insert (self->feed_manager, removed->position, feed);
      look_up_secret (self, feed);
    }

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

  g_cancellable_cancel (self->cancellable);

  if (self->feed_manager != NULL)
    vigie_feed_manager_stop (self->feed_manager);
}
