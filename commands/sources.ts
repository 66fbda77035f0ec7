import type { Command } from '../src/core/command.js';
import { toJsonSource } from '../src/core/present.js';
import { count } from '../src/core/plural.js';

export const sources: Command = {
  definition: {
    name: 'sources',
    description: 'The articles the bot knows, with dates and whether they are on topic',
    options: [],
    examples: ['/sources'],
  },
  async run(_args, ctx) {
    const documents = await ctx.engine.sources();
    const relevant = documents.filter((d) => d.relevant).length;
    return {
      kind: 'sources',
      title: 'Sources',
      intro: `${count(documents.length, 'document')}, ${relevant} on topic${
        documents.length > relevant ? `, ${documents.length - relevant} off topic (left out of answers)` : ''
      }.`,
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
