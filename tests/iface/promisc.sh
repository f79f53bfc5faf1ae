#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Promiscuous mode: unicast frames for another MAC are dropped by the
# hardware filter and counted in rx_uc_filtered; `tcpdump -p` does not see
# them; plain tcpdump turns promiscuous mode on (rx_ctl bit 0), sees every
# one of them and the driver counts them in rx_promisc_accepted; when
# tcpdump exits the filter is back.  `ip link set ... promisc on` too.
# timeout: 60
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

ucf() { ethtool_stat b1 rx_uc_filtered nsb; }
pa() { ethtool_stat b1 rx_promisc_accepted nsb; }

# send: n pings from a1 to 10.0.0.99, whose (static) MAC nobody has.
send() {
	in_netns nsa ping -q -c "$n" -i 0.05 -W 0.3 10.0.0.99 >/dev/null 2>&1
	sleep 0.2
}

load_snull
wire_pair a1 b1
in_netns nsa ip neigh add 10.0.0.99 lladdr 02:00:00:00:00:99 dev a1
n=$(scaled 10)

# tcpdump -p: not promiscuous, the frames are filtered.
u0=$(ucf) p0=$(pa)
tcpdump_start p nsb -p -e -i b1 icmp
assert_eq "$(dbg_val b1 rx_ctl)" 0x0 "rx_ctl under tcpdump -p"
send
tcpdump_stop p
assert_eq $(($(ucf) - u0)) "$n" "frames for 02:00:00:00:00:99 filtered"
assert_eq $(($(pa) - p0)) 0 "frames accepted as promiscuous"
assert_eq "$(grep -c '> 02:00:00:00:00:99' p.cap)" 0 "frames seen by tcpdump -p"

# tcpdump: promiscuous, sees them all.
u0=$(ucf) p0=$(pa)
tcpdump_start a nsb -e -i b1 icmp
[ $(($(in_netns nsb cat /sys/class/net/b1/flags) & 0x100)) != 0 ] ||
	fail "tcpdump did not make b1 promiscuous"
assert_eq "$(dbg_val b1 rx_ctl)" 0x1 "rx_ctl under tcpdump"
send
tcpdump_stop a
assert_eq $(($(pa) - p0)) "$n" "frames accepted as promiscuous"
assert_eq $(($(ucf) - u0)) 0 "frames filtered while promiscuous"
assert_eq "$(grep -c '> 02:00:00:00:00:99' a.cap)" "$n" "frames seen by tcpdump"

# tcpdump gone: filtered again.
[ $(($(in_netns nsb cat /sys/class/net/b1/flags) & 0x100)) = 0 ] ||
	fail "b1 still promiscuous"
assert_eq "$(dbg_val b1 rx_ctl)" 0x0 "rx_ctl after tcpdump"
u0=$(ucf)
send
assert_eq $(($(ucf) - u0)) "$n" "frames filtered after tcpdump exited"

# ip link set promisc on/off.
in_netns nsb ip link set b1 promisc on
assert_eq "$(dbg_val b1 rx_ctl)" 0x1 "rx_ctl with promisc on"
p0=$(pa)
send
assert_eq $(($(pa) - p0)) "$n" "frames accepted with promisc on"
in_netns nsb ip link set b1 promisc off
assert_eq "$(dbg_val b1 rx_ctl)" 0x0 "rx_ctl with promisc off"
