// SPDX-License-Identifier: GPL-2.0
/*
 * snull: the receive filter, programmed from ndo_set_rx_mode.
 *
 * The simulated NIC filters like many real ones: frames to its own MAC
 * and broadcast pass; multicast passes if the top SNULL_MTA_BITS bits
 * of the frame's destination CRC-32 select a set bin of a 64-bin hash
 * table; everything passes in promiscuous mode.  A hash has false
 * positives (two groups can share a bin; the stack drops the extra frames)
 * but never false negatives, and costs 8 bytes of "register".  Beyond
 * SNULL_MC_MAX_GROUPS groups the table would be nearly all ones anyway,
 * so the driver switches the hardware to all-multicast instead.
 */
#include "snull.h"

/*
 * Called with netif_addr_lock_bh held (atomic context): must not sleep.
 * Runs on open, on flag changes and whenever the address lists change.
 */
void snull_set_rx_mode(struct net_device *dev)
{
	/* EXERCISE 8 BEGIN: the receive filter
	 * Program RAL/RAH with the MAC address, RCTL with UPE for IFF_PROMISC
	 * and MPE for IFF_ALLMULTI or too many groups, else the MTA hash of
	 * every group (snull_mta_bin()).  Datasheet: 6.
	 * Skeleton: struct snull_priv *priv = netdev_priv(dev);
	 * Skeleton:
	 * Skeleton: snull_wr32(priv, SNULL_RCTL, SNULL_RCTL_UPE | SNULL_RCTL_MPE);
	 */
	struct snull_priv *priv = netdev_priv(dev);
	const u8 *a = dev->dev_addr;
	struct netdev_hw_addr *ha;
	u32 rx_ctl = 0;
	u64 hash = 0;

	lockdep_assert_held(&dev->addr_list_lock);
	if (dev->flags & IFF_PROMISC)
		rx_ctl |= SNULL_RCTL_UPE;

	if ((dev->flags & IFF_ALLMULTI) ||
	    netdev_mc_count(dev) > SNULL_MC_MAX_GROUPS) {
		rx_ctl |= SNULL_RCTL_MPE;
	} else {
		netdev_for_each_mc_addr(ha, dev)
			hash |= BIT_ULL(snull_mta_bin(ha->addr));
	}

	netif_dbg(priv, hw, dev, "rx mode: ctl %#x hash %016llx (%d groups)\n",
		  rx_ctl, hash, netdev_mc_count(dev));
	/* Each register on its own, as on real hardware: a frame may meet
	 * the filter halfway through the update, and be judged by either.
	 */
	snull_wr32(priv, SNULL_RAL, a[0] | a[1] << 8 | a[2] << 16 |
				    (u32)a[3] << 24);
	snull_wr32(priv, SNULL_RAH, a[4] | a[5] << 8);
	snull_wr32(priv, SNULL_RCTL, rx_ctl);
	snull_hw_wr64(priv->hw, SNULL_MTA, hash);
	/* EXERCISE 8 END */
}
