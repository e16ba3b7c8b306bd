// The facet lists of /api/search: a click (or Enter) on a value filters by it.
import { h, fill } from './dom.js';
import { t } from './messages.js';

const quoted = (s) => `"${String(s).replace(/"/g, '')}"`;

/** Draws `facets` into `el`; state marks the active languages. */
export function renderFacets(el, facets, state, actions) {
  const active = new Set(state.lang ? state.lang.split(',') : []);
  const lists = [
    list('languages', t('facetLanguages'), facets.languages, (v) => v.lang, (v) => actions.toggleLang(v.lang), (v) => active.has(v.lang)),
    sourcesList(facets, actions),
    list('people', t('facetPeople'), facets.people, (v) => v.text, (v) => actions.addQuery(`person:${quoted(v.text)}`)),
    list('organisations', t('facetOrganisations'), facets.organisations, (v) => v.text, (v) => actions.addQuery(`org:${quoted(v.text)}`)),
    list('places', t('facetPlaces'), facets.places, (v) => (v.country ? `${v.name} (${v.country})` : v.name), (v) => actions.addQuery(`place:${quoted(v.name)}`)),
  ];
  fill(el, lists);
}

function list(id, title, values, label, onPick, isActive = () => false) {
  const items = (values || []).map((v) => h('li', {},
    h('button', {
      type: 'button', class: 'facet-value', 'data-facet': id, 'data-value': label(v),
      'aria-pressed': isActive(v) ? 'true' : 'false',
      title: t('facetAdd', { name: label(v), count: v.documents }),
      onclick: () => onPick(v),
    }, h('span', { class: 'facet-label' }, label(v)), h('span', { class: 'count' }, String(v.documents)))));
  return h('section', { class: 'panel facet', id: `facet-${id}`, 'aria-labelledby': `h-facet-${id}` },
    h('h2', { id: `h-facet-${id}` }, title),
    items.length ? h('ul', {}, items) : h('p', { class: 'empty' }, t('facetEmpty')));
}

// Sources filter with source:"…" (the whole name); documents without a source
// cannot be picked, so they stay a plain line. Counts cover the first
// sources_counted matches, which the note says.
function sourcesList(facets, actions) {
  const values = facets.sources || [];
  const section = list('sources', t('facetSources'), values.filter((v) => v.source), (v) => v.source,
    (v) => actions.addQuery(`source:${quoted(v.source)}`));
  const unsourced = values.find((v) => !v.source);
  if (unsourced) {
    const line = h('li', { class: 'facet-static', 'data-facet': 'sources' },
      h('span', { class: 'facet-label' }, '—'), h('span', { class: 'count' }, String(unsourced.documents)));
    (section.querySelector('ul') || section.appendChild(h('ul', {}))).append(line);
    section.querySelector('p.empty')?.remove();
  }
  if (values.length) section.append(h('p', { class: 'hint' }, t('facetSourcesNote', { n: facets.sources_counted })));
  return section;
}
