// Pool keys per service: capacity per service, list (filter by service), add (the server checks the key with its
// service first), retire, health history. Scheduling a retirement lives in rotation.js.
import { api } from './api.js';
import { h, fill, field, messageLine, table, formatTime, confirmDialog, cachedShare, CACHED_SHARE_HINT } from './dom.js';

export function keysSection(app) {
  const message = messageLine();
  const listMessage = messageLine();
  const list = h('div', { class: 'list' });
  const history = h('div', { class: 'history', 'aria-live': 'polite' });

  const form = h('form', { class: 'card', 'aria-labelledby': 'add-key-title' },
    h('h3', { id: 'add-key-title' }, 'Add a key'),
    h('div', { class: 'row' },
      field('API key', { name: 'apiKey', type: 'password', required: true, autocomplete: 'off', spellcheck: false },
        'Checked with the store before it is saved; shown masked afterwards.'),
      field('Label', { name: 'label', maxLength: 80 }),
      field('Service', { tag: 'select', name: 'service' }),
      field('Max users', { name: 'maxUsers', type: 'number', min: 1, max: 100000, defaultValue: '20', inputMode: 'numeric' }),
      field('Retire at (optional)', { name: 'retireAt', type: 'datetime-local' },
        'Its users move to a healthy successor of the same service before then.')),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Add key')),
    message.node);
  form.elements.service.append(...SERVICES.map(([id, label]) => h('option', { value: id }, label)));
  const filter = field('Show', { tag: 'select', name: 'serviceFilter' });
  const filterSelect = filter.querySelector('select');
  filterSelect.append(h('option', { value: '' }, 'All services'), ...SERVICES.map(([id, label]) => h('option', { value: id }, label)));
  filterSelect.addEventListener('change', () => render(app.keys));
  const capacity = h('div', { class: 'list' });

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    message.ok('Checking the key with the store…');
    try {
      const created = await api.addKey({
        apiKey: form.elements.apiKey.value.trim(),
        label: form.elements.label.value.trim() || undefined,
        service: form.elements.service.value,
        maxUsers: Number(form.elements.maxUsers.value) || undefined,
        retireAt: form.elements.retireAt.value ? new Date(form.elements.retireAt.value).toISOString() : undefined,
      });
      form.reset();
      message.ok(`Added ${created.label || 'key'} (${created.maskedKey}).`);
      await refresh();
    } catch (e) {
      message.error(`Not added: ${e.message}`);
    } finally {
      button.disabled = false;
    }
  });

  async function showHistory(key) {
    fill(history, h('p', {}, 'Loading history…'));
    try {
      const { items } = await api.keyHealth(key.id);
      fill(history, h('div', { class: 'card' },
        h('h3', { tabIndex: -1 }, `Health history: ${key.label || key.maskedKey}`),
        table('Health changes, newest first', [
          ['When', e => formatTime(e.at)],
          ['Health', e => badge(e.health)],
          ['Detail', e => e.detail || '—'],
        ], items, 'No health changes recorded.'),
        h('button', { type: 'button', onclick: () => fill(history) }, 'Close history')));
      history.querySelector('h3').focus();
    } catch (e) {
      fill(history, h('p', { class: 'message error', role: 'alert' }, e.message));
    }
  }

  async function retire(key) {
    const name = key.label || key.maskedKey;
    if (!await confirmDialog(`Retire ${name}? Its users move to other keys on their next request.`, 'Retire key')) {
      return;
    }
    try {
      await api.retireKey(key.id);
      listMessage.ok(`Retired ${name}.`);
      await refresh();
    } catch (e) {
      listMessage.error(e.message);
    }
  }

  function render(all) {
    const wanted = filterSelect.value;
    const keys = all.filter(k => !wanted || k.service === wanted);
    fill(capacity, table('Capacity per service', [
      ['Service', s => s.label],
      ['Keys', s => String(s.keys)],
      ['Usable, not retiring', s => String(s.usableKeys)],
      ['Users', s => `${s.assignedUsers} / ${s.capacity}`],
      ['Free places', s => s.freePlaces === 0 && s.keys > 0 ? badge('full') : String(s.freePlaces)],
    ], app.services.filter(s => !wanted || s.service === wanted), 'No services.'));
    fill(list, table('Pool keys', [
      ['Label', k => k.label || '—'],
      ['Service', k => serviceLabel(k.service)],
      ['Key', k => h('code', {}, k.maskedKey)],
      ['Health', k => badge(k.status, k.cooldownUntil ? `until ${formatTime(k.cooldownUntil)}` : '')],
      ['Added', k => h('span', {}, formatTime(k.createdAt), k.rotationDue ? [' ', badge('rotation due')] : null)],
      ['Retires', k => k.retireAt ? formatTime(k.retireAt) : '—'],
      ['Users', k => `${k.assignedUsers} / ${k.maxUsers}`],
      ['Requests 24 h', k => String(k.requests24h ?? '—')],
      ['Served from cache 24 h', k => h('span', { title: CACHED_SHARE_HINT }, cachedShare(k, '24h'))],
      ['Actions', k => h('div', { class: 'actions' },
        h('button', { type: 'button', 'aria-label': `Health history of ${k.label || k.maskedKey}`, onclick: () => showHistory(k) }, 'History'),
        k.status === 'retired' ? null
          : h('button', { type: 'button', class: 'danger', 'aria-label': `Retire ${k.label || k.maskedKey}`, onclick: () => retire(k) }, 'Retire'))],
    ], keys, 'No pool keys yet: add one above.'));
  }

  async function refresh() {
    try {
      const keys = await app.loadKeys();
      render(keys);
    } catch (e) {
      listMessage.error(e.message);
    }
  }

  const node = h('div', {}, form, h('h3', {}, 'Keys'), filter, capacity, listMessage.node, list, history);
  return { node, show: refresh };
}

/** The pooled services, as the admin API names them. */
export const SERVICES = [['torbox', 'TorBox'], ['realdebrid', 'Real-Debrid'], ['alldebrid', 'AllDebrid'],
  ['premiumize', 'Premiumize'], ['debridlink', 'Debrid-Link']];

export function serviceLabel(id) {
  const found = SERVICES.find(([value]) => value === id);
  return found ? found[1] : id;
}

export function badge(status, extra) {
  return h('span', { class: `badge badge-${String(status).replace(/[^a-z]/g, '')}` }, status, extra ? ` ${extra}` : '');
}
