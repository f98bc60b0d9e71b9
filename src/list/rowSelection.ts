/**
 * The selected rows of a list, by name, with the anchor that shift-click extends from.
 *
 * Names rather than indices are stored, so a selection survives a refresh or a re-sort that
 * moves the rows. `nameAt` returns the name of a loaded row, or undefined for a row that is
 * not fetched yet. A shift-click range skips those rows.
 */
export class RowSelection {
  /**
   * The selected names, in the order they were selected.
   */
  get names(): string[] {
    return [...this._names];
  }

  get size(): number {
    return this._names.size;
  }

  has(name: string): boolean {
    return this._names.has(name);
  }

  /**
   * Updates the selection after a click on the row at `index`.
   *
   * `replace` (a plain click) selects only that row, `toggle` (ctrl or cmd) adds or removes it,
   * and `range` (shift) selects the loaded rows from the anchor to it. Returns false when the row
   * is not loaded, so nothing changed.
   */
  click(
    index: number,
    mode: 'replace' | 'toggle' | 'range',
    nameAt: (index: number) => string | undefined,
    indexOf: (name: string) => number
  ): boolean {
    const name = nameAt(index);
    if (name === undefined) {
      return false;
    }

    const anchorIndex = this._anchor === null ? -1 : indexOf(this._anchor);
    if (mode === 'range' && anchorIndex >= 0) {
      const [start, end] = anchorIndex <= index ? [anchorIndex, index] : [index, anchorIndex];
      const names = new Set<string>();
      for (let position = start; position <= end; position++) {
        const rowName = nameAt(position);
        if (rowName !== undefined) {
          names.add(rowName);
        }
      }
      this._names = names;
      return true;
    }

    if (mode === 'toggle') {
      if (this._names.has(name)) {
        this._names.delete(name);
      } else {
        this._names.add(name);
      }
    } else {
      this._names = new Set([name]);
    }
    this._anchor = name;
    return true;
  }

  /**
   * Selects exactly these names, for example after a right click on an unselected row.
   */
  set(names: string[]): void {
    this._names = new Set(names);
    this._anchor = names.length > 0 ? names[names.length - 1] : null;
  }

  clear(): void {
    this._names.clear();
    this._anchor = null;
  }

  private _names = new Set<string>();
  private _anchor: string | null = null;
}
