#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# docs/labs/01-follow-a-packet.md: every sh block, in order, as a student
# runs them (tests/docs/docs.inc).
# timeout: 60
# kernels: distro
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/docs/docs.inc"

run_doc docs/labs/01-follow-a-packet.md
