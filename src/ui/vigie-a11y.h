/* vigie-a11y.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

char *vigie_a11y_strip_mnemonic    (const char     *label);
void  vigie_a11y_set_label         (GtkWidget      *widget,
                                    const char     *label);
void  vigie_a11y_name_expander_row (AdwExpanderRow *row);
void  vigie_a11y_name_widgets      (GtkWidget      *root);

G_END_DECLS
