// SPDX-License-Identifier: GPL-2.0
/*
 * link_snull.so: the iproute2 plugin that teaches `ip` the "peer" keyword
 * for snull, exactly as ip/link_veth.c does for veth:
 *
 *	ip link add sn10 type snull peer name sn11 [netns NS] [address MAC]
 *
 * `ip` dlopen()s <IP_LIB_DIR>/link_<kind>.so for kinds it does not know
 * and looks up "<kind>_link_util".  Debian's ip exports its helpers
 * (iplink_parse, addattr_nest, ...), which this plugin calls.  The struct
 * below mirrors iproute2's struct link_util (ip/ip_common.h); only the
 * leading members, stable since iproute2 3.x, are used.
 */
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#define SNULL_INFO_PEER	1	/* same as VETH_INFO_PEER, see src/rtnl.c */

struct rtattr;

struct link_util {
	struct link_util *next;
	const char *id;
	int maxattr;
	int (*parse_opt)(struct link_util *lu, int argc, char **argv,
			 struct nlmsghdr *n);
	void (*print_opt)(struct link_util *lu, FILE *f, struct rtattr *tb[]);
	void (*print_xstats)(struct link_util *lu, FILE *f,
			     struct rtattr *xstats);
	void (*print_help)(struct link_util *lu, int argc, char **argv,
			   FILE *f);
	int (*parse_ifla_xstats)(struct link_util *lu, int argc, char **argv);
	int (*print_ifla_xstats)(struct nlmsghdr *n, void *arg);
};

/* Exported by Debian's /usr/sbin/ip (linked with -rdynamic). */
struct iplink_req;
int iplink_parse(int argc, char **argv, struct iplink_req *req, char **type);
struct rtattr *addattr_nest(struct nlmsghdr *n, int maxlen, int type);
int addattr_nest_end(struct nlmsghdr *n, struct rtattr *nest);
void duparg(const char *key, const char *arg);

static void snull_print_help(struct link_util *lu, int argc, char **argv,
			     FILE *f)
{
	fprintf(f, "Usage: ip link <options> type snull [peer <options>]\n"
		   "To get <options> type 'ip link add help'\n");
}

static int snull_parse_opt(struct link_util *lu, int argc, char **argv,
			   struct nlmsghdr *n)
{
	unsigned int ifi_flags, ifi_change, ifi_index;
	struct ifinfomsg *ifm, *peer_ifm;
	struct rtattr *data;
	char *type = NULL;
	int err;

	if (strcmp(argv[0], "peer") != 0) {
		snull_print_help(lu, argc, argv, stderr);
		return -1;
	}

	/* Parse the peer's options into a nested ifinfomsg, as veth. */
	ifm = NLMSG_DATA(n);
	ifi_flags = ifm->ifi_flags;
	ifi_change = ifm->ifi_change;
	ifi_index = ifm->ifi_index;
	ifm->ifi_flags = 0;
	ifm->ifi_change = 0;
	ifm->ifi_index = 0;

	data = addattr_nest(n, 1024, SNULL_INFO_PEER);
	n->nlmsg_len += sizeof(struct ifinfomsg);

	err = iplink_parse(argc - 1, argv + 1, (struct iplink_req *)n, &type);
	if (err < 0)
		return err;
	if (type)
		duparg("type", argv[err]);

	peer_ifm = RTA_DATA(data);
	peer_ifm->ifi_index = ifm->ifi_index;
	peer_ifm->ifi_flags = ifm->ifi_flags;
	peer_ifm->ifi_change = ifm->ifi_change;
	ifm->ifi_flags = ifi_flags;
	ifm->ifi_change = ifi_change;
	ifm->ifi_index = ifi_index;

	addattr_nest_end(n, data);
	return argc - 1 - err;
}

struct link_util snull_link_util = {
	.id		= "snull",
	.parse_opt	= snull_parse_opt,
	.print_help	= snull_print_help,
};
