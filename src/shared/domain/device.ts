/** A User-Agent as a person recognises it: «Chrome, Windows»; '' when nothing is recognised. */
export function deviceOf(userAgent: string): string {
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /YaBrowser/.test(userAgent) ? 'Яндекс Браузер' : /Firefox\//.test(userAgent) ? 'Firefox'
    : /Chrome\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : '';
  const system = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Windows/.test(userAgent) ? 'Windows'
    : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : '';
  return [browser, system].filter(Boolean).join(', ');
}
