#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Exercise 5's gate: use_napi=0 with a 16-slot TX ring: a flood of many
# times the ring's size gets through only if sent descriptors are
# reclaimed and a stopped queue is woken.  Every frame sent is counted
# (tx_packets) and reclaimed (nothing in flight at the end), and BQL saw
# both halves: its limit grew from 0 and nothing is left in flight.
# timeout: 90
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/exercises/ex.inc"

bql() { cat "/sys/class/net/sn0/queues/tx-0/byte_queue_limits/$1"; }

quiet_pair use_napi=0 tx_ring=16
book_setup
wait_for '[ "$(carrier sn0)" = 1 ] && [ "$(carrier sn1)" = 1 ]' 5
n=$(scaled 500)
ping -f -c "$n" -W 2 remote0 >p.out 2>&1 || { tail -n 3 p.out; fail "flood ping remote0"; }
grep -q " 0% packet loss" p.out || { tail -n 3 p.out; fail "flood ping lost packets"; }
sleep 0.5
assert_eq "$(ring sn0 tx in_flight)" 0 "sn0 descriptors in flight after the flood"
[ "$(stat_of sn0 tx_packets)" -ge "$n" ] || fail "sn0 tx_packets $(stat_of sn0 tx_packets) < $n"
assert_eq "$(stat_of sn0 tx_packets)" "$(iplink_stat sn0 tx packets)" "sn0 tx_packets: sysfs vs ip -s link"
assert_eq "$(bql inflight)" 0 "BQL bytes in flight after the flood"
[ "$(bql limit)" -gt 0 ] || fail "BQL limit still 0: completions never reported (netdev_tx_completed_queue)"
unload_snull
