#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# RSS (ethtool -x/-X, -n/-N rx-flow-hash, -K rxhash): the card hashes each
# received flow and the stack gets the card's hash.  With Microsoft's
# verification key written by ethtool -X and the addresses and ports of
# its verification suite on the two ends, the hash the stack sees for a
# frame (net:napi_gro_receive_entry's hash and l4_hash) is the suite's:
# addresses only for ICMP, UDP by default and TCP after "rx-flow-hash
# tcp4 sd"; addresses and ports for TCP by default and UDP after
# "rx-flow-hash udp4 sdfn"; the same for IPv6.  With rxhash off the
# stack gets no hash from the card.  Refused with an error, changing
# nothing: another hash function, a symmetric transform, a table naming
# a ring the card does not have, fields the card cannot hash.
# timeout: 120
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

command -v socat >/dev/null || fail "socat is not in the VM (scripts/deps installs it)"

MS_KEY=6d:5a:56:da:25:5b:0e:c2:41:67:25:3d:43:a3:8f:b0:d0:ca:2b:cb:ae:7b:30:b4:77:cb:2d:a3:80:30:f2:0c:6a:42:b7:3b:be:ac:01:fa
SRC4=66.9.149.187 DST4=161.142.100.80
SRC6=3ffe:2501:200:1fff::7 DST6=3ffe:2501:200:3::1
SPORT=2794 DPORT=1766
EV=$TRACEFS/events/net/napi_gro_receive_entry

load_snull flip=0
ip netns add ns0 && ip netns add ns1 || fail "ip netns add failed"
ip link set sn0 netns ns0 && ip link set sn1 netns ns1 || fail "cannot move sn0/sn1"
for n in 0 1; do
	in_netns ns$n ip link set lo up
	in_netns ns$n sysctl -qw net.ipv6.conf.sn$n.disable_ipv6=0 \
		net.ipv6.conf.sn$n.accept_dad=0 >/dev/null || fail "IPv6 on sn$n"
done
in_netns ns0 ip addr add $SRC4 peer $DST4 dev sn0 &&
	in_netns ns1 ip addr add $DST4 peer $SRC4 dev sn1 &&
	in_netns ns0 ip addr add $SRC6/48 dev sn0 nodad &&
	in_netns ns1 ip addr add $DST6/48 dev sn1 nodad || fail "cannot address sn0/sn1"
in_netns ns0 ip link set sn0 up && in_netns ns1 ip link set sn1 up || fail "cannot bring up"
wait_for "in_netns ns0 ip link show sn0 | grep -q LOWER_UP" 5

# What ethtool shows: one ring, a 40-byte key, Toeplitz, rxhash on.
in_netns ns1 ethtool -k sn1 | grep -q "^receive-hashing: on$" || fail "rxhash should be on by default"
in_netns ns1 ethtool -x sn1 >rss.txt || fail "ethtool -x sn1"
grep -q "with 1 RX ring" rss.txt || fail "ethtool -x: not 1 RX ring: $(cat rss.txt)"
grep -Eq "^ *toeplitz: on" rss.txt || fail "ethtool -x: Toeplitz not on: $(cat rss.txt)"
in_netns ns1 ethtool -X sn1 hkey $MS_KEY || fail "ethtool -X sn1 hkey"
in_netns ns1 ethtool -x sn1 | tr -d ' \n' | grep -q "$(echo $MS_KEY | tr -d ':')" ||
	in_netns ns1 ethtool -x sn1 | tr -d ' \n' | grep -q "$MS_KEY" ||
	fail "ethtool -x does not show the key written: $(in_netns ns1 ethtool -x sn1)"

fields() {	# fields TYPE: the rx-flow-hash fields, one word per line
	in_netns ns1 ethtool -n sn1 rx-flow-hash "$1" | sed -n 's/^\(IP SA\|IP DA\|L4 bytes 0 & 1\|L4 bytes 2 & 3\).*/\1/p' |
		tr '\n' ',' | sed 's/,$//'
}
assert_eq "$(fields tcp4)" "IP SA,IP DA,L4 bytes 0 & 1,L4 bytes 2 & 3" "tcp4 fields by default"
assert_eq "$(fields udp4)" "IP SA,IP DA" "udp4 fields by default"
assert_eq "$(fields tcp6)" "IP SA,IP DA,L4 bytes 0 & 1,L4 bytes 2 & 3" "tcp6 fields by default"

# hashes FLOWCMD...: the hash and l4_hash of every frame sn1 passed to GRO
# while the command ran, one "hash l4" line each.
hashes() {
	echo 0 >"$EV/enable"
	echo >"$TRACEFS/trace"
	echo 'name == "sn1"' >"$EV/filter" || fail "tracepoint filter"
	echo 1 >"$EV/enable" || fail "cannot enable napi_gro_receive_entry"
	"$@" >/dev/null 2>&1
	sleep 0.3
	echo 0 >"$EV/enable"
	sed -n 's/.* hash=\(0x[0-9a-f]*\) l4_hash=\([01]\).*/\1 \2/p' "$TRACEFS/trace"
}
ping4() { in_netns ns0 ping -c 2 -i 0.2 -W 2 $DST4; }
ping6() { in_netns ns0 ping -6 -c 2 -i 0.2 -W 2 $DST6 || info "ping -6: $(in_netns ns0 ip -6 addr)"; }
udp4() { echo x | in_netns ns0 socat -u - UDP4-SENDTO:$DST4:$DPORT,sourceport=$SPORT; }
tcp4() { in_netns ns0 socat -u /dev/null TCP4:$DST4:$DPORT,sourceport=$SPORT,connect-timeout=2; }
udp6() { echo x | in_netns ns0 socat -u - "UDP6-SENDTO:[$DST6]:$DPORT,sourceport=$SPORT"; }
tcp6() { in_netns ns0 socat -u /dev/null "TCP6:[$DST6]:$DPORT,sourceport=$SPORT,connect-timeout=2"; }

# expect WHAT HASH L4 FLOW: a frame of FLOW reached the stack with the hash
expect() {
	hashes "$4" >h.txt
	grep -q "^$2 $3\$" h.txt || fail "$1: no frame with hash $2 l4_hash=$3; seen: $(sort -u h.txt | tr '\n' ' ')"
	info "$1: hash $2 l4_hash=$3"
}
# Microsoft's suite: 66.9.149.187:2794 -> 161.142.100.80:1766, and
# 3ffe:2501:200:1fff::7:2794 -> 3ffe:2501:200:3::1:1766.
expect "ICMP, addresses" 0x323e8fc2 0 ping4
expect "TCP, ports" 0x51ccc178 1 tcp4
expect "UDP, addresses (default)" 0x323e8fc2 0 udp4
expect "ICMPv6, addresses" 0x2cc18cd5 0 ping6
expect "TCP/IPv6, ports" 0x40207d3d 1 tcp6

in_netns ns1 ethtool -N sn1 rx-flow-hash udp4 sdfn || fail "rx-flow-hash udp4 sdfn"
assert_eq "$(fields udp4)" "IP SA,IP DA,L4 bytes 0 & 1,L4 bytes 2 & 3" "udp4 fields after sdfn"
expect "UDP, ports (sdfn)" 0x51ccc178 1 udp4
in_netns ns1 ethtool -N sn1 rx-flow-hash tcp4 sd || fail "rx-flow-hash tcp4 sd"
expect "TCP, addresses (sd)" 0x323e8fc2 0 tcp4
in_netns ns1 ethtool -N sn1 rx-flow-hash udp6 sdfn || fail "rx-flow-hash udp6 sdfn"
expect "UDP/IPv6, ports (sdfn)" 0x40207d3d 1 udp6

# rxhash off: the card reports no hash; the stack's own comes later.
in_netns ns1 ethtool -K sn1 rxhash off || fail "ethtool -K rxhash off"
hashes ping4 >h.txt
[ -s h.txt ] || fail "no frame traced with rxhash off"
assert_eq "$(sort -u h.txt)" "0x00000000 0" "hash at GRO with rxhash off"
in_netns ns1 ethtool -K sn1 rxhash on || fail "ethtool -K rxhash on"
expect "ICMP, rxhash on again" 0x323e8fc2 0 ping4

# Refusals change nothing.
in_netns ns1 ethtool -x sn1 >before.txt
in_netns ns1 ethtool -X sn1 hfunc xor 2>err.txt && fail "ethtool -X hfunc xor accepted"
in_netns ns1 ethtool -X sn1 equal 2 2>>err.txt && fail "a table naming ring 1 of 1 accepted"
if in_netns ns1 ethtool -X sn1 xfrm symmetric-xor 2>>err.txt; then
	fail "a symmetric input transform accepted"
fi
in_netns ns1 ethtool -x sn1 >after.txt
cmp -s before.txt after.txt || fail "a refused ethtool -X changed the configuration"
# ethtool 6.1 exits 0 when the driver refuses -N: its message says so,
# and the fields stay as they were.
t4=$(fields tcp4)
in_netns ns1 ethtool -N sn1 rx-flow-hash tcp4 sdv >out.txt 2>&1
grep -q "Invalid argument" out.txt || fail "rx-flow-hash tcp4 sdv (VLAN) not refused: $(cat out.txt)"
assert_eq "$(fields tcp4)" "$t4" "tcp4 fields after a refused sdv"
in_netns ns1 ethtool -N sn1 rx-flow-hash ether sd >out.txt 2>&1
grep -q "not supported" out.txt || fail "rx-flow-hash ether not refused: $(cat out.txt)"
expect "ICMP, after the refusals" 0x323e8fc2 0 ping4
