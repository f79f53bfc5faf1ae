/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snull: the one place for kernel-version differences.
 *
 * The driver's .c files are written against the newest kernel API.  This
 * header backfills older kernels, feature by feature: what a kernel has
 * is probed from its headers at build time (src/kcompat-gen writes
 * snull_kcompat.h into the build directory: HAVE_* when the kernel has a
 * feature, NEED_* when it still has an older form), never guessed from a
 * version number, since distribution kernels carry backports.  Nothing
 * else includes snull_kcompat.h, and no file tests the version number.
 *
 * Three kinds of shim:
 *   - a missing function, or one whose arguments changed, is written here
 *     as snull_kc_<name>() from what the kernel has, and the name is
 *     redirected to it (#define hrtimer_setup snull_kc_hrtimer_setup):
 *     the shim never collides with the kernel's own declaration, so a
 *     probe's answer can be forced on a kernel that has the feature
 *     (SNULL_KCOMPAT_FORCE, as tests do) wherever the old API remains;
 *   - a driver callback whose signature changed keeps one version-free
 *     body; a small adapter beside its ops table (under #ifdef on the
 *     HAVE_ or NEED_ macro) converts the old call into the new one.
 * Where the newest API carries information an old kernel needs spelled
 * out, a snull_compat_*() helper says it once for all kernels.
 *
 * docs/kernel-compat.md lists every probe, the kernels it splits and how
 * to add the next one.
 */
#ifndef _SNULL_COMPAT_H
#define _SNULL_COMPAT_H

#include <linux/hrtimer.h>
#include <linux/netdevice.h>
#include <linux/random.h>
#include <linux/skbuff.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "snull_kcompat.h"

#ifdef HAVE_PAGE_POOL_HELPERS_H
#include <net/page_pool/helpers.h>
#else
#include <net/page_pool.h>	/* split into types.h and helpers.h in 6.6 */
#endif

/* ---- timers ------------------------------------------------------------ */

/* 6.13: one call sets the callback too; hrtimer_init() is gone since. */
#ifndef HAVE_HRTIMER_SETUP
static inline void
snull_kc_hrtimer_setup(struct hrtimer *timer,
		       enum hrtimer_restart (*function)(struct hrtimer *),
		       clockid_t clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}

#define hrtimer_setup snull_kc_hrtimer_setup
#endif

/* ---- net_device -------------------------------------------------------- */

/* 6.1: netif_napi_add() lost its weight (netif_napi_add_weight() has it). */
#ifdef NEED_NETIF_NAPI_ADD_WEIGHT
static inline void snull_kc_netif_napi_add(struct net_device *dev,
					   struct napi_struct *napi,
					   int (*poll)(struct napi_struct *, int))
{
	netif_napi_add(dev, napi, poll, NAPI_POLL_WEIGHT);
}

#define netif_napi_add snull_kc_netif_napi_add
#endif

/* ---- skbs and buffers -------------------------------------------------- */

/* 6.2: the bounded random number (prandom_u32_max() before). */
#ifndef HAVE_GET_RANDOM_U32_BELOW
static inline u32 snull_kc_get_random_u32_below(u32 ceil)
{
	return prandom_u32_max(ceil);
}

#define get_random_u32_below snull_kc_get_random_u32_below
#endif

/* 5.12: build_skb() from the NAPI skb cache. */
#ifndef HAVE_NAPI_BUILD_SKB
static inline struct sk_buff *snull_kc_napi_build_skb(void *data,
						      unsigned int frag_size)
{
	return build_skb(data, frag_size);
}

#define napi_build_skb snull_kc_napi_build_skb
#endif

/* 6.5: the pool knows the NAPI that consumes it, so pages freed in that
 * NAPI's own context recycle straight into its lockless cache.
 */
static inline void snull_compat_pp_set_napi(struct page_pool_params *pp,
					    struct napi_struct *napi)
{
#ifdef HAVE_PAGE_POOL_PARAMS_NAPI
	pp->napi = napi;
#endif
}

/* 6.8: a pool that names its device is listed under it by "netdev
 * page-pool-get", with its statistics in page-pool-stats-get.
 */
static inline void snull_compat_pp_set_netdev(struct page_pool_params *pp,
					      struct net_device *dev)
{
#ifdef HAVE_PAGE_POOL_PARAMS_NETDEV
	pp->netdev = dev;
#endif
}

/*
 * A page of @pool becomes the head of @skb, which goes up the stack.
 * Since 5.14 the skb is marked and the page returns to its pool when the
 * skb is freed (the first form also named the page and the pool).
 * Before, the page had to leave the pool here
 * (page_pool_release_page(), which also settles the pool's count of pages
 * in flight) and the stack then frees it as any page: without that,
 * page_pool_destroy() would wait for it for ever.
 */
static inline void snull_compat_pp_skb(struct page_pool *pool,
				       struct sk_buff *skb, struct page *page)
{
#if defined(NEED_SKB_MARK_FOR_RECYCLE_PAGE)
	skb_mark_for_recycle(skb, page, pool);
#elif defined(HAVE_SKB_MARK_FOR_RECYCLE)
	skb_mark_for_recycle(skb);
#else
	page_pool_release_page(pool, page);
#endif
}

/* ---- netlink and rtnl -------------------------------------------------- */

/* 5.11: nla_strlcpy() became nla_strscpy(). */
#ifndef HAVE_NLA_STRSCPY
static inline ssize_t snull_kc_nla_strscpy(char *dst,
					   const struct nlattr *nla,
					   size_t dstsize)
{
	return nla_strlcpy(dst, nla, dstsize);
}

#define nla_strscpy snull_kc_nla_strscpy
#endif

/* 6.5 (and stable kernels): parse a nested ifinfomsg, length checked. */
#ifndef HAVE_RTNL_NLA_PARSE_IFINFOMSG
static inline int snull_kc_rtnl_nla_parse_ifinfomsg(struct nlattr **tb,
						    const struct nlattr *nla_peer,
						    struct netlink_ext_ack *extack)
{
	if (nla_len(nla_peer) < sizeof(struct ifinfomsg))
		return -EINVAL;
	return nla_parse_deprecated(tb, IFLA_MAX,
				    nla_data(nla_peer) + sizeof(struct ifinfomsg),
				    nla_len(nla_peer) - sizeof(struct ifinfomsg),
				    NULL, extack);
}

#define rtnl_nla_parse_ifinfomsg snull_kc_rtnl_nla_parse_ifinfomsg
#endif

/* 6.3: rtnl_configure_link() takes the requester, for its notification. */
#ifndef HAVE_RTNL_CONFIGURE_LINK_PORTID
static inline int snull_kc_rtnl_configure_link(struct net_device *dev,
					       const struct ifinfomsg *ifm,
					       u32 portid,
					       const struct nlmsghdr *nlh)
{
	return rtnl_configure_link(dev, ifm);
}

#define rtnl_configure_link snull_kc_rtnl_configure_link
#endif

/*
 * After 6.12, rtnl_link_ops.newlink() takes struct rtnl_newlink_params, and a
 * driver with a peer (.peer_type) gets the peer's namespace from the core,
 * which parses it, holds a reference for the call and returns errors.  On
 * older kernels the adapter beside snull_link_ops builds the same
 * parameters and looks the peer's namespace up itself.
 */
#ifndef HAVE_RTNL_NEWLINK_PEER_NET
struct rtnl_newlink_params {
	struct net *src_net;
	struct net *link_net;
	struct net *peer_net;
	struct nlattr **tb;
	struct nlattr **data;
};

static inline struct net *rtnl_newlink_link_net(struct rtnl_newlink_params *p)
{
	return p->link_net ? : p->src_net;
}

static inline struct net *rtnl_newlink_peer_net(struct rtnl_newlink_params *p)
{
	return p->peer_net ? : rtnl_newlink_link_net(p);
}
#endif

/* ---- TX queue stop and wake ------------------------------------------- */

/*
 * 6.3: the lockless stop for one producer (xmit) racing one consumer
 * (reclaim); 6.6: the wake that also reports to BQL.  Written out here for
 * older kernels with the kernel's return values and barriers
 * (Documentation/networking/driver.rst).  They stay macros because
 * @get_desc must be read (again) after the barrier.  #undef first: a
 * forced answer must not collide with the kernel's own definition.
 *
 * netif_txq_try_stop(): 0 stopped; -1 restarted at once because reclaim
 * made room meanwhile.
 * __netif_txq_completed_wake(): 0 woken; 1 running already (or
 * @down_cond); -1 not enough room yet.
 */
#ifdef HAVE_NETDEV_QUEUES_H
#include <net/netdev_queues.h>
#endif

#ifndef HAVE_NETIF_TXQ_TRY_STOP
static inline void snull_kc_txq_stop(struct netdev_queue *txq)
{
	netif_tx_stop_queue(txq);
	/* The stop bit before the re-read of the free count: pairs with
	 * the barrier after the consumer's index update.
	 */
	smp_mb__after_atomic();
}

static inline int snull_kc_txq_restart(struct netdev_queue *txq,
				       unsigned int desc, unsigned int thrs)
{
	if (likely(desc < thrs))
		return 0;
	netif_tx_start_queue(txq);
	return -1;
}

#undef netif_txq_try_stop
#define netif_txq_try_stop(txq, get_desc, start_thrs)			\
	({								\
		struct netdev_queue *_kc_q = (txq);			\
									\
		snull_kc_txq_stop(_kc_q);				\
		snull_kc_txq_restart(_kc_q, get_desc, start_thrs);	\
	})
#endif

#ifndef HAVE_NETIF_TXQ_COMPLETED_WAKE
static inline void snull_kc_txq_completed_mb(struct netdev_queue *txq,
					     unsigned int pkts,
					     unsigned int bytes)
{
	/* BQL's own barrier orders the new consumer index before the
	 * stopped bit is read (pairs with snull_kc_txq_stop()); without
	 * BQL, the smp_mb() below does.
	 */
	netdev_tx_completed_queue(txq, pkts, bytes);
	if (!IS_ENABLED(CONFIG_BQL) && bytes)
		smp_mb(); /* pairs with snull_kc_txq_stop() */
}

static inline int snull_kc_txq_wake(struct netdev_queue *txq,
				    unsigned int pkts, unsigned int desc,
				    unsigned int thrs, bool down)
{
	if (!pkts || unlikely(desc < thrs))
		return -1;
	if (likely(!netif_tx_queue_stopped(txq)) || down)
		return 1;
	netif_tx_wake_queue(txq);
	return 0;
}

#undef __netif_txq_completed_wake
#define __netif_txq_completed_wake(txq, pkts, bytes, get_desc,		\
				   start_thrs, down_cond)		\
	({								\
		struct netdev_queue *_kc_q = (txq);			\
		unsigned int _kc_pkts = (pkts);				\
									\
		snull_kc_txq_completed_mb(_kc_q, _kc_pkts, bytes);	\
		snull_kc_txq_wake(_kc_q, _kc_pkts, get_desc, start_thrs,	\
				  down_cond);				\
	})
#endif

/* ---- ethtool ----------------------------------------------------------- */

/*
 * 5.17 and 5.15: ring and coalescing callbacks also take the kernel-only
 * parameters and an extack.  The bodies are written that way; adapters in
 * src/ethtool.c call them from the old signatures, with no extack (the
 * error still reaches the user as an errno).
 */
#ifndef HAVE_ETHTOOL_KERNEL_RINGPARAM
struct kernel_ethtool_ringparam;
#endif

/*
 * RSS.  6.8 passes get_rxfh/set_rxfh one struct ethtool_rxfh_param (and
 * set_rxfh an extack); before, the table, key and hash function were
 * three arguments.  6.16 (and Debian's 6.12) asks for the hashed fields
 * with get_rxfh_fields/set_rxfh_fields, before through get_rxnfc/
 * set_rxnfc (ETHTOOL_GRXFH/SRXFH); 6.18 for the RX ring count with
 * get_rx_ring_count, before get_rxnfc (ETHTOOL_GRXRINGS).  src/rss.c is
 * written for the new forms; src/ethtool.c adapts the old ones.
 */
#ifndef HAVE_ETHTOOL_RXFH_PARAM
struct ethtool_rxfh_param {
	u8 hfunc;
	u32 indir_size;
	u32 *indir;
	u32 key_size;
	u8 *key;
	u32 rss_context;
	u8 rss_delete;
	u8 input_xfrm;
};
#endif
#ifndef RXH_XFRM_NO_CHANGE
#define RXH_XFRM_NO_CHANGE	0xff
#endif
#ifndef HAVE_ETHTOOL_RXFH_FIELDS
struct ethtool_rxfh_fields {
	u32 data;
	u32 flow_type;
	u32 rss_context;
};
#endif
#ifndef HAVE_ETHTOOL_KERNEL_COALESCE
struct kernel_ethtool_coalesce;
#endif

/*
 * 5.13: the IEEE 802.3 counters as a standard group (ethtool -S --groups
 * eth-mac).  Before, they are only in ip -s link and sysfs: the callback
 * is built against this stand-in and left out of the ops table.
 */
#ifndef HAVE_ETHTOOL_ETH_MAC_STATS
struct ethtool_eth_mac_stats {
	u64 FramesTransmittedOK;
	u64 FramesReceivedOK;
	u64 MulticastFramesReceivedOK;
};
#endif

/*
 * The interrupt simulator (CONFIG_IRQ_SIM: a kernel option only in-tree
 * drivers can select; on in Debian's 7.x, off in its 5.10/6.1/6.12).
 * From 6.11 irq_domain_create_sim() calls the _full() variant with no
 * ops, which until a later fix left its ops uninitialised for
 * request_irq() to call: pass empty ones where the variant exists.
 */
#if IS_ENABLED(CONFIG_IRQ_SIM)
#include <linux/irq_sim.h>

static inline struct irq_domain *snull_compat_irq_sim_create(unsigned int n)
{
#ifdef HAVE_IRQ_DOMAIN_CREATE_SIM_FULL
	static const struct irq_sim_ops no_ops;

	return irq_domain_create_sim_full(NULL, n, &no_ops, NULL);
#else
	return irq_domain_create_sim(NULL, n);
#endif
}
#endif

/*
 * Link queue pair @index to @napi (NULL: unlink) for the netdev netlink
 * family's queue objects (6.8); before them there is nothing to link,
 * nor the queue type enum.  rtnl held, as the core asserts.
 */
static inline void snull_compat_queue_set_napi(struct net_device *dev,
					       unsigned int index,
					       struct napi_struct *napi)
{
#ifdef HAVE_NETIF_QUEUE_SET_NAPI
	netif_queue_set_napi(dev, index, NETDEV_QUEUE_TYPE_RX, napi);
	netif_queue_set_napi(dev, index, NETDEV_QUEUE_TYPE_TX, napi);
#endif
}

/*
 * net_dim() takes its sample by pointer from 6.13 on, by value before.
 * The macro's own name is not expanded again inside it, so this calls
 * the real function (as in the shims below).
 */
#ifndef HAVE_NET_DIM_SAMPLE_PTR
#define net_dim(dim, sample) net_dim(dim, *(sample))
#endif

/* ---- XDP (src/xdp.c) ---- */
#include <net/xdp.h>
#include <linux/filter.h>

/* 5.11: the RX queue's registration names its NAPI instance (busy poll). */
#ifndef HAVE_XDP_RXQ_INFO_REG_NAPI_ID
#define xdp_rxq_info_reg(rxq, dev, queue, napi_id) \
	((void)(napi_id), xdp_rxq_info_reg(rxq, dev, queue))
#endif

/* 5.12: the helpers that set up an xdp_buff; the same stores before. */
#ifndef HAVE_XDP_PREPARE_BUFF
static __always_inline void xdp_init_buff(struct xdp_buff *xdp, u32 frame_sz,
					  struct xdp_rxq_info *rxq)
{
	xdp->frame_sz = frame_sz;
	xdp->rxq = rxq;
}

static __always_inline void xdp_prepare_buff(struct xdp_buff *xdp,
					     unsigned char *hard_start,
					     int headroom, int data_len,
					     const bool meta_valid)
{
	unsigned char *data = hard_start + headroom;

	xdp->data_hard_start = hard_start;
	xdp->data = data;
	xdp->data_end = data + data_len;
	xdp->data_meta = meta_valid ? data : data + 1;
}
#endif

/* 5.17: the warning names the device and the program. */
#ifndef HAVE_BPF_WARN_INVALID_XDP_ACTION_DEV
#define bpf_warn_invalid_xdp_action(dev, prog, act) do {		\
	(void)(dev);							\
	(void)(prog);							\
	bpf_warn_invalid_xdp_action(act);				\
} while (0)
#endif

/*
 * 6.3: a device advertises its XDP features (ip -d link, the netdev
 * netlink family): the verdicts, being a redirect target.  Before, the
 * core assumed them from ndo_bpf and ndo_xdp_xmit.
 */
static inline void snull_compat_xdp_features(struct net_device *dev)
{
#ifdef HAVE_XDP_FEATURES
	xdp_set_features_flag(dev, NETDEV_XDP_ACT_BASIC |
			      NETDEV_XDP_ACT_REDIRECT |
			      NETDEV_XDP_ACT_NDO_XMIT);
#endif
}

/*
 * 6.2: an extack message may be formatted.  Before, the formatted text
 * goes to the kernel log and the extack says where to look.
 */
#ifndef HAVE_NL_SET_ERR_MSG_FMT
#define NL_SET_ERR_MSG_FMT_MOD(extack, fmt, args...) do {		\
	pr_warn(KBUILD_MODNAME ": " fmt "\n", ##args);			\
	NL_SET_ERR_MSG_MOD(extack, "refused: the kernel log says why");	\
} while (0)
#endif

#endif /* _SNULL_COMPAT_H */
