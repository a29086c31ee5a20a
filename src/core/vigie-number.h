/* vigie-number.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *vigie_format_count (gint64 count);

/* Appends "12 trams" to @text, after " · " when it holds something
 * already, and nothing when @n is 0. @format has one %s, the count
 * grouped as the locale groups it; a macro so that the compiler still
 * checks the format (g_dngettext keeps it a format). */
#define vigie_append_count(text, n, format) \
  G_STMT_START { \
    if ((n) > 0) \
      { \
        g_autofree char *vigie_count_ = vigie_format_count (n); \
        if ((text)->len > 0) \
          g_string_append ((text), " · "); \
        g_string_append_printf ((text), format, vigie_count_); \
      } \
  } G_STMT_END

G_END_DECLS
