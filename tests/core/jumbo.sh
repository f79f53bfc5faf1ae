#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Jumbo frames: MTU 9000 on both ends carries an 8972-byte unfragmented
# ping; MTU 67 and 9001 are refused and leave the MTU unchanged; a frame
# larger than the receiver's MTU is dropped and counted as a length error.
# timeout: 120
. "$SNULL_TESTDIR/lib.sh"

load_snull
book_setup
ip link set sn0 mtu 9000 || fail "mtu 9000 on sn0"
ip link set sn1 mtu 9000 || fail "mtu 9000 on sn1"
wait_for "ip link show sn0 | grep -q LOWER_UP" 5
ping -c 3 -i 0.2 -W 2 -s 8972 -M do remote0 || fail "8972-byte ping at MTU 9000"

ip link set sn0 mtu 67 2>/dev/null && fail "MTU 67 accepted"
ip link set sn0 mtu 9001 2>/dev/null && fail "MTU 9001 accepted"
assert_eq "$(cat /sys/class/net/sn0/mtu)" 9000 "MTU after refused changes"
assert_eq "$(ip -d link show sn0 | grep -o 'minmtu [0-9]* maxmtu [0-9]*')" "minmtu 68 maxmtu 9000" "advertised MTU range"

# The receiver's buffers follow its own MTU: a giant frame is a length
# error there, as on a real NIC, and the sender still counts it sent.
ip link set sn1 mtu 1500
before=$(stat_of sn1 rx_length_errors)
ping -c 1 -W 1 -s 4000 remote0 >/dev/null && fail "4000-byte ping crossed into a 1500-byte MTU"
assert_eq "$(stat_of sn1 rx_length_errors)" $((before + 1)) "sn1 rx_length_errors"
assert_eq "$(stat_of sn1 rx_errors)" $((before + 1)) "sn1 rx_errors"
ping -c 2 -i 0.2 -W 2 remote0 || fail "normal ping after the giant frame"
