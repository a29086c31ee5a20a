/* vigie-inspect.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-inspect"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>

#include "vigie-clock.h"
#include "vigie-feed.h"
#include "vigie-format.h"
#include "vigie-http-client.h"

/* Fetches and parses a feed with the app's own engine and prints what the
 * map would show: operators check a new feed with it before adding it. */

static char *format_id;
static char *output = (char *) "json";
static guint timeout_s = 60;

static const GOptionEntry entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &format_id,
    N_("The feed's format (gbfs, wifi-geojson, …); guessed when left out"), N_("FORMAT") },
  { "output", 'o', 0, G_OPTION_ARG_STRING, &output,
    N_("How to print the records: json or tsv"), N_("OUTPUT") },
  { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout_s,
    N_("Give up after this many seconds"), N_("SECONDS") },
  { NULL }
};

static JsonNode *
entity_to_json (VigieEntity *entity)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, vigie_entity_get_id (entity));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, vigie_entity_kind_to_string (vigie_entity_get_kind (entity)));
  json_builder_set_member_name (builder, "name");
  if (vigie_entity_get_name (entity))
    json_builder_add_string_value (builder, vigie_entity_get_name (entity));
  else
    json_builder_add_null_value (builder);
  if (vigie_entity_has_position (entity))
    {
      json_builder_set_member_name (builder, "latitude");
      json_builder_add_double_value (builder, vigie_entity_get_latitude (entity));
      json_builder_set_member_name (builder, "longitude");
      json_builder_add_double_value (builder, vigie_entity_get_longitude (entity));
    }
  json_builder_set_member_name (builder, "observed_at");
  json_builder_add_int_value (builder, vigie_entity_get_observed_at (entity));
  json_builder_set_member_name (builder, "values");
  json_builder_add_value (builder, json_gvariant_serialize (vigie_entity_get_values (entity)));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_json (const char   *format,
            GListModel   *entities,
            guint         n_records,
            guint         n_warnings,
            const char * const *warnings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, format);
  json_builder_set_member_name (builder, "records");
  json_builder_add_int_value (builder, n_records);
  json_builder_set_member_name (builder, "n_warnings");
  json_builder_add_int_value (builder, n_warnings);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    json_builder_add_string_value (builder, warnings[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "entities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(VigieEntity) entity = g_list_model_get_item (entities, i);

      json_builder_add_value (builder, entity_to_json (entity));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static char *
tsv_field (const char *text)
{
  /* Tabs and line breaks inside a value would break the columns. */
  return g_strdelimit (g_strdup (text ? text : ""), "\t\n\r", ' ');
}

static void
print_tsv (GListModel *entities)
{
  g_print ("id\tkind\tname\tlatitude\tlongitude\tobserved_at\tvalues\n");

  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(VigieEntity) entity = g_list_model_get_item (entities, i);
      g_autofree char *id = tsv_field (vigie_entity_get_id (entity));
      g_autofree char *name = tsv_field (vigie_entity_get_name (entity));
      g_autofree char *values = g_variant_print (vigie_entity_get_values (entity), FALSE);
      char lat[G_ASCII_DTOSTR_BUF_SIZE] = "";
      char lon[G_ASCII_DTOSTR_BUF_SIZE] = "";

      if (vigie_entity_has_position (entity))
        {
          /* Seven decimals: about a centimetre. */
          g_ascii_formatd (lat, sizeof lat, "%.7f", vigie_entity_get_latitude (entity));
          g_ascii_formatd (lon, sizeof lon, "%.7f", vigie_entity_get_longitude (entity));
        }

      g_print ("%s\t%s\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\n",
               id, vigie_entity_kind_to_string (vigie_entity_get_kind (entity)), name, lat, lon,
               vigie_entity_get_observed_at (entity), values);
    }
}

/* A file goes through the same parser, in this thread: there is no main
 * loop to keep responsive. */
static gboolean
inspect_file (const VigieFormat *format,
              GBytes            *bytes,
              const char        *path)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GListStore) entities = g_list_store_new (VIGIE_TYPE_ENTITY);
  g_autoptr(GError) error = NULL;
  VigieParseContext context = {
    .now = vigie_clock_now (),
    .language = g_get_language_names ()[0],
  };

  snapshot = format->parse (VIGIE_ROLE_MAIN, bytes, &context, &error);
  if (snapshot == NULL)
    {
      g_printerr (_("%s: unusable %s data: %s\n"), path, format->id, error->message);
      return FALSE;
    }

  if (format->combine != NULL)
    {
      g_autoptr(GHashTable) roles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) vigie_snapshot_unref);
      VigieSnapshot *combined;

      g_hash_table_insert (roles, (gpointer) VIGIE_ROLE_MAIN, vigie_snapshot_ref (snapshot));
      combined = format->combine (roles, &context);
      g_clear_pointer (&snapshot, vigie_snapshot_unref);
      snapshot = combined;
    }

  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    g_list_store_append (entities, vigie_snapshot_get_entity (snapshot, i));

  if (g_strcmp0 (output, "tsv") == 0)
    print_tsv (G_LIST_MODEL (entities));
  else
    print_json (format->id, G_LIST_MODEL (entities),
                vigie_snapshot_get_n_records (snapshot),
                vigie_snapshot_get_n_warnings (snapshot),
                vigie_snapshot_get_warnings (snapshot));

  for (const char * const *w = vigie_snapshot_get_warnings (snapshot); *w; w++)
    g_printerr (_("warning: %s\n"), *w);

  return TRUE;
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
inspect_url (const char *url)
{
  g_autoptr(VigieHttpClient) client = NULL;
  g_autoptr(VigieFeed) feed = NULL;
  g_autofree char *user_agent = NULL;
  gboolean timed_out = FALSE;
  const char * const *warnings;
  VigieStore *store;

  if (format_id == NULL)
    {
      g_printerr (_("Give the format of an address with --format (one of: %s)\n"), "gbfs, wifi-geojson");
      return FALSE;
    }

  user_agent = g_strdup_printf ("Vigie/%s (+%s) vigie-inspect", PACKAGE_VERSION, PACKAGE_URL);
  client = vigie_http_client_new (user_agent);
  feed = vigie_feed_new ("inspect", NULL, VIGIE_FEED_KIND_TRAMS, format_id, url);
  g_timeout_add_seconds (timeout_s, on_timeout_cb, &timed_out);

  vigie_feed_start (feed, client);
  /* Settled: every document polled and combined, the linked ones too. */
  while (!timed_out && vigie_feed_get_last_error (feed) == NULL && !vigie_feed_is_settled (feed))
    g_main_context_iteration (NULL, TRUE);
  vigie_feed_stop (feed);

  if (vigie_feed_get_last_error (feed) != NULL)
    {
      g_printerr (_("%s: %s\n"), url, vigie_feed_get_last_error (feed));
      return FALSE;
    }

  if (timed_out)
    {
      g_printerr (_("%s: no answer within %u s\n"), url, timeout_s);
      return FALSE;
    }

  store = vigie_feed_get_store (feed);
  warnings = vigie_feed_get_warnings (feed);

  if (g_strcmp0 (output, "tsv") == 0)
    print_tsv (G_LIST_MODEL (store));
  else
    print_json (format_id, G_LIST_MODEL (store),
                vigie_feed_get_n_records (feed), vigie_feed_get_n_warnings (feed), warnings);

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_printerr (_("warning: %s\n"), warnings[i]);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *target;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("ADDRESS-OR-FILE — print what Vigie reads from a feed"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (argc != 2)
    {
      g_printerr (_("Give one address or file to inspect; see --help\n"));
      return 2;
    }

  if (g_strcmp0 (output, "json") != 0 && g_strcmp0 (output, "tsv") != 0)
    {
      g_printerr (_("Unknown output “%s”: use json or tsv\n"), output);
      return 2;
    }

  if (format_id != NULL && vigie_format_lookup (format_id) == NULL)
    {
      g_printerr (_("Unknown format “%s”\n"), format_id);
      return 2;
    }

  target = argv[1];

  if (g_str_has_prefix (target, "http://") || g_str_has_prefix (target, "https://"))
    return inspect_url (target) ? 0 : 1;
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (target);
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
      const VigieFormat *format;

      if (bytes == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      format = format_id ? vigie_format_lookup (format_id) : vigie_format_sniff (NULL, bytes);
      if (format == NULL)
        {
          g_printerr (_("%s: not a format Vigie knows; give one with --format\n"), target);
          return 1;
        }

      return inspect_file (format, bytes, target) ? 0 : 1;
    }
}
