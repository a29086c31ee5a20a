/* vigie-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "vigie-snapshot.h"
#include "vigie-types.h"

G_BEGIN_DECLS

/* How much of a document sniffers look at. */
#define VIGIE_FORMAT_SNIFF_SIZE 4096

/* The role of the document at a feed's own address. */
#define VIGIE_ROLE_MAIN "main"

/* What a parser may know besides the bytes. Read-only; safe in a worker. */
typedef struct
{
  gint64       now;       /* unix seconds, for sanity checks on timestamps */
  const char  *language;  /* the user's language ("fr"), for localized names */
  GHashTable  *options;   /* the feed's options from its profile, or NULL */
  const char  *base_url;  /* the document's own address, for relative links, or NULL */
  SoupMessageHeaders *headers; /* the answer's headers, or NULL (a file, a combination) */
  guint        max_entities; /* per snapshot; 0: VIGIE_SNAPSHOT_DEFAULT_MAX_ENTITIES */
} VigieParseContext;

/* A role polled at its own pace, as real-time positions beside a
 * timetable that changes once a day. */
typedef struct
{
  const char *role;
  guint       min_interval_s;
} VigieRoleInterval;

/* A feed standard. Both functions are pure and run in a worker thread:
 * they get bytes (or earlier snapshots) and return a new snapshot, and
 * never touch the main loop or any shared state. */
typedef struct
{
  const char *id;             /* as in profiles: "gbfs", "gtfs-rt", ... */
  const char *name;           /* N_() marked, for people */
  VigieFeedKind default_kind;
  guint min_interval_s;       /* never poll faster than this */

  /* Parses one document. A document that cannot be used at all gives
   * NULL and @error; a bad record is skipped with a warning instead. */
  VigieSnapshot *(*parse)   (const char              *role,
                             GBytes                  *bytes,
                             const VigieParseContext *context,
                             GError                 **error);

  /* Optional, for formats made of several documents (GBFS, GTFS with
   * its real-time feed): combines the latest snapshot of each role into
   * the one the store shows. NULL means the main document's snapshot is
   * shown as it is. The entities it returns must be new objects, not
   * those of an earlier snapshot: the engine stamps them before showing
   * them. */
  VigieSnapshot *(*combine) (GHashTable              *snapshots_by_role,
                             const VigieParseContext *context);

  /* Optional: whether bytes look like this format, for vigie-inspect. */
  gboolean       (*sniff)   (const char              *content_type,
                             GBytes                  *bytes);

  /* The linked documents to follow, by role, NULL terminated. */
  const char * const *followed_roles;

  /* Whether the followed documents are the rest of the main one (a
   * broker's further pages): fetched again each time it is, right
   * after it, never on a timer of their own. */
  gboolean       links_are_pages;

  /* Optional: followed roles the map is complete without (a GBFS
   * system's vehicle types): when one fails, the feed says so in its
   * warnings but does not fail. NULL terminated. */
  const char * const *optional_roles;

  /* Optional: roles with a floor other than min_interval_s, ended by a
   * NULL role. */
  const VigieRoleInterval *role_intervals;

  /* Optional, for vigie-inspect: when the documents given to combine()
   * show nothing (it returns NULL or no entity), what is missing, in a
   * sentence for people ("give its table too"), or NULL. */
  char          *(*describe_missing) (GHashTable *snapshots_by_role);

  /* Optional: a log-in the server wants before its data (a controller).
   * login_path() gives, from the feed's options, where to POST it,
   * relative to the document's address, or NULL when this feed needs
   * none; login_body() what to POST, with the secret from the keyring,
   * and its Content-Type. The session cookie the answer sets goes with
   * every later request of the app's client. */
  const char    *(*login_path) (GHashTable  *options);
  GBytes        *(*login_body) (GHashTable  *options,
                                const char  *secret,
                                const char **content_type);
} VigieFormat;

#define VIGIE_FORMAT_ERROR (vigie_format_error_quark ())

typedef enum
{
  VIGIE_FORMAT_ERROR_INVALID,      /* not this format at all */
  VIGIE_FORMAT_ERROR_UNSUPPORTED,  /* this format, but a version we cannot read */
  VIGIE_FORMAT_ERROR_EMPTY,        /* nothing usable in it */
  VIGIE_FORMAT_ERROR_TOO_LARGE,    /* over a limit: nesting, size, rows, entities */
  VIGIE_FORMAT_ERROR_SERVER,       /* the server answered with an error in the format's own terms */
} VigieFormatError;

GQuark             vigie_format_error_quark (void);
const VigieFormat *vigie_format_lookup      (const char        *id);
VigieSnapshot     *vigie_format_new_snapshot (const VigieParseContext *context);
char              *vigie_format_sniff_head  (GBytes            *bytes);
void               vigie_format_register    (const VigieFormat *format);
GPtrArray         *vigie_format_list        (void);
const VigieFormat *vigie_format_sniff       (const char        *content_type,
                                             GBytes            *bytes);
gboolean           vigie_format_is_optional (const VigieFormat *format,
                                              const char        *role);
gboolean           vigie_format_follows     (const VigieFormat *format,
                                             const char        *role);
guint              vigie_format_get_min_interval (const VigieFormat *format,
                                                  const char        *role);

G_END_DECLS
