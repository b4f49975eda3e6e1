// Usage: charts over time per key or user (buckets computed here from /usage), stats per key, top users,
// the latest events with paging, and a CSV export made in the browser.
import { api } from './api.js';
import { h, fill, field, messageLine, table, formatTime, formatBytes, formatPercent, cachedShare, reasonText, CACHED_SHARE_HINT } from './dom.js';
import { chart, bucketize } from './charts.js';

const RANGES = { '24h': [24 * 3600e3, 24], '7d': [7 * 24 * 3600e3, 28], '30d': [30 * 24 * 3600e3, 30] };
const MAX_PAGES = 20;
const PAGE_SIZE = 500;
const EVENTS_PER_PAGE = 25;

export function usageSection(app) {
  const message = messageLine();
  const charts = h('div', { class: 'charts' });
  const keyStats = h('div', {});
  const topUsers = h('div', {});
  const events = h('div', {});
  const exportArea = h('div', { class: 'actions' });
  let loaded = [];
  let cursors = [null];
  let page = 0;

  const form = h('form', { class: 'card row', 'aria-label': 'Usage filters' },
    field('Period', { tag: 'select', name: 'range' }),
    field('Pool key', { tag: 'select', name: 'key' }),
    field('User id', { name: 'user', autocomplete: 'off', spellcheck: false }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show')));
  form.elements.range.append(h('option', { value: '24h' }, 'Last 24 hours'),
    h('option', { value: '7d' }, 'Last 7 days'), h('option', { value: '30d' }, 'Last 30 days'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    refresh();
  });

  function filters() {
    return { poolKeyId: form.elements.key.value || undefined, userId: form.elements.user.value.trim() || undefined };
  }

  async function loadEvents(since) {
    const all = [];
    let cursor;
    for (let i = 0; i < MAX_PAGES; i++) {
      const result = await api.usage({ ...filters(), since: since.toISOString(), limit: PAGE_SIZE, cursor });
      all.push(...result.items);
      cursor = result.next;
      if (!cursor) {
        return { events: all, complete: true };
      }
    }
    return { events: all, complete: false };
  }

  async function refresh() {
    message.clear();
    const [span, count] = RANGES[form.elements.range.value];
    const to = Date.now();
    const from = to - span;
    try {
      const keys = await app.loadKeys();
      fillKeyOptions(keys);
      const { events: list, complete } = await loadEvents(new Date(from));
      loaded = list;
      const buckets = bucketize(list, from, to, count);
      const scope = filters().userId ? 'this user' : filters().poolKeyId ? 'this key' : 'all keys';
      fill(charts,
        chart(`Requests (${scope})`, buckets.map(b => ({ start: b.start, end: b.end, value: b.requests })), 'bar', v => String(Math.round(v))),
        chart(`Served from cache (${scope}, ${CACHED_SHARE_HINT})`,
          buckets.map(b => ({ start: b.start, end: b.end, value: b.playbacks ? b.cachedPlaybacks / b.playbacks : null })),
          'line', formatPercent),
        chart(`Bytes served (${scope})`, buckets.map(b => ({ start: b.start, end: b.end, value: b.bytes })), 'bar', formatBytes),
        complete ? null : h('p', { class: 'note' }, `Charts show the latest ${list.length} events of the period only.`));
      renderExport();
      await renderStats(from, to, keys);
      cursors = [null];
      page = 0;
      await renderEvents();
    } catch (e) {
      message.error(e.message);
    }
  }

  function fillKeyOptions(keys) {
    const select = form.elements.key;
    const current = select.value;
    fill(select, h('option', { value: '' }, 'All keys'),
      keys.map(k => h('option', { value: k.id }, `${k.label || 'key'} (${k.maskedKey})`)));
    select.value = keys.some(k => k.id === current) ? current : '';
  }

  async function renderStats(from, to, keys) {
    const stats = await api.stats({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    fill(keyStats, h('h3', {}, 'Per key'), table('Usage per pool key in the period', [
      ['Key', s => keyName(keys, s.poolKeyId)],
      ['Requests', s => String(s.requests)],
      ['Served from cache', s => h('span', { title: CACHED_SHARE_HINT }, cachedShare(s))],
      ['Bytes', s => formatBytes(s.bytes)],
    ], stats.keys, 'No usage in this period.'));
    fill(topUsers, h('h3', {}, 'Top users'), table('Users with the most requests in the period', [
      ['User', s => h('button', {
        type: 'button', class: 'link', 'aria-label': `Show usage of user ${s.email || s.userId}`, title: s.userId,
        onclick: () => { form.elements.user.value = s.userId; refresh(); },
      }, s.email || s.userId)],
      ['Requests', s => String(s.requests)],
      ['Served from cache', s => h('span', { title: CACHED_SHARE_HINT }, cachedShare(s))],
      ['Bytes', s => formatBytes(s.bytes)],
    ], stats.users.slice(0, 10), 'No usage in this period.'));
  }

  async function renderEvents() {
    const result = await api.usage({ ...filters(), limit: EVENTS_PER_PAGE, cursor: cursors[page] || undefined });
    cursors[page + 1] = result.next;
    fill(events, h('h3', {}, 'Latest events'),
      table('Usage events, newest first', [
        ['When', e => formatTime(e.at)],
        ['Action', e => e.reason ? `${e.action}: ${reasonText(e.reason)}` : e.action],
        ['User', e => h('code', {}, e.userId)],
        ['Key', e => keyName(app.keys, e.poolKeyId)],
        ['Cached', e => e.cached ? 'yes' : 'no'],
        ['Bytes', e => formatBytes(e.bytes)],
        ['Hash', e => e.hash ? h('code', { title: e.hash }, e.hash.slice(0, 12)) : '—'],
      ], result.items, 'No events.'),
      h('nav', { class: 'actions pager', 'aria-label': 'Event pages' },
        h('button', { type: 'button', disabled: page === 0, onclick: () => { page--; renderEvents(); } }, 'Newer'),
        h('span', {}, `Page ${page + 1}`),
        h('button', { type: 'button', disabled: !result.next, onclick: () => { page++; renderEvents(); } }, 'Older')));
  }

  function renderExport() {
    const csv = toCsv(loaded);
    const link = h('a', {
      class: 'button', download: `chillproxy-usage-${new Date().toISOString().slice(0, 10)}.csv`,
      href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })),
    }, `Export CSV (${loaded.length} events)`);
    const old = exportArea.querySelector('a');
    if (old) {
      URL.revokeObjectURL(old.href);
    }
    fill(exportArea, link);
  }

  const node = h('div', {}, form, message.node, charts, exportArea, h('div', { class: 'two' }, keyStats, topUsers), events);
  return {
    node,
    show: refresh,
    forUser(userId) {
      form.elements.user.value = userId;
    },
  };
}

function keyName(keys, id) {
  if (!id) {
    return '—';
  }
  const key = keys.find(k => k.id === id);
  return key ? `${key.label || 'key'} (${key.maskedKey})` : h('code', { title: id }, id.slice(0, 8));
}

const COLUMNS = ['eventId', 'at', 'userId', 'poolKeyId', 'action', 'reason', 'hash', 'cached', 'bytes'];

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula get a leading apostrophe. */
export function toCsv(rows) {
  const cell = value => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) {
      text = `'${text}`;
    }
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [COLUMNS.join(','), ...rows.map(row => COLUMNS.map(c => cell(row[c])).join(','))].join('\r\n') + '\r\n';
}
