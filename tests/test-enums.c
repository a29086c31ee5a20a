/* test-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-enums.h"
#include "vigie-feed.h"
#include "vigie-format.h"

/* Every public enum of the core has a GType whose nicks name its values. */
static void
test_enums_registered (void)
{
  static const struct {
    GType (*get_type) (void);
    int value;
    const char *nick;
  } cases[] = {
    { vigie_feed_kind_get_type, VIGIE_FEED_KIND_CAR_SHARE, "car-share" },
    { vigie_feed_kind_get_type, VIGIE_FEED_KIND_TRAINS, "trains" },
    { vigie_feed_state_get_type, VIGIE_FEED_STATE_ERROR, "error" },
    { vigie_freshness_get_type, VIGIE_FRESHNESS_STALE, "stale" },
    { vigie_entity_kind_get_type, VIGIE_ENTITY_CAR_PARK, "car-park" },
    { vigie_format_error_get_type, VIGIE_FORMAT_ERROR_TOO_LARGE, "too-large" },
    { vigie_http_error_get_type, VIGIE_HTTP_ERROR_INSECURE_REDIRECT, "insecure-redirect" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GType type = cases[i].get_type ();
      g_autoptr(GEnumClass) klass = NULL;
      GEnumValue *value;

      g_assert_true (G_TYPE_IS_ENUM (type));
      klass = g_type_class_ref (type);
      value = g_enum_get_value_by_nick (klass, cases[i].nick);
      g_assert_nonnull (value);
      g_assert_cmpint (value->value, ==, cases[i].value);
    }
}

/* A feed's kind, state and freshness are enum properties: bindings and
 * GValues carry the type, not a bare number. */
static void
test_enums_feed_properties (void)
{
  static const struct {
    const char *name;
    GType (*get_type) (void);
  } cases[] = {
    { "kind", vigie_feed_kind_get_type },
    { "state", vigie_feed_state_get_type },
    { "freshness", vigie_freshness_get_type },
  };
  g_autoptr(VigieFeed) feed = vigie_feed_new ("bikes", NULL, VIGIE_FEED_KIND_BIKES,
                                              "gbfs", "http://127.0.0.1:1/gbfs.json");
  GObjectClass *klass = G_OBJECT_GET_CLASS (feed);
  VigieFeedKind kind = VIGIE_FEED_KIND_TRAMS;
  VigieFeedState state = VIGIE_FEED_STATE_ERROR;
  VigieFreshness freshness = VIGIE_FRESHNESS_STALE;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, cases[i].name);

      g_assert_nonnull (pspec);
      g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
      g_assert_true (pspec->value_type == cases[i].get_type ());
    }

  g_object_get (feed,
                "kind", &kind,
                "state", &state,
                "freshness", &freshness,
                NULL);
  g_assert_cmpint (kind, ==, VIGIE_FEED_KIND_BIKES);
  g_assert_cmpint (state, ==, VIGIE_FEED_STATE_IDLE);
  g_assert_cmpint (freshness, ==, VIGIE_FRESHNESS_NO_DATA);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/enums/registered", test_enums_registered);
  g_test_add_func ("/enums/feed-properties", test_enums_feed_properties);

  return g_test_run ();
}
