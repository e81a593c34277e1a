import { selectedTestsMention, type SelectedRun } from './global-env';

const run = (selectProjects: string[], patterns: string[]): SelectedRun => ({ selectProjects, testPathPatterns: { patterns } });

describe('selectedTestsMention (whether jest global setup starts the shared API server)', () => {
  it.each([
    { name: 'a whole run', selected: run([], []), starts: true },
    { name: 'only the unit project', selected: run(['unit'], []), starts: false },
    { name: 'the integration project', selected: run(['integration'], []), starts: true },
    { name: 'a path that picks a Kubernetes integration test', selected: run([], ['libs/testing/src/kube/custom-resource']), starts: true },
    { name: 'a path that picks only the nats-server integration test', selected: run([], ['libs/testing/src/nats-server']), starts: false },
    { name: 'a path that picks no integration test at all', selected: run([], ['libs/testing/src/kube/global-env.spec.ts$']), starts: false },
  ])('for $name, starts it: $starts', ({ selected, starts }) => {
    expect(selectedTestsMention(selected, /kube/i)).toBe(starts);
  });
});
