import type { ReadCommand, ReadContext } from '../src/core/command.js';
import { syntaxOf } from '../src/core/options.js';
import { count } from '../src/core/plural.js';
import { toJsonSource } from '../src/core/present.js';
import { errorReply, type Reply } from '../src/core/reply.js';
import { spellOption } from '../src/core/syntax.js';

export const sources: ReadCommand = {
  readsOnly: true,
  definition: {
    name: 'sources',
    description: 'The articles the bot knows, with dates and whether they are on topic',
    options: [
      {
        name: 'id',
        type: 'string',
        placeholder: 'ID',
        cliName: 'explain',
        description: 'A document id: why it is on or off topic (each facet\'s hits, the score against the threshold)',
      },
    ],
    examples: ['/sources', '/sources id:2025/uk-loan-announcement'],
  },
  async run(args, ctx) {
    const id = args.options.id as string | undefined;
    if (id) return explain(id, ctx);
    const documents = await ctx.engine.sources();
    const relevant = documents.filter((d) => d.relevant).length;
    return {
      kind: 'sources',
      title: 'Sources',
      intro: `${count(documents.length, 'document')}, ${relevant} on topic${
        documents.length > relevant ? `, ${documents.length - relevant} off topic (left out of answers)` : ''
      }. ${spellOption(syntaxOf(ctx), sources.definition.options[0]!, 'ID')} says why one is on or off topic.`,
      items: documents.map((d) => ({
        date: d.published,
        text: [
          d.title,
          d.publishedFrom === 'inferred' ? '(date inferred)' : d.publishedFrom === 'unknown' ? '(date unknown)' : '',
          d.relevant ? '' : '(off topic)',
        ]
          .filter(Boolean)
          .join(' '),
        sources: [d],
      })),
      data: {
        documents: documents.map((d) => ({
          ...toJsonSource(d),
          publishedFrom: d.publishedFrom,
          relevant: d.relevant,
        })),
      },
    };
  },
};

const round = (n: number) => (Math.round(n * 100) / 100).toString();

async function explain(id: string, ctx: ReadContext): Promise<Reply> {
  const found = await ctx.engine.explainRelevance(id);
  if (!found) {
    return errorReply(`No document has the id "${id}": ${ctx.commandName?.('sources') ?? '/sources'} lists them.`);
  }
  const { document, profile, explanation: e } = found;
  const verdict = e.relevant
    ? `on topic: score ${round(e.relevance)} reaches the threshold ${round(e.threshold)}`
    : e.missingRequired.length
      ? `off topic: no hit for the required ${e.missingRequired.join(', ')} (score ${round(e.relevance)}, threshold ${round(e.threshold)})`
      : `off topic: score ${round(e.relevance)} is below the threshold ${round(e.threshold)}`;
  return {
    kind: 'sources',
    title: `Relevance: ${document.title}`,
    intro: `Judged against "${profile}" on the title and kept text (${count(e.words, 'word')}; length factor ${round(e.lengthFactor)}): ${verdict}.`,
    items: e.facetDetails.map((f) => {
      const terms = Object.entries(f.terms)
        .sort((a, b) => b[1] - a[1])
        .map(([term, n]) => `${term} ×${n}`)
        .join(', ');
      const role = f.weight < 0 ? 'distractor' : f.required ? 'required' : 'facet';
      return {
        text: `${f.name} (${role}, weight ${f.weight}): ${terms || 'no hits'} → hits ${round(f.hits)}, presence ${round(f.presence)}, ${f.contribution >= 0 ? 'adds' : 'takes'} ${round(Math.abs(f.contribution))}`,
        sources: [],
      };
    }),
    footer: 'Change what counts with a topic profile (BRIEFING_TOPIC_FILE, docs/topic.md); documents are judged again at the next ingest.',
    data: {
      document: { ...toJsonSource(document), publishedFrom: document.publishedFrom, relevant: document.relevant },
      profile,
      relevance: e.relevance,
      threshold: e.threshold,
      relevant: e.relevant,
      words: e.words,
      lengthFactor: e.lengthFactor,
      missingRequired: e.missingRequired,
      facets: e.facetDetails,
    },
  };
}
