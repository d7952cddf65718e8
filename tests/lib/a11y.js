// a11y.js: a cdp.py check of one page as a screen reader and a phone
// take it (WCAG 2.2): the page's language is zh-CN (3.1.1); one h1 and
// no heading level skipped on the way down (1.3.1); every field has a
// label of its own, not a placeholder alone (3.3.2, 4.1.2); every button
// and link has a name, and no link is named "here" (2.4.4); every image
// has an alt (1.1.1); nothing reaches past the screen's right edge
// (1.4.10).  What falls short is named in document.title.
(() => {
  const bad = [];
  const name = e => (e.getAttribute('aria-label') || e.innerText || e.value ||
    [...e.querySelectorAll('img[alt]')].map(i => i.alt).join('')).trim();
  if (document.documentElement.lang !== 'zh-CN')
    bad.push('html lang ' + document.documentElement.lang);
  const hs = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')];
  if (hs.filter(h => h.tagName === 'H1').length !== 1)
    bad.push(hs.filter(h => h.tagName === 'H1').length + ' h1');
  hs.reduce((prev, h) => {
    const l = +h.tagName[1];
    if (l > prev + 1) bad.push('h' + prev + ' then h' + l + ': ' + h.textContent.trim().slice(0, 20));
    return l;
  }, 0);
  for (const f of document.querySelectorAll('input:not([type=hidden]),select,textarea'))
    if (!f.labels.length && !f.getAttribute('aria-labelledby') && !f.getAttribute('aria-label'))
      bad.push('field without label: ' + (f.id || f.name));
  for (const b of document.querySelectorAll('button,input[type=submit]'))
    if (!name(b)) bad.push('button without name: ' + b.outerHTML.slice(0, 40));
  for (const a of document.querySelectorAll('a[href]')) {
    const n = name(a);
    if (!n) bad.push('link without name: ' + a.getAttribute('href').slice(0, 40));
    else if (/^(here|click here|more|link|这里|此处|点此|点击这里|更多)$/i.test(n))
      bad.push('link named ' + n);
  }
  for (const i of document.querySelectorAll('img'))
    if (!i.hasAttribute('alt')) bad.push('img without alt: ' + i.src.slice(-30));
  if (document.scrollingElement.scrollWidth > screen.width)
    bad.push('scrolls sideways: ' + document.scrollingElement.scrollWidth + ' px on a ' + screen.width + ' px screen');
  document.title = bad.join(' | ');
  return bad.length === 0;
})()
