#!/usr/bin/env python3
"""lint-cols: make lint's 80-column check (STYLE.md: "C11, tabs, 80
columns").  Prints FILE:LINE: WIDTH for every line wider than 80 and exits
1 when there is any.

Width is counted in display columns, not bytes: tabs stop every 8
columns, East Asian wide and fullwidth characters take 2, combining marks
none.  The rule tables (bounce_rules.c) hold CJK, Thai, Cyrillic and
Greek text, whose UTF-8 bytes are two to three times its width on screen.

  tests/lint-cols.py FILE...
"""
import sys
import unicodedata

LIMIT = 80


def width(line):
    w = 0
    for ch in line:
        if ch == '\t':
            w = (w // 8 + 1) * 8
        elif unicodedata.combining(ch):
            pass
        elif unicodedata.east_asian_width(ch) in 'WF':
            w += 2
        else:
            w += 1
    return w


def main(files):
    bad = 0
    for f in files:
        with open(f, encoding='utf-8', errors='replace') as fp:
            text = fp.read()
        for i, line in enumerate(text.split('\n'), 1):
            w = width(line)
            if w > LIMIT:
                print(f'{f}:{i}: {w}')
                bad += 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
