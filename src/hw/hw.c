// SPDX-License-Identifier: GPL-2.0
/*
 * snull: the simulated NIC.
 *
 * A device with the registers of include/snull_regs.h: descriptor rings
 * in the driver's memory, an interrupt cause/mask pair, an RX filter, a
 * TX engine that "DMAs" each frame across the cable (wire.c) into a
 * buffer the far end posted, and an interrupt line: an hrtimer firing in
 * hard-IRQ context (softirq on PREEMPT_RT) that raises the card's Linux
 * IRQ (the kernel's interrupt simulator, where it has one: the driver
 * request_irq()s it), or else calls the one handler the driver
 * registered.  It knows nothing of the driver or of
 * the stack's interfaces; whatever it needs is in a register.
 *
 * The TX engine runs when the driver writes TDT (the doorbell), in the
 * writer's context: ndo_start_xmit, BH off, the sender's TX queue lock
 * held.  It takes the receiver's rx_lock while it writes into the
 * receiver's RX ring.
 */
#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/ip.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <net/checksum.h>
#include <net/ip.h>

#include "hw_priv.h"

#ifndef SNULL_HW_KUNIT
#define CREATE_TRACE_POINTS
#include "snull_hw_trace.h"

static inline u32 snull_ring_slot(u32 idx, u32 size)
{
	return idx & (size - 1);
}
#else
/*
 * The KUnit module's copy of the device (kunit_hw.c): no tracepoints of
 * its own (snull.ko has them), and a ring index it can break on purpose,
 * to show that the ring test catches it.
 */
static inline void trace_snull_irq_raise(const char *name, u32 value) { }
static inline void trace_snull_tx_hang(const char *name, u32 value) { }
static inline void trace_snull_dma(const char *from, const char *to,
				   unsigned int len, bool zerocopy) { }

static bool break_ring;
module_param(break_ring, bool, 0444);
MODULE_PARM_DESC(break_ring, "Compute ring slots wrongly, for the ring test to catch (default 0)");

static inline u32 snull_ring_slot(u32 idx, u32 size)
{
	return break_ring ? idx % (size - 1) : idx & (size - 1);
}
#endif

/* ---- interrupt line ---------------------------------------------------- */

/* How soon a line held back by a running handler tries again. */
#define SNULL_HW_IRQ_RETRY_NS	(2 * NSEC_PER_USEC)

/*
 * The line asserts.  With a Linux IRQ (irq_sim), raise it there: the IRQ
 * core runs the driver's handler, in hard-IRQ context through irq_work,
 * or in its thread on PREEMPT_RT.  Without one, call the registered
 * handler from here.
 */
static enum hrtimer_restart snull_hw_irq_fire(struct hrtimer *timer)
{
	struct snull_hw *hw = container_of(timer, struct snull_hw, irq_timer);
	irq_handler_t isr = READ_ONCE(hw->isr);

	/*
	 * irq_sim's flow handler drops an interrupt raised while the
	 * previous one is still being handled on another CPU, where a real
	 * line would stay pending.  A handler that is running may already
	 * have read ICR, so hold the line until it returns; the causes stay
	 * latched meanwhile.
	 */
	if (hw->virq && irqd_irq_inprogress(irq_get_irq_data(hw->virq))) {
		/* Not hrtimer_forward(): a cause raised on another CPU may
		 * restart the timer meanwhile, and forwarding an enqueued
		 * timer is a bug (7.3 warns).  Either start wins.
		 */
		hrtimer_start(timer, ns_to_ktime(SNULL_HW_IRQ_RETRY_NS),
			      HRTIMER_MODE_REL);
		return HRTIMER_NORESTART;
	}
	/* Cleared before the handler reads ICR: a cause raised from now on
	 * re-arms the line, so no event can fall between the two.
	 */
	clear_bit(SNULL_HWF_ARMED, &hw->flags);
	atomic_set(&hw->rx_pending, 0);
	if (hw->virq)
		irq_set_irqchip_state(hw->virq, IRQCHIP_STATE_PENDING, true);
	else if (isr)
		isr(0, hw->isr_data);
	return HRTIMER_NORESTART;
}

/*
 * Assert the line @usecs from now, or sooner if it is already due sooner:
 * a cause with a short delay (RX) that arrives while one with a long
 * delay (TX) is pending moves the deadline in, never out.
 */
static void snull_hw_arm(struct snull_hw *hw, u32 usecs)
{
	ktime_t delay = ns_to_ktime((u64)usecs * NSEC_PER_USEC);

	if (!snull_hw_enabled(hw))
		return;
	if (test_and_set_bit(SNULL_HWF_ARMED, &hw->flags) &&
	    ktime_compare(hrtimer_get_remaining(&hw->irq_timer), delay) <= 0)
		return;
	hrtimer_start(&hw->irq_timer, delay, HRTIMER_MODE_REL);
}

/*
 * The coalescing delay before @causes assert the line: the shorter of the
 * causes' ITR delays, none once ITR_RXF frames are waiting or for a link
 * change.
 */
static u32 snull_hw_irq_delay(struct snull_hw *hw, u32 causes)
{
	u32 usecs = U32_MAX, max;

	if (causes & SNULL_IRQ_RX) {
		max = READ_ONCE(hw->itr_rxf);
		if (max && atomic_read(&hw->rx_pending) >= max)
			return 0;
		usecs = READ_ONCE(hw->itr_rx);
	}
	if (causes & SNULL_IRQ_TX)
		usecs = min(usecs, READ_ONCE(hw->itr_tx));
	if (causes & SNULL_IRQ_LSC)	/* never moderated */
		usecs = 0;
	return usecs + snull_hw_fault(hw, SNULL_FAULT_DELAY);
}

/* Latch @causes in ICR and, if any is enabled, assert the line after the
 * coalescing delay.  @frames received count towards ITR_RXF.
 */
void snull_hw_raise(struct snull_hw *hw, u32 causes, u32 frames)
{
	atomic_or(causes, &hw->icr);
	/* Frames count while masked too: they are waiting all the same.
	 * Only ITR_RXF reads the count, so skip the atomic without it.
	 */
	if (frames && READ_ONCE(hw->itr_rxf))
		atomic_add(frames, &hw->rx_pending);
	/* ICR before IMS; an IMS write does IMS before ICR, so one of the
	 * two sides always sees the other and arms the line.
	 */
	smp_mb__after_atomic();
	trace_snull_irq_raise(hw->name, causes);
	if (!(atomic_read(&hw->ims) & causes))
		return;
	snull_hw_arm(hw, snull_hw_irq_delay(hw, causes));
}

/* ICR read: the enabled causes, cleared by the read. */
static u32 snull_hw_icr_read(struct snull_hw *hw)
{
	u32 pending = atomic_read(&hw->icr) & atomic_read(&hw->ims);

	if (pending)
		atomic_andnot(pending, &hw->icr);
	return pending;
}

/*
 * IMS write.  A cause that was latched while masked asserts the line
 * again, after the same coalescing delay as a new one: the delay
 * throttles the interrupt rate, as a NIC's interrupt throttle timer does,
 * or the poll that just finished would be followed at once by another
 * for the frame or two that came in meanwhile.
 */
static void snull_hw_ims_write(struct snull_hw *hw, u32 val)
{
	u32 pending;

	atomic_or(val & SNULL_IRQ_ALL, &hw->ims);
	smp_mb__after_atomic();	/* pairs with atomic_or() in raise */
	pending = atomic_read(&hw->icr) & atomic_read(&hw->ims);
	if (pending)
		snull_hw_arm(hw, snull_hw_irq_delay(hw, pending));
}

/*
 * The card's Linux IRQ, for request_irq(), or 0: the kernel has no
 * interrupt simulator, and the driver registers its handler with
 * snull_hw_set_isr() instead.
 */
int snull_hw_irq(struct snull_hw *hw)
{
	return hw->virq;
}

/*
 * Give the card a Linux IRQ of its own: a one-line interrupt domain of
 * the kernel's interrupt simulator, one per card (irq_sim's handler
 * loops badly when a lower line of its domain fires meanwhile).
 * Process context.
 */
static int snull_hw_irq_create(struct snull_hw *hw)
{
#if IS_ENABLED(CONFIG_IRQ_SIM)
	struct irq_domain *domain = snull_compat_irq_sim_create(1);

	if (IS_ERR(domain))
		return PTR_ERR(domain);
	hw->virq = irq_create_mapping(domain, 0);
	if (!hw->virq) {
		irq_domain_remove_sim(domain);
		return -ENOMEM;
	}
	hw->irq_domain = domain;
#endif
	return 0;
}

/* After the driver's free_irq(); process context. */
static void snull_hw_irq_destroy(struct snull_hw *hw)
{
#if IS_ENABLED(CONFIG_IRQ_SIM)
	if (!hw->irq_domain)
		return;
	irq_dispose_mapping(hw->virq);
	irq_domain_remove_sim(hw->irq_domain);
#endif
}

void snull_hw_set_isr(struct snull_hw *hw, irq_handler_t isr, void *data)
{
	WARN_ON_ONCE(snull_hw_enabled(hw));
	hw->isr_data = data;
	WRITE_ONCE(hw->isr, isr);
}

/* ---- engines on/off (CTRL.EN) ------------------------------------------- */

static void snull_hw_enable(struct snull_hw *hw, u32 ctrl)
{
	hw->tx_hung = false;
	hw->tx_count = 0;
	atomic_set(&hw->icr, 0);
	atomic_set(&hw->rx_pending, 0);
	spin_lock_bh(&hw->rx_lock);
	WRITE_ONCE(hw->ctrl, ctrl);
	set_bit(SNULL_HWF_EN, &hw->flags);
	spin_unlock_bh(&hw->rx_lock);
}

/*
 * Stop both engines and the line.  The driver has stopped writing TDT;
 * the far end's engine is fenced off by rx_lock, and a pending or running
 * timer is waited for by hrtimer_cancel().
 */
static void snull_hw_disable(struct snull_hw *hw, u32 ctrl)
{
	might_sleep();
	spin_lock_bh(&hw->rx_lock);
	WRITE_ONCE(hw->ctrl, ctrl);
	clear_bit(SNULL_HWF_EN, &hw->flags);
	spin_unlock_bh(&hw->rx_lock);

	atomic_set(&hw->ims, 0);
	hrtimer_cancel(&hw->irq_timer);
	clear_bit(SNULL_HWF_ARMED, &hw->flags);
	/* An interrupt raised just before may still be on its way through
	 * the IRQ core: it finds nothing in ICR now.  One being handled is
	 * waited for.
	 */
	atomic_set(&hw->icr, 0);
	if (hw->virq)
		synchronize_irq(hw->virq);
}

/* Process context: may wait for the interrupt line, and the link. */
static void snull_hw_ctrl_write(struct snull_hw *hw, u32 val)
{
	u32 old = hw->ctrl;

	if ((val & SNULL_CTRL_EN) && !(old & SNULL_CTRL_EN)) {
		snull_hw_enable(hw, val);
	} else if (!(val & SNULL_CTRL_EN) && (old & SNULL_CTRL_EN)) {
		snull_hw_disable(hw, val);
	} else {
		spin_lock_bh(&hw->rx_lock);
		WRITE_ONCE(hw->ctrl, val);
		spin_unlock_bh(&hw->rx_lock);
	}
	/* On or off the wire: the link of both ends follows. */
	if ((old ^ val) & (SNULL_CTRL_EN | SNULL_CTRL_LOOP))
		snull_phy_update(hw);
}

/* ---- the wire's address trick ------------------------------------------- */

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

/* ---- receive side: filter and "DMA" -------------------------------------- */

static void snull_hw_count(struct snull_hw *rx, u32 reg)
{
	u64_stats_update_begin(&rx->syncp);
	u64_stats_inc(&rx->stats[SNULL_STAT_IDX(reg)]);
	u64_stats_update_end(&rx->syncp);
}

/*
 * The receiver's address filter, as a NIC applies it before it spends a
 * descriptor.  The receiver's rx_lock held.
 */
static bool snull_hw_filter(struct snull_hw *rx, const u8 *dest)
{
	bool promisc = rx->rctl & SNULL_RCTL_UPE;

	lockdep_assert_held(&rx->rx_lock);
	if (likely(ether_addr_equal(dest, rx->mac)) ||
	    is_broadcast_ether_addr(dest))
		return true;

	if (is_multicast_ether_addr(dest)) {
		if ((rx->rctl & SNULL_RCTL_MPE) ||
		    (rx->mta & BIT_ULL(snull_mta_bin(dest))))
			return true;
		snull_hw_count(rx, promisc ? SNULL_PRC : SNULL_MCF);
		return promisc;
	}
	snull_hw_count(rx, promisc ? SNULL_PRC : SNULL_UCF);
	return promisc;
}

/* Fault knobs: a cheap per-frame dice roll, only when a knob is set. */
static bool snull_hw_roll(u32 permille)
{
	return permille && get_random_u32_below(1000) < permille;
}

/*
 * "DMA" one frame, described by TX descriptor @txd of @tx, into a buffer
 * on @rx's RX ring.  @rx's rx_lock held.  Returns true if the frame
 * landed on the ring.
 *
 * Copy mode moves the bytes the way a NIC does: gather the fragments into
 * the posted buffer, finish a CHECKSUM_PARTIAL checksum on the way (the
 * TX checksum offload), apply the wire's address trick, and compute the
 * receive checksum over everything past the Ethernet header (the
 * CHECKSUM_COMPLETE that CTRL.RXCSUM asks for).  A descriptor with a
 * plain buffer instead of an skb (an XDP frame) is always copied.
 */
static bool snull_hw_dma(struct snull_hw *tx, struct snull_hw *rx,
			 const struct snull_tx_desc *txd, bool zerocopy)
{
	bool flip = READ_ONCE(tx->ctrl) & SNULL_CTRL_FLIP;
	struct sk_buff *skb = txd->skb;
	const u8 *src = skb ? skb->data : txd->buf;
	u32 len = skb ? skb->len : txd->len, avail;
	u32 status = SNULL_DESC_DONE;
	struct snull_rx_desc *d;
	bool readdress;
	u8 *data;

	lockdep_assert_held(&rx->rx_lock);
	/* A runt, or a descriptor with nothing to send (a driver bug). */
	if (unlikely(len < ETH_HLEN || !src)) {
		snull_hw_count(rx, SNULL_RLEC);
		return false;
	}
	/*
	 * No ARP in book mode: the stack addressed the frame to the sender's
	 * own MAC (what a NOARP device does); the crossed wire readdresses it
	 * to the receiver along with the IP addresses.
	 */
	readdress = flip && ether_addr_equal(src, tx->mac);
	if (!readdress && !snull_hw_filter(rx, src))
		return false;
	if (unlikely(snull_hw_roll(snull_hw_fault(rx, SNULL_FAULT_DROP)))) {
		snull_hw_count(rx, SNULL_FDC);
		return false;
	}
	/* A frame longer than the receiver's buffers (RXBUF) is a giant.
	 * Only zero-copy carries GSO super-packets, as veth does.
	 */
	if (unlikely(skb && skb_is_gso(skb) ? !zerocopy : len > rx->rx_buf)) {
		snull_hw_count(rx, SNULL_RLEC);
		return false;
	}
	/* Acquire: the buffer pointer of a posted slot is visible. */
	if (unlikely(rx->rdh == smp_load_acquire(&rx->rdt))) {
		snull_hw_count(rx, SNULL_MPC);
		return false;
	}

	d = &rx->rx_desc[snull_ring_slot(rx->rdh, rx->rx_len)];
	d->len = len;

	if (zerocopy) {
		/* The sender's skb itself becomes the received frame. */
		d->frame = skb;
		status |= SNULL_DESC_SKB;
		data = skb->data;
		avail = skb_headlen(skb);
	} else if (!skb) {
		data = page_address(d->page) + SNULL_RX_HEADROOM;
		avail = len;
		memcpy(data, src, len);
	} else {
		data = page_address(d->page) + SNULL_RX_HEADROOM;
		avail = len;
		if (skb_copy_bits(skb, 0, data, len)) {
			snull_hw_count(rx, SNULL_RLEC);
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

	if (flip) {
		if (readdress)
			ether_addr_copy(data, rx->mac);	/* h_dest */
		snull_flip(zerocopy ? skb : NULL, data, avail);
	}

	if (unlikely(!zerocopy &&
		     snull_hw_roll(snull_hw_fault(rx, SNULL_FAULT_CORRUPT)) &&
		     len > ETH_HLEN)) {
		data[ETH_HLEN + get_random_u32_below(len - ETH_HLEN)] ^= 1;
		snull_hw_count(rx, SNULL_FCC);
	}

	if (!zerocopy && (rx->ctrl & SNULL_CTRL_RXCSUM)) {
		d->csum = csum_partial(data + ETH_HLEN, len - ETH_HLEN, 0);
		status |= SNULL_DESC_CSUM;
	}

	trace_snull_dma(tx->name, rx->name, len, zerocopy);
	/* Write-back: the descriptor's contents before its status (DONE),
	 * and the status before the head; a driver may watch either.
	 */
	smp_store_release(&d->status, status);
	smp_store_release(&rx->rdh, rx->rdh + 1);	/* the head, last */
	return true;
}

/*
 * Prepare the sender's skb for zero-copy hand-over (xmit context, BH off,
 * the receiver's rx_lock held, so GFP_ATOMIC): the peer needs an skb of
 * its own, without the sender's socket or host state, and the address
 * trick needs writable headers.  *pskb may be replaced by a clone.  False
 * when that needs memory there is none of; *pskb then still holds the
 * frame, for the copy engine.
 */
static bool snull_hw_zc_prepare(struct snull_hw *tx, struct snull_hw *rx,
				struct sk_buff **pskb)
{
	bool flip = READ_ONCE(tx->ctrl) & SNULL_CTRL_FLIP;
	struct sk_buff *skb = *pskb;

	lockdep_assert_held(&rx->rx_lock);
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
		if (flip) {
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
	if (flip &&
	    skb_ensure_writable(skb, min_t(u32, skb->len, ETH_HLEN + 60 + 20)))
		return false;
	/* Nothing of the sender's host crosses a cable: not its socket,
	 * mark or timestamp, whatever namespaces the two ends are in.
	 */
	skb_scrub_packet(skb, true);
	skb_orphan(skb);
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	return true;
}

/*
 * Process every posted TX descriptor, delivering to @rx (NULL: nobody is
 * listening on the wire).  Returns frames sent; *received counts those
 * that landed on @rx's ring.
 */
static u32 snull_hw_tx_run(struct snull_hw *hw, struct snull_hw *rx,
			   u32 *received)
{
	bool zerocopy = READ_ONCE(hw->ctrl) & SNULL_CTRL_ZC;
	u32 done = hw->tdh, sent = 0, status;

	while (done != hw->tdt) {
		struct snull_tx_desc *d =
			&hw->tx_desc[snull_ring_slot(done, hw->tx_len)];

		/* lockup=N: the engine hangs on every Nth frame and never
		 * completes it, which to the driver looks like a lost TX
		 * interrupt.  Only a reset (CTRL.EN off and on) revives it.
		 */
		if (unlikely((hw->lockup && ++hw->tx_count % hw->lockup == 0) ||
			     snull_hw_fault(hw, SNULL_FAULT_STALL))) {
			hw->tx_hung = true;
			trace_snull_tx_hang(hw->name, done);
			break;
		}

		status = SNULL_DESC_DONE;
		if (!rx) {
			status |= SNULL_DESC_NOCARRIER;
		} else if (zerocopy && d->skb &&
			   snull_hw_zc_prepare(hw, rx, &d->skb)) {
			if (snull_hw_dma(hw, rx, d, true)) {
				d->skb = NULL;	/* the receiver owns it now */
				(*received)++;
			}
		} else if (snull_hw_dma(hw, rx, d, false)) {
			/* Copy mode, a plain buffer, and the zero-copy
			 * engine's fallback for an skb it could not make the
			 * receiver's own: every sent frame lands or is counted.
			 */
			(*received)++;
		}
		/* Write-back: skb cleared (zero-copy) before DONE, which
		 * gives the descriptor back to the driver.
		 */
		smp_store_release(&d->status, status);
		done++;
		sent++;
	}
	/* Release: descriptor status before the head that reports it. */
	smp_store_release(&hw->tdh, done);
	return sent;
}

/*
 * The doorbell: a TDT write, from ndo_start_xmit (BH off, TX queue lock
 * held) or the self-test.  The frames cross under the receiver's rx_lock,
 * taken once per batch; the RX interrupt is raised under it too, so a
 * receiver being disabled fences off both.  In loopback (CTRL.LOOP) the
 * receiver is the device itself, and the cable is ignored both ways.
 */
static void snull_hw_tx_kick(struct snull_hw *hw)
{
	struct snull_hw *rx;
	u32 sent, received = 0;

	if (unlikely(hw->tx_hung || !snull_hw_enabled(hw)))
		return;

	rcu_read_lock();
	if (unlikely(READ_ONCE(hw->ctrl) & SNULL_CTRL_LOOP))
		rx = hw;
	else
		rx = rcu_dereference(hw->far);
	if (likely(rx)) {
		spin_lock_bh(&rx->rx_lock);
		if (likely(snull_hw_enabled(rx)) &&
		    (rx == hw || !(rx->ctrl & SNULL_CTRL_LOOP))) {
			sent = snull_hw_tx_run(hw, rx, &received);
			/* An empty ring also interrupts, so the driver refills. */
			if (received || rx->rdh == rx->rdt)
				snull_hw_raise(rx, SNULL_IRQ_RX, received);
		} else {
			sent = snull_hw_tx_run(hw, NULL, &received);
		}
		spin_unlock_bh(&rx->rx_lock);
	} else {
		sent = snull_hw_tx_run(hw, NULL, &received);
	}
	rcu_read_unlock();

	if (sent)
		snull_hw_raise(hw, SNULL_IRQ_TX, 0);
}

/* ---- register file ------------------------------------------------------- */

/*
 * The registers every frame touches are decoded first: kernels built with
 * retpolines compile a switch without jump tables, and a dozen compares
 * per access, several accesses per frame, were measurable (make bench).
 */
u32 snull_hw_rd32(struct snull_hw *hw, u32 reg)
{
	if (likely(reg == SNULL_TDH))
		/* Acquire: the written-back descriptors below it. */
		return smp_load_acquire(&hw->tdh);
	if (likely(reg == SNULL_RDH))
		/* Acquire: the frames written below it. */
		return smp_load_acquire(&hw->rdh);
	if (likely(reg == SNULL_ICR))
		return snull_hw_icr_read(hw);
	if (likely(reg == SNULL_STATUS))
		return (snull_hw_enabled(hw) ? SNULL_STATUS_EN : 0) |
		       (READ_ONCE(hw->tx_hung) ? SNULL_STATUS_TXHUNG : 0) |
		       (READ_ONCE(hw->phy_stat) & SNULL_PHY_STAT_LINK ?
			SNULL_STATUS_LU : 0);

	switch (reg) {
	case SNULL_CTRL:
		return READ_ONCE(hw->ctrl);
	case SNULL_ICS:		/* latched causes, not cleared: for dumps */
		return atomic_read(&hw->icr);
	case SNULL_IMS:
		return atomic_read(&hw->ims);
	case SNULL_ITR_RX:
		return READ_ONCE(hw->itr_rx);
	case SNULL_ITR_RXF:
		return READ_ONCE(hw->itr_rxf);
	case SNULL_ITR_TX:
		return READ_ONCE(hw->itr_tx);
	case SNULL_RCTL:
		return READ_ONCE(hw->rctl);
	case SNULL_RAL:
		return hw->mac[0] | hw->mac[1] << 8 | hw->mac[2] << 16 |
		       (u32)hw->mac[3] << 24;
	case SNULL_RAH:
		return hw->mac[4] | hw->mac[5] << 8;
	case SNULL_TDLEN:
		return hw->tx_len;
	case SNULL_TDT:
		return READ_ONCE(hw->tdt);
	case SNULL_RDLEN:
		return hw->rx_len;
	case SNULL_RDT:
		return READ_ONCE(hw->rdt);
	case SNULL_RXBUF:
		return READ_ONCE(hw->rx_buf);
	case SNULL_FAULT_DROP:
	case SNULL_FAULT_CORRUPT:
	case SNULL_FAULT_DELAY:
	case SNULL_FAULT_STALL:
		return snull_hw_fault(hw, reg);
	case SNULL_PHY_SUP:
		return hw->phy_sup;
	case SNULL_PHY_CTRL:
		return READ_ONCE(hw->phy_ctrl);
	case SNULL_PHY_ADV:
		return READ_ONCE(hw->phy_adv);
	case SNULL_PHY_LPA:
		return READ_ONCE(hw->phy_lpa);
	case SNULL_PHY_STAT:
		return READ_ONCE(hw->phy_stat);
	}
	WARN_ONCE(1, "snull_hw: read of unknown register %#x\n", reg);
	return 0;
}

void snull_hw_wr32(struct snull_hw *hw, u32 reg, u32 val)
{
	/* The data path's registers first, as in snull_hw_rd32(). */
	if (likely(reg == SNULL_TDT)) {
		hw->tdt = val;
		snull_hw_tx_kick(hw);
		return;
	}
	if (likely(reg == SNULL_RDT)) {
		/* Release: the buffer pointers of the slots it posts. */
		smp_store_release(&hw->rdt, val);
		return;
	}
	if (likely(reg == SNULL_IMS)) {
		snull_hw_ims_write(hw, val);
		return;
	}
	if (likely(reg == SNULL_IMC)) {
		atomic_andnot(val, &hw->ims);
		return;
	}

	switch (reg) {
	case SNULL_CTRL:
		snull_hw_ctrl_write(hw, val);
		return;
	case SNULL_ICS:
		snull_hw_raise(hw, val & SNULL_IRQ_ALL, 0);
		return;
	case SNULL_ITR_RX:
		WRITE_ONCE(hw->itr_rx, val);
		return;
	case SNULL_ITR_RXF:
		WRITE_ONCE(hw->itr_rxf, val);
		return;
	case SNULL_ITR_TX:
		WRITE_ONCE(hw->itr_tx, val);
		return;
	case SNULL_RCTL:
		spin_lock_bh(&hw->rx_lock);
		hw->rctl = val;
		spin_unlock_bh(&hw->rx_lock);
		return;
	case SNULL_RAL:
		spin_lock_bh(&hw->rx_lock);
		hw->mac[0] = val;
		hw->mac[1] = val >> 8;
		hw->mac[2] = val >> 16;
		hw->mac[3] = val >> 24;
		spin_unlock_bh(&hw->rx_lock);
		return;
	case SNULL_RAH:
		spin_lock_bh(&hw->rx_lock);
		hw->mac[4] = val;
		hw->mac[5] = val >> 8;
		spin_unlock_bh(&hw->rx_lock);
		return;
	case SNULL_TDLEN:
		/* A ring is programmed with the engines off; its indices
		 * start from zero.
		 */
		if (WARN_ON_ONCE(snull_hw_enabled(hw)))
			return;
		hw->tx_len = val;
		hw->tdh = 0;
		hw->tdt = 0;
		return;
	case SNULL_RDLEN:
		if (WARN_ON_ONCE(snull_hw_enabled(hw)))
			return;
		spin_lock_bh(&hw->rx_lock);
		hw->rx_len = val;
		hw->rdh = 0;
		hw->rdt = 0;
		spin_unlock_bh(&hw->rx_lock);
		return;
	case SNULL_RXBUF:
		spin_lock_bh(&hw->rx_lock);
		hw->rx_buf = val;
		spin_unlock_bh(&hw->rx_lock);
		return;
	case SNULL_FAULT_DROP:
	case SNULL_FAULT_CORRUPT:
	case SNULL_FAULT_DELAY:
	case SNULL_FAULT_STALL:
		WRITE_ONCE(hw->fault[SNULL_FAULT_IDX(reg)], val);
		return;
	case SNULL_PHY_CTRL:
	case SNULL_PHY_ADV:
		snull_phy_write(hw, reg, val);
		return;
	}
	WARN_ONCE(1, "snull_hw: write of unknown register %#x\n", reg);
}

u64 snull_hw_rd64(struct snull_hw *hw, u32 reg)
{
	unsigned int start;
	u64 val;

	switch (reg) {
	case SNULL_MTA:
		return READ_ONCE(hw->mta);
	case SNULL_TDBA:
		return (uintptr_t)hw->tx_desc;
	case SNULL_RDBA:
		return (uintptr_t)hw->rx_desc;
	case SNULL_MPC:
	case SNULL_RLEC:
	case SNULL_UCF:
	case SNULL_MCF:
	case SNULL_PRC:
	case SNULL_FDC:
	case SNULL_FCC:
		do {
			start = u64_stats_fetch_begin(&hw->syncp);
			val = u64_stats_read(&hw->stats[SNULL_STAT_IDX(reg)]);
		} while (u64_stats_fetch_retry(&hw->syncp, start));
		return val;
	}
	WARN_ONCE(1, "snull_hw: read of unknown register %#x\n", reg);
	return 0;
}

void snull_hw_wr64(struct snull_hw *hw, u32 reg, u64 val)
{
	switch (reg) {
	case SNULL_MTA:
		spin_lock_bh(&hw->rx_lock);
		WRITE_ONCE(hw->mta, val);
		spin_unlock_bh(&hw->rx_lock);
		return;
	case SNULL_TDBA:
		if (WARN_ON_ONCE(snull_hw_enabled(hw)))
			return;
		hw->tx_desc = (struct snull_tx_desc *)(uintptr_t)val;
		return;
	case SNULL_RDBA:
		if (WARN_ON_ONCE(snull_hw_enabled(hw)))
			return;
		spin_lock_bh(&hw->rx_lock);
		hw->rx_desc = (struct snull_rx_desc *)(uintptr_t)val;
		spin_unlock_bh(&hw->rx_lock);
		return;
	}
	WARN_ONCE(1, "snull_hw: write of unknown register %#x\n", reg);
}

/* ---- the card ------------------------------------------------------------- */

struct snull_hw *snull_hw_create(const struct snull_hw_config *cfg)
{
	struct snull_hw *hw = kzalloc(sizeof(*hw), GFP_KERNEL);

	if (!hw)
		return NULL;
	hw->name = cfg->name;
	hw->lockup = cfg->lockup;
	hw->phy_sup = cfg->phy_modes & (BIT(SNULL_LM_COUNT) - 1);
	hw->phy_adv = hw->phy_sup;
	hw->phy_ctrl = SNULL_PHY_CTRL_ANEN;
	spin_lock_init(&hw->rx_lock);
	u64_stats_init(&hw->syncp);
	/*
	 * Not HRTIMER_MODE_REL_HARD: without PREEMPT_RT the line fires in
	 * hard-IRQ context, as a device interrupt does; on PREEMPT_RT a timer
	 * not marked hard expires in softirq context, as RT runs interrupt
	 * handlers in threads, and for the same reason: a handler that calls
	 * netif_rx() or the page allocator takes locks that sleep there.
	 */
	hrtimer_setup(&hw->irq_timer, snull_hw_irq_fire, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL);
	if (snull_hw_irq_create(hw)) {
		kfree(hw);
		return NULL;
	}
	return hw;
}

/*
 * The card goes away: engines off, cable cut.  The far end's engine may
 * still be inside snull_hw_tx_kick() with our pointer until an RCU grace
 * period after the cut, so the caller has one pass first (unregistering
 * the driver's interface does).  NULL is fine.
 */
void snull_hw_destroy(struct snull_hw *hw)
{
	if (!hw)
		return;
	WARN_ON_ONCE(snull_hw_enabled(hw));
	WARN_ON_ONCE(rcu_access_pointer(hw->far));
	hrtimer_cancel(&hw->irq_timer);
	snull_hw_irq_destroy(hw);
	kfree(hw);
}
