// SPDX-License-Identifier: GPL-2.0
/*
 * snull: Simple Network Utility for Loading and Linking -- a pair of
 * virtual Ethernet interfaces joined by a simulated NIC and a cable,
 * after the snull driver of Linux Device Drivers, 3rd ed., chapter 17.
 *
 *	Theory of Operation
 *
 * I.  Devices
 *
 *   Every snull device has a peer: sn0<->sn1, sn2<->sn3 for the `pairs`
 *   made at insmod, or any pair made with
 *	ip link add NAME type snull peer name PEER
 *   Both kinds are created by snull_pair_register() and deleted by
 *   snull_dellink() (src/rtnl.c), also when a network namespace holding
 *   one end goes away.  The peer pointer is RCU-protected, as in veth:
 *   lockless readers (ndo_get_iflink) use rcu_dereference(), control
 *   paths rtnl_dereference(), and it is only written under rtnl.  Frames
 *   never look at it: they cross on the cards' cable (src/hw/wire.c),
 *   whose far-end pointer the TX engine reads under RCU in the same way,
 *   plugged in once both ends are registered and pulled out first thing
 *   in snull_dellink().
 *
 * II. The simulated NIC (src/hw/, include/snull_regs.h)
 *
 *   A device of its own, as silicon is to a real driver: the driver
 *   creates one card per interface in ndo_init (snull_hw_create()), plugs
 *   the two cards of a pair together with a cable (snull_wire_connect()),
 *   and from then on reaches it only through its registers
 *   (snull_hw_rd32() and friends) and the descriptor rings in its own
 *   memory, as include/snull_regs.h (docs/datasheet.md) describes them.
 *   The card has TX and RX rings it walks with its own head indices, an
 *   interrupt cause register (ICR, read to clear) and mask (IMS/IMC), an
 *   RX filter (RAL/RAH, a 64-bin multicast table, RCTL), counters for what
 *   it drops, and an interrupt line, an hrtimer that fires in hard-IRQ
 *   context (in softirq context on PREEMPT_RT, where interrupt handlers
 *   run in threads and the ISR's netif_rx() may sleep) and calls the one
 *   handler the driver registered.  The card never sees the driver's
 *   structures; the driver never sees inside the card.
 *
 *   Each card has a PHY on its end of the cable (src/hw/phy.c): the link
 *   comes up when both cards are on and their PHYs agree on a mode
 *   (autonegotiation, or matching forced speeds; ethtool -s), and every
 *   change of it raises the link interrupt (LSC), whose handler sets the
 *   carrier.  ndo_open never touches carrier; ndo_stop drops its own.
 *
 * III. Transmit path
 *
 *   1. ndo_start_xmit() (process or softirq context, BH off, the TX queue
 *      lock held) fills the TX descriptor at tx_next with the skb,
 *      accounts it to BQL and rings the doorbell, a write of TDT, unless
 *      xmit_more says another frame follows at once.
 *   2. The card's TX engine runs inside that write: it takes the peer
 *      card's RX lock, runs the peer's RX filter and "DMAs" each frame into
 *      the next posted RX buffer: it copies the bytes, completes a TX
 *      checksum if asked to, applies the book's address trick in book mode
 *      (CTRL.FLIP) and sums the frame for CHECKSUM_COMPLETE (CTRL.RXCSUM).
 *      No posted buffer: the frame is dropped and counted in the peer's
 *      MPC register (rx_missed_errors), as a NIC does.  In zero-copy mode
 *      (CTRL.ZC) the sender's skb itself is handed over instead; if the
 *      sender still holds it when it is passed up (pktgen keeps a
 *      reference), the receiver passes up a clone.
 *   3. The engine writes the TX descriptors back (DONE, or NOCARRIER when
 *      nobody listened), moves TDH, and latches SNULL_IRQ_TX on the sender
 *      and SNULL_IRQ_RX on the receiver.  A latched, enabled cause arms
 *      the interrupt timer after the coalescing delay (ITR_*: irq_delay_us,
 *      ethtool -C).
 *   4. When the TX ring is full, xmit stops the queue; TX reclaim wakes it.
 *
 * IV. Receive path
 *
 *   1. The timer fires in hard-IRQ context (PREEMPT_RT: softirq) and
 *      calls snull_interrupt(), which reads (and so clears) ICR.
 *   2. NAPI mode (use_napi=1): the ISR masks the card's interrupts (IMC)
 *      and schedules NAPI.  snull_poll(), in softirq context, reclaims the
 *      TX descriptors written back (DONE; even with budget 0), passes up
 *      to `budget` received frames (DONE) to napi_gro_receive(), refills
 *      the RX ring (one RDT write per batch): descriptors in memory, not
 *      TDH or RDH reads, as igb watches its DD bits.  Only when it did
 *      less than its budget does it call napi_complete_done(); it
 *      unmasks (IMS) only if that returned true, after handing adaptive
 *      moderation (ethtool -C adaptive-rx/-tx, src/dim.c) its sample:
 *      net_dim() picks a profile and a work item, in process context,
 *      writes it to ITR_*.
 *      A cause latched while masked fires again on unmask, like a
 *      level-triggered line, after the coalescing delay (the throttle a
 *      NIC applies between interrupts).
 *   3. XDP (src/xdp.c, NAPI mode only): with a program attached, the
 *      poll runs it on each frame in its page pool page, before any skb
 *      exists.  XDP_PASS goes on to GRO; XDP_DROP recycles the page;
 *      XDP_TX posts the frame on our own TX ring (under the TX queue
 *      lock, the descriptor's plain buffer), XDP_REDIRECT hands it to
 *      xdp_do_redirect(), flushed once per poll.  ndo_xdp_xmit lets
 *      another device's poll post frames on our TX ring the same way.
 *   4. Interrupt mode (use_napi=0): the ISR reclaims TX and hands every
 *      received frame to netif_rx(), refilling from hard-IRQ context.
 *   5. In both modes a link change (LSC) is handled in the ISR itself:
 *      carrier on or off, from the PHY's status.
 *
 * V.  Watchdog
 *
 *   With lockup=N the TX engine hangs on every Nth frame (and with the
 *   stall_tx fault knob on every frame).  xmit finds the descriptor it
 *   just posted not written back, reads its queue's TSTAT.HUNG and
 *   stops the queue; after `timeout` jiffies the watchdog calls
 *   ndo_tx_timeout() in softirq context under netif_tx_lock().  It only
 *   counts and schedules reset_work;
 *   snull_reset_task() takes rtnl and resets the hardware in process
 *   context: snull_quiesce() (CTRL.EN off), then snull_start() on the
 *   same rings (CTRL.EN on revives the engine), which allocates nothing
 *   and so cannot fail.
 *
 * VI. Locks and contexts
 *
 *   rtnl		all configuration: open/stop, MTU, rings, coalescing
 *			(and the adaptive flags), features, private flags,
 *			reset work, pair lifetime, priv->peer, the cable.
 *			May sleep.  The DIM work items take no lock: each is
 *			its direction's only ITR writer while adaptive, and
 *			is cancelled before rtnl writes static values.
 *   TX queue lock	one TX ring producer at a time per device (xmit, our
 *			poll's XDP_TX, ndo_xdp_xmit): tx_next, the doorbell
 *			(and so the card's TX engine), the xmit_stats counters.
 *   RCU		priv->xdp_prog: rtnl publishes, the poll reads it once
 *			per poll; an old program is freed after a grace period.
 *   NAPI / ISR		the single consumer of the rings: tx_clean, rx_next,
 *			rx_tail and the RX buffers; the single writer of
 *			poll_stats and irq_stats.  xmit reads tx_clean with
 *			READ_ONCE; the card's head registers are read with
 *			acquire, the tail written with release.
 *   the card's locks	inside src/hw/ (hw_priv.h): its RX lock fences the
 *			peer's TX engine off its RX ring and filter.
 *
 *   Lock order: TX queue lock -> peer card's RX lock -> hrtimer base lock.
 *   Quiescing a device (snull_quiesce) stops xmit, then NAPI, then clears
 *   CTRL.EN, which fences off the peer's engine and waits for the
 *   interrupt line: afterwards nothing touches the rings and they can be
 *   freed.
 *
 * VII. Addressing (the book's trick)
 *
 *   With /etc/networks "snullnet0 192.168.0.0" and "snullnet1 192.168.1.0",
 *   sn0 = local0 (192.168.0.1) and sn1 = local1 (192.168.1.2).  A ping to
 *   remote0 (192.168.0.2) leaves sn0; the cable flips the third octet of
 *   both addresses, so sn1 receives 192.168.1.1 -> 192.168.1.2, which is
 *   local to it, and the reply makes the same trip back.  Book mode has
 *   no ARP (IFF_NOARP).  Wire mode (flip off, ARP on) is a plain cable,
 *   for pairs split across network namespaces.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/log2.h>
#include <net/rtnetlink.h>

#include "snull.h"

static unsigned int pairs = 1;
module_param(pairs, uint, 0444);
MODULE_PARM_DESC(pairs, "Pairs of interfaces created at load: sn0<->sn1, ... (1-16, default 1)");

bool snull_use_napi = true;
module_param_named(use_napi, snull_use_napi, bool, 0444);
MODULE_PARM_DESC(use_napi, "Receive with NAPI polling; 0 = netif_rx() from the ISR as in the book (default 1)");

static bool flip = true;
module_param(flip, bool, 0444);
MODULE_PARM_DESC(flip, "Pairs made at load start in the book's mode: address flip, no ARP; 0 = wire mode (default 1)");

unsigned int snull_lockup;
module_param_named(lockup, snull_lockup, uint, 0444);
MODULE_PARM_DESC(lockup, "Hang the TX engine on every Nth frame to exercise the watchdog; 0 = never (default 0)");

unsigned int snull_timeout = 500;
module_param_named(timeout, snull_timeout, uint, 0444);
MODULE_PARM_DESC(timeout, "TX watchdog timeout in jiffies (1-60000, default 500)");

unsigned int snull_irq_delay_us;
module_param_named(irq_delay_us, snull_irq_delay_us, uint, 0444);
MODULE_PARM_DESC(irq_delay_us, "Delay from a hardware event to its interrupt in microseconds; 0 = at once (0-100000, default 0)");

unsigned int snull_tx_ring = SNULL_RING_DEFAULT;
module_param_named(tx_ring, snull_tx_ring, uint, 0444);
MODULE_PARM_DESC(tx_ring, "TX descriptors per device, a power of two (16-4096, default 256)");

unsigned int snull_rx_ring = SNULL_RING_DEFAULT;
module_param_named(rx_ring, snull_rx_ring, uint, 0444);
MODULE_PARM_DESC(rx_ring, "RX descriptors per device, a power of two (16-4096, default 256)");

unsigned int snull_queues = 1;
module_param_named(queues, snull_queues, uint, 0444);
MODULE_PARM_DESC(queues, "Queue pairs each interface starts with; ethtool -L changes them (1-8, default 1)");

unsigned int snull_speed = 10000;
module_param_named(speed, snull_speed, uint, 0444);
MODULE_PARM_DESC(speed, "The PHY's fastest link mode in Mb/s: 10, 100, 1000, 2500, 5000 or 10000 (default 10000)");

int snull_debug = -1;
module_param_named(debug, snull_debug, int, 0444);
MODULE_PARM_DESC(debug, "Initial netif message level bitmap, as ethtool msglvl; -1 = driver default (default -1)");

/* The book's MACs, "\0SNUL0", with the locally administered bit set. */
static void snull_book_mac(struct net_device *dev, unsigned int index)
{
	u8 addr[ETH_ALEN] = { 0x02, 'S', 'N', 'U', 'L', '0' + index };

	eth_hw_addr_set(dev, addr);
}

/* Book mode: the address trick and no ARP.  Before registration only. */
static void snull_init_mode(struct net_device *dev, bool book_mode)
{
	struct snull_priv *priv = netdev_priv(dev);

	if (book_mode) {
		set_bit(SNULL_PFLAG_FLIP, &priv->pflags);
		dev->flags |= IFF_NOARP;
	} else {
		clear_bit(SNULL_PFLAG_FLIP, &priv->pflags);
		dev->flags &= ~IFF_NOARP;
	}
}

/*
 * Register a new pair and connect it.  Shared by module load and by
 * rtnl newlink.  rtnl held.  @peer is registered first (as veth does, so
 * @dev's name is assigned last).  On failure @peer is gone (freed or
 * unregistered); @dev stays the caller's to free.
 */
int snull_pair_register(struct net_device *dev, struct net_device *peer,
			const struct ifinfomsg *peer_ifm, bool book_mode)
{
	struct snull_priv *priv = netdev_priv(dev);
	struct snull_priv *ppriv = netdev_priv(peer);
	int err;

	ASSERT_RTNL();
	snull_init_mode(dev, book_mode);
	snull_init_mode(peer, book_mode);

	err = register_netdevice(peer);
	if (err)
		goto err_register_peer;
	netif_carrier_off(peer);

	err = rtnl_configure_link(peer, peer_ifm, 0, NULL);
	if (err)
		goto err_configure_peer;

	err = register_netdevice(dev);
	if (err)
		goto err_register_dev;
	netif_carrier_off(dev);

	rcu_assign_pointer(priv->peer, peer);
	rcu_assign_pointer(ppriv->peer, dev);
	snull_wire_connect(priv->hw, ppriv->hw);
	snull_debugfs_add(ppriv);
	snull_debugfs_add(priv);
	return 0;

err_register_dev:
err_configure_peer:
	unregister_netdevice(peer);
	return err;

err_register_peer:
	free_netdev(peer);
	return err;
}

static int __init snull_create_pair(unsigned int index)
{
	struct net_device *dev, *peer;
	char name[IFNAMSIZ];
	int err;

	snprintf(name, sizeof(name), "sn%u", 2 * index);
	peer = alloc_netdev_mqs(sizeof(struct snull_priv), name, NET_NAME_ENUM,
				snull_setup, SNULL_MAX_QUEUES, SNULL_MAX_QUEUES);
	if (!peer)
		return -ENOMEM;
	snprintf(name, sizeof(name), "sn%u", 2 * index + 1);
	dev = alloc_netdev_mqs(sizeof(struct snull_priv), name, NET_NAME_ENUM,
			       snull_setup, SNULL_MAX_QUEUES, SNULL_MAX_QUEUES);
	if (!dev) {
		free_netdev(peer);
		return -ENOMEM;
	}
	snull_book_mac(peer, 2 * index);
	snull_book_mac(dev, 2 * index + 1);

	rtnl_lock();
	err = snull_pair_register(dev, peer, NULL, flip);
	rtnl_unlock();
	if (err)
		free_netdev(dev);
	return err;
}

/* A speed some link mode has. */
static bool __init snull_phy_speed_ok(unsigned int speed)
{
	unsigned int m;

	for (m = 0; m < SNULL_LM_COUNT; m++)
		if (snull_lm_speed(m) == speed)
			return true;
	return false;
}

/* One clear line per bad value: the admin sees it in dmesg. */
static bool __init snull_param_ok(const char *name, unsigned int val,
				  unsigned int min, unsigned int max, bool pow2)
{
	if (val >= min && val <= max && (!pow2 || is_power_of_2(val)))
		return true;
	pr_err("%s=%u is out of range: must be %s%u-%u\n", name, val,
	       pow2 ? "a power of two in " : "", min, max);
	return false;
}

static int __init snull_check_params(void)
{
	bool ok = true;

	ok &= snull_param_ok("pairs", pairs, 1, SNULL_MAX_PAIRS, false);
	ok &= snull_param_ok("timeout", snull_timeout, 1, 60000, false);
	ok &= snull_param_ok("irq_delay_us", snull_irq_delay_us, 0,
			     SNULL_COALESCE_MAX_USECS, false);
	ok &= snull_param_ok("tx_ring", snull_tx_ring, SNULL_RING_MIN,
			     SNULL_RING_MAX, true);
	ok &= snull_param_ok("rx_ring", snull_rx_ring, SNULL_RING_MIN,
			     SNULL_RING_MAX, true);
	ok &= snull_param_ok("queues", snull_queues, 1, SNULL_MAX_QUEUES,
			     false);
	if (!snull_phy_speed_ok(snull_speed)) {
		pr_err("speed=%u: must be the speed of a link mode: 10, 100, 1000, 2500, 5000 or 10000\n",
		       snull_speed);
		ok = false;
	}
	return ok ? 0 : -EINVAL;
}

static int __init snull_init(void)
{
	unsigned int i;
	int err;

	err = snull_check_params();
	if (err)
		return err;

	err = snull_debugfs_init();
	if (err)
		return err;
	err = rtnl_link_register(&snull_link_ops);
	if (err)
		goto err_link_register;

	for (i = 0; i < pairs; i++) {
		err = snull_create_pair(i);
		if (err) {
			pr_err("cannot create pair %u: %d\n", i, err);
			goto err_create_pairs;
		}
	}
	return 0;

err_create_pairs:
	rtnl_link_unregister(&snull_link_ops);	/* deletes the pairs made */
err_link_register:
	snull_debugfs_exit();
	return err;
}

static void __exit snull_exit(void)
{
	/* Deletes every snull device, in every namespace, via dellink. */
	rtnl_link_unregister(&snull_link_ops);
	snull_debugfs_exit();
}

module_init(snull_init);
module_exit(snull_exit);

MODULE_AUTHOR("The snull developers");
MODULE_DESCRIPTION("Paired virtual Ethernet devices over a simulated NIC (LDD3 snull, modernised)");
MODULE_LICENSE("GPL");
MODULE_VERSION(SNULL_DRV_VERSION);
MODULE_ALIAS_RTNL_LINK("snull");
