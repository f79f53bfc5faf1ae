/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snull: the one place for kernel-version shims.
 *
 * snull supports Debian 12's 6.1 and the 6.12 LTS.  Driver code calls the
 * snull_compat_*() helpers below and never tests LINUX_VERSION_CODE
 * itself.  Everything else it uses has the same shape on both
 * (netif_napi_add() without a weight, the kernel_ethtool_* ring and
 * coalesce hooks, rtnl_nla_parse_ifinfomsg(), rtnl_configure_link() with
 * portid/nlh, u64_stats_fetch_begin(), hrtimer_init()).
 *
 * Known changes just past 6.12 that will need a shim here: hrtimer_init()
 * gives way to hrtimer_setup() (6.13), and rtnl_link_ops.newlink takes a
 * struct rtnl_newlink_params (6.15).
 */
#ifndef _SNULL_COMPAT_H
#define _SNULL_COMPAT_H

#include <linux/version.h>
#include <linux/netdevice.h>

/* 6.6 split <net/page_pool.h> into types.h and helpers.h. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
#include <net/page_pool/helpers.h>
#else
#include <net/page_pool.h>
#endif

/*
 * 6.5 lets a page pool know the NAPI instance that consumes it, so a page
 * freed in that NAPI's own context recycles straight into the pool's
 * lockless cache.  Before, it always went through the ptr_ring.
 */
static inline void snull_compat_pp_set_napi(struct page_pool_params *pp,
					    struct napi_struct *napi)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
	pp->napi = napi;
#endif
}

#endif /* _SNULL_COMPAT_H */
