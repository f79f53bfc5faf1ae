# SPDX-License-Identifier: GPL-2.0
#
# tests/lib.sh - helpers for snull tests.  A test starts with:
#
#   #!/bin/sh
#   # SPDX-License-Identifier: GPL-2.0
#   # <what it checks>
#   # timeout: 60                  (optional, see tests/run)
#   . "$SNULL_TESTDIR/lib.sh"
#
# The runner provides SNULL_KO, SNULL_TIER (distro|debug), SNULL_SCALE,
# SNULL_TESTDIR and SNULL_TMP (the test's own temp dir, also its cwd).
# Functions ending a test: fail (exit 1), skip (exit 77).

: "${SNULL_KO:=/snull/snull.ko}"
: "${SNULL_TIER:=distro}"
: "${SNULL_SCALE:=1}"
: "${SNULL_TESTDIR:=/snull/tests}"

# fail "msg": the test failed.
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# skip "msg": the test cannot run here (the runner prints msg).
skip() {
	echo "SKIP: $*"
	exit 77
}

# info "msg": a progress line in the test's output.
info() {
	echo "# $*"
}

# load_snull [param=value...]: insmod $SNULL_KO with the parameters.
load_snull() {
	[ -e "$SNULL_KO" ] || fail "no snull.ko at $SNULL_KO"
	insmod "$SNULL_KO" "$@" || fail "insmod snull.ko $* failed"
}

# unload_snull: rmmod snull (the runner also does it after every test).
unload_snull() {
	rmmod snull || fail "rmmod snull failed"
}

# assert_eq ACTUAL EXPECTED "what"
assert_eq() {
	[ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"
}

# assert_ne ACTUAL UNEXPECTED "what"
assert_ne() {
	[ "$1" != "$2" ] || fail "${3:-value}: got '$1', expected anything else"
}

# assert_ge ACTUAL MIN "what" (integers)
assert_ge() {
	[ "$1" -ge "$2" ] 2>/dev/null || fail "${3:-value}: expected >= $2, got '$1'"
}

# assert_le ACTUAL MAX "what" (integers)
assert_le() {
	[ "$1" -le "$2" ] 2>/dev/null || fail "${3:-value}: expected <= $2, got '$1'"
}

# wait_for "command" [timeout_sec=10]: poll every 0.1 s until it succeeds.
wait_for() {
	_n=$(( ${2:-10} * 10 ))
	while [ "$_n" -gt 0 ]; do
		eval "$1" >/dev/null 2>&1 && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	fail "timed out after ${2:-10}s waiting for: $1"
}

# scaled N: N x SNULL_SCALE, rounded, at least 1 (traffic volumes).
scaled() {
	awk -v n="$1" -v s="$SNULL_SCALE" 'BEGIN { v = int(n * s + 0.5); if (v < 1) v = 1; print v }'
}

# in_netns NS CMD...: run CMD in network namespace NS.
in_netns() {
	_ns=$1
	shift
	ip netns exec "$_ns" "$@"
}

# _in [NS] CMD...: helper for the optional netns argument below.
_in() {
	_ns=$1
	shift
	if [ -n "$_ns" ]; then ip netns exec "$_ns" "$@"; else "$@"; fi
}

# stat_of DEV NAME [NS]: /sys/class/net/DEV/statistics/NAME.
stat_of() {
	_in "${3:-}" cat "/sys/class/net/$1/statistics/$2" ||
		fail "no statistic $2 for $1"
}

# ethtool_stat DEV NAME [NS]: the value of NAME in `ethtool -S DEV`.
ethtool_stat() {
	_in "${3:-}" ethtool -S "$1" | awk -v k="$2" '
		{ sub(/^[ \t]+/, "") }
		index($0, k ":") == 1 { sub(/^[^:]*:[ \t]*/, ""); print; found = 1; exit }
		END { exit !found }' || fail "no ethtool statistic $2 for $1"
}

# ethmac_stat DEV NAME [NS]: an IEEE 802.3 counter (FramesReceivedOK, ...)
# of `ethtool -S DEV --groups eth-mac`; empty on a kernel without that
# standard group (before 5.13).
ethmac_stat() {
	_in "${3:-}" ethtool -S "$1" --groups eth-mac 2>/dev/null |
		awk -v k="eth-mac-$2:" '{ sub(/^[ \t]+/, "") } $1 == k { print $2; exit }'
}

# iplink_stat DEV rx|tx FIELD [NS]: a counter of `ip -s -s link show DEV`,
# read from its JSON (rx: bytes packets errors dropped over_errors multicast
# length_errors crc_errors frame_errors fifo_errors missed_errors; tx: bytes
# packets errors dropped carrier_errors collisions aborted_errors fifo_errors
# window_errors heartbeat_errors carrier_changes).
iplink_stat() {
	case $2 in rx | tx) ;; *) fail "iplink_stat: rx or tx, not '$2'" ;; esac
	_in "${4:-}" ip -j -s -s link show dev "$1" |
		sed -n "s/.*\"stats64\":{.*\"$2\":{\([^}]*\)}.*/\1/p" | tr ',' '\n' |
		sed -n "s/^\"$3\":\([0-9]*\)\$/\1/p" | grep . ||
		fail "no ip -s link counter $2 $3 for $1"
}

# book_setup: the LDD3 walkthrough: sn0 = local0, sn1 = local1 (names from
# /etc/hosts; pinging remote0 goes out sn0 and comes back in on sn1).
book_setup() {
	ifconfig sn0 local0 || fail "ifconfig sn0 local0 failed"
	ifconfig sn1 local1 || fail "ifconfig sn1 local1 failed"
}

# setup_wire_ns: sn0 in netns ns0 as 10.0.0.1/24, sn1 in ns1 as 10.0.0.2/24,
# both up (a plain wire between two hosts).
setup_wire_ns() {
	ip netns add ns0 && ip netns add ns1 || fail "ip netns add failed"
	ip link set sn0 netns ns0 && ip link set sn1 netns ns1 ||
		fail "cannot move sn0/sn1 into ns0/ns1"
	in_netns ns0 ip link set lo up
	in_netns ns1 ip link set lo up
	in_netns ns0 ip addr add 10.0.0.1/24 dev sn0 &&
		in_netns ns1 ip addr add 10.0.0.2/24 dev sn1 ||
		fail "cannot address sn0/sn1"
	in_netns ns0 ip link set sn0 up && in_netns ns1 ip link set sn1 up ||
		fail "cannot bring sn0/sn1 up"
}
