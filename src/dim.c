// SPDX-License-Identifier: GPL-2.0
/*
 * snull: adaptive interrupt moderation (ethtool -C adaptive-rx/tx on),
 * with the kernel's DIM library (Documentation/networking/net_dim.rst).
 *
 * A NAPI poll that completes hands net_dim() a sample of each adaptive
 * direction it had something to merge for (snull_dim_feed()): the
 * running packet and byte counts and an event count (such polls).  From
 * the rates between samples DIM walks a table of profiles, (usecs,
 * frames) pairs from "interrupt at once" to "wait long, take many",
 * towards the one that moves the most data per interrupt, and schedules
 * the direction's work item when it moves.  The work writes the profile
 * into the card's ITR registers, which the next interrupt obeys: the
 * poll (softirq) only measures, the registers are written in process
 * context, as a real driver's would be.
 *
 * Each queue pair has its own: its vector's ITR registers, its poll's
 * samples, its work items.  ethtool -C turns a direction on or off for
 * every queue at once.
 *
 * Lifetime: the work items are set up with the device (snull_dim_init)
 * and cancelled when it goes down (snull_dim_stop) or the direction is
 * turned off; rtnl serialises the control paths.  A poll that read the
 * flag just before it was cleared may still schedule the work: the work
 * checks the flag itself, so it cannot overwrite the static values the
 * user just set.
 */
#include <linux/dim.h>
#include <linux/sched/clock.h>

#include "snull.h"

static struct snull_dim *snull_dim_of(struct snull_queue *q, bool rx)
{
	return rx ? &q->rx_dim : &q->tx_dim;
}

/* The (usecs, frames) DIM's current profile stands for, for the queue's
 * vector.
 */
static void snull_dim_write(struct snull_queue *q, bool rx, u8 ix)
{
	struct dim_cq_moder m;

	if (rx) {
		m = net_dim_get_rx_moderation(DIM_CQ_PERIOD_MODE_START_FROM_EQE, ix);
		snull_q_wr32(q, SNULL_ITR_RX, m.usec);
		/* DIM's frame counts assume big rings: never more than a
		 * quarter of ours, so the ring has room for what arrives
		 * while the interrupt and the poll catch up.
		 */
		snull_q_wr32(q, SNULL_ITR_RXF,
			     min_t(u32, m.pkts,
				   READ_ONCE(q->priv->rx_ring_size) / 4));
	} else {
		m = net_dim_get_tx_moderation(DIM_CQ_PERIOD_MODE_START_FROM_EQE, ix);
		snull_q_wr32(q, SNULL_ITR_TX, m.usec);
	}
}

static void snull_dim_work(struct work_struct *work, bool rx)
{
	struct dim *dim = container_of(work, struct dim, work);
	struct snull_dim *d = container_of(dim, struct snull_dim, dim);
	struct snull_queue *q = dim->priv;

	if (READ_ONCE(d->on)) {
		snull_dim_write(q, rx, dim->profile_ix);
		u64_stats_update_begin(&d->syncp);
		u64_stats_inc(&d->moves);
		u64_stats_update_end(&d->syncp);
	}
	/* Measure afresh under the new profile. */
	dim->state = DIM_START_MEASURE;
}

static void snull_rx_dim_work(struct work_struct *work)
{
	snull_dim_work(work, true);
}

static void snull_tx_dim_work(struct work_struct *work)
{
	snull_dim_work(work, false);
}

void snull_dim_init(struct snull_queue *q)
{
	q->rx_dim.dim.priv = q;
	q->rx_dim.dim.mode = DIM_CQ_PERIOD_MODE_START_FROM_EQE;
	INIT_WORK(&q->rx_dim.dim.work, snull_rx_dim_work);
	u64_stats_init(&q->rx_dim.syncp);
	q->tx_dim.dim.priv = q;
	q->tx_dim.dim.mode = DIM_CQ_PERIOD_MODE_START_FROM_EQE;
	INIT_WORK(&q->tx_dim.dim.work, snull_tx_dim_work);
	u64_stats_init(&q->tx_dim.syncp);
}

/*
 * Turn one direction's adaptive moderation on or off; process context,
 * rtnl.  On: DIM's current profile is written at once, so the setting
 * shows in ethtool -c before any traffic.  Off: no work may write the
 * ITR registers afterwards; the caller then writes the static values.
 */
void snull_dim_set(struct snull_priv *priv, bool rx, bool on)
{
	struct snull_queue *q;

	ASSERT_RTNL();
	/* Every queue of the device, in use or not: one that comes into
	 * use later (ethtool -L) follows the setting.
	 */
	for (q = priv->queues; q < priv->queues + SNULL_MAX_QUEUES; q++) {
		struct snull_dim *d = snull_dim_of(q, rx);

		if (on == d->on)
			continue;
		if (on) {
			snull_dim_write(q, rx, d->dim.profile_ix);
			d->dim.state = DIM_START_MEASURE;
			WRITE_ONCE(d->on, true);
		} else {
			WRITE_ONCE(d->on, false);
			cancel_work_sync(&d->dim.work);
		}
	}
}

/*
 * The device is going down, or away: no profile change may follow.  A
 * work cancelled before it ran leaves DIM waiting for it to apply a
 * profile, deaf to samples: measure afresh after the next up (NAPI is
 * off, so nothing races with these writes).
 */
void snull_dim_stop(struct snull_priv *priv)
{
	struct snull_queue *q;

	for (q = priv->queues; q < priv->queues + SNULL_MAX_QUEUES; q++) {
		cancel_work_sync(&q->rx_dim.dim.work);
		q->rx_dim.dim.state = DIM_START_MEASURE;
		cancel_work_sync(&q->tx_dim.dim.work);
		q->tx_dim.dim.state = DIM_START_MEASURE;
	}
}

/*
 * Coalescing saves an interrupt only when a second frame comes while the
 * first one waits, within the longest delay DIM may choose.  DIM cannot
 * tell: under a ping's lone frames its rates stay flat whatever the
 * delay, and it wanders along its table, adding up to 256 us to every
 * round trip for nothing.  So a poll is a sample of a direction only if
 * it handled several of its frames, or one within SNULL_DIM_MERGE_NS of
 * the last; after DIM_NEVENTS lone ones in a row the direction goes back
 * to DIM's first profile.  (A lone poll does not restart DIM's 64-poll
 * measurement: under emulation a stream 50 us apart has a gap of over
 * 256 us now and then, and DIM would never finish a window.)
 */
#define SNULL_DIM_MERGE_NS	(256 * NSEC_PER_USEC)

static void snull_dim_feed(struct snull_dim *d, u64 packets, u64 bytes,
			   u64 now)
{
	u64 n = packets - d->packets;
	struct dim_sample s;
	bool merge;

	if (!n)
		return;		/* none of this direction's frames */
	merge = n > 1 || now - d->last_ns < SNULL_DIM_MERGE_NS;
	d->packets = packets;
	d->last_ns = now;
	if (!merge) {
		if (++d->lonely == DIM_NEVENTS && d->dim.profile_ix) {
			d->dim.profile_ix = 0;
			d->dim.tune_state = DIM_PARKING_ON_TOP;
			d->dim.state = DIM_APPLY_NEW_PROFILE;
			schedule_work(&d->dim.work);
		}
		return;
	}
	d->lonely = 0;
	dim_update_sample(++d->events, packets, bytes, &s);
	net_dim(&d->dim, &s);
}

/*
 * A poll that completed NAPI: one interrupt's work is done.  Softirq
 * context.  The poll is the only writer of these counters, so it reads
 * them without their syncp.
 */
void snull_dim_sample(struct snull_queue *q)
{
	struct snull_poll_stats *st = &q->poll_stats;
	bool rx = READ_ONCE(q->rx_dim.on);
	bool tx = READ_ONCE(q->tx_dim.on);
	u64 now;

	if (!rx && !tx)
		return;
	now = local_clock();
	if (rx)
		snull_dim_feed(&q->rx_dim, u64_stats_read(&st->rx_packets),
			       u64_stats_read(&st->rx_bytes), now);
	if (tx)
		snull_dim_feed(&q->tx_dim, u64_stats_read(&st->tx_packets),
			       u64_stats_read(&st->tx_bytes), now);
}
