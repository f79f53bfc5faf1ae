#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The device's KUnit suite (src/hw/hw_kunit.c: rings and wrap-around,
# the filter and its hash, read-to-clear ICR, RX coalescing by frames, a
# short delay overtaking a long one pending,
# the cable and the PHY), on a kernel with KUnit (the debug kernels; the
# module is built only there): every case passes; and loaded with the
# device's ring index broken on purpose (break_ring=1), the ring case
# fails while the others still pass.
# timeout: 120
. "$SNULL_TESTDIR/lib.sh"

KT=/snull/snull_hw_kunit.ko
[ -e $KT ] || skip "no snull_hw_kunit.ko: this kernel has no KUnit"
R=/sys/kernel/debug/kunit/snull_hw/results

run_suite() {	# run_suite [PARAM]: load, keep the results, unload
	insmod $KT "$@" || fail "insmod snull_hw_kunit $*"
	[ -e $R ] || fail "no KUnit results at $R"
	cat $R >results.txt
	rmmod snull_hw_kunit || fail "rmmod snull_hw_kunit"
	grep -E '^[[:space:]]*(not )?ok [0-9]+ ' results.txt | sed "s/^/    $* | /"
}

case_is() {	# case_is CASE ok|"not ok"
	grep -Eq "^[[:space:]]*$2 [0-9]+ $1\$" results.txt ||
		fail "KUnit case $1: expected '$2'"
}

CASES="snull_hw_test_rings snull_hw_test_filter snull_hw_test_icr snull_hw_test_coalesce snull_hw_test_itr_shorter snull_hw_test_wire"

run_suite
for c in $CASES; do
	case_is $c ok
done
grep -Eq '^ok [0-9]+ snull_hw$' results.txt || fail "the snull_hw suite did not pass"

run_suite break_ring=1
case_is snull_hw_test_rings "not ok"
for c in $CASES; do
	[ $c = snull_hw_test_rings ] || case_is $c ok
done
grep -Eq '^not ok [0-9]+ snull_hw$' results.txt || fail "the suite passed with a broken ring index"
