/**
 * Writing files so that a crash never leaves a half-written one under its final name: write a temporary
 * file beside the target, flush it, then link or rename it into place and flush the directory.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A fresh temporary path in `target`'s directory (so the final rename or link stays on one filesystem). */
export function tempPathBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Flushes a file's (or a directory's) content to disk. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Moves the flushed `temp` to `target`: with `replace`, by rename (replacing any file there); without, by
 * a hard link, which fails with EEXIST rather than replace a file that appeared in the meantime. Either
 * way `target` is complete or absent, and `temp` is gone afterwards.
 */
export function placeFile(temp: string, target: string, replace: boolean): void {
  try {
    if (replace) renameSync(temp, target);
    else linkSync(temp, target);
  } finally {
    rmSync(temp, { force: true });
  }
  fsyncPath(dirname(target));
}
