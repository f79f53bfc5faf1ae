#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Multicast filter overflow: with up to 32 groups the driver programs the
# hash (rx_ctl 0, an unjoined group in a free bin is filtered); with 33 it
# switches the hardware to all-multicast (rx_ctl bit 1, the same group now
# passes and rx_mc_filtered stays put); back at 32 the hash returns.
# `ip link set ... allmulticast on` sets all-multicast too.
# timeout: 90
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

groups() { in_netns nsb ip maddr show dev b1 | grep -c '^	link'; }
rxctl() { dbg_val b1 rx_ctl; }
mcf() { ethtool_stat b1 rx_mc_filtered nsb; }

# probe: n pings from a1 to 239.1.1.2 (01:00:5e:01:01:02, CRC bin 19,
# never joined here); prints how many b1's hardware filtered.
probe() {
	_f=$(mcf)
	in_netns nsa ping -q -c "$n" -i 0.05 -W 0.3 239.1.1.2 >/dev/null 2>&1
	sleep 0.2
	echo $(($(mcf) - _f))
}

load_snull
wire_pair a1 b1
in_netns nsa ip route add 224.0.0.0/4 dev a1
n=$(scaled 5)

# Fill up to 32 groups with ones outside bin 19 (01:00:5e:02:00:xx; of
# xx = 01..4f only 49 falls in bin 19).
need=$((32 - $(groups)))
i=1
while [ $need -gt 0 ]; do
	mac=$(printf '01:00:5e:02:00:%02x' $i)
	i=$((i + 1))
	[ $mac = 01:00:5e:02:00:49 ] && continue
	ip -n nsb maddr add $mac dev b1 || fail "ip maddr add $mac"
	need=$((need - 1))
done
assert_eq "$(groups)" 32 "groups"
info "b1 has $(groups) groups, hash $(dbg_val b1 mc_hash)"
assert_eq "$(rxctl)" 0x0 "rx_ctl with 32 groups"
[ $(( 0x$(dbg_val b1 mc_hash) >> 19 & 1 )) = 0 ] ||
	fail "bin 19 is set in the hash: pick other groups"
assert_eq "$(probe)" "$n" "frames to an unjoined group filtered with 32 groups"

# The 33rd group: all-multicast.
in_netns nsb ip maddr add 01:00:5e:03:00:01 dev b1 || fail "ip maddr add (33rd)"
assert_eq "$(groups)" 33 "groups"
assert_eq "$(rxctl)" 0x2 "rx_ctl with 33 groups (allmulti)"
assert_eq "$(probe)" 0 "frames to an unjoined group filtered with allmulti"
assert_eq "$(ethtool_stat b1 rx_promisc_accepted nsb)" 0 "rx_promisc_accepted"

# Back to 32: the hash again.
in_netns nsb ip maddr del 01:00:5e:03:00:01 dev b1 || fail "ip maddr del"
assert_eq "$(rxctl)" 0x0 "rx_ctl back at 32 groups"
assert_eq "$(probe)" "$n" "frames to an unjoined group filtered back at 32 groups"

# IFF_ALLMULTI from the user.
in_netns nsb ip link set b1 allmulticast on
assert_eq "$(rxctl)" 0x2 "rx_ctl with allmulticast on"
assert_eq "$(probe)" 0 "frames filtered with allmulticast on"
in_netns nsb ip link set b1 allmulticast off
assert_eq "$(rxctl)" 0x0 "rx_ctl with allmulticast off"
assert_eq "$(probe)" "$n" "frames filtered with allmulticast off"
