// Journey maps: which stages are in view ("stages 3 to 7 of 9"), a fade
// while more lie to the right, arrow keys that move stage by stage, and a
// stage link (#<journey-id>--<stage>) that scrolls its stage into view and
// outlines it until the reader clicks elsewhere. UI strings come from the
// page (data- attributes filled from the theme's i18n). No library, works
// from file://.
(() => {
  'use strict';
  const figures = [...document.querySelectorAll('figure.journey')];
  if (!figures.length) return;

  // fill replaces {1}, {2}… in an i18n string.
  const fill = (t, ...args) => args.reduce((s, v, i) => s.split('{' + (i + 1) + '}').join(v), t);

  const maps = figures.map(fig => {
    fig.classList.add('js');
    const scroll = fig.querySelector('.journey-scroll');
    const svg = fig.querySelector('.journey-svg');
    const lanes = fig.querySelector('.journey-lanes');
    const cols = [...fig.querySelectorAll('.j-stage-hl')];
    const pos = fig.querySelector('.journey-position');
    const total = pos ? pos.textContent : '';
    // Each stage's left and right edge in the scrolled content, in pixels.
    const edges = () => {
      const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return cols.map(c => [c.x.baseVal.value * k, (c.x.baseVal.value + c.width.baseVal.value) * k]);
    };
    const lanesWidth = () => (lanes ? lanes.getBoundingClientRect().width : 0);
    const update = () => {
      const left = scroll.scrollLeft + lanesWidth(), right = scroll.scrollLeft + scroll.clientWidth;
      scroll.classList.toggle('is-scrolled', scroll.scrollLeft > 0);
      scroll.classList.toggle('at-end', scroll.scrollLeft + scroll.clientWidth >= scroll.scrollWidth - 1);
      let first = 0, last = 0;
      edges().forEach(([x0, x1], i) => {
        if (x0 >= left - 1 && x1 <= right + 1) {
          first = first || i + 1;
          last = i + 1;
        }
      });
      if (!pos) return;
      if (!first || (first === 1 && last === cols.length)) {
        pos.textContent = total;
      } else {
        pos.textContent = fill(fig.dataset.position, first, last, cols.length);
      }
    };
    // show scrolls stage i (from 0) to the middle of the visible stages.
    const show = i => {
      const [x0, x1] = edges()[i];
      const room = scroll.clientWidth - lanesWidth();
      scroll.scrollLeft = x0 - lanesWidth() - Math.max(0, (room - (x1 - x0)) / 2);
    };
    scroll.addEventListener('scroll', update, {passive: true});
    window.addEventListener('resize', update);
    scroll.addEventListener('keydown', e => {
      if (e.target !== scroll || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      // Arrows move stage by stage: the stage after (or before) the first
      // one in view comes just right of the lane names, where the first
      // stage sits unscrolled.
      const starts = edges().map(([x0]) => x0);
      const offset = starts[0];
      const at = scroll.scrollLeft + offset;
      const i = e.key === 'ArrowRight' ? starts.findIndex(x => x > at + 1) : starts.findLastIndex(x => x < at - 1);
      if (i < 0) return;
      e.preventDefault();
      scroll.scrollLeft = starts[i] - offset;
    });
    update();
    return {fig, cols, show, update};
  });

  const clear = () => document.querySelectorAll('.j-stage-hl.is-current, .journey-card.is-current').forEach(c => c.classList.remove('is-current'));

  // target follows the address's stage anchor, if it names one.
  const target = () => {
    clear();
    let id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch { return; }
    for (const m of maps) {
      const i = m.cols.findIndex(c => c.id === id);
      if (i < 0) continue;
      // On a phone the stages are cards.
      const card = m.fig.querySelectorAll('.journey-card')[i];
      if (card && card.offsetParent) {
        card.classList.add('is-current');
        card.scrollIntoView({block: 'start'});
        continue;
      }
      m.cols[i].classList.add('is-current');
      m.fig.scrollIntoView({block: 'start'});
      m.show(i);
      m.update();
    }
  };
  window.addEventListener('hashchange', target);
  document.addEventListener('click', e => {
    if (!e.target.closest('a[href*="#"]')) clear();
  });
  target();

  // Browsers without ::details-content print a closed table folded: open
  // the tables for printing, and close again those that were.
  let closed = [];
  window.addEventListener('beforeprint', () => {
    closed = [...document.querySelectorAll('details.journey-data:not([open])')];
    closed.forEach(d => { d.open = true; });
  });
  window.addEventListener('afterprint', () => closed.forEach(d => { d.open = false; }));
})();
