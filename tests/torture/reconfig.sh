#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# MTU changes and ring resizes under traffic: while a TCP transfer crosses
# the pair (wire mode, two namespaces) and pings flood the other way, both
# ends are reconfigured over and over: MTU 1500/9000/2000/4000 and
# `ethtool -G` ring sizes from 16 to 4096.  Each reconfiguration restarts
# the simulated hardware; the transfer must still arrive byte for byte,
# refused values change nothing, and every frame is accounted for.
# timeout: 180
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"

n=$(scaled 15)
mb=$(scaled 4)
info "parameters: $n reconfigurations per end, TCP transfer of $mb MB"
load_snull flip=0
setup_wire_ns
wait_for "in_netns ns0 ping -c 1 -W 1 10.0.0.2" 10

dd if=/dev/urandom of=data bs=1M count="$mb" 2>/dev/null
size=$((mb * 1048576))
(sleep 600 | in_netns ns1 nc -l -p 5201 >recv) &
srv=$!
wait_for "in_netns ns1 netstat -ltn | grep -q ':5201 '" 10
(in_netns ns0 nc 10.0.0.2 5201 <data; echo $? >client.rc) &
fl=$(flood 10.0.0.1 ns1)

# MSS stays 1460: every MTU here still takes the 1514-byte segments
mtus="1500 9000 2000 4000"
rings="16 4096 64 256 1024 32"
reconf() {	# NS DEV I
	_m=$(echo $mtus | cut -d' ' -f$(($3 % 4 + 1)))
	_r=$(echo $rings | cut -d' ' -f$(($3 % 6 + 1)))
	_t=$(echo $rings | cut -d' ' -f$((($3 + 3) % 6 + 1)))
	in_netns "$1" ip link set "$2" mtu "$_m" || exit 1
	in_netns "$1" ethtool -G "$2" rx "$_r" tx "$_t" || exit 1
	# refused: nothing may change
	in_netns "$1" ethtool -G "$2" rx 100 2>/dev/null && exit 2
	in_netns "$1" ip link set "$2" mtu 9001 2>/dev/null && exit 2
	[ "$(in_netns "$1" cat /sys/class/net/$2/mtu)" = "$_m" ] || exit 3
	in_netns "$1" ethtool -g "$2" | awk -v r="$_r" -v t="$_t" '
		/^Current/ { cur = 1 } cur && /^RX:/ { rx = $2 } cur && /^TX:/ { tx = $2 }
		END { exit !(rx == r && tx == t) }' || exit 3
	return 0
}
loop() {	# NS DEV
	_i=0
	while [ $_i -lt "$n" ]; do
		reconf "$1" "$2" $_i || exit $?
		sleep 0.05
		_i=$((_i + 1))
	done
}
loop ns0 sn0 &
l0=$!
loop ns1 sn1 &
l1=$!
wait $l0 || fail "reconfiguring sn0 failed (status $?)"
wait $l1 || fail "reconfiguring sn1 failed (status $?)"
info "reconfigurations done; TCP so far: $(wc -c <recv) of $size bytes"

# The same MTU on both ends again, and let the transfer finish.
in_netns ns0 ip link set sn0 mtu 1500
in_netns ns1 ip link set sn1 mtu 1500
i=0
while [ "$(wc -c <recv)" -lt $size ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
stop_bg "$fl"
kill $srv 2>/dev/null
wait
assert_eq "$(cat client.rc)" 0 "nc client status"
assert_eq "$(wc -c <recv)" "$size" "bytes received over TCP"
assert_eq "$(sha256sum <recv)" "$(sha256sum <data)" "sha256 of the data received over TCP"
in_netns ns0 ping -c 3 -i 0.1 -W 2 10.0.0.2 >/dev/null || fail "ping after reconfiguration"
assert_ledger sn0 sn1 ns0 ns1
assert_ledger sn1 sn0 ns1 ns0
views_agree sn0 ns0
views_agree sn1 ns1
