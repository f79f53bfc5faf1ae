#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The book's walkthrough in NAPI mode: ping remote0 and remote1 with the
# /etc/hosts names, tcpdump on both ends, exact counters in three views.
# timeout: 120
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/core/book.inc"

book_walkthrough use_napi=1
assert_ge "$(ethtool_stat sn1 napi_polls)" 1 "sn1 NAPI polls"
# every interrupt masked for NAPI, but the link's (sn1's came up with it)
assert_ge "$(ethtool_stat sn1 irq_link)" 1 "sn1 link interrupts"
assert_eq "$(ethtool_stat sn1 irqs)" \
	"$(($(ethtool_stat sn1 irq_masked) + $(ethtool_stat sn1 irq_link)))" \
	"sn1 interrupts: masked for NAPI, or the link's"
