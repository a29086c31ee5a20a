/* vigie-feed-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-feed-editor.h"
#include "vigie-feed-summary.h"
#include "vigie-format.h"
#include "vigie-number.h"

/* Adds or edits one feed of a city profile, and tests it first: the test
 * runs the real engine once on the address, so what it says is what the
 * map would show. */

struct _VigieFeedEditor
{
  GtkBox         parent_instance;

  VigieContext  *context;
  VigieProfile  *profile;
  char          *feed_id;     /* NULL for a new feed */
  GPtrArray     *format_ids;
  VigieFeed     *test_feed;

  AdwWindowTitle *title;
  AdwEntryRow    *name_row;
  AdwComboRow    *kind_row;
  AdwComboRow    *format_row;
  AdwEntryRow    *url_row;
  AdwPasswordEntryRow *key_row;
  GtkSpinButton  *interval_spin;
  GtkLabel       *test_result;
};

G_DEFINE_FINAL_TYPE (VigieFeedEditor, vigie_feed_editor, GTK_TYPE_BOX)

enum {
  DONE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const struct {
  VigieFeedKind kind;
  const char *label;
} kinds[] = {
  { VIGIE_FEED_KIND_TRAMS, N_("Trams") },
  { VIGIE_FEED_KIND_TRAINS, N_("Trains") },
  { VIGIE_FEED_KIND_BIKES, N_("Bike share") },
  { VIGIE_FEED_KIND_CAR_SHARE, N_("Car share") },
  { VIGIE_FEED_KIND_PARKING, N_("Parking") },
  { VIGIE_FEED_KIND_WIFI, N_("Public Wi-Fi") },
};

static void
show_result (VigieFeedEditor *self,
             const char      *text,
             gboolean         is_error)
{
  gtk_label_set_text (self->test_result, text);
  gtk_widget_set_visible (GTK_WIDGET (self->test_result), TRUE);

  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->test_result), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_result), "success");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->test_result), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_result), "error");
    }
}

static const char *
selected_format (VigieFeedEditor *self)
{
  guint position = adw_combo_row_get_selected (self->format_row);

  if (position >= self->format_ids->len)
    return NULL;

  return g_ptr_array_index (self->format_ids, position);
}

/* Whether the form can be used; says why not otherwise. */
static gboolean
validate (VigieFeedEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autofree char *scheme = g_uri_parse_scheme (url);

  if (name[0] == '\0')
    {
      show_result (self, _("Give the feed a name."), TRUE);
      return FALSE;
    }

  if (!g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL) || scheme == NULL ||
      (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http")))
    {
      show_result (self, _("The address must be a full web address, starting with https://"), TRUE);
      return FALSE;
    }

  if (selected_format (self) == NULL)
    {
      show_result (self, _("Choose the feed’s format."), TRUE);
      return FALSE;
    }

  if (*gtk_editable_get_text (GTK_EDITABLE (self->key_row)) != '\0' &&
      !vigie_secrets_url_needs_secret (url))
    {
      show_result (self, _("Write {api_key} in the address where the key goes."), TRUE);
      return FALSE;
    }

  return TRUE;
}

static void
stop_test (VigieFeedEditor *self)
{
  if (self->test_feed != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->test_feed, self);
      vigie_feed_stop (self->test_feed);
      g_clear_object (&self->test_feed);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.test", TRUE);
}

static void
on_test_polled_cb (VigieFeed       *feed,
                   const char      *role,
                   gboolean         success,
                   VigieFeedEditor *self)
{
  g_autofree char *text = NULL;
  const char * const *warnings;

  if (success && !vigie_feed_is_settled (feed))
    return;

  if (vigie_feed_get_last_error (feed) != NULL)
    {
      /* The plain reason; what the server or the parser said, on demand. */
      show_result (self, vigie_feed_get_reason (feed) ? vigie_feed_get_reason (feed) : vigie_feed_get_last_error (feed), TRUE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->test_result), vigie_feed_get_last_error (feed));
      stop_test (self);
      return;
    }

  warnings = vigie_feed_get_warnings (feed);
  {
    guint n_items = g_list_model_get_n_items (G_LIST_MODEL (vigie_feed_get_store (feed)));
    g_autofree char *n_items_text = vigie_format_count (n_items);
    g_autofree char *items = NULL;
    g_autofree char *warning_count = vigie_feed_summary_format_warnings (feed);

    items = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s item to show", "%s items to show", n_items), n_items_text);
    /* Translators: "It works: 40 items to show, 2 warnings." */
    text = g_strdup_printf (_("It works: %s, %s."), items, warning_count);
  }

  if (warnings != NULL && warnings[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv ("\n", (char **) warnings);
      char *with_warnings = g_strconcat (text, "\n", joined, NULL);

      g_free (text);
      text = with_warnings;
    }

  show_result (self, text, FALSE);
  stop_test (self);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VigieFeedEditor *self = VIGIE_FEED_EDITOR (widget);
  VigieFeedManager *manager = vigie_context_get_feed_manager (self->context);
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (!validate (self))
    return;

  stop_test (self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->test_result), NULL);
  show_result (self, _("Testing…"), FALSE);
  gtk_widget_action_set_enabled (widget, "editor.test", FALSE);

  self->test_feed = vigie_feed_new ("test", NULL,
                                    kinds[MIN (kind, G_N_ELEMENTS (kinds) - 1)].kind,
                                    selected_format (self),
                                    gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  if (*gtk_editable_get_text (GTK_EDITABLE (self->key_row)) != '\0')
    vigie_feed_set_secret (self->test_feed, gtk_editable_get_text (GTK_EDITABLE (self->key_row)));
  g_signal_connect (self->test_feed, "polled", G_CALLBACK (on_test_polled_cb), self);
  vigie_feed_start (self->test_feed, vigie_feed_manager_get_client (manager));
}

static void
on_secret_stored_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!vigie_secrets_store_finish (VIGIE_SECRETS (object), result, &error))
    g_warning ("Could not store the API key in the keyring: %s", error->message);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VigieFeedEditor *self = VIGIE_FEED_EDITOR (widget);
  g_auto(VigieFeedDefinition) definition = { 0 };
  g_autoptr(GError) error = NULL;
  const char *name;
  guint kind;

  if (!validate (self))
    return;

  stop_test (self);

  name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  kind = adw_combo_row_get_selected (self->kind_row);

  if (self->feed_id == NULL || !vigie_profile_get_feed (self->profile, self->feed_id, &definition))
    {
      definition.id = self->feed_id ? g_strdup (self->feed_id) : vigie_profile_make_feed_id (self->profile, name);
      definition.enabled = TRUE;
    }

  g_free (definition.name);
  definition.name = g_strstrip (g_strdup (name));
  definition.kind = kinds[MIN (kind, G_N_ELEMENTS (kinds) - 1)].kind;
  g_free (definition.format_id);
  definition.format_id = g_strdup (selected_format (self));
  g_free (definition.url);
  definition.url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  definition.poll_interval_s = (guint) gtk_spin_button_get_value_as_int (self->interval_spin);

  vigie_profile_set_feed (self->profile, &definition);

  /* Only a key typed here replaces the one in the keyring. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->key_row)) != '\0')
    {
      g_autofree char *label = g_strdup_printf (_("Vigie: API key of “%s”"), definition.name);

      vigie_secrets_store_async (vigie_context_get_secrets (self->context),
                                 vigie_profile_get_id (self->profile),
                                 definition.id,
                                 label,
                                 gtk_editable_get_text (GTK_EDITABLE (self->key_row)),
                                 NULL,
                                 on_secret_stored_cb,
                                 NULL);
    }

  if (!vigie_profile_save (self->profile, &error) ||
      !vigie_context_load_profile (self->context, vigie_profile_get_id (self->profile), &error))
    {
      g_autofree char *text = g_strdup_printf (_("The profile could not be saved: %s"), error->message);

      show_result (self, text, TRUE);
      return;
    }

  /* The reload may look the key up before the keyring has stored it:
   * hand the new feed its key directly. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->key_row)) != '\0')
    {
      VigieFeed *feed = vigie_feed_manager_lookup (vigie_context_get_feed_manager (self->context), definition.id);

      if (feed != NULL)
        vigie_feed_set_secret (feed, gtk_editable_get_text (GTK_EDITABLE (self->key_row)));
    }

  g_signal_emit (self, signals [DONE], 0, TRUE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VigieFeedEditor *self = VIGIE_FEED_EDITOR (widget);

  stop_test (self);
  g_signal_emit (self, signals [DONE], 0, FALSE);
}

static void
fill_form (VigieFeedEditor *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) format_names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) formats = vigie_format_list ();
  g_auto(VigieFeedDefinition) definition = { 0 };
  gboolean existing;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, _(kinds[i].label));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));

  for (guint i = 0; i < formats->len; i++)
    {
      const VigieFormat *format = g_ptr_array_index (formats, i);

      /* Formats registered by tests have no translated name. */
      if (g_str_has_prefix (format->id, "test-"))
        continue;

      g_ptr_array_add (self->format_ids, g_strdup (format->id));
      gtk_string_list_append (format_names, _(format->name));
    }
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (format_names));

  existing = self->feed_id != NULL && vigie_profile_get_feed (self->profile, self->feed_id, &definition);
  adw_window_title_set_title (self->title, existing ? _("Edit Feed") : _("New Feed"));
  adw_window_title_set_subtitle (self->title, vigie_profile_get_name (self->profile));

  if (!existing)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), definition.name ? definition.name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), definition.url ? definition.url : "");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == definition.kind)
      adw_combo_row_set_selected (self->kind_row, i);
  for (guint i = 0; i < self->format_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->format_ids, i), definition.format_id) == 0)
      adw_combo_row_set_selected (self->format_row, i);
  if (definition.poll_interval_s > 0)
    gtk_spin_button_set_value (self->interval_spin, definition.poll_interval_s);
}

static void
vigie_feed_editor_dispose (GObject *object)
{
  VigieFeedEditor *self = (VigieFeedEditor *)object;

  stop_test (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_FEED_EDITOR);
  g_clear_object (&self->context);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (vigie_feed_editor_parent_class)->dispose (object);
}

static void
vigie_feed_editor_finalize (GObject *object)
{
  VigieFeedEditor *self = (VigieFeedEditor *)object;

  g_clear_pointer (&self->feed_id, g_free);
  g_clear_pointer (&self->format_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_feed_editor_parent_class)->finalize (object);
}

static void
vigie_feed_editor_class_init (VigieFeedEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_feed_editor_dispose;
  object_class->finalize = vigie_feed_editor_finalize;

  /**
   * VigieFeedEditor::done:
   * @self: a #VigieFeedEditor
   * @saved: whether the feed was saved
   */
  signals [DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-feed-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieFeedEditor, title);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedEditor, format_row);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedEditor, key_row);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedEditor, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, VigieFeedEditor, test_result);

  gtk_widget_class_install_action (widget_class, "editor.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
vigie_feed_editor_init (VigieFeedEditor *self)
{
  self->format_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vigie_feed_editor_new:
 * @context: the application's context
 * @profile: the profile the feed belongs to
 * @feed_id: (nullable): the feed to edit, or %NULL for a new one
 *
 * Returns: (transfer floating): a new editor, for
 *   adw_preferences_window_present_subpage()
 */
GtkWidget *
vigie_feed_editor_new (VigieContext *context,
                       VigieProfile *profile,
                       const char   *feed_id)
{
  VigieFeedEditor *self;

  g_return_val_if_fail (VIGIE_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (VIGIE_IS_PROFILE (profile), NULL);

  self = g_object_new (VIGIE_TYPE_FEED_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->profile = g_object_ref (profile);
  self->feed_id = g_strdup (feed_id);
  fill_form (self);

  return GTK_WIDGET (self);
}
