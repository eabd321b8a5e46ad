import { BUSINESS_EVENTS } from './business-events';
import { CONFLICT_AND_LAW_EVENTS } from './conflict-and-law-events';
import type { EventTypeDefinition } from './event-type';
import { POLITICAL_EVENTS } from './political-events';

/**
 * The built-in event types, keyed by the id a topic's `event.type` names ("meeting", "rate
 * decision"). The vocabularies live in three files by field only to keep each one readable.
 */
export const EVENT_TYPES = {
  ...POLITICAL_EVENTS,
  ...CONFLICT_AND_LAW_EVENTS,
  ...BUSINESS_EVENTS,
} as const satisfies Record<string, EventTypeDefinition>;

export type EventTypeId = keyof typeof EVENT_TYPES;

export const BUILT_IN_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly EventTypeId[];

/** Ids are written with single spaces; "rate-decision", "Rate_Decision" name the same type. */
export const normaliseEventType = (type: string): string =>
  type
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/** The built-in id a topic's `event.type` names, or undefined for a type of the topic's own. */
export const builtInEventType = (type: string): EventTypeId | undefined => {
  const id = normaliseEventType(type);
  return Object.hasOwn(EVENT_TYPES, id) ? (id as EventTypeId) : undefined;
};

export const isBuiltInEventType = (type: string): boolean => builtInEventType(type) !== undefined;
