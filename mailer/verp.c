/* verp: VERP tokens (RFC 5321 local parts, RFC 4648 base32).  See verp.h. */
#include "verp.h"

#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/hmac.h>
#include <nettle/memops.h>
#include <nettle/sha2.h>

#include "util.h"

#define ID_BYTES	8
#define MAC_BYTES	10
#define MAX_KEY		4096

static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";

/* Lowercase base32, no padding; out receives ceil(n*8/5) chars and a NUL. */
static void
b32_encode(const unsigned char *in, size_t n, char *out)
{
	uint32_t acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			*out++ = b32[(acc >> bits) & 31];
		}
	}
	if (bits > 0)
		*out++ = b32[(acc << (5 - bits)) & 31];
	*out = '\0';
}

/* Decodes exactly n bytes from in; -1 on a bad character or nonzero pad. */
static int
b32_decode(const char *in, size_t nchars, unsigned char *out, size_t n)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t o = 0;

	for (size_t i = 0; i < nchars; i++) {
		int c = in[i] >= 'A' && in[i] <= 'Z' ? in[i] | 0x20 : in[i];
		const char *p = c ? strchr(b32, c) : NULL;

		if (!p)
			return -1;
		acc = (acc << 5) | (uint32_t)(p - b32);
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			if (o == n)
				return -1;
			out[o++] = (acc >> bits) & 0xff;
		}
	}
	if (o != n || (acc & ((1u << bits) - 1)))
		return -1;
	return 0;
}

static void
id_bytes(const char *issue, const char *list, const char *email,
    unsigned char id[ID_BYTES])
{
	struct sha256_ctx h;
	unsigned char d[SHA256_DIGEST_SIZE];

	sha256_init(&h);
	sha256_update(&h, strlen(issue) + 1, (const uint8_t *)issue);
	sha256_update(&h, strlen(list) + 1, (const uint8_t *)list);
	sha256_update(&h, strlen(email), (const uint8_t *)email);
	sha256_digest(&h, sizeof d, d);
	memcpy(id, d, ID_BYTES);
}

static void
mac_bytes(const unsigned char *key, size_t keylen,
    const unsigned char id[ID_BYTES], unsigned char mac[MAC_BYTES])
{
	struct hmac_sha256_ctx h;

	hmac_sha256_set_key(&h, keylen, key);
	hmac_sha256_update(&h, 5, (const uint8_t *)"verp1");
	hmac_sha256_update(&h, ID_BYTES, id);
	hmac_sha256_digest(&h, MAC_BYTES, mac);
}

void
verp_id(const char *issue, const char *list, const char *email,
    char id[VERP_ID_LEN + 1])
{
	unsigned char raw[ID_BYTES];

	id_bytes(issue, list, email, raw);
	b32_encode(raw, ID_BYTES, id);
}

int
verp_token(const unsigned char *key, size_t keylen, const char *issue,
    const char *list, const char *email, char *out, size_t outsz)
{
	unsigned char id[ID_BYTES], mac[MAC_BYTES];

	if (outsz <= VERP_TOKEN_LEN) {
		warnx("verp: token buffer too small (%zu bytes)", outsz);
		return -1;
	}
	id_bytes(issue, list, email, id);
	mac_bytes(key, keylen, id, mac);
	b32_encode(id, ID_BYTES, out);
	b32_encode(mac, MAC_BYTES, out + VERP_ID_LEN);
	return 0;
}

struct verp_mac {
	struct hmac_sha256_ctx h;	/* keyed, nothing hashed yet */
};

struct verp_mac *
verp_mac_new(const unsigned char *key, size_t keylen)
{
	struct verp_mac *m = xmalloc(sizeof *m);

	hmac_sha256_set_key(&m->h, keylen, key);
	return m;
}

void
verp_mac_free(struct verp_mac *m)
{
	if (!m)
		return;
	explicit_bzero(m, sizeof *m);
	free(m);
}

int
verp_token_mac(const struct verp_mac *m, const char *id, char *out,
    size_t outsz)
{
	struct hmac_sha256_ctx h = m->h;
	unsigned char raw[ID_BYTES], mac[MAC_BYTES];

	if (outsz <= VERP_TOKEN_LEN) {
		warnx("verp: token buffer too small (%zu bytes)", outsz);
		return -1;
	}
	if (strlen(id) != VERP_ID_LEN ||
	    b32_decode(id, VERP_ID_LEN, raw, ID_BYTES) == -1) {
		warnx("verp: \"%s\" is no token id", id);
		return -1;
	}
	hmac_sha256_update(&h, 5, (const uint8_t *)"verp1");
	hmac_sha256_update(&h, ID_BYTES, raw);
	hmac_sha256_digest(&h, MAC_BYTES, mac);
	explicit_bzero(&h, sizeof h);
	b32_encode(raw, ID_BYTES, out);
	b32_encode(mac, MAC_BYTES, out + VERP_ID_LEN);
	return 0;
}

int
verp_token_form(const char *s, size_t n)
{
	static const char b32_any[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	if (n != VERP_TOKEN_LEN)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!s[i] || !strchr(b32_any, s[i]))
			return 0;
	return 1;
}

int
verp_check(const unsigned char *key, size_t keylen, const char *token,
    char *id_out, size_t idsz)
{
	unsigned char id[ID_BYTES], mac[MAC_BYTES], want[MAC_BYTES];

	if (idsz <= VERP_ID_LEN || strlen(token) != VERP_TOKEN_LEN)
		return -1;
	if (b32_decode(token, VERP_ID_LEN, id, ID_BYTES) == -1 ||
	    b32_decode(token + VERP_ID_LEN, VERP_TOKEN_LEN - VERP_ID_LEN,
	    mac, MAC_BYTES) == -1)
		return -1;
	mac_bytes(key, keylen, id, want);
	if (!memeql_sec(mac, want, MAC_BYTES))
		return -1;
	b32_encode(id, ID_BYTES, id_out);
	return 0;
}

void
verp_mask(char *s)
{
	static const char *const pre[] = { "bounces+", "unsubscribe+" };
	char *p = s;

	while (p && (p = strchr(p, '+'))) {
		size_t n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
		int ours = 0;

		for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
			size_t l = strlen(pre[i]) - 1;

			ours |= (size_t)(p - s) >= l &&
			    !strncasecmp(p - l, pre[i], l);
		}
		p++;
		if (!ours || p[n] != '@' || n <= 5)
			continue;
		memcpy(p, "TOKEN", 5);
		memmove(p + 5, p + n, strlen(p + n) + 1);
	}
}

int
verp_token_in_msgid(const char *msgid, char *tok, size_t tsz)
{
	const char *at, *b;
	size_t n;

	if (!msgid || tsz <= VERP_TOKEN_LEN)
		return -1;
	while (*msgid == '<' || *msgid == ' ')
		msgid++;
	if (!(at = strchr(msgid, '@')))
		return -1;
	for (b = at; b > msgid && b[-1] != '.'; b--)
		;
	n = (size_t)(at - b);
	if (n != VERP_TOKEN_LEN || b == msgid)
		return -1;
	for (size_t i = 0; i < n; i++)
		tok[i] = (char)tolower((unsigned char)b[i]);
	tok[n] = '\0';
	return 0;
}

int
verp_load_key(const char *secret_file, unsigned char **key, size_t *len)
{
	struct stat st;
	unsigned char *k;
	ssize_t n;
	int fd;

	if ((fd = open(secret_file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		warn("secret_file %s", secret_file);
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		warnx("secret_file %s: not a regular file", secret_file);
		close(fd);
		return -1;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		warnx("secret_file %s is readable by group or others "
		    "(mode %03o); chmod 600 it", secret_file,
		    (unsigned)(st.st_mode & 0777));
		close(fd);
		return -1;
	}
	k = xmalloc(MAX_KEY);
	n = read(fd, k, MAX_KEY);
	close(fd);
	if (n < VERP_MIN_KEY) {
		if (n == -1)
			warn("secret_file %s", secret_file);
		else
			warnx("secret_file %s: key shorter than %d bytes",
			    secret_file, VERP_MIN_KEY);
		explicit_bzero(k, MAX_KEY);
		free(k);
		return -1;
	}
	*key = k;
	*len = (size_t)n;
	return 0;
}

/*
 * The key is written to a temporary file beside path, synced, then linked
 * into place: a process killed (or a power loss) while writing it leaves
 * no short key that every later send refuses, only the temporary file;
 * link(2) fails with EEXIST when another process made the key first.
 */
int
verp_make_key(const char *path)
{
	unsigned char k[32];
	char *tmp = xasprintf("%s.XXXXXX", path), *slash;
	int fd, rc = -1;

	if (access(path, F_OK) == 0) {
		free(tmp);
		return 0;
	}
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		warn("secret_file %s", path);
		free(tmp);
		return -1;
	}
	if (fchmod(fd, 0600) == -1 ||
	    getrandom(k, sizeof k, 0) != (ssize_t)sizeof k ||
	    write(fd, k, sizeof k) != (ssize_t)sizeof k || fsync(fd) == -1)
		warn("secret_file %s", path);
	else if (link(tmp, path) == -1 && errno != EEXIST)
		warn("secret_file %s", path);
	else
		rc = 0;
	explicit_bzero(k, sizeof k);
	if (close(fd) == -1 && rc == 0) {
		warn("secret_file %s", path);
		rc = -1;
	}
	unlink(tmp);
	/* the folder's entry, too, before a message carries a token */
	if (rc == 0 && (slash = strrchr(tmp, '/'))) {
		*slash = '\0';
		if ((fd = open(slash == tmp ? "/" : tmp, O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC)) != -1) {
			fsync(fd);
			close(fd);
		}
	}
	free(tmp);
	return rc;
}
