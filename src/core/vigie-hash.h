/* vigie-hash.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint vigie_str_hash   (gconstpointer key);
guint vigie_int64_hash (gconstpointer key);

G_END_DECLS
