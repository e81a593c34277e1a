// An example subscriber: logs every CloudEvent it receives (binary mode) and answers 200.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 3000);
createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const ce = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith('ce-') || k === 'content-type' || k === 'traceparent'));
    console.log(JSON.stringify({ received: new Date().toISOString(), path: req.url, headers: ce, body: Buffer.concat(chunks).toString() }));
    res.writeHead(200);
    res.end();
  });
}).listen(port, '127.0.0.1', () => console.log(`example sink listening on http://127.0.0.1:${port}`));
