/* Mustache: parse the input, render it against a fixed context. */
#include "fuzz.h"
#include "tmpl.h"

static json_t *ctx;

static char *
load(void *arg, const char *name, char **file)
{
	(void)arg;
	*file = NULL;
	if (!strcmp(name, "p"))
		return xstrdup("<b>{{name}}</b>{{#items}}{{.}},{{/items}}");
	if (!strcmp(name, "bad"))
		return xstrdup("{{#open}}");
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tmpl_opts o = { load, NULL, 0 };
	struct buf out = BUF_INIT;
	struct tmpl *t;

	if (!ctx)
		ctx = json_pack("{s:s, s:[i,i,s], s:{s:s, s:b}, s:b, s:n}",
		    "name", "<张三 & \"co\">", "items", 1, 2, "three", "list",
		    "name", "成都", "on", 1, "flag", 0, "none");
	for (o.no_escape = 0; o.no_escape < 2; o.no_escape++) {
		if (!(t = tmpl_parse("t.mustache", (const char *)data, size,
		    &o)))
			return 0;
		tmpl_render(t, ctx, &out);
		tmpl_uses_key(t, "name");
		tmpl_free(t);
		buf_free(&out);
	}
	return 0;
}
