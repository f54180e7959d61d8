// Secrets must never reach the screen, the state file or error text. Every string that leaves
// the engine passes through one Redactor that knows the secret values of this run.
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined | null): void {
    // Very short values would mask ordinary words; real secrets are longer.
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('••••');
    for (const secret of this.secrets) {
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) out = out.split(encoded).join('••••');
    }
    return out;
  }
}
