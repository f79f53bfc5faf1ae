#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The kernel's drivers/net/hw/ethtool.sh against snull: link settings
# between the two ends of the cable, each end in a VRF of its own and
# pinging the other (192.0.2.1 <-> 192.0.2.2): every common speed forced
# on both ends; different forced speeds (no link, no ping); each speed
# forced against autonegotiation; advertising subsets; the highest
# common speed chosen; no common advertised mode.  It needs VRF in the
# kernel (Debian's kernels have it as a module; the debug kernel has not).
# timeout: 600
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/kselftest/ksft.inc"

modprobe vrf 2>/dev/null || [ -d /sys/module/vrf ] || skip "no VRF in this kernel (CONFIG_NET_VRF)"
load_snull flip=0

(cd "$KSFT_HW" && REQUIRE_MZ=no bash ./ethtool.sh sn0 sn1) >out 2>&1
ksft_report ethtool.sh $?
assert_eq "$KSFT_SKIP" 0 "skipped cases"
# six speeds (10 to 10000): 6 forced + 1 different + 6 against autoneg
# + 4 subsets + highest + autoneg with nothing in common
assert_eq "$KSFT_OK" 19 "passed cases"
