// SPDX-License-Identifier: GPL-2.0
/*
 * snull: net_device_ops - open/stop, transmit, watchdog, MTU, statistics.
 */
#include "snull.h"
#include "snull_trace.h"

/*
 * One RX buffer is one page of 2^order: headroom, the largest frame the
 * MTU allows (plus a VLAN tag) and the skb_shared_info tail build_skb()
 * puts at the end.  1500 fits an order-0 page; 9000 takes order 2.
 */
u32 snull_rx_order(u32 mtu)
{
	return get_order(SNULL_RX_HEADROOM +
			 SKB_DATA_ALIGN(mtu + ETH_HLEN + VLAN_HLEN) +
			 SKB_DATA_ALIGN(sizeof(struct skb_shared_info)));
}

/*
 * Destroy a page pool that was never used, on an error path.  A pool
 * linked to our NAPI instance may be destroyed only while that instance
 * is off (page_pool_destroy() asserts it); rings allocated while the
 * device runs (a reconfiguration, the self-test) meet a live one, which
 * is paused for the moment, then polled once (an interrupt that came
 * meanwhile found it off, and left the card masked).
 */
static void snull_pool_destroy_unused(struct snull_queue *q,
				      struct page_pool *pool)
{
	bool live = q->priv->use_napi && q->priv->hw_up &&
		    q->index < q->priv->num_queues;

	if (live)
		napi_disable(&q->napi);
	page_pool_destroy(pool);
	if (live) {
		napi_enable(&q->napi);
		local_bh_disable();
		napi_schedule(&q->napi);
		local_bh_enable();
	}
}

/*
 * Everything one configuration needs, allocated up front: both descriptor
 * rings and a page pool, which must be had, and a buffer for every RX
 * slot, which need not: as igb does, a ring starts short of buffers
 * rather than refuse to start, its first refill (snull_start()) retries
 * the empty slots, and the interrupt a frame raises when it finds none
 * brings the poll's.  Process context, rtnl held; the hardware may be
 * running on other rings meanwhile.  snull_rings_free() undoes it.
 */
int snull_rings_alloc(struct snull_queue *q, struct snull_rings *r,
		      u32 tx_size, u32 rx_size, u32 mtu)
{
	struct snull_priv *priv = q->priv;
	struct page_pool_params pp = {
		.order		= snull_rx_order(mtu),
		.pool_size	= rx_size,
		.nid		= NUMA_NO_NODE,
	};
	int err = -ENOMEM;
	u32 i;

	ASSERT_RTNL();
	*r = (struct snull_rings) {
		.tx_size	= tx_size,
		.rx_size	= rx_size,
		/* The hardware's maximum frame length follows the MTU, not
		 * the page: a longer frame is a length error even if it fits.
		 */
		.buf_len	= mtu + ETH_HLEN + VLAN_HLEN,
		.rx_order	= pp.order,
	};
	r->tx = kcalloc(tx_size, sizeof(*r->tx), GFP_KERNEL);
	if (!r->tx)
		goto err_tx;
	r->tx_xdpf = kcalloc(tx_size, sizeof(*r->tx_xdpf), GFP_KERNEL);
	if (!r->tx_xdpf)
		goto err_tx_xdpf;
	r->rx = kcalloc(rx_size, sizeof(*r->rx), GFP_KERNEL);
	if (!r->rx)
		goto err_rx;

	if (priv->use_napi)
		snull_compat_pp_set_napi(&pp, &q->napi);
	snull_compat_pp_set_netdev(&pp, priv->dev);
	r->page_pool = page_pool_create(&pp);
	if (IS_ERR(r->page_pool)) {
		err = PTR_ERR(r->page_pool);
		goto err_pool;
	}
	/* XDP's view of this RX queue: its frames are page pool pages. */
	if (priv->use_napi) {
		err = xdp_rxq_info_reg(&r->xdp_rxq, priv->dev, q->index,
				       q->napi.napi_id);
		if (err)
			goto err_rxq;
		err = xdp_rxq_info_reg_mem_model(&r->xdp_rxq,
						 MEM_TYPE_PAGE_POOL,
						 r->page_pool);
		if (err)
			goto err_mem_model;
	}
	for (i = 0; i < rx_size; i++) {
		r->rx[i].page = page_pool_alloc_pages(r->page_pool,
						      GFP_KERNEL | __GFP_NOWARN);
		if (!r->rx[i].page)
			break;	/* the rest for snull_rx_refill() */
	}
	return 0;

err_mem_model:
	if (xdp_rxq_info_is_reg(&r->xdp_rxq))
		xdp_rxq_info_unreg(&r->xdp_rxq);
err_rxq:
	snull_pool_destroy_unused(q, r->page_pool);
err_pool:
	kfree(r->rx);
err_rx:
	kfree(r->tx_xdpf);
err_tx_xdpf:
	kfree(r->tx);
err_tx:
	*r = (struct snull_rings) {};
	return err;
}

/*
 * Free a configuration the hardware no longer uses (never attached, or
 * detached by snull_rings_swap()): buffers back to the pool, anything
 * left on the rings, then the pool and the rings.  Pages still inside
 * skbs in the stack return to the pool later; the page pool core frees
 * it once the last one is back.
 */
void snull_rings_free(struct snull_rings *r)
{
	u32 i;

	for (i = 0; i < r->rx_size; i++) {
		if (r->rx[i].page)
			page_pool_put_full_page(r->page_pool, r->rx[i].page,
						false);
		dev_kfree_skb(r->rx[i].frame);
	}
	for (i = 0; i < r->tx_size; i++) {
		dev_kfree_skb(r->tx[i].skb);
		if (r->tx_xdpf[i])
			xdp_return_frame(r->tx_xdpf[i]);
	}
	/* Drops the registration's reference to the pool, then ours. */
	if (xdp_rxq_info_is_reg(&r->xdp_rxq))
		xdp_rxq_info_unreg(&r->xdp_rxq);
	if (r->page_pool)
		page_pool_destroy(r->page_pool);
	kfree(r->rx);
	kfree(r->tx_xdpf);
	kfree(r->tx);
	*r = (struct snull_rings) {};
}

/*
 * Exchange the rings the hardware uses with @r, which then holds the
 * previous ones (possibly none).  Hardware stopped, rtnl held.  The new
 * rings are programmed into the device, and their RX buffers posted, by
 * snull_start().
 */
void snull_rings_swap(struct snull_queue *q, struct snull_rings *r)
{
	ASSERT_RTNL();
	swap(q->rings, *r);
}

/* CTRL as the driver's settings ask for it, engines off. */
static u32 snull_ctrl_mode(const struct snull_priv *priv,
			   netdev_features_t features)
{
	u32 ctrl = 0;

	if (snull_flip_on(priv))
		ctrl |= SNULL_CTRL_FLIP;
	if (test_bit(SNULL_PFLAG_ZEROCOPY, &priv->pflags))
		ctrl |= SNULL_CTRL_ZC;
	if (features & NETIF_F_RXCSUM)
		ctrl |= SNULL_CTRL_RXCSUM;
	return ctrl;
}

/* The mode bits changed (a private flag, a feature): tell a running
 * device; a stopped one gets them from snull_start().  rtnl held.
 */
void snull_update_ctrl(struct snull_priv *priv, netdev_features_t features)
{
	ASSERT_RTNL();
	if (priv->hw_up)
		snull_wr32(priv, SNULL_CTRL,
			   snull_ctrl_mode(priv, features) | SNULL_CTRL_EN);
}

/*
 * Point the (stopped) device at the current rings, which zeroes its
 * indices, and ours with them.  Nothing posted yet.  rtnl held.
 */
void snull_program_rings(struct snull_queue *q)
{
	struct snull_rings *r = &q->rings;

	ASSERT_RTNL();
	snull_q_wr64(q, SNULL_TDBA, (uintptr_t)r->tx);
	snull_q_wr32(q, SNULL_TDLEN, r->tx_size);
	snull_q_wr64(q, SNULL_RDBA, (uintptr_t)r->rx);
	snull_q_wr32(q, SNULL_RDLEN, r->rx_size);
	snull_q_wr32(q, SNULL_RXBUF, r->buf_len);
	q->tx_next = 0;
	q->tx_clean = 0;
	q->rx_tail = 0;
	q->rx_next = 0;
}

/*
 * Start the hardware on the current rings: program every queue's (which
 * zeroes the device's indices, so ours start from zero too), post the
 * RX buffers, enable NAPI, the engines and the interrupts, open the TX
 * queues.  Cannot fail: whatever it needs was allocated before.  (A slot
 * emptied by an earlier snull_quiesce() gets a new buffer if one can be
 * had; if not, the ring runs short and the poll's refill tries again.)
 * Process context, rtnl.
 */
void snull_start(struct snull_priv *priv)
{
	struct net_device *dev = priv->dev;
	struct snull_queue *q;

	ASSERT_RTNL();
	for (q = priv->queues; q < priv->queues + priv->num_queues; q++) {
		snull_program_rings(q);
		snull_rx_refill(q, GFP_KERNEL);
		if (priv->use_napi) {
			napi_enable(&q->napi);
			/* the queue-to-NAPI map of "netdev queue-get" */
			snull_compat_queue_set_napi(dev, q->index, &q->napi);
		}
	}
	WRITE_ONCE(priv->engines_on, true);
	snull_wr32(priv, SNULL_CTRL,
		   snull_ctrl_mode(priv, dev->features) | SNULL_CTRL_EN);
	for (q = priv->queues; q < priv->queues + priv->num_queues; q++)
		snull_q_wr32(q, SNULL_IMS, SNULL_IRQ_ALL);
	priv->hw_up = true;
	netif_trans_update(dev);
	netif_tx_wake_all_queues(dev);
}

/*
 * Rings for every queue in use, all or nothing: @set has room for
 * priv->num_queues.  snull_rings_free_all() undoes it.
 */
static int snull_rings_alloc_all(struct snull_priv *priv,
				 struct snull_rings *set, u32 tx_size,
				 u32 rx_size, u32 mtu)
{
	u32 i;
	int err;

	for (i = 0; i < priv->num_queues; i++) {
		err = snull_rings_alloc(&priv->queues[i], &set[i], tx_size,
					rx_size, mtu);
		if (err)
			goto err_alloc;
	}
	return 0;

err_alloc:
	while (i--)
		snull_rings_free(&set[i]);
	return err;
}

static void snull_rings_free_all(struct snull_rings *set, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		snull_rings_free(&set[i]);
}

/* Swap @set with the queues' rings: @set then holds the previous ones. */
static void snull_rings_swap_all(struct snull_priv *priv,
				 struct snull_rings *set)
{
	u32 i;

	for (i = 0; i < priv->num_queues; i++)
		snull_rings_swap(&priv->queues[i], &set[i]);
	WRITE_ONCE(priv->rings_allocated, priv->rings_allocated + 1);
}

/*
 * Bring the simulated hardware up: new rings, then snull_start().
 * Process context, rtnl held.  snull_down() undoes it.
 */
int snull_up(struct snull_priv *priv)
{
	struct snull_rings *set;
	int err;

	ASSERT_RTNL();
	if (priv->hw_up)
		return 0;

	set = kcalloc(priv->num_queues, sizeof(*set), GFP_KERNEL);
	if (!set)
		return -ENOMEM;
	err = snull_rings_alloc_all(priv, set, priv->tx_ring_size,
				    priv->rx_ring_size, priv->dev->mtu);
	if (err) {
		netif_err(priv, ifup, priv->dev, "cannot allocate rings: %d\n",
			  err);
		kfree(set);
		return err;
	}
	snull_rings_swap_all(priv, set);	/* @set: what was attached: none */
	kfree(set);
	snull_start(priv);
	return 0;
}

/*
 * One queue, quiesced with the rest by snull_quiesce(): reap what
 * completed, drop what never will.  Counts into *stuck and *dropped.
 */
static void snull_quiesce_queue(struct snull_queue *q, unsigned int *stuck,
				unsigned int *dropped)
{
	struct snull_rings *r = &q->rings;
	struct snull_rx_frame frame;

	snull_tx_clean(q, 0);
	/* What the engine never sent (a hang leaves it between TDH and
	 * our tail) is ours to drop.
	 */
	while (q->tx_clean != q->tx_next) {
		u32 slot = q->tx_clean & (r->tx_size - 1);
		struct snull_tx_desc *d = &r->tx[slot];

		dev_kfree_skb_any(d->skb);
		d->skb = NULL;
		if (d->buf)
			snull_tx_xdp_done(r, d, slot);
		q->tx_clean++;
		(*stuck)++;
	}
	while (snull_rx_pop(q, &frame)) {
		snull_rx_frame_free(q, &frame);
		(*dropped)++;
	}
}

/*
 * Quiesce in the order that leaves nothing running: no more xmit, no more
 * poll, no more interrupts or DMA from the peer; then reap what completed
 * and drop what never will.  The rings stay attached, for snull_start()
 * again or a swap.  Process context, rtnl held.
 */
void snull_quiesce(struct snull_priv *priv)
{
	struct snull_queue *q, *q0 = &priv->queues[0];
	struct net_device *dev = priv->dev;
	unsigned int dropped = 0, stuck = 0;
	unsigned int i;

	ASSERT_RTNL();
	if (!priv->hw_up)
		return;

	WRITE_ONCE(priv->engines_on, false);
	netif_tx_disable(dev);
	/* The watchdog must not mistake this pause for a hang, on any queue:
	 * before 6.12 a stopped queue keeps the time it last sent, and one
	 * never used has 0.
	 */
	for (i = 0; i < dev->num_tx_queues; i++)
		WRITE_ONCE(netdev_get_tx_queue(dev, i)->trans_start, jiffies);
	if (priv->use_napi) {
		for (q = priv->queues; q < priv->queues + priv->num_queues; q++) {
			snull_compat_queue_set_napi(dev, q->index, NULL);
			napi_disable(&q->napi);
		}
	}
	/* Engines off; returns with no interrupt in flight. */
	snull_wr32(priv, SNULL_CTRL, snull_ctrl_mode(priv, dev->features));
	/*
	 * (iface tests, KASAN: NULL deref in the TX ring under "ethtool
	 * -G" and a flood ping) A poll or ISR that ran until just now may
	 * have reclaimed and woken the queue, and an xmit slipped in.  Stop
	 * it again, which also waits for that xmit; from here on nothing
	 * wakes it: reclaim never wakes the queue of stopped hardware.
	 */
	netif_tx_disable(dev);
	for (q = priv->queues; q < priv->queues + priv->num_queues; q++)
		snull_quiesce_queue(q, &stuck, &dropped);

	/* One count for the device, on queue 0 (the totals are the sums). */
	netif_tx_lock_bh(dev);	/* the watchdog may count a timeout now */
	u64_stats_update_begin(&q0->xmit_stats.syncp);
	u64_stats_add(&q0->xmit_stats.tx_flushed, stuck);
	u64_stats_update_end(&q0->xmit_stats.syncp);
	netif_tx_unlock_bh(dev);

	u64_stats_update_begin(&q0->poll_stats.syncp);
	u64_stats_add(&q0->poll_stats.rx_flushed, dropped);
	u64_stats_update_end(&q0->poll_stats.syncp);

	/* BQL forgets what will never complete, on each TX queue. */
	for (q = priv->queues; q < priv->queues + priv->num_queues; q++)
		netdev_tx_reset_queue(netdev_get_tx_queue(dev, q->index));
	priv->hw_up = false;
}

/* snull_quiesce(), then detach and free the rings.  Process context, rtnl. */
void snull_down(struct snull_priv *priv)
{
	struct snull_rings old;
	struct snull_queue *q;

	ASSERT_RTNL();
	if (!priv->hw_up)
		return;
	snull_quiesce(priv);
	snull_dim_stop(priv);	/* NAPI is off: nothing schedules it again */
	for (q = priv->queues; q < priv->queues + priv->num_queues; q++) {
		old = (struct snull_rings) {};
		snull_rings_swap(q, &old);
		snull_rings_free(&old);
	}
}

/*
 * Change ring sizes and/or MTU.  While running: allocate the new rings
 * first, and only then stop the hardware, swap and restart, so that a
 * failure (no memory) returns the error with the old configuration still
 * running, untouched.  Process context, rtnl held.
 */
int snull_reconfigure(struct snull_priv *priv, u32 tx_size, u32 rx_size,
		      u32 mtu, struct netlink_ext_ack *extack)
{
	struct net_device *dev = priv->dev;
	bool running = priv->hw_up;
	struct snull_rings *set = NULL;
	int err;

	ASSERT_RTNL();
	if (running) {
		set = kcalloc(priv->num_queues, sizeof(*set), GFP_KERNEL);
		err = set ? snull_rings_alloc_all(priv, set, tx_size, rx_size,
						  mtu) : -ENOMEM;
		if (err) {
			NL_SET_ERR_MSG_MOD(extack,
					   "cannot allocate the new rings; the old ones keep running");
			netif_err(priv, hw, dev,
				  "cannot allocate rings (%u/%u, MTU %u): %d; the old ones keep running\n",
				  tx_size, rx_size, mtu, err);
			kfree(set);
			return err;
		}
		snull_quiesce(priv);
	}

	priv->tx_ring_size = tx_size;
	priv->rx_ring_size = rx_size;
	WRITE_ONCE(dev->mtu, mtu);
	if (running) {
		snull_rings_swap_all(priv, set);
		snull_rings_free_all(set, priv->num_queues);
		kfree(set);
		snull_start(priv);
	}
	return 0;
}

/* EXERCISE 1 BEGIN: open and stop; the card's interrupts
 * ndo_open: request each queue's interrupt (snull_hw_irq() says which;
 * 0 means the card calls the handler itself), then snull_up(); undo
 * the requests if that fails (goto err_...).  ndo_stop: carrier off,
 * snull_down(), then free the interrupts.  Datasheet: 3, 4, 8, 10.
 * Skeleton: static int snull_open(struct net_device *dev)
 * Skeleton: {
 * Skeleton:	return -EOPNOTSUPP;
 * Skeleton: }
 * Skeleton:
 * Skeleton: static int snull_stop(struct net_device *dev)
 * Skeleton: {
 * Skeleton:	return 0;
 * Skeleton: }
 */
/*
 * Each queue's interrupt vector, requested while the interface is up, as
 * a PCI driver does in its open (e100_up, igb_request_msix): the handler
 * gets the queue, and the name in /proc/interrupts follows the
 * interface's ("sn0", or "sn0-<queue>" with several queues).  Not
 * threaded by us, so PREEMPT_RT threads it (and takes BH off around it).
 */
/* Free the vectors snull_request_irqs() got: none twice, none missed. */
static void snull_free_irqs(struct snull_priv *priv)
{
	while (priv->irqs_requested) {
		u32 i = --priv->irqs_requested;
		int irq = snull_hw_irq(priv->hw, i);

		if (irq)
			free_irq(irq, &priv->queues[i]);
	}
}

static int snull_request_irqs(struct snull_priv *priv)
{
	struct net_device *dev = priv->dev;
	struct snull_queue *q;
	int irq, err;

	for (q = priv->queues; q < priv->queues + priv->num_queues; q++) {
		irq = snull_hw_irq(priv->hw, q->index);
		if (!irq) {
			priv->irqs_requested = q->index + 1;
			continue;
		}
		if (priv->num_queues == 1)
			strscpy(q->irq_name, dev->name, sizeof(q->irq_name));
		else
			snprintf(q->irq_name, sizeof(q->irq_name), "%s-%u",
				 dev->name, q->index);
		err = request_irq(irq, snull_interrupt, 0, q->irq_name, q);
		if (err) {
			netif_err(priv, ifup, dev, "cannot request IRQ %d: %d\n",
				  irq, err);
			snull_free_irqs(priv);
			return err;
		}
		priv->irqs_requested = q->index + 1;
	}
	return 0;
}

static int snull_open(struct net_device *dev)
{
	struct snull_priv *priv = netdev_priv(dev);
	int err;

	err = snull_request_irqs(priv);
	if (err)
		return err;
	err = snull_up(priv);
	if (err)
		goto err_up;

	/* Carrier follows the link: its interrupt (LSC) turns it on, here
	 * and at the peer, once both cards are on the wire.
	 */
	return 0;

err_up:
	snull_free_irqs(priv);
	return err;
}

static int snull_stop(struct net_device *dev)
{
	struct snull_priv *priv = netdev_priv(dev);

	/* Ours at once; the peer's when its PHY loses the link (LSC). */
	netif_carrier_off(dev);
	snull_down(priv);
	/* the card is quiet: snull_down() stopped it */
	snull_free_irqs(priv);
	return 0;
}

/* EXERCISE 1 END */

/*
 * ndo_start_xmit: BH disabled, TX queue lock held.  Post the skb on the TX
 * ring, account it to BQL and ring the doorbell unless the stack promised
 * more frames right away (xmit_more), in which case the doorbell waits
 * for the last of them.
 */
static netdev_tx_t snull_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	/* EXERCISE 2 BEGIN: the send path
	 * Fill the next TX descriptor (skb, len, status 0), advance tx_next,
	 * and stop the queue as this frame takes the last free slot
	 * (netif_txq_try_stop()).  Datasheet: 5.
	 * Skeleton: dev_kfree_skb_any(skb);
	 * Skeleton: return NETDEV_TX_OK;
	 */
	struct snull_priv *priv = netdev_priv(dev);
	struct snull_queue *q = &priv->queues[skb_get_queue_mapping(skb)];
	struct netdev_queue *txq = netdev_get_tx_queue(dev, q->index);
	unsigned int len = skb->len;
	struct snull_tx_desc *d;

	/* The core's HARD_TX_LOCK: the TX ring's producer runs once at a time. */
	lockdep_assert_held(&txq->_xmit_lock);
	if (unlikely(!snull_tx_free(q))) {
		/* The queue is stopped before the ring fills; a bug if hit. */
		netif_tx_stop_queue(txq);
		netif_err(priv, tx_err, dev, "xmit with a full TX ring\n");
		return NETDEV_TX_BUSY;
	}

	skb_tx_timestamp(skb);
	trace_snull_xmit(dev, skb);
	/* The descriptor: the skb belongs to the ring now. */
	d = &q->rings.tx[q->tx_next & (q->rings.tx_size - 1)];
	d->skb = skb;
	d->len = len;
	d->status = 0;
	q->tx_next++;

	/*
	 * Stop as this frame takes the last slot, so the next xmit never
	 * meets a full ring.  The core's helper re-reads the free count
	 * once the stop bit is visible: if reclaim on another CPU made room
	 * in between, it starts the queue again, and a wake-up is never
	 * lost (the barrier pairs with __netif_txq_completed_wake() in
	 * snull_tx_clean()).
	 */
	if (unlikely(!snull_tx_free(q))) {
		u64_stats_update_begin(&q->xmit_stats.syncp);
		u64_stats_inc(&q->xmit_stats.tx_ring_full);
		u64_stats_update_end(&q->xmit_stats.syncp);
		netif_txq_try_stop(txq, snull_tx_free(q), q->rings.tx_size / 4);
	}
	/* EXERCISE 2 END */

	/* EXERCISE 5 BEGIN: BQL: account the bytes queued
	 * Tell BQL about the frame; it also says whether to ring the doorbell
	 * now or wait for the rest of an xmit_more batch.
	 * Skeleton: if (netdev_xmit_more())
	 * Skeleton:	return NETDEV_TX_OK;
	 */
	/* BQL first: the completion may run on another CPU the moment the
	 * engine finishes, and must never see more completed than queued.
	 */
	if (!__netdev_tx_sent_queue(txq, len, netdev_xmit_more()))
		return NETDEV_TX_OK;
	/* EXERCISE 5 END */
	/* EXERCISE 2 BEGIN: the doorbell; a hung engine
	 * Write TDT.  If the descriptor is not DONE yet and the queue's
	 * TSTAT says its TX engine hung, stop the queue so the watchdog
	 * notices.
	 */
	/* The doorbell: the engine sends up to the new tail right now.  A
	 * descriptor written back says the engine is alive without a
	 * register read; only otherwise ask this queue's TSTAT whether its
	 * engine hung (STATUS.TXHUNG would stop a queue for another's hang).
	 */
	snull_q_wr32(q, SNULL_TDT, q->tx_next);
	if (unlikely(!(READ_ONCE(d->status) & SNULL_DESC_DONE) &&
		     snull_q_rd32(q, SNULL_TSTAT) & SNULL_TSTAT_HUNG)) {
		/*
		 * The engine hung: stop the queue, as the book's driver does
		 * when it loses a TX interrupt, so the watchdog sees the stall
		 * and resets us.  BQL alone may never stop it: the limit it
		 * learned from earlier traffic can be far above what a few
		 * frames hold, and with light traffic the frames on the ring
		 * (and the sockets they pin) would wait for ever.
		 */
		netif_tx_stop_queue(txq);
	}
	/* EXERCISE 2 END */
	return NETDEV_TX_OK;
}

/*
 * Called by the watchdog timer (softirq, netif_tx_lock() held) when the queue
 * has been stopped longer than watchdog_timeo.  Nothing here may sleep, so
 * the reset itself runs in a work item.
 */
static void snull_tx_timeout(struct net_device *dev, unsigned int txqueue)
{
	/* EXERCISE 10 BEGIN: the watchdog's call
	 * Softirq, netif_tx_lock() held, must not sleep: count tx_timeouts,
	 * log, and schedule the reset work item.
	 */
	struct snull_priv *priv = netdev_priv(dev);
	struct snull_queue *q;

	/* snull_validate() keeps the device to the card's queues */
	if (WARN_ON_ONCE(txqueue >= SNULL_MAX_QUEUES))
		txqueue = 0;
	q = &priv->queues[txqueue];
	/* The watchdog holds netif_tx_lock(): every queue frozen, so no
	 * xmit runs and xmit_stats is ours to write.
	 */
	lockdep_assert_held(&dev->tx_global_lock);
	u64_stats_update_begin(&q->xmit_stats.syncp);
	u64_stats_inc(&q->xmit_stats.tx_timeouts);
	u64_stats_update_end(&q->xmit_stats.syncp);

	netif_err(priv, tx_err, dev,
		  "TX timeout on queue %u, %u descriptors pending; resetting\n",
		  txqueue, q->tx_next - READ_ONCE(q->tx_clean));
	trace_snull_tx_timeout(dev, txqueue);
	schedule_work(&priv->reset_work);
	/* EXERCISE 10 END */
}

/*
 * The tx_timeout recovery, in process context: a full hardware reset on
 * the same rings (e100_tx_timeout_task).  Nothing to allocate, so it
 * cannot fail: quiesce drops what the hung engine held, start begins
 * again from slot 0.
 */
static void snull_reset_task(struct work_struct *work)
{
	/* EXERCISE 10 BEGIN: the reset, in process context
	 * Under rtnl_lock(), if the interface is up: snull_quiesce(), count
	 * tx_resets (under the TX lock), snull_start() on the same rings.
	 */
	struct snull_priv *priv = container_of(work, struct snull_priv,
					       reset_work);
	struct net_device *dev = priv->dev;

	rtnl_lock();
	if (netif_running(dev) && priv->hw_up) {
		snull_quiesce(priv);
		/* xmit_stats writers are serialised by the TX lock. */
		netif_tx_lock_bh(dev);
		u64_stats_update_begin(&priv->queues[0].xmit_stats.syncp);
		u64_stats_inc(&priv->queues[0].xmit_stats.tx_resets);
		u64_stats_update_end(&priv->queues[0].xmit_stats.syncp);
		netif_tx_unlock_bh(dev);
		snull_start(priv);
		netif_info(priv, hw, dev, "hardware reset done\n");
	}
	rtnl_unlock();
	/* EXERCISE 10 END */
}

/*
 * The device's totals: every queue pair's counters summed, those no
 * longer in use too (what they counted still happened).  Any context.
 */
void snull_get_stats64(struct net_device *dev, struct rtnl_link_stats64 *s)
{
	struct snull_priv *priv = netdev_priv(dev);
	const struct snull_queue *q;
	u64 rxp, rxb, mc, rxd, txp, txb, txc, txd;
	unsigned int start;

	for (q = priv->queues; q < priv->queues + SNULL_MAX_QUEUES; q++) {
		const struct snull_poll_stats *p = &q->poll_stats;
		const struct snull_xmit_stats *x = &q->xmit_stats;

		do {
			start = u64_stats_fetch_begin(&p->syncp);
			rxp = u64_stats_read(&p->rx_packets);
			rxb = u64_stats_read(&p->rx_bytes);
			mc = u64_stats_read(&p->rx_multicast);
			rxd = u64_stats_read(&p->rx_nomem) +
			      u64_stats_read(&p->rx_flushed);
			txp = u64_stats_read(&p->tx_packets);
			txb = u64_stats_read(&p->tx_bytes);
			txc = u64_stats_read(&p->tx_carrier_errors);
		} while (u64_stats_fetch_retry(&p->syncp, start));
		do {
			start = u64_stats_fetch_begin(&x->syncp);
			txd = u64_stats_read(&x->tx_flushed);
		} while (u64_stats_fetch_retry(&x->syncp, start));
		s->rx_packets += rxp;
		s->rx_bytes += rxb;
		s->multicast += mc;
		s->rx_dropped += rxd;
		s->tx_packets += txp;
		s->tx_bytes += txb;
		s->tx_carrier_errors += txc;
		s->tx_dropped += txd;
	}

	/* The device counts what never reached a descriptor. */
	s->rx_missed_errors = snull_hw_rd64(priv->hw, SNULL_MPC);
	s->rx_length_errors = snull_hw_rd64(priv->hw, SNULL_RLEC);

	s->rx_errors = s->rx_length_errors;
	s->tx_errors = s->tx_carrier_errors;
}

#ifdef HAVE_NETDEV_STAT_OPS
/*
 * Per-queue statistics (qstats: "netdev qstats-get" over netlink): each
 * queue pair's own counters, and the device's drops for want of a buffer
 * on that queue (RQDPC).  The base, what no queue in use holds, is what
 * queues no longer in use counted, plus the device's length errors:
 * queues plus base equal ndo_get_stats64.  Any context.
 */
static void snull_queue_stats_rx(const struct snull_queue *q,
				 struct netdev_queue_stats_rx *rx)
{
	const struct snull_poll_stats *p = &q->poll_stats;
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&p->syncp);
		rx->packets = u64_stats_read(&p->rx_packets);
		rx->bytes = u64_stats_read(&p->rx_bytes);
		rx->alloc_fail = u64_stats_read(&p->rx_alloc_failed);
	} while (u64_stats_fetch_retry(&p->syncp, start));
}

static void snull_queue_stats_tx(const struct snull_queue *q,
				 struct netdev_queue_stats_tx *tx)
{
	const struct snull_poll_stats *p = &q->poll_stats;
	const struct snull_xmit_stats *x = &q->xmit_stats;
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&p->syncp);
		tx->packets = u64_stats_read(&p->tx_packets);
		tx->bytes = u64_stats_read(&p->tx_bytes);
	} while (u64_stats_fetch_retry(&p->syncp, start));
	do {
		start = u64_stats_fetch_begin(&x->syncp);
		tx->stop = u64_stats_read(&x->tx_ring_full);
	} while (u64_stats_fetch_retry(&x->syncp, start));
}

static void snull_get_queue_stats_rx(struct net_device *dev, int idx,
				     struct netdev_queue_stats_rx *rx)
{
	struct snull_priv *priv = netdev_priv(dev);

	snull_queue_stats_rx(&priv->queues[idx], rx);
	/* no buffer posted on this queue: the device's missed counter */
	rx->hw_drop_overruns = snull_hw_rd64(priv->hw,
					     SNULL_QREG(SNULL_RQDPC, idx));
	rx->hw_drops = rx->hw_drop_overruns;
}

static void snull_get_queue_stats_tx(struct net_device *dev, int idx,
				     struct netdev_queue_stats_tx *tx)
{
	struct snull_priv *priv = netdev_priv(dev);

	snull_queue_stats_tx(&priv->queues[idx], tx);
}

static void snull_get_base_stats(struct net_device *dev,
				 struct netdev_queue_stats_rx *rx,
				 struct netdev_queue_stats_tx *tx)
{
	struct snull_priv *priv = netdev_priv(dev);
	struct netdev_queue_stats_rx qrx;
	struct netdev_queue_stats_tx qtx;
	u64 missed = 0;
	u32 i;

	memset(rx, 0, sizeof(*rx));
	memset(tx, 0, sizeof(*tx));
	for (i = priv->num_queues; i < SNULL_MAX_QUEUES; i++) {
		snull_queue_stats_rx(&priv->queues[i], &qrx);
		snull_queue_stats_tx(&priv->queues[i], &qtx);
		rx->packets += qrx.packets;
		rx->bytes += qrx.bytes;
		rx->alloc_fail += qrx.alloc_fail;
		tx->packets += qtx.packets;
		tx->bytes += qtx.bytes;
		tx->stop += qtx.stop;
		/* the queues not in use: misses of their time in use */
		missed += snull_hw_rd64(priv->hw, SNULL_QREG(SNULL_RQDPC, i));
	}
	rx->hw_drop_overruns = missed;
	rx->hw_drops = missed + snull_hw_rd64(priv->hw, SNULL_RLEC);
}

static const struct netdev_stat_ops snull_stat_ops = {
	.get_queue_stats_rx	= snull_get_queue_stats_rx,
	.get_queue_stats_tx	= snull_get_queue_stats_tx,
	.get_base_stats		= snull_get_base_stats,
};
#endif

static int snull_change_mtu(struct net_device *dev, int new_mtu)
{
	struct snull_priv *priv = netdev_priv(dev);

	/* The core checked min_mtu/max_mtu; RX buffers follow the MTU. */
	return snull_reconfigure(priv, priv->tx_ring_size, priv->rx_ring_size,
				 new_mtu, NULL);
}

/* MAC changes only while down (no IFF_LIVE_ADDR_CHANGE): the hardware
 * filter is programmed from dev_addr when the device opens.
 */
static int snull_set_mac_address(struct net_device *dev, void *addr)
{
	return eth_mac_addr(dev, addr);
}

/*
 * Zero-copy delivery hands the sender's skb to the peer, so the "wire"
 * can carry whatever the stack builds, GSO super-packets included, as
 * veth does.  The copy engine moves one frame per descriptor into an
 * MTU-sized buffer, so without zero-copy the stack segments first.
 */
static netdev_features_t snull_fix_features(struct net_device *dev,
					    netdev_features_t features)
{
	struct snull_priv *priv = netdev_priv(dev);

	if (!test_bit(SNULL_PFLAG_ZEROCOPY, &priv->pflags))
		features &= ~NETIF_F_GSO_SOFTWARE;
	return features;
}

/*
 * The zerocopy private flag.  rtnl held.  Refused while the peer runs
 * XDP, which needs every frame in its own pages (src/xdp.c).
 */
int snull_set_zerocopy(struct snull_priv *priv, bool on)
{
	struct net_device *dev = priv->dev;
	struct net_device *peer = rtnl_dereference(priv->peer);

	ASSERT_RTNL();
	if (on && peer && snull_xdp_on(netdev_priv(peer))) {
		netdev_err(dev,
			   "zerocopy: the peer %s runs XDP, which takes frames only in its own pages\n",
			   peer->name);
		return -EBUSY;
	}
	if (on) {
		/* The peer owns the skb: the stack must not hand us one it
		 * keeps using (pktgen clone_skb), as in veth.  The offloads
		 * stay what the user asked for (ethtool -K): zero-copy only
		 * lets GSO through snull_fix_features().
		 */
		dev->priv_flags &= ~IFF_TX_SKB_SHARING;
		set_bit(SNULL_PFLAG_ZEROCOPY, &priv->pflags);
	} else {
		clear_bit(SNULL_PFLAG_ZEROCOPY, &priv->pflags);
		dev->priv_flags |= IFF_TX_SKB_SHARING;
	}
	netdev_update_features(dev);
	return 0;
}

/* ethtool -K rx on|off: the device's receive checksum engine; rxhash
 * on|off: its RSS hash.
 */
static int snull_set_features(struct net_device *dev,
			      netdev_features_t features)
{
	struct snull_priv *priv = netdev_priv(dev);

	snull_update_ctrl(priv, features);
	if ((features ^ dev->features) & NETIF_F_RXHASH)
		snull_rss_program(priv, features);
	return 0;
}

/* The registers ethtool -d and debugfs show, in the version 1 layout:
 * the card's, and queue 0's.
 */
void snull_read_regs(struct snull_priv *priv, struct snull_regs *r)
{
	u64 mta = snull_hw_rd64(priv->hw, SNULL_MTA);
	u32 status = snull_rd32(priv, SNULL_STATUS);

	r->irq_status = snull_rd32(priv, SNULL_ICS);	/* ICR would clear */
	r->irq_mask = snull_rd32(priv, SNULL_IMS);
	r->rx_ctl = snull_rd32(priv, SNULL_RCTL);
	r->running = !!(status & SNULL_STATUS_EN);
	r->tx_size = snull_rd32(priv, SNULL_TDLEN);
	r->tx_head = READ_ONCE(priv->queues[0].tx_next);
	r->tx_done = snull_rd32(priv, SNULL_TDH);
	r->tx_clean = READ_ONCE(priv->queues[0].tx_clean);
	r->tx_hung = !!(status & SNULL_STATUS_TXHUNG);
	r->rx_size = snull_rd32(priv, SNULL_RDLEN);
	r->rx_buf_len = snull_rd32(priv, SNULL_RXBUF);
	r->rx_posted = snull_rd32(priv, SNULL_RDT);
	r->rx_filled = snull_rd32(priv, SNULL_RDH);
	r->rx_next = READ_ONCE(priv->queues[0].rx_next);
	r->rx_usecs = snull_rd32(priv, SNULL_ITR_RX);
	r->rx_frames = snull_rd32(priv, SNULL_ITR_RXF);
	r->tx_usecs = snull_rd32(priv, SNULL_ITR_TX);
	r->mc_hash_lo = lower_32_bits(mta);
	r->mc_hash_hi = upper_32_bits(mta);
}

/* The queue pairs this device can use: the card's, and the stack's. */
u32 snull_max_queues(const struct net_device *dev)
{
	return min_t(u32, SNULL_MAX_QUEUES,
		     min(dev->num_tx_queues, dev->num_rx_queues));
}

/* NAPI instances for queues [@from, @to) (NAPI mode): added, or with
 * @to < @from, deleted from @to up.  The instances must be disabled.
 */
static void snull_queues_napi(struct snull_priv *priv, u32 from, u32 to)
{
	u32 i;

	if (!priv->use_napi)
		return;
	for (i = from; i < to; i++)
		netif_napi_add(priv->dev, &priv->queues[i].napi, snull_poll);
	for (i = to; i < from; i++)
		netif_napi_del(&priv->queues[i].napi);
}

/*
 * ethtool -L combined N: use N queue pairs.  A running device goes down
 * and comes back up with them, as a NIC's driver resets for it; the
 * stack's queues, NAPI instances, vectors and the RSS table (when the
 * user has not set one) follow.  If it cannot come back up with N (no
 * memory), it comes back with the old count.  rtnl held.
 */
int snull_set_queues(struct snull_priv *priv, u32 n)
{
	struct net_device *dev = priv->dev;
	bool running = netif_running(dev);
	u32 old = priv->num_queues;
	int err;

	ASSERT_RTNL();
	if (n == old)
		return 0;
	/* ndo_stop and ndo_open: the vectors of the old count go, the new
	 * count's are requested.
	 */
	if (running)
		snull_stop(dev);
	snull_queues_napi(priv, old, n);
	WRITE_ONCE(priv->num_queues, n);
	err = netif_set_real_num_tx_queues(dev, n);
	if (!err)
		err = netif_set_real_num_rx_queues(dev, n);
	if (err)
		goto err_restore;
	snull_rss_spread(priv);
	if (running) {
		err = snull_open(dev);
		if (err)
			goto err_restore;
	}
	return 0;

err_restore:
	/* ethtool's set_channels has no extack: the log says why */
	netif_err(priv, ifup, dev, "cannot use %u queue pairs (%d); %u stay\n",
		  n, err, old);
	snull_queues_napi(priv, n, old);
	WRITE_ONCE(priv->num_queues, old);
	netif_set_real_num_tx_queues(dev, old);
	netif_set_real_num_rx_queues(dev, old);
	snull_rss_spread(priv);
	if (running && snull_open(dev)) {
		/* Down for real: the core's state follows the hardware's. */
		netif_err(priv, ifup, dev, "cannot come back up: down\n");
		dev_close(dev);
	}
	return err;
}

/*
 * Registration calls this before the device is visible: the card is
 * "found" here, and its interrupt handler registered.  Undone by the
 * destructor, which also runs when registration fails after this.
 */
static int snull_init(struct net_device *dev)
{
	struct snull_priv *priv = netdev_priv(dev);
	struct snull_hw_config cfg = {
		.name	= dev->name,	/* follows a rename */
		.lockup	= snull_lockup,
		.queues	= SNULL_MAX_QUEUES,
	};
	unsigned int m, v;

	/* The PHY's modes: every one up to the speed parameter. */
	for (m = 0; m < SNULL_LM_COUNT; m++)
		if (snull_lm_speed(m) <= snull_speed)
			cfg.phy_modes |= BIT(m);

	priv->hw = snull_hw_create(&cfg);
	if (!priv->hw)
		return -ENOMEM;
	/* Every vector: no Linux IRQ (no interrupt simulator in this
	 * kernel) means the card calls our handler itself, with its queue.
	 * Otherwise ndo_open requests the vectors of the queues in use.
	 */
	for (v = 0; v < SNULL_MAX_QUEUES; v++) {
		if (!snull_hw_irq(priv->hw, v))
			snull_hw_set_isr(priv->hw, v, snull_interrupt,
					 &priv->queues[v]);
		snull_wr32(priv, SNULL_QREG(SNULL_ITR_RX, v), snull_irq_delay_us);
		snull_wr32(priv, SNULL_QREG(SNULL_ITR_TX, v), snull_irq_delay_us);
	}
	/* As many queue pairs as asked for, and as the device has queues
	 * for (ip link add ... numtxqueues N allocates fewer).
	 */
	priv->num_queues = min(priv->num_queues, snull_max_queues(dev));
	snull_queues_napi(priv, 0, priv->num_queues);
	netif_set_real_num_tx_queues(dev, priv->num_queues);
	netif_set_real_num_rx_queues(dev, priv->num_queues);
	snull_rss_init(priv);
	snull_rss_program(priv, dev->features);
	return 0;
}

/* The peer's ifindex, so "ip link" prints sn0@sn1 as it does for veth. */
static int snull_get_iflink(const struct net_device *dev)
{
	struct snull_priv *priv = netdev_priv(dev);
	struct net_device *peer;
	int iflink;

	rcu_read_lock();
	peer = rcu_dereference(priv->peer);
	iflink = peer ? peer->ifindex : 0;
	rcu_read_unlock();
	return iflink;
}

const struct net_device_ops snull_netdev_ops = {
	.ndo_init		= snull_init,
	.ndo_open		= snull_open,
	.ndo_stop		= snull_stop,
	.ndo_start_xmit		= snull_start_xmit,
	.ndo_tx_timeout		= snull_tx_timeout,
	.ndo_get_stats64	= snull_get_stats64,
	.ndo_change_mtu		= snull_change_mtu,
	.ndo_set_mac_address	= snull_set_mac_address,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_set_rx_mode	= snull_set_rx_mode,
	.ndo_get_iflink		= snull_get_iflink,
	.ndo_fix_features	= snull_fix_features,
	.ndo_set_features	= snull_set_features,
	.ndo_bpf		= snull_bpf,
	.ndo_xdp_xmit		= snull_xdp_xmit,
};

/*
 * Runs after unregister, without rtnl: nothing may still use priv, and
 * an RCU grace period has passed since snull_dellink() cut the cable.
 * Also runs when registration fails after snull_init().
 */
static void snull_destructor(struct net_device *dev)
{
	struct snull_priv *priv = netdev_priv(dev);

	cancel_work_sync(&priv->reset_work);
	snull_debugfs_del(priv);
	snull_hw_destroy(priv->hw);
	priv->hw = NULL;
}

/*
 * rtnl_link_ops.setup, also used by alloc_netdev() for the pairs made at
 * insmod: every default is in place before register_netdevice().
 */
void snull_setup(struct net_device *dev)
{
	struct snull_priv *priv = netdev_priv(dev);
	u32 i;

	ether_setup(dev);
	dev->netdev_ops = &snull_netdev_ops;
	dev->ethtool_ops = &snull_ethtool_ops;
#ifdef HAVE_NETDEV_STAT_OPS
	dev->stat_ops = &snull_stat_ops;
#endif
	dev->rtnl_link_ops = &snull_link_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = snull_destructor;
	dev->min_mtu = SNULL_MIN_MTU;
	dev->max_mtu = SNULL_MAX_MTU;
	dev->watchdog_timeo = snull_timeout;

	/*
	 * What the "hardware" really does: gather fragments (SG), finish TX
	 * checksums during the copy (HW_CSUM) and deliver a CHECKSUM_COMPLETE
	 * sum (RXCSUM), and hash each flow (RXHASH, src/rss.c).  TX offload
	 * is off by default so tcpdump on the sender shows final checksums,
	 * as the course expects.
	 */
	dev->hw_features = NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_RXCSUM |
			   NETIF_F_RXHASH | NETIF_F_HIGHDMA |
			   NETIF_F_GSO_SOFTWARE;
	dev->features = NETIF_F_RXCSUM | NETIF_F_RXHASH | NETIF_F_HIGHDMA;

	priv->dev = dev;
	priv->use_napi = snull_use_napi;
	priv->msg_enable = netif_msg_init(snull_debug, SNULL_MSG_DEFAULT);
	priv->tx_ring_size = snull_tx_ring;
	priv->rx_ring_size = snull_rx_ring;
	priv->rx_copybreak = SNULL_RX_COPYBREAK;
	INIT_WORK(&priv->reset_work, snull_reset_task);
	priv->num_queues = snull_queues;
	for (i = 0; i < SNULL_MAX_QUEUES; i++) {
		struct snull_queue *q = &priv->queues[i];

		q->priv = priv;
		q->index = i;
		snull_dim_init(q);
		u64_stats_init(&q->poll_stats.syncp);
		u64_stats_init(&q->irq_stats.syncp);
		u64_stats_init(&q->xmit_stats.syncp);
	}
	/* ip -d link, netlink: what XDP may do here (src/xdp.c) */
	if (priv->use_napi)
		snull_compat_xdp_features(dev);
}
