/* vigie-map-user-agent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-user-agent"

#include "config.h"

#include <libsoup/soup.h>
#include <shumate/shumate.h>

#include "vigie-map-user-agent.h"

/* libshumate 1.0 and 1.1 built on libsoup 3 ignore shumate_set_user_agent():
 * the tile downloader creates its session with "libshumate/<version>"
 * hard-coded, and tile servers such as OpenStreetMap's block generic
 * clients. The session is private, so the user agent is put right the
 * moment libshumate queues its first request, before it is sent. */

static char *map_user_agent;

static gboolean
on_request_queued_hook (GSignalInvocationHint *hint,
                        guint                  n_params,
                        const GValue          *params,
                        gpointer               user_data)
{
  SoupSession *session = g_value_get_object (&params[0]);
  const char *current = soup_session_get_user_agent (session);

  if (current != NULL && g_str_has_prefix (current, "libshumate/"))
    soup_session_set_user_agent (session, map_user_agent);

  return TRUE;
}

/**
 * vigie_map_set_user_agent:
 * @user_agent: the User-Agent for map tile requests
 *
 * Makes every tile request that libshumate sends carry @user_agent.
 */
void
vigie_map_set_user_agent (const char *user_agent)
{
  static guint hook_id;

  g_return_if_fail (user_agent != NULL);

  g_free (map_user_agent);
  map_user_agent = g_strdup (user_agent);
  shumate_set_user_agent (user_agent);

  if (hook_id == 0)
    {
      guint signal_id;

      /* The signal exists once the class does; keep it for the process. */
      g_type_class_ref (SOUP_TYPE_SESSION);
      signal_id = g_signal_lookup ("request-queued", SOUP_TYPE_SESSION);

      hook_id = g_signal_add_emission_hook (signal_id, 0, on_request_queued_hook, NULL, NULL);
    }
}
