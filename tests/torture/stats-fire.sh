#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Stats under fire: flood pings both ways on sn0<->sn1 while one loop flips
# both links down and up and two readers sample /proc/net/dev and
# `ip -s link` as fast as they can.  No counter ever goes backwards, not
# even across down/up; once traffic stops the three views (ip -s link,
# sysfs, ethtool -S) agree, and every frame sent is accounted for on the
# other end.
# timeout: 120
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"

flips=$(scaled 8)
info "parameters: $flips down/up flips per end, flood ping both ways"
book_pair

# A reader: a shell loop dumps a view, then "@@", until ./stop exists; one
# awk checks every counter of every snN device against its last sample.
monotonic='
	function check(key, v) {
		if (key in last && v + 0 < last[key] + 0) {
			printf "sample %d: %s went backwards: %s -> %s\n", n, key, last[key], v
			bad = 1
		}
		last[key] = v
	}
	/^@@$/ { n++; next }
'
(
	while [ ! -e stop ]; do
		cat /proc/net/dev
		echo @@
		sleep 0.01
	done
) | awk "$monotonic"'
	$1 ~ /^sn[0-9]+:/ || $1 ~ /^sn[0-9]+:[0-9]/ {
		line = $0
		sub(/:/, " ", line)
		split(line, f)
		for (i = 2; i <= 17; i++)
			check(f[1] "/" i, f[i])
	}
	END { printf "/proc/net/dev: %d samples\n", n; exit bad }' >procnetdev.out 2>&1 &
r1=$!
(
	while [ ! -e stop ]; do
		ip -j -s link show
		echo
		echo @@
		sleep 0.01
	done
) | awk "$monotonic"'
	/ifname/ {
		line = $0
		gsub(/[][{}":,]/, " ", line)
		m = split(line, t, " ")
		dev = ""; in_stats = 0; dir = ""
		for (i = 1; i <= m; i++) {
			if (t[i] == "ifname") { dev = t[i + 1]; in_stats = 0 }
			else if (t[i] == "stats64") in_stats = 1
			else if (in_stats && (t[i] == "rx" || t[i] == "tx")) dir = t[i]
			else if (in_stats && dev ~ /^sn[0-9]+$/ && t[i + 1] ~ /^[0-9]+$/)
				check(dev "/" dir "/" t[i], t[i + 1])
		}
	}
	END { printf "ip -s link: %d samples\n", n; exit bad }' >iplink.out 2>&1 &
r2=$!

info "t=$(now) start"
f0=$(flood remote0)
f1=$(flood remote1)
sleep 0.5
i=0
while [ $i -lt "$flips" ]; do
	ip link set sn0 down || fail "sn0 down"
	ip link set sn0 up || fail "sn0 up"
	sleep 0.1
	ip link set sn1 down || fail "sn1 down"
	sleep 0.05
	ip link set sn1 up || fail "sn1 up"
	sleep 0.1
	i=$((i + 1))
done
info "t=$(now) flips done"
# Traffic must still flow after the last flip.
wait_for "ping -c 1 -W 1 remote0" 10
stop_bg "$f0" "$f1"
touch stop
wait $r1 || { cat procnetdev.out; fail "a /proc/net/dev counter went backwards"; }
wait $r2 || { cat iplink.out; fail "an ip -s link counter went backwards"; }
sed 's/^/# /' procnetdev.out iplink.out

assert_ge "$(st sn0 rx_packets)" "$flips" "sn0 rx_packets"
assert_ge "$(st sn1 rx_packets)" "$flips" "sn1 rx_packets"
info "carrier errors (sent while the peer was down): sn0 $(st sn0 tx_carrier_errors), sn1 $(st sn1 tx_carrier_errors)"
assert_ledger sn0 sn1
assert_ledger sn1 sn0
views_agree sn0
views_agree sn1
info "t=$(now) end"
