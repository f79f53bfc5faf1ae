#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Carrier follows the peer; the MAC survives down/up and can be changed
# only while the device is down.
# timeout: 60
. "$SNULL_TESTDIR/lib.sh"

load_snull
ip link set sn0 up
# sysfs carrier is synchronous; ip's NO-CARRIER waits for linkwatch.
assert_eq "$(cat /sys/class/net/sn0/carrier)" 0 "sn0 carrier while sn1 is down"
wait_for "ip link show sn0 | grep -q NO-CARRIER" 5
ip link set sn1 up
wait_for "! ip link show sn0 | grep -q NO-CARRIER" 5
assert_eq "$(cat /sys/class/net/sn0/carrier)" 1 "sn0 carrier with both up"
ethtool sn0 | grep -q "Link detected: yes" || fail "ethtool: no link with both up"
ip link set sn1 down
wait_for "ip link show sn0 | grep -q NO-CARRIER" 5
ethtool sn0 | grep -q "Link detected: no" || fail "ethtool: link with sn1 down"

mac=$(cat /sys/class/net/sn0/address)
ip link set sn0 down && ip link set sn0 up
assert_eq "$(cat /sys/class/net/sn0/address)" "$mac" "MAC after down/up"
ip link set sn0 address 02:11:22:33:44:55 2>/dev/null && fail "MAC change accepted while up"
ip link set sn0 down
ip link set sn0 address 02:11:22:33:44:55 || fail "MAC change while down"
ip link set sn0 address 01:00:5e:00:00:01 2>/dev/null && fail "multicast MAC accepted"
ip link set sn0 up
assert_eq "$(cat /sys/class/net/sn0/address)" 02:11:22:33:44:55 "new MAC after up"

# In wire mode the peer's ARP learns the new MAC and its unicast filter
# lets frames to that MAC in.
ethtool --set-priv-flags sn0 flip off || fail "flip off on sn0"
ethtool --set-priv-flags sn1 flip off || fail "flip off on sn1"
ip link set sn0 arp on && ip link set sn1 arp on || fail "arp on"
ip link set sn1 up
setup_wire_ns
wait_for "in_netns ns1 ping -c 1 -W 1 10.0.0.1" 10
in_netns ns1 ip neigh show dev sn1 | grep -q "lladdr 02:11:22:33:44:55" ||
	fail "ns1 did not learn the new MAC"
