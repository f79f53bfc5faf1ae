#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Several queue pairs (queues=4, ethtool -l/-L): flows spread over the
# RX queues RSS picks, each queue counts its own frames and interrupts,
# and the queues' counters add up to the device's.  ethtool -X weight
# sends every flow to one queue; -L changes the count under the running
# interface (the table follows, counters stay); refused: 0, more than the
# card has, and fewer than a user's table names.
# timeout: 240
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

command -v socat >/dev/null || fail "socat is not in the VM (scripts/deps installs it)"

channels() {	# channels DEV NS: "max current" combined channels
	in_netns "$2" ethtool -l "$1" | awk '$1 == "Combined:" { printf "%s ", $2 }' | sed 's/ $//'
}
qstat() {	# qstat DEV NS QUEUE NAME
	ethtool_stat "$1" "q$3_$4" "$2"
}
# flows N PORT0: N UDP datagrams 10.0.0.1 -> 10.0.0.2, source ports
# PORT0.., each from a socket of its own (a flow of its own).
flows() {
	_i=0
	while [ $_i -lt "$1" ]; do
		echo x | in_netns ns0 socat -u - UDP4-SENDTO:10.0.0.2:9,sourceport=$(($2 + _i)) ||
			fail "socat flow $_i"
		_i=$((_i + 1))
	done
}
# spread NQ FILE: the per-queue rx_packets of sn1, one line per queue
spread() {
	_q=0
	: >"$2"
	while [ $_q -lt "$1" ]; do
		qstat sn1 ns1 $_q rx_packets >>"$2"
		_q=$((_q + 1))
	done
}

load_snull flip=0 queues=4
insmod_wire_ns
assert_eq "$(channels sn0 ns0)" "8 4" "sn0 combined channels (max, current)"
assert_eq "$(channels sn1 ns1)" "8 4" "sn1 combined channels"
in_netns ns1 sh -c 'ls -d /sys/class/net/sn1/queues/rx-* | wc -l' >rxq.txt
assert_eq "$(cat rxq.txt)" 4 "sn1 RX queues in sysfs"
in_netns ns1 ethtool -x sn1 | grep -q "with 4 RX ring" || fail "ethtool -x: not 4 RX rings"
# the default table: entry i is queue i % 4
in_netns ns1 ethtool -x sn1 | awk '$1 == "0:" { print $2, $3, $4, $5, $6 }' >t.txt
assert_eq "$(cat t.txt)" "0 1 2 3 0" "the default table's first entries"

# UDP by ports too, so each source port is a flow of its own.
in_netns ns1 ethtool -N sn1 rx-flow-hash udp4 sdfn || fail "rx-flow-hash udp4 sdfn"
ping_ok ns0 -c 2 -i 0.2 -W 2 10.0.0.2
r0=$(stat_of sn1 rx_packets ns1)
spread 4 before.txt
flows 32 20000
sleep 0.5
# the queues' counts against the device's, read while nothing arrives
# (the total the same before and after them: an ARP may come meanwhile)
n=10
while :; do
	t1=$(stat_of sn1 rx_packets ns1)
	spread 4 after.txt
	t2=$(stat_of sn1 rx_packets ns1)
	[ "$t1" = "$t2" ] && break
	n=$((n - 1))
	[ $n -gt 0 ] || fail "sn1 never stopped receiving"
	sleep 0.2
done
paste before.txt after.txt | awk '{ print $2 - $1 }' >delta.txt
info "per-queue frames for 32 flows: $(tr '\n' ' ' <delta.txt)"
assert_ge "$(awk '$1 > 0' delta.txt | wc -l)" 2 "RX queues that took some of 32 flows"
assert_eq "$(awk '{ s += $1 } END { print s }' delta.txt)" "$((t1 - r0))" \
	"sum of the queues' frames vs the device's"
# every queue that received had its own interrupts and polls
q=0
while [ $q -lt 4 ]; do
	if [ "$(sed -n "$((q + 1))p" delta.txt)" -gt 0 ]; then
		assert_ge "$(qstat sn1 ns1 $q irqs)" 1 "sn1 queue $q interrupts"
		assert_ge "$(qstat sn1 ns1 $q napi_polls)" 1 "sn1 queue $q polls"
	fi
	q=$((q + 1))
done
# the device's interrupt count is its vectors' (one snapshot: no traffic)
snapshot sn1 ns1
assert_eq "$(snap_ethtool sn1 irqs)" \
	"$(($(snap_ethtool sn1 q0_irqs) + $(snap_ethtool sn1 q1_irqs) + $(snap_ethtool sn1 q2_irqs) + $(snap_ethtool sn1 q3_irqs)))" \
	"irqs vs the sum of q0-q3_irqs"

# weight 1 0 0 0: everything to queue 0
in_netns ns1 ethtool -X sn1 weight 1 0 0 0 || fail "ethtool -X weight 1 0 0 0"
spread 4 before.txt
flows 16 21000
sleep 0.5
spread 4 after.txt
paste before.txt after.txt | awk '{ print $2 - $1 }' >delta.txt
assert_ge "$(sed -n 1p delta.txt)" 16 "queue 0's frames with weight 1 0 0 0"
assert_eq "$(sed -n '2,4p' delta.txt | tr '\n' ' ')" "0 0 0 " "queues 1-3 with weight 1 0 0 0"

# -L under a running interface; a user's table must fit
in_netns ns1 ethtool -X sn1 equal 4 || fail "ethtool -X equal 4"
in_netns ns1 ethtool -L sn1 combined 2 2>err.txt && fail "-L 2 accepted with a table naming queue 3"
assert_eq "$(channels sn1 ns1)" "8 4" "channels after a refused -L"
in_netns ns1 ethtool -X sn1 default || fail "ethtool -X default"
in_netns ns1 ethtool -L sn1 combined 2 || fail "ethtool -L sn1 combined 2"
assert_eq "$(channels sn1 ns1)" "8 2" "channels after -L 2"
in_netns ns1 ethtool -x sn1 | grep -q "with 2 RX ring" || fail "ethtool -x: not 2 RX rings after -L 2"
wait_for "in_netns ns0 ip link show sn0 | grep -q LOWER_UP" 5
ping_ok ns0 -c 3 -i 0.2 -W 2 10.0.0.2
in_netns ns1 ethtool -S sn1 | grep -q "q2_rx_packets" && fail "q2 counters shown with 2 queues"
in_netns ns1 ethtool -L sn1 combined 1 || fail "ethtool -L sn1 combined 1"
in_netns ns1 ethtool -S sn1 | grep -q "q0_rx_packets" && fail "per-queue counters shown with 1 queue"
ping_ok ns0 -c 3 -i 0.2 -W 2 10.0.0.2
in_netns ns1 ethtool -L sn1 combined 8 || fail "ethtool -L sn1 combined 8"
assert_eq "$(channels sn1 ns1)" "8 8" "channels after -L 8"
ping_ok ns0 -c 3 -i 0.2 -W 2 10.0.0.2
in_netns ns1 ethtool -L sn1 combined 9 2>/dev/null && fail "-L 9 accepted (the card has 8)"
in_netns ns1 ethtool -L sn1 combined 0 2>/dev/null && fail "-L 0 accepted"
assert_eq "$(channels sn1 ns1)" "8 8" "channels after the refusals"
# -L while traffic flows
(flows 64 22000) &
in_netns ns1 ethtool -L sn1 combined 3 || fail "ethtool -L 3 under traffic"
wait
ping_ok ns0 -c 3 -i 0.2 -W 2 10.0.0.2
ip netns del ns0
ip netns del ns1
unload_snull

# Bad parameters: a clear error, nothing loaded.
for bad in 0 9; do
	kmsg_mark q$bad
	insmod "$SNULL_KO" queues=$bad 2>/dev/null && fail "queues=$bad accepted"
	dmesg_since q$bad | grep -q "queues=$bad is out of range" || fail "queues=$bad: no clear error"
done
