/** A one-line progress indicator on stderr, redrawn in place; silent when stderr is not a terminal. */
import type { CliIo } from '../command.js';

const REDRAW_INTERVAL_MS = 100;

/** Reports `done/total` while a long run goes on. */
export class Progress {
  #lastDraw = 0;
  #drawn = false;

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
    private readonly enabled: boolean,
  ) {}

  /** Shows the count, at most every 100 ms (and always the final one). */
  update(done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (done < total && now - this.#lastDraw < REDRAW_INTERVAL_MS) return;
    this.#lastDraw = now;
    this.#drawn = true;
    this.io.stderr(`\r\u001b[2Kakm: ${this.label} ${done}/${total}`);
  }

  /** Clears the line, leaving stderr as it was. */
  finish(): void {
    if (this.#drawn) this.io.stderr('\r\u001b[2K');
    this.#drawn = false;
  }
}
