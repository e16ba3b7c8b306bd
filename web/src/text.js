// Highlights in UTF-8 text. The API gives offsets in bytes of the UTF-8 text
// (snippet_marks, entity/place/date start and end), not JavaScript string
// indices (UTF-16 code units), so the text is cut as bytes and decoded piecewise.
import { h } from './dom.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/**
 * Pieces of `text`: spans [{start, end, ...}] in bytes become
 * {text, span} pieces; the rest {text, span: null}. Overlapping spans: the
 * earlier-listed (higher priority) wins; spans off character boundaries or out
 * of range are dropped.
 */
export function splitByByteSpans(text, spans) {
  const bytes = encoder.encode(text);
  const isBoundary = (i) => i === bytes.length || (i >= 0 && i < bytes.length && (bytes[i] & 0xc0) !== 0x80);
  const taken = [];
  for (const sp of spans) {
    if (!(sp.start < sp.end) || sp.end > bytes.length || !isBoundary(sp.start) || !isBoundary(sp.end)) continue;
    if (taken.some((o) => sp.start < o.end && o.start < sp.end)) continue;
    taken.push(sp);
  }
  taken.sort((a, b) => a.start - b.start);
  const pieces = [];
  let at = 0;
  for (const sp of taken) {
    if (sp.start > at) pieces.push({ text: decoder.decode(bytes.subarray(at, sp.start)), span: null });
    pieces.push({ text: decoder.decode(bytes.subarray(sp.start, sp.end)), span: sp });
    at = sp.end;
  }
  if (at < bytes.length) pieces.push({ text: decoder.decode(bytes.subarray(at)), span: null });
  return pieces;
}

/** Nodes of `text` with each span in a <mark> (class and title from the span). */
export function highlighted(text, spans) {
  return splitByByteSpans(text, spans).map(({ text: piece, span }) =>
    span ? h('mark', { class: span.cls || null, title: span.title || null, 'data-kind': span.kind || null }, piece) : piece,
  );
}

/**
 * Nodes of `text` with two levels of spans: each `outer` span (e.g. a quote)
 * becomes a <span> (class, title and data-kind from the span), and the `inner`
 * spans (entities, places, dates) are <mark>s inside the outer spans or
 * between them. An inner span that crosses an outer span's edge is dropped.
 */
export function highlightedNested(text, outer, inner) {
  let at = 0;
  return splitByByteSpans(text, outer).map(({ text: piece, span }) => {
    const start = at;
    const end = start + encoder.encode(piece).length;
    at = end;
    const inside = inner.filter((sp) => sp.start >= start && sp.end <= end)
      .map((sp) => ({ ...sp, start: sp.start - start, end: sp.end - start }));
    const nodes = highlighted(piece, inside);
    return span ? h('span', { class: span.cls || null, title: span.title || null, 'data-kind': span.kind || null }, nodes) : nodes;
  });
}

/** A search snippet: snippet_text with snippet_marks ([start, end) bytes) in <mark>. */
export function snippetNodes(hit) {
  const marks = (hit.snippet_marks || []).map(([start, end]) => ({ start, end, cls: 'hit' }));
  return highlighted(hit.snippet_text || '', marks);
}
