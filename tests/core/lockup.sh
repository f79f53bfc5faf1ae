#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lockup=5: the TX engine hangs on every 5th frame.  The queue stalls, the
# watchdog fires, ndo_tx_timeout schedules the reset, the reset work brings
# the hardware back and later pings get through.  The watchdog's own
# message is the only kernel warning allowed.
# timeout: 180
# allow-dmesg: NETDEV WATCHDOG|transmit queue 0 timed out|dev_watchdog
. "$SNULL_TESTDIR/lib.sh"

load_snull lockup=5 timeout=100
echo 1 >/proc/sys/net/ipv6/conf/sn0/disable_ipv6
echo 1 >/proc/sys/net/ipv6/conf/sn1/disable_ipv6
book_setup
wait_for "ip link show sn0 | grep -q LOWER_UP" 5

# Keep pinging until the watchdog has fired and a reset has happened.
i=0
while [ "$(ethtool_stat sn0 tx_resets)" -lt 1 ] && [ $i -lt 60 ]; do
	ping -c 1 -W 1 remote0 >/dev/null
	i=$((i + 1))
done
assert_ge "$(ethtool_stat sn0 tx_timeouts)" 1 "sn0 tx_timeouts"
assert_ge "$(ethtool_stat sn0 tx_resets)" 1 "sn0 tx_resets"
dmesg | grep -q "sn0: TX timeout on queue 0" || fail "no driver message for the timeout"

# Traffic resumes by itself: with one hang per 5 frames, 3 pings in a row
# succeed right after a reset.
wait_for "ping -c 3 -i 0.2 -W 1 remote0" 30
