/*
 * An article file: front matter split, its YAML, the Markdown body as
 * plain text and as safe HTML (no raw <script> may come through).
 */
#include <cmark.h>

#include "fuzz.h"
#include "issue.h"
#include "ydoc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *fm, *body;
	size_t fmlen, bodylen, line;
	char *text, *html;

	if (issue_split_front_matter("a.md", (const char *)data, size, &fm,
	    &fmlen, &body, &bodylen, &line) == -1)
		return 0;
	ynode_free(ynode_parse("a.md", fm, fmlen, 1));
	text = issue_markdown_text(body, bodylen);
	free(text);
	html = cmark_markdown_to_html(body, bodylen, CMARK_OPT_SAFE);
	FUZZ_ASSERT(!strstr(html, "<script") && !strstr(html, "<SCRIPT"));
	free(html);
	return 0;
}
