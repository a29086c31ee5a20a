/* vigie-string-set.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Strings kept once each, packed in chunks, as g_string_chunk_insert_const()
 * keeps them, but found through the seeded hash (vigie-hash.h): its own
 * table hashes with g_str_hash, which a feed's ids can make collide. */
typedef struct _VigieStringSet VigieStringSet;

VigieStringSet *vigie_string_set_new   (gsize           chunk_size);
void            vigie_string_set_free  (VigieStringSet *self);
const char     *vigie_string_set_add   (VigieStringSet *self,
                                        const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieStringSet, vigie_string_set_free)

G_END_DECLS
