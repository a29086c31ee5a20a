/* vigie-unifi-health.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-unifi-health"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-json.h"
#include "vigie-unifi-private.h"
#include "vigie-hash.h"

/* GET /api/s/<site>/stat/health: {"meta": {"rc": "ok"}, "data":
 * [{"subsystem": "wlan", "status": "ok", "num_ap", "num_adopted",
 * "num_disconnected", "num_pending", "num_user", "num_guest", ...},
 * {"subsystem": "wan", ...}, {"subsystem": "www", ...}, {"subsystem":
 * "lan", ...}, {"subsystem": "vpn", ...}]: the state of each part of a
 * site's network.
 *
 * Each subsystem becomes a VIGIE_ENTITY_HOTSPOT without a position (it is
 * no place: the map leaves it out, vigie-inspect and the details list
 * it), id and name its subsystem, with these values when the controller
 * gives them:
 *
 *   subsystem       s   wlan, wan, www, lan, vpn…
 *   status          s   ok, warning, error, unknown, as written
 *   clients         x   num_user + num_guest
 *   devices         x   num_adopted (access points for wlan, switches
 *                       for lan, gateways for wan)
 *   devices_down    x   num_disconnected
 *   devices_pending x   num_pending
 *   aps_up, aps_total x for wlan: num_ap − num_disconnected, num_ap
 *
 * A subsystem whose status is warning or error is also said in a
 * warning. Nothing else is read: not the gateway's addresses, the ISP or
 * the throughput. */

/**
 * vigie_unifi_is_health:
 * @data: the answer's data
 *
 * Returns: whether @data is a stat/health answer: its first object names
 *   a subsystem
 */
gboolean
vigie_unifi_is_health (JsonArray *data)
{
  g_return_val_if_fail (data != NULL, FALSE);

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        return json_object_has_member (json_node_get_object (node), "subsystem");
    }

  return FALSE;
}

static void
add_count (GVariantDict *values,
           const char   *key,
           JsonObject   *object,
           const char   *member)
{
  gint64 count;

  if (vigie_json_get_int (object, member, &count) && count >= 0)
    g_variant_dict_insert (values, key, "x", count);
}

/**
 * vigie_unifi_read_health:
 * @data: the answer's data, a stat/health one
 * @context: (nullable): the parse context
 *
 * Returns: (transfer full): one entity per subsystem, without a position
 */
VigieSnapshot *
vigie_unifi_read_health (JsonArray               *data,
                         const VigieParseContext *context)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_format_new_snapshot (context);
  g_autoptr(GHashTable) seen = g_hash_table_new (vigie_str_hash, g_str_equal);
  gint64 now = context != NULL ? context->now : 0;

  g_return_val_if_fail (data != NULL, NULL);

  vigie_snapshot_add_records (snapshot, json_array_get_length (data));

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);
      g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
      const char *subsystem, *status;
      JsonObject *object;
      gint64 users, guests, aps, down;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          vigie_snapshot_add_warning (snapshot, _("Subsystem %u is not an object: skipped"), i + 1);
          continue;
        }

      object = json_node_get_object (node);
      if (!(subsystem = vigie_json_get_string (object, "subsystem")))
        {
          vigie_snapshot_add_warning (snapshot, _("Subsystem %u has no name: skipped"), i + 1);
          continue;
        }
      if (g_hash_table_contains (seen, subsystem))
        {
          vigie_snapshot_add_warning (snapshot, _("Subsystem %s appears more than once: the first is kept"), subsystem);
          continue;
        }
      g_hash_table_add (seen, (gpointer) subsystem);

      g_variant_dict_insert (&values, "subsystem", "s", subsystem);
      status = vigie_json_get_string (object, "status");
      if (status != NULL)
        {
          g_variant_dict_insert (&values, "status", "s", status);
          if (g_str_equal (status, "warning") || g_str_equal (status, "error"))
            vigie_snapshot_add_warning (snapshot, _("The controller reports its %s subsystem in state “%s”"),
                                        subsystem, status);
        }

      if (vigie_json_get_int (object, "num_user", &users) && users >= 0)
        {
          if (!vigie_json_get_int (object, "num_guest", &guests) || guests < 0)
            guests = 0;
          g_variant_dict_insert (&values, "clients", "x", users + guests);
        }
      add_count (&values, "devices", object, "num_adopted");
      add_count (&values, "devices_down", object, "num_disconnected");
      add_count (&values, "devices_pending", object, "num_pending");

      if (g_str_equal (subsystem, "wlan") && vigie_json_get_int (object, "num_ap", &aps) && aps >= 0)
        {
          if (!vigie_json_get_int (object, "num_disconnected", &down) || down < 0)
            down = 0;
          g_variant_dict_insert (&values, "aps_up", "x", MAX (aps - down, 0));
          g_variant_dict_insert (&values, "aps_total", "x", aps);
        }

      vigie_snapshot_add_entity (snapshot,
                                 vigie_entity_new (VIGIE_ENTITY_HOTSPOT, subsystem, subsystem, NAN, NAN, now,
                                                   g_variant_dict_end (&values)));
    }

  return g_steal_pointer (&snapshot);
}
