/**
 * WebClient settings shared by the Bolt app and the digest poster: the API
 * base (GovSlack, tests), and rate-limit handling. With
 * `rejectRateLimitedCalls: false` the client waits out a 429's Retry-After
 * and retries; the retry policy also covers 5xx and network errors. The
 * digest poster's client does neither (createPostingClient): the outbox
 * owns its retries.
 *
 * The WebClient comes from Bolt's own `webApi` so the app's client and the
 * poster's are the same version (Bolt pins its own @slack/web-api).
 */
import { webApi, type Logger } from '@slack/bolt';

export type SlackWebClient = webApi.WebClient;

type RetryConfig = NonNullable<webApi.WebClientOptions['retryConfig']>;

/** For a call a user is waiting on: one attempt, a short timeout, a 429 is a failure (not a wait). */
export const FAIL_FAST: { retryConfig: RetryConfig; tuning: ClientTuning } = {
  retryConfig: { retries: 0 },
  tuning: { timeoutMs: 3_000, rejectRateLimitedCalls: true },
};

export interface ClientTuning {
  /** Per-request timeout; none by default. */
  timeoutMs?: number;
  /** true: a 429 fails the call instead of waiting out Retry-After. */
  rejectRateLimitedCalls?: boolean;
}

export function webClientOptions(
  apiUrl: string | undefined,
  logger: Logger,
  retryConfig: RetryConfig = webApi.retryPolicies.fiveRetriesInFiveMinutes,
  tuning: ClientTuning = {},
): webApi.WebClientOptions {
  return {
    slackApiUrl: apiUrl ?? 'https://slack.com/api/',
    rejectRateLimitedCalls: tuning.rejectRateLimitedCalls ?? false,
    retryConfig,
    ...(tuning.timeoutMs ? { timeout: tuning.timeoutMs } : {}),
    logger,
  };
}

export function createWebClient(
  token: string,
  apiUrl: string | undefined,
  logger: Logger,
  retryConfig?: RetryConfig,
  tuning?: ClientTuning,
): SlackWebClient {
  return new webApi.WebClient(token, webClientOptions(apiUrl, logger, retryConfig, tuning));
}

/**
 * The digest poster's client: one attempt per call, a 429 reported at once
 * (with its Retry-After), and every request aborted after `timeoutMs`, so a
 * post's lifetime stays inside the outbox's stale window. Its retry loop
 * would re-send a chat.postMessage Slack had applied but whose answer was
 * lost (a second digest), and could run for twenty minutes.
 */
export function createPostingClient(token: string, apiUrl: string | undefined, logger: Logger, timeoutMs: number): SlackWebClient {
  return new webApi.WebClient(token, {
    ...webClientOptions(apiUrl, logger, { retries: 0 }),
    rejectRateLimitedCalls: true,
    // `timeout` is axios's idle timeout; the signal bounds the whole request.
    timeout: timeoutMs,
    requestInterceptor: (config) => ({ ...config, signal: AbortSignal.timeout(timeoutMs) }),
  });
}
