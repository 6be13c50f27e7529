/**
 * Saves `file` under `name` through a temporary link: an export's request carries the token,
 * which a plain link could not.
 * @example saveFile(await api.activityCsv({}), 'activity.csv');
 */
export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
