/* vigie-a11y.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-a11y.h"

/* Names for assistive technologies where GTK 4.8 and libadwaita 1.2 give
 * none: a focusable widget without a label is announced by its type name
 * ("GtkListBox", "GtkImage"), and a button with a mnemonic is announced
 * with its underscore and its text twice ("_Refresh All Refresh All"). */

#define EXPLICIT_KEY "vigie-a11y-label"

/**
 * vigie_a11y_strip_mnemonic:
 * @label: a label with mnemonics, as in "_Refresh All"
 *
 * Returns: (transfer full): the label as read: "Refresh All"
 */
char *
vigie_a11y_strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; p != NULL && *p != '\0'; p++)
    {
      /* "__" is a literal underscore; "_x" underlines x. */
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

/**
 * vigie_a11y_set_label:
 * @widget: a widget
 * @label: its accessible name
 *
 * Names @widget for assistive technologies; vigie_a11y_name_widgets()
 * leaves it as it is.
 */
void
vigie_a11y_set_label (GtkWidget  *widget,
                      const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_set_data (G_OBJECT (widget), EXPLICIT_KEY, GINT_TO_POINTER (TRUE));
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_row_title_cb (AdwExpanderRow *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  vigie_a11y_set_label (GTK_WIDGET (row), title);

  /* Its inner list (header and rows) is focusable too: the same name. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (row)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    for (GtkWidget *inner = child; inner != NULL; inner = gtk_widget_get_first_child (inner))
      if (GTK_IS_LIST_BOX (inner))
        {
          vigie_a11y_set_label (inner, title);
          break;
        }
}

/**
 * vigie_a11y_name_expander_row:
 * @row: an expander row
 *
 * Names @row and its inner list after its title, now and when it changes.
 */
void
vigie_a11y_name_expander_row (AdwExpanderRow *row)
{
  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));

  g_signal_connect (row, "notify::title", G_CALLBACK (on_row_title_cb), NULL);
  on_row_title_cb (row);
}

static const char *
get_context_name (GtkWidget  *widget,
                  const char *inherited)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (GTK_IS_STACK (parent))
    {
      GtkStackPage *page = gtk_stack_get_page (GTK_STACK (parent), widget);
      const char *title = page != NULL ? gtk_stack_page_get_title (page) : NULL;

      if (title != NULL)
        return title;
    }
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    return gtk_widget_get_tooltip_text (widget);

  return inherited;
}

static gboolean
is_icon_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget)) == NULL &&
           !GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget)));

  return FALSE;
}

static void
name_widget (GtkWidget  *widget,
             const char *context)
{
  if (g_object_get_data (G_OBJECT (widget), EXPLICIT_KEY) != NULL)
    return;

  /* A mnemonic's underscore is for the eye only. */
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autofree char *text = vigie_a11y_strip_mnemonic (gtk_button_get_label (GTK_BUTTON (widget)));

      /* GTK reads the label and then the label it is labelled by. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      return;
    }

  if (!gtk_widget_get_focusable (widget) || context == NULL)
    return;

  /* Focusable things GTK names after their type when nobody names them. */
  if (is_icon_button (widget) || ADW_IS_EXPANDER_ROW (widget) || GTK_IS_SWITCH (widget) ||
      GTK_IS_LIST_BOX (widget) || GTK_IS_LIST_VIEW (widget) ||
      GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_PANED (widget) ||
      GTK_IS_LIST_VIEW (gtk_widget_get_parent (widget)))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, context, -1);
}

static void
name_tree (GtkWidget  *widget,
           const char *inherited)
{
  const char *context = get_context_name (widget, inherited);

  name_widget (widget, context);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_tree (child, context);
}

/**
 * vigie_a11y_name_widgets:
 * @root: a window or any widget
 *
 * Gives the focusable widgets under @root that have no accessible name the
 * name of what holds them: their tooltip, their row's or their page's
 * title; and takes the mnemonic underscores out of the buttons' names.
 * For what is there now: widgets added later are named where made.
 */
void
vigie_a11y_name_widgets (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  name_tree (root, NULL);
}
