#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Allocation failures in the control path, swept with per-task fail-nth
# (tests/tools/snull-failnth.c: the N-th allocation of the operation fails,
# N = 1, 2, ... until the operation makes fewer than N): link up (open),
# MTU change, ring resize (which must leave the old rings running) and the
# offline self-test in full; a netns move, `ip link add` and the driver's
# part of insmod sampled with a seeded stride.  Every failure is a clean
# error that leaves the device as it was, running (reconfiguration and the
# self-test allocate before they stop anything), or is absorbed; no half
# pairs, no splat, no leak; afterwards the pair passes traffic.  Needs a kernel with fault injection
# (the debug kernel); skipped elsewhere.
#
# The core's netns move has WARN_ON()s on paths it treats as unable to
# fail (the kobject rename, __dev_change_net_namespace): the netns sweep
# stops at the first of them, which is allowed below.  So does the insmod
# sweep at the module loader's first failure, which may report it with a
# stack dump (warn_alloc: "vmalloc error", "page allocation failure").
# timeout: 300
# allow-dmesg: at net/core/dev\.c:[0-9]+ __dev_change_net_namespace
# allow-dmesg: snull-failnth: (vmalloc error|page allocation failure)
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"

[ -w /proc/thread-self/fail-nth ] || skip "no fail-nth on this kernel (CONFIG_FAULT_INJECTION_DEBUG_FS)"
command -v snull-failnth >/dev/null || skip "no snull-failnth helper (scripts/lab builds tests/tools/*.c)"
command -v snull-pkt >/dev/null || skip "no snull-pkt helper"
seed=$(seed_from SNULL_SEED)
# SNULL_FAILNTH_STRIDE=1 (kernel command line or environment) sweeps the
# sampled operations in full too: slow, tens of minutes.
stride=$(knob SNULL_FAILNTH_STRIDE)
stride=${stride:-20}
info "parameters: seed $seed, stride $stride for add/insmod (replay: --append SNULL_SEED=$seed)"

FS=/sys/kernel/debug/failslab
FP=/sys/kernel/debug/fail_page_alloc
restore() {
	echo Y >$FS/ignore-gfp-wait
	echo 2 >$FS/verbose
	echo 2 >$FP/verbose
}
trap restore EXIT
# fail-nth counts every allocation failslab may fail: sleeping ones too
echo N >$FS/ignore-gfp-wait
echo N >$FS/cache-filter
echo 0 >$FS/verbose
echo 0 >$FP/verbose

points=0
faults=0
# sweep LABEL FIRST STEP CHECK OP ARGS...: run "snull-failnth N OP ARGS"
# for N = FIRST, FIRST+STEP, ... until N is not reached; after each, CHECK
# RC runs (RC: 0 injected but the operation succeeded, 1 injected and it
# failed).  CHECK returning 2 ends the sweep early.
sweep() {
	sw_label=$1 sw_n=$2 sw_step=$3 sw_check=$4
	shift 4
	sw_t0=$(now)
	sw_pts=0
	while :; do
		_out=$(snull-failnth "$sw_n" "$@")
		sw_rc=$?
		case $sw_rc in
		0 | 1) ;;
		3)	# not reached: the operation ran without a fault, and must
			# have worked; CHECK 0 undoes it like any success
			case $_out in
			*": ok, not reached"*) $sw_check 0 ;;
			*) echo "$_out"; fail "$sw_label: the operation fails without a fault" ;;
			esac
			break
			;;
		*) echo "$_out"; fail "$sw_label: snull-failnth $sw_n $* (status $sw_rc)" ;;
		esac
		sw_pts=$((sw_pts + 1))
		[ $sw_rc = 1 ] && faults=$((faults + 1))
		$sw_check $sw_rc || { [ $? = 2 ] && break; echo "$_out"; fail "$sw_label: state after fail-nth $sw_n"; }
		sw_n=$((sw_n + sw_step))
	done
	points=$((points + sw_pts))
	info "$sw_label: $sw_pts points up to N=$sw_n in $(awk -v a="$sw_t0" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }')s; last: $_out"
}

up() { ip link show "$1" | grep -q LOWER_UP; }
traffic() {	# FROM TO: 5 frames from FROM's packet socket arrive on TO
	_b=$(st "$2" rx_packets)
	snull-pkt send "$1" 60 5 "$(cat /sys/class/net/"$2"/address)" >/dev/null ||
		fail "sending on $1"
	wait_for "[ \$(st $2 rx_packets) -ge $((_b + 5)) ]" 5
}
mtu_of() { cat "/sys/class/net/$1/mtu"; }
rings_of() { ethtool -g "$1" | awk '/^Current/ { c = 1 } c && /^(RX|TX):/ { printf "%s ", $2 }'; }

load_snull
ip link add sf0 type snull peer name sf1 || fail "ip link add sf0"
ip link set sf1 up

# --- open -------------------------------------------------------------------------
check_up() {
	if [ "$1" = 0 ]; then
		up sf0 || return 1
		ip link set sf0 down
	else
		# a failed open leaves the device down
		ip link show sf0 | grep -q '[<,]UP[,>]' && return 1
	fi
	return 0
}
sweep "open (ip link set up)" 1 1 check_up up sf0
ip link set sf0 up
wait_for "up sf0" 5
traffic sf0 sf1
traffic sf1 sf0

# --- MTU and rings, while up ------------------------------------------------------
# A change allocates the new rings before it stops anything: a failure
# leaves the old rings running (no new set was made: debugfs `allocated`
# is unchanged).
allocated() { awk '$1 == "allocated" { print $2 }' "/sys/kernel/debug/snull/$1/rings"; }
check_reconf() {	# the device runs with the old or the new settings
	up sf0 || return 1
	if [ "$1" = 1 ]; then
		[ "$(mtu_of sf0)" = 1500 ] && [ "$(rings_of sf0)" = "256 256 " ] || return 1
		[ "$(allocated sf0)" = "$alloc0" ] || { echo "allocated $(allocated sf0), was $alloc0"; return 1; }
	fi
	ip link set sf0 mtu 1500 && ethtool -G sf0 rx 256 tx 256
	alloc0=$(allocated sf0)
}
alloc0=$(allocated sf0)
sweep "MTU change" 1 1 check_reconf mtu sf0 9000
sweep "ring resize" 1 1 check_reconf rings sf0 512 64
traffic sf0 sf1
traffic sf1 sf0

# The first allocation of the new rings fails (the first fail-nth point
# the driver reports: the ethtool core allocates before it calls us): the
# error reaches the caller and the kernel log, and the pair passes
# traffic on the old rings.
found=
n=1
while [ $n -le 20 ] && [ -z "$found" ]; do
	alloc0=$(allocated sf0)
	echo "snull-test: mark resize-fails-$n" >/dev/kmsg
	_out=$(snull-failnth $n rings sf0 512 64)
	case $? in
	1)	dmesg | sed -n "/snull-test: mark resize-fails-$n\$/,\$p" |
			grep -q "sf0: cannot allocate rings (64/512, MTU 1500): -12; the old ones keep running" &&
			found=$n ;;
	0)	ethtool -G sf0 rx 256 tx 256 || fail "restoring sf0's rings" ;;
	*)	fail "ring resize, fail-nth $n: $_out" ;;
	esac
	n=$((n + 1))
done
[ -n "$found" ] || fail "no fail-nth point up to 20 made the driver's ring allocation fail"
info "the driver's first ring allocation is fail-nth point $found: $_out"
case $_out in
*"Cannot allocate memory"*) ;;
*) fail "ring resize: not ENOMEM: $_out" ;;
esac
assert_eq "$(rings_of sf0)" "256 256 " "sf0 rings after the failed resize"
assert_eq "$(allocated sf0)" "$alloc0" "ring sets allocated (debugfs)"
up sf0 || fail "sf0 lost its link"
traffic sf0 sf1
traffic sf1 sf0

# --- offline self-test -------------------------------------------------------------
check_selftest() {
	# The test may fail (it reports so); the device always comes back
	# with its link: its own rings were never freed.
	up sf0
}
sweep "self-test" 1 1 check_selftest selftest sf0
traffic sf0 sf1

# --- netns move (until the core's first WARN_ON) -------------------------------------
ip netns add fnx || fail "netns add"
check_netns() {
	if dmesg | grep -q 'WARNING:.*__dev_change_net_namespace'; then
		return 2	# the core cannot undo this one: stop here
	fi
	# moved (or moved and only the netlink ack failed): move it back
	if in_netns fnx ip link show sf1 >/dev/null 2>&1; then
		case $1:$_out in
		0:* | 1:*"No buffer space"*) ;;
		*) echo "the move failed but sf1 moved"; return 1 ;;
		esac
		in_netns fnx ip link set sf1 netns 1 || return 1
	fi
	ip link show sf1 >/dev/null 2>&1 || return 1
	ip link set sf1 up
}
# (a move costs seconds on the debug kernel, most of it the core's own
# allocations: every 8th, from a seeded start, so runs cover them all)
first=$((1 + seed % 8))
sweep "netns move (stride 8 from $first)" $first 8 check_netns netns sf1 fnx
if dmesg | grep -q 'WARNING:.*__dev_change_net_namespace'; then
	info "netns move: stopped at the core's WARN_ON; deleting the damaged pair"
	ip link del sf0 2>/dev/null || in_netns fnx ip link del sf1 || fail "deleting the pair"
	ip link add sf0 type snull peer name sf1 || fail "ip link add sf0 again"
	ip link set sf0 up && ip link set sf1 up
	wait_for "up sf0" 5
fi
traffic sf0 sf1
traffic sf1 sf0

# --- ip link add (sampled) ---------------------------------------------------------
check_add() {
	_a=0 _b=0
	[ -e /sys/class/net/sfa ] && _a=1
	[ -e /sys/class/net/sfb ] && _b=1
	[ $_a = $_b ] || { echo "half a pair: sfa $_a sfb $_b"; return 1; }
	# (only the netlink ack may fail after the pair is made: ENOBUFS)
	case $1:$_a:$_out in
	1:1:*"No buffer space"*) ;;
	1:1:*) echo "the add failed but left the pair"; return 1 ;;
	esac
	if [ $_a = 1 ]; then
		ip link del sfa || return 1
	fi
	[ -e /sys/kernel/debug/snull/sfa ] || [ -e /sys/kernel/debug/snull/sfb ] &&
		{ echo "debugfs directory left behind"; return 1; }
	return 0
}
first=$((1 + seed % stride))
sweep "ip link add (stride $stride from $first)" $first "$stride" check_add add sfa sfb
# the tail, densely: the driver's debugfs and the peer's configuration
total=$(snull-failnth 100000 add sfa sfb | sed -n 's/.*(\([0-9]*\) calls).*/\1/p')
ip link del sfa || fail "ip link del sfa (after the counting run)"
[ -n "$total" ] || fail "could not count the allocations of ip link add"
sweep "ip link add (the last 20 of $total)" $((total - 19)) 1 check_add add sfa sfb

# --- insmod: the driver's init, from the end back to the module loader ----------------
# The loader's own allocations come first (and some of its failure paths
# WARN by design): sweep downwards from the last allocation and stop at the
# first failure the driver did not report, i.e. before snull_init.
ip link del sf0
unload_snull
total=$(snull-failnth 100000 insmod "$SNULL_KO" | sed -n 's/.*(\([0-9]*\) calls).*/\1/p')
[ -n "$total" ] && [ -d /sys/module/snull ] || fail "insmod (counting run)"
unload_snull
n=$total
ipts=0
while [ "$n" -gt 0 ]; do
	echo "snull-test: fail-nth insmod $n" >/dev/kmsg
	out=$(snull-failnth "$n" insmod "$SNULL_KO")
	rc=$?
	ipts=$((ipts + 1))
	if [ -d /sys/module/snull ]; then
		[ $rc = 1 ] && fail "insmod failed but the module stayed: $out"
		[ -e /sys/class/net/sn0 ] && [ -e /sys/class/net/sn1 ] ||
			fail "insmod succeeded without its devices: $out"
		unload_snull
	else
		[ $rc = 1 ] || fail "insmod: $out"
		faults=$((faults + 1))
		[ -e /sys/class/net/sn0 ] && fail "a failed insmod left sn0"
		[ -d /sys/kernel/debug/snull ] && fail "a failed insmod left its debugfs directory"
		dmesg | sed -n "\\|snull-test: fail-nth insmod $n\$|,\$p" | grep -q 'snull: cannot create pair' ||
			break	# not the driver's failure: the loader's
	fi
	# densely over the last 15 (debugfs, registration tail), then strided
	if [ $((total - n)) -lt 15 ]; then n=$((n - 1)); else n=$((n - 2 * stride)); fi
done
points=$((points + ipts))
info "insmod: $ipts points from N=$total down to N=$n, the first failure outside snull_init"
assert_ge $((total - n)) 100 "allocations of insmod covered (the driver's init)"

load_snull
book_setup
ping -c 2 -i 0.1 -W 2 remote0 >/dev/null || fail "ping after the sweeps"
info "$points points, $faults operations failed cleanly"
