// The process insights page: /insights/ lists the processes, /insights/?process=<key> shows one
// with its BPMN diagram (bpmn-js) overlaid by the figures of GET /api/insights/{key}/elements.
// Every figure comes from the API; the page adds only layout and formatting.
(function () {
  'use strict';

  var params = new URLSearchParams(window.location.search);
  var period = new URLSearchParams();
  ['from', 'to'].forEach(function (p) {
    if (params.get(p)) {
      period.set(p, params.get(p));
    }
  });

  function api(path) {
    var query = period.toString();
    // The origin, not a relative URL: a page opened with credentials in its URL may not use them
    // in fetch.
    var url = window.location.origin + path + (query ? '?' + query : '');
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json, text/xml' } })
      .then(function (response) {
        if (response.status === 401) {
          throw new Error('Please log in to the Handoff webapps first.');
        }
        if (response.status === 403) {
          throw new Error('Insights are for process leads, auditors and administrators.');
        }
        if (!response.ok) {
          return response.json().then(function (problem) {
            throw new Error(problem.detail || ('HTTP ' + response.status));
          });
        }
        return (response.headers.get('Content-Type') || '').indexOf('xml') >= 0
          ? response.text() : response.json();
      });
  }

  function show(id) {
    document.getElementById(id).hidden = false;
  }

  function message(text) {
    var m = document.getElementById('message');
    m.textContent = text;
    m.hidden = false;
  }

  function duration(ms) {
    if (ms === null || ms === undefined) {
      return '–';
    }
    var s = Math.round(ms / 1000);
    if (s < 60) {
      return s + 's';
    }
    var m = Math.floor(s / 60);
    if (m < 60) {
      return m + 'm' + (s % 60 ? ' ' + (s % 60) + 's' : '');
    }
    var h = Math.floor(m / 60);
    if (h < 48) {
      return h + 'h' + (m % 60 ? ' ' + (m % 60) + 'm' : '');
    }
    var d = Math.floor(h / 24);
    return d + 'd' + (h % 24 ? ' ' + (h % 24) + 'h' : '');
  }

  function percent(rate) {
    return rate === null || rate === undefined ? '–' : (Math.round(rate * 1000) / 10) + ' %';
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      e.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function periodText(figures) {
    document.getElementById('period').textContent =
      'from ' + figures.from + ' to ' + figures.to + ' (end exclusive)';
  }

  function overview() {
    show('overview');
    api('/api/insights').then(function (data) {
      periodText(data);
      var body = document.querySelector('#processes tbody');
      data.processes.forEach(function (p) {
        var row = el('tr', { 'data-process-key': p.processKey });
        var link = el('a', { href: '?' + new URLSearchParams(Object.assign({ process: p.processKey },
          Object.fromEntries(period))).toString() }, p.processName || p.processKey);
        var name = el('td');
        name.appendChild(link);
        row.appendChild(name);
        [p.instances.started, p.instances.completed, p.instances.open,
          duration(p.cycleTime.p50Ms), duration(p.cycleTime.p90Ms),
          percent(p.straightThroughRate),
          p.slaBreaches === undefined || p.slaBreaches === null ? '–' : p.slaBreaches]
          .forEach(function (v) {
            row.appendChild(el('td', {}, String(v)));
          });
        body.appendChild(row);
      });
    }).catch(function (e) {
      message(e.message);
    });
  }

  function figure(label, value) {
    var f = el('div', { class: 'figure' });
    f.appendChild(el('b', {}, String(value)));
    f.appendChild(el('span', {}, label));
    document.getElementById('headline').appendChild(f);
  }

  // A small bar chart of its own: one bar per week.
  function barChart(title, weeks, value, max, label, id) {
    var width = 300, height = 120, pad = 18;
    var box = el('div', { class: 'chart', id: id });
    box.appendChild(el('h2', {}, title));
    var svgNs = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    var n = Math.max(weeks.length, 1);
    var w = (width - pad) / n;
    weeks.forEach(function (week, i) {
      var v = value(week);
      var h = v === null || v === undefined || max === 0 ? 0 : (height - 2 * pad) * v / max;
      var rect = document.createElementNS(svgNs, 'rect');
      rect.setAttribute('x', pad + i * w + 2);
      rect.setAttribute('y', height - pad - h);
      rect.setAttribute('width', Math.max(w - 4, 1));
      rect.setAttribute('height', h);
      rect.setAttribute('fill', '#2f81f7');
      rect.setAttribute('data-week', week.weekStart);
      rect.setAttribute('data-value', v === null || v === undefined ? '' : v);
      svg.appendChild(rect);
      var t = document.createElementNS(svgNs, 'text');
      t.setAttribute('x', pad + i * w + 2);
      t.setAttribute('y', height - pad - h - 3);
      t.textContent = label(v);
      svg.appendChild(t);
      var d = document.createElementNS(svgNs, 'text');
      d.setAttribute('x', pad + i * w + 2);
      d.setAttribute('y', height - 4);
      d.textContent = week.weekStart.substring(5);
      svg.appendChild(d);
    });
    box.appendChild(svg);
    document.getElementById('charts').appendChild(box);
  }

  function colour(share) {
    // white to red by the element's share of the total time
    var s = Math.max(0, Math.min(1, share || 0));
    return 'rgba(220, 38, 38, ' + (0.08 + 0.6 * s).toFixed(3) + ')';
  }

  function process(key) {
    show('process');
    Promise.all([api('/api/insights/' + encodeURIComponent(key)),
      api('/api/insights/' + encodeURIComponent(key) + '/elements'),
      api('/api/insights/' + encodeURIComponent(key) + '/diagram')])
      .then(function (results) {
        var figures = results[0], elements = results[1], xml = results[2];
        periodText(figures);
        document.getElementById('process-name').textContent = figures.processName || key;
        figure('started', figures.instances.started);
        figure('completed', figures.instances.completed);
        figure('open at the end', figures.instances.open);
        figure('cycle time p50', duration(figures.cycleTime.p50Ms));
        figure('cycle time p90', duration(figures.cycleTime.p90Ms));
        if (figures.straightThrough) {
          figure('straight through', percent(figures.straightThrough.rate));
          barChart('Straight-through rate per week', figures.straightThrough.weekly,
            function (w) { return w.rate; }, 1, percent, 'chart-straight-through');
        }
        if (figures.incidents) {
          var weekly = figures.incidents.weeklyBreaches;
          var max = Math.max.apply(null, [1].concat(weekly.map(function (w) {
            return w.response + w.resolution;
          })));
          figure('first response p90', duration(figures.incidents.firstResponse.p90Ms));
          var pauses = figures.incidents.slaPauses;
          figure('SLA pauses (asked / answered / unanswered)',
            pauses.asked + ' / ' + pauses.answered + ' / ' + pauses.unanswered);
          figure('paused p90', duration(pauses.pausedFor.p90Ms));
          barChart('SLA breaches per week (response + resolution)', weekly,
            function (w) { return w.response + w.resolution; }, max, String, 'chart-sla-breaches');
        }
        var viewer = new BpmnJS({ container: '#canvas' });
        return viewer.importXML(xml).then(function () {
          var canvas = viewer.get('canvas');
          var registry = viewer.get('elementRegistry');
          var overlays = viewer.get('overlays');
          canvas.zoom('fit-viewport');
          elements.elements.forEach(function (e) {
            var shape = registry.get(e.activityId);
            if (!shape || shape.waypoints) {
              return;
            }
            var p90 = e.duration.p90Ms;
            var box = el('div', {
              class: 'insight-overlay',
              'data-activity-id': e.activityId,
              'data-count': e.entered,
              'data-p90-ms': p90 === null || p90 === undefined ? '' : p90,
              'data-share': e.shareOfTime === null || e.shareOfTime === undefined ? '' : e.shareOfTime
            });
            box.style.width = shape.width + 'px';
            box.style.height = shape.height + 'px';
            box.style.background = colour(e.shareOfTime);
            var label = el('div', { class: 'insight-label' });
            label.appendChild(el('span', {}, e.entered + ' · p90 ' + duration(p90)));
            box.appendChild(label);
            overlays.add(e.activityId, 'insights', { position: { top: 0, left: 0 }, html: box });
          });
          document.body.setAttribute('data-rendered', 'true');
        });
      })
      .catch(function (e) {
        message(e.message);
      });
  }

  if (params.get('process')) {
    process(params.get('process'));
  } else {
    overview();
  }
}());
