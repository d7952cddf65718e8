/*
 * curlloop: the libcurl ceiling for tests/bench/send.sh.  Sends one prebuilt
 * message N times over C connections with libcurl's multi interface (one
 * easy handle per connection, kept open between messages), nothing else:
 * no journal, no composing, no reply capture.  Prints messages/second.
 *
 * usage: curlloop URL CONNECTIONS COUNT MESSAGE_FILE
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

struct handle {
	CURL *easy;
	size_t off;
};

static const char *msg;
static size_t msglen;

static size_t
read_cb(char *out, size_t size, size_t n, void *p)
{
	struct handle *h = p;
	size_t left = msglen - h->off;

	if (left > size * n)
		left = size * n;
	memcpy(out, msg + h->off, left);
	h->off += left;
	return left;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (!f || fseek(f, 0, SEEK_END) == -1 || (n = ftell(f)) < 0)
		err(1, "%s", path);
	rewind(f);
	if (!(p = malloc((size_t)n + 1)) || fread(p, 1, (size_t)n, f) !=
	    (size_t)n)
		err(1, "%s", path);
	fclose(f);
	*len = (size_t)n;
	return p;
}

int
main(int argc, char **argv)
{
	struct curl_slist *rcpt;
	struct handle *hs;
	CURLM *multi;
	long conns, count, started = 0, done = 0, failed = 0;
	double t0;
	int running;

	if (argc != 5)
		errx(64, "usage: curlloop URL CONNECTIONS COUNT MESSAGE_FILE");
	conns = strtol(argv[2], NULL, 10);
	count = strtol(argv[3], NULL, 10);
	if (conns < 1 || count < 1)
		errx(64, "CONNECTIONS and COUNT must be positive");
	msg = slurp(argv[4], &msglen);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	multi = curl_multi_init();
	rcpt = curl_slist_append(NULL, "<reader@example.org>");
	hs = calloc((size_t)conns, sizeof *hs);
	t0 = now();
	for (long i = 0; i < conns && started < count; i++, started++) {
		CURL *e = hs[i].easy = curl_easy_init();

		curl_easy_setopt(e, CURLOPT_URL, argv[1]);
		curl_easy_setopt(e, CURLOPT_MAIL_FROM, "<bounces@example.org>");
		curl_easy_setopt(e, CURLOPT_MAIL_RCPT, rcpt);
		curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
		/* as mailer/smtp.c sets it, for a fair reference */
		curl_easy_setopt(e, CURLOPT_UPLOAD_BUFFERSIZE, 512L * 1024);
		curl_easy_setopt(e, CURLOPT_READFUNCTION, read_cb);
		curl_easy_setopt(e, CURLOPT_READDATA, &hs[i]);
		curl_easy_setopt(e, CURLOPT_PRIVATE, &hs[i]);
		curl_multi_add_handle(multi, e);
	}
	while (done < count) {
		CURLMsg *m;
		int left;

		curl_multi_perform(multi, &running);
		while ((m = curl_multi_info_read(multi, &left))) {
			struct handle *h;

			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &h);
			if (m->data.result != CURLE_OK)
				failed++;
			done++;
			curl_multi_remove_handle(multi, h->easy);
			if (started < count) {
				h->off = 0;
				curl_multi_add_handle(multi, h->easy);
				started++;
			}
		}
		if (done < count)
			curl_multi_poll(multi, NULL, 0, 1000, NULL);
	}
	printf("%.1f\n", (double)count / (now() - t0));
	for (long i = 0; i < conns; i++)
		if (hs[i].easy) {
			curl_multi_remove_handle(multi, hs[i].easy);
			curl_easy_cleanup(hs[i].easy);
		}
	curl_multi_cleanup(multi);
	curl_slist_free_all(rcpt);
	curl_global_cleanup();
	free(hs);
	free((char *)msg);
	if (failed)
		errx(1, "%ld of %ld messages failed", failed, count);
	return 0;
}
