/** The computer-inventory shapes: Pro API JSON with `applications[]`, Classic API `<computer>` XML. */
export function sniffJamf(head: string): number {
  const body = head.replace(/^\uFEFF/, "").trimStart();
  if (body.startsWith("<")) {
    return /<computer[\s>]/.test(body) && /<(applications|software)>/.test(body) ? 0.88 : 0;
  }
  if (!body.startsWith("{")) return 0;
  const apps = /"applications"\s*:\s*\[/.test(body);
  return apps && /"(bundleId|macAppStore|sizeMegabytes)"\s*:/.test(body) ? 0.87 : 0;
}
