#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ethtool -i (driver, version = the kernel's release as the core fills it
# in -- empty on a kernel whose core does not -- never the module's own,
# bus-info, what the driver
# supports) and plain `ethtool DEV`: the PHY's autonegotiated speed (the
# fastest mode the speed param allows), full duplex, twisted pair,
# "Link detected" following the carrier (down, up, peer down, with the
# PHY's reason while down), on the insmod pair and on an ip-link pair.
# timeout: 60
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"


link_is() {	# link_is DEV yes|no
	assert_eq "$(field "ethtool $1" "Link detected")" "$2" "$1: Link detected"
}

load_snull
version=$(modinfo -F version "$SNULL_KO")
[ -n "$version" ] || fail "modinfo has no version"
ip link add name ta type snull peer name tb || fail "ip link add"
for d in sn0 ta; do
	assert_eq "$(field "ethtool -i $d" driver)" snull "$d driver"
	v=$(field "ethtool -i $d" version)
	[ "$v" = "$(uname -r)" ] || [ -z "$v" ] ||
		fail "$d version: '$v', not the kernel's release ($(uname -r)) nor empty"
	[ "$v" != "$version" ] || fail "$d version: the module's own ($version)"
	assert_eq "$(field "ethtool -i $d" bus-info)" virtual "$d bus-info"
	for s in statistics test register-dump priv-flags; do
		assert_eq "$(field "ethtool -i $d" supports-$s)" yes "$d supports-$s"
	done
done

for pair in "sn0 sn1" "ta tb"; do
	set -- $pair
	link_is "$1" no
	assert_eq "$(field "ethtool $1" Speed)" "Unknown!" "$1 speed with no link"
	ip link set "$1" up
	# the peer is still down: no carrier, and the PHY says why
	link_is "$1" "no (Autoneg, No partner detected)"
	ip link set "$2" up
	wait_for "ethtool $1 | grep -q 'Link detected: yes'" 5
	link_is "$2" yes
	assert_eq "$(field "ethtool $1" Speed)" 10000Mb/s "$1 speed"
	assert_eq "$(field "ethtool $1" Duplex)" Full "$1 duplex"
	assert_eq "$(field "ethtool $1" Port)" "Twisted Pair" "$1 port"
	assert_eq "$(field "ethtool $1" Auto-negotiation)" on "$1 autoneg"
	ip link set "$2" down
	wait_for "ethtool $1 | grep -q 'Link detected: no'" 5
	ip link set "$2" up
	wait_for "ethtool $1 | grep -q 'Link detected: yes'" 5
done

# The speed param.
unload_snull
load_snull speed=2500
ip link set sn0 up && ip link set sn1 up
wait_for "ethtool sn0 | grep -q 'Link detected: yes'" 5
assert_eq "$(field "ethtool sn0" Speed)" 2500Mb/s "sn0 speed with speed=2500"
ip link add name ta type snull peer name tb || fail "ip link add"
ip link set ta up && ip link set tb up
wait_for "ethtool ta | grep -q 'Link detected: yes'" 5
assert_eq "$(field "ethtool ta" Speed)" 2500Mb/s "ta speed with speed=2500"
