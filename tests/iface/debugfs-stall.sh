#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# debugfs stall_tx=1: the TX engine hangs (tx_hung in the registers, a
# snull_tx_hang trace event), the queue stalls, the watchdog fires
# (tx_timeouts, snull_tx_timeout) and the reset work resets the hardware
# (tx_resets, frames it never sent counted in tx_dropped).  The driver's
# own "TX timeout" line obeys msglvl tx_err.  stall_tx=0: traffic resumes
# by itself.  Only the watchdog's own warning is allowed in dmesg.
# timeout: 120
# allow-dmesg: NETDEV WATCHDOG|transmit queue 0 timed out|dev_watchdog
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

# pings_until COND: one ping a time (failing, while stalled) until COND.
pings_until() {
	_i=0
	while ! eval "$1"; do
		[ $_i -lt 100 ] || fail "timed out waiting for: $1"
		ping -c 1 -W 1 remote0 >/dev/null 2>&1
		_i=$((_i + 1))
	done
}

# timeout=750 jiffies (3 s at HZ=250): long enough that the failed ping
# below (1 s) ends before the watchdog resets the engine and clears tx_hung.
load_snull timeout=750
dev_no_ipv6 sn0 sn1
book_setup
wait_for "ip link show sn0 | grep -q LOWER_UP" 5
ping_ok "" -c 2 -i 0.2 -W 2 remote0
ethtool -s sn0 msglvl tx_err off

echo 1 >"$TRACEFS/events/snull/snull_tx_hang/enable"
echo 1 >"$TRACEFS/events/snull/snull_tx_timeout/enable"
echo >"$TRACEFS/trace"
kmsg_mark stall-quiet
echo 1 >"$DBGFS/sn0/stall_tx"
ping -c 1 -W 1 remote0 >/dev/null 2>&1 && fail "ping got through a stalled TX engine"
assert_eq "$(dbg_val sn0 tx_hung)" 1 "tx_hung with stall_tx=1"
pings_until '[ "$(ethtool_stat sn0 tx_resets)" -ge 1 ]'
assert_ge "$(ethtool_stat sn0 tx_timeouts)" 1 "sn0 tx_timeouts"
assert_ge "$(stat_of sn0 tx_dropped)" 1 "sn0 tx_dropped (frames the hung engine never sent)"
grep -q "snull_tx_hang: dev=sn0" "$TRACEFS/trace" || fail "no snull_tx_hang event"
grep -q "snull_tx_timeout: dev=sn0" "$TRACEFS/trace" || fail "no snull_tx_timeout event"
dmesg_since stall-quiet | grep -q "sn0: TX timeout" && fail "TX timeout message with msglvl tx_err off"

# Still stalled: it hangs again; now the driver says so.
ethtool -s sn0 msglvl tx_err on
kmsg_mark stall-loud
r=$(ethtool_stat sn0 tx_resets)
pings_until "[ \$(ethtool_stat sn0 tx_resets) -gt $r ]"
dmesg_since stall-loud | grep -q "sn0: TX timeout on queue 0" ||
	fail "no TX timeout message with msglvl tx_err on"

# Unstalled: traffic resumes without any help.
echo 0 >"$DBGFS/sn0/stall_tx"
wait_for "ping -c 2 -i 0.2 -W 1 remote0" 30
assert_eq "$(dbg_val sn0 tx_hung)" 0 "tx_hung after recovery"
echo 0 >"$TRACEFS/events/snull/enable"
