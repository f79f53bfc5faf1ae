#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# docs/labs/04-coalescing.md: every sh block, in order, as a student runs them
# (tests/docs/docs.inc); fewer frames on the debug kernel.
# timeout: 90
# kernels: distro
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/docs/docs.inc"

run_doc docs/labs/04-coalescing.md COAL_COUNT="$(scaled 1000)"
