/**
 * One Slack slash command per command definition. Acknowledge at once (Slack
 * gives 3 s), then run the command and answer through response_url.
 */
import type { App } from '@slack/bolt';
import { allCommands } from '../../../../commands/index.js';
import { logger } from '../../../core/log.js';
import { errorReply } from '../../../core/reply.js';
import { previewResponse, runCommand, type AnswerDeps } from '../answer.js';
import { offeredOnSlack, slackCommandName } from '../command-names.js';
import { patientRespond } from '../respond.js';

const SORRY = errorReply(`Sorry, that did not work; the error is in the bot's log.`);

/** Registers the listeners; returns the slash names, for logs and tests. */
export function registerCommandListeners(app: App, deps: AnswerDeps): string[] {
  const registered: string[] = [];
  for (const { definition } of allCommands()) {
    if (!offeredOnSlack(definition)) continue;
    const slash = slackCommandName(definition.name);
    app.command(slash, async ({ command, ack, respond: respondOnce }) => {
      const respond = patientRespond(respondOnce, Date.now());
      await ack();
      const answer = { command: definition.name, text: command.text ?? '' };
      try {
        const reply = await runCommand(deps, answer, { user: command.user_id, channel: command.channel_id });
        await respond(previewResponse(reply, answer, 0, false));
      } catch (err) {
        // dispatch never throws for bad input: this is a rendering bug or Slack refusing the response.
        logger.error({ err: (err as Error).message, command: slash }, 'slack: could not answer a slash command');
        await respond(previewResponse(SORRY, answer, 0, false)).catch(() => {});
      }
    });
    registered.push(slash);
  }
  return registered;
}
