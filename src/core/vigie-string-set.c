/* vigie-string-set.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-hash.h"
#include "vigie-string-set.h"

struct _VigieStringSet
{
  GStringChunk *chunk;
  GHashTable   *table;   /* the chunk's strings, as keys */
};

/**
 * vigie_string_set_new:
 * @chunk_size: the size of each chunk, as for g_string_chunk_new()
 *
 * Returns: (transfer full): an empty set
 */
VigieStringSet *
vigie_string_set_new (gsize chunk_size)
{
  VigieStringSet *self = g_new0 (VigieStringSet, 1);

  self->chunk = g_string_chunk_new (chunk_size);
  self->table = g_hash_table_new (vigie_str_hash, g_str_equal);

  return self;
}

void
vigie_string_set_free (VigieStringSet *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->table);
  g_string_chunk_free (self->chunk);
  g_free (self);
}

/**
 * vigie_string_set_add:
 * @text: a string
 *
 * Returns: (transfer none): the set's copy of @text, made the first time;
 *   it lives as long as the set
 */
const char *
vigie_string_set_add (VigieStringSet *self,
                      const char     *text)
{
  char *kept;

  g_return_val_if_fail (self != NULL && text != NULL, NULL);

  kept = g_hash_table_lookup (self->table, text);
  if (kept == NULL)
    {
      kept = g_string_chunk_insert (self->chunk, text);
      g_hash_table_add (self->table, kept);
    }

  return kept;
}
