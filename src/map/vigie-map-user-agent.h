/* vigie-map-user-agent.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void vigie_map_set_user_agent (const char *user_agent);

G_END_DECLS
