// SPDX-License-Identifier: GPL-2.0
/*
 * snull: the interrupt handler, the NAPI poll, RX delivery and TX reclaim.
 *
 * With use_napi=1 the ISR only acknowledges, masks and schedules NAPI; all
 * ring work happens in snull_poll() in softirq context, at most @budget
 * frames at a time (Documentation/networking/napi.rst).  With use_napi=0
 * the ISR does the ring work itself and hands each frame to netif_rx(),
 * as the book's driver does.
 */
#include "snull.h"
#include "snull_trace.h"

/*
 * Post a buffer in every free RX slot.  Buffers are pages from the
 * device's page pool: a page handed up inside an skb comes back to the
 * pool when the stack frees the skb, so in steady state the refill
 * recycles instead of allocating.  NAPI poll or, with use_napi=0, the
 * ISR: each is the pool's only allocating context while the device is
 * up (open allocates before either runs), which is the guarantee the
 * page pool's lockless cache needs.  On failure the ring runs short; the
 * next interrupt retries, and a frame that finds no buffer is counted as
 * missed by the hardware.
 */
int snull_rx_refill(struct snull_queue *q, gfp_t gfp)
{
	/* EXERCISE 3 BEGIN: RX buffers from the page pool
	 * Give every empty RX slot from rx_next to rx_next + rx_size a page
	 * from the ring's page pool (count rx_alloc_failed and stop if none),
	 * then publish them with one RDT write.  Datasheet: 5.
	 * Skeleton: return 0;
	 */
	struct snull_rings *r = &q->rings;
	u32 tail = q->rx_tail;
	int err = 0;

	while (tail - q->rx_next < r->rx_size) {
		struct page **slot = &r->rx[tail & (r->rx_size - 1)].page;

		if (!*slot) {
			*slot = page_pool_alloc_pages(r->page_pool,
						      gfp | __GFP_NOWARN);
			if (unlikely(!*slot)) {
				u64_stats_update_begin(&q->poll_stats.syncp);
				u64_stats_inc(&q->poll_stats.rx_alloc_failed);
				u64_stats_update_end(&q->poll_stats.syncp);
				err = -ENOMEM;
				break;
			}
		}
		tail++;
	}
	/* One tail write for the batch; it publishes the buffer pointers. */
	if (tail != q->rx_tail) {
		q->rx_tail = tail;
		snull_q_wr32(q, SNULL_RDT, tail);
	}
	return err;
	/* EXERCISE 3 END */
}

/*
 * Next frame the device wrote back, or false.  Poll/ISR context, or with
 * the device stopped.  As igb does, the driver watches the descriptor's
 * DONE bit in memory rather than reading RDH: no register access per
 * poll.  Cleared below, so a slot never shows a stale DONE a lap later.
 */
bool snull_rx_pop(struct snull_queue *q, struct snull_rx_frame *frame)
{
	struct snull_rings *r = &q->rings;
	struct snull_rx_desc *d = &r->rx[q->rx_next & (r->rx_size - 1)];
	/* Acquire: the rest of the descriptor was written before DONE. */
	u32 status = smp_load_acquire(&d->status);

	if (!(status & SNULL_DESC_DONE))
		return false;
	frame->off = SNULL_RX_HEADROOM;
	frame->meta = 0;
	frame->len = d->len;
	frame->status = status;
	frame->csum = d->csum;
	frame->hash = d->hash;
	if (status & SNULL_DESC_SKB) {
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
	q->rx_next++;
	return true;
}

/* Return the buffer of a frame that will not be passed up. */
void snull_rx_frame_free(struct snull_queue *q, struct snull_rx_frame *f)
{
	if (f->page)
		page_pool_put_full_page(q->rings.page_pool, f->page, false);
	else
		dev_kfree_skb_any(f->skb);
}

/*
 * NAPI: wrap an skb around the page the hardware filled: no copy, the
 * page becomes the skb's head and returns to the pool when the skb is
 * freed.
 *
 * Copy instead, and leave the page on the ring, in two cases.  A frame no
 * longer than rx_copybreak: in a page it would cost the socket that
 * queues it a whole page of truesize (a 60-byte frame charged 4 KiB),
 * and copying it is cheaper than the page.  And every frame in interrupt
 * mode (use_napi=0), as the book's ISR does: a page pool page must never
 * be returned in hard-IRQ context (page_pool asserts it, and its ring
 * takes a BH lock), and netif_rx() frees what it drops right there.  A
 * frame with XDP metadata in front of it keeps its page: the metadata
 * must stay just before the data.
 */
static struct sk_buff *snull_rx_build_skb(struct snull_queue *q,
					  struct snull_rx_frame *f,
					  unsigned int *copied)
{
	struct snull_rings *r = &q->rings;
	unsigned int truesize = PAGE_SIZE << r->rx_order;
	bool napi = q->priv->use_napi;
	void *va = page_address(f->page);
	struct sk_buff *skb;

	if (!napi ||
	    (f->len <= READ_ONCE(q->priv->rx_copybreak) && !f->meta)) {
		if (napi)
			skb = napi_alloc_skb(&q->napi, f->len);
		else
			skb = netdev_alloc_skb_ip_align(q->priv->dev, f->len);
		if (likely(skb)) {
			skb_put_data(skb, va + f->off, f->len);
			(*copied)++;
		}
		/* Back on its slot, which is free: below rx_next, and a
		 * full ring ends one short of it.  The refill posts it again.
		 */
		r->rx[(q->rx_next - 1) & (r->rx_size - 1)].page = f->page;
		return skb;
	}

	skb = napi_build_skb(va, truesize);
	if (unlikely(!skb)) {
		page_pool_put_full_page(r->page_pool, f->page, true);
		return NULL;
	}
	/* The page goes back to the pool when the stack frees the skb. */
	snull_compat_pp_skb(r->page_pool, skb, f->page);
	skb_reserve(skb, f->off);
	skb_put(skb, f->len);
	if (f->meta)
		skb_metadata_set(skb, f->meta);	/* left by XDP */
	return skb;
}

/* Per-poll tallies, added to the u64_stats in one update at the end. */
struct snull_rx_tally {
	unsigned int packets, bytes, multicast, csum, nomem, cloned, copied;
};

/* Hand one received frame to the stack. */
static void snull_rx_one(struct snull_queue *q, struct snull_rx_frame *f,
			 struct snull_rx_tally *t)
{
	struct snull_priv *priv = q->priv;
	struct net_device *dev = priv->dev;
	struct sk_buff *skb = f->skb;

	if (f->page) {
		skb = snull_rx_build_skb(q, f, &t->copied);
		if (unlikely(!skb)) {
			t->nomem++;
			return;
		}
	} else if (unlikely(skb_shared(skb))) {
		/*
		 * Zero-copy, and the sender still holds the skb (pktgen's
		 * reference): pass up a clone, as skb_share_check() would.
		 * pktgen has usually let go by now, and the frame goes up
		 * as it is.  dev_consume_skb_any(): this may be hard-IRQ
		 * context, and the sender may have let go meanwhile.
		 */
		struct sk_buff *nskb = skb_clone(skb, GFP_ATOMIC);

		dev_consume_skb_any(skb);
		if (unlikely(!nskb)) {
			t->nomem++;
			return;
		}
		skb = nskb;
		t->cloned++;
	}
	skb->protocol = eth_type_trans(skb, dev);

	/* The hardware summed everything past the Ethernet header, which is
	 * exactly what skb->data covers after eth_type_trans().
	 */
	if (f->status & SNULL_DESC_CSUM) {
		skb->ip_summed = CHECKSUM_COMPLETE;
		skb->csum = f->csum;
		t->csum++;
	}
	/* The card hashed the flow (RSS): the stack need not. */
	if ((f->status & SNULL_DESC_HASH) && (dev->features & NETIF_F_RXHASH))
		skb_set_hash(skb, f->hash, f->status & SNULL_DESC_HASH_L4 ?
			     PKT_HASH_TYPE_L4 : PKT_HASH_TYPE_L3);

	t->packets++;
	t->bytes += f->len;
	if (skb->pkt_type == PACKET_MULTICAST)
		t->multicast++;

	skb_record_rx_queue(skb, q->index);
	trace_snull_rx(dev, skb);
	/* Passed up is received.  What the stack then drops (a full netif_rx
	 * backlog, no handler) the core counts in rx_dropped itself.
	 */
	if (!priv->use_napi)
		netif_rx(skb);
	else if (unlikely(skb_cloned(skb)))
		/* Zero-copy of a shared skb: GRO may move the frags or the
		 * head of what it merges, data the other clone still uses.
		 */
		netif_receive_skb(skb);
	else
		napi_gro_receive(&q->napi, skb);
}

/*
 * Receive up to @budget frames.  Poll (softirq) or non-NAPI ISR.  With
 * an XDP program (NAPI only) each frame in one of our pages meets it
 * first (src/xdp.c); a zero-copy skb still on the ring from before it
 * was attached goes up without it.  A frame the program kept from the
 * stack still counts as received.
 */
static int snull_rx(struct snull_queue *q, int budget)
{
	struct snull_poll_stats *st = &q->poll_stats;
	struct snull_priv *priv = q->priv;
	struct snull_rx_tally t = {};
	struct snull_xdp_tx xtx;
	struct snull_rx_frame frame;
	struct bpf_prog *prog;
	int done = 0;

	rcu_read_lock();
	prog = rcu_dereference(priv->xdp_prog);
	if (prog)	/* the frame array stays as it is: n counts it */
		memset(&xtx, 0, offsetof(struct snull_xdp_tx, frames));
	while (done < budget && snull_rx_pop(q, &frame)) {
		u32 len = frame.len;

		done++;
		if (prog && frame.page &&
		    snull_xdp_run(q, prog, &frame, &xtx) != XDP_PASS) {
			t.packets++;
			t.bytes += len;
			continue;
		}
		snull_rx_one(q, &frame, &t);
	}
	if (prog)
		snull_xdp_finish(q, &xtx);
	rcu_read_unlock();

	if (done) {
		u64_stats_update_begin(&st->syncp);
		u64_stats_add(&st->rx_packets, t.packets);
		u64_stats_add(&st->rx_bytes, t.bytes);
		u64_stats_add(&st->rx_multicast, t.multicast);
		u64_stats_add(&st->rx_csum_complete, t.csum);
		u64_stats_add(&st->rx_nomem, t.nomem);
		u64_stats_add(&st->rx_zerocopy_cloned, t.cloned);
		u64_stats_add(&st->rx_copied, t.copied);
		if (prog) {
			u64_stats_add(&st->rx_xdp_pass, xtx.pass);
			u64_stats_add(&st->rx_xdp_drop, xtx.drop);
			u64_stats_add(&st->rx_xdp_tx, xtx.tx);
			u64_stats_add(&st->rx_xdp_tx_errors, xtx.tx_errors);
			u64_stats_add(&st->rx_xdp_redirect, xtx.redir);
			u64_stats_add(&st->rx_xdp_redirect_errors,
				      xtx.redir_errors);
			u64_stats_add(&st->rx_xdp_aborted, xtx.aborted);
		}
		u64_stats_update_end(&st->syncp);
	}

	snull_rx_refill(q, GFP_ATOMIC);
	return done;
}

/*
 * Reclaim completed TX descriptors, report them to BQL and wake the queue
 * once a quarter of the ring is free.  @budget 0 means "not in NAPI with
 * a budget" (netpoll, the ISR, or process context): napi_consume_skb()
 * then frees through the context-safe path.
 */
void snull_tx_clean(struct snull_queue *q, int budget)
{
	/* EXERCISE 5 BEGIN: TX reclaim, BQL completion and wake
	 * Walk the TX ring from tx_clean while descriptors are DONE (acquire),
	 * free their skbs (an XDP frame in rings.tx_xdpf goes back with
	 * xdp_return_frame(), outside BQL), count packets/bytes/carrier
	 * errors, publish the new tx_clean, report to BQL and wake the queue
	 * once a quarter of the ring is free (__netif_txq_completed_wake()).
	 * Datasheet: 5.
	 */
	struct snull_poll_stats *st = &q->poll_stats;
	struct snull_rings *r = &q->rings;
	struct net_device *dev = q->priv->dev;
	unsigned int pkts = 0, bytes = 0, lost = 0, bql_bytes = 0;
	u32 clean = q->tx_clean, status;

	/* Written back (DONE) in order, so the first descriptor without
	 * DONE ends the batch: a slot not yet sent, or never posted (its
	 * status cleared at the last reclaim).  No TDH read, as in rx_pop.
	 */
	for (;;) {
		u32 slot = clean & (r->tx_size - 1);
		struct snull_tx_desc *d = &r->tx[slot];

		/* Acquire: the device cleared skb (zero-copy) before DONE. */
		status = smp_load_acquire(&d->status);
		if (!(status & SNULL_DESC_DONE))
			break;
		if (status & SNULL_DESC_NOCARRIER) {
			lost++;
		} else {
			pkts++;
			bytes += d->len;
		}
		/* An XDP frame: not the stack's, not BQL's. */
		if (unlikely(d->buf))
			snull_tx_xdp_done(r, d, slot);
		else
			bql_bytes += d->len;
		/* NULL: zero-copy, the skb belongs to the receiver now. */
		if (d->skb)
			napi_consume_skb(d->skb, budget);
		d->skb = NULL;
		d->status = 0;
		clean++;
	}
	if (!pkts && !lost)
		return;
	/* Release: slots read before xmit may reuse them. */
	smp_store_release(&q->tx_clean, clean);

	trace_snull_tx_clean(dev, pkts + lost);
	u64_stats_update_begin(&st->syncp);
	u64_stats_add(&st->tx_packets, pkts);
	u64_stats_add(&st->tx_bytes, bytes);
	u64_stats_add(&st->tx_carrier_errors, lost);
	u64_stats_update_end(&st->syncp);

	/*
	 * BQL, then wake once a quarter of the ring is free; the helper's
	 * barrier pairs with netif_txq_try_stop() in xmit.  Every completed
	 * slot counts for the wake (XDP may have filled the ring and stopped
	 * the queue), only the stack's bytes for BQL.  Never wake
	 * the queue of stopped hardware: snull_quiesce() reclaims too, and an
	 * xmit then would post to rings it is about to free.  (The driver's
	 * own flag, cleared before it turns CTRL.EN off: no register read.)
	 */
	__netif_txq_completed_wake(netdev_get_tx_queue(dev, q->index),
				   pkts + lost, bql_bytes, snull_tx_free(q),
				   r->tx_size / 4,
				   !READ_ONCE(q->priv->engines_on));
	/* EXERCISE 5 END */
}

/*
 * The link went up or down (or changed mode): carrier follows the PHY.
 * Any context the ISR runs in: netif_carrier_on/off() only set a bit and
 * queue the link watch.
 */
static void snull_link_change(struct snull_priv *priv)
{
	/* EXERCISE 1 BEGIN: carrier follows the PHY
	 * Read PHY_STAT: link up means carrier on (log speed and duplex),
	 * link down means carrier off.  Datasheet: 8.
	 */
	struct net_device *dev = priv->dev;
	u32 stat = snull_rd32(priv, SNULL_PHY_STAT);
	unsigned int mode = FIELD_GET(SNULL_PHY_STAT_MODE, stat);

	if (stat & SNULL_PHY_STAT_LINK) {
		/* Up, and up when we last looked: it went down and back (or
		 * renegotiated) faster than this interrupt came.  Say so.
		 */
		if (netif_carrier_ok(dev))
			netif_carrier_off(dev);
		netif_info(priv, link, dev, "link up, %u Mb/s, %s duplex\n",
			   snull_lm_speed(mode),
			   snull_lm_full(mode) ? "full" : "half");
		netif_carrier_on(dev);
	} else if (netif_carrier_ok(dev)) {
		netif_info(priv, link, dev, "link down\n");
		netif_carrier_off(dev);
	}
	/* EXERCISE 1 END */
}

/*
 * The ISR: requested with request_irq() on the card's IRQ, or registered
 * with the card where the kernel has no interrupt simulator.  Hard-IRQ
 * context with interrupts off; on PREEMPT_RT its IRQ thread with BH off
 * (or the card's timer softirq, without the simulator).  Keep it short:
 * acknowledge (reading ICR clears it), follow a link change, and either
 * defer to NAPI or (use_napi=0) do the book's per-frame work.
 */
irqreturn_t snull_interrupt(int irq, void *data)
{
	struct snull_queue *q = data;
	struct snull_priv *priv = q->priv;
	struct snull_irq_stats *st = &q->irq_stats;
	u32 status = snull_q_rd32(q, SNULL_ICR);
	bool frames = status & (SNULL_IRQ_RX | SNULL_IRQ_TX);

	trace_snull_isr(priv->dev, status);
	/* Count first: the write section holds nothing but the counters. */
	u64_stats_update_begin(&st->syncp);
	if (!status)
		u64_stats_inc(&st->irq_spurious);
	else
		u64_stats_inc(&st->irqs);
	if (status && !frames)
		u64_stats_inc(&st->irq_link);
	else if (frames && priv->use_napi)
		u64_stats_inc(&st->irq_masked);
	u64_stats_update_end(&st->syncp);

	if (!status)
		return IRQ_NONE;
	if (status & SNULL_IRQ_LSC)
		snull_link_change(priv);
	if (!frames)
		return IRQ_HANDLED;

	/* EXERCISE 6 BEGIN: NAPI: mask and schedule
	 * With NAPI: mask the queue's interrupts (its IMC) and schedule its
	 * poll.
	 * Skeleton: if (priv->use_napi)
	 * Skeleton:	return IRQ_HANDLED;
	 */
	if (priv->use_napi) {
		/* Masked until the poll has drained the rings. */
		snull_q_wr32(q, SNULL_IMC, SNULL_IRQ_ALL);
		napi_schedule(&q->napi);
		return IRQ_HANDLED;
	}
	/* EXERCISE 6 END */

	/* EXERCISE 4 BEGIN: the book's ISR: every frame in hard-IRQ context
	 * Without NAPI (use_napi=0): reclaim sent descriptors on a TX cause,
	 * receive every frame (snull_rx(), which hands each to netif_rx()) on
	 * an RX cause.  Datasheet: 4.
	 */
	if (status & SNULL_IRQ_TX)
		snull_tx_clean(q, 0);
	if (status & SNULL_IRQ_RX)
		snull_rx(q, INT_MAX);
	/* EXERCISE 4 END */
	return IRQ_HANDLED;
}

/*
 * NAPI poll, softirq context.  TX reclaim does not count against the
 * budget and runs even with budget 0; RX stops at @budget.  Only a poll
 * that did less than its budget may complete, and interrupts come back
 * on only if napi_complete_done() says NAPI really is off.
 */
int snull_poll(struct napi_struct *napi, int budget)
{
	/* EXERCISE 6 BEGIN: the NAPI poll
	 * Reclaim TX (any budget), receive up to @budget frames, count the
	 * poll, and only if done < budget complete NAPI and, if
	 * napi_complete_done() says so, give adaptive moderation its sample
	 * (snull_dim_sample()) and unmask (IMS).  Datasheet: 4.
	 * Skeleton: return 0;
	 */
	struct snull_queue *q = container_of(napi, struct snull_queue, napi);
	struct snull_poll_stats *st = &q->poll_stats;
	int done = 0;

	snull_tx_clean(q, budget);
	if (budget)
		done = snull_rx(q, budget);

	u64_stats_update_begin(&st->syncp);
	u64_stats_inc(&st->napi_polls);
	if (budget && done == budget)
		u64_stats_inc(&st->napi_budget_exhausted);
	u64_stats_update_end(&st->syncp);
	trace_snull_poll(q->priv->dev, budget, done);

	if (done < budget && napi_complete_done(napi, done)) {
		/* one interrupt's work done: a sample for DIM */
		snull_dim_sample(q);
		snull_q_wr32(q, SNULL_IMS, SNULL_IRQ_ALL);
	}
	return done;
	/* EXERCISE 6 END */
}
