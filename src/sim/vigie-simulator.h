/* vigie-simulator.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Highest scale: no feed serves more than 50,000 entities. */
#define VIGIE_SIMULATOR_MAX_SCALE 50000

#define VIGIE_SIMULATOR_ERROR (vigie_simulator_error_quark ())

typedef enum
{
  VIGIE_SIMULATOR_ERROR_BAD_FAULT,   /* a fault description that cannot be read */
  VIGIE_SIMULATOR_ERROR_DATA,        /* the demo city's data is unusable */
} VigieSimulatorError;

#define VIGIE_TYPE_SIMULATOR (vigie_simulator_get_type())

G_DECLARE_FINAL_TYPE (VigieSimulator, vigie_simulator, VIGIE, SIMULATOR, GObject)

GQuark          vigie_simulator_error_quark      (void);
VigieSimulator *vigie_simulator_new              (guint64          seed);

/* Serving, on 127.0.0.1 only; port 0 picks a free one. */
gboolean        vigie_simulator_start            (VigieSimulator  *self,
                                                  guint            port,
                                                  GError         **error);
void            vigie_simulator_stop             (VigieSimulator  *self);
guint           vigie_simulator_get_port         (VigieSimulator  *self);
char           *vigie_simulator_dup_base_url     (VigieSimulator  *self);
char           *vigie_simulator_dup_profile      (VigieSimulator  *self);

/* Knobs */
guint64         vigie_simulator_get_seed         (VigieSimulator  *self);
void            vigie_simulator_set_seed         (VigieSimulator  *self,
                                                  guint64          seed);
double          vigie_simulator_get_speed        (VigieSimulator  *self);
void            vigie_simulator_set_speed        (VigieSimulator  *self,
                                                  double           speed);
guint           vigie_simulator_get_scale        (VigieSimulator  *self);
void            vigie_simulator_set_scale        (VigieSimulator  *self,
                                                  guint            scale);
gint64          vigie_simulator_get_time         (VigieSimulator  *self);
void            vigie_simulator_set_time         (VigieSimulator  *self,
                                                  gint64           unix_time);
void            vigie_simulator_set_start_time   (VigieSimulator  *self,
                                                  gint64           unix_time);
gboolean        vigie_simulator_add_fault        (VigieSimulator  *self,
                                                  const char      *spec,
                                                  GError         **error);
void            vigie_simulator_clear_faults     (VigieSimulator  *self);

/* The documents without HTTP, for tests and benchmarks. */
GBytes         *vigie_simulator_render           (VigieSimulator  *self,
                                                  const char      *path,
                                                  GHashTable      *query,
                                                  const char     **content_type,
                                                  guint           *status);
guint           vigie_simulator_count_entities   (VigieSimulator  *self,
                                                  const char      *feed);
const char * const *vigie_simulator_list_paths   (void);

G_END_DECLS
