#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# docs/labs/07-kasan.md, the KASAN exercise: its host blocks, in order,
# from a copy of the source tree.  They apply the planted bug to a copy
# of the driver, run a ping on the debug kernel (the KASAN report must
# name the use-after-free in snull_tx_clean), on the distro kernel (no
# report), and on the debug kernel again after reverting it (no report).
# Needs the debug kernel: skipped when make check does not run it.
# timeout: 2400
. "$SNULL_ROOT/host-tests/lib.inc"

need_kernel debug
d=$("$SNULL_ROOT/scripts/debug-kernel" --print-dir) || fail "scripts/debug-kernel --print-dir"
[[ -e $d/.complete ]] || skip "the debug kernel is not built yet (make check builds it, or scripts/debug-kernel)"
run_doc_host docs/labs/07-kasan.md
