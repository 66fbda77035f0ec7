/** Options several commands share, defined once. */
import type { OptionDefinition } from '../src/core/command.js';

export const topicOption: OptionDefinition = {
  name: 'topic',
  type: 'string',
  description: 'Person, organisation or subject to focus on (e.g. training, Healey)',
  positional: true,
  autocomplete: true,
};

export const fromOption: OptionDefinition = {
  name: 'from',
  type: 'date',
  description: 'Earliest date, YYYY-MM-DD (or YYYY-MM, YYYY)',
};

export const toOption: OptionDefinition = {
  name: 'to',
  type: 'date',
  description: 'Latest date, YYYY-MM-DD (or YYYY-MM, YYYY)',
};

export const limitOption: OptionDefinition = {
  name: 'limit',
  type: 'integer',
  description: 'How many entries at most (1-200)',
  min: 1,
  max: 200,
};
