#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Exercise 6's gate: with NAPI (the default) the ISR masks the card and
# schedules the poll, which receives and re-enables the interrupt: pings
# and a flood cross the pair with no loss, the receiver ran NAPI polls and
# masked its interrupt, and once idle the card's interrupts are unmasked.
# timeout: 90
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/exercises/ex.inc"

mask() { awk '$1 == "irq_mask" { print $2 }' "/sys/kernel/debug/snull/$1/regs"; }

quiet_pair
book_setup
wait_for '[ "$(carrier sn0)" = 1 ] && [ "$(carrier sn1)" = 1 ]' 5
ping -c 5 -i 0.2 -W 2 remote0 >p0.out || { cat p0.out; fail "ping remote0"; }
n=$(scaled 500)
ping -f -c "$n" -W 2 remote0 >p1.out 2>&1 || { tail -n 3 p1.out; fail "flood ping remote0"; }
grep -q " 0% packet loss" p1.out || { tail -n 3 p1.out; fail "flood ping lost packets"; }
sleep 0.5
[ "$(ethtool_stat sn1 napi_polls)" -gt 0 ] || fail "sn1 ran no NAPI poll"
[ "$(ethtool_stat sn1 irq_masked)" -gt 0 ] || fail "sn1's ISR never masked the card"
[ "$(stat_of sn1 rx_packets)" -ge "$n" ] || fail "sn1 rx_packets $(stat_of sn1 rx_packets) < $n"
assert_eq "$(mask sn1)" "$(mask sn0)" "irq_mask of sn1 (idle) vs sn0"
[ "$(mask sn1)" != 0 ] && [ "$(mask sn1)" != 0x0 ] || fail "sn1's interrupts left masked when idle"
unload_snull
