/* vigie-tap.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* What a tap sees of one update, in the feed's worker thread. */
typedef struct
{
  const char    *feed_id;
  const char    *format_id;
  VigieSnapshot *previous;   /* nullable: the snapshot shown before */
  VigieSnapshot *current;    /* the new one, prepared */
  gint64         now;        /* Unix seconds */
} VigieTapInput;

/* Runs in a worker thread with the update; returns what the main thread
 * gets once the update is shown, or NULL for nothing. Must touch only
 * the input and what it owns itself. */
typedef gpointer (*VigieTapWorkFunc)  (const VigieTapInput *input,
                                       gpointer             user_data);
/* Runs on the main thread right after the store shows the update; takes
 * @result (transfer full). */
typedef void     (*VigieTapApplyFunc) (const char          *feed_id,
                                       gpointer             result,
                                       gpointer             user_data);

typedef struct _VigieTap VigieTap;

guint      vigie_tap_add            (VigieTapWorkFunc   work,
                                     VigieTapApplyFunc  apply,
                                     GDestroyNotify     free_result,
                                     gpointer           user_data,
                                     GDestroyNotify     destroy);
void       vigie_tap_remove         (guint              id);

GPtrArray *vigie_tap_list           (void);
VigieTap  *vigie_tap_ref            (VigieTap          *tap);
void       vigie_tap_unref          (VigieTap          *tap);
gpointer   vigie_tap_work           (VigieTap          *tap,
                                     const VigieTapInput *input);
void       vigie_tap_apply          (VigieTap          *tap,
                                     const char        *feed_id,
                                     gpointer           result);
void       vigie_tap_free_result    (VigieTap          *tap,
                                     gpointer           result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieTap, vigie_tap_unref)

G_END_DECLS
