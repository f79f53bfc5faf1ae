#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lockup=1: the TX engine hangs on every frame, so every frame waits for
# the watchdog.  For a bounded time (30 s on the distro kernel, about a
# hundred watchdog cycles; scaled on the debug kernel) frames are sent one
# at a time with a packet socket, and each one must be dropped and counted
# by the reset the watchdog triggers: the watchdog keeps firing, the reset
# keeps recovering the queue, and at the end tx_dropped equals exactly the
# frames sent.  Then the module goes away with a frame stuck on the ring;
# nothing leaks.
# timeout: 180
# allow-dmesg: NETDEV WATCHDOG|transmit queue 0 timed out|dev_watchdog
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"

command -v snull-pkt >/dev/null || skip "no snull-pkt helper (scripts/lab builds tests/tools/*.c)"
secs=$(scaled 30)
info "parameters: lockup=1 timeout=25 (jiffies) for ${secs}s"
book_pair lockup=1 timeout=25
mac1=$(cat /sys/class/net/sn1/address)

sent=0
t_end=$(deadline "$secs")
while before "$t_end"; do
	snull-pkt send sn0 60 1 "$mac1" >/dev/null || fail "frame $((sent + 1)): sendto"
	sent=$((sent + 1))
	# one frame at a time: each must come out as a counted drop
	wait_for "[ \$(st sn0 tx_dropped) -ge $sent ]" 10
done
resets=$(es sn0 tx_resets)
timeouts=$(es sn0 tx_timeouts)
info "$sent frames, $timeouts watchdog timeouts, $resets resets"
assert_eq "$(st sn0 tx_dropped)" "$sent" "sn0 tx_dropped"
assert_eq "$(st sn0 tx_packets)" 0 "sn0 tx_packets (the engine never completes one)"
assert_eq "$(st sn1 rx_packets)" 0 "sn1 rx_packets"
assert_ge "$timeouts" "$sent" "watchdog timeouts"
assert_ge "$resets" "$sent" "resets"
assert_ge "$timeouts" "$resets" "timeouts >= resets"

# Leave one frame stuck on the ring for the unload.
snull-pkt send sn0 60 1 "$mac1" >/dev/null
