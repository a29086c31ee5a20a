/* vigie-test-support.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "vigie-entity.h"
#include "vigie-feed.h"
#include "vigie-format.h"
#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* The helpers the tests share (gnome-calendar's libgcal-test-private):
 * fixtures, snapshot and entity assertions, main-loop waits and a loopback
 * HTTP server. GTK-free: the unit tests link it without a display. */

/* Any kind, for vigie_test_find_id(). */
#define VIGIE_TEST_ANY_KIND (-1)

/* Where a test writes a file: @path, under the name asked, in a new empty
 * folder of its own, and the same as a #GFile. */
typedef struct
{
  char  *folder;
  char  *path;
  GFile *file;
} VigieTestFile;

/* A list model's last "items-changed", and how many it emitted. */
typedef struct
{
  guint n_signals;
  guint position, removed, added;
} VigieTestItemsChanged;

GBytes      *vigie_test_load_fixture              (const char         *folder,
                                                   const char         *name);
VigieSnapshot *vigie_test_parse                   (const VigieFormat  *format,
                                                   const char         *role,
                                                   GBytes             *bytes,
                                                   gint64              now,
                                                   const char         *language);
VigieSnapshot *vigie_test_parse_fixture           (const VigieFormat  *format,
                                                   const char         *folder,
                                                   const char         *name,
                                                   gint64              now,
                                                   const char         *language);
void         vigie_test_fuzz_format               (const VigieFormat  *format,
                                                   GBytes             *valid,
                                                   gint64              now,
                                                   const char         *language,
                                                   guint               min_flips,
                                                   guint               max_flips);
GBytes      *vigie_test_zip_files                 (const char         *folder,
                                                   const char * const *names,
                                                   const char         *replaced,
                                                   GBytes             *replacement);

VigieEntity *vigie_test_find_entity               (VigieSnapshot      *snapshot,
                                                   VigieEntityKind     kind,
                                                   const char         *id);
VigieEntity *vigie_test_get_entity                (VigieSnapshot      *snapshot,
                                                   VigieEntityKind     kind,
                                                   const char         *id);
VigieEntity *vigie_test_find_id                   (VigieSnapshot      *snapshot,
                                                   const char         *id,
                                                   int                 expected_kind);
guint        vigie_test_count_entities            (VigieSnapshot      *snapshot,
                                                   VigieEntityKind     kind);
VigieEntity *vigie_test_alert_station             (const char         *id,
                                                   gint64              bikes,
                                                   gint64              docks);
VigieEntity *vigie_test_station_new               (const char         *id,
                                                   double              latitude,
                                                   double              longitude,
                                                   gint64              vehicles,
                                                   gint64              capacity);
void         vigie_test_assert_position           (VigieEntity        *entity,
                                                   double              latitude,
                                                   double              longitude,
                                                   double              epsilon);
gboolean     vigie_test_warnings_contain          (const char * const *warnings,
                                                   const char         *fragment);
gboolean     vigie_test_has_warning               (VigieSnapshot      *snapshot,
                                                   const char         *fragment);
gboolean     vigie_test_has_exact_warning         (VigieSnapshot      *snapshot,
                                                   const char         *text);

void         vigie_test_assert_int_value          (VigieEntity        *entity,
                                                   const char         *key,
                                                   gint64              expected);
void         vigie_test_assert_double_value       (VigieEntity        *entity,
                                                   const char         *key,
                                                   double              expected);
void         vigie_test_assert_exact_int_value    (VigieEntity        *entity,
                                                   const char         *key,
                                                   gint64              expected);
void         vigie_test_assert_exact_double_value (VigieEntity        *entity,
                                                   const char         *key,
                                                   double              expected);
void         vigie_test_assert_boolean_value      (VigieEntity        *entity,
                                                   const char         *key,
                                                   gboolean            expected);
void         vigie_test_assert_string_value       (VigieEntity        *entity,
                                                   const char         *key,
                                                   const char         *expected);
void         vigie_test_assert_no_value           (VigieEntity        *entity,
                                                   const char         *key);
GVariant    *vigie_test_get_list                  (VigieEntity        *entity,
                                                   const char         *key,
                                                   gsize               n_items);
void         vigie_test_assert_dict_string        (GVariant           *dict,
                                                   const char         *key,
                                                   const char         *expected);
void         vigie_test_assert_dict_int           (GVariant           *dict,
                                                   const char         *key,
                                                   const char         *type,
                                                   gint64              expected);
void         vigie_test_assert_dict_boolean       (GVariant           *dict,
                                                   const char         *key,
                                                   gboolean            expected);

void         vigie_test_watch_items_changed       (GListModel            *model,
                                                   VigieTestItemsChanged *changes);
void         vigie_test_count_notify              (gpointer            object,
                                                   const char         *property,
                                                   guint              *n);

gboolean     vigie_test_timeout_cb                (gpointer            timed_out);
void         vigie_test_spin                      (guint               ms);
void         vigie_test_bind_catalogue            (void);
gboolean     vigie_test_spin_until                (GSourceFunc         condition,
                                                   gpointer            data,
                                                   guint               timeout_s);
void         vigie_test_on_polled_cb              (VigieFeed          *feed,
                                                   const char         *role,
                                                   gboolean            success,
                                                   guint              *n_polls);
void         vigie_test_wait_polls                (VigieFeed          *feed,
                                                   guint               n);

SoupServer  *vigie_test_server_new                (const char         *path,
                                                   SoupServerCallback  callback,
                                                   gpointer            user_data);
int          vigie_test_server_get_port           (SoupServer         *server);
char        *vigie_test_server_get_base_url       (SoupServer         *server);
void         vigie_test_server_stop               (SoupServer         *server);
void         vigie_test_serve_fixture             (SoupServerMessage  *msg,
                                                   const char         *folder,
                                                   const char         *name,
                                                   const char         *content_type);
void         vigie_test_server_add_fixture        (SoupServer         *server,
                                                   const char         *path,
                                                   const char         *folder,
                                                   const char         *name,
                                                   const char         *content_type);

GSettings   *vigie_test_settings_in_memory        (void);
void         vigie_test_file_init                 (VigieTestFile      *file,
                                                   const char         *name);
void         vigie_test_file_clear                (VigieTestFile      *file);
void         vigie_test_use_fresh_folder          (const char         *variable);
char        *vigie_test_write_profile             (const char         *name,
                                                   const char         *format,
                                                   ...) G_GNUC_PRINTF (2, 3);
char        *vigie_test_use_profile               (GSettings          *settings,
                                                   const char         *name,
                                                   const char         *format,
                                                   ...) G_GNUC_PRINTF (3, 4);

/* Spins the default main context until @condition holds, for at most
 * 10 s; fails the test, naming the condition, when it never does. */
#define VIGIE_TEST_WAIT_UNTIL(condition)                                        \
  G_STMT_START {                                                                \
    gboolean timed_out_ = FALSE;                                                \
    guint id_ = g_timeout_add_seconds (10, vigie_test_timeout_cb, &timed_out_); \
    while (!(condition) && !timed_out_)                                         \
      g_main_context_iteration (NULL, TRUE);                                    \
    if (!timed_out_)                                                            \
      g_source_remove (id_);                                                    \
    if (!(condition))                                                           \
      g_error ("timed out waiting for %s", #condition);                         \
  } G_STMT_END

G_END_DECLS
