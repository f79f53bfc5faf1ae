#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# insmod/rmmod cycles with traffic started in between: each cycle loads
# snull (alternating NAPI and interrupt mode, one or two pairs), addresses
# the first pair, starts a flood ping and unloads while it runs.  Every
# tenth cycle also proves the pair passes traffic.  Nothing may stay
# behind: no device, no splat, no leak, no hang.
# timeout: 180
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"

n=$(scaled 100)
info "parameters: $n cycles"
i=0
while [ $i -lt "$n" ]; do
	napi=$((i % 2))
	pairs=$((1 + i / 2 % 2))
	insmod "$SNULL_KO" use_napi=$napi pairs=$pairs ||
		fail "cycle $i: insmod use_napi=$napi pairs=$pairs"
	ifconfig sn0 local0 && ifconfig sn1 local1 || fail "cycle $i: ifconfig"
	ping -f -q -c 200 -W 1 remote0 >/dev/null 2>&1 &
	pf=$!
	if [ $((i % 10)) = 9 ]; then
		wait_for "ping -c 1 -W 1 remote1" 5
		assert_ge "$(st sn1 rx_packets)" 1 "cycle $i: sn1 rx_packets"
	fi
	rmmod snull || fail "cycle $i: rmmod under traffic"
	[ -e /sys/class/net/sn0 ] && fail "cycle $i: sn0 survived rmmod"
	[ -d /sys/kernel/debug/snull ] && fail "cycle $i: debugfs dir survived rmmod"
	kill $pf 2>/dev/null	# ping would linger for its lost replies
	wait $pf
	i=$((i + 1))
done
info "$n cycles done"
