"""flowed.py: a text/plain part as a mail client shows it.  text(part)
gives the part's text with its format=flowed lines (RFC 3676) joined as
a client that knows flowed text joins them (DelSp=yes: the soft break's
blank dropped; space-stuffing undone); other parts are given as they are."""


def unflow(t, delsp=True):
    out, cur = [], ''
    for line in t.replace('\r\n', '\n').split('\n'):
        if line.startswith(' '):
            line = line[1:]
        if line.endswith(' ') and line != '-- ':
            cur += line[:-1] if delsp else line
        else:
            out.append(cur + line)
            cur = ''
    if cur:
        out.append(cur)
    return '\n'.join(out)


def text(part):
    t = part.get_content()
    if (part.get_param('format') or '').lower() != 'flowed':
        return t
    return unflow(t, (part.get_param('delsp') or '').lower() == 'yes')
