// go-url.ts against the real Go 1.26 standard library: testdata/go-url-oracle/expected.json was
// produced by running Go's net/url, strconv and strings (main.go there) on inputs.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@eventing/testing';
import { goParseRequestURI, goQuote, goTrimSpace, isGoUriReference } from './go-url';

interface OracleRow {
  in: string;
  reqOk: boolean;
  reqHost: string;
  reqErr: string;
  refValid: boolean;
  quote: string;
  trim: string;
}

const rows = JSON.parse(
  readFileSync(join(REPO_ROOT, 'libs/subscription-api/testdata/go-url-oracle/expected.json'), 'utf8'),
) as OracleRow[];

/** Documented difference: for an invalid bracketed IPv6 address we give netip's generic reason. */
const GENERIC_IP_REASON = new Set(['http://[1::2::3]/', 'http://[g::1]/']);

describe('go-url.ts matches Go 1.26', () => {
  it.each(rows.map((row) => [JSON.stringify(row.in), row] as const))('on %s', (_name, row) => {
    const parsed = goParseRequestURI(row.in);
    expect(parsed.ok).toBe(row.reqOk);
    if (parsed.ok) expect(parsed.host).toBe(row.reqHost);
    else if (GENERIC_IP_REASON.has(row.in)) expect(parsed.error).toMatch(/: unable to parse IP$/);
    else expect(parsed.error).toBe(row.reqErr);
    expect(isGoUriReference(row.in)).toBe(row.refValid);
    expect(goQuote(row.in)).toBe(row.quote);
    expect(goTrimSpace(row.in)).toBe(row.trim);
  });
});
