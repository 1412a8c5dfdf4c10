// A load balancer's view, in a thread of its own: probes `workerData.url` back to back (5 ms
// apart) until told 'stop', then posts the slowest answer's time in ms. Being apart from the test's
// main thread, it measures the gateway, not whatever else the test process is busy with.
import { parentPort, workerData } from 'node:worker_threads';

let stopped = false;
let slowest = 0;
parentPort.on('message', (message) => {
  if (message === 'stop') stopped = true;
});
parentPort.postMessage({ ready: true });
while (!stopped) {
  const started = performance.now();
  await (await fetch(workerData.url)).arrayBuffer();
  slowest = Math.max(slowest, performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 5));
}
parentPort.postMessage({ slowest });
