// Results, the document view (entities, places, dates, quotes and event
// triggers highlighted, the quotes and events listed), the story list and the
// story view.
import { h, fill } from './dom.js';
import { t } from './messages.js';
import { highlightedNested, snippetNodes } from './text.js';

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
const eventLabel = (ev) => t('eventTitle', { type: ev.mode ? `${ev.type}/${ev.mode}` : ev.type, modality: ev.modality });

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
  for (const ev of doc.events || []) {
    if (ev.field === field) spans.push({ start: ev.trigger.start, end: ev.trigger.end, cls: 'hl-event', kind: 'event', title: eventLabel(ev) });
  }
  return spans;
}

// The quotes of one field and their speakers: spans that hold the entity,
// place and date marks (a quote's speaker is usually an entity).
function quoteSpansOf(doc, field) {
  const spans = [];
  for (const q of doc.quotes || []) {
    if (q.field !== field) continue;
    spans.push({ start: q.start, end: q.end, cls: `quote quote-${q.kind}`, kind: 'quote', title: q.speaker ? t('quoteBy', { speaker: q.speaker }) : t('quoteByUnknown') });
    if (q.speaker_end > q.speaker_start) {
      spans.push({ start: q.speaker_start, end: q.speaker_end, cls: 'quote-speaker', kind: 'speaker', title: q.speaker_key ? `${t('quoteSpeaker')}: ${q.speaker_key}` : t('quoteSpeaker') });
    }
  }
  return spans;
}

const fieldNodes = (doc, field) => highlightedNested(doc[field] || '', quoteSpansOf(doc, field), spansOf(doc, field));

function legend(doc) {
  const has = (cls) => [...spansOf(doc, 'title'), ...spansOf(doc, 'text')].some((s) => s.cls === cls);
  const keys = [['hl-per', 'docPeople'], ['hl-org', 'docOrganisations'], ['hl-place', 'docPlaces'], ['hl-loc', 'docLocations'], ['hl-date', 'docDates'], ['hl-misc', 'docOther'], ['hl-event', 'docEventsLegend']];
  const shown = keys.filter(([cls]) => has(cls));
  const quotes = (doc.quotes || []).length > 0;
  if (!shown.length && !quotes) return h('p', { class: 'hint' }, t('docNoExtractions'));
  return h('p', { class: 'legend' }, `${t('docLegend')}: `, shown.map(([cls, key]) => [h('mark', { class: cls }, t(key)), ' ']),
    quotes ? [h('span', { class: 'quote' }, t('docQuotesLegend')), ' ', h('span', { class: 'quote-speaker' }, t('docSpeakersLegend'))] : null);
}

const FILTER_OF_TYPE = { PER: 'person', ORG: 'org', LOC: 'place' };
const quoted = (s) => `"${String(s).replace(/"/g, '')}"`;

// A quote's speaker: with a key that one of the document's entities has, a
// button that filters by that entity (person:, org: or place:, as the facets).
function speakerNode(doc, q, actions) {
  if (!q.speaker) return h('span', { class: 'speaker unknown' }, t('quoteUnknownSpeaker'));
  const entity = q.speaker_key ? (doc.entities || []).find((e) => e.key === q.speaker_key && FILTER_OF_TYPE[e.type]) : null;
  if (!entity) return h('span', { class: 'speaker', dir: 'auto' }, q.speaker);
  const label = entity.text === q.speaker ? q.speaker : `${q.speaker} (${entity.text})`;
  return h('button', {
    type: 'button', class: 'speaker', 'data-key': q.speaker_key, dir: 'auto',
    title: t('quoteFilter', { name: entity.text }),
    onclick: () => actions.addQuery(`${FILTER_OF_TYPE[entity.type]}:${quoted(entity.text)}`),
  }, label);
}

function quoteList(doc, actions) {
  const quotes = doc.quotes || [];
  if (!quotes.length) return null;
  return h('section', { class: 'doc-quotes' }, h('h3', {}, t('docQuotes')),
    h('ul', {}, quotes.map((q) => h('li', { 'data-kind': q.kind, 'data-field': q.field },
      speakerNode(doc, q, actions), ' — ',
      q.kind === 'direct' ? h('q', { lang: doc.lang, dir: 'auto' }, q.text)
        : [h('span', { lang: doc.lang, dir: 'auto' }, q.text), ' ', h('span', { class: 'hint' }, `(${t('quoteIndirect')})`)]))));
}

// The events of a document: type and modality, who did it to whom, where,
// when, the deaths reported, and the sentence.
function eventList(doc) {
  const events = doc.events || [];
  if (!events.length) return null;
  const actor = (ev, role) => ev.actors.filter((a) => a.role === role).map((a) => a.text).join(', ');
  return h('section', { class: 'doc-events' }, h('h3', {}, t('docEvents')),
    h('ul', {}, events.map((ev) => h('li', { 'data-type': ev.type, 'data-field': ev.field },
      h('strong', {}, eventLabel(ev)), ' ',
      h('span', { class: 'actors', dir: 'auto' }, t('eventActors', { source: actor(ev, 'source') || t('eventNoActor'), target: actor(ev, 'target') || '—' })),
      ev.place ? [' · ', h('span', { class: 'place' }, ev.place.name || ev.place.text)] : null,
      ev.date && ev.date.value ? [' · ', h('time', { datetime: ev.date.value }, ev.date.value)] : null,
      ev.fatalities !== null && ev.fatalities !== undefined ? [' · ', t('eventDead', { n: ev.fatalities })] : null,
      h('blockquote', { lang: doc.lang, dir: 'auto' }, ev.sentence)))));
}

export function renderDoc(el, doc, actions) {
  const dates = (doc.dates || []).filter((d) => d.type === 'DATE');
  fill(el,
    h('button', { type: 'button', class: 'back', onclick: actions.closeDetail }, `← ${t('backToResults')}`),
    h('article', { class: 'doc', 'data-id': doc.id },
      h('h2', { class: 'doc-title', lang: doc.lang, dir: 'auto' }, doc.title ? fieldNodes(doc, 'title') : t('untitled')),
      h('dl', { class: 'doc-meta' },
        h('dt', {}, t('docDate')), h('dd', {}, h('time', { datetime: doc.date }, doc.date || t('undated'))),
        h('dt', {}, t('docLanguage')), h('dd', {}, doc.lang),
        doc.source ? [h('dt', {}, t('docSource')), h('dd', {}, doc.source)] : null,
        /^https?:\/\//.test(doc.url || '') ? [h('dt', {}, t('docLink')), h('dd', {}, h('a', { href: doc.url, rel: 'noopener noreferrer' }, doc.url))] : null),
      legend(doc),
      h('div', { class: 'doc-text', lang: doc.lang, dir: 'auto' }, fieldNodes(doc, 'text')),
      quoteList(doc, actions),
      eventList(doc),
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
