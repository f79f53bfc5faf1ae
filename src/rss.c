// SPDX-License-Identifier: GPL-2.0
/*
 * snull: receive side scaling, as the driver configures it.
 *
 * The card hashes every frame it receives (datasheet §11): the Toeplitz
 * hash, under a 40-byte key, of the IP addresses and, for the flow types
 * the driver asks for, the ports.  The hash picks the RX queue through a
 * 128-entry redirection table, and the RX descriptor reports it; the
 * poll hands it to the stack (skb_set_hash() in snull_rx_one()), so RPS,
 * RFS and the socket layer need not hash the flow again in software.
 *
 * The driver keeps the configuration (key, table, hashed fields) in
 * priv and writes it to the card whenever it changes and whenever the
 * card starts: ethtool -x / -X (key and table), ethtool -n / -N
 * rx-flow-hash (fields), ethtool -K rxhash (the hash reported at all).
 * Every writer holds rtnl.
 */
#include <linux/ethtool.h>

#include "snull.h"

/* The flow types, and what the card can hash for each. */
#define SNULL_RXH_IP		(RXH_IP_SRC | RXH_IP_DST)
#define SNULL_RXH_L4		(RXH_L4_B_0_1 | RXH_L4_B_2_3)

/* MRQC as the configuration asks for it: hash to spread the flows over
 * several queues, or for the hash itself when rxhash is on (with rxhash
 * off the poll does not pass it up).
 */
static u32 snull_rss_mrqc(const struct snull_priv *priv,
			  netdev_features_t features)
{
	if (!(features & NETIF_F_RXHASH) && priv->num_queues == 1)
		return 0;
	return SNULL_MRQC_EN | priv->rss_fields;
}

/*
 * Write the configuration to the card: key, table, then MRQC (which
 * turns hashing on with the rest in place), for @features (ndo_set_features
 * runs before dev->features changes).  rtnl held; the card may be
 * running: a frame in flight meets the old or the new values.
 */
void snull_rss_program(struct snull_priv *priv, netdev_features_t features)
{
	u32 i, val;

	ASSERT_RTNL();
	/* Both registers hold four bytes each, the first in bits 7:0. */
	for (i = 0; i < SNULL_RSS_KEY_LEN; i += 4) {
		val = priv->rss_key[i] | priv->rss_key[i + 1] << 8 |
		      priv->rss_key[i + 2] << 16 |
		      (u32)priv->rss_key[i + 3] << 24;
		snull_wr32(priv, SNULL_RSSRK(i / 4), val);
	}
	for (i = 0; i < SNULL_RETA_SIZE; i += 4) {
		val = priv->rss_indir[i] | priv->rss_indir[i + 1] << 8 |
		      priv->rss_indir[i + 2] << 16 |
		      (u32)priv->rss_indir[i + 3] << 24;
		snull_wr32(priv, SNULL_RETA(i / 4), val);
	}
	snull_wr32(priv, SNULL_MRQC, snull_rss_mrqc(priv, features));
}

/* Defaults, before the card is first started: a random key, as
 * netdev_rss_key_fill() gives every driver of this boot; the table
 * spread evenly; TCP over both IP versions by ports, the rest by
 * addresses (what igb and ixgbe do, since UDP may be fragmented).
 */
void snull_rss_init(struct snull_priv *priv)
{
	u32 i, nq = priv->num_queues;

	netdev_rss_key_fill(priv->rss_key, sizeof(priv->rss_key));
	for (i = 0; i < SNULL_RETA_SIZE; i++)
		priv->rss_indir[i] = ethtool_rxfh_indir_default(i, nq);
	priv->rss_fields = SNULL_MRQC_IPV4 | SNULL_MRQC_IPV4_TCP |
			   SNULL_MRQC_IPV6 | SNULL_MRQC_IPV6_TCP;
}

/*
 * The queue count changed (ethtool -L): spread the table evenly over the
 * new count, unless the user set one (ethtool -X), which set_channels
 * has checked still fits.  rtnl held.
 */
void snull_rss_spread(struct snull_priv *priv)
{
	u32 i;

	if (!netif_is_rxfh_configured(priv->dev))
		for (i = 0; i < SNULL_RETA_SIZE; i++)
			priv->rss_indir[i] =
				ethtool_rxfh_indir_default(i, priv->num_queues);
	snull_rss_program(priv, priv->dev->features);
}

u32 snull_get_rx_ring_count(struct net_device *dev)
{
	return dev->real_num_rx_queues;
}

u32 snull_get_rxfh_key_size(struct net_device *dev)
{
	return SNULL_RSS_KEY_LEN;
}

u32 snull_get_rxfh_indir_size(struct net_device *dev)
{
	return SNULL_RETA_SIZE;
}

int snull_get_rxfh(struct net_device *dev, struct ethtool_rxfh_param *rxfh)
{
	struct snull_priv *priv = netdev_priv(dev);
	u32 i;

	rxfh->hfunc = ETH_RSS_HASH_TOP;
	if (rxfh->indir)
		for (i = 0; i < SNULL_RETA_SIZE; i++)
			rxfh->indir[i] = priv->rss_indir[i];
	if (rxfh->key)
		memcpy(rxfh->key, priv->rss_key, SNULL_RSS_KEY_LEN);
	return 0;
}

/*
 * ethtool -X: a new key, table, or both.  The core has checked the
 * table's entries against the RX ring count and the key's length; the
 * card has Toeplitz only, and no symmetric input transform.
 */
int snull_set_rxfh(struct net_device *dev, struct ethtool_rxfh_param *rxfh,
		   struct netlink_ext_ack *extack)
{
	struct snull_priv *priv = netdev_priv(dev);
	u32 i;

	if (rxfh->hfunc != ETH_RSS_HASH_NO_CHANGE &&
	    rxfh->hfunc != ETH_RSS_HASH_TOP) {
		NL_SET_ERR_MSG_MOD(extack, "the card hashes with Toeplitz only");
		return -EOPNOTSUPP;
	}
	if (rxfh->input_xfrm && rxfh->input_xfrm != RXH_XFRM_NO_CHANGE) {
		NL_SET_ERR_MSG_MOD(extack, "no input transform on this card");
		return -EOPNOTSUPP;
	}
	if (rxfh->indir)
		for (i = 0; i < SNULL_RETA_SIZE; i++)
			priv->rss_indir[i] = rxfh->indir[i];
	if (rxfh->key)
		memcpy(priv->rss_key, rxfh->key, SNULL_RSS_KEY_LEN);
	snull_rss_program(priv, dev->features);
	return 0;
}

/* The MRQC bit that adds the ports to @flow_type's hash, and the one that
 * hashes its addresses; 0 when the card cannot hash the ports.
 */
static u32 snull_rss_flow_bits(u32 flow_type, u32 *l3)
{
	switch (flow_type) {
	case TCP_V4_FLOW:
		*l3 = SNULL_MRQC_IPV4;
		return SNULL_MRQC_IPV4_TCP;
	case UDP_V4_FLOW:
		*l3 = SNULL_MRQC_IPV4;
		return SNULL_MRQC_IPV4_UDP;
	case TCP_V6_FLOW:
		*l3 = SNULL_MRQC_IPV6;
		return SNULL_MRQC_IPV6_TCP;
	case UDP_V6_FLOW:
		*l3 = SNULL_MRQC_IPV6;
		return SNULL_MRQC_IPV6_UDP;
	case SCTP_V4_FLOW:
	case AH_ESP_V4_FLOW:
	case IPV4_FLOW:
		*l3 = SNULL_MRQC_IPV4;
		return 0;
	case SCTP_V6_FLOW:
	case AH_ESP_V6_FLOW:
	case IPV6_FLOW:
		*l3 = SNULL_MRQC_IPV6;
		return 0;
	}
	*l3 = 0;
	return 0;
}

/* ethtool -n DEV rx-flow-hash TYPE: the fields the hash covers. */
int snull_get_rxfh_fields(struct net_device *dev,
			  struct ethtool_rxfh_fields *fields)
{
	struct snull_priv *priv = netdev_priv(dev);
	u32 l3, l4 = snull_rss_flow_bits(fields->flow_type, &l3);

	fields->data = 0;
	if (!l3)
		return 0;	/* not IP: not hashed */
	fields->data = SNULL_RXH_IP;
	if (priv->rss_fields & l4)
		fields->data |= SNULL_RXH_L4;
	return 0;
}

/*
 * ethtool -N DEV rx-flow-hash TYPE FIELDS: TCP and UDP hash the
 * addresses ("sd") or the addresses and ports ("sdfn"); the other IP
 * types, the addresses only.
 */
int snull_set_rxfh_fields(struct net_device *dev,
			  const struct ethtool_rxfh_fields *fields,
			  struct netlink_ext_ack *extack)
{
	struct snull_priv *priv = netdev_priv(dev);
	u32 l3, l4 = snull_rss_flow_bits(fields->flow_type, &l3);

	if (!l3) {
		NL_SET_ERR_MSG_MOD(extack, "the card hashes IP flows only");
		return -EOPNOTSUPP;
	}
	if (fields->data == SNULL_RXH_IP) {
		priv->rss_fields &= ~l4;
	} else if (fields->data == (SNULL_RXH_IP | SNULL_RXH_L4) && l4) {
		priv->rss_fields |= l4;
	} else {
		/* literals: the extack keeps the pointer */
		if (l4)
			NL_SET_ERR_MSG_MOD(extack, "hash the addresses (sd), or with ports (sdfn)");
		else
			NL_SET_ERR_MSG_MOD(extack, "this flow type hashes the addresses (sd) only");
		return -EINVAL;
	}
	snull_rss_program(priv, dev->features);
	return 0;
}
