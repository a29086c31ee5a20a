/* vigie-profile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-feed.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_PROFILE (vigie_profile_get_type())

G_DECLARE_FINAL_TYPE (VigieProfile, vigie_profile, VIGIE, PROFILE, GObject)

VigieProfile *vigie_profile_new_from_data   (const char    *id,
                                             const char    *data,
                                             gsize          length,
                                             GError       **error);
VigieProfile *vigie_profile_new_from_file   (GFile         *file,
                                             GError       **error);
const char   *vigie_profile_get_id          (VigieProfile  *self);
const char   *vigie_profile_get_name        (VigieProfile  *self);
gboolean      vigie_profile_get_simulated   (VigieProfile  *self);
GKeyFile     *vigie_profile_peek_key_file   (VigieProfile  *self);
gboolean      vigie_profile_get_view        (VigieProfile  *self,
                                             double        *latitude,
                                             double        *longitude,
                                             double        *zoom);
GPtrArray    *vigie_profile_create_feeds    (VigieProfile  *self);
const char * const *vigie_profile_get_warnings (VigieProfile *self);

/* What a profile says about one feed, for the preferences to edit. */
typedef struct
{
  char          *id;
  char          *name;
  VigieFeedKind  kind;
  char          *format_id;
  char          *url;
  guint          poll_interval_s;   /* 0: the default */
  gboolean       enabled;
} VigieFeedDefinition;

void          vigie_feed_definition_clear   (VigieFeedDefinition *definition);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VigieFeedDefinition, vigie_feed_definition_clear)

GStrv         vigie_profile_list_feeds      (VigieProfile              *self);
gboolean      vigie_profile_get_feed        (VigieProfile              *self,
                                             const char                *feed_id,
                                             VigieFeedDefinition       *definition);
void          vigie_profile_set_feed        (VigieProfile              *self,
                                             const VigieFeedDefinition *definition);
void          vigie_profile_set_feed_enabled (VigieProfile             *self,
                                             const char                *feed_id,
                                             gboolean                   enabled);
gboolean      vigie_profile_remove_feed     (VigieProfile              *self,
                                             const char                *feed_id);
VigieFeed    *vigie_profile_create_feed     (VigieProfile              *self,
                                             const char                *feed_id);

/* A feed taken out of a profile, kept whole so that Undo puts it back
 * where it was. */
typedef struct
{
  char  *feed_id;
  char  *section;    /* its key-file group, as text */
  char  *next_id;    /* the feed it came before, or NULL if it was last */
  guint  position;   /* its place in the feed manager */
} VigieRemovedFeed;

void              vigie_removed_feed_free    (VigieRemovedFeed *removed);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieRemovedFeed, vigie_removed_feed_free)

VigieRemovedFeed *vigie_profile_take_feed    (VigieProfile              *self,
                                              const char                *feed_id);
gboolean          vigie_profile_restore_feed (VigieProfile              *self,
                                              const VigieRemovedFeed    *removed,
                                              GError                   **error);
void              vigie_profile_apply_saved  (VigieProfile              *self,
                                              VigieProfile              *saved);
gboolean      vigie_profile_save            (VigieProfile              *self,
                                             GError                   **error);
char         *vigie_profile_make_feed_id    (VigieProfile              *self,
                                             const char                *name);

gboolean      vigie_feed_kind_from_string   (const char    *text,
                                             VigieFeedKind *kind);
const char   *vigie_feed_kind_to_string     (VigieFeedKind  kind);

G_END_DECLS
