/* vigie-toast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-toast"

#include "config.h"

#include "vigie-toast.h"

/**
 * vigie_toast_new_plain:
 * @text: a message that may quote a feed, a file name or an address
 *
 * A toast's title is Pango markup in libadwaita 1.2: an "&" in a quoted
 * name would break it, and a feed could inject markup. Escape it first.
 *
 * Returns: (transfer floating): a new toast showing @text as it is
 */
AdwToast *
vigie_toast_new_plain (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  return adw_toast_new (escaped);
}
