// The chart's CRD file is generated from this library (the single source of the CRD). This test
// fails when they drift; `UPDATE_CRD=1 npm run -s jest -- libs/subscription-api/src/crd-file.spec.ts`
// rewrites the file instead.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '@eventing/testing';
import { generateSubscriptionCrd } from './crd';

const CRD_FILE = join(REPO_ROOT, 'charts/subscription-controller/crds/subscriptions.eventing.kyma-project.io.yaml');

describe('the CRD file in the controller chart', () => {
  it('is exactly what generateSubscriptionCrd() produces', () => {
    const generated = generateSubscriptionCrd();
    if (process.env['UPDATE_CRD'] === '1') {
      mkdirSync(dirname(CRD_FILE), { recursive: true });
      writeFileSync(CRD_FILE, generated);
    }
    expect(readFileSync(CRD_FILE, 'utf8')).toBe(generated);
  });
});
