/* vigie-secrets.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where a feed URL wants its API key. */
#define VIGIE_SECRET_PLACEHOLDER "{api_key}"

#define VIGIE_TYPE_SECRETS (vigie_secrets_get_type())

G_DECLARE_FINAL_TYPE (VigieSecrets, vigie_secrets, VIGIE, SECRETS, GObject)

VigieSecrets *vigie_secrets_new_keyring  (void);
VigieSecrets *vigie_secrets_new_memory   (void);
void          vigie_secrets_lookup_async (VigieSecrets         *self,
                                          const char           *profile_id,
                                          const char           *feed_id,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
char         *vigie_secrets_lookup_finish (VigieSecrets        *self,
                                          GAsyncResult         *result,
                                          GError              **error);
void          vigie_secrets_store_async  (VigieSecrets         *self,
                                          const char           *profile_id,
                                          const char           *feed_id,
                                          const char           *label,
                                          const char           *secret,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean      vigie_secrets_store_finish (VigieSecrets         *self,
                                          GAsyncResult         *result,
                                          GError              **error);

gboolean      vigie_secrets_url_needs_secret (const char       *url);
char         *vigie_secrets_fill_url     (const char           *url,
                                          const char           *secret);
char         *vigie_secrets_redact       (const char           *text,
                                          const char           *secret);

G_END_DECLS
