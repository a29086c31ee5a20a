/* vigie-entity-list-sorter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-entity-list-model.h"

G_BEGIN_DECLS

void  vigie_entity_list_sorter_set  (GtkColumnViewColumn   *column,
                                     VigieEntityListColumn  which);
guint vigie_entity_list_sorter_read (GtkColumnView         *view,
                                     VigieEntityListSort   *sort);

G_END_DECLS
