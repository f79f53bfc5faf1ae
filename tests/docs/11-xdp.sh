#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# docs/labs/11-xdp.md: every sh block, in order, as a student runs them
# (tests/docs/docs.inc), with the XDP programs the lab built.
# timeout: 180
# kernels: distro
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/docs/docs.inc"

[ -e /snull/examples/xdp/snull_xdp.bpf.o ] ||
	skip "no examples/xdp/snull_xdp.bpf.o (the lab builds it with clang: scripts/deps)"
run_doc docs/labs/11-xdp.md
