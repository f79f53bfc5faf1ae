#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Pairs across network namespaces: a peer created straight into another
# netns (`peer name B netns NS`), an end moved later (`ip link set X netns
# NS`, also back and renamed), both working as a plain cable (ARP, ping);
# deleting a namespace removes the whole pair: one end or both ends in it,
# idle, or with a flood ping running across it; nothing is left behind (no
# hang in unregister, no leak).
# timeout: 120
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

gone() {	# gone DEV: DEV no longer exists in the current netns
	! ip link show "$1" >/dev/null 2>&1
}

load_snull
ip netns add ns2 && ip netns add ns3 || fail "ip netns add"
ns_no_ipv6 ns2 ns3

# 1. The peer goes into ns2 at creation; the first end stays here.
ip link add name wa type snull peer name wb netns ns2 ||
	fail "ip link add wa type snull peer name wb netns ns2"
ip link show wb >/dev/null 2>&1 && fail "wb is in the init namespace"
in_netns ns2 ip -d link show wb | grep -qw snull || fail "wb is not a snull device in ns2"
ip -d link show wa | grep -q "link-netns ns2" || fail "ip -d link show wa: no link-netns ns2"
dev_no_ipv6 wa
ip addr add 10.1.0.1/24 dev wa && ip link set wa up || fail "wa up"
in_netns ns2 ip link set lo up
in_netns ns2 ip addr add 10.1.0.2/24 dev wb && in_netns ns2 ip link set wb up || fail "wb up"
wait_for "ip link show wa | grep -q LOWER_UP" 5
ping_ok "" -c 3 -i 0.2 -W 2 10.1.0.2
ip neigh show dev wa | grep -q "10.1.0.2 lladdr $(mac_of wb ns2)" ||
	fail "ARP did not resolve wb's MAC"

# 2. Made here, one end moved to ns3 later.
ip link add name wc type snull peer name wd || fail "ip link add wc peer wd"
ip link set wd netns ns3 || fail "ip link set wd netns ns3"
ip link show wd >/dev/null 2>&1 && fail "wd still here after the move"
[ -d "$DBGFS/wd" ] || fail "debugfs directory of wd lost in the move"
dev_no_ipv6 wc
ip addr add 10.2.0.1/24 dev wc && ip link set wc up || fail "wc up"
in_netns ns3 ip link set lo up
in_netns ns3 ip addr add 10.2.0.2/24 dev wd && in_netns ns3 ip link set wd up || fail "wd up"
wait_for "ip link show wc | grep -q LOWER_UP" 5
ping_ok "" -c 3 -i 0.2 -W 2 10.2.0.2
# ... and back, renamed on the way.
in_netns ns3 ip link set wd netns 1 name we || fail "ip link set wd netns 1 name we"
ip link show we | grep -q "we@wc" || fail "we is not wc's peer after coming back"
[ -d "$DBGFS/we" ] || fail "debugfs did not follow the rename to we"
[ -e "$DBGFS/wd" ] && fail "debugfs kept the old name wd"
ip link set we netns ns3 || fail "ip link set we netns ns3"
in_netns ns3 ip addr add 10.2.0.2/24 dev we && in_netns ns3 ip link set we up || fail "we up"
wait_for "ip link show wc | grep -q LOWER_UP" 5
ping_ok "" -c 2 -i 0.2 -W 2 10.2.0.2

# 3. Deleting ns3 (idle pair, one end in it) removes both ends.
ip netns del ns3
wait_for "gone wc" 10
[ -e "$DBGFS/wc" ] || [ -e "$DBGFS/we" ] && fail "debugfs directories left after netns delete"

# 4. Deleting ns2 while a flood ping crosses the pair in both directions
# (requests from here, replies from ns2).
n=$(scaled 100000)
ping -f -q -c "$n" -W 1 10.1.0.2 >flood.out 2>&1 &
pinger=$!
# replies under way before the delete (how soon depends on the host)
wait_for "[ \$(stat_of wa rx_packets) -ge 10 ]" 15
ip netns del ns2
wait_for "gone wa" 15
kill $pinger 2>/dev/null
wait $pinger 2>/dev/null

# 5. Both ends in one namespace, up and addressed: deleting it removes both.
ip netns add ns4 || fail "ip netns add ns4"
ns_no_ipv6 ns4
in_netns ns4 ip link add name wf type snull peer name wg || fail "ip link add in ns4"
in_netns ns4 ip addr add 10.4.0.1/24 dev wf
in_netns ns4 ip link set wf up && in_netns ns4 ip link set wg up || fail "wf/wg up"
ip netns del ns4
wait_for "[ ! -e $DBGFS/wf ] && [ ! -e $DBGFS/wg ]" 15

# Only the insmod pair is left, and it still works.
assert_eq "$(ls $DBGFS | tr '\n' ' ')" "sn0 sn1 " "debugfs directories left"
dev_no_ipv6 sn0 sn1
book_setup
wait_for "ip link show sn0 | grep -q LOWER_UP" 5
ping_ok "" -c 2 -i 0.2 -W 2 remote0
