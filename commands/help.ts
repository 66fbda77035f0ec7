import type { ReadCommand } from '../src/core/command.js';
import { platformUsage, syntaxOf, usage } from '../src/core/options.js';
import { count } from '../src/core/plural.js';

export const help: ReadCommand = {
  readsOnly: true,
  definition: {
    name: 'help',
    description: 'What the bot can do, with examples',
    options: [],
    private: true,
    examples: ['/help'],
  },
  async run(_args, ctx) {
    const stats = await ctx.engine.stats();
    const spell = ctx.commandName ?? ((name: string) => `/${name}`);
    // From the context, not commands/index.ts: the registry lists help itself.
    const listed = ctx.commands.all().filter((c) => !c.definition.platforms || c.definition.platforms.includes(ctx.platform));
    return {
      kind: 'help',
      title: 'Briefing bot',
      intro: `I answer from ${count(stats.documents, 'article')} (${stats.relevant} on topic${
        stats.firstPublished ? `, ${stats.firstPublished} to ${stats.lastPublished}` : ''
      }). Every answer cites its sources.`,
      items: listed.map((c) => ({
        text: `${spell(c.definition.name)}: ${c.definition.description}. Usage: ${usage(c.definition, undefined, syntaxOf(ctx))}${
          c.definition.examples?.length ? `. Example: ${platformUsage(c.definition.examples.at(-1)!, ctx.commandName)}` : ''
        }`,
        sources: [],
      })),
      ephemeral: true,
    };
  },
};
