// SPDX-License-Identifier: GPL-2.0
/*
 * snull: debugfs, /sys/kernel/debug/snull/<dev>/, in the netdevsim way:
 *
 *   regs              the simulated NIC's registers (as ethtool -d)
 *   rings             ring sizes, indices and occupancy
 *   stats             every counter (as ethtool -S)
 *   drop_permille     fault: the receiver drops this many frames in 1000
 *   corrupt_permille  fault: flip one bit in this many received frames
 *   delay_us          fault: extra delay before every interrupt
 *   stall_tx          fault: 1 = the TX engine hangs (the watchdog resets
 *                     it, and it hangs again while this stays 1)
 *
 * Fault knobs refuse values out of range with -EINVAL.  The directory
 * follows renames; a name already taken (same name in another netns)
 * gets the ifindex appended.
 */
#include <linux/debugfs.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/ethtool.h>

#include "snull.h"

static struct dentry *snull_debugfs_root;

static int snull_regs_show(struct seq_file *m, void *v)
{
	struct snull_priv *priv = m->private;
	struct snull_regs r;

	snull_read_regs(priv, &r);
	seq_printf(m, "irq_status  %#x\nirq_mask    %#x\nrx_ctl      %#x\n",
		   r.irq_status, r.irq_mask, r.rx_ctl);
	seq_printf(m, "running     %u\ntx_hung     %u\n", r.running, r.tx_hung);
	seq_printf(m, "mc_hash     %08x%08x\n", r.mc_hash_hi, r.mc_hash_lo);
	seq_printf(m, "rx_usecs    %u\nrx_frames   %u\ntx_usecs    %u\n",
		   r.rx_usecs, r.rx_frames, r.tx_usecs);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(snull_regs);

static int snull_rings_show(struct seq_file *m, void *v)
{
	struct snull_priv *priv = m->private;
	struct snull_regs r;
	u32 i;

	snull_read_regs(priv, &r);
	seq_printf(m, "tx size %u head %u done %u clean %u in_flight %u\n",
		   r.tx_size, r.tx_head, r.tx_done, r.tx_clean,
		   r.tx_head - r.tx_clean);
	seq_printf(m, "rx size %u buf_len %u posted %u filled %u next %u waiting %u\n",
		   r.rx_size, r.rx_buf_len, r.rx_posted, r.rx_filled,
		   r.rx_next, r.rx_filled - r.rx_next);
	/* The other queue pairs in use: "txN", "rxN", the same fields. */
	for (i = 1; i < READ_ONCE(priv->num_queues); i++) {
		const struct snull_queue *q = &priv->queues[i];
		u32 head = READ_ONCE(q->tx_next), clean = READ_ONCE(q->tx_clean);
		u32 next = READ_ONCE(q->rx_next), filled;

		seq_printf(m, "tx%u size %u head %u done %u clean %u in_flight %u\n",
			   i, snull_q_rd32(q, SNULL_TDLEN), head,
			   snull_q_rd32(q, SNULL_TDH), clean, head - clean);
		filled = snull_q_rd32(q, SNULL_RDH);
		seq_printf(m, "rx%u size %u buf_len %u posted %u filled %u next %u waiting %u\n",
			   i, snull_q_rd32(q, SNULL_RDLEN),
			   snull_q_rd32(q, SNULL_RXBUF),
			   snull_q_rd32(q, SNULL_RDT), filled, next,
			   filled - next);
	}
	/* Sets the stack has had: up, a resize or an MTU change make one;
	 * a reset or the self-test keeps them.
	 */
	seq_printf(m, "allocated %u\n", READ_ONCE(priv->rings_allocated));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(snull_rings);

/* The ethtool -S table, so the two never disagree. */
static int snull_stats_show(struct seq_file *m, void *v)
{
	struct snull_priv *priv = m->private;
	const struct ethtool_ops *ops = priv->dev->ethtool_ops;
	int i, n = ops->get_sset_count(priv->dev, ETH_SS_STATS);
	struct ethtool_stats es = { .n_stats = n };
	u8 *names;
	u64 *vals;

	names = kcalloc(n, ETH_GSTRING_LEN, GFP_KERNEL);
	vals = kcalloc(n, sizeof(*vals), GFP_KERNEL);
	if (names && vals) {
		ops->get_strings(priv->dev, ETH_SS_STATS, names);
		ops->get_ethtool_stats(priv->dev, &es, vals);
		for (i = 0; i < n; i++)
			seq_printf(m, "%-.32s %llu\n",
				   names + i * ETH_GSTRING_LEN, vals[i]);
	}
	kfree(names);
	kfree(vals);
	return names && vals ? 0 : -ENOMEM;
}
DEFINE_SHOW_ATTRIBUTE(snull_stats);

/*
 * Fault knobs: the device's fault-injection registers, each with an upper
 * bound.  Each file's data is one of priv->fault_knobs.
 */
static int snull_fault_get(void *data, u64 *val)
{
	const struct snull_fault_knob *k = data;

	*val = snull_rd32(k->priv, k->reg);
	return 0;
}

static int snull_fault_set(void *data, u64 val)
{
	const struct snull_fault_knob *k = data;

	if (val > k->max)
		return -EINVAL;
	snull_wr32(k->priv, k->reg, val);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(snull_fault_fops, snull_fault_get, snull_fault_set,
			 "%llu\n");

static const struct {
	const char *name;
	u32 reg;
	u32 max;
} snull_faults[SNULL_FAULT_KNOBS] = {
	{ "drop_permille",	SNULL_FAULT_DROP,	1000 },
	{ "corrupt_permille",	SNULL_FAULT_CORRUPT,	1000 },
	{ "delay_us",		SNULL_FAULT_DELAY,	SNULL_COALESCE_MAX_USECS },
	{ "stall_tx",		SNULL_FAULT_STALL,	1 },
};

/*
 * "cable": 1 while the pair's cable is plugged in.  Writing 0 pulls it
 * out (both ends see "No cable"), 1 plugs it back.  The cable belongs to
 * the pair, so the two ends' files say the same.  rtnl as every
 * configuration path; trylock, as sysfs does, because a rename (under
 * rtnl) removes this file and waits for its readers and writers.
 */
static int snull_cable_get(void *data, u64 *val)
{
	struct snull_priv *priv = data;

	*val = !READ_ONCE(priv->unplugged);
	return 0;
}

static int snull_cable_set(void *data, u64 val)
{
	struct snull_priv *priv = data;
	struct snull_priv *ppriv;
	struct net_device *peer;

	if (val > 1)
		return -EINVAL;
	if (!rtnl_trylock())
		return restart_syscall();
	peer = rtnl_dereference(priv->peer);
	if (peer && val == priv->unplugged) {
		ppriv = netdev_priv(peer);
		if (val)
			snull_wire_connect(priv->hw, ppriv->hw);
		else
			snull_wire_cut(priv->hw);
		WRITE_ONCE(priv->unplugged, !val);
		WRITE_ONCE(ppriv->unplugged, !val);
		netif_info(priv, link, priv->dev, "cable %s\n",
			   val ? "plugged in" : "pulled out");
	}
	rtnl_unlock();
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(snull_cable_fops, snull_cable_get, snull_cable_set,
			 "%llu\n");

/* The directory name: the device name, unless another netns took it. */
static struct dentry *snull_debugfs_dir(struct snull_priv *priv)
{
	char name[IFNAMSIZ + 12];
	struct dentry *d;

	d = debugfs_lookup(priv->dev->name, snull_debugfs_root);
	if (!d)
		return debugfs_create_dir(priv->dev->name, snull_debugfs_root);
	dput(d);
	snprintf(name, sizeof(name), "%s-%d", priv->dev->name,
		 priv->dev->ifindex);
	return debugfs_create_dir(name, snull_debugfs_root);
}

/* rtnl held, after register_netdevice(); failures only lose debugfs. */
void snull_debugfs_add(struct snull_priv *priv)
{
	struct dentry *dir = snull_debugfs_dir(priv);
	unsigned int i;

	ASSERT_RTNL();
	if (IS_ERR(dir))
		return;
	priv->debugfs = dir;
	debugfs_create_file("regs", 0400, dir, priv, &snull_regs_fops);
	debugfs_create_file("rings", 0400, dir, priv, &snull_rings_fops);
	debugfs_create_file("stats", 0400, dir, priv, &snull_stats_fops);
	debugfs_create_file_unsafe("cable", 0600, dir, priv, &snull_cable_fops);
	for (i = 0; i < SNULL_FAULT_KNOBS; i++) {
		struct snull_fault_knob *k = &priv->fault_knobs[i];

		k->priv = priv;
		k->reg = snull_faults[i].reg;
		k->max = snull_faults[i].max;
		debugfs_create_file_unsafe(snull_faults[i].name, 0600, dir, k,
					   &snull_fault_fops);
	}
}

/* From the destructor: waits for open files' handlers to finish. */
void snull_debugfs_del(struct snull_priv *priv)
{
	debugfs_remove_recursive(priv->debugfs);
	priv->debugfs = NULL;
}

/* Keep the directory named after the device. */
static int snull_netdev_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct snull_priv *priv;

	if (event != NETDEV_CHANGENAME || dev->netdev_ops != &snull_netdev_ops)
		return NOTIFY_DONE;
	priv = netdev_priv(dev);
	snull_debugfs_del(priv);
	snull_debugfs_add(priv);
	return NOTIFY_DONE;
}

static struct notifier_block snull_netdev_notifier = {
	.notifier_call = snull_netdev_event,
};

int snull_debugfs_init(void)
{
	snull_debugfs_root = debugfs_create_dir(SNULL_DRV_NAME, NULL);
	return register_netdevice_notifier(&snull_netdev_notifier);
}

void snull_debugfs_exit(void)
{
	unregister_netdevice_notifier(&snull_netdev_notifier);
	debugfs_remove_recursive(snull_debugfs_root);
}
