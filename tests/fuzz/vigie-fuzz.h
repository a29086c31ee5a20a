/* vigie-fuzz.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include "vigie-format.h"

G_BEGIN_DECLS

/* What the libFuzzer targets of tests/fuzz share: each gives the input to
 * a format through its public entry points, as the feed engine does. */

int  LLVMFuzzerInitialize   (int            *argc,
                             char         ***argv);
int  LLVMFuzzerTestOneInput (const uint8_t  *data,
                             size_t          size);

/* LLVMFuzzerInitialize is vigie-fuzz.c's, the same for every target: a
 * critical (a g_return_if_fail that failed) aborts, so that the fuzzer
 * reports it, as G_DEBUG=fatal-criticals does in the tests. A target that
 * needs more set-up does it on its first input. */

/* The context every target parses with: a fixed time, French, no options. */
const VigieParseContext *vigie_fuzz_context (void);

/* Sniffs, parses @data as @role of the format @format_id and, where the
 * format has combine(), combines the result with @companions (role to
 * GBytes, parsed again each time, since combine() may take from them, or
 * NULL) and frees everything. @context: NULL for vigie_fuzz_context(). */
void vigie_fuzz_parse (const char    *format_id,
                       const char    *role,
                       const uint8_t *data,
                       size_t         size,
                       GHashTable    *companions,
                       const VigieParseContext *context);

/* A fixture of tests/fixtures, read once (abort if missing). */
GBytes *vigie_fuzz_fixture (const char *path);

/* The companions for vigie_fuzz_parse(): pairs of a role and the path of
 * its fixture, ending with NULL. */
GHashTable *vigie_fuzz_companions (const char *role,
                                   const char *path,
                                   ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
