import type { ReadCommand } from '../src/core/command.js';
import { toJsonSource } from '../src/core/present.js';
import { limitOption } from './shared-options.js';
import { count } from '../src/core/plural.js';

export const search: ReadCommand = {
  readsOnly: true,
  definition: {
    name: 'search',
    description: 'Find sentences in the articles that match words or a phrase',
    options: [
      { name: 'query', type: 'string', description: 'Words or "a phrase" to find', required: true, positional: true },
      limitOption,
    ],
    examples: ['/search Interflex', '/search "artillery barrels"'],
  },
  async run(args, ctx) {
    const query = args.options.query as string;
    // Unset: the engine's default, the one the CLI and JSON contract document.
    const limit = args.options.limit as number | undefined;
    const hits = await ctx.engine.search(query, limit);
    return {
      kind: 'search',
      title: `Search: ${query}`,
      intro: hits.length ? `${count(hits.length, 'matching sentence')}, best first.` : `No sentence matches "${query}".`,
      items: hits.map((h) => ({ date: h.date, text: h.text, sources: [h.source] })),
      data: {
        query,
        hits: hits.map((h) => ({ date: h.date, text: h.text, source: toJsonSource(h.source) })),
      },
    };
  },
};
