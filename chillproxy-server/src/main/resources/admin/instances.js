// Instances: every Chillproxy instance on this database, with what an operator should fix when several run.
import { api } from './api.js';
import { h, fill, messageLine, table, formatTime } from './dom.js';
import { badge } from './keys.js';

export function instancesSection() {
  const message = messageLine();
  const warnings = h('div', { 'aria-live': 'polite' });
  const list = h('div', { class: 'list' });

  async function refresh() {
    try {
      const answer = await api.instances();
      fill(warnings, answer.warnings.length === 0 ? null
        : h('ul', { class: 'message error', role: 'alert' }, answer.warnings.map(text => h('li', {}, text))));
      fill(list, table('Instances, oldest start first', [
        ['Instance', i => h('code', {}, i.id.slice(0, 8))],
        ['State', i => badge(i.live ? 'live' : 'gone')],
        ['Version', i => i.version],
        ['Started', i => formatTime(i.startedAt)],
        ['Last heartbeat', i => formatTime(i.lastSeen)],
        ['Shared limits', i => i.sharedLimits ? 'yes' : 'no'],
      ], answer.items, 'No instance has registered yet.'));
      message.ok(`${answer.live} live; this page is served by ${answer.self.slice(0, 8)}.`);
    } catch (e) {
      message.error(e.message);
    }
  }

  const node = h('div', {}, message.node, warnings, list);
  return { node, show: refresh };
}
