/**
 * Text shown to people (titles, summaries, evidence, email and SMS) without the characters that
 * change how it reads rather than what it says: bidirectional embeddings, overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069) and the directional marks U+200E, U+200F and U+061C, with which
 * a title can show its words in another order than the one matched and stored ("Trump will
 * U+202E teem ton" reads as "will not meet"); and C0 and C1 control characters other than tab and
 * newline. A control that breaks a line (vertical tab, form feed, carriage return, NEL) becomes a
 * space; the others go. Defined once: the analysis applies it to what it outputs, and the message
 * formatters again, as their last line of defence.
 */

/* eslint-disable no-control-regex -- control characters are exactly what these match */
const DISPLAY_CONTROLS =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LINE_BREAKING = /[\u000b\u000c\u000d\u0085]/g;
/* eslint-enable no-control-regex */
const ALL_DISPLAY_CONTROLS = new RegExp(DISPLAY_CONTROLS.source, 'g');

/** The text without bidi controls, directional marks and control characters (tab and newline stay). */
export const displayText = (text: string): string =>
  DISPLAY_CONTROLS.test(text) ? text.replace(LINE_BREAKING, ' ').replace(ALL_DISPLAY_CONTROLS, '') : text;
