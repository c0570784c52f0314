// The sailsim regress dashboard (index.html): everything it shows comes from the three JSON
// blocks the page carries: results.json and buckets.json as written beside it, and the night
// with the history's last nights. Plots are Chart.js (assets/chart.umd.min.js, pinned by
// regression/dashboard/npm). window.sailsimDashboard exposes the bins and charts for tests.
'use strict';

(function () {
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const results = read('sailsim-results');
  const buckets = read('sailsim-buckets');
  const night = read('sailsim-night');
  const runs = results.runs;
  const failed = (r) => r.exit_code !== 0 || r.nondeterministic;

  // ---- helpers ----
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  };
  const percent = (passed, total) => (total ? (100 * passed / total).toFixed(1) + '%' : '-');
  const table = (head, rows) =>
    el('table', {}, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))), el('tbody', {}, ...rows));
  const cell = (figure, value) => el('td', { 'data-figure': figure }, value);
  const section = (id, title, ...body) => {
    document.getElementById('main').append(el('section', { id }, el('h2', {}, title), ...body));
  };

  // ---- the summary ----
  const nfailed = runs.filter(failed).length;
  const withCycles = runs.filter((r) => r.cycles !== null);
  const cyclesTotal = withCycles.reduce((s, r) => s + r.cycles, 0);
  const wallTotal = runs.reduce((s, r) => s + r.measured.wall_seconds, 0);
  const wallWithCycles = withCycles.reduce((s, r) => s + r.measured.wall_seconds, 0);
  document.getElementById('title').textContent = 'sailsim regress: ' + night.plan;
  const summary = [
    ['runs', runs.length],
    ['passed', runs.length - nfailed],
    ['failed', nfailed],
    ['pass rate', percent(runs.length - nfailed, runs.length)],
    ['buckets', buckets.buckets.length],
    ['exit code', results.exit_code],
    ['base seed', night.base_seed],
    ['commit', night.commit],
    ['date', night.date],
    ['simulated cycles', cyclesTotal],
    ['wall seconds (sum over runs)', wallTotal.toFixed(3)],
    ['simulated cycles per second', wallWithCycles > 0 ? (cyclesTotal / wallWithCycles).toFixed(1) : '-'],
  ];
  section('summary', 'Summary',
    el('dl', {}, ...summary.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { 'data-figure': k }, v)])));

  // ---- pass rate per group (plan order) ----
  const groups = [];
  const byGroup = new Map();
  for (const r of runs) {
    if (!byGroup.has(r.group)) {
      byGroup.set(r.group, { group: r.group, kind: r.kind, runs: 0, passed: 0 });
      groups.push(byGroup.get(r.group));
    }
    const g = byGroup.get(r.group);
    g.runs += 1;
    g.passed += failed(r) ? 0 : 1;
  }
  section('groups', 'Pass rate per group', table(['group', 'kind', 'runs', 'passed', 'failed', 'pass rate'],
    groups.map((g) => el('tr', { 'data-group': g.group }, cell('group', g.group), cell('kind', g.kind),
      cell('runs', g.runs), cell('passed', g.passed), cell('failed', g.runs - g.passed),
      cell('pass rate', percent(g.passed, g.runs))))));

  // ---- buckets ----
  // Seeds use 63 bits, past a JavaScript number's 53: the page carries them as text.
  const bucketRows = buckets.buckets.map((b, i) => el('tr', { class: 'bucket' },
    cell('mark', b.history || ''), cell('count', b.count), cell('signature', b.signature),
    el('td', { 'data-figure': 'first run' }, el('a', { href: 'failures/' + b.first_run + '/' }, b.first_run)),
    cell('first seed', night.first_seeds[i] === null ? '-' : night.first_seeds[i]),
    el('td', { 'data-figure': 'repro' }, el('code', {}, b.repro))));
  section('buckets', 'Failure buckets',
    bucketRows.length ? table(['mark', 'runs', 'signature', 'first run', 'first seed', 'reproduce'], bucketRows)
      : el('p', { class: 'none' }, 'No failures.'));
  if (buckets.fixed) {
    section('fixed', 'Fixed since the previous night', buckets.fixed.length
      ? el('ul', {}, ...buckets.fixed.map((s) => el('li', { 'data-figure': 'fixed' }, s)))
      : el('p', { class: 'none' }, 'Nothing: every signature of the previous night is still failing, or it had none.'));
  }

  // ---- code coverage (sailsim regress --coverage) ----
  if (results.coverage) {
    const cov = results.coverage;
    const kinds = ['line', 'branch', 'toggle', 'user'];
    const modules = Object.keys(cov.modules).sort();
    const kindCell = (m, k) => {
      const t = cov.modules[m][k];
      return cell(k, t ? t.percent.toFixed(2) + '% (' + t.covered + '/' + t.total + ')' : '-');
    };
    const goalRows = cov.goals.map((g) => el('tr', { class: g.met ? 'goal met' : 'goal missed' },
      cell('module', g.module), cell('kind', g.kind), cell('goal', g.goal.toFixed(2) + '%'),
      cell('reached', g.reached.toFixed(2) + '%'), cell('met', g.met ? 'met' : 'MISSED'),
      cell('uncovered', g.uncovered.slice(0, 10).join('\n') + (g.uncovered.length > 10 ? '\n...' : ''))));
    section('coverage', 'Code coverage',
      cov.report
        ? el('p', {}, el('a', { href: cov.report, 'data-figure': 'coverage report' }, 'HTML report (genhtml)'), ' · ',
          el('a', { href: cov.info }, 'lcov .info'), ' · ', el('a', { href: cov.uncovered }, 'uncovered points'),
          ' · ' + cov.points + ' points')
        : el('p', { class: 'none' }, 'No run of this night simulated the coverage flavour: no points.'),
      table(['module', ...kinds], modules.map((m) => el('tr', { 'data-module': m }, cell('module', m),
        ...kinds.map((k) => kindCell(m, k))))),
      goalRows.length ? table(['module', 'kind', 'goal', 'reached', 'verdict', 'uncovered'], goalRows)
        : el('p', { class: 'none' }, 'The plan sets no coverage goals.'));
  }

  // ---- functional coverage (every replay run's bins, docs/functional-coverage.md) ----
  if (results.functional_coverage) {
    const fc = results.functional_coverage;
    const binSpan = (b) => el('span', { class: b.hits ? 'bin hit' : 'bin hole', 'data-bin': b.name,
      title: b.groups.length ? 'hit by ' + b.groups.join(', ') : 'no run hit it' }, b.name + ' ' + b.hits);
    const pointRows = fc.points.map((p) => el('tr', { 'data-point': p.name, class: p.hit < p.bins.length ? 'holes' : '' },
      cell('point', p.name), cell('hit', p.hit + '/' + p.bins.length), cell('percent', percent(p.hit, p.bins.length)),
      el('td', { 'data-figure': 'bins' }, ...p.bins.map(binSpan)), cell('what', p.what)));
    const holeRows = fc.holes.map((h) => el('tr', { class: 'hole' }, cell('point', h.point), cell('bin', h.bin),
      cell('feeders', h.feeders.length ? h.feeders.join(', ') : 'none: no group of the plan reaches this point')));
    const until = fc.until_covered;
    section('functional', 'Functional coverage',
      el('p', {}, el('span', { 'data-figure': 'functional bins' }, fc.hit + ' of ' + fc.bins + ' bins'), ' (',
        el('span', { 'data-figure': 'functional percent' }, fc.percent.toFixed(2) + '%'), '), ',
        el('span', { 'data-figure': 'functional holes' }, String(fc.holes.length)), ' holes',
        fc.runs_without.length ? ' · ' + fc.runs_without.length + ' runs left no coverage' : '',
        until ? el('span', { 'data-figure': 'until covered' }, ' · --until-covered added ' + until.runs_added +
          ' runs in ' + until.rounds + ' rounds (budget ' + until.budget + ')') : ''),
      table(['point', 'hit', '%', 'bins (hits)', 'what a hit means'], pointRows),
      el('h3', {}, 'Holes'),
      holeRows.length ? table(['point', 'bin', 'groups that feed it'], holeRows)
        : el('p', { class: 'none' }, 'None: every bin was hit.'));
  }

  // ---- mutation score (scripts/mutate.py, sailsim regress --mutation-report) ----
  if (results.mutation) {
    const mu = results.mutation;
    const score = (x) => (x === null ? '-' : (100 * x).toFixed(1) + '%');
    const killed = (t) => t.killed + t.timeout;
    section('mutation', 'Mutation score',
      el('p', {}, el('span', { 'data-figure': 'mutation score' }, score(mu.score)), ' of the non-equivalent mutants killed: ',
        el('span', { 'data-figure': 'mutation counts' }, killed(mu) + ' killed, ' + mu.survived + ' survived, ' +
          mu.stillborn + ' stillborn, ' + mu.equivalent + ' equivalent'),
        ' (' + mu.selection + '; plan ' + mu.plan + '; commit ' + mu.commit + ')'),
      table(['module', 'killed', 'survived', 'stillborn', 'equivalent', 'score'], mu.modules.map((m) =>
        el('tr', { 'data-module': m.module }, cell('module', m.module), cell('killed', killed(m)), cell('survived', m.survived),
          cell('stillborn', m.stillborn), cell('equivalent', m.equivalent), cell('score', score(m.score))))),
      el('h3', {}, 'Survivors'),
      mu.survivors.length ? table(['mutant', 'module', 'operator', 'line', 'mutated line'], mu.survivors.map((x) =>
        el('tr', { class: 'survivor' }, cell('mutant', x.id), cell('module', x.module), cell('operator', x.operator),
          cell('line', x.line), el('td', { 'data-figure': 'mutated' }, el('code', {}, x.mutated)))))
        : el('p', { class: 'none' }, 'None: every non-equivalent mutant was killed.'));
  }

  // ---- plots ----
  const charts = {};
  const bins = {};
  const plot = (id, title, note, config) => {
    const canvas = el('canvas', { id: 'chart-' + id });
    section('plot-' + id, title, el('p', { class: 'note' }, note), el('div', { class: 'plot' }, canvas));
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options);
    charts[id] = new Chart(canvas, config);
  };
  // Counts of `values` in [edges[i], edges[i+1]); the last bin also takes its upper edge.
  const histogram = (values, edges) => {
    const counts = new Array(edges.length - 1).fill(0);
    for (const v of values) {
      let i = edges.findIndex((e, j) => j + 1 < edges.length && v >= e && v < edges[j + 1]);
      if (i < 0) i = counts.length - 1;
      counts[i] += 1;
    }
    return counts;
  };

  // Pass rate per night, every group and all runs, from the history (tonight only without one).
  const nightLabel = (n) => n.date.replace('T', ' ').replace('Z', '') + ' ' + n.commit.slice(0, 8);
  const groupNames = [...new Set(night.nights.flatMap((n) => n.groups.map((g) => g.group)))];
  plot('pass-rate', 'Pass rate per night',
    night.history ? (night.nights.length === 1 ? 'The first night of this plan in the history.'
      : 'The last ' + night.nights.length + ' nights of this plan in the history.')
      : 'Tonight only: run with --history FILE.sqlite for the nights before.', {
      type: 'line',
      data: {
        labels: night.nights.map(nightLabel),
        // clip: false, so that a point at 100% is not cut by the plot's edge.
        datasets: [{ label: 'all runs', clip: false, data: night.nights.map((n) => n.runs ? 100 * (n.runs - n.failed) / n.runs : null) }]
          .concat(groupNames.map((name) => ({
            label: name,
            clip: false,
            data: night.nights.map((n) => {
              const g = n.groups.find((x) => x.group === name);
              return g && g.runs ? 100 * g.passed / g.runs : null;
            }),
          }))),
      },
      options: { scales: { y: { min: 0, max: 100, title: { display: true, text: 'pass rate (%)' } } } },
    });

  const cycles = withCycles.map((r) => r.cycles);
  if (cycles.length) {
    // Powers of two: run lengths span orders of magnitude.
    const lo = Math.floor(Math.log2(Math.max(1, Math.min(...cycles))));
    const hi = Math.max(lo + 1, Math.ceil(Math.log2(Math.max(...cycles) + 1)));
    const edges = [];
    for (let e = lo; e <= hi; ++e) edges.push(2 ** e);
    bins.cycles = { edges, counts: histogram(cycles, edges) };
    plot('cycles', 'Simulated cycles per run', cycles.length + ' runs with a cycle count, in power-of-two bins.', {
      type: 'bar',
      data: {
        labels: edges.slice(0, -1).map((e, i) => e + '-' + (edges[i + 1] - 1)),
        datasets: [{ label: 'runs', data: bins.cycles.counts }],
      },
      options: { scales: { x: { title: { display: true, text: 'simulated cycles' } }, y: { beginAtZero: true } } },
    });

    // DDR data beats per cycle: 1.0 is one 32-byte beat every cycle (the roofline of one direction).
    const utilization = withCycles.filter((r) => r.ddr_beats !== null && r.cycles > 0).map((r) => r.ddr_beats / r.cycles);
    if (utilization.length) {
      const top = Math.max(1, Math.ceil(Math.max(...utilization) * 10) / 10);
      const uedges = [];
      for (let i = 0; i <= Math.round(top * 20); ++i) uedges.push(i / 20);
      bins.utilization = { edges: uedges, counts: histogram(utilization, uedges) };
      plot('utilization', 'DDR utilization per run', 'DDR data beats per simulated cycle (1.0 = 32 bytes every cycle, ' +
        'the roofline of one direction), ' + utilization.length + ' runs.', {
        type: 'bar',
        data: {
          labels: uedges.slice(0, -1).map((e, i) => e.toFixed(2) + '-' + uedges[i + 1].toFixed(2)),
          datasets: [{ label: 'runs', data: bins.utilization.counts }],
        },
        options: { scales: { x: { title: { display: true, text: 'beats per cycle' } }, y: { beginAtZero: true } } },
      });
    }

    const timed = withCycles.filter((r) => r.measured.cycles_per_second !== null);
    plot('speed', 'Simulation speed', 'Simulated cycles per wall second of each run (process start to exit).', {
      type: 'scatter',
      data: {
        datasets: groups.map((g) => ({
          label: g.group,
          data: timed.filter((r) => r.group === g.group).map((r) => ({ x: r.cycles, y: r.measured.cycles_per_second })),
        })).filter((d) => d.data.length),
      },
      options: {
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: 'simulated cycles' } },
          y: { type: 'logarithmic', title: { display: true, text: 'cycles per second' } },
        },
      },
    });
  }

  // ---- the nights ----
  section('nights', 'Nights', table(['night', 'date', 'commit', 'runs', 'failed', 'pass rate'],
    night.nights.map((n) => el('tr', { 'data-night': n.id }, cell('night', n.id), cell('date', n.date),
      cell('commit', n.commit.slice(0, 12)), cell('runs', n.runs), cell('failed', n.failed),
      cell('pass rate', percent(n.runs - n.failed, n.runs))))));

  window.sailsimDashboard = { charts, bins, ready: true };
})();
