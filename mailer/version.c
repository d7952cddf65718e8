/* version: mailer's version and its libraries'.  See version.h. */
#include "version.h"

#include <cmark.h>
#include <csv.h>
#include <curl/curl.h>
#include <gnutls/gnutls.h>
#include <gpgme.h>
#include <idn2.h>
#include <jansson.h>
#include <libetpan/libetpan_version.h>
#include <libpsl.h>
#include <magic.h>
#include <microhttpd.h>
#include <nettle/version.h>
#include <openssl/crypto.h>
#include <sqlite3.h>
#include <unbound.h>
#include <yaml.h>

void
version_print(FILE *f)
{
	const curl_version_info_data *c = curl_version_info(CURLVERSION_NOW);
	int magic = magic_version();

	fprintf(f, "mailer %s\n", MAILER_VERSION);
	fprintf(f, "libcurl %s (%s)\n", c->version,
	    c->ssl_version ? c->ssl_version : "no TLS");
	fprintf(f, "libetpan %d.%d\n", libetpan_get_version_major(),
	    libetpan_get_version_minor());
	fprintf(f, "gpgme %s\n", gpgme_check_version(NULL));
	fprintf(f, "libyaml %s\n", yaml_get_version_string());
	fprintf(f, "libcmark %s\n", cmark_version_string());
	fprintf(f, "sqlite3 %s\n", sqlite3_libversion());
	/* libcsv has no call that says its version: the one built with */
	fprintf(f, "libcsv %d.%d (built with)\n", CSV_MAJOR, CSV_MINOR);
	fprintf(f, "jansson %s\n", jansson_version_str());
	fprintf(f, "libidn2 %s\n", idn2_check_version(NULL));
	fprintf(f, "libpsl %s\n", psl_get_version());
	fprintf(f, "libmagic %d.%d\n", magic / 100, magic % 100);
	fprintf(f, "nettle %d.%d\n", nettle_version_major(),
	    nettle_version_minor());
	fprintf(f, "gnutls %s\n", gnutls_check_version(NULL));
	fprintf(f, "libcrypto %s\n", OpenSSL_version(OPENSSL_VERSION));
	fprintf(f, "libmicrohttpd %s\n", MHD_get_version());
	fprintf(f, "libunbound %s\n", ub_version());
}
