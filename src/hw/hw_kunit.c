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
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/wait.h>

#include "hw_priv.h"

#define KT_RING		8

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
};

static irqreturn_t kt_isr(int irq, void *data)
{
	struct kt_card *c = data;

	WRITE_ONCE(c->icr, READ_ONCE(c->icr) | snull_hw_rd32(c->hw, SNULL_ICR));
	atomic_inc(&c->irqs);
	wake_up(&c->wq);
	return IRQ_HANDLED;
}

/* A card with rings, RX buffers and an interrupt handler; off. */
static struct kt_card *kt_card(struct kunit *test, u8 id)
{
	struct snull_hw_config cfg = {
		.name		= "kunit",
		.phy_modes	= BIT(SNULL_LM_COUNT) - 1,
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
	c->irq = snull_hw_irq(c->hw);
	if (c->irq)
		KUNIT_ASSERT_EQ(test, request_irq(c->irq, kt_isr, 0, "snull-kunit", c), 0);
	else
		snull_hw_set_isr(c->hw, kt_isr, c);
	return c;
}

static void kt_free(struct kt_card *c)
{
	int i;

	snull_hw_wr32(c->hw, SNULL_CTRL, 0);
	if (c->irq)
		free_irq(c->irq, c);
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

/* Send a 60-byte frame to @dest whose payload starts with @tag. */
static void kt_send(struct kunit *test, struct kt_card *c, const u8 *dest,
		    u8 tag)
{
	struct snull_tx_desc *d = &c->tx[c->tx_tail % KT_RING];
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	u8 *p;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	p = skb_put_zero(skb, 60);
	ether_addr_copy(p, dest);
	ether_addr_copy(p + ETH_ALEN, c->mac);
	p[12] = 0x88;
	p[13] = 0xb5;		/* local experimental ethertype */
	p[14] = tag;
	kfree_skb(d->skb);	/* reclaimed: the driver's job */
	d->skb = skb;
	d->len = skb->len;
	d->status = 0;
	c->tx_tail++;
	local_bh_disable();	/* the doorbell is written from xmit */
	snull_hw_wr32(c->hw, SNULL_TDT, c->tx_tail);
	local_bh_enable();
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

static struct kunit_case snull_hw_cases[] = {
	KUNIT_CASE(snull_hw_test_rings),
	KUNIT_CASE(snull_hw_test_filter),
	KUNIT_CASE(snull_hw_test_icr),
	KUNIT_CASE(snull_hw_test_coalesce),
	KUNIT_CASE(snull_hw_test_itr_shorter),
	KUNIT_CASE(snull_hw_test_wire),
	{}
};

static struct kunit_suite snull_hw_suite = {
	.name = "snull_hw",
	.test_cases = snull_hw_cases,
};

kunit_test_suite(snull_hw_suite);

MODULE_DESCRIPTION("KUnit tests of snull's simulated NIC");
MODULE_LICENSE("GPL");
