// Key rotation: schedule (or cancel) a key's retirement, and the plan: keys retiring, when, whether a healthy
// successor of the same service has room, and how many users are still on each.
import { api } from './api.js';
import { h, fill, field, messageLine, table, formatTime } from './dom.js';
import { badge, serviceLabel } from './keys.js';

export function rotationSection(app) {
  const message = messageLine();
  const plan = h('div', { class: 'list' });

  const form = h('form', { class: 'card', 'aria-labelledby': 'rotate-title' },
    h('h3', { id: 'rotate-title' }, 'Schedule a retirement'),
    h('p', {}, 'Add the successor key on the Pool keys tab. Users move to a healthy key of the same service on their '
      + 'next request; a torrent they already play keeps playing through the old key until it retires.'),
    h('div', { class: 'row' },
      field('Key', { tag: 'select', name: 'keyId', required: true }),
      field('Retire at', { name: 'retireAt', type: 'datetime-local', required: true })),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Schedule'),
      h('button', { type: 'button', onclick: () => change(null) }, 'Cancel retirement')),
    message.node);
  form.addEventListener('submit', event => {
    event.preventDefault();
    change(new Date(form.elements.retireAt.value).toISOString());
  });

  async function change(retireAt) {
    const id = form.elements.keyId.value;
    if (!id) {
      return;
    }
    try {
      const key = await api.updateKey(id, { retireAt });
      message.ok(retireAt ? `${key.label || key.maskedKey} retires at ${formatTime(key.retireAt)}.`
        : `${key.label || key.maskedKey} is no longer retiring.`);
      await refresh();
    } catch (e) {
      message.error(e.message);
    }
  }

  async function refresh() {
    try {
      const [keys, { items }] = await Promise.all([app.loadKeys(), api.rotationPlan()]);
      const open = keys.filter(k => k.status !== 'retired');
      const chosen = form.elements.keyId.value;
      fill(form.elements.keyId, open.map(k => h('option', { value: k.id, selected: k.id === chosen },
        `${serviceLabel(k.service)}: ${k.label || 'key'} (${k.maskedKey})${k.rotationDue ? ', rotation due' : ''}`)));
      const due = keys.filter(k => k.rotationDue && !k.retireAt);
      fill(plan,
        due.length ? h('p', { class: 'message error', role: 'status' },
          `${due.length} key(s) are older than POOL_ROTATION_INTERVAL and have no retirement scheduled.`) : null,
        table('Rotation plan', [
          ['Key', p => h('span', {}, p.label || 'key', ' ', h('code', {}, p.maskedKey))],
          ['Service', p => serviceLabel(p.service)],
          ['Retires at', p => formatTime(p.retireAt)],
          ['Users still on it', p => String(p.usersOnKey)],
          ['Successor', p => p.successorReady ? badge('healthy', `${p.successorRoom} free`)
            : h('span', {}, badge('none'), ' yet: add a healthy key of this service')],
        ], items, 'No key is scheduled to retire.'));
    } catch (e) {
      message.error(e.message);
    }
  }

  return { node: h('div', {}, form, h('h3', {}, 'Plan'), plan), show: refresh };
}
