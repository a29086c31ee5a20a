/* test-tooltip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-test-ui.h"
#include "vigie-tooltip.h"

/* Tooltips set at each update without asking the X server where the
 * pointer is each time (src/map/vigie-tooltip.c). GTK asks at each
 * gtk_widget_set_tooltip_text() on a visible widget, and says so with a
 * notification of "tooltip-text": the tests count those. */

/* The same text set again, as at each update: GTK is not told. */
static void
test_same_text_once (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = gtk_button_new_with_label ("12");
  guint n_set = 0;

  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  vigie_test_count_notify (button, "tooltip-text", &n_set);

  for (guint i = 0; i < 5; i++)
    vigie_tooltip_set_text (button, "12 alerts to acknowledge");
  g_assert_cmpuint (n_set, ==, 1);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "12 alerts to acknowledge");
  g_assert_true (gtk_widget_get_has_tooltip (button));

  vigie_tooltip_set_text (button, "13 alerts to acknowledge");
  g_assert_cmpuint (n_set, ==, 2);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "13 alerts to acknowledge");

  /* An empty text is no tooltip, as for GTK. */
  vigie_tooltip_set_text (button, "");
  vigie_tooltip_set_text (button, NULL);
  g_assert_cmpuint (n_set, ==, 3);
  g_assert_null (gtk_widget_get_tooltip_text (button));
  g_assert_false (gtk_widget_get_has_tooltip (button));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
query (GtkWidget *widget)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (widget, "query-tooltip", 4, 4, FALSE, tooltip, &shown);
  return shown;
}

/* A board's rows: the text given to GTK only when a tooltip is shown. */
static void
test_on_demand (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = gtk_label_new ("Gare Centrale");
  guint n_set = 0;

  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_present (GTK_WINDOW (window));
  vigie_test_count_notify (row, "tooltip-text", &n_set);

  g_assert_false (query (row));
  vigie_tooltip_set_text_on_demand (row, "Line 1 to Gare Centrale, in 3 minutes");
  g_assert_true (gtk_widget_get_has_tooltip (row));
  g_assert_true (query (row));
  g_assert_cmpuint (n_set, ==, 0);

  /* Taken away and given again: one handler, still answering. */
  vigie_tooltip_set_text_on_demand (row, NULL);
  g_assert_false (gtk_widget_get_has_tooltip (row));
  g_assert_false (query (row));
  vigie_tooltip_set_text_on_demand (row, "Line 2 to Coteaux, in 5 minutes");
  vigie_tooltip_set_text_on_demand (row, "Line 2 to Coteaux, in 4 minutes");
  g_assert_true (gtk_widget_get_has_tooltip (row));
  g_assert_true (query (row));
  g_assert_cmpuint (g_signal_handlers_disconnect_matched (row, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA,
                                                          g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET),
                                                          0, NULL, NULL, NULL), ==, 1);
  g_assert_cmpuint (n_set, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_gtk (&argc, &argv, "tooltips"))
    return 77;

  g_test_add_func ("/tooltip/same-text-once", test_same_text_once);
  g_test_add_func ("/tooltip/on-demand", test_on_demand);

  return g_test_run ();
}
