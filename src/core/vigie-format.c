/* vigie-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format"

#include "config.h"

#include "vigie-format.h"
#include "vigie-formats.h"

/* The registry of feed standards: the built-in parsers from src/formats/
 * and any that a test registers. Used from the main thread only. */

static GPtrArray *registry;

G_DEFINE_QUARK (vigie-format-error-quark, vigie_format_error)

static void
ensure_registry (void)
{
  if (registry != NULL)
    return;

  registry = g_ptr_array_new ();
  for (const VigieFormat * const *f = vigie_formats_builtin (); *f != NULL; f++)
    g_ptr_array_add (registry, (gpointer) *f);
}

/**
 * vigie_format_lookup:
 * @id: a format id, as written in a profile
 *
 * Returns: (nullable): the format, or %NULL if there is none of that id
 */
const VigieFormat *
vigie_format_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  ensure_registry ();

  for (guint i = 0; i < registry->len; i++)
    {
      const VigieFormat *format = g_ptr_array_index (registry, i);

      if (g_str_equal (format->id, id))
        return format;
    }

  return NULL;
}

/**
 * vigie_format_register:
 * @format: a format that lives as long as the process
 *
 * Adds a format, or replaces the one with the same id.
 */
void
vigie_format_register (const VigieFormat *format)
{
  g_return_if_fail (format != NULL);
  g_return_if_fail (format->id != NULL);
  g_return_if_fail (format->parse != NULL);

  ensure_registry ();

  for (guint i = 0; i < registry->len; i++)
    {
      const VigieFormat *other = g_ptr_array_index (registry, i);

      if (g_str_equal (other->id, format->id))
        {
          registry->pdata[i] = (gpointer) format;
          return;
        }
    }

  g_ptr_array_add (registry, (gpointer) format);
}

/**
 * vigie_format_list:
 *
 * Returns: (transfer container) (element-type VigieFormat): every format
 */
GPtrArray *
vigie_format_list (void)
{
  ensure_registry ();

  return g_ptr_array_copy (registry, NULL, NULL);
}

/**
 * vigie_format_sniff:
 * @content_type: (nullable): the Content-Type the server sent
 * @bytes: the first document
 *
 * Returns: (nullable): the first format that recognises @bytes
 */
const VigieFormat *
vigie_format_sniff (const char *content_type,
                    GBytes     *bytes)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  ensure_registry ();

  for (guint i = 0; i < registry->len; i++)
    {
      const VigieFormat *format = g_ptr_array_index (registry, i);

      if (format->sniff != NULL && format->sniff (content_type, bytes))
        return format;
    }

  return NULL;
}

/**
 * vigie_format_follows:
 * @format: a format
 * @role: the role of a linked document
 *
 * Returns: whether the feed engine should fetch documents of @role
 */
gboolean
vigie_format_follows (const VigieFormat *format,
                      const char        *role)
{
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  if (format->followed_roles == NULL)
    return FALSE;

  return g_strv_contains ((const char * const *) format->followed_roles, role);
}

/**
 * vigie_format_is_optional:
 * @format: a format
 * @role: the role of a linked document
 *
 * Returns: whether the feed shows a complete picture without @role
 */
gboolean
vigie_format_is_optional (const VigieFormat *format,
                          const char        *role)
{
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  return format->optional_roles != NULL &&
         g_strv_contains ((const char * const *) format->optional_roles, role);
}

/**
 * vigie_format_get_min_interval:
 * @format: a format
 * @role: a document role
 *
 * Returns: the shortest delay between two polls of a document of @role,
 *   in seconds
 */
guint
vigie_format_get_min_interval (const VigieFormat *format,
                               const char        *role)
{
  g_return_val_if_fail (format != NULL, 0);
  g_return_val_if_fail (role != NULL, format->min_interval_s);

  for (const VigieRoleInterval *r = format->role_intervals; r != NULL && r->role != NULL; r++)
    if (g_str_equal (r->role, role))
      return r->min_interval_s;

  return format->min_interval_s;
}

/**
 * vigie_format_new_snapshot:
 * @context: (nullable): the parse context
 *
 * Returns: (transfer full): an empty snapshot bounded by the context's
 *   entity limit, for parsers
 */
VigieSnapshot *
vigie_format_new_snapshot (const VigieParseContext *context)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();

  if (context != NULL)
    vigie_snapshot_set_max_entities (snapshot, context->max_entities);

  return snapshot;
}

/**
 * vigie_format_sniff_head:
 * @bytes: a document
 *
 * Returns: (transfer full) (nullable): the start of @bytes as a string,
 *   at most %VIGIE_FORMAT_SNIFF_SIZE bytes, for a sniffer; %NULL when
 *   @bytes is empty
 */
char *
vigie_format_sniff_head (GBytes *bytes)
{
  gsize size;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  /* An empty GBytes may hold a NULL pointer. */
  data = g_bytes_get_data (bytes, &size);
  if (data == NULL || size == 0)
    return NULL;

  return g_strndup (data, MIN (size, VIGIE_FORMAT_SNIFF_SIZE));
}
