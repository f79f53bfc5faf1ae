#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-init's timestamp holder (docs/kernel-compat.md, "A known emulator
# race"): in a suite boot one idle ping named tstamp-hold keeps a socket
# with SO_TIMESTAMP open, and the runner's cleanup between tests leaves it
# alive, so that the receive path's timestamp branch never flips while a
# test runs.  A ping started and ended here does not end it.
# timeout: 30
. "$SNULL_TESTDIR/lib.sh"

[ "$SNULL_MODE" = suite ] || skip "only suite and shell boots hold it (this is $SNULL_MODE)"
pid=$(pgrep -x tstamp-hold) || fail "no tstamp-hold process: lab-init did not start it, or the runner killed it"
assert_eq "$(echo "$pid" | wc -l)" 1 "tstamp-hold processes"
grep -q "127.0.0.1" "/proc/$pid/cmdline" || fail "tstamp-hold is not pinging 127.0.0.1: $(tr '\0' ' ' <"/proc/$pid/cmdline")"
# An unread socket pins the buffers of whatever it receives: the holder
# has its IPv4 socket only, which ping reads (no ICMPv6 socket, whose
# queue once kept a driver's page pool pages for the whole boot).
if ss -anp -f inet6 | grep -q '"tstamp-hold"'; then
	fail "tstamp-hold holds an IPv6 socket: $(ss -anp -f inet6 | grep tstamp-hold)"
fi
ss -anp -f inet | grep -q '"tstamp-hold"' || fail "tstamp-hold has no IPv4 socket"
ping -c 1 -W 1 127.0.0.1 >/dev/null || fail "ping 127.0.0.1"
kill -0 "$pid" 2>/dev/null || fail "tstamp-hold ended with another ping"
