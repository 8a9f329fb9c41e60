// Error handling every local server of the tests shares (the demo server, the e2e network recorder,
// the warning preview). Browsers drop connections at any moment (a tab or the browser closes
// mid-request, a download is cancelled); Node reports that as an 'error' event, and an 'error' event
// with no listener is an uncaught exception that ends a test run even though every test passed. A
// reset connection is not a failure of the code under test.

/** Gives `server`, each of its connections, requests and responses, and upgraded sockets an error handler. */
export function quietSockets(server) {
  const ignore = () => undefined;
  server.on('connection', (socket) => socket.on('error', ignore));
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('request', (req, res) => {
    req.on('error', ignore);
    res.on('error', ignore);
  });
  server.on('error', (error) => console.warn(`[test server] ${error.message}`));
  return server;
}

/** Closes `server` and every connection it still has (keep-alive ones included); never rejects. */
export function closeServer(server) {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** Starts listening on 127.0.0.1:`port`; rejects (instead of throwing later) when the port is taken. */
export function listenLocal(server, port = 0) {
  return new Promise((resolve, reject) => {
    const fail = (error) => reject(error);
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      resolve(server.address().port);
    });
  });
}
