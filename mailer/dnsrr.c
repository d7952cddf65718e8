/* dnsrr: wire-format RDATA readers.  See dnsrr.h. */
#include "dnsrr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

int
dnsrr_txt(const unsigned char *rd, size_t len, struct buf *out)
{
	size_t i = 0;

	buf_add(out, "", 0);
	while (i < len) {
		size_t n = rd[i++];

		if (n > len - i) {
			buf_add(out, rd + i, len - i);
			return -1;
		}
		buf_add(out, rd + i, n);
		i += n;
	}
	return 0;
}

static int
plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	    c == '_' || c == '*';
}

int
dnsrr_name(const unsigned char *rd, size_t len, size_t *off,
    char out[DNSRR_NAME_MAX])
{
	size_t i = *off, o = 0, wire = 0;

	for (;;) {
		size_t n;

		if (i >= len)
			return -1;
		n = rd[i++];
		if (n == 0)
			break;
		/* 0xc0: a compression pointer, 0x40/0x80: reserved types */
		if (n > 63 || n > len - i || (wire += n + 1) > 254)
			return -1;
		if (o)
			out[o++] = '.';
		for (size_t k = 0; k < n; k++) {
			unsigned char c = rd[i + k];

			if (c >= 'A' && c <= 'Z')
				c += 32;
			if (plain(c))
				out[o++] = (char)c;
			else
				o += (size_t)snprintf(out + o, 5, "\\%03u", c);
		}
		i += n;
	}
	if (!o)
		out[o++] = '.';
	out[o] = '\0';
	*off = i;
	return 0;
}

int
dnsrr_mx(const unsigned char *rd, size_t len, unsigned *pref,
    char host[DNSRR_NAME_MAX])
{
	size_t off = 2;

	if (len < 3)
		return -1;
	*pref = (unsigned)rd[0] << 8 | rd[1];
	return dnsrr_name(rd, len, &off, host) == 0 && off == len ? 0 : -1;
}

int
dnsrr_addr(const unsigned char *rd, size_t len, char out[46])
{
	if (len != 4 && len != 16)
		return -1;
	return inet_ntop(len == 4 ? AF_INET : AF_INET6, rd, out, 46) ? 0 : -1;
}

int
dnsrr_reverse(const char *ip, char out[DNSRR_NAME_MAX])
{
	unsigned char a[16];
	size_t o = 0;

	if (inet_pton(AF_INET, ip, a) == 1) {
		snprintf(out, DNSRR_NAME_MAX, "%u.%u.%u.%u.in-addr.arpa",
		    a[3], a[2], a[1], a[0]);
		return 0;
	}
	if (inet_pton(AF_INET6, ip, a) != 1)
		return -1;
	for (int i = 15; i >= 0; i--) {
		static const char hex[] = "0123456789abcdef";

		out[o++] = hex[a[i] & 15];
		out[o++] = '.';
		out[o++] = hex[a[i] >> 4];
		out[o++] = '.';
	}
	memcpy(out + o, "ip6.arpa", sizeof "ip6.arpa");
	return 0;
}
