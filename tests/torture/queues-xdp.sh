#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Concurrent reconfiguration of what issue 15 added, under traffic: a
# wire-mode pair in two namespaces with 4 queue pairs, flood pings both
# ways and UDP flows spread by RSS over the queues, while loops run at
# once on both ends for a bounded number of rounds: ethtool -L (1 to 4
# queue pairs), a native XDP program attached and detached (xdp_pass,
# so nothing is lost), the RSS key and the UDP hash fields, ring resizes,
# threaded NAPI on and off, and a reader of ethtool -S/-l/-x/-g and the
# debugfs files.  Every change must succeed.  Afterwards both ends ping
# at once, every frame is accounted for, ip -s link, sysfs and ethtool
# agree, and the device's frames are the sum of its queues'.  The
# runner checks dmesg (KASAN, lockdep, RCU): the debug kernel only, where
# those run (and where 6.12 answers a stats count that changed between
# ethtool's calls with "no stats available", as it once did here).
# kernels: debug
# timeout: 240
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"
. "$SNULL_TESTDIR/iface/iface.inc"

OBJ=/snull/examples/xdp/snull_xdp.bpf.o
[ -e "$OBJ" ] || skip "no $OBJ (the lab builds it with clang: scripts/deps)"
command -v socat >/dev/null || fail "socat is not in the VM (scripts/deps installs it)"

n=$(scaled 12)
[ "$n" -ge 6 ] || n=6	# the debug kernel scales down: still 6 rounds
info "parameters: $n rounds per loop, 6 loops"
load_snull flip=0 queues=4
insmod_wire_ns
for e in "ns0 sn0" "ns1 sn1"; do
	set -- $e
	in_netns "$1" ethtool -N "$2" rx-flow-hash udp4 sdfn || fail "$2: rx-flow-hash udp4 sdfn"
done
ping_ok ns0 -c 2 -i 0.2 -W 2 10.0.0.2
f0=$(flood 10.0.0.2 ns0)
f1=$(flood 10.0.0.1 ns1)
# UDP flows from changing source ports, so RSS uses every queue
(
	p=0
	while :; do
		echo x | in_netns ns0 socat -u - UDP4-SENDTO:10.0.0.2:9,sourceport=$((20000 + p % 512)) 2>/dev/null
		p=$((p + 1))
	done
) </dev/null >/dev/null 2>&1 &
fu=$!

# each CMD...: CMD on sn0 in ns0, then on sn1 in ns1 (CMD NS DEV); the
# loop ends at the first error, with its message
each() {
	for _e in "ns0 sn0" "ns1 sn1"; do
		"$@" $_e >/dev/null 2>"err.$1" || { echo "$1 ${_e#* }: $(cat "err.$1")"; exit 1; }
	done
	return 0
}
chans() { in_netns "$2" ethtool -L "$3" combined "$1"; }
xdp() {
	if [ "$1" = on ]; then
		in_netns "$2" ip link set dev "$3" xdpdrv obj "$OBJ" program xdp_pass
	else
		in_netns "$2" ip link set dev "$3" xdpdrv off
	fi
}
rss() {		# rss KEY I NS DEV
	in_netns "$3" ethtool -X "$4" hkey "$1" &&
		in_netns "$3" ethtool -N "$4" rx-flow-hash udp4 "$(echo "sd sdfn" | cut -d' ' -f$(($2 % 2 + 1)))"
}
rings() { in_netns "$3" ethtool -G "$4" rx "$1" tx "$2"; }
threaded() { in_netns "$2" sh -c "echo $1 > /sys/class/net/$3/threaded"; }
reader() {
	in_netns "$1" sh -c "ethtool -S $2 && ethtool -l $2 && ethtool -x $2 && ethtool -g $2 && ip -s -s link show $2" &&
		cat /sys/kernel/debug/snull/"$2"/regs /sys/kernel/debug/snull/"$2"/rings \
			/sys/kernel/debug/snull/"$2"/stats
}
key() {		# key I: a 40-byte RSS key, a different one for each I
	_s=$(printf '%02x' $((($1 * 7 + 1) % 256)))
	_j=1
	while [ $_j -lt 40 ]; do
		_s="$_s:$(printf '%02x' $(((($1 + 3) * _j * 37) % 256)))"
		_j=$((_j + 1))
	done
	echo "$_s"
}

loop_chans() { i=0; while [ $i -lt "$n" ]; do
	each chans $((i % 4 + 1)); i=$((i + 1)); done; }
loop_xdp() { i=0; while [ $i -lt "$n" ]; do
	each xdp on; each xdp off; i=$((i + 1)); done; }
loop_rss() { i=0; while [ $i -lt "$n" ]; do
	each rss "$(key $i)" $i; i=$((i + 1)); done; }
loop_rings() { i=0; while [ $i -lt "$n" ]; do
	each rings $((16 << (i % 6))) $((1024 >> (i % 5))); i=$((i + 1)); done; }
loop_threaded() { i=0; while [ $i -lt "$n" ]; do
	each threaded $((i % 2 == 0)); i=$((i + 1)); done; }
loop_reader() { i=0; while [ $i -lt "$n" ]; do
	each reader; i=$((i + 1)); done; }

pids=
for l in chans xdp rss rings threaded reader; do
	loop_$l &
	pids="$pids $!:$l"
done
for p in $pids; do
	wait "${p%%:*}" || fail "the ${p#*:} loop failed"
done
info "all loops done: sn1 $(in_netns ns1 ethtool -l sn1 | awk '$1 == "Combined:" { c = $2 } END { print c }') queue pairs, threaded $(in_netns ns1 cat /sys/class/net/sn1/threaded)"

# Back to one known state: 4 queue pairs, no program, NAPI in softirq.
each chans 4
each xdp off
each threaded 0
stop_bg "$f0" "$f1" "$fu"
ping_ok ns0 -c 3 -i 0.1 -W 2 10.0.0.2
ping_ok ns1 -c 3 -i 0.1 -W 2 10.0.0.1
assert_ledger sn0 sn1 ns0 ns1
assert_ledger sn1 sn0 ns1 ns0
views_agree sn0 ns0
views_agree sn1 ns1
# The device's frames are its queues' (queues taken away by -L keep
# their counts until they come back, so all of them while there are 4).
for e in "ns0 sn0" "ns1 sn1"; do
	set -- $e
	snapshot "$2" "$1"
	q=$(($(snap_ethtool "$2" q0_rx_packets) + $(snap_ethtool "$2" q1_rx_packets) +
		$(snap_ethtool "$2" q2_rx_packets) + $(snap_ethtool "$2" q3_rx_packets)))
	assert_eq "$q" "$(snap_sysfs "$2" rx_packets)" "$2: the sum of q0-q3_rx_packets vs rx_packets"
done
# sn1 received the UDP flows: RSS spread them to queue 3 too
assert_ge "$(snap_ethtool sn1 q3_rx_packets)" 1 "sn1 queue 3's frames"
unload_snull
