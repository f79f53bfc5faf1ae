#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# docs/labs/12-rss.md: every sh block, in order, as a student runs them
# (tests/docs/docs.inc): the Toeplitz hash by hand against Microsoft's
# verification value, the same hash on the packets at GRO, fragments
# hashed by address, rxhash off, then four queue pairs (ethtool -L):
# the table spread, a vector per queue, each flow on the queue its hash
# names.
# timeout: 120
# kernels: distro
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/docs/docs.inc"

command -v socat >/dev/null || skip "no socat in the VM (scripts/deps installs it)"
run_doc docs/labs/12-rss.md
