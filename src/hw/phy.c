// SPDX-License-Identifier: GPL-2.0
/*
 * snull: the PHY at each end of the cable, and the link between them.
 *
 * A card's link is a function of both ends: the cable, both cards' engines
 * (CTRL.EN, not in loopback) and both PHYs' settings.  It is worked out
 * again, for both ends at once, whenever any of those changes, under
 * snull_wire_lock (wire.c), and an end whose link went up or down or
 * changed mode latches SNULL_IRQ_LSC.  Negotiation takes no time.
 */
#include "hw_priv.h"

/* Every mode at @speed, as a mask of SNULL_PHY_ADV bits. */
static u32 snull_phy_modes_at(u32 speed)
{
	u32 mask = 0;
	unsigned int m;

	for (m = 0; m < SNULL_LM_COUNT; m++)
		if (snull_lm_speed(m) == speed)
			mask |= BIT(m);
	return mask;
}

static bool snull_phy_on_wire(const struct snull_hw *hw)
{
	return snull_hw_enabled(hw) && !(READ_ONCE(hw->ctrl) & SNULL_CTRL_LOOP);
}

static u32 snull_phy_up(unsigned int mode)
{
	return SNULL_PHY_STAT_LINK | FIELD_PREP(SNULL_PHY_STAT_MODE, mode);
}

static u32 snull_phy_down(enum snull_phy_why why)
{
	return FIELD_PREP(SNULL_PHY_STAT_WHY, why);
}

/*
 * PHY_STAT of @hw facing @far (NULL: no cable); *lpa gets the partner's
 * advertised modes when the two negotiated.
 */
static u32 snull_phy_resolve(const struct snull_hw *hw,
			     const struct snull_hw *far, u32 *lpa)
{
	bool an = hw->phy_ctrl & SNULL_PHY_CTRL_ANEN;
	unsigned int mode = FIELD_GET(SNULL_PHY_CTRL_MODE, hw->phy_ctrl);
	unsigned int fmode;
	u32 common;

	*lpa = 0;
	if (!snull_phy_on_wire(hw))
		return snull_phy_down(SNULL_PHY_WHY_NONE);
	if (!far)
		return snull_phy_down(SNULL_PHY_WHY_NO_CABLE);
	if (!snull_phy_on_wire(far))
		return snull_phy_down(an ? SNULL_PHY_WHY_NO_PARTNER :
					   SNULL_PHY_WHY_FORCED);

	fmode = FIELD_GET(SNULL_PHY_CTRL_MODE, far->phy_ctrl);
	if (an && (far->phy_ctrl & SNULL_PHY_CTRL_ANEN)) {
		/* Both negotiate: the best mode both advertise. */
		common = hw->phy_adv & far->phy_adv;
		if (!common)
			return snull_phy_down(SNULL_PHY_WHY_NO_HCD);
		*lpa = far->phy_adv;
		return snull_phy_up(fls(common) - 1);
	}
	if (an) {
		/* The far end is forced: link at its mode, if we could too. */
		if (!(hw->phy_adv & snull_phy_modes_at(snull_lm_speed(fmode))))
			return snull_phy_down(SNULL_PHY_WHY_NO_PARTNER);
		return snull_phy_up(fmode);
	}
	if (far->phy_ctrl & SNULL_PHY_CTRL_ANEN) {
		/* We are forced, the far end negotiates. */
		if (!(far->phy_adv & snull_phy_modes_at(snull_lm_speed(mode))))
			return snull_phy_down(SNULL_PHY_WHY_FORCED);
		return snull_phy_up(mode);
	}
	/* Both forced: only the same speed makes a link, as on copper. */
	if (snull_lm_speed(mode) != snull_lm_speed(fmode))
		return snull_phy_down(SNULL_PHY_WHY_FORCED);
	return snull_phy_up(mode);
}

static void snull_phy_set(struct snull_hw *hw, const struct snull_hw *far)
{
	u32 lpa, stat = snull_phy_resolve(hw, far, &lpa);
	u32 old = hw->phy_stat;

	WRITE_ONCE(hw->phy_lpa, lpa);
	WRITE_ONCE(hw->phy_stat, stat);
	if ((old ^ stat) & (SNULL_PHY_STAT_LINK | SNULL_PHY_STAT_MODE))
		snull_hw_raise(&hw->vec[0], SNULL_IRQ_LSC, 0);
}

/* Work out the link of @hw and of its far end.  snull_wire_lock held. */
void snull_phy_update_locked(struct snull_hw *hw)
{
	struct snull_hw *far = snull_wire_far(hw);

	snull_phy_set(hw, far);
	if (far)
		snull_phy_set(far, hw);
}

void snull_phy_update(struct snull_hw *hw)
{
	mutex_lock(&snull_wire_lock);
	snull_phy_update_locked(hw);
	mutex_unlock(&snull_wire_lock);
}

/* PHY register write, process context. */
void snull_phy_write(struct snull_hw *hw, u32 reg, u32 val)
{
	mutex_lock(&snull_wire_lock);
	if (reg == SNULL_PHY_CTRL)
		hw->phy_ctrl = val & (SNULL_PHY_CTRL_ANEN | SNULL_PHY_CTRL_MODE);
	else
		hw->phy_adv = val & hw->phy_sup;
	snull_phy_update_locked(hw);
	mutex_unlock(&snull_wire_lock);
}
