/*
 * The Engram dashboard: plugins, jobs with live curves, comparison of runs, models, and a form that
 * submits jobs. It talks to the REST API under /api of the server that serves it. The bearer token
 * is asked for once and kept in sessionStorage (this tab only); it is sent with every request when
 * set. A job's events come from GET /api/jobs/{id}/stream (server-sent events), read with fetch so
 * that the token can travel in the Authorization header; a dropped connection resumes with
 * Last-Event-ID. Epochs and batches are plotted and shown as the trainers number them (from 1).
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'engram.token';
  var JOBS_EVERY_MS = 2000;
  var COMPARE_EVERY_MS = 5000;
  var COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf',
    '#7f7f7f', '#bcbd22'];

  var view = {
    jobs: [],
    selected: null,
    stream: null,
    compare: new Set(),
    compareData: null,
    jobsSig: null,
    charts: {}
  };

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        e.setAttribute(k, attrs[k]);
      });
    }
    return e;
  }

  function clear(e) {
    while (e.firstChild) {
      e.removeChild(e.firstChild);
    }
  }

  function sleep(ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  }

  function num(v) {
    return typeof v === 'number' && isFinite(v) ? v : null;
  }

  function status(text, error) {
    var s = $('status');
    s.textContent = text || '';
    s.className = error ? 'error' : '';
  }

  /* ---- the bearer token ---- */

  function token() {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  }

  function showToken() {
    var set = token() !== '';
    $('token-form').hidden = set;
    $('token-state').hidden = !set;
  }

  function needToken(why) {
    sessionStorage.removeItem(TOKEN_KEY);
    showToken();
    status((why || 'the server asks for the bearer token') + ': enter it above (conf/token)', true);
    $('token-input').focus();
  }

  function headers(extra) {
    var h = Object.assign({}, extra || {});
    if (token()) {
      h.Authorization = 'Bearer ' + token();
    }
    return h;
  }

  /** Calls the API; answers {status, data}, data being parsed JSON or text. */
  function api(method, path, body, contentType) {
    var init = {method: method, headers: headers(contentType ? {'Content-Type': contentType} : {}), cache: 'no-store'};
    if (body !== undefined) {
      init.body = body;
    }
    return fetch('/api' + path, init).then(function (res) {
      var type = res.headers.get('Content-Type') || '';
      var read = type.indexOf('application/json') === 0 ? res.json() : res.text();
      return read.then(function (data) {
        if (res.status === 401) {
          needToken(data && data.error);
        }
        return {status: res.status, data: data, headers: res.headers};
      });
    });
  }

  function errorOf(r) {
    if (r.data && typeof r.data === 'object' && r.data.error) {
      return r.data.error;
    }
    return 'HTTP ' + r.status;
  }

  /* ---- jobs ---- */

  function refreshJobs() {
    return api('GET', '/jobs?limit=100').then(function (r) {
      if (r.status !== 200) {
        if (r.status !== 401) {
          status('jobs: ' + errorOf(r), true);
        }
        return;
      }
      var sig = JSON.stringify(r.data.map(function (j) {
        return [j.id, j.state, j.endedAt];
      }));
      view.jobs = r.data;
      if (sig !== view.jobsSig) {
        view.jobsSig = sig;
        renderJobs();
      }
    }).catch(function (e) {
      status('jobs: ' + e.message, true);
    });
  }

  function active(state) {
    return state === 'queued' || state === 'running';
  }

  function renderJobs() {
    var body = $('jobs').tBodies[0];
    clear(body);
    $('jobs-empty').hidden = view.jobs.length > 0;
    view.jobs.forEach(function (j) {
      var tr = el('tr');
      tr.dataset.jobId = j.id;
      tr.dataset.state = j.state;
      if (j.id === view.selected) {
        tr.className = 'selected';
      }
      var tick = el('input', null, {type: 'checkbox', 'class': 'compare', 'aria-label': 'compare ' + j.id});
      tick.checked = view.compare.has(j.id);
      tick.addEventListener('change', function () {
        if (tick.checked) {
          view.compare.add(j.id);
        } else {
          view.compare.delete(j.id);
        }
      });
      var td = el('td');
      td.appendChild(tick);
      tr.appendChild(td);
      tr.appendChild(el('td', j.id));
      tr.appendChild(el('td', j.name));
      tr.appendChild(el('td', j.state, {'class': 'state state-' + j.state}));
      tr.appendChild(el('td', (j.family || '').split('@')[0], {title: j.family || ''}));
      tr.appendChild(el('td', (j.application || '').split('@')[0], {title: j.application || ''}));
      tr.appendChild(el('td', clock(j.submittedAt), {title: j.submittedAt || ''}));
      tr.appendChild(el('td', clock(j.endedAt), {title: j.endedAt || ''}));
      var actions = el('td');
      var show = el('button', 'Show', {type: 'button', 'class': 'show'});
      show.addEventListener('click', function () {
        select(j.id);
      });
      actions.appendChild(show);
      if (active(j.state)) {
        var cancel = el('button', 'Cancel', {type: 'button', 'class': 'cancel'});
        cancel.addEventListener('click', function () {
          cancelJob(j.id);
        });
        actions.appendChild(cancel);
      }
      tr.appendChild(actions);
      body.appendChild(tr);
    });
    var sel = view.jobs.find(function (j) {
      return j.id === view.selected;
    });
    if (sel) {
      showState(sel.state);
    }
  }

  /** The time of day of an ISO-8601 instant (UTC), to the second; the whole instant is in the cell's title. */
  function clock(instant) {
    var m = /T(\d\d:\d\d:\d\d)/.exec(instant || '');
    return m ? m[1] : '';
  }

  function cancelJob(id) {
    if (!token()) {
      needToken('cancelling needs the bearer token');
      return;
    }
    api('DELETE', '/jobs/' + encodeURIComponent(id)).then(function (r) {
      if (r.status === 202) {
        status('asked ' + id + ' to stop');
      } else if (r.status !== 401) {
        status('cancel ' + id + ': ' + errorOf(r), true);
      }
      refreshJobs();
    });
  }

  /* ---- one job, live ---- */

  function showState(state) {
    var s = $('job-state');
    s.textContent = state;
    s.className = 'state state-' + state;
    $('job-cancel').hidden = !active(state);
  }

  function select(id) {
    if (view.stream) {
      view.stream.controller.abort();
      view.stream.done = true;
    }
    view.selected = id;
    $('job-section').hidden = false;
    $('job-title').textContent = id;
    $('job-csv').href = '/api/jobs/' + encodeURIComponent(id) + '/metrics?format=csv';
    $('job-progress').textContent = '';
    clear($('job-messages'));
    $('job-detail').textContent = '';
    var s = {
      id: id, controller: new AbortController(), lastId: null, done: false,
      steps: [], train: [], validation: [], metrics: new Map()
    };
    view.stream = s;
    drawJob(s);
    renderJobs();
    api('GET', '/jobs/' + encodeURIComponent(id)).then(function (r) {
      if (r.status === 200 && view.stream === s) {
        $('job-detail').textContent = JSON.stringify(r.data, null, 2);
        showState(r.data.state);
      }
    });
    follow(s);
  }

  /** Reads the job's event stream until the job ends, reconnecting after the last event seen. */
  function follow(s) {
    var run = async function () {
      while (!s.done) {
        try {
          var h = headers({Accept: 'text/event-stream'});
          if (s.lastId !== null) {
            h['Last-Event-ID'] = s.lastId;
          }
          var res = await fetch('/api/jobs/' + encodeURIComponent(s.id) + '/stream',
              {headers: h, signal: s.controller.signal, cache: 'no-store'});
          if (res.status === 401) {
            needToken('the job stream needs the bearer token');
            await sleep(3000);
            continue;
          }
          if (!res.ok) {
            status('stream of ' + s.id + ': HTTP ' + res.status, true);
            return;
          }
          var reader = res.body.getReader();
          var decoder = new TextDecoder();
          var buffer = '';
          for (;;) {
            var part = await reader.read();
            if (part.done) {
              break;
            }
            buffer += decoder.decode(part.value, {stream: true}).replace(/\r\n?/g, '\n');
            var cut;
            while ((cut = buffer.indexOf('\n\n')) >= 0) {
              var block = buffer.slice(0, cut);
              buffer = buffer.slice(cut + 2);
              if (view.stream !== s) {
                return;
              }
              frame(s, parse(block));
            }
          }
        } catch (e) {
          if (s.controller.signal.aborted) {
            return;
          }
        }
        if (!s.done) {
          await sleep(2000);
        }
      }
    };
    run();
  }

  function parse(block) {
    var f = {id: null, event: 'message', data: []};
    block.split('\n').forEach(function (line) {
      if (line === '' || line.charAt(0) === ':') {
        return;
      }
      var colon = line.indexOf(':');
      var field = colon < 0 ? line : line.slice(0, colon);
      var value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') {
        f.id = value;
      } else if (field === 'event') {
        f.event = value;
      } else if (field === 'data') {
        f.data.push(value);
      }
    });
    f.data = f.data.join('\n');
    return f;
  }

  function frame(s, f) {
    if (f.id !== null) {
      s.lastId = f.id;
    }
    if (!f.data) {
      return;
    }
    var d = JSON.parse(f.data);
    if (f.event === 'epoch') {
      s.steps.push(d.epoch);
      s.train.push(num(d.trainLoss));
      s.validation.push(num(d.validationLoss));
      var n = s.steps.length;
      Object.keys(d.metrics || {}).sort().forEach(function (k) {
        if (!s.metrics.has(k)) {
          s.metrics.set(k, new Array(n - 1).fill(null));
        }
      });
      s.metrics.forEach(function (values, k) {
        values.push(d.metrics && k in d.metrics ? num(d.metrics[k]) : null);
      });
      drawJob(s);
      $('job-progress').textContent = 'epoch ' + d.epoch + ': train loss ' + fmt(d.trainLoss)
          + (num(d.validationLoss) === null ? '' : ', validation loss ' + fmt(d.validationLoss));
    } else if (f.event === 'progress') {
      $('job-progress').textContent = 'epoch ' + d.epoch + '/' + d.epochs + ', batch ' + d.batch
          + '/' + d.batches + ', loss ' + fmt(d.loss);
    } else if (f.event === 'state') {
      showState(d.state);
    } else if (f.event === 'message' || f.event === 'stopped') {
      var li = el('li', f.event === 'message' ? d.level + ': ' + d.text : 'stopped: ' + d.reason);
      $('job-messages').appendChild(li);
    } else if (f.event === 'end') {
      s.done = true;
      showState(d.state);
      $('job-detail').textContent = JSON.stringify(d, null, 2);
      refreshJobs();
    }
  }

  function fmt(v) {
    var n = num(v);
    return n === null ? String(v) : n.toPrecision(4);
  }

  /* ---- charts (uPlot) ---- */

  function width(container) {
    return Math.max(320, Math.floor(container.clientWidth || container.parentNode.clientWidth || 480) - 8);
  }

  /** Draws data on the chart in container, building it anew when the series' labels change. */
  function plot(key, container, labels, data, xLabel) {
    var old = view.charts[key];
    var sig = labels.join('\u0000');
    if (old && old.sig === sig) {
      old.chart.setData(data);
    } else {
      if (old) {
        old.chart.destroy();
      }
      clear(container);
      var series = [{label: xLabel}];
      labels.forEach(function (l, i) {
        series.push({label: l, stroke: COLOURS[i % COLOURS.length], width: 2, spanGaps: true});
      });
      var chart = new uPlot({width: width(container), height: 240, series: series,
        scales: {x: {time: false}}, axes: [{label: xLabel}, {}]}, data, container);
      view.charts[key] = {chart: chart, sig: sig};
    }
  }

  function drawJob(s) {
    var loss = $('loss-chart');
    plot('loss', loss, ['train loss', 'validation loss'], [s.steps, s.train, s.validation], 'epoch');
    loss.dataset.points = String(s.steps.length);
    var names = Array.from(s.metrics.keys());
    var metric = $('metric-chart');
    if (names.length === 0) {
      metric.dataset.points = '0';
      return;
    }
    plot('metric', metric, names, [s.steps].concat(names.map(function (k) {
      return s.metrics.get(k);
    })), 'epoch');
    metric.dataset.points = String(s.steps.length);
  }

  /* ---- comparison ---- */

  function compare() {
    var ids = Array.from(view.compare);
    if (ids.length === 0) {
      status('tick the jobs to compare in the list', true);
      return Promise.resolve();
    }
    return Promise.all(ids.map(function (id) {
      return api('GET', '/jobs/' + encodeURIComponent(id) + '/metrics').then(function (r) {
        return {id: id, points: r.status === 200 ? r.data : []};
      });
    })).then(function (runs) {
      view.compareData = runs;
      drawCompare();
    });
  }

  function drawCompare() {
    var runs = view.compareData;
    if (!runs) {
      return;
    }
    var select = $('compare-metric');
    var chosen = select.value || 'train/loss';
    var keys = new Set(['train/loss']);
    runs.forEach(function (run) {
      run.points.forEach(function (p) {
        keys.add(p.split + '/' + p.name);
      });
    });
    clear(select);
    Array.from(keys).sort().forEach(function (k) {
      var o = el('option', k.replace('/', ' '), {value: k});
      select.appendChild(o);
    });
    select.value = keys.has(chosen) ? chosen : 'train/loss';
    var parts = select.value.split('/');
    var tables = runs.map(function (run) {
      var xs = [];
      var ys = [];
      run.points.forEach(function (p) {
        if (p.split === parts[0] && p.name === parts[1]) {
          xs.push(p.epoch);
          ys.push(num(p.value));
        }
      });
      return [xs, ys];
    });
    var container = $('compare-chart');
    var data = tables.some(function (t) {
      return t[0].length > 0;
    }) ? uPlot.join(tables) : [[]].concat(tables.map(function () {
      return [];
    }));
    plot('compare', container, runs.map(function (r) {
      return r.id;
    }), data, 'epoch');
    container.dataset.series = String(runs.length);
    container.dataset.metric = select.value;
  }

  /* ---- plugins ---- */

  function loadPlugins() {
    return api('GET', '/plugins').then(function (r) {
      if (r.status !== 200) {
        status('plugins: ' + errorOf(r), true);
        return;
      }
      var body = $('plugins').tBodies[0];
      clear(body);
      r.data.forEach(function (p) {
        var tr = el('tr');
        tr.dataset.pluginId = p.id;
        tr.dataset.kind = p.kind;
        tr.appendChild(el('td', p.id));
        tr.appendChild(el('td', p.kind));
        tr.appendChild(el('td', p.version));
        tr.appendChild(el('td', p.available ? 'yes' : 'no: ' + p.reason));
        tr.appendChild(el('td', p.description));
        var td = el('td');
        var b = el('button', 'Schema', {type: 'button', 'class': 'schema'});
        b.addEventListener('click', function () {
          showSchema(p.id, p.kind);
        });
        td.appendChild(b);
        tr.appendChild(td);
        body.appendChild(tr);
      });
    });
  }

  function showSchema(id, kind) {
    api('GET', '/plugins/' + encodeURIComponent(id) + '?kind=' + encodeURIComponent(kind)).then(function (r) {
      var box = $('schema');
      clear(box);
      if (r.status !== 200) {
        box.appendChild(el('p', errorOf(r), {'class': 'errors'}));
        return;
      }
      box.appendChild(el('h3', kind + ' ' + id + ' ' + r.data.version));
      if (!r.data.schema || r.data.schema.length === 0) {
        box.appendChild(el('p', 'no hyperparameters', {'class': 'quiet'}));
        return;
      }
      var t = el('table', null, {id: 'schema-table'});
      var head = el('tr');
      ['name', 'type', 'default', 'range', 'choices', 'description'].forEach(function (h) {
        head.appendChild(el('th', h));
      });
      t.appendChild(head);
      r.data.schema.forEach(function (h) {
        var tr = el('tr');
        tr.appendChild(el('td', h.name));
        tr.appendChild(el('td', h.type));
        tr.appendChild(el('td', h.required ? '(required)' : h.default));
        tr.appendChild(el('td', h.min === null && h.max === null ? ''
            : '[' + (h.min === null ? '' : h.min) + ', ' + (h.max === null ? '' : h.max) + ']'));
        tr.appendChild(el('td', (h.choices || []).join(', ')));
        tr.appendChild(el('td', h.description));
        t.appendChild(tr);
      });
      box.appendChild(t);
    });
  }

  /* ---- models ---- */

  function loadModels() {
    return api('GET', '/models').then(function (r) {
      var box = $('models');
      clear(box);
      if (r.status === 404) {
        box.appendChild(el('p', 'This server keeps no model registry (GET /api/models: 404).', {'class': 'quiet'}));
        return;
      }
      if (r.status !== 200) {
        box.appendChild(el('p', 'models: ' + errorOf(r), {'class': 'errors'}));
        return;
      }
      var list = Array.isArray(r.data) ? r.data : null;
      if (!list && r.data && typeof r.data === 'object') {
        var arrays = Object.keys(r.data).filter(function (k) {
          return Array.isArray(r.data[k]);
        });
        list = arrays.length ? r.data[arrays[0]] : null;
      }
      if (!list || list.some(function (m) {
        return !m || typeof m !== 'object' || Array.isArray(m);
      })) {
        box.appendChild(el('pre', typeof r.data === 'string' ? r.data : JSON.stringify(r.data, null, 2)));
        return;
      }
      if (list.length === 0) {
        box.appendChild(el('p', 'No models yet.', {'class': 'quiet'}));
        return;
      }
      var columns = [];
      list.forEach(function (m) {
        Object.keys(m).forEach(function (k) {
          if (columns.indexOf(k) < 0 && columns.length < 8) {
            columns.push(k);
          }
        });
      });
      var t = el('table', null, {id: 'models-table'});
      var head = el('tr');
      columns.forEach(function (c) {
        head.appendChild(el('th', c));
      });
      t.appendChild(head);
      list.forEach(function (m) {
        var tr = el('tr');
        columns.forEach(function (c) {
          var v = m[c];
          tr.appendChild(el('td', v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : v));
        });
        t.appendChild(tr);
      });
      box.appendChild(t);
    }).catch(function (e) {
      $('models').textContent = 'models: ' + e.message;
    });
  }

  /* ---- submitting ---- */

  function submit(event) {
    event.preventDefault();
    var errors = $('submit-errors');
    clear(errors);
    if (!token()) {
      needToken('submitting needs the bearer token');
      return;
    }
    api('POST', '/jobs', $('spec').value, 'text/x-java-properties;charset=UTF-8').then(function (r) {
      if (r.status === 201) {
        status('submitted ' + r.data.id);
        refreshJobs().then(function () {
          select(r.data.id);
        });
        return;
      }
      if (r.data && r.data.errors) {
        r.data.errors.forEach(function (p) {
          errors.appendChild(el('li', p.where + ': ' + p.message));
        });
      } else if (r.status !== 401) {
        errors.appendChild(el('li', errorOf(r)));
      }
    }).catch(function (e) {
      errors.appendChild(el('li', e.message));
    });
  }

  /* ---- start ---- */

  function start() {
    showToken();
    $('token-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var t = $('token-input').value.trim();
      if (t) {
        sessionStorage.setItem(TOKEN_KEY, t);
        $('token-input').value = '';
        showToken();
        status('token kept for this tab');
        loadPlugins();
        refreshJobs();
        loadModels();
      }
    });
    $('token-forget').addEventListener('click', function () {
      sessionStorage.removeItem(TOKEN_KEY);
      showToken();
    });
    $('submit-form').addEventListener('submit', submit);
    $('job-cancel').addEventListener('click', function () {
      if (view.selected) {
        cancelJob(view.selected);
      }
    });
    $('compare-button').addEventListener('click', compare);
    $('compare-metric').addEventListener('change', drawCompare);
    loadPlugins();
    loadModels();
    refreshJobs();
    setInterval(refreshJobs, JOBS_EVERY_MS);
    setInterval(function () {
      if (!view.compareData) {
        return;
      }
      // again while a compared job runs, and once more when one has ended since the last look
      var states = view.compareData.map(function (run) {
        var j = view.jobs.find(function (x) {
          return x.id === run.id;
        });
        return j ? j.state : '';
      });
      var sig = states.join(',');
      if (states.some(active) || sig !== view.compareStates) {
        view.compareStates = sig;
        compare();
      }
    }, COMPARE_EVERY_MS);
    document.body.dataset.ready = 'true';
  }

  start();
}());
