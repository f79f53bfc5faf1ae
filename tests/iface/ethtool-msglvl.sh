#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ethtool msglvl gates the driver's netif_* messages per device: the
# default level (drv probe link ifdown ifup tx_err hw), the debug param,
# `ethtool -s DEV msglvl N` and by name; with msglvl 0 a failed self-test
# (netif_err, hw) prints nothing, with hw on it does; with dynamic debug on
# for snull (where the kernel has it), the receive filter's netif_dbg(hw)
# line follows msglvl too.
# timeout: 60
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

level() {	# level DEV: the hex message level of `ethtool DEV`
	ethtool "$1" | sed -n 's/.*Current message level: \(0x[0-9a-f]*\).*/\1/p'
}

load_snull debug=0
assert_eq "$(level sn0)" 0x00000000 "sn0 level with debug=0"
unload_snull
load_snull
assert_eq "$(level sn0)" 0x000020b7 "sn0 default level"
ethtool sn0 | grep -A1 "message level" | grep -q "drv probe link ifdown ifup tx_err hw" ||
	fail "default message types"

ethtool -s sn0 msglvl 0 || fail "ethtool -s sn0 msglvl 0"
assert_eq "$(level sn0)" 0x00000000 "sn0 level after msglvl 0"
assert_eq "$(level sn1)" 0x000020b7 "sn1 level (per device)"
ethtool -s sn0 msglvl hw on || fail "ethtool -s sn0 msglvl hw on"
assert_eq "$(level sn0)" 0x00002000 "sn0 level after msglvl hw on"
ethtool -s sn0 msglvl 0

# netif_err(hw): a self-test that fails (the hardware drops every frame).
echo 1000 >"$DBGFS/sn0/drop_permille"
kmsg_mark msglvl-0
ethtool -t sn0 >/dev/null && fail "self-test passed with drop_permille 1000"
dmesg_since msglvl-0 | grep -q "sn0: loopback self-test failed" &&
	fail "msglvl 0 did not silence the self-test error"
ethtool -s sn0 msglvl hw on
kmsg_mark msglvl-hw
ethtool -t sn0 >/dev/null && fail "self-test passed with drop_permille 1000"
dmesg_since msglvl-hw | grep -q "sn0: loopback self-test failed" ||
	fail "msglvl hw did not let the self-test error through"
echo 0 >"$DBGFS/sn0/drop_permille"

# netif_dbg(hw) through dynamic debug: the filter programming message.
ctl=/sys/kernel/debug/dynamic_debug/control
if [ ! -w $ctl ]; then
	info "no dynamic debug in this kernel: netif_dbg part not run"
	exit 0
fi
echo "module snull +p" >$ctl || fail "enabling dynamic debug for snull"
ip link set sn0 up
ethtool -s sn0 msglvl 0
kmsg_mark dbg-0
ip maddr add 01:00:5e:01:01:01 dev sn0
dmesg_since dbg-0 | grep -q "sn0: rx mode:" && fail "msglvl 0 did not silence netif_dbg"
ethtool -s sn0 msglvl hw on
kmsg_mark dbg-hw
ip maddr add 01:00:5e:01:01:02 dev sn0
dmesg_since dbg-hw | grep -q "sn0: rx mode: ctl 0x0 hash" ||
	fail "msglvl hw did not let the rx mode debug message through"
echo "module snull -p" >$ctl
