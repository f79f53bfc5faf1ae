// SPDX-License-Identifier: GPL-2.0
/*
 * snull: the simulated NIC.
 *
 * A device with the registers of include/snull_regs.h: up to
 * SNULL_MAX_QUEUES queue pairs, each with its descriptor rings in the
 * driver's memory and an interrupt vector (a cause/mask pair and a line);
 * an RX filter; receive side scaling, which hashes each frame and picks
 * its RX queue; TX engines that "DMA" each frame across the cable
 * (wire.c) into a buffer the far end posted.  A vector's line is an
 * hrtimer firing in hard-IRQ context (softirq on PREEMPT_RT) that raises
 * the vector's Linux IRQ (the kernel's interrupt simulator, where it has
 * one: the driver request_irq()s it), or else calls the handler the
 * driver registered.  It knows nothing of the driver or of the stack's
 * interfaces; whatever it needs is in a register.
 *
 * Queue q's TX engine runs when the driver writes q's TDT (the doorbell),
 * in the writer's context: ndo_start_xmit, BH off, the sender's TX queue
 * lock held.  It takes the lock of the receiver's RX queue each frame is
 * steered to while it writes into that ring.
 */
#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
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

/* ---- interrupt vectors ---------------------------------------------------- */

/* How soon a line held back by a running handler tries again. */
#define SNULL_HW_IRQ_RETRY_NS	(2 * NSEC_PER_USEC)

/*
 * A vector's line asserts.  With a Linux IRQ (irq_sim), raise it there:
 * the IRQ core runs the driver's handler, in hard-IRQ context through
 * irq_work, or in its thread on PREEMPT_RT.  Without one, call the
 * registered handler from here.
 */
static enum hrtimer_restart snull_hw_irq_fire(struct hrtimer *timer)
{
	struct snull_hw_vec *v = container_of(timer, struct snull_hw_vec, timer);
	irq_handler_t isr = READ_ONCE(v->isr);

	/*
	 * irq_sim's flow handler drops an interrupt raised while the
	 * previous one is still being handled on another CPU, where a real
	 * line would stay pending.  A handler that is running may already
	 * have read ICR, so hold the line until it returns; the causes stay
	 * latched meanwhile.
	 */
	if (v->virq && irqd_irq_inprogress(irq_get_irq_data(v->virq))) {
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
	clear_bit(SNULL_VECF_ARMED, &v->flags);
	atomic_set(&v->rx_pending, 0);
	if (v->virq)
		irq_set_irqchip_state(v->virq, IRQCHIP_STATE_PENDING, true);
	else if (isr)
		isr(0, v->isr_data);
	return HRTIMER_NORESTART;
}

/*
 * Assert the line @usecs from now, or sooner if it is already due sooner:
 * a cause with a short delay (RX) that arrives while one with a long
 * delay (TX) is pending moves the deadline in, never out.
 */
static void snull_hw_arm(struct snull_hw_vec *v, u32 usecs)
{
	ktime_t delay = ns_to_ktime((u64)usecs * NSEC_PER_USEC);

	if (!snull_hw_enabled(v->hw))
		return;
	if (test_and_set_bit(SNULL_VECF_ARMED, &v->flags) &&
	    ktime_compare(hrtimer_get_remaining(&v->timer), delay) <= 0)
		return;
	hrtimer_start(&v->timer, delay, HRTIMER_MODE_REL);
}

/*
 * The coalescing delay before @causes assert the line: the shorter of the
 * causes' ITR delays, none once ITR_RXF frames are waiting or for a link
 * change.
 */
static u32 snull_hw_irq_delay(struct snull_hw_vec *v, u32 causes)
{
	u32 usecs = U32_MAX, max;

	if (causes & SNULL_IRQ_RX) {
		max = READ_ONCE(v->itr_rxf);
		if (max && atomic_read(&v->rx_pending) >= max)
			return 0;
		usecs = READ_ONCE(v->itr_rx);
	}
	if (causes & SNULL_IRQ_TX)
		usecs = min(usecs, READ_ONCE(v->itr_tx));
	if (causes & SNULL_IRQ_LSC)	/* never moderated */
		usecs = 0;
	return usecs + snull_hw_fault(v->hw, SNULL_FAULT_DELAY);
}

/* Latch @causes in the vector's ICR and, if any is enabled, assert its
 * line after the coalescing delay.  @frames received count towards
 * ITR_RXF.
 */
void snull_hw_raise(struct snull_hw_vec *v, u32 causes, u32 frames)
{
	atomic_or(causes, &v->icr);
	/* Frames count while masked too: they are waiting all the same.
	 * Only ITR_RXF reads the count, so skip the atomic without it.
	 */
	if (frames && READ_ONCE(v->itr_rxf))
		atomic_add(frames, &v->rx_pending);
	/* ICR before IMS; an IMS write does IMS before ICR, so one of the
	 * two sides always sees the other and arms the line.
	 */
	smp_mb__after_atomic();
	trace_snull_irq_raise(v->hw->name, causes);
	if (!(atomic_read(&v->ims) & causes))
		return;
	snull_hw_arm(v, snull_hw_irq_delay(v, causes));
}

/* ICR read: the enabled causes, cleared by the read. */
static u32 snull_hw_icr_read(struct snull_hw_vec *v)
{
	u32 pending = atomic_read(&v->icr) & atomic_read(&v->ims);

	if (pending)
		atomic_andnot(pending, &v->icr);
	return pending;
}

/*
 * IMS write.  A cause that was latched while masked asserts the line
 * again, after the same coalescing delay as a new one: the delay
 * throttles the interrupt rate, as a NIC's interrupt throttle timer does,
 * or the poll that just finished would be followed at once by another
 * for the frame or two that came in meanwhile.
 */
static void snull_hw_ims_write(struct snull_hw_vec *v, u32 val)
{
	u32 pending;

	atomic_or(val & SNULL_IRQ_ALL, &v->ims);
	smp_mb__after_atomic();	/* pairs with atomic_or() in raise */
	pending = atomic_read(&v->icr) & atomic_read(&v->ims);
	if (pending)
		snull_hw_arm(v, snull_hw_irq_delay(v, pending));
}

/*
 * Vector @vec's Linux IRQ, for request_irq(), or 0: the kernel has no
 * interrupt simulator, and the driver registers its handler with
 * snull_hw_set_isr() instead.
 */
int snull_hw_irq(struct snull_hw *hw, u32 vec)
{
	if (WARN_ON_ONCE(vec >= hw->nq))
		return 0;
	return hw->vec[vec].virq;
}

/*
 * Give a vector a Linux IRQ of its own: a one-line interrupt domain of
 * the kernel's interrupt simulator, one per vector (irq_sim's handler
 * loops badly when a lower line of its domain fires meanwhile).
 * Process context.
 */
static int snull_hw_irq_create(struct snull_hw_vec *v)
{
#if IS_ENABLED(CONFIG_IRQ_SIM)
	struct irq_domain *domain = snull_compat_irq_sim_create(1);

	if (IS_ERR(domain))
		return PTR_ERR(domain);
	v->virq = irq_create_mapping(domain, 0);
	if (!v->virq) {
		irq_domain_remove_sim(domain);
		return -ENOMEM;
	}
	v->irq_domain = domain;
#endif
	return 0;
}

/* After the driver's free_irq(); process context. */
static void snull_hw_irq_destroy(struct snull_hw_vec *v)
{
#if IS_ENABLED(CONFIG_IRQ_SIM)
	if (!v->irq_domain)
		return;
	irq_dispose_mapping(v->virq);
	irq_domain_remove_sim(v->irq_domain);
	v->irq_domain = NULL;
#endif
}

void snull_hw_set_isr(struct snull_hw *hw, u32 vec, irq_handler_t isr,
		      void *data)
{
	struct snull_hw_vec *v;

	if (WARN_ON_ONCE(vec >= hw->nq))
		return;
	WARN_ON_ONCE(snull_hw_enabled(hw));
	v = &hw->vec[vec];
	v->isr_data = data;
	WRITE_ONCE(v->isr, isr);
}

/* ---- engines on/off (CTRL.EN) ------------------------------------------- */

static void snull_hw_enable(struct snull_hw *hw, u32 ctrl)
{
	u32 q;

	for (q = 0; q < hw->nq; q++) {
		hw->txq[q].hung = false;
		hw->txq[q].count = 0;
		atomic_set(&hw->vec[q].icr, 0);
		atomic_set(&hw->vec[q].rx_pending, 0);
	}
	WRITE_ONCE(hw->ctrl, ctrl);
	/* The far engines test EN under a queue's lock, after which the
	 * ring registers (written under the same lock) are visible.
	 */
	set_bit(SNULL_HWF_EN, &hw->flags);
}

/*
 * Stop the engines and the lines.  The driver has stopped writing TDT.
 * A far-end engine tests EN under the RX queue's lock: taking each lock
 * once after EN is clear waits out any engine still inside a ring.  A
 * pending or running timer is waited for by hrtimer_cancel().
 */
static void snull_hw_disable(struct snull_hw *hw, u32 ctrl)
{
	u32 q;

	might_sleep();
	WRITE_ONCE(hw->ctrl, ctrl);
	clear_bit(SNULL_HWF_EN, &hw->flags);
	for (q = 0; q < hw->nq; q++) {
		spin_lock_bh(&hw->rxq[q].lock);
		spin_unlock_bh(&hw->rxq[q].lock);
	}

	for (q = 0; q < hw->nq; q++) {
		struct snull_hw_vec *v = &hw->vec[q];

		atomic_set(&v->ims, 0);
		hrtimer_cancel(&v->timer);
		clear_bit(SNULL_VECF_ARMED, &v->flags);
		/* An interrupt raised just before may still be on its way
		 * through the IRQ core: it finds nothing in ICR now.  One
		 * being handled is waited for.
		 */
		atomic_set(&v->icr, 0);
		if (v->virq)
			synchronize_irq(v->virq);
	}
}

/* Process context: may wait for the interrupt lines, and the link. */
static void snull_hw_ctrl_write(struct snull_hw *hw, u32 val)
{
	u32 old = hw->ctrl;

	if ((val & SNULL_CTRL_EN) && !(old & SNULL_CTRL_EN))
		snull_hw_enable(hw, val);
	else if (!(val & SNULL_CTRL_EN) && (old & SNULL_CTRL_EN))
		snull_hw_disable(hw, val);
	else
		WRITE_ONCE(hw->ctrl, val);
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

/* ---- receive side: filter, RSS and "DMA" ---------------------------------- */

static void snull_hw_count(struct snull_hw_rxq *rxq, u32 reg)
{
	u64_stats_update_begin(&rxq->syncp);
	u64_stats_inc(&rxq->stats[SNULL_STAT_IDX(reg)]);
	u64_stats_update_end(&rxq->syncp);
}

/*
 * The receiver's address filter, as a NIC applies it before it spends a
 * descriptor; a frame it refuses is counted on the queue RSS chose.
 */
static bool snull_hw_filter(struct snull_hw *rx, struct snull_hw_rxq *rxq,
			    const u8 *dest)
{
	u32 rctl = READ_ONCE(rx->rctl);
	bool promisc = rctl & SNULL_RCTL_UPE;

	lockdep_assert_held(&rxq->lock);
	if (likely(ether_addr_to_u64(dest) == READ_ONCE(rx->ra)) ||
	    is_broadcast_ether_addr(dest))
		return true;

	if (is_multicast_ether_addr(dest)) {
		if ((rctl & SNULL_RCTL_MPE) ||
		    (READ_ONCE(rx->mta) & BIT_ULL(snull_mta_bin(dest))))
			return true;
		snull_hw_count(rxq, promisc ? SNULL_PRC : SNULL_MCF);
		return promisc;
	}
	snull_hw_count(rxq, promisc ? SNULL_PRC : SNULL_UCF);
	return promisc;
}

/*
 * The Toeplitz hash: for every input bit that is set, XOR in the 32 key
 * bits that start at that bit's position.  A NIC does it in gates; here a
 * table made when the key is written holds, for each input byte and each
 * value of its high and low nibble, what those four bits contribute, so a
 * frame costs two lookups per byte.  cfg_lock held.
 */
static void snull_hw_rss_key_update(struct snull_hw *hw)
{
	u8 key[SNULL_RSS_KEY_LEN];
	u32 i, n, j, hi, lo;
	u64 k;

	lockdep_assert_held(&hw->cfg_lock);
	for (i = 0; i < SNULL_RSS_KEY_LEN; i++)
		key[i] = hw->rssrk[i / 4] >> (8 * (i % 4));
	for (i = 0; i < SNULL_RSS_IN_MAX; i++) {
		/* key bits 8i .. 8i + 39: every window byte i's bits start */
		for (k = 0, j = 0; j < 5; j++)
			k = k << 8 | key[i + j];
		for (n = 0; n < 16; n++) {
			for (hi = 0, lo = 0, j = 0; j < 4; j++) {
				if (!(n & BIT(3 - j)))
					continue;
				hi ^= (u32)(k >> (8 - j));	/* bit 7 - j */
				lo ^= (u32)(k >> (4 - j));	/* bit 3 - j */
			}
			WRITE_ONCE(hw->rss_tbl[i][0][n], hi);
			WRITE_ONCE(hw->rss_tbl[i][1][n], lo);
		}
	}
}

/* The Toeplitz hash of @n input bytes, @n <= SNULL_RSS_IN_MAX. */
static u32 snull_hw_toeplitz(const struct snull_hw *hw, const u8 *in, u32 n)
{
	u32 hash = 0, i;

	for (i = 0; i < n; i++)
		hash ^= READ_ONCE(hw->rss_tbl[i][0][in[i] >> 4]) ^
			READ_ONCE(hw->rss_tbl[i][1][in[i] & 0xf]);
	return hash;
}

/* The headers RSS reads: Ethernet, IPv4 with options, ports. */
#define SNULL_RSS_PARSE		(ETH_HLEN + 60 + 4)

/*
 * RSS: the RX queue for the frame of TX descriptor @d, and its hash and
 * hash status (SNULL_DESC_HASH*), or queue 0 with no hash.  @flip: the
 * wire's address trick applies, and the receiver hashes the addresses
 * it will see.  Lockless: the registers are read as they are.
 */
static u32 snull_hw_rss(const struct snull_hw *rx,
			const struct snull_tx_desc *d, bool flip,
			u32 *hash, u32 *status)
{
	u32 mrqc = READ_ONCE(rx->mrqc), len, n, l3, l4, ports, types;
	u8 buf[SNULL_RSS_PARSE], in[SNULL_RSS_IN_MAX];
	const u8 *hdr;
	__be16 type;
	u8 proto;

	*status = 0;
	if (likely(!(mrqc & SNULL_MRQC_EN)))
		return 0;
	len = min_t(u32, d->skb ? d->skb->len : d->len, sizeof(buf));
	if (len < ETH_HLEN)
		return 0;
	/* The headers where they are; copied only from a fragmented skb. */
	hdr = d->skb ? skb_header_pointer(d->skb, 0, len, buf) : d->buf;
	if (!hdr)
		return 0;
	type = ((const struct ethhdr *)hdr)->h_proto;

	if (type == htons(ETH_P_IP)) {
		const struct iphdr *iph = (const void *)(hdr + ETH_HLEN);

		l3 = iph->ihl * 4;
		if (len < ETH_HLEN + sizeof(*iph) || iph->version != 4 ||
		    l3 < sizeof(*iph) || len < ETH_HLEN + l3)
			return 0;
		/* saddr, then daddr: from the buffer, not across a field */
		memcpy(in, hdr + ETH_HLEN + offsetof(struct iphdr, saddr), 8);
		if (flip) {		/* the third octets, as snull_flip() */
			in[2] ^= 1;
			in[6] ^= 1;
		}
		n = 8;
		proto = iph->frag_off & htons(IP_MF | IP_OFFSET) ? 0 :
			iph->protocol;
		types = mrqc >> 1;	/* IPV4, IPV4_TCP, IPV4_UDP */
	} else if (type == htons(ETH_P_IPV6)) {
		const struct ipv6hdr *ip6 = (const void *)(hdr + ETH_HLEN);

		l3 = sizeof(*ip6);
		if (len < ETH_HLEN + l3)
			return 0;
		memcpy(in, hdr + ETH_HLEN + offsetof(struct ipv6hdr, saddr), 32);
		n = 32;
		proto = ip6->nexthdr;
		types = mrqc >> 4;	/* IPV6, IPV6_TCP, IPV6_UDP */
	} else {
		return 0;
	}

	l4 = (proto == IPPROTO_TCP && (types & 2)) ||
	     (proto == IPPROTO_UDP && (types & 4));
	if (l4 && len >= ETH_HLEN + l3 + 4) {
		memcpy(&ports, hdr + ETH_HLEN + l3, 4);	/* source, dest */
		memcpy(in + n, &ports, 4);
		*hash = snull_hw_toeplitz(rx, in, n + 4);
		*status = SNULL_DESC_HASH | SNULL_DESC_HASH_L4;
	} else if (types & 1) {
		*hash = snull_hw_toeplitz(rx, in, n);
		*status = SNULL_DESC_HASH;
	} else {
		return 0;
	}
	return READ_ONCE(rx->reta[*hash % SNULL_RETA_SIZE]);
}

/* Fault knobs: a cheap per-frame dice roll, only when a knob is set. */
static bool snull_hw_roll(u32 permille)
{
	return permille && get_random_u32_below(1000) < permille;
}

/*
 * "DMA" one frame, described by TX descriptor @txd of @tx, into a buffer
 * on @rx's RX queue @rxq, with the RSS @hash and its status @hstatus.
 * The queue's lock held.  Returns true if the frame landed on the ring.
 *
 * Copy mode moves the bytes the way a NIC does: gather the fragments into
 * the posted buffer, finish a CHECKSUM_PARTIAL checksum on the way (the
 * TX checksum offload), apply the wire's address trick, and compute the
 * receive checksum over everything past the Ethernet header (the
 * CHECKSUM_COMPLETE that CTRL.RXCSUM asks for).  A descriptor with a
 * plain buffer instead of an skb (an XDP frame) is always copied.
 */
static bool snull_hw_dma(struct snull_hw *tx, struct snull_hw *rx,
			 struct snull_hw_rxq *rxq,
			 const struct snull_tx_desc *txd, bool zerocopy,
			 u32 hash, u32 hstatus)
{
	bool flip = READ_ONCE(tx->ctrl) & SNULL_CTRL_FLIP;
	struct sk_buff *skb = txd->skb;
	const u8 *src = skb ? skb->data : txd->buf;
	u32 len = skb ? skb->len : txd->len, avail;
	u32 status = SNULL_DESC_DONE | hstatus;
	struct snull_rx_desc *d;
	bool readdress;
	u8 *data;

	lockdep_assert_held(&rxq->lock);
	/* A runt, or a descriptor with nothing to send (a driver bug). */
	if (unlikely(len < ETH_HLEN || !src)) {
		snull_hw_count(rxq, SNULL_RLEC);
		return false;
	}
	/*
	 * No ARP in book mode: the stack addressed the frame to the sender's
	 * own MAC (what a NOARP device does); the crossed wire readdresses it
	 * to the receiver along with the IP addresses.
	 */
	readdress = flip && ether_addr_to_u64(src) == READ_ONCE(tx->ra);
	if (!readdress && !snull_hw_filter(rx, rxq, src))
		return false;
	if (unlikely(snull_hw_roll(snull_hw_fault(rx, SNULL_FAULT_DROP)))) {
		snull_hw_count(rxq, SNULL_FDC);
		return false;
	}
	/* A frame longer than the receiver's buffers (RXBUF) is a giant.
	 * Only zero-copy carries GSO super-packets, as veth does.
	 */
	if (unlikely(skb && skb_is_gso(skb) ? !zerocopy : len > rxq->buf)) {
		snull_hw_count(rxq, SNULL_RLEC);
		return false;
	}
	/* Acquire: the buffer pointer of a posted slot is visible. */
	if (unlikely(rxq->rdh == smp_load_acquire(&rxq->rdt))) {
		snull_hw_count(rxq, SNULL_MPC);
		return false;
	}

	d = &rxq->desc[snull_ring_slot(rxq->rdh, rxq->len)];
	d->len = len;
	d->hash = hash;

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
			snull_hw_count(rxq, SNULL_RLEC);
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
			u64_to_ether_addr(READ_ONCE(rx->ra), data);	/* h_dest */
		snull_flip(zerocopy ? skb : NULL, data, avail);
	}

	if (unlikely(!zerocopy &&
		     snull_hw_roll(snull_hw_fault(rx, SNULL_FAULT_CORRUPT)) &&
		     len > ETH_HLEN)) {
		data[ETH_HLEN + get_random_u32_below(len - ETH_HLEN)] ^= 1;
		snull_hw_count(rxq, SNULL_FCC);
	}

	if (!zerocopy && (READ_ONCE(rx->ctrl) & SNULL_CTRL_RXCSUM)) {
		d->csum = csum_partial(data + ETH_HLEN, len - ETH_HLEN, 0);
		status |= SNULL_DESC_CSUM;
	}

	trace_snull_dma(tx->name, rx->name, len, zerocopy);
	/* Write-back: the descriptor's contents before its status (DONE),
	 * and the status before the head; a driver may watch either.
	 */
	smp_store_release(&d->status, status);
	smp_store_release(&rxq->rdh, rxq->rdh + 1);	/* the head, last */
	return true;
}

/*
 * Prepare the sender's skb for zero-copy hand-over (xmit context, BH off,
 * the receiving queue's lock held, so GFP_ATOMIC): the peer needs an skb of
 * its own, without the sender's socket or host state, and the address
 * trick needs writable headers.  *pskb may be replaced by a clone.  False
 * when that needs memory there is none of; *pskb then still holds the
 * frame, for the copy engine.
 */
static bool snull_hw_zc_prepare(struct snull_hw *tx,
				struct snull_hw_rxq *rxq,
				struct sk_buff **pskb)
{
	bool flip = READ_ONCE(tx->ctrl) & SNULL_CTRL_FLIP;
	struct sk_buff *skb = *pskb;

	lockdep_assert_held(&rxq->lock);
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
 * Queue @q's TX engine, frame @done: the next descriptor to process, with
 * the RX queue of @rx that RSS picks for it, or NULL when there is none
 * (the ring is empty, or the engine hangs on it).
 */
static struct snull_tx_desc *snull_hw_tx_next(struct snull_hw *hw,
					      struct snull_hw_txq *txq,
					      u32 done, struct snull_hw *rx,
					      bool flip, u32 *rq, u32 *hash,
					      u32 *hstatus)
{
	struct snull_tx_desc *d;

	if (done == txq->tdt)
		return NULL;
	/* lockup=N: the engine hangs on every Nth frame and never completes
	 * it, which to the driver looks like a lost TX interrupt.  Only a
	 * reset (CTRL.EN off and on) revives it.
	 */
	if (unlikely((hw->lockup && ++txq->count % hw->lockup == 0) ||
		     snull_hw_fault(hw, SNULL_FAULT_STALL))) {
		txq->hung = true;
		trace_snull_tx_hang(hw->name, done);
		return NULL;
	}
	d = &txq->desc[snull_ring_slot(done, txq->len)];
	*rq = rx ? snull_hw_rss(rx, d, flip, hash, hstatus) : 0;
	return d;
}

/*
 * Deliver TX descriptor @d into @rx's queue @rxq (its lock held) and
 * write the descriptor back.  True if the frame landed on the ring.
 */
static bool snull_hw_deliver(struct snull_hw *hw, struct snull_hw *rx,
			     struct snull_hw_rxq *rxq, struct snull_tx_desc *d,
			     u32 hash, u32 hstatus)
{
	bool zerocopy = READ_ONCE(hw->ctrl) & SNULL_CTRL_ZC;
	u32 status = SNULL_DESC_DONE;
	bool landed = false;

	lockdep_assert_held(&rxq->lock);
	/* Off, or looped back on itself: the frame finds no one. */
	if (unlikely(!snull_hw_enabled(rx) ||
		     (rx != hw && (READ_ONCE(rx->ctrl) & SNULL_CTRL_LOOP)))) {
		status |= SNULL_DESC_NOCARRIER;
	} else if (zerocopy && d->skb && snull_hw_zc_prepare(hw, rxq, &d->skb)) {
		landed = snull_hw_dma(hw, rx, rxq, d, true, hash, hstatus);
		if (landed)
			d->skb = NULL;	/* the receiver owns it now */
	} else {
		/* Copy mode, a plain buffer, and the zero-copy engine's
		 * fallback for an skb it could not make the receiver's own:
		 * every sent frame lands or is counted.
		 */
		landed = snull_hw_dma(hw, rx, rxq, d, false, hash, hstatus);
	}
	/* Write-back: skb cleared (zero-copy) before DONE, which gives the
	 * descriptor back to the driver.
	 */
	smp_store_release(&d->status, status);
	return landed;
}

/*
 * Queue @q's TX engine: process every posted descriptor, delivering to
 * @rx (NULL: nobody is listening on the wire).  The frames for one RX
 * queue in a row cross under its lock, taken once for them; their RX
 * interrupt is raised under it too, so a receiver being disabled fences
 * off both.  Returns frames sent.
 */
static u32 snull_hw_tx_run(struct snull_hw *hw, u32 q, struct snull_hw *rx)
{
	bool flip = READ_ONCE(hw->ctrl) & SNULL_CTRL_FLIP;
	struct snull_hw_txq *txq = &hw->txq[q];
	u32 start = txq->tdh, done = start, rq, cur, received, hash = 0;
	u32 hstatus = 0;
	struct snull_hw_rxq *rxq;
	struct snull_tx_desc *d;

	d = snull_hw_tx_next(hw, txq, done, rx, flip, &rq, &hash, &hstatus);
	while (d) {
		if (unlikely(!rx || rq >= rx->nq)) {
			/* Nobody on the wire, or RETA names no queue. */
			if (rx) {
				spin_lock_bh(&rx->rxq[0].lock);
				snull_hw_count(&rx->rxq[0], SNULL_MPC);
				spin_unlock_bh(&rx->rxq[0].lock);
			}
			/* Release: as in snull_hw_deliver(). */
			smp_store_release(&d->status, SNULL_DESC_DONE |
					  (rx ? 0 : SNULL_DESC_NOCARRIER));
			d = snull_hw_tx_next(hw, txq, ++done, rx, flip, &rq,
					     &hash, &hstatus);
			continue;
		}
		cur = rq;
		rxq = &rx->rxq[cur];
		received = 0;
		spin_lock_bh(&rxq->lock);
		do {
			received += snull_hw_deliver(hw, rx, rxq, d, hash,
						     hstatus);
			d = snull_hw_tx_next(hw, txq, ++done, rx, flip, &rq,
					     &hash, &hstatus);
		} while (d && rq == cur);
		/* An empty ring also interrupts, so the driver refills. */
		if (received || rxq->rdh == rxq->rdt)
			snull_hw_raise(&rx->vec[cur], SNULL_IRQ_RX, received);
		spin_unlock_bh(&rxq->lock);
	}
	/* Release: descriptor status before the head that reports it. */
	smp_store_release(&txq->tdh, done);
	return done - start;
}

/*
 * The doorbell: queue @q's TDT write, from ndo_start_xmit (BH off, the
 * TX queue's lock held) or the self-test.  In loopback (CTRL.LOOP) the
 * receiver is the device itself, and the cable is ignored both ways.
 */
static void snull_hw_tx_kick(struct snull_hw *hw, u32 q)
{
	struct snull_hw *rx;
	u32 sent;

	if (unlikely(hw->txq[q].hung || !snull_hw_enabled(hw)))
		return;

	rcu_read_lock();
	if (unlikely(READ_ONCE(hw->ctrl) & SNULL_CTRL_LOOP))
		rx = hw;
	else
		rx = rcu_dereference(hw->far);
	sent = snull_hw_tx_run(hw, q, rx);
	rcu_read_unlock();

	if (sent)
		snull_hw_raise(&hw->vec[q], SNULL_IRQ_TX, 0);
}

/* ---- register file ------------------------------------------------------- */

/* A write to the card-wide receive registers: cfg_lock, engines lockless. */
static void snull_hw_cfg_write(struct snull_hw *hw, u32 reg, u32 val)
{
	unsigned int i;

	spin_lock_bh(&hw->cfg_lock);
	switch (reg) {
	case SNULL_RCTL:
		WRITE_ONCE(hw->rctl, val);
		break;
	case SNULL_RAL:
		WRITE_ONCE(hw->ra, (hw->ra & GENMASK_ULL(15, 0)) |
			   (u64)swab32(val) << 16);
		break;
	case SNULL_RAH:
		WRITE_ONCE(hw->ra, (hw->ra & GENMASK_ULL(47, 16)) |
			   swab16((u16)val));
		break;
	case SNULL_MRQC:
		WRITE_ONCE(hw->mrqc, val & GENMASK(6, 0));
		break;
	case SNULL_RSSRK(0) ... SNULL_RSSRK(SNULL_RSS_KEY_LEN / 4 - 1):
		WRITE_ONCE(hw->rssrk[(reg - SNULL_RSSRK(0)) / 4], val);
		snull_hw_rss_key_update(hw);
		break;
	case SNULL_RETA(0) ... SNULL_RETA(SNULL_RETA_SIZE / 4 - 1):
		for (i = 0; i < 4; i++)
			WRITE_ONCE(hw->reta[reg - SNULL_RETA(0) + i],
				   val >> (8 * i));
		break;
	}
	spin_unlock_bh(&hw->cfg_lock);
}

static u32 snull_hw_cfg_read(struct snull_hw *hw, u32 reg)
{
	u64 ra = READ_ONCE(hw->ra);
	unsigned int i;
	u32 val = 0;

	switch (reg) {
	case SNULL_RCTL:
		return READ_ONCE(hw->rctl);
	case SNULL_RAL:			/* bytes 0-3, byte 0 low */
		return swab32(ra >> 16);
	case SNULL_RAH:
		return swab16(ra & 0xffff);
	case SNULL_MRQC:
		return READ_ONCE(hw->mrqc);
	case SNULL_RSSRK(0) ... SNULL_RSSRK(SNULL_RSS_KEY_LEN / 4 - 1):
		return READ_ONCE(hw->rssrk[(reg - SNULL_RSSRK(0)) / 4]);
	case SNULL_RETA(0) ... SNULL_RETA(SNULL_RETA_SIZE / 4 - 1):
		for (i = 0; i < 4; i++)
			val |= (u32)READ_ONCE(hw->reta[reg - SNULL_RETA(0) + i])
			       << (8 * i);
		return val;
	}
	return 0;
}

static bool snull_hw_is_cfg(u32 reg)
{
	return reg == SNULL_RCTL || reg == SNULL_RAL || reg == SNULL_RAH ||
	       reg == SNULL_MRQC ||
	       (reg >= SNULL_RSSRK(0) &&
		reg <= SNULL_RSSRK(SNULL_RSS_KEY_LEN / 4 - 1) && !(reg % 4)) ||
	       (reg >= SNULL_RETA(0) &&
		reg <= SNULL_RETA(SNULL_RETA_SIZE / 4 - 1) && !(reg % 4));
}

static u64 snull_hw_stat(struct snull_hw_rxq *rxq, u32 reg)
{
	unsigned int start;
	u64 val;

	do {
		start = u64_stats_fetch_begin(&rxq->syncp);
		val = u64_stats_read(&rxq->stats[SNULL_STAT_IDX(reg)]);
	} while (u64_stats_fetch_retry(&rxq->syncp, start));
	return val;
}

/*
 * Queue q's registers are at SNULL_QREG(reg, q): decode the queue, then
 * the register.  The registers every frame touches come first: kernels
 * built with retpolines compile a switch without jump tables, and a dozen
 * compares per access, several accesses per frame, were measurable
 * (make bench).
 */

u32 snull_hw_rd32(struct snull_hw *hw, u32 reg)
{
	u32 q = reg / SNULL_QSTRIDE, off = reg % SNULL_QSTRIDE;

	if (unlikely(q >= hw->nq))
		goto unknown;

	if (likely(off == SNULL_TDH))
		/* Acquire: the written-back descriptors below it. */
		return smp_load_acquire(&hw->txq[q].tdh);
	if (likely(off == SNULL_RDH))
		/* Acquire: the frames written below it. */
		return smp_load_acquire(&hw->rxq[q].rdh);
	if (likely(off == SNULL_ICR))
		return snull_hw_icr_read(&hw->vec[q]);

	switch (off) {
	case SNULL_ICS:		/* latched causes, not cleared: for dumps */
		return atomic_read(&hw->vec[q].icr);
	case SNULL_IMS:
		return atomic_read(&hw->vec[q].ims);
	case SNULL_ITR_RX:
		return READ_ONCE(hw->vec[q].itr_rx);
	case SNULL_ITR_RXF:
		return READ_ONCE(hw->vec[q].itr_rxf);
	case SNULL_ITR_TX:
		return READ_ONCE(hw->vec[q].itr_tx);
	case SNULL_TDLEN:
		return hw->txq[q].len;
	case SNULL_TDT:
		return READ_ONCE(hw->txq[q].tdt);
	case SNULL_TSTAT:
		return READ_ONCE(hw->txq[q].hung) ? SNULL_TSTAT_HUNG : 0;
	case SNULL_RDLEN:
		return hw->rxq[q].len;
	case SNULL_RDT:
		return READ_ONCE(hw->rxq[q].rdt);
	case SNULL_RXBUF:
		return READ_ONCE(hw->rxq[q].buf);
	}
	if (q)
		goto unknown;

	if (likely(reg == SNULL_STATUS)) {
		u32 status = 0;

		for (q = 0; q < hw->nq; q++)
			if (READ_ONCE(hw->txq[q].hung))
				status = SNULL_STATUS_TXHUNG;
		return status | (snull_hw_enabled(hw) ? SNULL_STATUS_EN : 0) |
		       (READ_ONCE(hw->phy_stat) & SNULL_PHY_STAT_LINK ?
			SNULL_STATUS_LU : 0);
	}
	if (snull_hw_is_cfg(reg))
		return snull_hw_cfg_read(hw, reg);

	switch (reg) {
	case SNULL_CTRL:
		return READ_ONCE(hw->ctrl);
	case SNULL_NQ:
		return hw->nq;
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
unknown:
	WARN_ONCE(1, "snull_hw: read of unknown register %#x\n", reg);
	return 0;
}

void snull_hw_wr32(struct snull_hw *hw, u32 reg, u32 val)
{
	u32 q = reg / SNULL_QSTRIDE, off = reg % SNULL_QSTRIDE;

	if (unlikely(q >= hw->nq))
		goto unknown;

	/* The data path's registers first, as in snull_hw_rd32(). */
	if (likely(off == SNULL_TDT)) {
		hw->txq[q].tdt = val;
		snull_hw_tx_kick(hw, q);
		return;
	}
	if (likely(off == SNULL_RDT)) {
		/* Release: the buffer pointers of the slots it posts. */
		smp_store_release(&hw->rxq[q].rdt, val);
		return;
	}
	if (likely(off == SNULL_IMS)) {
		snull_hw_ims_write(&hw->vec[q], val);
		return;
	}
	if (likely(off == SNULL_IMC)) {
		atomic_andnot(val, &hw->vec[q].ims);
		return;
	}

	switch (off) {
	case SNULL_ICS:
		/* LSC is vector 0's */
		snull_hw_raise(&hw->vec[q], val & (q ? SNULL_IRQ_RX | SNULL_IRQ_TX :
						   SNULL_IRQ_ALL), 0);
		return;
	case SNULL_ITR_RX:
		WRITE_ONCE(hw->vec[q].itr_rx, val);
		return;
	case SNULL_ITR_RXF:
		WRITE_ONCE(hw->vec[q].itr_rxf, val);
		return;
	case SNULL_ITR_TX:
		WRITE_ONCE(hw->vec[q].itr_tx, val);
		return;
	case SNULL_TDLEN:
		/* A ring is programmed with the engines off; its indices
		 * start from zero.
		 */
		if (WARN_ON_ONCE(snull_hw_enabled(hw)))
			return;
		hw->txq[q].len = val;
		hw->txq[q].tdh = 0;
		hw->txq[q].tdt = 0;
		return;
	case SNULL_RDLEN:
		if (WARN_ON_ONCE(snull_hw_enabled(hw)))
			return;
		spin_lock_bh(&hw->rxq[q].lock);
		hw->rxq[q].len = val;
		hw->rxq[q].rdh = 0;
		hw->rxq[q].rdt = 0;
		spin_unlock_bh(&hw->rxq[q].lock);
		return;
	case SNULL_RXBUF:
		spin_lock_bh(&hw->rxq[q].lock);
		hw->rxq[q].buf = val;
		spin_unlock_bh(&hw->rxq[q].lock);
		return;
	}
	if (q)
		goto unknown;

	if (snull_hw_is_cfg(reg)) {
		snull_hw_cfg_write(hw, reg, val);
		return;
	}
	switch (reg) {
	case SNULL_CTRL:
		snull_hw_ctrl_write(hw, val);
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
unknown:
	WARN_ONCE(1, "snull_hw: write of unknown register %#x\n", reg);
}

u64 snull_hw_rd64(struct snull_hw *hw, u32 reg)
{
	u64 val = 0;
	u32 q = reg / SNULL_QSTRIDE, off = reg % SNULL_QSTRIDE;

	if (unlikely(q >= hw->nq))
		goto unknown;

	switch (off) {
	case SNULL_TDBA:
		return (uintptr_t)hw->txq[q].desc;
	case SNULL_RDBA:
		return (uintptr_t)hw->rxq[q].desc;
	case SNULL_RQDPC:
		return snull_hw_stat(&hw->rxq[q], SNULL_MPC);
	}
	if (q)
		goto unknown;

	switch (reg) {
	case SNULL_MTA:
		return READ_ONCE(hw->mta);
	case SNULL_MPC:
	case SNULL_RLEC:
	case SNULL_UCF:
	case SNULL_MCF:
	case SNULL_PRC:
	case SNULL_FDC:
	case SNULL_FCC:
		/* the card's count: every queue's */
		for (q = 0; q < hw->nq; q++)
			val += snull_hw_stat(&hw->rxq[q], reg);
		return val;
	}
unknown:
	WARN_ONCE(1, "snull_hw: read of unknown register %#x\n", reg);
	return 0;
}

void snull_hw_wr64(struct snull_hw *hw, u32 reg, u64 val)
{
	u32 q = reg / SNULL_QSTRIDE, off = reg % SNULL_QSTRIDE;

	if (unlikely(q >= hw->nq))
		goto unknown;

	switch (off) {
	case SNULL_TDBA:
		if (WARN_ON_ONCE(snull_hw_enabled(hw)))
			return;
		hw->txq[q].desc = (struct snull_tx_desc *)(uintptr_t)val;
		return;
	case SNULL_RDBA:
		if (WARN_ON_ONCE(snull_hw_enabled(hw)))
			return;
		spin_lock_bh(&hw->rxq[q].lock);
		hw->rxq[q].desc = (struct snull_rx_desc *)(uintptr_t)val;
		spin_unlock_bh(&hw->rxq[q].lock);
		return;
	}
	if (!q && reg == SNULL_MTA) {
		spin_lock_bh(&hw->cfg_lock);
		WRITE_ONCE(hw->mta, val);
		spin_unlock_bh(&hw->cfg_lock);
		return;
	}
unknown:
	WARN_ONCE(1, "snull_hw: write of unknown register %#x\n", reg);
}

/* ---- the card ------------------------------------------------------------- */

/* The key of Microsoft's RSS verification suite, until the driver's. */
static const u8 snull_hw_default_key[SNULL_RSS_KEY_LEN] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2,
	0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
	0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4,
	0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
	0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

static void snull_hw_destroy_vectors(struct snull_hw *hw)
{
	u32 q;

	for (q = 0; q < hw->nq; q++) {
		hrtimer_cancel(&hw->vec[q].timer);
		snull_hw_irq_destroy(&hw->vec[q]);
	}
}

struct snull_hw *snull_hw_create(const struct snull_hw_config *cfg)
{
	struct snull_hw *hw;
	u32 q, i;

	if (cfg->queues > SNULL_MAX_QUEUES)
		return NULL;
	hw = kzalloc(sizeof(*hw), GFP_KERNEL);
	if (!hw)
		return NULL;
	hw->name = cfg->name;
	hw->lockup = cfg->lockup;
	hw->nq = cfg->queues ?: 1;
	hw->phy_sup = cfg->phy_modes & (BIT(SNULL_LM_COUNT) - 1);
	hw->phy_adv = hw->phy_sup;
	hw->phy_ctrl = SNULL_PHY_CTRL_ANEN;
	spin_lock_init(&hw->cfg_lock);
	for (i = 0; i < SNULL_RSS_KEY_LEN; i++)
		hw->rssrk[i / 4] |= (u32)snull_hw_default_key[i] << (8 * (i % 4));
	spin_lock_bh(&hw->cfg_lock);
	snull_hw_rss_key_update(hw);
	spin_unlock_bh(&hw->cfg_lock);
	for (q = 0; q < hw->nq; q++) {
		struct snull_hw_vec *v = &hw->vec[q];

		spin_lock_init(&hw->rxq[q].lock);
		u64_stats_init(&hw->rxq[q].syncp);
		v->hw = hw;
		/*
		 * Not HRTIMER_MODE_REL_HARD: without PREEMPT_RT the line
		 * fires in hard-IRQ context, as a device interrupt does; on
		 * PREEMPT_RT a timer not marked hard expires in softirq
		 * context, as RT runs interrupt handlers in threads, and for
		 * the same reason: a handler that calls netif_rx() or the
		 * page allocator takes locks that sleep there.
		 */
		hrtimer_setup(&v->timer, snull_hw_irq_fire, CLOCK_MONOTONIC,
			      HRTIMER_MODE_REL);
		if (snull_hw_irq_create(v)) {
			hw->nq = q + 1;	/* what to undo */
			snull_hw_destroy_vectors(hw);
			kfree(hw);
			return NULL;
		}
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
	snull_hw_destroy_vectors(hw);
	kfree(hw);
}
