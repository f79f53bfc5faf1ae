#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Exercise 2's gate: ndo_start_xmit posts every frame on the TX ring and
# rings the doorbell: frames sent with a static neighbour (no ARP) move
# the ring's head by exactly their number, and the engine takes every one
# of them (its TDH equals the head).  No "xmit with a full TX ring".
# timeout: 60
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/exercises/ex.inc"

quiet_pair
to_sn1_without_arp
h0=$(ring sn0 tx head)
n=5
ping -c $n -i 0.2 -W 1 192.168.0.2 >/dev/null 2>&1 || true	# replies need later steps
sleep 0.5
assert_eq "$(( $(ring sn0 tx head) - h0 ))" $n "frames posted on sn0's TX ring"
assert_eq "$(ring sn0 tx done)" "$(ring sn0 tx head)" "frames the engine took (TDH) vs posted"
dmesg | grep -q "xmit with a full TX ring" && fail "xmit met a full ring"
unload_snull
