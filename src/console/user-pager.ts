// Paging through ListUsers: without a filter, page by page with RAM's Marker; with a name filter,
// one scan of every page (RAM has no server-side name filter) and pages cut from the matches.

import type { ConsoleUser, UserPage } from './console-api.js';

/** ListUsers as the pager calls it. */
export type ListUsers = (marker: string | undefined, maxItems: number) => Promise<UserPage>;

/** One page as shown. */
export interface ShownPage {
  readonly users: readonly ConsoleUser[];
  /** 1-based. */
  readonly pageNumber: number;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
}

/** The largest page ListUsers serves in every RAM version (1–100 documented, 1–1000 in the SDK). */
const SCAN_PAGE_SIZE = 100;

/** A stuck Marker must not loop forever: RAM's user quota is 1000, far below this many pages. */
const MAX_SCAN_PAGES = 1000;

/**
 * Whether a user matches a name filter: case-insensitive substring of the user name or display name.
 *
 * @param user - the user
 * @param filter - the filter text; empty matches everyone
 */
export function matchesUserFilter(user: ConsoleUser, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  return (
    needle === '' ||
    user.userName.toLowerCase().includes(needle) ||
    user.displayName.toLowerCase().includes(needle)
  );
}

/** Pages of users for one filter and page size; create a new pager when either changes. */
export class UserPager {
  /** `markers[i]` opens page i (server paging); its length grows as pages are discovered. */
  #markers: Array<string | undefined> = [undefined];
  #matches: Promise<ConsoleUser[]> | undefined;
  #index = 0;

  /**
   * @param listUsers - one ListUsers call
   * @param pageSize - users per page
   * @param filter - the name filter ('' for none)
   */
  constructor(
    private readonly listUsers: ListUsers,
    private readonly pageSize: number,
    private readonly filter: string,
  ) {}

  /** Whether a name filter applies. */
  get isFiltered(): boolean {
    return this.filter.trim() !== '';
  }

  /** The current page. */
  current(): Promise<ShownPage> {
    return this.#load(this.#index);
  }

  /** The current page read afresh, after users were created or deleted. */
  refresh(): Promise<ShownPage> {
    this.#matches = undefined;
    return this.#load(this.#index);
  }

  /** The next page (stays on the last one). */
  next(): Promise<ShownPage> {
    return this.#load(this.#index + 1);
  }

  /** The previous page (stays on the first one). */
  previous(): Promise<ShownPage> {
    return this.#load(Math.max(0, this.#index - 1));
  }

  async #load(index: number): Promise<ShownPage> {
    return this.isFiltered ? this.#loadFilteredPage(index) : this.#loadServerPage(index);
  }

  async #loadServerPage(wanted: number): Promise<ShownPage> {
    const index = Math.min(wanted, this.#markers.length - 1);
    const page = await this.listUsers(this.#markers[index], this.pageSize);
    // The page emptied (its users were deleted): show the one before instead.
    if (page.users.length === 0 && index > 0) return this.#loadServerPage(index - 1);
    this.#index = index;
    this.#markers = [
      ...this.#markers.slice(0, index + 1),
      ...(page.marker === undefined ? [] : [page.marker]),
    ];
    return {
      users: page.users,
      pageNumber: index + 1,
      hasPrevious: index > 0,
      hasNext: page.marker !== undefined,
    };
  }

  async #loadFilteredPage(wanted: number): Promise<ShownPage> {
    this.#matches ??= this.#scan().catch((error: unknown) => {
      this.#matches = undefined;
      throw error;
    });
    const matches = await this.#matches;
    const pages = Math.max(1, Math.ceil(matches.length / this.pageSize));
    const index = Math.min(wanted, pages - 1);
    this.#index = index;
    return {
      users: matches.slice(index * this.pageSize, (index + 1) * this.pageSize),
      pageNumber: index + 1,
      hasPrevious: index > 0,
      hasNext: index < pages - 1,
    };
  }

  async #scan(): Promise<ConsoleUser[]> {
    const matches: ConsoleUser[] = [];
    let marker: string | undefined;
    for (let pages = 0; pages < MAX_SCAN_PAGES; pages++) {
      const page = await this.listUsers(marker, SCAN_PAGE_SIZE);
      matches.push(...page.users.filter((user) => matchesUserFilter(user, this.filter)));
      if (page.marker === undefined || page.marker === marker) break;
      marker = page.marker;
    }
    return matches;
  }
}
