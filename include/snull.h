/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snull: private definitions shared by the driver's files.
 *
 * Locking at a glance (src/main.c has the full Theory of Operation):
 *
 *   rtnl_lock          every control path: open/stop, MTU, rings, coalesce,
 *                      features, priv flags, the reset work, pair
 *                      creation and deletion, and writers of priv->peer.
 *   TX queue lock      (the core's HARD_TX_LOCK) serialises ndo_start_xmit
 *                      with XDP_TX and ndo_xdp_xmit (src/xdp.c take it),
 *                      so the TX ring producer and this device's TX engine
 *                      never run twice at once.
 *   NAPI / ISR         the single consumer of the rings: tx_clean, rx_next
 *                      and the RX buffers (posting, refill).
 *   u64_stats syncps   one per writer context, see struct snull_priv.
 *
 * The device (src/hw/) has locks of its own, behind its registers; the
 * TX queue lock is held when xmit writes TDT, which runs the TX engine.
 */
#ifndef _SNULL_H
#define _SNULL_H

#include <linux/netdevice.h>
#include <linux/ethtool.h>
#include <linux/etherdevice.h>
#include <linux/hrtimer.h>
#include <linux/workqueue.h>
#include <linux/u64_stats_sync.h>
#include <linux/spinlock.h>
#include <linux/interrupt.h>
#include <linux/if_vlan.h>
#include <linux/rtnetlink.h>
#include <linux/dim.h>
#include <net/xdp.h>

#include "snull_compat.h"
#include "snull_hw.h"

#define SNULL_DRV_NAME		"snull"
#define SNULL_DRV_VERSION	"2.0.0"

#define SNULL_RING_MIN		16
#define SNULL_RING_MAX		4096
#define SNULL_RING_DEFAULT	256
#define SNULL_MIN_MTU		68
#define SNULL_MAX_MTU		9000
#define SNULL_MAX_PAIRS		16
#define SNULL_COALESCE_MAX_USECS 100000	/* 100 ms: longer only hides bugs */

/* Above this many groups the driver stops hashing and sets all-multi. */
#define SNULL_MC_MAX_GROUPS	32

/* ethtool private flags (bit numbers match snull_priv_flag_names[]). */
enum {
	SNULL_PFLAG_FLIP,	/* the book's third-octet address trick */
	SNULL_PFLAG_ZEROCOPY,	/* hand the sender's skb over, no "DMA" copy */
	SNULL_PFLAG_COUNT,
};

/*
 * One configuration's descriptor rings and RX buffers: pages of
 * 2^rx_order, recycled through a page pool.  snull_rings_alloc() gets
 * the rings and the pool before the hardware is touched, so a
 * reconfiguration that cannot get them changes nothing (allocate, swap,
 * free the old); buffers it cannot get, the refill retries.
 */
struct snull_rings {
	struct snull_tx_desc *tx;
	struct snull_rx_desc *rx;
	u32 tx_size;
	u32 rx_size;
	u32 buf_len;			/* the largest frame the MTU allows */
	u32 rx_order;
	struct page_pool *page_pool;
	/* XDP (NAPI only): the RX queue's registration, with the page pool
	 * as its memory model, and what each TX slot holds when the frame
	 * is an XDP frame (XDP_TX, ndo_xdp_xmit) rather than an skb: the
	 * driver's own bookkeeping, as igb's tx_buffer_info; the device
	 * sees only the descriptor's buffer.
	 */
	struct xdp_rxq_info xdp_rxq;
	struct xdp_frame **tx_xdpf;
};

/*
 * RX copybreak: a frame this short or shorter is copied into a small skb
 * and its page stays on the ring, so a socket is charged a small
 * truesize instead of a page.  Above the cap a copy costs more than the
 * page it saves.
 */
#define SNULL_RX_COPYBREAK	256
#define SNULL_RX_COPYBREAK_MAX	1024

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
	u64_stats_t rx_copied;		/* copied out, the page left on the ring */
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t tx_carrier_errors;	/* sent while nobody listened */
	u64_stats_t napi_polls;
	u64_stats_t napi_budget_exhausted;
	/* XDP verdicts; every frame behind them is in rx_packets too */
	u64_stats_t rx_xdp_pass;
	u64_stats_t rx_xdp_drop;
	u64_stats_t rx_xdp_tx;
	u64_stats_t rx_xdp_tx_errors;	/* no TX slot: dropped */
	u64_stats_t rx_xdp_redirect;
	u64_stats_t rx_xdp_redirect_errors;
	u64_stats_t rx_xdp_aborted;	/* XDP_ABORTED or an unknown verdict */
	struct u64_stats_sync syncp;
};

/* Counters written by the ISR (hard-IRQ context). */
struct snull_irq_stats {
	u64_stats_t irqs;
	u64_stats_t irq_masked;
	u64_stats_t irq_spurious;
	u64_stats_t irq_link;		/* only a link change: no NAPI */
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
	u64_stats_t tx_xdp_xmit;	/* frames other devices redirected here */
	u64_stats_t tx_xdp_xmit_errors;	/* of them, refused: no room, down */
	struct u64_stats_sync syncp;
};

/*
 * One direction's adaptive moderation (src/dim.c).  on: rtnl writes, the
 * poll and the work read.  dim: the poll feeds it (net_dim), the work
 * applies its profile.  The poll alone keeps the sampling state (events,
 * packets, last_ns, lonely).  moves: profile changes written to the
 * card, by the work only.
 */
struct snull_dim {
	struct dim dim;
	bool on;
	u16 events;		/* polls that were DIM samples */
	u64 packets;		/* the direction's count at the last poll */
	u64 last_ns;		/* when its last frame was handled */
	u32 lonely;		/* polls in a row with nothing to merge */
	u64_stats_t moves;
	struct u64_stats_sync syncp;
};

/* A debugfs fault knob: one of the device's fault registers. */
struct snull_fault_knob {
	struct snull_priv *priv;
	u32 reg;
	u32 max;
};

#define SNULL_FAULT_KNOBS	4

/*
 * One queue pair: the driver's side of the device's queue q (a TX ring,
 * an RX ring, an interrupt vector) and the NAPI instance that serves it.
 * Everything here is the queue's own: its poll and its xmit never touch
 * another queue's, so queues on different CPUs share nothing but the
 * device.
 *
 * The driver's ring indices, free-running as the device's (see
 * snull_regs.h); zeroed with the rings' registers by snull_start().
 *   tx_next:  next TX slot xmit fills; TDT shadow     (xmit only)
 *   tx_clean: next TX slot to reclaim  (poll/ISR; xmit reads it)
 *   rx_tail:  next RX slot to post; RDT shadow          (poll/ISR)
 *   rx_next:  next RX slot to pass up                   (poll/ISR)
 */
struct snull_queue {
	struct snull_priv *priv;
	u32 index;			/* the device's queue: SNULL_QREG() */
	struct napi_struct napi;

	/* The rings the hardware uses while up (rtnl swaps them; the data
	 * path reads them between snull_up() and snull_down()).
	 */
	struct snull_rings rings;
	u32 tx_next;
	u32 tx_clean;
	u32 rx_tail;
	u32 rx_next;

	/* ethtool -C adaptive-rx/-tx (NAPI only): each vector its own */
	struct snull_dim rx_dim;
	struct snull_dim tx_dim;

	struct snull_poll_stats poll_stats;
	struct snull_irq_stats irq_stats;
	struct snull_xmit_stats xmit_stats;
	char irq_name[IFNAMSIZ + 4];	/* /proc/interrupts */
};

struct snull_priv {
	struct net_device *dev;
	struct net_device __rcu *peer;	/* rtnl writes; data path reads */
	struct bpf_prog __rcu *xdp_prog; /* rtnl writes; the poll reads */
	struct snull_hw *hw;		/* the card, from ndo_init on */

	bool use_napi;			/* fixed at creation */
	bool hw_up;			/* rings allocated, engines on; rtnl */
	bool engines_on;		/* CTRL.EN as the driver last set it:
					 * rtnl writes, reclaim reads (wakes
					 * the queue only while set)
					 */
	bool unplugged;			/* the pair's cable is out; rtnl */
	unsigned long pflags;		/* BIT(SNULL_PFLAG_*), rtnl */
	u32 msg_enable;

	/* Ring sizes the next snull_up() uses; rtnl. */
	u32 tx_ring_size;
	u32 rx_ring_size;
	/* Frames up to this long are copied (ethtool rx-copybreak); rtnl
	 * writes, the poll reads it once per frame (READ_ONCE).
	 */
	u32 rx_copybreak;

	u32 rings_allocated;		/* sets swapped in for the stack */

	struct work_struct reset_work;	/* the tx_timeout recovery */
	struct dentry *debugfs;
	struct snull_fault_knob fault_knobs[SNULL_FAULT_KNOBS];

	/* RSS (src/rss.c), rtnl: key, redirection table (RX queue per
	 * entry), and the flow types hashed by port (SNULL_MRQC_*)
	 */
	u8 rss_key[SNULL_RSS_KEY_LEN];
	u8 rss_indir[SNULL_RETA_SIZE];
	u32 rss_fields;

	/* Queue pairs in use (rtnl writes with WRITE_ONCE; the data path
	 * reads it while up), and the vectors requested for them, from
	 * queue 0 up (rtnl).
	 */
	u32 num_queues;
	u32 irqs_requested;
	struct snull_queue queues[SNULL_MAX_QUEUES];
};

/* Module parameters (src/main.c), read-only after insmod. */
extern bool snull_use_napi;
extern unsigned int snull_lockup;
extern unsigned int snull_timeout;
extern unsigned int snull_irq_delay_us;
extern unsigned int snull_speed;
extern unsigned int snull_tx_ring;
extern unsigned int snull_rx_ring;
extern unsigned int snull_queues;
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
int snull_rings_alloc(struct snull_queue *q, struct snull_rings *r,
		      u32 tx_size, u32 rx_size, u32 mtu);
void snull_rings_free(struct snull_rings *r);
void snull_rings_swap(struct snull_queue *q, struct snull_rings *r);
void snull_program_rings(struct snull_queue *q);
void snull_update_ctrl(struct snull_priv *priv, netdev_features_t features);
void snull_quiesce(struct snull_priv *priv);
void snull_start(struct snull_priv *priv);
int snull_reconfigure(struct snull_priv *priv, u32 tx_size, u32 rx_size,
		      u32 mtu, struct netlink_ext_ack *extack);
int snull_set_queues(struct snull_priv *priv, u32 n);
u32 snull_max_queues(const struct net_device *dev);
void snull_get_stats64(struct net_device *dev,
		       struct rtnl_link_stats64 *stats);
int snull_set_zerocopy(struct snull_priv *priv, bool on);
u32 snull_rx_order(u32 mtu);

/* A received frame, as its RX descriptor describes it. */
struct snull_rx_frame {
	struct page *page;	/* copy mode: the buffer holding the frame */
	struct sk_buff *skb;	/* zero-copy: the sender's skb */
	u32 off;		/* where in the page it starts (XDP moves it) */
	u32 meta;		/* XDP metadata in front of it, bytes */
	u32 len;
	u32 status;		/* SNULL_DESC_* */
	__wsum csum;
	u32 hash;		/* with SNULL_DESC_HASH */
};

/* Register dump layout for ethtool -d (version 1). */
struct snull_regs {
	u32 irq_status;
	u32 irq_mask;
	u32 rx_ctl;
	u32 running;
	u32 tx_size, tx_head, tx_done, tx_clean, tx_hung;
	u32 rx_size, rx_buf_len, rx_posted, rx_filled, rx_next;
	u32 rx_usecs, rx_frames, tx_usecs;
	u32 mc_hash_lo, mc_hash_hi;
};

void snull_read_regs(struct snull_priv *priv, struct snull_regs *regs);

/* src/napi.c: the driver's interrupt and completion side */
irqreturn_t snull_interrupt(int irq, void *data);
int snull_poll(struct napi_struct *napi, int budget);
int snull_rx_refill(struct snull_queue *q, gfp_t gfp);
bool snull_rx_pop(struct snull_queue *q, struct snull_rx_frame *frame);
void snull_rx_frame_free(struct snull_queue *q, struct snull_rx_frame *f);
void snull_tx_clean(struct snull_queue *q, int budget);

/* src/xdp.c: XDP in the poll, and snull as a redirect target */
#define SNULL_XDP_TX_BULK	16

/* One poll's XDP work: XDP_TX frames to post, redirects to flush, and
 * the verdicts, added to poll_stats with the poll's other counters.
 */
struct snull_xdp_tx {
	unsigned int n;
	bool redirect;
	unsigned int pass, drop, tx, tx_errors, redir, redir_errors, aborted;
	struct xdp_frame *frames[SNULL_XDP_TX_BULK];	/* not zeroed: n says */
};

int snull_bpf(struct net_device *dev, struct netdev_bpf *bpf);
int snull_xdp_xmit(struct net_device *dev, int n, struct xdp_frame **frames,
		   u32 flags);
u32 snull_xdp_run(struct snull_queue *q, struct bpf_prog *prog,
		  struct snull_rx_frame *f, struct snull_xdp_tx *xtx);
void snull_xdp_finish(struct snull_queue *q, struct snull_xdp_tx *xtx);
u32 snull_xdp_max_mtu(void);
bool snull_xdp_on(struct snull_priv *priv);

/* src/dim.c: adaptive interrupt moderation */
void snull_dim_init(struct snull_queue *q);
void snull_dim_set(struct snull_priv *priv, bool rx, bool on);
void snull_dim_stop(struct snull_priv *priv);
void snull_dim_sample(struct snull_queue *q);

/* src/main.c: pairs, shared by module init and rtnl newlink */
int snull_pair_register(struct net_device *dev, struct net_device *peer,
			const struct ifinfomsg *peer_ifm, bool book_mode);

/* src/rss.c: receive side scaling */
void snull_rss_init(struct snull_priv *priv);
void snull_rss_program(struct snull_priv *priv, netdev_features_t features);
void snull_rss_spread(struct snull_priv *priv);
u32 snull_get_rx_ring_count(struct net_device *dev);
u32 snull_get_rxfh_key_size(struct net_device *dev);
u32 snull_get_rxfh_indir_size(struct net_device *dev);
int snull_get_rxfh(struct net_device *dev, struct ethtool_rxfh_param *rxfh);
int snull_set_rxfh(struct net_device *dev, struct ethtool_rxfh_param *rxfh,
		   struct netlink_ext_ack *extack);
int snull_get_rxfh_fields(struct net_device *dev,
			  struct ethtool_rxfh_fields *fields);
int snull_set_rxfh_fields(struct net_device *dev,
			  const struct ethtool_rxfh_fields *fields,
			  struct netlink_ext_ack *extack);

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

/* The device's registers: the driver's only way to the hardware. */
static inline u32 snull_rd32(const struct snull_priv *priv, u32 reg)
{
	return snull_hw_rd32(priv->hw, reg);
}

static inline void snull_wr32(const struct snull_priv *priv, u32 reg, u32 val)
{
	snull_hw_wr32(priv->hw, reg, val);
}

/* A queue's own registers: queue 0's offsets, in its block. */
static inline u32 snull_q_rd32(const struct snull_queue *q, u32 reg)
{
	return snull_hw_rd32(q->priv->hw, SNULL_QREG(reg, q->index));
}

static inline void snull_q_wr32(const struct snull_queue *q, u32 reg, u32 val)
{
	snull_hw_wr32(q->priv->hw, SNULL_QREG(reg, q->index), val);
}

static inline void snull_q_wr64(const struct snull_queue *q, u32 reg, u64 val)
{
	snull_hw_wr64(q->priv->hw, SNULL_QREG(reg, q->index), val);
}

/*
 * A TX slot whose descriptor has a plain buffer held an XDP frame
 * (src/xdp.c): give the frame back.  Reclaim and quiesce; the check
 * reads only the descriptor, already in the cache, so the stack's own
 * frames never touch tx_xdpf.
 */
static inline void snull_tx_xdp_done(struct snull_rings *r,
				     struct snull_tx_desc *d, u32 slot)
{
	xdp_return_frame(r->tx_xdpf[slot]);
	r->tx_xdpf[slot] = NULL;
	d->buf = NULL;
}

/* TX slots free for xmit; tx_clean moves under it on another CPU. */
static inline u32 snull_tx_free(const struct snull_queue *q)
{
	return q->rings.tx_size - (q->tx_next - READ_ONCE(q->tx_clean));
}

#endif /* _SNULL_H */
