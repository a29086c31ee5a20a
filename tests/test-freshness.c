/* test-freshness.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-freshness.h"

/* 2023-11-14 22:13:20 UTC: any time well after 1970 would do. */
#define NOW G_GINT64_CONSTANT (1700000000)

typedef struct
{
  VigieFeedKind kind;
  gint64        ageing_s;
  gint64        stale_s;
} ThresholdsCase;

static void
test_freshness_default_thresholds (void)
{
  const ThresholdsCase cases[] = {
    { VIGIE_FEED_KIND_TRAMS,      90,  180 },
    { VIGIE_FEED_KIND_BIKES,     300,  900 },
    { VIGIE_FEED_KIND_CAR_SHARE, 300,  900 },
    { VIGIE_FEED_KIND_PARKING,   600, 1800 },
    { VIGIE_FEED_KIND_WIFI,      600, 1800 },
    { VIGIE_FEED_KIND_TRAINS,    120,  300 },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (cases) == VIGIE_N_FEED_KINDS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 ageing_s = -1;
      gint64 stale_s = -1;

      vigie_freshness_get_default_thresholds (cases[i].kind, &ageing_s, &stale_s);
      g_assert_cmpint (ageing_s, ==, cases[i].ageing_s);
      g_assert_cmpint (stale_s, ==, cases[i].stale_s);

      /* Either out parameter may be left out. */
      ageing_s = stale_s = -1;
      vigie_freshness_get_default_thresholds (cases[i].kind, &ageing_s, NULL);
      g_assert_cmpint (ageing_s, ==, cases[i].ageing_s);
      vigie_freshness_get_default_thresholds (cases[i].kind, NULL, &stale_s);
      g_assert_cmpint (stale_s, ==, cases[i].stale_s);
    }
}

static void
test_freshness_default_thresholds_invalid (void)
{
  gint64 ageing_s = -1;
  gint64 stale_s = -1;

  g_test_expect_message ("vigie-freshness", G_LOG_LEVEL_CRITICAL, "*VIGIE_N_FEED_KINDS*");
  vigie_freshness_get_default_thresholds ((VigieFeedKind) VIGIE_N_FEED_KINDS, &ageing_s, &stale_s);
  g_test_assert_expected_messages ();
  g_assert_cmpint (ageing_s, ==, -1);
  g_assert_cmpint (stale_s, ==, -1);
}

typedef struct
{
  const char     *path;
  gint64          observed_at;
  gint64          fetched_at;
  gint64          ageing_s;
  gint64          stale_s;
  VigieFreshness  expected;
} ClassifyCase;

/* Times relative to NOW; 0 is unknown. Trams' thresholds (90 s, 180 s)
 * unless a case says otherwise. */
static const ClassifyCase classify_cases[] = {
  { "/freshness/classify/fresh",                   NOW - 10,   NOW - 5,     90,  180, VIGIE_FRESHNESS_FRESH },
  { "/freshness/classify/age-zero",                NOW,        NOW,         90,  180, VIGIE_FRESHNESS_FRESH },
  { "/freshness/classify/just-before-ageing",      NOW - 89,   0,           90,  180, VIGIE_FRESHNESS_FRESH },
  { "/freshness/classify/exactly-ageing",          NOW - 90,   0,           90,  180, VIGIE_FRESHNESS_AGEING },
  { "/freshness/classify/just-before-stale",       NOW - 179,  0,           90,  180, VIGIE_FRESHNESS_AGEING },
  { "/freshness/classify/exactly-stale",           NOW - 180,  0,           90,  180, VIGIE_FRESHNESS_STALE },
  { "/freshness/classify/very-stale",              NOW - 86400 * 30, 0,     90,  180, VIGIE_FRESHNESS_STALE },
  { "/freshness/classify/observed-wins",           NOW - 200,  NOW - 1,     90,  180, VIGIE_FRESHNESS_STALE },
  { "/freshness/classify/observed-wins-fresher",   NOW - 1,    NOW - 200,   90,  180, VIGIE_FRESHNESS_FRESH },
  { "/freshness/classify/fetched-fallback",        0,          NOW - 100,   90,  180, VIGIE_FRESHNESS_AGEING },
  { "/freshness/classify/fetched-fallback-stale",  0,          NOW - 180,   90,  180, VIGIE_FRESHNESS_STALE },
  { "/freshness/classify/negative-is-unknown",     -5,         NOW - 10,    90,  180, VIGIE_FRESHNESS_FRESH },
  { "/freshness/classify/no-data",                 0,          0,           90,  180, VIGIE_FRESHNESS_NO_DATA },
  { "/freshness/classify/bikes-fresh",             NOW - 299,  0,          300,  900, VIGIE_FRESHNESS_FRESH },
  { "/freshness/classify/bikes-ageing",            NOW - 300,  0,          300,  900, VIGIE_FRESHNESS_AGEING },
  { "/freshness/classify/parking-stale",           NOW - 1800, 0,          600, 1800, VIGIE_FRESHNESS_STALE },
  { "/freshness/classify/zero-thresholds",         NOW,        0,            0,    0, VIGIE_FRESHNESS_STALE },

  /* Clock skew: up to 5 min ahead is now; further ahead cannot be
   * trusted and the fetch time is used instead. */
  { "/freshness/classify/skew/small",              NOW + 60,   NOW - 200,   90,  180, VIGIE_FRESHNESS_FRESH },
  { "/freshness/classify/skew/exactly-5-min",      NOW + 300,  NOW - 200,   90,  180, VIGIE_FRESHNESS_FRESH },
  { "/freshness/classify/skew/too-far",            NOW + 301,  NOW - 100,   90,  180, VIGIE_FRESHNESS_AGEING },
  { "/freshness/classify/skew/too-far-fetched-stale", NOW + 3600, NOW - 500, 90, 180, VIGIE_FRESHNESS_STALE },
  { "/freshness/classify/skew/too-far-fetched-skewed", NOW + 3600, NOW + 10, 90, 180, VIGIE_FRESHNESS_FRESH },
  { "/freshness/classify/skew/too-far-no-fetched", NOW + 3600, 0,           90,  180, VIGIE_FRESHNESS_NO_DATA },
  { "/freshness/classify/skew/both-too-far",       NOW + 3600, NOW + 3600,  90,  180, VIGIE_FRESHNESS_NO_DATA },
};

static void
test_freshness_classify_case (gconstpointer data)
{
  const ClassifyCase *test_case = data;
  VigieFreshness got;

  got = vigie_freshness_classify (NOW, test_case->observed_at, test_case->fetched_at,
                                  test_case->ageing_s, test_case->stale_s);
  g_assert_cmpint (got, ==, test_case->expected);
}

static void
test_freshness_classify_invalid_thresholds (void)
{
  g_test_expect_message ("vigie-freshness", G_LOG_LEVEL_CRITICAL, "*ageing_s <= stale_s*");
  g_assert_cmpint (vigie_freshness_classify (NOW, NOW, NOW, 200, 100), ==, VIGIE_FRESHNESS_NO_DATA);
  g_test_assert_expected_messages ();

  g_test_expect_message ("vigie-freshness", G_LOG_LEVEL_CRITICAL, "*ageing_s >= 0*");
  g_assert_cmpint (vigie_freshness_classify (NOW, NOW, NOW, -1, 100), ==, VIGIE_FRESHNESS_NO_DATA);
  g_test_assert_expected_messages ();
}

typedef struct
{
  const char *path;
  gint64      value_changed_at;
  gint64      feed_updated_at;
  gint64      frozen_after_s;
  gint64      stale_s;
  gboolean    expected;
} FrozenCase;

#define FROZEN VIGIE_FRESHNESS_DEFAULT_FROZEN_AFTER_S

static const FrozenCase frozen_cases[] = {
  { "/freshness/frozen/exactly",                 NOW - FROZEN,     NOW - 60,   FROZEN, 1800, TRUE },
  { "/freshness/frozen/long-ago",                NOW - 86400,      NOW,        FROZEN, 1800, TRUE },
  { "/freshness/frozen/just-before",             NOW - FROZEN + 1, NOW - 60,   FROZEN, 1800, FALSE },
  { "/freshness/frozen/changed-recently",        NOW - 60,         NOW - 60,   FROZEN, 1800, FALSE },
  { "/freshness/frozen/feed-just-updating",      NOW - 86400,      NOW - 1799, FROZEN, 1800, TRUE },
  { "/freshness/frozen/feed-exactly-stale",      NOW - 86400,      NOW - 1800, FROZEN, 1800, FALSE },
  { "/freshness/frozen/feed-stopped",            NOW - 86400,      NOW - 7200, FROZEN, 1800, FALSE },
  { "/freshness/frozen/custom-threshold",        NOW - 600,        NOW - 10,   600,     180, TRUE },
  { "/freshness/frozen/unknown-value",           0,                NOW - 60,   FROZEN, 1800, FALSE },
  { "/freshness/frozen/unknown-feed",            NOW - 86400,      0,          FROZEN, 1800, FALSE },
  { "/freshness/frozen/unknown-both",            0,                0,          FROZEN, 1800, FALSE },
  { "/freshness/frozen/value-in-future",         NOW + 60,         NOW - 60,   FROZEN, 1800, FALSE },
  { "/freshness/frozen/feed-skewed",             NOW - 86400,      NOW + 300,  FROZEN, 1800, TRUE },
  { "/freshness/frozen/feed-too-far-in-future",  NOW - 86400,      NOW + 301,  FROZEN, 1800, FALSE },
};

static void
test_freshness_frozen_case (gconstpointer data)
{
  const FrozenCase *test_case = data;
  gboolean got;

  got = vigie_freshness_is_frozen (NOW, test_case->value_changed_at, test_case->feed_updated_at,
                                   test_case->frozen_after_s, test_case->stale_s);
  g_assert_cmpint (got, ==, test_case->expected);
}

typedef struct
{
  const char *path;
  gint64      age_s;
  const char *expected;
} FormatCase;

static const FormatCase format_cases[] = {
  { "/freshness/format-age/negative",            -5,                 "just now" },
  { "/freshness/format-age/most-negative",       G_MININT64,         "just now" },
  { "/freshness/format-age/zero",                0,                  "just now" },
  { "/freshness/format-age/9-s",                 9,                  "just now" },
  { "/freshness/format-age/10-s",                10,                 "10 s ago" },
  { "/freshness/format-age/59-s",                59,                 "59 s ago" },
  { "/freshness/format-age/1-min",               60,                 "1 min ago" },
  { "/freshness/format-age/1-min-59-s",          119,                "1 min ago" },
  { "/freshness/format-age/59-min",              3599,               "59 min ago" },
  { "/freshness/format-age/1-h",                 3600,               "1 h ago" },
  { "/freshness/format-age/1-h-59-s",            3659,               "1 h ago" },
  { "/freshness/format-age/1-h-1-min",           3660,               "1 h 01 min ago" },
  { "/freshness/format-age/2-h-5-min",           7500,               "2 h 05 min ago" },
  { "/freshness/format-age/2-h",                 7200,               "2 h ago" },
  { "/freshness/format-age/23-h-59-min",         86399,              "23 h 59 min ago" },
  { "/freshness/format-age/1-day",               86400,              "1 day ago" },
  { "/freshness/format-age/1-day-23-h",          172799,             "1 day ago" },
  { "/freshness/format-age/2-days",              172800,             "2 days ago" },
  { "/freshness/format-age/most-positive",       G_MAXINT64,         "2147483647 days ago" },
};

static void
test_freshness_format_age_case (gconstpointer data)
{
  const FormatCase *test_case = data;
  g_autofree char *got = vigie_freshness_format_age (test_case->age_s);

  g_assert_cmpstr (got, ==, test_case->expected);
}

static void
test_freshness_to_string (void)
{
  g_assert_cmpstr (vigie_freshness_to_string (VIGIE_FRESHNESS_NO_DATA), ==, "No data");
  g_assert_cmpstr (vigie_freshness_to_string (VIGIE_FRESHNESS_FRESH), ==, "Fresh");
  g_assert_cmpstr (vigie_freshness_to_string (VIGIE_FRESHNESS_AGEING), ==, "Ageing");
  g_assert_cmpstr (vigie_freshness_to_string (VIGIE_FRESHNESS_STALE), ==, "Stale");
}

static void
test_freshness_to_string_invalid (void)
{
  g_test_expect_message ("vigie-freshness", G_LOG_LEVEL_CRITICAL, "*should not be reached*");
  g_assert_null (vigie_freshness_to_string ((VigieFreshness) 42));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freshness/default-thresholds/kinds", test_freshness_default_thresholds);
  g_test_add_func ("/freshness/default-thresholds/invalid-kind", test_freshness_default_thresholds_invalid);

  for (guint i = 0; i < G_N_ELEMENTS (classify_cases); i++)
    g_test_add_data_func (classify_cases[i].path, &classify_cases[i], test_freshness_classify_case);
  g_test_add_func ("/freshness/classify/invalid-thresholds", test_freshness_classify_invalid_thresholds);

  for (guint i = 0; i < G_N_ELEMENTS (frozen_cases); i++)
    g_test_add_data_func (frozen_cases[i].path, &frozen_cases[i], test_freshness_frozen_case);

  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    g_test_add_data_func (format_cases[i].path, &format_cases[i], test_freshness_format_age_case);

  g_test_add_func ("/freshness/to-string/labels", test_freshness_to_string);
  g_test_add_func ("/freshness/to-string/invalid", test_freshness_to_string_invalid);

  return g_test_run ();
}
