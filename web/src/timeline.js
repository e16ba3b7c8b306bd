// The date histogram as SVG bars, by publication date (facets.dates of
// /api/search) or by the dates the texts mention (/api/timeline?dates=event),
// with a brush: drag across bars (or click one) to pick a date range.
import { h, s, fill } from './dom.js';
import { t } from './messages.js';

const W = 600;
const H = 110;
const PAD_BOTTOM = 18;

/**
 * Draws `dates` ({by, undated, periods}) into `el`; onRange(from, to) on a brush.
 * `help` is the hint under the chart (default: the publication-date one).
 */
export function renderTimeline(el, dates, onRange, help = t('timelineHelp')) {
  const periods = (dates && dates.periods) || [];
  if (!periods.some((p) => p.documents > 0)) {
    fill(el, h('p', { class: 'empty' }, t('timelineEmpty')));
    return;
  }
  const max = Math.max(...periods.map((p) => p.documents));
  const bw = W / periods.length;
  const chartH = H - PAD_BOTTOM;
  const bars = periods.map((p, i) => {
    const bh = p.documents === 0 ? 0 : Math.max(2, (p.documents / max) * (chartH - 4));
    return s('rect', {
      class: 'bar', x: i * bw + bw * 0.1, y: chartH - bh, width: Math.max(bw * 0.8, 0.5), height: bh,
      'data-period': p.period,
    }, s('title', {}, t('timelineBar', { period: p.period, n: p.documents })));
  });
  const sel = s('rect', { class: 'brush-selection', x: 0, y: 0, width: 0, height: chartH, visibility: 'hidden' });
  const first = periods[0].period;
  const last = periods[periods.length - 1].period;
  const svg = s('svg', {
    class: 'timeline-chart', viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img',
    'aria-label': `${t('timelineTitle')}: ${first} – ${last}`,
  },
  s('line', { class: 'axis', x1: 0, x2: W, y1: chartH, y2: chartH }),
  bars, sel,
  s('text', { class: 'tick', x: 2, y: H - 4 }, first),
  s('text', { class: 'tick', x: W - 2, y: H - 4, 'text-anchor': 'end' }, last));
  attachBrush(svg, sel, periods, bw, onRange);
  const notes = [h('p', { class: 'hint' }, help)];
  if (dates.undated > 0) notes.push(h('p', { class: 'hint' }, t('timelineUndated', { n: dates.undated, unit: dates.by })));
  fill(el, svg, notes);
}

function attachBrush(svg, sel, periods, bw, onRange) {
  let startIdx = null;
  const indexAt = (ev) => {
    const r = svg.getBoundingClientRect();
    const x = ((ev.clientX - r.left) / r.width) * W;
    return Math.min(periods.length - 1, Math.max(0, Math.floor(x / bw)));
  };
  const show = (a, b) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    sel.setAttribute('x', lo * bw);
    sel.setAttribute('width', (hi - lo + 1) * bw);
    sel.setAttribute('visibility', 'visible');
  };
  svg.addEventListener('pointerdown', (ev) => {
    startIdx = indexAt(ev);
    svg.setPointerCapture?.(ev.pointerId);
    show(startIdx, startIdx);
    ev.preventDefault();
  });
  svg.addEventListener('pointermove', (ev) => {
    if (startIdx !== null) show(startIdx, indexAt(ev));
  });
  const end = (ev) => {
    if (startIdx === null) return;
    const endIdx = indexAt(ev);
    const lo = Math.min(startIdx, endIdx);
    const hi = Math.max(startIdx, endIdx);
    startIdx = null;
    onRange(periods[lo].first_date, periods[hi].last_date);
  };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', () => {
    startIdx = null;
    sel.setAttribute('visibility', 'hidden');
  });
}

/**
 * The two buttons that choose what the timeline counts; `mode` is '' or
 * 'event', onMode(next) on a click.
 */
export function renderTimelineMode(el, mode, onMode) {
  const button = (value, label) => h('button', {
    type: 'button', class: 'mode', 'data-mode': value || 'publication',
    'aria-pressed': String(mode === value), onclick: () => mode !== value && onMode(value),
  }, label);
  fill(el, h('span', { class: 'mode-label' }, `${t('timelineDates')}:`),
    button('', t('timelineByPublication')), button('event', t('timelineByEvent')));
}
