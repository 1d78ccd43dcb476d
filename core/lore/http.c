// SPDX-License-Identifier: GPL-2.0-or-later
#include <ctype.h>
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/base/config.h"
#include "core/base/error.h"
#include "core/lore/http.h"

struct transfer {
	struct prv_buf *out;
	const char *url;
	bool too_big;
	bool progress;
	bool shown; /* a progress line is on the terminal */
	double start, last; /* monotonic seconds */
};

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t write_body(char *data, size_t size, size_t nmemb, void *payload)
{
	struct transfer *t = payload;
	size_t n = size * nmemb;

	if (prv_buf_add(t->out, data, n)) {
		t->too_big = true;
		return 0; /* makes libcurl stop with CURLE_WRITE_ERROR */
	}
	return n;
}

static int show_progress(void *payload, curl_off_t dltotal, curl_off_t dlnow,
			 curl_off_t ultotal, curl_off_t ulnow)
{
	struct transfer *t = payload;
	double now;

	if (!t->progress)
		return 0;
	now = now_seconds();
	if (now - t->start < 1.0 || now - t->last < 0.2)
		return 0;
	t->last = now;
	if (dltotal > 0)
		fprintf(stderr, "\rfetching %s: %lld/%lld KiB", t->url,
			(long long)dlnow / 1024, (long long)dltotal / 1024);
	else
		fprintf(stderr, "\rfetching %s: %lld KiB", t->url,
			(long long)dlnow / 1024);
	t->shown = true;
	return 0;
}

static bool http_initialised;

static int http_init(void)
{
	if (http_initialised)
		return 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT))
		return prv_error(PRV_ENET, "could not initialise libcurl");
	http_initialised = true;
	return 0;
}

static bool is_tls_error(CURLcode rc)
{
	switch (rc) {
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CLIENTCERT:
	case CURLE_USE_SSL_FAILED:
		return true;
	default:
		return false;
	}
}

/* Failures worth another attempt: the server or the path may recover. */
static bool is_transient(CURLcode rc, long status)
{
	if (rc == CURLE_OK)
		return status >= 500 && status <= 599;
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return true;
	default:
		return false;
	}
}

static void describe(struct prv_buf *why, CURLcode rc, long status,
		     const char *errbuf, const struct transfer *t,
		     const struct prv_http_opts *opts)
{
	const char *detail = *errbuf ? errbuf : curl_easy_strerror(rc);
	int dlen = (int)strlen(detail);

	/* libcurl's messages may end in a blank or a newline */
	while (dlen && isspace((unsigned char)detail[dlen - 1]))
		dlen--;

	if (rc == CURLE_OK)
		prv_buf_addf(why, "server answered HTTP %ld", status);
	else if (t->too_big)
		prv_buf_addf(why, "answer larger than %zu bytes",
			     opts->max_size);
	else if (rc == CURLE_COULDNT_RESOLVE_HOST ||
		 rc == CURLE_COULDNT_RESOLVE_PROXY)
		prv_buf_addf(why, "DNS lookup failed (%.*s)", dlen, detail);
	else if (rc == CURLE_COULDNT_CONNECT)
		prv_buf_addf(why, "connection failed (%.*s)", dlen, detail);
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		prv_buf_addf(why, "timed out (%.*s)", dlen, detail);
	else if (is_tls_error(rc))
		prv_buf_addf(why, "TLS error (%.*s)", dlen, detail);
	else if (rc == CURLE_TOO_MANY_REDIRECTS)
		prv_buf_addf(why, "too many redirects (more than %d)",
			     opts->max_redirects);
	else if (rc == CURLE_UNSUPPORTED_PROTOCOL)
		prv_buf_addf(why, "redirected away from https or http (%.*s)",
			     dlen, detail);
	else if (rc == CURLE_FILESIZE_EXCEEDED)
		prv_buf_addf(why, "answer larger than %zu bytes",
			     opts->max_size);
	else if (rc == CURLE_PARTIAL_FILE || rc == CURLE_GOT_NOTHING ||
		 rc == CURLE_RECV_ERROR)
		prv_buf_addf(why, "transfer cut short (%.*s)", dlen, detail);
	else
		prv_buf_addf(why, "%.*s", dlen, detail);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts))
		;
}

const char *prv_http_redirect_protocols(const char *url)
{
	return strncasecmp(url, "https://", 8) ? "http,https" : "https";
}

/* A handle for one URL, its answer going to `t`, or NULL. */
static CURL *http_handle(struct transfer *t, char *errbuf, const char *post,
			 const struct prv_http_opts *opts)
{
	CURL *curl = curl_easy_init();

	if (!curl)
		return NULL;
	curl_easy_setopt(curl, CURLOPT_URL, t->url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR,
			 prv_http_redirect_protocols(t->url));
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(curl, CURLOPT_MAXREDIRS, (long)opts->max_redirects);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, opts->connect_timeout);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, opts->timeout);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "prereview/" PRV_VERSION);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, show_progress);
	curl_easy_setopt(curl, CURLOPT_XFERINFODATA, t);
	curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
			 (curl_off_t)opts->max_size);
	if (post)
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, post);
	return curl;
}

/* One attempt: the libcurl result, and the HTTP status in *status. */
static CURLcode http_attempt(CURL *curl, struct transfer *t, char *errbuf,
			     long *status)
{
	CURLcode rc;

	errbuf[0] = '\0';
	*status = 0;
	t->too_big = false;
	t->start = t->last = now_seconds();
	prv_buf_reset(t->out);
	rc = curl_easy_perform(curl);
	if (t->shown) {
		fputc('\n', stderr);
		t->shown = false;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
	return rc;
}

int prv_http_fetch(struct prv_buf *out, const char *url, const char *post,
		   const struct prv_http_opts *opts)
{
	char errbuf[CURL_ERROR_SIZE];
	struct transfer t = { .out = out, .url = url };
	struct prv_buf why = PRV_BUF_INIT;
	CURL *curl;
	CURLcode rc;
	long status, delay = opts->retry_delay_ms;
	int attempt, err;

	prv_buf_reset(out);
	out->max = opts->max_size;
	err = http_init();
	if (err)
		return err;
	t.progress = opts->progress && isatty(STDERR_FILENO);
	curl = http_handle(&t, errbuf, post, opts);
	if (!curl)
		return prv_error(PRV_ENET,
				 "could not fetch '%s': libcurl failed", url);
	for (attempt = 0;; attempt++) {
		rc = http_attempt(curl, &t, errbuf, &status);
		if (rc == CURLE_OK && status >= 200 && status <= 299)
			goto out;
		if (rc == CURLE_OK && status == 404) {
			err = prv_error(
				PRV_ENOTFOUND,
				"could not fetch '%s': not found (HTTP 404)",
				url);
			goto out;
		}
		if (t.too_big || attempt >= opts->retries ||
		    !is_transient(rc, status))
			break;
		if (t.progress)
			fprintf(stderr,
				"fetching %s failed, retrying in %ld ms\n", url,
				delay);
		sleep_ms(delay);
		delay *= 2;
	}
	describe(&why, rc, status, errbuf, &t, opts);
	if (attempt > 0)
		prv_buf_addf(&why, " after %d attempts", attempt + 1);
	err = prv_error(PRV_ENET, "could not fetch '%s': %s", url, why.data);
out:
	if (err)
		prv_buf_reset(out);
	prv_buf_release(&why);
	curl_easy_cleanup(curl);
	return err;
}
