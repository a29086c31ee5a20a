/* vigie-tooltip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-tooltip.h"

/* gtk_widget_set_tooltip_text() on a visible widget asks the X server
 * where the pointer is, a round trip that waits for its answer, whatever
 * the text: in the app at 109,000 entities it was a tenth of the main
 * thread's time (perf), the same texts set again at every update of a
 * feed, and new rows' texts at every rebuild of a board. */

static GQuark
text_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("vigie-tooltip-text");

  return quark;
}

/**
 * vigie_tooltip_set_text:
 * @widget: a #GtkWidget
 * @text: (nullable): its tooltip
 *
 * As gtk_widget_set_tooltip_text(), but nothing is done when the text is
 * the one the widget has: for tooltips set again at each update.
 */
void
vigie_tooltip_set_text (GtkWidget  *widget,
                        const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* GTK keeps no tooltip for an empty text either. */
  if (text != NULL && *text == '\0')
    text = NULL;

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  const char *text = g_object_get_qdata (G_OBJECT (widget), text_quark ());

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * vigie_tooltip_set_text_on_demand:
 * @widget: a #GtkWidget, new
 * @text: (nullable): its tooltip
 *
 * A tooltip for a widget made in numbers (the rows of a board rebuilt at
 * each update): the text is kept on @widget and given to GTK only when a
 * tooltip is to be shown. Assistive technologies read it as the widget's
 * description, as GTK's own tooltips.
 */
void
vigie_tooltip_set_text_on_demand (GtkWidget  *widget,
                                  const char *text)
{
  gboolean connected;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && *text == '\0')
    text = NULL;

  connected = g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_query_tooltip_cb, NULL) != 0;
  g_object_set_qdata_full (G_OBJECT (widget), text_quark (), g_strdup (text), g_free);
  if (text != NULL && !connected)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  gtk_widget_set_has_tooltip (widget, text != NULL);

  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}
