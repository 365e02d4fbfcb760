/** Size and rate bounds both sides agree on. The server enforces them; the client uses them for UI hints. */
export const LIMITS = {
  ideaTextMax: 500,
  commentTextMax: 500,
  reasonMax: 300,
  groupNameMax: 60,
  displayNameMax: 40,
  titleMax: 120,
  groupsPerBoardMax: 40,
  commentsPerIdeaMax: 200,
  dotsPerParticipantMax: 20,
  timerSecondsMax: 4 * 60 * 60,
  /** Ideas approved by one `mod:approve`. */
  approveBatchMax: 100,
  /** Ideas one bulk intent (`ideas:hide`, `ideas:group`) may name. */
  bulkIdeasMax: 100,
  /** Longest posting pace a facilitator may set: one idea per person every N seconds. */
  postingPaceSecondsMax: 600,
  /** Largest single WebSocket frame accepted on /yjs (bytes). */
  yjsMessageMaxBytes: 512 * 1024,
  /**
   * A document whose encoded state would pass this is refused further updates (bytes): below
   * MongoDB's 16 MiB document limit with room for the snapshot record around the state.
   */
  yjsDocumentMaxBytes: 12 * 1024 * 1024,
  /** Largest socket.io packet (bytes). */
  socketMessageMaxBytes: 16 * 1024,
  /** Largest JSON body on /api (bytes). */
  httpBodyMaxBytes: 64 * 1024,
} as const;

/** WebSocket close codes used by the /yjs endpoint (4000-4999 are application codes). */
export const CLOSE_CODES = {
  malformed: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  documentTooLarge: 4413,
  /** An update that would break the document's schema (refused, applied nowhere). */
  invalidUpdate: 4422,
  rateLimited: 4429,
  slowConsumer: 4408,
  serverShutdown: 1001,
} as const;
