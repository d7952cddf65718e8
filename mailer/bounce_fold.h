/*
 * bounce_fold: internal to the bounce modules (bounce*.c), not an interface
 * for the rest of mailer.  The one case folding by which notice text is
 * compared with the rows of bounce_rules.c, wherever it is: lower-cased
 * copies (bounce_lower_dup), the automata's scans (bounce_ac.c) and the
 * prefix and whole-word comparisons (bounce_match.c, bounce_section.c).
 * A row written in lower case then matches the same words in capitals,
 * and Latin words with or without their accents, in the scripts the
 * notices are written in:
 *   - ASCII A-Z;
 *   - Latin-1's letters and Latin Extended-A and -B (U+00C0-U+024F:
 *     French, German, Polish, Czech, Hungarian, Turkish, Romanian...) as
 *     their lower case without accents: "ÉCHEC", "échec" and "ECHEC" all
 *     fold to "echec", "BUZÓN" to "buzon"; the letters with no base letter
 *     as they are written without accents (ł l, ø o, æ ae, œ oe), ß as
 *     "ss" (German capitals write "SS").  Gateways and 7-bit relays drop
 *     accents, and capitals often go without them;
 *   - Latin Extended Additional (U+1E00-U+1EFF: Vietnamese's letters
 *     with two marks, "KHÔNG TỒN TẠI" and "không tồn tại" fold to "khong
 *     ton tai") the same way;
 *   - Greek capitals, and the tonos dropped and final ς read as σ, since
 *     Greek written in capitals carries no tonos ("ΑΠΟΤΥΧΙΑ" is
 *     "αποτυχία");
 *   - Cyrillic U+0400-U+04FF capitals, and ё as е (mostly written so);
 *   - ẞ as "ss", and the Turkish İ and ı as i (Turkish capitals write "I"
 *     for ı, and ASCII folds it to i);
 *   - combining marks (U+0300-U+036F, U+1AB0-U+1AFF, U+1DC0-U+1DFF,
 *     U+20D0-U+20FF, U+FE20-U+FE2F) as nothing: text in decomposed form
 *     (NFD, as some Mac and webmail clients send it) writes "é" as "e"
 *     and U+0301, which then folds as the precomposed letter does.
 * German's "ae" for ä is not folded: "Empfaenger" needs its own row.
 * Folding never makes text longer: a Latin letter's two bytes fold to one
 * or two, an extended one's three to one or two (ẞ), a mark's two or
 * three to none, the others keep their length.  Protocol tokens (header
 * field names, DSN fields, "smtp:") are compared as ASCII.
 *
 * Rows of bounce_rules.c are written folded ("kullanici", "grusse"), so
 * they are compared as they are; test_rows_folded checks every row.
 */
#ifndef MAILER_BOUNCE_FOLD_H
#define MAILER_BOUNCE_FOLD_H

#include <stddef.h>

/*
 * Folds the character at s[0..n), n > 0, into out (0 to 2 bytes, *outlen;
 * 0 for a combining mark) and returns how many bytes of s it took (1 to
 * 3).  A byte that starts
 * no character folding otherwise (a continuation byte, a cut or invalid
 * sequence, any other script) is its own fold.
 */
size_t bounce_fold_char(const char *s, size_t n, char out[2], size_t *outlen);

/*
 * The fold of byte c on its own: c, or its lower case for A-Z; 0 for a
 * byte that may start a longer character bounce_fold_char changes (and
 * for NUL), which the caller hands to bounce_fold_char.  One load a byte
 * in the loops that read every byte of a notice.
 */
extern const unsigned char bounce_fold_byte[256];

/*
 * 1 when the character at s[0..n), n > 0, is a capital letter (A-Z, É,
 * İ, ẞ, Σ, Ж...), not a lower-case letter the fold changes otherwise (é,
 * ß, ı, ά, ς, ё).
 */
int bounce_fold_capital(const char *s, size_t n);

/*
 * Writes s[0..n) folded to out, which has room for n bytes, and returns
 * the folded length (n or less); no terminating NUL.
 */
size_t bounce_fold(char *out, const char *s, size_t n);

/*
 * When s[0..n), folded, starts with row (folded, non-empty): the number
 * of bytes of s that fold to row; 0 otherwise, and when row ends inside
 * the fold of one character ("s" of the "ss" of ß).
 */
size_t bounce_fold_prefix(const char *s, size_t n, const char *row);

/*
 * Where the text that ends at s[end] and whose fold is flen bytes long
 * starts: end - flen, unless a fold that changed a length lies in it.
 */
size_t bounce_fold_start(const char *s, size_t end, size_t flen);

#endif
