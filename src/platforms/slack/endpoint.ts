/** Where Slack sends slash commands and button clicks on the shared HTTP server. */
export const SLACK_EVENTS_PATH = '/slack/events';
