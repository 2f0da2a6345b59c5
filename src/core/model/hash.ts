/** SHA-256 of the parts, in order, as hex: the key cached weights are stored under. */
export async function sha256Hex(parts: readonly ArrayBuffer[]): Promise<string> {
  const whole =
    parts.length === 1 && parts[0]
      ? parts[0]
      : (() => {
          const joined = new Uint8Array(parts.reduce((sum, p) => sum + p.byteLength, 0));
          let at = 0;
          for (const p of parts) {
            joined.set(new Uint8Array(p), at);
            at += p.byteLength;
          }
          return joined.buffer;
        })();
  const digest = await crypto.subtle.digest('SHA-256', whole);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
