/* vigie-test-parking.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Large DATEX II truck-parking publications, made here rather than kept
 * as megabyte fixtures: a v2 table or status publication of @n_sites
 * motorway truck parks (InterUrbanParkingSite), inside a SOAP envelope,
 * each with the details national access points publish (groups of
 * spaces, facilities, tariffs, usage scenarios), and statuses with the
 * groups' counts before the site's own. About 4 KiB a site in the
 * table, 1 KiB in the status. */
GBytes *vigie_test_make_truck_parking     (guint    n_sites,
                                           gboolean status);
char   *vigie_test_truck_parking_id       (guint    site);
gint64  vigie_test_truck_parking_capacity (guint    site);
gint64  vigie_test_truck_parking_vacant   (guint    site);

G_END_DECLS
