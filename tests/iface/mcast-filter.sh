#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The multicast hash filter (64 bins, top 6 bits of the Ethernet CRC) on a
# wire-mode pair in two netns.  `ip maddr add/del` changes what the
# hardware passes: multicast to an unjoined group is filtered and counted
# in rx_mc_filtered (tcpdump -p does not see it); after ip maddr add it
# passes (multicast in sysfs, tcpdump -p sees it), and so does a group that
# shares its hash bin, while one in another bin stays filtered; after ip
# maddr del it is filtered again.  An IPv4 multicast ping to a group the
# receiver joined (ip addr ... autojoin) is answered, to an unjoined one
# it is filtered.  The hash register shows the joined bins.
# timeout: 90
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

# Bins (ether_crc(mac) >> 26): 01:00:5e:01:01:01 (239.1.1.1) and
# 01:00:5e:01:01:18 (239.1.1.24) share bin 4; 01:00:5e:01:01:02 (239.1.1.2)
# is in bin 19; 01:00:5e:00:00:01 (224.0.0.1, always joined) in bin 31;
# 33:33:00:00:00:01 (ff02::1, joined even with IPv6 disabled) in bin 62.

mcf() { ethtool_stat b1 rx_mc_filtered nsb; }
mcr() { stat_of b1 multicast nsb; }

# send GROUP: n pings from a1 to GROUP, no reply expected or not.
send() {
	in_netns nsa ping -q -c "$n" -i 0.05 -W 0.3 "$1" >send.out 2>&1
	sleep 0.2
}

# check GROUP FILTERED RECEIVED [dump]: n frames to GROUP, of which b1's
# hardware filters FILTERED and passes RECEIVED; with "dump", tcpdump -p
# (no promiscuous mode: what the filter passes) sees RECEIVED of them.
check() {
	_f=$(mcf) _r=$(mcr)
	[ -z "${4:-}" ] || tcpdump_start d nsb -p -i b1 icmp
	send "$1"
	[ -z "${4:-}" ] || tcpdump_stop d
	assert_eq $(($(mcf) - _f)) "$2" "frames to $1 filtered"
	assert_eq $(($(mcr) - _r)) "$3" "multicast frames to $1 received"
	[ -z "${4:-}" ] || assert_eq "$(grep -c "> $1: ICMP" d.cap)" "$3" "frames to $1 seen by tcpdump -p"
}
filtered() { check "$1" "$n" 0 "${2:-}"; }
passed() { check "$1" 0 "$n" "${2:-}"; }

hash() { dbg_val b1 mc_hash; }

load_snull
wire_pair a1 b1
in_netns nsa ip route add 224.0.0.0/4 dev a1
in_netns nsb sh -c 'echo 0 >/proc/sys/net/ipv4/icmp_echo_ignore_broadcasts'
n=$(scaled 5)

assert_eq "$(hash)" 4000000080000000 "b1 hash with only 224.0.0.1 and ff02::1"
filtered 239.1.1.1 dump

# Link-layer join: the hardware passes it (the IP layer, not joined, does
# not answer), and the bin's other groups pass too (a hash, not a list).
in_netns nsb ip maddr add 01:00:5e:01:01:01 dev b1 || fail "ip maddr add"
in_netns nsb ip maddr show dev b1 | grep -q "link  01:00:5e:01:01:01" || fail "ip maddr show"
assert_eq "$(hash)" 4000000080000010 "b1 hash with bin 4"
passed 239.1.1.1 dump
grep -q " 0 received" send.out || fail "239.1.1.1 answered without an IP join"
passed 239.1.1.24
filtered 239.1.1.2
in_netns nsb ip maddr del 01:00:5e:01:01:01 dev b1 || fail "ip maddr del"
assert_eq "$(hash)" 4000000080000000 "b1 hash after ip maddr del"
filtered 239.1.1.1
filtered 239.1.1.24

# IP join: multicast ping answered; the other group still filtered.
in_netns nsb ip addr add 239.1.1.1/32 dev b1 autojoin || fail "join 239.1.1.1"
assert_eq "$(hash)" 4000000080000010 "b1 hash after the IP join"
ping_ok nsa -c "$n" -i 0.05 -W 2 239.1.1.1
filtered 239.1.1.2
in_netns nsb ip addr del 239.1.1.1/32 dev b1 || fail "leave 239.1.1.1"
assert_eq "$(hash)" 4000000080000000 "b1 hash after leaving"
ping_none nsa -c "$n" -i 0.05 -W 0.3 239.1.1.1
