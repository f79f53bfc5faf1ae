#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# docs/labs/05-multicast-promisc.md: every sh block, in order, as a
# student runs them (tests/docs/docs.inc).
# timeout: 90
# kernels: distro
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/docs/docs.inc"

run_doc docs/labs/05-multicast-promisc.md
