#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The lab can load the kernel's own modules (modprobe, modules.dep) and pass
# traffic between two network namespaces over a veth pair.
# timeout: 90
# kernels: distro
. "$SNULL_TESTDIR/lib.sh"

modprobe veth || fail "modprobe veth"
ip netns add va && ip netns add vb || fail "ip netns add"
ip link add name veth-a netns va type veth peer name veth-b netns vb ||
	fail "ip link add veth"
in_netns va ip addr add 10.9.0.1/24 dev veth-a
in_netns vb ip addr add 10.9.0.2/24 dev veth-b
in_netns va ip link set veth-a up
in_netns vb ip link set veth-b up
n=$(scaled 5)
in_netns va ping -c "$n" -i 0.2 -W 2 10.9.0.2 || fail "ping va -> vb"
in_netns vb ping -c "$n" -i 0.2 -W 2 10.9.0.1 || fail "ping vb -> va"
assert_ge "$(iplink_stat veth-b rx packets vb)" "$n" "veth-b rx packets"
assert_ge "$(stat_of veth-a tx_packets va)" "$n" "veth-a tx_packets"
assert_ge "$(ethtool_stat veth-a peer_ifindex va)" 1 "veth-a peer_ifindex"
