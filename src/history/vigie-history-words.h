/* vigie-history-words.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-history.h"

G_BEGIN_DECLS

char *vigie_history_format_time          (gint64                        time);
char *vigie_history_format_duration      (gint64                        seconds);
char *vigie_history_format_value         (const char                   *field,
                                          double                        value);
char *vigie_history_describe_condition   (VigieHistoryCondition         condition,
                                          gint64                        since,
                                          gint64                        now);
char *vigie_history_describe_range       (const char                   *field,
                                          const VigieHistorySparkline  *sparkline);

G_END_DECLS
