#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The book's walkthrough with use_napi=0: the ISR hands each frame to
# netif_rx(), and the same pings, captures and counters hold.
# timeout: 120
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/core/book.inc"

book_walkthrough use_napi=0
assert_eq "$(ethtool_stat sn1 napi_polls)" 0 "sn1 NAPI polls without NAPI"
assert_eq "$(ethtool_stat sn1 irq_masked)" 0 "sn1 masked interrupts without NAPI"
