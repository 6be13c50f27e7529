import type { ApiClient } from '../api/api-client.js';

/**
 * Fetches `path` with the token and saves it under `name` (a plain link could not carry the token).
 * @example await saveDownload(api, '/v1/commissions.csv', 'commissions.csv');
 */
export async function saveDownload(api: ApiClient, path: string, name: string): Promise<void> {
  const blob = await (await api.send('GET', path)).blob();
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
