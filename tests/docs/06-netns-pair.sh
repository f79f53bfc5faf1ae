#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# docs/labs/06-netns-pair.md: every sh block, in order, as a student runs
# them (tests/docs/docs.inc).  It starts with snull not loaded: the first
# `ip link add ... type snull` loads it through its rtnl-link alias.
# timeout: 60
# kernels: distro
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/docs/docs.inc"

run_doc docs/labs/06-netns-pair.md
