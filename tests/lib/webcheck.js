// webcheck.js: a cdp.py check of what a screen reader makes of one of
// serve's pages (WCAG 2.2): English text is marked lang="en" (3.1.2: a
// Chinese voice reads it letter by letter otherwise); a form's error is
// tied to the field it is about (aria-invalid, aria-describedby naming
// the error, 3.3.1), the field takes the focus (autofocus) so the error is read at once,
// and the page's title says there is an error (2.4.2).  What falls short
// is named in document.title.
(() => {
  const bad = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = w.nextNode());) {
    // addresses, file names and capitals (acronyms, the sample's pinyin
    // section subtitles) are no English words
    const t = n.textContent.replace(/\S*@\S*|[\w-]+\.[A-Za-z0-9]{1,4}\b|\b[A-Z]+\b/g, '');
    if (!/[A-Za-z]{2,}[\s,.;:'()-]+[A-Za-z]{2,}/.test(t) &&
        !/^[\s()()。,.、:;]*[A-Za-z-]{3,}[\s()()。,.、:;]*$/.test(t)) continue;
    const l = n.parentElement.closest('[lang]');
    if (!l || !/^en/i.test(l.lang)) bad.push('no lang=en: ' + t.trim().slice(0, 30));
  }
  const err = document.querySelector('.error');
  if (err) {
    const f = document.querySelector('[aria-invalid="true"]');
    if (!f) bad.push('no field aria-invalid');
    else {
      const ids = (f.getAttribute('aria-describedby') || '').split(/\s+/);
      if (!ids.some(id => { const e = document.getElementById(id); return e && e.contains(err) || e === err; }))
        bad.push(f.id + ' not described by the error');
      // autofocus is applied at the page's first frame, which may come
      // after the load event this check runs at
      if (document.activeElement !== f && !f.autofocus) bad.push(f.id + ' does not take the focus');
    }
    if (!/^错误/.test(document.title)) bad.push('title without 错误: ' + document.title);
  }
  document.title = bad.join(' | ');
  return bad.length === 0;
})()
