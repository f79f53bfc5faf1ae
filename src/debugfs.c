// SPDX-License-Identifier: GPL-2.0
/*
 * snull: debugfs, /sys/kernel/debug/snull/<dev>/ (placeholder until the
 * debugfs issue lands: directories only).
 */
#include <linux/debugfs.h>

#include "snull.h"

static struct dentry *snull_debugfs_root;

void snull_debugfs_init(void)
{
	snull_debugfs_root = debugfs_create_dir(SNULL_DRV_NAME, NULL);
}

void snull_debugfs_exit(void)
{
	debugfs_remove_recursive(snull_debugfs_root);
}

void snull_debugfs_add(struct snull_priv *priv)
{
	priv->debugfs = debugfs_create_dir(priv->dev->name,
					   snull_debugfs_root);
}

void snull_debugfs_del(struct snull_priv *priv)
{
	debugfs_remove_recursive(priv->debugfs);
	priv->debugfs = NULL;
}
