// Every string the interface shows, by key. To translate, add a table with the
// same keys (e.g. `nl`) and choose it in `lang` below; {name} is a parameter.
const messages = {
  en: {
    appTitle: 'dateline',
    appTagline: 'news archive search',
    searchLabel: 'Search the archive',
    searchPlaceholder: 'e.g. Tripoli, "VN-Veiligheidsraad", person:Haftar lang:nl',
    searchButton: 'Search',
    syntaxHelp: 'Query syntax: words, "phrases", AND/OR/-, lang:, date:, person:, org:, place:, country:, source:',
    activeFilters: 'Filters',
    removeFilter: 'Remove filter {name}',
    clearAll: 'Clear all',
    fromLabel: 'From',
    toLabel: 'To',
    applyDates: 'Apply dates',
    resultsCount: '{total} documents',
    resultsCountOne: '1 document',
    resultsNone: 'No documents match.',
    showing: 'Showing {first}–{last} of {total}',
    previous: 'Previous',
    next: 'Next',
    loading: 'Loading…',
    errorPrefix: 'Error: ',
    noIndex: 'The server has no index yet.',
    undated: 'undated',
    facetLanguages: 'Languages',
    facetSources: 'Sources',
    facetSourcesNote: 'Counted in the first {n} matching documents.',
    facetPeople: 'People',
    facetOrganisations: 'Organisations',
    facetPlaces: 'Places',
    facetEmpty: 'None in these results.',
    facetAdd: 'Filter by {name} ({count} documents)',
    timelineTitle: 'Timeline',
    timelineHelp: 'Drag across the bars to set the date range.',
    timelineEmpty: 'No dated documents in these results.',
    timelineUndated: '{n} documents dated more coarsely than a {unit}.',
    timelineBar: '{period}: {n} documents',
    mapTitle: 'Map',
    mapEmpty: 'No resolved places in these results.',
    mapMarker: '{name} ({country}): {n} documents',
    storiesTitle: 'Stories',
    storiesEmpty: 'No stories in these results.',
    storySummary: '{documents} documents, {reports} independent reports, {first} – {last}',
    storyTitle: 'Story',
    storyMembers: 'Documents of this story',
    storyOpen: 'Open the story of this document',
    storyNone: 'This document belongs to no story.',
    backToResults: 'Back to results',
    docTitle: 'Document',
    docSource: 'Source',
    docDate: 'Date',
    docLanguage: 'Language',
    docLink: 'Original',
    docLegend: 'Highlighted',
    docPeople: 'people',
    docOrganisations: 'organisations',
    docPlaces: 'places',
    docLocations: 'unresolved locations',
    docDates: 'dates',
    docOther: 'other names',
    docMentionedDates: 'Dates mentioned',
    docNoExtractions: 'No entities, places or dates were extracted from this document.',
    docCopies: 'Copies: {ids}',
    untitled: '(untitled)',
    notFound: 'Not found.',
  },
};

const lang = 'en';

/** The message `key` with {params} filled in. */
export function t(key, params = {}) {
  const s = messages[lang][key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

export const uiLanguage = lang;
