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

/* Timings: ascending order, and the @p-th fraction of @values (sorted). */
int     bench_compare_doubles        (gconstpointer a,
                                      gconstpointer b);
double  bench_percentile             (GArray       *values,
                                      double        p);
void    bench_print_figures          (int           width,
                                      const char   *what,
                                      GArray       *values);

/* The calling thread's CPU time, µs: on a machine busy with other work a
 * wall time also counts the waits for a core; this says how much of it
 * was the thread's own work. */
gint64  bench_thread_cpu_us          (void);

G_END_DECLS
