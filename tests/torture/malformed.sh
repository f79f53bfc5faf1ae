#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Malformed input on the wire, injected with a packet socket on sn0 and
# checked with one on sn1 (tests/tools/snull-pkt.c): frames shorter than an
# Ethernet header (the kernel refuses them before any driver), a bare
# header, truncated and bad IPv4 headers, truncated TCP/UDP headers,
# fragments, bad checksums, plus seeded random frames.  Each arrives once,
# whole, and changed only where the wire may change it: in the book's mode
# the destination MAC and, in a complete IPv4 header only, the address
# octets with consistently adjusted checksums -- the flip never reads or
# writes past the frame.  The receiving stack counts the bad IPv4 headers
# as errors.  Frames longer than the receiver's MTU are length errors.
# Book mode in copy and zero-copy delivery and in interrupt mode; wire
# mode for contrast.
# timeout: 150
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"

command -v snull-pkt >/dev/null || skip "no snull-pkt helper (scripts/lab builds tests/tools/*.c)"
seed=$(seed_from SNULL_SEED)
fuzz=$(scaled 300)
info "parameters: seed $seed, $fuzz random frames per run (replay: --append SNULL_SEED=$seed)"

ipstat() {	# FIELD: from the Ip: and IpExt: lines of /proc/net/{snmp,netstat}
	cat /proc/net/snmp /proc/net/netstat | awk -v f="$1" '
		$1 == "Ip:" || $1 == "IpExt:" {
			if (!(($1) in hdr)) { hdr[$1] = 1; for (i = 2; i <= NF; i++) k[$1 "." $i] = i }
			else if (($1 "." f) in k) { print $(k[$1 "." f]); found = 1 }
		}
		END { if (!found) print "missing-" f }'
}

run() {	# LABEL, snull-pkt options...
	_l=$1
	shift
	hdr0=$(ipstat InHdrErrors) trunc0=$(ipstat InTruncatedPkts)
	csum0=$(ipstat InCsumErrors)
	snull-pkt malformed sn0 sn1 --seed "$seed" --fuzz "$fuzz" "$@" >pkt.out 2>&1 ||
		{ cat pkt.out; fail "$_l: frames changed or lost on the wire"; }
	grep -E '^(FAIL|ok:)|fixed cases' pkt.out | sed "s/^/# $_l: /"
	if [ "$1" = --flip ]; then
		# ihl 4, version 6, the three truncated headers, bad checksum
		assert_ge $(($(ipstat InHdrErrors) - hdr0)) 6 "$_l: IPv4 InHdrErrors"
		assert_ge $(($(ipstat InTruncatedPkts) - trunc0)) 1 "$_l: IPv4 InTruncatedPkts"
		assert_ge $(($(ipstat InCsumErrors) - csum0)) 1 "$_l: IPv4 InCsumErrors"
	fi
}

# giants LABEL: sn0 at MTU 9000 sends to sn1 at MTU 1500.
giants() {
	ip link set sn0 mtu 9000
	l0=$(st sn1 rx_length_errors) e0=$(st sn1 rx_errors) p0=$(st sn1 rx_packets)
	snull-pkt send sn0 9014 3 "$(cat /sys/class/net/sn1/address)" >/dev/null ||
		fail "$1: sending 9014-byte frames"
	snull-pkt send sn0 1600 2 "$(cat /sys/class/net/sn1/address)" >/dev/null ||
		fail "$1: sending 1600-byte frames"
	wait_for "[ \$(st sn1 rx_length_errors) -ge $((l0 + 5)) ]" 5
	assert_eq "$(st sn1 rx_length_errors)" $((l0 + 5)) "$1: sn1 rx_length_errors"
	assert_eq "$(st sn1 rx_errors)" $((e0 + 5)) "$1: sn1 rx_errors"
	assert_eq "$(st sn1 rx_packets)" "$p0" "$1: sn1 rx_packets (giants must not pass)"
	ip link set sn0 mtu 1500
}

book_pair
run "book mode, copy" --flip
giants "book mode, copy"
ethtool --set-priv-flags sn0 zerocopy on || fail "zerocopy on"
run "book mode, zero-copy" --flip
giants "book mode, zero-copy"
ethtool --set-priv-flags sn0 flip off || fail "flip off"
ethtool --set-priv-flags sn1 flip off || fail "flip off"
run "wire mode, zero-copy"
ethtool --set-priv-flags sn0 zerocopy off
run "wire mode, copy"
assert_ledger sn0 sn1
unload_snull

book_pair use_napi=0
run "book mode, interrupt mode" --flip
giants "book mode, interrupt mode"
assert_ledger sn0 sn1
