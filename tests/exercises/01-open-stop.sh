#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Exercise 1's gate: ndo_open brings the card up (its engines run, its
# interrupt is requested where the kernel gives the card one), ndo_stop
# undoes it; carrier follows the PHY at both ends: on once both cards are
# up, off at the far end when one goes down, on again when it comes back.
# timeout: 60
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/exercises/ex.inc"

running() { awk '$1 == "running" { print $2 }' "/sys/kernel/debug/snull/$1/regs"; }
irq_line() { grep -c " $1\$" /proc/interrupts; }

load_snull
assert_eq "$(running sn0)" 0 "sn0 engines before ip link set up"
ip link set sn0 up || fail "ip link set sn0 up (ndo_open)"
assert_eq "$(running sn0)" 1 "sn0 engines after up"
sleep 0.5
assert_eq "$(carrier sn0)" 0 "sn0 carrier with the far end down"
ip link set sn1 up || fail "ip link set sn1 up (ndo_open)"
wait_for '[ "$(carrier sn0)" = 1 ] && [ "$(carrier sn1)" = 1 ]' 5
ip link show sn0 | grep -q "state UP" || fail "sn0 operstate is not UP: $(ip link show sn0)"
# An interrupt line of its own where the kernel simulates one (IRQ_SIM).
lines=$(irq_line sn0)
[ "$lines" -le 1 ] || fail "sn0 has $lines lines in /proc/interrupts"

ip link set sn1 down || fail "ip link set sn1 down (ndo_stop)"
assert_eq "$(running sn1)" 0 "sn1 engines after down"
wait_for '[ "$(carrier sn0)" = 0 ]' 5
assert_eq "$(irq_line sn1)" 0 "sn1's interrupt after down (free_irq)"
ip link set sn1 up || fail "ip link set sn1 up again"
wait_for '[ "$(carrier sn0)" = 1 ] && [ "$(carrier sn1)" = 1 ]' 5
dmesg | grep -q "sn0: link up" || fail "no 'link up' message from sn0"
ip link set sn0 down && ip link set sn1 down || fail "ip link set down"
unload_snull
