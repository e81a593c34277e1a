// One autocannon run against a publish endpoint: binary CloudEvents with a fresh ce-id per
// request and a 1 KiB JSON body. Prints a JSON summary.
import autocannon from 'autocannon';

export const BODY = JSON.stringify({ data: 'a'.repeat(1000) });

export function runLoad({ url, connections, durationSec, amount }) {
  let n = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        ...(amount ? { amount } : { duration: durationSec }),
        requests: [
          {
            method: 'POST',
            path: '/publish',
            setupRequest: (req) => ({
              ...req,
              headers: {
                'ce-specversion': '1.0',
                'ce-id': `id-${process.pid}-${Date.now()}-${n++}`,
                'ce-source': 'bench',
                'ce-type': 'order.created.v1',
                'content-type': 'application/json',
              },
              body: BODY,
            }),
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    void instance;
  });
}
