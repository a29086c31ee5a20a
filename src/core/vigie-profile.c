/* vigie-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-profile"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vigie-profile.h"

/* A city profile: the feeds of one city, as a key file (docs/profiles.md).
 *
 *   [Profile]              Name, Latitude, Longitude, Zoom
 *   [Feed <id>]            Name, Kind, Format, Url, PollInterval,
 *                          MaxBodySize, Enabled, Url.<role>, Option.<key>
 *
 * A feed section that cannot be used is skipped with a warning, so that
 * one typo does not take a city's whole control room down. Secrets never
 * live here: they go to the keyring. */

struct _VigieProfile
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  GKeyFile  *keyfile;
  GPtrArray *warnings;
};

G_DEFINE_FINAL_TYPE (VigieProfile, vigie_profile, G_TYPE_OBJECT)

#define FEED_PREFIX "Feed "

static const struct {
  VigieFeedKind kind;
  const char *name;
} kind_names[] = {
  { VIGIE_FEED_KIND_TRAMS, "trams" },
  { VIGIE_FEED_KIND_BIKES, "bikes" },
  { VIGIE_FEED_KIND_CAR_SHARE, "car-share" },
  { VIGIE_FEED_KIND_PARKING, "parking" },
  { VIGIE_FEED_KIND_WIFI, "wifi" },
  { VIGIE_FEED_KIND_TRAINS, "trains" },
};

/*
 * Feed kinds
 */

gboolean
vigie_feed_kind_from_string (const char    *text,
                             VigieFeedKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_ascii_strcasecmp (text, kind_names[i].name) == 0)
        {
          *kind = kind_names[i].kind;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
vigie_feed_kind_to_string (VigieFeedKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (kind_names[i].kind == kind)
      return kind_names[i].name;

  g_return_val_if_reached (NULL);
}

/*
 * Overrides
 */

static void
vigie_profile_finalize (GObject *object)
{
  VigieProfile *self = (VigieProfile *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->keyfile, g_key_file_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_profile_parent_class)->finalize (object);
}

static void
vigie_profile_class_init (VigieProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_profile_finalize;
}

static void
vigie_profile_init (VigieProfile *self)
{
  self->keyfile = g_key_file_new ();
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
}

/*
 * Public API
 */

static void
add_warning (VigieProfile *self,
             char         *warning)
{
  g_ptr_array_insert (self->warnings, self->warnings->len - 1, warning);
}

/**
 * vigie_profile_new_from_data:
 * @id: the profile's id (its file name without .ini)
 * @data: the key file's text
 * @length: its length, or -1
 * @error: where to put why it is not a key file
 *
 * Returns: (transfer full) (nullable): the profile
 */
VigieProfile *
vigie_profile_new_from_data (const char  *id,
                             const char  *data,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(VigieProfile) self = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_PROFILE, NULL);
  self->id = g_strdup (id);

  if (!g_key_file_load_from_data (self->keyfile, data, length, G_KEY_FILE_KEEP_TRANSLATIONS, error))
    return NULL;

  self->name = g_key_file_get_locale_string (self->keyfile, "Profile", "Name", NULL, NULL);
  if (self->name == NULL)
    self->name = g_strdup (id);

  return g_steal_pointer (&self);
}

/**
 * vigie_profile_new_from_file:
 * @file: a `.ini` key file (a `resource://` one works too)
 * @error: where to put why it cannot be read
 *
 * Returns: (transfer full) (nullable): the profile
 */
VigieProfile *
vigie_profile_new_from_file (GFile   *file,
                             GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;

  basename = g_file_get_basename (file);
  if (g_str_has_suffix (basename, ".ini"))
    basename[strlen (basename) - 4] = '\0';

  return vigie_profile_new_from_data (basename, contents, length, error);
}

const char *
vigie_profile_get_id (VigieProfile *self)
{
  g_return_val_if_fail (VIGIE_IS_PROFILE (self), NULL);

  return self->id;
}

/**
 * vigie_profile_get_name:
 * @self: a #VigieProfile
 *
 * Returns: the name for people, in the user's language when the file has
 *   a Name[fr] and the like
 */
const char *
vigie_profile_get_name (VigieProfile *self)
{
  g_return_val_if_fail (VIGIE_IS_PROFILE (self), NULL);

  return self->name;
}

/**
 * vigie_profile_get_simulated:
 * @self: a #VigieProfile
 *
 * Returns: whether its feeds are simulated (the demo city): the window
 *   says so plainly
 */
gboolean
vigie_profile_get_simulated (VigieProfile *self)
{
  g_return_val_if_fail (VIGIE_IS_PROFILE (self), FALSE);

  return g_key_file_get_boolean (self->keyfile, "Profile", "Simulated", NULL);
}

/**
 * vigie_profile_peek_key_file:
 *
 * For the readers of a profile's own sections ([Connections], see
 * src/transit/vigie-connection-place.c): read it, do not change it.
 *
 * Returns: (transfer none): the profile as its key file
 */
GKeyFile *
vigie_profile_peek_key_file (VigieProfile *self)
{
  g_return_val_if_fail (VIGIE_IS_PROFILE (self), NULL);

  return self->keyfile;
}

/**
 * vigie_profile_get_view:
 * @self: a #VigieProfile
 * @latitude: (out): the city centre's latitude
 * @longitude: (out): its longitude
 * @zoom: (out): a zoom level that shows the city
 *
 * Returns: whether the profile names a view
 */
gboolean
vigie_profile_get_view (VigieProfile *self,
                        double       *latitude,
                        double       *longitude,
                        double       *zoom)
{
  g_autoptr(GError) error = NULL;
  double lat, lon, z;

  g_return_val_if_fail (VIGIE_IS_PROFILE (self), FALSE);

  lat = g_key_file_get_double (self->keyfile, "Profile", "Latitude", &error);
  if (error == NULL)
    lon = g_key_file_get_double (self->keyfile, "Profile", "Longitude", &error);
  if (error != NULL)
    return FALSE;

  z = g_key_file_get_double (self->keyfile, "Profile", "Zoom", NULL);

  *latitude = lat;
  *longitude = lon;
  *zoom = z > 0 ? z : 13.0;
  return TRUE;
}

/*
 * Feeds
 */

static VigieFeed *
create_feed (VigieProfile *self,
             const char   *group)
{
  const char *id = group + strlen (FEED_PREFIX);
  g_autofree char *name = g_key_file_get_locale_string (self->keyfile, group, "Name", NULL, NULL);
  g_autofree char *kind_text = g_key_file_get_string (self->keyfile, group, "Kind", NULL);
  g_autofree char *format = g_key_file_get_string (self->keyfile, group, "Format", NULL);
  g_autofree char *url = g_key_file_get_string (self->keyfile, group, "Url", NULL);
  g_auto(GStrv) keys = NULL;
  g_autoptr(VigieFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  VigieFeedKind kind;
  gint64 interval, max_body;
  gboolean enabled;

  if (*id == '\0' || format == NULL || url == NULL)
    {
      add_warning (self, g_strdup_printf (_("Feed “%s” needs a Format and a Url: skipped"), id));
      return NULL;
    }

  if (!vigie_feed_kind_from_string (kind_text, &kind))
    {
      add_warning (self, g_strdup_printf (_("Feed “%s” has an unknown Kind “%s”: skipped"),
                                          id, kind_text ? kind_text : ""));
      return NULL;
    }

  feed = vigie_feed_new (id, name, kind, format, url);

  interval = g_key_file_get_int64 (self->keyfile, group, "PollInterval", &error);
  if (error == NULL && interval > 0)
    vigie_feed_set_poll_interval (feed, (guint) MIN (interval, 24 * 3600));
  g_clear_error (&error);

  max_body = g_key_file_get_int64 (self->keyfile, group, "MaxBodySize", &error);
  if (error == NULL && max_body > 0)
    vigie_feed_set_max_body_size (feed, (guint64) max_body);
  g_clear_error (&error);

  enabled = g_key_file_get_boolean (self->keyfile, group, "Enabled", &error);
  if (error == NULL)
    vigie_feed_set_enabled (feed, enabled);
  g_clear_error (&error);

  keys = g_key_file_get_keys (self->keyfile, group, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (!g_str_has_prefix (keys[i], "Url.") && !g_str_has_prefix (keys[i], "Option.") &&
          !g_str_equal (keys[i], "History") && !g_str_equal (keys[i], "HistoryUrl"))
        continue;

      value = g_key_file_get_string (self->keyfile, group, keys[i], NULL);
      if (value == NULL)
        continue;

      /* Where the feed's past is read (src/history/vigie-temporal-client.c). */
      if (g_str_equal (keys[i], "History"))
        vigie_feed_set_option (feed, "history", value);
      else if (g_str_equal (keys[i], "HistoryUrl"))
        vigie_feed_set_option (feed, "history-url", value);
      else if (g_str_has_prefix (keys[i], "Url."))
        vigie_feed_set_role_url (feed, keys[i] + strlen ("Url."), value);
      else
        vigie_feed_set_option (feed, keys[i] + strlen ("Option."), value);
    }

  return g_steal_pointer (&feed);
}

/**
 * vigie_profile_create_feeds:
 * @self: a #VigieProfile
 *
 * Makes a new feed for each usable feed section, not yet started.
 *
 * Returns: (transfer container) (element-type VigieFeed): the feeds
 */
GPtrArray *
vigie_profile_create_feeds (VigieProfile *self)
{
  g_auto(GStrv) groups = NULL;
  GPtrArray *feeds;

  g_return_val_if_fail (VIGIE_IS_PROFILE (self), NULL);

  feeds = g_ptr_array_new_with_free_func (g_object_unref);
  groups = g_key_file_get_groups (self->keyfile, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      VigieFeed *feed;

      if (!g_str_has_prefix (groups[i], FEED_PREFIX))
        continue;

      if ((feed = create_feed (self, groups[i])))
        g_ptr_array_add (feeds, feed);
    }

  return feeds;
}

/**
 * vigie_profile_get_warnings:
 * @self: a #VigieProfile
 *
 * Returns: (transfer none): what vigie_profile_create_feeds() skipped and
 *   why, %NULL terminated
 */
const char * const *
vigie_profile_get_warnings (VigieProfile *self)
{
  g_return_val_if_fail (VIGIE_IS_PROFILE (self), NULL);

  return (const char * const *) self->warnings->pdata;
}

void
vigie_feed_definition_clear (VigieFeedDefinition *definition)
{
  g_clear_pointer (&definition->id, g_free);
  g_clear_pointer (&definition->name, g_free);
  g_clear_pointer (&definition->format_id, g_free);
  g_clear_pointer (&definition->url, g_free);
}

/**
 * vigie_profile_list_feeds:
 * @self: a #VigieProfile
 *
 * Returns: (transfer full): the ids of the feed sections, in file order
 */
GStrv
vigie_profile_list_feeds (VigieProfile *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (VIGIE_IS_PROFILE (self), NULL);

  groups = g_key_file_get_groups (self->keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (groups[i], FEED_PREFIX) && groups[i][strlen (FEED_PREFIX)] != '\0')
      g_strv_builder_add (builder, groups[i] + strlen (FEED_PREFIX));

  return g_strv_builder_end (builder);
}

/**
 * vigie_profile_get_feed:
 * @self: a #VigieProfile
 * @feed_id: a feed id
 * @definition: (out caller-allocates): where to put the feed's settings
 *
 * Returns: whether the profile has that feed
 */
gboolean
vigie_profile_get_feed (VigieProfile        *self,
                        const char          *feed_id,
                        VigieFeedDefinition *definition)
{
  g_autofree char *group = NULL;
  g_autofree char *kind = NULL;
  g_autoptr(GError) error = NULL;
  gboolean enabled;

  g_return_val_if_fail (VIGIE_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (feed_id != NULL, FALSE);
  g_return_val_if_fail (definition != NULL, FALSE);

  memset (definition, 0, sizeof *definition);
  group = g_strconcat (FEED_PREFIX, feed_id, NULL);
  if (!g_key_file_has_group (self->keyfile, group))
    return FALSE;

  definition->id = g_strdup (feed_id);
  definition->name = g_key_file_get_locale_string (self->keyfile, group, "Name", NULL, NULL);
  definition->format_id = g_key_file_get_string (self->keyfile, group, "Format", NULL);
  definition->url = g_key_file_get_string (self->keyfile, group, "Url", NULL);
  kind = g_key_file_get_string (self->keyfile, group, "Kind", NULL);
  if (!vigie_feed_kind_from_string (kind, &definition->kind))
    definition->kind = VIGIE_FEED_KIND_TRAMS;
  definition->poll_interval_s = (guint) CLAMP (g_key_file_get_int64 (self->keyfile, group, "PollInterval", NULL), 0, 24 * 3600);
  enabled = g_key_file_get_boolean (self->keyfile, group, "Enabled", &error);
  definition->enabled = error != NULL || enabled;

  return TRUE;
}

/**
 * vigie_profile_set_feed:
 * @self: a #VigieProfile
 * @definition: a feed's settings; a feed of the same id is replaced, its
 *   other keys (options, extra documents) kept
 *
 * Changes the profile in memory; vigie_profile_save() writes it.
 */
void
vigie_profile_set_feed (VigieProfile              *self,
                        const VigieFeedDefinition *definition)
{
  g_autofree char *group = NULL;

  g_return_if_fail (VIGIE_IS_PROFILE (self));
  g_return_if_fail (definition != NULL);
  g_return_if_fail (definition->id != NULL && *definition->id != '\0');

  group = g_strconcat (FEED_PREFIX, definition->id, NULL);

  /* The name may have translations (Name[fr]); the edited one wins. */
  if (g_key_file_has_group (self->keyfile, group))
    {
      g_auto(GStrv) keys = g_key_file_get_keys (self->keyfile, group, NULL, NULL);

      for (guint i = 0; keys[i] != NULL; i++)
        if (g_str_has_prefix (keys[i], "Name["))
          g_key_file_remove_key (self->keyfile, group, keys[i], NULL);
    }

  g_key_file_set_string (self->keyfile, group, "Name", definition->name ? definition->name : definition->id);
  g_key_file_set_string (self->keyfile, group, "Kind", vigie_feed_kind_to_string (definition->kind));
  g_key_file_set_string (self->keyfile, group, "Format", definition->format_id ? definition->format_id : "");
  g_key_file_set_string (self->keyfile, group, "Url", definition->url ? definition->url : "");
  if (definition->poll_interval_s > 0)
    g_key_file_set_int64 (self->keyfile, group, "PollInterval", definition->poll_interval_s);
  else
    g_key_file_remove_key (self->keyfile, group, "PollInterval", NULL);
  g_key_file_set_boolean (self->keyfile, group, "Enabled", definition->enabled);
}

void
vigie_profile_set_feed_enabled (VigieProfile *self,
                                const char   *feed_id,
                                gboolean      enabled)
{
  g_autofree char *group = NULL;

  g_return_if_fail (VIGIE_IS_PROFILE (self));
  g_return_if_fail (feed_id != NULL);

  group = g_strconcat (FEED_PREFIX, feed_id, NULL);
  if (g_key_file_has_group (self->keyfile, group))
    g_key_file_set_boolean (self->keyfile, group, "Enabled", enabled);
}

/*
 * Editing the profile
 */

/* A profile made at run time (the demo city) is made anew at each start:
 * the feeds the operator removed are listed so that their saved copy can
 * leave them out again (vigie_profile_apply_saved()). */
static void
set_removed (VigieProfile *self,
             const char   *feed_id,
             gboolean      removed)
{
  g_auto(GStrv) ids = g_key_file_get_string_list (self->keyfile, "Profile", "RemovedFeeds", NULL, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (!g_str_equal (ids[i], feed_id))
      g_strv_builder_add (builder, ids[i]);
  if (removed)
    g_strv_builder_add (builder, feed_id);

  list = g_strv_builder_end (builder);
  if (list[0] != NULL)
    g_key_file_set_string_list (self->keyfile, "Profile", "RemovedFeeds",
                                (const char * const *) list, g_strv_length (list));
  else
    g_key_file_remove_key (self->keyfile, "Profile", "RemovedFeeds", NULL);
}

gboolean
vigie_profile_remove_feed (VigieProfile *self,
                           const char   *feed_id)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (VIGIE_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (feed_id != NULL, FALSE);

  group = g_strconcat (FEED_PREFIX, feed_id, NULL);
  if (!g_key_file_remove_group (self->keyfile, group, NULL))
    return FALSE;

  set_removed (self, feed_id, TRUE);
  return TRUE;
}

/**
 * vigie_profile_create_feed:
 * @self: a #VigieProfile
 * @feed_id: a feed id
 *
 * Returns: (transfer full) (nullable): a new feed for that section, not
 *   yet started, or %NULL if there is none or it cannot be used
 */
VigieFeed *
vigie_profile_create_feed (VigieProfile *self,
                           const char   *feed_id)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (VIGIE_IS_PROFILE (self), NULL);
  g_return_val_if_fail (feed_id != NULL, NULL);

  group = g_strconcat (FEED_PREFIX, feed_id, NULL);
  if (!g_key_file_has_group (self->keyfile, group))
    return NULL;

  return create_feed (self, group);
}

void
vigie_removed_feed_free (VigieRemovedFeed *removed)
{
  if (removed == NULL)
    return;

  g_free (removed->feed_id);
  g_free (removed->section);
  g_free (removed->next_id);
  g_free (removed);
}

static void
copy_group (GKeyFile   *to,
            GKeyFile   *from,
            const char *group,
            gboolean    with_addresses)
{
  g_auto(GStrv) keys = g_key_file_get_keys (from, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (!with_addresses && (g_str_equal (keys[i], "Url") || g_str_has_prefix (keys[i], "Url.")))
        continue;

      if ((value = g_key_file_get_value (from, group, keys[i], NULL)))
        g_key_file_set_value (to, group, keys[i], value);
    }
}

/**
 * vigie_profile_take_feed:
 * @self: a #VigieProfile
 * @feed_id: a feed id
 *
 * Removes a feed, as vigie_profile_remove_feed() does, and returns all
 * that vigie_profile_restore_feed() needs to put it back.
 *
 * Returns: (transfer full) (nullable): the removed feed, or %NULL if the
 *   profile has no such feed
 */
VigieRemovedFeed *
vigie_profile_take_feed (VigieProfile *self,
                         const char   *feed_id)
{
  g_autoptr(GKeyFile) section = g_key_file_new ();
  g_autofree char *group = NULL;
  g_auto(GStrv) groups = NULL;
  VigieRemovedFeed *removed;

  g_return_val_if_fail (VIGIE_IS_PROFILE (self), NULL);
  g_return_val_if_fail (feed_id != NULL, NULL);

  group = g_strconcat (FEED_PREFIX, feed_id, NULL);
  if (!g_key_file_has_group (self->keyfile, group))
    return NULL;

  removed = g_new0 (VigieRemovedFeed, 1);
  removed->feed_id = g_strdup (feed_id);
  copy_group (section, self->keyfile, group, TRUE);
  removed->section = g_key_file_to_data (section, NULL, NULL);

  groups = g_key_file_get_groups (self->keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (g_str_equal (groups[i], group))
      {
        for (guint j = i + 1; groups[j] != NULL && removed->next_id == NULL; j++)
          if (g_str_has_prefix (groups[j], FEED_PREFIX))
            removed->next_id = g_strdup (groups[j] + strlen (FEED_PREFIX));
        break;
      }

  vigie_profile_remove_feed (self, feed_id);
  return removed;
}

/**
 * vigie_profile_restore_feed:
 * @self: a #VigieProfile
 * @removed: what vigie_profile_take_feed() returned
 * @error: where to put why it cannot be put back
 *
 * Puts a removed feed back, before the feed it came before.
 *
 * Returns: whether it is back
 */
gboolean
vigie_profile_restore_feed (VigieProfile            *self,
                            const VigieRemovedFeed  *removed,
                            GError                 **error)
{
  g_autoptr(GKeyFile) restored = g_key_file_new ();
  g_autoptr(GString) text = NULL;
  g_autofree char *data = NULL;
  g_autofree char *group = NULL;
  gsize at;

  g_return_val_if_fail (VIGIE_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (removed != NULL, FALSE);

  group = g_strconcat (FEED_PREFIX, removed->feed_id, NULL);
  if (g_key_file_has_group (self->keyfile, group))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The profile already has a feed “%s”"), removed->feed_id);
      return FALSE;
    }

  /* Groups cannot be inserted in a GKeyFile: splice the text. */
  data = g_key_file_to_data (self->keyfile, NULL, NULL);
  text = g_string_new (data);
  at = text->len;
  if (removed->next_id != NULL)
    {
      g_autofree char *header = g_strdup_printf ("[" FEED_PREFIX "%s]\n", removed->next_id);
      const char *found = g_str_has_prefix (text->str, header) ? text->str : NULL;

      if (found == NULL)
        {
          g_autofree char *line = g_strconcat ("\n", header, NULL);

          if ((found = strstr (text->str, line)))
            found++;
        }
      if (found != NULL)
        at = found - text->str;
    }
  if (at == text->len && text->len > 0 && text->str[text->len - 1] != '\n')
    g_string_append_c (text, '\n');
  g_string_insert (text, at, "\n");
  g_string_insert (text, at, removed->section);

  if (!g_key_file_load_from_data (restored, text->str, text->len, G_KEY_FILE_KEEP_TRANSLATIONS, error))
    return FALSE;

  g_key_file_unref (self->keyfile);
  self->keyfile = g_steal_pointer (&restored);
  set_removed (self, removed->feed_id, FALSE);
  return TRUE;
}

/**
 * vigie_profile_apply_saved:
 * @self: a profile made at run time, such as the demo city's
 * @saved: the operator's saved copy of it
 *
 * Brings the operator's changes to a profile that is made anew at each
 * start: feeds removed stay removed, feeds added are added, and a feed's
 * name, schedule, options and switch are the saved ones. Its addresses
 * stay those of this run (the demo's simulator listens on a new port each
 * time).
 */
void
vigie_profile_apply_saved (VigieProfile *self,
                           VigieProfile *saved)
{
  g_auto(GStrv) removed = NULL;
  g_auto(GStrv) groups = NULL;

  g_return_if_fail (VIGIE_IS_PROFILE (self));
  g_return_if_fail (VIGIE_IS_PROFILE (saved));

  removed = g_key_file_get_string_list (saved->keyfile, "Profile", "RemovedFeeds", NULL, NULL);
  for (guint i = 0; removed != NULL && removed[i] != NULL; i++)
    vigie_profile_remove_feed (self, removed[i]);

  groups = g_key_file_get_groups (saved->keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (!g_str_has_prefix (groups[i], FEED_PREFIX))
        continue;

      copy_group (self->keyfile, saved->keyfile, groups[i],
                  !g_key_file_has_group (self->keyfile, groups[i]));
    }
}

/**
 * vigie_profile_make_feed_id:
 * @self: a #VigieProfile
 * @name: a feed name, as typed
 *
 * Returns: (transfer full): an id made from @name that no feed of the
 *   profile uses yet
 */
char *
vigie_profile_make_feed_id (VigieProfile *self,
                            const char   *name)
{
  g_autoptr(GString) base = g_string_new (NULL);
  g_autofree char *ascii = NULL;
  char *id;

  g_return_val_if_fail (VIGIE_IS_PROFILE (self), NULL);

  ascii = g_str_to_ascii (name ? name : "", NULL);
  for (const char *c = ascii; *c; c++)
    if (g_ascii_isalnum (*c))
      g_string_append_c (base, g_ascii_tolower (*c));
    else if (base->len > 0 && base->str[base->len - 1] != '-')
      g_string_append_c (base, '-');
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_assign (base, "feed");

  id = g_strdup (base->str);
  for (guint n = 2; ; n++)
    {
      g_autofree char *group = g_strconcat (FEED_PREFIX, id, NULL);

      if (!g_key_file_has_group (self->keyfile, group))
        return id;

      g_free (id);
      id = g_strdup_printf ("%s-%u", base->str, n);
    }
}

/**
 * vigie_profile_save:
 * @self: a #VigieProfile
 * @error: where to put why it could not be written
 *
 * Writes the profile to ~/.config/vigie/profiles/<id>.ini, where it wins
 * over the copy that ships with Vigie.
 *
 * Returns: whether it was written
 */
gboolean
vigie_profile_save (VigieProfile  *self,
                    GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (VIGIE_IS_PROFILE (self), FALSE);

  dir = g_build_filename (g_get_user_config_dir (), "vigie", "profiles", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  basename = g_strconcat (self->id, ".ini", NULL);
  path = g_build_filename (dir, basename, NULL);

  return g_key_file_save_to_file (self->keyfile, path, error);
}
