#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Exercise 3's gate: open gives every RX slot a page-pool buffer and tells
# the card (RDT), for any ring size; with buffers posted, frames from the
# far end land in them (RDH moves) and none is missed for want of one.
# timeout: 60
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/exercises/ex.inc"

quiet_pair rx_ring=64
for d in sn0 sn1; do
	assert_eq "$(ring $d rx size)" 64 "$d RX ring size"
	assert_eq "$(( $(ring $d rx posted) - $(ring $d rx next) ))" 64 "$d RX buffers posted"
	assert_eq "$(ethtool_stat $d rx_alloc_failed)" 0 "$d rx_alloc_failed"
done
to_sn1_without_arp
f0=$(ring sn1 rx filled)
ping -c 3 -i 0.2 -W 1 192.168.0.2 >/dev/null 2>&1 || true
sleep 0.5
[ "$(( $(ring sn1 rx filled) - f0 ))" -ge 3 ] ||
	fail "sn1's card filled $(( $(ring sn1 rx filled) - f0 )) buffers for 3 frames"
assert_eq "$(iplink_stat sn1 rx missed_errors)" 0 "sn1 frames missed for want of a buffer"
unload_snull
