#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make bench on a tiny count: the benchmark's guest side (tests/bench/bench.inc)
# runs each group once -- pktgen over every mode word and on veth, XDP
# (drop, tx, redirect; veth's too), scaling, queue pairs (one pktgen
# thread per vCPU over 1 and 2 queues), clone_skb integrity, iperf3,
# ping, memory (debug kernel: pktgen and clone_skb) -- and prints its
# table.  Checks that each case produced its
# numbers and that shared skbs arrive intact, not how fast anything is.
# timeout: 120
. "$SNULL_TESTDIR/lib.sh"

command -v iperf3 >/dev/null || skip "no iperf3"
[ -n "$(modinfo -n pktgen 2>/dev/null)" ] || skip "no pktgen module"

BENCH_PROFILE=smoke
BENCH_DIR=$SNULL_TMP/bench
# The debug kernel runs traffic 10-40x slower: there, only what KASAN and
# lockdep can judge of snull (pktgen in each mode word, clone_skb in copy
# and zero-copy mode); the distro kernel runs every group, and veth.
# Zero-copy takes two ways with pktgen's shared skbs: passed up as they
# are once pktgen has let go (coalescing delays the interrupt past that),
# cloned when it still holds them (no delay, or clone_skb).
if [ "$SNULL_TIER" = debug ]; then
	BENCH_GROUPS="pktgen clone"
	BENCH_PKTGEN="napi-adapt-nogro-nocb irq-coal irq-zc-coal napi-zc-book"
	BENCH_CLONE="irq-book napi-zc irq-zc-coal"
fi
. "$SNULL_TESTDIR/bench/bench.inc"

bench_main || fail "the benchmark reported $(wc -l <"$BENCH_DIR/errors") error(s)"

raw=$BENCH_DIR/raw.csv
expect() {	# group case driver param metric (groups that did not run pass)
	case " $BENCH_GROUPS " in
	*" $1 "*) ;;
	*) return 0 ;;
	esac
	grep -q "^$1,$2,$3,$4,$5,1," "$raw" || fail "no result for $1 $2 $3 $4 $5"
}
for c in $BENCH_PKTGEN; do
	d=snull
	[ "$c" = veth ] && d=veth
	for s in $BENCH_SIZES; do
		expect pktgen "$c" $d "$s" rx_pps
	done
done
for c in $BENCH_XDP; do
	d=snull
	[ "${c%%-*}" = veth ] && d=veth
	expect xdp "$c" $d 64 rx_pps
done
for c in $BENCH_QUEUES; do
	expect queues "$c" snull 64 rx_pps
done
for c in $BENCH_SCALE; do
	d=snull
	[ "$c" = veth ] && d=veth
	for n in $BENCH_SCALE_PAIRS; do
		expect scale "$c" $d "$n" rx_pps
	done
done
for spec in $BENCH_TCP; do
	c=${spec%@*}
	d=snull
	[ "$c" = veth ] && d=veth
	expect tcp "$c" $d "${spec#*@}" gbps
done
for c in $BENCH_PING; do
	d=snull
	[ "$c" = veth ] && d=veth
	expect ping "$c" $d - rtt_avg_us
done
for d in $BENCH_MEM_DRIVERS; do
	expect mem up $d 1500 used_kib_per_pair
done
# clone_skb: copy modes deliver intact frames; zero-copy and veth refuse
for c in $BENCH_CLONE; do
	d=snull
	[ "$c" = veth ] && d=veth
	case $c in
	veth | *zc*)
		grep -q "^clone,$c,$d,1500,clone_refused,1,1," "$raw" || fail "clone $c: clone_skb not refused"
		;;
	esac
	case $c in
	*zc*) c=$c-late ;;
	esac
	grep -q "^clone,$c,$d,1500,ok,1,1," "$raw" || fail "clone $c: frames not intact"
	[ $d = snull ] || continue
	# Copy mode never hands an skb over.  Zero-copy with clone_skb 16 (not
	# in book mode, where every shared skb is cloned as it crosses):
	# the same skb crosses 16 times, one reference per RX slot, so every
	# frame but the last of each skb is still shared when it is passed up
	# and must go up as a clone, whenever the interrupt comes.
	rcv=$(sed -n "s/^clone,$c,$d,1500,received,1,\([0-9]*\),.*/\1/p" "$raw")
	cl=$(sed -n "s/^clone,$c,$d,1500,zc_cloned,1,\([0-9]*\),.*/\1/p" "$raw")
	[ -n "$rcv" ] && [ -n "$cl" ] || fail "clone $c: no clone count"
	info "clone $c: $cl of $rcv frames passed up as clones"
	case $c in
	*zc*book*) ;;	# the flip needs private headers: cloned as it crosses
	*zc*) [ $((cl * 8)) -ge $((rcv * 7)) ] && [ "$cl" -le "$rcv" ] ||
		fail "clone $c: $cl of $rcv frames cloned, expected at least 7 in 8" ;;
	*) assert_eq "$cl" 0 "clone $c: zero-copy clones in copy mode" ;;
	esac
done
info "$(wc -l <"$raw") measurements"
