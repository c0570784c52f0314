// The regress dashboard (DIR/index.html) in a real headless Chromium (Debian's, driven by the
// pinned playwright-core): three nights of a small plan appended to one history, then each
// page is opened from file:// with the network cut off. It must render with no console
// error and no request leaving the folder, and every figure it shows (summary, groups,
// buckets and their marks, the fixed list, the nights, the data of every plot) must equal
// what this test computes on its own from results.json and buckets.json beside it.
//
//   node --test dashboard_test.mjs   with SAILSIM_CLI, SAILSIM_SOURCE_DIR, SAILSIM_BROWSER_TEST_NPM
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (CTest sets it; see tests/regress/CMakeLists.txt)`);
  return v;
};
const sailsim = env('SAILSIM_CLI');
const source = env('SAILSIM_SOURCE_DIR');
const npmDir = env('SAILSIM_BROWSER_TEST_NPM');
const chromiumPath = process.env.SAILSIM_CHROMIUM || '/usr/bin/chromium';
// Missing parts fail the test, loudly: it never skips.
if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: scripts/deps.sh --tests installs chromium`);
const playwrightPath = path.join(npmDir, 'node_modules', 'playwright-core');
if (!fs.existsSync(playwrightPath)) throw new Error(`${playwrightPath} is missing: scripts/deps.sh --tests installs it`);
const { chromium } = createRequire(import.meta.url)(playwrightPath);
// "1" in normal builds, which make sailsim-coverage beside sailsim (sanitizer builds do not).
const coverageNight = env('SAILSIM_COVERAGE_NIGHT') === '1';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sailsim-dashboard-'));
const plan = path.join(work, 'plan.yaml');
const historyFile = path.join(work, 'nights.sqlite');
const mutationReport = path.join(work, 'mutation.json');
const seq = (f) => path.join(source, 'vectors', f);

// A passing group of a sequence and generated runs, and a group of expected failures.
function writePlan(failing) {
  fs.writeFileSync(plan, [
    'sailsim_regress: 1',
    'groups:',
    `  - {name: ok, sequences: [${seq('sequences/timing/matmul_slow.yaml')}]}`,
    '  - {name: mm, gen: matmul, seeds: 4, knobs: {max-m: 4, max-n: 4, max-k: 512}}',
    `  - {name: neg, sequences: [${failing.map((f) => seq('expected-failures/' + f)).join(', ')}]}`,
    '',
  ].join('\n'));
}

function regress(out, withHistory, extra = []) {
  const args = ['regress', plan, '--out', out, '-j', '2', '--max-waves', '0', ...extra];
  if (withHistory) args.push('--history', historyFile);
  try {
    execFileSync(sailsim, args, { stdio: 'pipe', timeout: 120000 });
    return 0;
  } catch (e) {
    if (e.status === null) throw e;
    return e.status;
  }
}

const nights = {};
let browser;

before(async () => {
  writePlan(['check_mismatch_fused.yaml']);
  assert.equal(regress(path.join(work, 'night1'), true), 1);
  writePlan(['timeout_irq_no_job.yaml']);
  assert.equal(regress(path.join(work, 'night2'), true), 3);
  // Night 3 shows a mutation score: a report in scripts/mutate.py's format (docs/mutation.md).
  fs.writeFileSync(mutationReport, JSON.stringify({
    format: 'sailsim-mutation/1', tool: 'scripts/mutate.py', plan: 'regress/smoke.yaml',
    selection: { mode: 'sample', count: 3, seed: 20261202, sample: 3, only: null, shard: null },
    tree: { commit: 'c0ffee1', rtl_sha256: '00' }, score: 0.6667,
    total: { killed: 1, survived: 1, stillborn: 1, equivalent: 0, timeout: 1, score: 0.6667 },
    modules: {
      sail_ctrl: { killed: 1, survived: 0, stillborn: 1, equivalent: 0, timeout: 0, score: 1.0 },
      q4k_dot: { killed: 0, survived: 1, stillborn: 0, equivalent: 0, timeout: 1, score: 0.5 },
    },
    mutants: [
      { id: 'q4k_dot:stuck_valid:40:7', module: 'q4k_dot', operator: 'stuck_valid', line: 40, mutated: "assign v = 1'b1;", verdict: 'survived' },
      { id: 'sail_ctrl:flip:12:3', module: 'sail_ctrl', operator: 'flip', line: 12, mutated: 'if (a < b)', verdict: 'killed' },
    ],
  }));
  assert.equal(regress(path.join(work, 'night3'), true, ['--mutation-report', mutationReport]), 3);
  assert.equal(regress(path.join(work, 'alone'), false), 3);
  if (coverageNight) {
    // A --coverage night (normal builds make sailsim-coverage): one goal met, one missed.
    const covPlan = path.join(work, 'coverage.yaml');
    fs.writeFileSync(covPlan, ['sailsim_regress: 1', 'coverage_goals:', '  sail_engine: {line: 50}',
      '  fifo_sync: {user: 100}', 'groups:', `  - {name: ok, sequences: [${seq('sequences/timing/matmul_slow.yaml')}]}`,
      '  - {name: mm, gen: matmul, seeds: 2, knobs: {max-m: 4, max-n: 4, max-k: 512}}', ''].join('\n'));
    let status = 0;
    try {
      execFileSync(sailsim, ['regress', covPlan, '--out', path.join(work, 'coverage'), '--coverage', '-j', '2'],
        { stdio: 'pipe', timeout: 300000 });
    } catch (e) {
      if (e.status === null) throw e;
      status = e.status;
    }
    assert.equal(status, 1, 'the missed goal fails the coverage night');
  }
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  fs.rmSync(work, { recursive: true, force: true });
});

// The page of night DIR, opened offline, with what it logged and asked for.
async function open(name) {
  const dir = path.join(work, name);
  const context = await browser.newContext({ offline: true });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(path.join(dir, 'index.html')).href, { waitUntil: 'load' });
  await page.waitForFunction(() => window.sailsimDashboard && window.sailsimDashboard.ready, null, { timeout: 20000 });
  const raw = {
    results: fs.readFileSync(path.join(dir, 'results.json'), 'utf8'),
    buckets: fs.readFileSync(path.join(dir, 'buckets.json'), 'utf8'),
  };
  return {
    dir, page, context, problems, requests, raw,
    results: JSON.parse(raw.results),
    buckets: JSON.parse(raw.buckets),
    figure: (f, scope = 'body') => page.locator(`${scope} [data-figure="${f}"]`).allTextContents(),
  };
}

const failed = (r) => r.exit_code !== 0 || r.nondeterministic;
const percent = (p, n) => (100 * p / n).toFixed(1) + '%';
// Integers as written in the JSON text: seeds pass 2^53.
const rawIntegers = (text, key) => [...text.matchAll(new RegExp(`"${key}": (\\d+|null)`, 'g'))].map((m) => m[1]);

async function checkPage(p) {
  assert.deepEqual(p.problems, [], 'the page logged errors');
  const here = pathToFileURL(p.dir).href;
  for (const url of p.requests) assert.ok(url.startsWith(here + '/'), `a request left the report folder: ${url}`);

  // The summary.
  const runs = p.results.runs;
  const nfailed = runs.filter(failed).length;
  const one = async (f) => { const v = await p.figure(f, '#summary'); assert.equal(v.length, 1, f); return v[0]; };
  assert.equal(await one('runs'), String(runs.length));
  assert.equal(await one('passed'), String(runs.length - nfailed));
  assert.equal(await one('failed'), String(nfailed));
  assert.equal(await one('pass rate'), percent(runs.length - nfailed, runs.length));
  assert.equal(await one('buckets'), String(p.buckets.buckets.length));
  assert.equal(await one('exit code'), String(p.results.exit_code));
  assert.equal(await one('base seed'), rawIntegers(p.raw.results, 'base_seed')[0]);
  assert.equal(await one('simulated cycles'), String(runs.reduce((s, r) => s + (r.cycles ?? 0), 0)));

  // One row per group, in plan order, with its counts.
  const groups = [...new Set(runs.map((r) => r.group))];
  assert.deepEqual(await p.figure('group', '#groups'), groups);
  for (const g of groups) {
    const mine = runs.filter((r) => r.group === g);
    const passed = mine.filter((r) => !failed(r)).length;
    const row = `#groups tr[data-group="${g}"]`;
    assert.deepEqual(await p.figure('runs', row), [String(mine.length)]);
    assert.deepEqual(await p.figure('passed', row), [String(passed)]);
    assert.deepEqual(await p.figure('failed', row), [String(mine.length - passed)]);
    assert.deepEqual(await p.figure('pass rate', row), [percent(passed, mine.length)]);
  }

  // The buckets, with their marks and repro commands, and the fixed list.
  const b = p.buckets.buckets;
  assert.deepEqual(await p.figure('signature', '#buckets'), b.map((x) => x.signature));
  assert.deepEqual(await p.figure('count', '#buckets'), b.map((x) => String(x.count)));
  assert.deepEqual(await p.figure('first run', '#buckets'), b.map((x) => x.first_run));
  assert.deepEqual(await p.figure('first seed', '#buckets'), rawIntegers(p.raw.buckets, 'first_seed').map((s) => (s === 'null' ? '-' : s)));
  assert.deepEqual(await p.figure('repro', '#buckets'), b.map((x) => x.repro));
  assert.deepEqual(await p.figure('mark', '#buckets'), b.map((x) => x.history ?? ''));
  if (p.buckets.fixed) assert.deepEqual(await p.figure('fixed', '#fixed'), p.buckets.fixed);
  else assert.equal(await p.page.locator('#fixed').count(), 0);

  // Functional coverage: every point's bins and hits as results.json has them, which this
  // test checks against the bins' own sums; the holes with the groups that feed them.
  const fc = p.results.functional_coverage;
  assert.ok(fc, 'results.json has functional_coverage');
  const allBins = fc.points.flatMap((x) => x.bins);
  assert.equal(fc.bins, allBins.length);
  assert.equal(fc.hit, allBins.filter((b) => b.hits > 0).length);
  assert.ok(fc.hit > 20 && fc.hit < fc.bins, `a small plan hits some bins, not all (${fc.hit} of ${fc.bins})`);
  const byName = new Map(fc.points.map((x) => [x.name, x]));
  assert.equal(byName.get('queue.submit').bins.find((b) => b.name === 'accepted').hits > 0, true, 'jobs were queued');
  assert.deepEqual(await p.figure('point', '#functional tr[data-point]'), fc.points.map((x) => x.name));
  assert.deepEqual(await p.figure('hit', '#functional tr[data-point]'), fc.points.map((x) => `${x.hit}/${x.bins.length}`));
  for (const x of fc.points) {
    assert.equal(x.hit, x.bins.filter((b) => b.hits > 0).length, x.name);
    const shown = await p.page.locator(`#functional tr[data-point="${x.name}"] .bin`).allTextContents();
    assert.deepEqual(shown, x.bins.map((b) => `${b.name} ${b.hits}`), x.name);
  }
  const holes = fc.points.flatMap((x) => x.bins.filter((b) => b.hits === 0).map((b) => `${x.name} ${b.name}`));
  assert.deepEqual(fc.holes.map((h) => `${h.point} ${h.bin}`), holes);
  assert.deepEqual(await p.figure('bin', '#functional tr.hole'), fc.holes.map((h) => h.bin));
  assert.equal(await p.page.locator('#functional .bin.hole').count(), holes.length);
  assert.deepEqual(await p.figure('functional bins', '#functional'), [`${fc.hit} of ${fc.bins} bins`]);
  // A feeder is a gen group (mm here) whose runs hit another bin of the hole's point, of the
  // same family (before the first '/') when the bins have one.
  const family = (bin) => bin.split('/')[0];
  for (const h of fc.holes) {
    const point = byName.get(h.point);
    const fed = point.bins.some((b) => b.groups.includes('mm') && (!h.bin.includes('/') || family(b.name) === family(h.bin)));
    assert.deepEqual(h.feeders, fed ? ['mm'] : [], `${h.point} ${h.bin}`);
  }

  // The plots: the data Chart.js holds, against this test's own counts.
  const charts = await p.page.evaluate(() => {
    const out = {};
    for (const id of ['pass-rate', 'cycles', 'utilization', 'speed']) {
      const c = Chart.getChart('chart-' + id);
      const canvas = document.getElementById('chart-' + id);
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) painted += pixels[i] ? 1 : 0;
      out[id] = { labels: c.data.labels, datasets: c.data.datasets.map((d) => ({ label: d.label, data: d.data })), painted };
    }
    out.bins = window.sailsimDashboard.bins;
    return out;
  });
  for (const id of Object.keys(charts)) if (id !== 'bins') assert.ok(charts[id].painted > 1000, `${id} drew nothing`);
  const countIn = (values, edges) => edges.slice(0, -1).map((lo, i) =>
    values.filter((v) => v >= lo && (v < edges[i + 1] || (i === edges.length - 2 && v === edges[i + 1]))).length);
  const withCycles = runs.filter((r) => r.cycles !== null);
  const cycles = withCycles.map((r) => r.cycles);
  const edges = charts.bins.cycles.edges;
  assert.ok(edges.every((e, i) => i === 0 || e === 2 * edges[i - 1]), 'power-of-two bins');
  assert.ok(edges[0] <= Math.min(...cycles) && Math.max(...cycles) < edges.at(-1), 'the bins cover every run');
  assert.deepEqual(charts.cycles.datasets[0].data, countIn(cycles, edges));
  const util = withCycles.filter((r) => r.ddr_beats !== null && r.cycles > 0).map((r) => r.ddr_beats / r.cycles);
  assert.ok(util.length > 0 && util.some((u) => u > 0), 'runs moved DDR data');
  assert.deepEqual(charts.utilization.datasets[0].data, countIn(util, charts.bins.utilization.edges));
  assert.equal(charts.utilization.datasets[0].data.reduce((s, n) => s + n, 0), util.length);
  const timed = withCycles.filter((r) => r.measured.cycles_per_second !== null)
    .map((r) => `${r.group} ${r.cycles} ${r.measured.cycles_per_second}`).sort();
  const shown = charts.speed.datasets.flatMap((d) => d.data.map((pt) => `${d.label} ${pt.x} ${pt.y}`)).sort();
  assert.deepEqual(shown, timed);
  return charts;
}

const passRate = (night) => {
  const r = night.results.runs;
  return 100 * r.filter((x) => !failed(x)).length / r.length;
};

test('night 1: a new bucket, nothing fixed, one night of trend', async () => {
  const p = await open('night1');
  nights[1] = p;
  assert.equal(await p.page.locator('#mutation').count(), 0, 'no --mutation-report, no mutation section');
  assert.deepEqual(p.buckets.buckets.map((b) => b.history), ['new']);
  const charts = await checkPage(p);
  assert.deepEqual(charts['pass-rate'].datasets[0].data, [passRate(p)]);
  await p.context.close();
});

test('night 2: the mismatch is fixed, the timeout is new, two nights of trend', async () => {
  const p = await open('night2');
  nights[2] = p;
  assert.deepEqual(p.buckets.buckets.map((b) => b.history), ['new']);
  assert.deepEqual(p.buckets.fixed, nights[1].buckets.buckets.map((b) => b.signature));
  assert.match(p.buckets.buckets[0].signature, /^TIMEOUT/);
  const charts = await checkPage(p);
  assert.deepEqual(charts['pass-rate'].datasets[0].data, [passRate(nights[1]), passRate(p)]);
  assert.equal(await p.page.locator('#nights tbody tr').count(), 2);
  await p.context.close();
});

test('night 3: the timeout again is seen before; three nights; every group has its trend', async () => {
  const p = await open('night3');
  assert.deepEqual(p.buckets.buckets.map((b) => b.history), ['seen before']);
  assert.deepEqual(p.buckets.fixed, []);
  const charts = await checkPage(p);
  const all = [nights[1], nights[2], p];
  assert.deepEqual(charts['pass-rate'].datasets[0].data, all.map(passRate));
  assert.deepEqual(charts['pass-rate'].datasets.map((d) => d.label), ['all runs', 'ok', 'mm', 'neg']);
  const neg = charts['pass-rate'].datasets.find((d) => d.label === 'neg');
  assert.deepEqual(neg.data, [0, 0, 0]);
  assert.equal(charts['pass-rate'].labels.length, 3);
  // The mutation score of --mutation-report, with its modules and survivors.
  const mu = p.results.mutation;
  assert.equal(mu.score, 0.6667);
  assert.deepEqual(await p.figure('mutation score', '#mutation'), ['66.7%']);
  assert.deepEqual(await p.figure('mutation counts', '#mutation'), ['2 killed, 1 survived, 1 stillborn, 0 equivalent']);
  assert.deepEqual(await p.figure('module', '#mutation tr[data-module]'), ['q4k_dot', 'sail_ctrl']);
  assert.deepEqual(await p.figure('score', '#mutation tr[data-module]'), ['50.0%', '100.0%']);
  assert.deepEqual(await p.figure('killed', '#mutation tr[data-module]'), ['1', '1']);
  assert.deepEqual(await p.figure('module', '#mutation tr.survivor'), ['q4k_dot']);
  assert.deepEqual(await p.figure('mutant', '#mutation tr.survivor'), ['q4k_dot:stuck_valid:40:7']);
  assert.deepEqual(await p.figure('mutated', '#mutation tr.survivor'), ["assign v = 1'b1;"]);
  if (process.env.SAILSIM_DASHBOARD_SCREENSHOT) {
    await p.page.setViewportSize({ width: 1100, height: 900 });
    await p.page.screenshot({ path: process.env.SAILSIM_DASHBOARD_SCREENSHOT, fullPage: true });
  }
  await p.context.close();
});

if (coverageNight) {
  test('a --coverage night: every module and kind, the goals, the report linked', async () => {
    const p = await open('coverage');
    await checkPage(p);
    const cov = p.results.coverage;
    const modules = Object.keys(cov.modules).sort();
    assert.ok(modules.includes('sail_engine') && modules.includes('fifo_sync'), modules.join(' '));
    assert.equal(await p.page.locator('#coverage tbody tr[data-module]').count(), modules.length);
    for (const m of modules) {
      for (const k of ['line', 'branch', 'toggle', 'user']) {
        const t = cov.modules[m][k];
        const shown = await p.page.locator(`#coverage tr[data-module="${m}"] [data-figure="${k}"]`).textContent();
        assert.equal(shown, t ? `${t.percent.toFixed(2)}% (${t.covered}/${t.total})` : '-', `${m} ${k}`);
      }
    }
    assert.deepEqual(await p.page.locator('#coverage tr.goal [data-figure="met"]').allTextContents(), ['met', 'MISSED']);
    const missed = await p.page.locator('#coverage tr.goal.missed [data-figure="uncovered"]').textContent();
    assert.match(missed, /user cov_push_when_full/);
    const href = await p.page.locator('#coverage [data-figure="coverage report"]').getAttribute('href');
    assert.equal(href, 'coverage/html/index.html');
    assert.ok(fs.existsSync(path.join(p.dir, href)), 'the genhtml report is where the page links it');
    await p.context.close();
  });
}

test('without --history: tonight only, no marks, no fixed list', async () => {
  const p = await open('alone');
  assert.ok(p.buckets.buckets.every((b) => b.history === undefined));
  const charts = await checkPage(p);
  assert.deepEqual(charts['pass-rate'].datasets[0].data, [passRate(p)]);
  assert.match(await p.page.locator('#plot-pass-rate .note').textContent(), /Tonight only/);
  await p.context.close();
});
