// A world map drawn from the country outlines shipped with the UI (world-atlas
// 110m TopoJSON), with the resolved places of the results as circles.
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import { s, h, fill } from './dom.js';
import { t } from './messages.js';

const W = 720;
const H = 370;
const projection = geoNaturalEarth1().fitExtent([[4, 4], [W - 4, H - 4]], { type: 'Sphere' });
const path = geoPath(projection);
const land = feature(world, world.objects.countries);
const borders = mesh(world, world.objects.countries, (a, b) => a !== b);
let basePaths = null;

function base() {
  if (!basePaths) {
    basePaths = [
      path({ type: 'Sphere' }),
      land.features.map((f) => path(f)).join(''),
      path(borders),
    ];
  }
  return [
    s('path', { class: 'sphere', d: basePaths[0] }),
    s('path', { class: 'land', d: basePaths[1] }),
    s('path', { class: 'borders', d: basePaths[2] }),
  ];
}

// The view box around the projected points: the whole world when they spread
// wide, else their box padded, at most 6x zoom, keeping the map's aspect ratio.
function viewOf(points) {
  if (!points.length) return { x: 0, y: 0, w: W, zoom: 1 };
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const w = Math.min(W, Math.max(W / 6, (x1 - x0) * 1.5, (y1 - y0) * 1.5 * (W / H)));
  const zoom = W / w;
  const h = H / zoom;
  const x = Math.min(W - w, Math.max(0, (x0 + x1) / 2 - w / 2));
  const y = Math.min(H - h, Math.max(0, (y0 + y1) / 2 - h / 2));
  return { x, y, w, zoom };
}

/** Draws the GeoJSON points of /api/places?format=geojson; onPlace(name) on a click or Enter. */
export function renderMap(el, geojson, onPlace) {
  const features = (geojson && geojson.features) || [];
  const max = Math.max(1, ...features.map((f) => f.properties.documents));
  const placed = features
    .filter((f) => f.geometry && f.geometry.type === 'Point')
    .sort((a, b) => b.properties.documents - a.properties.documents)
    .map((f) => ({ f, xy: projection(f.geometry.coordinates) }))
    .filter(({ xy }) => xy);
  const view = viewOf(placed.map(({ xy }) => xy));
  const markers = placed
    .map(({ f, xy }) => {
      const p = f.properties;
      const label = t('mapMarker', { name: p.name, country: p.country, n: p.documents });
      const pick = () => onPlace(p.name);
      return s('circle', {
        class: 'place-marker', cx: xy[0].toFixed(1), cy: xy[1].toFixed(1),
        r: ((2.5 + 7 * Math.sqrt(p.documents / max)) / view.zoom).toFixed(2),
        tabindex: 0, role: 'button', 'aria-label': label, 'data-geonames-id': p.geonames_id, 'data-name': p.name,
        onclick: pick,
        onkeydown: (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(); } },
      }, s('title', {}, label));
    });
  const box = `${view.x.toFixed(1)} ${view.y.toFixed(1)} ${view.w.toFixed(1)} ${((view.w * H) / W).toFixed(1)}`;
  const svg = s('svg', { class: 'map-chart', viewBox: box, role: 'group', 'aria-label': t('mapTitle') },
    base(), s('g', { class: 'markers' }, markers));
  fill(el, svg, features.length ? null : h('p', { class: 'empty' }, t('mapEmpty')));
}
