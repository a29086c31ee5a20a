/* vigie-about.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-about"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "vigie-about.h"

/* A date in words in the reader's language, "13 mars 2026": the month's
 * name from our own catalogue, as a C time locale would leave
 * g_date_time_format()'s %B in English. */
static char *
format_date (GDateTime *date)
{
  static const char * const months[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
    NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
    NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
  };
  const char *month = g_dpgettext2 (GETTEXT_PACKAGE, "month", months[g_date_time_get_month (date) - 1]);

  /* Translators: a date in a sentence: %1$d the day, %2$s the month's
   * name, %3$d the year: "March 13, 2026"; French "13 mars 2026" */
  return g_strdup_printf (_("%2$s %1$d, %3$d"), g_date_time_get_day_of_month (date), month,
                          g_date_time_get_year (date));
}

/* The installed icon (named as the profile's app id), else the one in
 * the resource: a run from the build tree has no theme with the icon. */
static const char *
find_icon (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_auto(GStrv) paths = NULL;

  if (gtk_icon_theme_has_icon (theme, APP_ID))
    return APP_ID;

  paths = gtk_icon_theme_get_resource_path (theme);
  if (paths == NULL || !g_strv_contains ((const char * const *) paths, RESOURCE_PATH "/icons"))
    gtk_icon_theme_add_resource_path (theme, RESOURCE_PATH "/icons");

  /* As src/vigie.gresource.xml names it, whatever the profile. */
  return "io.github.vigie.Vigie";
}

/**
 * vigie_about_show:
 * @parent: (nullable): the window the About window belongs to
 *
 * Shows the About window, with a legal section for each data source so
 * that every licence's attribution requirement is met in the app itself.
 *
 * Returns: (transfer none): the About window
 */
GtkWindow *
vigie_about_show (GtkWindow *parent)
{
  const char *developers[] = { _("Vigie contributors"), NULL };
  g_autoptr(GDateTime) solea_date = NULL;
  g_autofree char *solea_day = NULL;
  g_autofree char *solea_source = NULL;
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", "Vigie",
                        "application-icon", find_icon (),
                        "developer-name", _("Vigie contributors"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_URL,
                        "issue-url", PACKAGE_BUGREPORT,
                        "copyright", _("© 2026 Vigie contributors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        "comments", _("A live map of the city for control rooms: "
                                      "trams, bike docks, car share, parking "
                                      "occupancy and public Wi-Fi load, from "
                                      "standard open feeds."),
                        NULL);

  /* Credits follow each source's SOURCE.md (data/, ../shared/data/mulhouse/):
   * what the licence asks to be said, in the user's language. */
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Map data"),
                                      /* Translators: OpenStreetMap's credit as its copyright page
                                       * words it in your language (openstreetmap.org/copyright). */
                                      _("© OpenStreetMap contributors"),
                                      GTK_LICENSE_CUSTOM,
                                      _("Street map data, and the offline map of Mulhouse derived from it "
                                        "(an extract of 2020), are available under the "
                                        "<a href=\"https://opendatacommons.org/licenses/odbl/1-0/\">Open Database License 1.0</a>. "
                                        "Map tiles follow the "
                                        "<a href=\"https://operations.osmfoundation.org/policies/tiles/\">tile usage policy</a> "
                                        "of their server."));

  /* When the city last published the timetable the demo derives from. */
  solea_date = g_date_time_new_utc (2026, 3, 13, 0, 0, 0);
  solea_day = format_date (solea_date);
  /* Translators: %s is a date, "March 13, 2026" */
  solea_source = g_strdup_printf (_("Source: Mulhouse Alsace Agglomération – Soléa network, GTFS data, updated %s"),
                                  solea_day);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Soléa timetables"),
                                      solea_source,
                                      GTK_LICENSE_CUSTOM,
                                      _("Published under the "
                                        "<a href=\"https://www.etalab.gouv.fr/licence-ouverte-open-licence/\">Licence Ouverte 2.0</a> "
                                        "(Etalab)."));

  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("VéloCité stations"),
                                      _("Station list from JCDecaux open data (2013)"),
                                      GTK_LICENSE_CUSTOM,
                                      _("Published under the "
                                        "<a href=\"https://www.etalab.gouv.fr/licence-ouverte-open-licence/\">Licence Ouverte 2.0</a> "
                                        "(Etalab)."));

  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Demo city"),
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("Everything the demo city shows is simulated from the sources above; "
                                        "the names, capacities and events of its car parks and Wi-Fi places "
                                        "are invented."));

  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about),
                                                _("Standards"),
                                                (const char *[]) {
                                                  "GBFS https://gbfs.org",
                                                  "GTFS https://gtfs.org",
                                                  "SIRI https://www.siri-cen.eu",
                                                  "FIWARE Smart Data Models https://smartdatamodels.org",
                                                  NULL
                                                });

  gtk_window_present (GTK_WINDOW (about));

  return GTK_WINDOW (about);
}
