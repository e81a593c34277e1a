// Markdown for the whole-system benchmarks: pipeline, overload, controller, and the targets table.
import { median } from './procs.mjs';

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const spread = (values, digits = 0) => (values.length ? `${fmt(median(values), digits)} (${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)})` : '–');
const rssLine = (rss) => `Peak RSS: ${Object.entries(rss).map(([k, v]) => `${k} ${fmt(v, 0)} MiB`).join(', ')}.`;
const APPS = /^(proxy|dispatcher|controller)/;

/** Per-round ratios of the sustained rates and the latency legs at 1,000 events/s. */
export function pipelineFigures(section) {
  const of = (side) => section.results.filter((r) => r.side === side);
  const ratios = of('pipeline').map((r) => r.sustained / (of('minimal pipeline').find((m) => m.round === r.round)?.sustained || NaN));
  const legs = (side, f) => section.legs.filter((l) => l.side === side).map((l) => l[f]);
  const perRound = (a, fa, b, fb) => section.legs.filter((l) => l.side === a).map((l) => l[fa] - (section.legs.find((m) => m.side === b && m.round === l.round)?.[fb] ?? NaN));
  const cpuRatio = (f) => median(section.legs.filter((l) => l.side === 'pipeline').map((l) => l[f] / (section.legs.find((m) => m.side === 'minimal pipeline' && m.round === l.round)?.[f] ?? NaN)));
  return {
    proxyCpuRatio: cpuRatio('proxyCpuUs'),
    dispatcherCpuRatio: cpuRatio('dispatcherCpuUs'),
    ratio: median(ratios),
    ratios,
    publishLegP50: median(perRound('pipeline', 'publishP50', 'raw js.publish', 'publishP50')),
    publishLegP99: median(perRound('pipeline', 'publishP99', 'raw js.publish', 'publishP99')),
    dispatchLegP50: median(legs('pipeline', 'e2eP50').map((v, i) => v - legs('pipeline', 'publishP50')[i])),
    dispatchLegP99: median(legs('pipeline', 'e2eP99').map((v, i) => v - legs('pipeline', 'publishP99')[i])),
    minimalPublishLegP99: median(perRound('minimal pipeline', 'publishP99', 'raw js.publish', 'publishP99')),
    minimalDispatchLegP99: median(legs('minimal pipeline', 'e2eP99').map((v, i) => v - legs('minimal pipeline', 'publishP99')[i])),
  };
}

export function pipelineTable(section) {
  const f = pipelineFigures(section);
  const lines = ['| side | round | highest rate passed (events/s) | steps (rate: e2e p99 ms, publish p99 ms, lost, non-2xx, loader lag ms) |', '| --- | --- | --- | --- |'];
  for (const r of section.results) {
    const steps = r.steps.map((s) => `${s.rate}: ${fmt(s.p99, 0)}, ${fmt(s.publishP99, 0)}, ${s.lost}, ${s.sent - s.ok}, ${fmt(s.lag, 0)}${s.pass ? '' : ' ✗'}`).join('; ');
    lines.push(`| ${r.side} | ${r.round} | ${r.sustained} | ${steps} |`);
  }
  const legRows = ['| side | publish RTT p50 / p99 ms | end-to-end p50 / p99 ms | CPU µs/event proxy, dispatcher | loader lag ms |', '| --- | --- | --- | --- | --- |'];
  for (const side of ['pipeline', 'minimal pipeline', 'raw js.publish']) {
    const rows = section.legs.filter((l) => l.side === side);
    if (rows.length === 0) continue;
    const e2e = rows.every((r) => r.e2eP50 !== undefined) ? `${spread(rows.map((r) => r.e2eP50), 1)} / ${spread(rows.map((r) => r.e2eP99), 1)}` : '–';
    const cpu = rows.every((r) => r.proxyCpuUs !== undefined) ? `${spread(rows.map((r) => r.proxyCpuUs))}, ${spread(rows.map((r) => r.dispatcherCpuUs))}` : '–';
    const lag = rows.every((r) => r.lag !== undefined) ? spread(rows.map((r) => r.lag)) : '–';
    legRows.push(`| ${side} | ${spread(rows.map((r) => r.publishP50), 1)} / ${spread(rows.map((r) => r.publishP99), 1)} | ${e2e} | ${cpu} | ${lag} |`);
  }
  return [
    '## Pipeline: proxy → NATS → dispatcher → sink',
    '',
    `The whole system on this machine: nats-server, the controller in folder mode (it made the stream and the consumer from one manifest, maxInFlightMessages 100), the dispatcher, the proxy and a counting sink; beside it the minimal pipeline (minimal proxy → pull consumer with max_ack_pending 100 → minimal dispatcher) on its own subject. An open-loop paced publisher (\`tools/bench/paced-load.mjs\`, undici, 256 connections) sends at a fixed rate for ${section.durationSec} s per step, stamping the intended send time into \`ce-benchsent\`; latencies count from that time (loader lag: how late the loader itself sent, a sign of CPU contention on the machine). A step passes when every request is answered 2xx, every accepted id reaches the sink, and the end-to-end p99 is ≤ 100 ms; rates ${section.rates.join(', ')} are stepped until two fail in a row (always up to 1,000/s); the highest that passed counts. ✗ marks a failed step.`,
    '',
    ...lines,
    '',
    `Sustained rate ours ÷ minimal, per round: ${f.ratios.map((r) => fmt(r, 2)).join(', ')}; median **${fmt(f.ratio, 2)}** (target ≥ 0.90).`,
    '',
    `Latency at ${1000} events/s (the 1,000 step of each round; "raw js.publish" is the same paced load straight to NATS):`,
    '',
    ...legRows,
    '',
    `Added by each leg (median over rounds of per-round differences): publish leg (proxy RTT − raw js.publish RTT) p50 ${fmt(f.publishLegP50, 2)} ms, **p99 ${fmt(f.publishLegP99, 2)} ms** (target ≤ 2 ms; minimal proxy: p99 ${fmt(f.minimalPublishLegP99, 2)} ms); dispatch leg (end-to-end − publish) p50 ${fmt(f.dispatchLegP50, 2)} ms, **p99 ${fmt(f.dispatchLegP99, 2)} ms** (target ≤ 10 ms; minimal dispatcher: p99 ${fmt(f.minimalDispatchLegP99, 2)} ms).`,
    '',
    `CPU per event at 1,000/s, ours ÷ minimal (median of rounds): proxy ${fmt(f.proxyCpuRatio, 2)}, dispatcher ${fmt(f.dispatcherCpuRatio, 2)}. A leg is a difference of quantiles, so it can come out negative when the machine is noisy.`,
    '',
    rssLine(section.rss),
    '',
  ].join('\n');
}

export function overloadTable(section) {
  const notes = [];
  const lines = ['| round | capacity (closed loop, 100 conns) events/s | offered events/s | goodput events/s | goodput ÷ capacity | 503 (with Retry-After) | other non-2xx | errors / timeouts | accepted p99 ms | 503 p99 ms | lost |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of section.results) {
    const others = Object.entries(r.otherStatuses).map(([k, v]) => `${v}×${k}`).join(' ') || '0';
    lines.push(`| ${r.round} | ${fmt(r.capacity)} | ${fmt(r.offered)} | ${fmt(r.goodput)} | ${fmt(r.goodput / r.capacity, 2)} | ${r.rejected503} (${r.retryAfter}) | ${others} | ${r.errors} / ${r.timeouts}${Object.keys(r.errorCodes ?? {}).length ? ` (${Object.entries(r.errorCodes).map(([k, v]) => `${v}× ${k}`).join(', ')})` : ''} | ${fmt(r.acceptedP99)} | ${fmt(r.rejectedP99)} | ${r.lost}${r.late ? ` (+${r.late} late)` : ''} |`);
    if (r.diagnosis) notes.push(`Round ${r.round}: ${r.lost + (r.late ?? 0)} accepted ids were missing after the drain, ${r.late ?? 0} of them arrived in the next 90 s. Consumer and dispatcher counters then: \`${JSON.stringify(r.diagnosis)}\``);
  }
  return [
    '## Overload: twice the proxy\'s capacity',
    '',
    `The same system as the pipeline (without the minimal one). Capacity: autocannon, 100 connections, ${section.durationSec} s, while the dispatcher delivers. Then the paced publisher offers twice that rate for ${section.durationSec} s over ${section.connections} connections (MAX_IN_FLIGHT_REQUESTS ${section.maxInFlight}); latencies count from the intended send time, so they include waiting for a free connection in the loader. Lost = accepted (2xx) ids that never reached the sink after the backlog drained.`,
    '',
    ...lines,
    '',
    ...notes.flatMap((n) => [n, '']),
    `Crashed processes: ${section.crashed.length ? section.crashed.join(', ') : 'none'}. ${rssLine(section.rss)}`,
    '',
  ].join('\n');
}

export function controllerTable(section) {
  return [
    `## Controller: ${section.subscriptions} Subscriptions (folder mode)`,
    '',
    `${section.subscriptions} manifests (one type each) written into the watched folder of a running controller; a dispatcher runs beside it and binds every consumer. Then the controller is restarted (SIGTERM, start) over the same folder and NATS.`,
    '',
    '| measurement | result |',
    '| --- | --- |',
    `| all ${section.subscriptions} ready in the status server, from the first file written | ${fmt(section.createSeconds, 1)} s |`,
    `| after a restart: all ready again | ${fmt(section.restartReadySeconds, 1)} s |`,
    `| after a restart: settled (all ready, work queue empty) | ${fmt(section.restartSettledSeconds, 1)} s |`,
    `| consumers before → after the restart | ${section.consumersBefore} → ${section.consumersAfter} |`,
    `| consumers recreated by the restart (creation time changed) | ${section.recreated} |`,
    `| consumers created after the restart (eventing_ec_event_type_subscribed_total) | ${section.consumersCreatedAfterRestart} |`,
    `| KV writes by the restart (dispatch specs + subscription summaries) | ${section.rewritten} |`,
    '',
    rssLine(section.rss),
    '',
  ].join('\n');
}

/** Every app's peak RSS over all sections, for the 150 MiB target. */
export function appPeaks(sections) {
  const peaks = {};
  for (const s of sections) {
    for (const [k, v] of Object.entries(s.rss ?? {})) {
      const app = APPS.exec(k)?.[1] ?? (k.startsWith('dispatcher') ? 'dispatcher' : undefined);
      if (app) peaks[app] = Math.max(peaks[app] ?? 0, v);
    }
  }
  return peaks;
}

export function targetsTable(sections) {
  const rows = ['| target | measured | met |', '| --- | --- | --- |'];
  const mark = (ok) => (ok ? 'yes' : '**no**');
  const pipeline = sections.find((s) => s.name === 'pipeline');
  if (pipeline) {
    const f = pipelineFigures(pipeline);
    rows.push(`| pipeline sustained rate ≥ 0.90 × minimal | ${fmt(f.ratio, 2)} | ${mark(f.ratio >= 0.9)} |`);
    rows.push(`| publish leg p99 ≤ 2 ms at 1,000/s | ${fmt(f.publishLegP99, 2)} ms | ${mark(f.publishLegP99 <= 2)} |`);
    rows.push(`| dispatch leg p99 ≤ 10 ms at 1,000/s | ${fmt(f.dispatchLegP99, 2)} ms | ${mark(f.dispatchLegP99 <= 10)} |`);
  }
  const overload = sections.find((s) => s.name === 'overload');
  if (overload) {
    const ratio = median(overload.results.map((r) => r.goodput / r.capacity));
    const lost = overload.results.reduce((a, r) => a + r.lost, 0);
    const bad = overload.results.reduce((a, r) => a + r.other + r.errors + r.timeouts + (r.rejected503 - r.retryAfter), 0);
    rows.push(`| overload goodput ≥ 0.9 × capacity | ${fmt(ratio, 2)} | ${mark(ratio >= 0.9)} |`);
    rows.push(`| overload: zero loss; excess only 503 + Retry-After; no crash | lost ${lost}, other answers/errors ${bad}, crashed ${overload.crashed.length} | ${mark(lost === 0 && bad === 0 && overload.crashed.length === 0)} |`);
  }
  const controller = sections.find((s) => s.name === 'controller');
  if (controller) rows.push(`| controller restart over ${controller.subscriptions}: nothing recreated or rewritten | ${controller.recreated} recreated, ${controller.rewritten} KV writes | ${mark(controller.recreated === 0 && controller.rewritten === 0)} |`);
  for (const [app, v] of Object.entries(appPeaks(sections))) rows.push(`| ${app} peak RSS ≤ 150 MiB (all runs) | ${fmt(v)} MiB | ${mark(v <= 150)} |`);
  return ['## Targets', '', ...rows, ''].join('\n');
}
