// DOM helpers. Every value goes in as a text node or a property, never as markup, so data cannot inject HTML.

/** h('button', {type: 'button', onclick: f}, 'Save') — strings and numbers become text nodes. */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  setProps(node, props);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Same as h for SVG elements; props are attributes. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

function setProps(node, props) {
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      node.className = value;
    } else if (name.startsWith('aria-') || name.startsWith('data-') || name === 'role' || name === 'for') {
      node.setAttribute(name, String(value));
    } else {
      node[name] = value;
    }
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of node. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

let fieldCounter = 0;

/** A labelled input: <label for=id>text</label><input id=id ...>. */
export function field(labelText, inputProps = {}, hint) {
  const id = inputProps.id || `f${++fieldCounter}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const input = h(inputProps.tag || 'input', { ...inputProps, tag: undefined, id, 'aria-describedby': hintId });
  return h('div', { class: 'field' },
    h('label', { for: id }, labelText),
    input,
    hint ? h('small', { id: hintId }, hint) : null);
}

/** A status line for form results; role=alert makes screen readers announce errors. */
export function messageLine() {
  const node = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  return {
    node,
    error(text) {
      node.className = 'message error';
      node.setAttribute('role', 'alert');
      node.textContent = text;
    },
    ok(text) {
      node.className = 'message ok';
      node.setAttribute('role', 'status');
      node.textContent = text;
    },
    clear() {
      node.className = 'message';
      node.textContent = '';
    },
  };
}

/** A table; columns are [heading, row => cell content]. On narrow screens CSS stacks cells under their headings. */
export function table(caption, columns, rows, emptyText = 'Nothing yet.') {
  if (rows.length === 0) {
    return h('p', { class: 'empty' }, emptyText);
  }
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', { scope: 'col' }, heading)))),
      h('tbody', {}, rows.map(row => h('tr', {},
        columns.map(([heading, cell]) => h('td', { 'data-label': heading }, cell(row))))))));
}

export function formatTime(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  const pad = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatBytes(bytes) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Number(bytes) || 0;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatPercent(ratio) {
  return `${Math.round((Number(ratio) || 0) * 100)} %`;
}

/**
 * The share of playbacks served from cache, as a percentage; "–" when nothing was played (0 % would claim a
 * result). Prefers the server's playback ratio and falls back to the older all-requests ratio.
 */
export function cachedShare(row, suffix = '') {
  const ratio = row[`playbackCachedRatio${suffix}`] ?? row[`cachedRatio${suffix}`];
  const count = row[`playbacks${suffix}`] ?? row[`requests${suffix}`];
  return ratio === undefined || ratio === null || !Number(count) ? '–' : formatPercent(ratio);
}

/** A reason code such as "device_limit" in words: "device limit". */
export function reasonText(reason) {
  return String(reason).replace(/[_-]+/g, ' ').trim();
}

export const CACHED_SHARE_HINT = 'share of playbacks served from cache';

/** A modal yes/no question on the native <dialog> (focus trapping and Escape come for free). */
export function confirmDialog(question, yesText) {
  return new Promise(resolve => {
    const dialog = h('dialog', { class: 'confirm', 'aria-label': question });
    const done = answer => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    dialog.append(
      h('p', {}, question),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'danger', onclick: () => done(true) }, yesText),
        h('button', { type: 'button', onclick: () => done(false) }, 'Cancel')));
    dialog.addEventListener('cancel', () => resolve(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}
