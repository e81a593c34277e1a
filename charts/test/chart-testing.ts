// Helpers for the chart tests: render a chart with the pinned helm, pick objects out of the
// manifest, and read which env variables an app's config schema knows (SPEC section 8).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type KubernetesObject, type V1Container, type V1Deployment, type V1EnvVar, type V1Secret } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT, runHelm } from '@eventing/testing';

export const CHARTS_DIR = join(REPO_ROOT, 'charts');

/** The component charts and the app each one deploys. */
export const COMPONENT_CHARTS = ['publisher-proxy', 'subscription-controller', 'dispatcher'] as const;
export type ComponentChart = (typeof COMPONENT_CHARTS)[number];
export const ALL_CHARTS = [...COMPONENT_CHARTS, 'eventing'] as const;
export type ChartName = (typeof ALL_CHARTS)[number];

/** Default values, and the values file of each chart that turns every option on. */
export const VALUE_SETS = ['defaults', 'all-on'] as const;
export type ValueSet = (typeof VALUE_SETS)[number];

export function chartDir(chart: ChartName): string {
  return join(CHARTS_DIR, chart);
}

export function valuesArgs(chart: ChartName, values: ValueSet): string[] {
  return values === 'all-on' ? ['-f', join(chartDir(chart), 'ci', 'all-on-values.yaml')] : [];
}

/** `helm template` (CRDs included) of a chart into `namespace`, parsed into plain objects as rendered. */
export async function renderChart(chart: ChartName, release: string, namespace: string, values: ValueSet, extra: string[] = []): Promise<KubernetesObject[]> {
  const { stdout } = await runHelm(['template', release, chartDir(chart), '--namespace', namespace, '--include-crds', ...valuesArgs(chart, values), ...extra]);
  return parseAllDocuments(stdout)
    .map((doc) => doc.toJS() as KubernetesObject | null)
    .filter((o): o is KubernetesObject => o !== null && typeof o === 'object');
}

export function ofKind<T extends KubernetesObject = KubernetesObject>(objects: KubernetesObject[], kind: string): T[] {
  return objects.filter((o) => o.kind === kind) as T[];
}

/** The Deployment of `component` in a rendered manifest (by its app.kubernetes.io/component label). */
export function deploymentOf(objects: KubernetesObject[], component: ComponentChart): V1Deployment {
  const found = ofKind<V1Deployment>(objects, 'Deployment').filter((d) => d.metadata?.labels?.['app.kubernetes.io/component'] === component);
  if (found.length !== 1) throw new Error(`expected one ${component} Deployment, found ${found.length}`);
  return found[0]!;
}

export function appContainer(deployment: V1Deployment): V1Container {
  const containers = deployment.spec?.template.spec?.containers ?? [];
  if (containers.length !== 1) throw new Error(`expected one container in ${deployment.metadata?.name}, found ${containers.length}`);
  return containers[0]!;
}

/**
 * The environment a container would see: literal values, Secret keys looked up in the
 * rendered Secrets (a stand-in when the Secret is not in the manifest), the pod's namespace
 * and name for field references.
 */
export function resolveEnv(env: V1EnvVar[], objects: KubernetesObject[]): Record<string, string> {
  const secrets = new Map(ofKind<V1Secret>(objects, 'Secret').map((s) => [s.metadata?.name ?? '', s.stringData ?? {}]));
  const out: Record<string, string> = {};
  for (const e of env) {
    if (e.value !== undefined) out[e.name] = e.value;
    else if (e.valueFrom?.secretKeyRef) {
      const { name = '', key } = e.valueFrom.secretKeyRef;
      const value = secrets.has(name) ? secrets.get(name)![key] : 'from-existing-secret';
      if (value !== undefined) out[e.name] = value;
    } else if (e.valueFrom?.fieldRef) {
      out[e.name] = e.valueFrom.fieldRef.fieldPath === 'metadata.namespace' ? 'eventing-system' : 'pod-0';
    } else {
      throw new Error(`env ${e.name} has a source the tests do not resolve`);
    }
  }
  return out;
}

/** `apps/<app>/src/config.ts` as text. */
export function appConfigSource(app: ComponentChart): string {
  return readFileSync(join(REPO_ROOT, 'apps', app, 'src', 'config.ts'), 'utf8');
}

/** The text between the braces of the first `z.object({ ... })` of a config.ts. */
function schemaObjectBody(source: string, app: string): string {
  const start = source.search(/z\s*\.object\(\{/);
  if (start < 0) throw new Error(`no z.object({...}) in apps/${app}/src/config.ts`);
  const open = source.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(open + 1, i);
  }
  throw new Error(`unbalanced z.object({...}) in apps/${app}/src/config.ts`);
}

/**
 * Env names an app's config schema knows: the keys of the `z.object({...})` in its config.ts,
 * plus the keys of every schema it merges in with `.extend(<schema>.shape)`, looked up in the
 * library the file imports it from.
 */
export async function knownEnvNames(app: ComponentChart): Promise<Set<string>> {
  const source = appConfigSource(app);
  const names = new Set<string>();
  for (const m of schemaObjectBody(source, app).matchAll(/^\s+([A-Z][A-Z0-9_]*)\s*:/gm)) names.add(m[1]!);
  const imports = new Map<string, string>();
  for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(@eventing\/[a-z-]+)'/g)) {
    for (const name of m[1]!.split(',').map((n) => n.replace(/^\s*type\s+/, '').trim())) if (name) imports.set(name, m[2]!);
  }
  for (const m of source.matchAll(/\.extend\(\s*([A-Za-z0-9_]+)\.shape\s*\)/g)) {
    const schemaName = m[1]!;
    const lib = imports.get(schemaName);
    if (!lib) throw new Error(`apps/${app}/src/config.ts extends ${schemaName}, not imported from an @eventing library`);
    const mod = (await import(lib)) as Record<string, { shape?: Record<string, unknown> }>;
    const shape = mod[schemaName]?.shape;
    if (!shape) throw new Error(`${lib} exports no zod object ${schemaName}`);
    for (const key of Object.keys(shape)) names.add(key);
  }
  return names;
}

/**
 * The app's own config loader (`load…Config(env)`), to check that the chart's values parse the
 * way the app parses them at boot.
 */
export async function appConfigLoader(app: ComponentChart): Promise<(env: Record<string, string>) => unknown> {
  const mod = (await import(join(REPO_ROOT, 'apps', app, 'src', 'config.ts'))) as Record<string, unknown>;
  const loaders = Object.entries(mod).filter(([name, value]) => /^load\w*Config$/.test(name) && typeof value === 'function');
  if (loaders.length !== 1) throw new Error(`apps/${app}/src/config.ts exports ${loaders.length} load…Config functions`);
  return loaders[0]![1] as (env: Record<string, string>) => unknown;
}
