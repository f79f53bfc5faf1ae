#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Several queue pairs (queues=4, ethtool -l/-L): flows spread over the
# RX queues RSS picks, each queue counts its own frames and interrupts,
# and the queues' counters add up to the device's.  ethtool -X weight
# sends every flow to one queue; -L changes the count under the running
# interface (the table follows, counters stay; ethtool -S lists all 8
# pairs' whatever the count, a device made with one queue none); refused:
# 0, more than the card has, and fewer than a user's table names.  The stack's own
# steering works as on a real NIC: XPS sends a pinned sender's frames on
# the TX queue its CPU maps to, RPS moves the receive processing to the
# CPU an RX queue's rps_cpus names (netif_receive_skb's CPU, traced; two
# vCPUs needed), and
# threaded NAPI gives every queue a kthread of its own that does the
# polling, also across -L.
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

# -L under a running interface; a user's table must fit.  ethtool -S
# lists the same statistics whatever the count (all 8 pairs': ethtool
# reads count, names and values in three calls).
nstats=$(in_netns ns1 ethtool -S sn1 | wc -l)
in_netns ns1 ethtool -S sn1 | grep -q "q7_irqs:" || fail "ethtool -S with 4 pairs: no q7_irqs"
in_netns ns1 ethtool -X sn1 equal 4 || fail "ethtool -X equal 4"
in_netns ns1 ethtool -L sn1 combined 2 2>err.txt && fail "-L 2 accepted with a table naming queue 3"
assert_eq "$(channels sn1 ns1)" "8 4" "channels after a refused -L"
in_netns ns1 ethtool -X sn1 default || fail "ethtool -X default"
in_netns ns1 ethtool -L sn1 combined 2 || fail "ethtool -L sn1 combined 2"
assert_eq "$(channels sn1 ns1)" "8 2" "channels after -L 2"
in_netns ns1 ethtool -x sn1 | grep -q "with 2 RX ring" || fail "ethtool -x: not 2 RX rings after -L 2"
wait_for "in_netns ns0 ip link show sn0 | grep -q LOWER_UP" 5
ping_ok ns0 -c 3 -i 0.2 -W 2 10.0.0.2
assert_eq "$(in_netns ns1 ethtool -S sn1 | wc -l)" "$nstats" "ethtool -S lines with 2 pairs vs 4"
in_netns ns1 ethtool -L sn1 combined 1 || fail "ethtool -L sn1 combined 1"
assert_eq "$(in_netns ns1 ethtool -S sn1 | wc -l)" "$nstats" "ethtool -S lines with 1 pair vs 4"
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

# XPS: sn0 (4 queues) sends from CPU 0 on queue 2, from CPU 1 on queue 3
# (a VM with one vCPU, as the debug kernel's parallel runs have: CPU 0
# only, and no RPS check below).
ncpu=$(grep -c '^processor' /proc/cpuinfo)
cpus=0
[ "$ncpu" -ge 2 ] && cpus="0 1"
xps() { in_netns ns0 sh -c "echo $2 > /sys/class/net/sn0/queues/tx-$1/xps_cpus"; }
xps 0 0 && xps 1 0 && xps 2 1 || fail "setting sn0's xps_cpus"
if [ "$ncpu" -ge 2 ]; then
	xps 3 2 || fail "setting sn0's xps_cpus"
fi
for cpu in $cpus; do
	want=$((cpu + 2))
	b=$(qstat sn0 ns0 $want tx_packets)
	o=$(($(qstat sn0 ns0 0 tx_packets) + $(qstat sn0 ns0 1 tx_packets)))
	in_netns ns0 taskset -c $cpu ping -q -c 5 -i 0.2 -W 2 10.0.0.2 >/dev/null ||
		fail "ping from CPU $cpu"
	assert_ge "$(($(qstat sn0 ns0 $want tx_packets) - b))" 5 \
		"sn0 queue $want's frames from a sender on CPU $cpu (XPS)"
	assert_eq "$(($(qstat sn0 ns0 0 tx_packets) + $(qstat sn0 ns0 1 tx_packets) - o))" 0 \
		"sn0 frames on queues 0-1, which no CPU maps to"
done

# RPS: the CPU that runs netif_receive_skb for sn1's echo requests (84
# bytes at that point) is the one rps_cpus names, wherever the poll ran.
T=$TRACEFS
rps() { in_netns ns1 sh -c "for f in /sys/class/net/sn1/queues/rx-*/rps_cpus; do echo $1 > \$f; done"; }
rx_cpus() {	# the CPUs sn1's echo requests were processed on, during a ping
	echo 0 >$T/events/net/netif_receive_skb/enable
	echo >$T/trace
	echo 'name == "sn1" && len == 84' >$T/events/net/netif_receive_skb/filter
	echo 1 >$T/events/net/netif_receive_skb/enable
	in_netns ns0 ping -q -c 6 -i 0.1 -W 2 10.0.0.2 >/dev/null || fail "ping with RPS"
	echo 0 >$T/events/net/netif_receive_skb/enable
	sed -n 's/.*\[\(0*[0-9]\)\] .* netif_receive_skb: .*/\1/p' $T/trace | sort -u | tr '\n' ' '
}
if [ "$ncpu" -lt 2 ]; then
	info "RPS not checked: this VM has one vCPU"
elif [ -d $T/events/net/netif_receive_skb ]; then
	rps 1 || fail "rps_cpus 1"
	assert_eq "$(rx_cpus)" "000 " "CPUs that processed sn1's frames with rps_cpus 1"
	rps 2 || fail "rps_cpus 2"
	assert_eq "$(rx_cpus)" "001 " "CPUs that processed sn1's frames with rps_cpus 2"
	rps 0
else
	info "RPS not checked: no net:netif_receive_skb tracepoint"
fi

# Threaded NAPI: one kthread per queue, named after the device; they do
# the polling (their context switches grow), and -L adds and removes them.
napi_threads() { grep -l '^napi/sn1-' /proc/[0-9]*/comm 2>/dev/null | wc -l; }
napi_switches() {
	for c in $(grep -l '^napi/sn1-' /proc/[0-9]*/comm 2>/dev/null); do
		awk '$1 == "voluntary_ctxt_switches:" { print $2 }' "${c%comm}status"
	done | awk '{ s += $1 } END { print s + 0 }'
}
if in_netns ns1 test -e /sys/class/net/sn1/threaded; then
	in_netns ns1 sh -c 'echo 1 > /sys/class/net/sn1/threaded' || fail "threaded 1"
	assert_eq "$(napi_threads)" 3 "NAPI threads of sn1's 3 queues"
	sw=$(napi_switches)
	flows 16 23000
	ping_ok ns0 -c 5 -i 0.1 -W 2 10.0.0.2
	assert_ge "$(($(napi_switches) - sw))" 2 "context switches of sn1's NAPI threads under traffic"
	in_netns ns1 ethtool -L sn1 combined 2 || fail "ethtool -L 2 with threaded NAPI"
	wait_for "in_netns ns0 ip link show sn0 | grep -q LOWER_UP" 5
	assert_eq "$(napi_threads)" 2 "NAPI threads of sn1's 2 queues"
	ping_ok ns0 -c 3 -i 0.2 -W 2 10.0.0.2
	in_netns ns1 sh -c 'echo 0 > /sys/class/net/sn1/threaded' || fail "threaded 0"
	ping_ok ns0 -c 3 -i 0.2 -W 2 10.0.0.2
else
	info "threaded NAPI not checked: no /sys/class/net/*/threaded before 5.12"
fi
ip netns del ns0
ip netns del ns1

# A pair made with one queue each can have no more: -l says 1, and
# ethtool -S shows the totals only.
ip link add sq0 numtxqueues 1 numrxqueues 1 type snull peer name sq1 numtxqueues 1 numrxqueues 1 ||
	fail "ip link add sq0 numtxqueues 1 ... type snull"
assert_eq "$(ethtool -l sq0 | awk '$1 == "Combined:" { printf "%s ", $2 }')" "1 1 " \
	"sq0 combined channels (max, current)"
ethtool -S sq0 | grep -q "q0_rx_packets" && fail "per-queue counters shown for a one-queue device"
ethtool -L sq0 combined 2 2>/dev/null && fail "-L 2 accepted on a one-queue device"
ip link del sq0 || fail "ip link del sq0"
unload_snull

# Bad parameters: a clear error, nothing loaded.
for bad in 0 9; do
	kmsg_mark q$bad
	insmod "$SNULL_KO" queues=$bad 2>/dev/null && fail "queues=$bad accepted"
	dmesg_since q$bad | grep -q "queues=$bad is out of range" || fail "queues=$bad: no clear error"
done
