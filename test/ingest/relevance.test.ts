import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTopicProfile, parseDocument } from '../../src/ingest/parse.js';
import { DEFAULT_TOPIC, TopicProfileError } from '../../src/topic/profile.js';
import { scoreRelevance } from '../../src/topic/relevance.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'topic-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function parseFixture(name: string, profile = loadTopicProfile()) {
  return parseDocument({ relPath: name, bytes: fs.readFileSync(path.join(FIXTURES, name)) }, { topic: profile }).documents;
}

describe('default topic: UK military and financial support for Ukraine', () => {
  it('is the profile loaded without a path', () => {
    expect(loadTopicProfile()).toBe(DEFAULT_TOPIC);
    expect(loadTopicProfile().name).toBe('UK support for Ukraine');
  });

  it('marks a UK sports-funding statement off topic, though it speaks of UK funding and support', () => {
    const [doc] = parseFixture('sports-funding.txt');
    expect(doc!.relevant).toBe(false);
    expect(doc!.relevance).toBeLessThan(DEFAULT_TOPIC.threshold);
  });

  it('marks a food festival with Ukrainian dishes off topic', () => {
    const [doc] = parseFixture('cooking-festival.md');
    expect([doc!.relevant, doc!.relevance]).toEqual([false, 0]);
  });

  it('marks UK aid articles in other formats on topic', () => {
    expect(parseFixture('kyiv-post-aid.html')[0]!.relevant).toBe(true);
    expect(parseFixture('impossible-date.md')[0]!.relevant).toBe(true);
  });

  it('needs Ukraine: a UK defence story about something else is off topic', () => {
    const r = scoreRelevance('The UK Ministry of Defence ordered new frigates for the Royal Navy, with training for crews in Portsmouth.', DEFAULT_TOPIC);
    expect(r.relevant).toBe(false);
    expect(r.facets.Ukraine).toBe(0);
  });

  it('scores 0..1 with facet hits for explanation', () => {
    const r = scoreRelevance('Britain pledged £225 million of military aid to Ukraine, including drones and air defence, Healey said in Kyiv.', DEFAULT_TOPIC);
    expect(r.relevant).toBe(true);
    expect(r.relevance).toBeGreaterThan(0.6);
    expect(r.relevance).toBeLessThanOrEqual(1);
    expect(r.facets['United Kingdom']).toBeGreaterThan(0);
  });
});

describe('topic profile from a JSON file (BRIEFING_TOPIC_FILE)', () => {
  it('loads another topic and judges documents by it', () => {
    const file = path.join(tmp, 'food.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        name: 'Food festivals',
        threshold: 0.3,
        facets: [{ name: 'food', required: true, weight: 1, saturation: 2, terms: { 'festival*': 1, 'chef*': 1, 'recipe*': 1, cuisine: 1 } }],
      }),
    );
    const profile = loadTopicProfile(file);
    expect(profile).toMatchObject({ name: 'Food festivals', description: '' });
    expect(parseFixture('cooking-festival.md', profile)[0]!.relevant).toBe(true);
    expect(parseFixture('kyiv-post-aid.html', profile)[0]!.relevant).toBe(false);
  });

  it.each([
    ['missing.json', null, /^topic file .*missing\.json cannot be read \(ENOENT\): check BRIEFING_TOPIC_FILE points to a JSON topic profile$/],
    ['broken.json', '{"name": "x",', /^topic file .*broken\.json is not valid JSON \(.+\): fix the file$/],
    ['shape.json', '{"name": "x", "threshold": 2, "facets": []}', /^topic file .*shape\.json is not a topic profile \(threshold: .+\): see src\/topic\/profile\.ts for the shape$/],
  ])('rejects %s with a one-line message', (name, content, message) => {
    const file = path.join(tmp, name);
    if (content !== null) fs.writeFileSync(file, content);
    expect(() => loadTopicProfile(file)).toThrowError(TopicProfileError);
    expect(() => loadTopicProfile(file)).toThrowError(message);
  });
});
