#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `ip link add ... type snull` in one namespace: a named peer, an
# auto-named peer, no names at all, a peer MAC; `ip -d link show` says kind
# snull and shows the pairing; more queues than the card's 8 are refused,
# fewer lower ethtool -L's maximum; new pairs start in wire mode (ARP on, flip
# off) while the insmod pair keeps the book's mode and still works beside
# them; deleting either end deletes both (and their debugfs directories);
# rmmod removes ip-link pairs too, in every namespace.
# timeout: 90
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

snull_devs() {	# names of the snull devices in the current netns
	ip -d -o link show | awk '/ snull / { sub(/@.*/, "", $2); sub(/:$/, "", $2); print $2 }' | sort
}

ifindex() { cat "/sys/class/net/$1/ifindex"; }
iflink() { cat "/sys/class/net/$1/iflink"; }

# is_pair A B: A and B point at each other (ndo_get_iflink) and are snull.
is_pair() {
	assert_eq "$(iflink "$1")" "$(ifindex "$2")" "iflink of $1"
	assert_eq "$(iflink "$2")" "$(ifindex "$1")" "iflink of $2"
	for _d in "$1" "$2"; do
		ip -d link show "$_d" | grep -qw snull || fail "ip -d link show $_d: no kind snull"
		ethtool -i "$_d" | grep -q "^driver: snull" || fail "$_d: ethtool -i driver"
	done
	ip link show "$1" | grep -q "$1@$2:" || fail "ip link show $1 does not say $1@$2"
}

# wire_mode DEV: ARP on, flip off.
wire_mode() {
	ip link show "$1" | grep -q NOARP && fail "$1: a new pair must use ARP"
	ethtool --show-priv-flags "$1" | grep -q "^flip *: off" || fail "$1: flip should be off"
}

load_snull
dev_no_ipv6 sn0 sn1
# insmod pairs: the book's mode.
for d in sn0 sn1; do
	ip link show $d | grep -q NOARP || fail "$d: the insmod pair must be NOARP"
	ethtool --show-priv-flags $d | grep -q "^flip *: on" || fail "$d: flip should be on"
done
is_pair sn0 sn1

# A named peer.
ip link add name ta type snull peer name tb || fail "ip link add ta peer tb"
is_pair ta tb
wire_mode ta
wire_mode tb
ip -d link show ta | grep -q "link/ether" || fail "ta is not Ethernet"
[ "$(mac_of ta)" != "$(mac_of tb)" ] || fail "ta and tb share a MAC"
for d in ta tb; do
	# random, unicast, locally administered: second hex digit 2/6/a/e
	mac_of $d | grep -Eq '^.[26ae]:' || fail "$d: MAC $(mac_of $d) is not a local unicast one"
	[ -d "$DBGFS/$d" ] || fail "no debugfs directory for $d"
done

# No peer name: the peer is named like veth's, from a pattern (sn%d).
before=$(snull_devs)
ip link add name tc type snull || fail "ip link add tc (no peer)"
auto=$(snull_devs | grep -vxF "$before" | grep -vx tc)
[ "$(echo "$auto" | wc -w)" = 1 ] || fail "expected one auto-named peer, got '$auto'"
echo "$auto" | grep -Eq '^sn[0-9]+$' || fail "auto-named peer '$auto'"
info "auto-named peer of tc: $auto"
is_pair tc "$auto"

# No names at all: both come from the pattern.
before=$(snull_devs)
ip link add type snull || fail "ip link add type snull"
new=$(snull_devs | grep -vxF "$before")
[ "$(echo "$new" | wc -w)" = 2 ] || fail "expected two new devices, got '$new'"
is_pair $new

# A MAC for the peer on the command line.
ip link add name td type snull peer name te address 02:11:22:33:44:55 ||
	fail "ip link add with a peer address"
assert_eq "$(mac_of te)" 02:11:22:33:44:55 "te's MAC"
ip link add name tf type snull peer name tg address 01:00:5e:00:00:01 2>/dev/null &&
	fail "a multicast peer MAC was accepted"
ip link show tf >/dev/null 2>&1 && fail "tf exists after a refused add"

# More queues than the card's 8 queue pairs, for either end: refused with
# the reason; fewer is a smaller maximum for ethtool -L.
ip link add name tf numtxqueues 9 type snull peer name tg 2>err.txt &&
	fail "numtxqueues 9 accepted"
grep -q "at most 8 TX and RX queues" err.txt || fail "numtxqueues 9: no reason given ($(cat err.txt))"
ip link add name tf type snull peer name tg numrxqueues 16 2>err.txt &&
	fail "the peer's numrxqueues 16 accepted"
grep -q "at most 8 TX and RX queues" err.txt || fail "peer numrxqueues 16: no reason given ($(cat err.txt))"
ip link show tf >/dev/null 2>&1 && fail "tf exists after a refused add"
ip link add name tf numtxqueues 2 numrxqueues 2 type snull peer name tg ||
	fail "numtxqueues 2 numrxqueues 2"
ethtool -l tf | awk '$1 == "Combined:" { print $2; exit }' >max.txt
assert_eq "$(cat max.txt)" 2 "tf's maximum combined channels with 2 queues"
ethtool -L tf combined 3 2>/dev/null && fail "ethtool -L 3 accepted on 2 queues"
ip link del tf || fail "ip link del tf"

# A name that exists is refused, and nothing half-made stays behind.
ip link add name ta type snull peer name th 2>/dev/null && fail "duplicate name ta accepted"
ip link add name ti type snull peer name ta 2>/dev/null && fail "duplicate peer name ta accepted"
ip link show th >/dev/null 2>&1 && fail "th left over"
ip link show ti >/dev/null 2>&1 && fail "ti left over"

# The insmod pair works next to all of these (book walkthrough).
book_setup
wait_for "ip link show sn0 | grep -q LOWER_UP" 5
ping_ok "" -c 3 -i 0.2 -W 2 remote0

# Deleting one end deletes both, either end.
ip link del ta || fail "ip link del ta"
ip link show tb >/dev/null 2>&1 && fail "tb survived ip link del ta"
ip link del "$auto" || fail "ip link del $auto"
ip link show tc >/dev/null 2>&1 && fail "tc survived ip link del $auto"
for d in ta tb tc "$auto"; do
	[ -e "$DBGFS/$d" ] && fail "debugfs directory of $d left behind"
done
ip link show sn0 >/dev/null || fail "sn0 went away"

# rmmod takes the ip-link pairs with it, also one split across netns.
ip netns add nsx || fail "ip netns add"
ip link add name tx type snull peer name ty netns nsx || fail "ip link add tx peer ty netns nsx"
in_netns nsx ip link show ty >/dev/null || fail "ty not in nsx"
unload_snull
for d in sn0 sn1 td te tx; do
	ip link show $d >/dev/null 2>&1 && fail "$d survived rmmod"
done
in_netns nsx ip link show ty >/dev/null 2>&1 && fail "ty survived rmmod"
[ -e "$DBGFS" ] && fail "$DBGFS survived rmmod"

# And a fresh load works.
load_snull
ip link add name ta type snull peer name tb || fail "ip link add after reload"
is_pair ta tb
