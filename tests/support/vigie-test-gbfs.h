/* vigie-test-gbfs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-entity.h"
#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* The fixtures are hand-written from the GBFS 2.3 and 3.0 specifications
 * and from the quirks of real feeds (nextbike, Citiz, Cyclocity). */

/* 2026-01-05 12:06:40 UTC, a little after the 2.3 fixtures' times. */
#define VIGIE_TEST_GBFS_NOW G_GINT64_CONSTANT (1767614800)

/* 2026-08-12 12:50:00 UTC (14:50 in Poitiers), a little after the 3.0
 * fixtures' times. */
#define VIGIE_TEST_GBFS_V30_NOW G_GINT64_CONSTANT (1786539000)

VigieSnapshot *vigie_test_gbfs_parse_fixture      (const char  *role,
                                                   const char  *name,
                                                   const char  *language);
VigieSnapshot *vigie_test_gbfs_combine_fixtures   (const char  *language,
                                                   ...) G_GNUC_NULL_TERMINATED;
VigieSnapshot *vigie_test_gbfs_combine_fixtures_at (gint64       now,
                                                   const char  *language,
                                                   ...) G_GNUC_NULL_TERMINATED;
GError        *vigie_test_gbfs_parse_error        (const char  *role,
                                                   GBytes      *bytes);
void           vigie_test_gbfs_assert_type_counts (VigieEntity *entity,
                                                   ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
