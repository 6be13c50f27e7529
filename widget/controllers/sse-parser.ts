/** One Server-Sent Events message. `id` is set only when the message carried an `id:` line. */
export interface SseMessage {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * An incremental `text/event-stream` parser (the EventSource rules: fields, comments, CRLF,
 * a message per blank line). Feed it decoded text as it arrives.
 * @example const feed = createSseParser((m) => console.log(m.event, m.data)); feed('event: x\ndata: 1\n\n');
 */
export function createSseParser(onMessage: (message: SseMessage) => void): (chunk: string) => void {
  let buffer = '';
  let id: string | undefined;
  let event = '';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    const lines = buffer.split(/\r\n|\r|\n/);
    // The last piece may be a line still arriving (or a lone \r before its \n).
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        // A message with a type but no data (e.g. `event: access.revoked`) still counts.
        if (data.length > 0 || event) onMessage({ id, event: event || 'message', data: data.join('\n') });
        id = undefined;
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
      else if (field === 'id' && !value.includes('\0')) id = value;
    }
  };
}
