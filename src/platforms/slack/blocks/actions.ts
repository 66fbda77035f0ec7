/**
 * The interactive controls on an answer: page buttons and "Share in channel".
 * They are stateless: the button value carries what re-runs the answer
 * (command, the text typed after it, page), so any instance can handle a
 * click, even after a restart.
 */
import { z } from 'zod';
import { SLACK_LIMITS } from './limits.js';

export const ACTION_PREVIOUS = 'briefing_page_previous';
export const ACTION_NEXT = 'briefing_page_next';
export const ACTION_SHARE = 'briefing_share';
/** Matches both page buttons (Bolt routes on action_id). */
export const PAGE_ACTION = /^briefing_page_(previous|next)$/;

/** What re-runs an answer: `/timeline topic:training` → { command: 'timeline', text: 'topic:training' }. */
export interface AnswerRef {
  command: string;
  text: string;
}

export interface ActionValue extends AnswerRef {
  /** 0-based page to show (page buttons) or that was shown (share). */
  page: number;
}

const actionValueSchema = z.object({
  c: z.string().min(1).max(64),
  t: z.string(),
  p: z.number().int().min(0).max(1_000),
});

export function encodeActionValue(value: ActionValue): string {
  return JSON.stringify({ c: value.command, t: value.text, p: value.page });
}

/** The decoded value, or null for a value this bot did not write. */
export function decodeActionValue(raw: string | undefined): ActionValue | null {
  if (!raw) return null;
  try {
    const parsed = actionValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { command: parsed.data.c, text: parsed.data.t, page: parsed.data.p } : null;
  } catch {
    return null;
  }
}

/** Whether controls for this answer fit in a button value (very long typed text does not). */
export function fitsInButton(ref: AnswerRef): boolean {
  return encodeActionValue({ ...ref, page: 1_000 }).length <= SLACK_LIMITS.buttonValue;
}
