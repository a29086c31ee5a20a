/* vigie-test-gtfs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "vigie-feed.h"
#include "vigie-gtfs.h"

G_BEGIN_DECLS

/* The fixtures under fixtures/gtfs/<case>/ are hand-written from the GTFS
 * reference and the quirks of real feeds (../shared/FEEDS.md); each case is
 * zipped here, with libarchive's writer, in reverse name order so that
 * stop_times.txt comes before trips.txt and routes.txt, as in Soléa's zip.
 *
 * The "basic" case, in Europe/Paris (UTC+1 in March 2026): stops A, B, C
 * on a straight line east, 748 m apart; trip T1-day runs A 08:00, B
 * 08:10–08:11, C 08:20 on weekdays of March 2026 but Tuesday 10, and on
 * Saturday 14; T1-night runs A 23:50, B 24:10, C 24:30. */

/* Distance between A and B: 0.01° of longitude at 47.75° N. */
#define VIGIE_TEST_GTFS_AB_M 747.6

/* A GTFS feed on 127.0.0.1: the "basic" timetable at /gtfs.zip and one
 * GTFS-Realtime document beside it, which a test may replace between
 * updates. */
typedef struct
{
  SoupServer *server;
  GBytes     *zip;
  GBytes     *realtime;
  guint       n_realtime;   /* requests for it */
} VigieTestGtfsServer;

GBytes     *vigie_test_gtfs_zip_directory (const char             *path);
GBytes     *vigie_test_gtfs_zip_fixture   (const char             *name);
VigieGtfs  *vigie_test_gtfs_load_fixture  (const char             *name,
                                           const VigieGtfsOptions *options);
gint64      vigie_test_paris_time         (int                     year,
                                           int                     month,
                                           int                     day,
                                           int                     hour,
                                           int                     minute,
                                           int                     second);
gint64      vigie_test_utc_time           (int                     year,
                                           int                     month,
                                           int                     day,
                                           int                     hour,
                                           int                     minute,
                                           int                     second);
GHashTable *vigie_test_gtfs_positions_at  (VigieGtfs              *gtfs,
                                           gint64                  when);

VigieFeed  *vigie_test_gtfs_server_start  (VigieTestGtfsServer    *server,
                                           GBytes                 *realtime,
                                           const char             *role);
void        vigie_test_gtfs_server_stop   (VigieTestGtfsServer    *server);

G_END_DECLS
