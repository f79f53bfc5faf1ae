#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ethtool -g/-G: defaults and maximums; refused sizes (0, 100000, not a
# power of two, below 16) fail with an error and leave both rings as they
# were (ethtool -g, ethtool -d, debugfs rings); a size set while down is
# used at the next up; resizing while up under a flood ping in both
# directions is applied at once and the pair keeps working.
# timeout: 120
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

# sizes_are DEV RX TX: every view of the ring sizes (ethtool -g; while
# running also ethtool -d and debugfs rings).
sizes_are() {
	ethtool -g "$1" >g.out || fail "ethtool -g $1"
	_c=$(awk '/^Current/ { c = 1 } c && ($1 == "RX:" || $1 == "TX:") { printf "%s ", $2 }' g.out)
	assert_eq "$_c" "$2 $3 " "$1 rx/tx ring sizes (ethtool -g)"
	regs "$1" >r.out
	if grep -q "^running 1" r.out; then
		_r=$(awk '$1 == "rx_size" || $1 == "tx_size" { printf "%s=%s ", $1, $2 }' r.out)
		assert_eq "$_r" "tx_size=$3 rx_size=$2 " "$1 ring sizes (ethtool -d)"
		grep -q "^rx size $2 " "$DBGFS/$1/rings" && grep -q "^tx size $3 " "$DBGFS/$1/rings" ||
			fail "$1 debugfs rings: $(cat "$DBGFS/$1/rings")"
	fi
}

load_snull
dev_no_ipv6 sn0 sn1
assert_eq "$(ethtool -g sn0 | awk '/^Pre-set/ { c = 1 } /^Current/ { c = 0 }
	c && ($1 == "RX:" || $1 == "TX:") { printf "%s ", $2 }')" "4096 4096 " "ring maximums"
sizes_are sn0 256 256

# While down: refusals, then a good value that the next up uses.
for bad in "rx 0" "rx 100000" "rx 100" "rx 8" "tx 8192" "rx 64 tx 48"; do
	ethtool -G sn0 $bad 2>err && fail "ethtool -G sn0 $bad accepted"
	[ -s err ] || fail "ethtool -G sn0 $bad: no error message"
	sizes_are sn0 256 256
done
# The reason reaches the user: in ethtool's error (the extack), or, on a
# kernel whose ring callbacks take no extack (before 5.17), in the log.
echo "snull-test: ethtool-rings: rx 100" >/dev/kmsg
ethtool -G sn0 rx 100 2>err && fail "ethtool -G sn0 rx 100 accepted"
grep -q "ring sizes must be powers of two" err ||
	dmesg | sed -n '/snull-test: ethtool-rings: rx 100/,$p' |
	grep -q "sn0: .*ring sizes must be powers of two" ||
	fail "ethtool -G sn0 rx 100: the reason reached neither ethtool ($(cat err)) nor the kernel log"
ethtool -G sn0 rx 512 tx 128 || fail "ethtool -G sn0 rx 512 tx 128 (down)"
sizes_are sn0 512 128
book_setup
wait_for "ip link show sn0 | grep -q LOWER_UP" 5
sizes_are sn0 512 128
sizes_are sn1 256 256
ping_ok "" -c 2 -i 0.2 -W 2 remote0

# While up: refusals change nothing, the hardware keeps running.
for bad in "rx 0" "rx 100000" "tx 1000"; do
	ethtool -G sn0 $bad 2>/dev/null && fail "ethtool -G sn0 $bad accepted (up)"
	sizes_are sn0 512 128
done
assert_eq "$(reg sn0 running)" 1 "sn0 running after refusals"

# While up, under a flood ping (requests one way, replies the other):
# every resize takes effect at once.  The flood lasts until the resizes
# are done (a count would run out first on a slow kernel: debug-rt).
ping -f -q -w 300 remote0 >flood.out 2>&1 &
p0=$!
sleep 1
for sz in "16 16" "4096 4096" "32 1024" "256 256"; do
	set -- $sz
	tx0=$(stat_of sn0 tx_packets)
	ethtool -G sn0 rx "$1" tx "$2" || fail "ethtool -G sn0 rx $1 tx $2 (up, flood)"
	ethtool -G sn1 rx "$2" tx "$1" || fail "ethtool -G sn1 rx $2 tx $1 (up, flood)"
	sizes_are sn0 "$1" "$2"
	sizes_are sn1 "$2" "$1"
	wait_for "[ \$(stat_of sn0 tx_packets) -gt $((tx0 + 50)) ]" 10
done
kill $p0 2>/dev/null
wait $p0 2>/dev/null
grep -E 'transmitted|received' flood.out

# The pair works normally afterwards, both directions, no loss.
ping_ok "" -c 5 -i 0.1 -W 2 remote0
ping_ok "" -c 5 -i 0.1 -W 2 remote1
assert_eq "$(stat_of sn0 rx_missed_errors)" 0 "sn0 rx_missed_errors"
assert_eq "$(stat_of sn1 rx_missed_errors)" 0 "sn1 rx_missed_errors"
