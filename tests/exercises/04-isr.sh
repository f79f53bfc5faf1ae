#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Exercise 4's gate: use_napi=0, the book's ISR receives every frame in
# hard-IRQ context: the book's pings cross the pair both ways with no loss,
# every reply is counted at the receiver, and no NAPI poll ever runs.
# timeout: 60
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/exercises/ex.inc"

quiet_pair use_napi=0
book_setup
wait_for '[ "$(carrier sn0)" = 1 ] && [ "$(carrier sn1)" = 1 ]' 5
ping -c 5 -i 0.2 -W 2 remote0 >p0.out || { cat p0.out; fail "ping remote0"; }
ping -c 5 -i 0.2 -W 2 remote1 >p1.out || { cat p1.out; fail "ping remote1"; }
grep -q " 0% packet loss" p0.out && grep -q " 0% packet loss" p1.out ||
	fail "pings lost packets"
# 10 requests and 10 replies each way, plus ARP.
[ "$(stat_of sn1 rx_packets)" -ge 10 ] || fail "sn1 rx_packets $(stat_of sn1 rx_packets) < 10"
[ "$(ethtool_stat sn1 irqs)" -ge 10 ] || fail "sn1 irqs $(ethtool_stat sn1 irqs) < 10"
assert_eq "$(ethtool_stat sn1 napi_polls)" 0 "sn1 NAPI polls with use_napi=0"
unload_snull
