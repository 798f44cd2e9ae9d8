/** A minimal cookie jar (name → value), as a browser keeps it for one origin. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Keeps every cookie the response sets (attributes are ignored; a later value replaces an earlier one). */
  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (!pair || index < 0) continue;
      this.#cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
  }

  /** Every cookie kept, as [name, value] pairs (e.g. to hand them to a browser context). */
  entries(): Array<[name: string, value: string]> {
    return [...this.#cookies];
  }

  /** The `Cookie` request header: `name=value; …`. */
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}
