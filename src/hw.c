// SPDX-License-Identifier: GPL-2.0
/*
 * snull: the simulated NIC.
 *
 * This file is the "hardware".  It owns the descriptor rings, the interrupt
 * status/mask registers, the RX filter and the DMA engine that moves a frame
 * from the sender's TX ring into a buffer the receiver posted on its RX
 * ring.  The interrupt line is an hrtimer, firing in hard-IRQ context
 * (softirq on PREEMPT_RT, see snull_hw_init()), whose handler calls the
 * driver's ISR, snull_interrupt(), exactly where the IRQ core would.
 * Nothing outside this file looks inside struct snull_hw.
 *
 * The TX engine runs when the driver rings the doorbell (snull_hw_tx_kick)
 * from ndo_start_xmit: BH disabled, sender's TX queue lock held.  It takes
 * the receiver's rx_lock while it writes into the receiver's RX ring.
 */
#include <linux/ip.h>
#include <net/ip.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/prandom.h>
#include <net/checksum.h>

#include "snull.h"
#include "snull_hw.h"
#include "snull_trace.h"

static inline u32 snull_ring_slot(u32 idx, u32 size)
{
	return idx & (size - 1);
}

/* ---- interrupt line ---------------------------------------------------- */

static enum hrtimer_restart snull_hw_irq_fire(struct hrtimer *timer)
{
	struct snull_hw *hw = container_of(timer, struct snull_hw, irq_timer);
	struct snull_priv *priv = container_of(hw, struct snull_priv, hw);

	/* Cleared before the ISR reads status: a cause raised from now on
	 * re-arms the line, so no event can fall between the two.
	 */
	clear_bit(SNULL_HW_IRQ_ARMED, &hw->flags);
	atomic_set(&hw->rx_pending, 0);
	snull_interrupt(priv);
	return HRTIMER_NORESTART;
}

static void snull_hw_arm(struct snull_hw *hw, u32 usecs)
{
	if (!test_bit(SNULL_HW_RUNNING, &hw->flags))
		return;
	if (test_and_set_bit(SNULL_HW_IRQ_ARMED, &hw->flags)) {
		/* Already pending; only an earlier deadline matters. */
		if (usecs)
			return;
	}
	hrtimer_start(&hw->irq_timer, ns_to_ktime((u64)usecs * NSEC_PER_USEC),
		      HRTIMER_MODE_REL);
}

/*
 * The coalescing delay before @bits assert the line: the shorter of the
 * causes' rx-usecs/tx-usecs, none once rx-frames frames are waiting.
 */
static u32 snull_hw_irq_delay(struct snull_hw *hw, u32 bits)
{
	u32 usecs = U32_MAX, max;

	if (bits & SNULL_IRQ_RX) {
		max = READ_ONCE(hw->rx_frames);
		if (max && atomic_read(&hw->rx_pending) >= max)
			return 0;
		usecs = READ_ONCE(hw->rx_usecs);
	}
	if (bits & SNULL_IRQ_TX)
		usecs = min(usecs, READ_ONCE(hw->tx_usecs));
	return usecs + READ_ONCE(hw->faults.delay_us);
}

/*
 * Latch causes into the status register and, if any is unmasked, assert
 * the line after the coalescing delay.  rx-frames cuts the delay short.
 */
static void snull_hw_raise(struct snull_priv *priv, u32 bits, u32 frames)
{
	struct snull_hw *hw = &priv->hw;

	atomic_or(bits, &hw->irq_status);
	/* Frames count while masked too: they are waiting all the same.
	 * Only rx-frames reads the count, so skip the atomic without it.
	 */
	if (frames && READ_ONCE(hw->rx_frames))
		atomic_add(frames, &hw->rx_pending);
	/* Status before mask; snull_hw_irq_unmask() does mask before status,
	 * so one of the two sides always sees the other and arms the line.
	 */
	smp_mb__after_atomic();
	trace_snull_irq_raise(priv->dev, bits);
	if (!(atomic_read(&hw->irq_mask) & bits))
		return;
	snull_hw_arm(hw, snull_hw_irq_delay(hw, bits));
}

/* Read-to-clear of the unmasked causes, as the ISR's first register read. */
u32 snull_hw_irq_ack(struct snull_hw *hw)
{
	u32 pending = atomic_read(&hw->irq_status) & atomic_read(&hw->irq_mask);

	if (pending)
		atomic_andnot(pending, &hw->irq_status);
	return pending;
}

void snull_hw_irq_mask(struct snull_hw *hw)
{
	atomic_set(&hw->irq_mask, 0);
}

/*
 * Unmask.  A cause that was latched while masked asserts the line again,
 * after the same coalescing delay as a new one: the delay throttles the
 * interrupt rate, as a NIC's interrupt throttle timer does, or the poll
 * that just finished would be followed at once by another for the frame
 * or two that came in meanwhile.
 */
void snull_hw_irq_unmask(struct snull_priv *priv)
{
	struct snull_hw *hw = &priv->hw;
	u32 pending;

	atomic_set(&hw->irq_mask, SNULL_IRQ_ALL);
	smp_mb__after_atomic();	/* pairs with atomic_or() in raise */
	pending = atomic_read(&hw->irq_status) & SNULL_IRQ_ALL;
	if (pending)
		snull_hw_arm(hw, snull_hw_irq_delay(hw, pending));
}

/* ---- rings ------------------------------------------------------------- */

/*
 * Point the engines at descriptor rings in driver memory, as a driver
 * writes a ring's base and length registers.  Engines stopped; the
 * indices start from zero, nothing posted yet (snull_hw_rx_post() is the
 * tail register).
 */
void snull_hw_attach_rings(struct snull_hw *hw, struct snull_tx_desc *tx,
			   u32 tx_size, struct snull_rx_desc *rx, u32 rx_size,
			   u32 buf_len)
{
	WARN_ON_ONCE(test_bit(SNULL_HW_RUNNING, &hw->flags));
	hw->tx.desc = tx;
	hw->tx.size = tx_size;
	hw->tx.head = 0;
	hw->tx.done = 0;
	hw->tx.clean = 0;
	hw->rx.desc = rx;
	hw->rx.size = rx_size;
	hw->rx.buf_len = buf_len;
	hw->rx.posted = 0;
	hw->rx.filled = 0;
	hw->rx.next = 0;
}

/* Forget the rings (the driver frees them).  Engines stopped. */
void snull_hw_detach_rings(struct snull_hw *hw)
{
	WARN_ON_ONCE(test_bit(SNULL_HW_RUNNING, &hw->flags));
	hw->tx.desc = NULL;
	hw->tx.size = 0;
	hw->rx.desc = NULL;
	hw->rx.size = 0;
}

/* ---- engines on/off ---------------------------------------------------- */

void snull_hw_init(struct snull_priv *priv)
{
	struct snull_hw *hw = &priv->hw;

	spin_lock_init(&hw->rx_lock);
	/*
	 * Not HRTIMER_MODE_REL_HARD: without PREEMPT_RT the line fires in
	 * hard-IRQ context, as a device interrupt does; on PREEMPT_RT a timer
	 * not marked hard expires in softirq context, as RT runs interrupt
	 * handlers in threads, and for the same reason: the ISR of use_napi=0
	 * calls netif_rx() and the page allocator, whose locks sleep there.
	 */
	hrtimer_setup(&hw->irq_timer, snull_hw_irq_fire, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL);
	hw->rx_usecs = snull_irq_delay_us;
	hw->tx_usecs = snull_irq_delay_us;
	hw->rx_frames = 0;
}

/* Process context, rtnl held, rings allocated and RX buffers posted. */
void snull_hw_start(struct snull_priv *priv)
{
	struct snull_hw *hw = &priv->hw;

	ASSERT_RTNL();
	hw->tx_hung = false;
	hw->tx_engine_count = 0;
	atomic_set(&hw->irq_status, 0);
	atomic_set(&hw->rx_pending, 0);
	set_bit(SNULL_HW_RUNNING, &hw->flags);

	spin_lock_bh(&hw->rx_lock);
	hw->rx_enabled = true;
	spin_unlock_bh(&hw->rx_lock);

	snull_hw_irq_unmask(priv);
}

/*
 * Stop both engines and the interrupt line.  The caller has already stopped
 * ndo_start_xmit (netif_tx_disable) and disabled NAPI, so the only remaining
 * sources of activity are the peer's TX engine, fenced off by rx_lock, and
 * a pending or running timer, which hrtimer_cancel() waits for.
 */
void snull_hw_stop(struct snull_priv *priv)
{
	struct snull_hw *hw = &priv->hw;

	spin_lock_bh(&hw->rx_lock);
	hw->rx_enabled = false;
	spin_unlock_bh(&hw->rx_lock);

	snull_hw_irq_mask(hw);
	clear_bit(SNULL_HW_RUNNING, &hw->flags);
	hrtimer_cancel(&hw->irq_timer);
	clear_bit(SNULL_HW_IRQ_ARMED, &hw->flags);
}

/* Engines enabled: between snull_hw_start() and snull_hw_stop(). */
bool snull_hw_running(const struct snull_hw *hw)
{
	return test_bit(SNULL_HW_RUNNING, &hw->flags);
}

/* ---- transmit ---------------------------------------------------------- */

u32 snull_hw_tx_free(const struct snull_hw *hw)
{
	return hw->tx.size - (hw->tx.head - READ_ONCE(hw->tx.clean));
}

unsigned int snull_hw_tx_pending(const struct snull_hw *hw)
{
	return hw->tx.head - READ_ONCE(hw->tx.clean);
}

/* xmit context: fill the next TX descriptor.  Caller checked free space. */
void snull_hw_tx_post(struct snull_hw *hw, struct sk_buff *skb)
{
	struct snull_tx_desc *d = &hw->tx.desc[snull_ring_slot(hw->tx.head,
							       hw->tx.size)];

	d->skb = skb;
	d->len = skb->len;
	d->status = 0;
	hw->tx.head++;
}

/*
 * The address trick of LDD3: flip the lowest bit of the third octet of
 * both IPv4 addresses, so 192.168.0.x and 192.168.1.x swap on the wire.
 * The IP checksum and, for TCP and UDP, the pseudo-header part of the L4
 * checksum are updated incrementally.  Every read is bounds checked: a
 * malformed frame is simply left alone.  @skb is the zero-copy skb whose
 * checksum state matters, or NULL for a plain buffer with final sums.
 */
static void snull_flip(struct sk_buff *skb, u8 *data, unsigned int avail)
{
	const struct ethhdr *eth = (const struct ethhdr *)data;
	__be32 oldsrc, olddst, newsrc, newdst;
	bool partial = skb && skb->ip_summed == CHECKSUM_PARTIAL;
	__sum16 *l4sum = NULL;
	struct iphdr *iph;
	unsigned int ihl;

	if (avail < ETH_HLEN + sizeof(*iph) || eth->h_proto != htons(ETH_P_IP))
		return;
	iph = (struct iphdr *)(data + ETH_HLEN);
	ihl = iph->ihl * 4;
	if (iph->version != 4 || ihl < sizeof(*iph) || avail < ETH_HLEN + ihl)
		return;
	avail -= ETH_HLEN + ihl;

	/* Only the first fragment carries the L4 header. */
	if (!(iph->frag_off & htons(IP_OFFSET))) {
		u8 *l4 = (u8 *)iph + ihl;

		if (iph->protocol == IPPROTO_TCP && avail >= sizeof(struct tcphdr))
			l4sum = &((struct tcphdr *)l4)->check;
		else if (iph->protocol == IPPROTO_UDP &&
			 avail >= sizeof(struct udphdr) &&
			 (((struct udphdr *)l4)->check || partial))
			l4sum = &((struct udphdr *)l4)->check;
	}

	oldsrc = iph->saddr;
	olddst = iph->daddr;
	newsrc = oldsrc ^ htonl(0x00000100);
	newdst = olddst ^ htonl(0x00000100);

	iph->saddr = newsrc;
	iph->daddr = newdst;
	csum_replace4(&iph->check, oldsrc, newsrc);
	csum_replace4(&iph->check, olddst, newdst);
	if (l4sum && skb) {
		/* Zero-copy: the skb may carry a partial checksum. */
		inet_proto_csum_replace4(l4sum, skb, oldsrc, newsrc, true);
		inet_proto_csum_replace4(l4sum, skb, olddst, newdst, true);
	} else if (l4sum) {
		csum_replace4(l4sum, oldsrc, newsrc);
		csum_replace4(l4sum, olddst, newdst);
	}
	if (l4sum && iph->protocol == IPPROTO_UDP && !*l4sum)
		*l4sum = CSUM_MANGLED_0;
}

static bool snull_hw_mc_match(const struct snull_hw *rx, const u8 *addr)
{
	return rx->mc_hash & BIT_ULL(snull_mc_bin(addr));
}

/*
 * The receiver's address filter, as a NIC applies it before it spends a
 * descriptor.  Called with the receiver's rx_lock held.
 */
static bool snull_hw_filter(struct snull_priv *rpriv, const u8 *dest)
{
	struct snull_hw *rx = &rpriv->hw;
	struct snull_hwrx_stats *st = &rpriv->hwrx_stats;
	bool promisc = rx->rx_ctl & SNULL_RXCTL_PROMISC;

	lockdep_assert_held(&rx->rx_lock);
	if (likely(ether_addr_equal(dest, rx->mac)) ||
	    is_broadcast_ether_addr(dest))
		return true;

	if (is_multicast_ether_addr(dest)) {
		if ((rx->rx_ctl & SNULL_RXCTL_ALLMULTI) ||
		    snull_hw_mc_match(rx, dest))
			return true;
		u64_stats_update_begin(&st->syncp);
		if (promisc)
			u64_stats_inc(&st->promisc_accepted);
		else
			u64_stats_inc(&st->mc_filtered);
		u64_stats_update_end(&st->syncp);
		return promisc;
	}

	u64_stats_update_begin(&st->syncp);
	if (promisc)
		u64_stats_inc(&st->promisc_accepted);
	else
		u64_stats_inc(&st->uc_filtered);
	u64_stats_update_end(&st->syncp);
	return promisc;
}

static void snull_hw_rx_count(struct snull_priv *rpriv, u64_stats_t *ctr)
{
	u64_stats_update_begin(&rpriv->hwrx_stats.syncp);
	u64_stats_inc(ctr);
	u64_stats_update_end(&rpriv->hwrx_stats.syncp);
}

/* Fault knobs: a cheap per-frame dice roll, only when a knob is set. */
static bool snull_hw_roll(u32 permille)
{
	return permille && get_random_u32_below(1000) < permille;
}

/*
 * "DMA" one frame from @skb into a buffer on the receiver's RX ring.
 * Receiver's rx_lock held.  Returns true if the frame landed on the ring.
 *
 * Copy mode moves the bytes the way a NIC does: gather the fragments into
 * the posted buffer, finish a CHECKSUM_PARTIAL checksum on the way (the
 * TX checksum offload), apply the wire's address trick, and compute the
 * receive checksum over everything past the Ethernet header (the
 * CHECKSUM_COMPLETE that NETIF_F_RXCSUM advertises).
 */
static bool snull_hw_dma(struct snull_priv *spriv, struct snull_priv *rpriv,
			 struct sk_buff *skb, bool zerocopy)
{
	struct snull_hw *rx = &rpriv->hw;
	struct snull_rx_desc *d;
	u32 len = skb->len, avail;
	bool readdress;
	u8 *data;

	lockdep_assert_held(&rx->rx_lock);
	if (unlikely(len < ETH_HLEN)) {
		snull_hw_rx_count(rpriv, &rpriv->hwrx_stats.rx_length_errors);
		return false;
	}
	/*
	 * No ARP in book mode: the stack addressed the frame to the sender's
	 * own MAC (what a NOARP device does); the crossed wire readdresses it
	 * to the receiver along with the IP addresses.
	 */
	readdress = snull_flip_on(spriv) &&
		    ether_addr_equal(skb->data, spriv->dev->dev_addr);
	if (!readdress && !snull_hw_filter(rpriv, skb->data))
		return false;
	if (unlikely(snull_hw_roll(READ_ONCE(rx->faults.drop_permille)))) {
		snull_hw_rx_count(rpriv, &rpriv->hwrx_stats.rx_fault_dropped);
		return false;
	}
	/* A frame longer than the receiver's buffers (its MTU) is a giant.
	 * Only zero-copy carries GSO super-packets, as veth does.
	 */
	if (unlikely(skb_is_gso(skb) ? !zerocopy : len > rx->rx.buf_len)) {
		snull_hw_rx_count(rpriv, &rpriv->hwrx_stats.rx_length_errors);
		return false;
	}
	/* Acquire: the buffer pointer of a posted slot is visible. */
	if (unlikely(rx->rx.filled == smp_load_acquire(&rx->rx.posted))) {
		snull_hw_rx_count(rpriv, &rpriv->hwrx_stats.rx_missed);
		return false;
	}

	d = &rx->rx.desc[snull_ring_slot(rx->rx.filled, rx->rx.size)];
	d->status = SNULL_DESC_DONE;
	d->len = len;

	if (zerocopy) {
		/* The sender's skb itself becomes the received frame. */
		d->frame = skb;
		d->status |= SNULL_DESC_SKB;
		data = skb->data;
		avail = skb_headlen(skb);
	} else {
		data = page_address(d->page) + SNULL_RX_HEADROOM;
		avail = len;
		if (skb_copy_bits(skb, 0, data, len)) {
			snull_hw_rx_count(rpriv,
					  &rpriv->hwrx_stats.rx_length_errors);
			return false;
		}
		if (skb->ip_summed == CHECKSUM_PARTIAL) {
			int start = skb_checksum_start_offset(skb);
			__sum16 *field = (__sum16 *)(data + start +
						     skb->csum_offset);

			/* RFC 768: a UDP sum of 0 goes out as 0xFFFF, since
			 * 0 means "no checksum" (for TCP both are the same).
			 */
			*field = csum_fold(csum_partial(data + start,
							len - start, 0)) ?:
				 CSUM_MANGLED_0;
		}
	}

	if (snull_flip_on(spriv)) {
		if (readdress)
			ether_addr_copy(data, rx->mac);	/* h_dest */
		snull_flip(zerocopy ? skb : NULL, data, avail);
	}

	if (unlikely(!zerocopy &&
		     snull_hw_roll(READ_ONCE(rx->faults.corrupt_permille)) &&
		     len > ETH_HLEN)) {
		data[ETH_HLEN + get_random_u32_below(len - ETH_HLEN)] ^= 1;
		snull_hw_rx_count(rpriv, &rpriv->hwrx_stats.rx_corrupted);
	}

	if (!zerocopy && (rpriv->dev->features & NETIF_F_RXCSUM)) {
		d->csum = csum_partial(data + ETH_HLEN, len - ETH_HLEN, 0);
		d->status |= SNULL_DESC_CSUM;
	}

	trace_snull_dma(spriv->dev, rpriv->dev, len, zerocopy);
	/* Descriptor contents before the index that publishes them. */
	smp_store_release(&rx->rx.filled, rx->rx.filled + 1);
	return true;
}

/*
 * Prepare the sender's skb for zero-copy hand-over (xmit context, BH off,
 * the receiver's rx_lock held, so GFP_ATOMIC): the peer needs an skb of
 * its own, without the sender's socket or netns state, and the address
 * trick needs writable headers.  *pskb may be replaced by a clone.  False
 * when that needs memory there is none of; *pskb then still holds the
 * frame, for the copy engine.
 */
static bool snull_hw_zc_prepare(struct snull_priv *spriv,
				struct snull_priv *rpriv, struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;

	lockdep_assert_held(&rpriv->hw.rx_lock);
	if (skb_shared(skb)) {
		/*
		 * pktgen keeps a reference to the skb it sends (clone_skb
		 * cannot reuse it: IFF_TX_SKB_SHARING is off).  The frame
		 * crosses with our reference, as veth hands a shared skb up;
		 * snull_rx_one() clones it only if the sender still holds it
		 * when it is passed up, the skb_share_check() of ip_rcv() one
		 * step early.  The address trick writes the headers, so it
		 * needs the receiver's own sk_buff now: a clone, whose data
		 * skb_ensure_writable() below then copies.
		 */
		if (snull_flip_on(spriv)) {
			skb = skb_clone(skb, GFP_ATOMIC);
			if (!skb)
				return false;
			/* our reference; the sender keeps its own */
			consume_skb(*pskb);
			*pskb = skb;
		}
	} else if (skb_unclone(skb, GFP_ATOMIC)) {
		/*
		 * (iface tests) TCP sends clones whose data and frags it keeps
		 * in its retransmit queue; the receiver's GRO moves frags out
		 * of skb_shinfo(), which would corrupt the sender's copy (slub
		 * "Poison overwritten", bad data with sg on): an unshared
		 * clone gets data of its own, and stays eligible for GRO.
		 */
		return false;
	}
	if (skb_orphan_frags(skb, GFP_ATOMIC))
		return false;
	if (snull_flip_on(spriv) &&
	    skb_ensure_writable(skb, min_t(u32, skb->len, ETH_HLEN + 60 + 20)))
		return false;
	skb_scrub_packet(skb, !net_eq(dev_net(spriv->dev),
				      dev_net(rpriv->dev)));
	skb_orphan(skb);
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	return true;
}

/*
 * Process every posted TX descriptor, delivering to @rpriv (NULL: nobody
 * is listening on the wire).  Returns frames sent; *received counts those
 * that landed on the peer's RX ring.
 */
static u32 snull_hw_tx_run(struct snull_priv *priv, struct snull_priv *rpriv,
			   u32 *received)
{
	struct snull_hw *hw = &priv->hw;
	struct snull_tx_ring *tx = &hw->tx;
	bool zerocopy = test_bit(SNULL_PFLAG_ZEROCOPY, &priv->pflags);
	u32 lockup = READ_ONCE(snull_lockup);
	u32 done = tx->done, sent = 0;

	while (done != tx->head) {
		struct snull_tx_desc *d = &tx->desc[snull_ring_slot(done,
								   tx->size)];

		/* lockup=N: the engine hangs on every Nth frame and never
		 * completes it, which to the driver looks like a lost TX
		 * interrupt.  Only a reset (the tx_timeout work) revives it.
		 */
		if (unlikely((lockup && ++hw->tx_engine_count % lockup == 0) ||
			     READ_ONCE(hw->faults.stall_tx))) {
			hw->tx_hung = true;
			trace_snull_tx_hang(priv->dev, done);
			break;
		}

		d->status = SNULL_DESC_DONE;
		if (!rpriv) {
			d->status |= SNULL_DESC_NOCARRIER;
		} else if (zerocopy &&
			   snull_hw_zc_prepare(priv, rpriv, &d->skb)) {
			if (snull_hw_dma(priv, rpriv, d->skb, true)) {
				d->skb = NULL;	/* the peer owns it now */
				(*received)++;
			}
		} else if (snull_hw_dma(priv, rpriv, d->skb, false)) {
			/* Copy mode, and the zero-copy engine's fallback for an
			 * skb it could not make the peer's own: every sent
			 * frame lands or is counted.
			 */
			(*received)++;
		}
		done++;
		sent++;
	}
	/* Release: descriptor status before the index that reports it. */
	smp_store_release(&tx->done, done);
	return sent;
}

/*
 * The doorbell, rung from ndo_start_xmit (BH off, TX queue lock held).
 * The frames cross to the peer under the peer's rx_lock, taken once per
 * batch; the RX interrupt is raised under it too, so snull_hw_stop() on
 * the peer fences off both.  Returns true when the engine is hung (a
 * lockup= frame or the stall_tx fault): nothing will complete until a
 * reset.
 */
bool snull_hw_tx_kick(struct snull_priv *priv)
{
	struct snull_priv *rpriv;
	struct net_device *peer;
	u32 sent, received = 0;

	if (unlikely(priv->hw.tx_hung))
		return true;
	/* A stopped engine sends nothing; snull_quiesce() drops what is posted. */
	if (unlikely(!snull_hw_running(&priv->hw)))
		return false;

	rcu_read_lock();
	peer = rcu_dereference(priv->peer);
	if (likely(peer)) {
		rpriv = netdev_priv(peer);
		spin_lock(&rpriv->hw.rx_lock);
		if (likely(rpriv->hw.rx_enabled)) {
			sent = snull_hw_tx_run(priv, rpriv, &received);
			/* An empty ring also interrupts, so the driver refills. */
			if (received ||
			    rpriv->hw.rx.filled == rpriv->hw.rx.posted)
				snull_hw_raise(rpriv, SNULL_IRQ_RX, received);
		} else {
			sent = snull_hw_tx_run(priv, NULL, &received);
		}
		spin_unlock(&rpriv->hw.rx_lock);
	} else {
		sent = snull_hw_tx_run(priv, NULL, &received);
	}
	rcu_read_unlock();

	if (sent)
		snull_hw_raise(priv, SNULL_IRQ_TX, 0);
	return priv->hw.tx_hung;
}

/*
 * Completion side: take the next descriptor the engine is done with.
 * *skb is NULL for a zero-copy frame, which now belongs to the peer.
 */
bool snull_hw_tx_reap(struct snull_hw *hw, struct sk_buff **skb, u32 *len,
		      u32 *status)
{
	struct snull_tx_ring *tx = &hw->tx;
	struct snull_tx_desc *d;

	/* Acquire: pairs with the engine's release of tx->done. */
	if (tx->clean == smp_load_acquire(&tx->done))
		return false;
	d = &tx->desc[snull_ring_slot(tx->clean, tx->size)];
	*skb = d->skb;
	*len = d->len;
	*status = d->status;
	d->skb = NULL;
	/* Slot contents read before xmit may reuse the slot. */
	smp_store_release(&tx->clean, tx->clean + 1);
	return true;
}

/*
 * Reset the TX engine: drop what it never sent (a hang leaves descriptors
 * between done and head).  xmit is stopped and completions are reaped.
 * Returns the number of frames dropped.
 */
u32 snull_hw_reset_tx(struct snull_hw *hw)
{
	struct snull_tx_ring *tx = &hw->tx;
	u32 dropped = 0;

	while (tx->done != tx->head) {
		struct snull_tx_desc *d = &tx->desc[snull_ring_slot(tx->done,
								   tx->size)];

		dev_kfree_skb_any(d->skb);
		d->skb = NULL;
		tx->done++;
		dropped++;
	}
	tx->clean = tx->done;
	hw->tx_hung = false;
	return dropped;
}

/* ---- receive ----------------------------------------------------------- */

/* Next frame the hardware wrote, or false.  Poll/ISR context only. */
bool snull_hw_rx_pop(struct snull_hw *hw, struct snull_rx_frame *frame)
{
	struct snull_rx_ring *rx = &hw->rx;
	struct snull_rx_desc *d;

	/* Acquire: pairs with the DMA's release of rx->filled. */
	if (rx->next == smp_load_acquire(&rx->filled))
		return false;
	d = &rx->desc[snull_ring_slot(rx->next, rx->size)];
	frame->len = d->len;
	frame->status = d->status;
	frame->csum = d->csum;
	if (d->status & SNULL_DESC_SKB) {
		/* Zero-copy: the posted buffer stays for the next frame. */
		frame->skb = d->frame;
		frame->page = NULL;
		d->frame = NULL;
	} else {
		frame->skb = NULL;
		frame->page = d->page;
		d->page = NULL;
	}
	d->status = 0;
	rx->next++;
	return true;
}

/*
 * Refill: the next slot the driver may post, or NULL when every slot is
 * posted.  *slot is NULL if the slot needs a new buffer.
 */
struct page **snull_hw_rx_slot(struct snull_hw *hw)
{
	struct snull_rx_ring *rx = &hw->rx;

	if (rx->posted - rx->next >= rx->size)
		return NULL;
	return &rx->desc[snull_ring_slot(rx->posted, rx->size)].page;
}

void snull_hw_rx_post(struct snull_hw *hw)
{
	/* Buffer pointer written before the hardware may use the slot. */
	smp_store_release(&hw->rx.posted, hw->rx.posted + 1);
}

/*
 * Give the buffer of the frame just popped back to its descriptor, for
 * the next refill to post again as it is.  The slot is free: it is below
 * rx.next, and a full ring ends one short of it.  Poll/ISR context only.
 */
void snull_hw_rx_keep(struct snull_hw *hw, struct page *page)
{
	struct snull_rx_ring *rx = &hw->rx;

	rx->desc[snull_ring_slot(rx->next - 1, rx->size)].page = page;
}

/* ---- filter ------------------------------------------------------------ */

/* Program MAC, RX control and hash registers.  Any context but hard-IRQ. */
void snull_hw_set_filter(struct snull_hw *hw, const u8 *mac, u32 rx_ctl,
			 u64 mc_hash)
{
	spin_lock_bh(&hw->rx_lock);
	ether_addr_copy(hw->mac, mac);
	hw->rx_ctl = rx_ctl;
	hw->mc_hash = mc_hash;
	spin_unlock_bh(&hw->rx_lock);
}

/* Coalescing "registers": picked up by the next interrupt raised. */
void snull_hw_set_coalesce(struct snull_hw *hw, u32 rx_usecs, u32 rx_frames,
			   u32 tx_usecs)
{
	WRITE_ONCE(hw->rx_usecs, rx_usecs);
	WRITE_ONCE(hw->rx_frames, rx_frames);
	WRITE_ONCE(hw->tx_usecs, tx_usecs);
}

void snull_hw_get_coalesce(const struct snull_hw *hw, u32 *rx_usecs,
			   u32 *rx_frames, u32 *tx_usecs)
{
	*rx_usecs = READ_ONCE(hw->rx_usecs);
	*rx_frames = READ_ONCE(hw->rx_frames);
	*tx_usecs = READ_ONCE(hw->tx_usecs);
}

/* ---- self-test --------------------------------------------------------- */

/*
 * Loop one frame through this device's own engine into its own RX ring.
 * Called with the device's engines stopped and fresh rings allocated with
 * one posted buffer; no interrupt fires because the line is not running.
 */
int snull_hw_loopback(struct snull_priv *priv, struct sk_buff *skb,
		      struct snull_rx_frame *frame)
{
	struct snull_hw *hw = &priv->hw;
	struct sk_buff *sent;
	u32 len, status;
	bool ok;

	snull_hw_tx_post(hw, skb);
	spin_lock_bh(&hw->rx_lock);
	ok = snull_hw_dma(priv, priv, skb, false);
	spin_unlock_bh(&hw->rx_lock);
	hw->tx.done = hw->tx.head;
	if (snull_hw_tx_reap(hw, &sent, &len, &status))
		dev_kfree_skb(sent);
	if (!ok || !snull_hw_rx_pop(hw, frame))
		return -EIO;
	return 0;
}

void snull_hw_read_regs(struct snull_priv *priv, struct snull_regs *r)
{
	struct snull_hw *hw = &priv->hw;

	r->irq_status = atomic_read(&hw->irq_status);
	r->irq_mask = atomic_read(&hw->irq_mask);
	r->rx_ctl = READ_ONCE(hw->rx_ctl);
	r->running = test_bit(SNULL_HW_RUNNING, &hw->flags);
	r->tx_size = hw->tx.size;
	r->tx_head = READ_ONCE(hw->tx.head);
	r->tx_done = READ_ONCE(hw->tx.done);
	r->tx_clean = READ_ONCE(hw->tx.clean);
	r->tx_hung = READ_ONCE(hw->tx_hung);
	r->rx_size = hw->rx.size;
	r->rx_buf_len = hw->rx.buf_len;
	r->rx_posted = READ_ONCE(hw->rx.posted);
	r->rx_filled = READ_ONCE(hw->rx.filled);
	r->rx_next = READ_ONCE(hw->rx.next);
	r->rx_usecs = READ_ONCE(hw->rx_usecs);
	r->rx_frames = READ_ONCE(hw->rx_frames);
	r->tx_usecs = READ_ONCE(hw->tx_usecs);
	r->mc_hash_lo = lower_32_bits(READ_ONCE(hw->mc_hash));
	r->mc_hash_hi = upper_32_bits(READ_ONCE(hw->mc_hash));
}
