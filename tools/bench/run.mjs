// The benchmark suite (issue "Benchmarks side by side"): runs each hot path against its minimal
// baseline in interleaved rounds and writes docs/benchmarks.md. `npm run bench [-- suites] [options]`.
// Suites: publish, delivery, pipeline, overload, controller (all when none is named). Options:
// --rounds=N --duration=S (publish), --events=N (delivery), --pipeline-rounds=N --step=S
// --rates=500,1000,… (pipeline), --overload-rounds=N --overload-duration=S --connections=N
// (overload), --subscriptions=N (controller). The whole suite takes about 9 minutes here.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishSuite } from './publish-suite.mjs';
import { deliverySuite } from './delivery-suite.mjs';
import { pipelineSuite } from './pipeline-suite.mjs';
import { overloadSuite } from './overload-suite.mjs';
import { controllerSuite } from './controller-suite.mjs';
import { renderReport } from './report.mjs';
import { ROOT } from './procs.mjs';

const args = process.argv.slice(2);
const only = new Set(args.filter((a) => !a.startsWith('--')));
const option = (name, fallback) => Number((args.find((a) => a.startsWith(`--${name}=`)) ?? '').split('=')[1] ?? fallback) || fallback;
const rounds = option('rounds', 3);
const durationSec = option('duration', 8);
const want = (suite) => only.size === 0 || only.has(suite);

const sections = [];
const started = new Date();
if (want('publish')) sections.push({ name: 'publish', ...(await publishSuite({ rounds, durationSec, concurrencies: [10, 100] })) });
if (want('delivery')) sections.push({ name: 'delivery', ...(await deliverySuite({ rounds, events: option('events', 20000), maxAckPendings: [10, 100] })) });
if (want('pipeline')) {
  const rates = (args.find((a) => a.startsWith('--rates=')) ?? '--rates=500,750,1000,1250,1500,2000,2500,3000,4000').split('=')[1].split(',').map(Number);
  sections.push({ name: 'pipeline', ...(await pipelineSuite({ rounds: option('pipeline-rounds', Math.min(rounds, 2)), durationSec: option('step', 5), rates })) });
}
if (want('overload')) sections.push({ name: 'overload', ...(await overloadSuite({ rounds: option('overload-rounds', Math.min(rounds, 2)), durationSec: option('overload-duration', 8), connections: option('connections', 1000) })) });
if (want('controller')) sections.push({ name: 'controller', ...(await controllerSuite({ subscriptions: option('subscriptions', 1000) })) });
const report = renderReport({ sections, started, finished: new Date(), rounds, durationSec });
const out = join(ROOT, 'docs', 'benchmarks.md');
writeFileSync(out, report);
console.log(report);
console.log(`written ${out}`);
