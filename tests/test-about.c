/* test-about.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "vigie-about.h"
#include "vigie-test-ui.h"

/* The About window in French, from the catalogue built in the build tree:
 * our own legal lines are translated, and every data source is credited
 * with its licence. */

static void
test_about_french (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWindow *about;

  /* The catalogue is the one of this build: a missing one is a failure. */
  g_assert_cmpstr (_("Vigie contributors"), ==, "Les contributeurs de Vigie");

  about = vigie_about_show (NULL);
  /* Its icon is found, even from the build tree where no theme has it. */
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                          adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about))));
  g_assert_cmpstr (adw_about_window_get_copyright (ADW_ABOUT_WINDOW (about)), ==,
                   "© 2026 Les contributeurs de Vigie");
  g_assert_cmpstr (adw_about_window_get_developer_name (ADW_ABOUT_WINDOW (about)), ==,
                   "Les contributeurs de Vigie");

  vigie_test_collect_labels (GTK_WIDGET (about), VIGIE_TEST_LABEL_ANY, text);
  g_test_message ("%s", text->str);

  g_assert_null (strstr (text->str, "OpenStreetMap contributors"));
  g_assert_null (strstr (text->str, "Vigie contributors"));

  /* Each source, its credit and its licence. */
  g_assert_nonnull (strstr (text->str, "© les contributeurs d’OpenStreetMap"));
  g_assert_nonnull (strstr (text->str, "Open Database License 1.0"));
  g_assert_nonnull (strstr (text->str, "Mulhouse Alsace Agglomération – réseau Soléa, données GTFS, mise à jour du 13 mars 2026"));
  g_assert_nonnull (strstr (text->str, "JCDecaux"));
  g_assert_nonnull (strstr (text->str, "Licence Ouverte 2.0"));
  g_assert_nonnull (strstr (text->str, "simulé"));

  gtk_window_destroy (about);
}

int
main (int   argc,
      char *argv[])
{
  /* French messages in any locale but C itself, as LANGUAGE=fr does for
   * the app; the catalogue is the one meson built under po/. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  vigie_test_bind_catalogue ();

  if (!vigie_test_init_gtk (&argc, &argv, "About window"))
    return 77;
  adw_init ();

  g_test_add_func ("/about/french", test_about_french);

  return g_test_run ();
}
