import { expect } from '@open-wc/testing';
import { createSseParser, type SseMessage } from './sse-parser.js';

describe('the event-stream parser', () => {
  it('reads ids, types and data across arbitrary chunk boundaries', () => {
    const messages: SseMessage[] = [];
    const feed = createSseParser((m) => messages.push(m));
    const stream = ': ping\n\nid: 7\nevent: task.updated\ndata: {"id":7}\n\r\nevent: notification.created\ndata: {"a":\ndata: 1}\n\n';
    for (const chunk of stream.match(/.{1,5}/gs)!) feed(chunk);
    expect(messages).to.deep.equal([
      { id: '7', event: 'task.updated', data: '{"id":7}' },
      { id: undefined, event: 'notification.created', data: '{"a":\n1}' },
    ]);
  });

  it('counts a typed message without data (access.revoked)', () => {
    const messages: SseMessage[] = [];
    createSseParser((m) => messages.push(m))('event: access.revoked\n\n');
    expect(messages.map((m) => m.event)).to.deep.equal(['access.revoked']);
  });
});
