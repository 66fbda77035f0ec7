/**
 * Feeds and pages written for the feed tests, shaped like real ones (an
 * outlet's RSS 2.0 with content:encoded, a government Atom feed of teasers,
 * RSS 1.0, JSON Feed). Nothing here is known to src/.
 */

export interface Story {
  id: string;
  title: string;
  /** RFC 822 or ISO date as the feed gives it; null: the feed gives none. */
  date: string | null;
  paragraphs: string[];
  link?: string | null;
}

export const STORIES: Story[] = [
  {
    id: 'northern-courier-2025-0142',
    title: 'UK commits £450 million drone package for Ukraine',
    date: 'Tue, 11 Mar 2025 08:15:00 GMT',
    paragraphs: [
      'The UK has committed a £450 million package of drones for Ukraine, the Ministry of Defence said on Tuesday.',
      'Defence Secretary John Healey announced the package at a meeting of the Ukraine Defence Contact Group in Brussels, where allies discussed air defence and long-range strike capabilities for the coming year.',
      'The package includes thousands of short-range reconnaissance drones and several hundred long-range attack drones, to be delivered over the next twelve months from British manufacturers.',
      'Officials said the money comes from the £3 billion of annual military support the government has promised to Ukraine for as long as it takes, and that production lines in the Midlands and Wales would be expanded to meet the order.',
      'Ukrainian Defence Minister Rustem Umerov thanked Britain for its continued support and said the drones would help his forces hold the front line in the east through the spring.',
      'The announcement follows a £1.6 billion deal for air defence missiles signed earlier this month, which ministers said would support around 700 jobs in Belfast.',
    ],
  },
  {
    id: 'northern-courier-2025-0143',
    title: 'British instructors to train Ukrainian pilots in Lincolnshire',
    date: 'Wed, 12 Mar 2025 10:40:00 GMT',
    paragraphs: [
      'British instructors will train a new group of Ukrainian fighter pilots at RAF Cranwell in Lincolnshire, the Royal Air Force said on Wednesday.',
      'The course, which begins next month, will teach basic flying skills and English-language aviation terms before the pilots move on to fast-jet training with partners in Denmark and the Netherlands.',
      'More than 50,000 Ukrainian recruits have already been trained in the UK under Operation Interflex, the programme led by the British Army since the summer of 2022.',
      'Air Chief Marshal Sir Richard Knighton said the pilots had shown remarkable determination and that the RAF was proud to help Ukraine build an air force for the future.',
      'Ministers said the training would be paid for from the existing military aid budget and would not require new money from the Treasury this year.',
    ],
  },
];

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function storyLink(base: string, story: Story): string {
  return story.link === undefined ? `${base}/news/${story.id}?utm_source=rss&utm_medium=feed#top` : (story.link ?? '');
}

/** An outlet's RSS 2.0 feed carrying each article in full (content:encoded). */
export function rssFeed(base: string, stories: Story[], options: { title?: string; full?: boolean; description?: boolean } = {}): string {
  const items = stories
    .map((s) => {
      const link = storyLink(base, s);
      const html = s.paragraphs.map((p) => `<p>${p}</p>`).join('\n');
      return `    <item>
      <title>${escapeXml(s.title)}</title>
      ${link ? `<link>${escapeXml(link)}</link>` : ''}
      <guid isPermaLink="false">${escapeXml(s.id)}</guid>
      ${s.date ? `<pubDate>${s.date}</pubDate>` : ''}
      <dc:creator>Staff reporter</dc:creator>      ${options.description === false ? '' : `<description>${escapeXml(s.paragraphs[0]!)}</description>`}
      ${options.full === false ? '' : `<content:encoded><![CDATA[${html}]]></content:encoded>`}
    </item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(options.title ?? 'The Northern Courier')}</title>
    <link>${base}/</link>
    <description>News from the Northern Courier</description>
    <language>en-gb</language>
    <atom:link href="${base}/feed.xml" rel="self" type="application/rss+xml"/>
${items}
  </channel>
</rss>
`;
}

/** A government-style Atom feed of teasers: each entry a summary, the article on its page. */
export function atomTeaserFeed(base: string, stories: Story[]): string {
  const entries = stories
    .map(
      (s) => `  <entry>
    <id>tag:${new URL(base).host},2025:${s.id}</id>
    <title>${escapeXml(s.title)}</title>
    <link rel="alternate" type="text/html" href="${base}/government/news/${s.id}"/>
    ${s.date ? `<updated>${new Date(s.date).toISOString()}</updated>` : '<updated></updated>'}
    <summary type="html">${escapeXml(`<p>${s.paragraphs[0]!.split(',')[0]}.</p>`)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${base}/government/announcements</id>
  <title>Announcements - Department of Defence</title>
  <link rel="self" href="${base}/government/announcements.atom"/>
  <link rel="alternate" type="text/html" href="${base}/government/announcements"/>
  <updated>2025-03-12T12:00:00Z</updated>
${entries}
</feed>
`;
}

/** The page an Atom teaser links to: chrome, a meta publication date, the article. */
export function articlePage(story: Story, options: { published?: string | null } = {}): string {
  const published = options.published === undefined ? (story.date ? new Date(story.date).toISOString() : null) : options.published;
  return `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>${escapeXml(story.title)} - GOV.EXAMPLE</title>
<meta property="og:site_name" content="GOV.EXAMPLE">
${published ? `<meta property="article:published_time" content="${published}">` : ''}
<script>document.cookie = "tracking=1";</script>
</head><body>
<header><a href="/">Home</a> <a href="/search">Search</a></header>
<nav><a href="/government/news">News and communications</a></nav>
<main><article>
<h1>${escapeXml(story.title)}</h1>
${story.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n')}
</article></main>
<footer>All content is available under the Open Government Licence v3.0.</footer>
</body></html>`;
}

/** A synthetic on-topic story number `n` (distinct words and dates per story, for large feeds). */
export function syntheticStory(n: number): Story {
  const day = (n % 27) + 1;
  const amount = 10 + (n % 90);
  const towns = ['Kharkiv', 'Odesa', 'Lviv', 'Dnipro', 'Zaporizhzhia', 'Poltava', 'Sumy', 'Chernihiv'];
  const kinds = ['generators', 'ambulances', 'mine-clearing vehicles', 'field hospitals', 'radar units', 'armoured vehicles'];
  const town = towns[n % towns.length]!;
  const kind = kinds[n % kinds.length]!;
  return {
    id: `synthetic-${n}`,
    title: `UK sends £${amount} million of ${kind} to ${town} (${n})`,
    date: new Date(Date.UTC(2025, 1, day, 9, n % 60)).toUTCString(),
    paragraphs: [
      `The UK will send £${amount} million of ${kind} to ${town}, the Foreign Office said on ${['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][n % 5]}.`,
      `Officials said delivery number ${n} of the programme would reach ${town} within weeks and would be followed by training for local crews provided by British specialists.`,
      `The regional administration in ${town} said the ${kind} were needed before the winter, after months of Russian strikes on roads, hospitals and the power grid across the region. More aid from European allies is expected in the spring.`,
    ],
  };
}
