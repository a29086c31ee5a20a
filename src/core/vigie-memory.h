/* vigie-memory.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long freed memory may stay with malloc before it goes back to the
 * system: the app's RSS is bounded by what it uses, plus what the last
 * interval freed (see vigie-memory.c). */
#define VIGIE_MEMORY_TRIM_INTERVAL_S 10

gboolean vigie_memory_tune              (void);
gboolean vigie_memory_trim             (void);
guint    vigie_memory_add_trim_timeout (guint interval_s);

G_END_DECLS
