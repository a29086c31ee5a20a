/* test-number.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "vigie-number.h"

/* Counts in the user's locale: "20 676 enregistrements", not "20676". */

static void
assert_count (gint64      count,
              const char *expected)
{
  g_autofree char *text = vigie_format_count (count);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_count_c (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  /* The C locale groups nothing. */
  assert_count (0, "0");
  assert_count (999, "999");
  assert_count (20676, "20676");
  assert_count (-1234567, "-1234567");
}

static void
test_count_french (void)
{
  const char *separator;
  g_autofree char *thousands = NULL;
  g_autofree char *millions = NULL;

  /* tools/install-deps generates this locale, on CI too: its absence is
   * a broken set-up, not a reason to skip. */
  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    g_error ("the fr_FR.UTF-8 locale is missing: run tools/install-deps (or locale-gen fr_FR.UTF-8)");

  /* glibc's French separator changed over the years (U+00A0, then
   * U+202F): whatever it is, it must be a space of some kind. */
  separator = localeconv ()->thousands_sep;
  g_assert_true (g_str_equal (separator, "\u202f") || g_str_equal (separator, "\u00a0") ||
                 g_str_equal (separator, " "));

  thousands = g_strconcat ("20", separator, "676", NULL);
  millions = g_strconcat ("1", separator, "234", separator, "567", NULL);
  assert_count (999, "999");
  assert_count (20676, thousands);
  assert_count (1234567, millions);

  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/number/count/c", test_count_c);
  g_test_add_func ("/number/count/french", test_count_french);

  return g_test_run ();
}
