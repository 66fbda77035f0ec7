/** What a chat reply shows of a development's further facts, on every front end's common path and in the terminal. */
import { describe, expect, it } from 'vitest';
import { chatReply, FACT_CHARS, FACTS_SHOWN, shownFacts, type Reply } from '../../src/core/reply.js';
import { renderText } from '../../src/platforms/console/render.js';

const source = { id: 'valley/a', title: 'Dam inquiry opens', outlet: 'Valley Courier', published: '2030-02-02', url: null };

describe('a development\'s facts in chat', () => {
  it('shows the first few, a long one cut at a word with an ellipsis', () => {
    const long = `The fund covers ${'repairs to flood defences and drainage '.repeat(10)}in the valley.`;
    const shown = shownFacts({ text: 'Lead.', sources: [], facts: [long, 'Second.', 'Third.'] });
    expect(shown).toHaveLength(FACTS_SHOWN);
    expect(shown[0]!.length).toBeLessThanOrEqual(FACT_CHARS);
    expect(shown[0]).toMatch(/^The fund covers repairs .*[a-z]…$/);
    expect(long.startsWith(shown[0]!.slice(0, -1))).toBe(true);
    expect(shown[1]).toBe('Second.');
    expect(shownFacts({ text: 'Lead.', sources: [] })).toEqual([]);
  });

  it('a chat reply carries only the facts shown; the terminal prints them under the item', () => {
    const reply: Reply = {
      kind: 'timeline',
      title: 'Timeline',
      items: [{ date: '2030-01-05', text: 'The council opened a £2 million fund.', sources: [source], facts: ['Farmers can apply for £25,000.', 'Shops can apply for £5,000.', 'Third.'] }],
    };
    expect(chatReply(reply).items[0]!.facts).toEqual(['Farmers can apply for £25,000.', 'Shops can apply for £5,000.']);
    const text = renderText(reply);
    expect(text).toContain('2030-01-05  The council opened a £2 million fund.\n    · Farmers can apply for £25,000.\n    · Shops can apply for £5,000.\n    Sources:');
    expect(text).not.toContain('Third.');
  });
});
