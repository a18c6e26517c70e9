import { readFileSync } from 'node:fs';
import type { NativeConnectionOptions } from '@temporalio/worker';
import type { AppConfig } from '../config/config';

/**
 * Options shared by the client (API) and the worker's native connection, so the same build talks
 * to the local dev server, a self-hosted cluster with mutual TLS, or Temporal Cloud with an API key.
 */
export function temporalConnectionOptions(temporal: AppConfig['temporal']): NativeConnectionOptions {
  const { tls } = temporal;
  return {
    address: temporal.address,
    apiKey: temporal.apiKey,
    tls:
      tls === undefined
        ? undefined
        : tls === true
          ? true
          : {
              serverNameOverride: tls.serverNameOverride,
              serverRootCACertificate: tls.serverRootCaCertPath ? readFileSync(tls.serverRootCaCertPath) : undefined,
              clientCertPair:
                tls.clientCertPath && tls.clientKeyPath
                  ? { crt: readFileSync(tls.clientCertPath), key: readFileSync(tls.clientKeyPath) }
                  : undefined,
            },
  };
}
