// The sandbox connector in its own process, so a test can SIGKILL it mid-stream. Reads its
// parameters and the emulator's address from OQS_CONNECTOR_SPEC (JSON), prints every log line of
// the connector on stdout ("started" once start resolves), stops cleanly on SIGTERM.
import { createSandboxConnector } from '../../../src/sandbox/connector/index.js';
import { openRuntimeSession, type WarehouseAccess } from './sandbox.js';

interface Spec {
  parameters: Record<string, string>;
  access: WarehouseAccess;
}

const spec = JSON.parse(process.env.OQS_CONNECTOR_SPEC ?? '{}') as Spec;
const connector = createSandboxConnector({
  openWarehouse: (target) => openRuntimeSession(spec.access, target),
  log: (line) => process.stdout.write(`${line}\n`),
});
process.on('SIGTERM', () => {
  void connector.stop().then(() => process.exit(0));
});
try {
  await connector.start(spec.parameters);
  process.stdout.write('started\n');
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
