/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snull: tracepoints along the data path, in the order a frame meets them:
 *
 *   snull_xmit -> snull_dma -> snull_irq_raise (RX, on the receiver)
 *              -> snull_irq_raise (TX, on the sender); then on each side
 *   receiver:  snull_isr -> snull_rx ... -> snull_poll
 *   sender:    snull_isr -> snull_tx_clean -> snull_poll
 *
 * snull_dma, snull_irq_raise and snull_tx_hang are the device's own
 * (include/snull_hw_trace.h), named by the device's configuration name.
 * snull_poll is logged as the poll returns, with the number of frames it
 * passed up (as the core's napi:napi_poll), so it follows their snull_rx
 * events; with use_napi=0 the ISR calls snull_rx itself and there is no
 * snull_poll.  snull_tx_hang and snull_tx_timeout mark the watchdog path.
 * Enable them with: echo 1 > /sys/kernel/tracing/events/snull/enable
 *
 * Device names are copied into fixed arrays rather than __string(),
 * whose __assign_str() changed arguments in 6.10.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM snull

#if !defined(_SNULL_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _SNULL_TRACE_H

#include <linux/tracepoint.h>
#include <linux/netdevice.h>

DECLARE_EVENT_CLASS(snull_skb_class,
		    TP_PROTO(const struct net_device *dev,
			     const struct sk_buff *skb),
		    TP_ARGS(dev, skb),
		    TP_STRUCT__entry(__array(char, name, IFNAMSIZ)
				     __field(unsigned int, len)
				     __field(u16, protocol)),
		    TP_fast_assign(memcpy(__entry->name, dev->name, IFNAMSIZ);
				   __entry->len = skb->len;
				   __entry->protocol = ntohs(skb->protocol);),
		    TP_printk("dev=%s len=%u proto=0x%04x", __entry->name,
			      __entry->len, __entry->protocol));

DEFINE_EVENT(snull_skb_class, snull_xmit,
	     TP_PROTO(const struct net_device *dev, const struct sk_buff *skb),
	     TP_ARGS(dev, skb));

DEFINE_EVENT(snull_skb_class, snull_rx,
	     TP_PROTO(const struct net_device *dev, const struct sk_buff *skb),
	     TP_ARGS(dev, skb));

/*
 * One u32 per event, each with its own field name, so that the trace says
 * what the number is and filters can name it (status & 0x2, count > 1).
 */
TRACE_EVENT(snull_isr,	/* status the ISR read and cleared; 0 = spurious */
	    TP_PROTO(const struct net_device *dev, u32 status),
	    TP_ARGS(dev, status),
	    TP_STRUCT__entry(__array(char, name, IFNAMSIZ)
			     __field(u32, status)),
	    TP_fast_assign(memcpy(__entry->name, dev->name, IFNAMSIZ);
			   __entry->status = status;),
	    TP_printk("dev=%s status=%#x", __entry->name, __entry->status));

TRACE_EVENT(snull_tx_clean,	/* TX descriptors reclaimed */
	    TP_PROTO(const struct net_device *dev, u32 count),
	    TP_ARGS(dev, count),
	    TP_STRUCT__entry(__array(char, name, IFNAMSIZ)
			     __field(u32, count)),
	    TP_fast_assign(memcpy(__entry->name, dev->name, IFNAMSIZ);
			   __entry->count = count;),
	    TP_printk("dev=%s count=%u", __entry->name, __entry->count));

TRACE_EVENT(snull_tx_timeout,	/* TX queue the watchdog found stuck */
	    TP_PROTO(const struct net_device *dev, u32 queue),
	    TP_ARGS(dev, queue),
	    TP_STRUCT__entry(__array(char, name, IFNAMSIZ)
			     __field(u32, queue)),
	    TP_fast_assign(memcpy(__entry->name, dev->name, IFNAMSIZ);
			   __entry->queue = queue;),
	    TP_printk("dev=%s queue=%u", __entry->name, __entry->queue));

TRACE_EVENT(snull_poll,
	    TP_PROTO(const struct net_device *dev, int budget, int done),
	    TP_ARGS(dev, budget, done),
	    TP_STRUCT__entry(__array(char, name, IFNAMSIZ)
			     __field(int, budget)
			     __field(int, done)),
	    TP_fast_assign(memcpy(__entry->name, dev->name, IFNAMSIZ);
			   __entry->budget = budget;
			   __entry->done = done;),
	    TP_printk("dev=%s budget=%d done=%d", __entry->name,
		      __entry->budget, __entry->done));

#endif /* _SNULL_TRACE_H */

/* Out of tree: tell define_trace.h where this header lives. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE snull_trace
#include <trace/define_trace.h>
