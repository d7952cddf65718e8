/*
 * charset: the decoder for a declared charset label (see charset.h).
 */
#include "charset.h"

#include <string.h>
#include <strings.h>

#include "util.h"

/*
 * Labels and the decoder each stands for (WHATWG Encoding Standard,
 * "Encodings" table): the Chinese GB labels are GB18030's subsets, Big5
 * is read as Big5-HKSCS, the Korean labels as UHC (CP949), the Shift_JIS
 * ones as Microsoft's CP932, Latin-1 as windows-1252.  US-ASCII is
 * none of them: it is what MIME assumes when a part declares nothing,
 * and such parts are mostly UTF-8 (see charset_unknown).
 */
static const struct {
	const char *label, *decoder;
} aliases[] = {
	{ "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" },
	{ "cp936", "GB18030" }, { "windows-936", "GB18030" },
	{ "gb_2312-80", "GB18030" }, { "csgb2312", "GB18030" },
	{ "euc-cn", "GB18030" }, { "chinese", "GB18030" },
	/* Python's email package labels GB2312 and Big5 headers with its
	 * codec names */
	{ "eucgb2312_cn", "GB18030" }, { "big5_tw", "BIG5-HKSCS" },
	{ "big5", "BIG5-HKSCS" }, { "x-big5", "BIG5-HKSCS" },
	{ "cn-big5", "BIG5-HKSCS" }, { "x-x-big5", "BIG5-HKSCS" },
	{ "euc-kr", "CP949" }, { "x-euc-kr", "CP949" },
	{ "ks_c_5601-1987", "CP949" }, { "ks_c_5601-1989", "CP949" },
	{ "ks_c_5601", "CP949" }, { "ksc5601", "CP949" },
	{ "ksc_5601", "CP949" }, { "korean", "CP949" },
	{ "windows-949", "CP949" },
	{ "shift_jis", "CP932" }, { "shift-jis", "CP932" },
	{ "sjis", "CP932" }, { "x-sjis", "CP932" }, { "ms932", "CP932" },
	{ "ms_kanji", "CP932" }, { "windows-31j", "CP932" },
	{ "x-ms-cp932", "CP932" }, { "csshiftjis", "CP932" },
	{ "x-euc-jp", "EUC-JP" }, { "cseucpkdfmtjapanese", "EUC-JP" },
	{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
	{ "iso_8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
	{ "l1", "WINDOWS-1252" }, { "iso-8859-9", "WINDOWS-1254" },
	{ "latin5", "WINDOWS-1254" }, { "tis-620", "WINDOWS-874" },
	{ "iso-8859-11", "WINDOWS-874" }, { "iso-8859-8-i", "ISO-8859-8" },
	{ "utf8", "UTF-8" },
};

const char *
charset_decoder(const char *label)
{
	/* "windows-NNNN" as "x-cpNNNN", "win-NNNN", "cp-NNNN" write it */
	static const char *const cp_prefixes[] = { "x-cp", "win-", "cp-" };
	static const char *const wins[] = { "WINDOWS-1250", "WINDOWS-1251",
	    "WINDOWS-1252", "WINDOWS-1253", "WINDOWS-1254", "WINDOWS-1255",
	    "WINDOWS-1256", "WINDOWS-1257", "WINDOWS-1258" };

	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (!strcasecmp(label, aliases[i].label))
			return aliases[i].decoder;
	for (size_t i = 0; i < 3; i++) {
		size_t pl = strlen(cp_prefixes[i]);
		const char *d = label + pl;	/* read only past the prefix */

		if (strncasecmp(label, cp_prefixes[i], pl))
			continue;
		if (strlen(d) == 4 && !strncmp(d, "125", 3) &&
		    d[3] >= '0' && d[3] <= '8')
			return wins[d[3] - '0'];
	}
	return label;
}

const char *
charset_unknown(const char *s, size_t n)
{
	return utf8_valid(s, n, NULL) ? "UTF-8" : "WINDOWS-1252";
}
