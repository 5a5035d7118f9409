/** Properties only PowerShell objects carry: provider, CIM and Get-Service names. */
const PS_KEYS =
  /"(PSChildName|PSComputerName|PSPath|PSParentPath|pathToSignedProductExe|pathToSignedReportingExe|CimInstanceProperties|CanPauseAndContinue|ServicesDependedOn)"\s*:/;
/** Event logs carry `ProcessName` too; a Get-Process object also has its memory counters. */
const PROCESS_KEYS = /"(HandleCount|WorkingSet64|WorkingSet|PagedMemorySize|PriorityClass|MainModule)"\s*:/;
const UNINSTALL_KEYS = /"(DisplayVersion|Publisher|UninstallString|InstallLocation)"\s*:/;

/** JSON whose keys are the property names PowerShell cmdlets give their objects. */
export function sniffPowershellJson(head: string): number {
  const body = head.replace(/^\uFEFF/, "").trimStart();
  if (!body.startsWith("[") && !body.startsWith("{")) return 0;
  if (PS_KEYS.test(body)) return 0.78;
  if (/"ProcessName"\s*:/.test(body) && PROCESS_KEYS.test(body)) return 0.76;
  if (/"DisplayName"\s*:/.test(body) && UNINSTALL_KEYS.test(body)) return 0.72;
  return 0;
}
