/*
 * Unit tests for tmpl.c: the official Mustache spec files, read in place
 * from ../shared/corpus/mustache-spec, plus error reporting, key usage and
 * no_escape.
 */
#include <dirent.h>
#include <string.h>

#include <jansson.h>
#include <yaml.h>

#include "tmpl.h"
#include "unit.h"
#include "util.h"

/* ---- YAML to json_t ---- */

static int
full_parse(const char *s, char *end)
{
	return *s != '\0' && *end == '\0';
}

/* Plain scalars carry YAML 1.1 core types; quoted ones are strings. */
static json_t *
scalar_to_json(const yaml_node_t *n)
{
	const char *s = (const char *)n->data.scalar.value;
	size_t len = n->data.scalar.length;
	char *end;
	long long i;
	double d;

	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return json_stringn(s, len);
	if (strcmp(s, "true") == 0)
		return json_true();
	if (strcmp(s, "false") == 0)
		return json_false();
	if (len == 0 || strcmp(s, "null") == 0 || strcmp(s, "~") == 0)
		return json_null();
	i = strtoll(s, &end, 10);
	if (full_parse(s, end))
		return json_integer(i);
	d = strtod(s, &end);
	if (full_parse(s, end))
		return json_real(d);
	return json_stringn(s, len);
}

static json_t *
node_to_json(yaml_document_t *doc, yaml_node_t *n)
{
	yaml_node_item_t *it;
	yaml_node_pair_t *pr;
	yaml_node_t *k;
	json_t *j;

	switch (n->type) {
	case YAML_SEQUENCE_NODE:
		j = json_array();
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++)
			json_array_append_new(j, node_to_json(doc,
			    yaml_document_get_node(doc, *it)));
		return j;
	case YAML_MAPPING_NODE:
		j = json_object();
		for (pr = n->data.mapping.pairs.start;
		    pr < n->data.mapping.pairs.top; pr++) {
			k = yaml_document_get_node(doc, pr->key);
			json_object_set_new(j,
			    (const char *)k->data.scalar.value,
			    node_to_json(doc,
			    yaml_document_get_node(doc, pr->value)));
		}
		return j;
	case YAML_SCALAR_NODE:
		return scalar_to_json(n);
	default:
		return json_null();
	}
}

static json_t *
load_yaml(const char *path)
{
	struct buf b = BUF_INIT;
	yaml_parser_t parser;
	yaml_document_t doc;
	json_t *j = NULL;

	ck_assert_int_eq(slurp_file(path, 1 << 20, &b), 0);
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (unsigned char *)b.data, b.len);
	if (!yaml_parser_load(&parser, &doc))
		ck_abort_msg("%s:%zu: %s", path, parser.problem_mark.line + 1,
		    parser.problem);
	if (yaml_document_get_root_node(&doc))
		j = node_to_json(&doc, yaml_document_get_root_node(&doc));
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	buf_free(&b);
	return j;
}

/* ---- spec runner ---- */

/* Partials come from the test's "partials" map. */
static char *
map_loader(void *arg, const char *name, char **file)
{
	json_t *s = json_object_get(arg, name);

	if (!json_is_string(s))
		return NULL;
	*file = xasprintf("%s.mustache", name);
	return xstrdup(json_string_value(s));
}

/* Runs one spec test; 1 when the output is the expected one. */
static int
run_spec_test(const char *fname, json_t *test)
{
	const char *name = json_string_value(json_object_get(test, "name"));
	const char *src = json_string_value(json_object_get(test, "template"));
	const char *want = json_string_value(json_object_get(test, "expected"));
	struct tmpl_opts opts = { map_loader, json_object_get(test, "partials"),
	    0 };
	struct buf out = BUF_INIT;
	struct tmpl *t;
	int ok;

	t = tmpl_parse(name, src, strlen(src), &opts);
	ok = t && tmpl_render(t, json_object_get(test, "data"), &out) == 0 &&
	    strcmp(out.data, want) == 0;
	if (!ok)
		printf("FAIL %s: %s\n  want: \"%s\"\n  got:  \"%s\"\n", fname,
		    name, want, out.data ? out.data : "(error)");
	tmpl_free(t);
	buf_free(&out);
	return ok;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Spec files in dir, sorted; the optional ~modules are left out. */
static size_t
list_specs(const char *dir, char ***names)
{
	struct dirent *de;
	size_t n = 0, len;
	DIR *d = opendir(dir);

	ck_assert_msg(d != NULL, "cannot open %s", dir);
	*names = NULL;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '~' || len < 5 ||
		    strcmp(de->d_name + len - 4, ".yml") != 0)
			continue;
		*names = xrealloc(*names, (n + 1) * sizeof **names);
		(*names)[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(*names, n, sizeof **names, cmp_names);
	return n;
}

START_TEST(test_spec)
{
	size_t i, j, n, pass = 0, total = 0, fpass;
	struct buf report = BUF_INIT;
	char *dir, *path, **names;
	json_t *spec, *tests;

	dir = path_join(unit_shared(), "corpus/mustache-spec");
	n = list_specs(dir, &names);
	for (i = 0; i < n; i++) {
		path = path_join(dir, names[i]);
		spec = load_yaml(path);
		tests = json_object_get(spec, "tests");
		fpass = 0;
		for (j = 0; j < json_array_size(tests); j++)
			fpass += run_spec_test(names[i],
			    json_array_get(tests, j));
		buf_printf(&report, "%s %zu/%zu ", names[i], fpass,
		    json_array_size(tests));
		pass += fpass;
		total += json_array_size(tests);
		json_decref(spec);
		free(path);
		free(names[i]);
	}
	printf("mustache spec: %stotal %zu/%zu passed\n",
	    report.data ? report.data : "", pass, total);
	fflush(stdout);
	ck_assert_uint_gt(total, 0);
	ck_assert_uint_eq(pass, total);
	buf_free(&report);
	free(names);
	free(dir);
}
END_TEST

/* ---- helpers for the other tests ---- */

/* Runs fn(arg) with stderr going to a temporary file; returns its text. */
static char *
capture_stderr(void (*fn)(void *), void *arg)
{
	struct buf b = BUF_INIT;
	FILE *tmp = tmpfile();
	char chunk[512];
	size_t n;
	int saved;

	ck_assert_ptr_nonnull(tmp);
	fflush(stderr);
	saved = dup(2);
	dup2(fileno(tmp), 2);
	fn(arg);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	while ((n = fread(chunk, 1, sizeof chunk, tmp)) > 0)
		buf_add(&b, chunk, n);
	fclose(tmp);
	buf_add(&b, "", 0);
	return buf_detach(&b);
}

/* Partials for the tests below, as "name", "source" pairs. */
static const char *const test_partials[] = {
	"footer", "\n<a href=\"{{unsubscribe_url}}\">stop</a>\n",
	"self", "{{subscriber.name}}{{>self}}",
	"broken", "fine\nstill fine\n{{#open}}never closed",
	"outer", "a\n  {{>inner}}\nb\n",
	"inner", "x\r\n{{#l}}\n{{.}}\n{{/l}}\n",
	"inline", "p\n-{{>inner}}",
	"bom", "\xef\xbb\xbf<b>{{x}}</b>",
	NULL,
};

static char *
table_loader(void *arg, const char *name, char **file)
{
	const char *const *p;

	(void)arg;
	for (p = test_partials; *p; p += 2)
		if (strcmp(*p, name) == 0) {
			*file = xasprintf("%s.mustache", name);
			return xstrdup(p[1]);
		}
	return NULL;
}

static const struct tmpl_opts test_opts = { table_loader, NULL, 0 };

static struct tmpl *
parse_str(const char *src)
{
	return tmpl_parse("t.mustache", src, strlen(src), &test_opts);
}

/* ---- syntax errors ---- */

static const struct {
	const char *src, *msg;
} bad_cases[] = {
	{ "a\nb\n{{#a}}x", "t.mustache:3: unclosed section \"a\"" },
	{ "{{#a}}\n{{#b}}\n{{/a}}", "t.mustache:3: mismatched close tag" },
	{ "x\n{{/a}}", "t.mustache:2: close tag without open section" },
	{ "x\n\n\n{{name", "t.mustache:4: unclosed tag" },
	{ "{{{name}}", "t.mustache:1: unclosed tag" },
	{ "\n{{=<% %>}}", "t.mustache:2: bad delimiter change" },
	{ "{{= | =}}", "t.mustache:1: bad delimiter change" },
	{ "{{=a= b=}}", "t.mustache:1: bad delimiter change" },
	{ "{{ }}", "t.mustache:1: empty tag" },
	{ "{{=<% %>=}}\n<%#a%>\n{{/a}}", "t.mustache:2: unclosed section" },
};

static void
parse_bad(void *arg)
{
	struct tmpl *t = parse_str(arg);

	ck_assert_ptr_null(t);
}

START_TEST(test_errors)
{
	char *msg = capture_stderr(parse_bad, (void *)bad_cases[_i].src);

	ck_assert_msg(strstr(msg, bad_cases[_i].msg) != NULL,
	    "want \"%s\" in \"%s\"", bad_cases[_i].msg, msg);
	/* Reported once, not once per caller. */
	ck_assert_ptr_null(strchr(msg, '\n') ? strchr(strchr(msg, '\n') + 1,
	    '\n') : NULL);
	free(msg);
}
END_TEST

static void
render_fails(void *arg)
{
	struct tmpl *t = parse_str(arg);
	struct buf out = BUF_INIT;
	json_t *ctx = json_pack("{s:{s:s}}", "subscriber", "name", "x");

	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(tmpl_render(t, ctx, &out), -1);
	/* A cached broken partial still fails, without a new parse report. */
	ck_assert_int_eq(tmpl_render(t, ctx, &out), -1);
	json_decref(ctx);
	buf_free(&out);
	tmpl_free(t);
}

START_TEST(test_partial_errors)
{
	char *msg = capture_stderr(render_fails, "a\n{{>broken}}");

	ck_assert_msg(strstr(msg, "broken.mustache:3: unclosed section") !=
	    NULL, "got \"%s\"", msg);
	ck_assert_msg(strstr(msg, "t.mustache:2: partial \"broken\"") !=
	    NULL, "got \"%s\"", msg);
	free(msg);
	msg = capture_stderr(render_fails, "{{>self}}");
	ck_assert_msg(strstr(msg, "self.mustache:1: partials nested deeper "
	    "than 64") != NULL, "got \"%s\"", msg);
	free(msg);
}
END_TEST

START_TEST(test_nesting)
{
	struct buf b = BUF_INIT;
	char *msg;
	int i;

	for (i = 0; i < 300; i++)
		buf_adds(&b, "{{#a}}\n");
	msg = capture_stderr(parse_bad, b.data);
	ck_assert_msg(strstr(msg, "t.mustache:257: sections nested deeper "
	    "than 256") != NULL, "got \"%s\"", msg);
	free(msg);
	buf_free(&b);
}
END_TEST

/* ---- tmpl_uses_key ---- */

static const struct {
	const char *src, *key;
	int want;
} key_cases[] = {
	{ "Hi {{subscriber.name}}", "subscriber", 1 },
	{ "Hi {{subscriber.name}}", "name", 0 },
	{ "Hi {{subscriber.name}}", "sub", 0 },
	{ "{{#subscriber}}x{{/subscriber}}", "subscriber", 1 },
	{ "{{^list}}none{{/list}}", "list", 1 },
	{ "{{#a}}{{{b.c}}}{{/a}}", "b", 1 },
	{ "{{&title}}", "title", 1 },
	{ "{{! subscriber }}{{.}}", "subscriber", 0 },
	{ "{{=<% %>=}}<%subscriber%>", "subscriber", 1 },
	{ "body{{>footer}}", "unsubscribe_url", 1 },
	{ "body{{>footer}}", "subscriber", 0 },
	{ "{{>self}}", "subscriber", 1 },
	{ "{{>self}}", "other", 0 },
	{ "{{>nosuch}}", "nosuch", 0 },
};

START_TEST(test_uses_key)
{
	struct tmpl *t = parse_str(key_cases[_i].src);

	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(tmpl_uses_key(t, key_cases[_i].key),
	    key_cases[_i].want);
	/* Again, now with the partials cached. */
	ck_assert_int_eq(tmpl_uses_key(t, key_cases[_i].key),
	    key_cases[_i].want);
	tmpl_free(t);
}
END_TEST

/* ---- rendering options ---- */

static char *
render_str(const char *src, const struct tmpl_opts *opts, json_t *ctx)
{
	struct tmpl *t = tmpl_parse("t", src, strlen(src), opts);
	struct buf out = BUF_INIT;

	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(tmpl_render(t, ctx, &out), 0);
	tmpl_free(t);
	return buf_detach(&out);
}

START_TEST(test_no_escape)
{
	struct tmpl_opts plain = { table_loader, NULL, 1 };
	json_t *ctx = json_pack("{s:s, s:s}", "x", "<a & \"b\">",
	    "unsubscribe_url", "https://x/?a=1&b=2");
	char *s;

	s = render_str("{{x}}|{{{x}}}", NULL, ctx);
	ck_assert_str_eq(s, "&lt;a &amp; &quot;b&quot;&gt;|<a & \"b\">");
	free(s);
	s = render_str("{{x}}|{{&x}}", &plain, ctx);
	ck_assert_str_eq(s, "<a & \"b\">|<a & \"b\">");
	free(s);
	/* Partials inherit the setting. */
	s = render_str("{{>footer}}", &plain, ctx);
	ck_assert_str_eq(s, "\n<a href=\"https://x/?a=1&b=2\">stop</a>\n");
	free(s);
	json_decref(ctx);
}
END_TEST

/*
 * A UTF-8 byte order mark at a template's or a partial's start is no text
 * to send; one further on is.
 */
START_TEST(test_bom)
{
	json_t *ctx = json_pack("{s:s}", "x", "1");
	char *s;

	s = render_str("\xef\xbb\xbf" "a{{>bom}}", &test_opts, ctx);
	ck_assert_str_eq(s, "a<b>1</b>");
	free(s);
	s = render_str("a\xef\xbb\xbf" "b", &test_opts, ctx);
	ck_assert_str_eq(s, "a\xef\xbb\xbf" "b");
	free(s);
	json_decref(ctx);
}
END_TEST

/*
 * Standalone partials inside standalone partials indent cumulatively; an
 * inline partial adds no indentation of its own.
 */
START_TEST(test_indent)
{
	json_t *ctx = json_pack("{s:[i,s]}", "l", 1, "2\n3");
	char *s;

	s = render_str("  {{>outer}}\n", &test_opts, ctx);
	ck_assert_str_eq(s, "  a\n    x\r\n    1\n    2\n3\n  b\n");
	free(s);
	s = render_str(" {{>inline}}\n", &test_opts, ctx);
	ck_assert_str_eq(s, " p\n -x\r\n1\n2\n3\n");
	free(s);
	/* No loader: every partial renders as empty. */
	s = render_str("[{{>outer}}]", NULL, ctx);
	ck_assert_str_eq(s, "[]");
	free(s);
	json_decref(ctx);
}
END_TEST

START_TEST(test_values)
{
	json_t *ctx = json_pack("{s:I, s:f, s:f, s:b, s:n, s:i, s:s, s:[]}",
	    "big", (json_int_t)9007199254740993LL, "r", 0.1, "neg", -2.5,
	    "t", 1, "n", "zero", 0, "empty", "", "list");
	char *s;

	s = render_str("{{big}} {{r}} {{neg}} {{t}} [{{n}}] [{{missing}}]",
	    NULL, ctx);
	ck_assert_str_eq(s, "9007199254740993 0.1 -2.5 true [] []");
	free(s);
	s = render_str("{{#zero}}z{{/zero}}{{#empty}}e{{/empty}}"
	    "{{#list}}l{{/list}}{{^zero}}Z{{/zero}}{{^empty}}E{{/empty}}",
	    NULL, ctx);
	ck_assert_str_eq(s, "ZE");
	free(s);
	s = render_str("", NULL, NULL);
	ck_assert_str_eq(s, "");
	free(s);
	json_decref(ctx);
	tmpl_free(NULL);
}
END_TEST

static Suite *
tmpl_suite(void)
{
	Suite *s = suite_create("tmpl");
	TCase *tc = tcase_create("core");

	UNIT_ADD_TEST_IF(tc, test_spec, unit_shared() != NULL,
	    "../shared absent: the Mustache spec (corpus/mustache-spec) is not run");
	tcase_add_loop_test(tc, test_errors, 0,
	    sizeof bad_cases / sizeof bad_cases[0]);
	tcase_add_test(tc, test_partial_errors);
	tcase_add_test(tc, test_nesting);
	tcase_add_loop_test(tc, test_uses_key, 0,
	    sizeof key_cases / sizeof key_cases[0]);
	tcase_add_test(tc, test_no_escape);
	tcase_add_test(tc, test_indent);
	tcase_add_test(tc, test_bom);
	tcase_add_test(tc, test_values);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(tmpl_suite)
