// The bench's latency floor (bench/lib/no-op.ts): an HTTP server that answers every request at once
// with a tRPC-shaped `{"result":{"data":null}}`, after reading its body, on the same keep-alive
// settings as the production server. Plain Node, nothing loaded: what is left of a call's latency
// against it is the loopback, the load generator and the machine's own pauses.
import http from "node:http";

const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"result":{"data":null}}');
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
