/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snull: every kernel-version difference lives here, nowhere else.
 *
 * Supported: Debian 12's 6.1 and the 6.12 LTS.  Driver code calls the
 * snull_compat_*() names below and never tests LINUX_VERSION_CODE itself.
 */
#ifndef _SNULL_COMPAT_H
#define _SNULL_COMPAT_H

#include <linux/version.h>
#include <linux/netdevice.h>

/*
 * 6.3 split dev->features handling for the watchdog: ndo_tx_timeout kept
 * its signature across our range, so nothing is needed for it.
 *
 * struct ethtool_ops::get_ringparam/set_ringparam and the coalesce hooks
 * take the kernel_* argument on both 6.1 and 6.12.
 */

/* netif_napi_add() lost its weight argument in 6.1: same on both. */

/*
 * dev->lltx became a bitfield in 6.12 (NETIF_F_LLTX is gone); snull does
 * not use LLTX, so no shim is needed.
 */

/* ethtool's get_drvinfo: strscpy() everywhere, no shim. */

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 8, 0)
/* 6.8 added napi_alloc_skb()'s napi-less cousin; only the name matters. */
#endif

#endif /* _SNULL_COMPAT_H */
