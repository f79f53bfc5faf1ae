/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snull: private definitions shared by the driver's files.
 *
 * Locking at a glance (src/main.c has the full Theory of Operation):
 *
 *   rtnl_lock          every control path: open/stop, MTU, rings, coalesce,
 *                      features, priv flags, the reset work, pair
 *                      creation and deletion, and writers of priv->peer.
 *   TX queue lock      (the core's HARD_TX_LOCK) serialises ndo_start_xmit,
 *                      so the TX ring producer and this device's TX engine
 *                      never run twice at once.
 *   hw.rx_lock         serialises the writers of this device's RX ring: the
 *                      peer's TX engine ("DMA" in from the wire) and the
 *                      control path that enables/disables reception and
 *                      programs the RX filter.  Never taken by the consumer.
 *   u64_stats syncps   one per writer context, see struct snull_priv.
 *
 * Nesting: sender's TX queue lock -> receiver's hw.rx_lock -> hrtimer base.
 */
#ifndef _SNULL_H
#define _SNULL_H

#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/hrtimer.h>
#include <linux/workqueue.h>
#include <linux/u64_stats_sync.h>
#include <linux/spinlock.h>
#include <linux/interrupt.h>
#include <linux/if_vlan.h>
#include <linux/rtnetlink.h>

#include "snull_compat.h"

#define SNULL_DRV_NAME		"snull"
#define SNULL_DRV_VERSION	"2.0.0"

#define SNULL_RING_MIN		16
#define SNULL_RING_MAX		4096
#define SNULL_RING_DEFAULT	256
#define SNULL_MIN_MTU		68
#define SNULL_MAX_MTU		9000
#define SNULL_MAX_PAIRS		16
#define SNULL_COALESCE_MAX_USECS 100000	/* 100 ms: longer only hides bugs */

/* Hash filter size: 64 bins indexed by the top 6 bits of the CRC-32. */
#define SNULL_MC_HASH_BITS	6
/* Above this many groups the driver stops hashing and sets all-multi. */
#define SNULL_MC_MAX_GROUPS	32

/* ethtool private flags (bit numbers match snull_priv_flag_names[]). */
enum {
	SNULL_PFLAG_FLIP,	/* the book's third-octet address trick */
	SNULL_PFLAG_ZEROCOPY,	/* hand the sender's skb over, no "DMA" copy */
	SNULL_PFLAG_COUNT,
};

/* Interrupt causes: bits of the status and mask "registers". */
#define SNULL_IRQ_RX		BIT(0)	/* frames written, or RX ring was empty */
#define SNULL_IRQ_TX		BIT(1)	/* TX descriptors completed */
#define SNULL_IRQ_ALL		(SNULL_IRQ_RX | SNULL_IRQ_TX)

/* RX control register bits, written by ndo_set_rx_mode. */
#define SNULL_RXCTL_PROMISC	BIT(0)
#define SNULL_RXCTL_ALLMULTI	BIT(1)

/* Descriptor status written back by the simulated hardware. */
#define SNULL_DESC_DONE		BIT(0)	/* hardware finished with the slot */
#define SNULL_DESC_CSUM		BIT(1)	/* rx: csum holds CHECKSUM_COMPLETE */
#define SNULL_DESC_SKB		BIT(2)	/* rx: zero-copy, skb is the sender's */
#define SNULL_DESC_NOCARRIER	BIT(3)	/* tx: nobody listening on the wire */

struct snull_tx_desc {
	struct sk_buff *skb;
	u32 len;
	u32 status;
};

struct snull_rx_desc {
	struct page *page;	/* posted buffer (from the page pool) */
	struct sk_buff *frame;	/* zero-copy: the sender's skb; else NULL */
	u32 len;
	u32 status;
	__wsum csum;
};

/*
 * TX ring.  Free-running u32 indices, slot = index & (size - 1).
 *   head:  next slot ndo_start_xmit fills           (xmit only)
 *   done:  slots below are completed by the engine  (xmit; release)
 *   clean: next slot the driver reclaims            (poll/ISR; release)
 */
struct snull_tx_ring {
	struct snull_tx_desc *desc;
	u32 size;
	u32 head;
	u32 done;
	u32 clean;
};

/*
 * RX ring.
 *   posted: buffers handed to the hardware up to here (poll/ISR; release)
 *   filled: frames the hardware wrote up to here     (rx_lock; release)
 *   next:   next frame the driver passes up          (poll/ISR only)
 * Invariant: next <= filled <= posted <= next + size.
 */
struct snull_rx_ring {
	struct snull_rx_desc *desc;
	u32 size;
	u32 buf_len;
	u32 posted;
	u32 filled;
	u32 next;
};

/*
 * One configuration's descriptor rings and RX buffers: pages of
 * 2^rx_order, recycled through a page pool.  snull_rings_alloc() gets
 * all of it before the hardware is touched, so a reconfiguration that
 * cannot get memory changes nothing (allocate, swap, free the old).
 */
struct snull_rings {
	struct snull_tx_desc *tx;
	struct snull_rx_desc *rx;
	u32 tx_size;
	u32 rx_size;
	u32 buf_len;			/* the largest frame the MTU allows */
	u32 rx_order;
	struct page_pool *page_pool;
};

/* Counters written by the RX/TX completion path: NAPI poll or ISR. */
struct snull_poll_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t rx_multicast;
	u64_stats_t rx_nomem;		/* dropped: no memory for the skb */
	u64_stats_t rx_flushed;		/* dropped: on the ring at a stop */
	u64_stats_t rx_alloc_failed;	/* no memory to refill a slot */
	u64_stats_t rx_csum_complete;
	u64_stats_t rx_zerocopy_cloned;	/* the sender still held the skb */
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t tx_carrier_errors;	/* sent while nobody listened */
	u64_stats_t napi_polls;
	u64_stats_t napi_budget_exhausted;
	struct u64_stats_sync syncp;
};

/* Counters written by the ISR (hard-IRQ context). */
struct snull_irq_stats {
	u64_stats_t irqs;
	u64_stats_t irq_masked;
	u64_stats_t irq_spurious;
	struct u64_stats_sync syncp;
};

/* Counters the "hardware" keeps for frames arriving from the wire.  Written
 * by the peer's TX engine with our hw.rx_lock held.
 */
struct snull_hwrx_stats {
	u64_stats_t rx_missed;		/* ring full: no posted buffer */
	u64_stats_t rx_length_errors;	/* runt, or larger than the buffer */
	u64_stats_t mc_filtered;	/* multicast not in the filter */
	u64_stats_t uc_filtered;	/* unicast for another MAC */
	u64_stats_t promisc_accepted;	/* accepted only because promisc */
	u64_stats_t rx_corrupted;	/* fault injection: bit flipped */
	u64_stats_t rx_fault_dropped;	/* fault injection: dropped */
	struct u64_stats_sync syncp;
};

/* Counters written by ndo_start_xmit (TX queue lock held), ndo_tx_timeout
 * (netif_tx_lock() held: every queue frozen) and the reset path (takes
 * netif_tx_lock too: the watchdog may count a timeout at that moment).
 */
struct snull_xmit_stats {
	u64_stats_t tx_flushed;		/* never sent: on the ring at a stop */
	u64_stats_t tx_ring_full;
	u64_stats_t tx_timeouts;
	u64_stats_t tx_resets;
	struct u64_stats_sync syncp;
};

/* Fault knobs (debugfs), read locklessly by the data path. */
struct snull_faults {
	u32 drop_permille;	/* drop this many of every 1000 frames on rx */
	u32 corrupt_permille;	/* flip one payload bit in this many */
	u32 delay_us;		/* added to every interrupt's delay */
	u32 stall_tx;		/* non-zero: the TX engine hangs */
};

/* The simulated NIC: everything only src/hw.c may touch directly. */
struct snull_hw {
	struct snull_tx_ring tx;
	struct snull_rx_ring rx;

	/* Interrupt "registers": status is set by the hardware and cleared by
	 * the ISR reading it; mask is written by the driver.
	 */
	atomic_t irq_status;
	atomic_t irq_mask;
	atomic_t rx_pending;		/* frames since the last interrupt */
	unsigned long flags;		/* SNULL_HW_* bits */
	struct hrtimer irq_timer;	/* the interrupt line */

	/* Coalescing, written under rtnl, read by the hardware. */
	u32 rx_usecs;
	u32 rx_frames;
	u32 tx_usecs;

	/* RX side, writers serialised by rx_lock (see top of file). */
	spinlock_t rx_lock;
	bool rx_enabled;
	u32 rx_ctl;			/* SNULL_RXCTL_* */
	u64 mc_hash;
	u8 mac[ETH_ALEN];

	/* TX engine state, xmit context only (or with xmit stopped). */
	u32 tx_engine_count;		/* frames processed, for lockup= */
	bool tx_hung;

	struct snull_faults faults;
};

#define SNULL_HW_IRQ_ARMED	0	/* irq_timer is queued */
#define SNULL_HW_RUNNING	1	/* engines enabled: between start/stop */

struct snull_priv {
	struct net_device *dev;
	struct net_device __rcu *peer;	/* rtnl writes; data path reads */
	struct napi_struct napi;
	struct snull_hw hw;

	bool use_napi;			/* fixed at creation */
	bool hw_up;			/* rings allocated, engines on; rtnl */
	unsigned long pflags;		/* BIT(SNULL_PFLAG_*), rtnl */
	u32 msg_enable;

	/* Ring sizes the next snull_up() uses; rtnl. */
	u32 tx_ring_size;
	u32 rx_ring_size;

	/* The rings the hardware uses while up (rtnl; the data path reads
	 * them between snull_up() and snull_down()).
	 */
	struct snull_rings rings;
	u32 rings_allocated;		/* sets swapped in for the stack */

	struct work_struct reset_work;	/* the tx_timeout recovery */
	struct dentry *debugfs;

	struct snull_poll_stats poll_stats;
	struct snull_irq_stats irq_stats;
	struct snull_hwrx_stats hwrx_stats;
	struct snull_xmit_stats xmit_stats;
};

/* Module parameters (src/main.c), read-only after insmod. */
extern bool snull_use_napi;
extern unsigned int snull_lockup;
extern unsigned int snull_timeout;
extern unsigned int snull_irq_delay_us;
extern unsigned int snull_speed;
extern unsigned int snull_tx_ring;
extern unsigned int snull_rx_ring;
extern int snull_debug;

#define SNULL_MSG_DEFAULT	(NETIF_MSG_DRV | NETIF_MSG_PROBE | \
				 NETIF_MSG_LINK | NETIF_MSG_IFUP | \
				 NETIF_MSG_IFDOWN | NETIF_MSG_TX_ERR | \
				 NETIF_MSG_HW)

/* src/netdev.c */
extern const struct net_device_ops snull_netdev_ops;
void snull_setup(struct net_device *dev);
int snull_up(struct snull_priv *priv);
void snull_down(struct snull_priv *priv);
int snull_rings_alloc(struct snull_priv *priv, struct snull_rings *r,
		      u32 tx_size, u32 rx_size, u32 mtu);
void snull_rings_free(struct snull_rings *r);
void snull_rings_swap(struct snull_priv *priv, struct snull_rings *r);
void snull_quiesce(struct snull_priv *priv);
void snull_start(struct snull_priv *priv);
int snull_reconfigure(struct snull_priv *priv, u32 tx_size, u32 rx_size,
		      u32 mtu, struct netlink_ext_ack *extack);
void snull_get_stats64(struct net_device *dev,
		       struct rtnl_link_stats64 *stats);
void snull_set_zerocopy(struct snull_priv *priv, bool on);

/* src/napi.c: the driver's interrupt and completion side */
irqreturn_t snull_interrupt(struct snull_priv *priv);
int snull_poll(struct napi_struct *napi, int budget);
int snull_rx_refill(struct snull_priv *priv, gfp_t gfp);
struct snull_rx_frame;
void snull_rx_frame_free(struct snull_priv *priv, struct snull_rx_frame *f);
void snull_tx_clean(struct snull_priv *priv, int budget);

/* src/main.c: pairs, shared by module init and rtnl newlink */
int snull_pair_register(struct net_device *dev, struct net_device *peer,
			const struct ifinfomsg *peer_ifm, bool book_mode);

/* src/rtnl.c */
extern struct rtnl_link_ops snull_link_ops;

/* src/ethtool.c */
extern const struct ethtool_ops snull_ethtool_ops;

/* src/mcast.c */
void snull_set_rx_mode(struct net_device *dev);

/* src/debugfs.c */
int snull_debugfs_init(void);
void snull_debugfs_exit(void);
void snull_debugfs_add(struct snull_priv *priv);
void snull_debugfs_del(struct snull_priv *priv);

static inline bool snull_flip_on(const struct snull_priv *priv)
{
	return test_bit(SNULL_PFLAG_FLIP, &priv->pflags);
}

#endif /* _SNULL_H */
