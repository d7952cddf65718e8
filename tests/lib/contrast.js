// contrast.js: a cdp.py check that every element holding text shows it
// at WCAG 2's contrast ratio against the background it is drawn on (the
// first background colour up its ancestors): 4.5:1, or 3:1 for large text
// (24 px, or 18.66 px bold).  Those below are named in document.title.
(() => {
  const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => (c /= 255) <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const bg = e => {
    for (; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const bad = [];
  for (const e of document.querySelectorAll('body *')) {
    if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const st = getComputedStyle(e);
    if (st.display === 'none' || st.visibility === 'hidden') continue;
    const a = lum(rgb(st.color).slice(0, 3)), b = lum(bg(e));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const px = parseFloat(st.fontSize), bold = parseInt(st.fontWeight) >= 700;
    if (ratio < (px >= 24 || (bold && px >= 18.66) ? 3 : 4.5))
      bad.push(e.tagName + ' ' + st.color + ' ' + ratio.toFixed(2) + ': ' + e.textContent.trim().slice(0, 20));
  }
  document.title = bad.join(' | ');
  return bad.length === 0;
})()
