#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Concurrent control plane: with flood pings both ways (book mode), six
# loops run at once, each for a bounded number of rounds: MTU changes,
# ring resizes, interrupt coalescing, multicast group joins and leaves,
# promiscuous mode, and the private flags (zero-copy, and the book's flip
# off and back on), plus a reader of ethtool -S/-d/-g/-c and the debugfs
# files.  Afterwards both ends pass ping at once and every frame is
# accounted for in consistent counters.
# timeout: 180
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"

n=$(scaled 15)
info "parameters: $n rounds per loop, 7 loops"
book_pair
f0=$(flood remote0)
f1=$(flood remote1)

each() {	# CMD...: on sn0 and sn1; stop the loop at the first error
	for _d in sn0 sn1; do
		"$@" $_d >/dev/null 2>"err.$1" || { cat "err.$1"; exit 1; }
	done
	return 0
}
mtu() { ip link set dev "$2" mtu "$1"; }
rings() { ethtool -G "$3" rx "$1" tx "$2"; }
coal() { ethtool -C "$4" rx-usecs "$1" rx-frames "$2" tx-usecs "$3"; }
maddr() { ip maddr "$1" "$2" dev "$3"; }
promisc() { ip link set dev "$2" promisc "$1"; }
pflag() { ethtool --set-priv-flags "$3" "$1" "$2"; }
reader() {
	ethtool -S "$1" && ethtool -d "$1" && ethtool -g "$1" && ethtool -c "$1" &&
		cat /sys/kernel/debug/snull/"$1"/regs /sys/kernel/debug/snull/"$1"/rings \
			/sys/kernel/debug/snull/"$1"/stats && ip -s -s link show "$1"
}

loop_mtu() { i=0; while [ $i -lt "$n" ]; do
	each mtu $(echo "1500 9000 576 2000" | cut -d' ' -f$((i % 4 + 1))); i=$((i + 1)); done; }
loop_rings() { i=0; while [ $i -lt "$n" ]; do
	each rings $((16 << (i % 5))) $((4096 >> (i % 7))); i=$((i + 1)); done; }
loop_coal() { i=0; while [ $i -lt "$n" ]; do
	each coal $((i % 3 * 50)) $((i % 4 * 8)) $((i % 2 * 100)); i=$((i + 1)); done; }
loop_maddr() { i=0; while [ $i -lt "$n" ]; do
	g=$(printf '01:00:5e:00:%02x:%02x' $((i % 40)) $((i % 7)))
	each maddr add "$g"; [ $((i % 3)) = 2 ] && each maddr del "$g"
	i=$((i + 1)); done; }
loop_promisc() { i=0; while [ $i -lt "$n" ]; do
	each promisc on; each promisc off; i=$((i + 1)); done; }
loop_pflags() { i=0; while [ $i -lt "$n" ]; do
	each pflag zerocopy $([ $((i % 2)) = 0 ] && echo on || echo off)
	[ $((i % 5)) = 4 ] && { each pflag flip off; each pflag flip on; }
	i=$((i + 1)); done; }
loop_reader() { i=0; while [ $i -lt "$n" ]; do
	each reader; i=$((i + 1)); done; }

pids=
for l in mtu rings coal maddr promisc pflags reader; do
	loop_$l &
	pids="$pids $!:$l"
done
for p in $pids; do
	wait "${p%%:*}" || fail "the ${p#*:} loop failed"
done
info "all loops done: sn0 mtu $(cat /sys/class/net/sn0/mtu), $(ip maddr show dev sn0 | grep -c link) link groups, flags $(ethtool --show-priv-flags sn0 | tr -s ' \n' ' ')"

# Back to a plain book-mode setup: the same MTU, flip on, no promisc.
each mtu 1500
each pflag flip on
ping -c 3 -i 0.1 -W 2 remote0 >/dev/null || fail "ping remote0 after the storm"
ping -c 3 -i 0.1 -W 2 remote1 >/dev/null || fail "ping remote1 after the storm"
stop_bg "$f0" "$f1"
assert_ledger sn0 sn1
assert_ledger sn1 sn0
views_agree sn0
views_agree sn1
