#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# docs/labs/03-tx-timeout.md: every sh block, in order, as a student runs
# them (tests/docs/docs.inc).  The watchdog's message is expected.
# timeout: 90
# kernels: distro
# allow-dmesg: NETDEV WATCHDOG|transmit queue 0 timed out|dev_watchdog
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/docs/docs.inc"

run_doc docs/labs/03-tx-timeout.md
