#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ethtool -t: the offline self-test loops a frame through the simulated
# hardware and passes, on a device that is down (which stays down) and on
# one that is up with a flood ping running (which works again right
# after, its own rings kept: debugfs `allocated` unchanged); the link is
# down at both ends while the test runs (carrier_changes: off and on
# again, both devices); it really goes through the hardware: with the receiver's
# drop_permille fault at 1000 it fails, with an error line, and passes
# again once the fault is off.  An online test runs nothing and passes.
# timeout: 90
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

selftest() {	# selftest DEV [online|offline]: exit status of ethtool -t
	ethtool -t "$@" >t.out 2>&1
	_rc=$?
	sed 's/^/    /' t.out
	return $_rc
}

load_snull
dev_no_ipv6 sn0 sn1

# Down.
selftest sn0 offline || fail "self-test on a down device"
grep -q "result is PASS" t.out || fail "no PASS in ethtool -t output"
grep -Eq "loopback.*offline.*[[:space:]]0$" t.out || fail "loopback result is not 0"
ip link show sn0 | grep -q "state DOWN" || fail "sn0 came up after the self-test"
assert_eq "$(reg sn0 running)" 0 "sn0 engines after the self-test on a down device"

# Up, with traffic.
book_setup
wait_for "ip link show sn0 | grep -q LOWER_UP" 5
ping_ok "" -c 2 -i 0.2 -W 2 remote0
ping -f -q -c "$(scaled 100000)" remote0 >flood.out 2>&1 &
flood=$!
sleep 1
for i in 1 2 3; do
	selftest sn0 || fail "self-test $i on sn0 (up, flood ping)"
	selftest sn1 || fail "self-test $i on sn1 (up, flood ping)"
done
kill $flood
wait $flood 2>/dev/null
assert_eq "$(reg sn0 running)" 1 "sn0 engines after the self-test"
ping_ok "" -c 3 -i 0.2 -W 2 remote0
ping_ok "" -c 3 -i 0.2 -W 2 remote1

# The link goes down for the test and comes back, on both ends, and the
# stack's rings survive it.
c0=$(cat /sys/class/net/sn0/carrier_changes) c1=$(cat /sys/class/net/sn1/carrier_changes)
a0=$(awk '$1 == "allocated" { print $2 }' "$DBGFS/sn0/rings")
selftest sn0 || fail "self-test on sn0 (idle)"
# carrier comes back with the link's interrupt, a moment after the test
wait_for "[ \$(cat /sys/class/net/sn0/carrier_changes) -ge $((c0 + 2)) ]" 5
wait_for "[ \$(cat /sys/class/net/sn1/carrier_changes) -ge $((c1 + 2)) ]" 5
assert_eq "$(cat /sys/class/net/sn0/carrier_changes)" $((c0 + 2)) "sn0 carrier changes over a self-test"
assert_eq "$(cat /sys/class/net/sn1/carrier_changes)" $((c1 + 2)) "sn1 (peer) carrier changes over a self-test"
assert_eq "$(awk '$1 == "allocated" { print $2 }' "$DBGFS/sn0/rings")" "$a0" "sn0 ring sets allocated over a self-test"
wait_for "ip link show sn0 | grep -q LOWER_UP" 5

# Online: nothing to run that would disturb traffic; passes.
selftest sn0 online || fail "online self-test"

# The loopback goes through the receive path of the hardware: a receiver
# that drops every frame fails the test.
echo 1000 >"$DBGFS/sn0/drop_permille"
kmsg_mark selftest-fault
selftest sn0 && fail "self-test passed although the hardware drops every frame"
grep -q "result is FAIL" t.out || fail "no FAIL in ethtool -t output"
dmesg_since selftest-fault | grep -q "sn0: loopback self-test failed" || fail "no error message for the failed self-test"
echo 0 >"$DBGFS/sn0/drop_permille"
selftest sn0 || fail "self-test after the fault was removed"
ping_ok "" -c 3 -i 0.2 -W 2 remote0
