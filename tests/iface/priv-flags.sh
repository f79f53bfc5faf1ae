#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ethtool private flags: --show-priv-flags lists flip and zerocopy; flip
# switches a device between the book's mode and wire mode both ways, per
# device, and never touches ARP, which stays the user's (ip link set arp):
# an insmod pair starts NOARP, an ip-link pair with ARP, and toggling flip
# changes neither (an ip-link pair with flip on and ARP off does the book's
# walkthrough, the insmod pair with flip off and ARP on works across
# namespaces); an unknown flag is refused and changes nothing; toggling
# flip while tcpdump holds the device promiscuous leaves no PROMISC
# behind; zerocopy delivery passes traffic intact.
# timeout: 90
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

flag() {	# flag DEV NAME [NS]: on|off
	_in "${3:-}" ethtool --show-priv-flags "$1" |
		awk -v k="$2" '{ sub(/:$/, "", $1) } $1 == k { print $NF; f = 1 } END { exit !f }' ||
		fail "no private flag $2 on $1"
}

noarp() {	# noarp DEV [NS]: yes|no
	if _in "${2:-}" ip link show "$1" | grep -q NOARP; then echo yes; else echo no; fi
}

load_snull
dev_no_ipv6 sn0 sn1
assert_eq "$(ethtool --show-priv-flags sn0 | sed 1d | awk '{ sub(/:$/, "", $1); printf "%s ", $1 }')" \
	"flip zerocopy " "private flags"
assert_eq "$(flag sn0 flip)" on "sn0 flip (insmod pair)"
assert_eq "$(flag sn0 zerocopy)" off "sn0 zerocopy"

# Unknown flag: refused, nothing changes.
ethtool --set-priv-flags sn0 nosuchflag on 2>/dev/null && fail "unknown private flag accepted"
ethtool --set-priv-flags sn0 flip on nosuchflag off 2>/dev/null && fail "unknown flag in a list accepted"
assert_eq "$(flag sn0 flip)" on "sn0 flip after refusals"
assert_eq "$(noarp sn0)" yes "sn0 NOARP after refusals"

# An ip-link pair (wire mode) switched to the book's mode does the book's
# walkthrough: flip on both ends.
ip link add name ta type snull peer name tb || fail "ip link add"
dev_no_ipv6 ta tb
assert_eq "$(flag ta flip)" off "ta flip (ip-link pair)"
assert_eq "$(noarp ta)" no "ta NOARP"
for d in ta tb; do
	ethtool --set-priv-flags $d flip on || fail "$d: flip on"
	assert_eq "$(flag $d flip)" on "$d flip"
	assert_eq "$(noarp $d)" no "$d NOARP after flip on (ARP is the user's)"
	ip link set $d arp off || fail "$d: arp off"
done
ifconfig ta local0 && ifconfig tb local1 || fail "ifconfig ta/tb"
wait_for "ip link show ta | grep -q LOWER_UP" 5
ping_ok "" -c 3 -i 0.2 -W 2 remote0
ping_ok "" -c 3 -i 0.2 -W 2 remote1
ip link del ta

# The insmod pair switched to wire mode works across namespaces with ARP.
for d in sn0 sn1; do
	ethtool --set-priv-flags $d flip off || fail "$d: flip off"
	assert_eq "$(noarp $d)" yes "$d NOARP after flip off (ARP is the user's)"
	ip link set $d arp on || fail "$d: arp on"
done
setup_wire_ns
wait_for "in_netns ns0 ip link show sn0 | grep -q LOWER_UP" 5
ping_ok ns0 -c 3 -i 0.2 -W 2 10.0.0.2
in_netns ns0 ip neigh show dev sn0 | grep -q "10.0.0.2 lladdr $(mac_of sn1 ns1)" ||
	fail "ARP did not resolve sn1's MAC"

# Per device: flip on for sn0 only; sn1 stays in wire mode.
in_netns ns0 ethtool --set-priv-flags sn0 flip on || fail "sn0: flip on again"
assert_eq "$(flag sn0 flip ns0)" on "sn0 flip"
assert_eq "$(noarp sn0 ns0)" no "sn0 NOARP (untouched by flip)"
assert_eq "$(flag sn1 flip ns1)" off "sn1 flip (untouched)"
assert_eq "$(noarp sn1 ns1)" no "sn1 NOARP (untouched)"
in_netns ns0 ethtool --set-priv-flags sn0 flip off || fail "sn0: flip off again"
ping_ok ns0 -c 2 -i 0.2 -W 2 10.0.0.2

# Flip toggled while tcpdump holds sn0 promiscuous: when tcpdump exits,
# promiscuous mode ends (dev_change_flags must not take it over).
# (tcpdump's promiscuity shows in dev->flags, /sys/.../flags, not in the
# user-visible flags of ip link, which only show a user's request.)
tcpdump_start dump ns0 -i sn0
[ $(($(in_netns ns0 cat /sys/class/net/sn0/flags) & 0x100)) != 0 ] ||
	fail "tcpdump did not make sn0 promiscuous"
in_netns ns0 ethtool --set-priv-flags sn0 flip on || fail "flip on under tcpdump"
in_netns ns0 ethtool --set-priv-flags sn0 flip off || fail "flip off under tcpdump"
tcpdump_stop dump
in_netns ns0 ip link show sn0 | grep -q PROMISC && fail "sn0 stayed PROMISC after tcpdump exited"
assert_eq "$(in_netns ns0 cat /sys/class/net/sn0/flags)" 0x1003 "sn0 flags (UP|BROADCAST|MULTICAST)"

# Zero-copy: the sender's skb is handed over; a TCP transfer arrives intact.
for d in sn0 sn1; do
	ns=ns${d#sn}
	in_netns $ns ethtool --set-priv-flags $d zerocopy on || fail "$d: zerocopy on"
	assert_eq "$(flag $d zerocopy $ns)" on "$d zerocopy"
done
kb=$(scaled 1024)
dd if=/dev/urandom of=data bs=1k count="$kb" 2>/dev/null
(sleep 60 | in_netns ns1 nc -l -p 5001 >recv) &
wait_for "in_netns ns1 netstat -ltn | grep -q ':5001 '" 10
in_netns ns0 nc 10.0.0.2 5001 <data || fail "nc client failed (zerocopy)"
wait_for "[ \$(wc -c <recv) -ge $((kb * 1024)) ]" 30
assert_eq "$(sha256sum <recv)" "$(sha256sum <data)" "sha256 of the data received with zerocopy"
ping_ok ns0 -c 2 -i 0.2 -W 2 10.0.0.2
# TCP and ping never share an skb they send: nothing went up as a clone.
for d in sn0 sn1; do
	ns=ns${d#sn}
	assert_eq "$(ethtool_stat $d rx_zerocopy_cloned $ns)" 0 "$d rx_zerocopy_cloned"
done
in_netns ns0 ethtool --set-priv-flags sn0 zerocopy off || fail "zerocopy off"
assert_eq "$(flag sn0 zerocopy ns0)" off "sn0 zerocopy off"
