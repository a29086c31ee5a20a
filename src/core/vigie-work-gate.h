/* vigie-work-gate.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _VigieWorkGate VigieWorkGate;

VigieWorkGate *vigie_work_gate_new           (guint            limit);
void           vigie_work_gate_free          (VigieWorkGate   *self);
void           vigie_work_gate_run_in_thread (VigieWorkGate   *self,
                                              GTask           *task,
                                              GTaskThreadFunc  func);
guint          vigie_work_gate_get_limit     (VigieWorkGate   *self);
guint          vigie_work_gate_get_waiting   (VigieWorkGate   *self);
guint          vigie_work_gate_get_running   (VigieWorkGate   *self);
guint          vigie_work_gate_get_n_started (VigieWorkGate   *self);
VigieWorkGate *vigie_work_gate_for_documents (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieWorkGate, vigie_work_gate_free)

G_END_DECLS
