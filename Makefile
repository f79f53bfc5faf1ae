# SPDX-License-Identifier: GPL-2.0
#
# snull: a teaching-grade virtual Ethernet driver (out-of-tree module).
# The module is described in Kbuild; this Makefile is the front door.
#
#   make                    build snull.ko against KDIR
#   make clean              remove build products (also .lab/ and results/)
#   make check              install what is missing, run the test suite in
#                           the VM lab on every kernel of the matrix (full
#                           on distro and debug, smaller sets elsewhere)
#   make check KERNELS=distro                         quick: Debian's 6.1 only
#   make check KERNELS="bullseye sid"                 two kernels of the matrix
#   make check FULL=1                                 the full suite everywhere
#   make check KERNELS=debug TESTS=tests/core/ping.sh one test, one kernel
#   make check SCALE=0.5                              scale traffic volumes
#   make check JOBS=1                                 one VM per kernel (default 2)
#   make check-host         only the host-side tests (scripts/host-tests)
#   make demo               the book's walkthrough, in a VM
#   make demo KERNEL=sid    the same on another kernel of the matrix
#   make lint               W=1 -Werror, sparse, checkpatch --strict
#   make bench              scripts/bench (performance runs)
#   make skel               the student tree of docs/exercises.md in skel/
#                           (SKEL_DONE=N keeps steps 1..N of the reference)
#   make docs               regenerate docs/datapath.svg from docs/datapath.dot
#   make xdp                the XDP programs of examples/xdp (clang, libbpf-dev)
#
#   make install            build, then install snull.ko (modules_install +
#                           depmod), the iproute2 plugin link_snull.so and
#                           the man page snull.4
#   make uninstall          remove what make install installed
#   make modules_install    only the module (+ depmod)
#   make dkms-src           copy the DKMS source tree to /usr/src/snull-VERSION
#
# KDIR defaults to the running kernel's build dir when it exists, else to
# the headers of Debian's installed linux-image-amd64 (the lab's kernel).
# Install variables: DESTDIR (a staging root, prefixed to everything),
# INSTALL_MOD_PATH (module root, default /; under DESTDIR),
# INSTALL_MOD_DIR (default extra), BUILD_DIR (where snull.ko was built,
# default here), IP_LIBDIR (ip's plugin dir, default: read from ip),
# MANDIR (default /usr/share/man).

ifneq ($(KERNELRELEASE),)
# Read by kbuild only when there is no Kbuild file: nothing to build.
obj-m :=
else

DISTRO_RELEASE := $(shell dpkg-query -W -f='$${Depends}' linux-image-amd64 2>/dev/null | \
	sed -n 's/^linux-image-\([^ ,]*\).*/\1/p')
RUNNING_KDIR := $(patsubst %/Makefile,%,$(wildcard /lib/modules/$(shell uname -r)/build/Makefile))
KDIR ?= $(or $(RUNNING_KDIR),$(if $(DISTRO_RELEASE),/lib/modules/$(DISTRO_RELEASE)/build))
# empty: every kernel of the lab's matrix (scripts/kernels matrix)
KERNELS ?=
FULL ?=
TESTS ?=
SCALE ?=

.PHONY: all modules clean check check-host demo lint bench skel help docs xdp \
	install uninstall modules_install tools_install man_install dkms-src

VERSION := $(shell sed -n 's/^\#define SNULL_DRV_VERSION[[:space:]]*"\(.*\)"/\1/p' include/snull.h)
BUILD_DIR ?= $(CURDIR)
override BUILD_DIR := $(abspath $(BUILD_DIR))
INSTALL_MOD_DIR ?= extra
MANDIR ?= /usr/share/man
# DESTDIR is a staging root in front of every path, INSTALL_MOD_PATH too.
MOD_ROOT = $(abspath $(DESTDIR)$(INSTALL_MOD_PATH))
# The release the module was built for (its vermagic), else the one in
# KDIR's path (/lib/modules/<release>/build), else KDIR's kernel.release.
# (Debian's headers say 6.1.x in kernel.release but install as -amd64.)
SBIN_PATH = PATH="$$PATH:/usr/sbin:/sbin"
DEPMOD ?= $(SBIN_PATH) depmod
KRELEASE ?= $(or $(shell $(SBIN_PATH) modinfo -F vermagic $(BUILD_DIR)/snull.ko 2>/dev/null | cut -d' ' -f1), \
	$(patsubst /lib/modules/%/build,%,$(filter /lib/modules/%/build,$(abspath $(KDIR)))), \
	$(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null))
# iproute2 dlopen()s link_<kind>.so from the library dir compiled into ip
# (Debian: /usr/lib/x86_64-linux-gnu/ip); as scripts/lab finds it.
IP_LIBDIR ?= $(or $(shell grep -ao '/usr/lib[^[:space:][:cntrl:]]*/ip' \
	"$$(PATH=/usr/sbin:/sbin:$$PATH command -v ip)" 2>/dev/null | head -n1),/usr/lib/ip)
# Debian ships no signing key with its headers: do not attempt to sign
# when the configured key is absent (dkms signs with its own MOK key).
SIG_KEY = $(shell sed -n 's/^CONFIG_MODULE_SIG_KEY="\(.*\)"/\1/p' $(KDIR)/.config 2>/dev/null)
NOSIGN = $(if $(SIG_KEY),$(if $(wildcard $(KDIR)/$(SIG_KEY) $(SIG_KEY)),,CONFIG_MODULE_SIG_ALL=))

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
	rm -rf .lab results tools/link_snull.so examples/xdp/*.bpf.o

check:
	scripts/deps
	scripts/check $(if $(KERNELS),--kernels "$(KERNELS)") $(if $(FULL),--full) \
		$(if $(SCALE),--scale $(SCALE)) $(if $(JOBS),--jobs $(JOBS)) $(TESTS)

check-host:
	scripts/deps
	scripts/host-tests --kernels "$(or $(KERNELS),$(shell scripts/kernels matrix))" $(TESTS)

# --- install ---------------------------------------------------------------
# install and modules_install build first, unless BUILD_DIR points to a
# tree built elsewhere (the lab's .lab/build-<kernel>).
modules_install: $(if $(filter $(CURDIR),$(BUILD_DIR)),modules)
	@if [ ! -e "$(BUILD_DIR)/snull.ko" ]; then \
		echo "no $(BUILD_DIR)/snull.ko: run make first" >&2; exit 1; \
	fi
	@if [ -z "$(KRELEASE)" ]; then \
		echo "cannot tell the kernel release: pass KRELEASE=" >&2; exit 1; \
	fi
	$(MAKE) -C $(KDIR) M=$(BUILD_DIR) INSTALL_MOD_PATH=$(MOD_ROOT) \
		INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) $(NOSIGN) modules_install
	$(DEPMOD) $(if $(MOD_ROOT),-b $(MOD_ROOT)) $(KRELEASE)

tools/link_snull.so: tools/link_snull.c
	$(CC) -O2 -Wall -shared -fPIC -o $@ $<

tools_install: tools/link_snull.so
	install -D -m 644 tools/link_snull.so $(DESTDIR)$(IP_LIBDIR)/link_snull.so

man_install:
	install -D -m 644 snull.4 $(DESTDIR)$(MANDIR)/man4/snull.4

install: modules_install tools_install man_install

INSTALLED_KO = $(MOD_ROOT)/lib/modules/$(KRELEASE)/$(INSTALL_MOD_DIR)/snull.ko

uninstall:
	@if [ -z "$(KRELEASE)" ]; then \
		echo "cannot tell the kernel release: pass KRELEASE=" >&2; exit 1; \
	fi
	rm -f $(INSTALLED_KO) $(addprefix $(INSTALLED_KO),.gz .xz .zst)
	-rmdir $(dir $(INSTALLED_KO)) 2>/dev/null
	if [ -d $(MOD_ROOT)/lib/modules/$(KRELEASE) ]; then \
		$(DEPMOD) $(if $(MOD_ROOT),-b $(MOD_ROOT)) $(KRELEASE); \
	fi
	rm -f $(DESTDIR)$(IP_LIBDIR)/link_snull.so
	rm -f $(DESTDIR)$(MANDIR)/man4/snull.4 $(DESTDIR)$(MANDIR)/man4/snull.4.gz

# The sources DKMS builds from: /usr/src/<name>-<version> (dkms.conf).
DKMS_SRC = $(DESTDIR)/usr/src/snull-$(VERSION)
dkms-src:
	@grep -q '^PACKAGE_VERSION="$(VERSION)"' dkms.conf || \
		{ echo "dkms.conf: PACKAGE_VERSION is not $(VERSION) (include/snull.h)" >&2; exit 1; }
	rm -rf $(DKMS_SRC)
	mkdir -p $(DKMS_SRC)
	cp -R dkms.conf Kbuild Makefile LICENSE src include $(DKMS_SRC)/
	find $(DKMS_SRC) \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' \) -delete

docs: docs/datapath.svg

# BPF objects for `ip link set ... xdpdrv obj` and xdp-loader; the lab
# builds the same into each VM (scripts/lab).
XDP_OBJS := $(patsubst %.c,%.o,$(wildcard examples/xdp/*.bpf.c))
xdp: $(XDP_OBJS)

examples/xdp/%.bpf.o: examples/xdp/%.bpf.c
	clang -O2 -g -Wall -target bpf -I/usr/include/$(shell $(CC) -dumpmachine) -c -o $@ $<

docs/datapath.svg: docs/datapath.dot
	dot -Tsvg -o $@.tmp $< && mv $@.tmp $@

demo:
	scripts/deps
	scripts/demo $(if $(KERNEL),--kernel $(KERNEL))

lint:
	scripts/deps
	scripts/lint

skel:
	scripts/skel --out skel $(if $(SKEL_DONE),--done $(SKEL_DONE))

bench:
	@if [ -x scripts/bench ]; then \
		scripts/deps && scripts/bench; \
	else \
		echo "make bench: scripts/bench does not exist yet"; \
	fi

help:
	@sed -n '3,/^$$/{s/^# \{0,1\}//;p}' Makefile

endif
