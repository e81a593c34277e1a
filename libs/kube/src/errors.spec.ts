import { ApiException } from '@kubernetes/client-node';
import { ConflictError, GoneError, KubeApiError, toKubeError } from './errors';

describe('toKubeError', () => {
  it.each([
    [409, ConflictError],
    [410, GoneError],
    [500, KubeApiError],
  ])('translates HTTP %s once into its typed error', (code, type) => {
    const err = toKubeError(new ApiException(code, 'x', JSON.stringify({ message: 'the reason' }), {}), 'update thing');
    expect(err).toBeInstanceOf(type);
    expect(err.message).toBe('update thing: the reason');
  });

  it('keeps transport errors as KubeApiError without a code', () => {
    const err = toKubeError(new Error('connect ECONNREFUSED'), 'list things');
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as KubeApiError).code).toBeUndefined();
  });

  it('reads the status code of watch errors', () => {
    expect(toKubeError(Object.assign(new Error('Gone'), { statusCode: 410 }), 'watch')).toBeInstanceOf(GoneError);
  });
});
