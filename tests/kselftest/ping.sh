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
ksft_remote

cd "$SNULL_KSFT/drivers/net" || fail "cd $SNULL_KSFT/drivers/net"
# shellcheck disable=SC2086
env $KSFT_EP python3 ./ping.py >"$SNULL_TMP/out" 2>&1
rc=$?
cd "$SNULL_TMP" || fail "cd back"
ksft_report ping.py $rc
for c in test_v4 test_v6 test_tcp; do
	grep -q "^ok [0-9]* ping.$c\$" out || fail "ping.py: $c did not pass"
done
assert_eq "$KSFT_SKIP" 0 "skipped cases"
