/* bench-data.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Synthetic feeds for the benchmarks, the same bytes in every one. */
#define BENCH_NOW G_GINT64_CONSTANT (1767597160)

GBytes *bench_make_gtfs_rt           (guint n_vehicles,
                                      guint cycle);
GBytes *bench_make_gbfs_information  (guint n_stations);
GBytes *bench_make_gbfs_status       (guint n_stations,
                                      guint cycle);

G_END_DECLS
