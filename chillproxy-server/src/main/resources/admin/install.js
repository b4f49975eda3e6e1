// Install helper: the addon URL for one user and the stremio:// link that opens it in Stremio.
import { api } from './api.js';
import { h, fill, field, messageLine } from './dom.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The install links for a pool user, made by the server's configure endpoint: it builds them on the public base URL
 * (STREMTHRU_BASE_URL), which differs from this page's origin behind a proxy or on a LAN address.
 */
export async function installLinks(userId) {
  const body = new URLSearchParams({ store: 'tb', kind: 'auth', credential: userId });
  let response;
  try {
    response = await fetch('/stremio/torz/configure', {
      method: 'POST', body, cache: 'no-store',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  } catch (e) {
    throw new Error('The server could not be reached.');
  }
  const answer = await response.json().catch(() => null);
  if (!response.ok || !answer || !answer.manifestUrl) {
    throw new Error(answer && answer.error ? answer.error.message : `The server answered ${response.status}.`);
  }
  return { manifest: answer.manifestUrl, stremio: answer.stremioUrl };
}

export function installSection() {
  const message = messageLine();
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card', 'aria-labelledby': 'install-title' },
    h('h3', { id: 'install-title' }, 'Addon link for a user'),
    h('div', { class: 'row' },
      field('User id', { name: 'user', required: true, autocomplete: 'off', spellcheck: false }, 'The user\'s UUID.')),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Make link')),
    message.node);
  form.addEventListener('submit', event => {
    event.preventDefault();
    build(form.elements.user.value.trim());
  });

  async function build(userId) {
    message.clear();
    fill(result);
    if (!UUID.test(userId)) {
      message.error('User id: not a UUID.');
      return;
    }
    let user;
    let links;
    try {
      user = await api.getUser(userId);
      links = await installLinks(user.id);
    } catch (e) {
      message.error(e.message);
      return;
    }
    const copy = (text, what) => async () => {
      try {
        await navigator.clipboard.writeText(text);
        message.ok(`${what} copied.`);
      } catch (e) {
        message.error('Copy is not allowed here; select the text and copy it.');
      }
    };
    fill(result, h('div', { class: 'card' },
      user.status === 'disabled' ? h('p', { class: 'message error', role: 'alert' }, 'This user is disabled: the addon will refuse streams until enabled.') : null,
      field('Addon manifest URL', { name: 'manifest', readOnly: true, value: links.manifest }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: copy(links.manifest, 'Manifest URL') }, 'Copy manifest URL'),
        h('a', { class: 'button', href: links.stremio }, 'Open in Stremio')),
      field('Stremio link', { name: 'stremio', readOnly: true, value: links.stremio }),
      h('p', { class: 'note' }, 'The link carries only the user id; the pool key stays on the server.')));
  }

  const node = h('div', {}, form, result);
  return {
    node,
    show() {},
    forUser(userId) {
      form.elements.user.value = userId;
      build(userId);
    },
  };
}
