import type { StoryState } from '../../../functions/domain/stories/story-grouping';
import type { StoryIndex, StoryIndexSlot } from '../../../functions/ports/ports';

/**
 * The story index port in memory, keeping its contract: slot writes conditional on the version
 * read, a lost race taken back whole, state updates conditional on the revision. Counts reads and
 * writes as DynamoDB would bill items, for the eval's and the tests' figures.
 */
export class InMemoryStoryIndex implements StoryIndex {
  readonly slots = new Map<string, { storyIds: Set<string>; version: number }>();
  readonly states = new Map<string, StoryState>();
  /** Reads as DynamoStoryIndex bills them: one item per key (all its months), one per state. */
  readonly counts = { keyReads: 0, stateReads: 0, slotWrites: 0, stateWrites: 0, conflicts: 0 };
  /** Called before each conditional slot write: a test makes another founder win the race there. */
  beforeSlotWrite?: (slot: StoryIndexSlot) => Promise<void> | void;

  private slot(key: string, month: string) {
    const id = `${key}\u0000${month}`;
    let slot = this.slots.get(id);
    if (!slot) {
      slot = { storyIds: new Set(), version: 0 };
      this.slots.set(id, slot);
    }
    return slot;
  }

  async lookup(keys: readonly string[], months: readonly string[]): Promise<StoryIndexSlot[]> {
    this.counts.keyReads += keys.length;
    return months.flatMap((month) =>
      keys.map((key) => {
        const slot = this.slots.get(`${key}\u0000${month}`);
        return { key, month, storyIds: [...(slot?.storyIds ?? [])].sort(), version: slot?.version ?? 0 };
      }),
    );
  }

  async read(storyIds: readonly string[]): Promise<StoryState[]> {
    this.counts.stateReads += storyIds.length;
    return storyIds.flatMap((id) => {
      const state = this.states.get(id);
      return state ? [state] : [];
    });
  }

  async create(story: StoryState, slots: readonly StoryIndexSlot[]): Promise<boolean> {
    this.counts.stateWrites += 1;
    if (this.states.has(story.storyId)) {
      this.counts.conflicts += 1;
      return false;
    }
    this.states.set(story.storyId, story);
    const listed: StoryIndexSlot[] = [];
    for (const read of [...slots].sort((a, b) => (a.key < b.key ? -1 : 1))) {
      await this.beforeSlotWrite?.(read);
      const slot = this.slot(read.key, read.month);
      this.counts.slotWrites += 1;
      if (slot.version !== read.version) {
        this.counts.conflicts += 1;
        for (const done of listed) this.slot(done.key, done.month).storyIds.delete(story.storyId);
        this.states.delete(story.storyId);
        return false;
      }
      slot.storyIds.add(story.storyId);
      slot.version += 1;
      listed.push(read);
    }
    return true;
  }

  async update(story: StoryState, listUnder: readonly { key: string; month: string }[]): Promise<boolean> {
    // Listed first, as DynamoStoryIndex does (see there why).
    for (const { key, month } of listUnder) {
      const slot = this.slot(key, month);
      slot.storyIds.add(story.storyId);
      slot.version += 1;
      this.counts.slotWrites += 1;
    }
    const stored = this.states.get(story.storyId);
    this.counts.stateWrites += 1;
    if (!stored || stored.revision !== story.revision - 1) {
      this.counts.conflicts += 1;
      return false;
    }
    this.states.set(story.storyId, story);
    return true;
  }
}
