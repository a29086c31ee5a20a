/* vigie-clock.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64      vigie_clock_now_us          (void);
gint64      vigie_clock_now             (void);
GDateTime  *vigie_clock_new_now_local   (void);
void        vigie_clock_set_time        (gint64      unix_time);
gint64      vigie_clock_get_offset_us   (void);
gboolean    vigie_clock_parse_time      (const char *text,
                                         GTimeZone  *default_tz,
                                         gint64     *unix_time);
gboolean    vigie_clock_time_lacks_zone (const char *text);

G_END_DECLS
