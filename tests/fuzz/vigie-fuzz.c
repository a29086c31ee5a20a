/* vigie-fuzz.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-formats.h"
#include "vigie-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  return 0;
}

const VigieParseContext *
vigie_fuzz_context (void)
{
  /* 2026-11-23 08:10 UTC, as the unit tests; a small entity cap keeps a
   * big input fast without hiding the code past the cap. */
  static const VigieParseContext context = {
    .now = 1795505400,
    .language = "fr",
    .max_entities = 5000,
  };

  return &context;
}

GBytes *
vigie_fuzz_fixture (const char *path)
{
  g_autofree char *full = g_build_filename (VIGIE_FUZZ_FIXTURES, path, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  if (!g_file_get_contents (full, &contents, &length, &error))
    g_error ("%s", error->message);

  return g_bytes_new_take (contents, length);
}

GHashTable *
vigie_fuzz_companions (const char *role,
                       const char *path,
                       ...)
{
  GHashTable *companions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                  (GDestroyNotify) g_bytes_unref);
  va_list args;

  va_start (args, path);
  while (role != NULL)
    {
      g_hash_table_insert (companions, (gpointer) role, vigie_fuzz_fixture (path));
      role = va_arg (args, const char *);
      if (role != NULL)
        path = va_arg (args, const char *);
    }
  va_end (args);

  return companions;
}

void
vigie_fuzz_parse (const char    *format_id,
                  const char    *role,
                  const uint8_t *data,
                  size_t         size,
                  GHashTable    *companions,
                  const VigieParseContext *context)
{
  const VigieFormat *format = vigie_format_lookup (format_id);
  /* A copy, so that ASan sees a read past the end of the input. */
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (format != NULL);
  if (context == NULL)
    context = vigie_fuzz_context ();

  if (format->sniff != NULL)
    format->sniff ("application/octet-stream", bytes);

  snapshot = format->parse (role, bytes, context, &error);
  g_assert ((snapshot == NULL) != (error == NULL));

  if (snapshot != NULL && format->combine != NULL)
    {
      g_autoptr(GHashTable) by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) vigie_snapshot_unref);
      g_autoptr(VigieSnapshot) combined = NULL;

      if (companions != NULL)
        {
          GHashTableIter iter;
          gpointer key, value;

          g_hash_table_iter_init (&iter, companions);
          while (g_hash_table_iter_next (&iter, &key, &value))
            {
              VigieSnapshot *part;

              if (g_str_equal (key, role))
                continue;
              part = format->parse (key, value, context, NULL);
              if (part != NULL)
                g_hash_table_insert (by_role, key, part);
            }
        }
      g_hash_table_insert (by_role, (gpointer) role, vigie_snapshot_ref (snapshot));

      combined = format->combine (by_role, context);

      if (format->describe_missing != NULL)
        g_free (format->describe_missing (by_role));
    }
}
