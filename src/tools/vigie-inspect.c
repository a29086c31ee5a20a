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
#include "vigie-inspect-departures.h"

/* Fetches and parses a feed with the app's own engine and prints what the
 * map would show: operators check a new feed with it before adding it. */

static char *format_id;
static char *output = (char *) "json";
static guint timeout_s = 60;
static char *departures_stop;
static char *at_text;

static const GOptionEntry entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &format_id,
    N_("The feed's format (gbfs, wifi-geojson, …); guessed when left out"), N_("FORMAT") },
  { "output", 'o', 0, G_OPTION_ARG_STRING, &output,
    N_("How to print the records: json or tsv"), N_("OUTPUT") },
  { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout_s,
    N_("Give up after this many seconds"), N_("SECONDS") },
  { "departures", 'd', 0, G_OPTION_ARG_STRING, &departures_stop,
    N_("Print the next departures and arrivals of this stop (a GTFS timetable and its trip updates, or StopMonitoring)"),
    N_("STOP") },
  { "at", 0, 0, G_OPTION_ARG_STRING, &at_text,
    N_("The moment of the departures (ISO 8601); now when left out"), N_("TIME") },
  { NULL }
};

/*
 * Output
 */

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
  text = json_to_string (root, TRUE);
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

/*
 * Input
 */

/* One document given on the command line, a file's or an address's. */
typedef struct
{
  const char *name;
  GBytes     *bytes;
  char       *content_type;
} Input;

static void
input_clear (Input *input)
{
  g_clear_pointer (&input->bytes, g_bytes_unref);
  g_clear_pointer (&input->content_type, g_free);
}

static gboolean
is_address (const char *target)
{
  return g_str_has_prefix (target, "http://") || g_str_has_prefix (target, "https://");
}

static VigieHttpClient *
new_client (void)
{
  g_autofree char *user_agent = g_strdup_printf ("Vigie/%s (+%s) vigie-inspect", PACKAGE_VERSION, PACKAGE_URL);
  VigieHttpClient *client = vigie_http_client_new (user_agent);

  vigie_http_client_set_request_timeout (client, timeout_s);

  return client;
}

typedef struct
{
  gboolean           done;
  VigieHttpResponse *response;
  GError            *error;
} Fetch;

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->response = vigie_http_client_fetch_finish (VIGIE_HTTP_CLIENT (object), result, &fetch->error);
  fetch->done = TRUE;
}

/* One GET, waited for: there is no window to keep responsive. */
static gboolean
fetch_input (VigieHttpClient *client,
             Input           *input)
{
  g_autoptr(VigieHttpResponse) response = NULL;
  Fetch fetch = { 0 };

  vigie_http_client_fetch_async (client, input->name, NULL, NULL, 0, NULL, on_fetched_cb, &fetch);
  while (!fetch.done)
    g_main_context_iteration (NULL, TRUE);

  response = fetch.response;
  if (response == NULL)
    {
      g_printerr (_("%s: %s\n"), input->name, fetch.error->message);
      g_error_free (fetch.error);
      return FALSE;
    }

  if (response->status < 200 || response->status >= 300)
    {
      g_printerr (_("%s: the server answered HTTP %u\n"), input->name, response->status);
      return FALSE;
    }

  if (response->body == NULL || g_bytes_get_size (response->body) == 0)
    {
      g_printerr (_("%s: the server sent an empty answer\n"), input->name);
      return FALSE;
    }

  input->bytes = g_bytes_ref (response->body);
  input->content_type = g_strdup (response->content_type);

  return TRUE;
}

static gboolean
load_input (VigieHttpClient *client,
            Input           *input)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (is_address (input->name))
    return fetch_input (client, input);

  file = g_file_new_for_commandline_arg (input->name);
  input->bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (input->bytes == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

/*
 * Inspecting documents
 */

/* The format given, or the one every document is in. */
static const VigieFormat *
find_format (Input *inputs,
             guint  n_inputs)
{
  const VigieFormat *format = NULL;

  if (format_id != NULL)
    return vigie_format_lookup (format_id);

  for (guint i = 0; i < n_inputs; i++)
    {
      const VigieFormat *found = vigie_format_sniff (inputs[i].content_type, inputs[i].bytes);

      if (found == NULL)
        {
          g_printerr (_("%s: not a format Vigie knows; give one with --format\n"), inputs[i].name);
          return NULL;
        }

      /* A timetable's trip updates, for its departures. */
      if (departures_stop != NULL && format != NULL && g_str_equal (format->id, "gtfs") &&
          g_str_equal (found->id, "gtfs-rt"))
        continue;

      if (format != NULL && format != found)
        {
          g_printerr (_("%s is %s data but %s is %s data: give the documents of one feed\n"),
                      inputs[0].name, format->id, inputs[i].name, found->id);
          return NULL;
        }

      format = found;
    }

  return format;
}

static void
print_entities (const char         *format,
                GListModel         *entities,
                guint               n_records,
                guint               n_warnings,
                const char * const *warnings)
{
  if (g_strcmp0 (output, "tsv") == 0)
    print_tsv (entities);
  else
    print_json (format, entities, n_records, n_warnings, warnings);

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_printerr (_("warning: %s\n"), warnings[i]);
}

/* What is missing, when the documents combine into nothing to show. */
static char *
describe_missing (const VigieFormat *format,
                  GHashTable        *snapshots_by_role)
{
  if (format->describe_missing == NULL)
    return NULL;

  return format->describe_missing (snapshots_by_role);
}

/* Documents go through the same parsers, in this thread, each as a feed's
 * own document, then through the format's combine(): a DATEX II table and
 * its status, or the GBFS documents of one system. */
static gboolean
inspect_documents (const VigieFormat *format,
                   Input             *inputs,
                   guint              n_inputs)
{
  g_autoptr(GHashTable) roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) vigie_snapshot_unref);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GListStore) entities = g_list_store_new (VIGIE_TYPE_ENTITY);
  VigieParseContext context = {
    .now = vigie_clock_now (),
    .language = g_get_language_names ()[0],
  };

  if (at_text != NULL && !vigie_clock_parse_time (at_text, NULL, &context.now))
    {
      g_printerr (_("“%s” is not a date and time\n"), at_text);
      return FALSE;
    }

  if (n_inputs > 1 && format->combine == NULL)
    {
      g_printerr (_("%s data comes as one document: give one file or address\n"), format->id);
      return FALSE;
    }

  for (guint i = 0; i < n_inputs; i++)
    {
      g_autoptr(GError) error = NULL;
      VigieSnapshot *part;

      const char *role = VIGIE_ROLE_MAIN;

      /* Beside a timetable, the others are its trip updates. */
      if (departures_stop != NULL && i > 0 && vigie_format_follows (format, "trip-updates"))
        role = "trip-updates";

      context.base_url = is_address (inputs[i].name) ? inputs[i].name : NULL;
      part = format->parse (role, inputs[i].bytes, &context, &error);
      if (part == NULL)
        {
          g_printerr (_("%s: unusable %s data: %s\n"), inputs[i].name, format->id, error->message);
          return FALSE;
        }

      /* Every document read as the feed's own, each under a key of its own. */
      g_hash_table_insert (roles,
                           i == 0 ? g_strdup (VIGIE_ROLE_MAIN) :
                           !g_str_equal (role, VIGIE_ROLE_MAIN) ? g_strdup (role) : g_strdup_printf ("%s-%u", VIGIE_ROLE_MAIN, i + 1),
                           part);
    }
  context.base_url = NULL;

  if (format->combine != NULL)
    snapshot = format->combine (roles, &context);
  else
    snapshot = vigie_snapshot_ref (g_hash_table_lookup (roles, VIGIE_ROLE_MAIN));

  if (snapshot == NULL || vigie_snapshot_get_n_entities (snapshot) == 0)
    {
      g_autofree char *missing = describe_missing (format, roles);

      if (missing != NULL || snapshot == NULL)
        {
          g_printerr ("%s: %s\n", inputs[0].name,
                      missing ? missing : _("these documents are not enough to show anything: give the feed’s other documents too"));
          return FALSE;
        }
    }

  if (departures_stop != NULL)
    return vigie_inspect_print_departures (snapshot, departures_stop, context.now, g_strcmp0 (output, "tsv") == 0);

  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    g_list_store_append (entities, vigie_snapshot_get_entity (snapshot, i));

  print_entities (format->id, G_LIST_MODEL (entities),
                  vigie_snapshot_get_n_records (snapshot),
                  vigie_snapshot_get_n_warnings (snapshot),
                  vigie_snapshot_get_warnings (snapshot));

  return TRUE;
}

/*
 * Inspecting an address
 */

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* One address goes through the feed engine itself, which follows the
 * documents it links to (a GBFS gbfs.json, the pages of a broker). */
static gboolean
inspect_url (VigieHttpClient   *client,
             const VigieFormat *format,
             Input             *input)
{
  g_autoptr(VigieFeed) feed = NULL;
  const char *url = input->name;
  gboolean timed_out = FALSE;
  gboolean failed;
  guint timeout_id;
  VigieStore *store;

  feed = vigie_feed_new ("inspect", NULL, VIGIE_FEED_KIND_TRAMS, format->id, url);
  timeout_id = g_timeout_add_seconds (timeout_s, on_timeout_cb, &timed_out);

  vigie_feed_start (feed, client);
  /* Settled: every document polled and combined, the linked ones too.
   * An optional document that fails (a GBFS system's alerts) is only a
   * warning: the feed's state says whether one it needs failed. */
  while (!timed_out && vigie_feed_get_state (feed) != VIGIE_FEED_STATE_ERROR && !vigie_feed_is_settled (feed))
    g_main_context_iteration (NULL, TRUE);
  failed = vigie_feed_get_state (feed) == VIGIE_FEED_STATE_ERROR;
  vigie_feed_stop (feed);
  if (!timed_out)
    g_source_remove (timeout_id);

  if (failed && vigie_feed_get_last_error (feed) != NULL)
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

  /* Nothing shown: the document may be one half of a pair. The engine
   * keeps no snapshot to ask, so read the document once more here. */
  if (g_list_model_get_n_items (G_LIST_MODEL (store)) == 0 && format->describe_missing != NULL &&
      (input->bytes != NULL || fetch_input (client, input)))
    {
      g_autoptr(GHashTable) roles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) vigie_snapshot_unref);
      VigieParseContext context = {
        .now = g_get_real_time () / G_USEC_PER_SEC,
        .language = g_get_language_names ()[0],
        .base_url = url,
      };
      VigieSnapshot *part = format->parse (VIGIE_ROLE_MAIN, input->bytes, &context, NULL);
      g_autofree char *missing = NULL;

      if (part != NULL)
        {
          g_hash_table_insert (roles, (gpointer) VIGIE_ROLE_MAIN, part);
          missing = describe_missing (format, roles);
        }

      if (missing != NULL)
        {
          g_printerr ("%s: %s\n", url, missing);
          return FALSE;
        }
    }

  print_entities (format->id, G_LIST_MODEL (store),
                  vigie_feed_get_n_records (feed), vigie_feed_get_n_warnings (feed),
                  vigie_feed_get_warnings (feed));

  return TRUE;
}

/*
 * Entry point
 */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieHttpClient) client = NULL;
  g_autofree Input *inputs = NULL;
  const VigieFormat *format;
  guint n_inputs = 0;
  gboolean ok = FALSE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("ADDRESS-OR-FILE… — print what Vigie reads from a feed"));
  g_option_context_set_description (context,
                                    _("Several files or addresses are combined as the documents of one feed: "
                                      "a DATEX II parking table and its status publication, or the GBFS "
                                      "documents of one system. One address alone is read as the app reads "
                                      "it, with the documents it links to."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (argc < 2)
    {
      g_printerr (_("Give one or more addresses or files to inspect; see --help\n"));
      return 1;
    }

  if (g_strcmp0 (output, "json") != 0 && g_strcmp0 (output, "tsv") != 0)
    {
      g_printerr (_("Unknown output “%s”: use json or tsv\n"), output);
      return 1;
    }

  if (format_id != NULL && vigie_format_lookup (format_id) == NULL)
    {
      g_printerr (_("Unknown format “%s”\n"), format_id);
      return 1;
    }

  client = new_client ();
  n_inputs = argc - 1;
  inputs = g_new0 (Input, n_inputs);
  for (guint i = 0; i < n_inputs; i++)
    inputs[i].name = argv[i + 1];

  /* One address with its format known needs no fetch before the engine's;
   * departures are read from the documents themselves. */
  if (!(n_inputs == 1 && is_address (inputs[0].name) && format_id != NULL && departures_stop == NULL))
    {
      for (guint i = 0; i < n_inputs; i++)
        {
          if (!load_input (client, &inputs[i]))
            goto out;
        }
    }

  if ((format = find_format (inputs, n_inputs)) == NULL)
    goto out;

  if (n_inputs == 1 && is_address (inputs[0].name) && departures_stop == NULL)
    ok = inspect_url (client, format, &inputs[0]);
  else
    ok = inspect_documents (format, inputs, n_inputs);

out:
  for (guint i = 0; i < n_inputs; i++)
    input_clear (&inputs[i]);

  return ok ? 0 : 1;
}
