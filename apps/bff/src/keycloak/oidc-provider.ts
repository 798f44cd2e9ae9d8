import * as oidc from 'openid-client';
import type { Config } from '../config.js';
import { mapKeycloakError } from './errors.js';

/**
 * Discovers the operator realm's OpenID configuration lazily: if Keycloak is down when the BFF
 * starts, the BFF still starts, and the next call that needs Keycloak tries again.
 */
export class OidcProvider {
  readonly #config: Config;
  #metadata: Promise<oidc.ServerMetadata> | undefined;

  constructor(config: Config) {
    this.#config = config;
  }

  get issuer(): string {
    return this.#config.keycloak.issuer;
  }

  async operatorClient(): Promise<oidc.Configuration> {
    const { clientId, clientSecret } = this.#config.oidc;
    return this.#client(clientId, clientSecret);
  }

  async serviceClient(): Promise<oidc.Configuration> {
    const { clientId, clientSecret } = this.#config.service;
    return this.#client(clientId, clientSecret);
  }

  async #client(clientId: string, clientSecret: string): Promise<oidc.Configuration> {
    const metadata = await this.#discover();
    const client = new oidc.Configuration(metadata, clientId, clientSecret);
    client.timeout = Math.ceil(this.#config.keycloak.timeoutMs / 1000);
    if (new URL(this.issuer).protocol === 'http:') oidc.allowInsecureRequests(client);
    return client;
  }

  #discover(): Promise<oidc.ServerMetadata> {
    this.#metadata ??= this.#fetchMetadata().catch((err: unknown) => {
      this.#metadata = undefined;
      throw mapKeycloakError(err);
    });
    return this.#metadata;
  }

  async #fetchMetadata(): Promise<oidc.ServerMetadata> {
    const { clientId, clientSecret } = this.#config.oidc;
    const insecure = new URL(this.issuer).protocol === 'http:';
    const discovered = await oidc.discovery(new URL(this.issuer), clientId, clientSecret, undefined, {
      execute: insecure ? [oidc.allowInsecureRequests] : [],
      timeout: Math.ceil(this.#config.keycloak.timeoutMs / 1000),
    });
    return discovered.serverMetadata();
  }
}
