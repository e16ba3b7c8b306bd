// Results, the document view (entities, places and dates highlighted), the
// story list and the story view.
import { h, fill } from './dom.js';
import { t } from './messages.js';
import { highlighted, snippetNodes } from './text.js';

/** A link to a state that navigates in place on a plain click. */
function link(actions, changes, onClick, ...children) {
  return h('a', {
    href: actions.href(changes),
    onclick: (ev) => {
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      onClick();
    },
  }, ...children);
}

const meta = (...parts) => h('p', { class: 'meta' }, parts.filter(Boolean).map((p, i) => [i ? ' · ' : '', p]));

export function renderResults(el, status, r, offset, page, actions) {
  status.textContent = r.total === 0 ? t('resultsNone') : r.total === 1 ? t('resultsCountOne') : t('resultsCount', { total: r.total });
  status.dataset.total = String(r.total);
  const items = r.hits.map((hit) => h('li', { class: 'hit', 'data-id': hit.id },
    h('h3', {}, link(actions, { doc: hit.id, story: '' }, () => actions.openDoc(hit.id), hit.title || t('untitled'))),
    meta(h('time', { datetime: hit.date }, hit.date || t('undated')), h('span', { class: 'lang', lang: 'en' }, hit.lang), hit.source ? h('span', { class: 'source' }, hit.source) : null),
    h('p', { class: 'snippet', lang: hit.lang, dir: 'auto' }, snippetNodes(hit))));
  const nav = [];
  if (offset > 0) nav.push(h('button', { type: 'button', onclick: () => actions.navigate({ offset: String(Math.max(0, offset - page)) }, 'results') }, t('previous')));
  if (offset + r.hits.length < r.total) nav.push(h('button', { type: 'button', onclick: () => actions.navigate({ offset: String(offset + page) }, 'results') }, t('next')));
  fill(el,
    r.total ? h('p', { class: 'hint' }, t('showing', { first: offset + 1, last: offset + r.hits.length, total: r.total })) : null,
    h('ol', { class: 'hits', start: offset + 1 }, items),
    nav.length ? h('div', { class: 'pager' }, nav) : null);
}

const TYPE_CLASS = { PER: 'hl-per', ORG: 'hl-org', LOC: 'hl-loc', MISC: 'hl-misc' };

// Spans of one field, highest priority first: places (resolved), dates, entities.
function spansOf(doc, field) {
  const spans = [];
  for (const p of doc.places || []) {
    if (p.field === field) spans.push({ start: p.start, end: p.end, cls: 'hl-place', kind: 'place', title: `${p.name} (${p.country}) ${p.lat}, ${p.lon}` });
  }
  for (const d of doc.dates || []) {
    if (d.field === field) spans.push({ start: d.start, end: d.end, cls: 'hl-date', kind: 'date', title: d.value_end ? `${d.value} – ${d.value_end}` : d.value });
  }
  for (const e of doc.entities || []) {
    if (e.field === field) spans.push({ start: e.start, end: e.end, cls: TYPE_CLASS[e.type] || 'hl-misc', kind: e.type, title: `${e.type}: ${e.key}` });
  }
  return spans;
}

function legend(doc) {
  const has = (cls) => [...spansOf(doc, 'title'), ...spansOf(doc, 'text')].some((s) => s.cls === cls);
  const keys = [['hl-per', 'docPeople'], ['hl-org', 'docOrganisations'], ['hl-place', 'docPlaces'], ['hl-loc', 'docLocations'], ['hl-date', 'docDates'], ['hl-misc', 'docOther']];
  const shown = keys.filter(([cls]) => has(cls));
  if (!shown.length) return h('p', { class: 'hint' }, t('docNoExtractions'));
  return h('p', { class: 'legend' }, `${t('docLegend')}: `, shown.map(([cls, key]) => [h('mark', { class: cls }, t(key)), ' ']));
}

export function renderDoc(el, doc, actions) {
  const dates = (doc.dates || []).filter((d) => d.type === 'DATE');
  fill(el,
    h('button', { type: 'button', class: 'back', onclick: actions.closeDetail }, `← ${t('backToResults')}`),
    h('article', { class: 'doc', 'data-id': doc.id },
      h('h2', { class: 'doc-title', lang: doc.lang, dir: 'auto' }, doc.title ? highlighted(doc.title, spansOf(doc, 'title')) : t('untitled')),
      h('dl', { class: 'doc-meta' },
        h('dt', {}, t('docDate')), h('dd', {}, h('time', { datetime: doc.date }, doc.date || t('undated'))),
        h('dt', {}, t('docLanguage')), h('dd', {}, doc.lang),
        doc.source ? [h('dt', {}, t('docSource')), h('dd', {}, doc.source)] : null,
        /^https?:\/\//.test(doc.url || '') ? [h('dt', {}, t('docLink')), h('dd', {}, h('a', { href: doc.url, rel: 'noopener noreferrer' }, doc.url))] : null),
      legend(doc),
      h('div', { class: 'doc-text', lang: doc.lang, dir: 'auto' }, highlighted(doc.text || '', spansOf(doc, 'text'))),
      dates.length ? h('section', { class: 'doc-dates' }, h('h3', {}, t('docMentionedDates')),
        h('ul', {}, dates.map((d) => h('li', {}, h('mark', { class: 'hl-date' }, d.text), ` → ${d.value}${d.value_end ? ` – ${d.value_end}` : ''}`)))) : null,
      (doc.copies || []).length ? h('p', { class: 'hint' }, t('docCopies', { ids: doc.copies.join(', ') })) : null,
      h('p', {}, link(actions, { story: doc.id, doc: '' }, () => actions.openStory(doc.id), t('storyOpen')))));
}

function storySummary(st) {
  return t('storySummary', { documents: st.documents, reports: st.reports, first: st.first_date, last: st.last_date });
}

export function renderStories(el, list, actions) {
  if (!list || !list.length) return fill(el, h('p', { class: 'empty' }, t('storiesEmpty')));
  fill(el, h('ul', { class: 'stories' }, list.map((st) => h('li', { 'data-story': st.id },
    link(actions, { story: st.id, doc: '' }, () => actions.openStory(st.id), st.title || t('untitled')),
    h('p', { class: 'meta' }, storySummary(st))))));
}

export function renderStory(el, st, actions) {
  fill(el,
    h('button', { type: 'button', class: 'back', onclick: actions.closeDetail }, `← ${t('backToResults')}`),
    h('article', { class: 'story', 'data-story': st.id },
      h('h2', { dir: 'auto' }, `${t('storyTitle')}: `, st.title || t('untitled')),
      h('p', { class: 'meta' }, storySummary(st)),
      h('p', { class: 'meta' }, (st.languages || []).join(', ')),
      h('p', { class: 'meta' }, (st.sources || []).join(' · ')),
      (st.entities || []).length ? h('p', { class: 'story-entities' }, st.entities.map((e) => [h('mark', { class: TYPE_CLASS[e.type] || 'hl-misc' }, e.text), ' '])) : null,
      h('h3', {}, t('storyMembers')),
      h('ol', { class: 'members' }, (st.members || []).map((m) => h('li', {},
        link(actions, { doc: m.id, story: '' }, () => actions.openDoc(m.id), m.title || m.id),
        meta(h('time', { datetime: m.date }, m.date || t('undated')), m.lang, m.source))))));
}
