/**
 * Slack's message limits, in one place. Every rendered message is checked
 * against these before it is sent; the renderer paginates to stay inside.
 *
 * Block Kit documents 50 blocks per message, 3,000 characters per section
 * text and 150 per header. The total is not documented: bolt-js #2509 saw
 * `msg_blocks_too_long` near 13k characters of block JSON, so we keep a wide
 * margin below that.
 */
import type { types } from '@slack/bolt';

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3_000,
  headerText: 150,
  /** Text of one element of a context block. */
  contextText: 3_000,
  /** Elements of one context block. */
  contextElements: 10,
  /** `JSON.stringify(blocks).length` budget for one message. */
  blocksJson: 11_000,
  /** Top-level `text` (notification fallback); Slack truncates at 40k, we keep it short. */
  fallbackText: 3_000,
  /** A button's `value`. */
  buttonValue: 2_000,
  buttonText: 75,
} as const;

/** The first limit a message breaks, in words, or null when it fits. */
export function limitViolation(blocks: readonly types.KnownBlock[]): string | null {
  if (blocks.length > SLACK_LIMITS.blocksPerMessage) {
    return `${blocks.length} blocks (max ${SLACK_LIMITS.blocksPerMessage})`;
  }
  for (const block of blocks) {
    if (block.type === 'header' && block.text.text.length > SLACK_LIMITS.headerText) {
      return `header of ${block.text.text.length} characters (max ${SLACK_LIMITS.headerText})`;
    }
    if (block.type === 'section' && block.text && block.text.text.length > SLACK_LIMITS.sectionText) {
      return `section of ${block.text.text.length} characters (max ${SLACK_LIMITS.sectionText})`;
    }
    if (block.type === 'context') {
      if (block.elements.length > SLACK_LIMITS.contextElements) return `context of ${block.elements.length} elements`;
      for (const el of block.elements) {
        if ('text' in el && typeof el.text === 'string' && el.text.length > SLACK_LIMITS.contextText) {
          return `context text of ${el.text.length} characters (max ${SLACK_LIMITS.contextText})`;
        }
      }
    }
  }
  const size = JSON.stringify(blocks).length;
  if (size > SLACK_LIMITS.blocksJson) return `${size} characters of blocks (budget ${SLACK_LIMITS.blocksJson})`;
  return null;
}

export function fitsLimits(blocks: readonly types.KnownBlock[]): boolean {
  return limitViolation(blocks) === null;
}
