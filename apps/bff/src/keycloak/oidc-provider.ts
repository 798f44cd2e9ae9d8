import * as oidc from 'openid-client';
import type { Config } from '../config.js';
import { HttpError } from '../http/errors.js';
import { mapKeycloakError } from './errors.js';

/**
 * Discovers the operator realm's OpenID configuration lazily: if Keycloak is down when the BFF
 * starts, the BFF still starts, and the next call that needs Keycloak tries again.
 */
export class OidcProvider {
  readonly #config: Config;
  readonly #metadata = new Map<string, Promise<oidc.ServerMetadata>>();

  constructor(config: Config) {
    this.#config = config;
  }

  /** The operator realm's issuer. */
  get issuer(): string {
    return this.#config.keycloak.issuer;
  }

  issuerOf(realm: string): string {
    return `${this.#config.keycloak.publicUrl}/realms/${encodeURIComponent(realm)}`;
  }

  /**
   * The back-channel address of a Keycloak URL: issuer and endpoints carry the public origin, but
   * the BFF may reach Keycloak elsewhere (KEYCLOAK_URL, e.g. an internal address or a proxy).
   */
  backChannel(url: string | URL): string {
    const { url: internal, publicUrl } = this.#config.keycloak;
    const href = url.toString();
    return href.startsWith(`${publicUrl}/`) ? `${internal}${href.slice(publicUrl.length)}` : href;
  }

  readonly #fetch: oidc.CustomFetch = (url, options) => fetch(this.backChannel(url), options);

  /**
   * Resolves once the operator realm's discovery document answers 200 within `timeoutMs` (ms);
   * throws HttpError 503 keycloak_unavailable (refused, or not 200) or 504 keycloak_timeout.
   */
  async reachable(timeoutMs: number): Promise<void> {
    const response = await fetch(this.backChannel(`${this.issuer}/.well-known/openid-configuration`), { signal: AbortSignal.timeout(timeoutMs) }).catch((err: unknown) => {
      throw mapKeycloakError(err);
    });
    await response.body?.cancel();
    if (!response.ok) throw new HttpError(503, 'keycloak_unavailable', `Keycloak answered HTTP ${response.status} for the operator realm's discovery.`);
  }

  async operatorClient(): Promise<oidc.Configuration> {
    const { clientId, clientSecret } = this.#config.oidc;
    return this.#client(this.#config.keycloak.realm, clientId, clientSecret);
  }

  /**
   * The service account of a managed realm: the same client id and secret registered in each
   * managed realm, so every realm's Admin API is called with a token that realm issued.
   */
  async serviceClient(realm: string): Promise<oidc.Configuration> {
    const { clientId, clientSecret } = this.#config.service;
    return this.#client(realm, clientId, clientSecret);
  }

  async #client(realm: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
    const metadata = await this.#discover(realm);
    const client = new oidc.Configuration(metadata, clientId, clientSecret);
    client.timeout = Math.ceil(this.#config.keycloak.timeoutMs / 1000);
    client[oidc.customFetch] = this.#fetch;
    if (new URL(this.issuer).protocol === 'http:') oidc.allowInsecureRequests(client);
    return client;
  }

  #discover(realm: string): Promise<oidc.ServerMetadata> {
    let metadata = this.#metadata.get(realm);
    if (!metadata) {
      metadata = this.#fetchMetadata(realm).catch((err: unknown) => {
        this.#metadata.delete(realm);
        throw mapKeycloakError(err);
      });
      this.#metadata.set(realm, metadata);
    }
    return metadata;
  }

  async #fetchMetadata(realm: string): Promise<oidc.ServerMetadata> {
    const { clientId, clientSecret } = this.#config.oidc;
    const issuer = this.issuerOf(realm);
    const insecure = new URL(issuer).protocol === 'http:';
    const discovered = await oidc.discovery(new URL(issuer), clientId, clientSecret, undefined, {
      execute: insecure ? [oidc.allowInsecureRequests] : [],
      [oidc.customFetch]: this.#fetch,
      timeout: Math.ceil(this.#config.keycloak.timeoutMs / 1000),
    });
    return discovered.serverMetadata();
  }
}
