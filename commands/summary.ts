import type { ReadCommand } from '../src/core/command.js';
import { checkRange } from '../src/core/options.js';
import { count } from '../src/core/plural.js';
import { describeRange, toJsonSource } from '../src/core/present.js';
import { fromOption, toOption, topicOption } from './shared-options.js';

export const summary: ReadCommand = {
  readsOnly: true,
  definition: {
    name: 'summary',
    description: 'Cited summary of the coverage, in the articles\' own words',
    options: [topicOption, fromOption, toOption],
    examples: ['/summary', '/summary peacekeepers', '/summary topic:training from:2024-12-15'],
  },
  async run(args, ctx) {
    const { topic, from, to } = args.options as { topic?: string; from?: string; to?: string };
    checkRange(from, to, { definition: summary.definition });
    const result = await ctx.engine.summary({ topic, from, to });
    const range = describeRange(from, to);
    const sourceCount = new Set(result.sentences.flatMap((s) => s.sources.map((x) => x.id))).size;
    return {
      kind: 'summary',
      title: topic ? `Summary: ${topic}` : 'Summary',
      intro:
        result.sentences.length === 0
          ? `Nothing in the corpus${topic ? ` about "${topic}"` : ''}${range}. Try another topic or range.`
          : `${count(result.sentences.length, 'key point')} from ${count(sourceCount, 'source')}${range}.`,
      items: result.sentences.map((s) => ({ text: s.text, sources: s.sources, facts: s.facts })),
      data: {
        topic: result.topic,
        sentences: result.sentences.map((s) => ({ text: s.text, sources: s.sources.map(toJsonSource), facts: s.facts })),
      },
    };
  },
};
