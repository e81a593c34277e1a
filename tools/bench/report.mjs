// Renders benchmark results as docs/benchmarks.md: medians with min–max over rounds, and ratios.
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, median, natsServerBinary } from './procs.mjs';
import { controllerTable, overloadTable, pipelineTable, targetsTable } from './report-system.mjs';

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const spread = (values, digits = 0) => `${fmt(median(values), digits)} (${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)})`;

function groupBy(rows, key) {
  const m = new Map();
  for (const r of rows) {
    const k = key(r);
    m.set(k, [...(m.get(k) ?? []), r]);
  }
  return m;
}

function publishTable(section) {
  const lines = ['| concurrency | side | events/s | p50 ms | p99 ms | CPU µs/event | non-2xx |', '| --- | --- | --- | --- | --- | --- | --- |'];
  const ratios = [];
  for (const [c, rows] of groupBy(section.results, (r) => r.concurrency)) {
    for (const [side, sideRows] of groupBy(rows, (r) => r.side)) {
      const has = (f) => sideRows.every((r) => r[f] !== undefined);
      lines.push(`| ${c} | ${side} | ${spread(sideRows.map((r) => r.eventsPerSec))} | ${has('p50') ? spread(sideRows.map((r) => r.p50), 1) : '–'} | ${has('p99') ? spread(sideRows.map((r) => r.p99), 1) : '–'} | ${spread(sideRows.map((r) => r.cpuUsPerEvent))} | ${has('non2xx') ? sideRows.reduce((a, r) => a + r.non2xx, 0) : '–'} |`);
    }
    const byRound = (side, f) => rows.filter((r) => r.side === side).map((r) => r[f]);
    const ratio = (f, a, b) => median(byRound(a, f).map((v, i) => v / byRound(b, f)[i]));
    ratios.push(`| ${c} | ${fmt(ratio('eventsPerSec', 'proxy', 'minimal proxy'), 2)} (≥ 0.85) | ${fmt(ratio('cpuUsPerEvent', 'proxy', 'minimal proxy'), 2)} (≤ 1.25) | ${fmt(ratio('p99', 'proxy', 'minimal proxy'), 2)} (≤ 1.2) | ${fmt(ratio('eventsPerSec', 'proxy', 'raw js.publish'), 2)} | ${fmt(ratio('eventsPerSec', 'proxy, tracing on', 'proxy'), 2)} |`);
  }
  return [
    '## Publish path: `POST /publish` (binary CloudEvent, 1 KiB JSON)',
    '',
    'autocannon against our proxy and the minimal proxy (`tools/bench/minimal-proxy.mjs`: node:http → `js.publish` → 204), interleaved rounds; "raw js.publish" keeps the same number of publishes in flight from a loop, no HTTP.',
    '',
    ...lines,
    '',
    'Ratios (median of per-round ratios; target in brackets):',
    '',
    '| concurrency | events/s ours ÷ minimal | CPU µs/event ours ÷ minimal | p99 ours ÷ minimal | ours ÷ raw client | events/s tracing on ÷ off |',
    '| --- | --- | --- | --- | --- | --- |',
    ...ratios,
    '',
    `Peak RSS: ${Object.entries(section.rss).map(([k, v]) => `${k} ${fmt(v, 0)} MiB`).join(', ')}.`,
    '',
  ].join('\n');
}

function deliveryTable(section) {
  const lines = ['| max_ack_pending | side | events/s | CPU µs/event |', '| --- | --- | --- | --- |'];
  const ratios = [];
  for (const [map, rows] of groupBy(section.results, (r) => r.maxAckPending)) {
    for (const [side, sideRows] of groupBy(rows, (r) => r.side)) {
      lines.push(`| ${map} | ${side} | ${spread(sideRows.map((r) => r.eventsPerSec))} | ${spread(sideRows.map((r) => r.cpuUsPerEvent))} |`);
    }
    const byRound = (side) => rows.filter((r) => r.side === side).map((r) => r.eventsPerSec);
    const ratio = (a, b) => median(byRound(a).map((v, i) => v / byRound(b)[i]));
    ratios.push(`| ${map} | ${fmt(ratio('dispatcher', 'minimal dispatcher'), 2)} (≥ 0.90) | ${fmt(ratio('dispatcher ×2', 'minimal dispatcher'), 2)} |`);
  }
  return [
    '## Delivery path: stream → sink',
    '',
    `A stream pre-filled with ${section.events} events (1 KiB) is delivered to a minimal sink (\`tools/bench/counting-sink.mjs\`) by our dispatcher (push consumer with a deliver group, as the controller creates it) and by the minimal dispatcher (\`tools/bench/minimal-dispatcher.mjs\`: pull consume → undici POST → ack), at the same max_ack_pending; events/s from the first to the last arrival at the sink.`,
    '',
    ...lines,
    '',
    '| max_ack_pending | events/s ours ÷ minimal | 2 replicas ÷ minimal |',
    '| --- | --- | --- |',
    ...ratios,
    '',
    `Peak RSS: ${Object.entries(section.rss).map(([k, v]) => `${k} ${fmt(v, 0)} MiB`).join(', ')}.`,
    '',
  ].join('\n');
}

export function renderReport({ sections, started, finished, rounds, durationSec }) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  let natsVersion = '';
  try {
    natsVersion = execFileSync(natsServerBinary(), ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    natsVersion = 'unknown';
  }
  const header = [
    '# Benchmarks',
    '',
    `Run ${started.toISOString()} – ${finished.toISOString()} with \`npm run bench\` (tools/bench). ${rounds} interleaved rounds of ${durationSec} s per case; every figure is the median with the min–max over rounds. This machine is shared and noisy: compare ratios from one run, not absolute numbers across runs.`,
    '',
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, ${os.type()} ${os.release()}. Node ${process.version}; ${natsVersion}; @nats-io/jetstream ${pkg.dependencies['@nats-io/jetstream']}, undici ${pkg.dependencies.undici}, autocannon ${pkg.devDependencies.autocannon}. Load generator, NATS and the programs under test share the 2 cores.`,
    '',
  ];
  const render = { publish: publishTable, delivery: deliveryTable, pipeline: pipelineTable, overload: overloadTable, controller: controllerTable };
  const body = sections.map((s) => (render[s.name] ? render[s.name](s) : (s.markdown ?? '')));
  return [...header, ...body, targetsTable(sections)].join('\n');
}
