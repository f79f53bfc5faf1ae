// SPDX-License-Identifier: GPL-2.0
/*
 * snull: rtnl_link_ops, so "ip link add NAME type snull peer name PEER"
 * creates a pair, veth-style.  The netlink layout is veth's: the peer's
 * ifinfomsg and attributes nest in IFLA_INFO_DATA/SNULL_INFO_PEER.
 */
#include <net/rtnetlink.h>
#include <net/net_namespace.h>

#include "snull.h"

enum {
	SNULL_INFO_UNSPEC,
	SNULL_INFO_PEER,	/* same number as VETH_INFO_PEER */
	__SNULL_INFO_MAX
};

#define SNULL_INFO_MAX	(__SNULL_INFO_MAX - 1)

static const struct nla_policy snull_policy[SNULL_INFO_MAX + 1] = {
	[SNULL_INFO_PEER]	= { .len = sizeof(struct ifinfomsg) },
};

static int snull_validate(struct nlattr *tb[], struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	/* The card has SNULL_MAX_QUEUES queue pairs: no more TX or RX
	 * queues than that (the watchdog and the stack index them).
	 */
	if ((tb[IFLA_NUM_TX_QUEUES] &&
	     nla_get_u32(tb[IFLA_NUM_TX_QUEUES]) > SNULL_MAX_QUEUES) ||
	    (tb[IFLA_NUM_RX_QUEUES] &&
	     nla_get_u32(tb[IFLA_NUM_RX_QUEUES]) > SNULL_MAX_QUEUES)) {
		NL_SET_ERR_MSG_MOD(extack, "at most 8 TX and RX queues (the card's queue pairs)");
		return -EINVAL;
	}
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "MAC address must be 6 bytes");
			return -EINVAL;
		}
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "MAC address must be unicast and non-zero");
			return -EADDRNOTAVAIL;
		}
	}
	return 0;
}

/*
 * Create a pair: @dev, which the core allocated from the attributes of the
 * request, and its peer, from the attributes nested in SNULL_INFO_PEER.
 * The core has already resolved the namespace the peer goes to (netns ...
 * inside "peer"), thanks to .peer_type, and holds it for this call.
 */
static int snull_newlink(struct net_device *dev,
			 struct rtnl_newlink_params *params,
			 struct netlink_ext_ack *extack)
{
	/* EXERCISE 7 BEGIN: ip link add NAME type snull peer name PEER
	 * Parse and validate the peer's attributes (SNULL_INFO_PEER), create
	 * the peer with rtnl_create_link() in its namespace, pick the names
	 * and addresses, then snull_pair_register() both ends as a plain wire.
	 * Skeleton: return -EOPNOTSUPP;
	 */
	struct net *peer_net = rtnl_newlink_peer_net(params);
	struct nlattr *peer_tb[IFLA_MAX + 1], **tbp;
	unsigned char name_assign_type = NET_NAME_ENUM;
	struct nlattr **data = params->data;
	struct nlattr **tb = params->tb;
	struct ifinfomsg *ifmp = NULL;
	struct net_device *peer;
	char ifname[IFNAMSIZ];
	int err;

	tbp = tb;
	if (data && data[SNULL_INFO_PEER]) {
		struct nlattr *nla_peer = data[SNULL_INFO_PEER];

		ifmp = nla_data(nla_peer);
		err = rtnl_nla_parse_ifinfomsg(peer_tb, nla_peer, extack);
		if (err < 0)
			return err;
		err = snull_validate(peer_tb, NULL, extack);
		if (err < 0)
			return err;
		tbp = peer_tb;
	}

	if (ifmp && tbp[IFLA_IFNAME]) {
		nla_strscpy(ifname, tbp[IFLA_IFNAME], IFNAMSIZ);
		name_assign_type = NET_NAME_USER;
	} else {
		strscpy(ifname, "sn%d", IFNAMSIZ);
	}

	peer = rtnl_create_link(peer_net, ifname, name_assign_type,
				&snull_link_ops, tbp, extack);
	if (IS_ERR(peer))
		return PTR_ERR(peer);
	if (!ifmp || !tbp[IFLA_ADDRESS])
		eth_hw_addr_random(peer);
	if (ifmp && dev->ifindex)
		peer->ifindex = ifmp->ifi_index;

	if (!tb[IFLA_ADDRESS])
		eth_hw_addr_random(dev);
	/* Re-read the name: "sn%d" must be enumerated after the peer's. */
	if (tb[IFLA_IFNAME])
		nla_strscpy(dev->name, tb[IFLA_IFNAME], IFNAMSIZ);
	else
		strscpy(dev->name, "sn%d", IFNAMSIZ);

	/* Pairs made here start as a plain cable, to work across netns. */
	return snull_pair_register(dev, peer, ifmp, false);
	/* EXERCISE 7 END */
}

/*
 * Delete both ends.  Also called from default_device_exit_batch() when a
 * namespace holding either end is destroyed, and for every snull device
 * by rtnl_link_unregister() at module unload.  The devices are freed only
 * after an RCU grace period, so a data path that still holds the old peer
 * pointer, or a TX engine the old far end of the cable, stays safe; it
 * finds the peer's engines stopped by ndo_stop.
 */
static void snull_dellink(struct net_device *dev, struct list_head *head)
{
	struct snull_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	/* Unplugged first: the peer's TX engine may still hold our card
	 * until the grace period unregistering waits for.
	 */
	snull_wire_cut(priv->hw);
	RCU_INIT_POINTER(priv->peer, NULL);
	unregister_netdevice_queue(dev, head);
	if (peer) {
		struct snull_priv *ppriv = netdev_priv(peer);

		RCU_INIT_POINTER(ppriv->peer, NULL);
		unregister_netdevice_queue(peer, head);
	}
}

static struct net *snull_get_link_net(const struct net_device *dev)
{
	struct snull_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	return peer ? dev_net(peer) : dev_net(dev);
}

#ifndef HAVE_RTNL_NEWLINK_PEER_NET
/*
 * The older newlink() signature, and no .peer_type: resolve the peer's
 * namespace here, as the core now does (the peer's own attributes, else
 * the request's), call the body above, and drop the reference after.
 * The ops table below then takes the adapter (the #define).
 */
static int snull_kc_newlink(struct net *src_net, struct net_device *dev,
			    struct nlattr *tb[], struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
	struct rtnl_newlink_params params = {
		.src_net	= src_net,
		.tb		= tb,
		.data		= data,
	};
	struct nlattr *peer_tb[IFLA_MAX + 1], **tbp = tb;
	struct net *net;
	int err;

	if (data && data[SNULL_INFO_PEER]) {
		err = rtnl_nla_parse_ifinfomsg(peer_tb, data[SNULL_INFO_PEER],
					       extack);
		if (err < 0)
			return err;
		tbp = peer_tb;
	}
	net = rtnl_link_get_net(src_net, tbp);
	if (IS_ERR(net))
		return PTR_ERR(net);
	params.peer_net = net;
	err = snull_newlink(dev, &params, extack);
	put_net(net);
	return err;
}

#define snull_newlink snull_kc_newlink
#endif

/* Every queue pair the card has: ethtool -L may use them later. */
static unsigned int snull_link_num_queues(void)
{
	return SNULL_MAX_QUEUES;
}

/* Not const: rtnl_link_register() links it into a list. */
struct rtnl_link_ops snull_link_ops = {
	.kind		= SNULL_DRV_NAME,
#ifdef HAVE_RTNL_NEWLINK_PEER_NET
	.peer_type	= SNULL_INFO_PEER,
#endif
	.priv_size	= sizeof(struct snull_priv),
	.setup		= snull_setup,
	.get_num_tx_queues = snull_link_num_queues,
	.get_num_rx_queues = snull_link_num_queues,
	.validate	= snull_validate,
	.newlink	= snull_newlink,
	.dellink	= snull_dellink,
	.policy		= snull_policy,
	.maxtype	= SNULL_INFO_MAX,
	.get_link_net	= snull_get_link_net,
};
