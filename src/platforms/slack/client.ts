/**
 * WebClient settings shared by the Bolt app and the digest poster: the API
 * base (GovSlack, tests), and rate-limit handling. With
 * `rejectRateLimitedCalls: false` the client waits out a 429's Retry-After
 * and retries; the retry policy also covers 5xx and network errors.
 *
 * The WebClient comes from Bolt's own `webApi` so the app's client and the
 * poster's are the same version (Bolt pins its own @slack/web-api).
 */
import { webApi, type Logger } from '@slack/bolt';

export type SlackWebClient = webApi.WebClient;

type RetryConfig = NonNullable<webApi.WebClientOptions['retryConfig']>;

export function webClientOptions(
  apiUrl: string | undefined,
  logger: Logger,
  retryConfig: RetryConfig = webApi.retryPolicies.fiveRetriesInFiveMinutes,
): webApi.WebClientOptions {
  return {
    slackApiUrl: apiUrl ?? 'https://slack.com/api/',
    rejectRateLimitedCalls: false,
    retryConfig,
    logger,
  };
}

export function createWebClient(
  token: string,
  apiUrl: string | undefined,
  logger: Logger,
  retryConfig?: RetryConfig,
): SlackWebClient {
  return new webApi.WebClient(token, webClientOptions(apiUrl, logger, retryConfig));
}
