#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The context of the interrupt line, in both ISR modes: every snull_isr
# event is in hard-IRQ context (the trace's irq-context flag 'h', or 'H'
# inside a softirq), as a device interrupt is -- except on a PREEMPT_RT
# kernel (uname -v says PREEMPT_RT), where the line's hrtimer is not a hard
# one and expires in softirq context ('s'), as RT runs interrupt handlers
# in threads: there the use_napi=0 ISR's netif_rx() and page allocations,
# whose locks sleep on RT, must never run in hard-IRQ context.
# timeout: 90
. "$SNULL_TESTDIR/lib.sh"

T=/sys/kernel/tracing
[ -e "$T/trace" ] || skip "no tracefs at $T"
if uname -v | grep -qw PREEMPT_RT; then
	want=s what="softirq (PREEMPT_RT)"
else
	want='[hH]' what="hard IRQ"
fi
info "this kernel: $(uname -v); the ISR should run in $what context"

for napi in 1 0; do
	load_snull use_napi=$napi
	book_setup
	echo >"$T/trace"
	echo 1 >"$T/events/snull/snull_isr/enable" || fail "cannot enable snull_isr"
	ping -c "$(scaled 10)" -i 0.2 -W 2 remote0 >/dev/null || fail "ping remote0 (use_napi=$napi)"
	echo 0 >"$T/events/snull/snull_isr/enable"
	grep 'snull_isr:' "$T/trace" >isr.txt
	n=$(wc -l <isr.txt)
	info "use_napi=$napi: $n ISR runs, e.g. $(head -n1 isr.txt)"
	assert_ge "$n" 2 "ISR runs with use_napi=$napi"
	# the third latency flag after "] " is the context: h/H hard IRQ, s softirq
	if grep -v "\] ..$want" isr.txt >wrong.txt; then
		sed 's/^/    /' wrong.txt
		fail "use_napi=$napi: $(wc -l <wrong.txt) of $n ISR runs not in $what context"
	fi
	unload_snull
done
