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

cd "$KSFT_HW" || fail "cd $KSFT_HW"
REQUIRE_MZ=no NETIF_NO_CABLE=sn2 bash ./ethtool_extended_state.sh sn0 sn1 >"$SNULL_TMP/out" 2>&1
rc=$?
cd "$SNULL_TMP" || fail "cd back"
sed 's/^/    /' out
set -- $(ksft_counts out)
info "ethtool_extended_state.sh: exit $rc; $1 passed, $2 failed, $3 skipped"
assert_eq "$rc" 0 "ethtool_extended_state.sh exit status"
assert_eq "$2" 0 "failed cases"
assert_eq "$1 $3" "3 0" "passed and skipped cases"
