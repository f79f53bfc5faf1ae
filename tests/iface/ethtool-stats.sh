#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ethtool -S after mixed traffic across a wire-mode pair in two netns:
# unicast pings of two sizes, broadcast pings, a TCP transfer, multicast to
# a joined and to an unjoined group, unicast to another MAC, frames larger
# than the receiver's buffers and a pktgen burst that overruns a 16-slot
# RX ring.  Every standard counter agrees across ip -s -s link,
# /sys/class/net/*/statistics and (frame counts, where the kernel has the
# group) ethtool -S --groups eth-mac, and none is repeated in ethtool -S;
# the filter and error counters are exact; and no frame is lost silently:
# what one end sent, the other received or counted as missed, too long,
# or filtered.
# timeout: 120
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

# agree DEV IPDIR IPFIELD SYSFS [ETHMAC]: one counter, all views (from
# the snapshot; the eth-mac group is read with it, if the kernel has it).
agree() {
	_a=$(snap_ip "$1" "$2" "$3")
	_b=$(snap_sysfs "$1" "$4")
	[ "$_a" = "$_b" ] || fail "$1 $4: ip -s link $_a, sysfs $_b"
	if [ -n "${5:-}" ] && [ -s "$1.ethmac" ]; then
		_c=$(awk -v k="eth-mac-$5:" '$1 == k { print $2 }' "$1.ethmac")
		[ "$_b" = "$_c" ] || fail "$1 $4: sysfs $_b, ethtool -S --groups eth-mac $5 $_c"
	fi
}

load_snull flip=0
insmod_wire_ns
in_netns ns1 sh -c 'echo 0 >/proc/sys/net/ipv4/icmp_echo_ignore_broadcasts'
t0=$(cut -d' ' -f1 /proc/uptime)

n=$(scaled 10)
# Unicast, two sizes, and broadcast.
ping_ok ns0 -c "$n" -i 0.05 -W 2 10.0.0.2
ping_ok ns0 -c "$n" -i 0.05 -W 2 -s 1400 10.0.0.2
in_netns ns0 ping -q -b -c "$n" -i 0.05 -W 2 10.0.0.255 >/dev/null 2>&1
# TCP.
dd if=/dev/urandom of=data bs=1k count=256 2>/dev/null
(sleep 60 | in_netns ns1 nc -l -p 5001 >recv) &
wait_for "in_netns ns1 netstat -ltn | grep -q ':5001 '" 10
in_netns ns0 nc 10.0.0.2 5001 <data || fail "nc client failed"
wait_for "[ \$(wc -c <recv) -ge 262144 ]" 30
# Multicast: 239.1.1.1 joined on sn1, 239.1.1.2 not.
in_netns ns1 ip addr add 239.1.1.1/32 dev sn1 autojoin || fail "join 239.1.1.1"
in_netns ns0 ip route add 224.0.0.0/4 dev sn0
ping_ok ns0 -c "$n" -i 0.05 -W 2 239.1.1.1
ping_none ns0 -c "$n" -i 0.05 -W 0.3 239.1.1.2
# Unicast to a MAC nobody has.
in_netns ns0 ip neigh add 10.0.0.99 lladdr 02:00:00:00:00:99 dev sn0
ping_none ns0 -c "$n" -i 0.05 -W 0.3 10.0.0.99
# Longer than sn1's RX buffers (one page each at MTU 1500).
in_netns ns0 ip link set sn0 mtu 9000
ping_none ns0 -c "$n" -i 0.05 -W 0.3 -s 8000 10.0.0.2
in_netns ns0 ip link set sn0 mtu 1500
# An RX ring overrun.
in_netns ns1 ethtool -G sn1 rx 16 || fail "ethtool -G sn1 rx 16"
in_netns ns1 ethtool -C sn1 rx-usecs 20000 || fail "ethtool -C sn1 rx-usecs 20000"
burst=$(scaled 1000)
pktgen_burst ns0 sn0 "$burst" 10.0.0.2 "$(mac_of sn1 ns1)"
sleep 0.5
in_netns ns1 ethtool -C sn1 rx-usecs 0
info "traffic took $(awk -v a=$t0 -v b=$(cut -d' ' -f1 /proc/uptime) 'BEGIN { print b - a }') s"
sleep 1		# let the last replies and completions land

snapshot sn0 ns0
snapshot sn1 ns1
for d in sn0 sn1; do
	# A kernel before 5.13 has no standard groups (ethtool fails); one
	# that has them must show snull's eth-mac counters.
	if in_netns ns${d#sn} ethtool -S $d --groups eth-mac >$d.ethmac 2>/dev/null; then
		grep -q "eth-mac-FramesReceivedOK:" $d.ethmac ||
			fail "$d: no eth-mac counters: $(cat $d.ethmac)"
	else
		: >$d.ethmac
	fi
	sed 's/^/    /' $d.ethmac
done

# Every view agrees, for every counter the driver reports.
for d in sn0 sn1; do
	agree $d rx packets rx_packets FramesReceivedOK
	agree $d rx bytes rx_bytes
	agree $d rx multicast multicast MulticastFramesReceivedOK
	agree $d rx dropped rx_dropped
	agree $d rx missed_errors rx_missed_errors
	agree $d rx length_errors rx_length_errors
	agree $d rx errors rx_errors
	agree $d tx packets tx_packets FramesTransmittedOK
	agree $d tx bytes tx_bytes
	agree $d tx dropped tx_dropped
	agree $d tx carrier_errors tx_carrier_errors
	agree $d tx errors tx_errors
	sed 's/^/    /' $d.ethtool
	# ethtool -S repeats no standard counter (statistics.rst) ...
	for c in rx_packets rx_bytes tx_packets tx_bytes rx_dropped tx_dropped \
		 rx_missed rx_missed_errors rx_length_errors rx_multicast multicast \
		 tx_carrier_errors rx_errors tx_errors; do
		grep -Eq "^[[:space:]]+$c:" $d.ethtool && fail "$d: ethtool -S repeats the standard counter $c"
	done
	# ... and the driver's reasons add up to the standard drop counters
	# (the core adds its own drops to sysfs: none here).
	assert_eq "$(($(snap_ethtool $d rx_nomem) + $(snap_ethtool $d rx_flushed)))" \
		"$(snap_sysfs $d rx_dropped)" "$d rx_nomem + rx_flushed vs. rx_dropped"
	assert_eq "$(snap_ethtool $d tx_flushed)" "$(snap_sysfs $d tx_dropped)" "$d tx_flushed vs. tx_dropped"
done
[ -s sn1.ethmac ] && info "eth-mac group: frame counts compared"

# The exact ones (IPv6 is off: nothing else crossed).
assert_eq "$(snap_sysfs sn1 rx_length_errors)" "$n" "sn1 rx_length_errors (8 KB frames)"
assert_eq "$(snap_sysfs sn1 rx_errors)" "$n" "sn1 rx_errors"
assert_eq "$(snap_ethtool sn1 rx_uc_filtered)" "$n" "sn1 rx_uc_filtered (frames for 02:00:00:00:00:99)"
assert_eq "$(snap_ethtool sn1 rx_mc_filtered)" "$n" "sn1 rx_mc_filtered (239.1.1.2)"
assert_ge "$(snap_sysfs sn1 multicast)" "$n" "sn1 multicast (239.1.1.1)"
assert_ge "$(snap_sysfs sn1 rx_missed_errors)" 1 "sn1 rx_missed_errors (overrun)"
assert_eq "$(snap_ethtool sn1 rx_promisc_accepted)" 0 "sn1 rx_promisc_accepted"
assert_eq "$(snap_ethtool sn1 rx_csum_complete)" "$(snap_sysfs sn1 rx_packets)" "sn1 rx_csum_complete"

# Conservation: sent = received + counted by the receiver's hardware and
# driver.  rx_flushed counts frames a reconfiguration (-G, MTU) flushed
# from the RX ring before they were passed up.
for pair in "sn0 sn1" "sn1 sn0"; do
	set -- $pair
	sent=$(snap_sysfs "$1" tx_packets)
	got=0
	for c in rx_packets rx_missed_errors rx_length_errors; do
		got=$((got + $(snap_sysfs "$2" $c)))
	done
	for c in rx_nomem rx_flushed rx_mc_filtered rx_uc_filtered rx_fault_dropped; do
		got=$((got + $(snap_ethtool "$2" $c)))
	done
	info "$1 sent $sent; $2 received or counted $got"
	assert_eq "$got" "$sent" "frames $1 sent vs. frames $2 accounted for"
	assert_eq "$(snap_sysfs "$1" tx_carrier_errors)" 0 "$1 tx_carrier_errors"
done
