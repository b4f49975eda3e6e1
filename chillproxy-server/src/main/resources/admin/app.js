// Entry point: sign-in, tabs, and the shared key list the sections use for labels.
import { api, ApiError, savedKey, saveKey, forgetKey, setUnauthorizedHandler } from './api.js';
import { h, fill, field, messageLine } from './dom.js';
import { keysSection } from './keys.js';
import { usersSection } from './users.js';
import { usageSection } from './usage.js';
import { installSection } from './install.js';
import { rotationSection } from './rotation.js';
import { instancesSection } from './instances.js';
import { signalsSection } from './signals.js';

const main = document.getElementById('main');
const signOut = document.getElementById('sign-out');
let signedIn = false;

const app = {
  keys: [],
  services: [],
  async loadKeys() {
    const answer = await api.listKeys();
    app.keys = answer.items;
    app.services = answer.services || [];
    return app.keys;
  },
  openInstall(userId) {
    select('install');
    sections.install.forUser(userId);
  },
  openUser(userId) {
    select('users');
    sections.users.open(userId);
  },
  openUsage(userId) {
    sections.usage.forUser(userId);
    select('usage');
  },
};

const sections = {
  keys: { title: 'Pool keys', ...keysSection(app) },
  rotation: { title: 'Rotation', ...rotationSection(app) },
  users: { title: 'Users', ...usersSection(app) },
  usage: { title: 'Usage', ...usageSection(app) },
  signals: { title: 'Signals', ...signalsSection(app) },
  install: { title: 'Install', ...installSection(app) },
  instances: { title: 'Instances', ...instancesSection() },
};
const names = Object.keys(sections);

function showSignIn(reason) {
  signedIn = false;
  signOut.hidden = true;
  const message = messageLine();
  if (reason) {
    message.error(reason);
  }
  const form = h('form', { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h2', { id: 'sign-in-title' }, 'Sign in'),
    field('Admin API key', { name: 'key', type: 'password', required: true, autocomplete: 'current-password', spellcheck: false },
      'ADMIN_API_KEY from the server\'s data folder. Kept in this tab only.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign in')),
    message.node);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    saveKey(form.elements.key.value.trim());
    try {
      await app.loadKeys();
      showDashboard();
    } catch (e) {
      forgetKey();
      message.error(e instanceof ApiError && e.status === 401 ? 'That admin key was not accepted.' : e.message);
    }
  });
  fill(main, form);
  form.elements.key.focus();
}

function showDashboard() {
  signedIn = true;
  signOut.hidden = false;
  const tabs = h('div', { role: 'tablist', 'aria-label': 'Sections', class: 'tabs' },
    names.map(name => h('button', {
      type: 'button', role: 'tab', id: `tab-${name}`, 'aria-controls': `panel-${name}`,
      onclick: () => select(name), onkeydown: moveBetweenTabs,
    }, sections[name].title)));
  const panels = names.map(name => h('section', {
    role: 'tabpanel', id: `panel-${name}`, 'aria-labelledby': `tab-${name}`, hidden: true, tabIndex: 0,
  }, h('h2', {}, sections[name].title), sections[name].node));
  fill(main, tabs, panels);
  select(location.hash.slice(1) in sections ? location.hash.slice(1) : 'keys');
}

// Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab moves into the panel.
function moveBetweenTabs(event) {
  const index = names.indexOf(event.target.id.slice(4));
  const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: names.length - 1 }[event.key];
  if (next === undefined) {
    return;
  }
  event.preventDefault();
  const name = names[(next + names.length) % names.length];
  select(name);
  document.getElementById(`tab-${name}`).focus();
}

function select(name) {
  for (const other of names) {
    const tab = document.getElementById(`tab-${other}`);
    tab.setAttribute('aria-selected', String(other === name));
    tab.tabIndex = other === name ? 0 : -1;
    document.getElementById(`panel-${other}`).hidden = other !== name;
  }
  history.replaceState(null, '', `#${name}`);
  sections[name].show();
}

setUnauthorizedHandler(() => {
  if (signedIn) {
    forgetKey();
    showSignIn('Signed out: the admin key was not accepted.');
  }
});
signOut.addEventListener('click', () => {
  forgetKey();
  showSignIn();
});

if (savedKey()) {
  app.loadKeys().then(showDashboard, e => {
    forgetKey();
    showSignIn(e instanceof ApiError && e.status === 401 ? 'Signed out: the admin key was not accepted.' : e.message);
  });
} else {
  showSignIn();
}
