/* vigie-sparkline.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-history.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_SPARKLINE (vigie_sparkline_get_type())

G_DECLARE_FINAL_TYPE (VigieSparkline, vigie_sparkline, VIGIE, SPARKLINE, GtkWidget)

GtkWidget *vigie_sparkline_new         (void);
void       vigie_sparkline_set_data    (VigieSparkline              *self,
                                        const VigieHistorySparkline *sparkline);
guint      vigie_sparkline_get_n_runs  (VigieSparkline              *self);

G_END_DECLS
