/*
 * Unit tests for the DNS record readers and judges: dnsrr.c (wire-format
 * RDATA), spf.c (RFC 7208 parsing and check_host() over a table of fake
 * records), dmarc.c (records, organizational domains, alignment), and
 * dns_parse_resolver.
 */
#include <string.h>

#include "dmarc.h"
#include "dns.h"
#include "dnscheck.h"
#include "dnsrr.h"
#include "spf.h"
#include "unit.h"
#include "util.h"

START_TEST(test_txt)
{
	static const unsigned char two[] = "\x0bv=spf1 a -a\x04ll x";
	static const unsigned char empty[] = "\x00";
	static const unsigned char cut[] = "\x09short";
	struct buf b = BUF_INIT;

	ck_assert_int_eq(dnsrr_txt(two, sizeof two - 1, &b), 0);
	ck_assert_str_eq(b.data, "v=spf1 a -all x");	/* joined, no space */
	buf_reset(&b);
	ck_assert_int_eq(dnsrr_txt(empty, 1, &b), 0);
	ck_assert_str_eq(b.data, "");
	buf_reset(&b);
	ck_assert_int_eq(dnsrr_txt(cut, sizeof cut - 1, &b), -1);
	ck_assert_int_eq(dnsrr_txt(NULL, 0, &b), 0);
	buf_free(&b);
}
END_TEST

START_TEST(test_names)
{
	static const unsigned char mx[] =
	    "\x00\x0a\x02mx\x07" "Example\x03org\x00";
	static const unsigned char nullmx[] = "\x00\x00\x00";
	static const unsigned char odd[] = "\x03" "a.b\x01\xff\x00";
	static const unsigned char ptr[] = "\xc0\x0c";
	static const unsigned char longlabel[] = "\x40"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\x00";
	char name[DNSRR_NAME_MAX];
	unsigned pref;
	size_t off = 0;

	ck_assert_int_eq(dnsrr_mx(mx, sizeof mx - 1, &pref, name), 0);
	ck_assert_uint_eq(pref, 10);
	ck_assert_str_eq(name, "mx.example.org");
	ck_assert_int_eq(dnsrr_mx(nullmx, 3, &pref, name), 0);
	ck_assert_str_eq(name, ".");		/* RFC 7505 null MX */
	ck_assert_int_eq(dnsrr_mx(mx, 5, &pref, name), -1);	/* cut */
	ck_assert_int_eq(dnsrr_name(odd, sizeof odd - 1, &off, name), 0);
	ck_assert_str_eq(name, "a\\046b.\\255");
	ck_assert_uint_eq(off, sizeof odd - 1);
	off = 0;
	ck_assert_int_eq(dnsrr_name(ptr, 2, &off, name), -1);
	off = 0;
	ck_assert_int_eq(dnsrr_name(longlabel, sizeof longlabel - 1, &off,
	    name), -1);
}
END_TEST

START_TEST(test_addrs)
{
	char a[46], name[DNSRR_NAME_MAX];

	ck_assert_int_eq(dnsrr_addr((const unsigned char *)"\xc0\x00\x02\x19",
	    4, a), 0);
	ck_assert_str_eq(a, "192.0.2.25");
	ck_assert_int_eq(dnsrr_addr((const unsigned char *)"\x01\x02\x03", 3,
	    a), -1);
	ck_assert_int_eq(dnsrr_reverse("192.0.2.25", name), 0);
	ck_assert_str_eq(name, "25.2.0.192.in-addr.arpa");
	ck_assert_int_eq(dnsrr_reverse("2001:db8::567:89ab", name), 0);
	ck_assert_str_eq(name, "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	    "0.0.8.b.d.0.1.0.0.2.ip6.arpa");
	ck_assert_int_eq(dnsrr_reverse("relay.example.org", name), -1);
}
END_TEST

START_TEST(test_resolver)
{
	char fwd[64];

	ck_assert_int_eq(dns_parse_resolver("127.0.0.1:5353", fwd,
	    sizeof fwd), 0);
	ck_assert_str_eq(fwd, "127.0.0.1@5353");
	ck_assert_int_eq(dns_parse_resolver("192.0.2.1", fwd, sizeof fwd), 0);
	ck_assert_str_eq(fwd, "192.0.2.1@53");
	ck_assert_int_eq(dns_parse_resolver("[::1]:53", fwd, sizeof fwd), 0);
	ck_assert_str_eq(fwd, "::1@53");
	ck_assert_int_eq(dns_parse_resolver("ns.example.org:53", fwd,
	    sizeof fwd), -1);
	ck_assert_int_eq(dns_parse_resolver("127.0.0.1:0", fwd, sizeof fwd),
	    -1);
	ck_assert_int_eq(dns_parse_resolver("", fwd, sizeof fwd), -1);
}
END_TEST

static int
parses(const char *rec, char *err, size_t errsz)
{
	struct spf s;
	int rc = spf_parse(rec, strlen(rec), &s, err, errsz);

	spf_free(&s);
	return rc;
}

START_TEST(test_spf_parse)
{
	static const char *const good[] = {
		"v=spf1", "v=spf1 -all", "V=SPF1 ip4:192.0.2.0/24 ~ALL",
		"v=spf1 a mx/24 a:relay.example.org//64 mx:m.example/16//48 "
		"include:_spf.example.net ?all",
		"v=spf1 ip6:2001:db8::/32 ip4:192.0.2.25 -all",
		"v=spf1 redirect=_spf.example.org",
		"v=spf1 exists:%{i}._spf.example.org -all",
		"v=spf1 ptr -all", "v=spf1  a   -all  ",
		"v=spf1 foo=bar -all",		/* unknown modifier: ignored */
	};
	static const char *const bad[] = {
		"v=spf10 -all", "spf1 -all", "v=spf1 ip4:300.1.1.1",
		"v=spf1 ip4:192.0.2.0/33", "v=spf1 ip6:2001:db8::/129",
		"v=spf1 a/33", "v=spf1 include", "v=spf1 include:",
		"v=spf1 all:example.org", "v=spf1 frobnicate -all",
		"v=spf1 redirect=a.example redirect=b.example",
		"v=spf1 a:bad..name -all", "v=spf1 ip4:192.0.2.1/024",
		"v=spf1 *all",
	};
	struct spf s;
	char err[160];

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		ck_assert_msg(parses(good[i], err, sizeof err) == 0,
		    "\"%s\": %s", good[i], err);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(parses(bad[i], err, sizeof err) == -1,
		    "accepted \"%s\"", bad[i]);
	ck_assert_int_eq(parses("v=spf1 frobnicate -all", err, sizeof err),
	    -1);
	ck_assert_str_eq(err, "unknown mechanism \"frobnicate\"");
	ck_assert_int_eq(spf_parse("v=spf1 a:x.example/24//64 ~all", 30, &s,
	    err, sizeof err), 0);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_int_eq(s.t[0].mech, SPF_A);
	ck_assert_str_eq(s.t[0].arg, "x.example");
	ck_assert_int_eq(s.t[0].cidr4, 24);
	ck_assert_int_eq(s.t[0].cidr6, 64);
	ck_assert_int_eq(spf_all(&s), SPF_SOFTFAIL);
	spf_free(&s);
	ck_assert_int_eq(spf_parse("v=spf1 mx", 9, &s, err, sizeof err), 0);
	ck_assert_int_eq(spf_all(&s), SPF_NONE);
	spf_free(&s);
	ck_assert(spf_is_record("v=spf1", 6));
	ck_assert(!spf_is_record("v=spf1x", 7));
	ck_assert(!spf_is_record("v=DKIM1; p=", 11));
}
END_TEST

/* Fake DNS: "name TYPE value" rows; TYPE is txt, a, aaaa, mx or fail. */
static const char *const zone[] = {
	"example.org txt v=spf1 ip4:192.0.2.25 include:_spf.example.net -all",
	"example.org txt google-site-verification=abc",
	"_spf.example.net txt v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/32 "
	    "~all",
	"mx.example txt v=spf1 mx -all",
	"mx.example mx m1.mx.example",
	"mx.example mx m2.mx.example",
	"m2.mx.example a 203.0.113.9",
	"a.example txt v=spf1 a/24 -all",
	"a.example a 203.0.113.200",
	"redir.example txt v=spf1 redirect=example.org",
	"twice.example txt v=spf1 -all",
	"twice.example txt v=spf1 +all",
	"broken.example txt v=spf1 ip4:1.2.3.4.5 -all",
	"inc-none.example txt v=spf1 include:nothing.example -all",
	"temp.example txt v=spf1 include:down.example -all",
	"down.example fail",
	"loop.example txt v=spf1 include:loop.example -all",
	"macro.example txt v=spf1 exists:%{i}.x.example -all",
	"void.example txt v=spf1 a:n1.example a:n2.example a:n3.example -all",
	"pass.example txt v=spf1 +all",
};

static int
lookup(const char *name, const char *type, struct strlist *out)
{
	size_t nl = strlen(name), tl = strlen(type);
	int found = 0;

	for (size_t i = 0; i < sizeof zone / sizeof zone[0]; i++) {
		const char *z = zone[i];

		if (strncmp(z, name, nl) || z[nl] != ' ')
			continue;
		if (!strcmp(z + nl + 1, "fail"))
			return -1;
		if (strncmp(z + nl + 1, type, tl) || z[nl + 1 + tl] != ' ')
			continue;
		strlist_add(out, z + nl + tl + 2);
		found = 1;
	}
	return found ? 0 : 1;
}

static int
fake_txt(void *arg, const char *name, struct strlist *out)
{
	(void)arg;
	return lookup(name, "txt", out);
}

static int
fake_addrs(void *arg, const char *name, int family, struct strlist *out)
{
	(void)arg;
	return lookup(name, family == 4 ? "a" : "aaaa", out);
}

static int
fake_mx(void *arg, const char *name, struct strlist *out)
{
	(void)arg;
	return lookup(name, "mx", out);
}

START_TEST(test_spf_check)
{
	static const struct {
		const char *ip, *domain;
		enum spf_result want;
		const char *why;
	} t[] = {
		{ "192.0.2.25", "example.org", SPF_PASS,
		    "ip4:192.0.2.25 in example.org" },
		{ "198.51.100.7", "example.org", SPF_PASS,
		    "ip4:198.51.100.0/24 in _spf.example.net" },
		{ "2001:db8::25", "example.org", SPF_PASS,
		    "ip6:2001:db8::/32 in _spf.example.net" },
		{ "203.0.113.1", "example.org", SPF_FAIL,
		    "-all in example.org" },
		{ "203.0.113.9", "mx.example", SPF_PASS, "mx in mx.example" },
		{ "203.0.113.10", "mx.example", SPF_FAIL, "-all in mx.example" },
		{ "203.0.113.77", "a.example", SPF_PASS, "a/24 in a.example" },
		{ "203.0.114.77", "a.example", SPF_FAIL, "-all in a.example" },
		{ "192.0.2.25", "redir.example", SPF_PASS,
		    "ip4:192.0.2.25 in example.org" },
		{ "192.0.2.25", "twice.example", SPF_PERMERROR,
		    "twice.example has 2 SPF records" },
		{ "192.0.2.25", "broken.example", SPF_PERMERROR,
		    "broken.example: bad term \"ip4:1.2.3.4.5\"" },
		{ "192.0.2.25", "nothing.example", SPF_NONE,
		    "nothing.example has no SPF record" },
		{ "192.0.2.25", "inc-none.example", SPF_PERMERROR,
		    "include:nothing.example: nothing.example has no SPF "
		    "record" },
		{ "192.0.2.25", "temp.example", SPF_TEMPERROR,
		    "TXT lookup of down.example failed" },
		{ "192.0.2.25", "loop.example", SPF_PERMERROR,
		    "more than 10 DNS lookups (RFC 7208 4.6.4)" },
		{ "192.0.2.25", "macro.example", SPF_UNKNOWN,
		    "exists:%{i}.x.example in macro.example has a macro" },
		{ "192.0.2.25", "void.example", SPF_PERMERROR,
		    "more than 2 lookups found nothing (RFC 7208 4.6.4)" },
		{ "192.0.2.25", "pass.example", SPF_PASS,
		    "+all in pass.example" },
		{ "not-an-ip", "example.org", SPF_PERMERROR,
		    "\"not-an-ip\" is no IP address" },
	};
	const struct spf_dns dns = { fake_txt, fake_addrs, fake_mx, NULL };
	char why[200];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		enum spf_result r = spf_check_host(&dns, t[i].ip, t[i].domain,
		    why, sizeof why);

		ck_assert_msg(r == t[i].want, "%s for %s: %s (%s)", t[i].ip,
		    t[i].domain, spf_result_name(r), why);
		ck_assert_str_eq(why, t[i].why);
	}
}
END_TEST

START_TEST(test_dmarc_parse)
{
	static const char *const bad[] = {
		"v=DMARC1", "v=DMARC1; p=block", "v=DMARC1; p=none; sp=x",
		"v=DMARC1; p=none; adkim=x", "v=DMARC1; p=none; aspf=relaxed",
		"v=DMARC1; p=none; pct=101", "v=DMARC1; p=none; pct=-1",
		"v=DMARC1; p=none; pct=5x", "v=DMARC2; p=none",
		"p=none; v=DMARC1", "v=dmarc1; p=none", "v=DMARC1; p=none; p=reject",
		"v=DMARC1; p", "",
	};
	/* only a mailto: URI gets aggregate reports (RFC 7489 6.2) */
	static const struct {
		const char *rec;
		int has;
	} rua[] = {
		{ "v=DMARC1; p=none; rua=d@example.org", 0 },
		{ "v=DMARC1; p=none; rua=https://r.example/dmarc", 0 },
		{ "v=DMARC1; p=none; rua=", 0 },
		{ "v=DMARC1; p=none; rua=d@x.example, mailto:d@x.example", 1 },
		{ "v=DMARC1; p=none; rua=MAILTO:d@x.example", 1 },
		{ "v=DMARC1; p=none; ruf=mailto:d@x.example", 0 },
	};
	struct dmarc d;
	char err[160];
	const char *r1 = "v=DMARC1; p=reject; rua=mailto:r@x.example";
	const char *r2 = "v = DMARC1 ;p=Quarantine; sp=none; adkim=s; aspf=r; "
	    "pct=20;";

	ck_assert_int_eq(dmarc_parse(r1, strlen(r1), &d, err, sizeof err), 0);
	ck_assert_int_eq(d.p, DMARC_REJECT);
	ck_assert_int_eq(d.sp, DMARC_REJECT);	/* sp defaults to p */
	ck_assert(!d.adkim_strict && !d.aspf_strict && d.has_rua);
	ck_assert_int_eq(d.pct, 100);
	ck_assert_int_eq(dmarc_parse(r2, strlen(r2), &d, err, sizeof err), 0);
	ck_assert_int_eq(d.p, DMARC_QUARANTINE);
	ck_assert_int_eq(d.sp, DMARC_NONE);
	ck_assert(d.adkim_strict && !d.aspf_strict && !d.has_rua);
	ck_assert_int_eq(d.pct, 20);
	for (size_t i = 0; i < sizeof rua / sizeof rua[0]; i++) {
		ck_assert_int_eq(dmarc_parse(rua[i].rec, strlen(rua[i].rec),
		    &d, err, sizeof err), 0);
		ck_assert_msg(d.has_rua == rua[i].has, "%s", rua[i].rec);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(dmarc_parse(bad[i], strlen(bad[i]), &d, err,
		    sizeof err) == -1, "accepted \"%s\"", bad[i]);
	ck_assert_int_eq(dmarc_parse("v=DMARC1; p=block", 17, &d, err,
	    sizeof err), -1);
	ck_assert_str_eq(err,
	    "bad p=block (p= is none, quarantine or reject)");
	ck_assert(dmarc_is_record("v=DMARC1", 8));
	ck_assert(!dmarc_is_record("v=DMARC10; p=none", 17));
	ck_assert_str_eq(dmarc_policy_name(DMARC_QUARANTINE), "quarantine");
}
END_TEST

START_TEST(test_dmarc_align)
{
	static const struct {
		const char *from, *id;
		int strict, want;
	} t[] = {
		{ "example.org", "example.org", 1, 1 },
		{ "example.org", "EXAMPLE.org.", 1, 1 },
		{ "news.example.org", "example.org", 1, 0 },
		{ "news.example.org", "example.org", 0, 1 },
		{ "news.example.org", "bounce.example.org", 0, 1 },
		{ "example.org", "example.net", 0, 0 },
		{ "a.example.co.uk", "b.example.co.uk", 0, 1 },
		{ "example.co.uk", "other.co.uk", 0, 0 },	/* PSL: co.uk */
		{ "news.example.com.cn", "example.com.cn", 0, 1 },
		{ "x.github.io", "y.github.io", 0, 0 },	/* a private suffix */
	};
	char org[256];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		ck_assert_msg(dmarc_aligned(t[i].from, t[i].id, t[i].strict) ==
		    t[i].want, "%s ~ %s (%s)", t[i].from, t[i].id,
		    t[i].strict ? "strict" : "relaxed");
	ck_assert_int_eq(dmarc_org_domain("Bounce.News.Example.CO.UK.", org,
	    sizeof org), 0);
	ck_assert_str_eq(org, "example.co.uk");
	ck_assert_int_eq(dmarc_org_domain("co.uk", org, sizeof org), 0);
	ck_assert_str_eq(org, "co.uk");
	ck_assert_int_eq(dmarc_org_domain("", org, sizeof org), -1);
}
END_TEST

START_TEST(test_ptr_generic)
{
	static const struct {
		const char *name, *ip, *why;
	} t[] = {
		{ "203-0-113-5.dsl.isp.example", "203.0.113.5",
		    "it holds the address as 203-0-113-5" },
		{ "static-203-0-113-5.isp.example", "203.0.113.5",
		    "it holds the address as 203-0-113-5" },
		{ "ip-203-0-113-5.eu-west-1.compute.example", "203.0.113.5",
		    "it holds the address as 203-0-113-5" },
		{ "5-113-0-203.static.isp.example", "203.0.113.5",
		    "it holds the address as 5-113-0-203" },
		{ "host.203.0.113.5.isp.example", "203.0.113.5",
		    "it holds the address as 203.0.113.5" },
		{ "5.113.0.203.in.isp.example", "203.0.113.5",
		    "it holds the address as 5.113.0.203" },
		{ "h203-000-113-005.isp.example", "203.0.113.5",
		    "it holds the address as 203-000-113-005" },
		{ "a203000113005.isp.example", "203.0.113.5",
		    "it holds the address as 203000113005" },
		{ "ip3405803781.isp.example", "203.0.113.5",
		    "it holds the address as 3405803781" },
		{ "CB007105.Static.ISP.example", "203.0.113.5",
		    "it holds the address as cb007105" },
		{ "host5.pool.example", "203.0.113.5",
		    "\"pool\" names an access pool" },
		{ "c-5.hsd1.cable.isp.example", "203.0.113.5",
		    "\"cable\" names an access pool" },
		{ "dhcp-5.net.example", "198.51.100.9",
		    "\"dhcp\" names an access pool" },
		{ "ppp5.dynamic.isp.example", "198.51.100.9",
		    "\"ppp\" names an access pool" },
		{ "client5.isp.example", "198.51.100.9",
		    "\"client\" names an access pool" },
		{ "2001-db8--5.isp.example", "2001:db8::5",
		    "it holds the address as 2001-db8--5" },
		{ "20010db8000000000000000000000005.isp.example",
		    "2001:db8::5",
		    "it holds the address as 20010db8000000000000000000000005" },
	};
	/* a mail server's own names, also ones with digits */
	static const struct {
		const char *name, *ip;
	} own[] = {
		{ "mail.example.org", "203.0.113.5" },
		{ "mx1.example.org", "203.0.113.5" },
		{ "smtp-out-3.example.org", "203.0.113.5" },
		{ "mta5.example.org", "203.0.113.5" },
		{ "out-113-5.example.org", "203.0.113.5" },
		{ "1203-0-113-5.example.org", "203.0.113.5" },
		{ "mail.poolside.example", "203.0.113.5" },
		{ "relay.example.org", "192.0.2.25" },
		{ "mail6.example.org", "2001:db8::5" },
		{ "smtp.dsl", "203.0.113.5" },
	};
	char why[100];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		why[0] = '\0';
		ck_assert_msg(dnscheck_ptr_generic(t[i].name, t[i].ip, why,
		    sizeof why) == 1, "%s not generic", t[i].name);
		ck_assert_str_eq(why, t[i].why);
	}
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
		ck_assert_msg(!dnscheck_ptr_generic(own[i].name, own[i].ip,
		    why, sizeof why), "%s generic: %s", own[i].name, why);
}
END_TEST

START_TEST(test_dmarc_freemail)
{
	static const struct {
		const char *domain;
		int want;
	} t[] = {
		{ "gmail.com", 1 }, { "GMail.com.", 1 }, { "yahoo.co.uk", 1 },
		{ "qq.com", 1 }, { "163.com", 1 }, { "outlook.com", 1 },
		{ "mail.yahoo.com", 1 },	/* by organizational domain */
		{ "example.org", 0 }, { "gmail.com.example.org", 0 },
		{ "notgmail.com", 0 }, { "com", 0 }, { "", 0 },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		ck_assert_msg(dmarc_freemail(t[i].domain) == t[i].want, "%s",
		    t[i].domain);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("dns");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_txt);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_addrs);
	tcase_add_test(tc, test_resolver);
	tcase_add_test(tc, test_spf_parse);
	tcase_add_test(tc, test_spf_check);
	tcase_add_test(tc, test_dmarc_parse);
	tcase_add_test(tc, test_dmarc_align);
	tcase_add_test(tc, test_dmarc_freemail);
	tcase_add_test(tc, test_ptr_generic);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
