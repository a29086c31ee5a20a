/* vigie-test-support.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND

#include <archive.h>
#include <archive_entry.h>
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "vigie-test-support.h"

/* Fixtures */

/* The whole of tests/fixtures/@folder/@name. */
GBytes *
vigie_test_load_fixture (const char *folder,
                         const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/* @bytes parsed as @role of @format at @now, read in @language: a
 * snapshot, the test failing on an error. */
VigieSnapshot *
vigie_test_parse (const VigieFormat *format,
                  const char        *role,
                  GBytes            *bytes,
                  gint64             now,
                  const char        *language)
{
  const VigieParseContext context = { now, language, NULL, NULL };
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot;

  snapshot = format->parse (role, bytes, &context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);

  return snapshot;
}

/* vigie_test_parse() of tests/fixtures/@folder/@name as the main document. */
VigieSnapshot *
vigie_test_parse_fixture (const VigieFormat *format,
                          const char        *folder,
                          const char        *name,
                          gint64             now,
                          const char        *language)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture (folder, name);

  return vigie_test_parse (format, VIGIE_ROLE_MAIN, bytes, now, language);
}

/* Random byte changes (@min_flips to @max_flips of them) and, one time in
 * five, a truncation of the valid document @valid, 2000 times: @format
 * reads or refuses each, never both, never crashes, sniffs each, and both
 * reads and refuses some. */
void
vigie_test_fuzz_format (const VigieFormat *format,
                        GBytes            *valid,
                        gint64             now,
                        const char        *language,
                        guint              min_flips,
                        guint              max_flips)
{
  const VigieParseContext context = { now, language, NULL, NULL };
  gsize size;
  const guint8 *data = g_bytes_get_data (valid, &size);
  guint n_read = 0, n_refused = 0;

  for (guint iteration = 0; iteration < 2000; iteration++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieSnapshot) snapshot = NULL;
      guint n_flips = g_test_rand_int_range (min_flips, max_flips + 1);
      gsize length = size;

      for (guint f = 0; f < n_flips; f++)
        copy[g_test_rand_int_range (0, size)] = (guint8) g_test_rand_int_range (0, 256);
      if (iteration % 5 == 0)
        length = g_test_rand_int_range (0, size);

      bytes = g_bytes_new_static (copy, length);
      snapshot = format->parse (VIGIE_ROLE_MAIN, bytes, &context, &error);
      g_assert_true ((snapshot == NULL) != (error == NULL));
      if (snapshot != NULL)
        n_read++;
      else
        n_refused++;
      format->sniff (NULL, bytes);
    }

  g_test_message ("fuzz: %u read, %u refused", n_read, n_refused);
  g_assert_cmpuint (n_read, >, 0);
  g_assert_cmpuint (n_refused, >, 0);
}

static gssize
write_to_array_cb (struct archive *archive,
                   void           *user_data,
                   const void     *buffer,
                   size_t          length)
{
  g_byte_array_append (user_data, buffer, length);
  return (gssize) length;
}

/* A zip, in memory, of the files @names of @folder (NULL terminated,
 * written in this order); the one called @replaced, if any, holds
 * @replacement instead. */
GBytes *
vigie_test_zip_files (const char         *folder,
                      const char * const *names,
                      const char         *replaced,
                      GBytes             *replacement)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  struct archive *archive = archive_write_new ();

  g_assert_cmpint (archive_write_set_format_zip (archive), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open (archive, bytes, NULL, write_to_array_cb, NULL), ==, ARCHIVE_OK);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *file = g_build_filename (folder, names[i], NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      struct archive_entry *entry = archive_entry_new ();
      const char *data;
      gsize length;

      if (g_strcmp0 (names[i], replaced) == 0)
        data = g_bytes_get_data (replacement, &length);
      else
        {
          g_file_get_contents (file, &contents, &length, &error);
          g_assert_no_error (error);
          data = contents;
        }

      archive_entry_set_pathname (entry, names[i]);
      archive_entry_set_size (entry, (la_int64_t) length);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (archive, data, length), ==, (la_ssize_t) length);
      archive_entry_free (entry);
    }

  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* Snapshots and entities */

/* The entity of @kind and @id; NULL when there is none. */
VigieEntity *
vigie_test_find_entity (VigieSnapshot   *snapshot,
                        VigieEntityKind  kind,
                        const char      *id)
{
  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    {
      VigieEntity *entity = vigie_snapshot_get_entity (snapshot, i);

      if (vigie_entity_get_kind (entity) == kind && g_str_equal (vigie_entity_get_id (entity), id))
        return entity;
    }

  return NULL;
}

/* The entity of @kind and @id; fails the test when there is none. */
VigieEntity *
vigie_test_get_entity (VigieSnapshot   *snapshot,
                       VigieEntityKind  kind,
                       const char      *id)
{
  VigieEntity *entity = vigie_test_find_entity (snapshot, kind, id);

  if (entity == NULL)
    g_error ("No entity %s", id);

  return entity;
}

/* The first entity with @id, whatever its kind, asserted to be of
 * @expected_kind unless that is VIGIE_TEST_ANY_KIND; NULL when none has
 * this id. */
VigieEntity *
vigie_test_find_id (VigieSnapshot *snapshot,
                    const char    *id,
                    int            expected_kind)
{
  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    {
      VigieEntity *entity = vigie_snapshot_get_entity (snapshot, i);

      if (g_str_equal (vigie_entity_get_id (entity), id))
        {
          if (expected_kind != VIGIE_TEST_ANY_KIND)
            g_assert_cmpint (vigie_entity_get_kind (entity), ==, expected_kind);
          return entity;
        }
    }

  return NULL;
}

/* Whether one of @warnings (which may be NULL) contains @fragment. */
guint
vigie_test_count_entities (VigieSnapshot   *snapshot,
                           VigieEntityKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    {
      if (vigie_entity_get_kind (vigie_snapshot_get_entity (snapshot, i)) == kind)
        n++;
    }

  return n;
}

/* The alert tests' docking station, "Gare Centrale", with @bikes and
 * @docks free: only what the dock rules read. */
VigieEntity *
vigie_test_alert_station (const char *id,
                          gint64      bikes,
                          gint64      docks)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&values, "vehicles_available", "x", bikes);
  g_variant_dict_insert (&values, "docks_available", "x", docks);
  g_variant_dict_insert (&values, "is_installed", "b", TRUE);
  return vigie_entity_new (VIGIE_ENTITY_STATION, id, "Gare Centrale", 47.7417, 7.3426, 0,
                           g_variant_dict_end (&values));
}

/* A docking station in service with @vehicles of @capacity, seen now. */
VigieEntity *
vigie_test_station_new (const char *id,
                        double      latitude,
                        double      longitude,
                        gint64      vehicles,
                        gint64      capacity)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&values, "vehicles_available", "x", vehicles);
  g_variant_dict_insert (&values, "docks_available", "x", capacity - vehicles);
  g_variant_dict_insert (&values, "capacity", "x", capacity);
  g_variant_dict_insert (&values, "is_installed", "b", TRUE);
  g_variant_dict_insert (&values, "is_renting", "b", TRUE);
  g_variant_dict_insert (&values, "is_returning", "b", TRUE);

  return vigie_entity_new (VIGIE_ENTITY_STATION, id, id, latitude, longitude,
                           g_get_real_time () / G_USEC_PER_SEC, g_variant_dict_end (&values));
}

void
vigie_test_assert_position (VigieEntity *entity,
                            double       latitude,
                            double       longitude,
                            double       epsilon)
{
  g_assert_true (vigie_entity_has_position (entity));
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_latitude (entity), latitude, epsilon);
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_longitude (entity), longitude, epsilon);
}

gboolean
vigie_test_warnings_contain (const char * const *warnings,
                             const char         *fragment)
{
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    if (strstr (warnings[i], fragment) != NULL)
      return TRUE;

  return FALSE;
}

gboolean
vigie_test_has_warning (VigieSnapshot *snapshot,
                        const char    *fragment)
{
  return vigie_test_warnings_contain (vigie_snapshot_get_warnings (snapshot), fragment);
}

/* Whether one of the snapshot's warnings is @text, word for word. */
gboolean
vigie_test_has_exact_warning (VigieSnapshot *snapshot,
                              const char    *text)
{
  return g_strv_contains (vigie_snapshot_get_warnings (snapshot), text);
}

/* Any number that reads as this integer. */
void
vigie_test_assert_int_value (VigieEntity *entity,
                             const char  *key,
                             gint64       expected)
{
  gint64 value = G_MININT64;

  g_assert_true (vigie_entity_lookup_int (entity, key, &value));
  g_assert_cmpint (value, ==, expected);
}

/* Any number that reads as this double. */
void
vigie_test_assert_double_value (VigieEntity *entity,
                                const char  *key,
                                double       expected)
{
  double value = NAN;

  g_assert_true (vigie_entity_lookup_double (entity, key, &value));
  g_assert_cmpfloat_with_epsilon (value, expected, 1e-9);
}

/* @key's value, which must be there and of @type. */
static GVariant *
lookup_in (GVariant   *dict,
           const char *key,
           const char *type)
{
  GVariant *value = g_variant_lookup_value (dict, key, NULL);

  if (value == NULL)
    g_error ("no %s in %s", key, g_variant_print (dict, TRUE));
  g_assert_cmpstr (g_variant_get_type_string (value), ==, type);

  return value;
}

static GVariant *
lookup_typed (VigieEntity *entity,
              const char  *key,
              const char  *type)
{
  return lookup_in (vigie_entity_get_values (entity), key, type);
}

/* The value is stored as an int64 ("x"), not merely a number. */
void
vigie_test_assert_exact_int_value (VigieEntity *entity,
                                   const char  *key,
                                   gint64       expected)
{
  g_autoptr(GVariant) value = lookup_typed (entity, key, "x");

  g_assert_cmpint (g_variant_get_int64 (value), ==, expected);
}

/* The value is stored as a double ("d"). */
void
vigie_test_assert_exact_double_value (VigieEntity *entity,
                                      const char  *key,
                                      double       expected)
{
  g_autoptr(GVariant) value = lookup_typed (entity, key, "d");

  g_assert_cmpfloat_with_epsilon (g_variant_get_double (value), expected, 1e-9);
}

void
vigie_test_assert_boolean_value (VigieEntity *entity,
                                 const char  *key,
                                 gboolean     expected)
{
  gboolean value = !expected;

  g_assert_true (vigie_entity_lookup_boolean (entity, key, &value));
  g_assert_cmpint (value, ==, expected);
}

void
vigie_test_assert_string_value (VigieEntity *entity,
                                const char  *key,
                                const char  *expected)
{
  g_autoptr(GVariant) value = lookup_typed (entity, key, "s");

  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, expected);
}

void
vigie_test_assert_no_value (VigieEntity *entity,
                            const char  *key)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (vigie_entity_get_values (entity), key, NULL);

  if (value != NULL)
    g_error ("%s: %s should be absent, is %s", vigie_entity_get_id (entity), key,
             g_variant_print (value, TRUE));
}

/* A value that is a list of @n_items dictionaries ("aa{sv}": departures,
 * alerts), which must be there. */
GVariant *
vigie_test_get_list (VigieEntity *entity,
                     const char  *key,
                     gsize        n_items)
{
  GVariant *list = lookup_typed (entity, key, "aa{sv}");

  g_assert_cmpuint (g_variant_n_children (list), ==, n_items);
  return list;
}

/* A dictionary of such a list holds @key as a string ("s"), or not at all
 * when @expected is NULL. */
void
vigie_test_assert_dict_string (GVariant   *dict,
                               const char *key,
                               const char *expected)
{
  g_autoptr(GVariant) value = NULL;

  if (expected == NULL)
    {
      value = g_variant_lookup_value (dict, key, NULL);
      if (value != NULL)
        g_error ("%s should be absent, is %s", key, g_variant_print (value, TRUE));
      return;
    }
  value = lookup_in (dict, key, "s");
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, expected);
}

/* ... holds @key as an integer of @type ("i", "u" or "x"). */
void
vigie_test_assert_dict_int (GVariant   *dict,
                            const char *key,
                            const char *type,
                            gint64      expected)
{
  g_autoptr(GVariant) value = lookup_in (dict, key, type);

  switch (type[0])
    {
    case 'i':
      g_assert_cmpint (g_variant_get_int32 (value), ==, expected);
      break;
    case 'u':
      g_assert_cmpint (g_variant_get_uint32 (value), ==, expected);
      break;
    case 'x':
      g_assert_cmpint (g_variant_get_int64 (value), ==, expected);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ... holds @key as a boolean ("b"). */
void
vigie_test_assert_dict_boolean (GVariant   *dict,
                                const char *key,
                                gboolean    expected)
{
  g_autoptr(GVariant) value = lookup_in (dict, key, "b");

  g_assert_cmpint (g_variant_get_boolean (value), ==, expected);
}

/* List models */

static void
on_items_changed_cb (GListModel            *model,
                     guint                  position,
                     guint                  removed,
                     guint                  added,
                     VigieTestItemsChanged *changes)
{
  changes->n_signals++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

/* Keeps @model's "items-changed" in @changes while @model lives. */
void
vigie_test_watch_items_changed (GListModel            *model,
                                VigieTestItemsChanged *changes)
{
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), changes);
}

static void
on_notify_count_cb (GObject    *object,
                    GParamSpec *pspec,
                    guint      *n)
{
  (*n)++;
}

/* Counts in @n each notification of @object's @property, while @object
 * lives or until its handlers with @n as data are disconnected. */
void
vigie_test_count_notify (gpointer    object,
                         const char *property,
                         guint      *n)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  g_signal_connect (object, signal, G_CALLBACK (on_notify_count_cb), n);
}

/* Waiting on the main loop */

/* A time-out source's callback: sets the gboolean at @timed_out. */
gboolean
vigie_test_timeout_cb (gpointer timed_out)
{
  *(gboolean *) timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the default main context for @ms milliseconds. */
void
vigie_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, vigie_test_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Spins the default main context until @condition (@data) returns TRUE;
 * FALSE when @timeout_s seconds passed first. */
gboolean
vigie_test_spin_until (GSourceFunc condition,
                       gpointer    data,
                       guint       timeout_s)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (timeout_s, vigie_test_timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);

  return !timed_out;
}

/* A feed's "polled" handler: counts the polls in the guint at @n_polls. */
void
vigie_test_on_polled_cb (VigieFeed  *feed,
                         const char *role,
                         gboolean    success,
                         guint      *n_polls)
{
  (*n_polls)++;
}

/* Spins until @feed has polled @n more times; fails after 10 s. */
void
vigie_test_wait_polls (VigieFeed *feed,
                       guint      n)
{
  gboolean timed_out = FALSE;
  guint n_polls = 0;
  gulong handler_id = g_signal_connect (feed, "polled", G_CALLBACK (vigie_test_on_polled_cb), &n_polls);
  guint timeout_id = g_timeout_add_seconds (10, vigie_test_timeout_cb, &timed_out);

  while (n_polls < n && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (feed, handler_id);
  if (!timed_out)
    g_source_remove (timeout_id);
  g_assert_false (timed_out);
}

/* The loopback server */

/* A SoupServer on 127.0.0.1, at a port the system chose, that answers
 * @path (every path when NULL) with @callback. More handlers can be added
 * with soup_server_add_handler(). */
SoupServer *
vigie_test_server_new (const char         *path,
                       SoupServerCallback  callback,
                       gpointer            user_data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  if (callback != NULL)
    soup_server_add_handler (server, path, callback, user_data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&server);
}

int
vigie_test_server_get_port (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  int port;

  g_assert_nonnull (uris);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return port;
}

/* "http://127.0.0.1:<port>", without a final slash. */
char *
vigie_test_server_get_base_url (SoupServer *server)
{
  return g_strdup_printf ("http://127.0.0.1:%d", vigie_test_server_get_port (server));
}

/* Stops listening and drops the caller's reference. */
void
vigie_test_server_stop (SoupServer *server)
{
  soup_server_disconnect (server);
  g_object_unref (server);
}

/* Answers @msg with tests/fixtures/@folder/@name. */
void
vigie_test_serve_fixture (SoupServerMessage *msg,
                          const char        *folder,
                          const char        *name,
                          const char        *content_type)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture (folder, name);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
fixture_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  char **served = user_data;   /* folder, name, content type */

  vigie_test_serve_fixture (msg, served[0], served[1], served[2]);
}

/* @server answers @path (every path when NULL) with the fixture
 * @folder/@name; libsoup answers 404 where no handler is. */
void
vigie_test_server_add_fixture (SoupServer *server,
                               const char *path,
                               const char *folder,
                               const char *name,
                               const char *content_type)
{
  const char *served[] = { folder, name, content_type, NULL };

  soup_server_add_handler (server, path, fixture_handler,
                           g_strdupv ((char **) served), (GDestroyNotify) g_strfreev);
}

/**
 * vigie_test_bind_catalogue:
 *
 * Takes the locale from the environment and binds Vigie's messages to the
 * catalogue meson built under po/ in the build folder: French where
 * LANGUAGE says so, whatever the locale but C itself.
 */
void
vigie_test_bind_catalogue (void)
{
  g_autofree char *locale_dir = NULL;

  setlocale (LC_ALL, "");
  locale_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* Operators' profiles */

/* Points the user folder @variable ("XDG_CONFIG_HOME", "XDG_CACHE_HOME"…)
 * at a new empty folder, so that what the app reads or writes there is
 * this test run's alone. Before g_test_init(), as it changes the
 * environment. */
void
vigie_test_use_fresh_folder (const char *variable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("vigie-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv (variable, folder, TRUE);
}

void
vigie_test_file_init (VigieTestFile *file,
                      const char    *name)
{
  g_autoptr(GError) error = NULL;

  file->folder = g_dir_make_tmp ("vigie-test-XXXXXX", &error);
  g_assert_no_error (error);
  file->path = g_build_filename (file->folder, name, NULL);
  file->file = g_file_new_for_path (file->path);
}

/* Removes the file, if the test made it, and its folder. */
void
vigie_test_file_clear (VigieTestFile *file)
{
  g_remove (file->path);
  g_rmdir (file->folder);
  g_clear_object (&file->file);
  g_clear_pointer (&file->path, g_free);
  g_clear_pointer (&file->folder, g_free);
}

/* The app's settings in a memory backend of their own: what a test
 * changes is seen by no other test and never written to disk. */
GSettings *
vigie_test_settings_in_memory (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  return g_settings_new_with_backend (SCHEMA_ID, backend);
}

/* Writes an operator's profile @name (the text of @format) where the app
 * looks for them, in the user config (a folder of the test run's own), and
 * returns its path. */
char *
vigie_test_write_profile (const char *name,
                          const char *format,
                          ...)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "vigie", "profiles", NULL);
  g_autofree char *file = g_strconcat (name, ".ini", NULL);
  g_autofree char *contents = NULL;
  char *path = g_build_filename (dir, file, NULL);
  va_list args;

  va_start (args, format);
  contents = g_strdup_vprintf (format, args);
  va_end (args);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  return path;
}

/* The same, and makes it the profile of @settings. */
char *
vigie_test_use_profile (GSettings  *settings,
                        const char *name,
                        const char *format,
                        ...)
{
  g_autofree char *contents = NULL;
  char *path;
  va_list args;

  va_start (args, format);
  contents = g_strdup_vprintf (format, args);
  va_end (args);

  path = vigie_test_write_profile (name, "%s", contents);
  g_settings_set_string (settings, "profile", name);

  return path;
}
