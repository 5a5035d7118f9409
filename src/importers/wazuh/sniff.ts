/** Keys of Wazuh's package inventories: the 4.x API envelope, 5.x index names, indexer documents. */
export function sniffWazuh(head: string): number {
  const body = head.replace(/^\uFEFF/, "").trimStart();
  if (!body.startsWith("{") && !body.startsWith("[")) return 0;
  if (/"affected_items"\s*:/.test(body) && /"(architecture|format|vendor)"\s*:/.test(body)) return 0.86;
  if (body.includes("wazuh-states-inventory-")) return 0.86;
  if (
    /"package"\s*:\s*\{/.test(body) &&
    /"agent"\s*:\s*\{/.test(body) &&
    /"(architecture|vendor|installed)"\s*:/.test(body)
  ) {
    return 0.84;
  }
  return 0;
}
