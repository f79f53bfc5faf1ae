// SPDX-License-Identifier: GPL-2.0
/*
 * snull: the receive filter, programmed from ndo_set_rx_mode.
 *
 * The simulated NIC filters like many real ones: frames to its own MAC
 * and broadcast pass; multicast passes if the top SNULL_MC_HASH_BITS bits
 * of the frame's destination CRC-32 select a set bin of a 64-bin hash
 * table; everything passes in promiscuous mode.  A hash has false
 * positives (two groups can share a bin; the stack drops the extra frames)
 * but never false negatives, and costs 8 bytes of "register".  Beyond
 * SNULL_MC_MAX_GROUPS groups the table would be nearly all ones anyway,
 * so the driver switches the hardware to all-multicast instead.
 */
#include "snull.h"
#include "snull_hw.h"

/*
 * Called with netif_addr_lock_bh held (atomic context): must not sleep.
 * Runs on open, on flag changes and whenever the address lists change.
 */
void snull_set_rx_mode(struct net_device *dev)
{
	struct snull_priv *priv = netdev_priv(dev);
	struct netdev_hw_addr *ha;
	u32 rx_ctl = 0;
	u64 hash = 0;

	lockdep_assert_held(&dev->addr_list_lock);
	if (dev->flags & IFF_PROMISC)
		rx_ctl |= SNULL_RXCTL_PROMISC;

	if ((dev->flags & IFF_ALLMULTI) ||
	    netdev_mc_count(dev) > SNULL_MC_MAX_GROUPS) {
		rx_ctl |= SNULL_RXCTL_ALLMULTI;
	} else {
		netdev_for_each_mc_addr(ha, dev)
			hash |= BIT_ULL(snull_mc_bin(ha->addr));
	}

	netif_dbg(priv, hw, dev, "rx mode: ctl %#x hash %016llx (%d groups)\n",
		  rx_ctl, hash, netdev_mc_count(dev));
	snull_hw_set_filter(&priv->hw, dev->dev_addr, rx_ctl, hash);
}
