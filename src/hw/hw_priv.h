/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snull: inside the simulated NIC.  Only src/hw/ includes this; the
 * driver sees an opaque struct snull_hw and include/snull_regs.h.
 *
 * Locking inside the device:
 *   rxq.lock    one per RX queue: serialises the writers of that ring,
 *               the TX engines ("DMA" in from the wire, any queue of the
 *               far end, or our own in loopback) and the ring's registers
 *               (RDBA, RDLEN, RXBUF), and its counters.  An engine checks
 *               CTRL.EN under it: disabling takes each queue's lock in
 *               turn once EN is clear, so no engine is inside a ring
 *               after.  BH-safe: the engines run in xmit context.
 *   TX side     queue q's TX engine runs in the context that writes its
 *               TDT, which the driver serialises (its TX queue lock), as a
 *               doorbell write is serialised on real hardware.
 *   cfg_lock    the writers of the card-wide receive registers (RCTL,
 *               RAL/RAH, MTA, MRQC, RSSRK, RETA).  Engines read them
 *               without it, as a NIC's engines read their registers.
 *   RCU         the cable's far-end pointer (wire.c).
 *   Interrupt   ICR and IMS are atomics; each vector's line an hrtimer.
 * Nesting: TDT writer -> one far-end rxq.lock at a time -> hrtimer base.
 */
#ifndef _SNULL_HW_PRIV_H
#define _SNULL_HW_PRIV_H

#include <linux/bitfield.h>
#include <linux/hrtimer.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/u64_stats_sync.h>

#include "snull_compat.h"
#include "snull_hw.h"

/* The longest RSS input: two IPv6 addresses and two ports. */
#define SNULL_RSS_IN_MAX	36

/* One interrupt vector: queue pair q's causes, coalescing and line. */
struct snull_hw_vec {
	struct snull_hw *hw;
	atomic_t icr;
	atomic_t ims;
	atomic_t rx_pending;		/* frames since the last interrupt */
	unsigned long flags;		/* SNULL_VECF_* */
	struct hrtimer timer;
	struct irq_domain *irq_domain;	/* CONFIG_IRQ_SIM: the vector's line */
	unsigned int virq;		/* ... as a Linux IRQ; else 0 and */
	irq_handler_t isr;		/* ... the handler the timer calls */
	void *isr_data;
	u32 itr_rx, itr_rxf, itr_tx;
};

/* One RX queue: its ring, as the far end's engines fill it; lock. */
struct snull_hw_rxq {
	spinlock_t lock;		/* the ring, its registers, stats */
	struct snull_rx_desc *desc;
	u32 len;
	u32 buf;			/* RXBUF */
	u32 rdh;			/* device writes (release) */
	u32 rdt;			/* driver writes (release) */
	u64_stats_t stats[SNULL_NSTATS];
	struct u64_stats_sync syncp;
};

/* One TX queue: the TDT writer's. */
struct snull_hw_txq {
	struct snull_tx_desc *desc;
	u32 len;
	u32 tdh;			/* device writes (release) */
	u32 tdt;
	u32 count;			/* frames processed, for lockup */
	bool hung;
};

struct snull_hw {
	const char *name;
	u32 lockup;
	u32 nq;				/* queue pairs */

	/* CTRL: the engines read it locklessly; EN is also a flag bit. */
	u32 ctrl;
	unsigned long flags;		/* SNULL_HWF_* */

	/* Receive filter and RSS: cfg_lock writes, engines READ_ONCE. */
	spinlock_t cfg_lock;
	u32 rctl;
	u64 mta;
	u64 ra;				/* the MAC, ether_addr_to_u64() */
	u32 mrqc;
	u32 rssrk[SNULL_RSS_KEY_LEN / 4];	/* key bytes, as written */
	u8 reta[SNULL_RETA_SIZE];
	/* the key as a table: input byte, its high/low nibble, its value */
	u32 rss_tbl[SNULL_RSS_IN_MAX][2][16];

	struct snull_hw_vec vec[SNULL_MAX_QUEUES];
	struct snull_hw_rxq rxq[SNULL_MAX_QUEUES];
	struct snull_hw_txq txq[SNULL_MAX_QUEUES];

	struct snull_hw __rcu *far;	/* the cable's other end (wire.c) */

	/* PHY (phy.c): written under snull_wire_lock, read locklessly. */
	u32 phy_sup;
	u32 phy_ctrl;
	u32 phy_adv;
	u32 phy_lpa;
	u32 phy_stat;

	u32 fault[4];			/* SNULL_FAULT_*, lockless */
};

#define SNULL_STAT_IDX(reg)	(((reg) - SNULL_MPC) / 8)
#define SNULL_FAULT_IDX(reg)	(((reg) - SNULL_FAULT_DROP) / 4)

static inline u32 snull_hw_fault(const struct snull_hw *hw, u32 reg)
{
	return READ_ONCE(hw->fault[SNULL_FAULT_IDX(reg)]);
}

#define SNULL_VECF_ARMED	0	/* the vector's timer is queued */
#define SNULL_HWF_EN		0	/* CTRL.EN */

static inline bool snull_hw_enabled(const struct snull_hw *hw)
{
	return test_bit(SNULL_HWF_EN, &hw->flags);
}

void snull_hw_raise(struct snull_hw_vec *v, u32 causes, u32 frames);

/* wire.c: the cable, and the lock of everything the link depends on */
extern struct mutex snull_wire_lock;
#define snull_wire_far(hw) \
	rcu_dereference_protected((hw)->far, lockdep_is_held(&snull_wire_lock))

/* phy.c */
void snull_phy_update(struct snull_hw *hw);
void snull_phy_update_locked(struct snull_hw *hw);
void snull_phy_write(struct snull_hw *hw, u32 reg, u32 val);

#endif /* _SNULL_HW_PRIV_H */
