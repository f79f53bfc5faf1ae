#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ethtool -C adaptive-rx/adaptive-tx: DIM (src/dim.c) moderates the card.
# Off by default.  Turned on, DIM's first profile is in the ITR registers
# at once (rx-frames capped at a quarter of the RX ring), ethtool -c and
# ethtool -d agree, and static values given meanwhile are not written.
# Under a flood DIM moves the receiver's profile where polls took two
# frames or more (rx_dim_moves in ethtool -S), and every frame is received
# or counted missed.  Turned off, the static values given with it are
# programmed and DIM stops.  With use_napi=0 it is refused with a message
# (ethtool's, or the kernel log's before 5.15) and changes nothing.
# timeout: 120
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

adaptive() {	# adaptive DEV [NS]: "rx tx", each on|off, from ethtool -c
	_in "${2:-}" ethtool -c "$1" | sed -n 's/^Adaptive RX: *\([a-z]*\) *TX: *\([a-z]*\).*/\1 \2/p'
}

# co_agree DEV [NS]: ethtool -c's values and the ITR registers of -d
# agree; sets rxu rxf txu.
co_agree() {
	_c=$(_in "${2:-}" ethtool -c "$1")
	rxu=$(echo "$_c" | awk '$1 == "rx-usecs:" { print $2 }')
	rxf=$(echo "$_c" | awk '$1 == "rx-frames:" { print $2 }')
	txu=$(echo "$_c" | awk '$1 == "tx-usecs:" { print $2 }')
	assert_eq "$(reg "$1" rx_usecs "${2:-}") $(reg "$1" rx_frames "${2:-}") $(reg "$1" tx_usecs "${2:-}")" \
		"$rxu $rxf $txu" "$1: ITR registers vs ethtool -c"
}

load_snull flip=0
assert_eq "$(adaptive sn0)" "off off" "sn0 adaptive by default"
ethtool -C sn0 adaptive-rx on || fail "ethtool -C sn0 adaptive-rx on"
assert_eq "$(adaptive sn0)" "on off" "sn0 after adaptive-rx on"
co_agree sn0
assert_ge "$rxu" 1 "rx-usecs of DIM's first profile"
assert_eq "$rxf" 64 "rx-frames of DIM's first profile (a quarter of the 256-slot RX ring)"
assert_eq "$txu" 0 "tx-usecs, not adaptive"
# a static rx-usecs while adaptive-rx stays on is DIM's to decide
ethtool -C sn0 rx-usecs 77 tx-usecs 5 || fail "ethtool -C sn0 rx-usecs 77 tx-usecs 5"
co_agree sn0
[ "$rxu" != 77 ] || fail "rx-usecs 77 written while adaptive-rx is on"
assert_eq "$txu" 5 "tx-usecs (not adaptive) while adaptive-rx is on"
ethtool -C sn0 adaptive-tx on || fail "ethtool -C sn0 adaptive-tx on"
assert_eq "$(adaptive sn0)" "on on" "sn0 after adaptive-tx on"
co_agree sn0
assert_ge "$txu" 1 "tx-usecs of DIM's first profile"
ethtool -C sn0 adaptive-rx off adaptive-tx off rx-usecs 7 rx-frames 3 tx-usecs 9 ||
	fail "ethtool -C sn0 adaptive off with static values"
assert_eq "$(adaptive sn0)" "off off" "sn0 after adaptive off"
co_agree sn0
assert_eq "$rxu $rxf $txu" "7 3 9" "static values after adaptive off"
unload_snull

# Under load: the receiver's DIM moves; every frame is accounted for.
load_snull flip=0
insmod_wire_ns
in_netns ns1 ethtool -C sn1 adaptive-rx on || fail "ethtool -C sn1 adaptive-rx on"
in_netns ns0 ethtool -C sn0 adaptive-tx on || fail "ethtool -C sn0 adaptive-tx on"
assert_eq "$(ethtool_stat sn1 rx_dim_moves ns1)" 0 "sn1 rx_dim_moves before traffic"
# A flood.  DIM decides once per 64 polls it was fed: keep the frames
# coming until sn1 has polled at least 192 times.  The debug kernel
# under emulation sends slower than one frame per 256 us, DIM's longest
# delay (937 polls for 1000 frames): each poll then has one, nothing
# could be merged, and snull rightly does not feed DIM; so the moves are
# judged only where polls took three frames or more on average (at two,
# on a loaded host, most polls still had one frame each and DIM rightly
# kept its profile: 1000 frames, 496 polls, no move).
count=0 bursts=0
p0=$(ethtool_stat sn1 napi_polls ns1)
r0=$(stat_of sn1 rx_packets ns1)
m0=$(stat_of sn1 rx_missed_errors ns1)
while [ $bursts -lt 4 ] && [ $(($(ethtool_stat sn1 napi_polls ns1) - p0)) -lt 192 ]; do
	pktgen_burst ns0 sn0 "$(scaled 5000)" 10.9.9.9 "$(mac_of sn1 ns1)" 60 0
	count=$((count + $(scaled 5000))) bursts=$((bursts + 1))
done
polls=$(($(ethtool_stat sn1 napi_polls ns1) - p0))
# every frame is received or counted missed (pktgen overruns the ring
# with or without DIM: with frames 50 us apart, 1380 of 5000 missed with
# static rx-usecs 0 in one run, 285 with DIM)
got() { echo $(($(stat_of sn1 rx_packets ns1) + $(stat_of sn1 rx_missed_errors ns1) - r0 - m0)); }
n=100
while [ "$(got)" -lt "$count" ] && [ $n -gt 0 ]; do
	sleep 0.1
	n=$((n - 1))
done
if [ "$(got)" != "$count" ]; then
	in_netns ns1 ip -s -s link show sn1
	in_netns ns1 ethtool -S sn1
	in_netns ns1 ethtool -c sn1
	regs sn1 ns1
	fail "sn1 received or missed $(got) of $count frames"
fi
moves=$(ethtool_stat sn1 rx_dim_moves ns1)
info "$count frames in $bursts bursts: sn1 polls $polls, missed $(($(stat_of sn1 rx_missed_errors ns1) - m0)), rx_dim_moves $moves, sn0 tx_dim_moves $(ethtool_stat sn0 tx_dim_moves ns0)," \
	"sn1 irqs $(ethtool_stat sn1 irqs ns1), now $(in_netns ns1 ethtool -c sn1 | awk '$1 ~ /^rx-(usecs|frames):$/' | tr '\n' ' ')"
assert_ge "$polls" 192 "sn1 NAPI polls in $bursts bursts of $(scaled 5000) frames"
if [ "$count" -ge $((polls * 3)) ]; then
	assert_ge "$moves" 1 "sn1 rx_dim_moves after $count frames, $polls polls"
else
	info "$count frames in $polls polls: nothing for DIM to merge, its moves not judged"
fi
co_agree sn1 ns1
# down and up with DIM on: its work is cancelled and the setting kept
in_netns ns1 ip link set sn1 down && in_netns ns1 ip link set sn1 up ||
	fail "sn1 down/up with adaptive-rx on"
assert_eq "$(adaptive sn1 ns1)" "on off" "sn1 adaptive after down/up"
wait_for "in_netns ns0 ip link show sn0 | grep -q LOWER_UP" 5
ping_ok ns0 -c 3 -i 0.2 -W 2 10.0.0.2
ip netns del ns0
ip netns del ns1
unload_snull

# Without NAPI there is no poll to learn from.
load_snull use_napi=0
ethtool -C sn0 rx-usecs 4 || fail "ethtool -C sn0 rx-usecs 4 (use_napi=0)"
kmsg_mark adaptive
ethtool -C sn0 adaptive-rx on 2>err && fail "adaptive-rx on accepted with use_napi=0"
# the extack message; before 5.15 ethtool_ops had no extack, and the
# driver puts it in the kernel log
grep -q "use_napi=0" err || dmesg_since adaptive | grep -q "use_napi=0" ||
	{ cat err; fail "adaptive-rx on with use_napi=0: the reason reached neither ethtool nor the kernel log"; }
assert_eq "$(adaptive sn0)" "off off" "sn0 adaptive after the refusal"
co_agree sn0
assert_eq "$rxu" 4 "rx-usecs after the refusal"
