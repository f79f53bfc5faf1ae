// SPDX-License-Identifier: GPL-2.0
/*
 * snull-failnth: run one control-path operation with the N-th fault-capable
 * call of this task made to fail (/proc/thread-self/fail-nth, see
 * Documentation/fault-injection/fault-injection.rst), and report whether the
 * fault was injected.  A lab helper for tests/torture/fault-nth.sh: built by
 * scripts/lab (gcc -static) into the guest's /usr/local/bin.
 *
 * The operation is made with the bare syscall (ioctl, netlink, finit_module),
 * everything else (sockets, lookups, opening files) is done before fail-nth
 * is armed, so N counts the kernel's work for the operation only and a sweep
 * N = 1, 2, ... ends exactly when the operation no longer reaches N.
 *
 *   snull-failnth N OP ARGS...
 *	insmod FILE [PARAMS]	finit_module(FILE, PARAMS)
 *	add NAME PEER [NETNS]	RTM_NEWLINK type snull, peer PEER (in NETNS)
 *	del DEV			RTM_DELLINK
 *	netns DEV NETNS		RTM_NEWLINK IFLA_NET_NS_FD (ip link set netns)
 *	up DEV | down DEV	SIOCSIFFLAGS (open / stop)
 *	mtu DEV MTU		SIOCSIFMTU
 *	rings DEV RX TX		ETHTOOL_SRINGPARAM
 *	pflags DEV BITS		ETHTOOL_SPFLAGS
 *	selftest DEV		ETHTOOL_TEST, offline
 *   (NETNS is a name under /run/netns.)
 *
 * Prints one line, "fail-nth N OP: <result>, fault injected" or "...,
 * not reached (K calls)".
 * Exit status: 0 injected and the operation succeeded anyway; 1 injected
 * and the operation failed; 3 not reached (the operation made fewer than N
 * calls; its own result is in the line); 2 usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/ethtool.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SNULL_INFO_PEER	1	/* src/rtnl.c */

static void die(const char *what)
{
	fprintf(stderr, "snull-failnth: %s: %s\n", what, strerror(errno));
	exit(2);
}

/* ---- netlink ------------------------------------------------------------- */

struct nlreq {
	struct nlmsghdr n;
	struct ifinfomsg i;
	char buf[1024];
};

static struct nlattr *nla_put(struct nlmsghdr *n, int type, const void *data,
			      int len)
{
	struct nlattr *a = (struct nlattr *)((char *)n + NLMSG_ALIGN(n->nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	n->nlmsg_len = NLMSG_ALIGN(n->nlmsg_len) + NLA_ALIGN(a->nla_len);
	return a;
}

static void nla_end(struct nlmsghdr *n, struct nlattr *a)
{
	a->nla_len = (char *)n + n->nlmsg_len - (char *)a;
}

static int nl_fd = -1;

static void nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1;

	nl_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (nl_fd < 0 || bind(nl_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("netlink");
	setsockopt(nl_fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
}

static void nl_init(struct nlreq *r, int type, int flags)
{
	memset(r, 0, sizeof(*r));
	r->n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
	r->n.nlmsg_type = type;
	r->n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	r->n.nlmsg_seq = 1;
	r->i.ifi_family = AF_UNSPEC;
}

/* Send and wait for the ack: 0 or -errno. */
static int nl_talk(struct nlreq *r)
{
	static char buf[8192];
	struct nlmsghdr *h;
	ssize_t n;

	if (send(nl_fd, r, r->n.nlmsg_len, 0) < 0)
		return -errno;
	for (;;) {
		n = recv(nl_fd, buf, sizeof(buf), 0);
		if (n < 0)
			return -errno;
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
		}
	}
}

static int netns_fd(const char *name)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die(path);
	return fd;
}

/* ---- the operations ------------------------------------------------------ */

static struct nlreq req;
static struct ifreq ifr;
static int ioc_fd = -1, mod_fd = -1;
static const char *mod_params = "";
static union {
	struct ethtool_ringparam ring;
	struct ethtool_value val;
	struct {
		struct ethtool_test t;
		__u64 data[16];
	} test;
} eth;

static unsigned int ifindex_of(const char *dev)
{
	unsigned int i = if_nametoindex(dev);

	if (!i)
		die(dev);
	return i;
}

static void ioc_prepare(const char *dev)
{
	ioc_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (ioc_fd < 0)
		die("socket");
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
}

static int ioc(unsigned long cmd)
{
	return ioctl(ioc_fd, cmd, &ifr) < 0 ? -errno : 0;
}

/* Set up everything the operation needs; returns the operation code. */
enum { OP_INSMOD, OP_NL, OP_FLAGS, OP_MTU, OP_ETHTOOL };

static int prepare(int argc, char **argv)
{
	const char *op = argv[0];
	struct nlattr *li, *data, *peer;
	struct ifinfomsg pi = { .ifi_family = AF_UNSPEC };

	if (!strcmp(op, "insmod") && argc >= 2) {
		mod_fd = open(argv[1], O_RDONLY | O_CLOEXEC);
		if (mod_fd < 0)
			die(argv[1]);
		if (argc >= 3)
			mod_params = argv[2];
		return OP_INSMOD;
	}
	if (!strcmp(op, "add") && argc >= 3) {
		nl_open();
		nl_init(&req, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
		nla_put(&req.n, IFLA_IFNAME, argv[1], strlen(argv[1]) + 1);
		li = nla_put(&req.n, IFLA_LINKINFO, NULL, 0);
		nla_put(&req.n, IFLA_INFO_KIND, "snull", 6);
		data = nla_put(&req.n, IFLA_INFO_DATA, NULL, 0);
		peer = nla_put(&req.n, SNULL_INFO_PEER, &pi, sizeof(pi));
		nla_put(&req.n, IFLA_IFNAME, argv[2], strlen(argv[2]) + 1);
		if (argc >= 4) {
			int fd = netns_fd(argv[3]);

			nla_put(&req.n, IFLA_NET_NS_FD, &fd, sizeof(fd));
		}
		nla_end(&req.n, peer);
		nla_end(&req.n, data);
		nla_end(&req.n, li);
		return OP_NL;
	}
	if (!strcmp(op, "del") && argc >= 2) {
		nl_open();
		nl_init(&req, RTM_DELLINK, 0);
		req.i.ifi_index = ifindex_of(argv[1]);
		return OP_NL;
	}
	if (!strcmp(op, "netns") && argc >= 3) {
		int fd = netns_fd(argv[2]);

		nl_open();
		nl_init(&req, RTM_NEWLINK, 0);
		req.i.ifi_index = ifindex_of(argv[1]);
		nla_put(&req.n, IFLA_NET_NS_FD, &fd, sizeof(fd));
		return OP_NL;
	}
	if ((!strcmp(op, "up") || !strcmp(op, "down")) && argc >= 2) {
		ioc_prepare(argv[1]);
		if (ioc(SIOCGIFFLAGS))
			die("SIOCGIFFLAGS");
		if (op[0] == 'u')
			ifr.ifr_flags |= IFF_UP;
		else
			ifr.ifr_flags &= ~IFF_UP;
		return OP_FLAGS;
	}
	if (!strcmp(op, "mtu") && argc >= 3) {
		ioc_prepare(argv[1]);
		ifr.ifr_mtu = atoi(argv[2]);
		return OP_MTU;
	}
	if (!strcmp(op, "rings") && argc >= 4) {
		ioc_prepare(argv[1]);
		ifr.ifr_data = (void *)&eth;
		eth.ring.cmd = ETHTOOL_GRINGPARAM;
		if (ioc(SIOCETHTOOL))
			die("ETHTOOL_GRINGPARAM");
		eth.ring.cmd = ETHTOOL_SRINGPARAM;
		eth.ring.rx_pending = atoi(argv[2]);
		eth.ring.tx_pending = atoi(argv[3]);
		return OP_ETHTOOL;
	}
	if (!strcmp(op, "pflags") && argc >= 3) {
		ioc_prepare(argv[1]);
		ifr.ifr_data = (void *)&eth;
		eth.val.cmd = ETHTOOL_SPFLAGS;
		eth.val.data = strtoul(argv[2], NULL, 0);
		return OP_ETHTOOL;
	}
	if (!strcmp(op, "selftest") && argc >= 2) {
		ioc_prepare(argv[1]);
		ifr.ifr_data = (void *)&eth;
		eth.test.t.cmd = ETHTOOL_TEST;
		eth.test.t.flags = ETH_TEST_FL_OFFLINE;
		return OP_ETHTOOL;
	}
	return -1;
}

static int run_op(int op)
{
	switch (op) {
	case OP_INSMOD:
		return syscall(SYS_finit_module, mod_fd, mod_params, 0) < 0 ?
			-errno : 0;
	case OP_NL:
		return nl_talk(&req);
	case OP_FLAGS:
		return ioc(SIOCSIFFLAGS);
	case OP_MTU:
		return ioc(SIOCSIFMTU);
	case OP_ETHTOOL:
		if (ioc(SIOCETHTOOL))
			return -errno;
		if (eth.test.t.cmd == ETHTOOL_TEST &&
		    (eth.test.t.flags & ETH_TEST_FL_FAILED))
			return -EIO;
		return 0;
	}
	return -EINVAL;
}

int main(int argc, char **argv)
{
	char buf[32];
	unsigned long n;
	int op, fd, rc, left;
	ssize_t len;

	if (argc < 3 || (op = prepare(argc - 2, argv + 2)) < 0) {
		fprintf(stderr, "usage: snull-failnth N OP ARGS... (see the source)\n");
		return 2;
	}
	n = strtoul(argv[1], NULL, 0);
	fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		die("/proc/thread-self/fail-nth");
	len = snprintf(buf, sizeof(buf), "%lu", n);
	if (write(fd, buf, len) != len)
		die("arming fail-nth");

	rc = run_op(op);

	len = pread(fd, buf, sizeof(buf) - 1, 0);
	if (len < 0)
		die("reading fail-nth");
	buf[len] = 0;
	left = atoi(buf);
	if (write(fd, "0", 1) != 1)	/* disarm */
		die("disarming fail-nth");

	if (left)
		printf("fail-nth %lu %s: %s, not reached (%lu calls)\n", n,
		       argv[2], rc ? strerror(-rc) : "ok", n - left);
	else
		printf("fail-nth %lu %s: %s, fault injected\n", n, argv[2],
		       rc ? strerror(-rc) : "ok");
	if (left)
		return 3;
	return rc ? 1 : 0;
}
