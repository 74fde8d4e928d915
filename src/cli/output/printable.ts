/** Text from the server made safe for a terminal: control characters could redraw the operator's screen. */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** `text` with every control character (line breaks, ANSI escapes' ESC) replaced by a space. */
export function printable(text: string): string {
  return text.replace(CONTROL, ' ');
}
