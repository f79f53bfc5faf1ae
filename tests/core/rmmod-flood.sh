#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# rmmod while flood pings run in both directions, in NAPI and in interrupt
# mode: the module goes away cleanly, no splat, no hang.
# timeout: 180
. "$SNULL_TESTDIR/lib.sh"

for napi in 1 0; do
	load_snull use_napi=$napi
	book_setup
	wait_for "ip link show sn0 | grep -q LOWER_UP" 5
	ping -f -q remote0 >/dev/null 2>&1 &
	p0=$!
	ping -f -q remote1 >/dev/null 2>&1 &
	p1=$!
	sleep "$(scaled 3)"
	assert_ge "$(stat_of sn1 rx_packets)" 10 "frames received under flood (use_napi=$napi)"
	unload_snull
	[ -e /sys/class/net/sn0 ] && fail "sn0 survived rmmod"
	kill "$p0" "$p1"
	wait
done
