#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# docs/labs/08-bql.md: every sh block, in order, as a student runs them
# (tests/docs/docs.inc).  Its traffic is timed (BQL_SECS seconds of
# iperf3 per run), not counted, so the debug kernel runs it unchanged.
# timeout: 120
# kernels: distro debug
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/docs/docs.inc"

run_doc docs/labs/08-bql.md BQL_SECS=4
