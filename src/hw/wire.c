// SPDX-License-Identifier: GPL-2.0
/*
 * snull: the cable between two simulated NICs.
 *
 * Each end holds an RCU pointer to the other, read by its TX engine
 * under rcu_read_lock() and written only here, under snull_wire_lock.
 * A cut end sends into nothing: its frames complete with
 * SNULL_DESC_NOCARRIER.  Plugging and unplugging changes the link of
 * both ends (phy.c).
 */
#include "hw_priv.h"

/* The cable's pointers and every card's PHY (phy.c). */
DEFINE_MUTEX(snull_wire_lock);

/* Plug @a and @b together.  Both must be unplugged. */
void snull_wire_connect(struct snull_hw *a, struct snull_hw *b)
{
	mutex_lock(&snull_wire_lock);
	if (!WARN_ON_ONCE(snull_wire_far(a) || snull_wire_far(b))) {
		rcu_assign_pointer(a->far, b);
		rcu_assign_pointer(b->far, a);
		snull_phy_update_locked(a);
	}
	mutex_unlock(&snull_wire_lock);
}

/*
 * Pull the cable out of @hw, and so out of its far end too.  An engine
 * may still hold the old far pointer until an RCU grace period has
 * passed: neither card may be destroyed before that.
 */
void snull_wire_cut(struct snull_hw *hw)
{
	struct snull_hw *far;

	mutex_lock(&snull_wire_lock);
	far = snull_wire_far(hw);
	RCU_INIT_POINTER(hw->far, NULL);
	snull_phy_update_locked(hw);
	if (far) {
		RCU_INIT_POINTER(far->far, NULL);
		snull_phy_update_locked(far);
	}
	mutex_unlock(&snull_wire_lock);
}
