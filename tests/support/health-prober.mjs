// A load balancer's view, in a thread of its own: probes `workerData.url` back to back (5 ms
// apart) until told 'stop', then posts the slowest answer's time in ms. Being apart from the test's
// main thread, it measures the gateway, not whatever else the test process is busy with; and it
// probes over one kept-alive socket with hand-written HTTP/1.1, as a load balancer's health check
// does, so that a fetch client's own allocations and collections do not count against the gateway.
import { connect } from 'node:net';
import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';

const url = new URL(workerData.url);
const request = `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n\r\n`;

let stopped = false;
let slowest = 0;
parentPort.on('message', (message) => {
  if (message === 'stop') stopped = true;
});

const socket = connect(Number(url.port), url.hostname);
socket.setNoDelay(true);
await once(socket, 'connect');
let received = '';
let answered = () => {};
socket.on('data', (chunk) => {
  received += chunk.toString('latin1');
  const head = received.indexOf('\r\n\r\n');
  if (head < 0) return;
  const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(received.slice(0, head))?.[1] ?? 0);
  if (received.length - head - 4 < length) return;
  received = '';
  answered();
});
const probe = () => {
  const done = new Promise((resolve) => (answered = resolve));
  socket.write(request);
  return done;
};
await probe();
parentPort.postMessage({ ready: true });
while (!stopped) {
  const started = performance.now();
  await probe();
  slowest = Math.max(slowest, performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 5));
}
socket.destroy();
parentPort.postMessage({ slowest });
