/* vigie-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-application"

#include "config.h"

#include <glib/gi18n.h>
#include "vigie-clock.h"
#include "vigie-about.h"
#include "vigie-alert-notifications.h"
#include "vigie-application.h"
#include "vigie-renderer.h"
#include "vigie-connection-alerts.h"
#include "vigie-connection-place.h"
#include "vigie-connections-window.h"
#include "vigie-departure-watch.h"
#include "vigie-history-demo.h"
#include "vigie-map-user-agent.h"
#include "vigie-memory.h"
#include "vigie-preferences-window.h"
#include "vigie-study-window.h"
#include "vigie-simulator.h"
#include "vigie-sim-server-thread.h"
#include "vigie-window.h"

struct _VigieApplication
{
  AdwApplication  parent_instance;

  VigieContext   *context;
  VigieSimulator *simulator;
  VigieSimServerThread *simulator_thread;  /* serves it, off the main thread */
  VigieDepartureWatch *departure_watch;
  VigieConnectionWatch *connection_watch;  /* the demo's station, or NULL */
  VigieAlertNotifications *notifications;
  VigieConnectionAlerts *connection_alerts; /* its trams to hold, in the Alerts panel */
  char           *profile_id;
  gboolean        demo;
  gboolean        meeting;
  gint64          demo_time;
  GStrv           demo_faults;
  guint           trim_id;
};

G_DEFINE_FINAL_TYPE (VigieApplication, vigie_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 'v', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Open the built-in demo city with simulated data"), NULL },
  { "demo-time", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Run the demo city and the app’s clock from this date and time (ISO 8601, e.g. 2026-12-07T08:30)"), N_("TIME") },
  { "demo-fault", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Make a feed of the demo city fail, for drills: FEED:KIND[:ARG][@SECONDS], e.g. bikes:status:503, bikes:stale:600, bikes:status:503@60 (from the 60th second on)"), N_("FAULT") },
  { "meeting", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Open in the meeting mode: full screen, the map and the city’s figures for a room"), NULL },
  { "profile", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Use this city profile for this run, without changing the settings"), N_("PROFILE") },
  { NULL }
};

static void
vigie_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  VigieApplication *self = user_data;
  GList *windows;

  /* Close the windows rather than quitting outright so that each one
   * saves its size and map view on close-request. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
vigie_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  VigieApplication *self = user_data;

  vigie_about_show (gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
vigie_application_preferences_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  VigieApplication *self = user_data;
  GtkWidget *preferences;

  preferences = vigie_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                              self->context);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
vigie_application_connections_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  VigieApplication *self = user_data;
  GtkWidget *window;

  if (self->connection_watch == NULL)
    return;

  window = vigie_connections_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         self->connection_watch);
  gtk_window_present (GTK_WINDOW (window));
}

static void
vigie_application_study_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  VigieApplication *self = user_data;
  VigieStudyKind kind = g_str_equal (g_action_get_name (G_ACTION (action)), "wifi-study") ? VIGIE_STUDY_WIFI
                                                                                           : VIGIE_STUDY_PARKING;

  gtk_window_present (GTK_WINDOW (vigie_study_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                                          self->context, kind)));
}

static const GActionEntry app_actions[] = {
  { "quit", vigie_application_quit_action },
  { "connections", vigie_application_connections_action },
  { "parking-study", vigie_application_study_action },
  { "wifi-study", vigie_application_study_action },
  { "preferences", vigie_application_preferences_action },
  { "about", vigie_application_about_action },
};

static int
vigie_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  VigieApplication *self = VIGIE_APPLICATION (app);
  const char *demo_time = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;

  if (g_variant_dict_contains (options, "meeting"))
    self->meeting = TRUE;

  if (g_variant_dict_lookup (options, "demo-time", "&s", &demo_time))
    {
      /* The simulated clock and the app's "now" must agree, or the
       * demo's data would lie in the app's future. Without --profile,
       * a demo time means the demo. */
      if (!vigie_clock_parse_time (demo_time, NULL, &self->demo_time))
        {
          g_printerr (_("Cannot read the time “%s”: use ISO 8601, e.g. 2026-12-07T08:30\n"), demo_time);
          return EXIT_FAILURE;
        }
      vigie_clock_set_time (self->demo_time);
      if (!g_variant_dict_contains (options, "profile"))
        self->demo = TRUE;
    }

  g_clear_pointer (&self->profile_id, g_free);
  g_variant_dict_lookup (options, "profile", "s", &self->profile_id);

  g_clear_pointer (&self->demo_faults, g_strfreev);
  if (g_variant_dict_lookup (options, "demo-fault", "^as", &self->demo_faults))
    {
      /* Checked now, so that a typo is said before any window opens. */
      g_autoptr(VigieSimulator) check = vigie_simulator_new (1);

      for (guint i = 0; self->demo_faults[i] != NULL; i++)
        {
          g_autoptr(GError) error = NULL;

          if (!vigie_simulator_add_fault (check, self->demo_faults[i], &error))
            {
              g_printerr ("%s\n", error->message);
              return EXIT_FAILURE;
            }
        }
      if (!g_variant_dict_contains (options, "profile"))
        self->demo = TRUE;
    }

  return G_APPLICATION_CLASS (vigie_application_parent_class)->handle_local_options (app, options);
}

/* The demo city: a simulator on a free loopback port, started the first
 * time the demo profile is chosen, serving the same standard feeds as
 * real operators so that the whole real path runs. */
static VigieProfile *
create_demo_profile (gpointer   user_data,
                     GError   **error)
{
  VigieApplication *self = user_data;
  g_autofree char *data = NULL;

  if (self->simulator == NULL)
    {
      g_autoptr(VigieSimulator) simulator = NULL;

      /* At a chosen time the demo is the same at every run (seed 1, as
       * the simulator alone); otherwise it varies from run to run. */
      if (self->demo_time > 0)
        {
          simulator = vigie_simulator_new (1);
          vigie_simulator_set_start_time (simulator, vigie_clock_now ());
        }
      else
        {
          simulator = vigie_simulator_new (g_get_real_time () / G_USEC_PER_SEC);
        }

      for (guint i = 0; self->demo_faults != NULL && self->demo_faults[i] != NULL; i++)
        if (!vigie_simulator_add_fault (simulator, self->demo_faults[i], error))
          return NULL;

      /* From a thread of its own: the feeds' first answers must not wait
       * for the main thread to have built and drawn the window. */
      self->simulator_thread = vigie_sim_server_thread_start (simulator, 0, error);
      if (self->simulator_thread == NULL)
        return NULL;

      self->simulator = g_steal_pointer (&simulator);

      /* A past for the sparklines from the first minute, worked out in
       * the history's writer (history/vigie-history-demo.c). */
      if (vigie_context_get_history (self->context) != NULL)
        vigie_history_demo_fill (vigie_context_get_history (self->context), self->simulator, vigie_clock_now ());
    }

  data = vigie_simulator_dup_profile (self->simulator);
  return vigie_profile_new_from_data ("demo", data, -1, error);
}

/* The window's commands and their keys: the menu and the shortcuts window
 * both show the keys set here (tests/check-shortcuts.py makes sure they
 * name the same commands alike). The window binds a few variants too
 * (Ctrl+= and the keypad's). The map's own keys without Ctrl
 * (+, -, arrows) act only when it has the focus: see vigie-map-keys.c. */
static const struct {
  const char *action;
  const char *accels[4];
} window_accels[] = {
  { "win.reset-view",     { "<Control>0", NULL } },
  { "win.save-map-image", { "<Control>s", NULL } },
  { "win.refresh-all",    { "F5", NULL } },
  { "win.meeting",        { "F11", NULL } },
  { "win.show-feeds",     { "<Control>h", NULL } },
  { "win.zoom-in",        { "<Control>plus", NULL } },
  { "win.zoom-out",       { "<Control>minus", NULL } },
};

static void
vigie_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  VigieApplication *self = VIGIE_APPLICATION (app);
  g_autofree char *user_agent = NULL;
  g_autoptr(VigieHistory) history = NULL;
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (vigie_application_parent_class)->startup (app);

  /* Before the first window: cairo rather than OpenGL drawn by the CPU. */
  vigie_renderer_choose (gdk_display_get_default ());

  /* Tile servers refuse anonymous clients; say who we are. */
  user_agent = g_strdup_printf ("Vigie/%s (+%s)", PACKAGE_VERSION, PACKAGE_URL);
  vigie_map_set_user_agent (user_agent);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  for (guint i = 0; i < G_N_ELEMENTS (window_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), window_accels[i].action,
                                           window_accels[i].accels);

  self->context = vigie_context_new (NULL, self->demo);
  /* Before the first update: the stops' boards are built with each. */
  self->departure_watch = vigie_departure_watch_new (vigie_context_get_feed_manager (self->context));
  vigie_context_add_virtual_profile (self->context, "demo", _("Mulhouse — demo (simulated)"),
                                     create_demo_profile, self, NULL);
  /* Every update recorded from the first (history/vigie-history.c). */
  history = vigie_history_new (NULL);
  vigie_context_set_history (self->context, history);
  vigie_context_start (self->context, self->demo ? "demo" : self->profile_id);
  /* Critical alerts on the desktop (ui/vigie-alert-notifications.c). */
  self->notifications = vigie_alert_notifications_new (GTK_APPLICATION (self),
                                                       vigie_context_get_alerts (self->context),
                                                       vigie_context_get_settings (self->context));
  /* The connections at the station the city's profile names. */
  self->connection_watch = vigie_connection_watch_new_for_profile (vigie_context_get_feed_manager (self->context),
                                                                   vigie_context_get_profile (self->context),
                                                                   vigie_context_get_settings (self->context),
                                                                   &error);
  if (error != NULL)
    g_message ("No connections: %s", error->message);
  if (self->connection_watch != NULL)
    self->connection_alerts = vigie_connection_alerts_new (self->connection_watch,
                                                           vigie_context_get_alerts (self->context),
                                                           vigie_context_get_settings (self->context));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "connections")),
                               self->connection_watch != NULL);

  /* Hours on end: RSS bounded by what is in use (vigie-memory.c). */
  self->trim_id = vigie_memory_add_trim_timeout (VIGIE_MEMORY_TRIM_INTERVAL_S);
}

static void
vigie_application_activate (GApplication *app)
{
  VigieApplication *self = VIGIE_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      window = GTK_WINDOW (vigie_window_new (self, self->context));
      if (self->meeting)
        vigie_meeting_set_active (vigie_window_get_meeting (VIGIE_WINDOW (window)), TRUE);
    }

  gtk_window_present (window);
}

static void
vigie_application_shutdown (GApplication *app)
{
  VigieApplication *self = VIGIE_APPLICATION (app);

  g_clear_handle_id (&self->trim_id, g_source_remove);
  if (self->context != NULL)
    vigie_context_shutdown (self->context);
  g_clear_pointer (&self->simulator_thread, vigie_sim_server_thread_stop);

  G_APPLICATION_CLASS (vigie_application_parent_class)->shutdown (app);
}

static void
vigie_application_dispose (GObject *object)
{
  VigieApplication *self = (VigieApplication *)object;

  g_clear_object (&self->notifications);
  g_clear_object (&self->connection_alerts);
  g_clear_object (&self->connection_watch);
  g_clear_object (&self->departure_watch);
  g_clear_object (&self->context);
  g_clear_pointer (&self->simulator_thread, vigie_sim_server_thread_stop);
  g_clear_object (&self->simulator);
  g_clear_pointer (&self->profile_id, g_free);
  g_clear_pointer (&self->demo_faults, g_strfreev);

  G_OBJECT_CLASS (vigie_application_parent_class)->dispose (object);
}

static void
vigie_application_class_init (VigieApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = vigie_application_dispose;

  app_class->handle_local_options = vigie_application_handle_local_options;
  app_class->startup = vigie_application_startup;
  app_class->activate = vigie_application_activate;
  app_class->shutdown = vigie_application_shutdown;
}

static void
vigie_application_init (VigieApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("A live map of the city for control rooms"));
}

VigieApplication *
vigie_application_new (const char        *application_id,
                       GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  /* The resource path is fixed: the .Devel id must find the same UI. */
  return g_object_new (VIGIE_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * vigie_application_get_context:
 * @self: a #VigieApplication
 *
 * Returns: (transfer none) (nullable): the context, once the application
 *   has started up
 */
VigieContext *
vigie_application_get_context (VigieApplication *self)
{
  g_return_val_if_fail (VIGIE_IS_APPLICATION (self), NULL);

  return self->context;
}

/**
 * vigie_application_get_simulator:
 * @self: a #VigieApplication
 *
 * The end-to-end tests read the demo city's state from here to check what
 * the window shows.
 *
 * Returns: (transfer none) (nullable): the demo city's simulator, once the
 *   demo profile has started it
 */
VigieSimulator *
vigie_application_get_simulator (VigieApplication *self)
{
  g_return_val_if_fail (VIGIE_IS_APPLICATION (self), NULL);

  return self->simulator;
}

/**
 * vigie_application_get_alert_notifications:
 *
 * Returns: (transfer none) (nullable): what tells the desktop of critical
 *   alerts, once the application has started up
 */
VigieAlertNotifications *
vigie_application_get_alert_notifications (VigieApplication *self)
{
  g_return_val_if_fail (VIGIE_IS_APPLICATION (self), NULL);

  return self->notifications;
}
