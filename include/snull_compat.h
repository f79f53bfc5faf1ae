/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snull: the one place for kernel-version shims.
 *
 * snull supports Debian 12's 6.1 and the 6.12 LTS.  Every API it uses has
 * the same shape on both (netif_napi_add() without a weight, the
 * kernel_ethtool_* ring/coalesce hooks, rtnl_nla_parse_ifinfomsg(),
 * rtnl_configure_link() with portid/nlh, u64_stats_fetch_begin(),
 * hrtimer_init()), so no shim is needed today.  When one is, it goes
 * here, written as a snull_compat_*() helper, and driver code calls that
 * helper: no LINUX_VERSION_CODE test anywhere else.
 *
 * Known changes just past 6.12 that will need a shim here: hrtimer_init()
 * gives way to hrtimer_setup() (6.13), and rtnl_link_ops.newlink takes a
 * struct rtnl_newlink_params (6.15).
 */
#ifndef _SNULL_COMPAT_H
#define _SNULL_COMPAT_H

#endif /* _SNULL_COMPAT_H */
