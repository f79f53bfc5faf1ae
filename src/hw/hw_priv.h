/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snull: inside the simulated NIC.  Only src/hw/ includes this; the
 * driver sees an opaque struct snull_hw and include/snull_regs.h.
 *
 * Locking inside the device:
 *   rx_lock     serialises the writers of the RX side: the far end's TX
 *               engine ("DMA" in from the wire), and register writes that
 *               change what it does (CTRL, RCTL, RAL/RAH, MTA, RDBA/RDLEN,
 *               RXBUF).  BH-safe: the far engine runs in xmit context.
 *   TX side     the TX engine runs in the context that writes TDT, which
 *               the driver serialises (its TX queue lock), as a doorbell
 *               write is serialised on real hardware.
 *   RCU         the cable's far-end pointer (wire.c).
 *   Interrupt   ICR and IMS are atomics; the line is an hrtimer.
 * Nesting: TDT writer -> far end's rx_lock -> hrtimer base.
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

struct snull_hw {
	const char *name;
	u32 lockup;

	/* CTRL: written under rx_lock (the far engine reads RXCSUM/EN). */
	u32 ctrl;

	/* Interrupt registers and line. */
	atomic_t icr;
	atomic_t ims;
	atomic_t rx_pending;		/* frames since the last interrupt */
	unsigned long flags;		/* SNULL_HWF_* */
	struct hrtimer irq_timer;
	struct irq_domain *irq_domain;	/* CONFIG_IRQ_SIM: the card's line */
	unsigned int virq;		/* ... as a Linux IRQ; else 0 and */
	irq_handler_t isr;		/* ... the handler the timer calls */
	void *isr_data;
	u32 itr_rx, itr_rxf, itr_tx;

	/* RX side: rx_lock. */
	spinlock_t rx_lock;
	u32 rctl;
	u64 mta;
	u8 mac[ETH_ALEN];
	struct snull_rx_desc *rx_desc;
	u32 rx_len;
	u32 rx_buf;
	u32 rdh;			/* device writes (release) */
	u32 rdt;			/* driver writes (release) */

	/* TX side: the TDT writer. */
	struct snull_tx_desc *tx_desc;
	u32 tx_len;
	u32 tdh;			/* device writes (release) */
	u32 tdt;
	u32 tx_count;			/* frames processed, for lockup */
	bool tx_hung;

	struct snull_hw __rcu *far;	/* the cable's other end (wire.c) */

	/* PHY (phy.c): written under snull_wire_lock, read locklessly. */
	u32 phy_sup;
	u32 phy_ctrl;
	u32 phy_adv;
	u32 phy_lpa;
	u32 phy_stat;

	u64_stats_t stats[SNULL_NSTATS];	/* rx_lock */
	struct u64_stats_sync syncp;

	u32 fault[4];			/* SNULL_FAULT_*, lockless */
};

#define SNULL_STAT_IDX(reg)	(((reg) - SNULL_MPC) / 8)
#define SNULL_FAULT_IDX(reg)	(((reg) - SNULL_FAULT_DROP) / 4)

static inline u32 snull_hw_fault(const struct snull_hw *hw, u32 reg)
{
	return READ_ONCE(hw->fault[SNULL_FAULT_IDX(reg)]);
}

#define SNULL_HWF_ARMED		0	/* irq_timer is queued */
#define SNULL_HWF_EN		1	/* CTRL.EN */

static inline bool snull_hw_enabled(const struct snull_hw *hw)
{
	return test_bit(SNULL_HWF_EN, &hw->flags);
}

void snull_hw_raise(struct snull_hw *hw, u32 causes, u32 frames);

/* wire.c: the cable, and the lock of everything the link depends on */
extern struct mutex snull_wire_lock;
#define snull_wire_far(hw) \
	rcu_dereference_protected((hw)->far, lockdep_is_held(&snull_wire_lock))

/* phy.c */
void snull_phy_update(struct snull_hw *hw);
void snull_phy_update_locked(struct snull_hw *hw);
void snull_phy_write(struct snull_hw *hw, u32 reg, u32 val);

#endif /* _SNULL_HW_PRIV_H */
