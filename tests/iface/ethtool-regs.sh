#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ethtool -d: the register dump of the simulated NIC (version 1, struct
# snull_regs) holds the interrupt status/mask, RX control, running state,
# ring sizes and the ring indices, which match the traffic that crossed
# (head = done = clean = frames sent, filled = next = frames received,
# posted - next = ring size), the multicast hash and the coalescing
# registers; debugfs regs/rings show the same values.
# timeout: 60
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/iface/iface.inc"

r() { awk -v k="$1" '$1 == k { print $2 }' "$2.regs"; }

load_snull
dev_no_ipv6 sn0 sn1

# Down: the engines are off.
ethtool -d sn0 >hex.out || fail "ethtool -d sn0"
grep -q "^0x0000:" hex.out || { cat hex.out; fail "ethtool -d sn0: no hex dump"; }
assert_eq "$(ethtool -d sn0 raw on | wc -c)" 76 "register dump length (19 registers)"
assert_eq "$(reg sn0 running)" 0 "sn0 running while down"

book_setup
wait_for "ip link show sn0 | grep -q LOWER_UP" 5
n=$(scaled 10)
ping_ok "" -c "$n" -i 0.1 -W 2 remote0
sleep 0.3
ethtool -C sn0 rx-usecs 7 rx-frames 3 tx-usecs 9 || fail "ethtool -C"
for d in sn0 sn1; do
	regs $d >$d.regs
	sed 's/^/    /' $d.regs
	sent=$(stat_of $d tx_packets)
	recv=$(stat_of $d rx_packets)
	assert_eq "$(r running $d)" 1 "$d running"
	assert_eq "$(r irq_mask $d)" 7 "$d irq_mask (RX|TX|LSC unmasked when idle)"
	assert_eq "$(r irq_status $d)" 0 "$d irq_status when idle"
	assert_eq "$(r rx_ctl $d)" 0 "$d rx_ctl (no promisc, no allmulti)"
	assert_eq "$(r tx_size $d)" 256 "$d tx_size"
	assert_eq "$(r rx_size $d)" 256 "$d rx_size"
	assert_ge "$(r rx_buf_len $d)" 1518 "$d rx_buf_len (MTU + Ethernet + VLAN header)"
	assert_eq "$(r tx_hung $d)" 0 "$d tx_hung"
	for i in tx_head tx_done tx_clean; do
		assert_eq "$(r $i $d)" "$sent" "$d $i (frames sent: $sent)"
	done
	for i in rx_filled rx_next; do
		assert_eq "$(r $i $d)" "$recv" "$d $i (frames received: $recv)"
	done
	assert_eq $(($(r rx_posted $d) - $(r rx_next $d))) 256 "$d RX buffers posted ahead"
	# debugfs shows the same registers and indices
	grep -q "^tx size 256 head $sent done $sent clean $sent in_flight 0$" "$DBGFS/$d/rings" ||
		fail "$d debugfs rings: $(head -n1 "$DBGFS/$d/rings")"
	grep -q "filled $recv next $recv waiting 0$" "$DBGFS/$d/rings" ||
		fail "$d debugfs rings: $(tail -n1 "$DBGFS/$d/rings")"
	hash=$(printf '%08x%08x' "$(r mc_hash_hi $d)" "$(r mc_hash_lo $d)")
	assert_eq "$(dbg_val $d mc_hash)" "$hash" "$d mc_hash (debugfs vs ethtool -d)"
done
# 224.0.0.1 (01:00:5e:00:00:01) is always joined: CRC bin 31.
assert_eq $(($(r mc_hash_lo sn0) & 0x80000000)) $((0x80000000)) "bin 31 (224.0.0.1) in sn0's hash"
assert_eq "$(r rx_usecs sn0) $(r rx_frames sn0) $(r tx_usecs sn0)" "7 3 9" "sn0 coalescing registers"

# A promiscuous device shows it in rx_ctl (bit 0), allmulti in bit 1.
ip link set sn1 promisc on
assert_eq "$(reg sn1 rx_ctl)" 1 "sn1 rx_ctl with promisc on"
ip link set sn1 allmulticast on
assert_eq "$(reg sn1 rx_ctl)" 3 "sn1 rx_ctl with promisc and allmulti"
ip link set sn1 promisc off
ip link set sn1 allmulticast off
assert_eq "$(reg sn1 rx_ctl)" 0 "sn1 rx_ctl back to 0"
