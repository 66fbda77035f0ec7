/** Cookie and consent notices outside <article> never become content (issue 15). */
import { describe, expect, it } from 'vitest';
import { loadTopicProfile, parseDocument } from '../../src/ingest/parse.js';

const topic = loadTopicProfile();
const sentences = (html: string) =>
  parseDocument({ relPath: 'page.html', bytes: Buffer.from(html) }, { topic }).documents[0]!.sentences.map((s) => s.text);

const ARTICLE = `<article><h1>Aid for Ukraine</h1><p>The UK will send £50 million of air defence equipment to Ukraine, the Defence Secretary announced on Monday.</p>
<p>The package includes radar systems and drones for Ukraine's armed forces, officials in Kyiv said.</p></article>`;

describe('cookie and consent notices', () => {
  it('drops a notice marked by its attributes, before or after the article', () => {
    const html = `<html><body><div id="global-cookie-message"><p>We use some essential cookies to make this website work. We'd like to set additional cookies to understand how you use the site.</p><button>Accept additional cookies</button></div>
${ARTICLE}<div class="consent-banner"><p>Your choices about data on this site can be changed at any time in settings.</p></div></body></html>`;
    const out = sentences(html);
    expect(out.join(' ')).toMatch(/£50 million/);
    expect(out.join(' ')).not.toMatch(/cookies|choices about data/i);
  });

  it('drops a notice worded as one even when nothing marks it', () => {
    const html = `<html><body><section><p>Cookies on this website: we use cookies to remember your settings. Accept all cookies or manage preferences.</p></section>${ARTICLE}</body></html>`;
    expect(sentences(html).join(' ')).not.toMatch(/cookie/i);
  });

  it('keeps a report about cookies inside the article', () => {
    const html = `<html><body><article><p>Regulators said on Monday that sites which tell users "we use cookies" must offer a reject button, and fined three firms £2 million.</p></article></body></html>`;
    expect(sentences(html).join(' ')).toMatch(/we use cookies/);
  });
});
