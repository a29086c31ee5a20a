/* vigie-city-figures.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "vigie-centre.h"
#include "vigie-feed-manager.h"
#include "vigie-day-series.h"
#include "vigie-figures.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_CITY_FIGURES (vigie_city_figures_get_type())

G_DECLARE_FINAL_TYPE (VigieCityFigures, vigie_city_figures, VIGIE, CITY_FIGURES, GObject)

VigieCityFigures *vigie_city_figures_new            (VigieFeedManager *manager);
GPtrArray        *vigie_city_figures_dup_sentences  (VigieCityFigures *self);
gint64            vigie_city_figures_get_data_time  (VigieCityFigures *self);
guint             vigie_city_figures_get_n_feeds    (VigieCityFigures *self);
VigieDaySeries   *vigie_city_figures_get_today      (VigieCityFigures *self);
void              vigie_city_figures_get_by_kind    (VigieCityFigures *self,
                                                     VigieFigures     *by_kind);
void              vigie_city_figures_set_centre     (VigieCityFigures *self,
                                                     VigieCentre      *centre);

G_END_DECLS
