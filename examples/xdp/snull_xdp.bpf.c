// SPDX-License-Identifier: GPL-2.0
/*
 * Small XDP programs for snull's tests and labs, one per ELF section:
 *
 *   ip link set dev sn1 xdp obj snull_xdp.bpf.o sec xdp_drop_udp9
 *   xdp-loader load -m native -s xdp_reflect sn1 snull_xdp.bpf.o
 *
 * Built by "make xdp" (clang -target bpf): see examples/xdp/README.
 *
 *   xdp_pass           every frame to the stack
 *   xdp_drop           every frame dropped
 *   xdp_tx             every frame back out of the port it came in on,
 *                      its MAC addresses swapped (make bench)
 *   xdp_redirect_back  the same with bpf_redirect() to the ingress device
 *   xdp_drop_udp9      drop IPv4 UDP to port 9 (discard), pass the rest
 *   xdp_abort_udp9     the same frames end in XDP_ABORTED (a program bug:
 *                      the xdp:xdp_exception tracepoint fires)
 *   xdp_reflect        answer an IPv4 ping from XDP: the echo request is
 *                      turned into the reply in place and sent back out
 *                      of the port it came in on (XDP_TX); the stack
 *                      never sees it
 *   xdp_reflect_redirect  the same reply, sent with bpf_redirect() to the
 *                      ingress device: the ndo_xdp_xmit path
 *   xdp_redirect_map   every IPv4 ICMP echo request goes out of the
 *                      device in redirect_map[0] (a devmap: fill it with
 *                      bpftool), the rest to the stack
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* linux/icmp.h would pull in the C library's headers: the part used here. */
#define ICMP_ECHOREPLY	0
#define ICMP_ECHO	8

struct icmphdr {
	__u8 type;
	__u8 code;
	__sum16 checksum;
};

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} redirect_map SEC(".maps");

/* The IPv4 header of an Ethernet frame, or NULL; every access checked. */
static __always_inline struct iphdr *ipv4(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);

	if ((void *)(ip + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP) ||
	    ip->ihl != 5)
		return NULL;
	return ip;
}

/* Swap the frame's MAC addresses in place; 0 if it has no header. */
static __always_inline int swap_macs(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	unsigned char mac[ETH_ALEN];

	if ((void *)(eth + 1) > end)
		return 0;
	__builtin_memcpy(mac, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, eth->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, mac, ETH_ALEN);
	return 1;
}

static __always_inline int udp9(struct xdp_md *ctx)
{
	void *end = (void *)(long)ctx->data_end;
	struct iphdr *ip = ipv4(ctx);
	struct udphdr *udp;

	if (!ip || ip->protocol != IPPROTO_UDP)
		return 0;
	udp = (void *)(ip + 1);
	if ((void *)(udp + 1) > end)
		return 0;
	return udp->dest == bpf_htons(9);
}

/* The ICMP header of an IPv4 echo request, or NULL. */
static __always_inline struct icmphdr *echo_request(struct xdp_md *ctx)
{
	void *end = (void *)(long)ctx->data_end;
	struct iphdr *ip = ipv4(ctx);
	struct icmphdr *icmp;

	if (!ip || ip->protocol != IPPROTO_ICMP)
		return NULL;
	icmp = (void *)(ip + 1);
	if ((void *)(icmp + 1) > end || icmp->type != ICMP_ECHO)
		return NULL;
	return icmp;
}

/* Turn an IPv4 echo request into its reply, in place; 0 if not one. */
static __always_inline int echo_reply(struct xdp_md *ctx)
{
	struct icmphdr *icmp = echo_request(ctx);
	struct iphdr *ip;
	__u32 addr, sum;

	if (!icmp || !swap_macs(ctx))
		return 0;
	ip = (struct iphdr *)icmp - 1;	/* checked by echo_request() */
	addr = ip->saddr;
	ip->saddr = ip->daddr;
	ip->daddr = addr;		/* the IP checksum does not change */
	icmp->type = ICMP_ECHOREPLY;
	/* RFC 1624: the type's word went down by 0x0800 (big-endian). */
	sum = (__u16)~icmp->checksum + (__u16)~bpf_htons(ICMP_ECHO << 8) +
	      bpf_htons(ICMP_ECHOREPLY << 8);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	icmp->checksum = ~sum;
	return 1;
}

SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("xdp")
int xdp_drop(struct xdp_md *ctx)
{
	return XDP_DROP;
}

SEC("xdp")
int xdp_tx(struct xdp_md *ctx)
{
	return swap_macs(ctx) ? XDP_TX : XDP_DROP;
}

SEC("xdp")
int xdp_redirect_back(struct xdp_md *ctx)
{
	return swap_macs(ctx) ? bpf_redirect(ctx->ingress_ifindex, 0) :
				XDP_DROP;
}

SEC("xdp")
int xdp_drop_udp9(struct xdp_md *ctx)
{
	return udp9(ctx) ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
int xdp_abort_udp9(struct xdp_md *ctx)
{
	return udp9(ctx) ? XDP_ABORTED : XDP_PASS;
}

SEC("xdp")
int xdp_reflect(struct xdp_md *ctx)
{
	return echo_reply(ctx) ? XDP_TX : XDP_PASS;
}

SEC("xdp")
int xdp_reflect_redirect(struct xdp_md *ctx)
{
	return echo_reply(ctx) ? bpf_redirect(ctx->ingress_ifindex, 0) :
				 XDP_PASS;
}

SEC("xdp")
int xdp_redirect_map(struct xdp_md *ctx)
{
	return echo_request(ctx) ?
		bpf_redirect_map(&redirect_map, 0, XDP_PASS) : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
