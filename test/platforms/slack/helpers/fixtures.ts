/**
 * Articles written for these tests: other countries, outlets, dates and
 * formats than the seeds, so nothing passes by matching seed content.
 */
import type { FixtureArticle } from './engine.js';

/** What "on topic" means for these fixtures (the BRIEFING_TOPIC_FILE shape). */
export const regionalTopic = {
  name: 'Regional infrastructure',
  description: 'Ferries, railways and public services in the regions.',
  threshold: 0.3,
  facets: [
    {
      name: 'infrastructure',
      required: true,
      weight: 2,
      saturation: 2,
      terms: { ferry: 1, 'vessel*': 1, 'berth*': 1, rail: 1, 'bridge*': 1, signalling: 1, forum: 1, 'council*': 1, 'moderator*': 1 },
    },
  ],
};

export const harbourArticle: FixtureArticle = {
  file: 'harbour/ferry-contract.md',
  title: 'Coastal ferry contract signed after long delay',
  outlet: 'The Harbour Gazette',
  published: '2031-03-06',
  url: 'https://harbour.example/news/ferry-contract?id=7&src=feed',
  body: [
    'The regional council signed the ferry contract on 4 March 2031 after eleven months of talks.',
    'Councillors first rejected the bid on 17 November 2030, citing the cost of new berths.',
    'The first new vessel is due in service by 1 June 2032, according to the shipyard.',
    'Residents said the service had been unreliable for years.',
  ].join(' '),
};

/** Article text that would ping a whole channel if rendered raw. */
export const mentionArticle: FixtureArticle = {
  file: 'forum/protest.md',
  title: 'Forum defaced @here during protest',
  outlet: 'Valley Courier',
  published: '2030-05-13',
  body: [
    'On 12 May 2030 protesters posted <!channel> and @here and <@U0ADMIN1> on the council forum, along with <https://evil.example|click> links & slogans, and a copy at https://evil.example/bare.',
    'Moderators restored the forum on 13 May 2030, and @everyone was told to change passwords; @channel notices followed.',
  ].join(' '),
};

/**
 * Enough long dated sentences that a 200-entry timeline cannot fit in one
 * Slack message (block count and character budget both overflow).
 */
export function bulkArticles(count: number, sentencesEach: number): FixtureArticle[] {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const articles: FixtureArticle[] = [];
  for (let a = 0; a < count; a++) {
    const sentences: string[] = [];
    for (let s = 0; s < sentencesEach; s++) {
      const day = ((a * sentencesEach + s) % 27) + 1;
      const month = months[(a + s) % 12];
      sentences.push(
        `On ${day} ${month} 2029 the northern rail authority reported progress on section ${a}-${s} of the line, ` +
          `with engineers from several contractors describing the work on bridges, cuttings, drainage and signalling ` +
          `as ahead of the schedule agreed with the transport ministry and the regional assemblies.`,
      );
    }
    articles.push({
      file: `rail/report-${String(a).padStart(2, '0')}.md`,
      title: `Rail authority progress report ${a}`,
      outlet: `Northern Rail Review`,
      published: '2029-12-30',
      url: `https://rail.example/reports/${a}`,
      body: sentences.join(' '),
    });
  }
  return articles;
}
