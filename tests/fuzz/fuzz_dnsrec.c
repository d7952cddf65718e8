/*
 * DNS records: the wire-format RDATA readers (TXT, names, MX), SPF
 * parsing and check_host() (every TXT lookup answers the input itself, so
 * include and redirect loop until the lookup limit), and DMARC records.
 */
#include "fuzz.h"
#include "dmarc.h"
#include "dnsrr.h"
#include "spf.h"

static const char *rec;

static int
txt(void *arg, const char *name, struct strlist *out)
{
	(void)arg;
	(void)name;
	strlist_add(out, rec);
	return 0;
}

static int
addrs(void *arg, const char *name, int family, struct strlist *out)
{
	(void)arg;
	(void)name;
	strlist_add(out, family == 4 ? "192.0.2.1" : "2001:db8::1");
	return 0;
}

static int
mx(void *arg, const char *name, struct strlist *out)
{
	(void)arg;
	strlist_add(out, name);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct spf_dns dns = { txt, addrs, mx, NULL };
	char *s = fuzz_str(data, size), name[DNSRR_NAME_MAX], why[200];
	struct buf b = BUF_INIT;
	struct dmarc d;
	struct spf spf;
	unsigned pref;
	size_t off = 0;

	if (dnsrr_txt(data, size, &b) == 0)
		FUZZ_ASSERT(b.len <= size);
	if (dnsrr_name(data, size, &off, name) == 0)
		FUZZ_ASSERT(off <= size && strlen(name) < DNSRR_NAME_MAX);
	if (dnsrr_mx(data, size, &pref, name) == 0)
		FUZZ_ASSERT(pref <= 65535);
	rec = s;
	if (spf_parse(s, strlen(s), &spf, why, sizeof why) == 0) {
		FUZZ_ASSERT(spf_is_record(s, strlen(s)));
		spf_free(&spf);
		spf_check_host(&dns, "192.0.2.1", "example.org", why,
		    sizeof why);
		spf_check_host(&dns, "2001:db8::1", "example.org", why,
		    sizeof why);
	}
	if (dmarc_parse(s, strlen(s), &d, why, sizeof why) == 0)
		FUZZ_ASSERT(d.pct >= 0 && d.pct <= 100 &&
		    dmarc_is_record(s, strlen(s)));
	buf_free(&b);
	free(s);
	return 0;
}
