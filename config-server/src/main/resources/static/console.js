// The ops console: a page over the config server's admin API, with the caller's own ops token
// (role ADMIN), kept in this tab's session storage only. Every change asks for a reason, which
// goes into the audit with the token's subject.
'use strict';

const state = { token: sessionStorage.getItem('flashsale-ops-token') || '' };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => (k === 'class' ? (node.className = v) : node.setAttribute(k, v)));
  children.forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return node;
}

function status(text, error) {
  const node = document.getElementById('status');
  node.textContent = text;
  node.className = error ? 'error' : '';
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: Object.assign({ Authorization: 'Bearer ' + state.token, Accept: 'application/json' },
      body ? { 'Content-Type': 'application/json' } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error((json && (json.detail || json.title)) || response.status + '');
  }
  return json;
}

function askReason(what) {
  const reason = window.prompt('Reason for ' + what + ' (kept in the audit):');
  return reason && reason.trim() ? reason.trim() : null;
}

function render(id, rows) {
  const body = document.querySelector('#' + id + ' tbody');
  body.replaceChildren(...rows);
}

function valueInput(view) {
  const type = String(view.type).toUpperCase();
  if (type === 'BOOLEAN') {
    return el('select', {}, el('option', { value: 'true' }, 'true'), el('option', { value: 'false' }, 'false'));
  }
  if (type === 'ENUM') {
    return el('select', {}, ...view.allowed.map((v) => el('option', { value: v }, v)));
  }
  return el('input', { size: '8' });
}

async function loadSwitches() {
  const list = await api('GET', '/api/admin/switches');
  document.getElementById('version').textContent = 'switch version: ' + list.version;
  const rows = [];
  list.switches.forEach((view) => {
    view.values.forEach((value) => {
      const input = valueInput(view);
      input.value = String(value.value);
      const set = el('button', { 'data-key': view.key, 'data-app': value.application }, 'Set');
      set.addEventListener('click', async () => {
        const reason = askReason(view.key + ' = ' + input.value);
        if (!reason) return;
        const body = { value: input.value, reason };
        if (view.scope !== 'global') body.application = value.application;
        try {
          const change = await api('PUT', '/api/admin/switches/' + view.key, body);
          status('set ' + view.key + ': version ' + (change.version || ''));
          await refresh();
        } catch (e) { status('refused: ' + e.message, true); }
      });
      rows.push(el('tr', { 'data-switch': view.key, 'data-application': value.application },
        el('td', { title: view.description }, view.key),
        el('td', {}, value.application),
        el('td', { class: value.overridden ? 'overridden value' : 'value' }, String(value.value)),
        el('td', {}, value.source),
        el('td', {}, input, ' ', set)));
    });
  });
  render('switches', rows);
  return list.version;
}

async function loadInstances() {
  const list = await api('GET', '/api/admin/instances');
  render('instances', list.instances.map((i) => el('tr', { 'data-instance': i.application + ' ' + i.instanceId },
    el('td', {}, i.application),
    el('td', {}, i.instanceId),
    el('td', { class: 'loaded' }, i.loadedVersion == null ? 'none yet' : i.loadedVersion),
    el('td', { class: i.stale ? 'stale' : (i.current ? 'current' : 'behind') },
      i.stale ? 'stale' : (i.current ? 'current' : 'behind')),
    el('td', {}, new Date(i.lastSeen).toLocaleTimeString()))));
}

function flatten(overrides) {
  const flat = {};
  Object.entries(overrides || {}).forEach(([scope, values]) =>
    Object.entries(values).forEach(([key, v]) => (flat[scope + ' ' + key] = v.value !== undefined ? v.value : v)));
  return flat;
}

function diff(before, after) {
  const a = flatten(before), b = flatten(after), lines = [];
  new Set([...Object.keys(a), ...Object.keys(b)]).forEach((k) => {
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) {
      lines.push(k + ': ' + (k in a ? JSON.stringify(a[k]) : 'default') + ' → ' + (k in b ? JSON.stringify(b[k]) : 'default'));
    }
  });
  return lines.length ? lines.join('; ') : 'no change';
}

async function loadVersions() {
  const versions = (await api('GET', '/api/admin/switches/versions')).slice().sort((x, y) => x.version - y.version);
  const rows = versions.map((v, i) => {
    const back = el('button', { 'data-rollback': v.version }, 'Roll back to this');
    back.addEventListener('click', async () => {
      const reason = askReason('rolling back to version ' + v.version);
      if (!reason) return;
      try {
        const done = await api('POST', '/api/admin/switches/rollback', { version: v.version, reason });
        status('rolled back: version ' + done.version);
        await refresh();
      } catch (e) { status('refused: ' + e.message, true); }
    });
    return el('tr', { 'data-version': v.version }, el('td', {}, v.version), el('td', {}, v.at || ''), el('td', {}, v.by || ''),
      el('td', {}, v.action || ''), el('td', {}, v.reason || ''),
      el('td', { class: 'diff' }, i === 0 ? '' : diff(versions[i - 1].overrides, v.overrides)), el('td', {}, back));
  });
  // The newest 50; the audit (./flashsale switch audit) keeps everything.
  render('versions', rows.reverse().slice(0, 50));
}

async function loadPlans() {
  const plans = await api('GET', '/api/admin/plans');
  render('plans', plans.map((p) => {
    const apply = el('button', { 'data-plan': p.name }, 'Apply');
    apply.addEventListener('click', async () => {
      const reason = askReason('applying ' + p.name);
      if (!reason) return;
      try { await api('POST', '/api/admin/plans/' + p.name + '/apply', { reason }); status('applied ' + p.name); await refresh(); }
      catch (e) { status('refused: ' + e.message, true); }
    });
    return el('tr', {}, el('td', { title: p.description || '' }, p.name),
      el('td', {}, (p.values || []).map((v) => (v.application ? v.application + ' ' : '') + v.key + '=' + v.value).join(', ')),
      el('td', {}, apply));
  }));
  const scheduled = await api('GET', '/api/admin/plans/scheduled');
  render('scheduled', scheduled.map((s) => {
    const cancel = el('button', {}, 'Cancel');
    cancel.addEventListener('click', async () => {
      try { await api('DELETE', '/api/admin/plans/scheduled/' + s.id); await refresh(); }
      catch (e) { status('refused: ' + e.message, true); }
    });
    return el('tr', {}, el('td', {}, s.id), el('td', {}, s.plan), el('td', {}, s.at || ''), el('td', {}, s.until || ''),
      el('td', {}, s.state || ''), el('td', {}, cancel));
  }));
}

const FIGURE_NAMES = {
  ordersAcceptedPerSecond: 'Orders accepted /s', rejectionsPerSecond: 'Rejections /s',
  gmvLast5MinutesCents: 'GMV, last 5 min', stockLeft: 'Stock left', p99Seconds: 'p99 latency',
  writerLag: 'Writer lag (records)', couponsIssuedPerSecond: 'Coupons issued /s',
};

function formatFigure(name, value) {
  if (name === 'gmvLast5MinutesCents') return (value / 100).toFixed(2);
  if (name === 'p99Seconds') return (value * 1000).toFixed(1) + ' ms';
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

async function loadBoard() {
  const board = await api('GET', '/api/admin/sale-board');
  const rows = [];
  if (!board.available) {
    rows.push(el('tr', {}, el('td', { colspan: '3', class: 'stale' }, board.problem)));
  }
  Object.entries(board.figures || {}).forEach(([name, samples]) => {
    if (!samples.length) {
      rows.push(el('tr', { 'data-figure': name }, el('td', {}, FIGURE_NAMES[name] || name), el('td', {}, ''), el('td', {}, 'none yet')));
    }
    samples.forEach((sample) => rows.push(el('tr', { 'data-figure': name },
      el('td', {}, FIGURE_NAMES[name] || name),
      el('td', { class: 'of' }, Object.entries(sample.labels).map(([k, v]) => k + '=' + v).join(' ')),
      el('td', { class: 'figure-value' }, formatFigure(name, sample.value)))));
  });
  render('board', rows);
}

async function refresh() {
  if (!state.token) return;
  try {
    await loadSwitches();
    await Promise.all([loadInstances(), loadVersions(), loadPlans(), loadBoard()]);
    document.body.dataset.loaded = 'true';
  } catch (e) {
    status('cannot load: ' + e.message, true);
  }
}

document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  state.token = document.getElementById('token').value.trim();
  sessionStorage.setItem('flashsale-ops-token', state.token);
  status('');
  await refresh();
});

setInterval(() => loadInstances().catch(() => {}), 2000);
setInterval(() => { if (state.token) loadBoard().catch(() => {}); }, 5000);
refresh();
