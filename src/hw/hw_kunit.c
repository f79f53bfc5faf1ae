// SPDX-License-Identifier: GPL-2.0
/*
 * snull: KUnit tests of the simulated NIC, through its registers only,
 * as a driver would use it.  Built as snull_hw_kunit.ko, with its own
 * copy of the device (kunit_hw.c), where the kernel has KUnit; the lab's
 * tests/core/kunit.sh loads it.  With break_ring=1 the copy computes
 * ring slots wrongly, and the ring test must fail.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/wait.h>

#include "hw_priv.h"

#define KT_RING		8

struct kt_card;

/* Queue q >= 1 of a multi-queue card: its rings and its vector. */
struct kt_queue {
	struct kt_card *c;
	u32 q;
	struct snull_tx_desc tx[KT_RING];
	struct snull_rx_desc rx[KT_RING];
	u32 tx_tail, rx_tail;
	int irq;
	atomic_t irqs;
	u32 icr;
};

struct kt_card {
	struct snull_hw *hw;
	struct snull_tx_desc tx[KT_RING];
	struct snull_rx_desc rx[KT_RING];
	u32 tx_tail, tx_clean, rx_tail, rx_next;
	u8 mac[ETH_ALEN];
	int irq;
	atomic_t irqs;
	u32 icr;			/* ICR as the handler read it */
	wait_queue_head_t wq;
	u32 nq;
	struct kt_queue mq[SNULL_MAX_QUEUES];	/* [0] unused: fields above */
};

static irqreturn_t kt_isr(int irq, void *data)
{
	struct kt_card *c = data;

	WRITE_ONCE(c->icr, READ_ONCE(c->icr) | snull_hw_rd32(c->hw, SNULL_ICR));
	atomic_inc(&c->irqs);
	wake_up(&c->wq);
	return IRQ_HANDLED;
}

static irqreturn_t kt_isr_q(int irq, void *data)
{
	struct kt_queue *kq = data;

	WRITE_ONCE(kq->icr, READ_ONCE(kq->icr) |
		   snull_hw_rd32(kq->c->hw, SNULL_QREG(SNULL_ICR, kq->q)));
	atomic_inc(&kq->irqs);
	wake_up(&kq->c->wq);
	return IRQ_HANDLED;
}

/* Queue @q's rings, RX buffers and vector handler. */
static void kt_queue(struct kunit *test, struct kt_card *c, u32 q)
{
	struct kt_queue *kq = &c->mq[q];
	int i;

	kq->c = c;
	kq->q = q;
	for (i = 0; i < KT_RING; i++) {
		kq->rx[i].page = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, kq->rx[i].page);
	}
	snull_hw_wr64(c->hw, SNULL_QREG(SNULL_TDBA, q), (uintptr_t)kq->tx);
	snull_hw_wr32(c->hw, SNULL_QREG(SNULL_TDLEN, q), KT_RING);
	snull_hw_wr64(c->hw, SNULL_QREG(SNULL_RDBA, q), (uintptr_t)kq->rx);
	snull_hw_wr32(c->hw, SNULL_QREG(SNULL_RDLEN, q), KT_RING);
	snull_hw_wr32(c->hw, SNULL_QREG(SNULL_RXBUF, q), ETH_FRAME_LEN);
	kq->irq = snull_hw_irq(c->hw, q);
	if (kq->irq)
		KUNIT_ASSERT_EQ(test, request_irq(kq->irq, kt_isr_q, 0,
						  "snull-kunit", kq), 0);
	else
		snull_hw_set_isr(c->hw, q, kt_isr_q, kq);
}

/* A card of @nq queue pairs with rings, RX buffers and interrupt
 * handlers; off.
 */
static struct kt_card *kt_card_mq(struct kunit *test, u8 id, u32 nq)
{
	struct snull_hw_config cfg = {
		.name		= "kunit",
		.phy_modes	= BIT(SNULL_LM_COUNT) - 1,
		.queues		= nq,
	};
	struct kt_card *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->hw = snull_hw_create(&cfg);
	KUNIT_ASSERT_NOT_NULL(test, c->hw);
	init_waitqueue_head(&c->wq);
	eth_random_addr(c->mac);
	c->mac[5] = id;
	for (i = 0; i < KT_RING; i++) {
		c->rx[i].page = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, c->rx[i].page);
	}
	snull_hw_wr64(c->hw, SNULL_TDBA, (uintptr_t)c->tx);
	snull_hw_wr32(c->hw, SNULL_TDLEN, KT_RING);
	snull_hw_wr64(c->hw, SNULL_RDBA, (uintptr_t)c->rx);
	snull_hw_wr32(c->hw, SNULL_RDLEN, KT_RING);
	snull_hw_wr32(c->hw, SNULL_RXBUF, ETH_FRAME_LEN);
	snull_hw_wr32(c->hw, SNULL_RAL, c->mac[0] | c->mac[1] << 8 |
		      c->mac[2] << 16 | (u32)c->mac[3] << 24);
	snull_hw_wr32(c->hw, SNULL_RAH, c->mac[4] | c->mac[5] << 8);
	c->irq = snull_hw_irq(c->hw, 0);
	if (c->irq)
		KUNIT_ASSERT_EQ(test, request_irq(c->irq, kt_isr, 0, "snull-kunit", c), 0);
	else
		snull_hw_set_isr(c->hw, 0, kt_isr, c);
	c->nq = nq ?: 1;
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(c->hw, SNULL_NQ), c->nq);
	for (i = 1; i < c->nq; i++)
		kt_queue(test, c, i);
	return c;
}

static struct kt_card *kt_card(struct kunit *test, u8 id)
{
	return kt_card_mq(test, id, 1);
}

static void kt_free(struct kt_card *c)
{
	int i, q;

	snull_hw_wr32(c->hw, SNULL_CTRL, 0);
	if (c->irq)
		free_irq(c->irq, c);
	for (q = 1; q < c->nq; q++) {
		struct kt_queue *kq = &c->mq[q];

		if (kq->irq)
			free_irq(kq->irq, kq);
		for (i = 0; i < KT_RING; i++) {
			if (kq->rx[i].page)
				__free_page(kq->rx[i].page);
			kfree_skb(kq->rx[i].frame);
			kfree_skb(kq->tx[i].skb);
		}
	}
	snull_wire_cut(c->hw);
	synchronize_rcu();
	snull_hw_destroy(c->hw);
	for (i = 0; i < KT_RING; i++) {
		if (c->rx[i].page)
			__free_page(c->rx[i].page);
		kfree_skb(c->rx[i].frame);
		kfree_skb(c->tx[i].skb);
	}
}

static void kt_post(struct kt_card *c, u32 n)
{
	c->rx_tail += n;
	snull_hw_wr32(c->hw, SNULL_RDT, c->rx_tail);
}

/* A zeroed frame of @len bytes to @dest, of @type. */
static struct sk_buff *kt_frame(struct kunit *test, struct kt_card *c,
				const u8 *dest, u16 type, u32 len)
{
	struct sk_buff *skb = alloc_skb(len, GFP_KERNEL);
	u8 *p;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	p = skb_put_zero(skb, len);
	ether_addr_copy(p, dest);
	ether_addr_copy(p + ETH_ALEN, c->mac);
	put_unaligned_be16(type, p + 12);
	return skb;
}

/* Post @skb on TX queue @q and ring its doorbell. */
static void kt_xmit(struct kt_card *c, u32 q, struct sk_buff *skb)
{
	struct snull_tx_desc *ring = q ? c->mq[q].tx : c->tx;
	u32 *tail = q ? &c->mq[q].tx_tail : &c->tx_tail;
	struct snull_tx_desc *d = &ring[*tail % KT_RING];

	kfree_skb(d->skb);	/* reclaimed: the driver's job */
	d->skb = skb;
	d->len = skb->len;
	d->status = 0;
	(*tail)++;
	local_bh_disable();	/* the doorbell is written from xmit */
	snull_hw_wr32(c->hw, SNULL_QREG(SNULL_TDT, q), *tail);
	local_bh_enable();
}

/* Send a 60-byte frame to @dest whose payload starts with @tag. */
static void kt_send(struct kunit *test, struct kt_card *c, const u8 *dest,
		    u8 tag)
{
	struct sk_buff *skb = kt_frame(test, c, dest, 0x88b5, 60);

	skb->data[14] = tag;	/* 0x88b5: local experimental ethertype */
	kt_xmit(c, 0, skb);
}

static void kt_on(struct kt_card *c)
{
	snull_hw_wr32(c->hw, SNULL_CTRL, SNULL_CTRL_EN);
}

/* Frames cross, the heads move, the slots wrap around the ring. */
static void snull_hw_test_rings(struct kunit *test)
{
	struct kt_card *a = kt_card(test, 1), *b = kt_card(test, 2);
	u32 i, round;

	snull_wire_connect(a->hw, b->hw);
	kt_on(a);
	kt_on(b);
	kt_post(b, KT_RING);
	for (round = 0; round < 4; round++) {
		for (i = 0; i < 5; i++)
			kt_send(test, a, b->mac, round * 5 + i);
		KUNIT_EXPECT_EQ(test, snull_hw_rd32(a->hw, SNULL_TDH), a->tx_tail);
		KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_RDH), b->rx_next + 5);
		for (i = 0; i < 5; i++) {
			struct snull_rx_desc *d = &b->rx[b->rx_next % KT_RING];
			struct snull_tx_desc *t = &a->tx[a->tx_clean % KT_RING];
			u8 *frame = page_address(d->page) + SNULL_RX_HEADROOM;
			u32 tag = frame[14];

			KUNIT_EXPECT_EQ(test, t->status, SNULL_DESC_DONE);
			KUNIT_EXPECT_EQ(test, d->status & SNULL_DESC_DONE, SNULL_DESC_DONE);
			KUNIT_EXPECT_EQ(test, d->len, 60);
			KUNIT_EXPECT_EQ(test, tag, round * 5 + i);
			d->status = 0;
			b->rx_next++;
			a->tx_clean++;
		}
		kt_post(b, 5);
	}
	/* Ring full: what finds no buffer is missed, and counted. */
	for (i = 0; i < KT_RING + 2; i++)
		kt_send(test, a, b->mac, i);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_RDH), b->rx_tail);
	KUNIT_EXPECT_EQ(test, snull_hw_rd64(b->hw, SNULL_MPC), 2);
	kt_free(a);
	kt_free(b);
}

/* Own address and broadcast pass, the hash decides multicast, UPE all. */
static void snull_hw_test_filter(struct kunit *test)
{
	struct kt_card *a = kt_card(test, 1), *b = kt_card(test, 2);
	u8 in[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	u8 out[ETH_ALEN], other[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 9 };
	u8 bcast[ETH_ALEN];
	u32 rdh;

	eth_broadcast_addr(bcast);
	ether_addr_copy(out, in);
	while (snull_mta_bin(out) == snull_mta_bin(in))
		out[5]++;
	snull_wire_connect(a->hw, b->hw);
	kt_on(a);
	kt_on(b);
	kt_post(b, KT_RING);
	snull_hw_wr64(b->hw, SNULL_MTA, BIT_ULL(snull_mta_bin(in)));

	kt_send(test, a, b->mac, 0);
	kt_send(test, a, bcast, 0);
	kt_send(test, a, in, 0);
	rdh = snull_hw_rd32(b->hw, SNULL_RDH);
	KUNIT_EXPECT_EQ(test, rdh, 3);
	kt_send(test, a, out, 0);
	kt_send(test, a, other, 0);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_RDH), rdh);
	KUNIT_EXPECT_EQ(test, snull_hw_rd64(b->hw, SNULL_MCF), 1);
	KUNIT_EXPECT_EQ(test, snull_hw_rd64(b->hw, SNULL_UCF), 1);

	snull_hw_wr32(b->hw, SNULL_RCTL, SNULL_RCTL_MPE);
	kt_send(test, a, out, 0);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_RDH), rdh + 1);
	snull_hw_wr32(b->hw, SNULL_RCTL, SNULL_RCTL_UPE);
	kt_send(test, a, other, 0);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_RDH), rdh + 2);
	KUNIT_EXPECT_EQ(test, snull_hw_rd64(b->hw, SNULL_PRC), 1);
	kt_free(a);
	kt_free(b);
}

/* ICR: enabled causes only, cleared by the read; masked ones wait. */
static void snull_hw_test_icr(struct kunit *test)
{
	struct kt_card *c = kt_card(test, 1);

	kt_on(c);
	snull_hw_wr32(c->hw, SNULL_IMC, SNULL_IRQ_ALL);
	snull_hw_wr32(c->hw, SNULL_ICS, SNULL_IRQ_TX);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(c->hw, SNULL_ICR), 0);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(c->hw, SNULL_ICS), SNULL_IRQ_TX);
	/* unmasked: the line asserts, the handler reads and clears it */
	snull_hw_wr32(c->hw, SNULL_IMS, SNULL_IRQ_TX);
	KUNIT_EXPECT_GT(test, wait_event_timeout(c->wq, atomic_read(&c->irqs),
						 HZ), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(c->icr), SNULL_IRQ_TX);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(c->hw, SNULL_ICS), 0);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(c->hw, SNULL_ICR), 0);
	kt_free(c);
}

/* ITR_RXF frames end a long RX delay at once; fewer wait for it. */
static void snull_hw_test_coalesce(struct kunit *test)
{
	struct kt_card *a = kt_card(test, 1), *b = kt_card(test, 2);

	snull_wire_connect(a->hw, b->hw);
	kt_on(a);
	kt_on(b);
	kt_post(b, KT_RING);
	snull_hw_wr32(b->hw, SNULL_ITR_RX, 10 * USEC_PER_SEC);
	snull_hw_wr32(b->hw, SNULL_ITR_RXF, 3);
	/* the link's own interrupt first, out of the way */
	snull_hw_wr32(b->hw, SNULL_IMS, SNULL_IRQ_LSC);
	wait_event_timeout(b->wq, atomic_read(&b->irqs), HZ);
	atomic_set(&b->irqs, 0);
	snull_hw_wr32(b->hw, SNULL_IMS, SNULL_IRQ_RX);

	kt_send(test, a, b->mac, 0);
	kt_send(test, a, b->mac, 1);
	KUNIT_EXPECT_EQ(test, wait_event_timeout(b->wq, atomic_read(&b->irqs),
						 HZ / 10), 0);
	kt_send(test, a, b->mac, 2);
	KUNIT_EXPECT_GT(test, wait_event_timeout(b->wq, atomic_read(&b->irqs),
						 HZ), 0);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(b->icr) & SNULL_IRQ_RX);
	kt_free(a);
	kt_free(b);
}

/*
 * A pending long delay does not hold back a cause with a shorter one:
 * an RX frame while TX waits out a 10 s ITR_TX interrupts within ms.
 */
static void snull_hw_test_itr_shorter(struct kunit *test)
{
	struct kt_card *a = kt_card(test, 1), *b = kt_card(test, 2);

	snull_wire_connect(a->hw, b->hw);
	kt_on(a);
	kt_on(b);
	kt_post(b, KT_RING);
	snull_hw_wr32(b->hw, SNULL_IMS, SNULL_IRQ_LSC);
	wait_event_timeout(b->wq, atomic_read(&b->irqs), HZ);
	atomic_set(&b->irqs, 0);
	WRITE_ONCE(b->icr, 0);
	snull_hw_wr32(b->hw, SNULL_ITR_TX, 10 * USEC_PER_SEC);
	snull_hw_wr32(b->hw, SNULL_ITR_RX, 1000);
	snull_hw_wr32(b->hw, SNULL_IMS, SNULL_IRQ_RX | SNULL_IRQ_TX);

	snull_hw_wr32(b->hw, SNULL_ICS, SNULL_IRQ_TX);
	kt_send(test, a, b->mac, 0);
	KUNIT_EXPECT_GT(test, wait_event_timeout(b->wq, atomic_read(&b->irqs),
						 HZ), 0);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(b->icr) & SNULL_IRQ_RX);
	kt_free(a);
	kt_free(b);
}

static u32 kt_phy(struct kt_card *c, u32 field)
{
	u32 stat = snull_hw_rd32(c->hw, SNULL_PHY_STAT);

	return field == SNULL_PHY_STAT_WHY ? FIELD_GET(field, stat) :
	       field == SNULL_PHY_STAT_MODE ? FIELD_GET(field, stat) :
	       stat & field;
}

/* The cable: no cable, link at the best mode, cut; frames into nothing. */
static void snull_hw_test_wire(struct kunit *test)
{
	struct kt_card *a = kt_card(test, 1), *b = kt_card(test, 2);

	kt_on(a);
	kt_on(b);
	KUNIT_EXPECT_EQ(test, kt_phy(a, SNULL_PHY_STAT_WHY), SNULL_PHY_WHY_NO_CABLE);
	kt_send(test, a, b->mac, 0);
	KUNIT_EXPECT_EQ(test, a->tx[0].status, SNULL_DESC_DONE | SNULL_DESC_NOCARRIER);

	snull_wire_connect(a->hw, b->hw);
	KUNIT_EXPECT_TRUE(test, snull_hw_rd32(a->hw, SNULL_STATUS) & SNULL_STATUS_LU);
	KUNIT_EXPECT_TRUE(test, snull_hw_rd32(b->hw, SNULL_STATUS) & SNULL_STATUS_LU);
	KUNIT_EXPECT_EQ(test, kt_phy(a, SNULL_PHY_STAT_MODE), SNULL_LM_10000_FULL);
	KUNIT_EXPECT_TRUE(test, snull_hw_rd32(a->hw, SNULL_ICS) & SNULL_IRQ_LSC);

	/* forced ends link only at the same speed */
	snull_hw_wr32(a->hw, SNULL_PHY_CTRL,
		      FIELD_PREP(SNULL_PHY_CTRL_MODE, SNULL_LM_100_FULL));
	KUNIT_EXPECT_EQ(test, kt_phy(b, SNULL_PHY_STAT_MODE), SNULL_LM_100_FULL);
	snull_hw_wr32(b->hw, SNULL_PHY_CTRL,
		      FIELD_PREP(SNULL_PHY_CTRL_MODE, SNULL_LM_1000_FULL));
	KUNIT_EXPECT_EQ(test, kt_phy(a, SNULL_PHY_STAT_WHY), SNULL_PHY_WHY_FORCED);
	KUNIT_EXPECT_EQ(test, kt_phy(b, SNULL_PHY_STAT_WHY), SNULL_PHY_WHY_FORCED);
	/* both negotiating, one advertising a subset */
	snull_hw_wr32(a->hw, SNULL_PHY_CTRL, SNULL_PHY_CTRL_ANEN);
	snull_hw_wr32(b->hw, SNULL_PHY_ADV, BIT(SNULL_LM_100_FULL) |
			    BIT(SNULL_LM_1000_FULL));
	snull_hw_wr32(b->hw, SNULL_PHY_CTRL, SNULL_PHY_CTRL_ANEN);
	KUNIT_EXPECT_EQ(test, kt_phy(a, SNULL_PHY_STAT_MODE), SNULL_LM_1000_FULL);

	snull_wire_cut(b->hw);
	KUNIT_EXPECT_EQ(test, kt_phy(a, SNULL_PHY_STAT_LINK), 0);
	KUNIT_EXPECT_EQ(test, kt_phy(b, SNULL_PHY_STAT_WHY), SNULL_PHY_WHY_NO_CABLE);
	kt_free(a);
	kt_free(b);
}

/* Microsoft's RSS verification suite: source, destination, ports, and
 * the hash of the addresses, then of addresses and ports, under its key
 * (the card's until the driver writes RSSRK).
 */
static const struct kt_rss_vec {
	bool v6;
	u8 src[16], dst[16];
	u16 sport, dport;
	u32 l3, l4;
} kt_rss_vecs[] = {
	{ 0, { 66, 9, 149, 187 }, { 161, 142, 100, 80 }, 2794, 1766,
	  0x323e8fc2, 0x51ccc178 },
	{ 0, { 199, 92, 111, 2 }, { 65, 69, 140, 83 }, 14230, 4739,
	  0xd718262a, 0xc626b0ea },
	{ 0, { 24, 19, 198, 95 }, { 12, 22, 207, 184 }, 12898, 38024,
	  0xd2d0a5de, 0x5c2b394a },
	{ 0, { 38, 27, 205, 30 }, { 209, 142, 163, 6 }, 48228, 2217,
	  0x82989176, 0xafc7327f },
	{ 0, { 153, 39, 163, 191 }, { 202, 188, 127, 2 }, 44251, 1303,
	  0x5d1809c5, 0x10e828a2 },
	{ 1, { 0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x1f, 0xff, [15] = 0x07 },
	  { 0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x00, 0x03, [15] = 0x01 },
	  2794, 1766, 0x2cc18cd5, 0x40207d3d },
	{ 1, { 0x3f, 0xfe, 0x05, 0x01, 0x00, 0x08, 0x00, 0x00,
	       0x02, 0x60, 0x97, 0xff, 0xfe, 0x40, 0xef, 0xab },
	  { 0xff, 0x02, [15] = 0x01 }, 14230, 4739, 0x0f0c461c, 0xdde51bbf },
	{ 1, { 0x3f, 0xfe, 0x19, 0x00, 0x45, 0x45, 0x00, 0x03,
	       0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf },
	  { 0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	    0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf },
	  44251, 38024, 0x4b61e985, 0x02d1feef },
};

/* A TCP segment from @c to @dest with the addresses and ports of @v. */
static struct sk_buff *kt_tcp(struct kunit *test, struct kt_card *c,
			      const u8 *dest, const struct kt_rss_vec *v)
{
	u32 l3 = v->v6 ? sizeof(struct ipv6hdr) : sizeof(struct iphdr);
	struct sk_buff *skb = kt_frame(test, c, dest,
				       v->v6 ? ETH_P_IPV6 : ETH_P_IP,
				       ETH_HLEN + l3 + 20);
	u8 *ip = skb->data + ETH_HLEN;

	if (v->v6) {
		struct ipv6hdr *h = (struct ipv6hdr *)ip;

		h->version = 6;
		h->nexthdr = IPPROTO_TCP;
		memcpy(&h->saddr, v->src, 16);
		memcpy(&h->daddr, v->dst, 16);
	} else {
		struct iphdr *h = (struct iphdr *)ip;

		h->version = 4;
		h->ihl = 5;
		h->protocol = IPPROTO_TCP;
		memcpy(&h->saddr, v->src, 4);
		memcpy(&h->daddr, v->dst, 4);
	}
	put_unaligned_be16(v->sport, ip + l3);
	put_unaligned_be16(v->dport, ip + l3 + 2);
	return skb;
}

/* RX queue @q's ring, head and tail, for the tests. */
static struct snull_rx_desc *kt_rx_ring(struct kt_card *c, u32 q)
{
	return q ? c->mq[q].rx : c->rx;
}

static void kt_post_q(struct kt_card *c, u32 q, u32 n)
{
	u32 *tail = q ? &c->mq[q].rx_tail : &c->rx_tail;

	*tail += n;
	snull_hw_wr32(c->hw, SNULL_QREG(SNULL_RDT, q), *tail);
}

/*
 * RSS: each frame of the verification suite lands on the queue RETA
 * names for its hash, and its descriptor reports the hash, over the
 * ports too when the type's L4 bit is set; other frames land on queue 0
 * unhashed.
 */
static void snull_hw_test_rss(struct kunit *test)
{
	struct kt_card *a = kt_card(test, 1), *b = kt_card_mq(test, 2, 4);
	u32 head[4] = {}, i, q, pass, hash, status, rdh;

	snull_wire_connect(a->hw, b->hw);
	kt_on(a);
	kt_on(b);
	for (q = 0; q < 4; q++)
		kt_post_q(b, q, KT_RING);
	for (i = 0; i < SNULL_RETA_SIZE / 4; i++)	/* entry n: queue n % 4 */
		snull_hw_wr32(b->hw, SNULL_RETA(i), 0x03020100);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_RETA(5)), 0x03020100);

	for (pass = 0; pass < 2; pass++) {
		u32 mrqc = SNULL_MRQC_EN | SNULL_MRQC_IPV4 | SNULL_MRQC_IPV6;

		if (!pass)
			mrqc |= SNULL_MRQC_IPV4_TCP | SNULL_MRQC_IPV6_TCP;
		snull_hw_wr32(b->hw, SNULL_MRQC, mrqc);
		for (i = 0; i < ARRAY_SIZE(kt_rss_vecs); i++) {
			const struct kt_rss_vec *v = &kt_rss_vecs[i];
			struct snull_rx_desc *d;

			hash = pass ? v->l3 : v->l4;
			q = hash % SNULL_RETA_SIZE % 4;
			kt_xmit(a, 0, kt_tcp(test, a, b->mac, v));
			rdh = snull_hw_rd32(b->hw, SNULL_QREG(SNULL_RDH, q));
			KUNIT_EXPECT_EQ_MSG(test, rdh, head[q] + 1,
					    "vector %u pass %u: not on queue %u",
					    i, pass, q);
			if (rdh != head[q] + 1)
				goto out;	/* (break_ring) */
			d = &kt_rx_ring(b, q)[head[q]++ % KT_RING];
			KUNIT_EXPECT_EQ_MSG(test, d->hash, hash, "vector %u", i);
			status = SNULL_DESC_DONE | SNULL_DESC_HASH |
				 (pass ? 0 : SNULL_DESC_HASH_L4);
			KUNIT_EXPECT_EQ(test, d->status, status);
			d->status = 0;
			kt_post_q(b, q, 1);
		}
	}
	/* Not IP: queue 0, no hash.  RSS off: queue 0 too. */
	kt_send(test, a, b->mac, 0);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_RDH), head[0] + 1);
	KUNIT_EXPECT_EQ(test, b->rx[head[0]++ % KT_RING].status, SNULL_DESC_DONE);
	snull_hw_wr32(b->hw, SNULL_MRQC, 0);
	kt_xmit(a, 0, kt_tcp(test, a, b->mac, &kt_rss_vecs[1]));
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_RDH), head[0] + 1);
	KUNIT_EXPECT_EQ(test, b->rx[head[0] % KT_RING].status, SNULL_DESC_DONE);
out:
	kt_free(a);
	kt_free(b);
}

/*
 * Queue pairs: an RX queue interrupts on its own vector; a TX queue's
 * doorbell sends, and its completion interrupts on its vector.  A RETA
 * entry beyond the card's queues, or an empty ring, misses the frame,
 * counted in MPC and in the queue's RQDPC.  A hung engine is its queue's
 * alone (TSTAT).
 */
static void snull_hw_test_queues(struct kunit *test)
{
	struct kt_card *a = kt_card(test, 1), *b = kt_card_mq(test, 2, 2);
	const u32 rxtx = SNULL_IRQ_RX | SNULL_IRQ_TX;
	struct kt_queue *q1 = &b->mq[1];
	u32 i;

	snull_wire_connect(a->hw, b->hw);
	kt_on(a);
	kt_on(b);
	kt_post(a, KT_RING);
	kt_post_q(b, 1, 1);
	/* vector 0: the link's interrupt first, out of the way */
	snull_hw_wr32(b->hw, SNULL_IMS, SNULL_IRQ_ALL);
	wait_event_timeout(b->wq, atomic_read(&b->irqs), HZ);
	WRITE_ONCE(b->icr, 0);
	snull_hw_wr32(b->hw, SNULL_QREG(SNULL_IMS, 1), rxtx);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_QREG(SNULL_IMS, 1)), rxtx);

	for (i = 0; i < SNULL_RETA_SIZE / 4; i++)	/* every entry: queue 1 */
		snull_hw_wr32(b->hw, SNULL_RETA(i), 0x01010101);
	snull_hw_wr32(b->hw, SNULL_MRQC, SNULL_MRQC_EN | SNULL_MRQC_IPV4);
	kt_xmit(a, 0, kt_tcp(test, a, b->mac, &kt_rss_vecs[0]));
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_QREG(SNULL_RDH, 1)), 1);
	KUNIT_EXPECT_GT(test, wait_event_timeout(b->wq, atomic_read(&q1->irqs),
						 HZ), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(q1->icr), SNULL_IRQ_RX);
	KUNIT_EXPECT_EQ(test, READ_ONCE(b->icr) & rxtx, 0);

	/* queue 1's ring is empty now: missed, on queue 1, whose RX cause
	 * (ring empty) interrupts again; waited for, or it could land in
	 * the TX check below
	 */
	kt_xmit(a, 0, kt_tcp(test, a, b->mac, &kt_rss_vecs[0]));
	KUNIT_EXPECT_EQ(test, snull_hw_rd64(b->hw, SNULL_QREG(SNULL_RQDPC, 1)), 1);
	KUNIT_EXPECT_GT(test, wait_event_timeout(b->wq,
						 atomic_read(&q1->irqs) >= 2,
						 HZ), 0);
	/* RETA names queue 5 of 2: missed, counted on queue 0 */
	snull_hw_wr32(b->hw, SNULL_RETA(0), 0x05050505);
	for (i = 1; i < SNULL_RETA_SIZE / 4; i++)
		snull_hw_wr32(b->hw, SNULL_RETA(i), 0x05050505);
	kt_xmit(a, 0, kt_tcp(test, a, b->mac, &kt_rss_vecs[0]));
	KUNIT_EXPECT_EQ(test, snull_hw_rd64(b->hw, SNULL_QREG(SNULL_RQDPC, 0)), 1);
	KUNIT_EXPECT_EQ(test, snull_hw_rd64(b->hw, SNULL_MPC), 2);

	/* TX queue 1: sent, written back, its vector's TX cause */
	atomic_set(&q1->irqs, 0);
	WRITE_ONCE(q1->icr, 0);
	kt_xmit(b, 1, kt_frame(test, b, a->mac, 0x88b5, 60));
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_QREG(SNULL_TDH, 1)), 1);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_TDH), 0);
	KUNIT_EXPECT_EQ(test, q1->tx[0].status, SNULL_DESC_DONE);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(a->hw, SNULL_RDH), 1);
	KUNIT_EXPECT_GT(test, wait_event_timeout(b->wq, atomic_read(&q1->irqs),
						 HZ), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(q1->icr), SNULL_IRQ_TX);

	/* queue 1's engine hangs: its TSTAT says so, queue 0's does not,
	 * STATUS sums them up; queue 0 still sends; EN off and on revives
	 */
	snull_hw_wr32(b->hw, SNULL_FAULT_STALL, 1);
	kt_xmit(b, 1, kt_frame(test, b, a->mac, 0x88b5, 60));
	snull_hw_wr32(b->hw, SNULL_FAULT_STALL, 0);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_QREG(SNULL_TDH, 1)), 1);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_QREG(SNULL_TSTAT, 1)),
			SNULL_TSTAT_HUNG);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_TSTAT), 0);
	KUNIT_EXPECT_TRUE(test, snull_hw_rd32(b->hw, SNULL_STATUS) &
				SNULL_STATUS_TXHUNG);
	kt_xmit(b, 0, kt_frame(test, b, a->mac, 0x88b5, 60));
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_TDH), 1);
	snull_hw_wr32(b->hw, SNULL_CTRL, 0);
	kt_on(b);
	KUNIT_EXPECT_EQ(test, snull_hw_rd32(b->hw, SNULL_QREG(SNULL_TSTAT, 1)), 0);
	KUNIT_EXPECT_FALSE(test, snull_hw_rd32(b->hw, SNULL_STATUS) &
				 SNULL_STATUS_TXHUNG);
	kt_free(a);
	kt_free(b);
}

static struct kunit_case snull_hw_cases[] = {
	KUNIT_CASE(snull_hw_test_rings),
	KUNIT_CASE(snull_hw_test_filter),
	KUNIT_CASE(snull_hw_test_icr),
	KUNIT_CASE(snull_hw_test_coalesce),
	KUNIT_CASE(snull_hw_test_itr_shorter),
	KUNIT_CASE(snull_hw_test_wire),
	KUNIT_CASE(snull_hw_test_rss),
	KUNIT_CASE(snull_hw_test_queues),
	{}
};

static struct kunit_suite snull_hw_suite = {
	.name = "snull_hw",
	.test_cases = snull_hw_cases,
};

kunit_test_suite(snull_hw_suite);

MODULE_DESCRIPTION("KUnit tests of snull's simulated NIC");
MODULE_LICENSE("GPL");
