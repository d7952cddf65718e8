#!/usr/bin/python3
"""cdp.py OUTDIR STEP...: drives headless Chromium as a person would, over
the DevTools protocol on a pipe (--remote-debugging-pipe: JSON messages
separated by NUL on fds 3 and 4, no network port, no extra module).

Steps, in order:
  open:URL             load URL, wait for its load event
  fill:SELECTOR=TEXT   focus the field and type TEXT
  click:SELECTOR       a real mouse click in the middle of the element,
                       then wait for the page it loads
  phone[:WIDTH]        from now on a 390x844 phone screen (mobile), or
                       WIDTH px wide (375: the smaller iPhones)
  screen:WxH           from now on a W x H phone screen (mobile)
  key:KEY              press and release KEY (Tab: the keyboard's focus
                       moves as a person's would, :focus-visible applies)
  check:EXPR           fail unless the JavaScript expression is true
  ax:NAME              write Accessibility.getFullAXTree's nodes (what a
                       screen reader is given) to OUTDIR/NAME.ax.json
  dom:NAME             write the DOM to OUTDIR/NAME.html
  shot:NAME            write a screenshot to OUTDIR/NAME.png
Extra Chromium flags come from $CDP_ARGS (space-separated).  Every wait has
a deadline and names what it waited for; exit 1 on any failure."""
import base64, json, os, select, subprocess, sys, time

DEADLINE = 60


class Chrome:
    def __init__(self, tmp):
        r_in, w_in = os.pipe()      # we write, Chromium reads on fd 3
        r_out, w_out = os.pipe()    # Chromium writes on fd 4
        args = ['chromium', '--headless', '--no-sandbox', '--disable-gpu',
                '--disable-background-networking', '--disable-component-update',
                '--disable-sync', '--no-first-run', '--disable-quic',
                '--remote-debugging-pipe', '--window-size=420,900',
                '--user-data-dir=' + os.path.join(tmp, 'cdp-profile')]
        args += os.environ.get('CDP_ARGS', '').split()

        def fds():
            os.dup2(r_in, 3)
            os.dup2(w_out, 4)
        self.log = open(os.path.join(tmp, 'cdp-chromium.log'), 'ab')
        self.proc = subprocess.Popen(args + ['about:blank'], preexec_fn=fds,
                                     pass_fds=(3, 4), stdout=self.log,
                                     stderr=self.log, close_fds=True)
        os.close(r_in)
        os.close(w_out)
        self.w, self.r = w_in, r_out
        self.buf, self.n, self.events = b'', 0, []
        self.session = None

    def _read_one(self, until):
        while b'\0' not in self.buf:
            left = until - time.time()
            if left <= 0 or not select.select([self.r], [], [], left)[0]:
                return None
            chunk = os.read(self.r, 65536)
            if not chunk:
                raise SystemExit('cdp: Chromium closed the pipe')
            self.buf += chunk
        msg, self.buf = self.buf.split(b'\0', 1)
        return json.loads(msg)

    def call(self, method, params=None, session=True):
        self.n += 1
        msg = {'id': self.n, 'method': method, 'params': params or {}}
        if session and self.session:
            msg['sessionId'] = self.session
        os.write(self.w, json.dumps(msg).encode() + b'\0')
        until = time.time() + DEADLINE
        while True:
            m = self._read_one(until)
            if m is None:
                raise SystemExit(f'cdp: no answer to {method} in {DEADLINE} s')
            if m.get('id') == self.n:
                if 'error' in m:
                    raise SystemExit(f'cdp: {method}: {m["error"]}')
                return m.get('result', {})
            self.events.append(m)

    def wait_event(self, name, what):
        until = time.time() + DEADLINE
        while True:
            for i, m in enumerate(self.events):
                if m.get('method') == name:
                    del self.events[:i + 1]
                    return m
            m = self._read_one(until)
            if m is None:
                raise SystemExit(f'cdp: waited {DEADLINE} s for {what}')
            self.events.append(m)

    def eval(self, expr):
        r = self.call('Runtime.evaluate', {'expression': expr,
                                           'returnByValue': True})
        if 'exceptionDetails' in r:
            raise SystemExit(f'cdp: {expr}: {r["exceptionDetails"]}')
        return r['result'].get('value')

    def close(self):
        try:
            self.call('Browser.close', session=False)
        except SystemExit:
            pass
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def main():
    out, steps = sys.argv[1], sys.argv[2:]
    c = Chrome(out)
    try:
        t = c.call('Target.createTarget', {'url': 'about:blank'}, False)
        c.session = c.call('Target.attachToTarget', {
            'targetId': t['targetId'], 'flatten': True}, False)['sessionId']
        c.call('Page.enable')
        for step in steps:
            kind, _, arg = step.partition(':')
            if kind == 'open':
                c.events.clear()
                c.call('Page.navigate', {'url': arg})
                c.wait_event('Page.loadEventFired', f'{arg} to load')
            elif kind == 'fill':
                sel, _, text = arg.partition('=')
                if not c.eval(f'(e => e ? (e.focus(), true) : false)'
                              f'(document.querySelector({json.dumps(sel)}))'):
                    raise SystemExit(f'cdp: no element {sel} to fill')
                c.call('Input.insertText', {'text': text})
            elif kind == 'click':
                box = c.eval(f'(e => {{ if (!e) return null; '
                             f'e.scrollIntoView(); const r = '
                             f'e.getBoundingClientRect(); return [r.x + '
                             f'r.width / 2, r.y + r.height / 2]; }})'
                             f'(document.querySelector({json.dumps(sel := arg)}))')
                if not box:
                    raise SystemExit(f'cdp: no element {sel} to click')
                c.events.clear()
                for t in ('mousePressed', 'mouseReleased'):
                    c.call('Input.dispatchMouseEvent', {
                        'type': t, 'x': box[0], 'y': box[1],
                        'button': 'left', 'clickCount': 1})
                c.wait_event('Page.loadEventFired',
                             f'the page loaded by clicking {sel}')
            elif kind == 'phone':
                c.call('Emulation.setDeviceMetricsOverride', {
                    'width': int(arg or 390), 'height': 844,
                    'deviceScaleFactor': 1,
                    'mobile': True})
            elif kind == 'screen':
                w, _, h = arg.partition('x')
                c.call('Emulation.setDeviceMetricsOverride', {
                    'width': int(w), 'height': int(h),
                    'deviceScaleFactor': 1, 'mobile': True})
            elif kind == 'key':
                code = {'Tab': 9}.get(arg, 0)
                for t in ('keyDown', 'keyUp'):
                    c.call('Input.dispatchKeyEvent', {
                        'type': t, 'key': arg, 'code': arg,
                        'windowsVirtualKeyCode': code})
            elif kind == 'ax':
                c.call('Accessibility.enable')
                nodes = c.call('Accessibility.getFullAXTree')['nodes']
                with open(os.path.join(out, arg + '.ax.json'), 'w') as f:
                    json.dump(nodes, f)
            elif kind == 'check':
                if c.eval(arg) is not True:
                    raise SystemExit(f'cdp: not true: {arg}')
            elif kind == 'dom':
                html = c.eval('document.documentElement.outerHTML')
                with open(os.path.join(out, arg + '.html'), 'w') as f:
                    f.write(html)
            elif kind == 'shot':
                png = c.call('Page.captureScreenshot', {'format': 'png'})
                with open(os.path.join(out, arg + '.png'), 'wb') as f:
                    f.write(base64.b64decode(png['data']))
            else:
                raise SystemExit(f'cdp: unknown step {step}')
    finally:
        c.close()


if __name__ == '__main__':
    main()
