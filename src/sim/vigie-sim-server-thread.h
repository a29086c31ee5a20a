/* vigie-sim-server-thread.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-simulator.h"

G_BEGIN_DECLS

typedef struct _VigieSimServerThread VigieSimServerThread;

VigieSimServerThread *vigie_sim_server_thread_start (VigieSimulator        *simulator,
                                                     guint                  port,
                                                     GError               **error);
void                  vigie_sim_server_thread_stop  (VigieSimServerThread  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieSimServerThread, vigie_sim_server_thread_stop)

G_END_DECLS
