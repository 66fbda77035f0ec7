/**
 * Mojibake repair: UTF-8 read by a wrong decoder, produced here the way such
 * a decoder makes it (iconv-lite), and read back. Text that only looks
 * foreign is left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../src/ingest/mojibake.js';
import { loadTopicProfile, parseDocument } from '../../src/ingest/parse.js';

const ORIGINAL =
  'That’s why the UK signed a £2.2 billion loan – backed by frozen Russian assets – and Ukraine’s allies agreed.\n' +
  'He said: “We will stand with Ukraine”, and the 30-day\u00a0ceasefire held…\n';

describe('repairMojibake', () => {
  it('reads back UTF-8 that was decoded as GBK, guessing the bytes the decoder lost', () => {
    const broken = iconv.decode(Buffer.from(ORIGINAL, 'utf8'), 'gbk');
    expect(broken).toContain('鈥檚');
    expect(broken).toContain('拢2.2');
    const r = repairMojibake(broken);
    expect(r.misdecodedAs).toBe('GBK');
    expect(r.text).toContain('That’s why the UK signed a £2.2 billion loan – backed by frozen Russian assets – and Ukraine’s allies');
    expect(r.text).toContain('“We will stand with Ukraine”, and the 30-day');
    expect(r.text).toMatch(/ceasefire held…\n$/);
    expect(r.text).not.toMatch(/[鈥拢聽\ufffd]/);
  });

  it('reads back a copy whose lost bytes were dropped rather than replaced', () => {
    const r = repairMojibake('Yesterday evening鈥\n\nThe UK signed a 拢2.2 billion loan鈥\n\nTo provide more military aid to Ukraine 鈥\n');
    expect(r.text).toBe('Yesterday evening…\n\nThe UK signed a £2.2 billion loan…\n\nTo provide more military aid to Ukraine –\n');
  });

  it('reads back UTF-8 that was decoded as Windows-1252 or Latin-1', () => {
    const cp1252 = iconv.decode(Buffer.from(ORIGINAL, 'utf8'), 'win1252');
    expect(cp1252).toContain('Â£2.2');
    const r = repairMojibake(cp1252);
    expect(r.misdecodedAs).toBe('Windows-1252');
    expect(r.text).toBe(ORIGINAL);
    const latin1 = iconv.decode(Buffer.from('The UK’s £500 grant', 'utf8'), 'latin1');
    expect(repairMojibake(latin1).text).toBe('The UK’s £500 grant');
  });

  it('leaves correct text, genuine Chinese and genuine accented Latin alone', () => {
    for (const text of [
      ORIGINAL,
      '英国首相斯塔默说，英国将向乌克兰提供贷款。“我们支持乌克兰。”',
      'São Paulo and Ãngel are names; Â is a letter in Romanian and Portuguese.',
      'Café owners in Zürich paid €5 for “flat whites”.',
    ]) {
      expect(repairMojibake(text)).toEqual({ text, misdecodedAs: null });
    }
  });

  it('repairs a file before the format is read, and tells the operator', () => {
    const html = iconv.decode(
      Buffer.from('<html><head><title>Loan</title></head><body><article><p>The UK’s £2.2 billion loan was signed on Saturday, the Chancellor said.</p></article></body></html>', 'utf8'),
      'gbk',
    );
    const { documents, warnings } = parseDocument(
      { relPath: 'loan.html', bytes: Buffer.from(html, 'utf8') },
      { topic: loadTopicProfile() },
    );
    expect(documents[0]!.sentences[0]!.text).toBe('The UK’s £2.2 billion loan was signed on Saturday, the Chancellor said.');
    expect(documents[0]!.sentences[0]!.amounts.length).toBeGreaterThan(0);
    expect(warnings.some((w) => /mis-decoded \(UTF-8 read as GBK/.test(w))).toBe(true);
  });

  it('repairs the mis-decoded copies of the evaluation set', () => {
    const dir = path.join(import.meta.dirname, '..', 'fixtures', 'real', 'ukraine', 'docs');
    const text = fs.readFileSync(path.join(dir, '2025-03-02-pm-remarks-summit-mirror-misdecoded.txt'), 'utf8');
    const r = repairMojibake(text);
    expect(r.text).toContain('The UK signed a £2.2 billion loan…');
    expect(r.text).toContain('Which allows Ukraine to use £1.6 billion of UK Export Finance…');
    expect(r.text).not.toMatch(/[鈥拢聽]/);
  });
});
