/**
 * The topic profile: what "on topic" means for a corpus, as data.
 *
 * A profile is a set of facets, each a list of weighted terms. A document is
 * on topic when every `required` facet is present and the weighted facet score
 * reaches `threshold`. The default profile (UK military and financial support
 * for Ukraine) lives here; another corpus supplies its own JSON file in the
 * same shape (BRIEFING_TOPIC_FILE), e.g.
 *
 *   {"name": "EU energy policy", "threshold": 0.5,
 *    "facets": [{"name": "subject", "required": true, "weight": 2,
 *                "terms": {"gas": 1, "electricity": 1, "energy": 1}}]}
 *
 * Terms are matched case-insensitively on word boundaries; a term ending in
 * `*` matches any word starting with it (`ukrain*`). A facet with a negative
 * weight is a distractor: its terms pull the score down (sport, cooking).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';

export interface TopicFacet {
  name: string;
  /** A document missing this facet entirely is off topic, whatever its score. */
  required: boolean;
  /** Share of the score; negative for distractor facets. */
  weight: number;
  /** Weighted hits at which the facet counts as ~63% present (1 - e^-1). */
  saturation: number;
  /** term → weight (how strongly one occurrence signals the facet). */
  terms: Record<string, number>;
}

export interface TopicProfile {
  name: string;
  description: string;
  /** Minimum relevance (0..1) for `relevant`. */
  threshold: number;
  facets: TopicFacet[];
}

/** Default: UK military and financial support for Ukraine. */
export const DEFAULT_TOPIC: TopicProfile = {
  name: 'UK support for Ukraine',
  description: 'UK military and financial support for Ukraine: aid packages, loans, weapons, training, troops, diplomacy.',
  threshold: 0.45,
  facets: [
    {
      name: 'Ukraine',
      required: true,
      weight: 3,
      saturation: 3,
      terms: {
        'ukrain*': 1,
        kyiv: 1,
        kiev: 1,
        'zelensk*': 1,
        crimea: 0.5,
        donbas: 0.5,
        kharkiv: 0.5,
        zaporizhzhia: 0.5,
        kherson: 0.5,
        umerov: 0.5,
        interflex: 1,
      },
    },
    {
      name: 'United Kingdom',
      required: false,
      weight: 2,
      saturation: 2,
      terms: {
        uk: 1,
        britain: 1,
        british: 1,
        'united kingdom': 1,
        london: 0.5,
        'downing street': 1,
        'number 10': 1,
        starmer: 1,
        healey: 1,
        lammy: 1,
        'prime minister': 0.5,
        'foreign secretary': 1,
        'defence secretary': 1,
        'ministry of defence': 1,
        mod: 0.5,
        whitehall: 0.5,
        'house of commons': 0.5,
        'the commons': 0.5,
        treasury: 0.5,
      },
    },
    {
      name: 'support',
      required: true,
      weight: 2,
      saturation: 3,
      terms: {
        'military aid': 2,
        'military support': 2,
        'air defence*': 1.5,
        'air defense*': 1.5,
        'training': 1,
        'troops': 1,
        'weapons': 1,
        'drone*': 1,
        'artillery': 1,
        'munitions': 1,
        'ammunition': 1,
        'tank*': 1,
        'shells': 1,
        'fighter jet*': 1,
        'equipment': 0.5,
        'missile*': 1,
        'sanctions': 1,
        'loan*': 1,
        'package': 0.5,
        'aid': 1,
        'support': 0.5,
        'funding': 0.5,
        'pledg*': 0.5,
        'peacekeep*': 1,
        // Diplomacy is support too: guarantees, summits and peace talks for Ukraine.
        'security guarantee*': 1.5,
        'coalition of the willing': 1.5,
        'diploma*': 1,
        'summit*': 0.5,
        'peace': 0.5,
        'negotiat*': 0.5,
        'talks': 0.5,
        'deter*': 0.5,
        'defence': 0.5,
        'defense': 0.5,
        'war': 0.5,
        'invasion': 0.5,
        'russia*': 0.5,
        'putin': 0.5,
        'nato': 0.5,
        'ceasefire': 0.5,
      },
    },
    {
      name: 'distractors',
      required: false,
      weight: -3,
      saturation: 3,
      terms: {
        'sport*': 1,
        'athlet*': 1,
        'olympic*': 1,
        'paralympic*': 1,
        'football*': 1,
        'premier league': 1,
        'medal*': 1,
        'stadium*': 1,
        'grassroots': 0.5,
        'recipe*': 1,
        'cooking': 1,
        'chef*': 1,
        'festival*': 1,
        'cuisine': 1,
        'food': 0.5,
        'dish*': 0.5,
      },
    },
  ],
};

const facetSchema = z.object({
  name: z.string().min(1),
  required: z.boolean().default(false),
  weight: z.number().refine((w) => w !== 0, 'weight must not be 0'),
  saturation: z.number().positive().default(3),
  terms: z.record(z.string().min(1), z.number().positive()).refine((t) => Object.keys(t).length > 0, 'terms must not be empty'),
});

const profileSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  threshold: z.number().min(0).max(1),
  facets: z.array(facetSchema).min(1),
});

/** A topic profile file that cannot be used; the message is one line with the fix. */
export class TopicProfileError extends Error {
  override name = 'TopicProfileError';
}

/** The default profile, or the JSON profile at `path` (validated; errors are one line). */
export function loadTopicProfile(path?: string): TopicProfile {
  if (!path) return DEFAULT_TOPIC;
  let raw: string;
  try {
    raw = fs.readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new TopicProfileError(`topic file ${path} cannot be read (${code}): check BRIEFING_TOPIC_FILE points to a JSON topic profile`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new TopicProfileError(`topic file ${path} is not valid JSON (${(err as Error).message.split('\n')[0]}): fix the file`);
  }
  const parsed = profileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') || '(root)' : '(root)';
    throw new TopicProfileError(
      `topic file ${path} is not a topic profile (${where}: ${issue?.message ?? 'invalid'}): see src/topic/profile.ts for the shape`,
    );
  }
  return parsed.data;
}

/** A short hash of the profile's content: the database records it to notice a changed profile. */
export function profileHash(profile: TopicProfile): string {
  return createHash('sha256').update(JSON.stringify(profile)).digest('hex').slice(0, 16);
}
