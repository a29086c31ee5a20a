/* vigie-release.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void vigie_release_later (gpointer       data,
                          GDestroyNotify destroy);

G_END_DECLS
