/* vigie-format-unifi.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-unifi"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "vigie-formats.h"
#include "vigie-json.h"
#include "vigie-unifi-private.h"
#include "vigie-hash.h"

/* Public Wi-Fi load from a UniFi Network controller's device list,
 * GET /api/s/<site>/stat/device (or /proxy/network/api/s/<site>/stat/device
 * on UniFi OS): {"meta": {"rc": "ok"}, "data": [{"mac", "name", "type":
 * "uap", "state", "num_sta", "user-num_sta", "guest-num_sta",
 * "last_seen", ...}]}.
 *
 * The controller knows access points, not places, and no coordinates: the
 * feed's options carry a site table that maps each access point (by MAC
 * address or by its name in the controller) to a place:
 *
 *   site.<access point> = <place id>;<place name>;<latitude>;<longitude>;<capacity>
 *
 * (in a profile: Option.site.74:83:c2:aa:bb:01=reunion;Place de la
 * Réunion;47.7467;7.3386;120). Later access points of a place already
 * described may give its id alone. The capacity may be left empty. The
 * option "clients" chooses what is counted: "all" devices (num_sta, the
 * default) or "guest" devices only (guest-num_sta, the public network).
 * See docs/wifi-geojson.md, "UniFi controllers".
 *
 * The result is the same hotspots as the neutral wifi-geojson format:
 * VIGIE_ENTITY_HOTSPOT per place with "clients", "capacity", "aps_up" and
 * "aps_total" (x each). Only aggregated counts per place are kept. This
 * parser reads no member of a device but the ones above: never a
 * client's MAC address, name or session, even when the controller sends
 * them (GDPR). An access point counts as up when its state is 1
 * (connected); the clients of the others are not counted, their numbers
 * being stale. Access points absent from the site table are counted in one
 * warning and not shown; those of the table that the controller does not
 * list count as installed and down.
 *
 * Without a site table, each access point is listed on its own, without
 * a position (vigie-inspect shows them; the map cannot), with a warning
 * that says how to place them: VIGIE_ENTITY_HOTSPOT whose id is its MAC
 * address (else its name) and name its name, with "clients" (x, when it
 * is connected), "aps_up" and "aps_total" (x, 0 or 1 and 1), "state" (s,
 * see state_names) and "model" (s, as the controller writes it: "U6LR").
 * Switches (usw), gateways (ugw, uxg) and consoles (udm) are left out.
 *
 * A stat/health answer is read by vigie-unifi-health.c. */

/* The controller's device states, by number. */
static const char * const state_names[] = {
  "disconnected", "connected", "pending", "firmware_mismatch", "upgrading", "provisioning",
  "heartbeat_missed", "adopting", "deleting", "inform_error", "adoption_failed", "isolated",
};

typedef struct
{
  char   *id;
  char   *name;
  double  latitude;
  double  longitude;
  gint64  capacity;     /* -1: not given */
  gint64  clients;
  gint64  aps_up;
  gint64  aps_total;
  gint64  last_seen;
} Place;

typedef struct
{
  Place    *place;
  gboolean  seen;
} TableEntry;

typedef struct
{
  GHashTable *places;     /* id → Place */
  GHashTable *entries;    /* normalized access point key → TableEntry */
} SiteTable;

/*
 * Auxiliary methods
 */

static void
place_free (Place *place)
{
  g_free (place->id);
  g_free (place->name);
  g_free (place);
}

static void
site_table_clear (SiteTable *table)
{
  g_clear_pointer (&table->places, g_hash_table_unref);
  g_clear_pointer (&table->entries, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SiteTable, site_table_clear)

/* "74:83:C2:AA:BB:01", "74-83-c2-aa-bb-01" and "7483c2aabb01" are one
 * MAC address; anything else is a name, matched without regard to case. */
static char *
normalize_key (const char *key)
{
  g_autoptr(GString) hex = g_string_new (NULL);

  for (const char *p = key; *p != '\0'; p++)
    {
      if (g_ascii_isxdigit (*p))
        g_string_append_c (hex, g_ascii_tolower (*p));
      else if (*p != ':' && *p != '-' && *p != '.')
        break;
    }

  if (hex->len == 12 && strspn (key, "0123456789abcdefABCDEF:-.") == strlen (key))
    return g_strconcat ("mac:", hex->str, NULL);

  {
    g_autofree char *folded = g_utf8_casefold (key, -1);

    return g_strconcat ("name:", folded, NULL);
  }
}

static gboolean
parse_coordinate (const char *text,
                  double      limit,
                  double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  *value = g_ascii_strtod (copy, &end);

  return end != copy && *end == '\0' && isfinite (*value) && fabs (*value) <= limit;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Reads the site.* options; a line that cannot be used is skipped with
 * a warning. */
static void
read_site_table (GHashTable    *options,
                 SiteTable     *table,
                 VigieSnapshot *snapshot)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  table->places = g_hash_table_new_full (vigie_str_hash, g_str_equal, NULL, (GDestroyNotify) place_free);
  table->entries = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);

  if (options == NULL)
    return;

  /* Sorted, so that which line describes a place does not depend on the
   * hash table's order. Lines with the place's details come first. */
  keys = g_hash_table_get_keys_as_array (options, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_strings);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_keys; i++)
      {
        const char *key = keys[i];
        const char *value = g_hash_table_lookup (options, key);
        g_auto(GStrv) fields = NULL;
        g_autofree char *place_id = NULL;
        TableEntry *entry;
        Place *place;
        guint n_fields;

        if (!g_str_has_prefix (key, "site.") || key[5] == '\0' || value == NULL)
          continue;

        fields = g_strsplit (value, ";", -1);
        n_fields = g_strv_length (fields);
        place_id = g_strstrip (g_strdup (n_fields > 0 ? fields[0] : ""));

        /* First the lines that describe places, then those naming one. */
        if ((pass == 0) != (n_fields > 1))
          continue;

        if (*place_id == '\0' || (n_fields != 1 && n_fields != 4 && n_fields != 5))
          {
            vigie_snapshot_add_warning (snapshot,
                                        _("Site table: “%s” is not “place id;name;latitude;longitude;capacity”, ignored"),
                                        key);
            continue;
          }

        place = g_hash_table_lookup (table->places, place_id);
        if (n_fields > 1 && place == NULL)
          {
            double latitude, longitude;
            gint64 capacity = -1;
            g_autofree char *name = g_strstrip (g_strdup (fields[1]));
            g_autofree char *capacity_text = g_strstrip (g_strdup (n_fields == 5 ? fields[4] : ""));

            if (!parse_coordinate (fields[2], 90.0, &latitude) ||
                !parse_coordinate (fields[3], 180.0, &longitude) ||
                (latitude == 0.0 && longitude == 0.0))
              {
                vigie_snapshot_add_warning (snapshot,
                                            _("Site table: “%s” has no usable position, ignored"), key);
                continue;
              }

            if (*capacity_text != '\0' &&
                !g_ascii_string_to_signed (capacity_text, 10, 0, G_MAXINT32, &capacity, NULL))
              {
                vigie_snapshot_add_warning (snapshot,
                                            _("Site table: “%s” has an unreadable capacity, ignored"), key);
                capacity = -1;
              }

            place = g_new0 (Place, 1);
            place->id = g_steal_pointer (&place_id);
            place->name = *name != '\0' ? g_steal_pointer (&name) : NULL;
            place->latitude = latitude;
            place->longitude = longitude;
            place->capacity = capacity;
            g_hash_table_insert (table->places, place->id, place);
          }
        else if (place == NULL)
          {
            vigie_snapshot_add_warning (snapshot,
                                        _("Site table: “%s” names a place that no line describes, ignored"),
                                        key);
            continue;
          }

        entry = g_new0 (TableEntry, 1);
        entry->place = place;
        g_hash_table_replace (table->entries, normalize_key (key + strlen ("site.")), entry);
      }
}

static TableEntry *
lookup_access_point (SiteTable  *table,
                     JsonObject *device)
{
  const char *members[] = { "mac", "name" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *text = vigie_json_get_string (device, members[i]);
      g_autofree char *key = NULL;
      TableEntry *entry;

      if (text == NULL)
        continue;

      key = normalize_key (text);
      if ((entry = g_hash_table_lookup (table->entries, key)) != NULL)
        return entry;
    }

  return NULL;
}

/* The device's client count: only these members are ever read. */
static gboolean
read_clients (JsonObject *device,
              gboolean    guests_only,
              gint64     *clients)
{
  gint64 users, guests;

  if (guests_only)
    return vigie_json_get_int (device, "guest-num_sta", clients);

  if (vigie_json_get_int (device, "num_sta", clients))
    return TRUE;

  if (vigie_json_get_int (device, "user-num_sta", &users) &&
      vigie_json_get_int (device, "guest-num_sta", &guests))
    {
      *clients = users + guests;
      return TRUE;
    }

  return FALSE;
}

/* Device @i of @data when it is an access point; NULL for the other
 * devices, and with a warning for what is not a device. */
static JsonObject *
get_access_point (JsonArray     *data,
                  guint          i,
                  VigieSnapshot *snapshot)
{
  JsonNode *node = json_array_get_element (data, i);
  JsonObject *device;
  const char *type;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      vigie_snapshot_add_warning (snapshot, _("Device %u is not an object: skipped"), i + 1);
      return NULL;
    }

  device = json_node_get_object (node);
  type = vigie_json_get_string (device, "type");
  /* Switches and gateways carry no Wi-Fi clients. */
  if (type != NULL && !g_str_equal (type, "uap"))
    return NULL;

  return device;
}

/* No site table: each access point alone, with no position. */
static void
list_access_points (VigieSnapshot           *snapshot,
                    JsonArray               *data,
                    gboolean                 guests_only,
                    const VigieParseContext *context)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);
  guint n_listed = 0;

  vigie_snapshot_add_records (snapshot, json_array_get_length (data));

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
      g_autofree char *id = NULL;
      const char *name, *mac, *model;
      gint64 state, clients, last_seen;
      JsonObject *device;
      gboolean up;

      if (!(device = get_access_point (data, i, snapshot)))
        continue;

      name = vigie_json_get_string (device, "name");
      mac = vigie_json_get_string (device, "mac");
      if (mac == NULL && name == NULL)
        {
          vigie_snapshot_add_warning (snapshot, _("Access point %u has neither a MAC address nor a name: skipped"), i + 1);
          continue;
        }
      /* One spelling of a MAC address: the controller's, in lower case. */
      id = mac != NULL ? g_ascii_strdown (mac, -1) : g_strdup (name);

      if (g_hash_table_contains (seen, id))
        continue;
      g_hash_table_add (seen, g_strdup (id));

      up = vigie_json_get_int (device, "state", &state) && state == 1;
      if (vigie_json_get_int (device, "state", &state))
        g_variant_dict_insert (&values, "state", "s",
                               state >= 0 && state < (gint64) G_N_ELEMENTS (state_names) ? state_names[state] : "unknown");
      if ((model = vigie_json_get_string (device, "model")))
        g_variant_dict_insert (&values, "model", "s", model);
      /* A count of an access point that is down is stale. */
      if (up && read_clients (device, guests_only, &clients))
        g_variant_dict_insert (&values, "clients", "x", MAX (clients, 0));
      g_variant_dict_insert (&values, "aps_up", "x", (gint64) (up ? 1 : 0));
      g_variant_dict_insert (&values, "aps_total", "x", (gint64) 1);

      if (!vigie_json_get_int (device, "last_seen", &last_seen) || last_seen <= 0)
        last_seen = context != NULL ? context->now : 0;

      vigie_snapshot_add_entity (snapshot,
                                 vigie_entity_new (VIGIE_ENTITY_HOTSPOT, id, name, NAN, NAN, last_seen,
                                                   g_variant_dict_end (&values)));
      n_listed++;
    }

  vigie_snapshot_add_warning (snapshot,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "No access point is mapped to a place, so %u access point is listed "
                                           "without a position: set the feed’s options "
                                           "site.<access point>=<place id>;<name>;<latitude>;<longitude>;<capacity>",
                                           "No access point is mapped to a place, so %u access points are listed "
                                           "without a position: set the feed’s options "
                                           "site.<access point>=<place id>;<name>;<latitude>;<longitude>;<capacity>",
                                           n_listed),
                              n_listed);
}

/*
 * Format implementation
 */

static VigieSnapshot *
unifi_parse (const char              *role,
             GBytes                  *bytes,
             const VigieParseContext *context,
             GError                 **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(SiteTable) table = { NULL, NULL };
  g_autofree gpointer *place_ids = NULL;
  GHashTable *options = context != NULL ? context->options : NULL;
  const char *clients_option = options != NULL ? g_hash_table_lookup (options, "clients") : NULL;
  gboolean guests_only = g_strcmp0 (clients_option, "guest") == 0;
  JsonObject *object, *meta;
  JsonArray *data;
  GHashTableIter iter;
  TableEntry *entry;
  guint n_unknown = 0, n_missing = 0, n_places = 0;
  const char *rc;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!(root = vigie_json_parse_bytes (bytes, error)))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The document is not a UniFi controller’s answer"));
      return NULL;
    }

  object = json_node_get_object (root);
  meta = vigie_json_get_object (object, "meta");
  rc = vigie_json_get_string (meta, "rc");
  if (rc != NULL && !g_str_equal (rc, "ok"))
    {
      const char *message = vigie_json_get_string (meta, "msg");

      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                   _("The UniFi controller refused the request: %s"),
                   message != NULL ? message : rc);
      return NULL;
    }

  if (!(data = vigie_json_get_array (object, "data")))
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The document is not a UniFi controller’s answer"));
      return NULL;
    }

  if (vigie_unifi_is_health (data))
    return vigie_unifi_read_health (data, context);

  snapshot = vigie_format_new_snapshot (context);
  read_site_table (options, &table, snapshot);
  if (g_hash_table_size (table.entries) == 0)
    {
      list_access_points (snapshot, data, guests_only, context);
      return g_steal_pointer (&snapshot);
    }

  vigie_snapshot_add_records (snapshot, json_array_get_length (data));

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *device;
      gint64 state, clients, last_seen;

      if (!(device = get_access_point (data, i, snapshot)))
        continue;

      if (!(entry = lookup_access_point (&table, device)))
        {
          n_unknown++;
          continue;
        }

      /* One access point listed twice counts once. */
      if (entry->seen)
        continue;
      entry->seen = TRUE;
      entry->place->aps_total++;

      if (!vigie_json_get_int (device, "state", &state) || state != 1)
        continue;

      entry->place->aps_up++;
      if (vigie_json_get_int (device, "last_seen", &last_seen))
        entry->place->last_seen = MAX (entry->place->last_seen, last_seen);

      if (!read_clients (device, guests_only, &clients))
        {
          vigie_snapshot_add_warning (snapshot,
                                      _("Access point %u of place %s has no client count"),
                                      i + 1, entry->place->id);
          continue;
        }
      if (clients < 0)
        {
          vigie_snapshot_add_warning (snapshot,
                                      _("Access point %u of place %s: negative client count (%lld), counted as 0"),
                                      i + 1, entry->place->id, (long long) clients);
          clients = 0;
        }
      entry->place->clients += clients;
    }

  /* In the table, unknown to the controller: installed, and down. */
  g_hash_table_iter_init (&iter, table.entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (!entry->seen)
      {
        entry->place->aps_total++;
        n_missing++;
      }

  if (n_unknown > 0)
    vigie_snapshot_add_warning (snapshot,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u access point is not in the site table: not shown",
                                             "%u access points are not in the site table: not shown",
                                             n_unknown),
                                n_unknown);
  if (n_missing > 0)
    vigie_snapshot_add_warning (snapshot,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u access point of the site table is unknown to the controller: counted as down",
                                             "%u access points of the site table are unknown to the controller: counted as down",
                                             n_missing),
                                n_missing);

  place_ids = g_hash_table_get_keys_as_array (table.places, &n_places);
  qsort (place_ids, n_places, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n_places; i++)
    {
      Place *place = g_hash_table_lookup (table.places, place_ids[i]);
      g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

      /* Described, but no access point of the table points at it. */
      if (place->aps_total == 0)
        continue;

      g_variant_dict_insert (&values, "clients", "x", place->clients);
      if (place->capacity >= 0)
        g_variant_dict_insert (&values, "capacity", "x", place->capacity);
      g_variant_dict_insert (&values, "aps_up", "x", place->aps_up);
      g_variant_dict_insert (&values, "aps_total", "x", place->aps_total);

      vigie_snapshot_add_entity (snapshot,
                                 vigie_entity_new (VIGIE_ENTITY_HOTSPOT,
                                                   place->id,
                                                   place->name,
                                                   place->latitude, place->longitude,
                                                   place->last_seen > 0 ? place->last_seen :
                                                   context != NULL ? context->now : 0,
                                                   g_variant_dict_end (&values)));
    }

  return g_steal_pointer (&snapshot);
}

static gboolean
unifi_sniff (const char *content_type,
             GBytes     *bytes)
{
  g_autofree char *head = vigie_format_sniff_head (bytes);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (head == NULL)
    return FALSE;

  if (strstr (head, "\"meta\"") != NULL && strstr (head, "\"rc\"") != NULL &&
      strstr (head, "\"data\"") != NULL)
    return TRUE;

  /* Controllers that write "data" first put "meta" after a list of
   * devices that is often hundreds of kilobytes long: look at the end,
   * as much of it as of the start. */
  if (size > VIGIE_FORMAT_SNIFF_SIZE && strstr (head, "\"data\"") != NULL)
    {
      g_autofree char *tail = g_strndup (data + size - VIGIE_FORMAT_SNIFF_SIZE, VIGIE_FORMAT_SNIFF_SIZE);

      return strstr (tail, "\"meta\"") != NULL && strstr (tail, "\"rc\"") != NULL;
    }

  return FALSE;
}

/* A controller wants a login first: Option.login names where to POST
 * {"username", "password"}, the user name from Option.username, the
 * password from the keyring. */
static const char *
unifi_login_path (GHashTable *options)
{
  const char *login = options != NULL ? g_hash_table_lookup (options, "login") : NULL;

  return login != NULL && *login != '\0' ? login : NULL;
}

static GBytes *
unifi_login_body (GHashTable  *options,
                  const char  *secret,
                  const char **content_type)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *username = options != NULL ? g_hash_table_lookup (options, "username") : NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username ? username : "");
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, secret);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  *content_type = "application/json";
  return g_bytes_new_take (text, strlen (text));
}

const VigieFormat vigie_format_unifi = {
  .id = "unifi",
  .name = N_("Wi-Fi load (UniFi controller)"),
  .default_kind = VIGIE_FEED_KIND_WIFI,
  .min_interval_s = 30,
  .parse = unifi_parse,
  .sniff = unifi_sniff,
  .login_path = unifi_login_path,
  .login_body = unifi_login_body,
};
