// SPDX-License-Identifier: MIT
/**
 * The English catalogue: every string the elements show. Other languages implement the same shape
 * ({@link Messages}); a missing language falls back to English.
 */
export const en = {
  loadFrom: (host: string) =>
    `Comments are on ${host}. Nothing is loaded from there until you ask.`,
  load: 'Load comments',
  loading: 'Loading comments…',
  empty: 'No replies yet. Be the first to reply!',
  error: {
    INVALID_INPUT: 'This comment section is not set up correctly (unknown post address).',
    NOT_FOUND: 'The post was not found. It may have been deleted.',
    AUTH_REQUIRED: 'This server does not show its posts to visitors without an account.',
    RATE_LIMITED: 'The server is busy. Please try again in a minute.',
    NETWORK: 'The server could not be reached.',
    TIMEOUT: 'The server took too long to answer.',
    TOO_LARGE: 'The server sent more data than allowed.',
    INVALID_RESPONSE: 'The server sent an answer that could not be read.',
    SERVER: 'The server had a problem.',
    ABORTED: 'Loading was cancelled.',
  },
  across: (replies: number, likes: number, networks: string[]) =>
    `${replies} ${replies === 1 ? 'reply' : 'replies'} · ${likes} ${likes === 1 ? 'like' : 'likes'} across ${networks.join(' and ')}`,
  sourceFailed: (host: string) => `The replies from ${host} could not be loaded:`,
  retry: 'Try again',
  refresh: 'Check for new replies',
  refreshing: 'Checking for new replies…',
  refreshed: (n: number) =>
    n > 0 ? `${n} new ${n === 1 ? 'reply' : 'replies'}.` : 'No new replies.',
  truncated: 'Only part of this conversation can be shown here.',
  readAll: (host: string) => `Read the whole conversation on ${host}`,
  showMore: (n: number) => `Show ${n} more ${n === 1 ? 'reply' : 'replies'}`,
  replies: (n: number) => `${n} ${n === 1 ? 'reply' : 'replies'}`,
  boosts: (n: number) => `${n} ${n === 1 ? 'boost' : 'boosts'}`,
  likes: (n: number) => `${n} ${n === 1 ? 'like' : 'likes'}`,
  comments: 'Comments',
  commentsCount: (n: number) => `${n} ${n === 1 ? 'comment' : 'comments'}`,
  cw: 'Content warning',
  showMoreCw: 'Show content',
  showLessCw: 'Hide content',
  blockedReply: 'This reply is from an account you cannot see here.',
  deletedReply: 'This reply was deleted.',
  hiddenReply: 'The author hid this reply.',
  showHidden: 'Show reply',
  sensitive: 'Sensitive media',
  showSensitive: 'Show media',
  hideSensitive: 'Hide media',
  noAlt: 'No description',
  edited: 'edited',
  unknownDate: 'unknown date',
  inReplyTo: (name: string) => `In reply to ${name}`,
  reply: 'Reply',
  replyOn: (host: string) => `Reply on ${host}`,
  viewOriginal: 'View on its server',
  dialogTitle: 'Reply from your own account',
  boost: 'Boost',
  like: 'Like',
  dialogBoost: 'Boost from your own account',
  dialogLike: 'Like from your own account',
  media: 'Media',
};

/** The shape of a catalogue. */
export type Messages = typeof en;
