/* vigie-renderer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean    vigie_renderer_is_software      (const char *gl_renderer);
const char *vigie_renderer_choose           (GdkDisplay *display);
gboolean    vigie_renderer_has_gpu          (const char *dev_dir);
gboolean    vigie_renderer_prepare          (const char *dev_dir);

G_END_DECLS
