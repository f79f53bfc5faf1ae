# SPDX-License-Identifier: GPL-2.0
#
# snull: a teaching-grade virtual Ethernet driver (out-of-tree module).
# The module is described in Kbuild; this Makefile is the front door.
#
#   make                    build snull.ko against KDIR
#   make clean              remove build products (also .lab/ and results/)
#   make check              install what is missing, run the test suite in
#                           the VM lab on each kernel of KERNELS
#   make check KERNELS=distro                         quick: Debian's 6.1 only
#   make check KERNELS=debug TESTS=tests/core/ping.sh one test, one kernel
#   make check SCALE=0.5                              scale traffic volumes
#   make demo               the book's walkthrough, in a VM
#   make lint               W=1 -Werror, sparse, checkpatch --strict
#   make bench              scripts/bench (performance runs)
#
# KDIR defaults to the running kernel's build dir when it exists, else to
# the headers of Debian's installed linux-image-amd64 (the lab's kernel).

ifneq ($(KERNELRELEASE),)
# Read by kbuild only when there is no Kbuild file: nothing to build.
obj-m :=
else

DISTRO_RELEASE := $(shell dpkg-query -W -f='$${Depends}' linux-image-amd64 2>/dev/null | \
	sed -n 's/^linux-image-\([^ ,]*\).*/\1/p')
RUNNING_KDIR := $(patsubst %/Makefile,%,$(wildcard /lib/modules/$(shell uname -r)/build/Makefile))
KDIR ?= $(or $(RUNNING_KDIR),$(if $(DISTRO_RELEASE),/lib/modules/$(DISTRO_RELEASE)/build))
KERNELS ?= distro debug
TESTS ?=
SCALE ?=

.PHONY: all modules clean check demo lint bench help

all: modules

modules:
	@if [ -z "$(KDIR)" ] || [ ! -e "$(KDIR)/Makefile" ]; then \
		echo "no kernel headers (KDIR='$(KDIR)'): run scripts/deps, or pass KDIR=" >&2; \
		exit 1; \
	fi
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

clean:
	@if [ -n "$(KDIR)" ] && [ -e "$(KDIR)/Makefile" ]; then \
		$(MAKE) -C $(KDIR) M=$(CURDIR) clean; \
	fi
	rm -rf .lab results

check:
	scripts/deps
	scripts/check --kernels "$(KERNELS)" $(if $(SCALE),--scale $(SCALE)) $(TESTS)

demo:
	scripts/deps
	scripts/demo

lint:
	scripts/deps
	scripts/lint

bench:
	@if [ -x scripts/bench ]; then \
		scripts/deps && scripts/bench; \
	else \
		echo "make bench: scripts/bench does not exist yet"; \
	fi

help:
	@sed -n '3,/^$$/{s/^# \{0,1\}//;p}' Makefile

endif
