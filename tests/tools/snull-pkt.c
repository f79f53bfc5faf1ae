// SPDX-License-Identifier: GPL-2.0
/*
 * snull-pkt: put hand-made Ethernet frames on one end of a snull pair with a
 * packet socket and check what comes out of the other end.  A lab helper for
 * tests/torture/malformed.sh: scripts/lab builds it (gcc -static) into the
 * guest's /usr/local/bin; it is never committed as a binary.
 *
 *   snull-pkt malformed TXDEV RXDEV [--flip] [--seed S] [--fuzz N]
 *	Sends a fixed list of malformed frames (runts, a bare Ethernet
 *	header, truncated and bad IPv4 headers, truncated TCP/UDP headers,
 *	fragments, bad checksums) and then N random frames, each addressed
 *	so the receiver's filter passes it, and checks every one on RXDEV:
 *	it arrives once, with its length, and with every byte as sent except
 *	what the wire may change.  With --flip (the book's mode) the wire may
 *	rewrite the destination MAC and, only in a complete IPv4 header, the
 *	third octet of both addresses, with the IPv4 and TCP/UDP checksums
 *	adjusted consistently (a checksum that was wrong stays exactly as
 *	wrong).  Frames shorter than an Ethernet header must be refused by
 *	the kernel (EINVAL) before they reach a driver.
 *   snull-pkt send TXDEV LEN COUNT [DSTMAC]
 *	Sends COUNT frames of LEN bytes (local experimental ethertype) to
 *	DSTMAC (default: TXDEV's peer is unknown here, so broadcast).
 *   snull-pkt udp0 SRC DST DPORT COUNT
 *	Sends COUNT UDP datagrams from IPv4 address SRC to DST:DPORT through
 *	an ordinary UDP socket, so the stack leaves the checksum to the
 *	device when TX checksum offload is on.  The source port is chosen so
 *	that the datagram's checksum folds to zero, which RFC 768 says goes
 *	on the wire as 0xFFFF (0 means "no checksum").  Prints that port.
 *
 * Exit status: 0 all good, 1 a check failed, 2 usage or setup error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXFRAME	9100
#define MARK0		0x02	/* source MAC 02:7e:57:00:ID:ID marks our frames */
#define MARK1		0x7e
#define MARK2		0x57

static int tx_fd = -1, rx_fd = -1, tx_ifindex, rx_ifindex;
static unsigned char tx_mac[6], rx_mac[6], dst_mac[6];
static int flip, rx_mtu;
static unsigned int id_next;

static void die(const char *what)
{
	fprintf(stderr, "snull-pkt: %s: %s\n", what, strerror(errno));
	exit(2);
}

static uint64_t rng_state;

static uint32_t rnd(void)
{
	/* xorshift64*: small, seedable, the same sequence everywhere */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static void if_info(const char *name, int *ifindex, unsigned char *mac,
		    int *mtu)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		die("socket");
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0)
		die(name);
	*ifindex = ifr.ifr_ifindex;
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0)
		die(name);
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	if (mtu) {
		if (ioctl(fd, SIOCGIFMTU, &ifr) < 0)
			die(name);
		*mtu = ifr.ifr_mtu;
	}
	close(fd);
}

static int open_tx(const char *dev)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };

	if_info(dev, &tx_ifindex, tx_mac, NULL);
	tx_fd = socket(AF_PACKET, SOCK_RAW, 0);	/* protocol 0: send only */
	if (tx_fd < 0)
		die("packet socket");
	sll.sll_ifindex = tx_ifindex;
	if (bind(tx_fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		die("bind tx");
	return 0;
}

static void open_rx(const char *dev)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	int sz = 4 << 20;

	if_info(dev, &rx_ifindex, rx_mac, &rx_mtu);
	rx_fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (rx_fd < 0)
		die("packet socket");
	setsockopt(rx_fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = rx_ifindex;
	if (bind(rx_fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		die("bind rx");
}

/* Send one frame; returns 0 or the errno of sendto(). */
static int send_frame(const unsigned char *f, size_t len)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_ifindex = tx_ifindex,
		.sll_halen = 6,
	};

	if (len >= 6)
		memcpy(sll.sll_addr, f, 6);
	if (sendto(tx_fd, f, len, 0, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		return errno;
	return 0;
}

/* Wait up to @ms for our frame with marker @id on the RX socket. */
static ssize_t recv_frame(unsigned int id, unsigned char *buf, int ms)
{
	struct timespec t0, t;
	struct pollfd p = { .fd = rx_fd, .events = POLLIN };

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct sockaddr_ll from;
		socklen_t fl = sizeof(from);
		ssize_t n;
		int left;

		clock_gettime(CLOCK_MONOTONIC, &t);
		left = ms - (int)((t.tv_sec - t0.tv_sec) * 1000 +
				  (t.tv_nsec - t0.tv_nsec) / 1000000);
		if (left <= 0)
			return -1;
		if (poll(&p, 1, left) <= 0)
			continue;
		n = recvfrom(rx_fd, buf, MAXFRAME, MSG_DONTWAIT,
			     (struct sockaddr *)&from, &fl);
		if (n < 12 || from.sll_pkttype == PACKET_OUTGOING)
			continue;
		if (buf[6] != MARK0 || buf[7] != MARK1 || buf[8] != MARK2)
			continue;
		if (((unsigned int)buf[10] << 8 | buf[11]) != (id & 0xffff))
			continue;	/* a late copy of an earlier frame */
		return n;
	}
}

/* One's complement sum, folded to 16 bits (0 and 0xffff both mean 0). */
static uint32_t sum16(const unsigned char *p, size_t len, uint32_t s)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		s += (uint32_t)p[len - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return s;
}

static int sum_eq(uint32_t a, uint32_t b)
{
	if (a == 0xffff)
		a = 0;
	if (b == 0xffff)
		b = 0;
	return a == b;
}

/*
 * Where the wire may change a frame: the driver's rule, see snull_flip().
 * Returns the IPv4 header length, or 0 if the frame must pass untouched.
 */
static unsigned int flippable(const unsigned char *f, size_t len)
{
	unsigned int ihl;

	if (len < 14 + 20 || f[12] != 0x08 || f[13] != 0x00)
		return 0;
	ihl = (f[14] & 0x0f) * 4;
	if ((f[14] >> 4) != 4 || ihl < 20 || len < 14 + ihl)
		return 0;
	return ihl;
}

/* Offset of the L4 checksum the wire adjusts, or 0. */
static size_t l4_check_at(const unsigned char *f, size_t len, unsigned int ihl)
{
	size_t l4 = 14 + ihl;

	if ((f[14 + 6] & 0x1f) || f[14 + 7])	/* not the first fragment */
		return 0;
	if (f[14 + 9] == 6 && len >= l4 + 20)
		return l4 + 16;
	if (f[14 + 9] == 17 && len >= l4 + 8 && (f[l4 + 6] || f[l4 + 7]))
		return l4 + 6;
	return 0;
}

/* Sum of both addresses and the L4 bytes present: the flip preserves it. */
static uint32_t l4_sum(const unsigned char *f, size_t len, unsigned int ihl)
{
	uint32_t s = sum16(f + 14 + 12, 8, 0);

	return sum16(f + 14 + ihl, len - 14 - ihl, s);
}

/* Check one received frame @r against the sent frame @s. */
static const char *verify(const unsigned char *s, const unsigned char *r,
			  size_t len)
{
	unsigned int ihl = flip ? flippable(s, len) : 0;
	size_t i, l4c = ihl ? l4_check_at(s, len, ihl) : 0;

	if (memcmp(r, rx_mac, 6) && memcmp(r, s, 6))
		return "destination MAC neither kept nor the receiver's";
	for (i = 6; i < len; i++) {
		int may_change = 0;

		if (ihl) {
			/* third octet of saddr/daddr, the IP checksum */
			if (i == 14 + 12 + 2 || i == 14 + 16 + 2 ||
			    i == 14 + 10 || i == 14 + 11)
				may_change = 1;
			if (l4c && (i == l4c || i == l4c + 1))
				may_change = 1;
		}
		if (!may_change && r[i] != s[i])
			return "a byte the wire must not touch changed";
	}
	if (!ihl)
		return NULL;
	if ((r[14 + 14] ^ s[14 + 14]) != 1 || (r[14 + 18] ^ s[14 + 18]) != 1)
		return "third octets of the IPv4 addresses not flipped";
	if (!sum_eq(sum16(r + 14, ihl, 0), sum16(s + 14, ihl, 0)))
		return "IPv4 header checksum not adjusted consistently";
	if (l4c && !sum_eq(l4_sum(r, len, ihl), l4_sum(s, len, ihl)))
		return "TCP/UDP checksum not adjusted consistently";
	return NULL;
}

/* Fill in the marker and send; check what arrives.  Returns 0 if good. */
static int run_case(const char *name, unsigned char *f, size_t len)
{
	static unsigned char r[MAXFRAME];
	unsigned int id = ++id_next;
	const char *bad;
	ssize_t n;
	int err;

	if (len >= 12) {
		f[6] = MARK0;
		f[7] = MARK1;
		f[8] = MARK2;
		f[9] = 0;
		f[10] = id >> 8;
		f[11] = id;
	}
	err = send_frame(f, len);
	if (len < ETH_HLEN) {
		/* The packet socket checks dev->min_header_len first. */
		if (err == EINVAL) {
			printf("ok   %-34s %4zu bytes: refused by the kernel (EINVAL)\n",
			       name, len);
			return 0;
		}
		printf("FAIL %-34s %4zu bytes: sendto gave %s, expected EINVAL\n",
		       name, len, err ? strerror(err) : "success");
		return 1;
	}
	if (err) {
		printf("FAIL %-34s %4zu bytes: sendto: %s\n", name, len,
		       strerror(err));
		return 1;
	}
	n = recv_frame(id, r, 2000);
	if (n < 0) {
		printf("FAIL %-34s %4zu bytes: never arrived\n", name, len);
		return 1;
	}
	if ((size_t)n != len) {
		printf("FAIL %-34s %4zu bytes: arrived with %zd bytes\n", name,
		       len, n);
		return 1;
	}
	bad = verify(f, r, len);
	if (bad) {
		size_t i;

		printf("FAIL %-34s %4zu bytes: %s\n  sent:", name, len, bad);
		for (i = 0; i < len && i < 64; i++)
			printf(" %02x", f[i]);
		printf("\n  got: ");
		for (i = 0; i < len && i < 64; i++)
			printf(" %02x", r[i]);
		printf("\n");
		return 1;
	}
	return 0;
}

/* A well-formed IPv4/UDP frame of @len bytes (len >= 42). */
static void ip_frame(unsigned char *f, size_t len, int proto)
{
	size_t i;
	uint16_t tot = len - 14, c;

	memset(f, 0, len);
	memcpy(f, flip ? tx_mac : rx_mac, 6);	/* book mode: own MAC */
	f[12] = 0x08;
	f[13] = 0x00;
	f[14] = 0x45;
	f[14 + 2] = tot >> 8;
	f[14 + 3] = tot;
	f[14 + 8] = 64;
	f[14 + 9] = proto;
	/* 192.168.0.1 -> 192.168.0.2: local0 -> remote0 */
	f[14 + 12] = 192; f[14 + 13] = 168; f[14 + 14] = 0; f[14 + 15] = 1;
	f[14 + 16] = 192; f[14 + 17] = 168; f[14 + 18] = 0; f[14 + 19] = 2;
	for (i = 34; i < len; i++)
		f[i] = i * 7;
	if (proto == 17 && len >= 42) {
		f[34] = 0x30; f[35] = 0x39;	/* ports 12345 -> 9 */
		f[36] = 0; f[37] = 9;
		f[38] = (len - 34) >> 8;
		f[39] = len - 34;
		f[40] = f[41] = 0;
		c = ~sum16(f + 34, len - 34,
			   sum16(f + 26, 8, 17 + (len - 34)));
		f[40] = c >> 8;
		f[41] = c;
		if (!f[40] && !f[41])
			f[40] = f[41] = 0xff;
	}
	c = ~sum16(f + 14, 20, 0);
	f[24] = c >> 8;
	f[25] = c;
}

static void fix_ip_csum(unsigned char *f)
{
	unsigned int ihl = (f[14] & 0x0f) * 4;
	uint16_t c;

	f[24] = f[25] = 0;
	c = ~sum16(f + 14, ihl, 0);
	f[24] = c >> 8;
	f[25] = c;
}

static int malformed(int argc, char **argv)
{
	static unsigned char f[MAXFRAME];
	unsigned long long seed = (unsigned long long)time(NULL) ^ getpid();
	unsigned int i, fuzz = 0, nfail = 0, maxlen;
	int n;

	if (argc < 2)
		return 2;
	for (i = 2; i < (unsigned int)argc; i++) {
		if (!strcmp(argv[i], "--flip"))
			flip = 1;
		else if (!strcmp(argv[i], "--seed") && i + 1 < (unsigned int)argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--fuzz") && i + 1 < (unsigned int)argc)
			fuzz = strtoul(argv[++i], NULL, 0);
		else
			return 2;
	}
	open_tx(argv[0]);
	open_rx(argv[1]);
	rng_state = seed ? seed : 1;
	maxlen = rx_mtu + 14;
	if (maxlen > MAXFRAME)
		maxlen = MAXFRAME;
	printf("snull-pkt malformed %s -> %s, flip %s, seed %llu, fuzz %u\n",
	       argv[0], argv[1], flip ? "on" : "off", seed, fuzz);

	/* Runts: shorter than an Ethernet header. */
	for (n = 1; n < ETH_HLEN; n += 4) {
		memset(f, 0xff, n);
		nfail += run_case("runt", f, n);
	}

	/* A bare Ethernet header that says IPv4. */
	ip_frame(f, 60, 17);
	nfail += run_case("ethernet header only (IPv4 type)", f, 14);
	/* IPv4 header cut short by one byte, and by most of it. */
	ip_frame(f, 60, 17);
	nfail += run_case("IPv4 header truncated to 19", f, 14 + 19);
	ip_frame(f, 60, 17);
	nfail += run_case("IPv4 header truncated to 1", f, 15);
	/* ihl says 60 bytes of header, 20 present. */
	ip_frame(f, 60, 6);
	f[14] = 0x4f;
	nfail += run_case("ihl 15, 20 header bytes", f, 14 + 20);
	/* ihl below the minimum. */
	ip_frame(f, 60, 17);
	f[14] = 0x44;
	nfail += run_case("ihl 4", f, 60);
	/* Wrong version in an IPv4 frame. */
	ip_frame(f, 60, 17);
	f[14] = 0x65;
	nfail += run_case("version 6 in an IPv4 frame", f, 60);
	/* Total length beyond the frame: a truncated packet. */
	ip_frame(f, 200, 17);
	nfail += run_case("tot_len 186, frame 60", f, 60);
	/* Bad IPv4 header checksum: must stay exactly as bad. */
	ip_frame(f, 60, 17);
	f[24] ^= 0x5a;
	nfail += run_case("bad IPv4 checksum", f, 60);
	/* TCP with no room for a TCP header, and with 19 bytes of it. */
	ip_frame(f, 60, 6);
	nfail += run_case("TCP, no TCP header", f, 34);
	ip_frame(f, 60, 6);
	nfail += run_case("TCP, 19-byte TCP header", f, 34 + 19);
	ip_frame(f, 60, 6);
	nfail += run_case("TCP, 20-byte TCP header", f, 34 + 20);
	/* UDP cut inside its header; UDP with checksum 0 (none). */
	ip_frame(f, 60, 17);
	nfail += run_case("UDP, 7-byte UDP header", f, 34 + 7);
	ip_frame(f, 60, 17);
	f[40] = f[41] = 0;
	nfail += run_case("UDP, no checksum", f, 60);
	/* A later fragment: only the IP header may change. */
	ip_frame(f, 100, 17);
	f[14 + 6] = 0x00;
	f[14 + 7] = 0x10;
	fix_ip_csum(f);
	nfail += run_case("UDP, non-first fragment", f, 100);
	/* IPv4 options (ihl 6) with UDP behind them. */
	ip_frame(f, 100, 17);
	memmove(f + 38, f + 34, 62);
	f[14] = 0x46;
	f[34] = f[35] = f[36] = f[37] = 1;	/* four NOP options */
	fix_ip_csum(f);
	nfail += run_case("IPv4 with options, UDP", f, 100);
	/* Good frames, smallest to largest. */
	ip_frame(f, 42, 17);
	nfail += run_case("UDP, 42 bytes", f, 42);
	ip_frame(f, maxlen, 17);
	nfail += run_case("UDP, largest for the MTU", f, maxlen);
	/* Not IPv4: an IPv4-looking payload under another type. */
	ip_frame(f, 60, 17);
	f[12] = 0x88;
	f[13] = 0xb5;
	nfail += run_case("local ethertype, IPv4 inside", f, 60);
	ip_frame(f, 60, 17);
	f[12] = 0x86;
	f[13] = 0xdd;
	nfail += run_case("IPv6 type, IPv4 inside", f, 60);
	printf("%u fixed cases, %u failed\n", id_next, nfail);

	/* Random frames: mostly IPv4 with random header fields. */
	for (i = 0; i < fuzz; i++) {
		unsigned int len = 14 + rnd() % (maxlen - 13), j;
		unsigned int kind = rnd() % 4;

		for (j = 0; j < len; j++)
			f[j] = rnd();
		memcpy(f, flip ? tx_mac : rx_mac, 6);
		if (kind) {
			f[12] = 0x08;
			f[13] = 0x00;
		} else if ((f[12] == 0x81 && f[13] == 0x00) ||
			   (f[12] == 0x88 && f[13] == 0xa8)) {
			/* VLAN tags are stripped before the taps: no compare */
			f[12] = 0x88;
			f[13] = 0xb5;
		}
		if (kind >= 2 && len >= 15)
			f[14] = 0x40 | (rnd() % 16);	/* version 4, any ihl */
		if (kind == 3 && len >= 34) {
			f[14 + 9] = (rnd() & 1) ? 6 : 17;
			f[14 + 6] &= (rnd() & 1) ? 0xe0 : 0xff;
			f[14 + 7] = (rnd() & 1) ? 0 : f[14 + 7];
			if (f[14] >= 0x45 && len >= 14u + (f[14] & 15) * 4)
				fix_ip_csum(f);
		}
		if (run_case("random", f, len))
			nfail++;
	}
	if (fuzz)
		printf("%u random frames sent\n", fuzz);
	printf("%s: %u frame(s) failed\n", nfail ? "FAIL" : "ok", nfail);
	return nfail ? 1 : 0;
}

static int parse_mac(const char *s, unsigned char *mac)
{
	unsigned int b[6], i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5]) != 6)
		return -1;
	for (i = 0; i < 6; i++)
		mac[i] = b[i];
	return 0;
}

static int send_cmd(int argc, char **argv)
{
	static unsigned char f[65536];
	unsigned long len, count, i, sent = 0;
	int err = 0;

	if (argc < 3)
		return 2;
	len = strtoul(argv[1], NULL, 0);
	count = strtoul(argv[2], NULL, 0);
	if (len > sizeof(f))
		return 2;
	memset(dst_mac, 0xff, 6);
	if (argc > 3 && parse_mac(argv[3], dst_mac))
		return 2;
	open_tx(argv[0]);
	for (i = 0; i < len; i++)
		f[i] = i;
	if (len >= 14) {
		memcpy(f, dst_mac, 6);
		memcpy(f + 6, tx_mac, 6);
		f[12] = 0x88;	/* local experimental ethertype 1 */
		f[13] = 0xb5;
	}
	for (i = 0; i < count; i++) {
		err = send_frame(f, len);
		if (err)
			break;
		sent++;
	}
	printf("sent %lu of %lu frames of %lu bytes%s%s\n", sent, count, len,
	       err ? ": " : "", err ? strerror(err) : "");
	return sent == count ? 0 : 1;
}

static const char udp0_payload[] = "snull: a UDP checksum that folds to zero";

/* 16-bit one's complement sum, folded, of big-endian words */
static uint32_t fold16(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return s;
}

static int udp0_cmd(int argc, char **argv)
{
	size_t plen = sizeof(udp0_payload) - 1, i;
	struct sockaddr_in src = { .sin_family = AF_INET };
	struct sockaddr_in dst = { .sin_family = AF_INET };
	unsigned long count, n;
	uint32_t sum, sport;
	const unsigned char *b;
	int fd;

	if (argc < 4 || inet_pton(AF_INET, argv[0], &src.sin_addr) != 1 ||
	    inet_pton(AF_INET, argv[1], &dst.sin_addr) != 1)
		return 2;
	dst.sin_port = htons(strtoul(argv[2], NULL, 0));
	count = strtoul(argv[3], NULL, 0);

	/* Everything but the source port: pseudo-header, the UDP header with
	 * a zero checksum field, the payload.
	 */
	sum = 0;
	b = (const unsigned char *)&src.sin_addr;
	sum += (b[0] << 8 | b[1]) + (b[2] << 8 | b[3]);
	b = (const unsigned char *)&dst.sin_addr;
	sum += (b[0] << 8 | b[1]) + (b[2] << 8 | b[3]);
	sum += 17 + 8 + plen;			/* protocol, UDP length */
	sum += ntohs(dst.sin_port) + 8 + plen;	/* dport, length */
	for (i = 0; i + 1 < plen; i += 2)
		sum += (unsigned char)udp0_payload[i] << 8 |
		       (unsigned char)udp0_payload[i + 1];
	if (plen & 1)
		sum += (unsigned char)udp0_payload[plen - 1] << 8;
	sum = fold16(sum);
	/* the source port that makes the sum 0xffff, so its complement 0 */
	sport = sum == 0xffff ? 0xffff : 0xffff - sum;
	if (fold16(sum + sport) != 0xffff)
		return 2;

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	src.sin_port = htons(sport);
	if (bind(fd, (struct sockaddr *)&src, sizeof(src)))
		die("bind");
	printf("source port %u\n", sport);
	for (n = 0; n < count; n++)
		if (sendto(fd, udp0_payload, plen, 0, (struct sockaddr *)&dst,
			   sizeof(dst)) != (ssize_t)plen)
			die("sendto");
	close(fd);
	printf("sent %lu datagrams of %zu bytes\n", count, plen);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 2;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && !strcmp(argv[1], "malformed"))
		rc = malformed(argc - 2, argv + 2);
	else if (argc >= 2 && !strcmp(argv[1], "send"))
		rc = send_cmd(argc - 2, argv + 2);
	else if (argc >= 2 && !strcmp(argv[1], "udp0"))
		rc = udp0_cmd(argc - 2, argv + 2);
	if (rc == 2)
		fprintf(stderr,
			"usage: snull-pkt malformed TXDEV RXDEV [--flip] [--seed S] [--fuzz N]\n"
			"       snull-pkt send TXDEV LEN COUNT [DSTMAC]\n"
			"       snull-pkt udp0 SRC DST DPORT COUNT\n");
	return rc;
}
