/* test-schedule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vigie-schedule.h"

#define MINUTES(m) ((gint64) (m) * 60 * 1000)
#define HOURS(h)   ((gint64) (h) * 3600 * 1000)

typedef struct
{
  const char         *path;
  VigieScheduleInput  input;
  gint64              expected_ms;
} ScheduleCase;

/* Input columns: poll interval, format floor, ttl, max-age, Retry-After,
 * consecutive failures, jitter. A jitter of 0.5 moves a success delay by
 * nothing, which keeps the cases about one rule at a time. */
static const ScheduleCase cases[] = {
  /* After a success: the largest of the floor, the poll interval and the
   * feed's freshness. */
  { "/schedule/success/poll-interval",         {    30,    0,  -1,  -1, -1, 0, 0.5 },   30000 },
  { "/schedule/success/ttl-longer",            {    30,    0,  60,  -1, -1, 0, 0.5 },   60000 },
  { "/schedule/success/ttl-shorter",           {    30,    0,  10,  -1, -1, 0, 0.5 },   30000 },
  { "/schedule/success/ttl-zero",              {    30,    0,   0,  -1, -1, 0, 0.5 },   30000 },
  { "/schedule/success/max-age-longer",        {    30,    0,  -1, 120, -1, 0, 0.5 },  120000 },
  { "/schedule/success/max-age-zero",          {    30,    0,  -1,   0, -1, 0, 0.5 },   30000 },
  { "/schedule/success/ttl-and-max-age",       {    30,    0,  60,  90, -1, 0, 0.5 },   90000 },
  { "/schedule/success/cap-poll-interval",     { 100000,   0,  -1,  -1, -1, 0, 0.5 }, HOURS (24) },
  { "/schedule/success/cap-exactly",           { 86400,    0,  -1,  -1, -1, 0, 0.5 }, HOURS (24) },
  { "/schedule/success/cap-ttl-overflow",      {    30,    0, G_MAXINT64, -1, -1, 0, 0.5 }, HOURS (24) },
  { "/schedule/success/cap-max-age-overflow",  {    30,    0,  -1, G_MAXINT64, -1, 0, 0.5 }, HOURS (24) },

  /* The floor: max (format floor, 5 s), whatever else says. */
  { "/schedule/floor/default",                 {     0,    0,  -1,  -1, -1, 0, 0.5 },    5000 },
  { "/schedule/floor/poll-below-floor",        {     2,    0,  -1,  -1, -1, 0, 0.5 },    5000 },
  { "/schedule/floor/exactly",                 {     5,    0,  -1,  -1, -1, 0, 0.5 },    5000 },
  { "/schedule/floor/format-floor",            {    10,   60,  -1,  -1, -1, 0, 0.5 },   60000 },
  { "/schedule/floor/format-floor-below-5s",   {     1,    3,  -1,  -1, -1, 0, 0.5 },    5000 },
  { "/schedule/floor/above-cap",               {    10, 100000, -1, -1, -1, 0, 0.5 }, 100000000 },

  /* ±10 % around a success delay, never below the floor nor above 24 h. */
  { "/schedule/jitter/zero",                   {    60,    0,  -1,  -1, -1, 0, 0.0 },   54000 },
  { "/schedule/jitter/quarter",                {    60,    0,  -1,  -1, -1, 0, 0.25 },  57000 },
  { "/schedule/jitter/almost-one",             {    60,    0,  -1,  -1, -1, 0, 0.999 }, 65988 },
  { "/schedule/jitter/ttl",                    {    30,    0, 100,  -1, -1, 0, 0.0 },   90000 },
  { "/schedule/jitter/never-below-floor",      {     5,    0,  -1,  -1, -1, 0, 0.0 },    5000 },
  { "/schedule/jitter/above-floor",            {     5,    0,  -1,  -1, -1, 0, 0.999 },   5499 },
  { "/schedule/jitter/format-floor",           {    10,   10,  -1,  -1, -1, 0, 0.0 },   10000 },
  { "/schedule/jitter/below-cap",              { 200000,   0,  -1,  -1, -1, 0, 0.0 }, 77760000 },
  { "/schedule/jitter/never-above-cap",        { 200000,   0,  -1,  -1, -1, 0, 0.999 }, HOURS (24) },
  { "/schedule/jitter/negative",               {    60,    0,  -1,  -1, -1, 0, -1.0 },  54000 },
  { "/schedule/jitter/nan",                    {    60,    0,  -1,  -1, -1, 0, NAN },   54000 },
  { "/schedule/jitter/above-one",              {    60,    0,  -1,  -1, -1, 0, 1.5 },   66000 },

  /* After failures: 10 s × 2^(failures − 1), capped at 15 min, half of it
   * fixed and half in proportion to the jitter. */
  { "/schedule/backoff/first-jitter-zero",     {    30,    0,  -1,  -1, -1, 1, 0.0 },    5000 },
  { "/schedule/backoff/first-jitter-almost-one", { 30,    0,  -1,  -1, -1, 1, 0.999 },   9995 },
  { "/schedule/backoff/second",                {    30,    0,  -1,  -1, -1, 2, 0.0 },   10000 },
  { "/schedule/backoff/second-jitter-half",    {    30,    0,  -1,  -1, -1, 2, 0.5 },   15000 },
  { "/schedule/backoff/third",                 {    30,    0,  -1,  -1, -1, 3, 0.0 },   20000 },
  { "/schedule/backoff/fifth",                 {    30,    0,  -1,  -1, -1, 5, 0.0 },   80000 },
  { "/schedule/backoff/seventh",               {    30,    0,  -1,  -1, -1, 7, 0.0 },  320000 },
  { "/schedule/backoff/seventh-jitter-almost-one", { 30,  0,  -1,  -1, -1, 7, 0.999 }, 639680 },
  { "/schedule/backoff/capped",                {    30,    0,  -1,  -1, -1, 8, 0.0 },  450000 },
  { "/schedule/backoff/capped-jitter-almost-one", { 30,    0,  -1,  -1, -1, 8, 0.999 }, 899550 },
  { "/schedule/backoff/overflow-1000",         {    30,    0,  -1,  -1, -1, 1000, 0.0 }, 450000 },
  { "/schedule/backoff/overflow-1000-jitter-almost-one", { 30, 0, -1, -1, -1, 1000, 0.999 }, 899550 },
  { "/schedule/backoff/overflow-63",           {    30,    0,  -1,  -1, -1, 63, 0.5 },  675000 },
  { "/schedule/backoff/overflow-64",           {    30,    0,  -1,  -1, -1, 64, 0.5 },  675000 },
  { "/schedule/backoff/overflow-max",          {    30,    0,  -1,  -1, -1, G_MAXUINT, 0.999 }, 899550 },
  { "/schedule/backoff/ignores-ttl",           {    30,    0, 600, 600, -1, 1, 0.0 },    5000 },
  { "/schedule/backoff/format-floor-base",     {    30,   30,  -1,  -1, -1, 2, 0.0 },   30000 },
  { "/schedule/backoff/format-floor-base-jitter", { 30,   30,  -1,  -1, -1, 2, 0.5 },   45000 },
  { "/schedule/backoff/never-below-floor",     {    30,   30,  -1,  -1, -1, 1, 0.0 },   30000 },
  { "/schedule/backoff/floor-above-cap",       {    30, 3600,  -1,  -1, -1, 1000, 0.999 }, HOURS (1) },
  { "/schedule/backoff/floor-above-half-cap",  {    30,  600,  -1,  -1, -1, 3, 0.0 },  600000 },

  /* Retry-After wins when it is longer, after a failure or a success,
   * up to one hour; never below the floor. */
  { "/schedule/retry-after/longer-than-backoff",  { 30,  0,  -1,  -1,  60, 2, 0.0 },    60000 },
  { "/schedule/retry-after/shorter-than-backoff", { 30,  0,  -1,  -1,  30, 5, 0.0 },    80000 },
  { "/schedule/retry-after/equal-to-backoff",     { 30,  0,  -1,  -1,  10, 2, 0.0 },    10000 },
  { "/schedule/retry-after/capped",               { 30,  0,  -1,  -1, 7200, 3, 0.0 },  HOURS (1) },
  { "/schedule/retry-after/overflow",             { 30,  0,  -1,  -1, G_MAXINT64, 1000, 0.999 }, HOURS (1) },
  { "/schedule/retry-after/zero",                 { 30,  0,  -1,  -1,   0, 3, 0.0 },    20000 },
  { "/schedule/retry-after/after-success-longer", { 30,  0,  -1,  -1, 120, 0, 0.0 },   120000 },
  { "/schedule/retry-after/after-success-shorter", { 30, 0,  -1,  -1,  10, 0, 0.5 },    30000 },
  { "/schedule/retry-after/after-success-capped", { 30,  0,  -1,  -1, 86400, 0, 0.5 }, HOURS (1) },
  { "/schedule/retry-after/below-floor",          { 30, 60,  -1,  -1,  10, 0, 0.5 },    60000 },
  { "/schedule/retry-after/shorter-than-ttl",     { 30,  0, 7200, -1, 60, 0, 0.5 },  HOURS (2) },
};

static void
test_schedule_case (gconstpointer data)
{
  const ScheduleCase *test_case = data;

  g_assert_cmpint (vigie_schedule_next_delay_ms (&test_case->input), ==, test_case->expected_ms);
}

/* Whatever the jitter, a success delay stays within ±10 % and a back-off
 * between half and all of its step, and both grow with the jitter. */
static void
test_schedule_jitter_band (void)
{
  for (guint failures = 0; failures <= 10; failures++)
    {
      gint64 previous = 0;

      for (guint i = 0; i < 1000; i++)
        {
          VigieScheduleInput input = { 60, 0, -1, -1, -1, failures, i / 1000.0 };
          gint64 delay = vigie_schedule_next_delay_ms (&input);

          if (failures == 0)
            {
              g_assert_cmpint (delay, >=, MINUTES (1) * 9 / 10);
              g_assert_cmpint (delay, <, MINUTES (1) * 11 / 10);
            }
          else
            {
              gint64 step = MIN (10000 << (failures - 1), MINUTES (15));

              g_assert_cmpint (delay, >=, MAX (step / 2, 5000));
              g_assert_cmpint (delay, <, step);
            }

          g_assert_cmpint (delay, >=, previous);
          previous = delay;
        }
    }
}

/* The back-off never shrinks as failures pile up, whatever the count. */
static void
test_schedule_backoff_monotonic (void)
{
  gint64 previous = 0;

  for (guint failures = 1; failures <= 2000; failures++)
    {
      VigieScheduleInput input = { 30, 0, -1, -1, -1, failures, 0.0 };
      gint64 delay = vigie_schedule_next_delay_ms (&input);

      g_assert_cmpint (delay, >=, previous);
      g_assert_cmpint (delay, <=, MINUTES (15));
      previous = delay;
    }

  g_assert_cmpint (previous, ==, MINUTES (15) / 2);
}

static void
test_schedule_null_input (void)
{
  g_test_expect_message ("vigie-schedule", G_LOG_LEVEL_CRITICAL, "*input != NULL*");
  g_assert_cmpint (vigie_schedule_next_delay_ms (NULL), ==, VIGIE_SCHEDULE_MIN_INTERVAL_S * 1000);
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], test_schedule_case);

  g_test_add_func ("/schedule/jitter/band", test_schedule_jitter_band);
  g_test_add_func ("/schedule/backoff/monotonic", test_schedule_backoff_monotonic);
  g_test_add_func ("/schedule/precondition/null-input", test_schedule_null_input);

  return g_test_run ();
}
