// The JSON API client. The access token, when the server needs one, comes
// from the URL fragment (#token=...) once and is kept in sessionStorage.
let token = '';
const match = /(?:^|[#&])token=([0-9A-Za-z_-]+)/.exec(location.hash);
if (match) {
  token = match[1];
  try { sessionStorage.setItem('leakgraph-token', token); } catch (e) { /* storage may be off */ }
  history.replaceState(null, '', location.pathname + '#/');
} else {
  try { token = sessionStorage.getItem('leakgraph-token') || ''; } catch (e) { token = ''; }
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const init = { method, headers, credentials: 'omit', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['X-Leakgraph-Request'] = '1';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (!res.ok) throw new ApiError(res.status, (data && data.error) || res.status + ' ' + res.statusText);
  return data;
}

// GET path with `params` (an object; empty values left out).
export function get(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return request('GET', s ? path + '?' + s : path);
}

export function post(path, body) {
  return request('POST', path, body);
}

export function originalUrl(id) {
  return '/api/documents/' + encodeURIComponent(id) + '/original' + (token ? '?token=' + encodeURIComponent(token) : '');
}
