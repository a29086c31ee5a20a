/* vigie-number.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-number"

#include "config.h"

#include "vigie-number.h"

/**
 * vigie_format_count:
 * @count: a number of things
 *
 * Writes a count for people, with the thousands grouped as the user's
 * locale groups them ("20 676" in French, "20,676" in English). Every
 * count the user sees goes through here; numbers for machines (files,
 * URLs, the JSON of vigie-inspect) do not.
 *
 * Returns: (transfer full): the count as text
 */
char *
vigie_format_count (gint64 count)
{
  /* The ' flag (POSIX) groups by LC_NUMERIC; GLib hands it to the C
   * library's printf. */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}
