/*
 * bounce_fold: the case folding of notice text and rows (see
 * bounce_fold.h).  Latin letters by a table made from Unicode's data;
 * Greek and Cyrillic by Unicode's simple lower-case mappings, with
 * Greek's tonos and final sigma and ё added: ranges or pairs, so code.
 */
#include "bounce_fold.h"

/*
 * Greek letters with tonos (U+0386-U+038F, U+03AC-U+03AF, U+03CC-U+03CE),
 * ΐ, ΰ and the final ς: the lower-case letter without the tonos, σ.
 */
static unsigned
greek_plain(unsigned cp)
{
	switch (cp) {
	case 0x386: case 0x3ac: return 0x3b1;	/* ά */
	case 0x388: case 0x3ad: return 0x3b5;	/* έ */
	case 0x389: case 0x3ae: return 0x3b7;	/* ή */
	case 0x38a: case 0x3af: return 0x3b9;	/* ί */
	case 0x38c: case 0x3cc: return 0x3bf;	/* ό */
	case 0x38e: case 0x3cd: return 0x3c5;	/* ύ */
	case 0x38f: case 0x3ce: return 0x3c9;	/* ώ */
	case 0x390: return 0x3ca;		/* ΐ: ϊ */
	case 0x3b0: return 0x3cb;		/* ΰ: ϋ */
	case 0x3c2: return 0x3c3;		/* ς: σ */
	}
	return cp;
}

/*
 * U+00C0-U+024F (Latin-1's letters, Latin Extended-A and -B): each
 * letter's fold, its lower case with the accents dropped ("" for a
 * character that stays itself: ×, ÷, letters with no such form), and
 * whether it is a capital.  Made from Unicode's data: the lower case,
 * decomposed (NFKD), without its combining marks.  The letters that
 * decompose to no base letter were written by hand: as writers without
 * the accents spell them (ł l, ø o, đ d, æ ae, œ oe, þ th, ß ss), else
 * the base letter their Unicode name gives (ƀ "B WITH STROKE" b), else
 * the ASCII letter they are read as or look like (ŋ n, ə e, ȝ g, ƿ w):
 * these last ones hardly occur in notices.  One or two bytes, so never
 * longer than the character.
 */
static const struct {
	char to[3];
	unsigned char capital;
} latin[0x250 - 0xc0] = {
	{ "a", 1 },	/* U+00C0 À */
	{ "a", 1 },	/* U+00C1 Á */
	{ "a", 1 },	/* U+00C2 Â */
	{ "a", 1 },	/* U+00C3 Ã */
	{ "a", 1 },	/* U+00C4 Ä */
	{ "a", 1 },	/* U+00C5 Å */
	{ "ae", 1 },	/* U+00C6 Æ */
	{ "c", 1 },	/* U+00C7 Ç */
	{ "e", 1 },	/* U+00C8 È */
	{ "e", 1 },	/* U+00C9 É */
	{ "e", 1 },	/* U+00CA Ê */
	{ "e", 1 },	/* U+00CB Ë */
	{ "i", 1 },	/* U+00CC Ì */
	{ "i", 1 },	/* U+00CD Í */
	{ "i", 1 },	/* U+00CE Î */
	{ "i", 1 },	/* U+00CF Ï */
	{ "d", 1 },	/* U+00D0 Ð */
	{ "n", 1 },	/* U+00D1 Ñ */
	{ "o", 1 },	/* U+00D2 Ò */
	{ "o", 1 },	/* U+00D3 Ó */
	{ "o", 1 },	/* U+00D4 Ô */
	{ "o", 1 },	/* U+00D5 Õ */
	{ "o", 1 },	/* U+00D6 Ö */
	{ "", 0 },	/* U+00D7 x */
	{ "o", 1 },	/* U+00D8 Ø */
	{ "u", 1 },	/* U+00D9 Ù */
	{ "u", 1 },	/* U+00DA Ú */
	{ "u", 1 },	/* U+00DB Û */
	{ "u", 1 },	/* U+00DC Ü */
	{ "y", 1 },	/* U+00DD Ý */
	{ "th", 1 },	/* U+00DE Þ */
	{ "ss", 0 },	/* U+00DF ß */
	{ "a", 0 },	/* U+00E0 à */
	{ "a", 0 },	/* U+00E1 á */
	{ "a", 0 },	/* U+00E2 â */
	{ "a", 0 },	/* U+00E3 ã */
	{ "a", 0 },	/* U+00E4 ä */
	{ "a", 0 },	/* U+00E5 å */
	{ "ae", 0 },	/* U+00E6 æ */
	{ "c", 0 },	/* U+00E7 ç */
	{ "e", 0 },	/* U+00E8 è */
	{ "e", 0 },	/* U+00E9 é */
	{ "e", 0 },	/* U+00EA ê */
	{ "e", 0 },	/* U+00EB ë */
	{ "i", 0 },	/* U+00EC ì */
	{ "i", 0 },	/* U+00ED í */
	{ "i", 0 },	/* U+00EE î */
	{ "i", 0 },	/* U+00EF ï */
	{ "d", 0 },	/* U+00F0 ð */
	{ "n", 0 },	/* U+00F1 ñ */
	{ "o", 0 },	/* U+00F2 ò */
	{ "o", 0 },	/* U+00F3 ó */
	{ "o", 0 },	/* U+00F4 ô */
	{ "o", 0 },	/* U+00F5 õ */
	{ "o", 0 },	/* U+00F6 ö */
	{ "", 0 },	/* U+00F7 x */
	{ "o", 0 },	/* U+00F8 ø */
	{ "u", 0 },	/* U+00F9 ù */
	{ "u", 0 },	/* U+00FA ú */
	{ "u", 0 },	/* U+00FB û */
	{ "u", 0 },	/* U+00FC ü */
	{ "y", 0 },	/* U+00FD ý */
	{ "th", 0 },	/* U+00FE þ */
	{ "y", 0 },	/* U+00FF ÿ */
	{ "a", 1 },	/* U+0100 Ā */
	{ "a", 0 },	/* U+0101 ā */
	{ "a", 1 },	/* U+0102 Ă */
	{ "a", 0 },	/* U+0103 ă */
	{ "a", 1 },	/* U+0104 Ą */
	{ "a", 0 },	/* U+0105 ą */
	{ "c", 1 },	/* U+0106 Ć */
	{ "c", 0 },	/* U+0107 ć */
	{ "c", 1 },	/* U+0108 Ĉ */
	{ "c", 0 },	/* U+0109 ĉ */
	{ "c", 1 },	/* U+010A Ċ */
	{ "c", 0 },	/* U+010B ċ */
	{ "c", 1 },	/* U+010C Č */
	{ "c", 0 },	/* U+010D č */
	{ "d", 1 },	/* U+010E Ď */
	{ "d", 0 },	/* U+010F ď */
	{ "d", 1 },	/* U+0110 Đ */
	{ "d", 0 },	/* U+0111 đ */
	{ "e", 1 },	/* U+0112 Ē */
	{ "e", 0 },	/* U+0113 ē */
	{ "e", 1 },	/* U+0114 Ĕ */
	{ "e", 0 },	/* U+0115 ĕ */
	{ "e", 1 },	/* U+0116 Ė */
	{ "e", 0 },	/* U+0117 ė */
	{ "e", 1 },	/* U+0118 Ę */
	{ "e", 0 },	/* U+0119 ę */
	{ "e", 1 },	/* U+011A Ě */
	{ "e", 0 },	/* U+011B ě */
	{ "g", 1 },	/* U+011C Ĝ */
	{ "g", 0 },	/* U+011D ĝ */
	{ "g", 1 },	/* U+011E Ğ */
	{ "g", 0 },	/* U+011F ğ */
	{ "g", 1 },	/* U+0120 Ġ */
	{ "g", 0 },	/* U+0121 ġ */
	{ "g", 1 },	/* U+0122 Ģ */
	{ "g", 0 },	/* U+0123 ģ */
	{ "h", 1 },	/* U+0124 Ĥ */
	{ "h", 0 },	/* U+0125 ĥ */
	{ "h", 1 },	/* U+0126 Ħ */
	{ "h", 0 },	/* U+0127 ħ */
	{ "i", 1 },	/* U+0128 Ĩ */
	{ "i", 0 },	/* U+0129 ĩ */
	{ "i", 1 },	/* U+012A Ī */
	{ "i", 0 },	/* U+012B ī */
	{ "i", 1 },	/* U+012C Ĭ */
	{ "i", 0 },	/* U+012D ĭ */
	{ "i", 1 },	/* U+012E Į */
	{ "i", 0 },	/* U+012F į */
	{ "i", 1 },	/* U+0130 İ */
	{ "i", 0 },	/* U+0131 ı */
	{ "ij", 1 },	/* U+0132 Ĳ */
	{ "ij", 0 },	/* U+0133 ĳ */
	{ "j", 1 },	/* U+0134 Ĵ */
	{ "j", 0 },	/* U+0135 ĵ */
	{ "k", 1 },	/* U+0136 Ķ */
	{ "k", 0 },	/* U+0137 ķ */
	{ "k", 0 },	/* U+0138 ĸ */
	{ "l", 1 },	/* U+0139 Ĺ */
	{ "l", 0 },	/* U+013A ĺ */
	{ "l", 1 },	/* U+013B Ļ */
	{ "l", 0 },	/* U+013C ļ */
	{ "l", 1 },	/* U+013D Ľ */
	{ "l", 0 },	/* U+013E ľ */
	{ "\xc5\x80", 1 },	/* U+013F Ŀ */
	{ "", 0 },	/* U+0140 ŀ */
	{ "l", 1 },	/* U+0141 Ł */
	{ "l", 0 },	/* U+0142 ł */
	{ "n", 1 },	/* U+0143 Ń */
	{ "n", 0 },	/* U+0144 ń */
	{ "n", 1 },	/* U+0145 Ņ */
	{ "n", 0 },	/* U+0146 ņ */
	{ "n", 1 },	/* U+0147 Ň */
	{ "n", 0 },	/* U+0148 ň */
	{ "", 0 },	/* U+0149 ŉ */
	{ "n", 1 },	/* U+014A Ŋ */
	{ "n", 0 },	/* U+014B ŋ */
	{ "o", 1 },	/* U+014C Ō */
	{ "o", 0 },	/* U+014D ō */
	{ "o", 1 },	/* U+014E Ŏ */
	{ "o", 0 },	/* U+014F ŏ */
	{ "o", 1 },	/* U+0150 Ő */
	{ "o", 0 },	/* U+0151 ő */
	{ "oe", 1 },	/* U+0152 Œ */
	{ "oe", 0 },	/* U+0153 œ */
	{ "r", 1 },	/* U+0154 Ŕ */
	{ "r", 0 },	/* U+0155 ŕ */
	{ "r", 1 },	/* U+0156 Ŗ */
	{ "r", 0 },	/* U+0157 ŗ */
	{ "r", 1 },	/* U+0158 Ř */
	{ "r", 0 },	/* U+0159 ř */
	{ "s", 1 },	/* U+015A Ś */
	{ "s", 0 },	/* U+015B ś */
	{ "s", 1 },	/* U+015C Ŝ */
	{ "s", 0 },	/* U+015D ŝ */
	{ "s", 1 },	/* U+015E Ş */
	{ "s", 0 },	/* U+015F ş */
	{ "s", 1 },	/* U+0160 Š */
	{ "s", 0 },	/* U+0161 š */
	{ "t", 1 },	/* U+0162 Ţ */
	{ "t", 0 },	/* U+0163 ţ */
	{ "t", 1 },	/* U+0164 Ť */
	{ "t", 0 },	/* U+0165 ť */
	{ "t", 1 },	/* U+0166 Ŧ */
	{ "t", 0 },	/* U+0167 ŧ */
	{ "u", 1 },	/* U+0168 Ũ */
	{ "u", 0 },	/* U+0169 ũ */
	{ "u", 1 },	/* U+016A Ū */
	{ "u", 0 },	/* U+016B ū */
	{ "u", 1 },	/* U+016C Ŭ */
	{ "u", 0 },	/* U+016D ŭ */
	{ "u", 1 },	/* U+016E Ů */
	{ "u", 0 },	/* U+016F ů */
	{ "u", 1 },	/* U+0170 Ű */
	{ "u", 0 },	/* U+0171 ű */
	{ "u", 1 },	/* U+0172 Ų */
	{ "u", 0 },	/* U+0173 ų */
	{ "w", 1 },	/* U+0174 Ŵ */
	{ "w", 0 },	/* U+0175 ŵ */
	{ "y", 1 },	/* U+0176 Ŷ */
	{ "y", 0 },	/* U+0177 ŷ */
	{ "y", 1 },	/* U+0178 Ÿ */
	{ "z", 1 },	/* U+0179 Ź */
	{ "z", 0 },	/* U+017A ź */
	{ "z", 1 },	/* U+017B Ż */
	{ "z", 0 },	/* U+017C ż */
	{ "z", 1 },	/* U+017D Ž */
	{ "z", 0 },	/* U+017E ž */
	{ "s", 0 },	/* U+017F ſ */
	{ "b", 0 },	/* U+0180 ƀ */
	{ "b", 1 },	/* U+0181 Ɓ */
	{ "b", 1 },	/* U+0182 Ƃ */
	{ "b", 0 },	/* U+0183 ƃ */
	{ "b", 1 },	/* U+0184 Ƅ */
	{ "b", 0 },	/* U+0185 ƅ */
	{ "o", 1 },	/* U+0186 Ɔ */
	{ "c", 1 },	/* U+0187 Ƈ */
	{ "c", 0 },	/* U+0188 ƈ */
	{ "d", 1 },	/* U+0189 Ɖ */
	{ "d", 1 },	/* U+018A Ɗ */
	{ "d", 1 },	/* U+018B Ƌ */
	{ "d", 0 },	/* U+018C ƌ */
	{ "", 0 },	/* U+018D ƍ */
	{ "e", 1 },	/* U+018E Ǝ */
	{ "e", 1 },	/* U+018F Ə */
	{ "e", 1 },	/* U+0190 Ɛ */
	{ "f", 1 },	/* U+0191 Ƒ */
	{ "f", 0 },	/* U+0192 ƒ */
	{ "g", 1 },	/* U+0193 Ɠ */
	{ "g", 1 },	/* U+0194 Ɣ */
	{ "hv", 0 },	/* U+0195 ƕ */
	{ "i", 1 },	/* U+0196 Ɩ */
	{ "i", 1 },	/* U+0197 Ɨ */
	{ "k", 1 },	/* U+0198 Ƙ */
	{ "k", 0 },	/* U+0199 ƙ */
	{ "l", 0 },	/* U+019A ƚ */
	{ "", 0 },	/* U+019B ƛ */
	{ "m", 1 },	/* U+019C Ɯ */
	{ "n", 1 },	/* U+019D Ɲ */
	{ "n", 0 },	/* U+019E ƞ */
	{ "o", 1 },	/* U+019F Ɵ */
	{ "o", 1 },	/* U+01A0 Ơ */
	{ "o", 0 },	/* U+01A1 ơ */
	{ "oi", 1 },	/* U+01A2 Ƣ */
	{ "oi", 0 },	/* U+01A3 ƣ */
	{ "p", 1 },	/* U+01A4 Ƥ */
	{ "p", 0 },	/* U+01A5 ƥ */
	{ "r", 1 },	/* U+01A6 Ʀ */
	{ "s", 1 },	/* U+01A7 Ƨ */
	{ "s", 0 },	/* U+01A8 ƨ */
	{ "s", 1 },	/* U+01A9 Ʃ */
	{ "", 0 },	/* U+01AA ƪ */
	{ "", 0 },	/* U+01AB ƫ */
	{ "t", 1 },	/* U+01AC Ƭ */
	{ "t", 0 },	/* U+01AD ƭ */
	{ "t", 1 },	/* U+01AE Ʈ */
	{ "u", 1 },	/* U+01AF Ư */
	{ "u", 0 },	/* U+01B0 ư */
	{ "u", 1 },	/* U+01B1 Ʊ */
	{ "v", 1 },	/* U+01B2 Ʋ */
	{ "y", 1 },	/* U+01B3 Ƴ */
	{ "y", 0 },	/* U+01B4 ƴ */
	{ "z", 1 },	/* U+01B5 Ƶ */
	{ "z", 0 },	/* U+01B6 ƶ */
	{ "z", 1 },	/* U+01B7 Ʒ */
	{ "z", 1 },	/* U+01B8 Ƹ */
	{ "z", 0 },	/* U+01B9 ƹ */
	{ "", 0 },	/* U+01BA ƺ */
	{ "", 0 },	/* U+01BB ƻ */
	{ "s", 1 },	/* U+01BC Ƽ */
	{ "s", 0 },	/* U+01BD ƽ */
	{ "", 0 },	/* U+01BE ƾ */
	{ "w", 0 },	/* U+01BF ƿ */
	{ "", 0 },	/* U+01C0 ǀ */
	{ "", 0 },	/* U+01C1 ǁ */
	{ "", 0 },	/* U+01C2 ǂ */
	{ "", 0 },	/* U+01C3 ǃ */
	{ "dz", 1 },	/* U+01C4 Ǆ */
	{ "dz", 1 },	/* U+01C5 ǅ */
	{ "dz", 0 },	/* U+01C6 ǆ */
	{ "lj", 1 },	/* U+01C7 Ǉ */
	{ "lj", 1 },	/* U+01C8 ǈ */
	{ "lj", 0 },	/* U+01C9 ǉ */
	{ "nj", 1 },	/* U+01CA Ǌ */
	{ "nj", 1 },	/* U+01CB ǋ */
	{ "nj", 0 },	/* U+01CC ǌ */
	{ "a", 1 },	/* U+01CD Ǎ */
	{ "a", 0 },	/* U+01CE ǎ */
	{ "i", 1 },	/* U+01CF Ǐ */
	{ "i", 0 },	/* U+01D0 ǐ */
	{ "o", 1 },	/* U+01D1 Ǒ */
	{ "o", 0 },	/* U+01D2 ǒ */
	{ "u", 1 },	/* U+01D3 Ǔ */
	{ "u", 0 },	/* U+01D4 ǔ */
	{ "u", 1 },	/* U+01D5 Ǖ */
	{ "u", 0 },	/* U+01D6 ǖ */
	{ "u", 1 },	/* U+01D7 Ǘ */
	{ "u", 0 },	/* U+01D8 ǘ */
	{ "u", 1 },	/* U+01D9 Ǚ */
	{ "u", 0 },	/* U+01DA ǚ */
	{ "u", 1 },	/* U+01DB Ǜ */
	{ "u", 0 },	/* U+01DC ǜ */
	{ "e", 0 },	/* U+01DD ǝ */
	{ "a", 1 },	/* U+01DE Ǟ */
	{ "a", 0 },	/* U+01DF ǟ */
	{ "a", 1 },	/* U+01E0 Ǡ */
	{ "a", 0 },	/* U+01E1 ǡ */
	{ "ae", 1 },	/* U+01E2 Ǣ */
	{ "ae", 0 },	/* U+01E3 ǣ */
	{ "g", 1 },	/* U+01E4 Ǥ */
	{ "g", 0 },	/* U+01E5 ǥ */
	{ "g", 1 },	/* U+01E6 Ǧ */
	{ "g", 0 },	/* U+01E7 ǧ */
	{ "k", 1 },	/* U+01E8 Ǩ */
	{ "k", 0 },	/* U+01E9 ǩ */
	{ "o", 1 },	/* U+01EA Ǫ */
	{ "o", 0 },	/* U+01EB ǫ */
	{ "o", 1 },	/* U+01EC Ǭ */
	{ "o", 0 },	/* U+01ED ǭ */
	{ "z", 1 },	/* U+01EE Ǯ */
	{ "z", 0 },	/* U+01EF ǯ */
	{ "j", 0 },	/* U+01F0 ǰ */
	{ "dz", 1 },	/* U+01F1 Ǳ */
	{ "dz", 1 },	/* U+01F2 ǲ */
	{ "dz", 0 },	/* U+01F3 ǳ */
	{ "g", 1 },	/* U+01F4 Ǵ */
	{ "g", 0 },	/* U+01F5 ǵ */
	{ "hv", 1 },	/* U+01F6 Ƕ */
	{ "w", 1 },	/* U+01F7 Ƿ */
	{ "n", 1 },	/* U+01F8 Ǹ */
	{ "n", 0 },	/* U+01F9 ǹ */
	{ "a", 1 },	/* U+01FA Ǻ */
	{ "a", 0 },	/* U+01FB ǻ */
	{ "ae", 1 },	/* U+01FC Ǽ */
	{ "ae", 0 },	/* U+01FD ǽ */
	{ "o", 1 },	/* U+01FE Ǿ */
	{ "o", 0 },	/* U+01FF ǿ */
	{ "a", 1 },	/* U+0200 Ȁ */
	{ "a", 0 },	/* U+0201 ȁ */
	{ "a", 1 },	/* U+0202 Ȃ */
	{ "a", 0 },	/* U+0203 ȃ */
	{ "e", 1 },	/* U+0204 Ȅ */
	{ "e", 0 },	/* U+0205 ȅ */
	{ "e", 1 },	/* U+0206 Ȇ */
	{ "e", 0 },	/* U+0207 ȇ */
	{ "i", 1 },	/* U+0208 Ȉ */
	{ "i", 0 },	/* U+0209 ȉ */
	{ "i", 1 },	/* U+020A Ȋ */
	{ "i", 0 },	/* U+020B ȋ */
	{ "o", 1 },	/* U+020C Ȍ */
	{ "o", 0 },	/* U+020D ȍ */
	{ "o", 1 },	/* U+020E Ȏ */
	{ "o", 0 },	/* U+020F ȏ */
	{ "r", 1 },	/* U+0210 Ȑ */
	{ "r", 0 },	/* U+0211 ȑ */
	{ "r", 1 },	/* U+0212 Ȓ */
	{ "r", 0 },	/* U+0213 ȓ */
	{ "u", 1 },	/* U+0214 Ȕ */
	{ "u", 0 },	/* U+0215 ȕ */
	{ "u", 1 },	/* U+0216 Ȗ */
	{ "u", 0 },	/* U+0217 ȗ */
	{ "s", 1 },	/* U+0218 Ș */
	{ "s", 0 },	/* U+0219 ș */
	{ "t", 1 },	/* U+021A Ț */
	{ "t", 0 },	/* U+021B ț */
	{ "g", 1 },	/* U+021C Ȝ */
	{ "g", 0 },	/* U+021D ȝ */
	{ "h", 1 },	/* U+021E Ȟ */
	{ "h", 0 },	/* U+021F ȟ */
	{ "n", 1 },	/* U+0220 Ƞ */
	{ "d", 0 },	/* U+0221 ȡ */
	{ "ou", 1 },	/* U+0222 Ȣ */
	{ "ou", 0 },	/* U+0223 ȣ */
	{ "z", 1 },	/* U+0224 Ȥ */
	{ "z", 0 },	/* U+0225 ȥ */
	{ "a", 1 },	/* U+0226 Ȧ */
	{ "a", 0 },	/* U+0227 ȧ */
	{ "e", 1 },	/* U+0228 Ȩ */
	{ "e", 0 },	/* U+0229 ȩ */
	{ "o", 1 },	/* U+022A Ȫ */
	{ "o", 0 },	/* U+022B ȫ */
	{ "o", 1 },	/* U+022C Ȭ */
	{ "o", 0 },	/* U+022D ȭ */
	{ "o", 1 },	/* U+022E Ȯ */
	{ "o", 0 },	/* U+022F ȯ */
	{ "o", 1 },	/* U+0230 Ȱ */
	{ "o", 0 },	/* U+0231 ȱ */
	{ "y", 1 },	/* U+0232 Ȳ */
	{ "y", 0 },	/* U+0233 ȳ */
	{ "l", 0 },	/* U+0234 ȴ */
	{ "n", 0 },	/* U+0235 ȵ */
	{ "t", 0 },	/* U+0236 ȶ */
	{ "j", 0 },	/* U+0237 ȷ */
	{ "db", 0 },	/* U+0238 ȸ */
	{ "qp", 0 },	/* U+0239 ȹ */
	{ "a", 1 },	/* U+023A Ⱥ */
	{ "c", 1 },	/* U+023B Ȼ */
	{ "c", 0 },	/* U+023C ȼ */
	{ "l", 1 },	/* U+023D Ƚ */
	{ "t", 1 },	/* U+023E Ⱦ */
	{ "s", 0 },	/* U+023F ȿ */
	{ "z", 0 },	/* U+0240 ɀ */
	{ "\xc9\x82", 1 },	/* U+0241 Ɂ */
	{ "", 0 },	/* U+0242 ɂ */
	{ "b", 1 },	/* U+0243 Ƀ */
	{ "u", 1 },	/* U+0244 Ʉ */
	{ "v", 1 },	/* U+0245 Ʌ */
	{ "e", 1 },	/* U+0246 Ɇ */
	{ "e", 0 },	/* U+0247 ɇ */
	{ "j", 1 },	/* U+0248 Ɉ */
	{ "j", 0 },	/* U+0249 ɉ */
	{ "q", 1 },	/* U+024A Ɋ */
	{ "q", 0 },	/* U+024B ɋ */
	{ "r", 1 },	/* U+024C Ɍ */
	{ "r", 0 },	/* U+024D ɍ */
	{ "y", 1 },	/* U+024E Ɏ */
	{ "y", 0 },	/* U+024F ɏ */
};

/*
 * U+1E00-U+1EFF (Latin Extended Additional: Vietnamese's letters with
 * two marks, "ố", "ữ", "ạ", and Welsh's ŵ, ẁ), made as the table above
 * from Unicode's data; ẞ as "ss", the long s as s, ẟ as d, the
 * Middle-Welsh ll, v and y as those letters.  A three-byte character
 * folds to one or two bytes.
 */
static const struct {
	char to[3];
	unsigned char capital;
} latin_add[0x100] = {
	{ "a", 1 },	/* U+1E00 Ḁ */
	{ "a", 0 },	/* U+1E01 ḁ */
	{ "b", 1 },	/* U+1E02 Ḃ */
	{ "b", 0 },	/* U+1E03 ḃ */
	{ "b", 1 },	/* U+1E04 Ḅ */
	{ "b", 0 },	/* U+1E05 ḅ */
	{ "b", 1 },	/* U+1E06 Ḇ */
	{ "b", 0 },	/* U+1E07 ḇ */
	{ "c", 1 },	/* U+1E08 Ḉ */
	{ "c", 0 },	/* U+1E09 ḉ */
	{ "d", 1 },	/* U+1E0A Ḋ */
	{ "d", 0 },	/* U+1E0B ḋ */
	{ "d", 1 },	/* U+1E0C Ḍ */
	{ "d", 0 },	/* U+1E0D ḍ */
	{ "d", 1 },	/* U+1E0E Ḏ */
	{ "d", 0 },	/* U+1E0F ḏ */
	{ "d", 1 },	/* U+1E10 Ḑ */
	{ "d", 0 },	/* U+1E11 ḑ */
	{ "d", 1 },	/* U+1E12 Ḓ */
	{ "d", 0 },	/* U+1E13 ḓ */
	{ "e", 1 },	/* U+1E14 Ḕ */
	{ "e", 0 },	/* U+1E15 ḕ */
	{ "e", 1 },	/* U+1E16 Ḗ */
	{ "e", 0 },	/* U+1E17 ḗ */
	{ "e", 1 },	/* U+1E18 Ḙ */
	{ "e", 0 },	/* U+1E19 ḙ */
	{ "e", 1 },	/* U+1E1A Ḛ */
	{ "e", 0 },	/* U+1E1B ḛ */
	{ "e", 1 },	/* U+1E1C Ḝ */
	{ "e", 0 },	/* U+1E1D ḝ */
	{ "f", 1 },	/* U+1E1E Ḟ */
	{ "f", 0 },	/* U+1E1F ḟ */
	{ "g", 1 },	/* U+1E20 Ḡ */
	{ "g", 0 },	/* U+1E21 ḡ */
	{ "h", 1 },	/* U+1E22 Ḣ */
	{ "h", 0 },	/* U+1E23 ḣ */
	{ "h", 1 },	/* U+1E24 Ḥ */
	{ "h", 0 },	/* U+1E25 ḥ */
	{ "h", 1 },	/* U+1E26 Ḧ */
	{ "h", 0 },	/* U+1E27 ḧ */
	{ "h", 1 },	/* U+1E28 Ḩ */
	{ "h", 0 },	/* U+1E29 ḩ */
	{ "h", 1 },	/* U+1E2A Ḫ */
	{ "h", 0 },	/* U+1E2B ḫ */
	{ "i", 1 },	/* U+1E2C Ḭ */
	{ "i", 0 },	/* U+1E2D ḭ */
	{ "i", 1 },	/* U+1E2E Ḯ */
	{ "i", 0 },	/* U+1E2F ḯ */
	{ "k", 1 },	/* U+1E30 Ḱ */
	{ "k", 0 },	/* U+1E31 ḱ */
	{ "k", 1 },	/* U+1E32 Ḳ */
	{ "k", 0 },	/* U+1E33 ḳ */
	{ "k", 1 },	/* U+1E34 Ḵ */
	{ "k", 0 },	/* U+1E35 ḵ */
	{ "l", 1 },	/* U+1E36 Ḷ */
	{ "l", 0 },	/* U+1E37 ḷ */
	{ "l", 1 },	/* U+1E38 Ḹ */
	{ "l", 0 },	/* U+1E39 ḹ */
	{ "l", 1 },	/* U+1E3A Ḻ */
	{ "l", 0 },	/* U+1E3B ḻ */
	{ "l", 1 },	/* U+1E3C Ḽ */
	{ "l", 0 },	/* U+1E3D ḽ */
	{ "m", 1 },	/* U+1E3E Ḿ */
	{ "m", 0 },	/* U+1E3F ḿ */
	{ "m", 1 },	/* U+1E40 Ṁ */
	{ "m", 0 },	/* U+1E41 ṁ */
	{ "m", 1 },	/* U+1E42 Ṃ */
	{ "m", 0 },	/* U+1E43 ṃ */
	{ "n", 1 },	/* U+1E44 Ṅ */
	{ "n", 0 },	/* U+1E45 ṅ */
	{ "n", 1 },	/* U+1E46 Ṇ */
	{ "n", 0 },	/* U+1E47 ṇ */
	{ "n", 1 },	/* U+1E48 Ṉ */
	{ "n", 0 },	/* U+1E49 ṉ */
	{ "n", 1 },	/* U+1E4A Ṋ */
	{ "n", 0 },	/* U+1E4B ṋ */
	{ "o", 1 },	/* U+1E4C Ṍ */
	{ "o", 0 },	/* U+1E4D ṍ */
	{ "o", 1 },	/* U+1E4E Ṏ */
	{ "o", 0 },	/* U+1E4F ṏ */
	{ "o", 1 },	/* U+1E50 Ṑ */
	{ "o", 0 },	/* U+1E51 ṑ */
	{ "o", 1 },	/* U+1E52 Ṓ */
	{ "o", 0 },	/* U+1E53 ṓ */
	{ "p", 1 },	/* U+1E54 Ṕ */
	{ "p", 0 },	/* U+1E55 ṕ */
	{ "p", 1 },	/* U+1E56 Ṗ */
	{ "p", 0 },	/* U+1E57 ṗ */
	{ "r", 1 },	/* U+1E58 Ṙ */
	{ "r", 0 },	/* U+1E59 ṙ */
	{ "r", 1 },	/* U+1E5A Ṛ */
	{ "r", 0 },	/* U+1E5B ṛ */
	{ "r", 1 },	/* U+1E5C Ṝ */
	{ "r", 0 },	/* U+1E5D ṝ */
	{ "r", 1 },	/* U+1E5E Ṟ */
	{ "r", 0 },	/* U+1E5F ṟ */
	{ "s", 1 },	/* U+1E60 Ṡ */
	{ "s", 0 },	/* U+1E61 ṡ */
	{ "s", 1 },	/* U+1E62 Ṣ */
	{ "s", 0 },	/* U+1E63 ṣ */
	{ "s", 1 },	/* U+1E64 Ṥ */
	{ "s", 0 },	/* U+1E65 ṥ */
	{ "s", 1 },	/* U+1E66 Ṧ */
	{ "s", 0 },	/* U+1E67 ṧ */
	{ "s", 1 },	/* U+1E68 Ṩ */
	{ "s", 0 },	/* U+1E69 ṩ */
	{ "t", 1 },	/* U+1E6A Ṫ */
	{ "t", 0 },	/* U+1E6B ṫ */
	{ "t", 1 },	/* U+1E6C Ṭ */
	{ "t", 0 },	/* U+1E6D ṭ */
	{ "t", 1 },	/* U+1E6E Ṯ */
	{ "t", 0 },	/* U+1E6F ṯ */
	{ "t", 1 },	/* U+1E70 Ṱ */
	{ "t", 0 },	/* U+1E71 ṱ */
	{ "u", 1 },	/* U+1E72 Ṳ */
	{ "u", 0 },	/* U+1E73 ṳ */
	{ "u", 1 },	/* U+1E74 Ṵ */
	{ "u", 0 },	/* U+1E75 ṵ */
	{ "u", 1 },	/* U+1E76 Ṷ */
	{ "u", 0 },	/* U+1E77 ṷ */
	{ "u", 1 },	/* U+1E78 Ṹ */
	{ "u", 0 },	/* U+1E79 ṹ */
	{ "u", 1 },	/* U+1E7A Ṻ */
	{ "u", 0 },	/* U+1E7B ṻ */
	{ "v", 1 },	/* U+1E7C Ṽ */
	{ "v", 0 },	/* U+1E7D ṽ */
	{ "v", 1 },	/* U+1E7E Ṿ */
	{ "v", 0 },	/* U+1E7F ṿ */
	{ "w", 1 },	/* U+1E80 Ẁ */
	{ "w", 0 },	/* U+1E81 ẁ */
	{ "w", 1 },	/* U+1E82 Ẃ */
	{ "w", 0 },	/* U+1E83 ẃ */
	{ "w", 1 },	/* U+1E84 Ẅ */
	{ "w", 0 },	/* U+1E85 ẅ */
	{ "w", 1 },	/* U+1E86 Ẇ */
	{ "w", 0 },	/* U+1E87 ẇ */
	{ "w", 1 },	/* U+1E88 Ẉ */
	{ "w", 0 },	/* U+1E89 ẉ */
	{ "x", 1 },	/* U+1E8A Ẋ */
	{ "x", 0 },	/* U+1E8B ẋ */
	{ "x", 1 },	/* U+1E8C Ẍ */
	{ "x", 0 },	/* U+1E8D ẍ */
	{ "y", 1 },	/* U+1E8E Ẏ */
	{ "y", 0 },	/* U+1E8F ẏ */
	{ "z", 1 },	/* U+1E90 Ẑ */
	{ "z", 0 },	/* U+1E91 ẑ */
	{ "z", 1 },	/* U+1E92 Ẓ */
	{ "z", 0 },	/* U+1E93 ẓ */
	{ "z", 1 },	/* U+1E94 Ẕ */
	{ "z", 0 },	/* U+1E95 ẕ */
	{ "h", 0 },	/* U+1E96 ẖ */
	{ "t", 0 },	/* U+1E97 ẗ */
	{ "w", 0 },	/* U+1E98 ẘ */
	{ "y", 0 },	/* U+1E99 ẙ */
	{ "a", 0 },	/* U+1E9A ẚ */
	{ "s", 0 },	/* U+1E9B ẛ */
	{ "s", 0 },	/* U+1E9C ẜ */
	{ "s", 0 },	/* U+1E9D ẝ */
	{ "ss", 1 },	/* U+1E9E ẞ */
	{ "d", 0 },	/* U+1E9F ẟ */
	{ "a", 1 },	/* U+1EA0 Ạ */
	{ "a", 0 },	/* U+1EA1 ạ */
	{ "a", 1 },	/* U+1EA2 Ả */
	{ "a", 0 },	/* U+1EA3 ả */
	{ "a", 1 },	/* U+1EA4 Ấ */
	{ "a", 0 },	/* U+1EA5 ấ */
	{ "a", 1 },	/* U+1EA6 Ầ */
	{ "a", 0 },	/* U+1EA7 ầ */
	{ "a", 1 },	/* U+1EA8 Ẩ */
	{ "a", 0 },	/* U+1EA9 ẩ */
	{ "a", 1 },	/* U+1EAA Ẫ */
	{ "a", 0 },	/* U+1EAB ẫ */
	{ "a", 1 },	/* U+1EAC Ậ */
	{ "a", 0 },	/* U+1EAD ậ */
	{ "a", 1 },	/* U+1EAE Ắ */
	{ "a", 0 },	/* U+1EAF ắ */
	{ "a", 1 },	/* U+1EB0 Ằ */
	{ "a", 0 },	/* U+1EB1 ằ */
	{ "a", 1 },	/* U+1EB2 Ẳ */
	{ "a", 0 },	/* U+1EB3 ẳ */
	{ "a", 1 },	/* U+1EB4 Ẵ */
	{ "a", 0 },	/* U+1EB5 ẵ */
	{ "a", 1 },	/* U+1EB6 Ặ */
	{ "a", 0 },	/* U+1EB7 ặ */
	{ "e", 1 },	/* U+1EB8 Ẹ */
	{ "e", 0 },	/* U+1EB9 ẹ */
	{ "e", 1 },	/* U+1EBA Ẻ */
	{ "e", 0 },	/* U+1EBB ẻ */
	{ "e", 1 },	/* U+1EBC Ẽ */
	{ "e", 0 },	/* U+1EBD ẽ */
	{ "e", 1 },	/* U+1EBE Ế */
	{ "e", 0 },	/* U+1EBF ế */
	{ "e", 1 },	/* U+1EC0 Ề */
	{ "e", 0 },	/* U+1EC1 ề */
	{ "e", 1 },	/* U+1EC2 Ể */
	{ "e", 0 },	/* U+1EC3 ể */
	{ "e", 1 },	/* U+1EC4 Ễ */
	{ "e", 0 },	/* U+1EC5 ễ */
	{ "e", 1 },	/* U+1EC6 Ệ */
	{ "e", 0 },	/* U+1EC7 ệ */
	{ "i", 1 },	/* U+1EC8 Ỉ */
	{ "i", 0 },	/* U+1EC9 ỉ */
	{ "i", 1 },	/* U+1ECA Ị */
	{ "i", 0 },	/* U+1ECB ị */
	{ "o", 1 },	/* U+1ECC Ọ */
	{ "o", 0 },	/* U+1ECD ọ */
	{ "o", 1 },	/* U+1ECE Ỏ */
	{ "o", 0 },	/* U+1ECF ỏ */
	{ "o", 1 },	/* U+1ED0 Ố */
	{ "o", 0 },	/* U+1ED1 ố */
	{ "o", 1 },	/* U+1ED2 Ồ */
	{ "o", 0 },	/* U+1ED3 ồ */
	{ "o", 1 },	/* U+1ED4 Ổ */
	{ "o", 0 },	/* U+1ED5 ổ */
	{ "o", 1 },	/* U+1ED6 Ỗ */
	{ "o", 0 },	/* U+1ED7 ỗ */
	{ "o", 1 },	/* U+1ED8 Ộ */
	{ "o", 0 },	/* U+1ED9 ộ */
	{ "o", 1 },	/* U+1EDA Ớ */
	{ "o", 0 },	/* U+1EDB ớ */
	{ "o", 1 },	/* U+1EDC Ờ */
	{ "o", 0 },	/* U+1EDD ờ */
	{ "o", 1 },	/* U+1EDE Ở */
	{ "o", 0 },	/* U+1EDF ở */
	{ "o", 1 },	/* U+1EE0 Ỡ */
	{ "o", 0 },	/* U+1EE1 ỡ */
	{ "o", 1 },	/* U+1EE2 Ợ */
	{ "o", 0 },	/* U+1EE3 ợ */
	{ "u", 1 },	/* U+1EE4 Ụ */
	{ "u", 0 },	/* U+1EE5 ụ */
	{ "u", 1 },	/* U+1EE6 Ủ */
	{ "u", 0 },	/* U+1EE7 ủ */
	{ "u", 1 },	/* U+1EE8 Ứ */
	{ "u", 0 },	/* U+1EE9 ứ */
	{ "u", 1 },	/* U+1EEA Ừ */
	{ "u", 0 },	/* U+1EEB ừ */
	{ "u", 1 },	/* U+1EEC Ử */
	{ "u", 0 },	/* U+1EED ử */
	{ "u", 1 },	/* U+1EEE Ữ */
	{ "u", 0 },	/* U+1EEF ữ */
	{ "u", 1 },	/* U+1EF0 Ự */
	{ "u", 0 },	/* U+1EF1 ự */
	{ "y", 1 },	/* U+1EF2 Ỳ */
	{ "y", 0 },	/* U+1EF3 ỳ */
	{ "y", 1 },	/* U+1EF4 Ỵ */
	{ "y", 0 },	/* U+1EF5 ỵ */
	{ "y", 1 },	/* U+1EF6 Ỷ */
	{ "y", 0 },	/* U+1EF7 ỷ */
	{ "y", 1 },	/* U+1EF8 Ỹ */
	{ "y", 0 },	/* U+1EF9 ỹ */
	{ "ll", 1 },	/* U+1EFA Ỻ */
	{ "ll", 0 },	/* U+1EFB ỻ */
	{ "v", 1 },	/* U+1EFC Ỽ */
	{ "v", 0 },	/* U+1EFD ỽ */
	{ "y", 1 },	/* U+1EFE Ỿ */
	{ "y", 0 },	/* U+1EFF ỿ */
};

/*
 * The fold of a two-byte character above U+024F (Greek, Cyrillic):
 * another two-byte character, or itself.
 */
static unsigned
fold_cp(unsigned cp)
{
	if (cp >= 0x386 && cp <= 0x3ce) {
		if ((cp >= 0x391 && cp <= 0x3a1) || (cp >= 0x3a3 &&
		    cp <= 0x3ab))
			cp += 0x20;
		return greek_plain(cp);
	}
	/* Ё and ё as е: Russian is mostly written without the dots */
	if (cp == 0x401 || cp == 0x451)
		return 0x435;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 0x50;
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 0x20;
	if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48a && cp <= 0x4bf) ||
	    (cp >= 0x4d0 && cp <= 0x4ff))
		return cp | 1;
	if (cp == 0x4c0)	/* Ӏ */
		return 0x4cf;
	if (cp >= 0x4c1 && cp <= 0x4ce)
		return cp & 1 ? cp + 1 : cp;
	return cp;
}

/*
 * 1 when s[0..n) starts with a three-byte combining mark: U+1AB0-U+1AFF,
 * U+1DC0-U+1DFF, U+20D0-U+20FF or U+FE20-U+FE2F (the two-byte ones,
 * U+0300-U+036F, are read with the other two-byte characters).
 */
static int
mark3(const unsigned char *p, size_t n)
{
	if (n < 3 || (p[2] & 0xc0) != 0x80)
		return 0;
	switch (p[0]) {
	case 0xe1:
		return (p[1] == 0xaa && p[2] >= 0xb0) || p[1] == 0xab ||
		    p[1] == 0xb7;
	case 0xe2:
		return p[1] == 0x83 && p[2] >= 0x90;
	case 0xef:
		return p[1] == 0xb8 && p[2] >= 0xa0 && p[2] <= 0xaf;
	}
	return 0;
}

size_t
bounce_fold_char(const char *s, size_t n, char out[2], size_t *outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;

	*outlen = 1;
	if (p[0] >= 'A' && p[0] <= 'Z') {
		out[0] = (char)(p[0] + ('a' - 'A'));
		return 1;
	}
	out[0] = s[0];
	/* decomposed text (NFD): the base letter is folded, its marks go */
	if (p[0] >= 0xe1 && mark3(p, n)) {
		*outlen = 0;
		return 3;
	}
	if (p[0] == 0xe1 && n >= 3 && p[1] >= 0xb8 && p[1] <= 0xbb &&
	    (p[2] & 0xc0) == 0x80) {
		const char *to = latin_add[(p[1] - 0xb8) << 6 |
		    (p[2] & 0x3f)].to;

		out[0] = to[0];
		if (to[1])
			out[1] = to[1];
		*outlen = to[1] ? 2 : 1;
		return 3;
	}
	if (p[0] < 0xc3 || p[0] > 0xd3 || n < 2 || (p[1] & 0xc0) != 0x80)
		return 1;
	cp = (p[0] & 0x1fu) << 6 | (p[1] & 0x3fu);
	if (cp < 0x250) {
		const char *to = latin[cp - 0xc0].to;

		if (to[0]) {
			out[0] = to[0];
			if (to[1])
				out[1] = to[1];
			*outlen = to[1] ? 2 : 1;
			return 2;
		}
	} else if (cp >= 0x300 && cp <= 0x36f) {
		*outlen = 0;
		return 2;
	} else
		cp = fold_cp(cp);
	out[0] = (char)(0xc0 | cp >> 6);
	out[1] = (char)(0x80 | (cp & 0x3f));
	*outlen = 2;
	return 2;
}

/*
 * bounce_fold.h: bytes as themselves, A-Z as a-z, 0 where a longer
 * character may start (0xc3-0xd3, 0xe1, and 0xe2 and 0xef for combining
 * marks) and for NUL
 */
const unsigned char bounce_fold_byte[256] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27,
	0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
	0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37,
	0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
	0x40, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67,
	0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77,
	0x78, 0x79, 0x7a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f,
	0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67,
	0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77,
	0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f,
	0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
	0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f,
	0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
	0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
	0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
	0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
	0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7,
	0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
	0xc0, 0xc1, 0xc2, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0xd4, 0xd5, 0xd6, 0xd7,
	0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
	0xe0, 0x00, 0x00, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,
	0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0x00,
	0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
	0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};

int
bounce_fold_capital(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;

	if (p[0] < 0x80)
		return p[0] >= 'A' && p[0] <= 'Z';
	if (p[0] == 0xe1)
		return n >= 3 && p[1] >= 0xb8 && p[1] <= 0xbb &&
		    (p[2] & 0xc0) == 0x80 && latin_add[(p[1] - 0xb8) << 6 |
		    (p[2] & 0x3f)].capital;
	if (p[0] < 0xc3 || p[0] > 0xd3 || n < 2 || (p[1] & 0xc0) != 0x80)
		return 0;
	cp = (p[0] & 0x1fu) << 6 | (p[1] & 0x3fu);
	if (cp < 0x250)
		return latin[cp - 0xc0].capital;
	/* lower-case letters the fold changes: Greek tonos, ς, ё */
	if (cp == 0x390 || (cp >= 0x3ac && cp <= 0x3b0) || cp == 0x3c2 ||
	    (cp >= 0x3cc && cp <= 0x3ce) || cp == 0x451)
		return 0;
	return fold_cp(cp) != cp;
}

size_t
bounce_fold(char *out, const char *s, size_t n)
{
	size_t i = 0, k = 0;

	const unsigned char *p = (const unsigned char *)s;
	unsigned char *o = (unsigned char *)out;

	while (i < n) {
		size_t fl;

		/* the bytes that fold alone, in one tight run */
		while (i < n && bounce_fold_byte[p[i]])
			o[k++] = bounce_fold_byte[p[i++]];
		if (i == n)
			break;
		i += bounce_fold_char(s + i, n - i, out + k, &fl);
		k += fl;
	}
	return k;
}

size_t
bounce_fold_prefix(const char *s, size_t n, const char *row)
{
	size_t i = 0;

	while (*row) {
		char f[2];
		size_t fl;

		if (i == n)
			return 0;
		i += bounce_fold_char(s + i, n - i, f, &fl);
		for (size_t j = 0; j < fl; j++)
			if (!*row || *row++ != f[j])
				return 0;
	}
	return i;
}

size_t
bounce_fold_start(const char *s, size_t end, size_t flen)
{
	size_t b = end, k = 0;

	while (b > 0 && k < flen) {
		char f[2];
		size_t fl, c = b - 1;

		/* back to the start of the character before b */
		while (c > 0 && b - c < 3 && ((unsigned char)s[c] & 0xc0) ==
		    0x80)
			c--;
		if (bounce_fold_char(s + c, b - c, f, &fl) != b - c) {
			c = b - 1;	/* no whole character: one byte */
			fl = 1;
		}
		k += fl;
		b = c;
	}
	return b;
}
