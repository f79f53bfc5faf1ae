#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Module parameters: pairs=1 and pairs=3 make the right devices, with the
# book's MACs and the right peers; out-of-range values are refused with
# -EINVAL and one dmesg line naming the parameter; a good insmod right
# after a refused one works; modinfo describes every parameter.
# timeout: 120
. "$SNULL_TESTDIR/lib.sh"

peer_of() { cat "/sys/class/net/$1/iflink"; }
index_of() { cat "/sys/class/net/$1/ifindex"; }

load_snull
assert_eq "$(cat /sys/class/net/sn0/address)" 02:53:4e:55:4c:30 "sn0 MAC"
assert_eq "$(cat /sys/class/net/sn1/address)" 02:53:4e:55:4c:31 "sn1 MAC"
assert_eq "$(peer_of sn0)" "$(index_of sn1)" "peer of sn0"
assert_eq "$(peer_of sn1)" "$(index_of sn0)" "peer of sn1"
[ -e /sys/class/net/sn2 ] && fail "pairs=1 created sn2"
ip -d link show sn0 | grep -q "snull " || fail "ip -d link does not show kind snull"
unload_snull
[ -e /sys/class/net/sn0 ] && fail "sn0 still there after rmmod"

load_snull pairs=3
i=0
while [ $i -lt 6 ]; do
	assert_eq "$(cat /sys/class/net/sn$i/address)" "02:53:4e:55:4c:3$i" "sn$i MAC"
	i=$((i + 1))
done
assert_eq "$(peer_of sn4)" "$(index_of sn5)" "peer of sn4"
assert_eq "$(peer_of sn3)" "$(index_of sn2)" "peer of sn3"
[ -e /sys/class/net/sn6 ] && fail "pairs=3 created sn6"
unload_snull

# refused PARAM=VALUE: insmod fails with EINVAL, nothing stays loaded, and
# dmesg has exactly one line naming the parameter and its range.
refused() {
	mark="snull-test: refused $1 $$"
	echo "$mark" >/dev/kmsg
	if out=$(insmod "$SNULL_KO" "$1" 2>&1); then
		fail "insmod $1 succeeded"
	fi
	# kmod words EINVAL from init as "Invalid parameters".
	echo "$out" | grep -Eq "Invalid (argument|parameters)" ||
		fail "insmod $1: expected EINVAL, got: $out"
	[ -d /sys/module/snull ] && fail "snull stayed loaded after insmod $1"
	lines=$(dmesg | sed -n "\\|$mark|,\$p" | grep -c "snull: ${1%%=*}=")
	assert_eq "$lines" 1 "dmesg lines naming ${1%%=*} after insmod $1"
	dmesg | sed -n "\\|$mark|,\$p" | grep "snull: ${1%%=*}=" | grep -q "must be" ||
		fail "the message for $1 does not give the range"
	info "refused: $1"
}

refused pairs=0
refused pairs=99
refused timeout=0
refused tx_ring=0
refused rx_ring=100000
refused rx_ring=100
refused irq_delay_us=200000
refused speed=1
refused speed=3000

load_snull pairs=2
[ -e /sys/class/net/sn3 ] || fail "good insmod after refused ones: no sn3"
unload_snull

# Every parameter is documented (modinfo -p prints "name:description").
for p in pairs use_napi flip lockup timeout irq_delay_us tx_ring rx_ring speed debug; do
	modinfo -p "$SNULL_KO" | grep -q "^$p:..*default [^)]*)" ||
		fail "modinfo has no description with a default for $p"
done
modinfo "$SNULL_KO" | grep -q "^license: *GPL" || fail "modinfo: license"
modinfo "$SNULL_KO" | grep -q "^version: " || fail "modinfo: version"
