/** The topics a reader follows and mutes: what the feed rule asks of the reader. */
export interface TopicGraph {
  follows: Set<string>;
  mutes: Set<string>;
}
