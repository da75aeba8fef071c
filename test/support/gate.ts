// A gate a test opens when it wants a held step (a read, a write) to go on.
export class Gate {
  private release: () => void = () => {};
  readonly opened = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  open(): void {
    this.release();
  }
}
