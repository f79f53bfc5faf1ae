// SPDX-License-Identifier: GPL-2.0
/*
 * snull: XDP.  A program attached with ndo_bpf runs in the NAPI poll on
 * every received frame, in the page pool page the device wrote it to,
 * before any skb exists.  Its verdict decides the frame's fate:
 *
 *   XDP_PASS      on to the stack, as without XDP (the program may have
 *                 moved the frame's start or end, or added metadata)
 *   XDP_DROP      the page goes straight back to the pool
 *   XDP_TX        posted on our own TX ring: back over the wire
 *   XDP_REDIRECT  xdp_do_redirect(): another device's ndo_xdp_xmit, a
 *                 CPU map or an AF_XDP socket; flushed once per poll
 *   XDP_ABORTED   dropped, and the xdp:xdp_exception tracepoint fires
 *
 * ndo_xdp_xmit makes snull a redirect target: another device's poll posts
 * frames on our TX ring.  XDP frames share the TX ring with the stack's
 * skbs, so they are posted under the same TX queue lock, and reclaimed by
 * snull_tx_clean(); BQL counts only the stack's bytes.
 *
 * Attaching is refused, with an extack message, where it cannot work:
 * use_napi=0 (no poll: the ISR hands each frame to netif_rx()), an MTU
 * whose frames do not fit one page (no multi-buffer XDP), and a peer in
 * zero-copy mode (its frames arrive as its skbs, not in our pages).
 * Generic XDP (xdpgeneric), which the core runs on skbs, works anywhere.
 */
#include <linux/bpf_trace.h>
#include <linux/filter.h>

#include "snull.h"

/* The largest MTU whose frames fit one page behind XDP's headroom. */
u32 snull_xdp_max_mtu(void)
{
	u32 room = PAGE_SIZE - SNULL_RX_HEADROOM -
		   SKB_DATA_ALIGN(sizeof(struct skb_shared_info));

	return rounddown(room, SMP_CACHE_BYTES) - ETH_HLEN - VLAN_HLEN;
}

/* A program is attached.  rtnl held (control paths only). */
bool snull_xdp_on(struct snull_priv *priv)
{
	return rcu_access_pointer(priv->xdp_prog);
}

static int snull_xdp_setup(struct net_device *dev, struct bpf_prog *prog,
			   struct netlink_ext_ack *extack)
{
	struct snull_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);
	struct bpf_prog *old;

	ASSERT_RTNL();
	if (prog && !priv->use_napi) {
		NL_SET_ERR_MSG_MOD(extack,
				   "native XDP runs in the NAPI poll: load snull with use_napi=1, or attach in generic mode (xdpgeneric)");
		return -EOPNOTSUPP;
	}
	if (prog && dev->mtu > snull_xdp_max_mtu()) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "MTU %u too large for XDP: a frame must fit one page (MTU %u at most)",
				       dev->mtu, snull_xdp_max_mtu());
		return -EOPNOTSUPP;
	}
	if (prog && peer &&
	    test_bit(SNULL_PFLAG_ZEROCOPY,
		     &((struct snull_priv *)netdev_priv(peer))->pflags)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the peer hands over its skbs (zerocopy private flag): turn it off there first");
		return -EBUSY;
	}

	/*
	 * The core moved a reference to @prog into the driver; the poll may
	 * still be running the old program, which bpf_prog_put() frees only
	 * after an RCU grace period.
	 */
	old = rtnl_dereference(priv->xdp_prog);
	rcu_assign_pointer(priv->xdp_prog, prog);
	if (old)
		bpf_prog_put(old);
	/* While a program runs, the MTU stays where its frames fit a page. */
	dev->max_mtu = prog ? snull_xdp_max_mtu() : SNULL_MAX_MTU;
	return 0;
}

/* ndo_bpf: process context, rtnl held. */
int snull_bpf(struct net_device *dev, struct netdev_bpf *bpf)
{
	switch (bpf->command) {
	case XDP_SETUP_PROG:
		return snull_xdp_setup(dev, bpf->prog, bpf->extack);
	default:
		return -EINVAL;
	}
}

/*
 * Post XDP frames on the TX ring and ring the doorbell: as many as fit,
 * from the first.  TX queue lock held, as in xmit: one producer at a
 * time.  The descriptor carries the frame's bytes; which xdp_frame they
 * belong to is the driver's to remember, for snull_tx_clean().
 */
static unsigned int snull_xdp_post(struct snull_queue *q,
				   struct xdp_frame **frames, unsigned int n)
{
	struct netdev_queue *txq = netdev_get_tx_queue(q->priv->dev, q->index);
	struct snull_rings *r = &q->rings;
	unsigned int i;

	lockdep_assert_held(&txq->_xmit_lock);
	n = min(n, snull_tx_free(q));
	for (i = 0; i < n; i++) {
		u32 slot = q->tx_next & (r->tx_size - 1);
		struct snull_tx_desc *d = &r->tx[slot];

		r->tx_xdpf[slot] = frames[i];
		d->skb = NULL;
		d->buf = frames[i]->data;
		d->len = frames[i]->len;
		d->status = 0;
		q->tx_next++;
	}
	if (n)
		snull_q_wr32(q, SNULL_TDT, q->tx_next);
	/* As xmit does: never leave the stack a full ring to meet. */
	if (!snull_tx_free(q))
		netif_txq_try_stop(txq, snull_tx_free(q), r->tx_size / 4);
	return n;
}

/* Post this poll's XDP_TX frames on its own queue pair's TX ring; what
 * finds no slot is dropped.
 */
static void snull_xdp_tx_flush(struct snull_queue *q,
			       struct snull_xdp_tx *xtx)
{
	struct netdev_queue *txq = netdev_get_tx_queue(q->priv->dev, q->index);
	unsigned int sent, i;

	__netif_tx_lock(txq, smp_processor_id());
	sent = snull_xdp_post(q, xtx->frames, xtx->n);
	__netif_tx_unlock(txq);
	/* Our own pool's pages, in our own poll: straight back to it. */
	for (i = sent; i < xtx->n; i++)
		xdp_return_frame_rx_napi(xtx->frames[i]);
	xtx->tx += sent;
	xtx->tx_errors += xtx->n - sent;
	xtx->n = 0;
}

/*
 * Run @prog on one received frame.  NAPI poll, under rcu_read_lock().
 * Returns the verdict; for XDP_PASS, @f now describes the frame the
 * program left, and the caller builds the skb as usual.  Every other
 * verdict has consumed the page.
 */
u32 snull_xdp_run(struct snull_queue *q, struct bpf_prog *prog,
		  struct snull_rx_frame *f, struct snull_xdp_tx *xtx)
{
	struct net_device *dev = q->priv->dev;
	struct snull_rings *r = &q->rings;
	void *va = page_address(f->page);
	struct xdp_frame *xdpf;
	struct xdp_buff xdp;
	u32 act;

	xdp_init_buff(&xdp, PAGE_SIZE << r->rx_order, &r->xdp_rxq);
	xdp_prepare_buff(&xdp, va, f->off, f->len, true);
	act = bpf_prog_run_xdp(prog, &xdp);

	switch (act) {
	case XDP_PASS:
		f->off = xdp.data - va;
		f->len = xdp.data_end - xdp.data;
		f->meta = xdp.data - xdp.data_meta;
		/* The program may have rewritten the frame: the device's
		 * sum no longer holds, and the stack checks for itself.
		 */
		f->status &= ~SNULL_DESC_CSUM;
		xtx->pass++;
		return act;
	case XDP_TX:
		xdpf = xdp_convert_buff_to_frame(&xdp);
		if (unlikely(!xdpf)) {
			xtx->tx_errors++;
			break;
		}
		if (xtx->n == SNULL_XDP_TX_BULK)
			snull_xdp_tx_flush(q, xtx);
		xtx->frames[xtx->n++] = xdpf;
		return act;
	case XDP_REDIRECT:
		if (unlikely(xdp_do_redirect(dev, &xdp, prog))) {
			xtx->redir_errors++;
			break;
		}
		xtx->redirect = true;
		xtx->redir++;
		return act;
	default:
		bpf_warn_invalid_xdp_action(dev, prog, act);
		fallthrough;
	case XDP_ABORTED:
		trace_xdp_exception(dev, prog, act);
		xtx->aborted++;
		break;
	case XDP_DROP:
		xtx->drop++;
		break;
	}
	/* Dropped: our pool's page, our poll, so recycled directly. */
	page_pool_put_full_page(r->page_pool, f->page, true);
	return act;
}

/* The end of a poll's RX work: post XDP_TX frames, flush redirects. */
void snull_xdp_finish(struct snull_queue *q, struct snull_xdp_tx *xtx)
{
	if (xtx->n)
		snull_xdp_tx_flush(q, xtx);
	if (xtx->redirect)
		xdp_do_flush();
}

/*
 * ndo_xdp_xmit: another device's poll (softirq) redirected @n frames to
 * us.  All or nothing: if the ring cannot take them all, none are posted
 * and the caller frees them, which keeps one meaning of the return value
 * across kernels (5.10's callers freed only what the driver said it had
 * not sent).  The frames go on the queue pair of this CPU, as the
 * stack's would (several CPUs may redirect to us at once).
 */
int snull_xdp_xmit(struct net_device *dev, int n, struct xdp_frame **frames,
		   u32 flags)
{
	struct snull_priv *priv = netdev_priv(dev);
	struct snull_queue *q = &priv->queues[smp_processor_id() %
					      READ_ONCE(priv->num_queues)];
	struct netdev_queue *txq = netdev_get_tx_queue(dev, q->index);
	int ret;

	if (unlikely(flags & ~XDP_XMIT_FLAGS_MASK))
		return -EINVAL;
	/* Without NAPI, TX reclaim runs in the ISR, where an XDP frame's
	 * page cannot go back to its pool (the kernels that know features
	 * never get here: none are advertised then).
	 */
	if (unlikely(!priv->use_napi))
		return -EOPNOTSUPP;

	__netif_tx_lock(txq, smp_processor_id());
	/* snull_quiesce() clears engines_on, then takes this lock: once
	 * it has, nothing is posted on rings about to go.
	 */
	if (unlikely(!READ_ONCE(priv->engines_on)))
		ret = -ENETDOWN;
	else if (unlikely(snull_tx_free(q) < n))
		ret = -ENOSPC;
	else
		ret = snull_xdp_post(q, frames, n);
	/* xmit_stats: its writers are serialised by the TX queue lock. */
	u64_stats_update_begin(&q->xmit_stats.syncp);
	if (ret < 0)
		u64_stats_add(&q->xmit_stats.tx_xdp_xmit_errors, n);
	else
		u64_stats_add(&q->xmit_stats.tx_xdp_xmit, ret);
	u64_stats_update_end(&q->xmit_stats.syncp);
	__netif_tx_unlock(txq);
	return ret;
}
