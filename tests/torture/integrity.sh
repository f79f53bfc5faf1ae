#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Data integrity with every feature setting the driver offers: IPv4 and
# IPv6 pings both ways, including 65000-byte ones (fragmented; one that
# gets no reply among the others runs once more alone), and a TCP
# transfer compared byte for byte, in wire mode across two namespaces with
# the defaults, rx-checksumming off, tx-checksumming + scatter-gather on,
# GRO off, zero-copy on, and use_napi=0; then in the book's mode (address
# flip, one host) in copy and zero-copy delivery.
# timeout: 240
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"

kb=$(scaled 2048)
info "parameters: TCP transfers of $kb KiB, 8 settings"
dd if=/dev/urandom of=data bs=1k count="$kb" 2>/dev/null
size=$((kb * 1024))
want=$(sha256sum <data)
port=5100

# bg_ping NAME NS ARGS...: a ping in the background; its status in NAME.rc.
bg_ping() {
	_name=$1 _pns=$2
	shift 2
	echo "$_pns" >"$_name.ns"
	echo "$*" >"$_name.cmd"
	(_in "$_pns" "$@" >"$_name.out" 2>&1; echo $? >"$_name.rc") &
}

# loss_report: where a lost frame is counted (the devices' drops and
# misses, the stack's reassembly), in every namespace.
loss_report() {
	for _n in "" $(ip netns list | awk '{ print $1 }'); do
		echo "--- netns ${_n:-(root)}"
		_in "$_n" ip -s -s link show | grep -A 13 ': sn[0-9]'
		_in "$_n" grep '^Ip:' /proc/net/snmp
		_in "$_n" grep -E 'Ip6Reasm|Ip6InDiscards' /proc/net/snmp6
	done
}

# pings_ok LABEL: wait for the bg_pings, fail on any that got no reply.
# The concurrent 65000-byte echoes are bursts of 45 fragments each way,
# and one lost frame costs a whole echo: a ping that got no reply says
# where frames were counted lost and runs once more, alone; a ping that
# fails alone too fails the test.
pings_ok() {
	wait
	for _f in *.rc; do
		_p=${_f%.rc}
		[ "$(cat "$_f")" = 0 ] && continue
		cat "$_p.out"
		loss_report
		info "$1: ping $_p got no reply among the others; once more, alone"
		# shellcheck disable=SC2046 # the arguments have no spaces
		_in "$(cat "$_p.ns")" $(cat "$_p.cmd") >"$_p.out" 2>&1 ||
			{ cat "$_p.out"; fail "$1: ping $_p failed, alone too"; }
	done
	rm -f ./*.rc ./*.out ./*.ns ./*.cmd
}

# tcp_ok LABEL SRVNS CLINS DEST: DEST receives data over TCP, intact.
tcp_ok() {
	port=$((port + 1))
	rm -f recv
	(sleep 60 | _in "$2" nc -l -p $port >recv) &
	_srv=$!
	wait_for "_in '$2' netstat -ltn | grep -q ':$port '" 10
	_in "$3" nc "$4" $port <data || fail "$1: nc client failed"
	_n=0
	while [ "$(wc -c <recv)" -lt $size ] && [ $_n -lt 300 ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
	pkill -P $_srv 2>/dev/null
	kill $_srv 2>/dev/null
	wait $_srv 2>/dev/null
	assert_eq "$(wc -c <recv)" "$size" "$1: bytes received over TCP"
	assert_eq "$(sha256sum <recv)" "$want" "$1: sha256 of the data received over TCP"
}

# wire_check LABEL: the whole battery in wire mode (ns0 sn0 <-> ns1 sn1).
wire_check() {
	# resolve the neighbours first, so no ping waits behind ARP/ND
	wait_for "in_netns ns0 ping -c 1 -W 1 10.0.0.2 && in_netns ns1 ping -c 1 -W 1 10.0.0.1" 10
	wait_for "in_netns ns0 ping -6 -c 1 -W 1 fd00::2 && in_netns ns1 ping -6 -c 1 -W 1 fd00::1" 10
	bg_ping v4a ns0 ping -q -c 3 -i 0.05 -W 2 10.0.0.2
	bg_ping v4b ns1 ping -q -c 3 -i 0.05 -W 2 10.0.0.1
	bg_ping v4bigA ns0 ping -q -c 2 -i 0.1 -W 3 -s 65000 10.0.0.2
	bg_ping v4bigB ns1 ping -q -c 2 -i 0.1 -W 3 -s 65000 10.0.0.1
	bg_ping v6a ns0 ping -6 -q -c 3 -i 0.05 -W 2 fd00::2
	bg_ping v6b ns1 ping -6 -q -c 3 -i 0.05 -W 2 fd00::1
	bg_ping v6bigA ns0 ping -6 -q -c 2 -i 0.1 -W 3 -s 65000 fd00::2
	bg_ping v6bigB ns1 ping -6 -q -c 2 -i 0.1 -W 3 -s 65000 fd00::1
	pings_ok "$1"
	tcp_ok "$1" ns1 ns0 10.0.0.2
	info "$1: pings v4/v6 both ways incl. 65000 bytes, TCP $kb KiB intact"
}

kset() {
	in_netns ns0 ethtool -K sn0 "$@" >/dev/null || fail "ethtool -K sn0 $*"
	in_netns ns1 ethtool -K sn1 "$@" >/dev/null || fail "ethtool -K sn1 $*"
}
pflags() {
	in_netns ns0 ethtool --set-priv-flags sn0 "$@" || fail "priv flags sn0 $*"
	in_netns ns1 ethtool --set-priv-flags sn1 "$@" || fail "priv flags sn1 $*"
}

wire_setup() {
	load_snull flip=0 "$@"
	setup_wire_ns
	in_netns ns0 ip addr add fd00::1/64 dev sn0 nodad
	in_netns ns1 ip addr add fd00::2/64 dev sn1 nodad
	wait_for "in_netns ns0 ip link show sn0 | grep -q LOWER_UP" 5
}

# --- wire mode, NAPI ---------------------------------------------------------
wire_setup
wire_check "defaults"
kset rx off
wire_check "rx-checksumming off"
kset rx on
kset tx on sg on
wire_check "tx-checksumming and scatter-gather on"
kset tx off sg off
kset gro off
wire_check "GRO off"
kset gro on
pflags zerocopy on
kset sg on tx on tso on gso on
in_netns ns0 ethtool -k sn0 | grep -E '^(tx-checksumming|scatter-gather|tcp-segmentation-offload):' | sed 's/^/# zerocopy: /'
wire_check "zero-copy"
pflags zerocopy off
kset sg off tx off tso off
unload_snull
ip -all netns delete

# --- wire mode, interrupt mode (netif_rx from the ISR) -------------------------
wire_setup use_napi=0
wire_check "use_napi=0"
unload_snull
ip -all netns delete

# --- the book's mode: address flip, one host, IPv4 ---------------------------
book_check() {
	bg_ping r0 "" ping -q -c 3 -i 0.05 -W 2 remote0
	bg_ping r1 "" ping -q -c 3 -i 0.05 -W 2 remote1
	bg_ping r0big "" ping -q -c 2 -i 0.1 -W 3 -s 65000 remote0
	bg_ping r1big "" ping -q -c 2 -i 0.1 -W 3 -s 65000 remote1
	pings_ok "$1"
	# local0 -> remote0 crosses sn0 -> sn1 and arrives as remote1 -> local1.
	tcp_ok "$1" "" "" remote0
	info "$1: pings remote0/remote1 incl. 65000 bytes, TCP $kb KiB intact"
}
book_pair
book_check "book mode"
ethtool --set-priv-flags sn0 zerocopy on || fail "zerocopy on sn0"
ethtool --set-priv-flags sn1 zerocopy on || fail "zerocopy on sn1"
ethtool -K sn0 sg on tx on tso on gso on >/dev/null && ethtool -K sn1 sg on tx on tso on gso on >/dev/null ||
	fail "ethtool -K offloads on (book mode, zero-copy)"
book_check "book mode, zero-copy"
