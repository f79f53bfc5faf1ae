// SPDX-License-Identifier: GPL-2.0
/*
 * snull: ethtool_ops.  All of these run in process context with rtnl held
 * (the ethtool core takes it), so they may sleep and reconfigure.
 */
#include <linux/ethtool.h>

#include "snull.h"

/* ---- statistics (ethtool -S) ------------------------------------------- */

/*
 * Only what no standard interface carries (Documentation/networking/
 * statistics.rst): packets, bytes, drops, missed, length and carrier
 * errors are in ip -s link and sysfs (ndo_get_stats64), and the IEEE
 * 802.3 frame counters in ethtool -S --groups eth-mac.  What stays here
 * says why and where: the filter's verdicts, the interrupt and NAPI
 * counts, the reasons behind rx_dropped (rx_nomem, rx_flushed) and
 * tx_dropped (tx_flushed).
 */

struct snull_stat_desc {
	char name[ETH_GSTRING_LEN];
	size_t offset;
};

#define SNULL_STAT(group, field, label) \
	{ label, offsetof(struct group, field) }

/* Each table reads one counter group under that group's syncp. */
static const struct snull_stat_desc snull_poll_descs[] = {
	SNULL_STAT(snull_poll_stats, rx_nomem, "rx_nomem"),
	SNULL_STAT(snull_poll_stats, rx_flushed, "rx_flushed"),
	SNULL_STAT(snull_poll_stats, rx_alloc_failed, "rx_alloc_failed"),
	SNULL_STAT(snull_poll_stats, rx_csum_complete, "rx_csum_complete"),
	SNULL_STAT(snull_poll_stats, rx_zerocopy_cloned, "rx_zerocopy_cloned"),
	SNULL_STAT(snull_poll_stats, rx_copied, "rx_copied"),
	SNULL_STAT(snull_poll_stats, napi_polls, "napi_polls"),
	SNULL_STAT(snull_poll_stats, napi_budget_exhausted,
		   "napi_budget_exhausted"),
	SNULL_STAT(snull_poll_stats, rx_xdp_pass, "rx_xdp_pass"),
	SNULL_STAT(snull_poll_stats, rx_xdp_drop, "rx_xdp_drop"),
	SNULL_STAT(snull_poll_stats, rx_xdp_tx, "rx_xdp_tx"),
	SNULL_STAT(snull_poll_stats, rx_xdp_tx_errors, "rx_xdp_tx_errors"),
	SNULL_STAT(snull_poll_stats, rx_xdp_redirect, "rx_xdp_redirect"),
	SNULL_STAT(snull_poll_stats, rx_xdp_redirect_errors,
		   "rx_xdp_redirect_errors"),
	SNULL_STAT(snull_poll_stats, rx_xdp_aborted, "rx_xdp_aborted"),
};

static const struct snull_stat_desc snull_irq_descs[] = {
	SNULL_STAT(snull_irq_stats, irqs, "irqs"),
	SNULL_STAT(snull_irq_stats, irq_masked, "irq_masked"),
	SNULL_STAT(snull_irq_stats, irq_spurious, "irq_spurious"),
	SNULL_STAT(snull_irq_stats, irq_link, "irq_link"),
};

/* The device's own counters: offset is a 64-bit counter register. */
static const struct snull_stat_desc snull_hw_descs[] = {
	{ "rx_mc_filtered",		SNULL_MCF },
	{ "rx_uc_filtered",		SNULL_UCF },
	{ "rx_promisc_accepted",	SNULL_PRC },
	{ "rx_fault_dropped",		SNULL_FDC },
	{ "rx_fault_corrupted",		SNULL_FCC },
};

static const struct snull_stat_desc snull_xmit_descs[] = {
	SNULL_STAT(snull_xmit_stats, tx_flushed, "tx_flushed"),
	SNULL_STAT(snull_xmit_stats, tx_ring_full, "tx_ring_full"),
	SNULL_STAT(snull_xmit_stats, tx_timeouts, "tx_timeouts"),
	SNULL_STAT(snull_xmit_stats, tx_resets, "tx_resets"),
	SNULL_STAT(snull_xmit_stats, tx_xdp_xmit, "tx_xdp_xmit"),
	SNULL_STAT(snull_xmit_stats, tx_xdp_xmit_errors, "tx_xdp_xmit_errors"),
};

/* Profile changes adaptive moderation wrote to the card (src/dim.c). */
static const struct snull_stat_desc snull_rx_dim_descs[] = {
	SNULL_STAT(snull_dim, moves, "rx_dim_moves"),
};

static const struct snull_stat_desc snull_tx_dim_descs[] = {
	SNULL_STAT(snull_dim, moves, "tx_dim_moves"),
};

#define SNULL_STAT_GROUP_MAX	32	/* the largest group's counters */
/* snull_stat_group_add() copies a per-queue group into an array this big. */
static_assert(ARRAY_SIZE(snull_poll_descs) <= SNULL_STAT_GROUP_MAX);
static_assert(ARRAY_SIZE(snull_irq_descs) <= SNULL_STAT_GROUP_MAX);
static_assert(ARRAY_SIZE(snull_xmit_descs) <= SNULL_STAT_GROUP_MAX);
static_assert(ARRAY_SIZE(snull_rx_dim_descs) <= SNULL_STAT_GROUP_MAX);
static_assert(ARRAY_SIZE(snull_tx_dim_descs) <= SNULL_STAT_GROUP_MAX);

struct snull_stat_group {
	const struct snull_stat_desc *descs;
	unsigned int count;
	size_t base;		/* offset of the group in snull_queue, or */
	size_t syncp;		/* offset of its syncp within the group */
};

#define SNULL_STAT_DEVICE	SIZE_MAX	/* ... the device's registers */

static const struct snull_stat_group snull_stat_groups[] = {
	{ snull_poll_descs, ARRAY_SIZE(snull_poll_descs),
	  offsetof(struct snull_queue, poll_stats),
	  offsetof(struct snull_poll_stats, syncp) },
	{ snull_irq_descs, ARRAY_SIZE(snull_irq_descs),
	  offsetof(struct snull_queue, irq_stats),
	  offsetof(struct snull_irq_stats, syncp) },
	{ snull_hw_descs, ARRAY_SIZE(snull_hw_descs), SNULL_STAT_DEVICE, 0 },
	{ snull_xmit_descs, ARRAY_SIZE(snull_xmit_descs),
	  offsetof(struct snull_queue, xmit_stats),
	  offsetof(struct snull_xmit_stats, syncp) },
	{ snull_rx_dim_descs, ARRAY_SIZE(snull_rx_dim_descs),
	  offsetof(struct snull_queue, rx_dim),
	  offsetof(struct snull_dim, syncp) },
	{ snull_tx_dim_descs, ARRAY_SIZE(snull_tx_dim_descs),
	  offsetof(struct snull_queue, tx_dim),
	  offsetof(struct snull_dim, syncp) },
};

/*
 * Each queue pair's own counters follow the totals: "q<N>_<name>" for
 * these, for every pair the device can have, in use or not.
 */
static const char * const snull_queue_stat_names[] = {
	"rx_packets", "rx_bytes", "tx_packets", "tx_bytes", "napi_polls",
	"irqs",
};

/*
 * The pairs ethtool -S shows.  The count must not change while the
 * device exists (i40e's rule): ethtool asks for the count, the names and
 * the values in three calls with nothing held across them.  After an
 * ethtool -L in between, a recent kernel answers with no strings at all
 * ("no stats available"), an older one copies the new count into a
 * buffer sized by the old.  So all the pairs the device can have, not
 * those in use; a device made with one queue (ip link add ...
 * numtxqueues 1) shows the totals only.
 */
static unsigned int snull_queue_stats_shown(const struct snull_priv *priv)
{
	u32 n = snull_max_queues(priv->dev);

	return n > 1 ? n : 0;
}

static unsigned int snull_stats_count(const struct snull_priv *priv)
{
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(snull_stat_groups); i++)
		n += snull_stat_groups[i].count;
	return n + snull_queue_stats_shown(priv) *
		   ARRAY_SIZE(snull_queue_stat_names);
}

/* One queue pair's counters, in snull_queue_stat_names' order. */
static void snull_queue_stats(const struct snull_queue *q, u64 *data)
{
	const struct snull_poll_stats *p = &q->poll_stats;
	const struct snull_irq_stats *ir = &q->irq_stats;
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&p->syncp);
		data[0] = u64_stats_read(&p->rx_packets);
		data[1] = u64_stats_read(&p->rx_bytes);
		data[2] = u64_stats_read(&p->tx_packets);
		data[3] = u64_stats_read(&p->tx_bytes);
		data[4] = u64_stats_read(&p->napi_polls);
	} while (u64_stats_fetch_retry(&p->syncp, start));
	do {
		start = u64_stats_fetch_begin(&ir->syncp);
		data[5] = u64_stats_read(&ir->irqs);
	} while (u64_stats_fetch_retry(&ir->syncp, start));
}

/* One queue's group, added to @data: a consistent read, then the sums. */
static void snull_stat_group_add(const struct snull_queue *q,
				 const struct snull_stat_group *grp, u64 *data)
{
	const u8 *base = (const u8 *)q + grp->base;
	const struct u64_stats_sync *syncp = (const void *)(base + grp->syncp);
	u64 v[SNULL_STAT_GROUP_MAX];
	unsigned int i, start;

	do {
		start = u64_stats_fetch_begin(syncp);
		for (i = 0; i < grp->count; i++)
			v[i] = u64_stats_read((const u64_stats_t *)
					      (base + grp->descs[i].offset));
	} while (u64_stats_fetch_retry(syncp, start));
	for (i = 0; i < grp->count; i++)
		data[i] += v[i];
}

/*
 * The device's totals: each counter summed over every queue pair, those
 * no longer in use too (what they counted still happened).
 */
static void snull_get_ethtool_stats(struct net_device *dev,
				    struct ethtool_stats *stats, u64 *data)
{
	struct snull_priv *priv = netdev_priv(dev);
	const struct snull_queue *q;
	unsigned int g, i;

	for (g = 0; g < ARRAY_SIZE(snull_stat_groups); g++) {
		const struct snull_stat_group *grp = &snull_stat_groups[g];

		if (grp->base == SNULL_STAT_DEVICE) {
			for (i = 0; i < grp->count; i++)
				data[i] = snull_hw_rd64(priv->hw,
							grp->descs[i].offset);
			data += grp->count;
			continue;
		}
		memset(data, 0, grp->count * sizeof(*data));
		for (q = priv->queues; q < priv->queues + SNULL_MAX_QUEUES; q++)
			snull_stat_group_add(q, grp, data);
		data += grp->count;
	}
	for (i = 0; i < snull_queue_stats_shown(priv); i++) {
		snull_queue_stats(&priv->queues[i], data);
		data += ARRAY_SIZE(snull_queue_stat_names);
	}
}

/* The IEEE 802.3 counters snull has (ethtool -S DEV --groups eth-mac):
 * the same frames as the device's totals, so read from them.
 */
static void __maybe_unused
snull_get_eth_mac_stats(struct net_device *dev,
			struct ethtool_eth_mac_stats *mac)
{
	struct rtnl_link_stats64 s = {};

	snull_get_stats64(dev, &s);
	mac->FramesTransmittedOK = s.tx_packets;
	mac->FramesReceivedOK = s.rx_packets;
	mac->MulticastFramesReceivedOK = s.multicast;
}

static const char snull_priv_flag_names[SNULL_PFLAG_COUNT][ETH_GSTRING_LEN] = {
	[SNULL_PFLAG_FLIP]	= "flip",
	[SNULL_PFLAG_ZEROCOPY]	= "zerocopy",
};

static const char snull_test_names[][ETH_GSTRING_LEN] = {
	"loopback      (offline)",
};

static int snull_get_sset_count(struct net_device *dev, int sset)
{
	switch (sset) {
	case ETH_SS_STATS:
		return snull_stats_count(netdev_priv(dev));
	case ETH_SS_PRIV_FLAGS:
		return SNULL_PFLAG_COUNT;
	case ETH_SS_TEST:
		return ARRAY_SIZE(snull_test_names);
	default:
		return -EOPNOTSUPP;
	}
}

static void snull_get_strings(struct net_device *dev, u32 sset, u8 *buf)
{
	struct snull_priv *priv = netdev_priv(dev);
	unsigned int g, i;

	switch (sset) {
	case ETH_SS_STATS:
		for (g = 0; g < ARRAY_SIZE(snull_stat_groups); g++) {
			const struct snull_stat_group *grp =
				&snull_stat_groups[g];

			for (i = 0; i < grp->count; i++) {
				memcpy(buf, grp->descs[i].name,
				       ETH_GSTRING_LEN);
				buf += ETH_GSTRING_LEN;
			}
		}
		for (g = 0; g < snull_queue_stats_shown(priv); g++)
			for (i = 0; i < ARRAY_SIZE(snull_queue_stat_names); i++) {
				snprintf(buf, ETH_GSTRING_LEN, "q%u_%s", g,
					 snull_queue_stat_names[i]);
				buf += ETH_GSTRING_LEN;
			}
		break;
	case ETH_SS_PRIV_FLAGS:
		memcpy(buf, snull_priv_flag_names,
		       sizeof(snull_priv_flag_names));
		break;
	case ETH_SS_TEST:
		memcpy(buf, snull_test_names, sizeof(snull_test_names));
		break;
	}
}

/* ---- identity and link ------------------------------------------------- */

/*
 * No version: the core fills in the kernel's release (the module's own is
 * in modinfo), so in-tree and out-of-tree drivers report alike.
 */
static void snull_get_drvinfo(struct net_device *dev,
			      struct ethtool_drvinfo *info)
{
	strscpy(info->driver, SNULL_DRV_NAME, sizeof(info->driver));
	strscpy(info->bus_info, "virtual", sizeof(info->bus_info));
}

/* The ethtool link mode of each of the PHY's modes (SNULL_LM_*). */
static const u8 snull_lm_ethtool[SNULL_LM_COUNT] = {
	[SNULL_LM_10_FULL]	= ETHTOOL_LINK_MODE_10baseT_Full_BIT,
	[SNULL_LM_100_HALF]	= ETHTOOL_LINK_MODE_100baseT_Half_BIT,
	[SNULL_LM_100_FULL]	= ETHTOOL_LINK_MODE_100baseT_Full_BIT,
	[SNULL_LM_1000_FULL]	= ETHTOOL_LINK_MODE_1000baseT_Full_BIT,
	[SNULL_LM_2500_FULL]	= ETHTOOL_LINK_MODE_2500baseT_Full_BIT,
	[SNULL_LM_5000_FULL]	= ETHTOOL_LINK_MODE_5000baseT_Full_BIT,
	[SNULL_LM_10000_FULL]	= ETHTOOL_LINK_MODE_10000baseT_Full_BIT,
};

static void snull_lm_to_ethtool(u32 modes, unsigned long *mask)
{
	unsigned int m;

	for (m = 0; m < SNULL_LM_COUNT; m++)
		if (modes & BIT(m))
			__set_bit(snull_lm_ethtool[m], mask);
}

/*
 * The PHY's registers as ethtool shows them.  With the link down, a
 * forced PHY reports the mode it is forced to, a negotiating one
 * "Unknown" (ethtool's uapi says either).
 */
static int snull_get_link_ksettings(struct net_device *dev,
				    struct ethtool_link_ksettings *cmd)
{
	struct snull_priv *priv = netdev_priv(dev);
	u32 ctrl = snull_rd32(priv, SNULL_PHY_CTRL);
	u32 stat = snull_rd32(priv, SNULL_PHY_STAT);
	u32 lpa = snull_rd32(priv, SNULL_PHY_LPA);
	bool an = ctrl & SNULL_PHY_CTRL_ANEN;
	unsigned int mode;

	ethtool_link_ksettings_zero_link_mode(cmd, supported);
	ethtool_link_ksettings_zero_link_mode(cmd, advertising);
	ethtool_link_ksettings_zero_link_mode(cmd, lp_advertising);
	snull_lm_to_ethtool(snull_rd32(priv, SNULL_PHY_SUP),
			    cmd->link_modes.supported);
	snull_lm_to_ethtool(snull_rd32(priv, SNULL_PHY_ADV),
			    cmd->link_modes.advertising);
	snull_lm_to_ethtool(lpa, cmd->link_modes.lp_advertising);
	__set_bit(ETHTOOL_LINK_MODE_Autoneg_BIT, cmd->link_modes.supported);
	__set_bit(ETHTOOL_LINK_MODE_TP_BIT, cmd->link_modes.supported);
	if (an)
		__set_bit(ETHTOOL_LINK_MODE_Autoneg_BIT,
			  cmd->link_modes.advertising);
	if (lpa)
		__set_bit(ETHTOOL_LINK_MODE_Autoneg_BIT,
			  cmd->link_modes.lp_advertising);

	if (stat & SNULL_PHY_STAT_LINK)
		mode = FIELD_GET(SNULL_PHY_STAT_MODE, stat);
	else if (!an)
		mode = FIELD_GET(SNULL_PHY_CTRL_MODE, ctrl);
	else
		mode = SNULL_LM_COUNT;
	if (mode < SNULL_LM_COUNT) {
		cmd->base.speed = snull_lm_speed(mode);
		cmd->base.duplex = snull_lm_full(mode) ? DUPLEX_FULL :
							 DUPLEX_HALF;
	} else {
		cmd->base.speed = SPEED_UNKNOWN;
		cmd->base.duplex = DUPLEX_UNKNOWN;
	}
	cmd->base.autoneg = an ? AUTONEG_ENABLE : AUTONEG_DISABLE;
	cmd->base.port = PORT_TP;
	cmd->base.phy_address = 0;
	cmd->base.transceiver = XCVR_INTERNAL;
	cmd->base.eth_tp_mdix = ETH_TP_MDI_INVALID;
	cmd->base.eth_tp_mdix_ctrl = ETH_TP_MDI_INVALID;
	return 0;
}

/* The PHY mode forced by @speed/@duplex, or -EINVAL. */
static int snull_forced_mode(u32 sup, u32 speed, u8 duplex)
{
	int m, best = -EINVAL;

	for (m = 0; m < SNULL_LM_COUNT; m++) {
		if (!(sup & BIT(m)))
			continue;
		if (speed != SPEED_UNKNOWN && snull_lm_speed(m) != speed)
			continue;
		if ((duplex == DUPLEX_FULL && !snull_lm_full(m)) ||
		    (duplex == DUPLEX_HALF && snull_lm_full(m)))
			continue;
		best = m;	/* the best mode that fits: full over half */
	}
	return best;
}

/*
 * ethtool -s: autonegotiation and what it advertises, or a forced speed
 * and duplex.  No extack here: errors are logged.  A duplex or speed of
 * "unknown" (what get reported while the link was down) means the best
 * that fits the rest, never an error: ethtool passes back what it read.
 */
static int snull_set_link_ksettings(struct net_device *dev,
				    const struct ethtool_link_ksettings *cmd)
{
	struct snull_priv *priv = netdev_priv(dev);
	__ETHTOOL_DECLARE_LINK_MODE_MASK(known) = {};
	__ETHTOOL_DECLARE_LINK_MODE_MASK(extra);
	u32 sup = snull_rd32(priv, SNULL_PHY_SUP), adv = 0;
	unsigned int m;
	int mode;

	if (cmd->base.port != PORT_TP || cmd->base.phy_address != 0 ||
	    cmd->base.eth_tp_mdix_ctrl != ETH_TP_MDI_INVALID) {
		netdev_warn(dev, "link settings: port TP, PHY address 0 and no MDI-X control only\n");
		return -EINVAL;
	}
	for (m = 0; m < SNULL_LM_COUNT; m++)
		if (test_bit(snull_lm_ethtool[m], cmd->link_modes.advertising))
			adv |= BIT(m);
	snull_lm_to_ethtool(sup, known);
	__set_bit(ETHTOOL_LINK_MODE_Autoneg_BIT, known);
	__set_bit(ETHTOOL_LINK_MODE_TP_BIT, known);
	if (bitmap_andnot(extra, cmd->link_modes.advertising, known,
			  __ETHTOOL_LINK_MODE_MASK_NBITS)) {
		netdev_warn(dev, "link settings: advertising a mode this PHY does not support\n");
		return -EINVAL;
	}

	switch (cmd->base.autoneg) {
	case AUTONEG_ENABLE:
		if (!adv) {
			netdev_warn(dev, "link settings: autonegotiation needs a mode to advertise\n");
			return -EINVAL;
		}
		snull_wr32(priv, SNULL_PHY_ADV, adv);
		snull_wr32(priv, SNULL_PHY_CTRL, SNULL_PHY_CTRL_ANEN);
		return 0;
	case AUTONEG_DISABLE:
		mode = snull_forced_mode(sup, cmd->base.speed,
					 cmd->base.duplex);
		if (mode < 0) {
			netdev_warn(dev, "link settings: no supported mode at %u Mb/s, duplex %u\n",
				    cmd->base.speed, cmd->base.duplex);
			return mode;
		}
		/* Kept for the next "autoneg on" of an ethtool that sends
		 * no advertising with it.
		 */
		if (adv)
			snull_wr32(priv, SNULL_PHY_ADV, adv);
		snull_wr32(priv, SNULL_PHY_CTRL,
			   FIELD_PREP(SNULL_PHY_CTRL_MODE, mode));
		return 0;
	}
	return -EINVAL;
}

/* Why the link is down, as the PHY says; nothing while it is up. */
static int snull_get_link_ext_state(struct net_device *dev,
				    struct ethtool_link_ext_state_info *info)
{
	struct snull_priv *priv = netdev_priv(dev);
	u32 why = FIELD_GET(SNULL_PHY_STAT_WHY,
			    snull_rd32(priv, SNULL_PHY_STAT));

	if (netif_carrier_ok(dev))
		return -ENODATA;
	switch (why) {
	case SNULL_PHY_WHY_NO_CABLE:
		info->link_ext_state = ETHTOOL_LINK_EXT_STATE_NO_CABLE;
		return 0;
	case SNULL_PHY_WHY_NO_PARTNER:
		info->link_ext_state = ETHTOOL_LINK_EXT_STATE_AUTONEG;
		info->autoneg = ETHTOOL_LINK_EXT_SUBSTATE_AN_NO_PARTNER_DETECTED;
		return 0;
	case SNULL_PHY_WHY_FORCED:
		info->link_ext_state = ETHTOOL_LINK_EXT_STATE_AUTONEG;
		info->autoneg =
			ETHTOOL_LINK_EXT_SUBSTATE_AN_NO_PARTNER_DETECTED_FORCE_MODE;
		return 0;
	case SNULL_PHY_WHY_NO_HCD:
		info->link_ext_state = ETHTOOL_LINK_EXT_STATE_AUTONEG;
		info->autoneg = ETHTOOL_LINK_EXT_SUBSTATE_AN_NO_HCD;
		return 0;
	}
	return -ENODATA;
}

static u32 snull_get_msglevel(struct net_device *dev)
{
	struct snull_priv *priv = netdev_priv(dev);

	return priv->msg_enable;
}

static void snull_set_msglevel(struct net_device *dev, u32 value)
{
	struct snull_priv *priv = netdev_priv(dev);

	priv->msg_enable = value;
}

/* ---- rings and coalescing ---------------------------------------------- */

static void snull_get_ringparam(struct net_device *dev,
				struct ethtool_ringparam *ring,
				struct kernel_ethtool_ringparam *kring,
				struct netlink_ext_ack *extack)
{
	struct snull_priv *priv = netdev_priv(dev);

	ring->rx_max_pending = SNULL_RING_MAX;
	ring->tx_max_pending = SNULL_RING_MAX;
	ring->rx_pending = priv->rx_ring_size;
	ring->tx_pending = priv->tx_ring_size;
}

/* EXERCISE 9 BEGIN: ethtool -G: ring sizes
 * Refuse sizes that are not powers of two from SNULL_RING_MIN to
 * SNULL_RING_MAX (with an extack message), do nothing if unchanged,
 * else snull_reconfigure().
 * Skeleton: static int snull_set_ringparam(struct net_device *dev,
 * Skeleton:			       struct ethtool_ringparam *ring,
 * Skeleton:			       struct kernel_ethtool_ringparam *kring,
 * Skeleton:			       struct netlink_ext_ack *extack)
 * Skeleton: {
 * Skeleton:	return -EOPNOTSUPP;
 * Skeleton: }
 */
static bool snull_ring_size_ok(u32 size)
{
	return size >= SNULL_RING_MIN && size <= SNULL_RING_MAX &&
	       is_power_of_2(size);
}

static int snull_set_ringparam(struct net_device *dev,
			       struct ethtool_ringparam *ring,
			       struct kernel_ethtool_ringparam *kring,
			       struct netlink_ext_ack *extack)
{
	struct snull_priv *priv = netdev_priv(dev);

	/* The core already refused mini/jumbo and values above the max. */
	if (!snull_ring_size_ok(ring->rx_pending) ||
	    !snull_ring_size_ok(ring->tx_pending)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "ring sizes must be powers of two from 16 to 4096");
		return -EINVAL;
	}
	if (ring->rx_pending == priv->rx_ring_size &&
	    ring->tx_pending == priv->tx_ring_size)
		return 0;
	return snull_reconfigure(priv, ring->tx_pending, ring->rx_pending,
				 dev->mtu, extack);
}

/* EXERCISE 9 END */

static int snull_get_coalesce(struct net_device *dev,
			      struct ethtool_coalesce *ec,
			      struct kernel_ethtool_coalesce *kec,
			      struct netlink_ext_ack *extack)
{
	struct snull_priv *priv = netdev_priv(dev);

	/* Every vector has the same setting: queue 0's stands for all. */
	ec->rx_coalesce_usecs = snull_rd32(priv, SNULL_ITR_RX);
	ec->rx_max_coalesced_frames = snull_rd32(priv, SNULL_ITR_RXF);
	ec->tx_coalesce_usecs = snull_rd32(priv, SNULL_ITR_TX);
	ec->use_adaptive_rx_coalesce = priv->queues[0].rx_dim.on;
	ec->use_adaptive_tx_coalesce = priv->queues[0].tx_dim.on;
	return 0;
}

static int snull_set_coalesce(struct net_device *dev,
			      struct ethtool_coalesce *ec,
			      struct kernel_ethtool_coalesce *kec,
			      struct netlink_ext_ack *extack)
{
	/* EXERCISE 9 BEGIN: ethtool -C: interrupt coalescing
	 * Refuse delays above SNULL_COALESCE_MAX_USECS and rx-frames above
	 * SNULL_RING_MAX (extack), and adaptive moderation without NAPI;
	 * turn each direction's adaptive moderation on or off
	 * (snull_dim_set()), then program every vector's ITR_RX, ITR_RXF and
	 * ITR_TX for the directions that are not adaptive.  Datasheet: 4, 10.
	 * Skeleton: return -EOPNOTSUPP;
	 */
	struct snull_priv *priv = netdev_priv(dev);
	u32 v;

	if (ec->rx_coalesce_usecs > SNULL_COALESCE_MAX_USECS ||
	    ec->tx_coalesce_usecs > SNULL_COALESCE_MAX_USECS) {
		NL_SET_ERR_MSG_MOD(extack,
				   "coalescing delays are limited to 100000 usecs");
		return -EINVAL;
	}
	if (ec->rx_max_coalesced_frames > SNULL_RING_MAX) {
		NL_SET_ERR_MSG_MOD(extack,
				   "rx-frames is limited to the largest ring, 4096");
		return -EINVAL;
	}
	if ((ec->use_adaptive_rx_coalesce || ec->use_adaptive_tx_coalesce) &&
	    !priv->use_napi) {
		NL_SET_ERR_MSG_MOD(extack,
				   "adaptive moderation learns from NAPI polls: not with use_napi=0");
		return -EOPNOTSUPP;
	}
	snull_dim_set(priv, true, ec->use_adaptive_rx_coalesce);
	snull_dim_set(priv, false, ec->use_adaptive_tx_coalesce);
	/* Picked up by the next interrupt the device raises.  DIM owns the
	 * registers of the directions it moderates.
	 */
	for (v = 0; v < SNULL_MAX_QUEUES; v++) {
		if (!ec->use_adaptive_rx_coalesce) {
			snull_wr32(priv, SNULL_QREG(SNULL_ITR_RX, v),
				   ec->rx_coalesce_usecs);
			snull_wr32(priv, SNULL_QREG(SNULL_ITR_RXF, v),
				   ec->rx_max_coalesced_frames);
		}
		if (!ec->use_adaptive_tx_coalesce)
			snull_wr32(priv, SNULL_QREG(SNULL_ITR_TX, v),
				   ec->tx_coalesce_usecs);
	}
	return 0;
	/* EXERCISE 9 END */
}

/* ---- channels (queue pairs) ---------------------------------------------- */

/* ethtool -l: each queue pair is one combined channel (RX, TX, vector). */
static void snull_get_channels(struct net_device *dev,
			       struct ethtool_channels *ch)
{
	struct snull_priv *priv = netdev_priv(dev);

	ch->max_combined = snull_max_queues(dev);
	ch->combined_count = priv->num_queues;
}

/*
 * ethtool -L combined N.  The core has refused counts above the maximum,
 * separate RX or TX channels, and an RSS table (set with ethtool -X)
 * naming a queue beyond N.
 */
static int snull_set_channels(struct net_device *dev,
			      struct ethtool_channels *ch)
{
	struct snull_priv *priv = netdev_priv(dev);

	if (!ch->combined_count || ch->rx_count || ch->tx_count ||
	    ch->other_count)
		return -EINVAL;
	return snull_set_queues(priv, ch->combined_count);
}

/* ---- registers and self-test ------------------------------------------- */

static int snull_get_regs_len(struct net_device *dev)
{
	return sizeof(struct snull_regs);
}

static void snull_get_regs(struct net_device *dev, struct ethtool_regs *regs,
			   void *p)
{
	struct snull_priv *priv = netdev_priv(dev);

	regs->version = 1;
	snull_read_regs(priv, p);
}

#define SNULL_TEST_LEN	128

/* The test frame: broadcast, a local experimental type, payload i & 0xff. */
static void snull_test_pattern(const struct net_device *dev, u8 *frame)
{
	struct ethhdr *eth = (struct ethhdr *)frame;
	unsigned int i;

	eth_broadcast_addr(eth->h_dest);
	ether_addr_copy(eth->h_source, dev->dev_addr);
	eth->h_proto = htons(ETH_P_802_EX1);
	for (i = ETH_HLEN; i < SNULL_TEST_LEN; i++)
		frame[i] = i & 0xff;
}

/*
 * Loop one frame through this device's own engine, on the test rings in
 * place of the stack's: CTRL.LOOP sends it into our own RX ring, off the
 * wire, with every interrupt masked; the rings are read back by hand.
 */
static int snull_loopback_test(struct snull_priv *priv)
{
	struct snull_queue *q = &priv->queues[0];
	struct snull_rings *r = &q->rings;
	struct net_device *dev = priv->dev;
	struct snull_rx_frame frame;
	u8 expect[SNULL_TEST_LEN];
	struct snull_tx_desc *d;
	struct sk_buff *skb;
	int err = 0;

	skb = netdev_alloc_skb(dev, SNULL_TEST_LEN);
	if (!skb)
		return -ENOMEM;
	snull_test_pattern(dev, skb_put(skb, SNULL_TEST_LEN));
	snull_test_pattern(dev, expect);

	snull_program_rings(q);
	snull_rx_refill(q, GFP_KERNEL);	/* posts the buffers it has */
	snull_wr32(priv, SNULL_CTRL, SNULL_CTRL_LOOP | SNULL_CTRL_EN);

	d = &r->tx[0];
	d->skb = skb;
	d->len = skb->len;
	d->status = 0;
	q->tx_next = 1;
	local_bh_disable();	/* the engine runs as from xmit */
	snull_q_wr32(q, SNULL_TDT, q->tx_next);
	local_bh_enable();

	if (!snull_rx_pop(q, &frame)) {
		err = -EIO;
	} else {
		if (frame.len != SNULL_TEST_LEN ||
		    memcmp(page_address(frame.page) + SNULL_RX_HEADROOM,
			   expect, SNULL_TEST_LEN))
			err = -EIO;
		snull_rx_frame_free(q, &frame);
	}
	snull_wr32(priv, SNULL_CTRL, 0);
	if (snull_q_rd32(q, SNULL_TDH) != q->tx_next)
		err = -EIO;
	dev_kfree_skb(d->skb);
	d->skb = NULL;
	return err;
}

/*
 * Offline: the hardware is taken from the stack for the test, and the
 * link is down meanwhile (for both ends, as a cable pulled out would be).
 * The test's own small rings are allocated before anything stops, and
 * the stack's rings wait attached to nothing; putting them back cannot
 * fail.
 */
static void snull_self_test(struct net_device *dev, struct ethtool_test *et,
			    u64 *data)
{
	struct snull_priv *priv = netdev_priv(dev);
	bool was_up = priv->hw_up;
	bool carrier = netif_carrier_ok(dev);
	struct snull_rings rings;
	int err;

	memset(data, 0, sizeof(*data) * ARRAY_SIZE(snull_test_names));
	if (!(et->flags & ETH_TEST_FL_OFFLINE))
		return;

	/* The test runs on queue 0: a frame of its type is not hashed. */
	err = snull_rings_alloc(&priv->queues[0], &rings, SNULL_RING_MIN,
				SNULL_RING_MIN, dev->mtu);
	if (err)
		goto out;

	/* Ours now; the peer's follows from its PHY (LSC) when ours
	 * leaves the wire, and comes back the same way.
	 */
	if (carrier)
		netif_carrier_off(dev);
	snull_quiesce(priv);
	snull_rings_swap(&priv->queues[0], &rings);	/* @rings: the stack's */
	err = snull_loopback_test(priv);
	snull_rings_swap(&priv->queues[0], &rings);	/* @rings: the test's */
	snull_rings_free(&rings);
	if (was_up)
		snull_start(priv);
	/* Carrier returns with the link's interrupt. */
out:
	if (err) {
		data[0] = 1;
		et->flags |= ETH_TEST_FL_FAILED;
		netif_err(priv, hw, dev, "loopback self-test failed: %d\n",
			  err);
	}
}

/* ---- tunables: rx-copybreak --------------------------------------------- */

/* ethtool --get-tunable / --set-tunable DEV rx-copybreak N (rtnl). */
static int snull_get_tunable(struct net_device *dev,
			     const struct ethtool_tunable *tuna, void *data)
{
	struct snull_priv *priv = netdev_priv(dev);

	switch (tuna->id) {
	case ETHTOOL_RX_COPYBREAK:
		*(u32 *)data = priv->rx_copybreak;
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

/* The poll reads the value per frame: a new one applies to the next. */
static int snull_set_tunable(struct net_device *dev,
			     const struct ethtool_tunable *tuna,
			     const void *data)
{
	struct snull_priv *priv = netdev_priv(dev);
	u32 val;

	switch (tuna->id) {
	case ETHTOOL_RX_COPYBREAK:
		val = *(const u32 *)data;
		if (val > SNULL_RX_COPYBREAK_MAX) {
			netdev_warn(dev, "rx-copybreak: %u is above %u\n",
				    val, SNULL_RX_COPYBREAK_MAX);
			return -ERANGE;
		}
		WRITE_ONCE(priv->rx_copybreak, val);
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

/* ---- private flags ----------------------------------------------------- */

static u32 snull_get_priv_flags(struct net_device *dev)
{
	struct snull_priv *priv = netdev_priv(dev);

	return priv->pflags;
}

static int snull_set_priv_flags(struct net_device *dev, u32 flags)
{
	struct snull_priv *priv = netdev_priv(dev);
	u32 changed = flags ^ priv->pflags;

	if (flags & ~(BIT(SNULL_PFLAG_COUNT) - 1))
		return -EINVAL;

	/* First the one that may be refused: nothing changes then. */
	if (changed & BIT(SNULL_PFLAG_ZEROCOPY)) {
		int err = snull_set_zerocopy(priv,
					     flags & BIT(SNULL_PFLAG_ZEROCOPY));

		if (err)
			return err;
	}
	/*
	 * The wire's address trick only.  ARP is the user's (ip link set
	 * arp on|off): a book-mode pair starts with IFF_NOARP, and a private
	 * flag never changes a generic control behind the user's back.
	 */
	if (changed & BIT(SNULL_PFLAG_FLIP))
		assign_bit(SNULL_PFLAG_FLIP, &priv->pflags,
			   flags & BIT(SNULL_PFLAG_FLIP));

	/* Both are modes of the device (CTRL.FLIP, CTRL.ZC). */
	snull_update_ctrl(priv, dev->features);
	return 0;
}

/*
 * Adapters for kernels whose ring (before 5.17) and coalescing (before
 * 5.15) callbacks have no kernel parameters and no extack: the bodies
 * above are written for the current signatures.  The message a body would
 * have put in the extack goes to the kernel log instead, so an old
 * kernel's user still learns why ethtool said "Invalid argument".  The
 * ops table below then takes the adapters (the #defines).
 */
#if !defined(HAVE_ETHTOOL_KERNEL_RINGPARAM) || \
	!defined(HAVE_ETHTOOL_KERNEL_COALESCE) || \
	!defined(HAVE_ETHTOOL_RXFH_PARAM) || !defined(HAVE_ETHTOOL_RXFH_FIELDS)
static int snull_kc_report(struct net_device *dev, int err,
			   const struct netlink_ext_ack *extack)
{
	if (err && extack->_msg)
		netdev_warn(dev, "%s\n", extack->_msg);
	return err;
}
#endif

#ifndef HAVE_ETHTOOL_KERNEL_RINGPARAM
static void snull_kc_get_ringparam(struct net_device *dev,
				   struct ethtool_ringparam *ring)
{
	snull_get_ringparam(dev, ring, NULL, NULL);
}

static int snull_kc_set_ringparam(struct net_device *dev,
				  struct ethtool_ringparam *ring)
{
	struct netlink_ext_ack extack = {};

	return snull_kc_report(dev, snull_set_ringparam(dev, ring, NULL,
							&extack), &extack);
}

#define snull_get_ringparam snull_kc_get_ringparam
#define snull_set_ringparam snull_kc_set_ringparam
#endif

#ifndef HAVE_ETHTOOL_KERNEL_COALESCE
static int snull_kc_get_coalesce(struct net_device *dev,
				 struct ethtool_coalesce *ec)
{
	return snull_get_coalesce(dev, ec, NULL, NULL);
}

static int snull_kc_set_coalesce(struct net_device *dev,
				 struct ethtool_coalesce *ec)
{
	struct netlink_ext_ack extack = {};

	return snull_kc_report(dev, snull_set_coalesce(dev, ec, NULL, &extack),
			       &extack);
}

#define snull_get_coalesce snull_kc_get_coalesce
#define snull_set_coalesce snull_kc_set_coalesce
#endif

/* Before 6.8: the RSS table, key and hash function as three arguments. */
#ifndef HAVE_ETHTOOL_RXFH_PARAM
static int snull_kc_get_rxfh(struct net_device *dev, u32 *indir, u8 *key,
			     u8 *hfunc)
{
	struct ethtool_rxfh_param rxfh = { .indir = indir, .key = key };
	int err = snull_get_rxfh(dev, &rxfh);

	if (hfunc)
		*hfunc = rxfh.hfunc;
	return err;
}

static int snull_kc_set_rxfh(struct net_device *dev, const u32 *indir,
			     const u8 *key, const u8 hfunc)
{
	struct ethtool_rxfh_param rxfh = {
		.indir	= (u32 *)indir,
		.key	= (u8 *)key,
		.hfunc	= hfunc,
	};
	struct netlink_ext_ack extack = {};

	return snull_kc_report(dev, snull_set_rxfh(dev, &rxfh, &extack),
			       &extack);
}

#define snull_get_rxfh snull_kc_get_rxfh
#define snull_set_rxfh snull_kc_set_rxfh
#endif

/* Before get_rxfh_fields and get_rx_ring_count: both through rxnfc. */
#if !defined(HAVE_ETHTOOL_RXFH_FIELDS) || !defined(HAVE_ETHTOOL_RX_RING_COUNT)
static int snull_get_rxnfc(struct net_device *dev, struct ethtool_rxnfc *nfc,
			   u32 *rule_locs)
{
	switch (nfc->cmd) {
	case ETHTOOL_GRXRINGS:
		nfc->data = snull_get_rx_ring_count(dev);
		return 0;
#ifndef HAVE_ETHTOOL_RXFH_FIELDS
	case ETHTOOL_GRXFH: {
		struct ethtool_rxfh_fields f = { .flow_type = nfc->flow_type };
		int err = snull_get_rxfh_fields(dev, &f);

		nfc->data = f.data;
		return err;
	}
#endif
	}
	return -EOPNOTSUPP;
}
#endif

#ifndef HAVE_ETHTOOL_RXFH_FIELDS
static int snull_set_rxnfc(struct net_device *dev, struct ethtool_rxnfc *nfc)
{
	struct ethtool_rxfh_fields f = {
		.flow_type	= nfc->flow_type,
		.data		= nfc->data,
	};
	struct netlink_ext_ack extack = {};

	if (nfc->cmd != ETHTOOL_SRXFH)
		return -EOPNOTSUPP;
	return snull_kc_report(dev, snull_set_rxfh_fields(dev, &f, &extack),
			       &extack);
}
#endif

const struct ethtool_ops snull_ethtool_ops = {
	.supported_coalesce_params = ETHTOOL_COALESCE_RX_USECS |
				     ETHTOOL_COALESCE_RX_MAX_FRAMES |
				     ETHTOOL_COALESCE_TX_USECS |
				     ETHTOOL_COALESCE_USE_ADAPTIVE,
	.get_drvinfo		= snull_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_link_ksettings	= snull_get_link_ksettings,
	.set_link_ksettings	= snull_set_link_ksettings,
	.get_link_ext_state	= snull_get_link_ext_state,
	.get_msglevel		= snull_get_msglevel,
	.set_msglevel		= snull_set_msglevel,
	.get_sset_count		= snull_get_sset_count,
	.get_strings		= snull_get_strings,
	.get_ethtool_stats	= snull_get_ethtool_stats,
#ifdef HAVE_ETHTOOL_ETH_MAC_STATS
	.get_eth_mac_stats	= snull_get_eth_mac_stats,
#endif
	.get_ringparam		= snull_get_ringparam,
	.set_ringparam		= snull_set_ringparam,
	.get_coalesce		= snull_get_coalesce,
	.set_coalesce		= snull_set_coalesce,
	.get_regs_len		= snull_get_regs_len,
	.get_regs		= snull_get_regs,
	.self_test		= snull_self_test,
	.get_tunable		= snull_get_tunable,
	.set_tunable		= snull_set_tunable,
	.get_priv_flags		= snull_get_priv_flags,
	.set_priv_flags		= snull_set_priv_flags,
	.get_ts_info		= ethtool_op_get_ts_info,
	.get_channels		= snull_get_channels,
	.set_channels		= snull_set_channels,
	.get_rxfh_key_size	= snull_get_rxfh_key_size,
	.get_rxfh_indir_size	= snull_get_rxfh_indir_size,
	.get_rxfh		= snull_get_rxfh,
	.set_rxfh		= snull_set_rxfh,
#ifdef HAVE_ETHTOOL_RXFH_FIELDS
	.get_rxfh_fields	= snull_get_rxfh_fields,
	.set_rxfh_fields	= snull_set_rxfh_fields,
#else
	.set_rxnfc		= snull_set_rxnfc,
#endif
#ifdef HAVE_ETHTOOL_RX_RING_COUNT
	.get_rx_ring_count	= snull_get_rx_ring_count,
#endif
#if !defined(HAVE_ETHTOOL_RXFH_FIELDS) || !defined(HAVE_ETHTOOL_RX_RING_COUNT)
	.get_rxnfc		= snull_get_rxnfc,
#endif
};
