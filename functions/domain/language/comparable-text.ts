/** Text as compared for "the same sentence": lower case, anything but letters and digits one space. */
export const comparableText = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
