/* vigie-failure.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *vigie_failure_describe (const GError *error);

G_END_DECLS
