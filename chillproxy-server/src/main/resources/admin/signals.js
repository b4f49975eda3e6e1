// Signals: users over an abuse threshold, with the evidence (devices, networks, playbacks, files, refusals) and
// whether they were disabled automatically. The thresholds in force are shown above the list.
import { api } from './api.js';
import { h, fill, messageLine, table, formatTime, reasonText } from './dom.js';

const ITEM_HEADING = {
  'device-churn': 'Device',
  networks: 'Network',
  'concurrent-playbacks': 'Device',
  bytes: 'File (info hash)',
  refusals: 'Refusal',
};

export function signalsSection(app) {
  const message = messageLine();
  const limits = h('div', { class: 'card' });
  const list = h('div', { class: 'list', 'aria-live': 'polite' });
  const refreshButton = h('button', { type: 'button', onclick: () => refresh() }, 'Refresh');

  async function refresh() {
    message.clear();
    try {
      const answer = await api.signals({ limit: 200 });
      renderThresholds(answer.thresholds);
      fill(list, table(`Signals since ${formatTime(answer.since)}`, [
        ['User', s => h('button', { type: 'button', class: 'link', onclick: () => app.openUser(s.userId) }, s.userId)],
        ['Signal', s => reasonText(s.signal)],
        ['Seen', s => `${amount(s.signal, s.observed)} (threshold ${amount(s.signal, s.threshold)})`],
        ['Raised', s => formatTime(s.raisedAt)],
        ['Action', s => s.autoDisabled ? h('span', { class: 'badge badge-disabled' }, 'disabled automatically') : '—'],
        ['Evidence', s => evidence(s)],
      ], answer.items, 'No signals in this window.'));
    } catch (e) {
      message.error(e.message);
    }
  }

  function renderThresholds(thresholds) {
    fill(limits, h('h3', {}, 'Thresholds'),
      h('dl', { class: 'facts' }, Object.entries(thresholds).flatMap(([signal, t]) => [
        h('dt', {}, reasonText(signal)),
        h('dd', {}, `above ${amount(signal, t.max)} within ${duration(t.window)}`
          + (t.autoDisable ? '; disables the user' : '')),
      ])));
  }

  const node = h('div', {}, h('div', { class: 'actions' }, refreshButton), message.node, limits, list);
  return { node, show: refresh };
}

function evidence(signal) {
  const rows = signal.evidence || [];
  const columns = [[ITEM_HEADING[signal.signal] || 'Item', e => h('code', { title: e.item }, shortId(e.item))]];
  if (signal.signal === 'concurrent-playbacks') {
    columns.push(['Playing', e => h('code', { title: e.detail }, shortId(e.detail))]);
  }
  if (signal.signal === 'bytes' || signal.signal === 'refusals') {
    columns.push([signal.signal === 'bytes' ? 'Size' : 'Times', e => amount(signal.signal, e.amount)]);
  }
  columns.push(['First', e => formatTime(e.first)], ['Last', e => formatTime(e.last)]);
  return h('details', {},
    h('summary', {}, signal.summary),
    table(`Evidence for ${reasonText(signal.signal)}`, columns, rows, 'No evidence kept.'));
}

function amount(signal, value) {
  return signal === 'bytes' ? decimalSize(value) : String(value);
}

/** Decimal units, as ABUSE_MAX_BYTES is written: 200 GB is 200 000 000 000 bytes. */
function decimalSize(bytes) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = Number(bytes) || 0;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit]}`;
}

/** "PT24H" → "24 h", "PT1H30M" → "90 min". */
function duration(iso) {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(iso || '');
  if (!match) {
    return iso;
  }
  const minutes = Number(match[1] || 0) * 60 + Number(match[2] || 0);
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

function shortId(id) {
  return id && id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-6)}` : id || '—';
}
