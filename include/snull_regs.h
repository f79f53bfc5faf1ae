/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snull: the simulated NIC's programming model -- its "datasheet" header,
 * as igb has e1000_regs.h and e1000_defines.h.  docs/datasheet.md says
 * the same in prose.  The driver programs the device only through these
 * registers (snull_hw_rd32/wr32/rd64/wr64) and the descriptor rings in
 * its own memory; the device (src/hw/) only through what is here.
 *
 * Registers are 32 bits unless marked 64.  Ring indices are free-running
 * 32-bit counts of descriptors since the ring was programmed; the slot of
 * index i is i & (length - 1).  Lengths are powers of two.  "DMA
 * addresses" are kernel pointers: the device reads a frame from the
 * sk_buff a TX descriptor names and writes into the page an RX
 * descriptor names.
 */
#ifndef _SNULL_REGS_H
#define _SNULL_REGS_H

#include <linux/bpf.h>
#include <linux/bits.h>
#include <linux/bitfield.h>
#include <linux/crc32.h>
#include <linux/if_ether.h>
#include <linux/skbuff.h>

/* ---- device control and status ---------------------------------------- */
#define SNULL_CTRL		0x0000	/* control, see SNULL_CTRL_* */
#define SNULL_STATUS		0x0004	/* status, read-only, SNULL_STATUS_* */
#define SNULL_NQ		0x0018	/* queue pairs the card has, read-only */

/*
 * CTRL.EN starts both engines on the programmed rings, with ICR clear
 * and a hung TX engine revived.  Clearing it stops them, masks every cause
 * and returns only when no interrupt is in flight any more, so the
 * driver may free the rings after it.  Write it from process context.
 * The mode bits are read by the engines for every frame.
 */
#define SNULL_CTRL_EN		BIT(0)	/* engines on */
#define SNULL_CTRL_FLIP		BIT(1)	/* the book's third-octet trick */
#define SNULL_CTRL_ZC		BIT(2)	/* hand the sk_buff itself over */
#define SNULL_CTRL_LOOP		BIT(3)	/* TX loops into our own RX ring */
#define SNULL_CTRL_RXCSUM	BIT(4)	/* sum received frames (COMPLETE) */

#define SNULL_STATUS_EN		BIT(0)	/* engines on */
#define SNULL_STATUS_TXHUNG	BIT(1)	/* some queue's TX engine hung
					 * (TSTAT says which); only EN
					 * off->on revives it
					 */
#define SNULL_STATUS_LU		BIT(2)	/* link up (SNULL_PHY_STAT_LINK) */

/* ---- queues -------------------------------------------------------------- */
/*
 * The card has SNULL_NQ queue pairs (1 to SNULL_MAX_QUEUES).  Queue q is a
 * TX ring, an RX ring and an interrupt vector, with registers of its own:
 * queue 0's interrupt block (ICR to ITR_TX) and rings (TDBA to RQDPC), at
 * SNULL_QREG(reg, q).  The other registers are the card's, queue 0's block
 * only.  Each queue's TX engine runs when its TDT is written; vector q has
 * a Linux IRQ of its own and carries queue q's RX and TX causes (LSC is
 * vector 0's).  Which RX queue a frame lands on, RSS decides (MRQC below);
 * with RSS off, queue 0.
 */
#define SNULL_MAX_QUEUES	8
#define SNULL_QSTRIDE		0x1000
#define SNULL_QREG(reg, q)	((reg) + (q) * SNULL_QSTRIDE)

/* ---- interrupts (per vector) ---------------------------------------------- */
/*
 * A cause is latched in ICR when its event happens.  If it is enabled in
 * IMS, the line asserts after the coalescing delay of ITR_*: the shorter
 * of the latched causes' delays, none once ITR_RXF frames are waiting,
 * none for LSC.
 * Reading ICR returns the latched causes that are enabled, and clears
 * them; a cause latched while masked stays latched and asserts the line
 * when it is unmasked (after the delay again: the throttle between two
 * interrupts).  ICS latches causes by hand.
 */
#define SNULL_ICR		0x0008	/* cause: read returns and clears */
#define SNULL_ICS		0x000c	/* cause set: write 1s to latch */
#define SNULL_IMS		0x0010	/* mask set (enable); read: the mask */
#define SNULL_IMC		0x0014	/* mask clear (disable) */
#define SNULL_ITR_RX		0x0020	/* RX interrupt delay, microseconds */
#define SNULL_ITR_RXF		0x0024	/* RX frames that end the delay; 0 off */
#define SNULL_ITR_TX		0x0028	/* TX interrupt delay, microseconds */

#define SNULL_IRQ_RX		BIT(0)	/* frames written, or RX ring empty */
#define SNULL_IRQ_TX		BIT(1)	/* TX descriptors written back */
#define SNULL_IRQ_LSC		BIT(2)	/* link status change: read STATUS */
#define SNULL_IRQ_ALL		(SNULL_IRQ_RX | SNULL_IRQ_TX | SNULL_IRQ_LSC)

/* ---- receive filter -------------------------------------------------------- */
#define SNULL_RCTL		0x0100	/* receive control, SNULL_RCTL_* */
#define SNULL_RAL		0x0104	/* receive address, bytes 0-3, byte 0 low */
#define SNULL_RAH		0x0108	/* receive address, bytes 4-5, byte 4 low */
#define SNULL_MTA		0x0110	/* multicast table, 64 bits (rd64/wr64) */

#define SNULL_RCTL_UPE		BIT(0)	/* unicast promiscuous */
#define SNULL_RCTL_MPE		BIT(1)	/* multicast promiscuous (all-multi) */

/* Filter bin of a multicast address: the top 6 bits of its CRC-32. */
#define SNULL_MTA_BITS		6
static inline u32 snull_mta_bin(const u8 *addr)
{
	return ether_crc(ETH_ALEN, addr) >> (32 - SNULL_MTA_BITS);
}

/* ---- descriptor rings ------------------------------------------------------ */
/*
 * Program a ring (base, then length) while CTRL.EN is clear; writing the
 * length zeroes the ring's head and tail.  The driver
 * writes the tail (TDT: frames to send; RDT: buffers to fill), the
 * device the head (TDH: sent up to here; RDH: filled up to here), each
 * after the descriptors it covers, so a head or tail read first makes
 * the descriptors below it visible.  Writing TDT is the doorbell: the
 * TX engine sends at once, in the writer's context.
 */
#define SNULL_TDBA		0x0200	/* TX ring base, 64 bits */
#define SNULL_TDLEN		0x0208	/* TX descriptors */
#define SNULL_TDH		0x020c	/* TX head, read-only */
#define SNULL_TDT		0x0210	/* TX tail: the doorbell */
#define SNULL_TSTAT		0x0214	/* TX engine status, read-only */

#define SNULL_TSTAT_HUNG	BIT(0)	/* this queue's engine hung */

#define SNULL_RDBA		0x0300	/* RX ring base, 64 bits */
#define SNULL_RDLEN		0x0308	/* RX descriptors */
#define SNULL_RDH		0x030c	/* RX head, read-only */
#define SNULL_RDT		0x0310	/* RX tail */
#define SNULL_RXBUF		0x0314	/* longest frame a buffer takes */
#define SNULL_RQDPC		0x0318	/* 64 bits: the queue's MPC share */

/*
 * The device writes a received frame this far into the buffer page,
 * leaving the headroom an XDP program may grow the frame into (and that
 * the stack wants in front of it), plus the IP header's alignment.
 */
#define SNULL_RX_HEADROOM	(XDP_PACKET_HEADROOM + NET_IP_ALIGN)

/* Descriptor status, written back by the device. */
#define SNULL_DESC_DONE		BIT(0)	/* the device is done with it */
#define SNULL_DESC_CSUM		BIT(1)	/* rx: csum holds CHECKSUM_COMPLETE */
#define SNULL_DESC_SKB		BIT(2)	/* rx: frame is the sender's skb */
#define SNULL_DESC_NOCARRIER	BIT(3)	/* tx: nobody listened on the wire */
#define SNULL_DESC_HASH		BIT(4)	/* rx: hash holds the RSS hash */
#define SNULL_DESC_HASH_L4	BIT(5)	/* rx: ... over the ports too */

struct snull_tx_desc {
	struct sk_buff *skb;	/* the frame; the device clears it when
				 * the skb itself crossed (CTRL.ZC)
				 */
	const void *buf;	/* or, with skb NULL, its len bytes here
				 * (a plain buffer: always copied)
				 */
	u32 len;
	u32 status;		/* SNULL_DESC_*, written back */
};

struct snull_rx_desc {
	struct page *page;	/* the buffer the driver posted */
	struct sk_buff *frame;	/* CTRL.ZC: the sender's skb, else NULL */
	u32 len;
	u32 status;		/* SNULL_DESC_*, written back */
	__wsum csum;		/* with SNULL_DESC_CSUM */
	u32 hash;		/* with SNULL_DESC_HASH */
};

/* ---- receive side scaling ------------------------------------------------- */
/*
 * With MRQC.EN the RX side hashes each frame, as Microsoft's RSS defines:
 * the Toeplitz hash, under the 40-byte key RSSRK, of the IP source and
 * destination addresses, then (for a TCP or UDP frame whose type has its
 * L4 bit, and that is not an IP fragment) the source and destination
 * ports.  Entry hash & 127 of the redirection table RETA names the RX
 * queue; the descriptor reports the hash (SNULL_DESC_HASH, _HASH_L4).
 * A frame of no hashed type (not IP, VLAN-tagged, or an IP version whose
 * bits are clear) lands on queue 0 unhashed, and so does every frame with
 * MRQC.EN clear; IPv6 with an extension header hashes its addresses
 * only.  A queue with an empty ring misses the frame (MPC, and its
 * RQDPC); so does a RETA entry beyond SNULL_NQ (counted on queue 0).  The
 * hash sees the frame as the receiver gets it: after the address trick.
 * Registers may change while frames flow; a frame uses the table as the
 * engine read it.
 */
#define SNULL_MRQC		0x0800	/* SNULL_MRQC_* */
#define SNULL_RSSRK(i)		(0x0840 + 4 * (i))	/* key bytes 4i..4i+3,
							 * 4i in bits 7:0
							 */
#define SNULL_RETA(i)		(0x0900 + 4 * (i))	/* entries 4i..4i+3,
							 * 4i in bits 7:0
							 */
#define SNULL_RSS_KEY_LEN	40
#define SNULL_RETA_SIZE		128

#define SNULL_MRQC_EN		BIT(0)	/* hash, and steer by RETA */
#define SNULL_MRQC_IPV4		BIT(1)	/* IPv4: the addresses */
#define SNULL_MRQC_IPV4_TCP	BIT(2)	/* TCP over IPv4: and the ports */
#define SNULL_MRQC_IPV4_UDP	BIT(3)	/* UDP over IPv4: and the ports */
#define SNULL_MRQC_IPV6		BIT(4)
#define SNULL_MRQC_IPV6_TCP	BIT(5)
#define SNULL_MRQC_IPV6_UDP	BIT(6)

/* ---- statistics: 64 bits, free-running, read with rd64 ------------------ */
#define SNULL_MPC		0x0400	/* missed: no buffer posted */
#define SNULL_RLEC		0x0408	/* length errors: runt, or too long */
#define SNULL_UCF		0x0410	/* unicast for another address */
#define SNULL_MCF		0x0418	/* multicast not in the table */
#define SNULL_PRC		0x0420	/* accepted only because promiscuous */
#define SNULL_FDC		0x0428	/* fault injection: dropped */
#define SNULL_FCC		0x0430	/* fault injection: bit flipped */
#define SNULL_NSTATS		7

/* ---- PHY ------------------------------------------------------------------ */
/*
 * Each card has a PHY on its end of the cable.  The link comes up when
 * the cable is in and both cards are on (CTRL.EN, not in loopback), at
 * the mode the two PHYs agree on: with autonegotiation on both ends, the
 * best mode both advertise; a forced end and an autonegotiating one, at
 * the forced mode if the other advertises its speed; two forced ends
 * only at the same speed, as on copper.  Negotiation completes at once;
 * any change of the link latches SNULL_IRQ_LSC on the end whose STATUS.LU
 * or mode changed.  The link does not pace the wire: frames cross as
 * fast as the engines go, whatever the speed.
 */
#define SNULL_PHY_SUP		0x0600	/* supported modes, read-only */
#define SNULL_PHY_CTRL		0x0604	/* SNULL_PHY_CTRL_* */
#define SNULL_PHY_ADV		0x0608	/* advertised modes */
#define SNULL_PHY_LPA		0x060c	/* partner's advertised modes, RO */
#define SNULL_PHY_STAT		0x0610	/* SNULL_PHY_STAT_*, read-only */

/* Link modes: bit n of SUP/ADV/LPA, mode n of CTRL and STAT, best last. */
enum snull_link_mode {
	SNULL_LM_10_FULL,
	SNULL_LM_100_HALF,
	SNULL_LM_100_FULL,
	SNULL_LM_1000_FULL,
	SNULL_LM_2500_FULL,
	SNULL_LM_5000_FULL,
	SNULL_LM_10000_FULL,
	SNULL_LM_COUNT
};

static inline u32 snull_lm_speed(unsigned int mode)
{
	static const u32 speed[SNULL_LM_COUNT] = {
		10, 100, 100, 1000, 2500, 5000, 10000
	};

	return mode < SNULL_LM_COUNT ? speed[mode] : 0;
}

static inline bool snull_lm_full(unsigned int mode)
{
	return mode != SNULL_LM_100_HALF;
}

#define SNULL_PHY_CTRL_ANEN	BIT(0)		/* autonegotiation on */
#define SNULL_PHY_CTRL_MODE	GENMASK(11, 8)	/* forced mode, ANEN off */

#define SNULL_PHY_STAT_LINK	BIT(0)		/* = STATUS.LU */
#define SNULL_PHY_STAT_MODE	GENMASK(11, 8)	/* the link's mode */
#define SNULL_PHY_STAT_WHY	GENMASK(19, 16)	/* link down: why */

enum snull_phy_why {
	SNULL_PHY_WHY_NONE,		/* up, or the card is off */
	SNULL_PHY_WHY_NO_CABLE,
	SNULL_PHY_WHY_NO_PARTNER,	/* autoneg: the far end is silent */
	SNULL_PHY_WHY_FORCED,		/* forced: no partner at this speed */
	SNULL_PHY_WHY_NO_HCD,		/* autoneg: no mode in common */
};

/* ---- fault injection (a test feature of the simulated device) ----------- */
#define SNULL_FAULT_DROP	0x0500	/* per mille of received frames dropped */
#define SNULL_FAULT_CORRUPT	0x0504	/* per mille with one bit flipped */
#define SNULL_FAULT_DELAY	0x0508	/* microseconds added to interrupts */
#define SNULL_FAULT_STALL	0x050c	/* non-zero: the TX engine hangs */

#endif /* _SNULL_REGS_H */
