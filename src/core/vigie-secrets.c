/* vigie-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-secrets"

#include "config.h"

#include <libsecret/secret.h>

#include "vigie-secrets.h"
#include "vigie-hash.h"

/* API keys and passwords of feeds live in the desktop keyring (libsecret),
 * never in a profile or in GSettings. A feed's address names where its key
 * goes with {api_key}; the key is put in only when a request is sent, and
 * taken out of any message shown. The memory backend serves the tests,
 * which have no keyring. */

struct _VigieSecrets
{
  GObject     parent_instance;

  GHashTable *memory;   /* "profile/feed" → secret; NULL: the keyring */
};

G_DEFINE_FINAL_TYPE (VigieSecrets, vigie_secrets, G_TYPE_OBJECT)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.vigie.Vigie.FeedSecret", SECRET_SCHEMA_NONE,
    {
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "feed", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static char *
memory_key (const char *profile_id,
            const char *feed_id)
{
  return g_strconcat (profile_id, "/", feed_id, NULL);
}

static void
vigie_secrets_finalize (GObject *object)
{
  VigieSecrets *self = (VigieSecrets *)object;

  g_clear_pointer (&self->memory, g_hash_table_unref);

  G_OBJECT_CLASS (vigie_secrets_parent_class)->finalize (object);
}

static void
vigie_secrets_class_init (VigieSecretsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_secrets_finalize;
}

static void
vigie_secrets_init (VigieSecrets *self)
{
}

VigieSecrets *
vigie_secrets_new_keyring (void)
{
  return g_object_new (VIGIE_TYPE_SECRETS, NULL);
}

VigieSecrets *
vigie_secrets_new_memory (void)
{
  VigieSecrets *self = g_object_new (VIGIE_TYPE_SECRETS, NULL);

  self->memory = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);
  return self;
}

static void
on_lookup_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      /* Hand out a plain string; wipe libsecret's own copy. */
      g_task_return_pointer (task, g_strdup (secret), g_free);
      secret_password_free (secret);
    }
}

/**
 * vigie_secrets_lookup_async:
 * @self: a #VigieSecrets
 * @profile_id: the city profile's id
 * @feed_id: the feed's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the secret, or %NULL when there is none
 * @user_data: data for @callback
 */
void
vigie_secrets_lookup_async (VigieSecrets        *self,
                            const char          *profile_id,
                            const char          *feed_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIGIE_IS_SECRETS (self));
  g_return_if_fail (profile_id != NULL);
  g_return_if_fail (feed_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_secrets_lookup_async);

  if (self->memory != NULL)
    {
      g_autofree char *key = memory_key (profile_id, feed_id);

      g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->memory, key)), g_free);
      return;
    }

  secret_password_lookup (get_schema (), cancellable, on_lookup_cb, g_steal_pointer (&task),
                          "profile", profile_id,
                          "feed", feed_id,
                          NULL);
}

/**
 * vigie_secrets_lookup_finish:
 * @self: a #VigieSecrets
 * @result: the result given to the callback
 * @error: where to put why the keyring could not be read
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL when there is
 *   none (and then @error is not set)
 */
char *
vigie_secrets_lookup_finish (VigieSecrets  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (VIGIE_IS_SECRETS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_store_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_clear_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * vigie_secrets_store_async:
 * @self: a #VigieSecrets
 * @profile_id: the city profile's id
 * @feed_id: the feed's id
 * @label: what the keyring shows for it
 * @secret: (nullable): the secret, or %NULL or "" to forget it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is stored
 * @user_data: data for @callback
 */
void
vigie_secrets_store_async (VigieSecrets        *self,
                           const char          *profile_id,
                           const char          *feed_id,
                           const char          *label,
                           const char          *secret,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIGIE_IS_SECRETS (self));
  g_return_if_fail (profile_id != NULL);
  g_return_if_fail (feed_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_secrets_store_async);

  if (self->memory != NULL)
    {
      if (secret != NULL && *secret != '\0')
        g_hash_table_replace (self->memory, memory_key (profile_id, feed_id), g_strdup (secret));
      else
        {
          g_autofree char *key = memory_key (profile_id, feed_id);

          g_hash_table_remove (self->memory, key);
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (secret == NULL || *secret == '\0')
    secret_password_clear (get_schema (), cancellable, on_clear_cb, g_steal_pointer (&task),
                           "profile", profile_id,
                           "feed", feed_id,
                           NULL);
  else
    secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                           cancellable, on_store_cb, g_steal_pointer (&task),
                           "profile", profile_id,
                           "feed", feed_id,
                           NULL);
}

gboolean
vigie_secrets_store_finish (VigieSecrets  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (VIGIE_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * vigie_secrets_url_needs_secret:
 * @url: a feed address
 *
 * Returns: whether @url has a place for an API key
 */
gboolean
vigie_secrets_url_needs_secret (const char *url)
{
  return url != NULL && strstr (url, VIGIE_SECRET_PLACEHOLDER) != NULL;
}

/**
 * vigie_secrets_fill_url:
 * @url: a feed address with {api_key}
 * @secret: the key
 *
 * Returns: (transfer full): @url with the key in place, escaped for a URL
 */
char *
vigie_secrets_fill_url (const char *url,
                        const char *secret)
{
  g_autoptr(GString) filled = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  escaped = g_uri_escape_string (secret, NULL, FALSE);
  filled = g_string_new (url);
  g_string_replace (filled, VIGIE_SECRET_PLACEHOLDER, escaped, 0);

  return g_string_free (g_steal_pointer (&filled), FALSE);
}

/**
 * vigie_secrets_redact:
 * @text: a message that may quote an address with the key in it
 * @secret: (nullable): the key
 *
 * Returns: (transfer full): @text with the key, plain or escaped, hidden
 */
char *
vigie_secrets_redact (const char *text,
                      const char *secret)
{
  g_autoptr(GString) redacted = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (secret == NULL || *secret == '\0')
    return g_strdup (text);

  escaped = g_uri_escape_string (secret, NULL, FALSE);
  redacted = g_string_new (text);
  g_string_replace (redacted, escaped, "•••", 0);
  g_string_replace (redacted, secret, "•••", 0);

  return g_string_free (g_steal_pointer (&redacted), FALSE);
}
