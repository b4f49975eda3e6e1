// The admin API client. The admin key lives in sessionStorage only and travels in the Authorization header,
// never in a URL.

const STORAGE_KEY = 'chillproxy.adminKey';
const BASE = '/api/v1/admin';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function savedKey() {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function saveKey(key) {
  sessionStorage.setItem(STORAGE_KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(STORAGE_KEY);
}

let onUnauthorized = () => {};

/** Called when the server answers 401, so the page can return to the sign-in form. */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

/** Calls the admin API; resolves to the parsed JSON (null for 204), rejects with ApiError. */
export async function call(method, path, body, query) {
  const url = new URL(BASE + path, location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(name, value);
    }
  }
  const headers = { Authorization: `Bearer ${savedKey() || ''}`, Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  if (response.status === 204) {
    return null;
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data && data.error ? data.error : {};
    if (response.status === 401) {
      onUnauthorized();
    }
    throw new ApiError(response.status, error.code || 'http_' + response.status,
      error.message || `The server answered ${response.status}.`);
  }
  return data;
}

export const api = {
  listKeys: service => call('GET', '/pool-keys', undefined, { service }),
  updateKey: (id, body) => call('PATCH', `/pool-keys/${encodeURIComponent(id)}`, body),
  rotationPlan: () => call('GET', '/rotation'),
  addKey: body => call('POST', '/pool-keys', body),
  retireKey: id => call('DELETE', `/pool-keys/${encodeURIComponent(id)}`),
  keyHealth: id => call('GET', `/pool-keys/${encodeURIComponent(id)}/health`),
  findUsers: q => call('GET', '/users', undefined, { q, limit: 50 }),
  createUser: body => call('POST', '/users', body),
  getUser: id => call('GET', `/users/${encodeURIComponent(id)}`),
  setUserStatus: (id, status) => call('PATCH', `/users/${encodeURIComponent(id)}`, { status }),
  revokeDevice: (id, deviceId) => call('DELETE', `/users/${encodeURIComponent(id)}/devices/${encodeURIComponent(deviceId)}`),
  usage: query => call('GET', '/usage', undefined, query),
  stats: query => call('GET', '/stats', undefined, query),
  instances: () => call('GET', '/instances'),
  signals: query => call('GET', '/signals', undefined, query),
};
