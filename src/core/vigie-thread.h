/* vigie-thread.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VIGIE_THREAD_BACKGROUND_NICE 10

gboolean vigie_thread_make_background (void);
int      vigie_thread_get_nice        (void);

G_END_DECLS
