#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# RX ring overflow: with a 16-slot RX ring and interrupts delayed 50 ms, a
# pktgen burst overruns the receiver.  Every frame is accounted for:
# frames sent = frames received + frames the hardware counted as missed.
# timeout: 180
. "$SNULL_TESTDIR/lib.sh"

load_snull rx_ring=16 irq_delay_us=50000
echo 1 >/proc/sys/net/ipv6/conf/sn0/disable_ipv6
echo 1 >/proc/sys/net/ipv6/conf/sn1/disable_ipv6
book_setup
wait_for "ip link show sn0 | grep -q LOWER_UP" 5
modprobe pktgen || fail "modprobe pktgen"

count=$(scaled 2000)
pg() { echo "$2" >"/proc/net/pktgen/$1" || fail "pktgen $1: $2"; }
pg kpktgend_0 "rem_device_all"
pg kpktgend_0 "add_device sn0"
pg sn0 "count $count"
pg sn0 "pkt_size 60"
pg sn0 "delay 0"
pg sn0 "dst 192.168.0.2"
pg sn0 "dst_mac $(cat /sys/class/net/sn1/address)"
pg pgctrl "start"
grep -q "Result: OK" /proc/net/pktgen/sn0 || { cat /proc/net/pktgen/sn0; fail "pktgen run"; }
sleep 0.5	# the last interrupt is 50 ms away

sent=$(stat_of sn0 tx_packets)
recv=$(stat_of sn1 rx_packets)
missed=$(stat_of sn1 rx_missed_errors)
info "sent $sent, received $recv, missed $missed"
assert_eq "$sent" "$count" "frames sent by sn0"
assert_ge "$missed" 1 "frames missed by sn1 (ring overrun)"
assert_eq $((recv + missed)) "$sent" "received + missed"
assert_eq "$(iplink_stat sn1 rx missed_errors)" "$missed" "ip -s link missed"
