/** Properties only PowerShell objects carry (provider, CIM and cmdlet-specific names). */
const PS_KEYS =
  /"(PSChildName|PSComputerName|PSPath|PSParentPath|pathToSignedProductExe|pathToSignedReportingExe|CimInstanceProperties|CimClass|ServiceName|CanPauseAndContinue|ProcessName)"\s*:/;
const UNINSTALL_KEYS = /"(DisplayVersion|Publisher|UninstallString|InstallLocation)"\s*:/;

/** JSON whose keys are the property names PowerShell cmdlets give their objects. */
export function sniffPowershellJson(head: string): number {
  const body = head.replace(/^\uFEFF/, "").trimStart();
  if (!body.startsWith("[") && !body.startsWith("{")) return 0;
  if (PS_KEYS.test(body)) return 0.78;
  if (/"DisplayName"\s*:/.test(body) && UNINSTALL_KEYS.test(body)) return 0.72;
  return 0;
}
