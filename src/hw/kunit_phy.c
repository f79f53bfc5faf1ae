// SPDX-License-Identifier: GPL-2.0
/* snull: the KUnit module's own copy of the device's phy.c. */
#define SNULL_HW_KUNIT
#include "phy.c"
