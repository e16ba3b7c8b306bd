// The facet lists of /api/search: a click (or Enter) on a value filters by it.
import { h, fill } from './dom.js';
import { t } from './messages.js';

const quoted = (s) => `"${String(s).replace(/"/g, '')}"`;

/** Draws `facets` into `el`; state marks the active languages. */
export function renderFacets(el, facets, state, actions) {
  const active = new Set(state.lang ? state.lang.split(',') : []);
  const lists = [
    list('languages', t('facetLanguages'), facets.languages, (v) => v.lang, (v) => actions.toggleLang(v.lang), (v) => active.has(v.lang)),
    sourcesList(facets),
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

// Sources are counted but cannot be filtered by the API (no source filter), so
// they are a plain list rather than buttons.
function sourcesList(facets) {
  const values = facets.sources || [];
  const items = values.map((v) => h('li', { class: 'facet-static', 'data-facet': 'sources' },
    h('span', { class: 'facet-label' }, v.source || '—'), h('span', { class: 'count' }, String(v.documents))));
  return h('section', { class: 'panel facet', id: 'facet-sources', 'aria-labelledby': 'h-facet-sources' },
    h('h2', { id: 'h-facet-sources' }, t('facetSources')),
    items.length ? h('ul', {}, items) : h('p', { class: 'empty' }, t('facetEmpty')),
    items.length ? h('p', { class: 'hint' }, t('facetSourcesNote', { n: facets.sources_counted })) : null);
}
