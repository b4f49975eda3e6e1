// Small SVG charts: bars for counts, a line for ratios. Text goes in as text nodes like everywhere else.
import { h, svg, formatTime } from './dom.js';

const W = 400;
const H = 170;
const PAD = { top: 12, right: 8, bottom: 24, left: 52 };

/**
 * @param title   chart heading
 * @param points  [{start: Date, end: Date, value: number|null}] oldest first; null = no data in that bucket
 * @param kind    'bar' or 'line'
 * @param format  value => label text
 */
export function chart(title, points, kind, format) {
  const values = points.map(p => p.value).filter(v => v !== null);
  // an empty chart gets no value scale (a bare "1 B" top line reads as data); it says so instead
  const empty = values.every(v => !v);
  const max = kind === 'line' ? 1 : Math.max(1, ...values);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, points.length);
  const y = v => PAD.top + plotH - (v / max) * plotH;
  const total = values.reduce((a, b) => a + b, 0);
  const summary = empty ? `${title}: no data in this period` : kind === 'line'
    ? `${title}: ${values.length ? format(total / values.length) : 'no data'} on average over ${points.length} intervals`
    : `${title}: ${format(total)} in total over ${points.length} intervals, at most ${format(Math.max(0, ...values))} per interval`;

  const graphic = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary, class: `chart chart-${kind}` },
    svg('title', {}, summary),
    svg('line', { x1: PAD.left, y1: y(0), x2: W - PAD.right, y2: y(0), class: 'axis' }),
    empty ? null : svg('line', { x1: PAD.left, y1: y(max), x2: W - PAD.right, y2: y(max), class: 'grid' }),
    empty ? null : svg('text', { x: PAD.left - 6, y: y(max) + 4, 'text-anchor': 'end', class: 'tick' }, format(max)),
    empty ? null : svg('text', { x: PAD.left - 6, y: y(0) + 4, 'text-anchor': 'end', class: 'tick' }, format(0)),
    empty ? svg('text', { x: PAD.left + plotW / 2, y: PAD.top + plotH / 2, 'text-anchor': 'middle', class: 'tick empty-note' },
      'No data in this period') : null,
    points.length ? svg('text', { x: PAD.left, y: H - 6, class: 'tick' }, formatTime(points[0].start)) : null,
    // the right-hand label is where the last interval ends (now), not where it starts
    points.length ? svg('text', { x: W - PAD.right, y: H - 6, 'text-anchor': 'end', class: 'tick' },
      formatTime(points[points.length - 1].end || points[points.length - 1].start)) : null,
    kind === 'bar' ? bars(points, step, y) : line(points, step, y, format));
  return h('figure', { class: 'chart-box' }, h('figcaption', {}, title), graphic);
}

function bars(points, step, y) {
  const width = Math.max(1, step * 0.8);
  return points.map((p, i) => svg('rect', {
    x: PAD.left + i * step + (step - width) / 2, y: y(p.value || 0),
    width, height: Math.max(0, y(0) - y(p.value || 0)), class: 'bar',
  }, svg('title', {}, `${formatTime(p.start)}: ${p.value || 0}`)));
}

function line(points, step, y, format) {
  const known = points.map((p, i) => ({ ...p, x: PAD.left + i * step + step / 2 })).filter(p => p.value !== null);
  if (known.length === 0) {
    return [];
  }
  const path = known.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return [svg('path', { d: path, class: 'line' }),
    ...known.map(p => svg('circle', { cx: p.x, cy: y(p.value), r: 2.5, class: 'dot' },
      svg('title', {}, `${formatTime(p.start)}: ${format(p.value)}`)))];
}

/**
 * Groups usage events into equal buckets between from and to; denials are not requests. Playbacks are every
 * counted event except stream lists (a list says nothing about what was played), so the cached share is the
 * share of playbacks served from cache.
 */
export function bucketize(events, from, to, count) {
  const size = (to - from) / count;
  const buckets = Array.from({ length: count }, (_, i) => ({
    start: new Date(from + i * size), end: new Date(from + (i + 1) * size),
    requests: 0, cached: 0, playbacks: 0, cachedPlaybacks: 0, bytes: 0,
  }));
  for (const event of events) {
    const at = Date.parse(event.at);
    if (event.action === 'denied' || at < from || at >= to) {
      continue;
    }
    const bucket = buckets[Math.min(count - 1, Math.floor((at - from) / size))];
    bucket.requests++;
    bucket.cached += event.cached ? 1 : 0;
    if (event.action !== 'stream-list') {
      bucket.playbacks++;
      bucket.cachedPlaybacks += event.cached ? 1 : 0;
    }
    bucket.bytes += Number(event.bytes) || 0;
  }
  return buckets;
}
