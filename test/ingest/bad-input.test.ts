import { describe, expect, it } from 'vitest';
import { loadTopicProfile, parseDocument, SkipFile } from '../../src/ingest/parse.js';

const topic = loadTopicProfile();

function parse(relPath: string, bytes: Buffer | string) {
  return parseDocument({ relPath, bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes }, { topic });
}

/** The SkipFile message a file is rejected with (fails the test if it is accepted). */
function skipMessage(relPath: string, bytes: Buffer | string): string {
  try {
    parse(relPath, bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(SkipFile);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`${relPath} was not skipped`);
}

describe('files that cannot be ingested are skipped with a one-line reason and fix', () => {
  it('empty file', () => {
    expect(skipMessage('a.txt', '')).toBe('empty file: add article text or remove it');
  });

  it('whitespace-only file', () => {
    expect(skipMessage('a.md', ' \n\t \r\n ')).toBe('empty file (only whitespace): add article text or remove it');
  });

  it('binary file with NUL bytes', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(skipMessage('image.txt', png)).toMatch(/^binary file \(contains NUL bytes\): save the article as UTF-8 text/);
  });

  it('binary file that is mostly control characters', () => {
    const bytes = Buffer.alloc(400);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 3 === 0 ? 0x41 : 1 + (i % 8);
    expect(skipMessage('noise.txt', bytes)).toMatch(/^binary file \(\d+% control characters\): save the article as UTF-8 text or remove it$/);
  });

  it('truncated JSON names where it ends', () => {
    const message = skipMessage('feed.json', '[{"title": "A", "text": "Britain sent aid to Ukraine."},\n {"title": "B", "text": "More');
    expect(message).toMatch(/^truncated JSON: ends early at line 2, column \d+ \(\w+\); complete the file or remove it$/);
  });

  it('invalid JSON names the line and column', () => {
    const message = skipMessage('feed.json', '{\n  "title": "A",\n  "text": oops\n}');
    expect(message).toMatch(/^invalid JSON at line 3, column 11 \(\w+( in text)?\): fix the JSON or remove the file$/);
  });

  it('JSON without any article', () => {
    expect(skipMessage('feed.json', '[{"title": "no text here"}]')).toMatch(/^JSON holds no usable article/);
    expect(skipMessage('feed.json', '42')).toMatch(/^JSON holds no article: expected an object or an array of objects/);
  });

  it('a page that is all furniture', () => {
    expect(skipMessage('promo.txt', 'Read more\n\nSupport Now\n\nAdvertisement')).toMatch(/^no article text \(nothing left after removing page furniture/);
  });
});

describe('files ingested with a warning', () => {
  it('decodes non-UTF-8 text as Windows-1252 and says so', () => {
    // "Café" and curly quotes in Windows-1252: 0xE9, 0x93, 0x94.
    const bytes = Buffer.concat([
      Buffer.from('The UK pledged aid to Ukraine at a caf'),
      Buffer.from([0xe9]),
      Buffer.from(' in Kyiv, saying '),
      Buffer.from([0x93]),
      Buffer.from('we stand with you'),
      Buffer.from([0x94]),
      Buffer.from('.'),
    ]);
    const result = parse('cp1252.txt', bytes);
    expect(result.warnings).toEqual(['not valid UTF-8: decoded as Windows-1252; re-save the file as UTF-8 if characters look wrong']);
    expect(result.documents[0]!.sentences[0]!.text).toBe('The UK pledged aid to Ukraine at a café in Kyiv, saying “we stand with you”.');
  });

  it('reads UTF-8 with a BOM and UTF-16 with a BOM without warnings', () => {
    const bom = parse('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Britain sent aid to Ukraine.')]));
    expect([bom.warnings, bom.documents[0]!.sentences[0]!.text]).toEqual([[], 'Britain sent aid to Ukraine.']);
    const utf16 = parse('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Britain sent aid to Ukraine.', 'utf16le')]));
    expect([utf16.warnings, utf16.documents[0]!.sentences[0]!.text]).toEqual([[], 'Britain sent aid to Ukraine.']);
  });

  it('ingests the first 5 MB of a huge file, cut at a sentence end', () => {
    const sentence = 'Britain sent more drones to Ukraine on Monday, officials said. ';
    const huge = sentence.repeat(Math.ceil((6 * 1024 * 1024) / sentence.length));
    const result = parse('huge.txt', huge);
    expect(result.warnings).toEqual(['truncated at 5 MB: only the first 5 MB were ingested; split the file to ingest the rest']);
    const doc = result.documents[0]!;
    expect(doc.sentences.at(-1)!.text).toBe(sentence.trim());
    const kept = doc.sentences.reduce((n, s) => n + s.text.length + 1, 0);
    expect(kept).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(kept).toBeGreaterThan(4.9 * 1024 * 1024);
  }, 120_000);

  it('keeps the text of HTML with scripts and drops the scripts', () => {
    const html =
      '<html><body><script>alert("pwned")</script><p>Britain sent air defence systems to Ukraine.</p><script type="application/ld+json">{"@type":"NewsArticle"}</script><p>More will follow.</p><noscript>Enable JavaScript</noscript></body></html>';
    const result = parse('s.html', html);
    expect(result.documents[0]!.sentences.map((s) => s.text)).toEqual(['Britain sent air defence systems to Ukraine.', 'More will follow.']);
  });
});
