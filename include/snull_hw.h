/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snull: the API of the simulated NIC (src/hw.c).
 *
 * The rest of the driver programs the "hardware" only through these calls,
 * as a real driver only touches its NIC through registers and descriptors:
 *
 *   rings:       snull_hw_attach_rings / snull_hw_detach_rings (the
 *                descriptor rings are the driver's memory)
 *   engines:     snull_hw_start / snull_hw_stop / snull_hw_running
 *   transmit:    snull_hw_tx_free, snull_hw_tx_post, snull_hw_tx_kick
 *   completion:  snull_hw_tx_reap
 *   receive:     snull_hw_rx_pop, snull_hw_rx_slot, snull_hw_rx_post,
 *                snull_hw_rx_keep
 *   interrupts:  snull_hw_irq_ack, snull_hw_irq_mask, snull_hw_irq_unmask
 *   filter:      snull_hw_set_filter
 *   self-test:   snull_hw_loopback
 */
#ifndef _SNULL_HW_H
#define _SNULL_HW_H

#include <linux/crc32.h>

#include "snull.h"

/* The filter's hash: top SNULL_MC_HASH_BITS bits of the Ethernet CRC-32. */
static inline u32 snull_mc_bin(const u8 *addr)
{
	return ether_crc(ETH_ALEN, addr) >> (32 - SNULL_MC_HASH_BITS);
}

/*
 * The hardware writes a frame this far into an RX buffer page, leaving
 * the headroom the stack wants in front of it (the "buffer offset"
 * register of a real NIC); the driver builds the skb around the page.
 */
#define SNULL_RX_HEADROOM	(NET_SKB_PAD + NET_IP_ALIGN)

/* A received frame as the RX descriptor describes it. */
struct snull_rx_frame {
	struct page *page;	/* copy mode: the buffer holding the frame */
	struct sk_buff *skb;	/* zero-copy: the sender's skb */
	u32 len;
	u32 status;		/* SNULL_DESC_* */
	__wsum csum;
};

void snull_hw_init(struct snull_priv *priv);
void snull_hw_attach_rings(struct snull_hw *hw, struct snull_tx_desc *tx,
			   u32 tx_size, struct snull_rx_desc *rx, u32 rx_size,
			   u32 buf_len);
void snull_hw_detach_rings(struct snull_hw *hw);
void snull_hw_start(struct snull_priv *priv);
void snull_hw_stop(struct snull_priv *priv);
bool snull_hw_running(const struct snull_hw *hw);
u32 snull_hw_reset_tx(struct snull_hw *hw);

u32 snull_hw_tx_free(const struct snull_hw *hw);
void snull_hw_tx_post(struct snull_hw *hw, struct sk_buff *skb);
bool snull_hw_tx_kick(struct snull_priv *priv);
bool snull_hw_tx_reap(struct snull_hw *hw, struct sk_buff **skb, u32 *len,
		      u32 *status);
unsigned int snull_hw_tx_pending(const struct snull_hw *hw);

bool snull_hw_rx_pop(struct snull_hw *hw, struct snull_rx_frame *frame);
struct page **snull_hw_rx_slot(struct snull_hw *hw);
void snull_hw_rx_post(struct snull_hw *hw);
void snull_hw_rx_keep(struct snull_hw *hw, struct page *page);

u32 snull_hw_irq_ack(struct snull_hw *hw);
void snull_hw_irq_mask(struct snull_hw *hw);
void snull_hw_irq_unmask(struct snull_priv *priv);

void snull_hw_set_filter(struct snull_hw *hw, const u8 *mac, u32 rx_ctl,
			 u64 mc_hash);
void snull_hw_set_coalesce(struct snull_hw *hw, u32 rx_usecs, u32 rx_frames,
			   u32 tx_usecs);
void snull_hw_get_coalesce(const struct snull_hw *hw, u32 *rx_usecs,
			   u32 *rx_frames, u32 *tx_usecs);

int snull_hw_loopback(struct snull_priv *priv, struct sk_buff *skb,
		      struct snull_rx_frame *frame);

/* Register dump layout for ethtool -d (version 1). */
struct snull_regs {
	u32 irq_status;
	u32 irq_mask;
	u32 rx_ctl;
	u32 running;
	u32 tx_size, tx_head, tx_done, tx_clean, tx_hung;
	u32 rx_size, rx_buf_len, rx_posted, rx_filled, rx_next;
	u32 rx_usecs, rx_frames, tx_usecs;
	u32 mc_hash_lo, mc_hash_hi;
};

void snull_hw_read_regs(struct snull_priv *priv, struct snull_regs *regs);

#endif /* _SNULL_HW_H */
