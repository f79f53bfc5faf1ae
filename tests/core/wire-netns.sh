#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Wire mode (flip=0): the pair split across two network namespaces behaves
# like a plain cable: ARP, IPv4 ping, an IPv6 link-local ping, and a TCP
# transfer whose bytes arrive intact, with correct checksums on the wire.
# timeout: 180
. "$SNULL_TESTDIR/lib.sh"

load_snull flip=0
ip link show sn0 | grep -q NOARP && fail "wire mode must use ARP"
ethtool --show-priv-flags sn0 | grep -q "flip *: off" || fail "flip flag should be off"
setup_wire_ns
wait_for "in_netns ns0 ip link show sn0 | grep -q LOWER_UP" 5

n=$(scaled 10)
in_netns ns0 ping -c "$n" -i 0.2 -W 2 10.0.0.2 || fail "ping ns0 -> ns1"
in_netns ns1 ping -c "$n" -i 0.2 -W 2 10.0.0.1 || fail "ping ns1 -> ns0"
in_netns ns0 ip neigh show dev sn0 | grep -q "10.0.0.2 lladdr 02:53:4e:55:4c:31" ||
	fail "ARP did not resolve the peer's MAC"

# IPv6 link-local, once duplicate address detection is over.
wait_for "! in_netns ns1 ip -6 addr show dev sn1 | grep -q tentative" 10
ll=$(in_netns ns1 ip -6 addr show dev sn1 scope link | awk '/inet6/ { sub(/\/.*/, "", $2); print $2 }')
[ -n "$ll" ] || fail "sn1 has no IPv6 link-local address"
in_netns ns0 ping -6 -c 3 -i 0.2 -W 2 "$ll%sn0" || fail "IPv6 link-local ping $ll"

# TCP: a random file sent over the pair and compared byte for byte, once
# with GRO off on the receiver (so tcpdump sees every wire frame and can
# check its checksum: a GRO-merged packet carries only a pseudo-header
# sum) and once with GRO on.
mb=$(scaled 5)
size=$((mb * 1048576))
dd if=/dev/urandom of=data bs=1M count="$mb" 2>/dev/null
want=$(sha256sum <data)
port=5001
for gro in off on; do
	in_netns ns1 ethtool -K sn1 gro $gro || fail "ethtool -K sn1 gro $gro"
	rm -f recv tcp.cap
	in_netns ns1 tcpdump -Z root -l -n -vv -i sn1 -c 200 tcp >tcp.cap 2>&1 &
	dump=$!
	wait_for "grep -q listening tcp.cap" 10
	# busybox nc quits at EOF on either side: keep the server's stdin open.
	(sleep 120 | in_netns ns1 nc -l -p $port >recv) &
	srv=$!
	wait_for "in_netns ns1 netstat -ltn | grep -q ':$port '" 10
	in_netns ns0 nc 10.0.0.2 $port <data || fail "nc client failed (gro $gro)"
	wait_for "[ \$(wc -c <recv) -ge $size ]" 30
	kill $srv $dump 2>/dev/null
	assert_eq "$(sha256sum <recv)" "$want" "sha256 of the ${mb} MB received over TCP (gro $gro)"
	assert_ge "$(grep -c 'Flags \[' tcp.cap)" 50 "TCP segments seen by tcpdump on sn1 (gro $gro)"
	if [ $gro = off ] && grep -Ei 'bad cksum|incorrect' tcp.cap; then
		fail "tcpdump on sn1 reports a bad TCP/IP checksum"
	fi
	port=$((port + 1))
done
