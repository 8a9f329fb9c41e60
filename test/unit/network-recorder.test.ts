// The e2e proxy must outlive whatever browsers do to its connections: a reset mid-CONNECT once ended a
// test run whose tests had all passed (an 'error' event with no listener is an uncaught exception).
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  forbiddenRequests,
  type NetworkRecorder,
  startNetworkRecorder,
} from '../e2e/harness/network-recorder';
import { startServer } from '../server.mjs';

const uncaught: unknown[] = [];
const record = (error: unknown) => uncaught.push(error);

/** Opens a connection, writes `request`, waits until the server has read it, then resets it (RST). */
async function resetAfter(port: number, request: string): Promise<void> {
  const socket: Socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(request);
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.resetAndDestroy();
  // Long enough for the server side to see the reset and emit its error.
  await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('local servers survive connections reset by the browser', () => {
  let recorder: NetworkRecorder | null = null;
  afterEach(async () => {
    process.off('uncaughtException', record);
    await recorder?.close();
    recorder = null;
    uncaught.length = 0;
  });

  it('the network recorder records a CONNECT and survives its reset', async () => {
    process.on('uncaughtException', record);
    recorder = await startNetworkRecorder();
    await resetAfter(
      recorder.port,
      'CONNECT tracker.example:443 HTTP/1.1\r\nHost: tracker.example:443\r\n\r\n',
    );
    await resetAfter(recorder.port, 'GET http://tracker.example/a HTTP/1.1\r\nHost: tracker.example\r\n\r\n');
    await resetAfter(recorder.port, 'GARBAGE\r\n\r\n');
    expect(uncaught).toEqual([]);
    expect(forbiddenRequests(recorder, 'chromium').map((r) => r.method)).toEqual(['CONNECT', 'GET']);
  });

  it('the demo server survives an upload reset halfway through its body', async () => {
    process.on('uncaughtException', record);
    const server = await startServer();
    try {
      await resetAfter(
        server.port,
        'POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\nabc',
      );
      expect(uncaught).toEqual([]);
      expect(server.received).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('a taken port is a rejected promise, not a crash', async () => {
    const first = await startServer();
    try {
      await expect(startServer(first.port)).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
