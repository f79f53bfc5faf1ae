#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The kernel's drivers/net/hw/ethtool_extended_state.sh against snull: why
# the link is down, as "Link detected: no (...)" says it.  Its three cases:
# sn0 up with the partner down ("Autoneg, No partner detected"), the two
# ends forced to different speeds ("... during force mode", on both), and
# a port without a cable ("No cable"): sn2, of a second pair whose cable
# is pulled out through debugfs.
# timeout: 240
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/kselftest/ksft.inc"

DBGFS=/sys/kernel/debug/snull
[ -d $DBGFS ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null
load_snull flip=0 pairs=2
echo 0 >"$DBGFS/sn2/cable" || fail "pull sn2's cable out"
ip link set sn0 down && ip link set sn1 down || fail "sn0 and sn1 down"

(cd "$KSFT_HW" && REQUIRE_MZ=no NETIF_NO_CABLE=sn2 \
	bash ./ethtool_extended_state.sh sn0 sn1) >out 2>&1
ksft_report ethtool_extended_state.sh $?
assert_eq "$KSFT_OK $KSFT_SKIP" "3 0" "passed and skipped cases"
