/* vigie-sim-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-sim-model.h"

G_BEGIN_DECLS

void    vigie_sim_json_string      (GString               *out,
                                    const char            *text);
void    vigie_sim_json_member      (GString               *out,
                                    const char            *name);
void    vigie_sim_json_open_record (GString               *out,
                                    guint                  index,
                                    const char            *id_member,
                                    const char            *id);
void    vigie_sim_json_double      (GString               *out,
                                    double                 value,
                                    int                    digits);
void    vigie_sim_json_lat_lon     (GString               *out,
                                    double                 lat,
                                    double                 lon,
                                    int                    digits);
void    vigie_sim_json_time        (GString               *out,
                                    const VigieSimContext *context,
                                    gint64                 unix_time,
                                    gboolean               seven_digits);
void    vigie_sim_json_utc_time    (GString               *out,
                                    gint64                 unix_time);
void    vigie_sim_json_point       (GString               *out,
                                    double                 lat,
                                    double                 lon);
GBytes *vigie_sim_json_finish      (GString               *out);

G_END_DECLS
