#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# docs/labs/09-page-pool.md: every sh block, in order, as a student runs
# them (tests/docs/docs.inc); fewer frames on the debug kernel.
# timeout: 120
# kernels: distro debug
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/docs/docs.inc"

run_doc docs/labs/09-page-pool.md PP_COUNT="$(scaled 5000)"
