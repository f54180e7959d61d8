// Ports for a broker that a test stops and starts again on the same ones.
import net from 'node:net';

/**
 * Free ports below Linux's ephemeral range (32768-60999): a broker restarted on the ports it had
 * must find them free, and a port from listen(0) can be taken in between as the local port of any
 * other test's outgoing connection (EADDRINUSE, seen once in a CI-like run).
 */
export async function portsOutsideEphemeralRange(): Promise<[number, number, number]> {
  const ports: number[] = [];
  while (ports.length < 3) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (ports.includes(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) ports.push(port);
  }
  return ports as [number, number, number];
}
