import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../../src/core/reply.js';
import { errorReply } from '../../../../src/core/reply.js';
import { renderReply, renderReplyPage } from '../../../../src/platforms/slack/blocks/render.js';
import { SLACK_LIMITS, limitViolation } from '../../../../src/platforms/slack/blocks/limits.js';
import { decodeActionValue, ACTION_NEXT, ACTION_SHARE } from '../../../../src/platforms/slack/blocks/actions.js';
import { escapeMrkdwn, mrkdwnLink } from '../../../../src/platforms/slack/blocks/escape.js';

const source = { id: 'valley/a', title: 'Dam inquiry opens', outlet: 'Valley Courier', published: '2030-02-02', url: 'https://valley.example/a' };

function bigReply(n: number, textLength = 400): Reply {
  return {
    kind: 'timeline',
    title: 'Timeline: dam inquiry',
    intro: `${n} of ${n} events, oldest first.`,
    items: Array.from({ length: n }, (_, i) => ({
      date: `2030-01-${String((i % 28) + 1).padStart(2, '0')}`,
      text: `Entry ${i}: ${'the inquiry heard evidence about spillway capacity and inspection records '.repeat(12).slice(0, textLength)}`,
      sources: [source, { ...source, id: `valley/b${i}`, outlet: 'Hill Times', url: null }],
    })),
    footer: '3 more: raise limit: or narrow from:/to:.',
  };
}

describe('Slack Block Kit renderer', () => {
  it('renders header, intro, dated items with linked sources and the footer', () => {
    const [msg] = renderReply(bigReply(2, 60));
    expect(msg!.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Timeline: dam inquiry', emoji: false } });
    const json = JSON.stringify(msg!.blocks);
    expect(json).toContain('*2030-01-01*  Entry 0');
    expect(json).toContain('Sources: <https://valley.example/a|Valley Courier, 2030-02-02> · Hill Times, 2030-02-02');
    expect(json).toContain('3 more: raise limit: or narrow from:/to:.');
    expect(msg!.text).toContain('Timeline: dam inquiry');
  });

  it('splits a long answer into pages that each respect every limit', () => {
    const pages = renderReply(bigReply(200), { answer: { command: 'timeline', text: 'dam limit:200' }, share: true });
    expect(pages.length).toBeGreaterThan(3);
    let items = 0;
    for (const page of pages) {
      expect(limitViolation(page.blocks)).toBeNull();
      expect(page.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(JSON.stringify(page.blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.blocksJson);
      items += page.blocks.filter((b) => b.type === 'section' && /\*2030-/.test(JSON.stringify(b))).length;
    }
    expect(items).toBe(200);
  });

  it('every interactive page (both page buttons, share) stays within the limits', () => {
    const answer = { command: 'timeline', text: 'dam limit:200' };
    const { pageCount } = renderReplyPage(bigReply(200, 700), 0, { answer, share: true });
    expect(pageCount).toBeGreaterThan(3);
    for (let page = 0; page < pageCount; page++) {
      const { message } = renderReplyPage(bigReply(200, 700), page, { answer, share: true });
      expect(limitViolation(message.blocks), `page ${page + 1}`).toBeNull();
    }
  });

  it('page buttons carry the command, the typed text and the page; out-of-range pages clamp', () => {
    const answer = { command: 'timeline', text: 'dam limit:200' };
    const first = renderReplyPage(bigReply(200), 0, { answer, share: true });
    const actions = first.message.blocks.find((b) => b.type === 'actions');
    const elements = (actions as { elements: Array<{ action_id: string; value: string }> }).elements;
    expect(elements.map((e) => e.action_id)).toEqual([ACTION_NEXT, ACTION_SHARE]);
    expect(decodeActionValue(elements[0]!.value)).toEqual({ ...answer, page: 1 });
    const last = renderReplyPage(bigReply(200), 999, { answer });
    expect(last.page).toBe(last.pageCount - 1);
    expect(JSON.stringify(last.message.blocks)).toContain(`Page ${last.pageCount} of ${last.pageCount}`);
  });

  it('counts the sources a trimmed reply left out in its +N more', () => {
    const reply: Reply = { kind: 'timeline', title: 'Timeline', items: [{ text: 'Cited widely.', sources: Array.from({ length: 3 }, (_, i) => ({ id: `d${i}`, title: `Story ${i}`, outlet: 'Gazette', published: '2031-01-01', url: `https://gazette.example/${i}` })), moreSources: 40 }] };
    const json = JSON.stringify(renderReply(reply)[0]!.blocks);
    expect(json).toContain('Sources: ');
    expect(json).toContain('· +40 more');
  });

  it('cuts an over-long title and item to the header and section limits', () => {
    const reply: Reply = { kind: 'search', title: 'T'.repeat(400), items: [{ text: 'x'.repeat(9_000), sources: [] }] };
    const [msg] = renderReply(reply);
    expect(limitViolation(msg!.blocks)).toBeNull();
    const header = msg!.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBe(SLACK_LIMITS.headerText);
    expect(header.text.text.endsWith('…')).toBe(true);
  });

  it('renders errors as one warning line with the usage and no share button', () => {
    const [msg] = renderReply(errorReply('from:2024-13-01 is not a date (YYYY-MM-DD, YYYY-MM or YYYY).', '/timeline [topic:TEXT]'), {
      answer: { command: 'timeline', text: 'from:2024-13-01' },
    });
    expect(msg!.blocks).toHaveLength(1);
    expect(JSON.stringify(msg!.blocks)).toContain(':warning: from:2024-13-01 is not a date');
    expect(JSON.stringify(msg!.blocks)).toContain('Usage: /timeline [topic:TEXT]');
  });

  it('shows a development\'s first two facts under its headline, escaped, the rest in the JSON only', () => {
    const reply: Reply = {
      kind: 'timeline',
      title: 'Timeline',
      items: [
        {
          date: '2030-01-05',
          text: 'The council opened a £2 million recovery fund.',
          sources: [source],
          facts: ['Farmers can apply for up to £25,000 <@U123>.', 'Businesses can apply for £5,000.', 'A third fact.'],
        },
      ],
    };
    const json = JSON.stringify(renderReply(reply)[0]!.blocks);
    expect(json).toContain('*2030-01-05*  The council opened a £2 million recovery fund.\\n• Farmers can apply for up to £25,000 &lt;@');
    expect(json).toContain('\\n• Businesses can apply for £5,000.');
    expect(json).not.toContain('A third fact');
    expect(json).not.toMatch(/<@U123>/);
  });

  it('escapes article text so it cannot ping or inject links', () => {
    const escaped = escapeMrkdwn('Alert <!channel> <@U123> <!here> & @here @channel @everyone <https://x.example|x>');
    expect(escaped).not.toMatch(/<[!@#]/);
    expect(escaped).not.toMatch(/@(here|channel|everyone)\b/);
    expect(escaped).toContain('&lt;!channel&gt;');
    expect(escaped).toContain('&amp;');
    // Readable: only an invisible word joiner was added.
    expect(escaped.replace(/\u2060/g, '')).toContain('@here @channel @everyone');
  });

  it('links only well-formed http(s) URLs and keeps the label otherwise', () => {
    expect(mrkdwnLink('https://a.example/x?y=1&z=2', 'A|B')).toBe('<https://a.example/x?y=1&amp;z=2|A¦B>');
    expect(mrkdwnLink('javascript:alert(1)', 'Label')).toBe('Label');
    expect(mrkdwnLink('not a url', 'Label')).toBe('Label');
    expect(mrkdwnLink(null, '<b>')).toBe('&lt;b&gt;');
  });
});
