#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Tracepoints: with events/snull enabled, one ping in the book's mode shows
# the whole path of the request in order: snull_xmit on sn0, snull_dma
# sn0 -> sn1, snull_irq_raise (RX) on sn1, snull_isr on sn1, snull_rx of
# the frame on sn1, snull_poll on sn1 (logged as the poll returns, with the
# frames it passed up), the sender's TX completion (irq_raise TX, isr,
# and a tx_clean on sn0 after the xmit); and the reply makes the same trip
# back.  With
# use_napi=0 the ISR delivers (no poll event).
# timeout: 60
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

# in_order FILE PATTERN...: the patterns match lines of FILE in this order
# (each after the previous one's line).
in_order() {
	_f=$1
	shift
	_after=0
	for _p in "$@"; do
		_l=$(awk -v a="$_after" -v p="$_p" 'NR > a && $0 ~ p { print NR; exit }' "$_f")
		[ -n "$_l" ] || { cat "$_f"; fail "trace: no '$_p' after line $_after"; }
		_after=$_l
	done
}

ping_traced() {	# ping_traced: one ping to remote0, the trace in trace.txt
	echo >"$TRACEFS/trace"
	echo 1 >"$TRACEFS/events/snull/enable" || fail "cannot enable events/snull"
	ping_ok "" -c 1 -W 2 remote0
	sleep 0.2
	echo 0 >"$TRACEFS/events/snull/enable"
	grep snull_ "$TRACEFS/trace" >trace.txt
	sed 's/^/    /' trace.txt
}

[ -d "$TRACEFS/events/snull" ] && fail "events/snull exists before insmod"
load_snull
for e in snull_xmit snull_dma snull_irq_raise snull_isr snull_poll snull_rx \
	snull_tx_clean snull_tx_hang snull_tx_timeout; do
	[ -d "$TRACEFS/events/snull/$e" ] || fail "no tracepoint $e"
done
# each number has a name, in the format (for filters) and in the output
for ef in snull_irq_raise:causes snull_isr:status snull_tx_clean:count \
	snull_tx_hang:index snull_tx_timeout:queue snull_poll:done; do
	e=${ef%:*} f=${ef#*:}
	grep -q "field:[a-z0-9 ]* $f;" "$TRACEFS/events/snull/$e/format" ||
		fail "$e has no field '$f'"
	grep -q "print fmt: \".*$f=" "$TRACEFS/events/snull/$e/format" ||
		fail "$e does not print $f="
done
dev_no_ipv6 sn0 sn1
book_setup
wait_for "ip link show sn0 | grep -q LOWER_UP" 5
ping_ok "" -c 1 -W 2 remote0

ping_traced
# The request, sn0 -> sn1.
in_order trace.txt 'snull_xmit: dev=sn0 len=98 proto=0x0800' \
	'snull_dma: sn0 -> sn1 len=98 copy' \
	'snull_irq_raise: dev=sn1 causes=0x1' \
	'snull_isr: dev=sn1 status=0x1' \
	'snull_rx: dev=sn1 len=84 proto=0x0800' \
	'snull_poll: dev=sn1 budget=64 done=1'
# The sender's TX completion: the cause is raised, the ISR sees it, the
# descriptor is reclaimed -- though not always by that ISR's poll: a poll
# that runs for the reply reclaims every finished descriptor.  On
# PREEMPT_RT the timer thread preempts the sender between the receiver's
# RX cause and its own TX cause, and the reply's poll reclaims first.
in_order trace.txt 'snull_xmit: dev=sn0' \
	'snull_irq_raise: dev=sn0 causes=0x2' \
	'snull_isr: dev=sn0 status=0x[23]'
in_order trace.txt 'snull_xmit: dev=sn0' 'snull_tx_clean: dev=sn0 count=1'
# The reply, sn1 -> sn0, after the request was received.  sn0's poll may
# already be scheduled by its TX-complete interrupt and pick the reply up
# (the RX cause then fires once more, finding nothing): an ISR of sn0
# before the reply's snull_rx is all that is certain.
in_order trace.txt 'snull_rx: dev=sn1' \
	'snull_xmit: dev=sn1 len=98' \
	'snull_dma: sn1 -> sn0 len=98 copy' \
	'snull_irq_raise: dev=sn0 causes=0x1' \
	'snull_rx: dev=sn0 len=84' \
	'snull_poll: dev=sn0 budget=64 done=1'
in_order trace.txt 'snull_xmit: dev=sn0' 'snull_isr: dev=sn0' 'snull_rx: dev=sn0'
in_order trace.txt 'snull_xmit: dev=sn1' 'snull_tx_clean: dev=sn1 count=1'
assert_eq "$(grep -c snull_xmit trace.txt)" 2 "snull_xmit events for one ping"
assert_eq "$(grep -c snull_dma trace.txt)" 2 "snull_dma events for one ping"
assert_eq "$(grep -c snull_rx trace.txt)" 2 "snull_rx events for one ping"

# Interrupt mode: the ISR passes the frame up itself.
unload_snull
load_snull use_napi=0
dev_no_ipv6 sn0 sn1
book_setup
wait_for "ip link show sn0 | grep -q LOWER_UP" 5
ping_ok "" -c 1 -W 2 remote0
ping_traced
in_order trace.txt 'snull_xmit: dev=sn0' 'snull_dma: sn0 -> sn1' \
	'snull_irq_raise: dev=sn1 causes=0x1' 'snull_isr: dev=sn1 status=0x1' 'snull_rx: dev=sn1'
grep -q snull_poll trace.txt && fail "snull_poll with use_napi=0"
in_order trace.txt 'snull_rx: dev=sn1' 'snull_xmit: dev=sn1' 'snull_rx: dev=sn0'
