/* test-layer-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "vigie-feed.h"
#include "vigie-layer-row.h"
#include "vigie-map-layer.h"
#include "vigie-store.h"
#include "vigie-test-ui.h"

/* A layer's row says what its store holds after every update, also one
 * that keeps the number of items: an operator's alert that comes to a
 * station. */

static VigieSnapshot *
one_station (gboolean with_alert)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();
  GVariantDict values;

  g_variant_dict_init (&values, NULL);
  g_variant_dict_insert (&values, "vehicles_available", "x", (gint64) 3);
  if (with_alert)
    {
      GVariantDict alert;
      GVariantBuilder alerts;

      g_variant_dict_init (&alert, NULL);
      g_variant_dict_insert (&alert, "id", "s", "21");
      g_variant_dict_insert (&alert, "summary", "s", "Station fermée pour travaux");
      g_variant_builder_init (&alerts, G_VARIANT_TYPE ("aa{sv}"));
      g_variant_builder_add_value (&alerts, g_variant_dict_end (&alert));
      g_variant_dict_insert_value (&values, "alerts", g_variant_builder_end (&alerts));
    }

  vigie_snapshot_add_entity (snapshot,
                             vigie_entity_new (VIGIE_ENTITY_STATION, "gare", "Gare Centrale",
                                               47.7418, 7.3423, 0, g_variant_dict_end (&values)));
  return snapshot;
}

static void
test_layer_row_counts_every_update (void)
{
  g_autoptr(VigieFeed) feed = vigie_feed_new ("bikes", "VéloCité", VIGIE_FEED_KIND_BIKES, "gbfs",
                                              "http://127.0.0.1:9/gbfs.json");
  g_autoptr(ShumateViewport) viewport = shumate_viewport_new ();
  g_autoptr(VigieSnapshot) before = one_station (FALSE);
  g_autoptr(VigieSnapshot) after = one_station (TRUE);
  VigieStore *store = vigie_feed_get_store (feed);
  VigieMapLayer *layer = vigie_map_layer_new_for_feed (viewport, feed);
  GtkWidget *row;
  const char *subtitle;

  g_object_ref_sink (layer);
  row = g_object_ref_sink (vigie_layer_row_new (layer));

  vigie_store_apply (store, before, 1000);
  subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  g_test_message ("before: %s", subtitle);
  g_assert_nonnull (strstr (subtitle, "1 station"));
  g_assert_null (strstr (subtitle, "alert"));

  /* Still one station: the row must count again all the same. */
  vigie_store_apply (store, after, 1010);
  subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  g_test_message ("after: %s", subtitle);
  g_assert_nonnull (strstr (subtitle, "1 station · 1 alert"));

  g_object_unref (row);
  g_object_unref (layer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("no display: skipping the layer row tests\n");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/layer-row/counts-every-update", test_layer_row_counts_every_update);

  return g_test_run ();
}
