// Journey maps: which stages are in view ("stages 3 to 7 of 9"), a fade
// while more lie to the right, arrow keys that move stage by stage, a
// stage link (#<journey-id>--<stage>) that scrolls its stage into view and
// outlines it until the reader clicks elsewhere, and a presentation mode
// (button or f): the map alone on a dark surround, ← → stage by stage,
// + - zoom, 0 fits, Escape leaves. UI strings come from the
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
      if (fig.dataset.current) {
        pos.textContent = fill(fig.dataset.stage, fig.dataset.current, cols.length);
      } else if (!first || (first === 1 && last === cols.length)) {
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
    const m = {fig, cols, show, update, svg, lanes, scroll, current: -1, zoom: 1};
    const button = fig.querySelector('.journey-present');
    if (button) {
      button.hidden = false;
      button.addEventListener('click', () => present(m));
    }
    const exit = fig.querySelector('.journey-exit');
    if (exit) exit.addEventListener('click', () => leave(m));
    return m;
  });

  // Presentation mode.
  let presenting = null;
  const size = (m, zoom) => {
    m.zoom = zoom;
    const vb = m.svg.viewBox.baseVal;
    m.svg.style.width = vb.width * zoom + 'px';
    if (m.lanes) m.lanes.style.width = m.lanes.viewBox.baseVal.width * zoom + 'px';
    m.update();
  };
  // fit is the zoom that shows the whole map in the window.
  const fit = m => {
    const vb = m.svg.viewBox.baseVal;
    return Math.min(m.scroll.clientWidth / vb.width, m.scroll.clientHeight / vb.height);
  };
  const stage = (m, i) => {
    m.current = Math.max(0, Math.min(m.cols.length - 1, i));
    clear();
    m.cols[m.current].classList.add('is-current');
    m.show(m.current);
    m.fig.dataset.current = m.current + 1;
    m.update();
  };
  const present = m => {
    if (presenting) leave(presenting);
    presenting = m;
    m.fig.classList.add('is-presenting');
    document.documentElement.classList.add('journey-presenting');
    size(m, fit(m));
    m.fig.querySelector('.journey-exit').focus();
    if (m.fig.requestFullscreen) m.fig.requestFullscreen().catch(() => {});
  };
  const leave = m => {
    presenting = null;
    m.fig.classList.remove('is-presenting');
    document.documentElement.classList.remove('journey-presenting');
    m.svg.style.width = '';
    if (m.lanes) m.lanes.style.width = '';
    clear();
    m.current = -1;
    delete m.fig.dataset.current;
    m.update();
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    const button = m.fig.querySelector('.journey-present');
    if (button) button.focus();
  };
  document.addEventListener('fullscreenchange', () => {
    if (!document.fullscreenElement && presenting) leave(presenting);
  });
  document.addEventListener('keydown', e => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target.closest('input, textarea, select, [contenteditable]')) return;
    const m = presenting;
    if (!m) {
      if (e.key !== 'f') return;
      // f presents the map that holds the focus, else the first one.
      const fig = e.target.closest && e.target.closest('figure.journey');
      const target = maps.find(x => x.fig === fig) || maps[0];
      e.preventDefault();
      present(target);
      return;
    }
    const keys = {
      ArrowRight: () => stage(m, m.current + 1),
      ArrowLeft: () => stage(m, m.current < 0 ? 0 : m.current - 1),
      '+': () => size(m, m.zoom * 1.25),
      '=': () => size(m, m.zoom * 1.25),
      '-': () => size(m, m.zoom / 1.25),
      '0': () => size(m, fit(m)),
      Escape: () => leave(m),
    };
    if (!keys[e.key]) return;
    e.preventDefault();
    e.stopPropagation();
    keys[e.key]();
  }, true);

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
