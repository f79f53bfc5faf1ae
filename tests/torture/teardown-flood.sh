#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Teardown under flood: three insmod pairs in the book's mode and two
# `ip link add` pairs split across namespaces, every pair flood-pinged in
# both directions; then (1) rmmod with everything running, and (2) after a
# reload in interrupt mode with zero-copy, `ip link del` of every pair,
# one by one, still flooding.  No splat, no hang, no leak, nothing left.
# timeout: 180
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"

secs=$(scaled 2)
info "parameters: 3 insmod pairs + 2 ip link add pairs, ${secs}s of flood before each teardown"

# setup [insmod params]: the five pairs, addressed and up; floods on all.
setup() {
	load_snull pairs=3 "$@"
	k=0
	while [ $k -lt 3 ]; do
		a=$((2 * k))
		b=$((2 * k + 1))
		echo 1 >/proc/sys/net/ipv6/conf/sn$a/disable_ipv6
		echo 1 >/proc/sys/net/ipv6/conf/sn$b/disable_ipv6
		# pair k: snullnet 192.168.2k / 192.168.2k+1, as the book's
		ip addr add 192.168.$a.1/24 dev sn$a && ip link set sn$a up &&
			ip addr add 192.168.$b.2/24 dev sn$b && ip link set sn$b up ||
			fail "cannot set up sn$a/sn$b"
		k=$((k + 1))
	done
	for k in 0 1; do
		ip netns add tfa$k && ip netns add tfb$k || fail "netns add"
		ip link add sx${k}a netns tfa$k type snull peer name sx${k}b netns tfb$k ||
			fail "ip link add sx${k}a type snull"
		in_netns tfa$k ip addr add 10.9.$k.1/24 dev sx${k}a
		in_netns tfb$k ip addr add 10.9.$k.2/24 dev sx${k}b
		in_netns tfa$k ip link set sx${k}a up
		in_netns tfb$k ip link set sx${k}b up
	done
	wait_for "in_netns tfa1 ping -c 1 -W 1 10.9.1.2" 10
	wait_for "ping -c 1 -W 1 192.168.4.2" 10
	pids=
	for k in 0 1 2; do
		pids="$pids $(flood 192.168.$((2 * k)).2) $(flood 192.168.$((2 * k + 1)).1)"
	done
	for k in 0 1; do
		pids="$pids $(flood 10.9.$k.2 tfa$k) $(flood 10.9.$k.1 tfb$k)"
	done
	sleep "$secs"
	assert_ge "$(st sn5 rx_packets)" 10 "sn5 rx_packets under flood"
	assert_ge "$(st sx1b rx_packets tfb1)" 10 "sx1b rx_packets under flood"
}

gone() {
	for d in sn0 sn1 sn2 sn3 sn4 sn5; do
		[ -e /sys/class/net/$d ] && fail "$1: $d still exists"
	done
	for k in 0 1; do
		in_netns tfa$k ip link show sx${k}a >/dev/null 2>&1 &&
			fail "$1: sx${k}a still exists"
		in_netns tfb$k ip link show sx${k}b >/dev/null 2>&1 &&
			fail "$1: sx${k}b still exists"
	done
	return 0
}

# (1) rmmod, NAPI mode, copy delivery
setup
rmmod snull || fail "rmmod under flood"
gone "after rmmod"
stop_bg $pids
ip -all netns delete
info "rmmod under flood on all pairs: clean"

# (2) ip link del, interrupt mode, zero-copy delivery
setup use_napi=0
for d in sn0 sn1 sn2 sn3 sn4 sn5; do
	ethtool --set-priv-flags $d zerocopy on || fail "zerocopy on $d"
done
sleep 1
ip link del sn0 || fail "ip link del sn0"
[ -e /sys/class/net/sn1 ] && fail "sn1 outlived its peer"
ip link del sn3 || fail "ip link del sn3 (the peer end)"
[ -e /sys/class/net/sn2 ] && fail "sn2 outlived its peer"
in_netns tfb0 ip link del sx0b || fail "ip link del sx0b"
in_netns tfa1 ip link del sx1a || fail "ip link del sx1a"
ip link del sn4 || fail "ip link del sn4"
gone "after ip link del"
stop_bg $pids
info "ip link del under flood on all pairs: clean"
