#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# README.md: its sh blocks for the VM, in order, as a reader runs them
# (tests/docs/docs.inc): the walkthrough with the built snull.ko and
# scripts/book-hosts, then the installed module by name.  The host blocks
# (make) run in host-tests/docs-host.sh.
# timeout: 60
# kernels: distro
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/docs/docs.inc"

run_doc README.md
