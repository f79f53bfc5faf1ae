#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# debugfs /sys/kernel/debug/snull/<dev>/: every device (insmod and ip-link
# pairs) has regs, rings, stats and the four fault knobs; the directory
# follows a rename, a device in another netns with a taken name gets
# <name>-<ifindex>; stats matches ethtool -S and rings ethtool -g; every
# knob refuses out-of-range and malformed values with an error and keeps
# its value; drop_permille=1000 drops every frame and counts it,
# corrupt_permille=1000 damages every frame (the stack's checksums catch
# it) and counts it, delay_us delays every interrupt (ping round trip).
# timeout: 90
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

FILES="cable corrupt_permille delay_us drop_permille regs rings stall_tx stats"

has_files() {	# has_files DIR
	assert_eq "$(ls "$1" | tr '\n' ' ')" "$FILES " "files in $1"
}

knob() { cat "$DBGFS/$1/$2"; }

load_snull
dev_no_ipv6 sn0 sn1
ip link add name ta type snull peer name tb || fail "ip link add"
for d in sn0 sn1 ta tb; do
	has_files "$DBGFS/$d"
done
assert_eq "$(stat -c %a "$DBGFS/sn0/regs") $(stat -c %a "$DBGFS/sn0/drop_permille")" \
	"400 600" "modes of regs and drop_permille"

# Renames.
ip link set ta name lan0 || fail "rename ta"
has_files "$DBGFS/lan0"
[ -e "$DBGFS/ta" ] && fail "debugfs kept the old name ta"
ip link set lan0 name ta
has_files "$DBGFS/ta"
# Same name in another namespace: <name>-<ifindex>.
ip netns add nsx || fail "ip netns add"
in_netns nsx ip link add name sn0 type snull peer name sn1 || fail "ip link add sn0 in nsx"
for d in sn0 sn1; do
	idx=$(in_netns nsx cat /sys/class/net/$d/ifindex)
	has_files "$DBGFS/$d-$idx"
done
ip netns del nsx
wait_for "! ls $DBGFS | grep -q -- -" 10
ip link del ta

# stats = ethtool -S, rings = ethtool -g
book_setup
wait_for "ip link show sn0 | grep -q LOWER_UP" 5
n=$(scaled 5)
ping_ok "" -c "$n" -i 0.1 -W 2 remote0
sleep 0.2
assert_eq "$(cat "$DBGFS/sn0/stats" | tr -s ' ')" \
	"$(ethtool -S sn0 | sed 1d | sed 's/^ *//; s/: / /')" "debugfs stats vs ethtool -S"
grep -q "^tx size 256 " "$DBGFS/sn0/rings" && grep -q "^rx size 256 " "$DBGFS/sn0/rings" ||
	fail "debugfs rings: $(cat "$DBGFS/sn0/rings")"

# Validation: refused values leave the knob alone.
for k in drop_permille:1000:1001 corrupt_permille:1000:1001 delay_us:100000:100001 stall_tx:1:2; do
	name=${k%%:*}
	rest=${k#*:}
	max=${rest%%:*}
	over=${rest#*:}
	echo "$max" >"$DBGFS/sn1/$name" || fail "$name: $max refused"
	assert_eq "$(knob sn1 $name)" "$max" "$name after writing $max"
	echo 0 >"$DBGFS/sn1/$name"
	echo 1 >"$DBGFS/sn1/$name" || fail "$name: 1 refused"
	for bad in "$over" -1 abc 4294967297 ""; do
		if echo "$bad" >"$DBGFS/sn1/$name" 2>/dev/null; then
			fail "$name: '$bad' accepted"
		fi
		assert_eq "$(knob sn1 $name)" 1 "$name after the refused '$bad'"
	done
	echo 0 >"$DBGFS/sn1/$name"
done

# drop_permille=1000 on the receiver: every frame dropped and counted.
ping_ok "" -c 2 -i 0.1 -W 2 remote0
echo 1000 >"$DBGFS/sn1/drop_permille"
d0=$(ethtool_stat sn1 rx_fault_dropped)
r0=$(stat_of sn1 rx_packets)
ping_none "" -c "$n" -i 0.1 -W 0.3 remote0
assert_eq $(($(ethtool_stat sn1 rx_fault_dropped) - d0)) "$n" "frames dropped by drop_permille=1000"
assert_eq "$(stat_of sn1 rx_packets)" "$r0" "frames received with drop_permille=1000"
echo 0 >"$DBGFS/sn1/drop_permille"
ping_ok "" -c 2 -i 0.1 -W 2 remote0

# corrupt_permille=1000: every frame gets one bit flipped; the IP or ICMP
# checksum catches each one, so no reply; the frames themselves arrive.
echo 1000 >"$DBGFS/sn1/corrupt_permille"
c0=$(ethtool_stat sn1 rx_fault_corrupted)
r0=$(stat_of sn1 rx_packets)
ping_none "" -c "$n" -i 0.1 -W 0.3 remote0
assert_eq $(($(ethtool_stat sn1 rx_fault_corrupted) - c0)) "$n" "frames corrupted"
assert_eq $(($(stat_of sn1 rx_packets) - r0)) "$n" "corrupted frames received"
echo 0 >"$DBGFS/sn1/corrupt_permille"
ping_ok "" -c 2 -i 0.1 -W 2 remote0

# delay_us=50000 on the receiver: its interrupt, and so the reply, comes
# 50 ms late.
echo 50000 >"$DBGFS/sn1/delay_us"
ping -c 3 -i 0.3 -W 2 remote0 >ping.out || { cat ping.out; fail "ping with delay_us"; }
slow=$(sed -n 's/.* time=\([0-9]*\).*/\1/p' ping.out | awk '$1 >= 48' | wc -l)
info "round trips with delay_us 50000: $(sed -n 's/.* time=//p' ping.out | tr '\n' ' ')"
assert_ge "$slow" 2 "pings taking 50 ms or more"
echo 0 >"$DBGFS/sn1/delay_us"
