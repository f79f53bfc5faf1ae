#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# docs/labs/10-tracing-tools.md: every sh block, in order, as a student
# runs them (tests/docs/docs.inc), with Debian's trace-cmd, bpftrace and
# perf (scripts/lab adds them to this test's VM: "needs: tools").
# timeout: 300
# kernels: distro
# needs: tools
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/docs/docs.inc"

for t in trace-cmd bpftrace perf; do
	command -v $t >/dev/null ||
		skip "no $t in this VM (scripts/lab copies it from the host: scripts/deps installs it)"
done

# (scripts/lab-init holds the receive path's timestamp static key on: the
# lab's pings patch no code while frames run through it.)
run_doc docs/labs/10-tracing-tools.md
exit 0
