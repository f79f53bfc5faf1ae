#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The freshly built snull.ko loads, creates sn0, unloads; `modprobe snull`
# finds it too (installed in /lib/modules/<release>/extra).
# timeout: 60
. "$SNULL_TESTDIR/lib.sh"

[ -e "$SNULL_KO" ] || skip "no snull.ko in this VM (driver not built)"
modinfo "$SNULL_KO" || fail "modinfo"
insmod "$SNULL_KO" && ip link show sn0 && rmmod snull || fail "insmod, ip link show sn0, rmmod"
modprobe snull || fail "modprobe snull"
ip link show sn1 || fail "no sn1 after modprobe"
modprobe -r snull || fail "modprobe -r snull"
