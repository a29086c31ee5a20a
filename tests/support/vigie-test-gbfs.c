/* vigie-test-gbfs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-test-gbfs.h"
#include "vigie-test-support.h"

VigieSnapshot *
vigie_test_gbfs_parse_fixture (const char *role,
                               const char *name,
                               const char *language)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("gbfs", name);
  VigieSnapshot *snapshot = vigie_test_parse (&vigie_format_gbfs, role, bytes, VIGIE_TEST_GBFS_NOW, language);

  /* Per-document snapshots hold plain data for combine(), not entities. */
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 0);

  return snapshot;
}

static VigieSnapshot *
combine_fixtures_valist (gint64      now,
                         const char *language,
                         va_list     args)
{
  const VigieParseContext context = { now, language, NULL };
  g_autoptr(GHashTable) by_role = NULL;
  const char *role;

  by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify) vigie_snapshot_unref);

  while ((role = va_arg (args, const char *)) != NULL)
    {
      const char *name = va_arg (args, const char *);

      g_hash_table_insert (by_role, (gpointer) role, vigie_test_gbfs_parse_fixture (role, name, language));
    }

  return vigie_format_gbfs.combine (by_role, &context);
}

/* Pairs of role and fixture name, NULL terminated. */
VigieSnapshot *
vigie_test_gbfs_combine_fixtures (const char *language,
                                  ...)
{
  VigieSnapshot *snapshot;
  va_list args;

  va_start (args, language);
  snapshot = combine_fixtures_valist (VIGIE_TEST_GBFS_NOW, language, args);
  va_end (args);

  return snapshot;
}

/* The same, combined at @now: alerts and bookings depend on the time. */
VigieSnapshot *
vigie_test_gbfs_combine_fixtures_at (gint64      now,
                                     const char *language,
                                     ...)
{
  VigieSnapshot *snapshot;
  va_list args;

  va_start (args, language);
  snapshot = combine_fixtures_valist (now, language, args);
  va_end (args);

  return snapshot;
}

GError *
vigie_test_gbfs_parse_error (const char *role,
                             GBytes     *bytes)
{
  const VigieParseContext context = { VIGIE_TEST_GBFS_NOW, "fr", NULL };
  GError *error = NULL;
  VigieSnapshot *snapshot;

  snapshot = vigie_format_gbfs.parse (role, bytes, &context, &error);
  g_assert_null (snapshot);
  g_assert_nonnull (error);

  return error;
}

/* @expected: "id=count" pairs, NULL terminated. */
void
vigie_test_gbfs_assert_type_counts (VigieEntity *entity,
                                    ...)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (vigie_entity_get_values (entity),
                                                      "vehicle_types_available", NULL);
  const char *pair;
  gsize n = 0;
  va_list args;

  g_assert_nonnull (value);
  g_assert_cmpstr (g_variant_get_type_string (value), ==, "a{sx}");

  va_start (args, entity);
  while ((pair = va_arg (args, const char *)) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (pair, "=", 2);
      gint64 count = -1;

      g_assert_true (g_variant_lookup (value, parts[0], "x", &count));
      g_assert_cmpint (count, ==, g_ascii_strtoll (parts[1], NULL, 10));
      n++;
    }
  va_end (args);

  g_assert_cmpuint (g_variant_n_children (value), ==, n);
}

