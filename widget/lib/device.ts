import { msg, str } from '@lit/localize';

/**
 * "Firefox on Linux" out of a user agent, or the agent itself when it says nothing familiar.
 * @example deviceOf(navigator.userAgent) // "Chrome on Linux"
 */
export function deviceOf(agent: string | null): string {
  if (!agent) return msg('Unknown browser');
  const browser = /Edg\//.test(agent) ? 'Edge' : /Firefox\//.test(agent) ? 'Firefox' : /Chrom(e|ium)\//.test(agent) ? 'Chrome' : /Safari\//.test(agent) ? 'Safari' : null;
  const system = /Windows/.test(agent) ? 'Windows' : /iPhone|iPad/.test(agent) ? 'iOS' : /Android/.test(agent) ? 'Android' : /Mac OS X/.test(agent) ? 'macOS' : /Linux/.test(agent) ? 'Linux' : null;
  if (browser && system) return msg(str`${browser} on ${system}`);
  return browser ?? system ?? agent.slice(0, 60);
}

