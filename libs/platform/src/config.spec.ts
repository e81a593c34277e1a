import { z } from 'zod';
import { ConfigError, byteQuantity, durationMs, integer, parseByteQuantity, parseConfig, parseDurationMs } from './config';

describe('parseDurationMs', () => {
  it.each([
    ['5s', 5000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
    ['0', 0],
    ['1.5s', 1500],
  ])('reads %s as %d ms', (text, ms) => expect(parseDurationMs(text)).toBe(ms));

  it.each(['', '5', 's', '5x', '5s ms', '-1s'])('refuses %p', (text) => expect(parseDurationMs(text)).toBeUndefined());
});

describe('parseByteQuantity', () => {
  it.each([
    ['65536', 65536],
    ['700Mi', 734_003_200],
    ['1Gi', 1024 ** 3],
    ['10k', 10_000],
    ['-1', -1],
  ])('reads %s as %d bytes', (text, bytes) => expect(parseByteQuantity(text)).toBe(bytes));

  it.each(['', 'Mi', '1.5Mi', '-2', '1PB'])('refuses %p', (text) => expect(parseByteQuantity(text)).toBeUndefined());
});

describe('parseConfig', () => {
  const schema = z.object({ TIMEOUT: durationMs('5s'), SIZE: byteQuantity('64Ki'), COUNT: integer(3, 1, 10) });

  it('applies defaults when variables are absent, and freezes the result', () => {
    const config = parseConfig(schema, {});
    expect(config).toEqual({ TIMEOUT: 5000, SIZE: 65536, COUNT: 3 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable in one error', () => {
    expect(() => parseConfig(schema, { TIMEOUT: 'soon', SIZE: 'big', COUNT: '11' })).toThrow(ConfigError);
    try {
      parseConfig(schema, { TIMEOUT: 'soon', SIZE: 'big', COUNT: '11' });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('TIMEOUT');
      expect(message).toContain('SIZE');
      expect(message).toContain('COUNT');
    }
  });
});
