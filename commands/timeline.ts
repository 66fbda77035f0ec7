import type { ReadCommand } from '../src/core/command.js';
import { checkRange, syntaxOf } from '../src/core/options.js';
import type { CommandSyntax } from '../src/core/syntax.js';
import { describeRange, toJsonSource } from '../src/core/present.js';
import { fromOption, limitOption, toOption, topicOption } from './shared-options.js';
import { count } from '../src/core/plural.js';

export const timeline: ReadCommand = {
  readsOnly: true,
  definition: {
    name: 'timeline',
    description: 'Dated timeline of events, each with its sources',
    options: [topicOption, fromOption, toOption, limitOption],
    examples: ['/timeline', '/timeline topic:training from:2024-12-01', '/timeline Healey limit:5'],
  },
  async run(args, ctx) {
    const { topic, from, to } = args.options as { topic?: string; from?: string; to?: string };
    // Unset: the engine's default, the one the CLI and JSON contract document.
    const limit = args.options.limit as number | undefined;
    checkRange(from, to, { definition: timeline.definition });
    const result = await ctx.engine.timeline({ topic, from, to, limit });
    const shown = result.entries.length;
    const range = describeRange(from, to);
    return {
      kind: 'timeline',
      title: topic ? `Timeline: ${topic}` : 'Timeline',
      intro:
        shown === 0
          ? `No dated events${topic ? ` about "${topic}"` : ''}${range}. Try a wider range or another topic.`
          : `${shown} of ${count(result.total, 'event')}${topic ? ` about "${topic}"` : ''}${range}, oldest first.`,
      items: result.entries.map((e) => ({ date: e.date, text: e.text, sources: e.sources, facts: e.facts })),
      footer: result.total > shown ? moreFooter(result.total - shown, syntaxOf(ctx)) : undefined,
      data: {
        entries: result.entries.map((e) => ({
          date: e.date,
          text: e.text,
          sources: e.sources.map(toJsonSource),
          facts: e.facts,
        })),
      },
    };
  },
};

function moreFooter(more: number, s: CommandSyntax): string {
  return `${more.toLocaleString('en-GB')} more: raise ${s.option('limit', 'N')} or narrow ${s.option('from', 'DATE')} / ${s.option('to', 'DATE')}.`;
}
