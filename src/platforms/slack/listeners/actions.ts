/**
 * The buttons on an answer. Page buttons re-run the command from the button
 * value and replace the ephemeral preview with the requested page; "Share in
 * channel" posts the whole answer publicly and removes the preview.
 */
import type { App, BlockButtonAction, RespondFn } from '@slack/bolt';
import type { SlackWebClient as WebClient } from '../client.js';
import { logger } from '../../../core/log.js';
import { errorReply, type Reply } from '../../../core/reply.js';
import { ACTION_SHARE, PAGE_ACTION, decodeActionValue } from '../blocks/actions.js';
import { renderReply, type SlackMessage } from '../blocks/render.js';
import { previewResponse, runCommand, sharedMessages, type AnswerDeps } from '../answer.js';
import { patientRespond } from '../respond.js';

/** response_url allows 5 uses; keep one for removing the preview. */
const MAX_RESPOND_PAGES = 4;

const SORRY = errorReply('Sorry, that did not work; the error is in the bot\'s log. Run the command again.');
const STALE_BUTTON = errorReply('This button is from an older version of the bot. Run the command again.');

type ButtonValue = NonNullable<ReturnType<typeof decodeActionValue>>;

export function registerActionListeners(app: App, deps: AnswerDeps): string[] {
  /** Every button re-runs the command in its value; only what is done with the answer differs. */
  const onButton = (
    actionId: string | RegExp,
    failure: string,
    use: (reply: Reply, value: ButtonValue, body: BlockButtonAction, respond: RespondFn, client: WebClient) => Promise<void>,
  ) =>
    app.action<BlockButtonAction>({ type: 'block_actions', action_id: actionId }, async ({ ack, body, action, respond: respondOnce, client }) => {
      const respond = patientRespond(respondOnce, Date.now());
      await ack();
      const value = decodeActionValue(action.value);
      try {
        if (!value) {
          await respond(ephemeral(renderReply(STALE_BUTTON)[0]!));
          return;
        }
        const reply = await runCommand(deps, value, { user: body.user.id, channel: body.channel?.id });
        await use(reply, value, body, respond, client);
      } catch (err) {
        logger.error({ err: (err as Error).message }, failure);
        await respond(ephemeral(renderReply(SORRY)[0]!)).catch(() => {});
      }
    });

  onButton(PAGE_ACTION, 'slack: could not show a page', async (reply, value, _body, respond) => {
    await respond(previewResponse(reply, value, value.page, true));
  });
  onButton(ACTION_SHARE, 'slack: could not share an answer', async (reply, value, body, respond, client) => {
    await share(client, respond, body.channel?.id, sharedMessages(reply, value, body.user.id));
    await respond({ delete_original: true });
  });

  return [`action:${PAGE_ACTION.source}`, `action:${ACTION_SHARE}`];
}

/**
 * Post as the bot (public channels work without an invite thanks to
 * chat:write.public). Where the bot cannot post (a private channel or DM it is
 * not in), fall back to response_url's in_channel answer.
 */
async function share(client: WebClient, respond: RespondFn, channel: string | undefined, messages: SlackMessage[]): Promise<void> {
  if (channel) {
    try {
      for (const m of messages) {
        await client.chat.postMessage({ channel, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false });
      }
      return;
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code !== 'not_in_channel' && code !== 'channel_not_found') throw err;
    }
  }
  for (const m of messages.slice(0, MAX_RESPOND_PAGES)) {
    await respond({ response_type: 'in_channel', replace_original: false, text: m.text, blocks: m.blocks });
  }
}

function ephemeral(m: SlackMessage) {
  return { response_type: 'ephemeral' as const, replace_original: false, text: m.text, blocks: m.blocks };
}
