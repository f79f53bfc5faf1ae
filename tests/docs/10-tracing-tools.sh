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

# Every ping opens a socket with SO_TIMESTAMP, and the first one open
# switches the receive path's timestamp static branch on (the last one to
# close switches it off): code patching, which under TCG can livelock a
# vCPU on the patching breakpoint (docs/kernel-compat.md, "A known
# emulator race"; seen here once: a soft lockup in
# netif_receive_skb_list_internal, called from snull's poll, while the
# lab's pings ran and perf enabled its tracepoints).  One idle ping held
# open for the whole test keeps that branch on: the lab's pings patch
# nothing.
ping -q -i 3600 127.0.0.1 >/dev/null 2>&1 &
holder=$!
sleep 1
kill -0 $holder 2>/dev/null || fail "the idle ping that holds the timestamp branch on did not start"
run_doc docs/labs/10-tracing-tools.md
kill $holder 2>/dev/null
wait $holder 2>/dev/null
exit 0
