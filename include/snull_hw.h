/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snull: how a driver reaches the simulated NIC (src/hw/).
 *
 * The device is an opaque object, made from a configuration as a bus
 * would find a card, and programmed through its registers
 * (include/snull_regs.h).  Besides the register accessors there is only
 * the lifetime, the cable and the interrupt line:
 *
 *   snull_hw_create / snull_hw_destroy   the card
 *   snull_hw_rd32 / wr32 / rd64 / wr64   its registers
 *   snull_wire_connect / snull_wire_cut  the cable between two cards
 *   snull_hw_irq                         a vector's Linux IRQ (one per
 *                                        queue pair), for request_irq();
 *                                        where the kernel has no interrupt
 *                                        simulator, 0,
 *   snull_hw_set_isr                     and the handler is registered
 *                                        here.  The interrupt is the only
 *                                        way from the device to the driver.
 */
#ifndef _SNULL_HW_H
#define _SNULL_HW_H

#include <linux/interrupt.h>
#include <linux/types.h>

#include "snull_regs.h"

struct snull_hw;

struct snull_hw_config {
	const char *name;	/* for traces; must outlive the device */
	u32 lockup;		/* the TX engine hangs on every Nth frame */
	u32 phy_modes;		/* the PHY's link modes, BIT(SNULL_LM_*) */
	u32 queues;		/* queue pairs, 1..SNULL_MAX_QUEUES (0: 1) */
};

struct snull_hw *snull_hw_create(const struct snull_hw_config *cfg);
void snull_hw_destroy(struct snull_hw *hw);

u32 snull_hw_rd32(struct snull_hw *hw, u32 reg);
void snull_hw_wr32(struct snull_hw *hw, u32 reg, u32 val);
u64 snull_hw_rd64(struct snull_hw *hw, u32 reg);
void snull_hw_wr64(struct snull_hw *hw, u32 reg, u64 val);

void snull_wire_connect(struct snull_hw *a, struct snull_hw *b);
void snull_wire_cut(struct snull_hw *hw);

int snull_hw_irq(struct snull_hw *hw, u32 vec);
void snull_hw_set_isr(struct snull_hw *hw, u32 vec, irq_handler_t isr,
		      void *data);

#endif /* _SNULL_HW_H */
