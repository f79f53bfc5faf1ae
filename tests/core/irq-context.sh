#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The interrupt: how it reaches the driver and in which context its
# handler runs, in both ISR modes.
# - Where the kernel has the interrupt simulator (irq_domain_create_sim in
#   kallsyms: Debian's 7.x, the debug kernels), the card has a Linux IRQ
#   that snull requests on open: /proc/interrupts has a line per
#   interface (chip irq_sim), counting at least the ISR runs the trace
#   saw; it is gone after rmmod.  The
#   handler runs in hard-IRQ context -- on PREEMPT_RT in its IRQ thread
#   (irq/N-sn0), with BH off.
# - Elsewhere the card's timer calls the registered handler: hard-IRQ
#   context (the trace's irq-context flag 'h', or 'H' inside a softirq),
#   except on PREEMPT_RT, where the timer is not a hard one and expires in
#   softirq context ('s'): the use_napi=0 ISR's netif_rx() and page
#   allocations, whose locks sleep on RT, must never run in hard-IRQ
#   context.
# timeout: 90
. "$SNULL_TESTDIR/lib.sh"

T=/sys/kernel/tracing
[ -e "$T/trace" ] || skip "no tracefs at $T"
irqsim=0
grep -qw irq_domain_create_sim /proc/kallsyms && irqsim=1
rt=0
uname -v | grep -qw PREEMPT_RT && rt=1
if [ $irqsim = 1 ] && [ $rt = 1 ]; then
	want='[b.]' what="its IRQ thread (PREEMPT_RT, BH off)"
elif [ $rt = 1 ]; then
	want=s what="softirq (PREEMPT_RT, the card's timer)"
else
	want='[hH]' what="hard IRQ"
fi
info "this kernel: $(uname -v); irq_sim: $irqsim; the ISR should run in $what context"

# sum of the /proc/interrupts counts of the line named $1
irq_count() {
	awk -v n="$1" '$NF == n { s = 0; for (i = 2; i <= NF; i++) if ($i ~ /^[0-9]+$/) s += $i; else break; print s; f = 1 }
		END { if (!f) print "none" }' /proc/interrupts
}

for napi in 1 0; do
	load_snull use_napi=$napi
	book_setup
	if [ $irqsim = 1 ]; then
		grep -E ' sn[01]$' /proc/interrupts | sed 's/^/    /'
		grep -qE 'irq_sim.* sn0$' /proc/interrupts || fail "no irq_sim line for sn0 in /proc/interrupts"
		before=$(( $(irq_count sn0) + $(irq_count sn1) ))
	else
		grep -qE ' sn[01]$' /proc/interrupts && fail "an IRQ line for snull without irq_sim"
	fi
	echo >"$T/trace"
	echo 1 >"$T/events/snull/snull_isr/enable" || fail "cannot enable snull_isr"
	ping -c "$(scaled 10)" -i 0.2 -W 2 remote0 >/dev/null || fail "ping remote0 (use_napi=$napi)"
	echo 0 >"$T/events/snull/snull_isr/enable"
	grep 'snull_isr:' "$T/trace" >isr.txt
	n=$(wc -l <isr.txt)
	info "use_napi=$napi: $n ISR runs, e.g. $(head -n1 isr.txt)"
	assert_ge "$n" 2 "ISR runs with use_napi=$napi"
	# the third latency flag after "] " is the context: h/H hard IRQ,
	# s softirq, b BH disabled in task context, . task context
	if grep -v "\] ..$want" isr.txt >wrong.txt; then
		sed 's/^/    /' wrong.txt
		fail "use_napi=$napi: $(wc -l <wrong.txt) of $n ISR runs not in $what context"
	fi
	if [ $irqsim = 1 ]; then
		after=$(( $(irq_count sn0) + $(irq_count sn1) ))
		info "use_napi=$napi: /proc/interrupts counted $((after - before)) for sn0 and sn1"
		# the line counts every run; the trace only those while enabled
		assert_ge "$((after - before))" "$n" "/proc/interrupts count vs ISR runs"
		if [ $rt = 1 ] && grep -v ' irq/[0-9]*-sn[01]-' isr.txt >wrong.txt; then
			sed 's/^/    /' wrong.txt
			fail "use_napi=$napi: ISR runs outside the IRQ threads"
		fi
	fi
	unload_snull
	if grep -qE ' sn[01]$' /proc/interrupts; then
		grep -E ' sn[01]$' /proc/interrupts
		fail "IRQ lines left behind after rmmod"
	fi
done
