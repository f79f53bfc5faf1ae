#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The PHY on each end of the cable (docs/datasheet.md, "PHY"), through
# ethtool's link settings: the modes it supports and advertises;
# autonegotiation to the best common mode (and to the highest one left
# when an end advertises a subset); forced speeds that link only when
# they match, as on copper; forced against autonegotiating; no common
# mode.  While down, the reason ("Link detected: no (...)"): no partner,
# no partner during force mode, no HCD, and no cable when the debugfs
# `cable` knob pulls the pair's cable out.  The carrier follows every
# change on both ends (the link interrupt) and frames cross only with
# the link up.  Bad settings (a speed or mode the PHY lacks, another
# port) fail and change nothing.
# timeout: 150
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

detected() { field "ethtool $1" "Link detected"; }
speed_of() { field "ethtool $1" Speed; }
# link DEV STATE: wait until "Link detected" reads STATE
link() { wait_for "[ \"\$(detected $1)\" = \"$2\" ]" 5; }
both() { link sn0 "$1"; link sn1 "$1"; }
pings() { ping -c 1 -W 2 remote0 >/dev/null 2>&1; }

load_snull
book_setup
both yes
out=$(ethtool sn0)
for m in 10baseT/Full 100baseT/Half 100baseT/Full 1000baseT/Full 2500baseT/Full \
	 5000baseT/Full 10000baseT/Full; do
	echo "$out" | grep -q "$m" || fail "sn0 does not list $m"
done
assert_eq "$(field "ethtool sn0" "Supports auto-negotiation")" Yes "supports autoneg"
assert_eq "$(field "ethtool sn0" "Auto-negotiation")" on "autoneg by default"
assert_eq "$(speed_of sn0)" 10000Mb/s "negotiated speed"
pings || fail "ping with the link up"
dmesg | grep -q "sn0: link up, 10000 Mb/s, full duplex" || fail "no link-up message"

# Forced, the same speed on both ends: a link at that speed.
ethtool -s sn0 speed 1000 duplex full autoneg off || fail "force sn0 to 1000"
ethtool -s sn1 speed 1000 autoneg off || fail "force sn1 to 1000"
both yes
assert_eq "$(speed_of sn0) $(speed_of sn1)" "1000Mb/s 1000Mb/s" "forced speeds"
pings || fail "ping at a forced 1000"

# Forced, different speeds: no link at either end, and it says why.
c1=$(cat /sys/class/net/sn1/carrier_changes)
ethtool -s sn1 speed 100 autoneg off || fail "force sn1 to 100"
both "no (Autoneg, No partner detected during force mode)"
pings && fail "ping crossed a link that is down"
assert_eq "$(cat /sys/class/net/sn1/carrier_changes)" $((c1 + 1)) "sn1 carrier changes"

# Forced against autonegotiation: the forced speed, if advertised.
ethtool -s sn1 autoneg on || fail "autoneg on sn1"
both yes
assert_eq "$(speed_of sn0) $(speed_of sn1)" "1000Mb/s 1000Mb/s" "forced vs autoneg"
pings || fail "ping forced vs autoneg"

# Both negotiate; one advertises a subset: the best mode both have.
ethtool -s sn0 autoneg on || fail "autoneg on sn0"
ethtool -s sn1 advertise 0x20 || fail "advertise 1000baseT/Full"
wait_for "[ \"\$(speed_of sn0)\" = 1000Mb/s ]" 5
ethtool -s sn1 advertise 0x1028 || fail "advertise 100/1000/10000 Full"
wait_for "[ \"\$(speed_of sn0)\" = 10000Mb/s ]" 5
field "ethtool sn0" "Link partner advertised link modes" | grep -q 100baseT/Full ||
	fail "sn0 does not show its partner's modes"

# Nothing in common: no link, "No HCD".
ethtool -s sn0 advertise 0x20 || fail "advertise 1000baseT/Full on sn0"
ethtool -s sn1 advertise 0x1000 || fail "advertise 10000baseT/Full on sn1"
both "no (Autoneg, No HCD)"

# Bad settings fail and change nothing.
ethtool -s sn0 autoneg on && ethtool -s sn1 autoneg on || fail "autoneg on both"
both yes
for bad in "speed 40000 autoneg off" "speed 10 duplex half autoneg off" \
	   "advertise 0x80000000" "port fibre"; do
	# shellcheck disable=SC2086
	ethtool -s sn0 $bad 2>/dev/null && fail "ethtool -s sn0 $bad accepted"
done
assert_eq "$(detected sn0) $(speed_of sn0)" "yes 10000Mb/s" "link after bad settings"

# The peer goes down: no partner (autoneg), no partner in force mode.
ip link set sn1 down
link sn0 "no (Autoneg, No partner detected)"
ethtool -s sn0 speed 100 duplex half autoneg off || fail "force sn0 to 100 half"
link sn0 "no (Autoneg, No partner detected during force mode)"
assert_eq "$(field "ethtool sn0" Duplex)" Half "forced duplex while down"
ethtool -s sn0 autoneg on || fail "autoneg on sn0 again"
ip link set sn1 up
both yes

# The cable pulled out, and back in.
echo 0 >"$DBGFS/sn0/cable" || fail "pull the cable"
assert_eq "$(cat "$DBGFS/sn1/cable")" 0 "the peer's end of the cable"
both "no (No cable)"
pings && fail "ping without a cable"
echo 1 >"$DBGFS/sn1/cable" || fail "plug the cable back"
both yes
pings || fail "ping after plugging the cable back"
echo 2 >"$DBGFS/sn0/cable" 2>/dev/null && fail "cable accepted 2"
unload_snull
