#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Up/down on both ends at once: two loops flip sn0 and sn1 down and up
# independently while flood pings run both ways, in NAPI mode (copy) and
# interrupt mode (zero-copy).  Afterwards ping works at once, counters are
# consistent in every view, and every frame sent is accounted for.
# timeout: 150
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"

flips=$(scaled 20)
info "parameters: $flips down/up cycles per end, two modes"

flipper() {	# DEV COUNT
	_j=0
	while [ $_j -lt "$2" ]; do
		ip link set "$1" down || exit 1
		ip link set "$1" up || exit 1
		_j=$((_j + 1))
	done
}

round() {	# label, insmod params...
	label=$1
	shift
	book_pair "$@"
	[ "$label" = "interrupt mode, zero-copy" ] && {
		ethtool --set-priv-flags sn0 zerocopy on &&
			ethtool --set-priv-flags sn1 zerocopy on || fail "zerocopy on"
	}
	f0=$(flood remote0)
	f1=$(flood remote1)
	sleep 0.3
	flipper sn0 "$flips" &
	u0=$!
	flipper sn1 "$flips" &
	u1=$!
	wait $u0 || fail "$label: a down/up of sn0 failed"
	wait $u1 || fail "$label: a down/up of sn1 failed"
	wait_for "ip link show sn0 | grep -q LOWER_UP" 5
	ping -c 3 -i 0.1 -W 2 remote0 >/dev/null || fail "$label: ping after the flips"
	stop_bg "$f0" "$f1"
	assert_ledger sn0 sn1
	assert_ledger sn1 sn0
	views_agree sn0
	views_agree sn1
	info "$label: sn0 carrier errors $(st sn0 tx_carrier_errors), tx_dropped $(st sn0 tx_dropped)"
	unload_snull
}

round "NAPI mode, copy"
round "interrupt mode, zero-copy" use_napi=0
