/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snull: the simulated NIC's tracepoints (system "snull", beside the
 * driver's in snull_trace.h).  A device is named by the name its
 * configuration gave it, which the driver points at the interface name.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM snull

#if !defined(_SNULL_HW_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _SNULL_HW_TRACE_H

#include <linux/tracepoint.h>

#define SNULL_HW_TRACE_NAME	16

TRACE_EVENT(snull_dma,
	    TP_PROTO(const char *from, const char *to, unsigned int len,
		     bool zerocopy),
	    TP_ARGS(from, to, len, zerocopy),
	    TP_STRUCT__entry(__array(char, from, SNULL_HW_TRACE_NAME)
			     __array(char, to, SNULL_HW_TRACE_NAME)
			     __field(unsigned int, len)
			     __field(bool, zerocopy)),
	    TP_fast_assign(strscpy(__entry->from, from, SNULL_HW_TRACE_NAME);
			   strscpy(__entry->to, to, SNULL_HW_TRACE_NAME);
			   __entry->len = len;
			   __entry->zerocopy = zerocopy;),
	    TP_printk("%s -> %s len=%u %s", __entry->from, __entry->to,
		      __entry->len, __entry->zerocopy ? "zerocopy" : "copy"));

/* causes: the SNULL_IRQ_* bits latched (1 = RX, 2 = TX, 4 = link) */
TRACE_EVENT(snull_irq_raise,
	    TP_PROTO(const char *name, u32 causes),
	    TP_ARGS(name, causes),
	    TP_STRUCT__entry(__array(char, name, SNULL_HW_TRACE_NAME)
			     __field(u32, causes)),
	    TP_fast_assign(strscpy(__entry->name, name, SNULL_HW_TRACE_NAME);
			   __entry->causes = causes;),
	    TP_printk("dev=%s causes=%#x", __entry->name, __entry->causes));

/* index: TX ring index of the descriptor the engine hung on */
TRACE_EVENT(snull_tx_hang,
	    TP_PROTO(const char *name, u32 index),
	    TP_ARGS(name, index),
	    TP_STRUCT__entry(__array(char, name, SNULL_HW_TRACE_NAME)
			     __field(u32, index)),
	    TP_fast_assign(strscpy(__entry->name, name, SNULL_HW_TRACE_NAME);
			   __entry->index = index;),
	    TP_printk("dev=%s index=%u", __entry->name, __entry->index));

#endif /* _SNULL_HW_TRACE_H */

/* Out of tree: tell define_trace.h where this header lives. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE snull_hw_trace
#include <trace/define_trace.h>
