#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The kernel's drivers/net/ping.py against snull: sn0 here, its peer sn1
# in the namespace "ksft-remote" as the remote end (REMOTE_TYPE=netns),
# IPv4 and IPv6: a ping each way, and a TCP message each way through
# socat.  All three cases must pass, none skip.
# timeout: 180
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/kselftest/ksft.inc"

command -v python3 >/dev/null || skip "no python3 in this boot"
command -v socat >/dev/null || skip "no socat in this boot (scripts/deps)"
load_snull flip=0
ip netns add ksft-remote || fail "ip netns add"
ip link set sn1 netns ksft-remote || fail "move sn1"
ip addr add 192.0.2.1/24 dev sn0 && ip -6 addr add 2001:db8::1/64 dev sn0 nodad &&
	ip link set sn0 up || fail "address sn0"
in_netns ksft-remote ip link set lo up
in_netns ksft-remote ip addr add 192.0.2.2/24 dev sn1 &&
	in_netns ksft-remote ip -6 addr add 2001:db8::2/64 dev sn1 nodad &&
	in_netns ksft-remote ip link set sn1 up || fail "address sn1"
wait_for "ping -c 1 -W 1 192.0.2.2 >/dev/null" 10

cd "$SNULL_KSFT/drivers/net" || fail "cd $SNULL_KSFT/drivers/net"
NETIF=sn0 LOCAL_V4=192.0.2.1 REMOTE_V4=192.0.2.2 LOCAL_V6=2001:db8::1 REMOTE_V6=2001:db8::2 \
	REMOTE_TYPE=netns REMOTE_ARGS=ksft-remote python3 ./ping.py >"$SNULL_TMP/out" 2>&1
rc=$?
cd "$SNULL_TMP" || fail "cd back"
ksft_report ping.py $rc
for c in test_v4 test_v6 test_tcp; do
	grep -q "^ok [0-9]* ping.$c\$" out || fail "ping.py: $c did not pass"
done
assert_eq "$KSFT_SKIP" 0 "skipped cases"
