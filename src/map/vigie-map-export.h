/* vigie-map-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GdkTexture *vigie_map_export_render          (GtkWidget   *map_widget,
                                              GtkWidget   *legend,
                                              const char  *title,
                                              GDateTime   *date_time,
                                              GError     **error);
gboolean    vigie_map_export_to_png_full     (GtkWidget   *map_widget,
                                              GtkWidget   *legend,
                                              const char  *title,
                                              GDateTime   *date_time,
                                              GFile       *file,
                                              GError     **error);
gboolean    vigie_map_export_to_png          (GtkWidget   *map_widget,
                                              const char  *title,
                                              GFile       *file,
                                              GError     **error);

G_END_DECLS
