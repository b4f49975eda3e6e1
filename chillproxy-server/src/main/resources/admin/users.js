// Users: search, create, enable/disable, assignments per service, devices (revoke).
import { api } from './api.js';
import { h, fill, field, messageLine, table, formatTime, confirmDialog } from './dom.js';
import { badge, serviceLabel } from './keys.js';

export function usersSection(app) {
  const searchMessage = messageLine();
  const results = h('div', { class: 'list' });
  const details = h('div', { class: 'details', 'aria-live': 'polite' });
  const createMessage = messageLine();
  let lastQuery = '';

  const search = h('form', { class: 'card', role: 'search', 'aria-labelledby': 'find-user-title' },
    h('h3', { id: 'find-user-title' }, 'Find users'),
    h('div', { class: 'row' },
      field('User id or email', { name: 'q', type: 'search', autocomplete: 'off', spellcheck: false },
        'Leave empty to list the newest users.')),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Search')),
    searchMessage.node);
  search.addEventListener('submit', event => {
    event.preventDefault();
    find(search.elements.q.value.trim());
  });

  const create = h('form', { class: 'card', 'aria-labelledby': 'create-user-title' },
    h('h3', { id: 'create-user-title' }, 'Create a user'),
    h('div', { class: 'row' },
      field('Email (optional)', { name: 'email', type: 'email', autocomplete: 'off' }),
      field('User id (optional)', { name: 'id', autocomplete: 'off', spellcheck: false }, 'A UUID; a new one is generated when empty.')),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create user')),
    createMessage.node);
  create.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const user = await api.createUser({
        email: create.elements.email.value.trim() || undefined,
        id: create.elements.id.value.trim() || undefined,
      });
      create.reset();
      createMessage.ok(`Created user ${user.id}.`);
      await Promise.all([open(user.id), find(lastQuery)]);
    } catch (e) {
      createMessage.error(`Not created: ${e.message}`);
    }
  });

  async function find(q) {
    lastQuery = q;
    searchMessage.clear();
    try {
      const { items } = await api.findUsers(q);
      fill(results, table('Users', [
        ['User', u => h('button', { type: 'button', class: 'link', onclick: () => open(u.id) }, u.email || u.id)],
        ['Id', u => h('code', {}, u.id)],
        ['Status', u => badge(u.status)],
        ['Created', u => formatTime(u.createdAt)],
      ], items, q ? 'No user matches.' : 'No users yet. Create one below.'));
    } catch (e) {
      searchMessage.error(e.message);
    }
  }

  async function open(id, notice) {
    try {
      const user = await api.getUser(id);
      const keys = await app.loadKeys().catch(() => []);
      renderDetails(user, keys, notice);
    } catch (e) {
      fill(details, h('p', { class: 'message error', role: 'alert' }, e.message));
    }
  }

  function renderDetails(user, keys, notice) {
    const message = messageLine();
    if (notice) {
      message.ok(notice);
    }
    // one assignment per service; the device limit counts the user's devices across all of them
    const assignments = user.assignments || (user.assignment ? [{ service: 'torbox', ...user.assignment }] : []);
    const describe = a => {
      const key = keys.find(k => k.id === a.poolKeyId);
      const name = key ? `${key.label || 'key'} (${key.maskedKey}, ${key.status}${key.retireAt ? ', retiring' : ''})` : a.poolKeyId;
      return h('li', {}, `${serviceLabel(a.service)}: ${name}`);
    };
    const assignment = assignments.length === 0 ? 'No key yet (assigned per service on the first request).'
      : h('ul', { class: 'assignments' }, assignments.map(describe));
    const disabled = user.status === 'disabled';
    const toggle = h('button', {
      type: 'button', class: disabled ? '' : 'danger',
      onclick: async () => {
        try {
          await api.setUserStatus(user.id, disabled ? 'active' : 'disabled');
          // the list shows each user's status too: refresh both so neither goes stale
          await Promise.all([open(user.id, disabled ? 'User enabled.' : 'User disabled.'), find(lastQuery)]);
        } catch (e) {
          message.error(e.message);
        }
      },
    }, disabled ? 'Enable user' : 'Disable user');

    const devices = table('Devices', [
      ['Device', d => h('code', { title: d.deviceId }, shortId(d.deviceId))],
      ['First seen', d => formatTime(d.firstSeen)],
      ['Last seen', d => formatTime(d.lastSeen)],
      ['Requests', d => String(d.requestCount ?? '—')],
      ['Actions', d => h('button', {
        type: 'button', class: 'danger', 'aria-label': `Revoke device ${shortId(d.deviceId)}`,
        onclick: async () => {
          if (!await confirmDialog(`Revoke device ${shortId(d.deviceId)}? Its slot is freed.`, 'Revoke device')) {
            return;
          }
          try {
            await api.revokeDevice(user.id, d.deviceId);
            await open(user.id, 'Device revoked.');
          } catch (e) {
            message.error(e.message);
          }
        },
      }, 'Revoke')],
    ], user.devices || [], 'No devices yet.');

    fill(details, h('section', { class: 'card', 'aria-labelledby': 'user-title' },
      h('h3', { id: 'user-title', tabIndex: -1 }, user.email || 'User'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Id'), h('dd', {}, h('code', {}, user.id)),
        h('dt', {}, 'Email'), h('dd', {}, user.email || '—'),
        h('dt', {}, 'Status'), h('dd', { class: 'user-status' }, badge(user.status)),
        h('dt', {}, 'Created'), h('dd', {}, formatTime(user.createdAt)),
        h('dt', {}, 'Assigned keys'), h('dd', {}, assignment)),
      h('div', { class: 'actions' }, toggle,
        h('button', { type: 'button', onclick: () => app.openInstall(user.id) }, 'Install link'),
        h('button', { type: 'button', onclick: () => app.openUsage(user.id) }, 'Usage')),
      message.node,
      h('h4', {}, 'Devices'),
      devices));
    details.querySelector('h3').focus();
  }

  const node = h('div', {}, search, results, create, details);
  let shown = false;
  return {
    node,
    show() {
      if (!shown) {
        shown = true;
        find('');
      }
    },
    open,
  };
}

function shortId(id) {
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-6)}` : id;
}
