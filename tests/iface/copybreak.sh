#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# RX copybreak (ethtool --set-tunable rx-copybreak): a frame no longer
# than the copybreak (256 bytes by default) is copied into a small skb and
# its page stays on the ring; a longer one goes up in its page.  What a
# socket is charged shows it: 20 small datagrams queued on a UDP socket
# that is not reading cost it less than 2 KiB each (truesize, the
# rx_queue of /proc/net/udp), and all fit in a 32 KiB receive buffer;
# with copybreak 0 each costs more than a 4 KiB page, and most of them
# are dropped.  The skbs at GRO (net:napi_gro_receive_entry's truesize)
# and the rx_copied counter agree, for short and long frames and for a
# copybreak raised to 1024 (a 942-byte frame copied).  Above 1024 is
# refused, with the reason in the log, nothing changed.
# timeout: 180
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

command -v socat >/dev/null || fail "socat is not in the VM (scripts/deps installs it)"

EV=$TRACEFS/events/net/napi_gro_receive_entry
cb() { field "in_netns ns1 ethtool --get-tunable sn1 rx-copybreak" rx-copybreak; }
copied() { ethtool_stat sn1 rx_copied ns1; }

# truesizes SIZE: the truesize of every echo request of ping -s SIZE that
# sn1 passed to GRO (IP length SIZE + 28), one per line
truesizes() {
	echo 0 >"$EV/enable"
	echo >"$TRACEFS/trace"
	echo "name == \"sn1\" && len == $(($1 + 28))" >"$EV/filter" || fail "tracepoint filter"
	echo 1 >"$EV/enable" || fail "cannot enable napi_gro_receive_entry"
	ping_ok ns0 -c 4 -i 0.1 -W 2 -s "$1" 10.0.0.2
	echo 0 >"$EV/enable"
	sed -n 's/.* truesize=\([0-9]*\) .*/\1/p' "$TRACEFS/trace"
}
# pings SIZE LO HI: every echo request's truesize in [LO, HI), and 4 seen
pings() {
	truesizes "$1" >ts.txt
	info "ping -s $1, copybreak $(cb): truesize $(sort -u ts.txt | tr '\n' ' ')"
	assert_eq "$(wc -l <ts.txt)" 4 "echo requests of $1 bytes seen at GRO"
	assert_eq "$(awk -v lo="$2" -v hi="$3" '$1 < lo || $1 >= hi' ts.txt | wc -l)" 0 \
		"truesizes of ping -s $1 outside [$2, $3) with copybreak $(cb)"
}

# held N: N 18-byte datagrams to a UDP socket on sn1 (receive buffer
# 16 KiB, doubled by the kernel) whose reader is stopped; prints the
# socket's "rx_queue drops" from /proc/net/udp.
held() {
	port=$((9000 + ${hold_n:=0}))
	hold_n=$((hold_n + 1))
	ip netns exec ns1 socat -u UDP4-RECV:$port,rcvbuf=16384 - >/dev/null &
	pid=$!
	hex=$(printf '%04X' $port)
	wait_for "ip netns exec ns1 grep -q ':$hex ' /proc/net/udp" 5
	kill -STOP $pid
	i=0
	while [ $i -lt "$1" ]; do
		echo 12345678901234567 | in_netns ns0 socat -u - UDP4-SENDTO:10.0.0.2:$port ||
			fail "socat send $i"
		i=$((i + 1))
	done
	sleep 0.3
	q=$(in_netns ns1 awk -v h=":$hex" 'substr($2, length($2) - 4) == h { split($5, a, ":"); print a[2], $13 }' /proc/net/udp)
	kill -KILL $pid
	wait $pid 2>/dev/null
	[ -n "$q" ] || fail "no socket on port $port in /proc/net/udp"
	echo "$((0x${q% *})) ${q#* }"
}

load_snull flip=0
insmod_wire_ns
assert_eq "$(cb)" 256 "rx-copybreak by default"
ping_ok ns0 -c 2 -i 0.2 -W 2 10.0.0.2

# Short frames are copied, long ones go up in their page.
c0=$(copied)
pings 16 256 2048
assert_ge "$(($(copied) - c0))" 4 "rx_copied after 4 short echo requests"
# (an ARP exchange meanwhile is copied: fewer than the 4 is the check)
c0=$(copied)
pings 1000 4096 1000000
assert_le "$(($(copied) - c0))" 3 "rx_copied after 4 echo requests of 1042 bytes"

# The socket's bill: 20 datagrams held, copied and then not.
set -- $(held 20)
info "copybreak 256: 20 datagrams held: rx_queue $1, drops $2"
assert_eq "$2" 0 "datagrams dropped by a 32 KiB receive buffer, copybreak 256"
assert_le "$1" $((20 * 2048 - 1)) "rx_queue of 20 small datagrams, copybreak 256"
in_netns ns1 ethtool --set-tunable sn1 rx-copybreak 0 || fail "rx-copybreak 0"
assert_eq "$(cb)" 0 "rx-copybreak after setting 0"
set -- $(held 20)
info "copybreak 0: 20 datagrams held: rx_queue $1, drops $2"
assert_ge "$2" 8 "datagrams dropped by a 32 KiB receive buffer, copybreak 0"
assert_ge "$1" $(((20 - $2) * 4096)) "rx_queue of the datagrams kept, copybreak 0"
c0=$(copied)
pings 16 4096 1000000
assert_le "$(($(copied) - c0))" 0 "rx_copied after 4 short echo requests, copybreak 0 (ARP too)"

# The most the tunable takes: a 942-byte frame is copied too.
in_netns ns1 ethtool --set-tunable sn1 rx-copybreak 1024 || fail "rx-copybreak 1024"
c0=$(copied)
pings 900 1024 4096
assert_ge "$(($(copied) - c0))" 4 "rx_copied after 4 echo requests of 942 bytes, copybreak 1024"

# Refused, with the reason in the log, and nothing changed.
kmsg_mark cb
in_netns ns1 ethtool --set-tunable sn1 rx-copybreak 1025 2>/dev/null &&
	fail "rx-copybreak 1025 accepted"
assert_eq "$(cb)" 1024 "rx-copybreak after a refused 1025"
dmesg_since cb | grep -q "rx-copybreak: 1025 is above 1024" || fail "no reason logged for 1025"
ping_ok ns0 -c 3 -i 0.2 -W 2 10.0.0.2
ip netns del ns0
ip netns del ns1
unload_snull
