/**
 * Articles written for the tests: other outlets, formats, dates and years than
 * the seeds, and an off-topic one. Nothing here is known to src/.
 */

/** Markdown with front matter: a German-style aid package, published 2023-03-02 (a Thursday). */
export const MARKDOWN_AID = `---
title: UK announces £310 million air defence package for Ukraine
date: 2023-03-02
outlet: The Northern Courier
url: https://example.org/news/air-defence-package
---

The UK has announced a £310 million air defence package for Ukraine, the Ministry of Defence said on Thursday.

Defence Secretary Ben Wallace said on Tuesday that Britain would "stand with Ukraine for as long as it takes" as he met his Ukrainian counterpart in London.

The package includes radar systems and short-range missiles, to be delivered before the summer.

In January, the UK became the first country to pledge main battle tanks to Ukraine.
`;

/** HTML page with chrome, scripts and a meta publication date: the same £310m package, other outlet. */
export const HTML_AID = `<!doctype html>
<html><head>
<title>Britain pledges £310m for Ukraine air defences | Western Gazette</title>
<meta property="og:site_name" content="Western Gazette">
<meta property="article:published_time" content="2023-03-03T09:30:00Z">
<script>window.track = function(){ document.title = "@everyone tracking"; };</script>
<style>.nav { color: red; }</style>
</head><body>
<nav class="nav"><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Britain pledges £310m for Ukraine air defences</h1>
<p>Britain has pledged £310 million for Ukrainian air defences, ministers confirmed on Thursday, in the largest such package since the invasion.</p>
<p>The Ministry of Defence said the radar systems and missiles would be delivered before the summer, and that training for Ukrainian crews would take place in the UK.</p>
<p>Sign up to our daily newsletter for the latest politics news.</p>
<p>Officials said a further package of support for Ukraine would follow in April, after talks with allies in Brussels.</p>
</article>
<footer>© Western Gazette 2023. All rights reserved.</footer>
<script>console.log("footer script")</script>
</body></html>`;

/** JSON array feed: two on-topic items from 2023 and one off-topic sports statement. */
export const JSON_FEED = JSON.stringify([
  {
    title: 'UK to train 20,000 more Ukrainian recruits in 2023',
    text:
      'The UK will train a further 20,000 Ukrainian recruits this year, the Ministry of Defence said on Monday. ' +
      'The training programme, run with allies from Canada and the Netherlands, began last summer and has already trained 10,000 soldiers.',
    published: '2023-02-06',
    url: 'https://example.net/uk-training',
    outlet: 'Harbour Times',
  },
  {
    title: 'Parliament approves £2.3bn loan guarantee for Ukraine',
    body:
      'MPs approved a £2.3bn loan guarantee for Ukraine on Wednesday, allowing the government to support Kyiv through the World Bank. ' +
      'The Treasury said the guarantee would help Ukraine pay public sector salaries.',
    date: '2023-02-08',
    source: 'Capital Ledger',
  },
  {
    title: 'Sport England confirms £25 million for grassroots football pitches',
    text:
      'Sport England has confirmed £25 million of funding for new grassroots football pitches across the North West. ' +
      'The money will pay for artificial turf, floodlights and changing rooms at 40 community clubs, the sports minister said on Friday. ' +
      'Local leagues welcomed the investment, saying it would let more children play through the winter.',
    published: '2023-02-10',
    outlet: 'County Sports Weekly',
  },
]);

/** Plain text with a mention attempt: the renderers must keep it inert. */
export const PINGING_TXT = ` date 2023-02-20
The UK will send more artillery shells to Ukraine, the Defence Secretary said on Monday. @everyone <!channel> @here should read this.
Officials in London confirmed that the shells would arrive within weeks.`;

/** Two documents opening with the same banner paragraph (no donation words in it). */
export function withSharedBanner(date: string, body: string): string {
  return ` date ${date}
The Evening Ledger is an independent newspaper owned by a charitable trust. Our reporters cover politics, business and culture across the region. Every article is checked by two editors before it is published. We correct our mistakes openly on our corrections page.

${body}`;
}
