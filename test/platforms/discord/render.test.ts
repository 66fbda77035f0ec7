/** The embed renderer, the pager's custom ids and the permission rule, on their own. */
import { describe, expect, it } from 'vitest';
import { escapeLinkLabel, escapeText, safeUrl } from '../../../src/platforms/discord/embeds/escape.js';
import { DISCORD_LIMITS, limitViolations } from '../../../src/platforms/discord/embeds/limits.js';
import { renderInteractive, renderMessages, renderPages } from '../../../src/platforms/discord/embeds/render.js';
import { createPager } from '../../../src/platforms/discord/pager.js';
import { canManageChannel } from '../../../src/platforms/discord/permissions.js';
import type { Reply } from '../../../src/core/reply.js';
import { embedTexts, renderedLinks, renderedText } from './helpers/links.js';

const source = { id: 'gazette/1', title: 'Harbour news', outlet: 'Harbour Gazette', published: '2025-03-04' };

describe('a development\'s facts', () => {
  it('shows the first two under the headline where they fit, never cutting the headline for them, links inert', () => {
    const item = {
      date: '2030-01-05',
      text: 'The council opened a £2 million recovery fund.',
      sources: [source],
      facts: ['Farmers can apply for up to £25,000 at [the portal](https://evil.example/x).', 'Businesses can apply for £5,000.', 'A third fact.'],
    };
    const [msg] = renderMessages({ kind: 'timeline', title: 'Timeline', items: [item] });
    const value = msg!.embeds[0]!.fields![0]!.value;
    expect(renderedText(value)).toContain('The council opened a £2 million recovery fund.\n• Farmers can apply for up to £25,000 at [the portal](https://evil.example/x).\n• Businesses can apply for £5,000.');
    expect(value).not.toContain('A third fact');
    expect(renderedLinks(value).filter((u) => u.includes('evil'))).toEqual([]);
    const long = { ...item, text: 'x'.repeat(1000) };
    const [cut] = renderMessages({ kind: 'timeline', title: 'Timeline', items: [long] });
    expect(cut!.embeds[0]!.fields![0]!.value).toContain('x'.repeat(600));
    expect(cut!.embeds[0]!.fields![0]!.value).not.toContain('Farmers');
  });
});

describe('escaping article text', () => {
  it('keeps @everyone, @here and mention syntax as visible text that cannot ping', () => {
    expect(escapeText('Tell @everyone and @here, cc <@123> <@&456> <#789>')).toBe(
      'Tell @\u200beveryone and @\u200bhere, cc \\<\u200b@123\\> \\<\u200b@&456\\> \\<\u200b#789\\>',
    );
  });

  it('shows markdown characters as written', () => {
    expect(escapeText('a *starred* word, snake_case')).toBe('a \\*starred\\* word, snake\\_case');
  });

  /** Every form of link Discord's markdown renders, as article text might hold it. */
  const LINK_FORMS: Array<[string, string]> = [
    ['a masked link', 'Read [the statement](https://evil.example/1) now.'],
    ['two masked links in one sentence', 'See [Official MoD statement](https://evil.example/1) and [Official MoD statement](https://evil.example/2).'],
    ['three on a line and more on the next', '[a](https://evil.example/1) [b](https://evil.example/2) [c](https://evil.example/3)\n[d](https://evil.example/4) [e](https://evil.example/5)'],
    ['a masked link with a title', 'Read [the statement](https://evil.example/1 "MoD") now.'],
    ['a masked link with an angle-bracketed target', 'Read [the statement](<https://evil.example/1>) now.'],
    ['a URL as the label', 'Read [https://gov.example/statement](https://evil.example/1) now.'],
    ['nested masked links', '[[inner](https://evil.example/1)](https://evil.example/2)'],
    ['a masked link inside bold and spoiler', '**[a](https://evil.example/1)** and ||[b](https://evil.example/2)||'],
    ['an image link', '![chart](https://evil.example/1.png)'],
    ['an angle-bracket autolink', 'Source: <https://evil.example/1>'],
    ['an angle-bracket autolink of another scheme', 'Source: <ftp://evil.example/1>'],
    ['a bare URL', 'Details at https://evil.example/a_b_c?x=1&y=2 today.'],
    ['a bare http URL ending a sentence', 'Details at http://evil.example/1.'],
    ['a backslash before the link', 'A path C:\\docs\\[a](https://evil.example/1) and \\[b](https://evil.example/2)'],
    ['repeated brackets', '[[[a]]](https://evil.example/1) ]](https://evil.example/2) [(x)](https://evil.example/3)'],
  ];

  it.each(LINK_FORMS)('forms no live link from %s, and reads as written', (_name, text) => {
    expect(renderedLinks(text).length, 'the form is a link when not escaped').toBeGreaterThan(0);
    const escaped = escapeText(text);
    expect(renderedLinks(escaped)).toEqual([]);
    expect(renderedText(escaped)).toBe(text);
    // Inside a source's masked link, the label stays one link to our URL only.
    expect(renderedLinks(`[${escapeLinkLabel(text)}](https://harbour.example/a)`)).toEqual(['https://harbour.example/a']);
  });

  it('shows line-start markdown (headings, subtext, lists, quotes) as written', () => {
    const text = '# Heading\n-# small print\n- bullet\n1. first\n> quoted\n  ## indented';
    expect(renderedText(escapeText(text))).toBe(text);
  });

  it('forms no link anywhere in rendered answers and digest posts holding article links', () => {
    const linked = LINK_FORMS.map(([, text]) => text);
    const reply: Reply = {
      kind: 'digest',
      title: 'Daily digest',
      intro: linked[1]!,
      items: linked.map((text, i) => ({ date: `2025-03-${String(i + 1).padStart(2, '0')}`, text, sources: [{ ...source, title: linked[0]!, url: 'https://harbour.example/a' }] })),
      footer: linked[2]!,
    };
    const messages = [...renderMessages(reply), renderInteractive(reply, 0)];
    for (const m of messages) {
      for (const text of m.embeds.flatMap(embedTexts)) {
        for (const target of renderedLinks(text)) expect(target).toBe('https://harbour.example/a');
      }
    }
  });

  it('counts the sources a trimmed reply left out in its +N more', () => {
    const reply: Reply = { kind: 'timeline', title: 'Timeline', items: [{ text: 'Cited widely.', sources: Array.from({ length: 3 }, (_, i) => ({ id: `d${i}`, title: `Story ${i}`, outlet: 'Gazette', published: '2031-01-01', url: `https://gazette.example/${i}` })), moreSources: 40 }] };
    const texts = renderInteractive(reply, 0).embeds.flatMap(embedTexts).join('\n');
    expect(texts).toContain('+40 more');
    expect(texts).toContain('gazette.example/2');
  });

  it('links only http(s) URLs, with parentheses encoded', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('https://x.example/a_(b)')).toBe('https://x.example/a_%28b%29');
    expect(safeUrl(null)).toBeNull();
  });
});

describe('rendering a reply', () => {
  it('shows title, intro, one field per item with date, text and sources, and the footer', () => {
    const reply: Reply = {
      kind: 'timeline',
      title: 'Timeline: drones',
      intro: '2 of 2 events about "drones", oldest first.',
      items: [
        { date: '2025-02-28', text: 'Ministers met officials.', sources: [{ ...source, url: 'https://harbour.example/a' }] },
        { date: '2025-04', text: 'Drones due in April.', sources: [source, { ...source, id: 'x', outlet: null, title: 'Other paper', published: null }] },
      ],
      footer: 'Raise limit: for more.',
    };
    const [message] = renderMessages(reply);
    expect(message!.allowed_mentions).toEqual({ parse: [] });
    expect(message!.embeds[0]).toMatchObject({
      title: 'Timeline: drones',
      description: '2 of 2 events about "drones", oldest first.',
      fields: [
        { name: '2025-02-28', value: 'Ministers met officials.\n— [Harbour Gazette, 2025-03-04](https://harbour.example/a)' },
        { name: '2025-04', value: 'Drones due in April.\n— Harbour Gazette, 2025-03-04 · “Other paper”' },
      ],
      footer: { text: 'Raise limit: for more.' },
    });
  });

  it('numbers undated items (summary points) across pages', () => {
    const reply: Reply = {
      kind: 'summary',
      title: 'Summary',
      items: Array.from({ length: 12 }, (_, i) => ({ text: `Point ${i + 1}.`, sources: [source] })),
    };
    const pages = renderPages(reply);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.embed.fields![0]!.name).toBe('1.');
    expect(pages[1]!.embed.fields![0]!.name).toBe('11.');
    expect(pages[1]!.embed.footer!.text).toBe('Page 2/2');
  });

  it('keeps every page of an enormous reply within every Discord limit, losing no item', () => {
    const reply: Reply = {
      kind: 'search',
      title: 'T'.repeat(1000),
      intro: '@everyone '.repeat(1000),
      items: Array.from({ length: 80 }, (_, i) => ({
        date: i % 3 ? '2025-01-0' + ((i % 9) + 1) : null,
        text: `${i} ${'word_with *stars* '.repeat(200)}`,
        sources: Array.from({ length: 40 }, (_, j) => ({ ...source, id: `s${j}`, outlet: `Outlet ${j} ${'['.repeat(5)}`, url: `https://o${j}.example/${'p'.repeat(80)}` })),
      })),
      footer: 'F'.repeat(5000),
    };
    const pages = renderPages(reply, (page) => `ref 0123456789abcdef-${page + 1}`);
    let fields = 0;
    for (const [i, p] of pages.entries()) {
      expect(limitViolations({ embeds: [p.embed] })).toEqual([]);
      expect(p.embed.footer!.text).toContain(`ref 0123456789abcdef-${i + 1}`);
      fields += p.embed.fields!.length;
    }
    expect(fields).toBe(80);
    expect(JSON.stringify(pages)).not.toContain('@everyone');
  });

  it('adds Prev/Next buttons with distinct custom ids within 100 characters', () => {
    const reply: Reply = {
      kind: 'timeline',
      title: 'Timeline',
      items: Array.from({ length: 25 }, (_, i) => ({ date: '2025-01-01', text: `Event ${i}`, sources: [source] })),
    };
    const pager = createPager();
    const id = (page: number) => pager.encode({ command: 'timeline', options: { topic: 'drones' }, page });
    for (const page of [0, 1, 2]) {
      const message = renderInteractive(reply, page, id);
      const [prev, next] = message.components[0]!.components as Array<{ custom_id: string; disabled: boolean }>;
      expect(prev!.custom_id).not.toBe(next!.custom_id);
      expect(prev!.disabled).toBe(page === 0);
      expect(next!.disabled).toBe(page === 2);
      expect(message.embeds[0]!.footer!.text).toBe(`Page ${page + 1}/3`);
    }
    expect(renderInteractive({ ...reply, items: reply.items.slice(0, 3) }, 0, id).components).toEqual([]);
  });
});

describe('page button ids', () => {
  it('round-trips command, options and page inside the id', () => {
    const pager = createPager();
    const request = { command: 'timeline', options: { topic: 'drones', to: '2025-03', limit: 40 }, page: 3 };
    const id = pager.encode(request);
    expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
    // A fresh pager (another instance, or after a restart) decodes it too.
    expect(createPager().decode(id)).toEqual({ ok: true, request: { ...request, subcommand: undefined } });
  });

  it('falls back to a short key for options too long for 100 characters', () => {
    const pager = createPager();
    const request = { command: 'timeline', options: { topic: 'x'.repeat(150) }, page: 1 };
    const id = pager.encode(request);
    expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
    expect(pager.decode(id)).toEqual({ ok: true, request });
    expect(createPager().decode(id)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects ids it did not make', () => {
    const pager = createPager();
    expect(pager.decode('p|1|nosuchcommand||[]')).toEqual({ ok: false, reason: 'invalid' });
    expect(pager.decode('p|x|timeline||[]')).toEqual({ ok: false, reason: 'invalid' });
    expect(pager.decode('p|1|timeline||{not json')).toEqual({ ok: false, reason: 'invalid' });
    expect(pager.owns('something-else')).toBe(false);
  });
});

describe('canManageChannel', () => {
  it('is true for Administrator, Manage Server or Manage Channels, false otherwise', () => {
    expect(canManageChannel('8')).toBe(true);
    expect(canManageChannel('32')).toBe(true);
    expect(canManageChannel('16')).toBe(true);
    expect(canManageChannel(String(0x800n | 0x400n))).toBe(false);
    expect(canManageChannel('0')).toBe(false);
    expect(canManageChannel(null)).toBe(false);
    expect(canManageChannel('not a number')).toBe(false);
    expect(canManageChannel(0x20n)).toBe(true);
  });
});
