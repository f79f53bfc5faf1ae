#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The TX queue stops when the ring fills and reclaim wakes it: with a
# 16-descriptor TX ring and the TX interrupt held back 50 ms (tx-usecs),
# 400 frames sent back to back fill the ring many times over; xmit stops
# the queue each time (ethtool -S tx_ring_full counts it), the qdisc holds
# the rest, and the reclaim after each interrupt wakes the queue.  Every
# frame arrives, none is dropped, and the watchdog never fires (a lost
# wake-up would leave the queue stopped until it did).
# timeout: 120
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

load_snull
dev_no_ipv6 sn0 sn1
ethtool -G sn0 tx 16 || fail "ethtool -G sn0 tx 16"
ethtool -C sn0 tx-usecs 50000 || fail "ethtool -C sn0 tx-usecs 50000"
# BQL would stop the queue first (it allows less than a ring in flight
# until completions teach it more): lift its floor so the ring decides.
echo 1000000 >/sys/class/net/sn0/queues/tx-0/byte_queue_limits/limit_min ||
	fail "cannot set sn0's BQL limit_min"
# A plain FIFO: fq_codel would drop frames held longer than its 5 ms
# target.  (A kernel without CONFIG_NET_SCHED, no /proc/net/psched, has
# only pfifo_fast, and tc can neither change nor show it.)
if [ -e /proc/net/psched ]; then
	tc qdisc replace dev sn0 root pfifo limit 1000 ||
		fail "tc qdisc replace dev sn0 root pfifo"
fi
ip link set sn0 up && ip link set sn1 up || fail "cannot bring sn0/sn1 up"
wait_for "ip link show sn0 | grep -q LOWER_UP" 5

full0=$(ethtool_stat sn0 tx_ring_full)
rx0=$(stat_of sn1 rx_packets)
snull-pkt send sn0 200 400 "$(mac_of sn1)" || fail "snull-pkt send sn0"
wait_for "[ \$(stat_of sn1 rx_packets) -ge $((rx0 + 400)) ]" 10
assert_eq "$(($(stat_of sn1 rx_packets) - rx0))" 400 "frames received by sn1"
full=$(($(ethtool_stat sn0 tx_ring_full) - full0))
info "tx_ring_full: $full"
# 400 frames through 16 slots: a stop for (nearly) every ring's worth,
# 25; a slow sender may see the odd interrupt before it fills the ring
assert_ge "$full" 10 "sn0 tx_ring_full (queue stops)"
assert_eq "$(ethtool_stat sn0 tx_timeouts)" 0 "sn0 tx_timeouts"
assert_eq "$(stat_of sn0 tx_dropped)" 0 "sn0 tx_dropped"
# the queue runs again: the next frames go straight out
wait_for "[ \$(stat_of sn0 tx_packets) -ge 400 ]" 5
snull-pkt send sn0 200 8 "$(mac_of sn1)" >/dev/null || fail "snull-pkt send after"
wait_for "[ \$(stat_of sn1 rx_packets) -ge $((rx0 + 408)) ]" 5
