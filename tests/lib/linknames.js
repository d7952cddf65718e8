// linknames.js: a cdp.py check that a screen reader's list of links tells
// each link apart without the line it stands in (WCAG 2.4.9, 2.5.3): no
// two links of one name go to different places, a link's name holds its
// visible text, and the feed's link says it is a feed (订阅源), not
// "订阅" alone, which is what the newsletter's subscribe page says.  What
// falls short is named in document.title.
(() => {
  const seen = {}, bad = [];
  for (const a of document.querySelectorAll('a[href]')) {
    const n = (a.getAttribute('aria-label') || a.textContent).trim();
    if (seen[n] && seen[n] !== a.href) bad.push('two places named ' + n);
    if (!n.includes(a.textContent.trim())) bad.push(n + ' lacks its text');
    if (/\.xml$/.test(a.href) && !/订阅源|feed/i.test(n)) bad.push('feed link named ' + n);
    seen[n] = a.href;
  }
  document.title = [...new Set(bad)].join(' | ');
  return bad.length === 0;
})()
