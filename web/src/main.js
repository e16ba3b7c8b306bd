// The single page of `dateline serve`: search, facets, timeline, map, stories,
// document and story views. State: the URL (state.js). Strings: messages.js.
import './styles.css';
import { api, ApiError, selection } from './api.js';
import { h, fill } from './dom.js';
import { t } from './messages.js';
import { readState, pushState, stateUrl } from './state.js';
import { renderTimeline, renderTimelineMode } from './timeline.js';
import { renderMap } from './map.js';
import { renderFacets } from './facets.js';
import { renderResults, renderDoc, renderStory, renderStories } from './views.js';

const PAGE = 20;
let state = readState();
let generation = 0;

const ui = buildLayout();
document.getElementById('app').replaceWith(ui.root);

/** Moves to a new state (a new history entry) and loads it. */
function navigate(changes, focus = null) {
  state = pushState(state, changes);
  load(focus);
}

/** Everything the views may do. */
const actions = {
  navigate,
  href: (changes) => stateUrl({ ...state, ...changes }),
  addQuery(clause) {
    const q = state.q.trim();
    if (q.split(/\s+/).includes(clause) || q.includes(clause)) return;
    navigate({ q: q ? `${q} ${clause}` : clause, offset: '', doc: '', story: '' });
  },
  toggleLang(code) {
    const langs = state.lang ? state.lang.split(',') : [];
    const next = langs.includes(code) ? langs.filter((l) => l !== code) : [...langs, code];
    navigate({ lang: next.join(','), offset: '', doc: '', story: '' });
  },
  setRange(from, to) {
    navigate({ from, to, offset: '', doc: '', story: '' });
  },
  setTimelineDates: (dates) => navigate({ dates }),
  openDoc: (id) => navigate({ doc: id, story: '' }, 'detail'),
  openStory: (id) => navigate({ story: id, doc: '' }, 'detail'),
  closeDetail: () => navigate({ doc: '', story: '' }, 'results'),
};

function buildLayout() {
  const input = h('input', {
    id: 'q', name: 'q', type: 'search', autocomplete: 'off', spellcheck: 'false',
    placeholder: t('searchPlaceholder'), 'aria-describedby': 'syntax-help',
  });
  const form = h('form', { class: 'search', role: 'search', onsubmit: (ev) => {
    ev.preventDefault();
    navigate({ q: input.value.trim(), offset: '', doc: '', story: '' });
  } },
  h('label', { for: 'q', class: 'search-label' }, t('searchLabel')),
  h('div', { class: 'search-row' }, input, h('button', { type: 'submit' }, t('searchButton'))),
  h('p', { id: 'syntax-help', class: 'hint' }, t('syntaxHelp')));
  const from = h('input', { id: 'from', type: 'date', name: 'from' });
  const to = h('input', { id: 'to', type: 'date', name: 'to' });
  const dates = h('form', { class: 'dates', onsubmit: (ev) => {
    ev.preventDefault();
    actions.setRange(from.value, to.value);
  } },
  h('label', { for: 'from' }, t('fromLabel')), from,
  h('label', { for: 'to' }, t('toLabel')), to,
  h('button', { type: 'submit' }, t('applyDates')));
  const parts = {
    filters: h('div', { class: 'filters', 'aria-label': t('activeFilters') }),
    alert: h('div', { class: 'alert', role: 'alert' }),
    status: h('p', { class: 'status', id: 'status', 'aria-live': 'polite' }),
    detail: h('section', { class: 'detail', id: 'detail', tabindex: -1, hidden: true }),
    results: h('section', { class: 'results', id: 'results', tabindex: -1, 'aria-labelledby': 'status' }),
    facets: h('aside', { class: 'facets', id: 'facets' }),
    timelineMode: h('div', { class: 'timeline-mode', role: 'group', 'aria-label': t('timelineDates') }),
    timeline: h('div', { id: 'timeline' }),
    map: h('div', { id: 'map' }),
    stories: h('div', { id: 'stories' }),
  };
  const root = h('div', { class: 'app' },
    h('header', { class: 'top' },
      h('h1', {}, h('a', { href: '/', onclick: (ev) => { ev.preventDefault(); navigate({ q: '', from: '', to: '', lang: '', dates: '', offset: '', doc: '', story: '' }); } }, t('appTitle')),
        h('span', { class: 'tagline' }, t('appTagline'))),
      form, h('div', { class: 'filter-row' }, parts.filters, dates)),
    parts.alert,
    h('div', { class: 'layout' },
      h('main', { class: 'main' }, parts.status, parts.detail, parts.results),
      h('div', { class: 'side' },
        h('section', { class: 'panel', 'aria-labelledby': 'h-timeline' }, h('h2', { id: 'h-timeline' }, t('timelineTitle')), parts.timelineMode, parts.timeline),
        h('section', { class: 'panel', 'aria-labelledby': 'h-map' }, h('h2', { id: 'h-map' }, t('mapTitle')), parts.map),
        parts.facets,
        h('section', { class: 'panel', 'aria-labelledby': 'h-stories' }, h('h2', { id: 'h-stories' }, t('storiesTitle')), parts.stories))));
  return { root, input, from, to, ...parts };
}

function renderFilters() {
  const chips = [];
  const chip = (label, changes) => h('button', {
    type: 'button', class: 'chip', 'aria-label': t('removeFilter', { name: label }),
    onclick: () => navigate({ ...changes, offset: '', doc: '', story: '' }),
  }, label, h('span', { 'aria-hidden': 'true' }, ' ×'));
  for (const code of state.lang ? state.lang.split(',') : []) {
    chips.push(chip(`lang: ${code}`, { lang: state.lang.split(',').filter((l) => l !== code).join(',') }));
  }
  if (state.from) chips.push(chip(`${t('fromLabel')}: ${state.from}`, { from: '' }));
  if (state.to) chips.push(chip(`${t('toLabel')}: ${state.to}`, { to: '' }));
  if (chips.length > 1) chips.push(h('button', { type: 'button', class: 'chip clear', onclick: () => navigate({ lang: '', from: '', to: '', offset: '' }) }, t('clearAll')));
  fill(ui.filters, chips);
  ui.input.value = state.q;
  ui.from.value = /^\d{4}-\d{2}-\d{2}$/.test(state.from) ? state.from : '';
  ui.to.value = /^\d{4}-\d{2}-\d{2}$/.test(state.to) ? state.to : '';
}

function errorText(e) {
  if (e instanceof ApiError && e.status === 503) return `${t('noIndex')} ${e.message}`;
  return t('errorPrefix') + (e && e.message ? e.message : String(e));
}

/** Fetches and draws everything the state shows; stale answers are dropped. */
async function load(focus = null) {
  const gen = ++generation;
  const current = () => gen === generation;
  renderFilters();
  fill(ui.alert);
  ui.status.textContent = t('loading');
  document.body.dataset.loading = 'true';
  const sel = selection(state);
  const offset = Number(state.offset) || 0;
  const byEvent = state.dates === 'event';
  renderTimelineMode(ui.timelineMode, byEvent ? 'event' : '', actions.setTimelineDates);
  const jobs = [
    api('search', { ...sel, limit: PAGE, offset, facet_limit: 10 }).then((r) => {
      if (!current()) return;
      renderResults(ui.results, ui.status, r, offset, PAGE, actions);
      renderFacets(ui.facets, r.facets, state, actions);
      if (!byEvent) renderTimeline(ui.timeline, r.facets.dates, actions.setRange);
    }, (e) => {
      if (current()) [ui.results, ui.facets, ui.timeline].forEach((el) => fill(el));
      throw e;
    }),
    byEvent && loadEventTimeline(current),
    api('places', { ...sel, format: 'geojson', limit: 200 }).then((g) => current() && renderMap(ui.map, g, (name) => actions.addQuery(`place:"${name.replace(/"/g, '')}"`))),
    api('stories', { ...sel, limit: 10 }).then((list) => current() && renderStories(ui.stories, list, actions)),
    loadDetail(current),
  ];
  const results = await Promise.allSettled(jobs);
  if (!current()) return;
  const failed = results.filter((r) => r.status === 'rejected').map((r) => errorText(r.reason));
  if (failed.length) {
    fill(ui.alert, [...new Set(failed)].map((m) => h('p', {}, m)));
    if (ui.status.textContent === t('loading')) ui.status.textContent = '';
  }
  delete document.body.dataset.loading;
  document.body.dataset.ready = 'true';
  if (focus === 'detail' && !ui.detail.hidden) ui.detail.focus();
  if (focus === 'results') ui.results.focus();
}

/**
 * The timeline by the dates the texts mention, of the documents the search
 * shows: from/to bound their publication dates (a date: clause), and a brush
 * adds an event-date: clause.
 */
async function loadEventTimeline(current) {
  const published = state.from || state.to ? `date:[${state.from || '1000-01-01'} TO ${state.to || '9999-12-31'}]` : '';
  const q = [state.q.trim() || (published ? '*' : ''), published].filter(Boolean).join(' ');
  try {
    const r = await api('timeline', { q, lang: state.lang, dates: 'event', limit: 0 });
    if (current()) renderTimeline(ui.timeline, r, (a, b) => actions.addQuery(`event-date:[${a} TO ${b}]`), t('timelineEventHelp'));
  } catch (e) {
    if (current()) fill(ui.timeline);
    throw e;
  }
}

async function loadDetail(current) {
  const open = Boolean(state.doc || state.story);
  ui.detail.hidden = !open;
  ui.results.hidden = open;
  if (!open) return fill(ui.detail);
  try {
    if (state.doc) {
      const doc = await api(`doc/${encodeURIComponent(state.doc)}`);
      if (current()) renderDoc(ui.detail, doc, actions);
    } else {
      const story = await api(`story/${encodeURIComponent(state.story)}`);
      if (current()) renderStory(ui.detail, story, actions);
    }
  } catch (e) {
    if (!current()) return;
    fill(ui.detail, h('button', { type: 'button', class: 'back', onclick: actions.closeDetail }, `← ${t('backToResults')}`),
      h('p', { class: 'empty' }, e instanceof ApiError && e.status === 404 ? `${t('notFound')} ${e.message}` : errorText(e)));
  }
}

window.addEventListener('popstate', () => {
  state = readState();
  load();
});

load();
