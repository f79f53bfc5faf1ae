#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Faults on the receive side under a pktgen stream, every one a counted
# drop: (1) the debugfs fault knobs of the receiver (drop, corrupt, delay)
# and (2) on a kernel with fault injection, real allocation failures in
# the RX buffer refill and skb allocation, injected with failslab (the skb
# head cache only) and fail_page_alloc (order >= 2 only: jumbo RX buffers,
# which the slab and page-fragment allocators do not use for themselves),
# in NAPI and interrupt mode.  Sent = received + counted drops, exactly;
# afterwards the ring has recovered and ping works.
# timeout: 180
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"

count=$(scaled 20000)
info "parameters: pktgen bursts of $count frames"
modprobe pktgen || fail "modprobe pktgen"

pg() { echo "$2" >"/proc/net/pktgen/$1" || fail "pktgen $1: $2"; }
# burst SIZE: $count frames sn0 -> sn1 (remote0 -> local1 after the flip)
burst() {
	pg kpktgend_0 "rem_device_all"
	pg kpktgend_0 "add_device sn0"
	pg sn0 "count $count"
	pg sn0 "pkt_size $1"
	pg sn0 "clone_skb 1000000"	# one skb, reused: pktgen allocates once
	pg sn0 "delay 0"
	pg sn0 "dst 192.168.0.2"
	pg sn0 "dst_mac $(cat /sys/class/net/sn0/address)"
	pg pgctrl "start"
	grep -q "Result: OK" /proc/net/pktgen/sn0 || { cat /proc/net/pktgen/sn0; fail "pktgen run"; }
}

# --- (1) debugfs fault knobs ---------------------------------------------------
book_pair
d=/sys/kernel/debug/snull/sn1
echo 100 >$d/drop_permille && echo 50 >$d/corrupt_permille && echo 200 >$d/delay_us ||
	fail "setting the fault knobs"
tx0=$(st sn0 tx_packets)
burst 200
echo 0 >$d/drop_permille && echo 0 >$d/corrupt_permille && echo 0 >$d/delay_us
assert_eq $(($(st sn0 tx_packets) - tx0)) "$count" "frames sent by sn0"
assert_ledger sn0 sn1
dropped=$(es sn1 rx_fault_dropped)
corrupted=$(es sn1 rx_fault_corrupted)
info "knobs: $dropped dropped, $corrupted corrupted of $count"
assert_ge "$dropped" 1 "rx_fault_dropped"
assert_ge "$corrupted" 1 "rx_fault_corrupted"
ping -c 2 -i 0.1 -W 2 remote0 >/dev/null || fail "ping after the knobs"
unload_snull

# --- (2) allocation failures ----------------------------------------------------
FS=/sys/kernel/debug/failslab
FP=/sys/kernel/debug/fail_page_alloc
SLAB=/sys/kernel/slab/skbuff_head_cache
if [ ! -d $FS ] || [ ! -d $FP ] || [ ! -e $SLAB/failslab ]; then
	info "no failslab/fail_page_alloc on this kernel: allocation failures not injected"
	exit 0
fi
restore() {
	echo 0 >$FS/probability; echo 0 >$FP/probability
	echo 0 >$SLAB/failslab; echo N >$FS/cache-filter
	echo 1 >$FP/min-order
	echo 2 >$FS/verbose; echo 2 >$FP/verbose
	echo 1 >$FS/times; echo 1 >$FP/times
}
trap restore EXIT
# Only atomic allocations (the RX path's), no noise in dmesg.
for f in $FS $FP; do
	echo 0 >$f/verbose; echo Y >$f/ignore-gfp-wait; echo N >$f/task-filter
	echo 1 >$f/interval; echo 0 >$f/space
done
echo Y >$FP/ignore-gfp-highmem
echo 2 >$FP/min-order
echo Y >$FS/cache-filter
echo 1 >$SLAB/failslab

for napi in 1 0; do
	book_pair use_napi=$napi
	# 9000-byte MTU: RX buffers above one page, order >= 2
	ip link set sn0 mtu 9000 && ip link set sn1 mtu 9000 || fail "mtu 9000"
	wait_for "ping -c 1 -W 1 remote0" 10
	tx0=$(st sn0 tx_packets)
	echo 100000 >$FS/times; echo 100000 >$FP/times
	echo 10 >$FS/probability; echo 10 >$FP/probability
	burst 1000
	echo 0 >$FS/probability; echo 0 >$FP/probability
	slab=$((100000 - $(cat $FS/times))) page=$((100000 - $(cat $FP/times)))
	info "use_napi=$napi: injected $slab skb head and $page page allocation failures;" \
		"rx_alloc_failed $(es sn1 rx_alloc_failed), missed $(st sn1 rx_missed_errors), dropped $(st sn1 rx_dropped)"
	assert_ge $((slab + page)) 1 "use_napi=$napi: allocation failures injected"
	assert_eq $(($(st sn0 tx_packets) - tx0)) "$count" "use_napi=$napi: frames sent by sn0"
	assert_ledger sn0 sn1
	# the ring refills once memory is back
	ping -c 3 -i 0.1 -W 2 remote0 >/dev/null || fail "use_napi=$napi: ping after the failures"
	ping -c 2 -i 0.1 -W 2 -s 8000 remote0 >/dev/null || fail "use_napi=$napi: jumbo ping after the failures"
	unload_snull
done
